// SPDX-License-Identifier: GPL-2.0
/*
 * trace.c, trace_file.c: ids are stable and distinct per key and mode; a
 * plugin output file joins its rows by id with per-iteration values (the
 * median iteration for host-timed rows, means for guest-timed ones); every
 * mismatch between trace and results (a row without windows, windows
 * without a row, too many timed sections, wrong window count, a bad
 * header or number) is an input error, never a row of NaN.
 */
#include <math.h>

#include "trace.h"
#include "trace_file.h"
#include "test.h"

static char path[64];

static const struct fpb_config cfg_a = {
	.bench = BENCH_KVM, .exit = EXIT_MMIO, .host_fp = FP_SVE,
	.guest_fp = FP_NONE, .vl_bits = 256, .fp_mode = FP_MODE_EAGER,
};

static void write_trace(const char *body, bool header)
{
	static const char *const cols[] = { TRACE_SET_COLUMNS };
	FILE *f = fopen(path, "w");

	if (!f)
		exit(1);
	if (header) {
		static const char *const sets[] = { "run", "iter", "run_med", "iter_med" };

		fprintf(f, "# fptrace %d\nid\twindows\tsections", TRACE_PROTOCOL_VERSION);
		for (size_t s = 0; s < ARRAY_SIZE(sets); s++)
			for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
				fprintf(f, "\t%s_%s", sets[s], cols[i]);
		fputc('\n', f);
	}
	fputs(body, f);
	fclose(f);
}

/*
 * One entry line for @cfg: run counts 10*i+k, iter counts 100+i, median
 * section 1000+i+k, median iteration 2000+i ("-" without sections).
 */
static void entry_line(char *buf, size_t len, const struct fpb_config *cfg,
		       unsigned int windows, unsigned int sections, unsigned int k)
{
	size_t off = snprintf(buf, len, "%016llx\t%u\t%u",
			      (unsigned long long)trace_id(cfg), windows, sections);

	for (int i = 0; i < TC_NR; i++)
		off += snprintf(buf + off, len - off, "\t%u", 10 * i + k);
	for (int i = 0; i < TC_NR; i++)
		off += snprintf(buf + off, len - off, "\t%u", 100 + i);
	for (int i = 0; i < 2 * TC_NR; i++)
		if (!sections)
			off += snprintf(buf + off, len - off, "\t-");
		else if (i < TC_NR)
			off += snprintf(buf + off, len - off, "\t%u", 1000 + i + k);
		else
			off += snprintf(buf + off, len - off, "\t%u", 2000 + i - TC_NR);
	snprintf(buf + off, len - off, "\n");
}

static int merge_text(const char *body, struct result_set *set,
		      unsigned int batches, char *err, size_t len)
{
	struct trace_set t;
	int rc;

	write_trace(body, true);
	rc = trace_read(path, &t, err, len);
	if (!rc)
		rc = trace_merge(set, &t, batches, err, len);
	trace_free(&t);
	return rc;
}

int main(void)
{
	struct fpb_config b = cfg_a, lazy = cfg_a;
	struct result_row rows[3];
	struct result_set set = { .rows = rows, .nr = 3 };
	char l1[1024], l2[1024], body[4096], err[256];
	struct trace_set t;
	int rc;

	snprintf(path, sizeof(path), "/tmp/fpbench-test-trace-%d.tsv", (int)getpid());

	/* ids: stable, and distinct for another VL or another mode */
	b.vl_bits = 512;
	lazy.fp_mode = FP_MODE_LAZY;
	TEST_ASSERT(trace_id(&cfg_a) == trace_id(&cfg_a), "id not stable");
	TEST_ASSERT(trace_id(&cfg_a) != trace_id(&b), "VL does not change the id");
	TEST_ASSERT(trace_id(&cfg_a) != trace_id(&lazy), "mode does not change the id");

	/*
	 * A good join: two measured rows, one skipped. The eager row is
	 * host-timed (a section per iteration): the median iteration. The
	 * lazy row is guest-timed (a section per batch): means.
	 */
	result_row_init(&rows[0], &cfg_a);
	rows[0].iterations = 4;
	result_row_init(&rows[1], &lazy);
	rows[1].iterations = 4;
	result_row_skip(&rows[2], &b, "VL unsupported");
	entry_line(l1, sizeof(l1), &cfg_a, 2, 4, 0);
	entry_line(l2, sizeof(l2), &lazy, 2, 2, 2);
	snprintf(body, sizeof(body), "%s%s", l2, l1);	/* order does not matter */
	rc = merge_text(body, &set, 2, err, sizeof(err));
	TEST_ASSERT(rc == FPB_OK, "good join: %d %s", rc, err);
	/* median section: user 1000, kernel 1001 */
	TEST_SAME_DOUBLE(rows[0].tr.instructions, 2001.0);
	TEST_SAME_DOUBLE(rows[0].tr.user_instructions, 1000.0);
	TEST_SAME_DOUBLE(rows[0].tr.guest_instructions, 1002.0);
	TEST_SAME_DOUBLE(rows[0].tr.load_bytes, 1003.0);
	TEST_SAME_DOUBLE(rows[0].tr.store_bytes, 1004.0);
	TEST_SAME_DOUBLE(rows[0].tr.exceptions, 1009.0);
	TEST_SAME_DOUBLE(rows[0].tr.msr, 1012.0);
	TEST_SAME_DOUBLE(rows[0].tr.sve, 1013.0 + 1014.0);
	/* median iteration: user 2000, kernel 2001 */
	TEST_SAME_DOUBLE(rows[0].tr.iter_instructions, 4001.0);
	TEST_SAME_DOUBLE(rows[0].tr.iter_exceptions, 2009.0);
	/* the lazy row got its own entry (k = 2), means: run 10*i+2 over 4 */
	TEST_SAME_DOUBLE(rows[1].tr.user_instructions, 2 / 4.0);
	TEST_SAME_DOUBLE(rows[1].tr.instructions, (2 + 12) / 4.0);
	TEST_SAME_DOUBLE(rows[1].tr.iter_instructions, (100 + 101) / 4.0);
	TEST_ASSERT(isnan(rows[2].tr.instructions), "skip row has a trace value");

	/* a measured row without windows */
	rc = merge_text(l1, &set, 2, err, sizeof(err));
	TEST_ASSERT(rc == FPB_EDATA, "missing row trace: %d", rc);
	TEST_STR_CONTAINS(err, "measured but not in the trace");
	/* windows without a row */
	entry_line(l2, sizeof(l2), &b, 1, 1, 0);
	rows[2].iterations = 0;
	snprintf(body, sizeof(body), "%s", l1);
	{
		char l3[1024];

		entry_line(l3, sizeof(l3), &lazy, 2, 4, 2);
		snprintf(body, sizeof(body), "%s%s%s", l1, l3, l2);
	}
	rc = merge_text(body, &set, 2, err, sizeof(err));
	TEST_ASSERT(rc == FPB_EDATA, "trace of a skipped row: %d", rc);
	TEST_STR_CONTAINS(err, "traced but not measured");
	/* more timed sections than iterations */
	entry_line(l1, sizeof(l1), &cfg_a, 2, 5, 0);
	entry_line(l2, sizeof(l2), &lazy, 2, 4, 2);
	snprintf(body, sizeof(body), "%s%s", l1, l2);
	rc = merge_text(body, &set, 2, err, sizeof(err));
	TEST_ASSERT(rc == FPB_EDATA, "5 sections for 4 iterations: %d", rc);
	TEST_STR_CONTAINS(err, "5 timed sections");
	/* windows != batches */
	entry_line(l1, sizeof(l1), &cfg_a, 3, 4, 0);
	snprintf(body, sizeof(body), "%s%s", l1, l2);
	rc = merge_text(body, &set, 2, err, sizeof(err));
	TEST_ASSERT(rc == FPB_EDATA, "3 windows for 2 batches: %d", rc);
	TEST_STR_CONTAINS(err, "3 windows");

	/* medians: "-" only, and exactly, for an id without sections */
	entry_line(l1, sizeof(l1), &cfg_a, 1, 0, 0);
	write_trace(l1, true);
	TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_OK, "no sections: %s", err);
	TEST_ASSERT(t.nr == 1 && !t.entries[0].has_med, "no sections, but medians");
	trace_free(&t);
	entry_line(l1, sizeof(l1), &cfg_a, 1, 1, 0);
	*strrchr(l1, '\t') = 0;
	strcat(l1, "\t-\n");
	write_trace(l1, true);
	TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_EDATA, "one median missing");
	/* the mean of two middle samples: a count and ".5", nothing else */
	{
		char l4[1024], *p;

		entry_line(l1, sizeof(l1), &cfg_a, 2, 2, 0);
		p = strstr(l1, "\t1000\t");
		snprintf(l4, sizeof(l4), "%.*s\t1000.5%s", (int)(p - l1), l1, p + 5);
		write_trace(l4, true);
		TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_OK, ".5 median: %s", err);
		TEST_SAME_DOUBLE(t.entries[0].run_med[0], 1000.5);
		trace_free(&t);
		snprintf(l4, sizeof(l4), "%.*s\t1000.25%s", (int)(p - l1), l1, p + 5);
		write_trace(l4, true);
		TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_EDATA, ".25 median");
	}
	entry_line(l1, sizeof(l1), &cfg_a, 1, 0, 0);
	memcpy(strstr(l1, "\t-"), "\t7", 2);
	write_trace(l1, true);
	TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_EDATA, "median without sections");

	/* malformed files */
	write_trace("", false);
	TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_EDATA, "empty file");
	write_trace("# fptrace 99\n", false);
	TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_EDATA, "wrong version");
	TEST_STR_CONTAINS(err, ":1:");
	write_trace("0000000000000001\t1\t1\t-5", true);
	TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_EDATA, "truncated line");
	write_trace("0000000000000001\t1\tx\n", true);
	TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_EDATA, "bad number");
	TEST_STR_CONTAINS(err, ":3: malformed");
	entry_line(l1, sizeof(l1), &cfg_a, 2, 4, 0);
	snprintf(body, sizeof(body), "%s%s", l1, l1);
	write_trace(body, true);
	TEST_ASSERT(trace_read(path, &t, err, sizeof(err)) == FPB_EDATA, "duplicate id");
	TEST_STR_CONTAINS(err, "twice");
	TEST_ASSERT(trace_read("/nonexistent/x.tsv", &t, err, sizeof(err)) == FPB_EENV,
		    "missing file");
	unlink(path);
	return test_done("unit.lib.trace");
}
