#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A known +5% shift is found (slower, change near 5%), --fail-above 2 exits
# 5 and --fail-above 10 does not; lazy vs eager in one file shows the cost
# growing with the state size; summary-only inputs still give a verdict.
. "$(dirname "$0")/lib.sh"

gen "$T/a" --seed 1
gen "$T/b" --seed 2 --shift 5
expect_rc 0 fpbench compare --format csv "$T/a.csv" "$T/b.csv"
cp "$T/out" "$T/shift.csv"
n=$(csv_col verdict "$T/shift.csv" | grep -c '^slower$')
[ "$n" -eq 20 ] || fail "$n of 20 configurations slower"
csv_field range "$T/shift.csv" rel_pct 4 6 || fail "relative change not within 4..6%"
csv_field range "$T/shift.csv" p_value 0 0.001 ||
	fail "p-value above 0.001 for a 5% shift over 2000 samples"

expect_rc 5 fpbench compare --fail-above 2 "$T/a.csv" "$T/b.csv"
grep -q REGRESSION "$T/err" || fail "no REGRESSION message"
expect_rc 0 fpbench compare --fail-above 10 "$T/a.csv" "$T/b.csv"
expect_rc 5 fpbench compare --fail-above-cycles 50 "$T/a.csv" "$T/b.csv"
# The other direction is faster, never a regression.
expect_rc 0 fpbench compare --format csv --fail-above 2 "$T/b.csv" "$T/a.csv"
n=$(csv_col verdict "$T/out" | grep -c '^faster$')
[ "$n" -eq 20 ] || fail "reverse: $n of 20 faster"
# A 5% change is "no change" when the minimum effect is 10%.
expect_rc 0 fpbench compare --format csv --min-effect 10 "$T/a.csv" "$T/b.csv"
csv_col verdict "$T/out" | grep -q slower && fail "--min-effect 10 ignored"

# One file: eager - lazy. The synthetic eager mode pays per byte of host
# state: host=none (live FPSIMD, 512 bytes) and sve@512 do; an hvc exit
# (no vcpu_load) does not.
expect_rc 0 fpbench compare --format csv "$T/a.csv"
grep -q '^kvm,mmio,none,none,0,0,eager-lazy,.*,slower,' "$T/out" ||
	fail "host=none should be slower in eager mode (FPSIMD state is live)"
grep -q '^kvm,mmio,sve,none,512,0,eager-lazy,.*,slower,samples,1024,' "$T/out" ||
	fail "host=sve@512 should be slower with 1024 bytes per round trip (model: FPSIMD view in syscall context)"
grep -q '^kvm,hvc,sve,none,256,0,eager-lazy,.*,no change,' "$T/out" ||
	fail "hvc exits should not pay the save"

# Summary-only: no samples files, CI from the summaries, caveat printed.
gen "$T/c" --seed 1 --no-samples
gen "$T/d" --seed 2 --shift 5 --no-samples
expect_rc 0 fpbench compare --format csv "$T/c.csv" "$T/d.csv"
csv_col ci_source "$T/out" | grep -qv '^summary$' && fail "expected summary CIs"
n=$(csv_col verdict "$T/out" | grep -c '^slower$')
[ "$n" -eq 20 ] || fail "summary-only: $n of 20 slower"
expect_rc 0 fpbench compare "$T/c.csv" "$T/d.csv"
grep -q caveat "$T/out" || fail "summary-only table without its caveat"
# With a trace (gen --trace: the model's bytes as tr_load/store_bytes, 128
# instructions per round trip for host=none): the bytes are measured, every
# tr_* column has its B-A, and the cycle floor of that mix is printed.
gen "$T/t" --seed 1 --n 400 --trace
expect_rc 0 fpbench compare --format csv "$T/t.csv"
grep -q '^kvm,mmio,none,none,0,0,eager-lazy,.*,slower,samples,1024,[0-9.]*,none,trace,128\.000,0\.000,0\.000,512\.000,512\.000,' "$T/out" ||
	fail "traced host=none: measured bytes and trace deltas expected"
expect_rc 0 fpbench compare "$T/t.csv"
grep -q '^cycle floor (a model, not a measurement)' "$T/out" || fail "no cycle floor section"
# Neoverse N1: 128 instructions / 4 per cycle = 32 (binds over 512 B / 32 B per cycle = 16)
grep -q '^kvm/mmio/host=none/guest=none  *eager-lazy  *32\.0 ' "$T/out" || fail "N1 floor of host=none"
gen "$T/u" --seed 1 --n 400
expect_rc 0 fpbench compare "$T/u.csv"
grep -q 'cycle floor' "$T/out" && fail "floor printed without a trace"
exit 0
