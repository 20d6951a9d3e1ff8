// SPDX-License-Identifier: GPL-2.0
/*
 * Readers of BASE.csv and BASE.samples.csv, on the column table of
 * results.c: every field checked, so analysis never sees half a row, an
 * unknown name or a non-finite measurement.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix.h"
#include "results_int.h"

/* One configuration key, fp mode included (matrix.c compares the key). */
static bool same_config(const struct fpb_config *a, const struct fpb_config *b)
{
	return matrix_config_same_key(a, b) && a->fp_mode == b->fp_mode;
}

/* Split @line in place at commas; returns the field count (all counted). */
static size_t split_fields(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (1) {
		char *comma = strchr(p, ',');

		if (n < max)
			fields[n] = p;
		n++;
		if (!comma)
			return n;
		*comma = 0;
		p = comma + 1;
	}
}

/* Next line of @buf at *pos, NUL-terminated in place, '\r' dropped. */
static char *next_line(char *buf, size_t len, size_t *pos)
{
	char *line, *nl;

	if (*pos >= len)
		return NULL;
	line = buf + *pos;
	nl = strchr(line, '\n');	/* present: slurp() checked the end */
	*nl = 0;
	if (nl > line && nl[-1] == '\r')
		nl[-1] = 0;
	*pos = (size_t)(nl - buf) + 1;
	return line;
}

/*
 * The header must name want[0 .. nr) in order, or its first @short_nr[k]
 * (a group of optional columns absent, SIZE_MAX: none). Returns FPB_OK
 * with the number of columns in *@found.
 */
static int check_header(const char *path, char *line, const char *const *want,
			size_t nr, const size_t short_nr[2], size_t *found,
			char *err, size_t errlen)
{
	char *f[RESULTS_MAX_COLS];
	size_t n = split_fields(line, f, ARRAY_SIZE(f));

	*found = n == short_nr[0] || n == short_nr[1] ? n : nr;
	for (size_t i = 0; i < *found; i++) {
		if (i >= n) {
			snprintf(err, errlen,
				 "%s:1: missing or different header: %zu columns, expected %zu (first missing '%s')",
				 path, n, nr, want[i]);
			return FPB_EDATA;
		}
		if (strcmp(f[i], want[i])) {
			snprintf(err, errlen,
				 "%s:1: missing or different header: column %zu is '%.40s', expected '%s'",
				 path, i + 1, f[i], want[i]);
			return FPB_EDATA;
		}
	}
	if (n > *found) {
		snprintf(err, errlen,
			 "%s:1: different header: %zu columns, expected %zu (extra '%.40s')",
			 path, n, *found, f[*found]);
		return FPB_EDATA;
	}
	return FPB_OK;
}

int results_parse_u64(const char *s, int base, uint64_t *v)
{
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, base);
	return errno || *end ? -1 : 0;
}

/*
 * A measured value: a finite number, or "nan" for "not measured". No
 * column holds an infinity, so "inf" and out-of-range text ("1e400") are
 * input errors (-2), not values a gate could compare against.
 */
static int parse_double_text(const char *s, double *v)
{
	char *end;

	if (!*s || *s == ' ')
		return -1;
	*v = strtod(s, &end);
	if (*end)
		return -1;
	return isinf(*v) ? -2 : 0;
}

/* The message for parse_double_text()'s return @rc on field @s of @col. */
static void double_error(int rc, const char *col, const char *s,
			 char *what, size_t len)
{
	snprintf(what, len, "column %s: '%.40s' is %s", col, s,
		 rc == -2 ? "infinite or out of range" : "not a number");
}

/* Parse field @s of column @c into @base; message in @what on error. */
static int parse_field(const struct column *c, const char *s, void *base,
		       char *what, size_t len)
{
	char *p = (char *)base + c->off;
	uint64_t u;
	int i;

	switch (c->type) {
	case COL_NAME:
		i = fpb_lookup(c->names, c->nr_names, s);
		if (i < 0) {
			snprintf(what, len, "column %s: unknown name '%.40s'", c->name, s);
			return -1;
		}
		*(int *)p = i;
		return 0;
	case COL_UINT:
		if (results_parse_u64(s, 10, &u) || u > UINT32_MAX) {
			snprintf(what, len, "column %s: '%.40s' is not an unsigned integer",
				 c->name, s);
			return -1;
		}
		*(unsigned int *)p = (unsigned int)u;
		return 0;
	case COL_U64:
		if (results_parse_u64(s, 10, &u)) {
			snprintf(what, len, "column %s: '%.40s' is not an unsigned integer",
				 c->name, s);
			return -1;
		}
		*(uint64_t *)p = u;
		return 0;
	case COL_DOUBLE:
		i = parse_double_text(s, (double *)p);
		if (i) {
			double_error(i, c->name, s, what, len);
			return -1;
		}
		return 0;
	case COL_BOOL:
		if (strcmp(s, "0") && strcmp(s, "1")) {
			snprintf(what, len, "column %s: '%.40s' is not 0 or 1", c->name, s);
			return -1;
		}
		*(bool *)p = s[0] == '1';
		return 0;
	case COL_TEXT:
		if (!*s || strlen(s) >= RESULTS_REASON_LEN) {
			snprintf(what, len, "column %s: %s text", c->name,
				 *s ? "over-long" : "empty");
			return -1;
		}
		strcpy(p, s);
		return 0;
	}
	return -1;
}

/* Check the field count of data line @lineno. */
static int check_count(const char *path, size_t lineno, size_t n, size_t want,
		       char *err, size_t errlen)
{
	if (n == want)
		return FPB_OK;
	snprintf(err, errlen, "%s:%zu: %s row: %zu fields, expected %zu",
		 path, lineno, n < want ? "short" : "over-long", n, want);
	return FPB_EDATA;
}

/* A row with status ok has every cycles_* statistic: nan there is an error. */
static int check_measured(const struct result_row *row, const char *path,
			  size_t lineno, char *err, size_t errlen)
{
	if (row->status != STATUS_OK)
		return FPB_OK;
	for (size_t i = 0; i < summary_nr_cols; i++) {
		const struct column *c = &summary_cols[i];

		if (strncmp(c->name, "cycles_", 7) ||
		    !isnan(*(const double *)((const char *)row + c->off)))
			continue;
		snprintf(err, errlen, "%s:%zu: column %s: nan in a row with status ok",
			 path, lineno, c->name);
		return FPB_EDATA;
	}
	return FPB_OK;
}

int results_read(const char *csv, struct result_set *out,
		 char *err, size_t errlen)
{
	size_t ncol = summary_nr_cols;
	const char *want[RESULTS_MAX_COLS];
	char *buf, *line, *f[RESULTS_MAX_COLS + 1];
	size_t len, pos = 0, lineno = 1, cap = 0;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = results_slurp(csv, true, &buf, &len, err, errlen);
	if (ret)
		return ret;
	for (size_t i = 0; i < ncol; i++)
		want[i] = summary_cols[i].name;
	ret = check_header(csv, next_line(buf, len, &pos), want, ncol,
			   (const size_t[2]){ summary_nr_before("tr_"),
					      summary_nr_before("batch_events") },
			   &ncol, err, errlen);

	while (!ret && (line = next_line(buf, len, &pos))) {
		struct result_row row;
		char what[160];
		size_t n;

		lineno++;
		n = split_fields(line, f, ARRAY_SIZE(f));
		ret = check_count(csv, lineno, n, ncol, err, errlen);
		if (ret)
			break;
		result_row_init(&row, &(struct fpb_config){ 0 });
		for (size_t i = 0; i < ncol; i++) {
			if (parse_field(&summary_cols[i], f[i], &row, what, sizeof(what))) {
				snprintf(err, errlen, "%s:%zu: %s", csv, lineno, what);
				ret = FPB_EDATA;
				break;
			}
		}
		if (!ret)
			ret = check_measured(&row, csv, lineno, err, errlen);
		if (ret)
			break;
		row.cycles.n = row.iterations;
		if (out->nr == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct result_row *r = realloc(out->rows, ncap * sizeof(*r));

			if (!r) {
				snprintf(err, errlen, "%s: out of memory", csv);
				ret = FPB_EENV;
				break;
			}
			out->rows = r;
			cap = ncap;
		}
		out->rows[out->nr++] = row;
	}
	free(buf);
	if (ret)
		results_free(out);
	return ret;
}

void results_free(struct result_set *set)
{
	free(set->rows);
	memset(set, 0, sizeof(*set));
}

const struct result_row *results_find(const struct result_set *set,
				      const struct fpb_config *key,
				      enum fp_mode mode)
{
	struct fpb_config k = *key;

	k.fp_mode = mode;
	for (size_t i = 0; i < set->nr; i++)
		if (same_config(&set->rows[i].cfg, &k))
			return &set->rows[i];
	return NULL;
}

static int series_push(struct sample_series *s, size_t *cap, double c, double in)
{
	if (s->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 1024;
		double *nc = realloc(s->cycles, ncap * sizeof(*nc));
		double *ni;

		if (!nc)
			return -1;
		s->cycles = nc;
		ni = realloc(s->instructions, ncap * sizeof(*ni));
		if (!ni)
			return -1;
		s->instructions = ni;
		*cap = ncap;
	}
	s->cycles[s->n] = c;
	s->instructions[s->n] = in;
	s->n++;
	return 0;
}

int results_read_samples(const char *csv, struct sample_set *out,
			 char *err, size_t errlen)
{
	const char *want[SAMPLES_NR_COLS];
	char *buf, *line, *f[SAMPLES_NR_COLS + 1];
	size_t len, pos = 0, lineno = 1, set_cap = 0, *caps = NULL, ncol;
	struct sample_series *cur = NULL;
	size_t *cur_cap = NULL;
	int ret;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < SAMPLES_NR_COLS; i++)
		want[i] = i < SAMPLES_KEY_COLS ? summary_cols[i].name :
			  samples_value_cols[i - SAMPLES_KEY_COLS];
	ret = results_slurp(csv, true, &buf, &len, err, errlen);
	if (ret)
		return ret;
	ret = check_header(csv, next_line(buf, len, &pos), want, SAMPLES_NR_COLS,
			   (const size_t[2]){ SIZE_MAX, SIZE_MAX }, &ncol, err, errlen);

	while (!ret && (line = next_line(buf, len, &pos))) {
		struct result_row row;
		char what[160];
		uint64_t iter;
		double c, in;
		int rc = 0;

		lineno++;
		ret = check_count(csv, lineno,
				  split_fields(line, f, ARRAY_SIZE(f)),
				  SAMPLES_NR_COLS, err, errlen);
		if (ret)
			break;
		memset(&row, 0, sizeof(row));
		for (int i = 0; i < SAMPLES_KEY_COLS && !ret; i++)
			if (parse_field(&summary_cols[i], f[i], &row, what, sizeof(what)))
				ret = FPB_EDATA;
		if (!ret && results_parse_u64(f[7], 10, &iter)) {
			snprintf(what, sizeof(what),
				 "column iteration: '%.40s' is not an unsigned integer", f[7]);
			ret = FPB_EDATA;
		}
		/* A sample's cycles are always measured; instructions may be nan. */
		if (!ret && (rc = parse_double_text(f[8], &c)) == 0 && isnan(c))
			rc = -3;
		if (!ret && rc) {
			if (rc == -3)
				snprintf(what, sizeof(what),
					 "column cycles: nan (every sample is a measurement)");
			else
				double_error(rc, "cycles", f[8], what, sizeof(what));
			ret = FPB_EDATA;
		}
		if (!ret && (rc = parse_double_text(f[9], &in))) {
			double_error(rc, "instructions", f[9], what, sizeof(what));
			ret = FPB_EDATA;
		}
		if (ret) {
			snprintf(err, errlen, "%s:%zu: %s", csv, lineno, what);
			break;
		}

		/* Usually the same series as the line before. */
		if (!cur || !same_config(&cur->cfg, &row.cfg)) {
			cur = NULL;
			for (size_t i = 0; i < out->nr; i++) {
				if (same_config(&out->series[i].cfg, &row.cfg)) {
					cur = &out->series[i];
					cur_cap = &caps[i];
				}
			}
		}
		if (!cur) {
			if (out->nr == set_cap) {
				size_t ncap = set_cap ? set_cap * 2 : 32;
				struct sample_series *ns = realloc(out->series,
								   ncap * sizeof(*ns));
				size_t *nc;

				if (!ns) {
					ret = FPB_EENV;
					snprintf(err, errlen, "%s: out of memory", csv);
					break;
				}
				out->series = ns;
				nc = realloc(caps, ncap * sizeof(*nc));
				if (!nc) {
					ret = FPB_EENV;
					snprintf(err, errlen, "%s: out of memory", csv);
					break;
				}
				caps = nc;
				set_cap = ncap;
			}
			cur = &out->series[out->nr];
			cur_cap = &caps[out->nr];
			out->nr++;
			memset(cur, 0, sizeof(*cur));
			*cur_cap = 0;
			cur->cfg = row.cfg;
		}
		if (iter != cur->n) {
			snprintf(err, errlen,
				 "%s:%zu: iteration %" PRIu64 " out of sequence (expected %zu for this configuration)",
				 csv, lineno, iter, cur->n);
			ret = FPB_EDATA;
			break;
		}
		if (series_push(cur, cur_cap, c, in)) {
			snprintf(err, errlen, "%s: out of memory", csv);
			ret = FPB_EENV;
			break;
		}
	}
	free(buf);
	free(caps);
	if (ret)
		results_free_samples(out);
	return ret;
}

void results_free_samples(struct sample_set *set)
{
	for (size_t i = 0; i < set->nr; i++) {
		free(set->series[i].cycles);
		free(set->series[i].instructions);
	}
	free(set->series);
	memset(set, 0, sizeof(*set));
}

const struct sample_series *results_find_samples(const struct sample_set *set,
						 const struct fpb_config *key,
						 enum fp_mode mode)
{
	struct fpb_config k = *key;

	k.fp_mode = mode;
	for (size_t i = 0; i < set->nr; i++)
		if (same_config(&set->series[i].cfg, &k))
			return &set->series[i];
	return NULL;
}

