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
	size_t off = snprintf(buf, len, "id\twindows\tsections");

	for (int s = 0; s < 2; s++)
		for (int i = 0; i < TC_NR && off < len; i++)
			off += snprintf(buf + off, len - off, "\t%s_%s",
					s ? "iter" : "run", set_cols[i]);
}

static int parse_u64(const char *s, int base, uint64_t *v)
{
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, base);
	return errno || *end ? -1 : 0;
}

static int trace_line(char *line, struct trace_entry *e)
{
	char *f[3 + 2 * TC_NR + 1];
	size_t n = 0;

	for (char *p = line; n < ARRAY_SIZE(f);) {
		f[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = 0;
	}
	if (n != 3 + 2 * TC_NR || strlen(f[0]) != 16)
		return -1;
	if (parse_u64(f[0], 16, &e->id) || parse_u64(f[1], 10, &e->windows) ||
	    parse_u64(f[2], 10, &e->sections))
		return -1;
	for (int i = 0; i < TC_NR; i++)
		if (parse_u64(f[3 + i], 10, &e->run[i]) ||
		    parse_u64(f[3 + TC_NR + i], 10, &e->iter[i]))
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

/* Per-iteration values of @e for a row of @iters iterations. */
static void trace_fill(struct result_trace *tr, const struct trace_entry *e,
		       uint64_t iters)
{
	double n = (double)iters;

	tr->instructions = (e->run[TC_USER] + e->run[TC_KERNEL]) / n;
	tr->user_instructions = e->run[TC_USER] / n;
	tr->guest_instructions = e->run[TC_GUEST] / n;
	tr->load_bytes = e->run[TC_KLOAD_BYTES] / n;
	tr->store_bytes = e->run[TC_KSTORE_BYTES] / n;
	tr->loads = e->run[TC_KLOADS] / n;
	tr->stores = e->run[TC_KSTORES] / n;
	tr->exceptions = e->run[TC_ERET] / n;
	tr->isb = e->run[TC_ISB] / n;
	tr->barriers = e->run[TC_BARRIER] / n;
	tr->msr = e->run[TC_MSR] / n;
	tr->sve = (e->run[TC_SVE] + e->run[TC_SME]) / n;
	tr->iter_instructions = (e->iter[TC_USER] + e->iter[TC_KERNEL]) / n;
	tr->iter_exceptions = e->iter[TC_ERET] / n;
	tr->iter_sve = (e->iter[TC_SVE] + e->iter[TC_SME]) / n;
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
