/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared vocabulary of kvm-fpbench: exit codes, the dimensions of the
 * measurement matrix and their names. Every module speaks these words; the
 * names are also the values written to results files (results/README.md).
 */
#ifndef FPBENCH_H
#define FPBENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Process exit codes: distinct per failure class, kselftest's 4 for skip. */
enum fpb_status {
	FPB_OK = 0,
	FPB_FAIL = 1,		/* measured, but integrity failures or runtime error */
	FPB_EUSAGE = 2,		/* bad command line */
	FPB_EDATA = 3,		/* input file missing, unreadable, malformed, truncated, mismatched */
	FPB_SKIP = 4,		/* feature missing: no KVM, SVE, SME, PMU ... */
	FPB_REGRESSION = 5,	/* compare: a configuration beyond --fail-above */
	FPB_EENV = 6,		/* environment error: ioctl, mmap, I/O failed */
	FPB_INTERRUPTED = 130,	/* SIGINT/SIGTERM: complete rows kept */
};

enum bench_kind {
	BENCH_KVM,		/* KVM_RUN round trip (kvm_pingpong.c) */
	BENCH_CTXSW,		/* two threads on one CPU (ctxsw.c) */
	BENCH_NR,
};

enum exit_kind {
	EXIT_MMIO,		/* guest store to unbacked IPA: exit to user space */
	EXIT_HVC,		/* handled in the kernel: no vcpu_put/vcpu_load */
	EXIT_FUTEX,		/* ctxsw: plain thread ping-pong */
	EXIT_VCPU,		/* ctxsw: partner is a vCPU thread in KVM_RUN */
	EXIT_NR,
};

enum fp_kind {
	FP_NONE,		/* no live FP state */
	FP_FPSIMD,		/* V0-V31, FPSR, FPCR */
	FP_SVE,			/* Z0-Z31, P0-P15, FFR at the SVE VL */
	FP_SSVE,		/* streaming mode: Z/P at the SME VL */
	FP_ZA,			/* ZA array live (PSTATE.ZA) */
	FP_ZT0,			/* ZA + ZT0 (SME2) */
	FP_VMM,			/* sve after an SVE memcpy, as a VMM between exits */
	FP_KIND_NR,
};

enum fp_mode {
	FP_MODE_UNKNOWN,	/* kernel without the kvm.fp_eager knob */
	FP_MODE_EAGER,		/* kvm.fp_eager=1: host FP saved on vcpu_load */
	FP_MODE_LAZY,		/* kvm.fp_eager=0: saved on the guest's first FP trap */
	/*
	 * kvm.fp_eager=2: lazy without the trap, host SVE state kept live
	 * after the guest ran. Appended, so results and masks (1u << mode)
	 * of the two older modes keep their numbers.
	 */
	FP_MODE_LAZY_KEEP,
	FP_MODE_NR,
};

/* One measured configuration: one row of the results file. */
struct fpb_config {
	enum bench_kind bench;
	enum exit_kind exit;
	enum fp_kind host_fp;
	enum fp_kind guest_fp;
	unsigned int vl_bits;	/* SVE VL in use, 0 when not relevant */
	unsigned int svl_bits;	/* SME streaming VL in use, 0 when not relevant */
	enum fp_mode fp_mode;
};

extern const char *const bench_names[BENCH_NR];
extern const char *const exit_names[EXIT_NR];
extern const char *const fp_kind_names[FP_KIND_NR];
extern const char *const fp_mode_names[FP_MODE_NR];

/*
 * Does @kind use the SVE VL / the SME SVL, does it need SME2? (fp_kind_rules[]
 * in fpbench.c, beside the names)
 */
bool fp_kind_uses_vl(enum fp_kind kind);
bool fp_kind_uses_svl(enum fp_kind kind);
bool fp_kind_needs_sme2(enum fp_kind kind);

/* Name to enum; -1 if @name is none of @names. */
int fpb_lookup(const char *const *names, int nr, const char *name);

/*
 * Bytes of host FP state one save moves for @kind when the save runs in a
 * syscall (KVM_RUN, futex): the model of fpbench.c, which names the kernel
 * functions that decide it. @vl_bits does not change it.
 */
uint64_t fp_state_bytes(enum fp_kind kind, unsigned int vl_bits,
			unsigned int svl_bits);

/* FPB_NO_FP and FP_CALLEE_SAVED_CLOBBER(): the FP-register contract (arch.h). */

/* Set by the SIGINT/SIGTERM handler; long loops poll it. */
extern volatile int fpb_interrupted;

#endif
