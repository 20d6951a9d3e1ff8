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
# --exclude-kernel: another configuration of a kernel (6.14-debian, slower
# by 20%) is left out of the series, and only that one.
mkdir -p "$S/hostA/6.14-debian"
gen "$S/hostA/6.14-debian/20261101T120000Z-both" --seed 17 --shift 20 --kernel 6.14-debian --n 1000
expect_rc 0 fpbench history --config "$K" --format csv "$S"
csv_col kernel "$T/out" | grep -qx 6.14-debian || fail "6.14-debian not in the series without --exclude-kernel"
expect_rc 0 fpbench history --config "$K" --exclude-kernel '*-debian' --format csv "$S"
[ "$(csv_col kernel "$T/out" | tr '\n' ' ')" = "6.12.9 6.12.117 6.14-rc1 6.14 6.14.2 7.3.4 " ] ||
	fail "--exclude-kernel '*-debian': $(csv_col kernel "$T/out" | tr '\n' ' ')"
rm -rf "$S/hostA/6.14-debian"

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
value_of() {	# value_of SERIES: the series' value on 6.12.117
	csv_field get "$T/out" --where series="$1" --where kernel=6.12.117 value
}
x=$(awk -v a="$(value_of eager-lazy)" -v b="$(value_of eager-lazy_keep)" 'BEGIN { print a - b }')
awk -v x="$x" 'BEGIN { exit !(x > 20 && x < 40) }' ||
	fail "eager-lazy_keep not 30 below eager-lazy (the model): $x"
expect_rc 0 fpbench history --config "$K3" --delta modes "$S3"
grep -q 'eager - lazy and eager - lazy_keep' "$T/out" || fail "table does not say both pairs"
# --format meta: what plot.sh's titles say (gen writes cpu synthetic-cpu, cycles)
expect_rc 0 fpbench history --config "$K3" --delta modes --format meta "$S3"
grep -qx 'unit = "cycles"' "$T/out" && grep -qx 'units = "cycles"' "$T/out" || fail "meta: unit"
grep -qx 'emulated = 0' "$T/out" || fail "meta: emulated"
grep -qx 'points = 4' "$T/out" || fail "meta: points"
grep -qx 'cpu = "synthetic-cpu"' "$T/out" || fail "meta: cpu"
SE=$T/store_emu
for k in 6.12:31 6.14:32; do
	mkdir -p "$SE/e/${k%:*}"
	gen "$SE/e/${k%:*}/20261101T120000Z-both" --seed "${k#*:}" --kernel "${k%:*}" --n 200 \
		--emulated --unit cntvct --cpu 'QEMU "max", TCG'
done
expect_rc 0 fpbench history --config "$K" --format meta "$SE"
grep -qx 'unit = "cntvct"' "$T/out" || fail "meta: emulated store's unit"
grep -qx 'emulated = 1' "$T/out" || fail "meta: emulated not set"
grep -qx 'cpu = "QEMU \\"max\\", TCG"' "$T/out" || fail "meta: cpu quotes not escaped: $(grep cpu "$T/out")"
expect_rc 2 fpbench history --config "$K" --format yaml "$SE"
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
rm "$S/hostA/6.14/20261102T000000Z-eager.csv"

# --delta exit across units (the host counts mmio in cycles, the guest
# times hvc in cntvct, as on the committed reference): refused with why.
SU=$T/store_units
mkdir -p "$SU/h/6.12"
gen "$T/cyc" --seed 4 --no-samples
gen "$T/tick" --seed 4 --no-samples --unit cntvct
{ head -n 1 "$T/cyc.csv"; grep '^kvm,mmio,' "$T/cyc.csv"; grep '^kvm,hvc,' "$T/tick.csv"; } \
	>"$SU/h/6.12/20261101T120000Z-both.csv"
cp "$T/cyc.json" "$SU/h/6.12/20261101T120000Z-both.json"
expect_rc 0 fpbench history --config "$K" "$SU"
expect_rc 3 fpbench history --config "$K" --delta exit "$SU"
expect_msg "mmio in cycles and hvc in cntvct"

# The walk: a symbolic link is named and not followed, an empty store
# says so, names are quoted CSV fields where they need it.
mkdir -p "$SU/h/6.13"
ln -s "../6.12/20261101T120000Z-both.csv" "$SU/h/6.13/20261102T120000Z-both.csv"
expect_rc 0 fpbench history --config "$K" "$SU"
expect_msg "symbolic link, not followed"
rm -r "$SU/h/6.13"
mkdir -p "$T/empty_store"
expect_rc 3 fpbench history --config "$K" "$T/empty_store"
expect_msg "0 files looked at"
mkdir -p "$SU/my host, 2/6.12"
cp "$SU/h/6.12/"* "$SU/my host, 2/6.12/"
expect_rc 0 fpbench history --config "$K" --format csv "$SU"
grep -q '^"my host, 2",' "$T/out" || fail "a host with a comma is not one quoted field"
# every row, the quoted one too, has the header's 16 fields
[ "$(csv_field count "$T/out" | sort -u)" = 16 ] ||
	fail "history csv: a row has not 16 fields: $(csv_field count "$T/out" | sort -u | tr '\n' ' ')"
rm -r "$SU/my host, 2"

# An unreadable directory of the store is an error (3), a warning with
# --keep-going; never passed over silently. (Root reads everything: the
# check runs as nobody where it can.)
unpriv=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	unpriv="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
fi
mkdir -p "$SU/locked/6.12"
chmod -R o+rX "$T"
chmod 000 "$SU/locked"
if { [ "$(id -u)" = 0 ] && [ -z "$unpriv" ]; } ||
   ! $unpriv test -r "$SU/h/6.12/20261101T120000Z-both.csv"; then
	echo "note: unreadable-directory check not run: no unprivileged user can read the store here"
else
	expect_rc 3 $unpriv $EMU "$FPBENCH" history --config "$K" "$SU"
	expect_msg "locked: cannot read directory"
	expect_rc 0 $unpriv $EMU "$FPBENCH" history --config "$K" --keep-going "$SU"
	expect_msg "warning: .*locked: cannot read directory (skipped)"
fi
chmod 755 "$SU/locked"
exit 0
