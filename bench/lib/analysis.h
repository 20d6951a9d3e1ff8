/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared pieces of the analysis subcommands (compare, history, plotdata):
 * loading a result set with its optional samples and metadata, the
 * difference of two configurations with a CI, the verdict rule, the
 * state-size cost model and kernel version ordering.
 */
#ifndef FPBENCH_ANALYSIS_H
#define FPBENCH_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "results.h"

/* Default seed of every resampling in the analysis: same input, same output. */
#define ANALYSIS_SEED		1
/* Default --min-effect: smaller relative changes are "no change". */
#define ANALYSIS_MIN_EFFECT_PCT	1.0

/* One results file as the analysis sees it. */
struct analysis_input {
	char csv[4096];			/* BASE.csv as given */
	struct result_set set;
	struct sample_set samples;	/* empty unless have_samples */
	bool have_samples;
	struct run_meta meta;		/* zero unless have_meta */
	bool have_meta;
};

/*
 * Read @path (BASE or BASE.csv), BASE.samples.csv if @want_samples and it
 * exists, and BASE.json if it exists. Checks that no configuration appears
 * twice and that each samples series matches a summary row (same key, mode
 * and iteration count). FPB_OK, or FPB_EDATA / FPB_EENV with "file:line:
 * what" in @err. A missing samples or metadata file is not an error.
 */
int analysis_load(const char *path, bool want_samples,
		  struct analysis_input *in, char *err, size_t errlen);
void analysis_free(struct analysis_input *in);

/* Samples of @row in @in, NULL when there are none. */
const struct sample_series *analysis_samples(const struct analysis_input *in,
					     const struct result_row *row);

/* Difference B - A of two measurements of one configuration key. */
struct analysis_diff {
	double median_a, median_b;
	double diff, lo, hi;	/* median(B) - median(A), 95% CI */
	double rel_pct;		/* 100 * diff / median(A) */
	double p;		/* Mann-Whitney two-sided, NaN without samples */
	bool from_samples;	/* CI by bootstrap of the samples; else from
				 * the two summary CIs (analysis_diff()) */
	size_t n_a, n_b;
};

/*
 * Fill @d for rows @a, @b with optional samples @sa, @sb. With both sample
 * series: bootstrap CI of the median difference (@B resamples, @seed) and
 * the Mann-Whitney p. Without: the summary-only fallback, which assumes the
 * two medians independent and about normal and combines the half-widths of
 * their 95% CIs in quadrature, each side separately:
 *   lo = diff - sqrt((b.med - b.lo)^2 + (a.hi - a.med)^2)
 *   hi = diff + sqrt((b.hi - b.med)^2 + (a.med - a.lo)^2)
 * (no p-value). Returns 0, or -1 when a median is NaN (out of memory during
 * the bootstrap also falls back to the summary rule).
 */
int analysis_diff(const struct result_row *a, const struct sample_series *sa,
		  const struct result_row *b, const struct sample_series *sb,
		  uint64_t seed, unsigned int B, struct analysis_diff *d);

enum analysis_verdict {
	VERDICT_NO_CHANGE,
	VERDICT_SLOWER,
	VERDICT_FASTER,
	VERDICT_NR,
};

extern const char *const analysis_verdict_names[VERDICT_NR];

/*
 * Significant when the CI excludes 0 AND |rel_pct| > @min_effect_pct; then
 * slower if B > A. A NaN bound or rel_pct is never significant.
 */
enum analysis_verdict analysis_verdict(const struct analysis_diff *d,
				       double min_effect_pct);

/*
 * Cost model, the fallback where no trace measured the bytes (hardware):
 * host FP bytes one round trip moves, 2 * fp_state_bytes(): with the eager
 * scheme vcpu_load saves the host state (one copy out) and the return to
 * the host task restores it (one copy in); the lazy scheme only does both
 * when the guest touches FP. In syscall context that is the FPSIMD view
 * at every SVE VL (fp_state_bytes()).
 */
uint64_t analysis_roundtrip_bytes(const struct fpb_config *cfg);

/*
 * Order of kernel release strings ("6.12.21" < "6.12.117" < "6.14-rc1" <
 * "6.14" < "6.14.1"): numeric runs compare as numbers, "-rcN" sorts before
 * the release it leads to, anything else byte-wise. strcmp()-like result.
 */
int analysis_version_cmp(const char *a, const char *b);

/*
 * Parse "kvm/mmio/host=sve/guest=none/vl=256[/svl=N][/MODE]" (MODE one of
 * the fp_mode names). *@have_mode tells whether MODE was given. 0 or -1.
 */
int analysis_parse_key(const char *s, struct fpb_config *cfg, bool *have_mode);

/* Which configurations a subcommand looks at: NULL fields match anything. */
struct analysis_filter {
	const char *bench;	/* bench_names */
	const char *exit;	/* exit_names */
	const char *host_fp;	/* fp_kind_names */
	const char *guest_fp;	/* fp_kind_names */
};

/*
 * Names in @f must be known: FPB_OK, or FPB_EUSAGE after a message on
 * stderr prefixed with @prog.
 */
int analysis_filter_check(const struct analysis_filter *f, const char *prog);
bool analysis_filter_match(const struct analysis_filter *f,
			   const struct fpb_config *cfg);

/* @v with @prec decimals, or "nan" (@json: "null") when not finite. */
void analysis_put_num(FILE *f, double v, int prec, bool json);

/*
 * @s as one CSV field (RFC 4180): in double quotes, inner quotes doubled,
 * when it holds a comma, a quote, a line break or blanks at an end.
 */
void analysis_put_csv_field(FILE *f, const char *s);


#endif
