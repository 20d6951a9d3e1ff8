// SPDX-License-Identifier: GPL-2.0
/* pin.c: the picked CPU is usable, pinning sticks, bad CPUs are refused. */
#define _GNU_SOURCE	/* sched_getcpu */
#include <sched.h>

#include "pin.h"
#include "test.h"

int main(void)
{
	struct test_capture cap;
	const char *msg;
	int n = cpu_count_online(), cpu = pin_pick_cpu(), rc;

	TEST_ASSERT(n >= 1, "online %d", n);
	TEST_ASSERT(cpu >= 0, "picked %d", cpu);
	if (cpu >= 0) {
		TEST_ASSERT(pin_to_cpu(cpu) == 0, "pin to %d", cpu);
		/* Now the mask holds only @cpu, so picking again gives it back. */
		TEST_ASSERT(pin_pick_cpu() == cpu, "mask after pinning");
		rc = sched_getcpu();
		TEST_ASSERT(rc == cpu || rc < 0, "running on %d, pinned to %d", rc, cpu);
	}
	test_capture_begin(&cap, 2);
	rc = pin_to_cpu(-1);
	msg = test_capture_end(&cap);
	TEST_ASSERT(rc == -1, "CPU -1 accepted");
	TEST_STR_CONTAINS(msg, "CPU -1");
	test_capture_begin(&cap, 2);
	rc = pin_to_cpu(1023);	/* in range for cpu_set_t, but not present here */
	msg = test_capture_end(&cap);
	TEST_ASSERT(rc == -1, "CPU 1023 accepted");
	TEST_STR_CONTAINS(msg, "sched_setaffinity(CPU 1023)");
	return test_done("unit.lib.pin");
}
