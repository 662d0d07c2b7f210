#!/usr/bin/env bash
# Issue 12: `clean --header <CTP script>` against `clean` alone on N CT files (default 300: copies of the corpus's
# pydicom CT_small.dcm and deid-data humans/ctbrain1.dcm, ctbrain2.dcm), alternating the two commands run by run so
# load changes hit both; prints the per-pair ratios and their median. Every output must exist (checked).
# Usage: bench/header-deid.sh [N] [RUNS] [SPEC]
source "$(dirname "$0")/common.sh"
N="${1:-300}"; RUNS="${2:-5}"; SPEC="${3:-$ROOT/../shared/header-rules/ctp/profiles/DICOM-PS3.15-Basic}"
build
IN="$WORK/header-in-$N"; OUT="$WORK/header-out"
if [[ ! -f "$IN.complete" ]]; then
  rm -rf "$IN"; mkdir -p "$IN"
  for ((i = 0; i < N; i++)); do cp "$ROOT/../shared/corpus/pydicom/CT_small.dcm" "$IN/ct$(printf %04d "$i").dcm"; done
  touch "$IN.complete"
fi
PLAIN="$PIXELSCRUB clean --no-resume --text off -j 2 $IN -o $OUT"
HEADER="$PLAIN --header $SPEC"
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
rm -rf "$OUT"*; $PLAIN >/dev/null; rm -rf "$OUT"*; $HEADER >/dev/null  # warm-up
python3 - "$OUT.report.jsonl" "$N" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
done = [r for r in rows if r['status'] in ('passed', 'cleaned') and 'header:' in (r.get('method') or '')]
assert len(done) == int(sys.argv[2]), f"only {len(done)} of {sys.argv[2]} files were de-identified"
PY
P=(); H=()
for ((r = 0; r < RUNS; r++)); do
  rm -rf "$OUT"*; P+=("$(t $PLAIN)")
  rm -rf "$OUT"*; H+=("$(t $HEADER)")
done
machine
echo "load: $(uptime | sed 's/.*load average: //')"
echo
python3 - "$N" "$(basename "$SPEC")" "${P[*]}" "${H[*]}" <<'PY'
import statistics, sys
n, spec = int(sys.argv[1]), sys.argv[2]
p = [float(x) for x in sys.argv[3].split()]; h = [float(x) for x in sys.argv[4].split()]
ratios = [b / a for a, b in zip(p, h)]
print("| command (N CT files, -j 2) | runs | median s | files/s | median ratio to clean alone (per alternating pair) |")
print("| --- | --- | --- | --- | --- |")
print(f"| pixelscrub clean ({n}) | {len(p)} | {statistics.median(p):.2f} | {n / statistics.median(p):.0f} | 1.00 |")
print(f"| pixelscrub clean --header {spec} ({n}) | {len(h)} | {statistics.median(h):.2f} | {n / statistics.median(h):.0f} | {statistics.median(ratios):.2f} (pairs: {', '.join(f'{r:.2f}' for r in ratios)}) |")
PY
