// SPDX-License-Identifier: GPL-2.0
/* Names of the matrix dimensions, and the state-size model. */
#include <string.h>

#include "fpbench.h"

const char *const bench_names[BENCH_NR] = {
	[BENCH_KVM] = "kvm",
	[BENCH_CTXSW] = "ctxsw",
};

const char *const exit_names[EXIT_NR] = {
	[EXIT_MMIO] = "mmio",
	[EXIT_HVC] = "hvc",
	[EXIT_FUTEX] = "futex",
	[EXIT_VCPU] = "vcpu",
};

const char *const fp_kind_names[FP_KIND_NR] = {
	[FP_NONE] = "none",
	[FP_FPSIMD] = "fpsimd",
	[FP_SVE] = "sve",
	[FP_SSVE] = "ssve",
	[FP_ZA] = "za",
	[FP_ZT0] = "zt0",
};

const char *const fp_mode_names[FP_MODE_NR] = {
	[FP_MODE_UNKNOWN] = "unknown",
	[FP_MODE_EAGER] = "eager",
	[FP_MODE_LAZY] = "lazy",
	[FP_MODE_LAZY_KEEP] = "lazy_keep",
};

volatile int fpb_interrupted;

int fpb_lookup(const char *const *names, int nr, const char *name)
{
	for (int i = 0; i < nr; i++)
		if (names[i] && !strcmp(names[i], name))
			return i;
	return -1;
}

/* Z + P + FFR at @vl_bits: 32*VL + 17*VL/8 bytes. */
static uint64_t sve_bytes(unsigned int vl_bits)
{
	uint64_t vl = vl_bits / 8;

	return 32 * vl + 17 * vl / 8;
}

uint64_t fp_state_bytes(enum fp_kind kind, unsigned int vl_bits,
			unsigned int svl_bits)
{
	uint64_t svl = svl_bits / 8;

	switch (kind) {
	case FP_NONE:
		/*
		 * "none" means no deliberate fill, not no state: every arm64
		 * user task has live FPSIMD registers, and the eager save
		 * moves them (measured: the same delta as fpsimd).
		 */
	case FP_FPSIMD:
		return 512;
	case FP_SVE:
		return sve_bytes(vl_bits);
	case FP_SSVE:
		/*
		 * Syscall entry leaves streaming mode (SMSTOP SM zeroes the
		 * vectors), so KVM_RUN or a futex wait only ever finds the
		 * FPSIMD view: ssve is the "streaming until the syscall"
		 * control, not a streaming-sized save.
		 */
		return 512;
	case FP_ZA:
		return 512 + svl * svl;
	case FP_ZT0:
		return 512 + svl * svl + 64;
	default:
		return 0;
	}
}
