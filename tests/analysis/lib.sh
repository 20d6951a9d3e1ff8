# SPDX-License-Identifier: GPL-2.0
# Shared by the analysis tests: tests/lib.sh plus the synthetic results
# generator and a CSV column reader.
: "${GEN:?}" "${SRC:?}"
. "$(dirname "$0")/../lib.sh"

gen() { $EMU "$GEN" "$@" || fail "gen_results $*"; }

# csv_col NAME FILE: the column NAME of a CSV with a header line.
csv_col() {
	awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next }
			   { print $c }' "$2"
}
