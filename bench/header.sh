#!/usr/bin/env bash
# Issue 2: header-only parsing of the corpus (every .dcm DCMTK reads), from memory and from disk, next to opening each
# file and reading its first 8 KiB (the I/O floor), in process (BenchmarkDotNet HeaderParsingBenchmarks, short job).
# Usage: bench/header.sh
source "$(dirname "$0")/common.sh"
build
N=$(find "$ROOT/../shared/corpus" -name '*.dcm' ! -name MR_truncated.dcm ! -name no_meta.dcm | wc -l)
A="$WORK/bdn-header"
rm -rf "$A"
(cd "$WORK" && $BENCHDLL --filter '*HeaderParsing*' --job short --inProcess --artifacts "$A" --exporters json >"$WORK/bdn-header.log" 2>&1)
machine
echo
echo "| BenchmarkDotNet case (one op = $N corpus files) | mean µs | files/s | allocated per op | time ratio to the 8 KiB floor |"
echo "| --- | --- | --- | --- | --- |"
python3 - "$A" "$N" <<'PY'
import glob, json, sys
b = json.load(open(glob.glob(sys.argv[1] + '/results/*.json')[0]))['Benchmarks']; n = int(sys.argv[2])
floor = next(x['Statistics']['Mean'] for x in b if '8 KiB' in x['Method'] or '8 KiB' in (x.get('DisplayInfo') or ''))
for x in b:
    m = x['Statistics']['Mean']; name = x['DisplayInfo'].split("'")[1] if "'" in x['DisplayInfo'] else x['Method']
    alloc = x.get('Memory', {}).get('BytesAllocatedPerOperation', 0)
    print(f"| {name} | {m/1e3:,.0f} ± {x['Statistics']['StandardDeviation']/1e3:,.0f} | {n / (m / 1e9):,.0f} | {alloc/1024:,.0f} KiB | {m / floor:.1f} |")
PY
