# Sourced by the bench/*.sh scripts: paths, a Release build, the machine block of BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_TMP:-/tmp/pixelscrub-bench}"
mkdir -p "$WORK"
PIXELSCRUB="dotnet $ROOT/src/PixelScrub.Cli/bin/Release/net10.0/pixelscrub.dll"
BENCHDLL="dotnet $ROOT/bench/PixelScrub.Bench/bin/Release/net10.0/PixelScrub.Bench.dll"

build() {
  if [[ -z "${BENCH_NO_BUILD:-}" ]]; then
    dotnet build "$ROOT/src/PixelScrub.Cli" -c Release -v q -nologo >/dev/null
    dotnet build "$ROOT/bench/PixelScrub.Bench" -c Release -v q -nologo >/dev/null
  fi
}

machine() {
  echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/{print $2}') GiB RAM, .NET $(dotnet --version), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)"
}

# hyperfine JSON -> mean seconds of command N (0-based)
mean() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean'])" "$1" "$2"; }
