# Mean and sample standard deviation over seeds of results.tsv rows (protocol dataset method seed metric value
# seconds), one output row per (protocol, dataset, method, metric).
BEGIN { FS = OFS = "\t"; print "protocol", "dataset", "method", "metric", "mean", "sd", "n", "mean_seconds" }
NR == 1 { next }
{ k = $1 OFS $2 OFS $3 OFS $5; n[k]++; s[k] += $6; ss[k] += $6 * $6; if ($7 != "") { t[k] += $7; tn[k]++ }; if (!(k in order)) { order[k] = ++nk; keys[nk] = k } }
END { for (i = 1; i <= nk; i++) { k = keys[i]; m = s[k] / n[k]; v = (n[k] > 1) ? (ss[k] - n[k] * m * m) / (n[k] - 1) : 0; if (v < 0) v = 0
      sdev = (n[k] > 1) ? sprintf("%.4f", sqrt(v)) : "NA"; secs = tn[k] ? sprintf("%.0f", t[k] / tn[k]) : ""
      printf "%s\t%.4f\t%s\t%d\t%s\n", k, m, sdev, n[k], secs } }
