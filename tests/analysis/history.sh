#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# history walks a store, orders kernels by version (not by name) and flags
# exactly the step put into the synthetic data (+8% from 6.14 on).
. "$(dirname "$0")/lib.sh"

S=$T/store
for k in 6.12.9:0:11 6.12.117:0.3:12 6.14-rc1:0.1:13 6.14:8:14 6.14.2:8.2:15 7.3.4:8.1:16; do
	rel=${k%%:*}; rest=${k#*:}; shift=${rest%%:*}; seed=${rest#*:}
	mkdir -p "$S/hostA/$rel"
	gen "$S/hostA/$rel/20261101T120000Z-both" --seed "$seed" --shift "$shift" --kernel "$rel" --n 1000
done
# Files outside the layout are ignored with a note.
cp "$S/hostA/6.14/20261101T120000Z-both.csv" "$S/stray.csv"

K=kvm/mmio/host=sve/guest=none/vl=256/eager
expect_rc 0 fpbench history --config "$K" --format csv "$S"
cp "$T/out" "$T/h.csv"
grep -q 'stray.csv' "$T/err" || fail "stray file not reported"
[ "$(csv_col kernel "$T/h.csv" | tr '\n' ' ')" = "6.12.9 6.12.117 6.14-rc1 6.14 6.14.2 7.3.4 " ] ||
	fail "kernels not in version order: $(csv_col kernel "$T/h.csv" | tr '\n' ' ')"
[ "$(csv_col step "$T/h.csv" | tr '\n' ' ')" = "- - - up - - " ] ||
	fail "steps: $(csv_col step "$T/h.csv" | tr '\n' ' ')"
expect_rc 5 fpbench history --config "$K" --fail-on-step "$S"
grep -q 'STEP' "$T/out" || fail "table does not show the step"
expect_rc 0 fpbench history --config "$K" --step 20 --format csv "$S"
csv_col step "$T/out" | grep -q up && fail "--step 20 still flags an 8% step"

# Without a mode: one series per mode. --delta modes: eager - lazy per run.
expect_rc 0 fpbench history --config kvm/mmio/host=sve/guest=none/vl=256 --format csv "$S"
[ "$(csv_col series "$T/out" | sort -u | tr '\n' ' ')" = "eager lazy " ] || fail "series per mode"
expect_rc 0 fpbench history --config kvm/mmio/host=sve/guest=none/vl=256 --delta modes --format csv "$S"
[ "$(csv_col series "$T/out" | sort -u)" = "eager-lazy" ] || fail "delta series"
[ "$(csv_col ci_source "$T/out" | sort -u)" = "samples" ] || fail "delta CI not from samples"
expect_rc 0 fpbench history --config kvm/mmio/host=sve/guest=none/vl=256/eager --delta exit --format csv "$S"
[ "$(csv_col series "$T/out" | sort -u)" = "mmio-hvc/eager" ] || fail "exit delta series"

# A store of three-mode runs (<date>-all.csv): --delta modes follows both
# pairs, one series each; eager-lazy and eager-lazy_keep pick one.
S3=$T/store3
for k in 6.12.117:0:21 6.14:8:22; do
	rel=${k%%:*}; rest=${k#*:}; shift=${rest%%:*}; seed=${rest#*:}
	mkdir -p "$S3/hostB/$rel"
	gen "$S3/hostB/$rel/20261101T120000Z-all" --modes all --seed "$seed" --shift "$shift" --kernel "$rel" --n 1000
done
K3=kvm/mmio/host=sve/guest=none/vl=256
expect_rc 0 fpbench history --config "$K3" --format csv "$S3"
[ "$(csv_col series "$T/out" | sort -u | tr '\n' ' ')" = "eager lazy lazy_keep " ] || fail "three series"
expect_rc 0 fpbench history --config "$K3" --delta modes --format csv "$S3"
[ "$(csv_col series "$T/out" | sort -u | tr '\n' ' ')" = "eager-lazy eager-lazy_keep " ] ||
	fail "delta modes: $(csv_col series "$T/out" | sort -u | tr '\n' ' ')"
[ "$(csv_col date "$T/out" | wc -l)" -eq 4 ] || fail "two runs x two pairs"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	 { v[$c["series"] "/" $c["kernel"]] = $c["value"] }
	 END { x = v["eager-lazy/6.12.117"] - v["eager-lazy_keep/6.12.117"]; exit !(x > 20 && x < 40) }' "$T/out" ||
	fail "eager-lazy_keep not 30 below eager-lazy (the model)"
expect_rc 0 fpbench history --config "$K3" --delta modes "$S3"
grep -q 'eager - lazy and eager - lazy_keep' "$T/out" || fail "table does not say both pairs"
expect_rc 0 fpbench history --config "$K3" --delta eager-lazy_keep --format csv "$S3"
[ "$(csv_col series "$T/out" | sort -u)" = "eager-lazy_keep" ] || fail "eager-lazy_keep only"
expect_rc 0 fpbench history --config "$K3" --delta eager-lazy --format csv "$S3"
[ "$(csv_col series "$T/out" | sort -u)" = "eager-lazy" ] || fail "eager-lazy only"
expect_rc 3 fpbench history --config "$K3" --delta eager-lazy_keep "$S"
grep -q 'in eager and lazy_keep mode' "$T/err" || fail "no lazy_keep in a two-mode store not explained"
expect_rc 2 fpbench history --config "$K3" --delta lazy_keep "$S3"

# Errors: nothing matches (3), bad key (2), a malformed file (3, or skipped).
expect_rc 3 fpbench history --config kvm/mmio/host=sve/guest=none/vl=2048 "$S"
expect_rc 2 fpbench history --config kvm/nonsense "$S"
head -c 200 "$S/hostA/6.14/20261101T120000Z-both.csv" >"$S/hostA/6.14/20261102T000000Z-eager.csv"
expect_rc 3 fpbench history --config "$K" "$S"
expect_rc 0 fpbench history --config "$K" --keep-going "$S"
exit 0
