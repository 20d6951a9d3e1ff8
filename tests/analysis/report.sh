#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fpbench report: mail-ready text (no line over 72 columns, no tabs, same
# input same text), the eager - lazy table with the synthetic model's
# known delta, the trace section and the cycle floor only where tr_*
# columns are finite, integrity counts, bad input exit 3; the committed
# reference reads.
. "$(dirname "$0")/lib.sh"

mail_ok() {	# mail_ok FILE: the rules of a kernel list reply
	awk 'length > 72 { print FILENAME ":" NR ": " length " columns"; bad = 1 }
	     /\t/ { print FILENAME ":" NR ": tab"; bad = 1 }
	     / $/ { print FILENAME ":" NR ": trailing blank"; bad = 1 }
	     END { exit bad }' "$1" || fail "$1 is not mail-ready"
}

# row LABEL: the table row of that configuration (first table only).
row() { awk -v l="$1" '$1 == l { print; exit }' "$T/out"; }

# The model: eager pays 0.25 per byte of 2 x state; sve@512 moves 1024
# bytes, +256, scaled by the 5% shift to +268.8 (1% noise around it).
gen "$T/a" --seed 1 --shift 5
expect_rc 0 fpbench report "$T/a.csv"
mail_ok "$T/out"
cp "$T/out" "$T/a.txt"
for l in none fpsimd sve@128 sve@256 sve@512 za@256 za@512 sve@256/g=sve; do
	[ -n "$(row "$l")" ] || fail "no row $l"
done
n=$(awk '/^  host\/guest/ { t++; next } t == 1 && /^$/ { t++ } t == 1 { n++ } END { print n }' "$T/out")
[ "$n" -eq 8 ] || fail "$n table rows, expected the 8 kvm/mmio configurations"
grep -q '^  [a-z].*hvc' "$T/out" && fail "hvc rows in the kvm/mmio table"
row sve@512 | awk '{ d = $4 + 0; exit !(d > 255 && d < 283) }' ||
	fail "sve@512: expected diff near +268.8: $(row sve@512)"
row sve@256/g=sve | awk '{ d = $4 + 0; exit !(d > -25 && d < 25) }' ||
	fail "sve@256/g=sve: lazy pays too, diff should be near 0: $(row sve@256/g=sve)"
row za@512 | grep -q '\[+' || fail "za@512: CI should exclude 0: $(row za@512)"
grep -q "$T/a.csv" "$T/out" || fail "the results file is not named"
grep -q 'samples:  yes' "$T/out" || fail "bootstrap from the samples not said"
grep -q 'no tr_\* counts' "$T/out" || fail "no-trace file does not say so"
grep -q 'model: lower bound' "$T/out" && fail "floor without a trace"
grep -q 'unit: cycles' "$T/out" || fail "unit not named"

# Same input, same text; another seed moves only the CIs.
expect_rc 0 fpbench report "$T/a.csv"
cmp -s "$T/out" "$T/a.txt" || fail "two runs differ"

# With a trace: decomposition and floor; sve@512 pays 1024 bytes, one
# instruction per 8: +128 instructions, +512 load and store bytes; the
# floor on N1 (4 per cycle) is 32 cycles, bound by instructions.
gen "$T/t" --seed 1 --trace --emulated
expect_rc 0 fpbench report "$T/t.csv"
mail_ok "$T/out"
grep -q 'unit: instructions (emulated)' "$T/out" || fail "emulated unit label"
grep -q 'EMULATED\|Emulated runs' "$T/out" || fail "emulated caveat missing"
grep -q 'model: lower bound in cycles on each core' "$T/out" || fail "floor label"
grep -q 'not a measurement' "$T/out" || fail "floor not called a model"
grep -q 'predicated SVE LD1/ST1' "$T/out" || fail "plugin caveat missing"
awk '/instr +load B/ { t = 1; next } t && $1 == "sve@512" { print; exit }' "$T/out" |
	grep -q '^  sve@512  *+128  *+512  *+512  *+128$' || fail "sve@512 trace deltas"
awk '/ERET +ISB/ { t = 1; next } t && $1 == "sve@512" { print; exit }' "$T/out" |
	grep -q '+1.0  *+0.0  *+2.0  *+34.0$' || fail "sve@512 ISB/MSR/SVE deltas"
awk '/ N1 +V1 / { t = 1; next } t && $1 == "sve@512" { print; exit }' "$T/out" |
	grep -q '^  sve@512  *32.0 i  *16.0 i' || fail "sve@512 floor on N1/V1"
grep -q 'Neoverse N1 >= 288.0 cycles (instructions: 1152 / 4 per cycle)' "$T/out" ||
	fail "explanation of the binding term"

# Integrity: a corrupted row is counted and named.
gen "$T/f" --seed 1 --fail-one
expect_rc 0 fpbench report "$T/f.csv"
mail_ok "$T/out"
grep -q '3 register corruption(s)' "$T/out" || fail "integrity sum"
grep -q 'failed 1' "$T/out" || fail "failed row count"
grep -q 'failed: kvm/mmio/host=none' "$T/out" || fail "failed row not named"

# Several files, summary-only CIs.
gen "$T/c" --seed 2 --no-samples
expect_rc 0 fpbench report "$T/a.csv" "$T/c.csv"
mail_ok "$T/out"
grep -q '^\[2\] ' "$T/out" || fail "second file not reported"
grep -q "'\*' CI from the two summary CIs" "$T/out" || fail "summary caveat"
expect_rc 0 fpbench report --host-fp sve "$T/a.csv"
[ -z "$(row none)" ] || fail "--host-fp sve kept host=none"
[ -n "$(row sve@512)" ] || fail "--host-fp sve lost sve@512"

# Bad input: 3 with a message; usage: 2.
: >"$T/empty.csv"
expect_rc 3 fpbench report "$T/empty.csv"
expect_msg empty
sed '1s/bench/bnch/' "$T/a.csv" >"$T/header.csv"
expect_rc 3 fpbench report "$T/header.csv"
expect_msg header
gen "$T/eager" --seed 1 --modes eager
expect_rc 3 fpbench report "$T/eager.csv"
expect_msg 'eager and lazy'
expect_rc 3 fpbench report "$T/a.csv" "$T/empty.csv"
expect_rc 3 fpbench report "$T/missing.csv"
expect_rc 2 fpbench report
expect_rc 2 fpbench report --host-fp bogus "$T/a.csv"
expect_rc 0 fpbench report --help

# The committed emulated reference (three modes, traced).
set -- "$SRC"/results/qemu-max/6.12.117-fp_eager/*-all.csv
[ -f "$1" ] || skip "no committed reference results"
expect_rc 0 fpbench report "$1"
mail_ok "$T/out"
grep -q 'emulated: yes' "$T/out" || fail "reference not called emulated"
grep -q 'trace of the emulated host, eager - lazy' "$T/out" || fail "reference: no trace section"
grep -q 'eager - lazy_keep' "$T/out" || fail "reference: no eager - lazy_keep table"
grep -q 'not a measurement' "$T/out" || fail "reference: floor not labelled a model"
[ -n "$(row sve@256)" ] || fail "reference: no sve@256 row"
exit 0
