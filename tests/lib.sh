# SPDX-License-Identifier: GPL-2.0
# Shared by the shell tests (tests/*/lib.sh source it): the fpbench binary
# from CMake, a private work directory $T, and helpers that say what failed.
# Exit codes as in kselftest: 1 fail, 4 skip; exit 0 having made no check
# (expect_rc, expect_msg, ok: tests/checks.sh) fails.
set -u
: "${FPBENCH:?}" "${WORK:?}"
EMU=${EMU:-}
T=$WORK/$(basename "$0" .sh)
rm -rf "$T" && mkdir -p "$T" || exit 1

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 4; }

. "$(dirname "$0")/../checks.sh"

fpbench() { $EMU "$FPBENCH" "$@"; }

# expect_rc WANT CMD...: run CMD, stdout to $T/out, stderr to $T/err.
expect_rc() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" = "$want" ] || {
		cat "$T/err" >&2
		fail "'$*' exited $rc, expected $want"
	}
	checked
}

# expect_msg PATTERN: stderr of the last expect_rc matches PATTERN.
expect_msg() {
	grep -qi -- "$1" "$T/err" || { cat "$T/err" >&2; fail "no message matching '$1'"; }
	checked
}
