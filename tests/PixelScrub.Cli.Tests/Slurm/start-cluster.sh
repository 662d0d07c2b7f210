#!/bin/bash
# Starts a one-node Slurm cluster (munged, slurmctld, slurmd) under DIR, without systemd, for the shard tests.
# Usage: start-cluster.sh DIR   -> writes DIR/env (SLURM_CONF=...) and DIR/pids (the daemons' pids, one a line);
# stop it with stop-cluster.sh DIR. Needs Debian's slurmctld, slurmd, slurm-client and munge (fails naming them).
set -euo pipefail
dir=$(readlink -f "${1:?usage: start-cluster.sh DIR}")
for tool in munged mungekey slurmctld slurmd sbatch sinfo; do
    command -v "$tool" > /dev/null || PATH=$PATH:/usr/sbin:/sbin command -v "$tool" > /dev/null || {
        echo "missing $tool: apt-get install slurmctld slurmd slurm-client munge" >&2
        exit 3
    }
done
export PATH=$PATH:/usr/sbin:/sbin
mkdir -p "$dir"/{munge,state,spool,log}
chmod 700 "$dir/munge"
: > "$dir/pids"

# munge: its own key, socket and pid file under DIR
mungekey --create --keyfile="$dir/munge/munge.key" --force
chmod 600 "$dir/munge/munge.key"
munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed" --force
for _ in $(seq 50); do [ -s "$dir/munge/munged.pid" ] && break; sleep 0.1; done
cat "$dir/munge/munged.pid" >> "$dir/pids"

host=$(hostname -s)
cpus=$(nproc)
port=$((20000 + RANDOM % 20000))
cat > "$dir/slurm.conf" <<CONF
ClusterName=pixelscrub-test
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/backfill
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
echo "SLURM_CONF=$dir/slurm.conf" > "$dir/env"
export SLURM_CONF=$dir/slurm.conf

slurmctld -D -f "$SLURM_CONF" > "$dir/log/slurmctld.out" 2>&1 &
echo $! >> "$dir/pids"
slurmd -D -f "$SLURM_CONF" > "$dir/log/slurmd.out" 2>&1 &
echo $! >> "$dir/pids"

for _ in $(seq 300); do
    if sinfo -h -o %t 2> /dev/null | grep -qx idle; then
        echo "slurm up: $(sinfo -h -o '%P %t %c')"
        exit 0
    fi
    sleep 0.2
done
echo "slurm did not come up idle within 60 s; logs:" >&2
tail -n 20 "$dir"/log/*.log "$dir"/log/*.out >&2 || true
exit 4
