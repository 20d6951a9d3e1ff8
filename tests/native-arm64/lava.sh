#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# LAVA for real: Debian's lava-dispatcher (lava-run, no server) runs the
# test definition tools/lava/kvm-fpbench.yaml on a local QEMU arm64 device
# (tools/lava/qemu-arm64.yaml) that boots the patched 6.12 kernel with the
# arm64 Debian system of tools/debian-arm64 (tools/lava/run-local). Checked
# here: the job passes, every lava-test-case LAVA recorded is pass or skip,
# there is one case per configuration and mode of the definition's run
# with a measurement and its unit, and the exit-status case fpbench-run.
#
#   lava.sh [--kernel IMAGE]                 (FPBENCH, WORK from CTest)
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v qemu-system-aarch64 >/dev/null || skip "qemu-system-aarch64 not installed"
command -v debootstrap >/dev/null || skip "debootstrap not installed (apt-get install debootstrap)"
command -v lava-run >/dev/null || skip "lava-dispatcher not installed (tools/setup --test --native-arm64)"
[ "$(id -u)" = 0 ] || skip "lava-run and tools/debian-arm64 need root"

kernel=
[ "${1:-}" = --kernel ] && kernel=$2
if [ -z "$kernel" ]; then
	kernel=$("$top/kernel-patches/build.sh" --base 6.12 --variant patched | tail -n 1) ||
		fail "kernel-patches/build.sh failed"
fi
rootfs=$("$top/tools/debian-arm64" | tail -n 1) || fail "tools/debian-arm64 failed"

# The definition's run: kvm mmio, host none and fpsimd, both modes.
"$top/tools/lava/run-local" --kernel "$kernel" --rootfs "$rootfs" --out "$T/lava" --timeout 60 \
	-- --quick --bench kvm --exit mmio --host-fp none,fpsimd --guest-fp none \
	--fp-mode both --iterations 200 --batches 2
rc=$?
r=$T/lava/results.tsv
[ -s "$r" ] || fail "no LAVA results recorded (run-local exit $rc; log $T/lava/lava-run.log)"
[ $rc = 0 ] || fail "run-local exited $rc: the job or a test case did not pass ($r)"
grep -qP '^lava\tjob\tpass' "$r" || fail "LAVA's job result is not pass"
n=$(grep -cP '^0_kvm-fpbench\tkvm_mmio_host-(none|fpsimd)_guest-none_(eager|lazy)\tpass\t[0-9.]+ (cycles|cntvct|ns)$' "$r")
[ "$n" = 4 ] || { cat "$r"; fail "want 4 measured test cases (2 host states x 2 modes), LAVA has $n"; }
grep -qP '^0_kvm-fpbench\tfpbench-run\tpass' "$r" || fail "no passing fpbench-run case (fpbench's exit status)"
ok "lava-run ran tools/lava/kvm-fpbench.yaml on the QEMU arm64 device: $n measured cases, job pass"
