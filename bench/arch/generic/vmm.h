/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench/arch/arm64/vmm.h off arm64: the same interface, so the benches
 * compile without #ifdef halves. There is no arm64 KVM to drive here:
 * vmm_create() skips and says why (the row's reason), and nothing past it
 * is reached; if it were, every call fails. The guest is an arm64 program
 * whatever the host build, so its contract stays arm64/guest.h.
 */
#ifndef FPBENCH_GENERIC_VMM_H
#define FPBENCH_GENERIC_VMM_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fpbench.h"
#include "arm64/guest.h"

#define VMM_WATCHDOG_S_DEFAULT	10
#define VMM_ERR_LEN		256
#define VMM_RUN_INTR		(-1000)

struct vmm_config {
	unsigned int sve_vl_bits;
	bool want_pmu;
	unsigned int watchdog_s;
};

struct vmm {
	struct kvm_run *run;		/* NULL: never created */
	unsigned int sve_vl_bits;
	char err[VMM_ERR_LEN];
};

int vmm_create(struct vmm *vm, const struct vmm_config *cfg);	/* FPB_SKIP */
void vmm_destroy(struct vmm *vm);
int vmm_load(struct vmm *vm, const struct guest_payload *p,
	     const uint64_t args[GUEST_NR_ARGS]);			/* FPB_EENV */
int vmm_run(struct vmm *vm);					/* -FPB_EENV */
uint64_t vmm_get_x(struct vmm *vm, unsigned int n);		/* UINT64_MAX */
int vmm_corrupt_fpreg(struct vmm *vm, unsigned int n);		/* FPB_EENV */
void *vmm_gpa(struct vmm *vm, uint64_t ipa, size_t len);	/* NULL */
void vmm_sync_from_guest(struct vmm *vm, uint64_t ipa, size_t len);

#endif
