#!/usr/bin/env bash
# Native AOT build of `pixelscrub`: one self-contained, trimmed native executable (no .NET runtime needed to run it,
# starts in milliseconds instead of paying JIT compilation on every run). Warnings are errors, so a trimming or AOT
# warning fails the build.
#
# usage: tools/publish.sh [OUT_DIR]          (default: artifacts/pixelscrub; the program is OUT_DIR/pixelscrub, with
#                                            OUT_DIR/pixelscrub-review and OUT_DIR/libe_sqlite3.so beside it for `review`)
#        PUBLISH_FORCE=1 tools/publish.sh    (build even when the sources did not change)
#
# Needs the .NET 10 SDK and a C toolchain for the native link (Debian: clang, zlib1g-dev; ./test.sh installs them).
# The build is skipped when OUT_DIR holds a build of the same sources (a hash of src/ and the build props), or when
# the per-user cache (${XDG_CACHE_HOME:-~/.cache}/pixelscrub/aot/HASH, kept for the last few hashes) has one, so tests
# and benchmarks can call this every time, from any clone, and pay for the compilation once per source change.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/artifacts/pixelscrub}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

RID="linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
STAMP="$(cd "$ROOT" && find src Directory.Build.props tools/publish.sh -type f \
  \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.sh' -o -name '*.script' -o -name '*.dicom' -o -name '*.json' \
     -o -name '*.html' -o -name '*.js' -o -name '*.css' \) \
  -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)-$RID"

# The program is pixelscrub, pixelscrub-review (the review page, which `pixelscrub review` runs: kept out of pixelscrub
# because a native program's start-up grows with its size) and the native libraries the publish puts beside them
# (libe_sqlite3.so: the review page's state); the cache holds and restores all of them.
complete() { [[ -x "$1/pixelscrub" && -x "$1/pixelscrub-review" && -f "$1/libe_sqlite3.so" ]]; }
if [[ -z "${PUBLISH_FORCE:-}" && -f "$OUT/.source-hash" && "$(cat "$OUT/.source-hash")" == "$STAMP" ]] && complete "$OUT"; then
  echo "$OUT/pixelscrub (up to date)"
  exit 0
fi

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/pixelscrub/aot"
if [[ -z "${PUBLISH_FORCE:-}" ]] && complete "$CACHE/$STAMP"; then
  for f in "$CACHE/$STAMP"/*; do
    name="$(basename "$f")"
    cp "$f" "$OUT/$name.tmp" && mv "$OUT/$name.tmp" "$OUT/$name"
  done
  echo "$STAMP" > "$OUT/.source-hash"
  echo "$OUT/pixelscrub (from the cache)"
  exit 0
fi

for tool in clang; do
  command -v "$tool" >/dev/null || { echo "publish: '$tool' not found: install the Debian package clang (and zlib1g-dev)" >&2; exit 2; }
done

# Intermediate files go to bin/ and obj/ under the runtime identifier (linux-x64), beside the JIT build.
# Two builds of the CLI one after another (they share obj/): with the review page in process, renamed pixelscrub-review,
# then without it (PixelScrubReviewInProcess=false: `review` runs pixelscrub-review).
rm -f "$OUT/.source-hash"
publish() {
  dotnet publish "$ROOT/src/PixelScrub.Cli" -c Release -r "$RID" -nologo -v q \
    -p:PublishAot=true -p:StripSymbols=true -p:CopyOutputSymbolsToPublishDirectory=false \
    -p:PixelScrubReviewInProcess="$1" -o "$2" >&2
}
STAGE="$OUT/.review-build"
rm -rf "$STAGE"
publish true "$STAGE"
mv "$STAGE/pixelscrub" "$OUT/pixelscrub-review"
rm -rf "$STAGE"
publish false "$OUT"
rm -f "$OUT"/*.dbg "$OUT"/*.pdb
echo "$STAMP" > "$OUT/.source-hash"
if mkdir -p "$CACHE/$STAMP.tmp" 2>/dev/null && cp "$OUT/pixelscrub" "$OUT/pixelscrub-review" "$OUT"/*.so "$CACHE/$STAMP.tmp/"; then
  rm -rf "$CACHE/$STAMP" && mv "$CACHE/$STAMP.tmp" "$CACHE/$STAMP"
  # keep the five newest builds
  ls -1dt "$CACHE"/*/ 2>/dev/null | tail -n +6 | xargs -r rm -rf
fi
echo "$OUT/pixelscrub"
