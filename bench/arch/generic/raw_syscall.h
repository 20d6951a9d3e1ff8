/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench/arch/arm64/raw_syscall.h elsewhere: libc's syscall() (no FP
 * register contract to keep), the result or -errno. Needs _GNU_SOURCE.
 */
#ifndef FPBENCH_RAW_SYSCALL_H
#define FPBENCH_RAW_SYSCALL_H

#include <errno.h>
#include <unistd.h>

static inline long raw_syscall4(long nr, long a0, long a1, long a2, long a3)
{
	long r = syscall(nr, a0, a1, a2, a3, 0L, 0L);

	return r < 0 ? -errno : r;
}

#endif
