// SPDX-License-Identifier: GPL-2.0
/*
 * counters_test: the counter layer on whatever this machine has (TAP).
 * Without a PMU (this x86 box, qemu-user) the fallback must be labelled and
 * explained; with one (an arm64 host, the qemu-system rig) the batch group
 * must count and the per-iteration source must advance.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "counters.h"
#include "fpbench.h"

static int test_nr, test_failed;

static void check(bool ok, const char *what, const char *detail)
{
	test_nr++;
	test_failed += !ok;
	printf("%s %d - %s%s%s\n", ok ? "ok" : "not ok", test_nr, what,
	       detail && *detail ? " # " : "", detail ? detail : "");
}

static uint64_t busy(unsigned int n)
{
	volatile uint64_t sink = 0;

	for (unsigned int i = 0; i < n; i++)
		sink += i;
	return sink;
}

int main(void)
{
	struct counters_opts o = { .cpu = -1, .user_read = true };
	struct counter_values v;
	struct counters c;
	const char *unit;
	uint64_t prev, now;
	bool mono = true;
	int ret;

	printf("TAP version 13\n");
	ret = counters_open(&c, &o);
	check(ret == 0, "counters_open with defaults", counters_reason(&c));
	unit = counters_unit(&c);
	check(!strcmp(unit, "cycles") || !strcmp(unit, "cntvct") || !strcmp(unit, "ns"),
	      "unit is one of cycles/cntvct/ns", unit);
	check(counters_have_pmu(&c) || counters_reason(&c)[0],
	      "no PMU comes with a reason", counters_reason(&c));
	check(strcmp(unit, "cycles") || counters_have_pmu(&c),
	      "unit cycles only with a PMU", unit);

	prev = counters_now(&c);
	for (int i = 0; i < 1000; i++) {
		now = counters_now(&c);
		mono &= now >= prev;
		prev = now;
	}
	check(mono, "counters_now never goes backwards", NULL);
	prev = counters_now(&c);
	busy(1000000);
	now = counters_now(&c);
	check(now > prev, "counters_now advances over a busy loop", unit);

	ret = counters_batch_start(&c);
	busy(100000);
	ret = ret ?: counters_batch_stop(&c, &v);
	check(ret == 0 && v.nr == (counters_have_pmu(&c) ? c.nr : 0),
	      "batch read returns one value per open event", NULL);
	if (counters_have_pmu(&c)) {
		char buf[128];

		snprintf(buf, sizeof(buf), "%s %llu, enabled %llu ns, running %llu ns",
			 c.names[0], (unsigned long long)v.value[0],
			 (unsigned long long)v.time_enabled,
			 (unsigned long long)v.time_running);
		check(v.value[0] > 0 && v.time_enabled >= v.time_running &&
		      v.time_running > 0, "batch group counts, times visible", buf);
	}
	counters_describe(&c, stderr);
	counters_close(&c);

	/* Without EL0 reads, per-iteration reads must not be syscalls. */
	o.user_read = false;
	ret = counters_open(&c, &o);
	check(ret == 0 && (c.source == COUNTERS_SRC_CNTVCT ||
			   c.source == COUNTERS_SRC_CLOCK),
	      "user_read off: timer per iteration, no read() syscall",
	      counters_source_name(&c));
	counters_close(&c);
	o.user_read = true;

	o.no_pmu = true;
	ret = counters_open(&c, &o);
	check(ret == 0 && !counters_have_pmu(&c) && strstr(counters_reason(&c), "disabled"),
	      "no_pmu: timer source, reason says disabled", counters_reason(&c));
	check(strcmp(counters_unit(&c), "cycles") != 0, "no_pmu: unit is not cycles",
	      counters_unit(&c));
	counters_close(&c);

	o.no_pmu = false;
	o.events[0] = "NO_SUCH_EVENT_FPBENCH";
	ret = counters_open(&c, &o);
	check(ret == -ENOENT && strstr(counters_reason(&c), "NO_SUCH_EVENT_FPBENCH"),
	      "unknown event name is an error naming it", counters_reason(&c));
	counters_close(&c);

	printf("1..%d\n", test_nr);
	return test_failed ? FPB_FAIL : FPB_OK;
}
