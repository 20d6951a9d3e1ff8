// SPDX-License-Identifier: GPL-2.0
/* fpstate.h off arm64: no SVE, SME or their vector lengths to offer. */
#include <stdio.h>

#include "fpstate.h"

bool fp_kind_supported(enum fp_kind kind, char *reason, size_t len)
{
	if (reason && len)
		snprintf(reason, len, "%s: not an arm64 build", fp_kind_names[kind]);
	return kind == FP_NONE;
}

int fp_vls_offered(enum fp_kind kind, unsigned int *bits, int max)
{
	(void)kind;
	(void)bits;
	(void)max;
	return 0;
}
