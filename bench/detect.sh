#!/usr/bin/env bash
# Issue 3: detection throughput, whole process. 3,000 files (copies of the corpus files DCMTK reads and of the demo
# inputs, round robin, different names) -> `pixelscrub detect --format jsonl`, next to the I/O floor (open each file
# and read its first 8 KiB) in the same hyperfine run. Prints a markdown table.
# Usage: bench/detect.sh [FILES]   (default 3000; inputs under $BENCH_TMP or /tmp/pixelscrub-bench)
source "$(dirname "$0")/common.sh"
N="${1:-3000}"
build
SET="$WORK/detect-$N"
if [[ ! -f "$SET.complete" ]]; then
  rm -rf "$SET" "$WORK/demo"
  $PIXELSCRUB demo -o "$WORK/demo" >/dev/null
  mapfile -t SRC < <( (find "$ROOT/../shared/corpus" -name '*.dcm' ! -name MR_truncated.dcm ! -name no_meta.dcm; find "$WORK/demo/input" -name '*.dcm') | sort)
  for ((i = 0; i < N; i++)); do
    d="$SET/d$((i / 500))"; mkdir -p "$d"
    cp "${SRC[i % ${#SRC[@]}]}" "$d/f$(printf %05d "$i").dcm"
  done
  touch "$SET.complete"
  echo "generated $N files from ${#SRC[@]} sources ($(du -sh "$SET" | cut -f1))" >&2
fi
cat > "$WORK/read8k.py" <<'PY'
import os, sys
n = 0
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        with open(os.path.join(d, f), 'rb') as h:
            n += len(h.read(8192))
print(n)
PY
J="$WORK/detect.json"
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$J" \
  -n "pixelscrub detect --format jsonl (-j 2)" "$PIXELSCRUB detect --format jsonl $SET" \
  -n "pixelscrub detect --format jsonl -j 1" "$PIXELSCRUB detect --format jsonl -j 1 $SET" \
  -n "I/O floor: head -c 8192 of each file (xargs)" "bash -c 'find $SET -type f -print0 | xargs -0 head -q -c 8192 > /dev/null'" \
  -n "I/O floor: python3 open + read(8192) of each file" "python3 $WORK/read8k.py $SET" \
  -n "pixelscrub detect (table format, -j 2)" "$PIXELSCRUB detect $SET" \
  -n "process start: pixelscrub detect on 1 file" "$PIXELSCRUB detect --format jsonl $SET/d0/f00000.dcm" \
  >&2 --output=null
machine
echo
echo "| command ($N files) | mean s | CPU s (user+sys) | files/s | time ratio to detect -j 2 |"
echo "| --- | --- | --- | --- | --- |"
python3 - "$J" "$N" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['results']; n = int(sys.argv[2]); base = r[0]['mean']
for x in r:
    files = 1 if '1 file' in x['command'] else n
    print(f"| {x['command']} | {x['mean']:.3f} ± {x['stddev']:.3f} | {x['user'] + x['system']:.2f} | {files / x['mean']:,.0f} | {x['mean'] / base:.2f} |")
one = r[-1]['mean']
print(f"\ndetect --format jsonl -j 2 without the fixed cost of one process (start, rule load, JIT): {(n - 1) / (base - one):,.0f} files/s")
PY
