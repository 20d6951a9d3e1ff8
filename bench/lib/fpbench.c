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
	[FP_VMM] = "vmm",
};

/* Which vector length a kind's state size depends on; adding a kind is a
 * row here and a name above (and its fill/verify in the arch's fpstate.c). */
static const struct fp_kind_rule {
	bool uses_vl;		/* SVE VL: Z/P/FFR in non-streaming mode */
	bool uses_svl;		/* SME SVL: streaming Z/P, ZA, ZT0 */
	bool needs_sme2;	/* ZT0 only exists with SME2 */
} fp_kind_rules[FP_KIND_NR] = {
	[FP_NONE] = { 0 },
	[FP_FPSIMD] = { 0 },
	[FP_SVE] = { .uses_vl = true },
	[FP_SSVE] = { .uses_svl = true },
	[FP_ZA] = { .uses_svl = true },
	[FP_ZT0] = { .uses_svl = true, .needs_sme2 = true },
	/* The copy and the pattern both run at the SVE VL. */
	[FP_VMM] = { .uses_vl = true },
};

bool fp_kind_uses_vl(enum fp_kind kind)
{
	return kind < FP_KIND_NR && fp_kind_rules[kind].uses_vl;
}

bool fp_kind_uses_svl(enum fp_kind kind)
{
	return kind < FP_KIND_NR && fp_kind_rules[kind].uses_svl;
}

bool fp_kind_needs_sme2(enum fp_kind kind)
{
	return kind < FP_KIND_NR && fp_kind_rules[kind].needs_sme2;
}

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

/*
 * What the eager save at vcpu_load moves, per host FP state, in the
 * context it runs in: KVM_RUN (or a futex wait) is a syscall, and the
 * syscall ABI has already cut the state down before vcpu_load (6.12.117,
 * arch/arm64/kernel/entry-common.c and fpsimd.c):
 *  - fpsimd_syscall_enter() discards the SVE-only part (sve_flush_live())
 *    and sets fpsimd_last_state.to_save = FP_STATE_FPSIMD, so
 *    fpsimd_save_user_state() saves V0-V31 (512 bytes, plus FPSR/FPCR) at
 *    any SVE vector length: sve is an FPSIMD-sized save, and so is vmm
 *    (the same SVE state; its buffer copy is memory, not register state);
 *  - it also leaves streaming mode (SMSTOP SM): ssve is FPSIMD-sized too;
 *  - PSTATE.ZA survives syscalls, so a live ZA (SVL_B^2 bytes) is saved
 *    by fpsimd_save_user_state() (sme_save_state()), with ZT0 (64 bytes)
 *    on SME2; lazy mode saves it eagerly as well (pre-v6.14 did too);
 *  - "none" is not no state: every arm64 user task has live FPSIMD
 *    registers (measured: the same delta as fpsimd).
 * A model, for results without a trace (hardware): the emulated host
 * measures the bytes (tr_load_bytes, tr_store_bytes).
 */
uint64_t fp_state_bytes(enum fp_kind kind, unsigned int vl_bits,
			unsigned int svl_bits)
{
	uint64_t svl = svl_bits / 8;

	switch (kind) {
	case FP_NONE:
	case FP_FPSIMD:
	case FP_SVE:
	case FP_SSVE:
	case FP_VMM:
		return 512;
	case FP_ZA:
		return 512 + svl * svl;
	case FP_ZT0:
		return 512 + svl * svl + 64;
	default:
		return 0;
	}
}
