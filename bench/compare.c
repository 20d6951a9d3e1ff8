// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench compare: is B slower than A, per configuration, and by how much?
 *
 * Two files (A = before, B = after) pair rows by configuration key and
 * fp_mode; one file with both modes (run --fp-mode both) pairs A = lazy with
 * B = eager of each key, so B - A is what the eager save costs; with all
 * three (--fp-mode all) also A = lazy_keep with B = eager, the two pairs of
 * a key adjacent (mode eager-lazy, then eager-lazy_keep). For each
 * pair: difference of medians with a bootstrap 95% CI from the samples files
 * (summary-only fallback with a caveat when they are missing), Mann-Whitney
 * p, relative change, a verdict, and the cost model: the host FP bytes one
 * round trip moves (2 * fp_state_bytes(): save on vcpu_load, restore on the
 * way back to the host task) and the difference per byte.
 *
 * Emulated results (QEMU TCG) compare instruction-count-like ticks, not
 * hardware cycles: the output says so.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cores.h"
#include "json.h"
#include "commands.h"
#include "fpbench.h"
#include "matrix.h"
#include "options.h"

/* One compared configuration. */
struct pair {
	const struct result_row *a, *b;
	struct analysis_diff d;
	enum analysis_verdict verdict;
	const char *state;	/* NULL when measured on both sides, else why not */
	/*
	 * Bytes the difference is divided by: measured (traced: B-A of the
	 * host kernel/hyp load + store bytes) or the model
	 * (analysis_roundtrip_bytes()) where either side has no trace.
	 */
	double bytes;
	bool traced;		/* both rows carry tr_* counts */
	struct result_trace dtr;	/* B-A of every trace column, if traced */
	bool beyond;		/* slower beyond --fail-above(-cycles) */
	bool gate_failed;	/* a gate is given and the row under test failed */
};

/* The trace columns compare prints, in struct result_trace order. */
static const char *const trace_col_names[] = {
	"instructions", "user_instructions", "guest_instructions", "load_bytes",
	"store_bytes", "loads", "stores", "exceptions", "isb", "barriers", "msr",
	"sve", "iter_instructions", "iter_exceptions", "iter_sve",
};
#define NR_TRACE_COLS	(sizeof(struct result_trace) / sizeof(double))
_Static_assert(ARRAY_SIZE(trace_col_names) == NR_TRACE_COLS,
	       "one name per struct result_trace field");

static double trace_col(const struct result_trace *tr, size_t i)
{
	return ((const double *)tr)[i];
}

/* B-A of the trace of @p's rows: false (and NaN) unless both have one. */
static bool pair_trace(struct pair *p)
{
	double *d = (double *)&p->dtr;

	result_trace_init(&p->dtr);
	if (isnan(p->a->tr.instructions) || isnan(p->b->tr.instructions))
		return false;
	for (size_t i = 0; i < NR_TRACE_COLS; i++)
		d[i] = trace_col(&p->b->tr, i) - trace_col(&p->a->tr, i);
	return true;
}

struct compare {
	struct analysis_input in[2];
	bool modes;		/* one file: lazy (and lazy_keep) vs eager */
	bool keep;		/* ... with lazy_keep pairs */
	struct pair *pairs;
	size_t nr;
	/* options */
	const char *format;
	double min_effect;
	double fail_pct, fail_abs;
	bool fail_pct_given, fail_abs_given;
	unsigned int bootstrap;
	uint64_t seed;
	bool no_samples;
	bool brief;
	struct analysis_filter filter;
	/* the rows --format csv prints (plot/plot.sh); the gate sees all */
	bool measured, traced_only;
	const char *pair;
};

static const char *row_unit(const struct result_row *r)
{
	return r->unit < UNIT_NR ? result_unit_names[r->unit] : "?";
}

static const char *mode_name(enum fp_mode m)
{
	return m < FP_MODE_NR ? fp_mode_names[m] : "?";
}

/* "eager", "lazy>eager" (two files, modes differ) or "eager-lazy" (one file). */
static void pair_mode(const struct compare *c, const struct pair *p,
		      char *buf, size_t len)
{
	if (c->modes)
		snprintf(buf, len, "%s-%s", mode_name(p->b->cfg.fp_mode),
			 mode_name(p->a->cfg.fp_mode));
	else if (p->a->cfg.fp_mode != p->b->cfg.fp_mode)
		snprintf(buf, len, "%s>%s", mode_name(p->a->cfg.fp_mode),
			 mode_name(p->b->cfg.fp_mode));
	else
		snprintf(buf, len, "%s", mode_name(p->a->cfg.fp_mode));
}

static size_t count_key(const struct result_set *set, const struct fpb_config *cfg)
{
	size_t n = 0;

	for (size_t i = 0; i < set->nr; i++)
		n += matrix_config_same_key(&set->rows[i].cfg, cfg);
	return n;
}

static int pair_add(struct compare *c, const struct result_row *a,
		    const struct result_row *b)
{
	struct pair *p;

	p = realloc(c->pairs, (c->nr + 1) * sizeof(*p));
	if (!p) {
		fprintf(stderr, "fpbench compare: out of memory\n");
		return FPB_EENV;
	}
	c->pairs = p;
	p = &c->pairs[c->nr++];
	memset(p, 0, sizeof(*p));
	p->a = a;
	p->b = b;
	return FPB_OK;
}

/*
 * Two files: same key and mode; a key present once on each side pairs even
 * across modes (a stock kernel's "unknown" against a patched "eager").
 */
static int pair_files(struct compare *c)
{
	const struct result_set *A = &c->in[0].set, *B = &c->in[1].set;
	char key[MATRIX_KEY_LEN];
	int rc;

	for (size_t i = 0; i < A->nr; i++) {
		const struct result_row *a = &A->rows[i];
		const struct result_row *b;

		if (!analysis_filter_match(&c->filter, &a->cfg))
			continue;
		b = results_find(B, &a->cfg, a->cfg.fp_mode);
		if (!b && count_key(A, &a->cfg) == 1 && count_key(B, &a->cfg) == 1)
			for (size_t j = 0; j < B->nr; j++)
				if (matrix_config_same_key(&B->rows[j].cfg, &a->cfg))
					b = &B->rows[j];
		if (!b) {
			matrix_config_key(&a->cfg, key, sizeof(key));
			fprintf(stderr, "fpbench compare: note: %s/%s only in %s\n",
				key, mode_name(a->cfg.fp_mode), c->in[0].csv);
			continue;
		}
		rc = pair_add(c, a, b);
		if (rc)
			return rc;
	}
	for (size_t j = 0; j < B->nr; j++) {
		bool used = false;

		if (!analysis_filter_match(&c->filter, &B->rows[j].cfg))
			continue;
		for (size_t k = 0; k < c->nr; k++)
			used |= c->pairs[k].b == &B->rows[j];
		if (!used) {
			matrix_config_key(&B->rows[j].cfg, key, sizeof(key));
			fprintf(stderr, "fpbench compare: note: %s/%s only in %s\n",
				key, mode_name(B->rows[j].cfg.fp_mode), c->in[1].csv);
		}
	}
	if (!c->nr) {
		fprintf(stderr, "fpbench compare: %s and %s have no (selected) configuration in common\n",
			c->in[0].csv, c->in[1].csv);
		return FPB_EDATA;
	}
	return FPB_OK;
}

/* Is @r the first row of its key in @S (the key's place in the file)? */
static bool first_of_key(const struct result_set *S, const struct result_row *r)
{
	for (const struct result_row *q = S->rows; q < r; q++)
		if (matrix_config_same_key(&q->cfg, &r->cfg))
			return false;
	return true;
}

/*
 * One file: per key, in file order, lazy (A) against eager (B), then
 * lazy_keep (A) against eager (B) when the file has it: the two costs of
 * the eager save side by side.
 */
static int pair_modes(struct compare *c)
{
	static const enum fp_mode lazies[] = { FP_MODE_LAZY, FP_MODE_LAZY_KEEP };
	const struct result_set *S = &c->in[0].set;
	int rc;

	for (size_t i = 0; i < S->nr; i++) {
		const struct result_row *k = &S->rows[i], *a, *b;

		if (!analysis_filter_match(&c->filter, &k->cfg) || !first_of_key(S, k))
			continue;
		b = results_find(S, &k->cfg, FP_MODE_EAGER);
		for (size_t m = 0; b && m < ARRAY_SIZE(lazies); m++) {
			a = results_find(S, &k->cfg, lazies[m]);
			if (!a)
				continue;
			rc = pair_add(c, a, b);
			if (rc)
				return rc;
			c->keep |= lazies[m] == FP_MODE_LAZY_KEEP;
		}
	}
	if (!c->nr) {
		fprintf(stderr,
			"fpbench compare: %s has no (selected) configuration measured in both lazy and eager mode (or lazy_keep and eager)\n"
			"  (run with --fp-mode both or all, or compare two files: fpbench compare A.csv B.csv)\n",
			c->in[0].csv);
		return FPB_EDATA;
	}
	return FPB_OK;
}

static int pair_evaluate(struct compare *c, struct pair *p)
{
	const struct analysis_input *ia = &c->in[0];
	const struct analysis_input *ib = c->modes ? &c->in[0] : &c->in[1];
	char key[MATRIX_KEY_LEN];

	p->traced = pair_trace(p);
	p->bytes = p->traced ? p->dtr.load_bytes + p->dtr.store_bytes :
		   (double)analysis_roundtrip_bytes(&p->a->cfg);
	matrix_config_key(&p->a->cfg, key, sizeof(key));
	if (p->a->status == STATUS_FAIL || p->b->status == STATUS_FAIL)
		fprintf(stderr, "fpbench compare: note: %s failed in %s (%s): no verdict\n",
			key, p->a->status == STATUS_FAIL ? ia->csv : ib->csv,
			p->a->status == STATUS_FAIL ? p->a->reason : p->b->reason);
	/*
	 * The row under test is B (both rows when one file pairs modes): an
	 * integrity failure there fails a gate; a failed A only has no verdict.
	 */
	p->gate_failed = (c->fail_pct_given || c->fail_abs_given) &&
			 (p->b->status == STATUS_FAIL ||
			  (c->modes && p->a->status == STATUS_FAIL));
	if (p->a->status != STATUS_OK || p->b->status != STATUS_OK) {
		p->state = p->a->status == STATUS_FAIL || p->b->status == STATUS_FAIL ?
			   "failed" : "skipped";
		p->d.diff = p->d.lo = p->d.hi = p->d.rel_pct = p->d.p = NAN;
		p->d.median_a = p->a->cycles.median;
		p->d.median_b = p->b->cycles.median;
		return FPB_OK;
	}
	if (p->a->unit != p->b->unit) {
		fprintf(stderr, "fpbench compare: %s: unit %s in %s but %s in %s: not comparable\n",
			key, row_unit(p->a), ia->csv, row_unit(p->b), ib->csv);
		return FPB_EDATA;
	}
	if (analysis_diff(p->a, c->no_samples ? NULL : analysis_samples(ia, p->a),
			  p->b, c->no_samples ? NULL : analysis_samples(ib, p->b),
			  c->seed, c->bootstrap, &p->d)) {
		fprintf(stderr, "fpbench compare: %s: status ok but no median (nan) in %s\n",
			key, isnan(p->a->cycles.median) ? ia->csv : ib->csv);
		return FPB_EDATA;
	}
	p->verdict = analysis_verdict(&p->d, c->min_effect);
	p->beyond = p->verdict == VERDICT_SLOWER &&
		    ((c->fail_pct_given && p->d.rel_pct > c->fail_pct) ||
		     (c->fail_abs_given && p->d.diff > c->fail_abs));
	return FPB_OK;
}

static const char *pair_verdict(const struct pair *p)
{
	return p->state ? p->state : analysis_verdict_names[p->verdict];
}

static const char *pair_ci_source(const struct pair *p)
{
	if (p->state)
		return "none";
	return p->d.from_samples ? "samples" : "summary";
}

static double per_byte(const struct pair *p)
{
	return p->bytes > 0 ? p->d.diff / p->bytes : NAN;
}

static const char *bytes_source(const struct pair *p)
{
	return p->traced ? "trace" : "model";
}

static bool any_traced(const struct compare *c)
{
	for (size_t i = 0; i < c->nr; i++)
		if (c->pairs[i].traced)
			return true;
	return false;
}

static bool any_summary_only(const struct compare *c)
{
	for (size_t i = 0; i < c->nr; i++)
		if (!c->pairs[i].state && !c->pairs[i].d.from_samples)
			return true;
	return false;
}

static bool any_emulated(const struct compare *c)
{
	for (size_t i = 0; i < c->nr; i++)
		if (c->pairs[i].a->emulated || c->pairs[i].b->emulated)
			return true;
	return false;
}

#define CSV_HEADER "bench,exit,host_fp,guest_fp,vl_bits,svl_bits,mode,unit,emulated," \
	"n_a,n_b,median_a,median_b,diff,ci_lo,ci_hi,rel_pct,p_value,verdict," \
	"ci_source,fp_bytes,diff_per_byte,label,bytes_source"

/* A short label for plots: "sve@256", "za@512", "sve@256/g=sve". */
static void pair_label(const struct pair *p, char *buf, size_t len)
{
	const struct fpb_config *cfg = &p->a->cfg;
	char vl[32] = "";
	char guest[32] = "";

	if (cfg->vl_bits && cfg->svl_bits)
		snprintf(vl, sizeof(vl), "@%u/%u", cfg->vl_bits, cfg->svl_bits);
	else if (cfg->vl_bits || cfg->svl_bits)
		snprintf(vl, sizeof(vl), "@%u", cfg->vl_bits + cfg->svl_bits);
	if (cfg->guest_fp != FP_NONE)
		snprintf(guest, sizeof(guest), "/g=%s", fp_kind_names[cfg->guest_fp]);
	snprintf(buf, len, "%s%s%s", fp_kind_names[cfg->host_fp], vl, guest);
}

/* @p passes --measured and --traced (not --pair: slots span the pairs). */
static bool pair_selected(const struct compare *c, const struct pair *p)
{
	return (!c->measured || !p->state) && (!c->traced_only || p->traced);
}

/*
 * The x position of @p's configuration key in a plot: the ordinal of the
 * key among the keys of the selected pairs, in output order. The pairs of
 * one key (eager-lazy, eager-lazy_keep) share it, so bars of the two
 * series drawn from two --pair outputs line up.
 */
static size_t pair_slot(const struct compare *c, size_t i)
{
	size_t slot = 0;

	for (size_t j = 0; j < i; j++) {
		bool first = true;

		if (!pair_selected(c, &c->pairs[j]))
			continue;
		for (size_t k = 0; k < j && first; k++)
			first = !pair_selected(c, &c->pairs[k]) ||
				!matrix_config_same_key(&c->pairs[k].a->cfg, &c->pairs[j].a->cfg);
		if (!first)
			continue;
		if (matrix_config_same_key(&c->pairs[j].a->cfg, &c->pairs[i].a->cfg))
			return slot;
		slot++;
	}
	return slot;
}

static void print_csv(const struct compare *c, FILE *f)
{
	char mode[32], label[64];

	fprintf(f, CSV_HEADER);
	for (size_t i = 0; i < NR_TRACE_COLS; i++)
		fprintf(f, ",d_tr_%s", trace_col_names[i]);
	fputs(",slot\n", f);
	for (size_t i = 0; i < c->nr; i++) {
		const struct pair *p = &c->pairs[i];
		const struct fpb_config *cfg = &p->a->cfg;

		pair_mode(c, p, mode, sizeof(mode));
		if (!pair_selected(c, p) || (c->pair && strcmp(c->pair, mode)))
			continue;
		pair_label(p, label, sizeof(label));
		fprintf(f, "%s,%s,%s,%s,%u,%u,%s,%s,%d,%zu,%zu,",
			bench_names[cfg->bench], exit_names[cfg->exit],
			fp_kind_names[cfg->host_fp], fp_kind_names[cfg->guest_fp],
			cfg->vl_bits, cfg->svl_bits, mode, row_unit(p->a),
			p->a->emulated || p->b->emulated,
			p->d.n_a, p->d.n_b);
		analysis_put_num(f, p->d.median_a, 2, false); fputc(',', f);
		analysis_put_num(f, p->d.median_b, 2, false); fputc(',', f);
		analysis_put_num(f, p->d.diff, 2, false); fputc(',', f);
		analysis_put_num(f, p->d.lo, 2, false); fputc(',', f);
		analysis_put_num(f, p->d.hi, 2, false); fputc(',', f);
		analysis_put_num(f, p->d.rel_pct, 3, false); fputc(',', f);
		if (isnan(p->d.p))
			fputs("nan", f);
		else
			fprintf(f, "%.3g", p->d.p);
		fprintf(f, ",%s,%s,", pair_verdict(p), pair_ci_source(p));
		/* whole bytes print as before; a traced mean may be fractional */
		analysis_put_num(f, p->bytes, p->bytes == floor(p->bytes) ? 0 : 2, false);
		fputc(',', f);
		analysis_put_num(f, per_byte(p), 5, false);
		fprintf(f, ",%s,%s", label, bytes_source(p));
		for (size_t t = 0; t < NR_TRACE_COLS; t++) {
			fputc(',', f);
			analysis_put_num(f, trace_col(&p->dtr, t), 3, false);
		}
		fprintf(f, ",%zu\n", pair_slot(c, i));
	}
}

static void print_json(const struct compare *c, FILE *f)
{
	char mode[32], key[MATRIX_KEY_LEN];

	fputs("{\n  \"a\": ", f);
	json_put_string(f, c->in[0].csv);
	fputs(",\n  \"b\": ", f);
	json_put_string(f, c->modes ? c->in[0].csv : c->in[1].csv);
	fprintf(f, ",\n  \"pairing\": \"%s\",\n  \"min_effect_pct\": %g,\n"
		"  \"comparisons\": [",
		!c->modes ? "files" : c->keep ? "lazy,lazy_keep-vs-eager" : "lazy-vs-eager",
		c->min_effect);
	for (size_t i = 0; i < c->nr; i++) {
		const struct pair *p = &c->pairs[i];

		matrix_config_key(&p->a->cfg, key, sizeof(key));
		pair_mode(c, p, mode, sizeof(mode));
		fprintf(f, "%s\n    {\"key\": \"%s\", \"mode\": \"%s\", \"unit\": \"%s\", "
			"\"emulated\": %s, \"n_a\": %zu, \"n_b\": %zu, \"median_a\": ",
			i ? "," : "", key, mode, row_unit(p->a),
			p->a->emulated || p->b->emulated ? "true" : "false",
			p->d.n_a, p->d.n_b);
		analysis_put_num(f, p->d.median_a, 2, true);
		fputs(", \"median_b\": ", f);
		analysis_put_num(f, p->d.median_b, 2, true);
		fputs(", \"diff\": ", f);
		analysis_put_num(f, p->d.diff, 2, true);
		fputs(", \"ci_lo\": ", f);
		analysis_put_num(f, p->d.lo, 2, true);
		fputs(", \"ci_hi\": ", f);
		analysis_put_num(f, p->d.hi, 2, true);
		fputs(", \"rel_pct\": ", f);
		analysis_put_num(f, p->d.rel_pct, 3, true);
		fputs(", \"p_value\": ", f);
		if (isnan(p->d.p))
			fputs("null", f);
		else
			fprintf(f, "%.3g", p->d.p);
		fprintf(f, ", \"verdict\": \"%s\", \"ci_source\": \"%s\", \"fp_bytes\": ",
			pair_verdict(p), pair_ci_source(p));
		analysis_put_num(f, p->bytes, p->bytes == floor(p->bytes) ? 0 : 2, true);
		fprintf(f, ", \"bytes_source\": \"%s\", \"diff_per_byte\": ", bytes_source(p));
		analysis_put_num(f, per_byte(p), 5, true);
		if (p->traced) {
			fputs(", \"trace_diff\": {", f);
			for (size_t t = 0; t < NR_TRACE_COLS; t++) {
				fprintf(f, "%s\"%s\": ", t ? ", " : "", trace_col_names[t]);
				analysis_put_num(f, trace_col(&p->dtr, t), 3, true);
			}
			fputc('}', f);
		}
		fprintf(f, ", \"beyond_fail_threshold\": %s}", p->beyond ? "true" : "false");
	}
	fputs("\n  ]\n}\n", f);
}

/*
 * B-A of the trace columns per traced pair, and the cycle floor that mix
 * needs on each core of the core table (a model: cores.c).
 */
/* The key and mode columns of a traced pair's line; false if untraced. */
static bool trace_row_head(const struct compare *c, const struct pair *pr, FILE *f)
{
	char key[MATRIX_KEY_LEN], mode[32];

	if (!pr->traced)
		return false;
	matrix_config_key(&pr->a->cfg, key, sizeof(key));
	pair_mode(c, pr, mode, sizeof(mode));
	fprintf(f, "%-48s %-*s", key, c->keep ? 15 : 11, mode);
	return true;
}

static void print_trace_table(const struct compare *c, FILE *f)
{
	static const struct { const char *head; size_t col; } shown[] = {
		{ "insns", 0 }, { "user", 1 }, { "guest", 2 }, { "ld B", 3 },
		{ "st B", 4 }, { "exc", 7 }, { "isb", 8 }, { "dsb/dmb", 9 },
		{ "msr", 10 }, { "sve", 11 }, { "iter", 12 }, { "iter exc", 13 },
	};

	fputs("\ntrace (emulated host, TCG plugin): B-A per round trip of host instructions\n"
	      "(of which user), guest instructions, host kernel/hyp load and store bytes,\n"
	      "exception returns, ISB, DSB/DMB, MSR, SVE/SME instructions; iter: the whole\n"
	      "iteration (fill, operation, verify), where deferred costs show\n", f);
	fprintf(f, "%-48s %-*s", "configuration", c->keep ? 15 : 11, "mode");
	for (size_t i = 0; i < ARRAY_SIZE(shown); i++)
		fprintf(f, " %8s", shown[i].head);
	fputc('\n', f);
	for (size_t i = 0; i < c->nr; i++) {
		const struct pair *pr = &c->pairs[i];

		if (!trace_row_head(c, pr, f))
			continue;
		for (size_t t = 0; t < ARRAY_SIZE(shown); t++)
			fprintf(f, " %+8.1f", trace_col(&pr->dtr, shown[t].col));
		fputc('\n', f);
	}
	fputs("\ncycle floor (a model, not a measurement): the fewest cycles the measured\n"
	      "B-A mix of instructions, load and store bytes needs on each core,\n"
	      "max(insns / width, load B / load B per cycle, store B / store B per cycle)\n"
	      "(bench/lib/cores.c gives each core's numbers and their sources)\n", f);
	fprintf(f, "%-48s %-*s", "configuration", c->keep ? 15 : 11, "mode");
	for (size_t k = 0; k < core_models_nr; k++)
		fprintf(f, " %8s", core_models[k].short_name);
	fputc('\n', f);
	for (size_t i = 0; i < c->nr; i++) {
		const struct pair *pr = &c->pairs[i];

		if (!trace_row_head(c, pr, f))
			continue;
		for (size_t k = 0; k < core_models_nr; k++)
			fprintf(f, " %8.1f", analysis_floor_cycles(&core_models[k],
				pr->dtr.instructions, pr->dtr.load_bytes, pr->dtr.store_bytes));
		fputc('\n', f);
	}
}

/* --brief: one line per reason a pair was not measured, most frequent first. */
static void print_skip_reasons(const struct compare *c, FILE *f)
{
	struct { const char *reason; size_t n; } *r = calloc(c->nr, sizeof(*r));
	size_t nr = 0, total = 0;

	if (!r)
		return;
	for (size_t i = 0; i < c->nr; i++) {
		const struct pair *pr = &c->pairs[i];
		const char *why;
		size_t k;

		if (!pr->state || strcmp(pr->state, "skipped"))
			continue;
		why = pr->a->status == STATUS_SKIP ? pr->a->reason : pr->b->reason;
		for (k = 0; k < nr && strcmp(r[k].reason, why); k++)
			;
		if (k == nr)
			r[nr++].reason = why;
		r[k].n++;
		total++;
	}
	for (size_t i = 1; i < nr; i++)		/* insertion sort, by count */
		for (size_t j = i; j && r[j - 1].n < r[j].n; j--) {
			__typeof__(*r) t = r[j];

			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	if (total)
		fprintf(f, "\nnot measured (%zu pairs, left out above):\n", total);
	for (size_t i = 0; i < nr; i++)
		fprintf(f, "  %5zu  %s\n", r[i].n, r[i].reason);
	free(r);
}

static void print_table(const struct compare *c, FILE *f)
{
	char key[MATRIX_KEY_LEN], mode[32], ci[64], p[16];
	/* "eager-lazy_keep" is wider than the column of two-mode files */
	int mw = c->keep ? 15 : 11;

	if (c->modes && c->keep)
		fprintf(f, "A = lazy or lazy_keep, B = eager rows of %s (B-A: cost of the eager save\n"
			"  over each lazy mode, eager-lazy and eager-lazy_keep side by side)\n",
			c->in[0].csv);
	else if (c->modes)
		fprintf(f, "A = lazy, B = eager rows of %s (B-A: cost of the eager save)\n",
			c->in[0].csv);
	else
		fprintf(f, "A = %s\nB = %s\n", c->in[0].csv, c->in[1].csv);
	fprintf(f, "verdict: slower/faster when the 95%% CI of B-A excludes 0 and |change| > %g%%\n",
		c->min_effect);
	if (any_emulated(c))
		fputs("EMULATED (QEMU TCG): ticks of an emulated CPU, not hardware cycles\n", f);
	if (any_summary_only(c))
		fputs("caveat: rows with CI from 'summary' had no samples file: their CI combines\n"
		      "  the two medians' CIs assuming independence and normality (approximate),\n"
		      "  and there is no p-value\n", f);
	fprintf(f, "\n%-48s %-*s %-6s %10s %10s %9s %-21s %8s %8s %-9s %7s %9s\n",
		"configuration", mw, "mode", "unit", "A median", "B median", "B-A",
		"95% CI", "change", "p", "verdict", "bytes", "B-A/byte");
	for (size_t i = 0; i < c->nr; i++) {
		const struct pair *pr = &c->pairs[i];

		matrix_config_key(&pr->a->cfg, key, sizeof(key));
		pair_mode(c, pr, mode, sizeof(mode));
		if (c->brief && pr->state && !strcmp(pr->state, "skipped"))
			continue;
		if (pr->state) {
			fprintf(f, "%-48s %-*s %-6s %10s %10s %9s %-21s %8s %8s %-9s %6.0f%c %9s\n",
				key, mw, mode, row_unit(pr->a), "-", "-", "-", "-", "-", "-",
				pr->state, pr->bytes, pr->traced ? 't' : 'm', "-");
			continue;
		}
		snprintf(ci, sizeof(ci), "[%+.1f, %+.1f]%s", pr->d.lo, pr->d.hi,
			 pr->d.from_samples ? "" : "*");
		if (isnan(pr->d.p))
			snprintf(p, sizeof(p), "-");
		else if (pr->d.p < 0.001)
			snprintf(p, sizeof(p), "<0.001");
		else
			snprintf(p, sizeof(p), "%.3f", pr->d.p);
		fprintf(f, "%-48s %-*s %-6s %10.1f %10.1f %+9.1f %-21s %+7.2f%% %8s %-9s %6.0f%c ",
			key, mw, mode, row_unit(pr->a), pr->d.median_a, pr->d.median_b,
			pr->d.diff, ci, pr->d.rel_pct, p, pair_verdict(pr),
			pr->bytes, pr->traced ? 't' : 'm');
		if (pr->bytes > 0)
			fprintf(f, "%9.4f%s\n", per_byte(pr), pr->beyond ? "  !" : "");
		else
			fprintf(f, "%9s%s\n", "-", pr->beyond ? "  !" : "");
	}
	if (c->brief) {
		print_skip_reasons(c, f);
		return;
	}
	fputs("\nbytes: 't' measured by the trace of the emulated host (B-A of the host\n"
	      "kernel/hyp load + store bytes per round trip); 'm' the model where a side\n"
	      "has no trace: 2 x what the save moves in a syscall (the FPSIMD view at\n"
	      "every SVE VL, plus a live ZA/ZT0); '*' summary-only CI; '!' slower\n"
	      "beyond --fail-above\n", f);
	if (any_traced(c))
		print_trace_table(c, f);
}

/* Parse the options into @c: the table is sized by its rows. */
static int compare_parse(struct compare *c, int argc, char **argv, int *nargs)
{
	struct opt o[] = {
		{ .name = "format", .kind = OPT_STRING, .ptr = &c->format,
		  .metavar = "FMT",
		  .help = "table, csv or json" },
		{ .name = "min-effect", .kind = OPT_DOUBLE, .ptr = &c->min_effect,
		  .metavar = "PCT",
		  .help = "smallest |relative change| that counts as a change",
		  .min = 0, .max = 1000 },
		{ .name = "fail-above", .kind = OPT_DOUBLE, .ptr = &c->fail_pct,
		  .metavar = "PCT",
		  .help = "exit 5 if a configuration is slower by more than PCT %",
		  .min = 0, .max = 1e6,
		  .given = &c->fail_pct_given },
		{ .name = "fail-above-cycles", .kind = OPT_DOUBLE, .ptr = &c->fail_abs,
		  .metavar = "N",
		  .help = "exit 5 if a configuration is slower by more than N units",
		  .min = 0, .max = 1e12,
		  .given = &c->fail_abs_given },
		{ .name = "bootstrap", .kind = OPT_UINT, .ptr = &c->bootstrap,
		  .metavar = "B",
		  .help = "bootstrap resamples for the CI of the difference",
		  .min = 100, .max = 100000 },
		{ .name = "seed", .kind = OPT_U64, .ptr = &c->seed,
		  .metavar = "N",
		  .help = "seed of the bootstrap" },
		{ .name = "bench", .kind = OPT_STRING, .ptr = &c->filter.bench,
		  .metavar = "NAME",
		  .help = "only this bench (kvm, ctxsw)" },
		{ .name = "exit", .kind = OPT_STRING, .ptr = &c->filter.exit,
		  .metavar = "NAME",
		  .help = "only this exit kind (mmio, hvc, futex, vcpu)" },
		{ .name = "host-fp", .kind = OPT_STRING, .ptr = &c->filter.host_fp,
		  .metavar = "KIND",
		  .help = "only this host FP state" },
		{ .name = "guest-fp", .kind = OPT_STRING, .ptr = &c->filter.guest_fp,
		  .metavar = "KIND",
		  .help = "only this guest FP use" },
		{ .name = "no-samples", .kind = OPT_FLAG, .ptr = &c->no_samples,
		  .help = "ignore samples files (summary-only CIs, no p-value)" },
		{ .name = "brief", .kind = OPT_FLAG, .ptr = &c->brief,
		  .help = "table: measured pairs only, then one line per skip reason with its count" },
		{ .name = "measured", .kind = OPT_FLAG, .ptr = &c->measured,
		  .help = "csv: only pairs with a verdict (no skipped or failed rows)" },
		{ .name = "traced", .kind = OPT_FLAG, .ptr = &c->traced_only,
		  .help = "csv: only pairs whose rows both carry a trace (bytes_source trace)" },
		{ .name = "pair", .kind = OPT_STRING, .ptr = &c->pair,
		  .metavar = "MODE",
		  .help = "csv, one file: only the eager-lazy or the eager-lazy_keep pairs" },
	};

	const struct opt_cmd cmd = {
		.name = "fpbench compare",
		.args = "[options] A.csv [B.csv]",
		.about =
		"Per configuration key: B-A difference of medians with a bootstrap 95% CI\n"
		"(from BASE.samples.csv when present), Mann-Whitney p, change in %, verdict\n"
		"(slower/faster when the CI excludes 0 and |change| > --min-effect), and the\n"
		"bytes per round trip with B-A per byte: measured (B-A of the tr_* load and\n"
		"store bytes) where both rows carry a trace, else the model (2 x what the save\n"
		"moves in a syscall). With a trace, the B-A of every tr_* column and the cycle\n"
		"floor of that mix per core (a model) follow the table. Two files: A = before, B = after, rows paired by key and\n"
		"fp_mode. One file: A = lazy rows, B = eager rows of the same key; with\n"
		"lazy_keep rows also A = lazy_keep, B = eager (mode eager-lazy_keep).\n"
		"Exit: 0, 3 bad/mismatched input (also an infinite value, or nan where a\n"
		"measurement must be), 5 slower beyond --fail-above(-cycles) or, with either\n"
		"option, a row under test (B; one file: either mode) with status fail.\n"
		"--measured, --traced and --pair select the rows --format csv prints (the gate\n"
		"still sees every pair); its last column, slot, numbers the configuration keys\n"
		"of the rows --measured and --traced select, for bars placed side by side.",
		.opts = o,
		.nr_opts = ARRAY_SIZE(o),
		.min_args = 1,
		.max_args = 2,
	};
	return opt_parse(&cmd, argc, argv, nargs);
}

int cmd_compare(int argc, char **argv)
{
	struct compare c = {
		.format = "table",
		.min_effect = ANALYSIS_MIN_EFFECT_PCT,
		.bootstrap = STATS_BOOTSTRAP_B,
		.seed = ANALYSIS_SEED,
	};
	char err[512];
	int nargs, rc, nfiles;
	bool regression = false;

	rc = compare_parse(&c, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	if (strcmp(c.format, "table") && strcmp(c.format, "csv") &&
	    strcmp(c.format, "json")) {
		fprintf(stderr, "fpbench compare: --format %s: expected table, csv or json\n",
			c.format);
		return FPB_EUSAGE;
	}
	if ((c.measured || c.traced_only || c.pair) && strcmp(c.format, "csv")) {
		fprintf(stderr, "fpbench compare: --measured, --traced and --pair select csv rows: use --format csv\n");
		return FPB_EUSAGE;
	}
	if (c.pair && strcmp(c.pair, "eager-lazy") && strcmp(c.pair, "eager-lazy_keep")) {
		fprintf(stderr, "fpbench compare: --pair %s: expected eager-lazy or eager-lazy_keep\n",
			c.pair);
		return FPB_EUSAGE;
	}
	if (c.pair && nargs != 1) {
		fprintf(stderr, "fpbench compare: --pair needs one file (its modes are paired)\n");
		return FPB_EUSAGE;
	}
	rc = analysis_filter_check(&c.filter, "fpbench compare");
	if (rc)
		return rc;

	nfiles = nargs;
	c.modes = nfiles == 1;
	for (int i = 0; i < nfiles; i++) {
		rc = analysis_load(argv[1 + i], !c.no_samples, &c.in[i], err, sizeof(err));
		if (rc) {
			fprintf(stderr, "fpbench compare: %s\n", err);
			goto out;
		}
		if (!c.in[i].set.nr) {
			fprintf(stderr, "fpbench compare: %s: no result rows\n", c.in[i].csv);
			rc = FPB_EDATA;
			goto out;
		}
	}

	rc = c.modes ? pair_modes(&c) : pair_files(&c);
	for (size_t i = 0; !rc && i < c.nr; i++)
		rc = pair_evaluate(&c, &c.pairs[i]);
	if (rc)
		goto out;

	if (!strcmp(c.format, "csv"))
		print_csv(&c, stdout);
	else if (!strcmp(c.format, "json"))
		print_json(&c, stdout);
	else
		print_table(&c, stdout);
	if (fflush(stdout)) {
		perror("fpbench compare: stdout");
		rc = FPB_EENV;
		goto out;
	}

	for (size_t i = 0; i < c.nr; i++) {
		char key[MATRIX_KEY_LEN];

		if (!c.pairs[i].beyond && !c.pairs[i].gate_failed)
			continue;
		matrix_config_key(&c.pairs[i].a->cfg, key, sizeof(key));
		/* two pairs per key: say which one */
		if (c.keep) {
			size_t l = strlen(key);

			snprintf(key + l, sizeof(key) - l, " eager-%s",
				 mode_name(c.pairs[i].a->cfg.fp_mode));
		}
		regression = true;
		if (c.pairs[i].gate_failed) {
			fprintf(stderr, "fpbench compare: FAILED %s: status fail under test (%s)\n",
				key, c.pairs[i].b->status == STATUS_FAIL ?
				c.pairs[i].b->reason : c.pairs[i].a->reason);
			continue;
		}
		fprintf(stderr, "fpbench compare: REGRESSION %s: %+.2f%% (%+.1f %s)\n",
			key, c.pairs[i].d.rel_pct, c.pairs[i].d.diff,
			row_unit(c.pairs[i].a));
	}
	rc = regression ? FPB_REGRESSION : FPB_OK;
out:
	for (int i = 0; i < nfiles; i++)
		analysis_free(&c.in[i]);
	free(c.pairs);
	return rc;
}
