/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's FP mode as a measured dimension: `--fp-mode WORD` of run,
 * kvm and ctxsw into a list of modes, the knob written before each batch
 * (kvm.fp_eager: 1 eager, 0 lazy, 2 lazy_keep), and the mode verified
 * before a batch is labelled with it.
 *
 * One order for every command, documented in results/README.md:
 *
 *	both	eager, lazy
 *	all	eager, lazy, lazy_keep
 *
 * (enum order: the first batch of a configuration always runs eager, so
 * files of `both` and `all` line up row by row for their first two modes.)
 *
 * Kernel contract relied on: a mode the kernel will not use is refused on
 * write (EINVAL, EPERM: protected KVM, or an older patched kernel whose
 * knob takes only 0..1), and a successful write reads back the mode
 * vcpu_load will use. A refused or not-taken mode is skipped for the
 * configuration with the reason; the other modes go on.
 */
#ifndef FPBENCH_FPMODE_H
#define FPBENCH_FPMODE_H

#include <stdbool.h>
#include <stddef.h>

#include "fpbench.h"

struct harness_params;

/* The words --fp-mode takes, for help texts and messages. */
#define FPMODE_WORDS	"current, eager, lazy, lazy_keep, both, all"

/* What a --fp-mode word asks for. */
struct fpmode_list {
	enum fp_mode modes[FP_MODE_NR];	/* batches alternate in this order */
	unsigned int nr;
	bool current;			/* measure the kernel as it is: no write */
};

/*
 * @word into @l (current: nr 1, mode filled in by fpmode_setup()).
 * FPB_OK, or FPB_EUSAGE with a message in @err naming the word.
 */
int fpmode_parse(const char *word, struct fpmode_list *l, char *err, size_t len);

/*
 * fpmode_parse(), then @p's modes and set_mode: current reads the knob
 * (FP_MODE_UNKNOWN without it) and writes nothing; any other word needs
 * the knob (FPB_SKIP with a message naming it otherwise) and remembers
 * its value for fpmode_restore(). FPB_OK, FPB_EUSAGE or FPB_SKIP; the
 * message in @err.
 */
int fpmode_setup(const char *word, struct harness_params *p,
		 char *err, size_t len);

/*
 * A harness set_mode: write @mode, read it back. FPB_OK; FPB_SKIP with the
 * reason when the kernel has no knob, refuses the value or reads back
 * another mode; FPB_EENV when the knob cannot be opened for writing
 * (not root); FPB_EUSAGE for FP_MODE_UNKNOWN.
 */
int fpmode_set(enum fp_mode mode, char *reason, size_t len);

/* Put the knob back to what fpmode_setup() found (once; no-op otherwise). */
void fpmode_restore(void);

/*
 * Test seam: the knob operations fpmode_set() uses (default: sysinfo's
 * sysinfo_write_fp_mode and sysinfo_fp_mode). NULL puts those back.
 */
struct fpmode_knob {
	int (*write)(enum fp_mode mode);	/* 0 or -errno */
	enum fp_mode (*read)(void);
};
void fpmode_set_knob(const struct fpmode_knob *k);

#endif
