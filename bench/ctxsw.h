/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Context switches on one CPU with live FP state, for `fpbench ctxsw` and
 * `fpbench run` (method: the header of ctxsw.c).
 */
#ifndef FPBENCH_CTXSW_H
#define FPBENCH_CTXSW_H

#include <stdbool.h>

#include "fpbench.h"
#include "harness.h"

/* exit=vcpu: how long the measuring thread sleeps so the vCPU gets the CPU. */
#define CTXSW_SLEEP_US_DEFAULT		100
/* exit=vcpu: guest HVCs (handled in the kernel) between two exits to user. */
#define CTXSW_HVC_BATCH_DEFAULT		4096
/* A partner that does not answer within this long is an error, not a hang. */
#define CTXSW_TIMEOUT_S			10

/* exit=vcpu: what wakes the measuring thread while the vCPU has the CPU. */
enum ctxsw_wake {
	CTXSW_WAKE_AUTO,	/* timer when emulated or single-CPU, else waker */
	CTXSW_WAKE_WAKER,	/* a thread on another CPU, after sleep_us */
	CTXSW_WAKE_TIMER,	/* a futex timeout of sleep_us */
	CTXSW_WAKE_NR,
};
extern const char *const ctxsw_wake_names[CTXSW_WAKE_NR];

struct ctxsw_opts {
	unsigned int sleep_us;	/* exit=vcpu sleep; 0: CTXSW_SLEEP_US_DEFAULT */
	unsigned int hvc_batch;	/* exit=vcpu; 0: CTXSW_HVC_BATCH_DEFAULT */
	unsigned int clobber;	/* negative test: corrupt one register of the
				 * measuring thread (and of a futex partner)
				 * every Nth round trip; 0: never */
	enum ctxsw_wake wake;	/* exit=vcpu */
	bool emulated;		/* under QEMU TCG (sysinfo): for CTXSW_WAKE_AUTO,
				 * whose -icount round-robin delivers another
				 * CPU's wake-up only at the next timer event */
	bool no_fifo;		/* exit=vcpu: do not make the measuring thread
				 * SCHED_FIFO (then CFS wake-up preemption
				 * decides when it gets the CPU back) */
};

/*
 * Measure @cfg (bench ctxsw; exit futex|vcpu; host_fp = the measuring
 * thread's state; guest_fp = the partner thread's (futex) or the guest's
 * (vcpu) state; vl_bits, svl_bits) in every mode of @p: fills
 * res[0 .. p->nr_modes) (free with harness_result_free()). The calling
 * thread is the measuring thread; it and its partner are pinned to p->cpu
 * (or, when -1, to pin_pick_cpu()). Samples are per round trip: two context
 * switches for exit=futex; for exit=vcpu, the time from a wake-up by
 * another CPU until the measuring thread has the CPU back from the vCPU,
 * always in timer units (cntvct on arm64, ns elsewhere; no per-iteration
 * instructions). Missing features give
 * FPB_SKIP results with a reason. @opts may be NULL (defaults). Returns the
 * worst status, as harness_measure().
 */
int ctxsw_measure(const struct fpb_config *cfg, const struct harness_params *p,
		  const struct ctxsw_opts *opts, struct harness_result *res);

#endif
