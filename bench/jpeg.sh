#!/usr/bin/env bash
# Issue 5: JPEG DCT-domain redaction of 1024x768 4:2:2 ultrasound frames (JPEG Baseline, quality 92), a 1024x49 band
# at the top (rows 0-48) and at the bottom (rows 719-767), next to `jpegtran -copy all -wipe` on the same frames
# extracted as .jpg, in ONE hyperfine run; then the in-process BenchmarkDotNet suite (JpegRedactor.Redact, one frame).
# Usage: bench/jpeg.sh [FRAMES]   (default 200)
source "$(dirname "$0")/common.sh"
F="${1:-200}"
build
SET="$WORK/jpeg-$F"; ONE="$WORK/jpeg-1"; OUT="$WORK/jpeg-out"
[[ -f "$SET/cine.dcm" ]] || $BENCHDLL generate us-jpeg "$SET" "$F"
[[ -f "$ONE/cine.dcm" ]] || $BENCHDLL generate us-jpeg "$ONE" 1
BIG="$WORK/jpeg-$((F * 5))"
[[ -f "$BIG/cine.dcm" ]] || $BENCHDLL generate us-jpeg "$BIG" $((F * 5))
for band in "top 0,0,1024,49" "bottom 0,719,1024,768"; do
  set -- $band
  printf 'FORMAT dicom\n\n%%filter graylist\n\nLABEL bench %s band\n  contains Manufacturer Philips\n  coordinates %s\n' "$1" "$2" > "$WORK/$1.dicom"
done
CLEAN="$PIXELSCRUB clean --no-resume --text off"  # the rule path, as before text verify became the default
wipe() { echo "bash -c 'for f in $SET/jpg/*.jpg; do jpegtran -copy all -wipe $1 -outfile $OUT/\${f##*/} \$f; done'"; }
J="$WORK/jpeg.json"
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$J" --prepare "bash -c 'rm -rf $OUT; mkdir -p $OUT'" --output=null \
  -n "pixelscrub clean, top band, $F-frame cine" "$CLEAN -r $WORK/top.dicom -o $OUT/c $SET/cine.dcm" \
  -n "jpegtran -copy all -wipe 1024x49+0+0, $F .jpg" "$(wipe 1024x49+0+0)" \
  -n "pixelscrub clean, bottom band, $F-frame cine" "$CLEAN -r $WORK/bottom.dicom -o $OUT/c $SET/cine.dcm" \
  -n "jpegtran -copy all -wipe 1024x49+0+719, $F .jpg" "$(wipe 1024x49+0+719)" \
  -n "pixelscrub clean, top band, 1-frame cine (fixed cost)" "$CLEAN -r $WORK/top.dicom -o $OUT/c $ONE/cine.dcm" >&2
# the cine must have been cleaned in the DCT domain, or the numbers mean nothing
rm -rf "$OUT"; $CLEAN -r "$WORK/top.dicom" -o "$OUT/c" "$SET/cine.dcm" >/dev/null
grep -q '"method":"jpeg-dct"' "$OUT/c.report.jsonl" || { echo "cine was not cleaned: $(cat "$OUT/c.report.jsonl")" >&2; exit 1; }
machine
echo
echo "| command | mean s | CPU s (user+sys) | frames/s | our frames/s / jpegtran's |"
echo "| --- | --- | --- | --- | --- |"
python3 - "$J" "$F" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['results']; f = int(sys.argv[2])
one = r[4]['mean']
for i, x in enumerate(r[:4]):
    ratio = f"{r[i + 1]['mean'] / x['mean']:.2f}" if i % 2 == 0 else ""
    print(f"| {x['command']} | {x['mean']:.3f} ± {x['stddev']:.3f} | {x['user'] + x['system']:.2f} | {f / x['mean']:.0f} | {ratio} |")
print(f"| {r[4]['command']} | {one:.3f} ± {r[4]['stddev']:.3f} | {r[4]['user'] + r[4]['system']:.2f} | | |")
for i, band in ((0, 'top'), (2, 'bottom')):
    ours = (f - 1) / (r[i]['mean'] - one)
    print(f"\n{band}: without the fixed cost (process start, rules, header): {ours:.0f} frames/s, {ours / (f / r[i + 1]['mean']):.2f} x jpegtran")
PY
echo
echo "One run each, /usr/bin/time -v (wall time and peak memory grow with the number of frames?):"
echo
echo "| pixelscrub clean, top band | file MB | wall s | frames/s | peak RSS MB |"
echo "| --- | --- | --- | --- | --- |"
for d in "$ONE" "$SET" "$BIG"; do
  rm -rf "$OUT"
  /usr/bin/time -v $CLEAN -r "$WORK/top.dicom" -o "$OUT/c" "$d/cine.dcm" >/dev/null 2>"$WORK/time.txt"
  python3 - "$WORK/time.txt" "$(stat -c %s "$d/cine.dcm")" "$(ls "$d/jpg" | wc -l)" <<'PY'
import re, sys
t = open(sys.argv[1]).read(); size = int(sys.argv[2]); n = int(sys.argv[3])
rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', t).group(1))
w = re.search(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)', t)
wall = int(w.group(1) or 0) * 3600 + int(w.group(2)) * 60 + float(w.group(3))
print(f"| {n} frames | {size/1e6:.1f} | {wall:.2f} | {n/wall:.0f} | {rss/1024:.0f} |")
PY
done
echo
echo "In process (BenchmarkDotNet, one frame per operation):"
cd "$WORK" && $BENCHDLL --filter '*JpegRedaction*' --job short --inProcess --artifacts "$WORK/bdn-jpeg" --exporters markdown >"$WORK/bdn-jpeg.log" 2>&1
sed -n '/^| Method/,/^$/p' "$WORK/bdn-jpeg.log"
