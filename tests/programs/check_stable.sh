#!/usr/bin/env bash
# Runs every tests/programs/NN_*.py with python3 RUNS times (default 5) and checks that
# each run ends within 3 s with the same exit status (0, or another only where the program
# calls sys.exit), prints at least one line, and that stdout is byte-identical
# across runs. Exits non-zero, naming the program, if any check fails. Takes no arguments.
set -u
cd "$(dirname "$0")" || exit 2
RUNS=${RUNS:-5}
LIMIT=3
PY=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
count=0
for prog in [0-9][0-9]_*.py; do
    count=$((count + 1))
    problem=""
    for i in $(seq 1 "$RUNS"); do
        start=$(date +%s%N)
        timeout 20 "$PY" "$prog" >"$tmp/out.$i" 2>"$tmp/err.$i"
        rc=$?
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        if [ "$i" -eq 1 ]; then first_rc=$rc; fi
        if [ "$rc" -ne "$first_rc" ] || { [ "$rc" -ne 0 ] && ! grep -q 'sys.exit(' "$prog"; }; then
            problem="exit status $rc on run $i: $(tail -n 3 "$tmp/err.$i" | tr '\n' ' ')"
            break
        fi
        if [ "$ms" -ge $((LIMIT * 1000)) ]; then
            problem="run $i took ${ms} ms (limit ${LIMIT} s)"
            break
        fi
        if [ ! -s "$tmp/out.$i" ]; then
            problem="printed nothing on run $i"
            break
        fi
        if [ "$i" -gt 1 ] && ! cmp -s "$tmp/out.1" "$tmp/out.$i"; then
            problem="stdout of run $i differs from run 1:
$(diff "$tmp/out.1" "$tmp/out.$i" | head -n 10)"
            break
        fi
    done
    if [ -n "$problem" ]; then
        echo "UNSTABLE/FAILED: $prog: $problem"
        bad=$((bad + 1))
    fi
done
if [ "$count" -eq 0 ]; then
    echo "no programs found"
    exit 1
fi
if [ "$bad" -ne 0 ]; then
    echo "$bad of $count programs failed"
    exit 1
fi
echo "all $count programs stable over $RUNS runs"
