/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal arm64 VMM: one VM, one vCPU, one memory slot, a tiny guest
 * payload (guest.S) entered at EL1h with DAIF masked. Just enough KVM to
 * make KVM_RUN round trips whose FP handling we want to measure.
 *
 * Error handling follows KVM selftests: each ioctl is wrapped once; the
 * checked wrappers record "KVM_XXX failed: errno (strerror)" with file and
 * line in vm->err and return an enum fpb_status: FPB_SKIP when /dev/kvm or
 * a capability is missing, FPB_EENV when KVM refuses.
 *
 * Threads: vmm_run() must be called from one thread at a time (the vCPU
 * thread); the watchdog interrupts that thread with SIGUSR1 when a guest
 * does not exit within cfg.watchdog_s seconds.
 */
#ifndef FPBENCH_ARM64_VMM_H
#define FPBENCH_ARM64_VMM_H

#include <linux/kvm.h>	/* struct kvm_run, KVM_EXIT_*: what vmm_run() hands back */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fpbench.h"
#include "arm64/guest.h"


/* Seconds a guest may run without exiting before vmm_run() gives up. */
#define VMM_WATCHDOG_S_DEFAULT	10
/* Signal the watchdog sends to the vCPU thread to break KVM_RUN. */
#define VMM_WATCHDOG_SIGNAL	SIGUSR1
#define VMM_ERR_LEN		256

/* Negative vmm_run() results, besides -FPB_EENV. */
#define VMM_RUN_INTR		(-1000)	/* a signal (SIGINT) broke KVM_RUN */

struct vmm_config {
	/*
	 * Guest SVE vector length in bits: 0 no SVE for the guest; else the
	 * vCPU gets KVM_ARM_VCPU_SVE with this as its maximum VL
	 * (KVM_REG_ARM64_SVE_VLS). FPB_SKIP if KVM or the host cannot.
	 */
	unsigned int sve_vl_bits;
	/*
	 * Give the vCPU a PMUv3 (needs a vGIC v3) when KVM offers
	 * KVM_CAP_ARM_PMU_V3. Its PMCCNTR_EL0 counts guest execution only
	 * (KVM's backing perf event excludes the host), so it is no clock
	 * for round trips; the vGIC also adds its save/restore to every
	 * vcpu_put/vcpu_load. Asked for and not offered: vmm_create()
	 * fails with FPB_SKIP and says why.
	 */
	bool want_pmu;
	unsigned int watchdog_s;	/* 0: VMM_WATCHDOG_S_DEFAULT */
};

struct vmm {
	int kvm_fd, vm_fd, vcpu_fd, gic_fd;
	struct kvm_run *run;
	size_t run_size;
	void *mem;			/* host view of guest RAM */
	uint64_t mem_ipa;		/* GUEST_MEM_IPA */
	size_t mem_size;		/* GUEST_MEM_SIZE */
	unsigned int sve_vl_bits;	/* granted guest max VL, 0 without SVE */
	const struct guest_payload *payload;	/* last loaded */
	uint64_t exits;			/* KVM_RUN calls returned */
	/* watchdog */
	unsigned int watchdog_s;
	pthread_t watchdog;
	bool watchdog_started;
	pthread_mutex_t lock;
	pthread_cond_t stop_cond;
	bool stop;
	pthread_t vcpu_thread;
	volatile int in_run;
	volatile int hung;
	char err[VMM_ERR_LEN];		/* the last error, for messages/rows */
};

/*
 * Create the VM and vCPU per @cfg. FPB_OK, FPB_SKIP (no /dev/kvm, no arm64
 * KVM, capability missing: reason in vm->err) or FPB_EENV. On failure the
 * VM is already destroyed.
 */
int vmm_create(struct vmm *vm, const struct vmm_config *cfg);
void vmm_destroy(struct vmm *vm);

/*
 * Copy guest code to GUEST_MEM_IPA and reset the vCPU to @p's entry with
 * SP at the top of guest RAM, PSTATE EL1h + DAIF, x0..x3 = @args (see
 * guest.h, GUEST_ARG_*). FPB_OK or FPB_EENV.
 */
int vmm_load(struct vmm *vm, const struct guest_payload *p,
	     const uint64_t args[GUEST_NR_ARGS]);

/*
 * One KVM_RUN. Returns the exit reason (KVM_EXIT_*, >= 0), VMM_RUN_INTR
 * when a signal other than the watchdog's interrupted it (check
 * fpb_interrupted), or -FPB_EENV with vm->err set (ioctl error, or "guest
 * did not exit within N s"). Raw syscall, no FP register use on the way:
 * safe between fp_fill() and fp_verify().
 */
int vmm_run(struct vmm *vm);

/* ONE_REG access: checked (FPB_OK / FPB_EENV, vm->err) and raw (ioctl rc). */
int __vmm_get_reg(struct vmm *vm, uint64_t id, void *val);
int vmm_get_reg(struct vmm *vm, uint64_t id, void *val);
int vmm_set_reg(struct vmm *vm, uint64_t id, const void *val);
/* Core register x@n (0..30) and PC; UINT64_MAX if the read fails. */
uint64_t vmm_get_x(struct vmm *vm, unsigned int n);

/*
 * Negative test of the guest's own register check: flip byte 0 of the
 * guest's V@n (Z@n when the vCPU has SVE) while it is stopped at an exit.
 * FPB_OK or FPB_EENV.
 */
int vmm_corrupt_fpreg(struct vmm *vm, unsigned int n);

/* Host pointer for guest physical @ipa (+@len inside RAM), NULL if not RAM. */
void *vmm_gpa(struct vmm *vm, uint64_t ipa, size_t len);

/*
 * Make guest RAM writes visible to the host: the guest runs with its MMU
 * off (Device/Non-cacheable accesses), so clean+invalidate the host's
 * cache lines over [ipa, ipa+len) before reading them.
 */
void vmm_sync_from_guest(struct vmm *vm, uint64_t ipa, size_t len);

#endif
