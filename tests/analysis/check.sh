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

# Coverage by glob: an ok row each, or ok rows at N distinct VLs (VLs,
# not rows: kvm/mmio/host=sve/guest=none has 6 ok rows at 3 VLs).
expect_rc 0 fpbench check --require 'kvm/mmio/host=sve/guest=none/*:3,kvm/hvc/host=none/guest=none/*' "$T/good.csv"
grep -q '^ok: 2 patterns: ' "$T/out" || fail "no --require summary"
expect_rc 1 fpbench check --require 'kvm/mmio/host=sve/guest=none/*:4' "$T/good.csv"
grep -q 'host=sve/guest=none/\*: ok rows at vl_bits 128 256 512 only: 3 vector lengths, want >= 4' "$T/out" || fail "too few VLs not named"
expect_rc 1 fpbench check --require 'kvm/hvc/*,ctxsw/*' "$T/good.csv"
grep -q '^not ok: ctxsw/\*: no ok row' "$T/out" || fail "unmatched pattern not named"
grep -q '^not ok: kvm/hvc' "$T/out" && fail "matched pattern named"
expect_rc 1 fpbench check --require '*/host=za/*' "$T/sme.csv"
grep -q 'host=za/\*: no ok row' "$T/out" || fail "skip rows passed --require"
grep -v '^kvm,mmio,sve,none,512,' "$T/good.csv" >"$T/novl.csv"
expect_rc 1 fpbench check --require 'kvm/mmio/host=sve/guest=none/*:3' "$T/novl.csv"
# Numbers where the host counted them; a unit list; one value on every row.
expect_rc 0 fpbench check --numeric 'baseline,tr_*,instructions_median@cntvct' "$T/good.csv"
grep -q '^ok: 20 rows: baseline,tr_\*,instructions_median@cntvct numbers' "$T/out" || fail "no --numeric summary"
expect_rc 1 fpbench check --numeric baseline,instructions_median@cycles "$T/good.csv"
grep -q 'eager: instructions_median is nan, want a number' "$T/out" || fail "nan column not named"
expect_rc 1 fpbench check --numeric 'tr_*' "$T/sme.csv"
expect_rc 1 fpbench check --numeric instructions_median@cntvct "$T/ticks.csv"
expect_rc 0 fpbench check --unit cycles,cntvct "$T/ticks.csv"
expect_rc 1 fpbench check --unit cycles,ns "$T/ticks.csv"
grep -q 'unit cntvct, want cycles,ns' "$T/out" || fail "unit outside the list not named"
expect_rc 0 fpbench check --constant baseline-baseline --constant-abs-max 0 "$T/good.csv"
expect_rc 0 fpbench check --where 'kvm/hvc/*' --constant 'tr_instructions-baseline@cycles' --constant-abs-max 980 "$T/good.csv"
grep -q '^ok: 4 rows: tr_instructions-baseline@cycles = 980 on 4 of them' "$T/out" || fail "no --constant summary"
expect_rc 1 fpbench check --where 'kvm/hvc/*' --constant 'tr_instructions-baseline' --constant-abs-max 979 "$T/good.csv"
grep -q 'tr_instructions-baseline = 980, want within 979 of 0' "$T/out" || fail "value beyond the bound not named"
# the odd row is named, not the rows that agree
expect_rc 1 fpbench check --where '*/lazy' --constant tr_instructions "$T/good.csv"
grep -q '^not ok: kvm/mmio/host=sve/guest=sve/vl=256/lazy: tr_instructions = 1128, 9 other rows 1000' "$T/out" || fail "differing row not named"
[ "$(grep -c '^not ok: kvm/' "$T/out")" = 1 ] || fail "rows with the common value named"
expect_rc 1 fpbench check --constant instructions_median-baseline "$T/good.csv"
grep -q 'no ok row with every term of instructions_median-baseline a number' "$T/out" || fail "a constant of nothing passed"
expect_rc 1 fpbench check --constant 'baseline@cntvct' "$T/good.csv"
# The rows say emulated too, not only BASE.json.
sed '3s/,0,1,ok,-,/,0,0,ok,-,/' "$T/good.csv" >"$T/rowemul.csv"
cp "$T/good.json" "$T/rowemul.json"
cmp -s "$T/good.csv" "$T/rowemul.csv" && fail "rowemul: mutation changed nothing"
expect_rc 1 fpbench check --emulated yes "$T/rowemul.csv"
grep -q '^not ok: kvm/mmio/host=none/guest=none/lazy: emulated 0, want yes' "$T/out" || fail "row not emulated passed"

# A negative test wants integrity failures: the failed row passes, a clean
# file fails, and the other checks still hold.
expect_rc 0 fpbench check --expect-integrity-failures "$T/fail.csv"
grep -q '^# kvm/mmio/host=none/guest=none/eager: 3 integrity failures in 2000 iterations' "$T/out" || fail "expected failures not listed"
grep -q '^ok: 1 rows with more than 0 integrity failures (3 in 40000 iterations)' "$T/out" || fail "no expected-failures summary"
expect_rc 1 fpbench check --expect-integrity-failures "$T/good.csv"
grep -q '^not ok: 0 rows with more than 0 integrity failures' "$T/out" || fail "clean file passed a negative test"
expect_rc 1 fpbench check --expect-integrity-failures --max-integrity 3 "$T/fail.csv"
expect_rc 1 fpbench check --expect-integrity-failures --min-iterations 3000 "$T/fail.csv"
grep -q 'host=none/guest=none/eager: 2000 iterations, want >= 3000' "$T/out" || fail "short failed row passed"
expect_rc 1 fpbench check --expect-integrity-failures --require-ok "$T/sme.csv"

# --where takes a comma list of globs.
expect_rc 0 fpbench check --where 'kvm/hvc/*,kvm/mmio/host=none/*' "$T/good.csv"
grep -q '^# .* 6 of 20 rows match' "$T/out" || fail "comma list of globs not one selection"

# --delta: eager costs ~256 more with guest none in the synthetic set.
d="--delta eager-lazy --column cycles_median"
expect_rc 0 fpbench check --where 'kvm/mmio/*/guest=none/*' $d --delta-above 100 "$T/good.csv"
grep -q '^ok: kvm/mmio/host=none/guest=none: eager .* - lazy .* = +' "$T/out" || fail "no per-configuration line"
grep -q '^ok: 7 configurations: eager - lazy' "$T/out" || fail "no delta summary"
grep -q '^# eager - lazy of cycles_median: ' "$T/out" || fail "no delta histogram"
expect_rc 1 fpbench check --where 'kvm/mmio/*/guest=none/*' $d --delta-max 100 "$T/good.csv"
grep -q '^not ok: kvm/mmio/host=none/guest=none: eager' "$T/out" || fail "delta above --delta-max passed"
expect_rc 1 fpbench check --where 'kvm/mmio/*/guest=none/*' $d --delta-min 300 "$T/good.csv"
expect_rc 0 fpbench check --where 'kvm/hvc/*' $d --delta-abs-max 5 "$T/good.csv"
expect_rc 1 fpbench check --where 'kvm/hvc/*' $d --delta-abs-max 0.01 "$T/good.csv"
# the modes swapped: the same rows, the sign turned
sed 's/,eager,/,EAGER,/; s/,lazy,/,eager,/; s/,EAGER,/,lazy,/' "$T/good.csv" >"$T/swapped.csv"
cp "$T/good.json" "$T/swapped.json"
cmp -s "$T/good.csv" "$T/swapped.csv" && fail "swapped: mutation changed nothing"
expect_rc 1 fpbench check --where 'kvm/mmio/*/guest=none/*' $d --delta-above 100 "$T/swapped.csv"
grep -q 'eager .* - lazy .* = -' "$T/out" || fail "swapped modes passed"
# a configuration without its lazy row fails, not skipped
grep -v '^kvm,mmio,sve,none,128,0,lazy,' "$T/good.csv" >"$T/nolazy.csv"
expect_rc 1 fpbench check --where 'kvm/mmio/*/guest=none/*' $d --delta-above 100 "$T/nolazy.csv"
grep -q 'vl=128: no ok eager and lazy rows (eager ok, lazy missing)' "$T/out" || fail "missing mode not named"
# a failed row is no delta either
expect_rc 1 fpbench check $d --delta-min -1e9 "$T/fail.csv"
grep -q 'no ok eager and lazy rows' "$T/out" || fail "failed row gave a delta"
# configurations whose rows are all skip rows are listed, not measured
expect_rc 0 fpbench check --where 'kvm/mmio/*/guest=none/*' $d --delta-above 100 "$T/sme.csv"
grep -q '^# skipped: kvm/mmio/host=za/guest=none/svl=256: no SME' "$T/out" || fail "skipped configuration not listed"
expect_rc 1 fpbench check --where '*/host=za/*' $d --delta-above 100 "$T/sme.csv"
grep -q 'no configuration with a delta in bounds' "$T/out" || fail "all skipped passed"
# the delta of another column must agree
expect_rc 0 fpbench check --where 'kvm/mmio/*' $d --delta-agree cycles_median "$T/good.csv"
expect_rc 1 fpbench check --where 'kvm/mmio/*' $d --delta-agree cycles_p10 "$T/good.csv"
grep -q 'of cycles_p10 .* of cycles_median .*: want equal' "$T/out" || fail "disagreeing column passed"
# against the guest-none delta of the configuration (~256)
expect_rc 0 fpbench check --where '*/guest=sve/*' $d --relative-to guest=none --delta-ratio 2 "$T/good.csv"
expect_rc 1 fpbench check --where '*/guest=sve/*' $d --relative-to guest=none --delta-ratio 1e6 "$T/good.csv"
grep -q '|d| > .*(kvm/mmio/host=sve/guest=none/vl=256) / 1000000' "$T/out" || fail "ratio bound passed"
grep -v '^kvm,mmio,sve,none,256,0,' "$T/good.csv" >"$T/nobase.csv"
expect_rc 1 fpbench check --where '*/guest=sve/*' $d --relative-to guest=none --delta-ratio 2 "$T/nobase.csv"
grep -q 'in kvm/mmio/host=sve/guest=none/vl=256 (--relative-to)' "$T/out" || fail "missing --relative-to configuration passed"
expect_rc 0 fpbench check --where '*/host=za/*' $d --relative-to host=none,guest=none --delta-ratio 0.1 "$T/good.csv"
expect_rc 1 fpbench check --where '*/host=za/*' $d --relative-to host=none,guest=none --delta-ratio 0.5 "$T/good.csv"
# --table: host kind and VL x guest kind, the same deltas
expect_rc 0 fpbench check --where 'kvm/mmio/*' $d --table "$T/good.csv"
grep -q '^bench/exit host_fp .* | *lazy *eager *delta | *d(g=sve)$' "$T/out" || fail "no table header"
grep -q '^kvm/mmio   sve *256 | .* | *+0.0444' "$T/out" || fail "table lacks the sve/sve delta"
grep -q '^ok: kvm/' "$T/out" && fail "--table printed the ok lines too"
expect_rc 1 fpbench check --where 'kvm/mmio/*' $d --table --delta-max 100 "$T/good.csv"
expect_rc 2 fpbench check --table "$T/good.csv"

# --vs: FILE's eager rows against another file's (a kernel without the knob)
gen "$T/vanilla" --seed 2 --modes unknown
v="--delta eager --vs $T/vanilla.csv --column cycles_median"
expect_rc 0 fpbench check --where 'kvm/*' $v --delta-abs-max 5 "$T/good.csv"
grep -q '^ok: 10 configurations: eager - other' "$T/out" || fail "--vs summary"
expect_rc 1 fpbench check --where 'kvm/*' $v --delta-abs-max 0.01 "$T/good.csv"
expect_rc 1 fpbench check --where 'kvm/*' $v --delta-min 0 --delta-max 0.01 "$T/good.csv"
expect_rc 0 fpbench check --where 'kvm/*' $v --delta-min -0.5 --delta-max 0.7 --off-by 5 --max-off 10 "$T/good.csv"
grep -q '^# off by the known shift: ' "$T/out" || fail "off rows not listed"
expect_rc 1 fpbench check --where 'kvm/*' $v --delta-min -0.5 --delta-max 0.7 --off-by 5 --max-off 1 "$T/good.csv"
grep -q '4 configurations off by the known shift (at most 1)' "$T/out" || fail "too many off rows passed"
expect_rc 1 fpbench check --where 'kvm/*' $v --delta-min 0 --delta-max 0.01 --off-by 5 --max-off 10 "$T/good.csv"
grep -q 'no configuration with a delta in bounds' "$T/out" || fail "every row off passed"
expect_rc 1 fpbench check --where 'kvm/*' $v --delta-abs-max 5 --vs-modes eager "$T/good.csv"
grep -q 'no configuration with a delta in bounds' "$T/out" || fail "--vs without rows in --vs-modes passed"
grep -v '^kvm,mmio,sve,none,128,0,eager,' "$T/good.csv" >"$T/noeager.csv"
expect_rc 1 fpbench check --where 'kvm/*' $v --delta-abs-max 5 "$T/noeager.csv"
grep -q 'vl=128: no ok eager and other rows (eager missing, other ok)' "$T/out" || fail "missing eager row passed --vs"

# --require-modes: every configuration in every mode, registers intact
gen "$T/all" --seed 1 --modes all
expect_rc 0 fpbench check --require-modes eager,lazy,lazy_keep "$T/all.csv"
grep -q '^# kvm/mmio/host=none/guest=none: median .* eager .* lazy .* lazy_keep (cycles)' "$T/out" || fail "no per-configuration medians"
grep -q '^ok: 10 configurations: 30 rows ok' "$T/out" || fail "--require-modes summary"
grep -v '^kvm,hvc,none,none,0,0,lazy_keep,' "$T/all.csv" >"$T/nokeep.csv"
expect_rc 1 fpbench check --require-modes eager,lazy,lazy_keep "$T/nokeep.csv"
grep -q 'kvm/hvc/host=none/guest=none: lazy_keep row missing' "$T/out" || fail "missing mode passed"
expect_rc 1 fpbench check --require-modes eager,lazy,lazy_keep "$T/good.csv"
expect_rc 1 fpbench check --require-modes eager,lazy --max-integrity 5 "$T/fail.csv"
grep -q 'row fail' "$T/out" || fail "failed row passed --require-modes"
expect_rc 0 fpbench check --require-modes eager,lazy "$T/sme.csv"
grep -q 'configurations skipped' "$T/out" || fail "skipped configurations not counted"
expect_rc 1 fpbench check --where '*/host=za/*' --require-modes eager,lazy "$T/sme.csv"

# --tolerance-for: per-glob tolerance of --repeat
expect_rc 1 fpbench check --repeat "$T/good.csv" --tolerance-for 'kvm/hvc/*=5' "$T/shift.csv"
grep -q '^not ok: kvm/mmio/' "$T/out" || fail "mmio rows not checked exactly"
grep -q '^not ok: kvm/hvc/' "$T/out" && fail "hvc rows not within their tolerance"
expect_rc 0 fpbench check --repeat "$T/good.csv" --where 'kvm/hvc/*' --tolerance-for 'kvm/hvc/*=5' "$T/shift.csv"
expect_rc 0 fpbench check --repeat "$T/good.csv" --tolerance-for 'kvm/hvc/*=5,*=4' "$T/shift.csv"
expect_rc 1 fpbench check --repeat "$T/good.csv" --tolerance-for 'kvm/hvc/*=5,*=1' "$T/shift.csv"

# Bad input: exit 3 with a message; bad options: exit 2.
expect_rc 3 fpbench check "$T/nonexistent.csv"
expect_msg "cannot open"
expect_rc 3 fpbench check --repeat "$T/nonexistent.csv" "$T/good.csv"
sed '2s/,ok,/,ok,/; 2s/^\(\([^,]*,\)\{12\}\)[^,]*/\1inf/' "$T/good.csv" >"$T/inf.csv"
expect_rc 3 fpbench check "$T/inf.csv"
expect_msg "infinite"
expect_rc 2 fpbench check --unit furlongs "$T/good.csv"
expect_rc 2 fpbench check --emulated maybe "$T/good.csv"
expect_rc 2 fpbench check --unit cycles,furlongs "$T/good.csv"
expect_rc 2 fpbench check --require 'kvm/*:0' "$T/good.csv"
expect_rc 2 fpbench check --require 'kvm/*:x' "$T/good.csv"
expect_rc 2 fpbench check --require ':3' "$T/good.csv"
expect_rc 2 fpbench check --numeric no_such "$T/good.csv"
expect_rc 2 fpbench check --numeric baseline@furlongs "$T/good.csv"
expect_rc 2 fpbench check --constant baseline-no_such "$T/good.csv"
expect_rc 2 fpbench check --constant 'baseline--baseline' "$T/good.csv"
expect_rc 2 fpbench check --constant baseline@furlongs "$T/good.csv"
expect_rc 2 fpbench check --constant-abs-max 4 "$T/good.csv"
expect_rc 2 fpbench check
expect_rc 2 fpbench check --delta eager "$T/good.csv"
expect_rc 2 fpbench check --delta eager-lazy --vs "$T/good.csv" "$T/good.csv"
expect_rc 2 fpbench check --delta eager-slow "$T/good.csv"
expect_rc 2 fpbench check --delta eager-lazy --column no_such "$T/good.csv"
expect_rc 2 fpbench check --delta-max 3 "$T/good.csv"
expect_rc 2 fpbench check --delta eager-lazy --delta-ratio 2 "$T/good.csv"
expect_rc 2 fpbench check --delta eager-lazy --relative-to host=bogus --delta-ratio 2 "$T/good.csv"
expect_rc 2 fpbench check --require-modes eager,slow "$T/good.csv"
expect_rc 2 fpbench check --repeat "$T/good.csv" --tolerance-for 'kvm/*' "$T/good.csv"
expect_rc 2 fpbench check --repeat "$T/good.csv" --tolerance-for '*=5,kvm/*' "$T/good.csv"
expect_rc 2 fpbench check --repeat "$T/good.csv" --tolerance-for 'kvm/*=101' "$T/good.csv"
expect_rc 3 fpbench check --delta eager --vs "$T/nonexistent.csv" "$T/good.csv"
expect_msg "cannot open"
echo "PASS: check"
