/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench/arch/arm64/fpstate.h off arm64: the same interface, with no FP
 * state under test. Only FP_NONE is supported (fp_kind_supported says why
 * for the rest), so the measurement code that fills and verifies compiles
 * unchanged and never reaches the other kinds; the calls that could be
 * reached for FP_NONE do nothing and find nothing corrupted.
 */
#ifndef FPBENCH_GENERIC_FPSTATE_H
#define FPBENCH_GENERIC_FPSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fpbench.h"

enum fp_check {
	FP_CHECK_EXACT,
	FP_CHECK_SYSCALL,
	FP_CHECK_NR,
};

struct fp_mismatch {
	enum fp_kind kind;
	char reg[16];
	unsigned int offset;
	uint64_t expected, actual;
};

bool fp_kind_supported(enum fp_kind kind, char *reason, size_t len);
int fp_vls_offered(enum fp_kind kind, unsigned int *bits, int max);
int fp_vl_set(enum fp_kind kind, unsigned int bits);	/* -EINVAL */
unsigned int fp_vl_get(enum fp_kind kind);		/* 0 */
void fp_fill(enum fp_kind kind, uint64_t seed);		/* nothing to fill */
int fp_verify(enum fp_kind kind, uint64_t seed, enum fp_check how,
	      struct fp_mismatch *m);			/* 0: nothing to lose */
char *fp_mismatch_format(const struct fp_mismatch *m, char *buf, size_t len);
void fp_release(enum fp_kind kind);
int fp_corrupt(enum fp_kind kind, const char *reg);	/* -EINVAL */

#endif
