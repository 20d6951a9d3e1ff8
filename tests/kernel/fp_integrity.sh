#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot an arm64 kernel under qemu-system-aarch64 (TCG, virtualization=on)
# with fp_integrity as /init, and report its result.
#
#   tests/kernel/fp_integrity.sh --image Image [--nvhe|--pkvm] [--iters N]
#                                [--timeout S] [--append "extra kernel args"]
#                                [--cpu MODEL] [--only ptrace]
#                                [--expect-corrupt]
#
# --pkvm boots with kvm-arm.mode=protected kvm.fp_eager=0 and checks that
# pKVM initialised and that the knob reports and keeps eager mode.
# --only ptrace runs the knob checks and the ptrace case only.
# Any kernel WARNING, BUG, Oops or panic on the console fails the run.
# --expect-corrupt (for the debug kernel): pass only if the run completed
# cleanly (no kernel warning) and fp_integrity found corrupted runs.
#
# Exit: 0 pass, 1 fail, 4 skip (as fp_integrity; 1 also for boot problems).
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$prog: error: $*" >&2; exit 1; }

image= mode=vhe iters=20000 timeout=900 extra= cpu=max only= expect=clean
while [ $# -gt 0 ]; do
	case $1 in
	--image) image=${2:-}; shift 2 ;;
	--nvhe) mode=nvhe; shift ;;
	--pkvm) mode=pkvm; shift ;;
	--only) only=${2:-}; shift 2 ;;
	--expect-corrupt) expect=corrupt; shift ;;
	--iters) iters=${2:-}; shift 2 ;;
	--timeout) timeout=${2:-}; shift 2 ;;
	--append) extra=${2:-}; shift 2 ;;
	--cpu) cpu=${2:-}; shift 2 ;;
	*) die "usage: $prog --image Image [--nvhe|--pkvm] [--iters N] [--timeout S] [--append ARGS] [--cpu MODEL] [--only ptrace] [--expect-corrupt]" ;;
	esac
done
[ -r "$image" ] || die "--image: '$image' not readable"

cc=aarch64-linux-gnu-gcc
[ "$(uname -m)" = aarch64 ] && cc=gcc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/root"
$cc -static -O2 -Wall -Wextra -pthread -o "$tmp/root/init" \
	"$here/fp_integrity.c" "$here/fp_regs.S" || die "cannot build fp_integrity"
(cd "$tmp/root" && echo init | cpio -o -H newc --quiet | gzip -9 >"$tmp/initrd.gz") ||
	die "cannot create the initramfs"

append="console=ttyAMA0 panic=-1 fpit_iters=$iters"
[ $mode = nvhe ] && append="$append kvm-arm.mode=nvhe"
[ $mode = pkvm ] && append="$append kvm-arm.mode=protected kvm.fp_eager=0 fpit_pkvm=1"
[ -n "$only" ] && append="$append fpit_only=$only"
[ -n "$extra" ] && append="$append $extra"
echo "$prog: booting $image ($mode, $iters iterations per case)" >&2
timeout "$timeout" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
	-cpu "$cpu" -smp 2 -m 1024 -nographic -no-reboot -nic none \
	-kernel "$image" -initrd "$tmp/initrd.gz" -append "$append" \
	</dev/null | tee "$tmp/console.log" | grep -E --line-buffered \
	'^(ok|not ok|#|1\.\.|fp_integrity:)|kvm \[|Kernel panic|WARNING|BUG|Oops|DEBUG kernel' || true

grep -q 'kvm \[.*\]: \(VHE\|Hyp\|Protected\).*initialized\|mode initialized' "$tmp/console.log" ||
	echo "$prog: note: no KVM initialisation line on the console" >&2
# 6.12 says "Protected nVHE mode", 7.x (hVHE with FEAT_VHE) "Protected hVHE mode".
if [ $mode = pkvm ] && ! grep -q -E 'Protected (nVHE|hVHE) mode initialized' "$tmp/console.log"; then
	grep -i 'kvm\|panic' "$tmp/console.log" | head -n 8 >&2
	# QEMU 7.2 TCG (Debian 12): pKVM's hyp BUG()s in handle_trap() on an
	# unhandled host trap while KVM initialises, vanilla 6.12.117 too,
	# long before any vCPU or fp_eager code runs.
	if grep -q 'nVHE hyp panic at: .*handle_trap' "$tmp/console.log"; then
		echo "SKIP: pKVM does not initialise on this QEMU (hyp panic in handle_trap during KVM init)"
		exit 4
	fi
	die "kvm-arm.mode=protected given, but pKVM did not initialise"
fi
# The kernel must not have warned: do_sve_acc() warns when SVE traps with
# TIF_SVE set, task_fpsimd_load() on an inconsistent fp_type.
if grep -n -E 'WARNING:|kernel BUG|BUG:|Oops|Kernel panic|Call trace:' "$tmp/console.log" >&2; then
	sed -n '/WARNING:\|kernel BUG\|BUG:\|Oops/,+25p' "$tmp/console.log" | head -n 60 >&2
	die "kernel warning or oops on the console (above)"
fi
result=$(grep -o 'fp_integrity: [A-Z]*' "$tmp/console.log" | tail -n 1)
if [ $expect = corrupt ]; then
	n=$(sed -n 's/^not ok [0-9]* .*: [0-9]* runs, \([0-9]*\) corrupted.*/\1/p' "$tmp/console.log" |
		awk '{ s += $1 } END { print s + 0 }')
	runs=$(sed -n 's/^\(not \)\{0,1\}ok [0-9]* fp_eager=0 .*: \([0-9]*\) runs.*/\2/p' "$tmp/console.log" |
		awk '{ s += $1 } END { print s + 0 }')
	if [ "$result" = "fp_integrity: FAIL" ] && [ "$n" -gt 0 ]; then
		echo "$prog: broken kernel caught: $n corrupted runs ($runs fp_eager=0 runs)" >&2
		exit 0
	fi
	die "--expect-corrupt: $result, $n corrupted runs"
fi
case $result in
"fp_integrity: PASS") exit 0 ;;
"fp_integrity: SKIP") exit 4 ;;
"fp_integrity: FAIL") exit 1 ;;
*) die "no result from fp_integrity (timeout or crash)" ;;
esac
