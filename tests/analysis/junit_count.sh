#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tools/junit-count, how tools/test counts CTest's results: on a small CTest
# project with one test of each outcome, a test that could not run (its
# fixture failed, no executable) is a failure, only a test that said so
# (or a disabled one) a skip; a missing or foreign report is exit 3.
. "$(dirname "$0")/lib.sh"
command -v ctest >/dev/null && command -v python3 >/dev/null || skip "needs ctest and python3"
jc=$SRC/tools/junit-count

mkdir -p "$T/p"
cat >"$T/p/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.13)
project(junit_count NONE)
enable_testing()
add_test(NAME pass COMMAND true)
add_test(NAME fail COMMAND false)
add_test(NAME skip_rc COMMAND sh -c "exit 4")
set_tests_properties(skip_rc PROPERTIES SKIP_RETURN_CODE 4)
add_test(NAME skip_re COMMAND sh -c "echo SKIP: no reason")
set_tests_properties(skip_re PROPERTIES SKIP_REGULAR_EXPRESSION "SKIP:")
add_test(NAME setup COMMAND false)
set_tests_properties(setup PROPERTIES FIXTURES_SETUP fx)
add_test(NAME needs_setup COMMAND true)
set_tests_properties(needs_setup PROPERTIES FIXTURES_REQUIRED fx)
add_test(NAME no_exe COMMAND /nonexistent/kvm-fpbench-test)
add_test(NAME off COMMAND false)
set_tests_properties(off PROPERTIES DISABLED TRUE)
CM
cmake -S "$T/p" -B "$T/b" >"$T/cmake.log" 2>&1 || { cat "$T/cmake.log" >&2; fail "cmake of the sample project"; }
ctest --test-dir "$T/b" --output-junit "$T/r.xml" >"$T/ctest.log" 2>&1
[ -s "$T/r.xml" ] || fail "ctest wrote no $T/r.xml"

expect_rc 0 "$jc" "$T/r.xml"
# pass | fail, setup, needs_setup, no_exe | skip_rc, skip_re, off
[ "$(cat "$T/out")" = "1 4 3" ] || fail "counted '$(cat "$T/out")', expected '1 4 3'"
expect_rc 3 "$jc" "$T/none.xml"
echo '<testsuites/>' >"$T/other.xml"
expect_rc 3 "$jc" "$T/other.xml"
expect_msg "not a JUnit testsuite"
printf '<testsuite' >"$T/cut.xml"
expect_rc 3 "$jc" "$T/cut.xml"
expect_rc 2 "$jc"
ok "junit-count"
