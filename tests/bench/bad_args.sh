#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bad command lines: exit 2 and a message naming the problem, no files.
. "$(dirname "$0")/lib.sh"

o="$T/x"
expect_rc 2 fpbench run;				expect_msg "--out"
expect_rc 2 fpbench run --out "$o" --bench nope;	expect_msg "nope"
expect_rc 2 fpbench run --out "$o" --vl 100;		expect_msg "100"
expect_rc 2 fpbench run --out "$o" --iterations 0;	expect_msg "iterations"
expect_rc 2 fpbench run --out "$o" --fp-mode sometimes;	expect_msg "sometimes"
expect_rc 2 fpbench run --out "$o" --fp-mode eager,lazy; expect_msg "fp-mode"
expect_rc 2 fpbench run --out "$o" --fp-mode lazy-keep;	expect_msg "'lazy-keep' is not one of current, eager, lazy, lazy_keep, both, all"
expect_rc 2 fpbench run --out "$o" --fp-mode all,lazy;	expect_msg "one word"
expect_rc 2 fpbench run --out "$o" --bogus;		expect_msg "bogus"
expect_rc 2 fpbench run --out "$o" --guest-fp za;	expect_msg "guest"
expect_rc 2 fpbench run --out "$o" --bench ctxsw --exit mmio; expect_msg "no configuration"
expect_rc 2 fpbench run --out "$o" --quick stray;	expect_msg "stray\|argument"
[ -e "$o.csv" ] || [ -e "$o.json" ] && fail "usage error wrote results"

expect_rc 2 fpbench ctxsw --exit mmio;			expect_msg "mmio"
expect_rc 2 fpbench ctxsw --guest-fp za;		expect_msg "za"
expect_rc 2 fpbench ctxsw --host-fp sve,za;		expect_msg "sve,za"
expect_rc 2 fpbench ctxsw --iterations x;		expect_msg "iterations"
expect_rc 2 fpbench ctxsw --vl 100;			expect_msg "128"
expect_rc 2 fpbench ctxsw --fp-mode sometimes;		expect_msg "'sometimes' is not one of"
expect_rc 2 fpbench kvm --fp-mode keep;			expect_msg "'keep' is not one of"

expect_rc 2 fpbench info --cpu 99999;			expect_msg "no such CPU"
expect_rc 2 fpbench info --cpu "";			expect_msg "not a CPU number"
expect_rc 2 fpbench compare --seed 18446744073709551616 x.csv
expect_msg "out of range 0..18446744073709551615"
expect_rc 2 fpbench compare --bootstrap 4294967296 x.csv; expect_msg "out of range 100..100000"

expect_rc 0 fpbench run --help
grep -q -- "--fp-mode" "$T/out" || fail "run --help lacks --fp-mode"
grep -q "lazy_keep.*all" "$T/out" || fail "run --help lacks lazy_keep and all"
grep -q "round trip" "$T/out" || fail "run --help does not say what a sample is"
expect_rc 0 fpbench ctxsw --help
grep -q "ROUND TRIP" "$T/out" || fail "ctxsw --help does not say what a sample is"

# Without the kvm.fp_eager knob, choosing a mode is impossible: a skip (4)
# that names the file, not a silent "current".
if [ ! -e /sys/module/kvm/parameters/fp_eager ]; then
	expect_rc 4 fpbench run --out "$o" --fp-mode both; expect_msg "fp_eager"
	expect_rc 4 fpbench ctxsw --fp-mode lazy;	expect_msg "fp_eager"
	expect_rc 4 fpbench run --out "$o" --fp-mode all; expect_msg "no kvm.fp_eager knob"
fi
exit 0
