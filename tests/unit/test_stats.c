// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c against distributions with known answers: exact quantiles of
 * 1..N, normal samples (median, MAD = 0.6745 sigma, CI coverage), rank
 * test and bootstrap difference on shifted and identical samples.
 */
#include <stdint.h>
#include <time.h>

#include "stats.h"
#include "test.h"

static double *normal_sample(uint64_t seed, size_t n, double mu, double sigma)
{
	double *x = malloc(n * sizeof(*x));
	struct rng r;

	rng_seed(&r, seed);
	for (size_t i = 0; i < n; i++)
		x[i] = mu + sigma * rng_normal(&r);
	return x;
}

static void test_uniform_exact(void)
{
	double x[101], copy[101];
	struct stats s;

	/* 1..101 shuffled: type-7 quantile q is exactly 1 + 100 q. */
	for (int i = 0; i < 101; i++)
		x[i] = (double)((i * 37) % 101 + 1);
	memcpy(copy, x, sizeof(x));
	TEST_ASSERT(stats_compute(x, 101, 1, &s) == 0, "n=101");
	TEST_ASSERT(!memcmp(copy, x, sizeof(x)), "input modified");
	TEST_ASSERT(s.n == 101, "n %zu", s.n);
	TEST_SAME_DOUBLE(s.min, 1.0);
	TEST_SAME_DOUBLE(s.p10, 11.0);
	TEST_SAME_DOUBLE(s.p25, 26.0);
	TEST_SAME_DOUBLE(s.median, 51.0);
	TEST_SAME_DOUBLE(s.p75, 76.0);
	TEST_SAME_DOUBLE(s.p90, 91.0);
	TEST_SAME_DOUBLE(s.p99, 100.0);
	TEST_SAME_DOUBLE(s.max, 101.0);
	TEST_SAME_DOUBLE(s.mean, 51.0);
	/* |x - 51| = 0, 1, 1, 2, 2, ..., 50, 50: the 51st smallest is 25. */
	TEST_SAME_DOUBLE(s.mad, 25.0);
	/* Trim 10 from each end: mean of 11..91. */
	TEST_SAME_DOUBLE(s.tmean, 51.0);
	TEST_ASSERT(s.ci_lo <= 51 && s.ci_hi >= 51 && s.ci_lo >= 30 && s.ci_hi <= 72,
		    "ci [%g, %g]", s.ci_lo, s.ci_hi);

	/* Even n: interpolation between the middle values. */
	for (int i = 0; i < 100; i++)
		x[i] = i + 1;
	TEST_SAME_DOUBLE(stats_median(x, 100), 50.5);
	TEST_NEAR(stats_quantile_sorted(x, 100, 0.10), 10.9, 1e-12);
	TEST_SAME_DOUBLE(stats_quantile_sorted(x, 100, 0.0), 1.0);
	TEST_SAME_DOUBLE(stats_quantile_sorted(x, 100, 1.0), 100.0);
	TEST_SAME_DOUBLE(stats_quantile_sorted(x, 1, 0.37), 1.0);
	TEST_ASSERT(isnan(stats_quantile_sorted(x, 0, 0.5)), "empty quantile");
	TEST_ASSERT(isnan(stats_median(x, 0)), "empty median");
}

/* A tail outlier: the trimmed mean drops it, the mean does not. */
static void test_trimmed(void)
{
	double x[20];
	struct stats s;

	for (int i = 0; i < 19; i++)
		x[i] = i + 1;
	x[19] = 1000;
	TEST_ASSERT(stats_compute(x, 20, 3, &s) == 0, "outlier");
	/* floor(0.1 * 20) = 2 from each end: mean of 3..18. */
	TEST_SAME_DOUBLE(s.tmean, 10.5);
	TEST_SAME_DOUBLE(s.mean, 59.5);
	TEST_SAME_DOUBLE(s.median, 10.5);
	TEST_SAME_DOUBLE(s.max, 1000.0);
	/* |x - 10.5|: 0.5, 0.5, 1.5, 1.5, ..., 8.5, 8.5, 9.5, 989.5 -> 5 */
	TEST_SAME_DOUBLE(s.mad, 5.0);
	TEST_NEAR(s.p99, 19 + 0.81 * 981, 1e-9);
}

static void test_degenerate(void)
{
	double one = 7.0, same[50];
	struct stats s;

	TEST_ASSERT(stats_compute(&one, 0, 1, &s) == -1, "n=0 accepted");
	TEST_ASSERT(isnan(s.median) && isnan(s.min) && isnan(s.ci_hi) &&
		    isnan(s.mad) && s.n == 0, "n=0 fields not NaN");
	TEST_ASSERT(stats_compute(&one, 1, 1, &s) == 0, "n=1");
	TEST_ASSERT(s.min == 7 && s.median == 7 && s.max == 7 && s.mad == 0 &&
		    s.tmean == 7 && s.ci_lo == 7 && s.ci_hi == 7, "n=1 values");
	for (int i = 0; i < 50; i++)
		same[i] = 3.5;
	TEST_ASSERT(stats_compute(same, 50, 9, &s) == 0, "constant");
	TEST_ASSERT(s.ci_lo == 3.5 && s.ci_hi == 3.5 && s.mad == 0, "constant CI");
}

static void test_normal(void)
{
	const size_t n = 20000;
	double *x = normal_sample(42, n, 0.0, 1.0);
	struct stats s, s2;
	clock_t t0 = clock();
	double secs;

	TEST_ASSERT(stats_compute(x, n, 7, &s) == 0, "normal");
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	fprintf(stderr, "# stats_compute n=%zu B=%d: %.3f s CPU\n", n,
		STATS_BOOTSTRAP_B, secs);
	/* SE of the median of N(0,1): 1.2533 / sqrt(n) = 0.0089. */
	TEST_NEAR(s.median, 0.0, 0.03);
	TEST_NEAR(s.mean, 0.0, 0.03);
	TEST_NEAR(s.mad, 0.6745, 0.02);
	TEST_NEAR(s.p25, -0.6745, 0.03);
	TEST_NEAR(s.p75, 0.6745, 0.03);
	TEST_NEAR(s.p90, 1.2816, 0.04);
	TEST_NEAR(s.p99, 2.3263, 0.1);
	TEST_NEAR(s.tmean, 0.0, 0.03);
	TEST_ASSERT(s.ci_lo < 0 && s.ci_hi > 0, "CI [%g, %g] misses 0", s.ci_lo,
		    s.ci_hi);
	TEST_ASSERT(s.ci_lo <= s.median && s.median <= s.ci_hi, "CI [%g, %g] misses median %g",
		    s.ci_lo, s.ci_hi, s.median);
	/* 95% width of the median: 2 * 1.96 * 0.0089 = 0.035. */
	TEST_ASSERT(s.ci_hi - s.ci_lo > 0.02 && s.ci_hi - s.ci_lo < 0.06,
		    "CI width %g", s.ci_hi - s.ci_lo);
	/* Generous bound: catches a sort per resample (~10x slower). */
	TEST_ASSERT(secs < 20, "stats_compute took %.2f s", secs);

	/* Deterministic from the seed; a different seed moves only the CI. */
	TEST_ASSERT(stats_compute(x, n, 7, &s2) == 0, "again");
	TEST_ASSERT(s2.ci_lo == s.ci_lo && s2.ci_hi == s.ci_hi, "same seed, other CI");
	TEST_ASSERT(stats_compute(x, n, 8, &s2) == 0, "seed 8");
	TEST_ASSERT(s2.median == s.median, "median depends on seed");
	TEST_ASSERT(s2.ci_lo != s.ci_lo || s2.ci_hi != s.ci_hi, "seed ignored");
	free(x);
}

/*
 * CI coverage: over 200 independent N(0,1) samples of n = 201, the 95%
 * interval should contain 0 about 190 times (binomial sd ~3).
 */
static void test_ci_coverage(void)
{
	int covered = 0;

	for (int k = 0; k < 200; k++) {
		double *x = normal_sample(1000 + k, 201, 0.0, 1.0);
		struct stats s;

		stats_compute(x, 201, k, &s);
		covered += s.ci_lo <= 0 && s.ci_hi >= 0;
		free(x);
	}
	fprintf(stderr, "# median CI covered 0 in %d/200 samples\n", covered);
	TEST_ASSERT(covered >= 178 && covered <= 200, "coverage %d/200", covered);
}

static void test_mann_whitney(void)
{
	double a[5] = { 1, 2, 3, 4, 5 }, b[5] = { 6, 7, 8, 9, 10 };
	double c[6] = { 1, 1, 1, 1, 1, 1 };
	double *x = normal_sample(1, 500, 0.0, 1.0);
	double *y = normal_sample(2, 500, 0.0, 1.0);
	double *z = normal_sample(3, 500, 0.5, 1.0);
	double p;

	/*
	 * No ties: U = 0, z = 12 / sqrt(25 * 11 / 12) = 2.5067, p = 0.012186
	 * (R's wilcox.test(1:5, 6:10, exact = FALSE) reports 0.01219).
	 */
	TEST_NEAR(stats_mann_whitney_p(a, 5, b, 5), 0.01219, 5e-5);
	TEST_NEAR(stats_mann_whitney_p(b, 5, a, 5), 0.01219, 5e-5);
	/*
	 * Ties, by hand: ranks 1, 3, 3, 6 for a, U = 3, tie term 2 * (27 - 3),
	 * var = 16/12 * (9 - 48/56) = 10.857, z = 4.5 / 3.2950, p = 0.17203.
	 * Without the tie correction p would be 0.1939.
	 */
	TEST_NEAR(stats_mann_whitney_p((double[]){ 1, 2, 2, 3 }, 4,
				       (double[]){ 2, 3, 3, 4 }, 4), 0.17203, 5e-5);
	TEST_SAME_DOUBLE(stats_mann_whitney_p(c, 3, c + 3, 3), 1.0);
	TEST_SAME_DOUBLE(stats_mann_whitney_p(x, 500, x, 500), 1.0);
	TEST_ASSERT(isnan(stats_mann_whitney_p(x, 0, y, 500)), "empty side");

	p = stats_mann_whitney_p(x, 500, y, 500);
	TEST_ASSERT(p > 0.05, "identical distributions: p = %g", p);
	p = stats_mann_whitney_p(x, 500, z, 500);
	/* Expected z about 7.7. */
	TEST_ASSERT(p < 1e-6, "shift 0.5 sigma, n=500: p = %g", p);
	free(x);
	free(y);
	free(z);
}

static void test_bootstrap_diff(void)
{
	const size_t n = 3000;
	double *a = normal_sample(11, n, 1000.0, 30.0);
	double *b = normal_sample(12, n, 1050.0, 31.5);	/* +5% */
	double *c = normal_sample(13, n, 1000.0, 30.0);
	double d, lo, hi;

	TEST_ASSERT(!stats_bootstrap_median_diff(a, n, b, n, 5, 1000, &d, &lo, &hi),
		    "diff");
	TEST_NEAR(d, 50.0, 3.0);
	TEST_ASSERT(lo > 0 && lo <= d && d <= hi && lo < 50 && hi > 50,
		    "+5%%: diff %g CI [%g, %g]", d, lo, hi);
	TEST_ASSERT(!stats_bootstrap_median_diff(a, n, c, n, 5, 1000, &d, &lo, &hi),
		    "null diff");
	TEST_ASSERT(lo < 0 && hi > 0, "same distribution: diff %g CI [%g, %g]", d, lo, hi);
	TEST_ASSERT(stats_bootstrap_median_diff(a, 0, c, n, 5, 1000, &d, &lo, &hi) == -1 &&
		    isnan(d) && isnan(lo) && isnan(hi), "empty side accepted");
	TEST_ASSERT(stats_bootstrap_median_diff(a, n, c, n, 5, 0, &d, &lo, &hi) == -1,
		    "B = 0 accepted");
	free(a);
	free(b);
	free(c);
}

static void test_rng(void)
{
	struct rng r1, r2;
	unsigned int counts[3] = { 0 };
	int same = 1;
	double lo = 1, hi = 0;

	rng_seed(&r1, 123);
	rng_seed(&r2, 123);
	for (int i = 0; i < 100; i++)
		same &= rng_next(&r1) == rng_next(&r2);
	TEST_ASSERT(same, "same seed, different streams");
	rng_seed(&r2, 124);
	TEST_ASSERT(rng_next(&r1) != rng_next(&r2), "seed ignored");
	TEST_ASSERT(rng_below(&r1, 0) == 0, "n = 0");
	TEST_ASSERT(rng_below(&r1, 1) == 0, "n = 1");
	for (int i = 0; i < 30000; i++)
		counts[rng_below(&r1, 3)]++;
	for (int i = 0; i < 3; i++)
		TEST_ASSERT(counts[i] > 9700 && counts[i] < 10300, "bucket %d: %u",
			    i, counts[i]);
	/* A range just above 2^63 is where modulo bias would be worst. */
	for (int i = 0; i < 1000; i++) {
		uint64_t n = (1ULL << 63) + 12345;

		TEST_ASSERT(rng_below(&r1, n) < n, "out of range");
	}
	for (int i = 0; i < 10000; i++) {
		double u = rng_unit(&r1);

		lo = u < lo ? u : lo;
		hi = u > hi ? u : hi;
	}
	TEST_ASSERT(lo >= 0 && lo < 0.001 && hi < 1 && hi > 0.999, "unit [%g, %g]",
		    lo, hi);
}

int main(void)
{
	test_rng();
	test_uniform_exact();
	test_degenerate();
	test_trimmed();
	test_normal();
	test_ci_coverage();
	test_mann_whitney();
	test_bootstrap_diff();
	return test_done("unit.lib.stats");
}
