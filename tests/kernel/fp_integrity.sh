#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot an arm64 kernel under qemu-system-aarch64 (TCG, virtualization=on)
# with fp_integrity as /init, and report its result.
#
#   tests/kernel/fp_integrity.sh --image Image [--nvhe] [--iters N] [--timeout S]
#                                [--append "extra kernel args"] [--cpu MODEL]
#
# Exit: 0 pass, 1 fail, 4 skip (as fp_integrity; 1 also for boot problems).
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$prog: error: $*" >&2; exit 1; }

image= mode=vhe iters=20000 timeout=900 extra= cpu=max
while [ $# -gt 0 ]; do
	case $1 in
	--image) image=${2:-}; shift 2 ;;
	--nvhe) mode=nvhe; shift ;;
	--iters) iters=${2:-}; shift 2 ;;
	--timeout) timeout=${2:-}; shift 2 ;;
	--append) extra=${2:-}; shift 2 ;;
	--cpu) cpu=${2:-}; shift 2 ;;
	*) die "usage: $prog --image Image [--nvhe] [--iters N] [--timeout S] [--append ARGS] [--cpu MODEL]" ;;
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
[ -n "$extra" ] && append="$append $extra"
echo "$prog: booting $image ($mode, $iters iterations per case)" >&2
timeout "$timeout" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
	-cpu "$cpu" -smp 2 -m 1024 -nographic -no-reboot -nic none \
	-kernel "$image" -initrd "$tmp/initrd.gz" -append "$append" \
	</dev/null | tee "$tmp/console.log" | grep -E --line-buffered \
	'^(ok|not ok|#|1\.\.|fp_integrity:)|kvm \[|Kernel panic|WARNING|BUG' || true

grep -q 'kvm \[.*\]: \(VHE\|Hyp\|Protected\).*initialized\|mode initialized' "$tmp/console.log" ||
	echo "$prog: note: no KVM initialisation line on the console" >&2
case $(grep -o 'fp_integrity: [A-Z]*' "$tmp/console.log" | tail -n 1) in
"fp_integrity: PASS") exit 0 ;;
"fp_integrity: SKIP") exit 4 ;;
"fp_integrity: FAIL") exit 1 ;;
*) die "no result from fp_integrity (timeout or crash)" ;;
esac
