// SPDX-License-Identifier: GPL-2.0
/*
 * Seeded register patterns for the arm64 FP state, and their checks.
 *
 * fp_fill() generates the pattern into per-thread buffers and moves it into
 * the registers (fpstate.S); fp_verify() first moves the registers out, then
 * compares. This whole file is built general-regs-only, so nothing here can
 * disturb a vector register between the two, and it runs even in streaming
 * mode, where Advanced SIMD instructions trap. The fill/verify paths call no
 * libc function for the same reason (glibc's string functions use SIMD).
 */
#pragma GCC target("general-regs-only")

#include <errno.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/prctl.h>

#include "arm64/fpstate.h"

#ifndef HWCAP_SVE
#define HWCAP_SVE	(1UL << 22)
#endif
#ifndef HWCAP2_SME
#define HWCAP2_SME	(1UL << 23)
#endif
#ifndef HWCAP2_SME2
#define HWCAP2_SME2	(1UL << 37)
#endif
#ifndef PR_SVE_SET_VL
#define PR_SVE_SET_VL		50
#define PR_SVE_GET_VL		51
#define PR_SVE_VL_LEN_MASK	0xffff
#endif
#ifndef PR_SME_SET_VL
#define PR_SME_SET_VL		63
#define PR_SME_GET_VL		64
#define PR_SME_VL_LEN_MASK	0xffff
#endif

#define SVCR_SM		(1UL << 0)
#define SVCR_ZA		(1UL << 1)

/*
 * FPSR: cumulative exception flags (IOC DZC OFC UFC IXC, IDC) and QC:
 * harmless to set. FPCR: only DN and AHP, which change nothing but NaN
 * payloads and half-precision conversions, so C code that runs while the
 * pattern is live (or after a forgotten fp_release) computes the same.
 */
#define FPSR_PATTERN_MASK	0x0800009fUL
#define FPCR_PATTERN_MASK	((1UL << 25) | (1UL << 26))
#define FPSR_SMSTOP		0x0800009fUL	/* after a change of PSTATE.SM */

#define VL_B_MAX	(FP_VL_MAX_BITS / 8)	/* 256 bytes */
#define NR_Z		32
#define NR_P		16

/* Pattern classes: different registers of one seed never look alike. */
enum fp_cls { CLS_Z = 1, CLS_P, CLS_FFR, CLS_ZA, CLS_ZT0, CLS_CTL, CLS_COPY };

/* fpstate.S */
void fp_asm_v_load(const void *buf);
void fp_asm_v_store(void *buf);
void fp_asm_ctl_set(uint64_t fpsr, uint64_t fpcr);
void fp_asm_ctl_get(uint64_t *ctl);
unsigned long fp_asm_rdvl(void);
unsigned long fp_asm_rdsvl(void);
void fp_asm_zp_load(const void *z, const void *p);
void fp_asm_zp_store(void *z, void *p);
void fp_asm_ffr_load(const void *ffr);
void fp_asm_ffr_store(void *ffr, void *scratch);
unsigned long fp_asm_svcr_get(void);
void fp_asm_smstart_sm(void);
void fp_asm_smstart_za(void);
void fp_asm_smstop(void);
void fp_asm_smstop_sm(void);
void fp_asm_smstop_za(void);
void fp_asm_za_load(const void *buf);
void fp_asm_za_store(void *buf);
void fp_asm_zt0_load(const void *buf);
void fp_asm_zt0_store(void *buf);

/*
 * Per-thread images of the register files, and FP_VMM's copy buffers
 * (~82 KiB, static TLS).
 */
struct fp_buf {
	uint8_t z[NR_Z * VL_B_MAX];
	uint8_t p[NR_P * VL_B_MAX / 8];
	uint8_t ffr[VL_B_MAX / 8];
	uint8_t scratch[VL_B_MAX / 8];
	uint8_t v[NR_Z * 16];
	uint8_t za[VL_B_MAX * VL_B_MAX];
	uint8_t zt0[64];
	uint64_t ctl[2];		/* FPSR, FPCR as read */
	uint8_t copy_src[FP_VMM_COPY_BYTES];
	uint8_t copy_dst[FP_VMM_COPY_BYTES];
	unsigned int vl_b;		/* VL (or SVL) at the last fill */
	bool fpcr_saved;
	uint64_t fpcr_orig;		/* FPCR before our first fill */
};

static __thread struct fp_buf fpb __attribute__((aligned(16)));

/*
 * HWCAPs read once: fp_fill() may run in streaming mode, where a libc call
 * could trap.
 */
static unsigned long fp_hwcaps[2];
static bool fp_hwcaps_read;

static void fp_hwcaps_init(void)
{
	if (!fp_hwcaps_read) {
		fp_hwcaps[0] = getauxval(AT_HWCAP);
		fp_hwcaps[1] = getauxval(AT_HWCAP2);
		fp_hwcaps_read = true;
	}
}

static unsigned long fp_hwcap(void)
{
	fp_hwcaps_init();
	return fp_hwcaps[0];
}

static unsigned long fp_hwcap2(void)
{
	fp_hwcaps_init();
	return fp_hwcaps[1];
}

static bool fp_have_sme(void)
{
	return fp_hwcap2() & HWCAP2_SME;
}

bool fp_kind_supported(enum fp_kind kind, char *reason, size_t len)
{
	const char *why = NULL;

	switch (kind) {
	case FP_NONE:
	case FP_FPSIMD:
		break;
	case FP_SVE:
	case FP_VMM:
		if (!(fp_hwcap() & HWCAP_SVE))
			why = "no SVE (HWCAP_SVE clear)";
		break;
	case FP_SSVE:
	case FP_ZA:
		if (!fp_have_sme())
			why = "no SME (HWCAP2_SME clear)";
		break;
	case FP_ZT0:
		if (!fp_have_sme())
			why = "no SME (HWCAP2_SME clear)";
		else if (!(fp_hwcap2() & HWCAP2_SME2))
			why = "no SME2/ZT0 (HWCAP2_SME2 clear)";
		break;
	default:
		why = "unknown FP kind";
	}
	if (why && reason && len)
		snprintf(reason, len, "%s", why);
	return !why;
}

/* prctl pair for @kind, or false for a kind without a vector length. */
static bool fp_vl_ops(enum fp_kind kind, int *set, int *get, int *mask)
{
	switch (kind) {
	case FP_SVE:
	case FP_VMM:
		*set = PR_SVE_SET_VL;
		*get = PR_SVE_GET_VL;
		*mask = PR_SVE_VL_LEN_MASK;
		return true;
	case FP_SSVE:
	case FP_ZA:
	case FP_ZT0:
		*set = PR_SME_SET_VL;
		*get = PR_SME_GET_VL;
		*mask = PR_SME_VL_LEN_MASK;
		return true;
	default:
		return false;
	}
}

int fp_vl_set(enum fp_kind kind, unsigned int bits)
{
	int set, get, mask, ret;

	if (!fp_vl_ops(kind, &set, &get, &mask) ||
	    !fp_kind_supported(kind, NULL, 0))
		return -EINVAL;
	ret = prctl(set, bits / 8);
	if (ret < 0)
		return -errno;
	return (ret & mask) * 8;
}

unsigned int fp_vl_get(enum fp_kind kind)
{
	int set, get, mask, ret;

	if (!fp_vl_ops(kind, &set, &get, &mask) ||
	    !fp_kind_supported(kind, NULL, 0))
		return 0;
	ret = prctl(get);
	if (ret < 0)
		return 0;
	return (ret & mask) * 8;
}

int fp_vls_offered(enum fp_kind kind, unsigned int *bits, int max)
{
	unsigned int old = fp_vl_get(kind);
	int n = 0;

	if (!old)
		return 0;
	for (unsigned int want = FP_VL_MIN_BITS; want <= FP_VL_MAX_BITS; want *= 2) {
		int got = fp_vl_set(kind, want);

		/* The kernel rounds down: a VL offered shows up as itself. */
		if (got == (int)want && n < max)
			bits[n++] = want;
	}
	fp_vl_set(kind, old);
	return n;
}

/* ---- patterns ------------------------------------------------------- */

/* splitmix64 finaliser: every input bit reaches every output bit. */
static uint64_t fp_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t fp_word(uint64_t seed, enum fp_cls cls, unsigned int reg,
			unsigned int word)
{
	uint64_t key = (uint64_t)cls << 56 | (uint64_t)reg << 32 | word;

	return fp_mix(seed ^ fp_mix(key + 0x9e3779b97f4a7c15ULL));
}

/* Byte i of a register is byte i % 8 of word i / 8 (little-endian). */
static void fp_gen(uint8_t *dst, unsigned int len, uint64_t seed,
		   enum fp_cls cls, unsigned int reg)
{
	uint64_t w = 0;

	for (unsigned int i = 0; i < len; i++) {
		if (!(i % 8))
			w = fp_word(seed, cls, reg, i / 8);
		dst[i] = w >> (8 * (i % 8));
	}
}

/* FFR must be canonical: 1..VL_B low ones (VL_B predicate bits). */
static void fp_gen_ffr(uint8_t *dst, unsigned int vl_b, uint64_t seed)
{
	unsigned int ones = 1 + fp_word(seed, CLS_FFR, 0, 0) % vl_b;

	for (unsigned int i = 0; i < vl_b / 8; i++) {
		unsigned int n = ones > 8 * i ? ones - 8 * i : 0;

		dst[i] = n >= 8 ? 0xff : (1U << n) - 1;
	}
}

static void fp_bzero(uint8_t *dst, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++)
		dst[i] = 0;
}

static void fp_ctl_pattern(uint64_t seed, uint64_t fpcr_now, uint64_t *fpsr,
			   uint64_t *fpcr)
{
	*fpsr = fp_word(seed, CLS_CTL, 0, 0) & FPSR_PATTERN_MASK;
	*fpcr = (fpcr_now & ~FPCR_PATTERN_MASK) |
		(fp_word(seed, CLS_CTL, 1, 0) & FPCR_PATTERN_MASK);
}

/* ---- fill ----------------------------------------------------------- */

static void fp_fill_ctl(uint64_t seed)
{
	uint64_t fpsr, fpcr;

	fp_asm_ctl_get(fpb.ctl);
	if (!fpb.fpcr_saved) {
		fpb.fpcr_orig = fpb.ctl[1];
		fpb.fpcr_saved = true;
	}
	fp_ctl_pattern(seed, fpb.ctl[1], &fpsr, &fpcr);
	fp_asm_ctl_set(fpsr, fpcr);
}

static void fp_fill_v(uint64_t seed)
{
	for (unsigned int n = 0; n < NR_Z; n++)
		fp_gen(fpb.v + 16 * n, 16, seed, CLS_Z, n);
	fp_asm_v_load(fpb.v);
}

/* Z/P (+FFR outside streaming mode) at the VL in force. */
static void fp_fill_zp(uint64_t seed, bool ffr)
{
	unsigned int vl_b = fp_asm_rdvl();

	fpb.vl_b = vl_b;
	for (unsigned int n = 0; n < NR_Z; n++)
		fp_gen(fpb.z + n * vl_b, vl_b, seed, CLS_Z, n);
	for (unsigned int n = 0; n < NR_P; n++)
		fp_gen(fpb.p + n * vl_b / 8, vl_b / 8, seed, CLS_P, n);
	if (ffr) {
		fp_gen_ffr(fpb.ffr, vl_b, seed);
		fp_asm_ffr_load(fpb.ffr);	/* clobbers P0: before P */
	}
	fp_asm_zp_load(fpb.z, fpb.p);
}

static void fp_fill_za(uint64_t seed, bool zt0)
{
	unsigned int svl_b = fp_asm_rdsvl();

	fpb.vl_b = svl_b;
	for (unsigned int r = 0; r < svl_b; r++)
		fp_gen(fpb.za + r * svl_b, svl_b, seed, CLS_ZA, r);
	fp_asm_smstart_za();
	fp_asm_za_load(fpb.za);
	if (zt0) {
		fp_gen(fpb.zt0, sizeof(fpb.zt0), seed, CLS_ZT0, 0);
		fp_asm_zt0_load(fpb.zt0);
	}
}

/*
 * FP_VMM's copy: a fresh seeded source, a destination that differs from it
 * in every byte (a copy that does not happen cannot pass), then the SVE
 * copy a VMM's memcpy would do.
 */
static void fp_vmm_copy(uint64_t seed)
{
	fp_gen(fpb.copy_src, FP_VMM_COPY_BYTES, seed, CLS_COPY, 0);
	for (unsigned int i = 0; i < FP_VMM_COPY_BYTES; i++)
		fpb.copy_dst[i] = ~fpb.copy_src[i];
	fp_asm_sve_copy(fpb.copy_dst, fpb.copy_src, FP_VMM_COPY_BYTES);
}

/* Leave exactly @kind's SME modes on. */
static void fp_sme_modes(enum fp_kind kind)
{
	unsigned long svcr;

	if (!fp_have_sme())
		return;
	svcr = fp_asm_svcr_get();
	if ((svcr & SVCR_SM) && kind != FP_SSVE)
		fp_asm_smstop_sm();
	if ((svcr & SVCR_ZA) && kind != FP_ZA && kind != FP_ZT0)
		fp_asm_smstop_za();
}

void fp_fill(enum fp_kind kind, uint64_t seed)
{
	if (kind == FP_NONE)
		return;
	fp_sme_modes(kind);
	/* Outside streaming mode (above): the copy runs at the SVE VL. */
	if (kind == FP_VMM)
		fp_vmm_copy(seed);
	/* Entering streaming mode sets FPSR to 0x0800009f: before the ctl. */
	if (kind == FP_SSVE && !(fp_asm_svcr_get() & SVCR_SM))
		fp_asm_smstart_sm();
	fp_fill_ctl(seed);
	switch (kind) {
	case FP_FPSIMD:
		fp_fill_v(seed);
		break;
	case FP_SVE:
	case FP_VMM:
		/* vmm: the copy's Z0/P0 are overwritten, as sve's pattern */
		fp_fill_zp(seed, true);
		break;
	case FP_SSVE:
		fp_fill_zp(seed, false);
		break;
	case FP_ZA:
	case FP_ZT0:
		fp_fill_v(seed);
		fp_fill_za(seed, kind == FP_ZT0);
		break;
	default:
		break;
	}
}

/* ---- verify --------------------------------------------------------- */

/* "<prefix><n>" or "<prefix>[<n>]", without libc (may run in SM). */
static void fp_name(char *dst, size_t len, const char *prefix, int n,
		    bool index)
{
	char digits[12];
	size_t i = 0;
	int nd = 0;

	while (*prefix && i + 1 < len)
		dst[i++] = *prefix++;
	if (n >= 0) {
		do {
			digits[nd++] = '0' + n % 10;
			n /= 10;
		} while (n);
		if (index && i + 1 < len)
			dst[i++] = '[';
		while (nd && i + 1 < len)
			dst[i++] = digits[--nd];
		if (index && i + 1 < len)
			dst[i++] = ']';
	}
	dst[i] = '\0';
}

static uint64_t fp_le_word(const uint8_t *b, unsigned int from,
			   unsigned int len)
{
	uint64_t w = 0;

	for (unsigned int i = from; i < from + 8 && i < len; i++)
		w |= (uint64_t)b[i] << (8 * (i - from));
	return w;
}

/*
 * Compare bytes [@from, @len) of one register; on a difference describe it
 * in *@m (named @prefix/@n) and return 1.
 */
static int fp_cmp(const uint8_t *exp, const uint8_t *act, unsigned int from,
		  unsigned int len, enum fp_kind kind, const char *prefix,
		  int n, bool index, struct fp_mismatch *m)
{
	unsigned int i, word;

	for (i = from; i < len; i++)
		if (exp[i] != act[i])
			break;
	if (i == len)
		return 0;
	if (m) {
		word = i & ~7U;
		m->kind = kind;
		fp_name(m->reg, sizeof(m->reg), prefix, n, index);
		m->offset = i;
		m->expected = fp_le_word(exp, word, len);
		m->actual = fp_le_word(act, word, len);
	}
	return 1;
}

static int fp_bad_scalar(enum fp_kind kind, const char *name, uint64_t exp,
			 uint64_t act, struct fp_mismatch *m)
{
	if (m) {
		m->kind = kind;
		fp_name(m->reg, sizeof(m->reg), name, -1, false);
		m->offset = exp != act ? __builtin_ctzll(exp ^ act) / 8 : 0;
		m->expected = exp;
		m->actual = act;
	}
	return 1;
}

static int fp_verify_ctl(enum fp_kind kind, uint64_t seed,
			 struct fp_mismatch *m)
{
	uint64_t fpsr, fpcr;

	fp_ctl_pattern(seed, fpb.ctl[1], &fpsr, &fpcr);
	/* Only the pattern bits are ours; others may be RES0 or live. */
	if ((fpb.ctl[0] & FPSR_PATTERN_MASK) != fpsr)
		return fp_bad_scalar(kind, "fpsr", fpsr,
				     fpb.ctl[0] & FPSR_PATTERN_MASK, m);
	if ((fpb.ctl[1] & FPCR_PATTERN_MASK) != (fpcr & FPCR_PATTERN_MASK))
		return fp_bad_scalar(kind, "fpcr", fpcr & FPCR_PATTERN_MASK,
				     fpb.ctl[1] & FPCR_PATTERN_MASK, m);
	return 0;
}

/*
 * V0-V31 out of @img with register stride @stride: bytes [0,16) of each must
 * be the pattern, or (@zero) all zero.
 */
static int fp_verify_v(enum fp_kind kind, const uint8_t *img,
		       unsigned int stride, uint64_t seed, bool zero,
		       const char *prefix, struct fp_mismatch *m)
{
	uint8_t exp[16];

	for (unsigned int n = 0; n < NR_Z; n++) {
		if (zero)
			fp_bzero(exp, 16);
		else
			fp_gen(exp, 16, seed, CLS_Z, n);
		if (fp_cmp(exp, img + n * stride, 0, 16, kind, prefix, n,
			   false, m))
			return 1;
	}
	return 0;
}

/*
 * The SVE state beyond V0-V31 in fpb.z/p/ffr: Z bytes [@from, VL_B), all of
 * P and FFR, against the pattern or (@zero) zero.
 */
static int fp_verify_zp(enum fp_kind kind, uint64_t seed, unsigned int from,
			bool ffr, bool zero, struct fp_mismatch *m)
{
	unsigned int vl_b = fpb.vl_b, pl_b = vl_b / 8;
	uint8_t exp[VL_B_MAX];

	for (unsigned int n = 0; n < NR_Z; n++) {
		if (zero)
			fp_bzero(exp, vl_b);
		else
			fp_gen(exp, vl_b, seed, CLS_Z, n);
		if (fp_cmp(exp, fpb.z + n * vl_b, from, vl_b, kind, "z", n,
			   false, m))
			return 1;
	}
	for (unsigned int n = 0; n < NR_P; n++) {
		if (zero)
			fp_bzero(exp, pl_b);
		else
			fp_gen(exp, pl_b, seed, CLS_P, n);
		if (fp_cmp(exp, fpb.p + n * pl_b, 0, pl_b, kind, "p", n,
			   false, m))
			return 1;
	}
	if (ffr) {
		if (zero)
			fp_bzero(exp, pl_b);
		else
			fp_gen_ffr(exp, vl_b, seed);
		if (fp_cmp(exp, fpb.ffr, 0, pl_b, kind, "ffr", -1, false, m))
			return 1;
	}
	return 0;
}

static bool fp_all_zero(const uint8_t *b, unsigned int from, unsigned int len)
{
	for (unsigned int i = from; i < len; i++)
		if (b[i])
			return false;
	return true;
}

/* FP_SVE, and FP_VMM's registers. */
static int fp_verify_sve(enum fp_kind kind, uint64_t seed, enum fp_check how,
			 struct fp_mismatch *m)
{
	unsigned int vl_b = fp_asm_rdvl();
	bool zero;

	if (vl_b != fpb.vl_b)
		return fp_bad_scalar(kind, "vl", fpb.vl_b, vl_b, m);
	fp_asm_zp_store(fpb.z, fpb.p);
	fp_asm_ffr_store(fpb.ffr, fpb.scratch);
	fp_asm_ctl_get(fpb.ctl);

	if (how == FP_CHECK_EXACT)
		return fp_verify_zp(kind, seed, 0, true, false, m) ||
		       fp_verify_ctl(kind, seed, m);

	/* Syscall: the FPSIMD view always survives ... */
	if (fp_verify_v(kind, fpb.z, vl_b, seed, false, "z", m) ||
	    fp_verify_ctl(kind, seed, m))
		return 1;
	/* ... the rest all kept or all zeroed, never a mixture. */
	if (!fp_verify_zp(kind, seed, 16, true, false, NULL) ||
	    !fp_verify_zp(kind, seed, 16, true, true, NULL))
		return 0;
	/* Report against the reference the state most looks like. */
	zero = vl_b > 16 ? fp_all_zero(fpb.z, 16, vl_b) :
			   fp_all_zero(fpb.p, 0, vl_b / 8);
	return fp_verify_zp(kind, seed, 16, true, zero, m);
}

static int fp_verify_ssve(uint64_t seed, enum fp_check how,
			  struct fp_mismatch *m)
{
	unsigned long sm = fp_asm_svcr_get() & SVCR_SM;
	bool zero;

	if (how == FP_CHECK_SYSCALL) {
		/* The kernel leaves streaming mode on syscall entry. */
		if (sm)
			return fp_bad_scalar(FP_SSVE, "svcr.sm", 0, 1, m);
		fp_asm_v_store(fpb.v);
		fp_asm_ctl_get(fpb.ctl);
		/*
		 * Leaving streaming mode also sets FPSR to 0x0800009f
		 * (ResetSVEState): accept that value or the pattern.
		 */
		if ((fpb.ctl[0] & FPSR_PATTERN_MASK) == FPSR_SMSTOP)
			fpb.ctl[0] = fp_word(seed, CLS_CTL, 0, 0);
		if (fp_verify_ctl(FP_SSVE, seed, m))
			return 1;
		/* SMSTOP zeroes the vectors; keeping V0-V31 is allowed too. */
		if (!fp_verify_v(FP_SSVE, fpb.v, 16, seed, false, "v", NULL))
			return 0;
		zero = fp_all_zero(fpb.v, 0, 16);
		return fp_verify_v(FP_SSVE, fpb.v, 16, seed, zero, "v", m);
	}
	if (!sm)
		return fp_bad_scalar(FP_SSVE, "svcr.sm", 1, 0, m);
	if (fp_asm_rdvl() != fpb.vl_b)
		return fp_bad_scalar(FP_SSVE, "svl", fpb.vl_b, fp_asm_rdvl(), m);
	fp_asm_zp_store(fpb.z, fpb.p);
	fp_asm_ctl_get(fpb.ctl);
	return fp_verify_zp(FP_SSVE, seed, 0, false, false, m) ||
	       fp_verify_ctl(FP_SSVE, seed, m);
}

/*
 * FP_VMM's copied buffer against the source pattern of @seed, word by
 * word as fp_gen() laid it out; the mismatch names the first wrong byte.
 */
static int fp_verify_copy(uint64_t seed, struct fp_mismatch *m)
{
	for (unsigned int w = 0; w < FP_VMM_COPY_BYTES / 8; w++) {
		uint64_t exp = fp_word(seed, CLS_COPY, 0, w);
		uint64_t act = fp_le_word(fpb.copy_dst, 8 * w, FP_VMM_COPY_BYTES);

		if (exp == act)
			continue;
		if (m) {
			m->kind = FP_VMM;
			fp_name(m->reg, sizeof(m->reg), "copy", -1, false);
			m->offset = 8 * w + __builtin_ctzll(exp ^ act) / 8;
			m->expected = exp;
			m->actual = act;
		}
		return 1;
	}
	return 0;
}

static int fp_verify_za(enum fp_kind kind, uint64_t seed,
			struct fp_mismatch *m)
{
	unsigned int svl_b;
	uint8_t exp[VL_B_MAX];

	/* V0-V31 and FPSR/FPCR survive syscalls as well: always exact. */
	fp_asm_v_store(fpb.v);
	fp_asm_ctl_get(fpb.ctl);
	if (fp_verify_v(kind, fpb.v, 16, seed, false, "v", m) ||
	    fp_verify_ctl(kind, seed, m))
		return 1;
	if (!(fp_asm_svcr_get() & SVCR_ZA))
		return fp_bad_scalar(kind, "svcr.za", 1, 0, m);
	svl_b = fp_asm_rdsvl();
	if (svl_b != fpb.vl_b)
		return fp_bad_scalar(kind, "svl", fpb.vl_b, svl_b, m);
	fp_asm_za_store(fpb.za);
	for (unsigned int r = 0; r < svl_b; r++) {
		fp_gen(exp, svl_b, seed, CLS_ZA, r);
		if (fp_cmp(exp, fpb.za + r * svl_b, 0, svl_b, kind, "za", r,
			   true, m))
			return 1;
	}
	if (kind == FP_ZT0) {
		fp_asm_zt0_store(fpb.zt0);
		fp_gen(exp, sizeof(fpb.zt0), seed, CLS_ZT0, 0);
		if (fp_cmp(exp, fpb.zt0, 0, sizeof(fpb.zt0), kind, "zt0", -1,
			   false, m))
			return 1;
	}
	return 0;
}

int fp_verify(enum fp_kind kind, uint64_t seed, enum fp_check how,
	      struct fp_mismatch *m)
{
	switch (kind) {
	case FP_FPSIMD:
		/* V0-V31 and FPSR/FPCR are preserved by syscalls too. */
		fp_asm_v_store(fpb.v);
		fp_asm_ctl_get(fpb.ctl);
		return fp_verify_v(kind, fpb.v, 16, seed, false, "v", m) ||
		       fp_verify_ctl(kind, seed, m);
	case FP_SVE:
		return fp_verify_sve(kind, seed, how, m);
	case FP_VMM:
		/* The registers first: the copy check is only memory. */
		return fp_verify_sve(kind, seed, how, m) ||
		       fp_verify_copy(seed, m);
	case FP_SSVE:
		return fp_verify_ssve(seed, how, m);
	case FP_ZA:
	case FP_ZT0:
		return fp_verify_za(kind, seed, m);
	default:
		return 0;
	}
}

char *fp_mismatch_format(const struct fp_mismatch *m, char *buf, size_t len)
{
	snprintf(buf, len, "%s: %s byte %u: expected 0x%016llx, got 0x%016llx",
		 (unsigned int)m->kind < FP_KIND_NR ? fp_kind_names[m->kind] : "?",
		 m->reg, m->offset, (unsigned long long)m->expected,
		 (unsigned long long)m->actual);
	return buf;
}

void fp_release(enum fp_kind kind)
{
	if (fp_have_sme())
		fp_asm_smstop();
	if (fpb.fpcr_saved) {
		fp_asm_ctl_get(fpb.ctl);
		fp_asm_ctl_set(0, (fpb.ctl[1] & ~FPCR_PATTERN_MASK) |
				  (fpb.fpcr_orig & FPCR_PATTERN_MASK));
	}
}

/* ---- deliberate corruption ------------------------------------------ */

/* "<prefix><n>" / "<prefix>[<n>]" → n, or -1. */
static int fp_parse(const char *name, const char *prefix, bool index)
{
	int n = 0, digits = 0;

	while (*prefix)
		if (*name++ != *prefix++)
			return -1;
	if (index && *name++ != '[')
		return -1;
	for (; *name >= '0' && *name <= '9'; name++, digits++)
		n = n * 10 + (*name - '0');
	if (index && *name++ != ']')
		return -1;
	return digits && digits < 6 && !*name ? n : -1;
}

/* strcmp() without libc: fp_corrupt() may run in streaming mode. */
static bool fp_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static unsigned int fp_ffr_ones(const uint8_t *ffr, unsigned int pl_b)
{
	unsigned int ones = 0;

	for (unsigned int i = 0; i < 8 * pl_b; i++)
		if (ffr[i / 8] & (1U << (i % 8)))
			ones = i + 1;
	return ones;
}

int fp_corrupt(enum fp_kind kind, const char *reg)
{
	bool sve = kind == FP_SVE || kind == FP_VMM, ssve = kind == FP_SSVE;
	bool za = kind == FP_ZA || kind == FP_ZT0;
	int n;

	if (fp_streq(reg, "fpsr") || fp_streq(reg, "fpcr")) {
		if (kind == FP_NONE)
			return -EINVAL;
		fp_asm_ctl_get(fpb.ctl);
		if (reg[2] == 's')
			fp_asm_ctl_set(fpb.ctl[0] ^ 1, fpb.ctl[1]); /* IOC */
		else
			fp_asm_ctl_set(fpb.ctl[0], fpb.ctl[1] ^ (1UL << 25)); /* DN */
		return 0;
	}
	if ((n = fp_parse(reg, "v", false)) >= 0) {
		/* An FPSIMD write would zero the SVE upper bits: use "z" there. */
		if (n >= NR_Z || sve || ssve || kind == FP_NONE)
			return -EINVAL;
		fp_asm_v_store(fpb.v);
		fpb.v[16 * n] ^= 0xff;
		fp_asm_v_load(fpb.v);
		return 0;
	}
	if ((sve || ssve) && ((n = fp_parse(reg, "z", false)) >= 0 ||
			      (n = fp_parse(reg, "p", false)) >= 0 ||
			      fp_streq(reg, "ffr"))) {
		unsigned int vl_b = fp_asm_rdvl(), pl_b = vl_b / 8;

		if ((reg[0] == 'z' && n >= NR_Z) || (reg[0] == 'p' && n >= NR_P) ||
		    (reg[0] == 'f' && !sve))
			return -EINVAL;
		fp_asm_zp_store(fpb.z, fpb.p);
		if (sve)
			fp_asm_ffr_store(fpb.ffr, fpb.scratch);
		if (reg[0] == 'z') {
			fpb.z[n * vl_b] ^= 0xff;
		} else if (reg[0] == 'p') {
			fpb.p[n * pl_b] ^= 0xff;
		} else {
			/* Another canonical value: one more or one fewer 1. */
			unsigned int ones = fp_ffr_ones(fpb.ffr, pl_b);

			ones = ones > 1 ? ones - 1 : ones + 1;
			fp_bzero(fpb.scratch, pl_b);
			for (unsigned int i = 0; i < ones; i++)
				fpb.scratch[i / 8] |= 1U << (i % 8);
			fp_asm_ffr_load(fpb.scratch);
		}
		fp_asm_zp_load(fpb.z, fpb.p);
		return 0;
	}
	if (za && (n = fp_parse(reg, "za", true)) >= 0) {
		unsigned int svl_b = fp_asm_rdsvl();

		if ((unsigned int)n >= svl_b)
			return -EINVAL;
		fp_asm_za_store(fpb.za);
		fpb.za[n * svl_b] ^= 0xff;
		fp_asm_za_load(fpb.za);
		return 0;
	}
	if (kind == FP_VMM && (n = fp_parse(reg, "copy", true)) >= 0) {
		if (n >= FP_VMM_COPY_BYTES)
			return -EINVAL;
		fpb.copy_dst[n] ^= 0xff;
		return 0;
	}
	if (kind == FP_ZT0 && fp_streq(reg, "zt0")) {
		fp_asm_zt0_store(fpb.zt0);
		fpb.zt0[0] ^= 0xff;
		fp_asm_zt0_load(fpb.zt0);
		return 0;
	}
	return -EINVAL;
}
