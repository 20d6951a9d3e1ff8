// SPDX-License-Identifier: GPL-2.0
/*
 * harness_measure() with fake operations: no KVM, no FP state, so that
 * the method itself (batches, modes, counts, statuses) is checked anywhere.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../unit/test.h"
#include "fpbench.h"
#include "harness.h"
#include "results.h"

struct fake {
	enum fp_mode seq[64];		/* set_mode calls, in order */
	unsigned int nseq;
	unsigned int prepares, pres, runs, verifies, finishes;
	unsigned int fail_every;	/* verify: a failure every Nth index (lazy) */
	unsigned int per_call;		/* callback timing: samples per run */
	int run_error_at;		/* run returns FPB_EENV at this call, -1 never */
	volatile unsigned long sink;
};

static struct fake *fake_current;

static int fake_set_mode(enum fp_mode mode, char *reason, size_t len)
{
	struct fake *f = fake_current;

	if (f->nseq < ARRAY_SIZE(f->seq))
		f->seq[f->nseq++] = mode;
	return FPB_OK;
}

static int fake_set_mode_skip(enum fp_mode mode, char *reason, size_t len)
{
	snprintf(reason, len, "no knob");
	return FPB_SKIP;
}

/* lazy_keep refused from the @refuse_from-th call on (an old kernel, pKVM). */
static unsigned int refuse_from, refuse_calls;

static int fake_set_mode_refuse(enum fp_mode mode, char *reason, size_t len)
{
	if (mode == FP_MODE_LAZY_KEEP && refuse_calls++ >= refuse_from) {
		snprintf(reason, len, "kernel refuses fp_eager=2");
		return FPB_SKIP;
	}
	return FPB_OK;
}

static int fake_prepare(void *ctx, struct harness_iter *it)
{
	((struct fake *)ctx)->prepares++;
	return FPB_OK;
}

static void fake_pre(void *ctx, struct harness_iter *it)
{
	((struct fake *)ctx)->pres++;
}

static int fake_run(void *ctx, struct harness_iter *it)
{
	struct fake *f = ctx;

	if (f->run_error_at >= 0 && f->runs == (unsigned int)f->run_error_at) {
		snprintf(it->reason, it->reason_len, "fake error");
		f->runs++;
		return FPB_EENV;
	}
	f->runs++;
	for (int i = 0; i < 100; i++)
		f->sink += i;
	it->guest = 7;
	it->guest_valid = true;
	if (f->per_call) {
		unsigned int n = f->per_call < it->max ? f->per_call : it->max;

		for (unsigned int i = 0; i < n; i++)
			it->samples[i] = 42;
		it->n = n;
		it->baseline = 3;
		it->baseline_valid = true;
	}
	return FPB_OK;
}

static int fake_verify(void *ctx, struct harness_iter *it)
{
	struct fake *f = ctx;

	f->verifies++;
	if (f->fail_every && it->mode == FP_MODE_LAZY &&
	    it->index % f->fail_every == 0) {
		it->integrity_failures++;
		if (!it->reason[0])
			snprintf(it->reason, it->reason_len, "fake z3, mismatch");
	}
	return FPB_OK;
}

static void fake_finish(void *ctx, struct harness_iter *it)
{
	((struct fake *)ctx)->finishes++;
}

static const struct harness_ops fake_ops = {
	.timing = HARNESS_TIME_HOST,
	.prepare = fake_prepare,
	.pre = fake_pre,
	.run = fake_run,
	.verify = fake_verify,
	.finish = fake_finish,
};

static const struct fpb_config cfg = {
	.bench = BENCH_KVM, .exit = EXIT_MMIO, .host_fp = FP_SVE,
	.guest_fp = FP_NONE, .vl_bits = 256,
};

/* Two modes, interleaved batches, integrity failures in one of them. */
static void test_modes(void)
{
	struct fake f = { .fail_every = 10, .run_error_at = -1 };
	struct harness_params p;
	struct harness_result res[FP_MODE_NR];
	struct result_row row;
	int rc;

	fake_current = &f;
	harness_params_init(&p);
	p.iterations = 101;
	p.warmup = 3;
	p.batches = 4;
	p.modes[0] = FP_MODE_LAZY;
	p.modes[1] = FP_MODE_EAGER;
	p.nr_modes = 2;
	p.set_mode = fake_set_mode;
	rc = harness_measure(&p, &fake_ops, &f, &cfg, res);

	TEST_ASSERT(rc == FPB_FAIL, "rc %d", rc);
	TEST_ASSERT(f.nseq == 8, "%u set_mode calls", f.nseq);
	for (unsigned int i = 0; i < f.nseq; i++)
		TEST_ASSERT(f.seq[i] == (i % 2 ? FP_MODE_EAGER : FP_MODE_LAZY),
			    "call %u: mode %d", i, f.seq[i]);
	TEST_ASSERT(f.prepares == 8 && f.finishes == 8, "%u %u", f.prepares, f.finishes);
	/* (101 measured + 4 x 3 warm-up) per mode */
	TEST_ASSERT(f.runs == 2 * (101 + 12), "%u runs", f.runs);
	TEST_ASSERT(f.pres == f.runs && f.verifies == f.runs, "%u %u", f.pres, f.verifies);
	TEST_ASSERT(res[0].n == 101 && res[1].n == 101, "%zu %zu", res[0].n, res[1].n);
	TEST_ASSERT(res[0].cfg.fp_mode == FP_MODE_LAZY, "%d", res[0].cfg.fp_mode);
	TEST_ASSERT(res[1].cfg.fp_mode == FP_MODE_EAGER, "%d", res[1].cfg.fp_mode);
	TEST_ASSERT(res[0].integrity_failures > 0, "%llu",
		    (unsigned long long)res[0].integrity_failures);
	TEST_ASSERT(res[0].status == FPB_FAIL, "%d", res[0].status);
	TEST_ASSERT(strstr(res[0].reason, "integrity") && !strchr(res[0].reason, ','),
		    "reason '%s'", res[0].reason);
	TEST_ASSERT(res[1].integrity_failures == 0 && res[1].status == FPB_OK,
		    "%d", res[1].status);
	TEST_ASSERT(!strcmp(res[1].reason, "-"), "'%s'", res[1].reason);
	TEST_ASSERT(res[1].nguest == 101, "%zu", res[1].nguest);
	TEST_ASSERT(!isnan(res[1].baseline) && res[1].baseline >= 0, "%g", res[1].baseline);
	for (size_t i = 0; i < res[1].n; i++)
		TEST_ASSERT(res[1].cycles[i] >= 0, "sample %zu", i);

	TEST_ASSERT(harness_result_row(&res[1], true, 1, &row) == FPB_OK, "row");
	TEST_ASSERT(row.status == STATUS_OK && row.iterations == 101, "%d", row.status);
	TEST_ASSERT(row.guest_median == 7, "%g", row.guest_median);
	TEST_ASSERT(row.emulated, "emulated");
	TEST_ASSERT(row.cfg.vl_bits == 256 && row.cfg.fp_mode == FP_MODE_EAGER, "cfg");
	TEST_ASSERT(harness_result_row(&res[0], false, 1, &row) == FPB_OK, "row");
	TEST_ASSERT(row.status == STATUS_FAIL && row.integrity_failures > 0, "%d", row.status);
	harness_result_free(&res[0]);
	harness_result_free(&res[1]);
}

/* Samples handed over by the operation (guest-timed hvc). */
static void test_callback(void)
{
	struct fake f = { .per_call = 7, .run_error_at = -1 };
	struct harness_ops ops = fake_ops;
	struct harness_params p;
	struct harness_result res[1];
	struct result_row row;
	int rc;

	ops.timing = HARNESS_TIME_CALLBACK;
	ops.callback_unit = "cntvct";
	harness_params_init(&p);
	p.iterations = 100;
	p.warmup = 10;
	p.batches = 3;
	rc = harness_measure(&p, &ops, &f, &cfg, res);
	TEST_ASSERT(rc == FPB_OK, "rc %d (%s)", rc, res[0].reason);
	TEST_ASSERT(res[0].n == 100, "%zu samples", res[0].n);
	TEST_ASSERT(!strcmp(res[0].unit, "cntvct"), "%s", res[0].unit);
	TEST_ASSERT(res[0].instructions == NULL, "no host instructions");
	TEST_ASSERT(res[0].baseline == 3, "baseline %g", res[0].baseline);
	TEST_ASSERT(harness_result_row(&res[0], false, 1, &row) == FPB_OK, "row");
	TEST_ASSERT(row.cycles.median == 42 && row.unit == UNIT_CNTVCT, "%g", row.cycles.median);
	harness_result_free(&res[0]);
}

/* Errors, skips and interruption end a configuration with a reason. */
static void test_statuses(void)
{
	struct fake f = { .run_error_at = 5 };
	struct harness_params p;
	struct harness_result res[2];
	int rc;

	harness_params_init(&p);
	p.iterations = 50;
	p.warmup = 0;
	rc = harness_measure(&p, &fake_ops, &f, &cfg, res);
	TEST_ASSERT(rc == FPB_EENV, "rc %d", rc);
	TEST_ASSERT(res[0].status == FPB_EENV && !strcmp(res[0].reason, "fake error"),
		    "%d '%s'", res[0].status, res[0].reason);
	harness_result_free(&res[0]);

	memset(&f, 0, sizeof(f));
	f.run_error_at = -1;
	p.modes[0] = FP_MODE_EAGER;
	p.set_mode = fake_set_mode_skip;
	rc = harness_measure(&p, &fake_ops, &f, &cfg, res);
	TEST_ASSERT(rc == FPB_SKIP && res[0].status == FPB_SKIP, "rc %d", rc);
	TEST_ASSERT(!strcmp(res[0].reason, "no knob"), "'%s'", res[0].reason);
	TEST_ASSERT(f.runs == 0, "%u runs despite the skip", f.runs);
	harness_result_free(&res[0]);

	p.set_mode = NULL;
	fpb_interrupted = 1;
	rc = harness_measure(&p, &fake_ops, &f, &cfg, res);
	fpb_interrupted = 0;
	TEST_ASSERT(rc == FPB_INTERRUPTED && res[0].status == FPB_INTERRUPTED, "rc %d", rc);
	harness_result_free(&res[0]);
}

/*
 * Three modes; lazy_keep refused: a skip without samples (also when the
 * refusal comes after batches that ran), eager and lazy go on in full.
 */
static void test_refused_mode(void)
{
	struct harness_params p;
	struct harness_result res[FP_MODE_NR];
	struct result_row row;
	int rc;

	for (refuse_from = 0; refuse_from < 3; refuse_from += 2) {
		struct fake f = { .run_error_at = -1 };

		refuse_calls = 0;
		harness_params_init(&p);
		p.iterations = 40;
		p.warmup = 2;
		p.batches = 4;
		p.modes[0] = FP_MODE_EAGER;
		p.modes[1] = FP_MODE_LAZY;
		p.modes[2] = FP_MODE_LAZY_KEEP;
		p.nr_modes = 3;
		p.set_mode = fake_set_mode_refuse;
		rc = harness_measure(&p, &fake_ops, &f, &cfg, res);
		TEST_ASSERT(rc == FPB_SKIP, "refuse from %u: rc %d", refuse_from, rc);
		TEST_ASSERT(res[0].status == FPB_OK && res[0].n == 40, "eager %d %zu",
			    res[0].status, res[0].n);
		TEST_ASSERT(res[1].status == FPB_OK && res[1].n == 40, "lazy %d %zu",
			    res[1].status, res[1].n);
		TEST_ASSERT(res[2].status == FPB_SKIP && res[2].n == 0 &&
			    res[2].cfg.fp_mode == FP_MODE_LAZY_KEEP,
			    "refuse from %u: lazy_keep %d, %zu samples", refuse_from,
			    res[2].status, res[2].n);
		TEST_ASSERT(!strcmp(res[2].reason, "kernel refuses fp_eager=2"), "'%s'",
			    res[2].reason);
		TEST_ASSERT(harness_result_row(&res[2], false, 1, &row) == FPB_OK &&
			    row.status == STATUS_SKIP && row.iterations == 0,
			    "row %d %llu", row.status, (unsigned long long)row.iterations);
		for (unsigned int m = 0; m < 3; m++)
			harness_result_free(&res[m]);
	}
}

int main(void)
{
	test_modes();
	test_refused_mode();
	test_callback();
	test_statuses();
	return test_done("unit.harness.fake_ops");
}
