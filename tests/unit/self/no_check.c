// SPDX-License-Identifier: GPL-2.0
/*
 * A unit test that makes no check must not pass: test_done() fails it.
 * Registered with WILL_FAIL (tests/unit/CMakeLists.txt).
 */
#include "../test.h"

int main(void)
{
	return test_done("unit.lib.self_no_check");
}
