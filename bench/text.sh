#!/usr/bin/env bash
# Issue 11: text in the pixels, whole process of the native (AOT) build, one hyperfine run side by side:
#  - `pixelscrub scan` and `pixelscrub clean --text redact` on 10 single-frame 1024x768 ultrasounds made from the corpus
#    GREYSCALE_IMAGE and RGB_IMAGE by bench/noisy_copies.py, in two sets:
#      distinct (the headline): 5 copies of each, copy i > 0 with a deterministic +-1 grey level on every non-zero sample (the black
#        background stays black), so no line image repeats between files and the run's OCR reading cache cannot make a copy nearly free;
#      exam (one device's images of one exam): 5 copies of each that differ only inside the ultrasound regions
#        (0018,6011): the bands outside them (patient, institution, date) are identical, the image content is not;
#      and 50 distinct images (25 copies of each, made the same way): the rate of a long run, where the start (the process,
#      the OCR workers and their Tesseract engines, about 0.1 s of CPU each) and the last file's lone thread weigh less;
#    and on the 27-frame 800x600 corpus cine (GREYSCALE_CINE, 4 distinct copies made the same way);
#  - the `tesseract` command on the distinct images, whole image each (rendered once by dcmj2pnm, not timed), with
#    OMP_THREAD_LIMIT=1 as our OCR worker runs it (without it, OpenMP threads spin and it takes several times the CPU);
#  - triage cost on 300 plain CT files (the corpus's one CT Image Storage file with ImageType ORIGINAL, copied with a
#    new SOP Instance UID each; triage reads none of them): `scan` and `clean --text redact` next to header-only
#    `detect` and `clean --text off`.
# Usage: bench/text.sh   (RUNS=N hyperfine runs, default 3; BENCH_JIT=1 runs the JIT build instead)
source "$(dirname "$0")/common.sh"
if [[ -n "${BENCH_JIT:-}" ]]; then
  build; P="$PIXELSCRUB"
else
  P="$("$ROOT/tools/publish.sh" | tail -1 | cut -d' ' -f1)"
fi
US="$WORK/text-us-distinct"; US50="$WORK/text-us-distinct50"; EXAM="$WORK/text-us-exam"; CINE="$WORK/text-cine"; CT="$WORK/text-ct-plain"; PNM="$WORK/text-pnm"
if [[ ! -f "$WORK/text-sets4.complete" ]]; then
  rm -rf "$US" "$US50" "$EXAM" "$CINE" "$CT" "$PNM"; mkdir -p "$US" "$EXAM" "$CINE" "$CT" "$PNM"
  S="$ROOT/../shared/corpus/deid-data/ultrasounds"
  for set in "distinct $US 5" "exam $EXAM 5" "distinct $US50 25"; do
    read -r mode D n <<< "$set"
    python3 "$ROOT/bench/noisy_copies.py" "$mode" "$S/GREYSCALE_IMAGE.dcm" "$D" g "$n"
    python3 "$ROOT/bench/noisy_copies.py" "$mode" "$S/RGB_IMAGE.dcm" "$D" r "$n"
  done
  unzip -q -o "$S/GREYSCALE_CINE.zip" -d "$WORK/text-cine-src"
  python3 "$ROOT/bench/noisy_copies.py" distinct "$WORK/text-cine-src/GREYSCALE_CINE.dcm" "$CINE" c 4
  for f in "$US"/*.dcm; do dcmj2pnm "$f" "$PNM/$(basename "$f" .dcm).pnm"; done
  # Plain CT: modality CT, CT Image Storage, ImageType ORIGINAL (not a secondary capture, which triage reads by design).
  mapfile -t CTS < <(find "$ROOT/../shared/corpus" -name '*.dcm' -exec sh -c \
    'h="$(dcmdump +P 0008,0060 +P 0008,0016 +P 0008,0008 "$1" 2>/dev/null)"; echo "$h" | grep -q "\[CT\]" && echo "$h" | grep -q "=CTImageStorage" && echo "$h" | grep -q "\[ORIGINAL" && echo "$1"' _ {} \; | sort)
  (( ${#CTS[@]} > 0 )) || { echo "no plain CT file in the corpus" >&2; exit 2; }
  for ((i = 0; i < 300; i++)); do cp "${CTS[i % ${#CTS[@]}]}" "$CT/ct$(printf %03d "$i").dcm"; done
  chmod u+w "$CT"/*.dcm && dcmodify -nb -q -gin "$CT"/*.dcm
  touch "$WORK/text-sets4.complete"
  echo "plain CT sources: ${CTS[*]}" >&2
fi
printf 'FORMAT dicom\n' > "$WORK/no-rules.dicom"
J="$WORK/text.json"
hyperfine -N --warmup 1 --runs "${RUNS:-3}" --export-json "$J" \
  -n "scan: 10 US images, distinct" "$P scan --format jsonl $US" \
  -n "clean --text redact: 10 US images, distinct" "bash -c 'rm -rf $WORK/text-out*; $P clean $US --out $WORK/text-out --rules $WORK/no-rules.dicom --text redact --no-resume > /dev/null'" \
  -n "scan: 50 US images, distinct" "$P scan --format jsonl $US50" \
  -n "clean --text redact: 50 US images, distinct" "bash -c 'rm -rf $WORK/text-out*; $P clean $US50 --out $WORK/text-out --rules $WORK/no-rules.dicom --text redact --no-resume > /dev/null'" \
  -n "scan: 10 US images, same-device exam" "$P scan --format jsonl $EXAM" \
  -n "clean --text redact: 10 US images, same-device exam" "bash -c 'rm -rf $WORK/text-out*; $P clean $EXAM --out $WORK/text-out --rules $WORK/no-rules.dicom --text redact --no-resume > /dev/null'" \
  -n "tesseract command: 10 US images, whole image" "bash -c 'export OMP_THREAD_LIMIT=1; for f in $PNM/*.pnm; do tesseract \$f - >/dev/null 2>&1; done'" \
  -n "scan: 4 cines x 27 frames" "$P scan --format jsonl $CINE" \
  -n "clean --text redact: 4 cines x 27 frames" "bash -c 'rm -rf $WORK/text-cout*; $P clean $CINE --out $WORK/text-cout --rules $WORK/no-rules.dicom --text redact --no-resume > /dev/null'" \
  -n "scan: 300 plain CT (triage)" "$P scan --format jsonl $CT" \
  -n "detect: 300 plain CT (header only)" "$P detect --format jsonl $CT" \
  -n "clean --text redact: 300 plain CT (triage)" "bash -c 'rm -rf $WORK/text-ctout*; $P clean $CT --out $WORK/text-ctout --text redact --no-resume > /dev/null'" \
  -n "clean --text off: 300 plain CT" "bash -c 'rm -rf $WORK/text-ctout*; $P clean $CT --out $WORK/text-ctout --text off --no-resume > /dev/null'" \
  >&2 --output=null
machine
echo "load: $(uptime | sed 's/.*load average: //')"
python3 - "$J" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['results']
per = [10, 10, 50, 50, 10, 10, 10, 108, 108, 300, 300, 300, 300]
print("| command | mean [s] | min [s] | images (frames) or files/s, from the mean |")
print("|:---|---:|---:|---:|")
for i, x in enumerate(r):
    print(f"| {x['command']} | {x['mean']:.2f} ± {x['stddev'] or 0:.2f} | {x['min']:.2f} | {per[i] / x['mean']:.1f} |")
PY
