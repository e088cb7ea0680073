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
# (the instructions executed inside BenchCommand.phaseDecode … phaseTotal, one callgrind run per
# phase with collection toggled on that function, divided by the iterations).
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
    row=$(printf '%-28s' "$(basename "$c")")
    for phase in Decode Evaluate Encode Total; do
        # One run per phase, collecting only inside it (a phase the optimiser turned into a
        # tail call has no frame of its own for callgrind_annotate's inclusive view, but its
        # entry still toggles collection).
        SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" \
            --collect-atstart=no "--toggle-collect=*BenchCommand*phase${phase}*" \
            "$MDA" bench --iterations "$n" "$c" >/dev/null 2>&1
        ir=$(callgrind_annotate "$TMP/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }')
        row+=$(awk -v ir="$ir" -v n="$n" 'BEGIN { printf " %8.3fM", ir / n / 1e6 }')
    done
    echo "$row"
done
