// SPDX-License-Identifier: GPL-2.0
/* CPU affinity helpers: one measured CPU, chosen away from CPU 0. */
#define _GNU_SOURCE	/* sched_setaffinity, cpu_set_t */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pin.h"

int pin_to_cpu(int cpu)
{
	cpu_set_t set;

	if (cpu < 0 || cpu >= CPU_SETSIZE) {
		fprintf(stderr, "fpbench: cannot pin to CPU %d: out of range 0..%d\n",
			cpu, CPU_SETSIZE - 1);
		return -1;
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	/* pid 0: the calling thread, not the whole process. */
	if (sched_setaffinity(0, sizeof(set), &set)) {
		fprintf(stderr, "fpbench: sched_setaffinity(CPU %d): %s\n",
			cpu, strerror(errno));
		return -1;
	}
	return 0;
}

int pin_pick_cpu(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set)) {
		fprintf(stderr, "fpbench: sched_getaffinity: %s\n", strerror(errno));
		return -1;
	}
	for (int cpu = CPU_SETSIZE - 1; cpu >= 0; cpu--)
		if (CPU_ISSET(cpu, &set))
			return cpu;
	fprintf(stderr, "fpbench: empty CPU affinity mask\n");
	return -1;
}

int cpu_count_online(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}
