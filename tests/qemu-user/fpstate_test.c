// SPDX-License-Identifier: GPL-2.0
/*
 * fpstate_test KIND [VL_BITS]: the FP-state library against real registers,
 * one kind at one vector length per run (TAP on stdout).
 *
 *   - fill -> verify passes for several seeds; a wrong seed is caught;
 *   - each register of a list is deliberately changed, and the mismatch
 *     names exactly that register;
 *   - fill -> getpid() -> FP_CHECK_SYSCALL passes; the ABI's "all zeroed"
 *     outcome passes; a mixture and anything beyond the ABI's allowance
 *     fails;
 *   - vmm: its SVE copy moves exactly the bytes asked for at any length,
 *     and a wrong byte in the copied buffer is caught and named.
 *
 * Runs under qemu-aarch64-static -cpu max (SVE, SME) or on arm64 hardware.
 * Exit 0 pass, 1 fail, 4 skip (feature or VL not offered).
 *
 * Built general-regs-only like fpstate.c: between fill and verify this file
 * must not touch a vector register itself. Printing happens only after
 * fp_release().
 */
#pragma GCC target("general-regs-only")

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arm64/fpstate.h"

static int test_nr, test_failed;

static void test_report(bool ok, const char *what, const char *kind, int vl,
			const char *detail)
{
	test_nr++;
	if (!ok)
		test_failed++;
	printf("%s %d - %s vl=%d: %s%s%s\n", ok ? "ok" : "not ok", test_nr,
	       kind, vl, what, detail[0] ? " # " : "", detail);
}

/* Result of one fill/.../verify sequence, printed after fp_release(). */
struct outcome {
	int corrupt_ret;
	int ret;
	struct fp_mismatch m;
};

static void outcome_text(const struct outcome *o, char *buf, size_t len)
{
	if (o->ret)
		fp_mismatch_format(&o->m, buf, len);
	else
		snprintf(buf, len, "state matched");
}

static struct outcome run_exact(enum fp_kind kind, uint64_t seed,
				uint64_t check_seed, const char *corrupt)
{
	struct outcome o = { 0 };

	fp_fill(kind, seed);
	if (corrupt)
		o.corrupt_ret = fp_corrupt(kind, corrupt);
	o.ret = fp_verify(kind, check_seed, FP_CHECK_EXACT, &o.m);
	fp_release(kind);
	return o;
}

enum after_syscall { AFTER_NOTHING, AFTER_CORRUPT, AFTER_FLUSH, AFTER_FLUSH_CORRUPT };

static struct outcome run_syscall(enum fp_kind kind, uint64_t seed,
				  bool do_syscall, enum after_syscall after,
				  const char *corrupt)
{
	struct outcome o = { 0 };

	fp_fill(kind, seed);
	if (do_syscall)
		syscall(SYS_getpid);	/* glibc's syscall(): assembly, no SIMD */
	if (after == AFTER_FLUSH || after == AFTER_FLUSH_CORRUPT)
		fp_asm_sve_flush_upper();
	if (after == AFTER_CORRUPT || after == AFTER_FLUSH_CORRUPT)
		o.corrupt_ret = fp_corrupt(kind, corrupt);
	o.ret = fp_verify(kind, seed, FP_CHECK_SYSCALL, &o.m);
	fp_release(kind);
	return o;
}

/* Registers each kind's negative tests change (several per class). */
static const char *const corrupt_regs[FP_KIND_NR][10] = {
	[FP_FPSIMD] = { "v0", "v17", "v31", "fpsr", "fpcr" },
	[FP_SVE] = { "z0", "z17", "z31", "p0", "p15", "ffr", "fpsr" },
	[FP_SSVE] = { "z0", "z17", "z31", "p0", "p15", "fpcr" },
	[FP_ZA] = { "v0", "v31", "za[0]", "za[ROW]", "za[LAST]", "fpsr" },
	[FP_ZT0] = { "v31", "za[1]", "za[LAST]", "zt0" },
	[FP_VMM] = { "z0", "z31", "p15", "ffr", "copy[0]", "copy[VL]",
		     "copy[LAST]", "fpsr" },
};

/*
 * "za[ROW]"/"za[LAST]" → a middle / the last row at this SVL;
 * "copy[VL]"/"copy[LAST]" → the first byte of the copy's second vector /
 * its last byte.
 */
static const char *corrupt_name(const char *tmpl, unsigned int svl_b,
				char *buf, size_t len)
{
	if (!strcmp(tmpl, "za[ROW]"))
		snprintf(buf, len, "za[%u]", svl_b / 2 + 1);
	else if (!strcmp(tmpl, "za[LAST]"))
		snprintf(buf, len, "za[%u]", svl_b - 1);
	else if (!strcmp(tmpl, "copy[VL]"))
		snprintf(buf, len, "copy[%u]", svl_b);
	else if (!strcmp(tmpl, "copy[LAST]"))
		snprintf(buf, len, "copy[%u]", FP_VMM_COPY_BYTES - 1);
	else
		snprintf(buf, len, "%s", tmpl);
	return buf;
}

/*
 * What a mismatch after corrupting @name must say: the register and byte
 * 0 of it, except for "copy[N]": the buffer "copy" and byte N.
 */
static void corrupt_expect(const char *name, char *reg, size_t len,
			   unsigned int *offset)
{
	unsigned int n;

	*offset = 0;
	if (sscanf(name, "copy[%u]", &n) == 1) {
		snprintf(reg, len, "copy");
		*offset = n;
	} else {
		snprintf(reg, len, "%s", name);
	}
}

/*
 * fp_asm_sve_copy at lengths around the VL: exactly @len bytes arrive,
 * the byte after them is untouched (the whilelo predicate, not a rounded
 * up store, ends the copy).
 */
static void test_sve_copy(const char *kn, int vl)
{
	static uint8_t src[FP_VMM_COPY_BYTES], dst[FP_VMM_COPY_BYTES + 1];
	unsigned int vl_b = vl / 8;
	const size_t lens[] = { 0, 1, vl_b - 1, vl_b, vl_b + 1, 3 * vl_b + 5,
				FP_VMM_COPY_BYTES - 1, FP_VMM_COPY_BYTES };
	char detail[64], what[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(lens); i++) {
		size_t len = lens[i], bad = len + 1;

		for (size_t j = 0; j < sizeof(src); j++)
			src[j] = j * 7 + i + 1;
		for (size_t j = 0; j < sizeof(dst); j++)
			dst[j] = 0xa5;
		fp_asm_sve_copy(dst, src, len);
		/* bytes [0, len) copied, byte len (the guard) untouched */
		for (size_t j = 0; j <= len && bad > len; j++)
			if (j < len ? dst[j] != src[j] : dst[j] != 0xa5)
				bad = j;
		snprintf(what, sizeof(what), "sve copy of %zu bytes", len);
		snprintf(detail, sizeof(detail), "byte %zu wrong", bad);
		test_report(bad > len, what, kn, vl, bad > len ? "" : detail);
	}
}

static void test_kind(enum fp_kind kind, int vl)
{
	const char *kn = fp_kind_names[kind];
	static const uint64_t seeds[] = { 1, 0x0123456789abcdefULL, ~0ULL };
	char detail[160], name[16], what[96];
	struct outcome o;

	for (unsigned int i = 0; i < ARRAY_SIZE(seeds); i++) {
		o = run_exact(kind, seeds[i], seeds[i], NULL);
		outcome_text(&o, detail, sizeof(detail));
		snprintf(what, sizeof(what), "fill/verify exact seed %#llx",
			 (unsigned long long)seeds[i]);
		test_report(!o.ret, what, kn, vl, o.ret ? detail : "");
	}

	o = run_exact(kind, 7, 8, NULL);
	outcome_text(&o, detail, sizeof(detail));
	test_report(o.ret == 1, "other seed detected", kn, vl, detail);

	for (unsigned int i = 0; corrupt_regs[kind][i]; i++) {
		char reg[16];
		unsigned int off;

		corrupt_name(corrupt_regs[kind][i], vl / 8, name, sizeof(name));
		corrupt_expect(name, reg, sizeof(reg), &off);
		o = run_exact(kind, 42 + i, 42 + i, name);
		outcome_text(&o, detail, sizeof(detail));
		snprintf(what, sizeof(what), "flipped %s detected and named", name);
		test_report(!o.corrupt_ret && o.ret == 1 &&
			    !strcmp(o.m.reg, reg) && o.m.kind == kind &&
			    o.m.expected != o.m.actual &&
			    (o.m.offset == off || !strcmp(name, "ffr") ||
			     !strcmp(name, "fpcr") || !strcmp(name, "fpsr")),
			    what, kn, vl, detail);
	}

	/* Names a kind does not have are refused, not silently ignored. */
	o = run_exact(kind, 3, 3, kind == FP_SVE || kind == FP_SSVE ||
				  kind == FP_VMM ? "v0" : "z32");
	test_report(o.corrupt_ret == -EINVAL && !o.ret,
		    "corrupting a register the kind lacks is refused", kn, vl, "");
	if (kind == FP_SVE || kind == FP_VMM) {
		/* Only vmm has a copy, and only FP_VMM_COPY_BYTES of it. */
		snprintf(name, sizeof(name), "copy[%u]",
			 kind == FP_SVE ? 0 : FP_VMM_COPY_BYTES);
		o = run_exact(kind, 3, 3, name);
		test_report(o.corrupt_ret == -EINVAL && !o.ret,
			    "corrupting a copy byte out of range is refused", kn,
			    vl, name);
	}

	/* Syscall: what the ABI keeps must be kept, the rest may go. */
	for (unsigned int i = 0; i < 3; i++) {
		o = run_syscall(kind, 100 + i, true, AFTER_NOTHING, NULL);
		outcome_text(&o, detail, sizeof(detail));
		test_report(!o.ret, "fill, getpid(), syscall check", kn, vl,
			    o.ret ? detail : "");
	}
	/* Diagnostic only: did this kernel/emulator keep everything? */
	fp_fill(kind, 5);
	syscall(SYS_getpid);
	o.ret = fp_verify(kind, 5, FP_CHECK_EXACT, &o.m);
	fp_release(kind);
	outcome_text(&o, detail, sizeof(detail));
	printf("# %s vl=%d: exact check after getpid(): %s\n", kn, vl, detail);

	switch (kind) {
	case FP_FPSIMD:
		o = run_syscall(kind, 9, true, AFTER_CORRUPT, "v17");
		break;
	case FP_SVE:
		o = run_syscall(kind, 9, true, AFTER_CORRUPT, "z17");
		break;
	case FP_VMM:
		/* The copy is memory: a wrong byte stays wrong across a syscall. */
		o = run_syscall(kind, 9, true, AFTER_CORRUPT, "copy[100]");
		outcome_text(&o, detail, sizeof(detail));
		test_report(o.ret == 1 && !o.corrupt_ret &&
			    !strcmp(o.m.reg, "copy") && o.m.offset == 100,
			    "syscall check catches a wrong copied byte", kn, vl,
			    detail);
		o = run_syscall(kind, 9, true, AFTER_CORRUPT, "z17");
		break;
	case FP_SSVE:
		/* Still streaming: a syscall would have cleared SM. */
		o = run_syscall(kind, 9, false, AFTER_NOTHING, NULL);
		outcome_text(&o, detail, sizeof(detail));
		test_report(o.ret == 1 && !strcmp(o.m.reg, "svcr.sm"),
			    "syscall check rejects PSTATE.SM=1", kn, vl, detail);
		/*
		 * Streaming Z/P do not survive a syscall at all, so only FPCR
		 * can carry a corruption through one: the register a
		 * benchmark's clobber self-test must use for ssve.
		 */
		fp_fill(kind, 9);
		o.corrupt_ret = fp_corrupt(kind, "fpcr");
		syscall(SYS_getpid);
		o.ret = fp_verify(kind, 9, FP_CHECK_SYSCALL, &o.m);
		fp_release(kind);
		outcome_text(&o, detail, sizeof(detail));
		test_report(o.ret == 1 && !o.corrupt_ret && !strcmp(o.m.reg, "fpcr"),
			    "fpcr flipped before a syscall is caught", kn, vl, detail);
		return;
	default:
		o = run_syscall(kind, 9, true, AFTER_CORRUPT, "za[1]");
		break;
	}
	outcome_text(&o, detail, sizeof(detail));
	test_report(o.ret == 1 && !o.corrupt_ret,
		    "syscall check catches a change after the syscall", kn, vl,
		    detail);

	if (kind != FP_SVE && kind != FP_VMM)
		return;
	/* A VL change under our feet (prctl discards the state) is named. */
	fp_fill(kind, 10);
	if (fp_vl_set(kind, vl == 128 ? 256 : 128) > 0 && fp_vl_get(kind) != (unsigned int)vl) {
		o.ret = fp_verify(kind, 10, FP_CHECK_SYSCALL, &o.m);
		fp_release(kind);
		fp_vl_set(kind, vl);
		outcome_text(&o, detail, sizeof(detail));
		test_report(o.ret == 1 && !strcmp(o.m.reg, "vl"), "VL change detected",
			    kn, vl, detail);
	} else {
		fp_release(kind);
		fp_vl_set(kind, vl);
		printf("# %s vl=%d: no other VL offered, VL change not tested\n", kn, vl);
	}

	o = run_syscall(kind, 11, true, AFTER_FLUSH, NULL);
	outcome_text(&o, detail, sizeof(detail));
	test_report(!o.ret, "syscall check accepts zeroed upper Z/P/FFR", kn,
		    vl, o.ret ? detail : "");

	o = run_syscall(kind, 12, false, AFTER_FLUSH_CORRUPT, "p3");
	outcome_text(&o, detail, sizeof(detail));
	test_report(o.ret == 1, "syscall check rejects partly zeroed state", kn,
		    vl, detail);

	fp_fill(kind, 13);
	fp_asm_sve_flush_upper();
	o.ret = fp_verify(kind, 13, FP_CHECK_EXACT, &o.m);
	fp_release(kind);
	outcome_text(&o, detail, sizeof(detail));
	/* P and FFR are zeroed even at VL 128: never a pass. */
	test_report(o.ret == 1, "exact check rejects zeroed state", kn, vl, detail);

	if (kind == FP_VMM)
		test_sve_copy(kn, vl);
}

int main(int argc, char **argv)
{
	char reason[128];
	int kind, vl = 0, got;

	if (argc < 2 || (kind = fpb_lookup(fp_kind_names, FP_KIND_NR, argv[1])) <= FP_NONE) {
		fprintf(stderr, "usage: %s fpsimd|sve|ssve|za|zt0|vmm [VL_BITS]\n", argv[0]);
		return FPB_EUSAGE;
	}
	if (argc > 2)
		vl = atoi(argv[2]);
	printf("TAP version 13\n");
	if (!fp_kind_supported(kind, reason, sizeof(reason))) {
		printf("1..0 # SKIP %s: %s\n", argv[1], reason);
		return FPB_SKIP;
	}
	if (kind != FP_FPSIMD) {
		got = fp_vl_set(kind, vl);
		if (got != vl || (int)fp_vl_get(kind) != vl) {
			printf("1..0 # SKIP %s: VL %d not offered (kernel granted %d)\n",
			       argv[1], vl, got);
			return FPB_SKIP;
		}
	}
	test_kind(kind, vl);
	printf("1..%d\n", test_nr);
	printf("# %s vl=%d: %d/%d passed\n", argv[1], vl, test_nr - test_failed,
	       test_nr);
	return test_failed ? FPB_FAIL : FPB_OK;
}
