// SPDX-License-Identifier: GPL-2.0
/*
 * Results files, schema 1 (results/README.md): the column table, rows, and
 * the writer. The CSV columns are one table, used by the writer here and
 * the readers of results_read.c, so the two cannot drift; the samples
 * header is made from its key columns. The metadata is results_meta.c's.
 *
 * Crash safety: a run can be killed at any moment (OOM, watchdog, the
 * emulated host powering off), and later analysis must never see half a
 * row. BASE.csv is therefore rewritten whole after each configuration
 * (temporary file, fsync, rename, directory fsync); samples of a
 * configuration are appended and fsynced *before* its summary row appears,
 * so every summary row has its samples.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results_int.h"

const char *const result_unit_names[UNIT_NR] = {
	[UNIT_CYCLES] = "cycles",
	[UNIT_CNTVCT] = "cntvct",
	[UNIT_NS] = "ns",
};

enum result_unit result_unit_lookup(const char *name)
{
	int u = name ? fpb_lookup(result_unit_names, UNIT_NR, name) : -1;

	return u < 0 ? UNIT_NS : (enum result_unit)u;
}

const char *const result_status_names[STATUS_NR] = {
	[STATUS_OK] = "ok",
	[STATUS_SKIP] = "skip",
	[STATUS_FAIL] = "fail",
};

/* ---- column table ---- */

#define ROW_OFF(field)	offsetof(struct result_row, field)
#define COL(n, t, f)	{ n, t, ROW_OFF(f), NULL, 0 }
#define COL_N(n, f, tbl, nr)	{ n, COL_NAME, ROW_OFF(f), tbl, nr }

const struct column summary_cols[] = {
	COL_N("bench", cfg.bench, bench_names, BENCH_NR),
	COL_N("exit", cfg.exit, exit_names, EXIT_NR),
	COL_N("host_fp", cfg.host_fp, fp_kind_names, FP_KIND_NR),
	COL_N("guest_fp", cfg.guest_fp, fp_kind_names, FP_KIND_NR),
	COL("vl_bits", COL_UINT, cfg.vl_bits),
	COL("svl_bits", COL_UINT, cfg.svl_bits),
	COL_N("fp_mode", cfg.fp_mode, fp_mode_names, FP_MODE_NR),
	COL("iterations", COL_U64, iterations),
	COL_N("unit", unit, result_unit_names, UNIT_NR),
	COL("cycles_min", COL_DOUBLE, cycles.min),
	COL("cycles_p10", COL_DOUBLE, cycles.p10),
	COL("cycles_p25", COL_DOUBLE, cycles.p25),
	COL("cycles_median", COL_DOUBLE, cycles.median),
	COL("cycles_p75", COL_DOUBLE, cycles.p75),
	COL("cycles_p90", COL_DOUBLE, cycles.p90),
	COL("cycles_p99", COL_DOUBLE, cycles.p99),
	COL("cycles_mad", COL_DOUBLE, cycles.mad),
	COL("cycles_tmean", COL_DOUBLE, cycles.tmean),
	COL("cycles_ci_lo", COL_DOUBLE, cycles.ci_lo),
	COL("cycles_ci_hi", COL_DOUBLE, cycles.ci_hi),
	COL("instructions_median", COL_DOUBLE, instructions_median),
	COL("baseline", COL_DOUBLE, baseline),
	COL("guest_median", COL_DOUBLE, guest_median),
	COL("batch_cycles", COL_DOUBLE, batch_cycles),
	COL("batch_instructions", COL_DOUBLE, batch_instructions),
	COL("running_pct", COL_DOUBLE, running_pct),
	COL("integrity_failures", COL_U64, integrity_failures),
	COL("emulated", COL_BOOL, emulated),
	COL_N("status", status, result_status_names, STATUS_NR),
	COL("reason", COL_TEXT, reason),
	/*
	 * Trace columns (struct result_trace): last, and optional on
	 * reading (summary_nr_before()), so files from before the trace
	 * read back with NaN.
	 */
	COL("tr_instructions", COL_DOUBLE, tr.instructions),
	COL("tr_user_instructions", COL_DOUBLE, tr.user_instructions),
	COL("tr_guest_instructions", COL_DOUBLE, tr.guest_instructions),
	COL("tr_load_bytes", COL_DOUBLE, tr.load_bytes),
	COL("tr_store_bytes", COL_DOUBLE, tr.store_bytes),
	COL("tr_loads", COL_DOUBLE, tr.loads),
	COL("tr_stores", COL_DOUBLE, tr.stores),
	COL("tr_exceptions", COL_DOUBLE, tr.exceptions),
	COL("tr_isb", COL_DOUBLE, tr.isb),
	COL("tr_barriers", COL_DOUBLE, tr.barriers),
	COL("tr_msr", COL_DOUBLE, tr.msr),
	COL("tr_sve", COL_DOUBLE, tr.sve),
	COL("tr_iter_instructions", COL_DOUBLE, tr.iter_instructions),
	COL("tr_iter_exceptions", COL_DOUBLE, tr.iter_exceptions),
	COL("tr_iter_sve", COL_DOUBLE, tr.iter_sve),
	/* Optional too, after the trace: files before it read back "-". */
	COL("batch_events", COL_TEXT, batch_events),
};
const size_t summary_nr_cols = ARRAY_SIZE(summary_cols);
_Static_assert(ARRAY_SIZE(summary_cols) <= RESULTS_MAX_COLS, "RESULTS_MAX_COLS");

/*
 * Column counts a summary file may have: every column, or the trace and
 * what follows it left out (files from before the trace), or only
 * batch_events left out (files from before it).
 */
size_t summary_nr_before(const char *name)
{
	size_t i = 0;

	while (i < ARRAY_SIZE(summary_cols) &&
	       strncmp(summary_cols[i].name, name, strlen(name)))
		i++;
	return i;
}

size_t results_nr_columns(void)
{
	return ARRAY_SIZE(summary_cols);
}

const char *results_column_name(size_t i)
{
	return i < ARRAY_SIZE(summary_cols) ? summary_cols[i].name : NULL;
}

int results_column_index(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(summary_cols); i++)
		if (!strcmp(summary_cols[i].name, name))
			return (int)i;
	return -1;
}

/* The samples file: the key columns above, then these. */
const char *const samples_value_cols[SAMPLES_NR_COLS - SAMPLES_KEY_COLS] = {
	"iteration", "cycles", "instructions",
};

/* ---- rows ---- */

void result_trace_init(struct result_trace *tr)
{
	double *v = (double *)tr;

	for (size_t i = 0; i < sizeof(*tr) / sizeof(double); i++)
		v[i] = NAN;
}

void result_row_init(struct result_row *row, const struct fpb_config *cfg)
{
	memset(row, 0, sizeof(*row));
	row->cfg = *cfg;
	row->unit = UNIT_NS;
	row->cycles = (struct stats){
		.n = 0,
		.min = NAN, .p10 = NAN, .p25 = NAN, .median = NAN,
		.p75 = NAN, .p90 = NAN, .p99 = NAN, .max = NAN,
		.mean = NAN, .mad = NAN, .tmean = NAN,
		.ci_lo = NAN, .ci_hi = NAN,
	};
	row->instructions_median = NAN;
	row->baseline = NAN;
	row->guest_median = NAN;
	row->batch_cycles = NAN;
	row->batch_instructions = NAN;
	row->running_pct = NAN;
	result_trace_init(&row->tr);
	row->status = STATUS_OK;
	strcpy(row->reason, "-");
	strcpy(row->batch_events, "-");
}

void result_row_skip(struct result_row *row, const struct fpb_config *cfg,
		     const char *reason)
{
	result_row_init(row, cfg);
	row->status = STATUS_SKIP;
	snprintf(row->reason, sizeof(row->reason), "%s", reason);
}

/* Shortest "%.Ng" that reads back as exactly @v: readable and lossless. */
void results_format_double(double v, char *buf, size_t len)
{
	if (isnan(v)) {
		snprintf(buf, len, "nan");
		return;
	}
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(buf, len, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/* CSV-safe text: commas and line breaks would break the row structure. */
static void format_text(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < len; i++)
		buf[i] = s[i] == ',' ? ';' :
			 (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
	buf[i] = 0;
	if (!i)
		snprintf(buf, len, "-");
}

void results_format_field(const struct column *c, const void *base,
			  char *buf, size_t len)
{
	const char *p = (const char *)base + c->off;

	switch (c->type) {
	case COL_NAME: {
		int v = *(const int *)p;

		snprintf(buf, len, "%s", v >= 0 && v < c->nr_names &&
			 c->names[v] ? c->names[v] : "?");
		break;
	}
	case COL_UINT:
		snprintf(buf, len, "%u", *(const unsigned int *)p);
		break;
	case COL_U64:
		snprintf(buf, len, "%" PRIu64, *(const uint64_t *)p);
		break;
	case COL_DOUBLE:
		results_format_double(*(const double *)p, buf, len);
		break;
	case COL_BOOL:
		snprintf(buf, len, "%d", *(const bool *)p ? 1 : 0);
		break;
	case COL_TEXT:
		format_text(p, buf, len);
		break;
	}
}

void results_column_text(const struct result_row *row, size_t i,
			 char *buf, size_t len)
{
	if (i < ARRAY_SIZE(summary_cols))
		results_format_field(&summary_cols[i], row, buf, len);
	else
		snprintf(buf, len, "?");
}

static int write_row(FILE *f, const struct result_row *row)
{
	char buf[RESULTS_REASON_LEN + 32];

	for (size_t i = 0; i < ARRAY_SIZE(summary_cols); i++) {
		results_format_field(&summary_cols[i], row, buf, sizeof(buf));
		if (fprintf(f, "%s%s", i ? "," : "", buf) < 0)
			return -1;
	}
	return fputc('\n', f) == EOF ? -1 : 0;
}

static int write_header(FILE *f)
{
	for (size_t i = 0; i < ARRAY_SIZE(summary_cols); i++)
		if (fprintf(f, "%s%s", i ? "," : "", summary_cols[i].name) < 0)
			return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}

/* ---- writer ---- */

/*
 * The summary's rows are kept as the text they are written as: BASE.csv is
 * rewritten whole after every configuration, and formatting every row
 * again each time made a run of n rows cost n^2 / 2 row formats (minutes
 * of a 1788-row run in the emulated host).
 */
struct results_writer {
	char *base;
	FILE *samples;
	bool failed;		/* an add failed: the samples may be torn */
	char **lines;		/* each row's CSV line, '\n' included */
	size_t nr, cap;
};

static int fill_summary(FILE *f, const void *arg)
{
	const struct results_writer *w = arg;

	if (write_header(f))
		return -1;
	for (size_t i = 0; i < w->nr; i++)
		if (fputs(w->lines[i], f) == EOF)
			return -1;
	return 0;
}

/* BASE.csv: the header and every row of a result_set. */
static int fill_set(FILE *f, const void *arg)
{
	const struct result_set *set = arg;

	if (write_header(f))
		return -1;
	for (size_t i = 0; i < set->nr; i++)
		if (write_row(f, &set->rows[i]))
			return -1;
	return 0;
}

int results_write(const char *csv, const struct result_set *set)
{
	for (size_t i = 0; i < set->nr; i++)
		if (!results_row_valid(&set->rows[i])) {
			fprintf(stderr, "fpbench: %s: row %zu is invalid (enum out of range)\n",
				csv, i + 1);
			return FPB_FAIL;
		}
	return results_write_atomic(csv, fill_set, set);
}

struct results_writer *results_open(const char *base,
				    const struct run_meta *meta)
{
	struct results_writer *w = calloc(1, sizeof(*w));
	char path[4096];

	if (!w || !(w->base = strdup(base))) {
		fprintf(stderr, "fpbench: out of memory\n");
		free(w);
		return NULL;
	}
	if (results_path(base, ".json", path, sizeof(path)) >= (int)sizeof(path) ||
	    results_write_atomic(path, results_fill_meta, meta))
		goto fail;
	results_path(base, ".csv", path, sizeof(path));
	if (results_write_atomic(path, fill_summary, w))
		goto fail;
	/* A finished samples file of an earlier run to this BASE is not ours. */
	results_path(base, ".samples.csv", path, sizeof(path));
	if (unlink(path) && errno != ENOENT) {
		fprintf(stderr, "fpbench: cannot remove %s: %s\n", path, strerror(errno));
		goto fail;
	}
	results_path(base, ".samples.csv.partial", path, sizeof(path));
	w->samples = fopen(path, "w");
	if (!w->samples) {
		fprintf(stderr, "fpbench: cannot create %s: %s\n", path, strerror(errno));
		goto fail;
	}
	for (size_t i = 0; i < SAMPLES_NR_COLS; i++)
		fprintf(w->samples, "%s%s", i ? "," : "", i < SAMPLES_KEY_COLS ?
			summary_cols[i].name : samples_value_cols[i - SAMPLES_KEY_COLS]);
	if (fputc('\n', w->samples) == EOF || fflush(w->samples)) {
		fprintf(stderr, "fpbench: cannot write %s: %s\n", path, strerror(errno));
		fclose(w->samples);
		goto fail;
	}
	return w;
fail:
	free(w->base);
	free(w);
	return NULL;
}

bool results_row_valid(const struct result_row *row)
{
	for (size_t i = 0; i < ARRAY_SIZE(summary_cols); i++) {
		const struct column *c = &summary_cols[i];
		int v;

		if (c->type != COL_NAME)
			continue;
		v = *(const int *)((const char *)row + c->off);
		if (v < 0 || v >= c->nr_names || !c->names[v])
			return false;
	}
	return true;
}

int results_add(struct results_writer *w, const struct result_row *row,
		const double *cycles, const double *instructions, size_t n)
{
	char key[256], path[4096], c[40], in[40];
	size_t off = 0;

	if (!results_row_valid(row) || (n && !cycles)) {
		fprintf(stderr, "fpbench: results_add: invalid row (enum out of range or no samples)\n");
		return FPB_FAIL;
	}

	/* Key prefix of every sample line: the first columns of the summary. */
	for (int i = 0; i < SAMPLES_KEY_COLS; i++) {
		char buf[64];

		results_format_field(&summary_cols[i], row, buf, sizeof(buf));
		off += snprintf(key + off, sizeof(key) - off, "%s,", buf);
	}
	for (size_t i = 0; i < n; i++) {
		results_format_double(cycles[i], c, sizeof(c));
		results_format_double(instructions ? instructions[i] : NAN, in, sizeof(in));
		if (fprintf(w->samples, "%s%zu,%s,%s\n", key, i, c, in) < 0)
			break;
	}
	results_path(w->base, ".samples.csv.partial", path, sizeof(path));
	/* Samples reach the disk before the summary row that refers to them. */
	if (ferror(w->samples) || fflush(w->samples) || fsync(fileno(w->samples))) {
		fprintf(stderr, "fpbench: cannot write %s: %s\n", path, strerror(errno));
		w->failed = true;
		return FPB_EENV;
	}

	if (w->nr == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 64;
		char **l = realloc(w->lines, ncap * sizeof(*l));

		if (!l) {
			fprintf(stderr, "fpbench: out of memory\n");
			return FPB_EENV;
		}
		w->lines = l;
		w->cap = ncap;
	}
	{
		size_t len = 0;
		FILE *m = open_memstream(&w->lines[w->nr], &len);

		if (!m || write_row(m, row) || fclose(m)) {
			fprintf(stderr, "fpbench: out of memory\n");
			return FPB_EENV;
		}
	}
	w->nr++;
	results_path(w->base, ".csv", path, sizeof(path));
	if (results_write_atomic(path, fill_summary, w)) {
		free(w->lines[--w->nr]);
		return FPB_EENV;
	}
	return FPB_OK;
}

int results_close(struct results_writer *w)
{
	char partial[4096], final[4096];
	int ret = FPB_OK;

	if (!w)
		return FPB_OK;
	results_path(w->base, ".samples.csv.partial", partial, sizeof(partial));
	results_path(w->base, ".samples.csv", final, sizeof(final));
	if (w->failed) {
		/* Left as .partial: it may hold a torn configuration. */
		results_close_synced(w->samples);
		fprintf(stderr, "fpbench: %s kept as .partial after a write error\n", partial);
		ret = FPB_EENV;
	} else if (results_close_synced(w->samples) || rename(partial, final)) {
		fprintf(stderr, "fpbench: cannot finish %s: %s\n", final, strerror(errno));
		ret = FPB_EENV;
	} else {
		results_fsync_dir_of(final);
	}
	for (size_t i = 0; i < w->nr; i++)
		free(w->lines[i]);
	free(w->lines);
	free(w->base);
	free(w);
	return ret;
}
