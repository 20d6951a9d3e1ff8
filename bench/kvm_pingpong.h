/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One KVM_RUN ping-pong configuration, for `fpbench kvm` and `fpbench run`.
 */
#ifndef FPBENCH_KVM_PINGPONG_H
#define FPBENCH_KVM_PINGPONG_H

#include "fpbench.h"
#include "harness.h"

/* Guest HVCs per exit to user space for exit=hvc (guest-timed). */
#define KVM_PP_HVC_BATCH_DEFAULT	100
/* Upper bound: the guest sample buffer (guest.h GUEST_MAX_BATCH) holds more. */
#define KVM_PP_HVC_BATCH_MAX		100000
/* Upper bound of --preempt (microseconds between the stressor's wake-ups). */
#define KVM_PP_PREEMPT_US_MAX		1000000

struct kvm_pp_opts {
	unsigned int clobber_host;	/* corrupt a host register every Nth
					 * iteration between fill and verify
					 * (negative test); 0: never */
	unsigned int clobber_guest;	/* exit=mmio, guest FP: flip a guest
					 * register every Nth exit (negative
					 * test of the guest's check); 0: never */
	bool debug_hang;		/* run a guest that never exits (the
					 * watchdog's test) */
	unsigned int hvc_batch;		/* 0: KVM_PP_HVC_BATCH_DEFAULT */
	unsigned int watchdog_s;	/* 0: VMM_WATCHDOG_S_DEFAULT */
	bool want_pmu;			/* guest times with the vPMU if offered */
	unsigned int preempt_us;	/* stress: a second thread on the vCPU's
					 * CPU sleeps this long, fills its own
					 * FP registers and so preempts the vCPU
					 * thread (integrity runs, not clean
					 * numbers); 0: none. Needs p->cpu >= 0 */
};

/*
 * Measure @cfg (bench kvm; exit mmio|hvc; host_fp; guest_fp; vl_bits for
 * host and guest SVE; svl_bits for SME host kinds) in every mode of @p:
 * fills res[0 .. p->nr_modes) (free with harness_result_free()). The
 * calling thread becomes the vCPU thread and is pinned to p->cpu. Features
 * missing (no KVM, no SVE, VL not offered) give FPB_SKIP results with a
 * reason. @opts may be NULL (defaults). Returns the worst status, as
 * harness_measure(). On non-arm64 builds: FPB_SKIP results.
 */
int kvm_pingpong_measure(const struct fpb_config *cfg,
			 const struct harness_params *p,
			 const struct kvm_pp_opts *opts,
			 struct harness_result *res);

#endif
