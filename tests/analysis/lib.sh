# SPDX-License-Identifier: GPL-2.0
# Shared by the analysis tests: tests/lib.sh plus the synthetic results
# generator and csv_field (CSV fields by column name, csv_field.c).
: "${GEN:?}" "${SRC:?}" "${CSV_FIELD:?}"
. "$(dirname "$0")/../lib.sh"

gen() { $EMU "$GEN" "$@" || fail "gen_results $*"; }

# csv_field get|set|range|count FILE ...: see csv_field.c
csv_field() { $EMU "$CSV_FIELD" "$@"; }

# csv_col NAME FILE: the column NAME of a CSV with a header line.
csv_col() { csv_field get "$2" "$1"; }
