# SPDX-License-Identifier: GPL-2.0
# Shared by the bench tests: environment from CMake, a private work
# directory, helpers that say what failed.
set -u
: "${FPBENCH:?}" "${CHECK:?}" "${WORK:?}"
EMU=${EMU:-}
ARM64=${ARM64:-0}
T=$WORK/$(basename "$0" .sh)
rm -rf "$T" && mkdir -p "$T" || exit 1

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 4; }

fpbench() { $EMU "$FPBENCH" "$@"; }
check() { $EMU "$CHECK" "$@" || fail "check_run $*"; }

# expect_rc WANT CMD...: run CMD, stdout to $T/out, stderr to $T/err.
expect_rc() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" = "$want" ] || {
		cat "$T/err" >&2
		fail "'$*' exited $rc, expected $want"
	}
}

# expect_msg PATTERN: stderr of the last expect_rc matches PATTERN.
expect_msg() {
	grep -qi -- "$1" "$T/err" || { cat "$T/err" >&2; fail "no message matching '$1'"; }
}
