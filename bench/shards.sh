#!/usr/bin/env bash
# Issue 16: S shards (`list` once, S concurrent `clean --files-from M --shard K/S --jobs 1`, `report merge`) against one
# `clean --jobs 2` of the same N files on this machine, alternating, ROUNDS rounds. The files: N/2 copies of the demo's
# 512x512 16-bit CT dose screen (cleaned) and N/2 copies of the corpus's pydicom/CT_small.dcm (passed), in 30 folders.
# Usage: bench/shards.sh [N] [S]   (defaults 3000 4; ROUNDS=2)
source "$(dirname "$0")/common.sh"
N="${1:-3000}"; S="${2:-4}"; ROUNDS="${ROUNDS:-2}"
build
IN="$WORK/shards-in"; M="$WORK/shards.manifest"
if [[ ! -f "$WORK/.shards-in-complete-$N" ]]; then
  rm -rf "$IN" "$WORK/demo"; mkdir -p "$IN"
  $PIXELSCRUB demo -o "$WORK/demo" >/dev/null
  for ((i = 0; i < N; i++)); do
    d="$IN/d$((i % 30))"; mkdir -p "$d"
    if ((i % 2)); then cp "$WORK/demo/input/ct/dose-report.dcm" "$d/dose$i.dcm"; else cp "$ROOT/../shared/corpus/pydicom/CT_small.dcm" "$d/small$i.dcm"; fi
  done
  touch "$WORK/.shards-in-complete-$N"
fi
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print(f'{$e - $s:.2f}')"; }
single() { rm -rf "$WORK/single"*; $PIXELSCRUB clean --no-resume --text off --jobs 2 "$IN" -o "$WORK/single"; }
sharded() {
  rm -rf "$WORK/sharded"*
  $PIXELSCRUB list "$IN" --out "$M"
  for ((k = 0; k < S; k++)); do $PIXELSCRUB clean --no-resume --text off --jobs 1 --files-from "$M" --shard "$k/$S" -o "$WORK/sharded" & done
  wait
  $PIXELSCRUB report merge "$WORK/sharded"
}
echo "load before: $(uptime)"
for ((r = 0; r < ROUNDS; r++)); do
  if ((r % 2)); then b=$(t sharded); a=$(t single); else a=$(t single); b=$(t sharded); fi
  echo "round $r: one clean --jobs 2: $a s; $S shards (list + $S x clean --jobs 1 + merge): $b s; ratio shards/single $(python3 -c "print(f'{$b / $a:.2f}')")"
done
echo "list alone: $(t $PIXELSCRUB list "$IN" --out "$M") s; merge alone: $(t $PIXELSCRUB report merge "$WORK/sharded") s"
echo "load after: $(uptime)"
machine
