// SPDX-License-Identifier: GPL-2.0
/* EL0 reads of the PMU's counters and of MIDR_EL1 (arch.h). */
#include <sys/auxv.h>

#include "arch.h"

#ifndef HWCAP_CPUID
#define HWCAP_CPUID	(1 << 11)
#endif

/* PMEVCNTR<n>_EL0 must be named in the instruction: one accessor each. */
#define PMEVCNTR_CASE(n)						\
	case n:								\
		asm volatile("isb; mrs %0, pmevcntr" #n "_el0" : "=r"(v)); \
		break

FPB_NO_FP
uint64_t arch_pmu_read(unsigned int idx)
{
	uint64_t v = 0;

	switch (idx) {
	PMEVCNTR_CASE(0); PMEVCNTR_CASE(1); PMEVCNTR_CASE(2);
	PMEVCNTR_CASE(3); PMEVCNTR_CASE(4); PMEVCNTR_CASE(5);
	PMEVCNTR_CASE(6); PMEVCNTR_CASE(7); PMEVCNTR_CASE(8);
	PMEVCNTR_CASE(9); PMEVCNTR_CASE(10); PMEVCNTR_CASE(11);
	PMEVCNTR_CASE(12); PMEVCNTR_CASE(13); PMEVCNTR_CASE(14);
	PMEVCNTR_CASE(15); PMEVCNTR_CASE(16); PMEVCNTR_CASE(17);
	PMEVCNTR_CASE(18); PMEVCNTR_CASE(19); PMEVCNTR_CASE(20);
	PMEVCNTR_CASE(21); PMEVCNTR_CASE(22); PMEVCNTR_CASE(23);
	PMEVCNTR_CASE(24); PMEVCNTR_CASE(25); PMEVCNTR_CASE(26);
	PMEVCNTR_CASE(27); PMEVCNTR_CASE(28); PMEVCNTR_CASE(29);
	PMEVCNTR_CASE(30);
	case 31:	/* the cycle counter's hardware index */
		asm volatile("isb; mrs %0, pmccntr_el0" : "=r"(v));
		break;
	}
	return v;
}

/* Linux (and QEMU user mode) emulate EL0 reads of MIDR_EL1. */
bool arch_read_midr(uint64_t *midr)
{
	if (!(getauxval(AT_HWCAP) & HWCAP_CPUID))
		return false;
	asm volatile("mrs %0, midr_el1" : "=r"(*midr));
	return true;
}
