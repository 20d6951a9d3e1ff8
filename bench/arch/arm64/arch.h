/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the arch-neutral library (bench/lib) needs from arm64: the generic
 * timer, EL0 PMU counter reads, the CPU's MIDR, and the compiler contract
 * of code that runs with a pattern live in the FP registers. CMake puts
 * bench/arch/<arch>/ on the include path (bench/arch/generic/ elsewhere),
 * so bench/lib says #include "arch.h" and never names an architecture.
 */
#ifndef FPBENCH_ARCH_H
#define FPBENCH_ARCH_H

#include <stdbool.h>
#include <stdint.h>

/* A timer every thread reads from EL0 (CNTVCT_EL0) and EL0 PMU reads. */
/* Is this the arm64 build (what the benchmarks measure)? */
#define ARCH_ARM64		1
#define ARCH_HAS_USER_TIMER	1
#define ARCH_HAS_USER_PMU	1

/*
 * Code that runs while a pattern is live in the FP registers (between a
 * fill and its verify, the per-iteration counter reads) must not let the
 * compiler use them (arm64/fpstate.h contract).
 */
#define FPB_NO_FP	__attribute__((target("general-regs-only")))

/*
 * The FP fill leaves its pattern in V8-V15 too, whose low halves (D8-D15)
 * are callee-saved (AAPCS64). An entry point of a measurement declares
 * them clobbered, so the compiler saves them in its prologue and restores
 * them on return: its callers' doubles survive. (The measuring loops
 * themselves are general-regs-only and hold nothing in FP registers.)
 */
#define FP_CALLEE_SAVED_CLOBBER() \
	asm volatile("" ::: "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15")

/* CNTVCT_EL0; the isbs keep the read from moving across the measured code. */
static inline uint64_t arch_timer_read(void)
{
	uint64_t v;

	asm volatile("isb; mrs %0, cntvct_el0; isb" : "=r"(v) :: "memory");
	return v;
}

/* CNTFRQ_EL0: the timer's frequency in Hz. */
static inline uint64_t arch_timer_freq(void)
{
	uint64_t f;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f;
}

/* Hardware counter @idx (PMEVCNTR<idx>_EL0, 31: PMCCNTR_EL0); pmu.c. */
uint64_t arch_pmu_read(unsigned int idx);

/* MIDR_EL1 through the kernel's EL0 emulation (HWCAP_CPUID); false without. */
bool arch_read_midr(uint64_t *midr);

/* A trace marker (bench/lib/trace.h): an unallocated hint, a NOP on hardware. */
#define ARCH_STR_(x)	#x
#define ARCH_STR(x)	ARCH_STR_(x)
#define arch_trace_hint(imm)	asm volatile("hint #" ARCH_STR(imm) ::: "memory")

#endif
