#!/usr/bin/env bash
# Issue 12: cost of header de-identification in the same pass. N copies of the demo's 512x512 16-bit CT dose screen
# (cleaned by the default rules, so both commands rewrite every file): `clean` alone, and `clean --header
# ps3.15-basic`, run ALTERNATELY (A B A B ...) so load changes on the shared machine hit both alike.
# Usage: bench/header-profile.sh [N_FILES] [PAIRS]   (defaults 300 7)
source "$(dirname "$0")/common.sh"
N="${1:-300}"; PAIRS="${2:-7}"
build
IN="$WORK/profile-in"; OUT="$WORK/profile-out"
if [[ ! -f "$IN/.complete-$N" ]]; then
  rm -rf "$IN" "$WORK/demo-profile"; mkdir -p "$IN"
  $PIXELSCRUB demo -o "$WORK/demo-profile" >/dev/null
  for ((i = 0; i < N; i++)); do cp "$WORK/demo-profile/input/ct/dose-report.dcm" "$IN/ct$(printf %04d "$i").dcm"; done
  touch "$IN/.complete-$N"
fi
KEYFILE="$WORK/profile-bench.key"; head -c 32 /dev/urandom | base64 > "$KEYFILE"
A=(clean --no-resume --text off "$IN" -o "$OUT")
B=(clean --no-resume --text off "$IN" -o "$OUT" --header ps3.15-basic --param "key-file=$KEYFILE")
# one untimed run of each warms the page cache and checks that every file was cleaned and de-identified
for cmd in A B; do
  rm -rf "$OUT" "$OUT".*; eval "\$PIXELSCRUB \"\${$cmd[@]}\"" >/dev/null
  ok=$(grep -c '"status":"cleaned"' "$OUT.report.jsonl" || true)
  [[ "$ok" == "$N" ]] || { echo "run $cmd cleaned $ok of $N files" >&2; exit 1; }
done
grep -q 'ps3.15-basic' "$OUT.report.jsonl" || { echo "the header stage did not run" >&2; exit 1; }
TA=(); TB=()
for ((p = 0; p < PAIRS; p++)); do
  for cmd in A B; do
    rm -rf "$OUT" "$OUT".*; sync
    s=$(date +%s.%N); eval "\$PIXELSCRUB \"\${$cmd[@]}\"" >/dev/null; e=$(date +%s.%N)
    t=$(python3 -c "print($e - $s)")
    if [[ $cmd == A ]]; then TA+=("$t"); else TB+=("$t"); fi
  done
done
machine
echo "load before and after: $(cat /proc/loadavg | cut -d' ' -f1-3) (uptime)"
echo
python3 - "$N" "${TA[*]}" "${TB[*]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); a = [float(x) for x in sys.argv[2].split()]; b = [float(x) for x in sys.argv[3].split()]
print("| command (%d CT files, alternating runs) | runs | mean s | median s | files/s | ratio of medians to clean |" % n)
print("| --- | --- | --- | --- | --- | --- |")
for name, t in (("pixelscrub clean", a), ("pixelscrub clean --header ps3.15-basic", b)):
    print(f"| {name} | {len(t)} | {statistics.mean(t):.3f} ± {statistics.stdev(t):.3f} | {statistics.median(t):.3f} | "
          f"{n/statistics.median(t):.0f} | {statistics.median(t)/statistics.median(a):.2f} |")
pairs = [y / x for x, y in zip(a, b)]
print()
print(f"per-pair ratios (header / clean, same pair): {', '.join(f'{r:.2f}' for r in pairs)}; median {statistics.median(pairs):.2f}")
PY
