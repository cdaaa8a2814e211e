package org.stdeconv.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML page (images embedded as base64 PNG) that qc and evaluate write, so a report can be opened
 * anywhere or attached to an e-mail without its folder.
 */
public final class HtmlReport {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A table; the first row is the header. */
    public HtmlReport table(List<List<String>> rows) {
        body.append("<table>\n");
        for (int i = 0; i < rows.size(); i++) {
            String cell = i == 0 ? "th" : "td";
            body.append("<tr>");
            for (String c : rows.get(i)) body.append('<').append(cell).append('>').append(esc(c)).append("</").append(cell).append('>');
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Embeds a PNG file. */
    public HtmlReport image(Path png, String caption) {
        try {
            String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
            body.append("<figure><img alt=\"").append(esc(caption)).append("\" src=\"data:image/png;base64,").append(b64)
                    .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>"
                + "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
                + "figure{display:inline-block;margin:0.5em}img{max-width:100%;height:auto}figcaption{font-size:small;color:#555}"
                + "</style></head><body>\n<h1>" + esc(title) + "</h1>\n" + body + "</body></html>\n";
    }

    public void write(Path file) {
        try {
            Files.writeString(file, render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
