/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benches as one table, the way kvm-unit-tests' arm/micro-bench.c keeps
 * its exits: a row per bench says which exits and FP kinds it measures, what
 * one sample is, and which function measures a configuration. The matrix
 * (matrix.c), the front doors (run.c: fpbench run, kvm, ctxsw) and the help
 * texts read this table; adding a bench is adding a row.
 */
#ifndef FPBENCH_BENCH_H
#define FPBENCH_BENCH_H

#include <stddef.h>

#include "ctxsw.h"
#include "fpbench.h"
#include "harness.h"
#include "kvm_pingpong.h"

#define FPB_BIT(x)		(1u << (x))
/* Guests get FPSIMD/SVE only: KVM does not expose SME. */
#define FP_GUEST_KINDS		(FPB_BIT(FP_NONE) | FPB_BIT(FP_FPSIMD) | FPB_BIT(FP_SVE))
#define FP_ALL_KINDS		(FPB_BIT(FP_KIND_NR) - 1)

/* Each bench's own knobs (debug, stress); zero: the defaults. */
struct bench_opts {
	struct kvm_pp_opts kvm;
	struct ctxsw_opts ctxsw;
};

struct bench_desc {
	const char *name;		/* == bench_names[] */
	const char *sample;		/* what one sample (cycles_*) is */
	unsigned int exits;		/* 1u << enum exit_kind */
	unsigned int host_fps;		/* 1u << enum fp_kind */
	unsigned int guest_fps;		/* the guest's or partner's kinds */
	/*
	 * Measure @cfg in every mode of @p, one harness_result each (see
	 * harness.h); returns the worst fpb_status.
	 */
	int (*measure)(const struct fpb_config *cfg,
		       const struct harness_params *p,
		       const struct bench_opts *o, struct harness_result *res);
};

extern const struct bench_desc bench_descs[BENCH_NR];

/*
 * "a, b, c": the names of @names (@nr entries) whose bit is set in @mask,
 * joined with @sep, into @buf. Returns @buf.
 */
char *fpb_names_join(char *buf, size_t len, const char *const *names, int nr,
		     unsigned int mask, const char *sep);

#endif
