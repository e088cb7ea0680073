#!/usr/bin/env bash
# bench/diff-caseload.sh — the impact-analysis target of issue 8: `mda diff` of one threshold
# change (complexityDomains 3 → 2) over a generated caseload of COUNT cases (default 130,000,
# about the Netherlands' yearly reports to Veilig Thuis), with wall time, CPU time and peak
# memory. Not run in CI (it takes a minute and writes ~500 MB under $SCRATCH).
#
#   bench/diff-caseload.sh                 # 130,000 cases, seed 7
#   COUNT=20000 SEED=3 bench/diff-caseload.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-130000}
SEED=${SEED:-7}
SCRATCH=${SCRATCH:-.build}
swift build -c release --scratch-path "$SCRATCH" --product mda >/dev/null
MDA="$SCRATCH/release/mda"
WORK="$SCRATCH/diff-caseload"
mkdir -p "$WORK"
CASES="$WORK/caseload-$SEED-$COUNT.jsonl"
[ -s "$CASES" ] || "$MDA" generate --seed "$SEED" --count "$COUNT" --out "$CASES"
rm -rf "$WORK/rules-new"; cp -r rules "$WORK/rules-new"
sed -i 's/^parameter complexityDomains = 3$/parameter complexityDomains = 2/' "$WORK/rules-new/10-parameters.rules"
grep -q '^parameter complexityDomains = 2$' "$WORK/rules-new/10-parameters.rules"
echo "== $(nproc) cores; $(du -h "$CASES" | cut -f1) caseload of $COUNT cases (seed $SEED)"
if [ -x /usr/bin/time ]; then   # Debian package `time`: adds peak memory
    /usr/bin/time -f "wall %e s, user %U s, system %S s, peak RSS %M KB" \
        "$MDA" diff --base rules --rules "$WORK/rules-new" "$CASES" > "$WORK/report.txt"
else
    time "$MDA" diff --base rules --rules "$WORK/rules-new" "$CASES" > "$WORK/report.txt"
fi
head -12 "$WORK/report.txt"
