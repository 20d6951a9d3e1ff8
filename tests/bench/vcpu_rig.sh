#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fpbench ctxsw --exit vcpu in the emulated arm64 KVM host: the measuring
# thread gets the CPU back from a vCPU running its guest, FP registers of
# both intact, and a register clobbered between the switches is counted.
# Arguments: qemu-rig options (--fpbench, --build-dir, --kernel).
. "$(dirname "$0")/lib.sh"
: "${RIG:?}"

[ "$ARM64" = 1 ] || skip "arm64 build only"
command -v qemu-system-aarch64 >/dev/null || skip "no qemu-system-aarch64"

rig() { "$RIG" exec "$@"; }
args="ctxsw --exit vcpu --host-fp fpsimd --guest-fp fpsimd --iterations 200 --batches 2 --warmup 10"

rig "$@" -- $args >"$T/out" 2>"$T/err"
rc=$?
case $rc in
0) ;;
4) grep 'skip' "$T/out" >&2; skip "ctxsw exit=vcpu skipped in the rig" ;;
*) cat "$T/err" "$T/out" >&2; fail "rig exec exited $rc" ;;
esac
grep -q "integrity_failures 0 ok" "$T/out" || fail "no summary line with 0 integrity failures"
grep -q "median [0-9][0-9]* cntvct .*n 200)" "$T/out" || fail "no samples"
ok "ctxsw exit=vcpu: measured, 0 integrity failures"

rig "$@" -- $args --clobber 10 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 1 ] || { cat "$T/err" "$T/out" >&2; fail "clobbered run exited $rc, expected 1"; }
grep -q "integrity_failures [1-9]" "$T/out" || fail "clobbered register not counted"
grep -q "host: .*v0" "$T/out" || fail "clobbered register not named"
ok "ctxsw exit=vcpu --clobber: counted, named, exit 1"
exit 0
