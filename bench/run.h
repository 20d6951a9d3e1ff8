/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `fpbench run`: the measurement matrix (--fp-mode lives in fpmode.h).
 */
#ifndef FPBENCH_RUN_H
#define FPBENCH_RUN_H

#include "harness.h"

/* Seed of register patterns and bootstrap when --seed is not given. */
#define RUN_SEED_DEFAULT	1

#endif
