#!/bin/bash
# Idempotently bring up a single-node SLURM 22.05 cluster (node "localhost") on this machine.
# Needs root. Installs slurm-wlm + munge from Debian if missing. All slurm state/config lives under $SLURM_BASE.
# Used by the SLURM pipeline test (SlurmPipelineIT) and by hand. Afterwards: export SLURM_CONF=$SLURM_BASE/etc/slurm.conf (printed at the end).
set -euo pipefail
SLURM_BASE=${SLURM_BASE:-/tmp/stdeconv-slurm}
export SLURM_CONF=$SLURM_BASE/etc/slurm.conf
T0=$(date +%s.%N)
log(){ printf '[slurm-up %6.1fs] %s\n' "$(echo "$(date +%s.%N) - $T0" | bc)" "$*"; }
alive(){ [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# 1. packages (policy-rc.d in this image prevents the daemons from auto-starting)
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  log "installing slurm-wlm munge"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends \
      slurm-wlm munge bc >/dev/null
fi

# 2. munge (default socket /run/munge/munge.socket.2 so that libmunge/slurm need no extra config)
if [[ ! -s /etc/munge/munge.key ]]; then
  install -d -o munge -g munge -m 0700 /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
fi
install -d -o munge -g munge -m 0755 /run/munge
install -d -o munge -g munge -m 0700 /var/log/munge /var/lib/munge
if alive /run/munge/munged.pid && munge -n | unmunge >/dev/null 2>&1; then
  log "munged already running (pid $(cat /run/munge/munged.pid))"
else
  rm -f /run/munge/munged.pid /run/munge/munge.socket.2*
  runuser -u munge -- /usr/sbin/munged
  for i in $(seq 50); do munge -n | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null
  log "munged started (pid $(cat /run/munge/munged.pid))"
fi

# 3. slurm.conf (rewritten each time; same content => idempotent)
mkdir -p "$SLURM_BASE"/{etc,state,spool,log,run}
CPUS=$(nproc)
MEM=$(( $(awk '/MemTotal/{print int($2/1024)}' /proc/meminfo) - 1024 ))
cat > "$SLURM_CONF".new <<CONF
ClusterName=stdeconv-ci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$SLURM_BASE/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$SLURM_BASE/state
SlurmdSpoolDir=$SLURM_BASE/spool
SlurmctldPidFile=$SLURM_BASE/run/slurmctld.pid
SlurmdPidFile=$SLURM_BASE/run/slurmd.pid
SlurmctldLogFile=$SLURM_BASE/log/slurmctld.log
SlurmdLogFile=$SLURM_BASE/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
if cmp -s "$SLURM_CONF".new "$SLURM_CONF"; then rm "$SLURM_CONF".new; CHANGED=0
else mv "$SLURM_CONF".new "$SLURM_CONF"; CHANGED=1; fi

# 4. daemons (they daemonize themselves and write their PID files; slurm-down.sh kills those PIDs)
if alive "$SLURM_BASE/run/slurmctld.pid"; then
  [[ $CHANGED == 1 ]] && scontrol reconfigure
  log "slurmctld already running (pid $(cat "$SLURM_BASE/run/slurmctld.pid"))"
else
  /usr/sbin/slurmctld -c -f "$SLURM_CONF"   # -c: drop jobs left over from an earlier (unclean) run
  for i in $(seq 100); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.2; done
  log "slurmctld started (pid $(cat "$SLURM_BASE/run/slurmctld.pid"))"
fi
if alive "$SLURM_BASE/run/slurmd.pid"; then
  log "slurmd already running (pid $(cat "$SLURM_BASE/run/slurmd.pid"))"
else
  /usr/sbin/slurmd -c -f "$SLURM_CONF" -N localhost   # hostname is not "localhost", so name the node explicitly
  for i in $(seq 100); do alive "$SLURM_BASE/run/slurmd.pid" && break; sleep 0.1; done
  log "slurmd started (pid $(cat "$SLURM_BASE/run/slurmd.pid"))"
fi

# 5. wait until the node is idle (resume it if a previous unclean stop left it down/drained)
for i in $(seq 150); do
  st=$(sinfo -h -n localhost -o %T 2>/dev/null || true)
  case $st in idle*|mixed*|allocated*) break;;
    down*|drain*) scontrol update NodeName=localhost State=RESUME 2>/dev/null || true;; esac
  sleep 0.2
done
sinfo
[[ $(sinfo -h -n localhost -o %T) =~ ^(idle|mixed|allocated) ]] || { echo "node not ready: $st" >&2; tail -20 "$SLURM_BASE"/log/*.log >&2; exit 1; }
log "cluster up; use: export SLURM_CONF=$SLURM_CONF"
