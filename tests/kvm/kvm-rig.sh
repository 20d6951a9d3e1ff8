#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# One `fpbench kvm` run on the emulated arm64 KVM host (tools/qemu-rig),
# checked by exit code and by lines its summary must contain.
#
#   kvm-rig.sh QEMU_RIG WANT_RC [rig options] -- [kvm args] [-- PATTERN...]
#
# Every PATTERN (an extended regex) must match a line of the summary. A
# summary saying the kernel lacks the kvm.fp_eager knob is a skip.
set -uo pipefail
rig=$1 want=$2
shift 2
rigopts=() kvmargs=() patterns=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do rigopts+=("$1"); shift; done
[ $# -gt 0 ] && shift
while [ $# -gt 0 ] && [ "$1" != -- ]; do kvmargs+=("$1"); shift; done
[ $# -gt 0 ] && shift
patterns=("$@")

skip() { echo "SKIP: $*"; exit 4; }
fail() { echo "FAIL: $*"; exit 1; }
command -v qemu-system-aarch64 >/dev/null || skip "qemu-system-aarch64 not installed"
command -v aarch64-linux-gnu-gcc >/dev/null || skip "aarch64-linux-gnu-gcc not installed"

out=$("$rig" exec "${rigopts[@]}" -- kvm "${kvmargs[@]}")
rc=$?
printf '%s\n' "$out"
if grep -q 'no kvm.fp_eager knob' <<<"$out"; then
	skip "kernel without kvm.fp_eager"
fi
[ "$rc" -lt 10 ] || fail "qemu-rig failed (exit $rc)"
[ "$rc" = "$want" ] || fail "fpbench kvm exited $rc, want $want"
for p in "${patterns[@]}"; do
	grep -Eq -- "$p" <<<"$out" || fail "no summary line matches '$p'"
done
echo "ok: exit $rc${patterns:+, ${#patterns[@]} patterns matched}"
