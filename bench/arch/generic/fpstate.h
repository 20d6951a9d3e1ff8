/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of bench/arch/arm64/fpstate.h that arch-neutral code asks
 * (sysinfo): which FP kinds and vector lengths this machine offers. Off
 * arm64 none of the kinds under test exists (fpstate.c says why).
 */
#ifndef FPBENCH_GENERIC_FPSTATE_H
#define FPBENCH_GENERIC_FPSTATE_H

#include <stdbool.h>
#include <stddef.h>

#include "fpbench.h"

bool fp_kind_supported(enum fp_kind kind, char *reason, size_t len);
int fp_vls_offered(enum fp_kind kind, unsigned int *bits, int max);

#endif
