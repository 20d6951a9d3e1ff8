# SPDX-License-Identifier: GPL-2.0
# Shared by the analysis tests: environment from CMake, a private work
# directory, and helpers that say what failed.
set -u
: "${FPBENCH:?}" "${GEN:?}" "${SRC:?}" "${WORK:?}"
EMU=${EMU:-}
T=$WORK/$(basename "$0" .sh)
rm -rf "$T" && mkdir -p "$T" || exit 1

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 4; }

fpbench() { $EMU "$FPBENCH" "$@"; }
gen() { $EMU "$GEN" "$@" || fail "gen_results $*"; }

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

# csv_col NAME FILE: the column NAME of a CSV with a header line.
csv_col() {
	awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next }
			   { print $c }' "$2"
}
