#!/usr/bin/env bash
# Issue 15: the DICOM node. N (default 300) generated CT files (512x512 12-of-16-bit, ~525 KB each, each its own SOP
# Instance UID: `PixelScrub.Bench generate ct-series`) sent by storescu (a) straight to storescp, the network floor, and
# (b) to `pixelscrub listen --forward` that cleans them (header read, rules, decision; they pass) and forwards them by
# C-STORE to storescp. Rounds alternate (a) and (b); each (b) round starts a fresh node (fresh spool: the node is
# idempotent by SOP Instance UID) and times: storescu done (every object received and acknowledged, fsynced in the
# spool) and the last object stored downstream (received + cleaned + forwarded). Usage: bench/network.sh [N] [ROUNDS]
source "$(dirname "$0")/common.sh"
N="${1:-300}"; ROUNDS="${2:-3}"
build
IN="$WORK/net-in-$N"
if [[ ! -f "$IN/.complete" ]]; then rm -rf "$IN"; $BENCHDLL generate ct-series "$IN" "$N"; touch "$IN/.complete"; fi
MB=$(du -sb --exclude=.complete "$IN" | cut -f1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
now() { date +%s.%N; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
RESULTS="$WORK/net-results.txt"; : > "$RESULTS"
for ((r = 1; r <= ROUNDS; r++)); do
  # (a) storescu -> storescp
  D="$WORK/net-floor"; rm -rf "$D"; mkdir -p "$D"; P=$(free_port)
  storescp -aet FLOOR -od "$D" "$P" & SP=$!; PIDS+=("$SP"); wait_port "$P"
  t0=$(now); storescu -aec FLOOR 127.0.0.1 "$P" "$IN"/*.dcm; t1=$(now)
  n=$(ls "$D" | wc -l); kill "$SP"; wait "$SP" 2>/dev/null || true
  echo "floor $r $(python3 -c "print($t1-$t0)") $n" >> "$RESULTS"
  # (b) storescu -> pixelscrub listen --forward -> storescp
  D="$WORK/net-down"; S="$WORK/net-spool"; rm -rf "$D" "$S"; mkdir -p "$D"; P=$(free_port); Q=$(free_port)
  storescp -aet DOWN -od "$D" "$Q" & SP=$!; PIDS+=("$SP"); wait_port "$Q"
  $PIXELSCRUB listen --text off --port "$P" --ae-title NODE --forward "DOWN@127.0.0.1:$Q" --spool "$S" >/dev/null & NP=$!; PIDS+=("$NP"); wait_port "$P"
  t0=$(now); storescu -aec NODE 127.0.0.1 "$P" "$IN"/*.dcm; t1=$(now)
  while [[ $(wc -l < "$S/forwarded.txt" 2>/dev/null || echo 0) -lt $N ]]; do sleep 0.05; done; t2=$(now)
  n=$(ls "$D" | wc -l); kill "$NP"; wait "$NP" 2>/dev/null || true; kill "$SP"; wait "$SP" 2>/dev/null || true
  echo "node $r $(python3 -c "print($t1-$t0, $t2-$t0)") $n" >> "$RESULTS"
done
machine
echo "load: $(uptime | sed 's/.*load average/load average/')"
echo
python3 - "$RESULTS" "$N" "$MB" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
n = int(sys.argv[2]); mb = int(sys.argv[3]) / 1e6
floor = [float(r[2]) for r in rows if r[0] == 'floor']
recv = [float(r[2]) for r in rows if r[0] == 'node']
e2e = [float(r[3]) for r in rows if r[0] == 'node']
print(f"| {n} CT files, {mb:.0f} MB, {len(floor)} alternating rounds | median s | objects/s | MB/s | ratio to the floor |")
print("| --- | --- | --- | --- | --- |")
f = st.median(floor)
for name, xs in [("storescu -> storescp (network floor; storescp does not fsync)", floor),
                 ("storescu -> pixelscrub listen: received, fsynced in the spool, acknowledged", recv),
                 ("... -> cleaned and forwarded by C-STORE to storescp (last object stored downstream)", e2e)]:
    m = st.median(xs)
    print(f"| {name} | {m:.2f} | {n/m:.0f} | {mb/m:.0f} | {m/f:.2f} |")
print()
print("per round (s):", "; ".join(" ".join(r) for r in rows))
PY
