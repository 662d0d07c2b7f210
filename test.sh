#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests compare against, then runs every test.
# On a fresh Debian machine with the .NET 10 SDK this is all the set-up there is. Packages already present are not
# reinstalled; without apt-get (another distribution) the tests that need a missing tool fail and name its package.
# Extra arguments go to `dotnet test` (for example: ./test.sh --filter FullyQualifiedName~Network).
set -euo pipefail
cd "$(dirname "$0")"

# Reference tools and native libraries, by what needs them:
#   dcmtk, dicom3tools: DICOM reference readers, renderers and network peers (storescu, storescp, echoscu)
#   libjpeg-turbo-progs, libopenjp2-tools, netpbm, pngcheck: independent codecs and image checks
#   libcharls2, libopenjp2-7: JPEG-LS and JPEG 2000 at run time
#   tesseract-ocr, tesseract-ocr-eng, libtesseract5: OCR (the engine and the reference command)
#   chromium, chromium-driver: the review page's browser tests
#   slurmctld, slurmd, slurm-client, munge: the one-node Slurm cluster of the scale-out test
#   time: GNU time, the peak memory of a child process (deflate bomb test)
#   openjph-tools: ojph_compress makes the High-Throughput JPEG 2000 test files
#   fonts-dejavu-core: the outline fonts the generated OCR text corpus draws with
#   clang, zlib1g-dev: the native link of the Native AOT build (tools/publish.sh; its test and the benchmarks)
PACKAGES=(
  dcmtk dicom3tools libjpeg-turbo-progs libopenjp2-tools netpbm pngcheck
  libcharls2 libopenjp2-7
  tesseract-ocr tesseract-ocr-eng libtesseract5
  chromium chromium-driver
  slurmctld slurmd slurm-client munge
  time
  clang zlib1g-dev openjph-tools
  fonts-dejavu-core
)

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    echo "installing: ${missing[*]}"
    $SUDO apt-get update -qq
    # env, not a prefix: sudo drops the caller's environment, and a prompt would stop an unattended run.
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# Build once, then run the test projects without building: `dotnet test` building as it goes ran them one after
# another, as each test project waited to resolve its references on the MSBuild node busy running the engine's tests
# (the CLI tests started only when those had finished); with --no-build the projects run side by side.
dotnet build PixelScrub.slnx -c Release -nologo
dotnet test PixelScrub.slnx -c Release --no-build "$@"
