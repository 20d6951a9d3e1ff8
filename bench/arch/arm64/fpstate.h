/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 FP register state: fill the live registers with a seeded pattern,
 * verify them later, name the first register that does not read back.
 *
 * The benchmark makes the host's FP state live (fp_fill), runs the operation
 * under test (KVM_RUN, a futex wait) and checks the state survived
 * (fp_verify). The fill/dump routines are in fpstate.S so that no compiler or
 * library code runs while the pattern is in the registers.
 *
 * CONTRACT for callers between fp_fill() and fp_verify():
 *   - Do not run code that may use FP/SIMD registers: no libc string/memory
 *     functions, no printf, no floating point, no struct copies the compiler
 *     may do with q registers. Raw syscalls (ioctl, futex via syscall()) and
 *     counters_now() are fine; so is code built with -mgeneral-regs-only.
 *     fpstate.c itself is built general-regs-only (#pragma GCC target).
 *   - After fp_fill(FP_SSVE) the thread is in streaming mode: ordinary
 *     Advanced SIMD instructions are illegal there (SIGILL without FEAT_FA64),
 *     so even more so nothing but general-register code until fp_release()
 *     or a syscall (which leaves streaming mode).
 *   - A syscall discards part of the state (Documentation/arch/arm64/sve.rst
 *     and sme.rst): verify with FP_CHECK_SYSCALL after one, FP_CHECK_EXACT
 *     when no syscall ran.
 *   - In a dynamically linked binary, the first call of a libc function
 *     (lazy PLT binding) may save/restore q0-q7 and so zero Z0-Z7 bits above
 *     128: link with -Wl,-z,now or run a warm-up iteration.
 *   - Call fp_release() when done: it leaves streaming mode, turns ZA off
 *     and resets the FPCR bits the pattern changed.
 *
 * Which registers each kind fills (every kind includes FPSR/FPCR):
 *   FP_FPSIMD  V0-V31
 *   FP_SVE     Z0-Z31, P0-P15, FFR at the SVE VL
 *   FP_SSVE    streaming mode (PSTATE.SM=1): Z0-Z31, P0-P15 at the SME VL
 *              (no FFR: it only exists in streaming mode with FEAT_FA64)
 *   FP_ZA      V0-V31 and ZA (PSTATE.ZA=1), SVL_B rows of SVL_B bytes
 *   FP_ZT0     V0-V31, ZA and ZT0 (SME2)
 *   FP_VMM     first copies a seeded FP_VMM_COPY_BYTES buffer with SVE
 *              loads/stores (fp_asm_sve_copy), then fills as FP_SVE; the
 *              verify checks the SVE state as FP_SVE and the copy's bytes
 *
 * Thread safety: per-thread scratch buffers; each thread has its own state.
 * Only built in the aarch64 configuration (bench/arch/arm64).
 */
#ifndef FPBENCH_ARM64_FPSTATE_H
#define FPBENCH_ARM64_FPSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fpbench.h"

#define FP_VL_MIN_BITS	128
#define FP_VL_MAX_BITS	2048	/* architectural maximum for SVE and SME */
#define FP_VL_NR	5	/* 128, 256, 512, 1024, 2048 */

/* FP_VMM's copy: a virtio-sized buffer (one 4 KiB page). */
#define FP_VMM_COPY_BYTES	4096

enum fp_check {
	FP_CHECK_EXACT,		/* every filled bit must read back */
	/*
	 * After a syscall (ioctl(KVM_RUN), futex): accept what the Linux
	 * syscall ABI allows and nothing else:
	 *   V0-V31 (Z bits [127:0]), FPSR, FPCR must match;
	 *   SVE: Z bits above 128, P0-P15 and FFR either all preserved or
	 *        all zero (sve.rst says zero; older kernels left them
	 *        "unspecified" and a state restored from memory keeps them;
	 *        seen: 6.12 zeroes them, qemu-user keeps them);
	 *   SSVE: PSTATE.SM must be 0; V0-V31 either hold the low 128 bits of
	 *        the streaming pattern or are all zero (SMSTOP SM zeroes
	 *        the vector registers, the kernel does exactly that);
	 *        FPCR must match, FPSR match or be 0x0800009f (the value a
	 *        change of PSTATE.SM leaves);
	 *   ZA/ZT0: PSTATE.ZA must be 1 and ZA (and ZT0) must match exactly.
	 */
	FP_CHECK_SYSCALL,
	FP_CHECK_NR,
};

/* The first register that did not read back as written. */
struct fp_mismatch {
	enum fp_kind kind;
	char reg[16];		/* "v17", "z3", "p15", "ffr", "za[12]", "zt0",
				 * "fpsr", "fpcr", "svcr.sm", "svcr.za",
				 * "vl"/"svl" (bytes) if the VL changed, and
				 * "copy" for FP_VMM's copied buffer */
	unsigned int offset;	/* first differing byte within the register
				 * (within the buffer for "copy") */
	/*
	 * The naturally aligned 8-byte word holding that byte (fewer bytes,
	 * zero-extended, for registers shorter than 8 bytes), little-endian:
	 * byte 0 of the register is bits 7:0. For svcr.* 0/1.
	 */
	uint64_t expected, actual;
};

/*
 * Whether the CPU and kernel offer @kind (HWCAP_SVE, HWCAP2_SME,
 * HWCAP2_SME2). If not, a human reason ("no SME (HWCAP2_SME clear)") goes to
 * @reason (may be NULL).
 */
bool fp_kind_supported(enum fp_kind kind, char *reason, size_t len);

/*
 * Vector length in bits. @kind FP_SVE or FP_VMM selects the SVE VL; FP_SSVE,
 * FP_ZA and FP_ZT0 the SME (streaming) VL. Set returns the VL the kernel
 * granted in bits (it rounds down to a supported length), or -errno (-EINVAL
 * for a kind without a VL, or when the feature is missing).
 */
int fp_vl_set(enum fp_kind kind, unsigned int bits);
unsigned int fp_vl_get(enum fp_kind kind);	/* 0 when unsupported */

/*
 * Vector lengths (bits, ascending) the kernel grants for @kind, found by
 * setting 128..2048 in powers of two and reading back; the VL in force
 * before the call is restored. Returns the count (at most @max), 0 when
 * unsupported.
 */
int fp_vls_offered(enum fp_kind kind, unsigned int *bits, int max);

/*
 * Make @kind's state live with the pattern of @seed (and exactly that
 * kind's SME modes: SM only for FP_SSVE, ZA only for FP_ZA/FP_ZT0).
 * FP_NONE: no-op. Only for kinds fp_kind_supported() accepts (else SIGILL).
 */
void fp_fill(enum fp_kind kind, uint64_t seed);

/*
 * Check the live state of @kind against the pattern of @seed. Returns 0 when
 * it matches (under the rules of @how), 1 with *@m (may be NULL) describing
 * the first mismatch. Does not change the live state except scratch reads
 * (P0 is preserved). Call it before anything that may touch FP registers.
 */
int fp_verify(enum fp_kind kind, uint64_t seed, enum fp_check how,
	      struct fp_mismatch *m);

/* "z17 byte 8: expected 0x... got 0x..." into @buf; returns @buf. */
char *fp_mismatch_format(const struct fp_mismatch *m, char *buf, size_t len);

/* Leave streaming mode, turn ZA off, reset FPCR pattern bits. */
void fp_release(enum fp_kind kind);

/*
 * Negative tests: change one live register of @kind's state, named as in
 * struct fp_mismatch: "v0".."v31" (FP_FPSIMD, FP_ZA, FP_ZT0), "z0".."z31",
 * "p0".."p15" (FP_SVE, FP_SSVE, FP_VMM), "ffr" (FP_SVE, FP_VMM), "za[row]"
 * (FP_ZA, FP_ZT0), "zt0" (FP_ZT0), "copy[byte]" (FP_VMM: the copied buffer,
 * not a register), "fpsr", "fpcr". Byte 0 (the named byte for "copy") is
 * inverted; FFR gets another canonical value (one 1 bit fewer or more), FPSR
 * flips IOC, FPCR flips DN.
 * Returns 0, or -EINVAL for a name @kind does not have.
 */
int fp_corrupt(enum fp_kind kind, const char *reg);

/*
 * Tests of FP_CHECK_SYSCALL: do to the live SVE state what the kernel's
 * sve_flush_live() does at syscall entry (keep Z bits [127:0], zero the
 * rest, P0-P15 and FFR). Non-streaming SVE only. (fpstate.S)
 */
void fp_asm_sve_flush_upper(void);

/*
 * The SVE copy a VMM's memcpy does between exits: @len bytes from @src to
 * @dst with SVE ld1b/st1b at the SVE VL in force (non-streaming; clobbers
 * Z0, P0). (fpstate.S)
 */
void fp_asm_sve_copy(void *dst, const void *src, size_t len);

#endif
