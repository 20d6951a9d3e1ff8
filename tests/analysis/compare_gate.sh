#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A gate never passes on a result it cannot read: compare --fail-above on
# an infinite median, an out-of-range number, nan where a measurement must
# be, or a row that failed its integrity check under test is exit 3 or 5,
# never 0 ("no change").
. "$(dirname "$0")/lib.sh"

gen "$T/good" --seed 1
good=$T/good.csv
gen "$T/same" --seed 1
expect_rc 0 fpbench compare --fail-above 1 "$good" "$T/same.csv"

# copy NAME: a copy of the good run (summary, samples, metadata) as NAME.
copy() {
	for ext in .csv .samples.csv .json; do cp "$T/good$ext" "$T/$1$ext"; done
}

# field N VALUE: set column N of the first data row of $T/$name.csv.
field() {
	awk -F, -v c="$1" -v v="$2" 'BEGIN { OFS = "," } NR == 2 { $c = v } { print }' \
		"$T/$name.csv" >"$T/tmp.csv" && mv "$T/tmp.csv" "$T/$name.csv"
}
median=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "cycles_median") print i }' "$good")
[ -n "$median" ] || fail "no cycles_median column"

for v in inf -inf 1e400 nan; do
	name=median_$v; copy "$name"; field "$median" "$v"
	expect_rc 3 fpbench compare --fail-above 1 "$good" "$T/$name.csv"
	expect_msg "cycles_median"
	# the same file as A is no better
	expect_rc 3 fpbench compare --fail-above 1 "$T/$name.csv" "$good"
done
expect_rc 3 fpbench compare --fail-above 1 "$T/median_inf.csv"
expect_msg "infinite"

# samples: one nan sample, or every sample of a configuration nan
name=one_nan; copy "$name"
awk -F, 'BEGIN { OFS = "," } NR == 5 { $9 = "nan" } { print }' "$T/good.samples.csv" \
	>"$T/$name.samples.csv"
expect_rc 3 fpbench compare --fail-above 1 "$good" "$T/$name.csv"
expect_msg "samples.csv:5: column cycles: nan"
name=all_nan; copy "$name"
awk -F, 'BEGIN { OFS = "," } NR > 1 && $1 $2 $3 $4 $7 == "kvmmmiononenonelazy" { $9 = "nan" } { print }' \
	"$T/good.samples.csv" >"$T/$name.samples.csv"
expect_rc 3 fpbench compare --fail-above 1 "$good" "$T/$name.csv"
expect_msg "column cycles: nan"
name=inf_sample; copy "$name"
awk -F, 'BEGIN { OFS = "," } NR == 5 { $9 = "inf" } { print }' "$T/good.samples.csv" \
	>"$T/$name.samples.csv"
expect_rc 3 fpbench compare "$good" "$T/$name.csv"
expect_msg "infinite"

# A row under test (B) with status fail fails the gate, and says so; a
# failed A only has no verdict; without a gate nothing fails.
gen "$T/failed" --seed 1 --fail-one
expect_rc 5 fpbench compare --fail-above 1000 "$good" "$T/failed.csv"
expect_msg "FAILED .*status fail under test"
expect_rc 5 fpbench compare --fail-above-cycles 1e9 "$good" "$T/failed.csv"
expect_rc 0 fpbench compare --fail-above 1000 "$T/failed.csv" "$good"
expect_msg "no verdict"
expect_rc 0 fpbench compare "$good" "$T/failed.csv"
# one file pairing modes: either mode is under test
expect_rc 5 fpbench compare --fail-above 1000 "$T/failed.csv"
exit 0
