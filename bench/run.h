/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `fpbench run`: the measurement matrix. Also the --fp-mode handling that
 * `fpbench ctxsw` shares with it.
 */
#ifndef FPBENCH_RUN_H
#define FPBENCH_RUN_H

#include "harness.h"

/* Seed of register patterns and bootstrap when --seed is not given. */
#define RUN_SEED_DEFAULT	1

/*
 * --fp-mode @mode ("current", "eager", "lazy", "both") into @p's modes and
 * set_mode. current: the mode kvm.fp_eager reports (FP_MODE_UNKNOWN without
 * the knob), measured as is. eager/lazy/both: kvm.fp_eager is written
 * before every batch (both: eager and lazy batches alternate); without the
 * knob this fails with FPB_SKIP after a message naming the file. FPB_OK, or
 * FPB_EUSAGE for an unknown mode. @prog prefixes messages.
 */
int run_fp_mode_setup(const char *prog, const char *mode,
		      struct harness_params *p);

/* Put kvm.fp_eager back to what run_fp_mode_setup() found. */
void run_fp_mode_restore(void);

#endif
