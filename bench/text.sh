#!/usr/bin/env bash
# Issue 11: text in the pixels, whole process, one hyperfine run side by side:
#  - `pixelscrub scan` and `pixelscrub clean --text redact` on 10 single-frame 1024x768 ultrasounds (copies of the
#    corpus GREYSCALE_IMAGE and RGB_IMAGE) and on the 27-frame 800x600 corpus cine (GREYSCALE_CINE, 4 copies);
#  - the `tesseract` command on the same single-frame images, whole image each (rendered once by dcmj2pnm, not timed);
#  - triage cost: `pixelscrub scan` on 300 CT files (none is read: triage), next to `pixelscrub detect` on them.
# Usage: bench/text.sh   (RUNS=N hyperfine runs, default 3)
source "$(dirname "$0")/common.sh"
build
US="$WORK/text-us"; CINE="$WORK/text-cine"; CT="$WORK/text-ct"; PNM="$WORK/text-pnm"
if [[ ! -f "$WORK/text.complete" ]]; then
  rm -rf "$US" "$CINE" "$CT" "$PNM"; mkdir -p "$US" "$CINE" "$CT" "$PNM"
  S="$ROOT/../shared/corpus/deid-data/ultrasounds"
  for i in 0 1 2 3 4; do cp "$S/GREYSCALE_IMAGE.dcm" "$US/g$i.dcm"; cp "$S/RGB_IMAGE.dcm" "$US/r$i.dcm"; done
  unzip -q -o "$S/GREYSCALE_CINE.zip" -d "$WORK/text-cine-src"
  for i in 0 1 2 3; do cp "$WORK/text-cine-src/GREYSCALE_CINE.dcm" "$CINE/c$i.dcm"; done
  for f in "$US"/*.dcm; do dcmj2pnm "$f" "$PNM/$(basename "$f" .dcm).pnm"; done
  mapfile -t CTS < <(find "$ROOT/../shared/corpus" -name '*.dcm' -exec sh -c 'dcmdump +P 0008,0060 "$1" 2>/dev/null | grep -q "\[CT\]" && echo "$1"' _ {} \; | sort)
  for ((i = 0; i < 300; i++)); do cp "${CTS[i % ${#CTS[@]}]}" "$CT/ct$(printf %03d "$i").dcm"; done
  touch "$WORK/text.complete"
  echo "CT sources: ${#CTS[@]}" >&2
fi
printf 'FORMAT dicom\n' > "$WORK/no-rules.dicom"
J="$WORK/text.json"
hyperfine -N --warmup 0 --runs "${RUNS:-3}" --export-json "$J" \
  -n "scan: 10 US images" "$PIXELSCRUB scan --format jsonl $US" \
  -n "clean --text redact: 10 US images" "bash -c 'rm -rf $WORK/text-out*; $PIXELSCRUB clean $US --out $WORK/text-out --rules $WORK/no-rules.dicom --text redact --no-resume > /dev/null'" \
  -n "tesseract command: 10 US images, whole image" "bash -c 'for f in $PNM/*.pnm; do tesseract \$f - >/dev/null 2>&1; done'" \
  -n "scan: 4 cines x 27 frames" "$PIXELSCRUB scan --format jsonl $CINE" \
  -n "clean --text redact: 4 cines x 27 frames" "bash -c 'rm -rf $WORK/text-cout*; $PIXELSCRUB clean $CINE --out $WORK/text-cout --rules $WORK/no-rules.dicom --text redact --no-resume > /dev/null'" \
  -n "scan: 300 CT files (triage)" "$PIXELSCRUB scan --format jsonl $CT" \
  -n "detect: 300 CT files (header only)" "$PIXELSCRUB detect --format jsonl $CT" \
  >&2 --output=null
machine
echo "load: $(uptime | sed 's/.*load average: //')"
python3 - "$J" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['results']
per = {0: 10, 1: 10, 2: 10, 3: 108, 4: 108, 5: 300, 6: 300}
print("| command | mean [s] | images or files/s |")
print("|:---|---:|---:|")
for i, x in enumerate(r):
    print(f"| {x['command']} | {x['mean']:.2f} ± {x['stddev'] or 0:.2f} | {per[i] / x['mean']:.1f} |")
PY
