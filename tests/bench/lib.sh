# SPDX-License-Identifier: GPL-2.0
# Shared by the bench tests: tests/lib.sh plus the strict results check.
ARM64=${ARM64:-0}
. "$(dirname "$0")/../lib.sh"

# check BASE [fpbench check options]: BASE.{csv,samples.csv,json} complete
# and parseable (fpbench check --complete), and what the options ask.
check() {
	_base=$1
	shift
	fpbench check --complete "$@" "$_base.csv" >"$T/check.out" 2>&1 ||
		{ cat "$T/check.out" >&2; fail "fpbench check --complete $* $_base.csv"; }
	checked
}
