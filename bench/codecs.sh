#!/usr/bin/env bash
# Issue 7: lossless codecs, decode and encode MB/s of 512x512 12-of-16-bit CT frames. Ours in process
# (BenchmarkDotNet FrameCodecBenchmarks: one frame per operation, codec only: no file I/O, no DICOM parsing);
# DCMTK whole process on a FRAMES-frame file of the same kind of frames (includes process start, reading and
# writing the DICOM file, and fsync-less output; `dcmconv` of the same file, no codec, is shown as that floor).
# Usage: bench/codecs.sh [FRAMES]   (default 100)
source "$(dirname "$0")/common.sh"
F="${1:-100}"
build
D="$WORK/codec-$F"; mkdir -p "$D"
if [[ ! -f "$D/ct-jll.dcm" ]]; then
  $BENCHDLL generate ct-native "$D/ct.dcm" "$F"
  dcmcrle "$D/ct.dcm" "$D/ct-rle.dcm"
  dcmcjpeg +e1 "$D/ct.dcm" "$D/ct-jll.dcm"
fi
MB=$(python3 -c "print($F * 512 * 512 * 2 / 1e6)")
J="$WORK/codecs.json"
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$J" --output=null \
  -n "dcmconv (no codec: read + write, the floor)" "dcmconv $D/ct.dcm $D/out.dcm" \
  -n "dcmcrle (RLE encode)" "dcmcrle $D/ct.dcm $D/out.dcm" \
  -n "dcmdrle (RLE decode)" "dcmdrle $D/ct-rle.dcm $D/out.dcm" \
  -n "dcmcjpeg +e1 (JPEG Lossless SV1 encode)" "dcmcjpeg +e1 $D/ct.dcm $D/out.dcm" \
  -n "dcmdjpeg (JPEG Lossless SV1 decode)" "dcmdjpeg $D/ct-jll.dcm $D/out.dcm" >&2
A="$WORK/bdn-codecs"; rm -rf "$A"
(cd "$WORK" && $BENCHDLL --filter '*FrameCodec*' --job short --inProcess --artifacts "$A" --exporters json >"$WORK/bdn-codecs.log" 2>&1)
machine
echo
echo "DCMTK, whole process, $F frames = $MB MB native ($(stat -c %s "$D/ct-rle.dcm") bytes RLE, $(stat -c %s "$D/ct-jll.dcm") bytes JPEG Lossless):"
echo
echo "| command | mean s | MB/s (native MB / mean) | MB/s after the dcmconv floor |"
echo "| --- | --- | --- | --- |"
python3 - "$J" "$MB" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['results']; mb = float(sys.argv[2]); floor = r[0]['mean']
for x in r:
    net = x['mean'] - floor
    print(f"| {x['command']} | {x['mean']:.3f} ± {x['stddev']:.3f} | {mb / x['mean']:.0f} | {mb / net:.0f} |" if net > 0 else f"| {x['command']} | {x['mean']:.3f} ± {x['stddev']:.3f} | {mb / x['mean']:.0f} | |")
PY
echo
echo "PixelScrub, in process (BenchmarkDotNet, one 0.524 MB frame per operation):"
echo
echo "| codec | operation | mean ms | MB/s |"
echo "| --- | --- | --- | --- |"
python3 - "$A" <<'PY'
import glob, json, sys
# BenchmarkDotNet shortens long parameter values ("1.2.8(...).4.70 [22]"): match on the UID's tail
names = [('1.2.5', 'RLE Lossless'), ('.4.70', 'JPEG Lossless SV1 (ours)'), ('.4.80', 'JPEG-LS lossless (CharLS)'),
         ('.4.90', 'JPEG 2000 lossless (OpenJPEG)')]
for b in json.load(open(glob.glob(sys.argv[1] + '/results/*.json')[0]))['Benchmarks']:
    p = b['Parameters']
    name = next((n for tail, n in names if tail in p), p)
    m = b['Statistics']['Mean'] / 1e6
    print(f"| {name} | {b['Method']} | {m:.2f} | {512 * 512 * 2 / 1e6 / (m / 1e3):.0f} |")
PY
