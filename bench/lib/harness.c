// SPDX-License-Identifier: GPL-2.0
/*
 * The measurement loop shared by kvm and ctxsw (method in harness.h).
 *
 * The hot loop (harness_batch) runs while the benchmark's FP pattern is
 * live in the registers, between ops->pre() and ops->verify(): it is built
 * without FP/SIMD code generation, keeps raw integer samples and leaves
 * every floating point step to after the batch.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters.h"
#include "harness.h"
#include "pin.h"
#include "results.h"
#include "stats.h"
#include "sysinfo.h"
#include "trace.h"


void harness_meta_fill(struct run_meta *meta, const struct sysinfo *si,
		       const struct counters *cn, const struct harness_params *p)
{
	snprintf(meta->kernel_config, sizeof(meta->kernel_config), "%s", si->kernel_config);
	snprintf(meta->cpu.name, sizeof(meta->cpu.name), "%.*s",
		 (int)sizeof(meta->cpu.name) - 1, si->cpu.name);
	meta->cpu.midr = si->cpu.midr;
	meta->cpu.implementer = si->cpu.implementer;
	meta->cpu.part = si->cpu.part;
	for (int i = 0; i < si->nr_sve_vls && i < RESULTS_MAX_VLS; i++)
		meta->sve_vls[meta->nr_sve_vls++] = si->sve_vls[i];
	for (int i = 0; i < si->nr_sme_vls && i < RESULTS_MAX_VLS; i++)
		meta->sme_vls[meta->nr_sme_vls++] = si->sme_vls[i];
	meta->emulated = si->emulated;
	snprintf(meta->emulation, sizeof(meta->emulation), "%s", si->emulation);
	for (unsigned int i = 0; i < p->nr_modes; i++)
		meta->fp_modes |= 1u << p->modes[i];

	meta->counter.unit = result_unit_lookup(counters_unit(cn));
	snprintf(meta->counter.source, sizeof(meta->counter.source), "%s",
		 counters_source_name(cn));
	for (int i = 0; i < cn->nr && i < RESULTS_MAX_EVENTS; i++)
		snprintf(meta->counter.events[meta->counter.nr_events++],
			 sizeof(meta->counter.events[0]), "%s", cn->names[i]);
	/* No PMU at all, or samples from the timer, or an event left out. */
	if (!counters_have_pmu(cn) || counters_reason(cn)[0])
		snprintf(meta->counter.pmu_unavailable,
			 sizeof(meta->counter.pmu_unavailable), "%s",
			 counters_reason(cn)[0] ? counters_reason(cn) : "no PMU");
	meta->pinned_cpu = p->cpu;
	meta->iterations = p->iterations;
	meta->warmup = p->warmup;
	meta->batches = p->batches;
	meta->seed = p->seed;
}

void harness_params_init(struct harness_params *p)
{
	memset(p, 0, sizeof(*p));
	p->iterations = HARNESS_ITERATIONS_DEFAULT;
	p->warmup = HARNESS_WARMUP_DEFAULT;
	p->batches = HARNESS_BATCHES_DEFAULT;
	p->cpu = -1;
	p->modes[0] = FP_MODE_UNKNOWN;
	p->nr_modes = 1;
	p->seed = 1;
}

/* Raw per-mode state while measuring. */
struct harness_acc {
	uint64_t *cyc, *ins, *guest, *base;
	size_t n, nguest, nbase;
	size_t cap, cap_base;	/* entries of cyc/ins/guest, of base */
	uint64_t batch_cycles, batch_instr, enabled, running;
	uint64_t batch_ev[COUNTERS_MAX_EVENTS];	/* every event of the group */
	size_t batch_iters;
	bool have_batch;
	bool no_batch_instr;	/* the group has no instructions event */
	bool done;		/* status decided, no more batches */
	char first_failure[HARNESS_REASON_LEN];
};

static void harness_set_reason(struct harness_result *r, const char *why)
{
	snprintf(r->reason, sizeof(r->reason), "%s", why && *why ? why : "-");
	/* the reason goes into a CSV field */
	for (char *c = r->reason; *c; c++)
		if (*c == ',' || *c == '\n')
			*c = ';';
}

void harness_result_status(struct harness_result *res,
			   const struct fpb_config *cfg, enum fp_mode mode,
			   enum fpb_status status, const char *reason)
{
	memset(res, 0, sizeof(*res));
	res->cfg = *cfg;
	res->cfg.fp_mode = mode;
	res->status = status;
	res->unit = "ns";
	res->baseline = NAN;
	res->batch_cycles = res->batch_instructions = res->running_pct = NAN;
	harness_set_reason(res, status == FPB_OK ? "-" : reason);
}

void harness_result_free(struct harness_result *res)
{
	free(res->cycles);
	free(res->instructions);
	free(res->guest);
	res->cycles = res->instructions = res->guest = NULL;
	res->n = res->nguest = 0;
}

/*
 * Empty iterations: what two counter reads cost with nothing between.
 * This is the floor under every sample (reported as `baseline`). The
 * trace markers of harness_batch() are here too, so that the baseline is
 * exactly what a sample holds besides the operation.
 */
static FPB_NO_FP void harness_baseline(struct counters *c,
					   struct harness_acc *a,
					   unsigned int n)
{
	struct counters_snap s0, s1;

	for (unsigned int i = 0; i < n; i++) {
		counters_snap(c, &s0);
		trace_run_begin();
		trace_run_end();
		counters_snap(c, &s1);
		if (a->nbase < a->cap_base)
			a->base[a->nbase++] = s1.now - s0.now;
	}
}

/*
 * @want iterations of pre/run/verify. Measured batches append to @a,
 * warm-up (@a NULL) throws the numbers away. Returns FPB_OK or the first
 * error of an op.
 */
static FPB_NO_FP int harness_batch(const struct harness_ops *ops,
				       void *ctx, struct counters *c,
				       struct harness_iter *it,
				       struct harness_acc *a, size_t want,
				       uint64_t *scratch, size_t scratch_len)
{
	struct counters_snap s0, s1;
	size_t done = 0;
	int rc = FPB_OK, vrc;

	it->warmup = !a;
	while (done < want) {
		it->guest_valid = false;
		it->baseline_valid = false;
		it->n = 0;
		if (ops->timing == HARNESS_TIME_CALLBACK) {
			it->samples = a ? a->cyc + a->n : scratch;
			it->max = want - done;
			if (!a && it->max > scratch_len)
				it->max = scratch_len;
		}
		if (ops->pre)
			ops->pre(ctx, it);
		counters_snap(c, &s0);
		trace_run_begin();
		rc = ops->run(ctx, it);
		trace_run_end();
		counters_snap(c, &s1);
		vrc = ops->verify ? ops->verify(ctx, it) : FPB_OK;
		if (rc == FPB_OK)
			rc = vrc;
		if (rc != FPB_OK)
			break;
		if (ops->timing == HARNESS_TIME_HOST)
			it->n = 1;
		if (a) {
			if (ops->timing == HARNESS_TIME_HOST) {
				a->cyc[a->n] = s1.now - s0.now;
				a->ins[a->n] = s1.instructions - s0.instructions;
			}
			a->n += it->n;
			if (it->guest_valid && a->nguest < a->cap)
				a->guest[a->nguest++] = it->guest;
			if (it->baseline_valid && a->nbase < a->cap_base)
				a->base[a->nbase++] = it->baseline;
		}
		it->index += it->n ? it->n : 1;
		done += it->n ? it->n : 1;
	}
	return rc;
}

int harness_counters_open(const struct harness_params *p, struct counters *c,
			  char *err, size_t len)
{
	struct counters_opts o = { .cpu = p->cpu, .attrib = p->attrib,
				   .user_read = true };
	char buf[512], *save = NULL;	/* counters_open() copies the names */
	int n = 0, r;

	if (p->events && *p->events) {
		if (strlen(p->events) >= sizeof(buf)) {
			snprintf(err, len, "--events: list longer than %zu characters",
				 sizeof(buf) - 1);
			return -E2BIG;
		}
		snprintf(buf, sizeof(buf), "%s", p->events);
		for (char *tok = strtok_r(buf, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			if (n == COUNTERS_MAX_EVENTS - 1) {
				snprintf(err, len, "--events: at most %d events",
					 COUNTERS_MAX_EVENTS - 1);
				return -E2BIG;
			}
			o.events[n++] = tok;
		}
	}
	r = counters_open(c, &o);
	if (r < 0)
		snprintf(err, len, "--events: %s", counters_reason(c));
	return r;
}

static int harness_alloc(struct harness_acc *a, size_t iterations,
			 size_t nbase)
{
	/* a callback may hand over a whole batch past @iterations: no, max caps it */
	a->cyc = calloc(iterations + 1, sizeof(*a->cyc));
	a->ins = calloc(iterations + 1, sizeof(*a->ins));
	a->guest = calloc(iterations + 1, sizeof(*a->guest));
	a->base = calloc(nbase + 1, sizeof(*a->base));
	a->cap = iterations + 1;
	a->cap_base = nbase + 1;
	return a->cyc && a->ins && a->guest && a->base ? 0 : -1;
}

static void harness_acc_free(struct harness_acc *a)
{
	free(a->cyc);
	free(a->ins);
	free(a->guest);
	free(a->base);
}

static double *harness_to_double(const uint64_t *x, size_t n)
{
	double *d = malloc((n ? n : 1) * sizeof(*d));

	if (d)
		for (size_t i = 0; i < n; i++)
			d[i] = (double)x[i];
	return d;
}

/*
 * The group's events other than cycles and instructions, per measured
 * iteration: "EXC_TAKEN=2;EXC_HVC=0", whole entries only; "-" if none.
 */
static void harness_events_text(const struct counters *c, const struct harness_acc *a,
				char *buf, size_t len)
{
	size_t used = 0;

	snprintf(buf, len, "-");
	for (int e = 0; e < c->nr && e < COUNTERS_MAX_EVENTS; e++) {
		char one[COUNTERS_NAME_LEN + 32];
		int n;

		if (e == c->cycles_idx || e == c->instr_idx)
			continue;
		n = snprintf(one, sizeof(one), "%s%s=%.6g", used ? ";" : "", c->names[e],
			     (double)a->batch_ev[e] / a->batch_iters);
		if (n < 0 || used + n >= len)
			break;
		memcpy(buf + used, one, n + 1);
		used += n;
	}
}

/* Turn the raw accumulation into @r. */
static int harness_finish(const struct harness_ops *ops,
			  const struct counters *c, struct harness_acc *a,
			  struct harness_result *r)
{
	double *base;

	r->unit = ops->timing == HARNESS_TIME_CALLBACK && ops->callback_unit ?
		  ops->callback_unit : counters_unit(c);
	r->n = a->n;
	r->cycles = harness_to_double(a->cyc, a->n);
	if (!r->cycles)
		return FPB_EENV;
	if (ops->timing == HARNESS_TIME_HOST && counters_have_instructions(c)) {
		r->instructions = harness_to_double(a->ins, a->n);
		if (!r->instructions)
			return FPB_EENV;
	}
	r->nguest = a->nguest;
	r->guest = harness_to_double(a->guest, a->nguest);
	if (!r->guest)
		return FPB_EENV;
	/* Baseline in the unit of the samples: the host's or the callback's. */
	if (a->nbase) {
		base = harness_to_double(a->base, a->nbase);
		if (!base)
			return FPB_EENV;
		r->baseline = stats_median(base, a->nbase);
		free(base);
	}
	if (a->have_batch && a->batch_iters) {
		/* cycles/instructions are the group's first two when present */
		r->batch_cycles = (double)a->batch_cycles / a->batch_iters;
		r->batch_instructions = a->no_batch_instr ? NAN :
					(double)a->batch_instr / a->batch_iters;
		r->running_pct = a->enabled ?
				 100.0 * (double)a->running / a->enabled : NAN;
		harness_events_text(c, a, r->batch_events, sizeof(r->batch_events));
	}
	return FPB_OK;
}

int harness_measure(const struct harness_params *p,
		    const struct harness_ops *ops, void *ctx,
		    const struct fpb_config *cfg, struct harness_result *res)
{
	unsigned int nm = p->nr_modes ? p->nr_modes : 1;
	unsigned int batches = p->batches ? p->batches : 1;
	const enum fp_mode unknown = FP_MODE_UNKNOWN;
	const enum fp_mode *modes = p->nr_modes ? p->modes : &unknown;
	unsigned int base_per_batch = HARNESS_BASELINE_ITERATIONS / batches + 1;
	struct harness_acc acc[FP_MODE_NR];
	struct counters c;
	char reason[HARNESS_REASON_LEN];
	uint64_t *scratch;
	size_t scratch_len = 4096;
	int worst = FPB_OK, rc, ci, ii;

	if (nm > FP_MODE_NR)
		nm = FP_MODE_NR;
	memset(acc, 0, sizeof(acc));
	for (unsigned int m = 0; m < nm; m++)
		harness_result_status(&res[m], cfg, modes[m], FPB_OK, "-");

	if (p->cpu >= 0 && pin_to_cpu(p->cpu) < 0) {
		for (unsigned int m = 0; m < nm; m++)
			harness_result_status(&res[m], cfg, modes[m], FPB_EENV,
					      "cannot pin to the requested CPU");
		return FPB_EENV;
	}
	memset(&c, 0, sizeof(c));
	if (harness_counters_open(p, &c, reason, sizeof(reason)) < 0) {
		for (unsigned int m = 0; m < nm; m++)
			harness_result_status(&res[m], cfg, modes[m], FPB_EUSAGE, reason);
		counters_close(&c);
		return FPB_EUSAGE;
	}
	ci = c.cycles_idx;
	ii = c.instr_idx;

	scratch = calloc(scratch_len, sizeof(*scratch));
	for (unsigned int m = 0; m < nm; m++) {
		size_t nbase = (size_t)base_per_batch * batches;

		if (nbase < p->iterations)	/* callbacks: one per run */
			nbase = p->iterations;
		if (!scratch || harness_alloc(&acc[m], p->iterations, nbase)) {
			harness_result_status(&res[m], cfg, modes[m], FPB_EENV,
					      "out of memory");
			acc[m].done = true;
			worst = FPB_EENV;
		}
	}

	for (unsigned int b = 0; b < batches; b++) {
		/* the last batch takes the remainder */
		size_t share = p->iterations / batches +
			       (b == batches - 1 ? p->iterations % batches : 0);

		for (unsigned int m = 0; m < nm; m++) {
			struct harness_acc *a = &acc[m];
			struct harness_result *r = &res[m];
			struct harness_iter it = {
				.index = 0, .mode = modes[m],
				.reason = reason, .reason_len = sizeof(reason),
			};
			struct counter_values v;

			if (a->done)
				continue;
			if (fpb_interrupted) {
				harness_set_reason(r, "interrupted");
				r->status = FPB_INTERRUPTED;
				a->done = true;
				continue;
			}
			reason[0] = '\0';
			if (p->set_mode) {
				rc = p->set_mode(modes[m], reason, sizeof(reason));
				if (rc != FPB_OK) {
					r->status = rc;
					harness_set_reason(r, reason[0] ? reason :
							   "cannot switch fp mode");
					/*
					 * Not in effect for this batch: the mode's row
					 * must not carry samples of earlier batches as
					 * if it had run whole (a lost register still
					 * fails it below).
					 */
					a->n = a->nguest = a->nbase = 0;
					a->have_batch = false;
					a->batch_iters = 0;
					if (r->integrity_failures)
						r->status = FPB_FAIL;
					a->done = true;
					continue;
				}
			}
			it.index = a->n + (size_t)b * p->warmup;
			rc = ops->prepare ? ops->prepare(ctx, &it) : FPB_OK;
			if (rc == FPB_OK)
				rc = harness_batch(ops, ctx, &c, &it, NULL,
						   p->warmup, scratch, scratch_len);
			if (rc == FPB_OK) {
				struct fpb_config wcfg = *cfg;

				if (ops->timing == HARNESS_TIME_HOST)
					harness_baseline(&c, a, base_per_batch);
				/* a measured batch is one window of the trace */
				wcfg.fp_mode = modes[m];
				trace_next_window(&wcfg);
				a->have_batch = counters_have_pmu(&c) &&
						counters_batch_start(&c) == 0;
				trace_window_open();
				rc = harness_batch(ops, ctx, &c, &it, a, share,
						   scratch, scratch_len);
				trace_window_close();
				if (a->have_batch && counters_batch_stop(&c, &v) == 0) {
					if (ci >= 0 && ci < v.nr)
						a->batch_cycles += v.value[ci];
					if (ii >= 0 && ii < v.nr)
						a->batch_instr += v.value[ii];
					else
						a->no_batch_instr = true;
					for (int e = 0; e < v.nr && e < COUNTERS_MAX_EVENTS; e++)
						a->batch_ev[e] += v.value[e];
					a->enabled += v.time_enabled;
					a->running += v.time_running;
					a->batch_iters += share;
				} else {
					a->have_batch = false;
				}
			}
			if (ops->finish)
				ops->finish(ctx, &it);
			r->integrity_failures += it.integrity_failures;
			if (it.integrity_failures && !a->first_failure[0])
				snprintf(a->first_failure, sizeof(a->first_failure),
					 "%s", reason);
			if (rc != FPB_OK) {
				r->status = rc;
				harness_set_reason(r, reason[0] ? reason : "operation failed");
				a->done = true;
			}
		}
	}

	for (unsigned int m = 0; m < nm; m++) {
		struct harness_result *r = &res[m];

		if (!acc[m].cyc)
			goto next;
		if (harness_finish(ops, &c, &acc[m], r) != FPB_OK && r->status == FPB_OK) {
			r->status = FPB_EENV;
			harness_set_reason(r, "out of memory");
		}
		if (r->status == FPB_OK && r->integrity_failures) {
			char buf[HARNESS_REASON_LEN];

			r->status = FPB_FAIL;
			snprintf(buf, sizeof(buf), "%llu integrity failures; first: %s",
				 (unsigned long long)r->integrity_failures,
				 acc[m].first_failure[0] ? acc[m].first_failure : "?");
			harness_set_reason(r, buf);
		}
next:
		harness_acc_free(&acc[m]);
		if (r->status != FPB_OK && (worst == FPB_OK || worst == FPB_SKIP))
			worst = r->status;
	}
	free(scratch);
	counters_close(&c);
	return worst;
}

int harness_result_row(const struct harness_result *res, bool emulated,
		       uint64_t seed, struct result_row *row)
{
	result_row_init(row, &res->cfg);
	row->iterations = res->n;
	row->unit = result_unit_lookup(res->unit);
	if (res->n && stats_compute(res->cycles, res->n, seed, &row->cycles) < 0 &&
	    errno == ENOMEM)
		return FPB_EENV;
	row->instructions_median = res->instructions ?
				   stats_median(res->instructions, res->n) : NAN;
	row->baseline = res->baseline;
	row->guest_median = res->nguest ? stats_median(res->guest, res->nguest) : NAN;
	row->batch_cycles = res->batch_cycles;
	row->batch_instructions = res->batch_instructions;
	row->running_pct = res->running_pct;
	snprintf(row->batch_events, sizeof(row->batch_events), "%s",
		 res->batch_events[0] ? res->batch_events : "-");
	row->integrity_failures = res->integrity_failures;
	row->emulated = emulated;
	switch (res->status) {
	case FPB_OK:
		row->status = STATUS_OK;
		break;
	case FPB_SKIP:
		row->status = STATUS_SKIP;
		break;
	default:
		row->status = STATUS_FAIL;
		break;
	}
	snprintf(row->reason, sizeof(row->reason), "%s",
		 row->status == STATUS_OK ? "-" : res->reason);
	return FPB_OK;
}
