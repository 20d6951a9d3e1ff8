/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest payloads: tiny bare-metal EL1 programs (guest.S) run by vmm.c, and
 * the guest <-> host contract. Included by guest.S (__ASSEMBLER__) and C.
 *
 * Guest physical map (all ours: KVM itself imposes none):
 *   GUEST_MEM_IPA   RAM, GUEST_MEM_SIZE: code at the base, data at
 *                   GUEST_DATA_OFFSET, stack grows down from the top.
 *   GUEST_MMIO_IPA  unbacked: every store exits to user space as
 *                   KVM_EXIT_MMIO; the offset says what the guest reports.
 *
 * Every payload: enables what it needs itself (CPACR_EL1.FPEN/ZEN,
 * ZCR_EL1.LEN from GUEST_ARG_VL), installs an exception vector that reports
 * any exception at GUEST_MMIO_EXCEPTION, then loops forever:
 *
 *   mmio: fill FP pattern(iteration); t0 = now; str -> GUEST_MMIO_ITER
 *         (data: guest ticks of the previous round trip, 0 the first time);
 *         t1 = now; check the pattern; iteration++.
 *   hvc:  per batch of GUEST_ARG_BATCH: fill pattern; t0; hvc #0
 *         (PSCI_VERSION: answered inside KVM, no exit to user, no
 *         vcpu_put/vcpu_load); t1; check; samples[i] = t1 - t0 at
 *         GUEST_ARG_DATA, then samples[batch] = cost of an empty timer
 *         pair (baseline); then str batch size -> GUEST_MMIO_BATCH.
 *
 * A register that did not survive is reported with a store to
 * GUEST_MMIO_CORRUPT, data = GUEST_CORRUPT(kind, regno), x1 = expected,
 * x2 = actual (64-bit word), after which the guest continues with the
 * next iteration. "now" is CNTVCT_EL0 after an isb, or PMCCNTR_EL0 when
 * GUEST_ARG_TIMER says the vCPU has a PMU.
 */
#ifndef FPBENCH_ARM64_GUEST_H
#define FPBENCH_ARM64_GUEST_H

#define GUEST_MEM_IPA		0x40000000
#define GUEST_MEM_SIZE		0x200000	/* 2 MiB */
#define GUEST_DATA_OFFSET	0x100000	/* hvc sample buffer */
#define GUEST_DATA_IPA		(GUEST_MEM_IPA + GUEST_DATA_OFFSET)
/* samples + the baseline word must fit below the stack's 64 KiB */
#define GUEST_MAX_BATCH		((GUEST_MEM_SIZE - GUEST_DATA_OFFSET - 0x10000) / 8 - 1)

#define GUEST_MMIO_IPA		0x10000000
#define GUEST_MMIO_ITER		(GUEST_MMIO_IPA + 0x00)
#define GUEST_MMIO_BATCH	(GUEST_MMIO_IPA + 0x08)
#define GUEST_MMIO_CORRUPT	(GUEST_MMIO_IPA + 0x10)
#define GUEST_MMIO_EXCEPTION	(GUEST_MMIO_IPA + 0x18)	/* data ESR_EL1, x1 ELR, x2 FAR */

/* Register classes in GUEST_CORRUPT(kind, regno). */
#define GUEST_REG_V		1	/* V0-V31 (fpsimd) */
#define GUEST_REG_Z		2	/* Z0-Z31 */
#define GUEST_REG_P		3	/* P0-P15 */
#define GUEST_REG_FFR		4
#define GUEST_REG_VL		5	/* rdvl disagrees with GUEST_ARG_VL */
#define GUEST_CORRUPT(kind, regno)	(((kind) << 8) | (regno))

/* Arguments in x0..x3 at entry. */
#define GUEST_ARG_DATA		0	/* IPA of the hvc sample buffer */
#define GUEST_ARG_BATCH		1	/* hvc iterations per exit */
#define GUEST_ARG_TIMER		2	/* GUEST_TIMER_* */
#define GUEST_ARG_VL		3	/* SVE VL in bytes (sve payloads) */
#define GUEST_NR_ARGS		4

#define GUEST_TIMER_CNTVCT	0	/* generic timer, CNTFRQ_EL0 Hz */
#define GUEST_TIMER_PMCCNTR	1	/* vPMU cycle counter: guest time only */

#define GUEST_FN_PSCI_VERSION	0x84000000

#ifndef __ASSEMBLER__
#include <stddef.h>

#include "fpbench.h"

/* One guest program: which exit it makes, which FP it uses. */
struct guest_payload {
	const char *name;		/* "mmio-sve" */
	enum exit_kind exit;		/* EXIT_MMIO or EXIT_HVC; EXIT_NR: test only */
	enum fp_kind fp;		/* FP_NONE, FP_FPSIMD or FP_SVE */
	const void *entry;		/* symbol in guest.S */
};

extern const struct guest_payload guest_payloads[];
extern const size_t guest_nr_payloads;

/* The payload for @exit and @fp, NULL if there is none. */
const struct guest_payload *guest_payload_find(enum exit_kind exit,
					       enum fp_kind fp);

/* The payload called @name ("mmio-sve", "hang"), NULL if none. */
const struct guest_payload *guest_payload_by_name(const char *name);

/* The whole guest image (all payloads, vectors): copied to GUEST_MEM_IPA. */
extern const char guest_image_start[], guest_image_end[];

/* "z17", "p3", "ffr", "vl" for a GUEST_MMIO_CORRUPT data word. */
char *guest_corrupt_name(unsigned long data, char *buf, size_t len);
#endif

#endif
