#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Negative test: the register integrity check must see a corruption. With
# --clobber-host, fpbench kvm corrupts a host register between filling and
# verifying it; inside the emulated host that has to come out as
# integrity_failures > 0 in its results and exit code 1 (FPB_FAIL).
#
#   rig-clobber.sh QEMU_RIG WORKDIR [rig options] -- [fpbench kvm args]
set -uo pipefail
rig=$1 work=$2
shift 2
rigopts=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do rigopts+=("$1"); shift; done
[ $# -gt 0 ] && shift
kvmargs=("$@")

. "$(dirname "$0")/lib.sh"
rig_prepare "$work"
# The guest command runs in /tmp/out; a relative --out comes back here.
"$rig" exec "${rigopts[@]}" --out-dir "$work" -- kvm "${kvmargs[@]}" --out clobber
rc=$?
[ -r "$work/clobber.csv" ] || fail "fpbench kvm wrote no clobber.csv (rig exit $rc)"
# fpbench check judges it by column name: some row failed with integrity
# failures (and no row failed for another reason).
fpb=${FPBENCH:-}
for ((i = 0; i < ${#rigopts[@]} - 1; i++)); do
	[ "${rigopts[i]}" = --fpbench ] && fpb=${rigopts[i + 1]}
done
[ -n "$fpb" ] || fail "no fpbench binary: pass --fpbench BIN (rig option) or set FPBENCH"
if [ "$(uname -m)" != aarch64 ] && file -b "$fpb" 2>/dev/null | grep -q aarch64; then
	fpb_host=(qemu-aarch64-static -cpu max "$fpb")
else
	fpb_host=("$fpb")
fi
"${fpb_host[@]}" check --expect-integrity-failures "$work/clobber.csv" >"$work/check" 2>&1
crc=$?
cat "$work/check"
[ $crc != 3 ] || fail "clobber.csv unreadable or malformed"
[ $crc = 0 ] || fail "host register clobbered, yet no row with integrity_failures > 0 (or a row failed otherwise)"
[ $rc = 1 ] || fail "integrity failures reported but exit code $rc, want 1"
ok "clobbered host register caught: $(grep -m1 '^ok: .* rows with more than 0 integrity failures' "$work/check" | sed 's/^ok: //'), exit 1"
