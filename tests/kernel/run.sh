#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# CTest driver of the kernel tests: build (or reuse) a kernel with
# kernel-patches/build.sh and boot it with fp_integrity.sh.
#
#   tests/kernel/run.sh --base 6.12|7.x --variant patched|debug [--jobs N] -- FP_INTEGRITY_ARGS...
#
# Exit as fp_integrity.sh: 0 pass, 1 fail, 4 skip (no QEMU or cross compiler).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do build+=("$1"); shift; done
[ $# -gt 0 ] && shift

skip() { echo "SKIP: $*"; exit 4; }
command -v qemu-system-aarch64 >/dev/null || skip "qemu-system-aarch64 not installed"
[ "$(uname -m)" = aarch64 ] || command -v aarch64-linux-gnu-gcc >/dev/null ||
	skip "aarch64-linux-gnu-gcc not installed"

image=$("$here/../../kernel-patches/build.sh" "${build[@]}" | tail -n 1) || {
	echo "FAIL: kernel-patches/build.sh ${build[*]} failed"; exit 1; }
exec "$here/fp_integrity.sh" --image "$image" "$@"
