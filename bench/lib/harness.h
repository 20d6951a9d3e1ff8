/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The measurement method shared by `fpbench kvm` and `fpbench ctxsw`
 * (nanoBench / lmbench lat_ctx spirit), so both report comparable numbers:
 *
 *   1. pin the calling thread (params->cpu), set up counters;
 *   2. per mode (fpmode.h) and batch, interleaved: switch the mode,
 *      ops->prepare(), @warmup unmeasured iterations, then the batch's
 *      share of @iterations measured ones inside one PMU group window
 *      (counters_batch_start/stop: batch_cycles, batch_instructions,
 *      running_pct);
 *   3. one measured iteration is ops->pre() (untimed: e.g. fp_fill),
 *      counters_now(), ops->run() (the operation), counters_now(),
 *      ops->verify() (untimed: e.g. fp_verify) -- or, for
 *      HARNESS_TIME_CALLBACK, ops->run() hands over samples it timed itself
 *      (the guest timing its own HVCs);
 *   4. the harness overhead (two counter reads with nothing between) is
 *      measured on its own and reported as `baseline`, never subtracted
 *      (callback timing: the callback's own empty timing, if it gives one);
 *   5. fpb_interrupted is polled at batch boundaries: an interrupted
 *      configuration is reported as failed ("interrupted"), not half-counted.
 *
 * Interleaving the modes' batches of one configuration puts slow drift of
 * the machine (thermal, other tenants) equally into every mode's row.
 */
#ifndef FPBENCH_HARNESS_H
#define FPBENCH_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fpbench.h"

struct result_row;

/* Measured iterations per configuration and mode (split over batches). */
#define HARNESS_ITERATIONS_DEFAULT	2000
/* Unmeasured iterations before each batch: caches, branch predictors, PLT. */
#define HARNESS_WARMUP_DEFAULT		100
/* Batches per mode; with several modes they alternate in modes[] order. */
#define HARNESS_BATCHES_DEFAULT		4
/* Seed of the register patterns and the bootstrap CIs. */
#define HARNESS_SEED_DEFAULT		1
/* Empty iterations timed for the baseline. */
#define HARNESS_BASELINE_ITERATIONS	1000
#define HARNESS_REASON_LEN		128

struct harness_params {
	unsigned int iterations;	/* measured, per mode */
	unsigned int warmup;		/* per batch */
	unsigned int batches;		/* per mode, >= 1 */
	int cpu;			/* pin here; -1: leave affinity alone */
	const char *events;		/* libpfm4 event list for the batch
					 * group, NULL: cycles,instructions */
	/*
	 * Modes to measure, one harness_result each, batches alternating in
	 * this order. nr_modes 1 with FP_MODE_UNKNOWN or the current mode
	 * and set_mode NULL: measure as the kernel is.
	 */
	enum fp_mode modes[FP_MODE_NR];
	unsigned int nr_modes;
	/*
	 * Switch the kernel to @mode and verify it (fpmode_set), called
	 * before every batch when non-NULL. Returns FPB_OK, or an fpb_status
	 * with a reason in @reason: the mode is then done for this
	 * configuration, with that status and no samples; the other modes
	 * go on.
	 */
	int (*set_mode)(enum fp_mode mode, char *reason, size_t len);
	uint64_t seed;			/* stats bootstrap, fill patterns */
	/*
	 * Whose work the counters count: COUNTERS_HOST (0, the default:
	 * exclude_guest), COUNTERS_GUEST or COUNTERS_BOTH (a KVM round trip
	 * including the guest's instructions). See counters.h.
	 */
	int attrib;
};

/* Fill @p with the defaults above, cpu -1, one mode FP_MODE_UNKNOWN. */
void harness_params_init(struct harness_params *p);

enum harness_timing {
	HARNESS_TIME_HOST,	/* counters_now() around ops->run(), one sample */
	HARNESS_TIME_CALLBACK,	/* ops->run() delivers samples it timed itself */
};

/* One call of the ops, shared by pre/run/verify of one iteration. */
struct harness_iter {
	uint64_t index;		/* counts warm-up and measured, per mode */
	bool warmup;		/* true: samples are discarded */
	enum fp_mode mode;	/* mode of the batch */
	/*
	 * HARNESS_TIME_CALLBACK: ops->run() writes up to @max samples (in
	 * ops->callback_unit) to @samples and sets @n; the harness counts
	 * them as @n iterations. @max >= 1.
	 */
	uint64_t *samples;
	unsigned int max;
	unsigned int n;
	/*
	 * Optional: the other side's view (guest ticks of a round trip).
	 * Set @guest_valid; collected for guest_median, not aligned with
	 * the samples.
	 */
	uint64_t guest;
	bool guest_valid;
	/*
	 * Optional, HARNESS_TIME_CALLBACK: the cost of the callback's own
	 * empty timing (e.g. the guest's timer pair), for `baseline`.
	 */
	uint64_t baseline;
	bool baseline_valid;
	/* verify adds register mismatches found in this iteration. */
	unsigned int integrity_failures;
	/* On error: why, for the result's reason (no commas). */
	char *reason;
	size_t reason_len;
};

struct harness_ops {
	enum harness_timing timing;
	/* unit of HARNESS_TIME_CALLBACK samples: "cntvct", "cycles", "ns" */
	const char *callback_unit;
	/*
	 * Before each batch, after the mode switch. FPB_OK, or an fpb_status
	 * (FPB_SKIP, FPB_EENV) with it->reason set; ends this configuration.
	 * May be NULL.
	 */
	int (*prepare)(void *ctx, struct harness_iter *it);
	/* Untimed, right before run (fp_fill). May be NULL. */
	void (*pre)(void *ctx, struct harness_iter *it);
	/* Timed: the operation under test. FPB_OK or an fpb_status. */
	int (*run)(void *ctx, struct harness_iter *it);
	/*
	 * Untimed, right after run (fp_verify): add mismatches to
	 * it->integrity_failures. FPB_OK or an fpb_status. May be NULL.
	 */
	int (*verify)(void *ctx, struct harness_iter *it);
	/* After each batch (also on error). May be NULL. */
	void (*finish)(void *ctx, struct harness_iter *it);
};

/* What one mode of one configuration produced. */
struct harness_result {
	struct fpb_config cfg;		/* fp_mode filled in */
	enum fpb_status status;		/* FPB_OK, FPB_SKIP, FPB_FAIL, FPB_EENV,
					 * FPB_INTERRUPTED */
	char reason[HARNESS_REASON_LEN];	/* "-" when ok */
	const char *unit;		/* "cycles", "cntvct" or "ns" */
	double *cycles;			/* per-iteration samples, @n of them */
	double *instructions;		/* NULL without an instructions count */
	size_t n;
	double *guest;			/* guest's own view, @nguest samples */
	size_t nguest;
	double baseline;		/* harness overhead per iteration, NAN if none */
	/*
	 * Per measured iteration from the batch PMU group, NAN without one.
	 * The group runs across whole batches, so this includes the untimed
	 * pre/verify work (fp_fill, fp_verify) and the harness itself: an
	 * upper bound beside the per-iteration samples.
	 */
	double batch_cycles;
	double batch_instructions;
	double running_pct;
	char batch_events[HARNESS_REASON_LEN];	/* the other events, as results.h */
	/*
	 * Iterations (warm-up included: a lost register is never hidden)
	 * in which verify found a mismatch; with any, status is FPB_FAIL
	 * and reason names the first.
	 */
	uint64_t integrity_failures;
};

/*
 * Measure @cfg with @ops on @ctx under @p: fills res[0 .. p->nr_modes).
 * Returns the worst status (FPB_OK, FPB_FAIL for integrity failures,
 * FPB_SKIP, FPB_EENV, FPB_INTERRUPTED); every result has status and reason
 * set even then. Free each result with harness_result_free().
 */
int harness_measure(const struct harness_params *p,
		    const struct harness_ops *ops, void *ctx,
		    const struct fpb_config *cfg, struct harness_result *res);

/* Mark @res (for @cfg, @mode) skipped or failed without measuring. */
void harness_result_status(struct harness_result *res,
			   const struct fpb_config *cfg, enum fp_mode mode,
			   enum fpb_status status, const char *reason);

void harness_result_free(struct harness_result *res);

/*
 * Summarise @res into a results row (stats_compute over the samples,
 * seeded with @seed), marking it emulated when @emulated. Returns FPB_OK
 * or FPB_EENV (out of memory).
 */
int harness_result_row(const struct harness_result *res, bool emulated,
		       uint64_t seed, struct result_row *row);

struct run_meta;
struct sysinfo;
struct counters;
/*
 * Open the counters @p asks for (p->events: comma-separated names, at
 * most COUNTERS_MAX_EVENTS - 1). Returns 0, or a negative errno with @err
 * saying why (@c then holds nothing to close).
 */
int harness_counters_open(const struct harness_params *p, struct counters *c,
			  char *err, size_t len);
/*
 * What every result file records about the machine and the counters of a
 * run under @p (after results_meta_init()): CPU, vector lengths, emulation,
 * FP modes, counter unit/source/events and, when the per-iteration samples
 * or an event are not what was asked for, why (counter.pmu_unavailable).
 */
void harness_meta_fill(struct run_meta *meta, const struct sysinfo *si,
		       const struct counters *cn, const struct harness_params *p);

#endif
