#!/usr/bin/env bash
# bench/compare.sh — mda against GoRules zen-engine on the same cases, pinned to the same core,
# in one run; then the daemon (mda serve) over a pipe. Not run in CI: it builds release,
# downloads zen-engine from PyPI into a virtual environment under .build/, and takes minutes.
#
#   bench/compare.sh                       # typical.json and large.json, 4 s per case each
#   SECONDS_PER_CASE=10 CORE=0 bench/compare.sh
#
# Environment: CORE (default 1) the core both engines are pinned to; ROUNDS (default 3)
# alternating rounds of mda and Zen; SECONDS_PER_CASE (default 4) each engine's budget per
# case over all rounds (mda bench gets SECONDS_PER_CASE / ROUNDS per round, Zen three runs
# of a third of that); PEERS (default ../shared/peers); SCRATCH (default .build) the SwiftPM
# scratch path; SERVE_REQUESTS (default 200000) pipelined requests for the daemon benchmark;
# INSTRUCTIONS=1 also compares instructions per decision under valgrind --tool=callgrind
# (load-independent; use it when the machine is shared and wall-clock figures are noisy).
#
# Prints each engine's figures, then per round and case the ratio of decisions per second (mda /
# Zen, full mda decision with trace and missing facts against Zen's route only, and against Zen
# with its trace) and mda's total against its own decode + encode, and the median of each ratio
# over the rounds; then the daemon, and the same daemon benchmark against a null server
# (`serve-bench --ceiling`): the most requests per second the pipe carries with responses of
# that size on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
CORE=${CORE:-1}
SECONDS_PER_CASE=${SECONDS_PER_CASE:-4}
PEERS=${PEERS:-../shared/peers}
export PEERS
SCRATCH=${SCRATCH:-.build}
SERVE_REQUESTS=${SERVE_REQUESTS:-200000}
ROUNDS=${ROUNDS:-3}
CASES=("$PEERS/cases/typical.json" "$PEERS/cases/large.json")

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), pinned to core $CORE"

echo "== building release ($SCRATCH)"
swift build -c release --scratch-path "$SCRATCH" --product mda >/dev/null
swift build -c release --scratch-path "$SCRATCH" --product serve-bench >/dev/null 2>&1 || true
MDA="$SCRATCH/release/mda"

echo "== zen-engine 2.1.3 in $SCRATCH/zen-venv"
if [ ! -x "$SCRATCH/zen-venv/bin/python" ]; then python3 -m venv "$SCRATCH/zen-venv"; fi
"$SCRATCH/zen-venv/bin/pip" install --quiet zen-engine==2.1.3

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The host's speed drifts over minutes (see docs/performance.md, "Machine"), so the engines are
# timed in alternating rounds, each round mda then Zen then Zen with trace on the same core, and
# the ratios are taken within each round: a slow phase then slows both sides of a ratio.
MDA_SECONDS=$(echo "$SECONDS_PER_CASE / $ROUNDS" | bc -l)
ZEN_SECONDS=$(echo "$SECONDS_PER_CASE / 3 / $ROUNDS" | bc -l)
# Zen's peer, three runs per case on the core, with any extra options ($@).
zen() { taskset -c "$CORE" "$SCRATCH/zen-venv/bin/python" "$PEERS/zen/zen_peer.py" "$@" --runs 3 --seconds "$ZEN_SECONDS" "${CASES[@]}"; }
# Tags each JSON line with the round, appending it to file $1 and echoing it.
tagged() { sed "s/^{/{\"round\": $round, /" | tee -a "$1"; }
for round in $(seq "$ROUNDS"); do
    echo "== round $round of $ROUNDS: mda bench (one thread, core $CORE)"
    taskset -c "$CORE" "$MDA" bench --seconds "$MDA_SECONDS" --json "${CASES[@]}" | tagged "$TMP/mda.jsonl"
    echo "== round $round: zen_peer.py (route only, core $CORE)"
    zen | tagged "$TMP/zen.jsonl"
    echo "== round $round: zen_peer.py --trace (core $CORE)"
    zen --trace | tagged "$TMP/zen-trace.jsonl"
done

echo "== ratios per round and their median (target: mda/zen >= 2.0; total <= 3.0 x (decode + encode))"
python3 - "$TMP/mda.jsonl" "$TMP/zen.jsonl" "$TMP/zen-trace.jsonl" <<'PY'
import json, os, statistics, sys
def load(p):
    out = {}
    for d in map(json.loads, open(p)):
        out[(d["round"], os.path.basename(d["case"]))] = d
    return out
mda, zen, zent = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
print(f'{"round":<7}{"case":<14}{"mda µs":>9}{"mda dec/s":>11}{"zen dec/s":>11}{"mda/zen":>9}{"zen+trace":>11}{"mda/zen+tr":>12}{"total/(dec+enc)":>17}')
ratios = {}
for (rnd, name), m in sorted(mda.items()):
    z, zt = zen[(rnd, name)], zent[(rnd, name)]
    r = (m["decisions_per_s"] / z["decisions_per_s"], m["decisions_per_s"] / zt["decisions_per_s"],
         m["total_us"] / (m["decode_us"] + m["encode_us"]))
    ratios.setdefault(name, []).append(r)
    print(f'{rnd:<7}{name:<14}{m["total_us"]:>9.1f}{m["decisions_per_s"]:>11.0f}{z["decisions_per_s"]:>11.0f}{r[0]:>9.2f}'
          f'{zt["decisions_per_s"]:>11.0f}{r[1]:>12.2f}{r[2]:>17.2f}')
for name, rs in ratios.items():
    med = [statistics.median(x[k] for x in rs) for k in range(3)]
    print(f'{"median":<7}{name:<14}{"":>9}{"":>11}{"":>11}{med[0]:>9.2f}{"":>11}{med[1]:>12.2f}{med[2]:>17.2f}')
PY

if [ "${INSTRUCTIONS:-0}" = 1 ]; then
    echo "== instructions per decision (callgrind; mda: whole bytes-to-bytes decision, Zen: evaluate)"
    count() { valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" "$@" >/dev/null 2>"$TMP/cg.err"; sed -n 's/.*refs: *//p' "$TMP/cg.err" | tr -d ,; }
    for c in "${CASES[@]}"; do
        valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.mda" "$MDA" bench --iterations 10 "$c" >/dev/null 2>&1
        mda=$(callgrind_annotate --inclusive=yes "$TMP/cg.mda" 2>/dev/null | grep 'phaseTotalySi' | grep '\[' | head -1 | awk '{gsub(",","",$1); print $1/10}')
        z1=$(count "$SCRATCH/zen-venv/bin/python" bench/zen_n.py "$c" 1); z11=$(count "$SCRATCH/zen-venv/bin/python" bench/zen_n.py "$c" 11)
        t1=$(count "$SCRATCH/zen-venv/bin/python" bench/zen_n.py "$c" 1 trace); t11=$(count "$SCRATCH/zen-venv/bin/python" bench/zen_n.py "$c" 11 trace)
        python3 -c "m=$mda; z=($z11-$z1)/10; t=($t11-$t1)/10; print(f'$(basename "$c"): mda {m/1e6:.2f}M, zen {z/1e6:.2f}M (zen/mda {z/m:.2f}), zen+trace {t/1e6:.2f}M (zen+trace/mda {t/m:.2f})')"
    done
fi

echo "== daemon: mda serve over a pipe"
if [ -x "$SCRATCH/release/serve-bench" ]; then
    "$SCRATCH/release/serve-bench" --mda "$MDA" --cases "$PEERS/cases/typical.json" --pipelined "$SERVE_REQUESTS"
    echo "== the pipe's ceiling: a null server that answers with the same response, evaluating nothing"
    "$SCRATCH/release/serve-bench" --ceiling --mda "$MDA" --cases "$PEERS/cases/typical.json" --pipelined "$SERVE_REQUESTS" 2>/dev/null
else
    echo "serve-bench did not build; skipped (see Sources/serve-bench)"
fi
