#!/usr/bin/env bash
# bench/phases.sh — instructions per decision of each phase of `mda bench`, counted by
# valgrind --tool=callgrind (load-independent, so before/after comparisons on a shared machine
# hold). Not run in CI.
#
#   bench/phases.sh                          # typical.json (10 iterations) and large.json (5)
#   MDA=.build/release/mda bench/phases.sh CASE.json...
#
# Environment: MDA (default .build/release/mda, built if missing), ITERATIONS (default 10 for
# the first case, 5 for larger ones; the count divides out). Runs with deterministic hashing so
# dictionary layouts, and with them the counts, do not depend on the per-process hash seed.
#
# Prints, per case, decode / evaluate / encode / total in millions of instructions per decision
# (the inclusive cost of BenchCommand.phaseDecode … phaseTotal divided by the iterations).
set -euo pipefail
cd "$(dirname "$0")/.."
MDA=${MDA:-.build/release/mda}
[ -x "$MDA" ] || swift build -c release --product mda >/dev/null
command -v valgrind >/dev/null || { echo "bench/phases.sh needs valgrind" >&2; exit 1; }
PEERS=${PEERS:-../shared/peers}
if [ $# -eq 0 ]; then set -- "$PEERS/cases/typical.json" "$PEERS/cases/large.json"; fi
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
printf '%-28s %9s %9s %9s %9s\n' case decode evaluate encode total
for c in "$@"; do
    size=$(wc -c < "$c")
    n=${ITERATIONS:-$([ "$size" -gt 20000 ] && echo 5 || echo 10)}
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" \
        "$MDA" bench --iterations "$n" "$c" >/dev/null 2>&1
    callgrind_annotate --inclusive=yes "$TMP/cg.out" 2>/dev/null | awk -v n="$n" -v name="$(basename "$c")" '
        /BenchCommand.swift:.*phase(Decode|Evaluate|Encode|Total)ySi/ {
            gsub(",", "", $1)
            match($0, /phase(Decode|Evaluate|Encode|Total)/)
            p = substr($0, RSTART + 5, RLENGTH - 5)
            if (!(p in v)) v[p] = $1 / n / 1e6
        }
        END {
            # A phase the optimiser turned into a tail call has no frame of its own; decode is
            # then what the whole decision spends beyond evaluate and encode (marked ~).
            if ("Decode" in v) d = sprintf("%8.3fM", v["Decode"])
            else d = sprintf("~%7.3fM", v["Total"] - v["Evaluate"] - v["Encode"])
            printf "%-28s %9s %8.3fM %8.3fM %8.3fM\n", name, d, v["Evaluate"], v["Encode"], v["Total"]
        }'
done
