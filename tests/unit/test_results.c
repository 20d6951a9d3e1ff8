// SPDX-License-Identifier: GPL-2.0
/*
 * results.c: write -> read round trips are exact (every column, samples,
 * metadata with hostile strings), the summary is complete after every
 * results_add(), and malformed files are rejected with file:line.
 */
#include <errno.h>
#include <inttypes.h>
#include <sys/stat.h>

#include "results.h"
#include "test.h"

static char dir[64];

static void path_in_dir(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static bool exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

static void fill_meta(struct run_meta *m)
{
	char *argv[] = { "fpbench", "run", "--vl", "128,256", "--out", "dir/a \"b\"" };

	results_meta_init(m, 6, argv);
	/* Strings a JSON writer must escape, and UTF-8 it must not. */
	snprintf(m->cpu.name, sizeof(m->cpu.name), "Neoverse \"N1\" \\ r\xc3\xa9v\t1\x01");
	m->cpu.midr = 0x413fd0c1;
	m->cpu.implementer = 0x41;
	m->cpu.part = 0xd0c;
	snprintf(m->kernel_version, sizeof(m->kernel_version), "#1 SMP\nline2");
	m->fp_modes = (1u << FP_MODE_EAGER) | (1u << FP_MODE_LAZY);
	m->sve_vls[0] = 128;
	m->sve_vls[1] = 512;
	m->nr_sve_vls = 2;
	m->nr_sme_vls = 0;
	m->emulated = true;
	snprintf(m->emulation, sizeof(m->emulation), "qemu-system-aarch64 TCG -icount shift=0");
	m->counter.unit = UNIT_CNTVCT;
	snprintf(m->counter.source, sizeof(m->counter.source), "cntvct_el0");
	snprintf(m->counter.events[0], sizeof(m->counter.events[0]), "CPU_CYCLES:mg=1");
	snprintf(m->counter.events[1], sizeof(m->counter.events[1]), "INST_RETIRED");
	m->counter.nr_events = 2;
	snprintf(m->counter.pmu_unavailable, sizeof(m->counter.pmu_unavailable),
		 "perf_event_open: No such file or directory");
	m->pinned_cpu = 1;
	m->iterations = 20000;
	m->warmup = 1000;
	m->batches = 4;
	m->seed = 0xfedcba9876543210ULL;	/* above 2^53: must stay exact */
}

static void check_meta_equal(const struct run_meta *a, const struct run_meta *b)
{
	TEST_ASSERT(!strcmp(a->version, b->version), "version");
	TEST_ASSERT(!strcmp(a->date, b->date), "date '%s' '%s'", a->date, b->date);
	TEST_ASSERT(!strcmp(a->command_line, b->command_line), "'%s' vs '%s'",
		    a->command_line, b->command_line);
	TEST_ASSERT(!strcmp(a->host, b->host), "host");
	TEST_ASSERT(!strcmp(a->kernel, b->kernel), "kernel");
	TEST_ASSERT(!strcmp(a->kernel_version, b->kernel_version), "kernel_version");
	TEST_ASSERT(a->fp_modes == b->fp_modes, "fp_modes");
	TEST_ASSERT(a->cpu.midr == b->cpu.midr && a->cpu.implementer == b->cpu.implementer &&
		    a->cpu.part == b->cpu.part, "cpu ids");
	TEST_ASSERT(!strcmp(a->cpu.name, b->cpu.name), "cpu name '%s'", b->cpu.name);
	TEST_ASSERT(a->nr_sve_vls == b->nr_sve_vls && a->nr_sme_vls == b->nr_sme_vls &&
		    !memcmp(a->sve_vls, b->sve_vls, sizeof(a->sve_vls)), "vls");
	TEST_ASSERT(a->emulated == b->emulated && !strcmp(a->emulation, b->emulation),
		    "emulation");
	TEST_ASSERT(a->counter.unit == b->counter.unit &&
		    !strcmp(a->counter.source, b->counter.source) &&
		    a->counter.nr_events == b->counter.nr_events &&
		    !strcmp(a->counter.events[1], b->counter.events[1]) &&
		    !strcmp(a->counter.pmu_unavailable, b->counter.pmu_unavailable),
		    "counter");
	TEST_ASSERT(a->pinned_cpu == b->pinned_cpu && a->iterations == b->iterations &&
		    a->warmup == b->warmup && a->batches == b->batches, "run numbers");
	TEST_ASSERT(a->seed == b->seed, "seed %" PRIx64 " vs %" PRIx64, a->seed, b->seed);
}

static void check_row_equal(const struct result_row *a, const struct result_row *b)
{
	const double *da = &a->cycles.min, *db = &b->cycles.min;

	TEST_ASSERT(!memcmp(&a->cfg, &b->cfg, sizeof(a->cfg)), "cfg");
	TEST_ASSERT(a->iterations == b->iterations && a->unit == b->unit, "iterations/unit");
	TEST_ASSERT(b->cycles.n == b->iterations, "n");
	/* Stored stats: all but max and mean, which are not columns. */
	for (size_t i = 0; i < sizeof(struct stats) / sizeof(double) - 1; i++) {
		if (&da[i] == &a->cycles.max || &da[i] == &a->cycles.mean)
			continue;
		TEST_SAME_DOUBLE(da[i], db[i]);
	}
	TEST_ASSERT(isnan(b->cycles.max) && isnan(b->cycles.mean), "max/mean not NaN");
	TEST_SAME_DOUBLE(a->instructions_median, b->instructions_median);
	TEST_SAME_DOUBLE(a->baseline, b->baseline);
	TEST_SAME_DOUBLE(a->guest_median, b->guest_median);
	TEST_SAME_DOUBLE(a->batch_cycles, b->batch_cycles);
	TEST_SAME_DOUBLE(a->batch_instructions, b->batch_instructions);
	TEST_SAME_DOUBLE(a->running_pct, b->running_pct);
	TEST_ASSERT(!strcmp(a->batch_events, b->batch_events), "batch_events '%s' read back '%s'",
		    a->batch_events, b->batch_events);
	TEST_ASSERT(a->integrity_failures == b->integrity_failures &&
		    a->emulated == b->emulated && a->status == b->status, "flags");
}

/* Copy run1.csv to @name keeping the first @ncol columns of every line. */
static void cut_columns(const char *name, int ncol)
{
	char in[128], out[128], line[4096];
	FILE *f, *g;

	path_in_dir(in, sizeof(in), "run1.csv");
	path_in_dir(out, sizeof(out), name);
	f = fopen(in, "r");
	g = fopen(out, "w");
	TEST_ASSERT(f && g, "cannot copy %s to %s", in, out);
	while (f && g && fgets(line, sizeof(line), f)) {
		char *p = line;

		for (int i = 0; i < ncol && p; i++)
			p = strchr(p + (i > 0), ',');
		if (p)
			*p = '\0';
		fprintf(g, "%s\n", strtok(line, "\n"));
	}
	if (f)
		fclose(f);
	if (g)
		fclose(g);
}

/*
 * Files written before a group of optional columns read back with its
 * defaults: 30 columns (before the trace), 45 (before batch_events); a
 * group cut in half is an error.
 */
static void test_older_files(void)
{
	static const struct { const char *name; int ncol; bool ok; } cases[] = {
		{ "pre-trace.csv", 30, true },
		{ "pre-events.csv", 45, true },
		{ "half-trace.csv", 38, false },
	};
	char path[128], err[256];
	struct result_set set;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int rc;

		cut_columns(cases[i].name, cases[i].ncol);
		path_in_dir(path, sizeof(path), cases[i].name);
		rc = results_read(path, &set, err, sizeof(err));
		TEST_ASSERT(cases[i].ok ? rc == FPB_OK : rc == FPB_EDATA,
			    "%s: rc %d (%s)", cases[i].name, rc, rc ? err : "read");
		if (!rc && set.nr) {
			TEST_ASSERT(!strcmp(set.rows[0].batch_events, "-"),
				    "%s: batch_events '%s'", cases[i].name, set.rows[0].batch_events);
			TEST_ASSERT(cases[i].ncol == 45 || isnan(set.rows[0].tr.instructions),
				    "%s: tr_instructions not NaN", cases[i].name);
		}
		if (!rc)
			results_free(&set);
	}
}

static void test_round_trip(void)
{
	struct fpb_config c1 = { BENCH_KVM, EXIT_MMIO, FP_SVE, FP_NONE, 256, 0, FP_MODE_EAGER };
	struct fpb_config c2 = c1, c3 = { BENCH_CTXSW, EXIT_VCPU, FP_ZT0, FP_SVE, 512, 2048,
					  FP_MODE_UNKNOWN };
	double cyc1[300], ins1[300], cyc2[5] = { 1e-300, 1.0 / 3, 123456789.123456789,
						  4.9e-324, 1.7976931348623157e308 };
	struct result_row r1, r2, r3;
	struct run_meta meta, back;
	struct results_writer *w;
	struct result_set set;
	struct sample_set ss;
	char base[96], path[128], err[256];
	const struct sample_series *s;

	c2.fp_mode = FP_MODE_LAZY;
	for (int i = 0; i < 300; i++) {
		cyc1[i] = 1000.0 + (i * 7919 % 301) / 7.0;
		ins1[i] = 250 + i % 3;
	}
	result_row_init(&r1, &c1);
	stats_compute(cyc1, 300, 1, &r1.cycles);
	r1.iterations = 300;
	r1.unit = UNIT_CYCLES;
	r1.instructions_median = 251;
	r1.baseline = 12.25;
	r1.batch_cycles = 1017.1234567890123;
	r1.batch_instructions = 251.00000000000003;
	r1.running_pct = 100;
	r1.integrity_failures = 0;
	snprintf(r1.batch_events, sizeof(r1.batch_events), "EXC_TAKEN=2;EXC_HVC=0.5");
	result_row_init(&r2, &c2);
	stats_compute(cyc2, 5, 2, &r2.cycles);
	r2.iterations = 5;
	r2.unit = UNIT_CNTVCT;
	r2.emulated = true;
	r2.status = STATUS_FAIL;
	r2.integrity_failures = 18446744073709551615ULL;
	snprintf(r2.reason, sizeof(r2.reason), "V0 corrupted, 3 times");
	result_row_skip(&r3, &c3, "no SME2 (ZT0) on this machine");

	fill_meta(&meta);
	path_in_dir(base, sizeof(base), "run1");
	w = results_open(base, &meta);
	TEST_ASSERT(w, "results_open");
	if (!w)
		return;
	path_in_dir(path, sizeof(path), "run1.csv");
	TEST_ASSERT(!results_read(path, &set, err, sizeof(err)) && set.nr == 0,
		    "header-only file after open: %s", err);
	results_free(&set);

	TEST_ASSERT(results_add(w, &r1, cyc1, ins1, 300) == FPB_OK, "add r1");
	/* Complete after each add: a reader sees exactly the rows so far. */
	TEST_ASSERT(!results_read(path, &set, err, sizeof(err)) && set.nr == 1,
		    "after 1 add: %s", err);
	results_free(&set);
	TEST_ASSERT(results_add(w, &r2, cyc2, NULL, 5) == FPB_OK, "add r2");
	TEST_ASSERT(results_add(w, &r3, NULL, NULL, 0) == FPB_OK, "add r3");
	{
		struct result_row bad = r3;
		struct test_capture cap;
		int rc1, rc2;

		bad.cfg.host_fp = FP_KIND_NR;
		test_capture_begin(&cap, 2);
		rc1 = results_add(w, &bad, NULL, NULL, 0);
		rc2 = results_add(w, &r1, NULL, NULL, 3);
		test_capture_end(&cap);
		TEST_ASSERT(rc1 == FPB_FAIL && rc2 == FPB_FAIL, "invalid rows: %d %d", rc1, rc2);
	}
	path_in_dir(path, sizeof(path), "run1.samples.csv.partial");
	TEST_ASSERT(exists(path), "no .partial during the run");
	TEST_ASSERT(results_close(w) == FPB_OK, "close");
	TEST_ASSERT(!exists(path), ".partial left after close");

	path_in_dir(path, sizeof(path), "run1.csv");
	TEST_ASSERT(!results_read(path, &set, err, sizeof(err)), "read: %s", err);
	TEST_ASSERT(set.nr == 3, "rows %zu", set.nr);
	if (set.nr == 3) {
		check_row_equal(&r1, &set.rows[0]);
		check_row_equal(&r2, &set.rows[1]);
		check_row_equal(&r3, &set.rows[2]);
		TEST_ASSERT(!strcmp(set.rows[0].reason, "-"), "ok reason '%s'", set.rows[0].reason);
		TEST_ASSERT(!strcmp(set.rows[1].reason, "V0 corrupted; 3 times"),
			    "comma kept: '%s'", set.rows[1].reason);
		TEST_ASSERT(!strcmp(set.rows[2].reason, r3.reason) &&
			    set.rows[2].status == STATUS_SKIP, "skip row");
		TEST_ASSERT(results_find(&set, &c1, FP_MODE_LAZY) == &set.rows[1], "find lazy");
		TEST_ASSERT(results_find(&set, &c2, FP_MODE_EAGER) == &set.rows[0], "find eager");
		TEST_ASSERT(!results_find(&set, &c3, FP_MODE_EAGER), "find absent");
	}
	results_free(&set);

	/* Given BASE.csv, readers find the siblings. */
	results_path(path, ".samples.csv", path, sizeof(path));
	TEST_ASSERT(!results_read_samples(path, &ss, err, sizeof(err)), "samples: %s", err);
	TEST_ASSERT(ss.nr == 2, "series %zu (the skip row has none)", ss.nr);
	s = results_find_samples(&ss, &c1, FP_MODE_EAGER);
	TEST_ASSERT(s && s->n == 300 && !memcmp(s->cycles, cyc1, sizeof(cyc1)) &&
		    !memcmp(s->instructions, ins1, sizeof(ins1)), "series 1 exact");
	s = results_find_samples(&ss, &c1, FP_MODE_LAZY);
	TEST_ASSERT(s && s->n == 5 && !memcmp(s->cycles, cyc2, sizeof(cyc2)) &&
		    isnan(s->instructions[0]), "series 2 exact (extreme doubles)");
	results_free_samples(&ss);

	path_in_dir(path, sizeof(path), "run1.json");
	TEST_ASSERT(!results_read_meta(path, &back, err, sizeof(err)), "meta: %s", err);
	check_meta_equal(&meta, &back);
	test_older_files();
}

/* Write @text as a CSV and expect FPB_EDATA with @where and @what in the message. */
static void expect_bad(const char *name, const char *text, bool samples,
		       const char *where, const char *what)
{
	char path[128], err[512], full[160];
	struct result_set set;
	struct sample_set ss;
	int rc;

	path_in_dir(path, sizeof(path), name);
	write_file(path, text);
	if (samples)
		rc = results_read_samples(path, &ss, err, sizeof(err));
	else
		rc = results_read(path, &set, err, sizeof(err));
	TEST_ASSERT(rc == FPB_EDATA, "%s: rc %d", name, rc);
	fprintf(stderr, "# rejected as expected: %s\n", err);
	snprintf(full, sizeof(full), "%s%s", path, where);
	TEST_STR_CONTAINS(err, full);
	TEST_STR_CONTAINS(err, what);
	if (!samples)
		TEST_ASSERT(set.nr == 0 && !set.rows, "%s: rows left", name);
}

static void test_malformed(void)
{
	char base[96], path[128], good[8192], hdr[1024], row[1024], text[8192], err[256];
	struct fpb_config c = { BENCH_KVM, EXIT_HVC, FP_FPSIMD, FP_NONE, 0, 0, FP_MODE_EAGER };
	struct result_row r;
	struct results_writer *w;
	struct run_meta meta;
	struct result_set set;
	double x[3] = { 1, 2, 3 };
	FILE *f;
	size_t n;

	/* A good file to mutate. */
	result_row_init(&r, &c);
	stats_compute(x, 3, 1, &r.cycles);
	r.iterations = 3;
	fill_meta(&meta);
	path_in_dir(base, sizeof(base), "good");
	w = results_open(base, &meta);
	results_add(w, &r, x, x, 3);
	results_add(w, &r, x, x, 3);
	results_close(w);
	path_in_dir(path, sizeof(path), "good.csv");
	f = fopen(path, "r");
	n = fread(good, 1, sizeof(good) - 1, f);
	fclose(f);
	good[n] = 0;
	sscanf(good, "%1023[^\n]\n%1023[^\n]", hdr, row);

	expect_bad("empty.csv", "", false, "", "empty file");
	snprintf(text, sizeof(text), "%s\n", row);
	expect_bad("nohdr.csv", text, false, ":1:", "header");
	snprintf(text, sizeof(text), "%s,extra\n%s\n", hdr, row);
	expect_bad("hdrlong.csv", text, false, ":1:", "extra");
	snprintf(text, sizeof(text), "%s\n%s\n%.*s\n", hdr, row, (int)(strrchr(row, ',') - row), row);
	expect_bad("short.csv", text, false, ":3:", "short row");
	snprintf(text, sizeof(text), "%s\n%s,x\n", hdr, row);
	expect_bad("long.csv", text, false, ":2:", "over-long row");
	snprintf(text, sizeof(text), "%s\n%s\n%s", hdr, row, row);
	expect_bad("trunc.csv", text, false, ":3:", "newline");
	/* Replace field @i of the row. */
	{
		static const struct { int field; const char *val, *what; } cases[] = {
			{ 2, "avx", "column host_fp: unknown name 'avx'" },
			{ 4, "-1", "column vl_bits" },
			{ 12, "12x", "column cycles_median: '12x' is not a number" },
			{ 12, "", "column cycles_median" },
			{ 27, "2", "column emulated" },
			{ 7, "1e3", "column iterations" },
		};

		for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
			char mut[1024] = "", *p = row, *comma;
			int i = 0;

			while (p) {
				comma = strchr(p, ',');
				if (i == cases[k].field)
					strcat(mut, cases[k].val);
				else
					snprintf(mut + strlen(mut), sizeof(mut) - strlen(mut),
						 "%.*s", comma ? (int)(comma - p) : (int)strlen(p), p);
				if (comma)
					strcat(mut, ",");
				p = comma ? comma + 1 : NULL;
				i++;
			}
			snprintf(text, sizeof(text), "%s\n%s\n%s\n", hdr, row, mut);
			expect_bad("mut.csv", text, false, ":3:", cases[k].what);
		}
	}
	/* CRLF line ends are tolerated. */
	snprintf(text, sizeof(text), "%s\r\n%s\r\n", hdr, row);
	path_in_dir(path, sizeof(path), "crlf.csv");
	write_file(path, text);
	TEST_ASSERT(!results_read(path, &set, err, sizeof(err)) && set.nr == 1, "crlf: %s", err);
	results_free(&set);
	path_in_dir(path, sizeof(path), "does-not-exist.csv");
	TEST_ASSERT(results_read(path, &set, err, sizeof(err)) == FPB_EDATA, "missing file: bad input (3)");

	/* Samples. */
	expect_bad("s1.csv", "bench,exit,host_fp,guest_fp,vl_bits,svl_bits,fp_mode,iteration,cycles,instructions\n"
		   "kvm,hvc,none,none,0,0,eager,0,10,nan\n"
		   "kvm,hvc,none,none,0,0,eager,2,10,nan\n", true, ":3:", "iteration 2 out of sequence");
	expect_bad("s2.csv", "bench,exit,host_fp,guest_fp,vl_bits,svl_bits,fp_mode,iteration,cycles\n",
		   true, ":1:", "header");
	expect_bad("s3.csv", "bench,exit,host_fp,guest_fp,vl_bits,svl_bits,fp_mode,iteration,cycles,instructions\n"
		   "kvm,hvc,none,none,0,0,eager,0,ten,nan\n", true, ":2:", "column cycles");
	expect_bad("s4.csv", "bench,exit,host_fp,guest_fp,vl_bits,svl_bits,fp_mode,iteration,cycles,instructions\n"
		   "kvm,hvc,none,none,0,0,eager,0,1,nan", true, ":2:", "newline");

	/* JSON: syntax errors name the line; wrong schema is refused. */
	{
		static const struct { const char *text, *what; } js[] = {
			{ "{\n  \"schema\": 1,\n  \"kernel\": \"6.12\"\n  \"x\": 1\n}\n", ":4:" },
			{ "{\n  \"schema\": 2\n}\n", "schema" },
			{ "{\n  \"schema\": 1,\n  \"iterations\": \"many\"\n}\n", "iterations" },
			{ "{\n  \"schema\": 1,\n  \"name\": \"a\\qb\"\n}\n", "escape" },
			{ "[1, 2]\n", "not a JSON object" },
			{ "{\"schema\": 1} x\n", "trailing" },
			{ "{\"schema\": 1, \"kernel\": \"unterminated\n", "control character" },
		};
		struct run_meta m;

		for (size_t k = 0; k < ARRAY_SIZE(js); k++) {
			path_in_dir(path, sizeof(path), "bad.json");
			write_file(path, js[k].text);
			TEST_ASSERT(results_read_meta(path, &m, err, sizeof(err)) == FPB_EDATA,
				    "json case %zu accepted", k);
			TEST_STR_CONTAINS(err, js[k].what);
		}
		/* Minimal valid file: absent keys stay empty. */
		write_file(path, "{\"schema\":1,\"kernel\":\"7.3.4 \\u00e9\\ud83d\\ude00\",\"emulated\":true}");
		TEST_ASSERT(!results_read_meta(path, &m, err, sizeof(err)), "minimal: %s", err);
		TEST_ASSERT(!strcmp(m.kernel, "7.3.4 \xc3\xa9\xf0\x9f\x98\x80") && m.emulated &&
			    m.pinned_cpu == -1 && !m.cpu.name[0], "minimal values '%s'", m.kernel);
	}
}

/*
 * Random corruption of good files: every variant must be either accepted
 * or rejected as FPB_EDATA with a message, never crash or misreport.
 */
static void test_fuzz(void)
{
	static const char *const names[] = { "good.csv", "good.samples.csv", "good.json" };
	static const char nasty[] = ",\n\"0x-.e\\{}[]:a\x01\xff";
	char src[128], dst[128], err[512];
	struct rng r;

	rng_seed(&r, 2024);
	for (size_t k = 0; k < ARRAY_SIZE(names); k++) {
		char buf[16384];
		size_t n;
		FILE *f;

		path_in_dir(src, sizeof(src), names[k]);
		f = fopen(src, "r");
		TEST_ASSERT(f, "%s missing", src);
		if (!f)
			continue;
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		for (int round = 0; round < 300; round++) {
			char mut[16384];
			size_t len = n;
			int rc, edits = 1 + (int)rng_below(&r, 3);
			struct result_set set;
			struct sample_set ss;
			struct run_meta m;

			memcpy(mut, buf, n);
			for (int e = 0; e < edits; e++) {
				size_t at = rng_below(&r, len);

				switch (rng_below(&r, 3)) {
				case 0:	/* overwrite with a byte from a nasty set */
					mut[at] = nasty[rng_below(&r, sizeof(nasty) - 1)];
					break;
				case 1:	/* truncate */
					len = at;
					break;
				case 2:	/* delete one byte */
					memmove(mut + at, mut + at + 1, len - at - 1);
					len--;
					break;
				}
			}
			path_in_dir(dst, sizeof(dst), "fuzz.tmp");
			f = fopen(dst, "w");
			fwrite(mut, 1, len, f);
			fclose(f);
			err[0] = 0;
			if (k == 0) {
				rc = results_read(dst, &set, err, sizeof(err));
				if (!rc)
					results_free(&set);
			} else if (k == 1) {
				rc = results_read_samples(dst, &ss, err, sizeof(err));
				if (!rc)
					results_free_samples(&ss);
			} else {
				rc = results_read_meta(dst, &m, err, sizeof(err));
			}
			TEST_ASSERT(rc == FPB_OK || (rc == FPB_EDATA && strstr(err, dst)),
				    "%s round %d: rc %d '%s'", names[k], round, rc, err);
		}
	}
}

static void test_paths(void)
{
	char buf[64];

	results_path("out/run", ".csv", buf, sizeof(buf));
	TEST_ASSERT(!strcmp(buf, "out/run.csv"), "%s", buf);
	results_path("out/run.csv", ".json", buf, sizeof(buf));
	TEST_ASSERT(!strcmp(buf, "out/run.json"), "%s", buf);
	results_path("out/run.samples.csv", ".csv", buf, sizeof(buf));
	TEST_ASSERT(!strcmp(buf, "out/run.csv"), "%s", buf);
	results_path("run.json", ".samples.csv", buf, sizeof(buf));
	TEST_ASSERT(!strcmp(buf, "run.samples.csv"), "%s", buf);
}

static void test_open_fails(void)
{
	struct test_capture cap;
	struct run_meta meta;
	const char *msg;
	void *w;

	results_meta_init(&meta, 0, NULL);
	test_capture_begin(&cap, 2);
	w = results_open("/nonexistent-dir/x/run", &meta);
	msg = test_capture_end(&cap);
	TEST_ASSERT(!w, "open in a missing directory");
	TEST_STR_CONTAINS(msg, "/nonexistent-dir/x/run.json");
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/fpb-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_paths();
	test_round_trip();
	test_malformed();
	test_fuzz();
	test_open_fails();
	if (!test_failures) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd))
			fprintf(stderr, "# could not remove %s\n", dir);
	} else {
		fprintf(stderr, "# files kept in %s\n", dir);
	}
	return test_done("unit.lib.results");
}
