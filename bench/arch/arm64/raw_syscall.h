/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A syscall for code between fp_fill() and fp_verify() (fpstate.h): inline
 * svc #0, so that window does not depend on how libc's syscall() is built.
 * x8 the number, x0-x3 the arguments (x4, x5 zero), x0 the result or -errno.
 */
#ifndef FPBENCH_RAW_SYSCALL_H
#define FPBENCH_RAW_SYSCALL_H

static inline long raw_syscall4(long nr, long a0, long a1, long a2, long a3)
{
	register long x8 asm("x8") = nr;
	register long x0 asm("x0") = a0;
	register long x1 asm("x1") = a1;
	register long x2 asm("x2") = a2;
	register long x3 asm("x3") = a3;
	register long x4 asm("x4") = 0;
	register long x5 asm("x5") = 0;

	asm volatile("svc #0"
		     : "+r"(x0)
		     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
		     : "memory", "cc");
	return x0;
}

#endif
