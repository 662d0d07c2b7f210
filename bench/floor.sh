#!/usr/bin/env bash
# Issue 13: the native (AOT) pixelscrub against the floor, whole process, in alternating rounds (bench/alternate.py):
#   A. 100 single-frame JPEG ultrasounds (the demo's EPIQ 7G, 1024x768 YBR JPEG Baseline, rule band 0,0,1024,49):
#      clean --jobs 1, clean --jobs 2, a bash loop of `jpegtran -copy all -wipe 1024x49+0+0` over the same 100 JPEG
#      frames as .jpg files (one process per frame), clean of 1 file (the fixed cost, for CPU per frame), and the same
#      jpegtran loop in two halves side by side (what two workers can gain on this machine: the ceiling for -j 2)
#   B. 300 plain CT files (the demo's 512x512 16-bit axial slice, passed: copied after the header is read):
#      clean --jobs 1, clean --jobs 2, `cp -r` + `sync` of every copied file, `cp -r` alone
#   C. detect --format jsonl on 3,000 files (hard links to the 6 demo inputs), and clean of one file
# Every clean runs with --text off: the rule path this issue measures, whatever the default text mode is.
# usage: bench/floor.sh [ROUNDS]   (default 7; BENCH_TMP sets the work folder; BENCH_JIT=1 runs the JIT build instead)
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-7}"
if [[ -n "${BENCH_JIT:-}" ]]; then
  build; P="$PIXELSCRUB"
else
  P="$("$ROOT/tools/publish.sh" | tail -1 | cut -d' ' -f1)"
fi
W="$WORK/floor"; IN="$W/in"; O="$W/out"
if [[ ! -f "$IN/.complete" ]]; then
  rm -rf "$W"; mkdir -p "$IN/us100" "$IN/us1" "$IN/jpg100" "$IN/ct300" "$IN/det"
  $P demo -o "$W/demo" >/dev/null
  us="$W/demo/input/us/philips-epiq-jpeg.dcm"; ct="$W/demo/input/ct/axial-0001.dcm"
  for ((i = 0; i < 100; i++)); do cp "$us" "$IN/us100/us$(printf %03d "$i").dcm"; done
  cp "$us" "$IN/us1/us.dcm"
  # the JPEG frame of the ultrasound, as a .jpg (from SOI to the last EOI of the single fragment)
  python3 - "$us" "$IN/jpg100/f.jpg" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read(); s = d.index(b'\xff\xd8\xff'); e = d.rindex(b'\xff\xd9') + 2
open(sys.argv[2], 'wb').write(d[s:e])
PY
  for ((i = 1; i < 100; i++)); do cp "$IN/jpg100/f.jpg" "$IN/jpg100/f$(printf %03d "$i").jpg"; done
  for ((i = 0; i < 300; i++)); do cp "$ct" "$IN/ct300/ct$(printf %03d "$i").dcm"; done
  mapfile -t demo < <(find "$W/demo/input" -name '*.dcm' | sort)
  for ((i = 0; i < 3000; i++)); do
    d="$IN/det/$((i % 6))"; mkdir -p "$d"; ln "${demo[$((i % ${#demo[@]}))]}" "$d/f$(printf %04d "$i").dcm"
  done
  touch "$IN/.complete"
fi
R="prepare:rm -rf $O $O.*;;"
JPEGTRAN="bash -c 'mkdir -p $O; for f in $IN/jpg100/*.jpg; do jpegtran -copy all -wipe 1024x49+0+0 \"\$f\" > $O/\${f##*/}; done'"
# The same loop split in two halves run side by side (xargs -P 2 -n 50): what two parallel workers gain on this machine
# at all, the ceiling for --jobs 2 (two vCPUs need not be two free cores).
printf '%s\n' '#!/usr/bin/env bash' 'out="$1"; shift; for f; do jpegtran -copy all -wipe 1024x49+0+0 "$f" > "$out/${f##*/}"; done' > "$W/jpegtran-loop.sh"
chmod +x "$W/jpegtran-loop.sh"
JPEGTRAN2="bash -c 'mkdir -p $O; ls $IN/jpg100/*.jpg | xargs -P 2 -n 50 $W/jpegtran-loop.sh $O'"

echo "pixelscrub: $P"
machine
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo
echo "A. 100 JPEG ultrasounds"
python3 "$ROOT/bench/alternate.py" "$ROUNDS" "$W/a.json" \
  "jpegtran -copy all -wipe loop, 100 frames" "$R$JPEGTRAN" \
  "pixelscrub clean -j 1, 100 files" "$R$P clean --text off -j 1 -o $O $IN/us100" \
  "pixelscrub clean -j 2, 100 files" "$R$P clean --text off -j 2 -o $O $IN/us100" \
  "pixelscrub clean, 1 file (fixed cost)" "$R$P clean --text off -j 1 -o $O $IN/us1" \
  "jpegtran loop in two halves side by side (xargs -P 2)" "$R$JPEGTRAN2"
python3 - "$W/a.json" <<'PY'
import json, sys
r = {x['name']: x for x in json.load(open(sys.argv[1]))['rows']}
jt = r['jpegtran -copy all -wipe loop, 100 frames']; j1 = r['pixelscrub clean -j 1, 100 files']
j2 = r['pixelscrub clean -j 2, 100 files']; one = r['pixelscrub clean, 1 file (fixed cost)']
print()
print(f"- speed-up over the jpegtran loop, whole process: -j 1 {jt['wall_median']/j1['wall_median']:.2f}x, -j 2 {jt['wall_median']/j2['wall_median']:.2f}x (goal: at least 3x)")
print(f"- marginal CPU per frame: pixelscrub {(j1['cpu_median']-one['cpu_median'])/99*1000:.2f} ms ((CPU of 100 files - CPU of 1 file) / 99), "
      f"jpegtran {jt['cpu_median']/100*1000:.2f} ms (CPU of the loop / 100) (goal: no more than jpegtran's)")
print(f"- --jobs 2 over --jobs 1: {j1['wall_median']/j2['wall_median']:.2f}x (goal: at least 1.6x)")
jt2 = r['jpegtran loop in two halves side by side (xargs -P 2)']
print(f"- the machine's own gain from two parallel workers (the jpegtran loop over its two halves side by side): {jt['wall_median']/jt2['wall_median']:.2f}x")
PY
echo
echo "B. 300 plain CT files (passed)"
python3 "$ROOT/bench/alternate.py" "$ROUNDS" "$W/b.json" \
  "cp -r + sync of each copied file" "${R}bash -c 'cp -r $IN/ct300 $O && sync $O/*'" \
  "pixelscrub clean -j 1" "$R$P clean --text off -j 1 -o $O $IN/ct300" \
  "pixelscrub clean -j 2" "$R$P clean --text off -j 2 -o $O $IN/ct300" \
  "cp -r alone" "${R}cp -r $IN/ct300 $O"
python3 - "$W/b.json" <<'PY'
import json, sys
r = {x['name']: x for x in json.load(open(sys.argv[1]))['rows']}
cs = r['cp -r + sync of each copied file']; j1 = r['pixelscrub clean -j 1']; j2 = r['pixelscrub clean -j 2']
print()
print(f"- pixelscrub / (cp -r + sync): -j 1 {j1['wall_median']/cs['wall_median']:.2f}, -j 2 {j2['wall_median']/cs['wall_median']:.2f} (goal: at most 1.5)")
print(f"- --jobs 2 over --jobs 1: {j1['wall_median']/j2['wall_median']:.2f}x (goal: at least 1.6x)")
PY
echo
echo "C. detect on 3,000 files; clean of one file"
python3 "$ROOT/bench/alternate.py" "$ROUNDS" "$W/c.json" \
  "pixelscrub detect --format jsonl, 3000 files" "$P detect --format jsonl $IN/det" \
  "pixelscrub clean, 1 JPEG ultrasound" "$R$P clean --text off -o $O $IN/us1"
echo
echo "(goals: detect under 0.23 s; one-file clean under 50 ms)"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
