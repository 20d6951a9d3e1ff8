#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The no-check guard of tests/lib.sh under sh and bash: exit 0 without a
# check in the main shell is 1 with a message, any other exit code stays,
# checks in a subshell do not count, test_cleanup runs at exit.
. "$(dirname "$0")/../lib.sh"

# Tests live one directory below tests/: copies of the libraries there.
mkdir -p "$T/tests/case" || fail "mkdir $T/tests/case"
cp "$(dirname "$0")/../lib.sh" "$(dirname "$0")/../checks.sh" "$T/tests/" || fail "copy tests/lib.sh"

# guard SHELL WANT BODY: a test of BODY, run by SHELL, exits WANT.
n=0
guard() {
	n=$((n + 1))
	printf '. "$(dirname "$0")/../lib.sh"\n%s\n' "$3" >"$T/tests/case/c$n.sh"
	expect_rc "$2" env WORK="$T/work" "$1" "$T/tests/case/c$n.sh"
}

for sh in sh bash; do
	command -v $sh >/dev/null || skip "no $sh"
	guard $sh 1 'exit 0';				expect_msg "c$n.sh made no check"
	guard $sh 1 ':'
	guard $sh 1 'x=$(ok in a subshell); exit 0'
	guard $sh 1 'true | ok in a pipeline'
	guard $sh 0 'ok one'
	grep -qx 'ok 1 one' "$T/out" || fail "$sh: ok does not print 'ok 1 one'"
	guard $sh 0 'expect_rc 0 sh -c "echo said >&2"; expect_msg said; ok third'
	grep -qx 'ok 3 third' "$T/out" || fail "$sh: expect_rc and expect_msg not counted"
	guard $sh 4 'skip no reason'
	guard $sh 1 'ok one; fail after a check'
	guard $sh 3 'ok one; exit 3'
	guard $sh 3 'exit 3'
	guard $sh 0 "test_cleanup='echo cleaned up'; ok one"
	grep -qx 'cleaned up' "$T/out" || fail "$sh: test_cleanup did not run"
	guard $sh 1 "test_cleanup='false'; exit 0"
	guard $sh 0 "set -e; test_cleanup='false'; ok one"
	ok "$sh: the guard"
done
