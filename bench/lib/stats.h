/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Robust summaries of per-iteration costs, and the two-sample tests used by
 * `fpbench compare`. Everything is deterministic: resampling draws from a
 * seeded xoshiro256** generator, so one seed gives one answer on every host.
 */
#ifndef FPBENCH_STATS_H
#define FPBENCH_STATS_H

#include <stddef.h>
#include <stdint.h>

/* Bootstrap resamples of stats_compute()'s median CI. */
#define STATS_BOOTSTRAP_B	1000
/* Fraction cut from each tail for the trimmed mean. */
#define STATS_TRIM		0.10

/*
 * Summary of one sample. Quantiles use linear interpolation between order
 * statistics (Hyndman & Fan type 7, R's default). mad is the *unscaled*
 * median absolute deviation, median(|x - median|): multiply by 1.4826 for a
 * normal-consistent sigma. tmean drops floor(0.1 n) values from each end.
 * [ci_lo, ci_hi] is the bootstrap 95% percentile interval of the median.
 */
struct stats {
	size_t n;
	double min, p10, p25, median, p75, p90, p99, max;
	double mean, mad, tmean;
	double ci_lo, ci_hi;
};

/*
 * Fill @out from @x[0..n) (not modified). @seed drives the bootstrap.
 * Returns 0; -1 with every field NaN (n = 0) when n == 0, -1 with errno
 * ENOMEM when out of memory. NaNs in @x are not supported.
 */
int stats_compute(const double *x, size_t n, uint64_t seed, struct stats *out);

/* Type-7 quantile, q in [0, 1], of an ascending array; NaN when n == 0. */
double stats_quantile_sorted(const double *sorted, size_t n, double q);

/* Median of @x (copied, not modified); NaN when n == 0 or out of memory. */
double stats_median(const double *x, size_t n);

/*
 * Bootstrap (@B resamples of each side, seeded) 95% percentile CI of
 * median(b) - median(a): a positive *diff means b is slower. Returns 0, or -1
 * (outputs NaN) when a side is empty, B == 0 or out of memory.
 */
int stats_bootstrap_median_diff(const double *a, size_t na,
				const double *b, size_t nb,
				uint64_t seed, unsigned int B,
				double *diff, double *lo, double *hi);

/*
 * Two-sided Mann-Whitney U test p-value: normal approximation with tie
 * correction and continuity correction. Accurate for na, nb >= ~10 (our
 * samples are thousands); for tiny samples it is only indicative. All
 * values tied (no variance) gives 1. Empty side or no memory: NaN.
 */
double stats_mann_whitney_p(const double *a, size_t na,
			    const double *b, size_t nb);

/* Small deterministic PRNG (xoshiro256**, seeded through splitmix64). */
struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n), unbiased (rejection); 0 when n == 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [0, 1) with 53 random bits. */
double rng_unit(struct rng *r);
/* Standard normal (Box-Muller), for tests and simulations. */
double rng_normal(struct rng *r);

#endif
