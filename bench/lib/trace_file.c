// SPDX-License-Identifier: GPL-2.0
/* Reading the trace plugin's output and merging it into results rows. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix.h"
#include "trace.h"
#include "trace_file.h"

static const char *const set_cols[TC_NR] = { TRACE_SET_COLUMNS };

/* The header line the plugin writes, built from the same column list. */
static void trace_header(char *buf, size_t len)
{
	static const char *const sets[4] = { "run", "iter", "run_med", "iter_med" };
	size_t off = snprintf(buf, len, "id\twindows\tsections");

	for (int s = 0; s < 4; s++)
		for (int i = 0; i < TC_NR && off < len; i++)
			off += snprintf(buf + off, len - off, "\t%s_%s",
					sets[s], set_cols[i]);
}

/* A median: a count, or a count and ".5" (the mean of two middle samples). */
static int parse_half(const char *s, double *v)
{
	char buf[32];
	size_t n = strlen(s);
	uint64_t u;
	bool half = n > 2 && !strcmp(s + n - 2, ".5");

	if (half) {
		if (n - 2 >= sizeof(buf))
			return -1;
		memcpy(buf, s, n - 2);
		buf[n - 2] = 0;
		s = buf;
	}
	if (results_parse_u64(s, 10, &u))
		return -1;
	*v = (double)u + (half ? 0.5 : 0);
	return 0;
}

static int trace_line(char *line, struct trace_entry *e)
{
	char *f[3 + 4 * TC_NR + 1];
	size_t n = 0, med = 3 + 2 * TC_NR;

	for (char *p = line; n < ARRAY_SIZE(f);) {
		f[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = 0;
	}
	if (n != 3 + 4 * TC_NR || strlen(f[0]) != 16)
		return -1;
	if (results_parse_u64(f[0], 16, &e->id) ||
	    results_parse_u64(f[1], 10, &e->windows) ||
	    results_parse_u64(f[2], 10, &e->sections))
		return -1;
	for (int i = 0; i < TC_NR; i++)
		if (results_parse_u64(f[3 + i], 10, &e->run[i]) ||
		    results_parse_u64(f[3 + TC_NR + i], 10, &e->iter[i]))
			return -1;
	/* The medians: all numbers (the id had sections) or all "-". */
	e->has_med = strcmp(f[med], "-") != 0;
	for (int i = 0; i < 2 * TC_NR; i++) {
		double *v = i < TC_NR ? &e->run_med[i] : &e->iter_med[i - TC_NR];

		if (!e->has_med ? strcmp(f[med + i], "-") != 0 :
				  parse_half(f[med + i], v) != 0)
			return -1;
	}
	if (e->has_med != (e->sections > 0))
		return -1;
	return 0;
}

int trace_read(const char *path, struct trace_set *out, char *err, size_t len)
{
	char want[1024], version[64], *line = NULL;
	size_t cap = 0, lineno = 0, ecap = 0;
	ssize_t n;
	int ret = FPB_OK;
	FILE *f;

	memset(out, 0, sizeof(*out));
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return FPB_EENV;
	}
	trace_header(want, sizeof(want));
	snprintf(version, sizeof(version), "# fptrace %d", TRACE_PROTOCOL_VERSION);
	while ((n = getline(&line, &cap, f)) >= 0) {
		struct trace_entry e;

		lineno++;
		if (n == 0 || line[n - 1] != '\n') {
			snprintf(err, len, "%s:%zu: truncated line", path, lineno);
			ret = FPB_EDATA;
			break;
		}
		line[n - 1] = 0;
		if (lineno == 1 || lineno == 2) {
			const char *w = lineno == 1 ? version : want;

			if (strcmp(line, w)) {
				snprintf(err, len, "%s:%zu: expected '%.60s'", path,
					 lineno, w);
				ret = FPB_EDATA;
				break;
			}
			continue;
		}
		if (trace_line(line, &e)) {
			snprintf(err, len, "%s:%zu: malformed entry", path, lineno);
			ret = FPB_EDATA;
			break;
		}
		for (size_t i = 0; i < out->nr; i++)
			if (out->entries[i].id == e.id) {
				snprintf(err, len, "%s:%zu: id %016" PRIx64 " twice",
					 path, lineno, e.id);
				ret = FPB_EDATA;
			}
		if (ret)
			break;
		if (out->nr == ecap) {
			size_t nc = ecap ? 2 * ecap : 64;
			struct trace_entry *ne = realloc(out->entries, nc * sizeof(*ne));

			if (!ne) {
				snprintf(err, len, "%s: out of memory", path);
				ret = FPB_EENV;
				break;
			}
			out->entries = ne;
			ecap = nc;
		}
		out->entries[out->nr++] = e;
	}
	if (!ret && ferror(f)) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		ret = FPB_EENV;
	}
	if (!ret && lineno < 2) {
		snprintf(err, len, "%s: no header (empty or truncated file)", path);
		ret = FPB_EDATA;
	}
	free(line);
	fclose(f);
	if (ret)
		trace_free(out);
	return ret;
}

void trace_free(struct trace_set *set)
{
	free(set->entries);
	memset(set, 0, sizeof(*set));
}

/* The tr_* columns from counts of @n iterations: timed @run, whole @iter. */
static void trace_fill_counts(struct result_trace *tr, const double *run,
			      const double *iter, double n)
{
	tr->instructions = (run[TC_USER] + run[TC_KERNEL]) / n;
	tr->user_instructions = run[TC_USER] / n;
	tr->guest_instructions = run[TC_GUEST] / n;
	tr->load_bytes = run[TC_KLOAD_BYTES] / n;
	tr->store_bytes = run[TC_KSTORE_BYTES] / n;
	tr->loads = run[TC_KLOADS] / n;
	tr->stores = run[TC_KSTORES] / n;
	tr->exceptions = run[TC_ERET] / n;
	tr->isb = run[TC_ISB] / n;
	tr->barriers = run[TC_BARRIER] / n;
	tr->msr = run[TC_MSR] / n;
	tr->sve = (run[TC_SVE] + run[TC_SME]) / n;
	tr->iter_instructions = (iter[TC_USER] + iter[TC_KERNEL]) / n;
	tr->iter_exceptions = iter[TC_ERET] / n;
	tr->iter_sve = (iter[TC_SVE] + iter[TC_SME]) / n;
}

/*
 * Per-iteration values of @e for a row of @iters iterations: the median
 * iteration where every iteration is a timed section of its own (the
 * PMU's figures are medians too, and an interrupt in a few iterations
 * does not move it), else (guest-timed rows: a section per batch) the
 * mean.
 */
static void trace_fill(struct result_trace *tr, const struct trace_entry *e,
		       uint64_t iters)
{
	double run[TC_NR], iter[TC_NR];

	if (e->has_med && e->sections == iters) {
		trace_fill_counts(tr, e->run_med, e->iter_med, 1);
		return;
	}
	for (int i = 0; i < TC_NR; i++) {
		run[i] = (double)e->run[i];
		iter[i] = (double)e->iter[i];
	}
	trace_fill_counts(tr, run, iter, (double)iters);
}

int trace_merge(struct result_set *set, const struct trace_set *trace,
		unsigned int batches, char *err, size_t len)
{
	bool *used = calloc(trace->nr + 1, sizeof(*used));
	char key[MATRIX_KEY_LEN];
	int ret = FPB_OK;

	if (!used) {
		snprintf(err, len, "out of memory");
		return FPB_EENV;
	}
	for (size_t r = 0; r < set->nr && !ret; r++) {
		struct result_row *row = &set->rows[r];
		uint64_t id = trace_id(&row->cfg);
		const struct trace_entry *e = NULL;

		result_trace_init(&row->tr);
		for (size_t i = 0; i < trace->nr; i++)
			if (trace->entries[i].id == id) {
				e = &trace->entries[i];
				used[i] = true;
			}
		matrix_config_key(&row->cfg, key, sizeof(key));
		if (!row->iterations) {
			if (e) {
				snprintf(err, len, "%s/%s: traced but not measured (%s)",
					 key, fp_mode_names[row->cfg.fp_mode],
					 result_status_names[row->status]);
				ret = FPB_EDATA;
			}
			continue;
		}
		if (!e) {
			snprintf(err, len, "%s/%s: measured but not in the trace",
				 key, fp_mode_names[row->cfg.fp_mode]);
			ret = FPB_EDATA;
		} else if (!e->sections || e->sections > row->iterations) {
			snprintf(err, len,
				 "%s/%s: %" PRIu64 " timed sections in the trace for %" PRIu64 " iterations",
				 key, fp_mode_names[row->cfg.fp_mode], e->sections,
				 row->iterations);
			ret = FPB_EDATA;
		} else if (batches && row->status == STATUS_OK && e->windows != batches) {
			snprintf(err, len,
				 "%s/%s: %" PRIu64 " windows in the trace, %u batches in the run",
				 key, fp_mode_names[row->cfg.fp_mode], e->windows, batches);
			ret = FPB_EDATA;
		} else {
			trace_fill(&row->tr, e, row->iterations);
		}
	}
	for (size_t i = 0; i < trace->nr && !ret; i++)
		if (!used[i]) {
			snprintf(err, len, "trace id %016" PRIx64 " belongs to no row of the results",
				 trace->entries[i].id);
			ret = FPB_EDATA;
		}
	free(used);
	return ret;
}
