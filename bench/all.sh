#!/usr/bin/env bash
# Runs every measurement of BENCHMARKS.md in order and prints all tables (progress and hyperfine output on stderr).
# Usage: bench/all.sh > results.md
source "$(dirname "$0")/common.sh"
build
export BENCH_NO_BUILD=1
for s in header detect clean jpeg codecs preview; do
  echo "## $s"
  echo
  echo "\`bench/$s.sh\`"
  echo
  "$ROOT/bench/$s.sh"
  echo
done
