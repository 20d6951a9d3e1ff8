# SPDX-License-Identifier: GPL-2.0
# Shared by the rig scripts of this directory: kselftest exit codes (1 fail,
# 4 skip; exit 0 having made no check fails: ok, tests/checks.sh) and the
# preamble every one of them needs. Source it, then call rig_prepare WORKDIR.
skip() { echo "SKIP: $*"; exit 4; }
fail() { echo "FAIL: $*"; exit 1; }
. "$(dirname "$0")/../checks.sh"

# rig_prepare WORKDIR: skip without the emulator or the cross compiler
# (the rig builds its init and kernel with it), start from an empty WORKDIR.
rig_prepare() {
	command -v qemu-system-aarch64 >/dev/null || skip "qemu-system-aarch64 not installed"
	command -v aarch64-linux-gnu-gcc >/dev/null || skip "aarch64-linux-gnu-gcc not installed"
	rm -rf "$1" && mkdir -p "$1" || fail "cannot make the work directory $1"
}
