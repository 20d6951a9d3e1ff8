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

# setf FILE SEL... NAME=VALUE: change $T/$name.FILE from the good run's
# (csv_field set: by column name, the rows SEL selects).
setf() {
	f=$1; shift
	csv_field set "$T/good.$f" "$@" >"$T/$name.$f" || fail "csv_field set $f $*"
}

for v in inf -inf 1e400 nan; do
	name=median_$v; copy "$name"; setf csv --row 1 cycles_median="$v"
	expect_rc 3 fpbench compare --fail-above 1 "$good" "$T/$name.csv"
	expect_msg "cycles_median"
	# the same file as A is no better
	expect_rc 3 fpbench compare --fail-above 1 "$T/$name.csv" "$good"
done
expect_rc 3 fpbench compare --fail-above 1 "$T/median_inf.csv"
expect_msg "infinite"

# samples: one nan sample, or every sample of a configuration nan
name=one_nan; copy "$name"
setf samples.csv --row 4 cycles=nan
expect_rc 3 fpbench compare --fail-above 1 "$good" "$T/$name.csv"
expect_msg "samples.csv:5: column cycles: nan"
name=all_nan; copy "$name"
setf samples.csv --where bench=kvm --where exit=mmio --where host_fp=none \
	--where guest_fp=none --where fp_mode=lazy cycles=nan
# that configuration's samples, and only those, are nan
n=$(csv_field get "$T/good.samples.csv" --where bench=kvm --where exit=mmio --where host_fp=none \
	--where guest_fp=none --where fp_mode=lazy cycles | wc -l)
all=$(($(wc -l <"$T/good.samples.csv") - 1))
if [ "$n" -le 0 ] || [ "$n" -ge "$all" ]; then fail "all_nan: $n of $all samples selected"; fi
[ "$(csv_field get "$T/$name.samples.csv" cycles | grep -cx nan)" -eq "$n" ] ||
	fail "all_nan: not exactly the $n samples of kvm/mmio/host=none/guest=none/lazy set to nan"
expect_rc 3 fpbench compare --fail-above 1 "$good" "$T/$name.csv"
expect_msg "column cycles: nan"
name=inf_sample; copy "$name"
setf samples.csv --row 4 cycles=inf
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
