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
worst=$(awk -F, '
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == "integrity_failures") col = i; next }
	col && $col + 0 > max { max = $col + 0 }
	END { if (!col) print "nocol"; else print max + 0 }' "$work/clobber.csv")
[ "$worst" != nocol ] || fail "clobber.csv has no integrity_failures column"
[ "$worst" -gt 0 ] || fail "host register clobbered, yet integrity_failures is 0 in every row"
[ $rc = 1 ] || fail "integrity failures ($worst) reported but exit code $rc, want 1"
echo "ok: clobbered host register caught: integrity_failures $worst, exit 1"
