#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fpbench check, the gate of a results file: passes on a clean file, fails
# on every kind of bad row and on a check that sees nothing, repeats a
# reference exactly or within a tolerance, and refuses unreadable input.
. "$(dirname "$0")/lib.sh"

gen "$T/good" --seed 1 --emulated --trace
gen "$T/same" --seed 1 --emulated --trace
gen "$T/shift" --seed 1 --emulated --trace --shift 3
gen "$T/fail" --seed 1 --fail-one
gen "$T/sme" --seed 1 --skip-sme
gen "$T/ticks" --seed 1 --unit cntvct --n 20

expect_rc 0 fpbench check --require-ok --emulated yes "$T/good.csv"
grep -q '^ok: .*status ok' "$T/out" || fail "no status line"
grep -q '^not ok' "$T/out" && fail "'not ok' on a clean file"

# A failed row (integrity) fails even without --require-ok; a skip only
# under --require-ok, unless its kind is allowed.
expect_rc 1 fpbench check "$T/fail.csv"
grep -q '^not ok: .*3 integrity failures' "$T/out" || fail "integrity failures not named"
grep -q '^not ok: .*status fail' "$T/out" || fail "failed row not named"
expect_rc 0 fpbench check "$T/sme.csv"
expect_rc 1 fpbench check --require-ok "$T/sme.csv"
grep -q 'status skip (no SME on this host)' "$T/out" || fail "skip reason not shown"
expect_rc 0 fpbench check --require-ok --allow-skip ssve,za,zt0 "$T/sme.csv"
expect_rc 0 fpbench check --require-ok --allow-skip any "$T/sme.csv"
expect_rc 1 fpbench check --require-ok --allow-skip sve "$T/sme.csv"

# What the rows must hold.
expect_rc 1 fpbench check --min-iterations 100 "$T/ticks.csv"
grep -q '20 iterations, want >= 100' "$T/out" || fail "short row not named"
expect_rc 0 fpbench check --unit cntvct "$T/ticks.csv"
expect_rc 1 fpbench check --unit cycles "$T/ticks.csv"
expect_rc 1 fpbench check --emulated yes "$T/sme.csv"
expect_rc 0 fpbench check --emulated no "$T/sme.csv"

# --where selects by key/mode; a check on nothing is no pass.
expect_rc 0 fpbench check --where 'kvm/hvc/*' --require-ok "$T/good.csv"
grep -q '^# .* rows match' "$T/out" || fail "selection not summarised"
expect_rc 1 fpbench check --where 'ctxsw/*' "$T/good.csv"
grep -q 'nothing to check is no pass' "$T/out" || fail "empty selection passed"
expect_rc 0 fpbench check --where '*/eager' --min-rows 2 "$T/good.csv"

# Repeat: same seed is identical; a 3 % shift differs, passes at 5 %.
expect_rc 0 fpbench check --repeat "$T/good.csv" "$T/same.csv"
expect_rc 0 fpbench check --repeat "$T/good.csv" --columns all "$T/same.csv"
expect_rc 1 fpbench check --repeat "$T/good.csv" "$T/shift.csv"
grep -q 'cycles_median .* in the reference, .* here' "$T/out" || fail "differing column not named"
expect_rc 0 fpbench check --repeat "$T/good.csv" --tolerance 5 "$T/shift.csv"
expect_rc 0 fpbench check --repeat "$T/good.csv" --columns 'tr_*' "$T/shift.csv"
grep -v '^kvm,hvc,' "$T/same.csv" >"$T/fewer.csv"
expect_rc 1 fpbench check --repeat "$T/good.csv" "$T/fewer.csv"
grep -q 'in the reference, missing here' "$T/out" || fail "missing row not named"
expect_rc 1 fpbench check --repeat "$T/fewer.csv" "$T/good.csv"
grep -q 'not in the reference' "$T/out" || fail "extra row not named"

# A complete set: metadata and samples beside the summary.
expect_rc 0 fpbench check --complete "$T/good.csv"
gen "$T/nosamples" --seed 1 --no-samples
expect_rc 1 fpbench check --complete "$T/nosamples.csv"
grep -q 'no BASE.samples.csv' "$T/out" || fail "missing samples not named"
expect_rc 0 fpbench check "$T/nosamples.csv"
rm "$T/same.json"
expect_rc 1 fpbench check --complete "$T/same.csv"
grep -q 'no metadata' "$T/out" || fail "missing metadata not named"

# Named configurations, not-measured columns, ok rows wanted.
expect_rc 0 fpbench check --require-keys kvm/mmio/host=none/guest=none,kvm/hvc/host=none/guest=none "$T/good.csv"
expect_rc 1 fpbench check --require-keys kvm/mmio/host=sve/guest=none/vl=2048 "$T/good.csv"
grep -q 'not measured ok' "$T/out" || fail "unmeasured key not named"
expect_rc 1 fpbench check --require-keys no-such-key "$T/good.csv"
expect_rc 0 fpbench check --nan guest_median "$T/good.csv"
expect_rc 1 fpbench check --nan cycles_median "$T/good.csv"
grep -q 'cycles_median is .*, want nan' "$T/out" || fail "measured column not named"
expect_rc 0 fpbench check --where '*/host=none/*' --min-ok 2 "$T/good.csv"
expect_rc 1 fpbench check --where '*/host=za/*' --min-ok 1 "$T/sme.csv"
grep -q '0 ok rows seen' "$T/out" || fail "no ok row passed --min-ok"
# A skip row must say why.
sed 's/,skip,no SME on this host,/,skip,-,/' "$T/sme.csv" >"$T/noreason.csv"
cmp -s "$T/sme.csv" "$T/noreason.csv" && fail "noreason: mutation changed nothing"
expect_rc 1 fpbench check "$T/noreason.csv"
grep -q 'skip row without a reason' "$T/out" || fail "skip without reason passed"

# Bad input: exit 3 with a message; bad options: exit 2.
expect_rc 3 fpbench check "$T/nonexistent.csv"
expect_msg "cannot open"
expect_rc 3 fpbench check --repeat "$T/nonexistent.csv" "$T/good.csv"
sed '2s/,ok,/,ok,/; 2s/^\(\([^,]*,\)\{12\}\)[^,]*/\1inf/' "$T/good.csv" >"$T/inf.csv"
expect_rc 3 fpbench check "$T/inf.csv"
expect_msg "infinite"
expect_rc 2 fpbench check --unit furlongs "$T/good.csv"
expect_rc 2 fpbench check --emulated maybe "$T/good.csv"
expect_rc 2 fpbench check
echo "PASS: check"
