#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bad input never crashes compare: exit 3 and a message naming the problem.
. "$(dirname "$0")/lib.sh"

gen "$T/good" --seed 1
good=$T/good.csv

bad() {	# bad NAME WHAT-TO-GREP: compare $T/NAME.csv against the good file
	expect_rc 3 fpbench compare "$T/$1.csv" "$good"
	[ -s "$T/err" ] || fail "$1: no message"
	grep -qi "$2" "$T/err" || { cat "$T/err" >&2; fail "$1: message lacks '$2'"; }
}

: >"$T/empty.csv"
bad empty "empty"
head -c 300 "$good" >"$T/truncated.csv"
bad truncated "truncated\|newline\|short"
sed '1s/bench/bnch/' "$good" >"$T/header.csv"
bad header "header"
sed '2s/,kvm,/,kvm,/; 2s/^kvm,mmio,none,none,0,0,\([a-z]*\),[0-9]*,/kvm,mmio,none,none,0,0,\1,12x,/' "$good" >"$T/number.csv"
bad number "12x\|number\|numeric"
sed '2s/,$/,extra,/' "$good" | sed '2s/$/,extra/' >"$T/long.csv"
bad long "row\|field\|column"
head -n 1 "$good" >"$T/norows.csv"
bad norows "no result rows\|empty"
printf 'garbage\x00\x01\n' >"$T/binary.csv"
bad binary "header"

# Mismatched: different units, nothing in common, one mode only, samples
# from another run.
gen "$T/ticks" --seed 1 --unit cntvct
expect_rc 3 fpbench compare "$good" "$T/ticks.csv"
grep -q unit "$T/err" || fail "unit mismatch not named"
gen "$T/lazy" --seed 1 --modes lazy
gen "$T/eager" --seed 1 --modes eager
expect_rc 0 fpbench compare "$T/lazy.csv" "$T/eager.csv"
expect_rc 3 fpbench compare "$T/eager.csv"
grep -q 'measured in both lazy and eager' "$T/err" || fail "one-mode file not explained"
grep -v '^kvm,mmio,' "$good" >"$T/hvc.csv"
grep -v '^kvm,hvc,' "$good" >"$T/mmio.csv"
expect_rc 3 fpbench compare "$T/hvc.csv" "$T/mmio.csv"
grep -q 'configuration in common' "$T/err" || fail "disjoint sets not explained"
gen "$T/short" --seed 1 --n 500
cp "$T/short.samples.csv" "$T/mixed.samples.csv"
cp "$good" "$T/mixed.csv"
expect_rc 3 fpbench compare "$T/mixed.csv" "$good"
grep -q 'samples' "$T/err" || fail "samples/summary mismatch not named"
: >"$T/emptysamples.samples.csv"
cp "$good" "$T/emptysamples.csv"
expect_rc 3 fpbench compare "$T/emptysamples.csv" "$good"

# Usage errors are 2, not 3.
expect_rc 2 fpbench compare
expect_rc 2 fpbench compare --format xml "$good"
expect_rc 0 fpbench compare --help
grep -q 'fail-above' "$T/out" || fail "--help does not list --fail-above"
exit 0
