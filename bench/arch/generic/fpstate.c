// SPDX-License-Identifier: GPL-2.0
/* fpstate.h off arm64: no SVE, SME or their vector lengths to offer. */
#include <errno.h>
#include <stdio.h>

#include "fpstate.h"

bool fp_kind_supported(enum fp_kind kind, char *reason, size_t len)
{
	if (reason && len)
		snprintf(reason, len, "%s state needs arm64 (this build has no FP state routines)",
			 fp_kind_names[kind]);
	return kind == FP_NONE;
}

int fp_vls_offered(enum fp_kind kind, unsigned int *bits, int max)
{
	(void)kind;
	(void)bits;
	(void)max;
	return 0;
}

int fp_vl_set(enum fp_kind kind, unsigned int bits)
{
	(void)kind;
	(void)bits;
	return -EINVAL;
}

unsigned int fp_vl_get(enum fp_kind kind)
{
	(void)kind;
	return 0;
}

void fp_fill(enum fp_kind kind, uint64_t seed)
{
	(void)kind;
	(void)seed;
}

int fp_verify(enum fp_kind kind, uint64_t seed, enum fp_check how,
	      struct fp_mismatch *m)
{
	(void)kind;
	(void)seed;
	(void)how;
	(void)m;
	return 0;
}

char *fp_mismatch_format(const struct fp_mismatch *m, char *buf, size_t len)
{
	snprintf(buf, len, "%s: no FP state off arm64", m->reg);
	return buf;
}

void fp_release(enum fp_kind kind)
{
	(void)kind;
}

int fp_corrupt(enum fp_kind kind, const char *reg)
{
	(void)kind;
	(void)reg;
	return -EINVAL;
}
