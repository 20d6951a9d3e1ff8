#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A result set compared with itself has no change anywhere and exits 0.
. "$(dirname "$0")/lib.sh"

gen "$T/a" --seed 1
expect_rc 0 fpbench compare --format csv "$T/a.csv" "$T/a.csv"
rows=$(tail -n +2 "$T/out" | wc -l)
[ "$rows" -eq 20 ] || fail "expected 20 compared rows, got $rows"
bad=$(csv_col verdict "$T/out" | grep -cv '^no change$')
[ "$bad" -eq 0 ] || fail "$bad verdicts other than 'no change'"
csv_col ci_source "$T/out" | grep -qv '^samples$' && fail "CI not from samples"
csv_col diff "$T/out" | grep -qv '^0.00$' && fail "non-zero difference"

# The table and JSON formats, and --fail-above, agree.
expect_rc 0 fpbench compare --fail-above 0.5 "$T/a" "$T/a"
grep -q 'no change' "$T/out" || fail "table has no verdicts"
expect_rc 0 fpbench compare --format json "$T/a.csv" "$T/a.csv"
grep -q '"verdict": "slower"' "$T/out" && fail "json has a slower verdict"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys; d = json.load(sys.stdin); assert len(d["comparisons"]) == 20' \
		<"$T/out" || fail "compare --format json is not the JSON expected"
fi
exit 0
