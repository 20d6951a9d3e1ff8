// SPDX-License-Identifier: GPL-2.0
/*
 * Results files, schema 1 (results/README.md). The CSV columns are one
 * table, used by both the writer and the reader, so the two cannot drift.
 *
 * Crash safety: a run can be killed at any moment (OOM, watchdog, the
 * emulated host powering off), and later analysis must never see half a
 * row. BASE.csv is therefore rewritten whole after each configuration
 * (temporary file, fsync, rename, directory fsync); samples of a
 * configuration are appended and fsynced *before* its summary row appears,
 * so every summary row has its samples.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "results.h"

#ifndef FPBENCH_VERSION
#define FPBENCH_VERSION "unknown"
#endif

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

enum col_type {
	COL_NAME,	/* int-sized enum, written by name */
	COL_UINT,	/* unsigned int */
	COL_U64,	/* uint64_t */
	COL_DOUBLE,	/* double, shortest exact text, nan */
	COL_BOOL,	/* bool as 0/1 */
	COL_TEXT,	/* char[RESULTS_REASON_LEN], no commas */
};

struct column {
	const char *name;
	enum col_type type;
	size_t off;
	const char *const *names;	/* COL_NAME */
	int nr_names;
};

#define ROW_OFF(field)	offsetof(struct result_row, field)
#define COL(n, t, f)	{ n, t, ROW_OFF(f), NULL, 0 }
#define COL_N(n, f, tbl, nr)	{ n, COL_NAME, ROW_OFF(f), tbl, nr }

static const struct column summary_cols[] = {
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

/*
 * Column counts a summary file may have: every column, or the trace and
 * what follows it left out (files from before the trace), or only
 * batch_events left out (files from before it).
 */
static size_t summary_nr_before(const char *name)
{
	size_t i = 0;

	while (i < ARRAY_SIZE(summary_cols) &&
	       strncmp(summary_cols[i].name, name, strlen(name)))
		i++;
	return i;
}

/* The samples file: the key columns above, then these. */
#define SAMPLES_KEY_COLS	7
static const char samples_header[] =
	"bench,exit,host_fp,guest_fp,vl_bits,svl_bits,fp_mode,iteration,cycles,instructions";
#define SAMPLES_NR_COLS		10

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
static void format_double(double v, char *buf, size_t len)
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

static void format_field(const struct column *c, const void *base,
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
		format_double(*(const double *)p, buf, len);
		break;
	case COL_BOOL:
		snprintf(buf, len, "%d", *(const bool *)p ? 1 : 0);
		break;
	case COL_TEXT:
		format_text(p, buf, len);
		break;
	}
}

static int write_row(FILE *f, const struct result_row *row)
{
	char buf[RESULTS_REASON_LEN + 32];

	for (size_t i = 0; i < ARRAY_SIZE(summary_cols); i++) {
		format_field(&summary_cols[i], row, buf, sizeof(buf));
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

struct results_writer {
	char *base;
	FILE *samples;
	bool failed;		/* an add failed: the samples may be torn */
	struct result_row *rows;
	size_t nr, cap;
};

int results_path(const char *base_or_csv, const char *suffix,
		 char *buf, size_t len)
{
	static const char *const exts[] = { ".samples.csv.partial",
					    ".samples.csv", ".csv", ".json" };
	char *in = strdup(base_or_csv);	/* @buf may be @base_or_csv */
	size_t n;
	int ret;

	if (!in)
		return snprintf(buf, len, "%s", "");
	n = strlen(in);
	for (size_t i = 0; i < ARRAY_SIZE(exts); i++) {
		size_t e = strlen(exts[i]);

		if (n > e && !strcmp(in + n - e, exts[i])) {
			n -= e;
			break;
		}
	}
	in[n] = 0;
	ret = snprintf(buf, len, "%s%s", in, suffix);
	free(in);
	return ret;
}

/* Make a rename durable: fsync the directory holding @path. */
static void fsync_dir_of(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int fd;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);	/* best effort: some filesystems refuse */
		close(fd);
	}
}

/* Close @f after flushing it to disk; -1 (errno set) on any failure. */
static int close_synced(FILE *f)
{
	int ret = 0;

	if (fflush(f) || fsync(fileno(f)))
		ret = -1;
	if (fclose(f))
		ret = -1;
	return ret;
}

/* Write a file whole through "@path.tmp" and rename it into place. */
static int write_atomic(const char *path, int (*fill)(FILE *, const void *),
			const void *arg)
{
	char tmp[4096];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		fprintf(stderr, "fpbench: path too long: %s\n", path);
		return FPB_EENV;
	}
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "fpbench: cannot create %s: %s\n", tmp, strerror(errno));
		return FPB_EENV;
	}
	if (fill(f, arg) || ferror(f)) {
		fprintf(stderr, "fpbench: cannot write %s: %s\n", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return FPB_EENV;
	}
	if (close_synced(f) || rename(tmp, path)) {
		fprintf(stderr, "fpbench: cannot write %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return FPB_EENV;
	}
	fsync_dir_of(path);
	return FPB_OK;
}

static int fill_set(FILE *f, const void *arg);

static int fill_summary(FILE *f, const void *arg)
{
	const struct results_writer *w = arg;
	const struct result_set set = { .rows = w->rows, .nr = w->nr };

	return fill_set(f, &set);
}

static bool row_valid(const struct result_row *row);

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
		if (!row_valid(&set->rows[i])) {
			fprintf(stderr, "fpbench: %s: row %zu is invalid (enum out of range)\n",
				csv, i + 1);
			return FPB_FAIL;
		}
	return write_atomic(csv, fill_set, set);
}

/* -- JSON output -- */


static void json_key_string(FILE *f, const char *indent, const char *key,
			    const char *val, bool last)
{
	fprintf(f, "%s\"%s\": ", indent, key);
	json_put_string(f, val);
	fputs(last ? "\n" : ",\n", f);
}

static void json_vls(FILE *f, const char *key, const unsigned int *vls,
		     size_t nr)
{
	fprintf(f, "  \"%s\": [", key);
	for (size_t i = 0; i < nr; i++)
		fprintf(f, "%s%u", i ? ", " : "", vls[i]);
	fputs("],\n", f);
}

static int fill_meta(FILE *f, const void *arg)
{
	const struct run_meta *m = arg;
	bool first = true;
	char hex[32];

	fprintf(f, "{\n  \"schema\": %d,\n", RESULTS_SCHEMA);
	json_key_string(f, "  ", "tool", "kvm-fpbench", false);
	json_key_string(f, "  ", "version", m->version, false);
	json_key_string(f, "  ", "date", m->date, false);
	json_key_string(f, "  ", "command_line", m->command_line, false);
	json_key_string(f, "  ", "host", m->host, false);
	json_key_string(f, "  ", "kernel", m->kernel, false);
	json_key_string(f, "  ", "kernel_version", m->kernel_version, false);
	json_key_string(f, "  ", "kernel_config", m->kernel_config, false);
	fputs("  \"fp_modes\": [", f);
	for (int i = 0; i < FP_MODE_NR; i++) {
		if (!(m->fp_modes & (1u << i)))
			continue;
		fputs(first ? "" : ", ", f);
		json_put_string(f, fp_mode_names[i]);
		first = false;
	}
	fputs("],\n  \"cpu\": {\n", f);
	snprintf(hex, sizeof(hex), "0x%08" PRIx64, m->cpu.midr);
	json_key_string(f, "    ", "midr", hex, false);
	snprintf(hex, sizeof(hex), "0x%02x", m->cpu.implementer);
	json_key_string(f, "    ", "implementer", hex, false);
	snprintf(hex, sizeof(hex), "0x%03x", m->cpu.part);
	json_key_string(f, "    ", "part", hex, false);
	json_key_string(f, "    ", "name", m->cpu.name, true);
	fputs("  },\n", f);
	json_vls(f, "sve_vls", m->sve_vls, m->nr_sve_vls);
	json_vls(f, "sme_vls", m->sme_vls, m->nr_sme_vls);
	fprintf(f, "  \"emulated\": %s,\n", m->emulated ? "true" : "false");
	json_key_string(f, "  ", "emulation", m->emulation, false);
	fputs("  \"counter\": {\n", f);
	json_key_string(f, "    ", "unit",
			m->counter.unit < UNIT_NR ?
			result_unit_names[m->counter.unit] : "?", false);
	json_key_string(f, "    ", "source", m->counter.source, false);
	fputs("    \"events\": [", f);
	for (size_t i = 0; i < m->counter.nr_events; i++) {
		fputs(i ? ", " : "", f);
		json_put_string(f, m->counter.events[i]);
	}
	fputs("],\n", f);
	json_key_string(f, "    ", "pmu_unavailable", m->counter.pmu_unavailable,
			true);
	fputs("  },\n", f);
	fprintf(f, "  \"pinned_cpu\": %d,\n", m->pinned_cpu);
	fprintf(f, "  \"iterations\": %u,\n", m->iterations);
	fprintf(f, "  \"warmup\": %u,\n", m->warmup);
	fprintf(f, "  \"batches\": %u,\n", m->batches);
	fprintf(f, "  \"seed\": %" PRIu64 "\n}\n", m->seed);
	return 0;
}

void results_meta_init(struct run_meta *meta, int argc, char **argv)
{
	struct utsname u;
	struct tm tm;
	time_t now = time(NULL);
	size_t off = 0;

	memset(meta, 0, sizeof(*meta));
	snprintf(meta->version, sizeof(meta->version), "%s", FPBENCH_VERSION);
	if (gmtime_r(&now, &tm))
		strftime(meta->date, sizeof(meta->date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (int i = 0; i < argc && off < sizeof(meta->command_line); i++)
		off += snprintf(meta->command_line + off,
				sizeof(meta->command_line) - off, "%s%s",
				i ? " " : "", argv[i]);
	if (gethostname(meta->host, sizeof(meta->host) - 1))
		meta->host[0] = 0;
	if (!uname(&u)) {
		snprintf(meta->kernel, sizeof(meta->kernel), "%s", u.release);
		snprintf(meta->kernel_version, sizeof(meta->kernel_version),
			 "%s", u.version);
	}
	meta->pinned_cpu = -1;
}

int results_meta_set_date(struct run_meta *meta, const char *date)
{
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	bool ok = strlen(date) == sizeof(form) - 1;

	for (size_t i = 0; ok && i < sizeof(form) - 1; i++)
		ok = form[i] == 'd' ? date[i] >= '0' && date[i] <= '9' : date[i] == form[i];
	if (!ok)
		return -1;
	memcpy(meta->date, date, sizeof(form));
	return 0;
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
	    write_atomic(path, fill_meta, meta))
		goto fail;
	results_path(base, ".csv", path, sizeof(path));
	if (write_atomic(path, fill_summary, w))
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
	if (fprintf(w->samples, "%s\n", samples_header) < 0 || fflush(w->samples)) {
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

/* Would @row read back? Name columns must hold a known value. */
static bool row_valid(const struct result_row *row)
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

	if (!row_valid(row) || (n && !cycles)) {
		fprintf(stderr, "fpbench: results_add: invalid row (enum out of range or no samples)\n");
		return FPB_FAIL;
	}

	/* Key prefix of every sample line: the first columns of the summary. */
	for (int i = 0; i < SAMPLES_KEY_COLS; i++) {
		char buf[64];

		format_field(&summary_cols[i], row, buf, sizeof(buf));
		off += snprintf(key + off, sizeof(key) - off, "%s,", buf);
	}
	for (size_t i = 0; i < n; i++) {
		format_double(cycles[i], c, sizeof(c));
		format_double(instructions ? instructions[i] : NAN, in, sizeof(in));
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
		struct result_row *r = realloc(w->rows, ncap * sizeof(*r));

		if (!r) {
			fprintf(stderr, "fpbench: out of memory\n");
			return FPB_EENV;
		}
		w->rows = r;
		w->cap = ncap;
	}
	w->rows[w->nr++] = *row;
	results_path(w->base, ".csv", path, sizeof(path));
	if (write_atomic(path, fill_summary, w)) {
		w->nr--;
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
		close_synced(w->samples);
		fprintf(stderr, "fpbench: %s kept as .partial after a write error\n", partial);
		ret = FPB_EENV;
	} else if (close_synced(w->samples) || rename(partial, final)) {
		fprintf(stderr, "fpbench: cannot finish %s: %s\n", final, strerror(errno));
		ret = FPB_EENV;
	} else {
		fsync_dir_of(final);
	}
	free(w->rows);
	free(w->base);
	free(w);
	return ret;
}

/* ---- reader ---- */

/*
 * Whole file in memory, NUL-terminated. Empty files are data errors, and
 * for @csv so is a last line without '\n' (a truncated write).
 */
static int slurp(const char *path, bool csv, char **out, size_t *len,
		 char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	size_t cap = 65536, n = 0;
	char *buf;

	/* A missing, unreadable or directory input is bad input (3), like a
	 * malformed one; only running out of memory is the environment (6). */
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return FPB_EDATA;
	}
	buf = malloc(cap + 1);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap)
			break;
		cap *= 2;
		char *nb = realloc(buf, cap + 1);

		if (!nb) {
			free(buf);
			buf = NULL;
		}
		buf = nb;
	}
	if (!buf || ferror(f)) {
		int rc = buf ? FPB_EDATA : FPB_EENV;

		snprintf(err, errlen, "%s: cannot read: %s", path,
			 buf ? strerror(errno) : "out of memory");
		free(buf);
		fclose(f);
		return rc;
	}
	fclose(f);
	buf[n] = 0;
	if (!n) {
		snprintf(err, errlen, "%s: empty file", path);
		free(buf);
		return FPB_EDATA;
	}
	if (strlen(buf) != n) {
		snprintf(err, errlen, "%s: binary data (NUL byte) in a text file", path);
		free(buf);
		return FPB_EDATA;
	}
	if (csv && buf[n - 1] != '\n') {
		size_t line = 1;

		for (size_t i = 0; i < n; i++)
			line += buf[i] == '\n';
		snprintf(err, errlen,
			 "%s:%zu: last line has no trailing newline (truncated file?)",
			 path, line);
		free(buf);
		return FPB_EDATA;
	}
	*out = buf;
	*len = n;
	return FPB_OK;
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
	char *f[64];
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
	for (size_t i = 0; i < ARRAY_SIZE(summary_cols); i++) {
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
	size_t ncol = ARRAY_SIZE(summary_cols);
	const char *want[ARRAY_SIZE(summary_cols)];
	char *buf, *line, *f[ARRAY_SIZE(summary_cols) + 1];
	size_t len, pos = 0, lineno = 1, cap = 0;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = slurp(csv, true, &buf, &len, err, errlen);
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
	for (size_t i = 0; i < set->nr; i++) {
		const struct fpb_config *c = &set->rows[i].cfg;

		if (c->bench == key->bench && c->exit == key->exit &&
		    c->host_fp == key->host_fp && c->guest_fp == key->guest_fp &&
		    c->vl_bits == key->vl_bits && c->svl_bits == key->svl_bits &&
		    c->fp_mode == mode)
			return &set->rows[i];
	}
	return NULL;
}

/* ---- samples reader ---- */

static bool same_config(const struct fpb_config *a, const struct fpb_config *b)
{
	return a->bench == b->bench && a->exit == b->exit &&
	       a->host_fp == b->host_fp && a->guest_fp == b->guest_fp &&
	       a->vl_bits == b->vl_bits && a->svl_bits == b->svl_bits &&
	       a->fp_mode == b->fp_mode;
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
	static const char *const want[SAMPLES_NR_COLS] = {
		"bench", "exit", "host_fp", "guest_fp", "vl_bits", "svl_bits",
		"fp_mode", "iteration", "cycles", "instructions",
	};
	char *buf, *line, *f[SAMPLES_NR_COLS + 1];
	size_t len, pos = 0, lineno = 1, set_cap = 0, *caps = NULL, ncol;
	struct sample_series *cur = NULL;
	size_t *cur_cap = NULL;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = slurp(csv, true, &buf, &len, err, errlen);
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

/* ---- metadata reader: a small JSON parser (DOM) ---- */

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY,
		 JSON_OBJECT };

struct json_node {
	enum json_type type;
	bool b;
	char *text;			/* string value, or number as written */
	struct json_node *kids;		/* array elements / object values */
	char **keys;			/* object keys */
	size_t n;
};

struct json_parser {
	const char *s;
	size_t pos, len;
	unsigned int line, depth;
	const char *path;
	char *err;
	size_t errlen;
};

/* Deep documents are not ours: refuse rather than recurse without bound. */
#define JSON_MAX_DEPTH	32

static int json_fail(struct json_parser *p, const char *what)
{
	snprintf(p->err, p->errlen, "%s:%u: bad JSON: %s", p->path, p->line, what);
	return -1;
}

static void json_ws(struct json_parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];

		if (c == '\n')
			p->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			return;
		p->pos++;
	}
}

static void json_free(struct json_node *n)
{
	for (size_t i = 0; i < n->n; i++) {
		json_free(&n->kids[i]);
		if (n->keys)
			free(n->keys[i]);
	}
	free(n->kids);
	free(n->keys);
	free(n->text);
	memset(n, 0, sizeof(*n));
}

static int json_hex4(struct json_parser *p, unsigned int *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p->pos < p->len ? p->s[p->pos++] : 0;

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return json_fail(p, "bad \\u escape");
	}
	return 0;
}

/* Parse a string at p->pos (at the opening quote) into malloc'd UTF-8. */
static int json_string_value(struct json_parser *p, char **out)
{
	size_t cap = 32, n = 0;
	char *buf = malloc(cap);

	if (!buf)
		return json_fail(p, "out of memory");
	p->pos++;	/* opening quote */
	while (1) {
		unsigned char c;
		char enc[4];
		size_t k = 0;

		if (p->pos >= p->len) {
			free(buf);
			return json_fail(p, "unterminated string");
		}
		c = p->s[p->pos++];
		if (c == '"')
			break;
		if (c < 0x20) {
			free(buf);
			return json_fail(p, "control character in string");
		}
		if (c != '\\') {
			enc[k++] = c;
		} else {
			char e = p->pos < p->len ? p->s[p->pos++] : 0;
			unsigned int cp, lo;

			switch (e) {
			case '"': case '\\': case '/':
				enc[k++] = e;
				break;
			case 'b': enc[k++] = '\b'; break;
			case 'f': enc[k++] = '\f'; break;
			case 'n': enc[k++] = '\n'; break;
			case 'r': enc[k++] = '\r'; break;
			case 't': enc[k++] = '\t'; break;
			case 'u':
				if (json_hex4(p, &cp)) {
					free(buf);
					return -1;
				}
				/* A surrogate pair encodes one code point above U+FFFF. */
				if (cp >= 0xd800 && cp < 0xdc00 && p->pos + 1 < p->len &&
				    p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
					p->pos += 2;
					if (json_hex4(p, &lo)) {
						free(buf);
						return -1;
					}
					if (lo < 0xdc00 || lo > 0xdfff) {
						free(buf);
						return json_fail(p, "bad surrogate pair");
					}
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				}
				if (!cp || (cp >= 0xd800 && cp < 0xe000)) {
					free(buf);
					return json_fail(p, "\\u0000 or lone surrogate");
				}
				if (cp < 0x80) {
					enc[k++] = cp;
				} else if (cp < 0x800) {
					enc[k++] = 0xc0 | (cp >> 6);
					enc[k++] = 0x80 | (cp & 0x3f);
				} else if (cp < 0x10000) {
					enc[k++] = 0xe0 | (cp >> 12);
					enc[k++] = 0x80 | ((cp >> 6) & 0x3f);
					enc[k++] = 0x80 | (cp & 0x3f);
				} else {
					enc[k++] = 0xf0 | (cp >> 18);
					enc[k++] = 0x80 | ((cp >> 12) & 0x3f);
					enc[k++] = 0x80 | ((cp >> 6) & 0x3f);
					enc[k++] = 0x80 | (cp & 0x3f);
				}
				break;
			default:
				free(buf);
				return json_fail(p, "bad escape in string");
			}
		}
		if (n + k + 1 > cap) {
			char *nb = realloc(buf, cap *= 2);

			if (!nb) {
				free(buf);
				return json_fail(p, "out of memory");
			}
			buf = nb;
		}
		memcpy(buf + n, enc, k);
		n += k;
	}
	buf[n] = 0;
	*out = buf;
	return 0;
}

static int json_value(struct json_parser *p, struct json_node *out);

static int json_push(struct json_parser *p, struct json_node *parent,
		     size_t *cap, char *key)
{
	if (parent->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct json_node *nk = realloc(parent->kids, ncap * sizeof(*nk));

		if (!nk)
			return json_fail(p, "out of memory");
		parent->kids = nk;
		if (parent->type == JSON_OBJECT) {
			char **nkeys = realloc(parent->keys, ncap * sizeof(*nkeys));

			if (!nkeys)
				return json_fail(p, "out of memory");
			parent->keys = nkeys;
		}
		*cap = ncap;
	}
	memset(&parent->kids[parent->n], 0, sizeof(parent->kids[0]));
	if (parent->type == JSON_OBJECT)
		parent->keys[parent->n] = key;
	parent->n++;
	return json_value(p, &parent->kids[parent->n - 1]);
}

static int json_container(struct json_parser *p, struct json_node *out,
			  bool object)
{
	char close = object ? '}' : ']';
	size_t cap = 0;

	out->type = object ? JSON_OBJECT : JSON_ARRAY;
	if (++p->depth > JSON_MAX_DEPTH)
		return json_fail(p, "nested too deeply");
	p->pos++;
	json_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		p->depth--;
		return 0;
	}
	while (1) {
		char *key = NULL;

		json_ws(p);
		if (object) {
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return json_fail(p, "expected a \"key\"");
			if (json_string_value(p, &key))
				return -1;
			json_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':') {
				free(key);
				return json_fail(p, "expected ':' after a key");
			}
			p->pos++;
		}
		if (json_push(p, out, &cap, key)) {
			/* json_push stored the key unless growing failed. */
			if (out->n == 0 || (object && out->keys[out->n - 1] != key))
				free(key);
			return -1;
		}
		json_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close) {
			p->pos++;
			p->depth--;
			return 0;
		}
		return json_fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

/* Skip a run of decimal digits; whether there was at least one. */
static bool json_digits(struct json_parser *p)
{
	size_t start = p->pos;

	while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
		p->pos++;
	return p->pos > start;
}

static int json_number(struct json_parser *p, struct json_node *out)
{
	size_t start = p->pos;
	const char *s = p->s;

	/* JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
	if (p->pos < p->len && s[p->pos] == '-')
		p->pos++;
	if (!json_digits(p))
		return json_fail(p, "unexpected character");
	if (p->pos < p->len && s[p->pos] == '.') {
		p->pos++;
		if (!json_digits(p))
			return json_fail(p, "bad number");
	}
	if (p->pos < p->len && (s[p->pos] == 'e' || s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (s[p->pos] == '+' || s[p->pos] == '-'))
			p->pos++;
		if (!json_digits(p))
			return json_fail(p, "bad number");
	}
	out->type = JSON_NUMBER;
	out->text = strndup(s + start, p->pos - start);
	return out->text ? 0 : json_fail(p, "out of memory");
}

static int json_value(struct json_parser *p, struct json_node *out)
{
	static const struct {
		const char *word;
		enum json_type type;
		bool b;
	} words[] = {
		{ "true", JSON_BOOL, true },
		{ "false", JSON_BOOL, false },
		{ "null", JSON_NULL, false },
	};

	json_ws(p);
	if (p->pos >= p->len)
		return json_fail(p, "unexpected end of file");
	switch (p->s[p->pos]) {
	case '{':
		return json_container(p, out, true);
	case '[':
		return json_container(p, out, false);
	case '"':
		out->type = JSON_STRING;
		return json_string_value(p, &out->text);
	}
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		size_t l = strlen(words[i].word);

		if (p->len - p->pos >= l && !strncmp(p->s + p->pos, words[i].word, l)) {
			p->pos += l;
			out->type = words[i].type;
			out->b = words[i].b;
			return 0;
		}
	}
	return json_number(p, out);
}

static const struct json_node *json_get(const struct json_node *obj,
					const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return &obj->kids[i];
	return NULL;
}

struct meta_reader {
	const char *path;
	char *err;
	size_t errlen;
	int ret;
};

static void meta_bad(struct meta_reader *r, const char *key, const char *what)
{
	if (r->ret)
		return;	/* keep the first problem */
	snprintf(r->err, r->errlen, "%s: key \"%s\": %s", r->path, key, what);
	r->ret = FPB_EDATA;
}

static void meta_string(struct meta_reader *r, const struct json_node *obj,
			const char *key, char *dst, size_t len)
{
	const struct json_node *n = json_get(obj, key);

	if (!n)
		return;
	if (n->type != JSON_STRING)
		return meta_bad(r, key, "expected a string");
	snprintf(dst, len, "%s", n->text);
}

/* Unsigned integer from a number or a "0x..." string (MIDR fields). */
static void meta_u64(struct meta_reader *r, const struct json_node *obj,
		     const char *key, uint64_t max, uint64_t *dst)
{
	const struct json_node *n = json_get(obj, key);
	char *end;
	uint64_t v;

	if (!n)
		return;
	if (n->type != JSON_NUMBER && n->type != JSON_STRING)
		return meta_bad(r, key, "expected an unsigned integer");
	errno = 0;
	v = strtoull(n->text, &end, n->type == JSON_STRING ? 16 : 10);
	if (errno || *end || end == n->text || n->text[0] == '-' || v > max)
		return meta_bad(r, key, "expected an unsigned integer in range");
	*dst = v;
}

static void meta_uint(struct meta_reader *r, const struct json_node *obj,
		      const char *key, unsigned int *dst)
{
	uint64_t v = *dst;

	meta_u64(r, obj, key, UINT32_MAX, &v);
	*dst = (unsigned int)v;
}

static void meta_vls(struct meta_reader *r, const struct json_node *obj,
		     const char *key, unsigned int *vls, size_t *nr)
{
	const struct json_node *n = json_get(obj, key);

	if (!n)
		return;
	if (n->type != JSON_ARRAY || n->n > RESULTS_MAX_VLS)
		return meta_bad(r, key, "expected an array of at most 16 numbers");
	for (size_t i = 0; i < n->n; i++) {
		char *end;
		unsigned long v;

		if (n->kids[i].type != JSON_NUMBER)
			return meta_bad(r, key, "expected numbers");
		v = strtoul(n->kids[i].text, &end, 10);
		if (*end || v > 65536)
			return meta_bad(r, key, "expected vector lengths in bits");
		vls[i] = v;
	}
	*nr = n->n;
}

static void meta_fill(struct meta_reader *r, const struct json_node *root,
		      struct run_meta *m)
{
	const struct json_node *n, *cpu, *ctr;
	uint64_t v;

	meta_string(r, root, "version", m->version, sizeof(m->version));
	meta_string(r, root, "date", m->date, sizeof(m->date));
	meta_string(r, root, "command_line", m->command_line, sizeof(m->command_line));
	meta_string(r, root, "host", m->host, sizeof(m->host));
	meta_string(r, root, "kernel", m->kernel, sizeof(m->kernel));
	meta_string(r, root, "kernel_version", m->kernel_version,
		    sizeof(m->kernel_version));
	meta_string(r, root, "kernel_config", m->kernel_config, sizeof(m->kernel_config));
	n = json_get(root, "fp_modes");
	if (n && n->type != JSON_ARRAY)
		meta_bad(r, "fp_modes", "expected an array");
	for (size_t i = 0; n && n->type == JSON_ARRAY && i < n->n; i++) {
		int mode = n->kids[i].type == JSON_STRING ?
			   fpb_lookup(fp_mode_names, FP_MODE_NR, n->kids[i].text) : -1;

		if (mode < 0)
			meta_bad(r, "fp_modes", "unknown mode");
		else
			m->fp_modes |= 1u << mode;
	}
	cpu = json_get(root, "cpu");
	if (cpu && cpu->type != JSON_OBJECT)
		meta_bad(r, "cpu", "expected an object");
	meta_u64(r, cpu, "midr", UINT64_MAX, &m->cpu.midr);
	meta_uint(r, cpu, "implementer", &m->cpu.implementer);
	meta_uint(r, cpu, "part", &m->cpu.part);
	meta_string(r, cpu, "name", m->cpu.name, sizeof(m->cpu.name));
	meta_vls(r, root, "sve_vls", m->sve_vls, &m->nr_sve_vls);
	meta_vls(r, root, "sme_vls", m->sme_vls, &m->nr_sme_vls);
	n = json_get(root, "emulated");
	if (n && n->type != JSON_BOOL)
		meta_bad(r, "emulated", "expected true or false");
	else if (n)
		m->emulated = n->b;
	meta_string(r, root, "emulation", m->emulation, sizeof(m->emulation));
	ctr = json_get(root, "counter");
	if (ctr && ctr->type != JSON_OBJECT)
		meta_bad(r, "counter", "expected an object");
	n = json_get(ctr, "unit");
	if (n) {
		int u = n->type == JSON_STRING ?
			fpb_lookup(result_unit_names, UNIT_NR, n->text) : -1;

		if (u < 0)
			meta_bad(r, "unit", "expected cycles, cntvct or ns");
		else
			m->counter.unit = u;
	}
	meta_string(r, ctr, "source", m->counter.source, sizeof(m->counter.source));
	n = json_get(ctr, "events");
	if (n && (n->type != JSON_ARRAY || n->n > RESULTS_MAX_EVENTS))
		meta_bad(r, "events", "expected an array of at most 8 strings");
	for (size_t i = 0; n && n->type == JSON_ARRAY && i < n->n &&
	     i < RESULTS_MAX_EVENTS; i++) {
		if (n->kids[i].type != JSON_STRING) {
			meta_bad(r, "events", "expected strings");
			break;
		}
		snprintf(m->counter.events[i], sizeof(m->counter.events[i]), "%s",
			 n->kids[i].text);
		m->counter.nr_events = i + 1;
	}
	meta_string(r, ctr, "pmu_unavailable", m->counter.pmu_unavailable,
		    sizeof(m->counter.pmu_unavailable));
	n = json_get(root, "pinned_cpu");
	if (n) {
		char *end;
		long c = n->type == JSON_NUMBER ? strtol(n->text, &end, 10) : 0;

		if (n->type != JSON_NUMBER || *end || c < -1 || c > 65535)
			meta_bad(r, "pinned_cpu", "expected a CPU number or -1");
		else
			m->pinned_cpu = c;
	}
	meta_uint(r, root, "iterations", &m->iterations);
	meta_uint(r, root, "warmup", &m->warmup);
	meta_uint(r, root, "batches", &m->batches);
	v = m->seed;
	meta_u64(r, root, "seed", UINT64_MAX, &v);
	m->seed = v;
}

int results_read_meta(const char *json, struct run_meta *meta,
		      char *err, size_t errlen)
{
	struct json_parser p = { .line = 1, .path = json, .err = err,
				 .errlen = errlen };
	struct meta_reader r = { .path = json, .err = err, .errlen = errlen };
	struct json_node root = { 0 };
	const struct json_node *schema;
	char *buf;
	size_t len;
	int ret;

	memset(meta, 0, sizeof(*meta));
	meta->pinned_cpu = -1;
	ret = slurp(json, false, &buf, &len, err, errlen);
	if (ret)
		return ret;
	p.s = buf;
	p.len = len;
	if (json_value(&p, &root)) {
		ret = FPB_EDATA;
		goto out;
	}
	json_ws(&p);
	if (p.pos != p.len) {
		json_fail(&p, "trailing data after the object");
		ret = FPB_EDATA;
		goto out;
	}
	if (root.type != JSON_OBJECT) {
		snprintf(err, errlen, "%s: not a JSON object", json);
		ret = FPB_EDATA;
		goto out;
	}
	schema = json_get(&root, "schema");
	if (!schema || schema->type != JSON_NUMBER ||
	    strcmp(schema->text, "1")) {
		snprintf(err, errlen, "%s: \"schema\" is %s, this reader knows schema %d",
			 json, schema && schema->text ? schema->text : "missing",
			 RESULTS_SCHEMA);
		ret = FPB_EDATA;
		goto out;
	}
	meta_fill(&r, &root, meta);
	ret = r.ret;
out:
	json_free(&root);
	free(buf);
	return ret;
}
