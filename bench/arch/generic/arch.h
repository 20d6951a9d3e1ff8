/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench/arch/arm64/arch.h for every other architecture (the x86_64 dev
 * build: analysis, tests): no user-readable timer or PMU, no MIDR, and no
 * FP-register contract to keep. The counters fall back to clock_gettime.
 */
#ifndef FPBENCH_ARCH_H
#define FPBENCH_ARCH_H

#include <stdbool.h>
#include <stdint.h>

/* Is this the arm64 build (what the benchmarks measure)? */
#define ARCH_ARM64		0
#define ARCH_HAS_USER_TIMER	0
#define ARCH_HAS_USER_PMU	0

#define FPB_NO_FP
#define FP_CALLEE_SAVED_CLOBBER() do { } while (0)

static inline uint64_t arch_timer_read(void)
{
	return 0;
}

static inline uint64_t arch_timer_freq(void)
{
	return 0;
}

static inline uint64_t arch_pmu_read(unsigned int idx)
{
	(void)idx;
	return 0;
}

static inline bool arch_read_midr(uint64_t *midr)
{
	(void)midr;
	return false;
}

/* No trace markers: nothing emulates this architecture with the plugin. */
#define arch_trace_hint(imm)	do { } while (0)

#endif
