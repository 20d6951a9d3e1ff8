// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of analysis.c's pure functions: kernel version order, key
 * parsing, the verdict rule, the summary-only CI and the bytes model.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "fpbench.h"
#include "results.h"

static int failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
		failures++;						\
	}								\
} while (0)

static void test_versions(void)
{
	/* Ascending: each must sort before the next. */
	static const char *const order[] = {
		"5.15.0", "6.1.135", "6.12", "6.12.9", "6.12.21", "6.12.117",
		"6.12.117-fpbench", "6.14-rc1", "6.14-rc7", "6.14", "6.14.1",
		"7.3.4",
	};

	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		for (size_t j = 0; j < ARRAY_SIZE(order); j++) {
			int c = analysis_version_cmp(order[i], order[j]);

			if ((i < j && c >= 0) || (i > j && c <= 0) || (i == j && c)) {
				fprintf(stderr, "version order: %s vs %s gives %d\n",
					order[i], order[j], c);
				failures++;
			}
		}
}

static void test_keys(void)
{
	struct fpb_config c;
	bool mode;

	CHECK(!analysis_parse_key("kvm/mmio/host=sve/guest=none/vl=256/eager", &c, &mode));
	CHECK(mode && c.fp_mode == FP_MODE_EAGER && c.host_fp == FP_SVE &&
	      c.guest_fp == FP_NONE && c.vl_bits == 256 && c.exit == EXIT_MMIO);
	CHECK(!analysis_parse_key("kvm/hvc/host=za/guest=none/svl=512", &c, &mode));
	CHECK(!mode && c.host_fp == FP_ZA && c.svl_bits == 512 && c.vl_bits == 0);
	CHECK(analysis_parse_key("kvm/mmio/host=bogus/guest=none", &c, &mode));
	CHECK(analysis_parse_key("", &c, &mode));
}

static void row_with(struct result_row *r, double med, double lo, double hi)
{
	struct fpb_config cfg = { .host_fp = FP_SVE, .vl_bits = 256 };

	result_row_init(r, &cfg);
	r->cycles.median = med;
	r->cycles.ci_lo = lo;
	r->cycles.ci_hi = hi;
	r->iterations = 100;
}

static void test_diff_verdict(void)
{
	struct result_row a, b;
	struct analysis_diff d;

	/* 1000 [990,1010] -> 1050 [1040,1060]: +50, half-widths 10 and 10. */
	row_with(&a, 1000, 990, 1010);
	row_with(&b, 1050, 1040, 1060);
	CHECK(!analysis_diff(&a, NULL, &b, NULL, 1, 100, &d));
	CHECK(!d.from_samples && isnan(d.p));
	CHECK(fabs(d.diff - 50) < 1e-9 && fabs(d.rel_pct - 5) < 1e-9);
	CHECK(fabs(d.lo - (50 - sqrt(200))) < 1e-9 && fabs(d.hi - (50 + sqrt(200))) < 1e-9);
	CHECK(analysis_verdict(&d, 1.0) == VERDICT_SLOWER);
	CHECK(analysis_verdict(&d, 6.0) == VERDICT_NO_CHANGE);	/* below min effect */
	CHECK(!analysis_diff(&b, NULL, &a, NULL, 1, 100, &d));
	CHECK(analysis_verdict(&d, 1.0) == VERDICT_FASTER);

	/* Overlapping CIs wide enough to include 0: no change whatever the size. */
	row_with(&b, 1050, 900, 1200);
	CHECK(!analysis_diff(&a, NULL, &b, NULL, 1, 100, &d));
	CHECK(d.lo < 0 && analysis_verdict(&d, 1.0) == VERDICT_NO_CHANGE);

	/* No median: an error, not a verdict. */
	row_with(&b, NAN, NAN, NAN);
	CHECK(analysis_diff(&a, NULL, &b, NULL, 1, 100, &d) == -1);
}

static void test_bytes(void)
{
	struct fpb_config c = { .host_fp = FP_FPSIMD };

	CHECK(analysis_roundtrip_bytes(&c) == 1024);
	c.host_fp = FP_SVE;
	c.vl_bits = 128;
	/* KVM_RUN is a syscall: only the FPSIMD view is saved, at any VL */
	CHECK(analysis_roundtrip_bytes(&c) == 1024);
	c.vl_bits = 2048;
	CHECK(analysis_roundtrip_bytes(&c) == 1024);
	/* a live ZA survives the syscall: 512 + SVL_B^2 */
	c.host_fp = FP_ZA;
	c.vl_bits = 0;
	c.svl_bits = 512;
	CHECK(analysis_roundtrip_bytes(&c) == 2 * (512 + 64 * 64));
	/* no deliberate fill, but live FPSIMD state all the same */
	c.host_fp = FP_NONE;
	CHECK(analysis_roundtrip_bytes(&c) == 1024);
}

int main(void)
{
	test_versions();
	test_keys();
	test_diff_verdict();
	test_bytes();
	if (failures)
		fprintf(stderr, "test_analysis: %d failure(s)\n", failures);
	else
		printf("test_analysis: ok\n");
	return failures ? 1 : 0;
}
