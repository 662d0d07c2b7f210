#!/usr/bin/env bash
# Issue 6: previews, time per 1024x768 frame for native RGB and JPEG Baseline 4:2:2 input, `pixelscrub preview
# --frame all` beside `dcmj2pnm +on +Fa` (PNG, every frame) on the same files in ONE hyperfine run. Per frame =
# (time for FRAMES frames - time for 1 frame) / (FRAMES - 1), so process start is not counted for either tool.
# Note what each writes: pixelscrub 3 PNGs per frame (original, cleaned, side-by-side compare) plus an animated PNG
# of the cleaned frames; dcmj2pnm 1 PNG per frame.
# Usage: bench/preview.sh [FRAMES]   (default 20)
source "$(dirname "$0")/common.sh"
F="${1:-20}"
build
D="$WORK/preview-$F"; mkdir -p "$D"; OUT="$WORK/preview-out"
[[ -f "$D/native-$F.dcm" ]] || $BENCHDLL generate us-native "$D/native-$F.dcm" "$F"
[[ -f "$D/native-1.dcm" ]] || $BENCHDLL generate us-native "$D/native-1.dcm" 1
[[ -f "$D/jpeg-$F/cine.dcm" ]] || $BENCHDLL generate us-jpeg "$D/jpeg-$F" "$F"
[[ -f "$D/jpeg-1/cine.dcm" ]] || $BENCHDLL generate us-jpeg "$D/jpeg-1" 1
J="$WORK/preview.json"
ps() { echo "$PIXELSCRUB preview --frame all -o $OUT $1"; }
dj() { echo "dcmj2pnm +on +Fa $1 $OUT/f"; }
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$J" --prepare "bash -c 'rm -rf $OUT; mkdir -p $OUT'" --output=null \
  -n "pixelscrub preview, native, $F frames" "$(ps "$D/native-$F.dcm")" \
  -n "pixelscrub preview, native, 1 frame" "$(ps "$D/native-1.dcm")" \
  -n "dcmj2pnm +on +Fa, native, $F frames" "$(dj "$D/native-$F.dcm")" \
  -n "dcmj2pnm +on +Fa, native, 1 frame" "$(dj "$D/native-1.dcm")" \
  -n "pixelscrub preview, JPEG, $F frames" "$(ps "$D/jpeg-$F/cine.dcm")" \
  -n "pixelscrub preview, JPEG, 1 frame" "$(ps "$D/jpeg-1/cine.dcm")" \
  -n "dcmj2pnm +on +Fa, JPEG, $F frames" "$(dj "$D/jpeg-$F/cine.dcm")" \
  -n "dcmj2pnm +on +Fa, JPEG, 1 frame" "$(dj "$D/jpeg-1/cine.dcm")" >&2
# what each wrote for the FRAMES-frame files
rm -rf "$OUT"; mkdir -p "$OUT"; $(ps "$D/native-$F.dcm") >/dev/null; PSN="$(ls "$OUT" | wc -l) files, $(du -sm "$OUT" | cut -f1) MB"
rm -rf "$OUT"; mkdir -p "$OUT"; $(dj "$D/native-$F.dcm") >/dev/null; DJN="$(ls "$OUT" | wc -l) files, $(du -sm "$OUT" | cut -f1) MB"
machine
echo
echo "| command | mean s | CPU s (user+sys) |"
echo "| --- | --- | --- |"
python3 - "$J" <<'PY'
import json, sys
for x in json.load(open(sys.argv[1]))['results']:
    print(f"| {x['command']} | {x['mean']:.3f} ± {x['stddev']:.3f} | {x['user'] + x['system']:.2f} |")
PY
echo
echo "| input (1024x768) | pixelscrub ms/frame | dcmj2pnm ms/frame | time ratio pixelscrub / dcmj2pnm |"
echo "| --- | --- | --- | --- |"
python3 - "$J" "$F" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['results']; f = int(sys.argv[2])
for g, name in ((0, 'native RGB'), (4, 'JPEG Baseline 4:2:2')):
    ours = (r[g]['mean'] - r[g + 1]['mean']) / (f - 1) * 1e3
    theirs = (r[g + 2]['mean'] - r[g + 3]['mean']) / (f - 1) * 1e3
    print(f"| {name} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.2f} |")
PY
echo
echo "written for the native $F-frame file: pixelscrub $PSN; dcmj2pnm $DJN"
