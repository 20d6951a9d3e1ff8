# SPDX-License-Identifier: GPL-2.0
# The check count of a shell test, and its guard: a test that exits 0
# having made no check has not passed, it fails (as test_done() in
# tests/unit/test.h). Sourced by tests/lib.sh and tests/qemu-system/lib.sh,
# which define fail and skip.
#
# The count lives in this shell: a check inside $(...), a pipeline or
# ( ... ) runs in a subshell and is lost, so every success path needs one
# in the main shell (an `ok` line will do). A test that ends in `exec`
# skips the EXIT trap, and with it the guard: run the command and exit.
# A test that needs its own EXIT action sets test_cleanup, not a trap.
test_checks=0
test_cleanup=

# checked: one check made (and passed: a failed one has exited).
checked() { test_checks=$((test_checks + 1)); }

# ok MSG: a check passed, said on stdout as "ok N MSG".
ok() { checked; echo "ok $test_checks $*"; }

test_exit() {
	_rc=$?
	eval "$test_cleanup" || :
	if [ "$_rc" = 0 ] && [ "$test_checks" = 0 ]; then
		echo "FAIL: $0 made no check" >&2
		exit 1
	fi
	exit "$_rc"
}
trap test_exit EXIT
