// SPDX-License-Identifier: GPL-2.0
/*
 * Analysis helpers shared by compare, history and plotdata: see analysis.h
 * for the statistical rules. The file readers are results.c's; this only
 * checks that summary, samples and metadata of one run agree.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "matrix.h"
#include "stats.h"

const char *const analysis_verdict_names[VERDICT_NR] = {
	[VERDICT_NO_CHANGE] = "no change",
	[VERDICT_SLOWER] = "slower",
	[VERDICT_FASTER] = "faster",
};

static bool same_row(const struct fpb_config *a, const struct fpb_config *b)
{
	return matrix_config_same_key(a, b) && a->fp_mode == b->fp_mode;
}

static void describe(const struct fpb_config *cfg, char *buf, size_t len)
{
	char key[MATRIX_KEY_LEN];

	matrix_config_key(cfg, key, sizeof(key));
	snprintf(buf, len, "%s/%s", key,
		 cfg->fp_mode < FP_MODE_NR ? fp_mode_names[cfg->fp_mode] : "?");
}

int analysis_load(const char *path, bool want_samples,
		  struct analysis_input *in, char *err, size_t errlen)
{
	char samples[sizeof(in->csv) + 16], json[sizeof(in->csv) + 16];
	char name[MATRIX_KEY_LEN + 16];
	int rc;

	memset(in, 0, sizeof(*in));
	if (results_path(path, ".csv", in->csv, sizeof(in->csv)) >= (int)sizeof(in->csv)) {
		snprintf(err, errlen, "%s: path too long", path);
		return FPB_EUSAGE;
	}
	rc = results_read(in->csv, &in->set, err, errlen);
	if (rc)
		return rc;

	/* A key measured twice in one mode has no single answer. */
	for (size_t i = 0; i < in->set.nr; i++)
		for (size_t j = i + 1; j < in->set.nr; j++)
			if (same_row(&in->set.rows[i].cfg, &in->set.rows[j].cfg)) {
				describe(&in->set.rows[i].cfg, name, sizeof(name));
				snprintf(err, errlen, "%s: configuration %s appears twice (rows %zu and %zu)",
					 in->csv, name, i + 2, j + 2);
				goto edata;
			}

	results_path(path, ".json", json, sizeof(json));
	if (access(json, F_OK) == 0) {
		rc = results_read_meta(json, &in->meta, err, errlen);
		if (rc)
			goto fail;
		in->have_meta = true;
	}

	if (!want_samples)
		return FPB_OK;
	results_path(path, ".samples.csv", samples, sizeof(samples));
	if (access(samples, F_OK) != 0)
		return FPB_OK;
	rc = results_read_samples(samples, &in->samples, err, errlen);
	if (rc)
		goto fail;
	in->have_samples = true;

	/* Samples from another run would give a CI of the wrong data. */
	for (size_t i = 0; i < in->samples.nr; i++) {
		const struct sample_series *s = &in->samples.series[i];
		const struct result_row *row =
			results_find(&in->set, &s->cfg, s->cfg.fp_mode);

		describe(&s->cfg, name, sizeof(name));
		if (!row) {
			snprintf(err, errlen, "%s: configuration %s has samples but no row in %s",
				 samples, name, in->csv);
			goto edata;
		}
		if (row->status == STATUS_OK && s->n != row->iterations) {
			snprintf(err, errlen, "%s: configuration %s has %zu samples, %s says %llu iterations",
				 samples, name, s->n, in->csv,
				 (unsigned long long)row->iterations);
			goto edata;
		}
	}
	return FPB_OK;

edata:
	rc = FPB_EDATA;
fail:
	analysis_free(in);
	return rc;
}

void analysis_free(struct analysis_input *in)
{
	/* Idempotent: callers free on every path, loaded or not. */
	if (in->set.rows)
		results_free(&in->set);
	in->set.rows = NULL;
	in->set.nr = 0;
	if (in->have_samples)
		results_free_samples(&in->samples);
	in->have_samples = false;
}

const struct sample_series *analysis_samples(const struct analysis_input *in,
					     const struct result_row *row)
{
	const struct sample_series *s;

	if (!in->have_samples)
		return NULL;
	s = results_find_samples(&in->samples, &row->cfg, row->cfg.fp_mode);
	return s && s->n ? s : NULL;
}

int analysis_diff(const struct result_row *a, const struct sample_series *sa,
		  const struct result_row *b, const struct sample_series *sb,
		  uint64_t seed, unsigned int B, struct analysis_diff *d)
{
	const struct stats *ca = &a->cycles, *cb = &b->cycles;

	d->median_a = ca->median;
	d->median_b = cb->median;
	d->n_a = a->iterations;
	d->n_b = b->iterations;
	d->p = NAN;
	d->from_samples = false;
	d->diff = cb->median - ca->median;
	d->lo = d->hi = NAN;
	d->rel_pct = 100.0 * d->diff / ca->median;
	if (isnan(ca->median) || isnan(cb->median))
		return -1;

	if (sa && sb && sa->n && sb->n &&
	    !stats_bootstrap_median_diff(sa->cycles, sa->n, sb->cycles, sb->n,
					 seed, B, &d->diff, &d->lo, &d->hi)) {
		/* The samples decide; the summary medians agree with them. */
		d->median_a = stats_median(sa->cycles, sa->n);
		d->median_b = stats_median(sb->cycles, sb->n);
		d->rel_pct = 100.0 * d->diff / d->median_a;
		d->p = stats_mann_whitney_p(sa->cycles, sa->n, sb->cycles, sb->n);
		d->n_a = sa->n;
		d->n_b = sb->n;
		d->from_samples = true;
		return 0;
	}

	d->diff = cb->median - ca->median;
	d->lo = d->diff - hypot(cb->median - cb->ci_lo, ca->ci_hi - ca->median);
	d->hi = d->diff + hypot(cb->ci_hi - cb->median, ca->median - ca->ci_lo);
	return 0;
}

enum analysis_verdict analysis_verdict(const struct analysis_diff *d,
				       double min_effect_pct)
{
	bool excludes_zero = d->lo > 0 || d->hi < 0;	/* false on NaN */

	if (!excludes_zero || !(fabs(d->rel_pct) > min_effect_pct))
		return VERDICT_NO_CHANGE;
	return d->diff > 0 ? VERDICT_SLOWER : VERDICT_FASTER;
}

uint64_t analysis_roundtrip_bytes(const struct fpb_config *cfg)
{
	return 2 * fp_state_bytes(cfg->host_fp, cfg->vl_bits, cfg->svl_bits);
}

/* Length of an "-rcN" at @s, 0 if none. */
static size_t rc_len(const char *s)
{
	size_t n = 3;

	if (strncmp(s, "-rc", 3) || !isdigit((unsigned char)s[3]))
		return 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

int analysis_version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		bool ra = rc_len(a), rb = rc_len(b);

		/* A release candidate precedes its release and its suffixes. */
		if (ra != rb)
			return ra ? -1 : 1;
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			char *ea, *eb;
			unsigned long long na = strtoull(a, &ea, 10);
			unsigned long long nb = strtoull(b, &eb, 10);

			if (na != nb)
				return na < nb ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return 0;
}

int analysis_parse_key(const char *s, struct fpb_config *cfg, bool *have_mode)
{
	char buf[MATRIX_KEY_LEN + 16];
	char *last;
	int mode = -1;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	last = strrchr(buf, '/');
	if (last)
		mode = fpb_lookup(fp_mode_names, FP_MODE_NR, last + 1);
	if (mode >= 0)
		*last = '\0';
	if (matrix_parse_key(buf, cfg))
		return -1;
	*have_mode = mode >= 0;
	cfg->fp_mode = mode >= 0 ? (enum fp_mode)mode : FP_MODE_UNKNOWN;
	return 0;
}

static bool name_ok(const char *const *names, int nr, const char *name)
{
	return !name || fpb_lookup(names, nr, name) >= 0;
}

int analysis_filter_check(const struct analysis_filter *f, const char *prog)
{
	const char *bad = NULL, *what = NULL;

	if (!name_ok(bench_names, BENCH_NR, f->bench))
		bad = f->bench, what = "bench";
	else if (!name_ok(exit_names, EXIT_NR, f->exit))
		bad = f->exit, what = "exit";
	else if (!name_ok(fp_kind_names, FP_KIND_NR, f->host_fp))
		bad = f->host_fp, what = "host-fp";
	else if (!name_ok(fp_kind_names, FP_KIND_NR, f->guest_fp))
		bad = f->guest_fp, what = "guest-fp";
	if (!bad)
		return FPB_OK;
	fprintf(stderr, "%s: --%s %s: unknown name (results/README.md lists them)\n",
		prog, what, bad);
	return FPB_EUSAGE;
}

static bool name_match(const char *const *names, unsigned int v, const char *want)
{
	return !want || !strcmp(names[v], want);
}

bool analysis_filter_match(const struct analysis_filter *f,
			   const struct fpb_config *cfg)
{
	return name_match(bench_names, cfg->bench, f->bench) &&
	       name_match(exit_names, cfg->exit, f->exit) &&
	       name_match(fp_kind_names, cfg->host_fp, f->host_fp) &&
	       name_match(fp_kind_names, cfg->guest_fp, f->guest_fp);
}

void analysis_put_num(FILE *f, double v, int prec, bool json)
{
	if (isnan(v) || isinf(v))
		fputs(json ? "null" : "nan", f);
	else
		fprintf(f, "%.*f", prec, v);
}

void analysis_put_csv_field(FILE *f, const char *s)
{
	size_t n = strlen(s);

	if (!strpbrk(s, ",\"\r\n") &&
	    !(n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'))) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
