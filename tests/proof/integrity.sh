#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Register integrity of a kernel under preemption stress, judged by
# fpbench's own check: fpbench kvm --preempt inside the emulated KVM host
# (a second thread on the vCPU thread's CPU wakes every 20 us, uses FP and
# preempts the vCPU thread anywhere: user space with the host pattern live,
# syscall entry before vcpu_load, inside KVM_RUN).
#
#   integrity.sh expect-clean|expect-failures WORKDIR [rig options] -- [fpbench kvm args]
#
# expect-clean:    every row status ok, integrity_failures 0, and at least
#                  MIN_ITERS (default 20000) round trips per row.
# expect-failures: a broken kernel (--variant debug): some row has
#                  integrity_failures > 0, fpbench exits 1, same budget.
# Exit 0 pass, 1 fail, 4 skip.
set -uo pipefail
expect=$1 work=$2
shift 2
rigopts=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do rigopts+=("$1"); shift; done
[ $# -gt 0 ] && shift
kvmargs=("$@")
rig=${RIG:-$(dirname "$0")/../../tools/qemu-rig}
min_iters=${MIN_ITERS:-20000}

skip() { echo "SKIP: $*"; exit 4; }
fail() { echo "FAIL: $*"; exit 1; }
command -v qemu-system-aarch64 >/dev/null || skip "qemu-system-aarch64 not installed"
command -v aarch64-linux-gnu-gcc >/dev/null || [ "$(uname -m)" = aarch64 ] ||
	skip "aarch64-linux-gnu-gcc not installed"

rm -rf "$work"
mkdir -p "$work"
start=$(date +%s)
"$rig" exec "${rigopts[@]}" --out-dir "$work" -- kvm "${kvmargs[@]}" --out integrity \
	>"$work/stdout" 2>"$work/stderr"
rc=$?
cat "$work/stdout"
echo "# rig exit $rc after $(($(date +%s) - start)) s"
case $rc in
0|1) ;;
4) skip "fpbench kvm skipped: $(grep -m1 skip "$work/stdout")" ;;
*) tail -n 20 "$work/stderr"; fail "rig/fpbench exit $rc" ;;
esac
[ -r "$work/integrity.csv" ] || fail "fpbench kvm wrote no integrity.csv"
summary=$(awk -F, -v min="$min_iters" '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{
		rows++
		it += $c["iterations"]
		bad += $c["integrity_failures"]
		if ($c["iterations"] + 0 < min) short = short " " $c["fp_mode"] "(" $c["iterations"] ")"
		if ($c["status"] == "skip") skipped = $c["reason"]
		if ($c["status"] != "ok" && $c["integrity_failures"] == 0) other = other " " $c["fp_mode"] ": " $c["status"] " " $c["reason"]
		per = per " " $c["fp_mode"] "=" $c["integrity_failures"] "/" $c["iterations"]
	}
	END { printf "%d|%d|%d|%s|%s|%s|%s\n", rows, it, bad, short, skipped, other, per }' "$work/integrity.csv")
IFS='|' read -r rows iters failures short skipped other per <<<"$summary"
[ -z "$skipped" ] || skip "row skipped: $skipped"
[ "$rows" -gt 0 ] || fail "integrity.csv has no rows"
[ -z "$short" ] || fail "rows with fewer than $min_iters round trips:$short"
[ -z "$other" ] || fail "rows not ok for another reason:$other"
echo "# integrity failures per mode (failures/round trips):$per"
case $expect in
expect-clean)
	[ "$failures" = 0 ] || fail "$failures integrity failures in $iters round trips ($(grep -o 'first: .*' "$work/stdout" | head -1))"
	[ $rc = 0 ] || fail "no integrity failure but fpbench exit $rc"
	echo "ok: 0 integrity failures in $iters round trips over $rows rows" ;;
expect-failures)
	[ "$failures" -gt 0 ] || fail "broken kernel, yet 0 integrity failures in $iters round trips"
	[ $rc = 1 ] || fail "$failures integrity failures but fpbench exit $rc, want 1"
	echo "ok: broken lazy mode caught: $failures integrity failures in $iters round trips ($(grep -o 'first: .*' "$work/stdout" | head -1))" ;;
*) fail "unknown expectation '$expect'" ;;
esac
