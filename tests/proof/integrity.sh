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
: "${FPBENCH:?FPBENCH: the fpbench binary (tests/proof/CMakeLists.txt sets it)}"
min_iters=${MIN_ITERS:-20000}

skip() { echo "SKIP: $*"; exit 4; }
# fpbench check runs on this machine: tools/fpbench-host runs the aarch64
# binary under qemu-user elsewhere.
fpbench_host() { "$(dirname "$0")/../../tools/fpbench-host" "$FPBENCH" "$@"; }
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
# The judgement is fpbench check's, reading the rows by column name. A skip
# row (no SVE, ...) makes the test a skip, with the row's reason.
check() { fpbench_host check "$@" "$work/integrity.csv" >"$work/check" 2>&1; }
check --require-ok
crc=$?
[ $crc = 3 ] && { cat "$work/check"; fail "integrity.csv unreadable or malformed"; }
skipped=$(sed -n 's/^not ok: .*: status skip (\(.*\))$/\1/p' "$work/check" | head -n 1)
[ -z "$skipped" ] || skip "row skipped: $skipped"
case $expect in
expect-clean)
	check --require-ok --min-iterations "$min_iters"
	crc=$?
	cat "$work/check"
	[ $crc = 0 ] || fail "fpbench check: not every row ok with 0 integrity failures and >= $min_iters round trips ($(grep -o 'first: .*' "$work/stdout" | head -1))"
	[ $rc = 0 ] || fail "no integrity failure but fpbench exit $rc"
	echo "ok: $(sed -n 's/^ok: \([0-9]*\) rows: integrity failures <= 0 (0 in \([0-9]*\) iterations)$/0 integrity failures in \2 round trips over \1 rows/p' "$work/check")" ;;
expect-failures)
	check --expect-integrity-failures --min-iterations "$min_iters"
	crc=$?
	cat "$work/check"
	[ $crc = 0 ] || fail "fpbench check: broken kernel, yet no row with integrity failures, or rows short of $min_iters round trips or not ok for another reason"
	[ $rc = 1 ] || fail "integrity failures but fpbench exit $rc, want 1"
	echo "ok: broken lazy mode caught: $(grep -m1 '^ok: .* rows with more than 0 integrity failures' "$work/check" | sed 's/^ok: //') ($(grep -o 'first: .*' "$work/stdout" | head -1))" ;;
*) fail "unknown expectation '$expect'" ;;
esac
