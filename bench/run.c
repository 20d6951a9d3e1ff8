// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench run: the whole measurement matrix into one results set, and the
 * pipeline behind every measuring command (run.h; fpbench kvm and fpbench
 * ctxsw are its one-configuration presets, presets.c).
 *
 * The matrix (matrix.h) is expanded from the quick or full default spec with
 * any dimension overridden on the command line; configurations the machine
 * cannot run (VL not offered, no SME, no KVM) become `skip` rows with a
 * reason. Each remaining configuration is measured by its bench's row of
 * bench_descs[] (bench.h: kvm_pingpong.c, ctxsw.c) through the harness, in every
 * selected fp mode (fpmode.h); with --fp-mode both or all the harness
 * alternates the modes' batches of one configuration (eager, lazy[,
 * lazy_keep]), so slow drift lands in every mode's row. A mode the kernel
 * refuses or does not take is a skip row with the reason.
 *
 * Rows are written as soon as a configuration is complete (results.h keeps
 * BASE.csv whole at every moment). SIGINT/SIGTERM stop the run at the next
 * configuration boundary: the interrupted configuration is dropped, the rows
 * before it are kept, and the exit code is 130.
 *
 * stdout: nothing, kselftest TAP with --tap, or (presets) one summary line
 * per row. stderr: one progress line per row, and diagnostics.
 */
#define _GNU_SOURCE	/* sched_getaffinity */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "counters.h"
#include "fpbench.h"
#include "fpmode.h"
#include "harness.h"
#include "matrix.h"
#include "options.h"
#include "pin.h"
#include "results.h"
#include "run.h"
#include "sysinfo.h"
#include "tap.h"

/*
 * --quick defaults: small enough that the quick matrix finishes in a few
 * minutes inside the emulated KVM host (qemu-system TCG, -icount shift=0),
 * large enough for stable medians there (emulation is deterministic).
 */
#define RUN_QUICK_ITERATIONS	1000
#define RUN_QUICK_WARMUP	20
#define RUN_QUICK_BATCHES	2

/* ---- the configurations, measured and skipped, in matrix order ---- */

struct run_item {
	struct fpb_config cfg;
	const char *skip;	/* reason, NULL: measure */
};

static int run_item_cmp(const void *a, const void *b)
{
	const struct fpb_config *x = &((const struct run_item *)a)->cfg;
	const struct fpb_config *y = &((const struct run_item *)b)->cfg;
	const long dx[] = { x->bench, x->exit, x->host_fp, x->guest_fp,
			    x->vl_bits, x->svl_bits };
	const long dy[] = { y->bench, y->exit, y->host_fp, y->guest_fp,
			    y->vl_bits, y->svl_bits };

	for (size_t i = 0; i < ARRAY_SIZE(dx); i++)
		if (dx[i] != dy[i])
			return dx[i] < dy[i] ? -1 : 1;
	return 0;
}

/* matrix_expand() order (bench, exit, host, guest, vl, svl), skips merged. */
static struct run_item *run_items(const struct matrix *m, size_t *nr)
{
	struct run_item *it = calloc(m->nr + m->nr_skips + 1, sizeof(*it));
	size_t n = 0;

	if (!it)
		return NULL;
	for (size_t i = 0; i < m->nr; i++)
		it[n++].cfg = m->rows[i];
	for (size_t i = 0; i < m->nr_skips; i++) {
		it[n].cfg = m->skips[i].cfg;
		it[n++].skip = m->skips[i].reason;
	}
	qsort(it, n, sizeof(*it), run_item_cmp);
	*nr = n;
	return it;
}

/* ---- progress ---- */

static void run_eta(char *buf, size_t len, double s)
{
	if (isnan(s))
		snprintf(buf, len, "?");
	else if (s >= 3600)
		snprintf(buf, len, "%dh%02dm", (int)(s / 3600), (int)(s / 60) % 60);
	else if (s >= 60)
		snprintf(buf, len, "%dm%02ds", (int)(s / 60), (int)s % 60);
	else
		snprintf(buf, len, "%ds", (int)s);
}

/* Under emulation the PMU's "cycles" count instructions: never say cycles. */
static const char *run_unit(const struct result_row *row)
{
	return row->emulated && row->unit == UNIT_CYCLES ?
	       "instructions (emulated)" : result_unit_names[row->unit];
}

static void run_progress(unsigned int n, unsigned int total,
			 const struct result_row *row, double eta_s)
{
	char key[MATRIX_KEY_LEN], eta[32];

	matrix_config_key(&row->cfg, key, sizeof(key));
	run_eta(eta, sizeof(eta), eta_s);
	fprintf(stderr, "[%u/%u] %s %s: ", n, total, key,
		fp_mode_names[row->cfg.fp_mode]);
	if (row->status == STATUS_SKIP)
		fprintf(stderr, "skip (%s)", row->reason);
	else if (row->status == STATUS_FAIL && !row->iterations)
		fprintf(stderr, "FAIL (%s)", row->reason);
	else
		fprintf(stderr, "%smedian %.0f %s (%" PRIu64 " integrity failures)",
			row->status == STATUS_FAIL ? "FAIL: " : "",
			row->cycles.median, run_unit(row),
			row->integrity_failures);
	fprintf(stderr, " ETA %s\n", eta);
}

/*
 * The summary line of a row, on stdout for the presets: "kvm exit=mmio
 * host=sve guest=none vl=256 svl=0 mode=eager: median ... integrity_failures
 * 0 ok". One line, every field named, so scripts and people read the same.
 */
static void run_print_row(const struct result_row *row, FILE *f)
{
	const struct fpb_config *c = &row->cfg;

	fprintf(f, "%s exit=%s host=%s guest=%s vl=%u svl=%u mode=%s: ",
		bench_names[c->bench], exit_names[c->exit],
		fp_kind_names[c->host_fp], fp_kind_names[c->guest_fp],
		c->vl_bits, c->svl_bits, fp_mode_names[c->fp_mode]);
	if (row->status == STATUS_SKIP) {
		fprintf(f, "skip (%s)\n", row->reason);
		return;
	}
	if (!row->iterations) {
		fprintf(f, "%s: %s\n", result_status_names[row->status], row->reason);
		return;
	}
	fprintf(f, "median %.0f %s [95%% CI %.0f..%.0f] (p10 %.0f p90 %.0f, n %" PRIu64 ")"
		" guest_median %.0f baseline %.0f instructions %.0f"
		" integrity_failures %" PRIu64 " %s%s%s\n",
		row->cycles.median, run_unit(row),
		row->cycles.ci_lo, row->cycles.ci_hi,
		row->cycles.p10, row->cycles.p90, row->iterations,
		row->guest_median, row->baseline, row->instructions_median,
		row->integrity_failures, result_status_names[row->status],
		row->status == STATUS_OK ? "" : ": ",
		row->status == STATUS_OK ? "" : row->reason);
}

/* ---- the run ---- */

struct run_state {
	const struct run_args *a;
	struct results_writer *w;	/* NULL: no --out (presets) */
	struct tap_counts tc;
	unsigned int done, total;	/* rows */
	unsigned int ok, fail, skip;
	unsigned int env_fail;	/* failed rows whose cause was an environment error */
	size_t measured_left;		/* configurations still to measure */
	double measure_s;		/* seconds spent measuring so far */
	size_t measured;
	cpu_set_t mask;			/* affinity at the start of the run */
	bool have_mask;
};

static double run_eta_s(const struct run_state *st)
{
	if (!st->measured_left)
		return 0;
	if (!st->measured)
		return NAN;
	return st->measure_s / st->measured * st->measured_left;
}

/* Write one row: results file, TAP, summary, progress, tallies. FPB_OK or FPB_EENV. */
static int run_emit(struct run_state *st, const struct result_row *row,
		    const double *cycles, const double *instructions, size_t n)
{
	int ret = st->w ? results_add(st->w, row, cycles, instructions, n) : FPB_OK;

	if (ret)
		return ret;
	st->done++;
	if (st->a->tap)
		tap_result_count(stdout, st->done, row, &st->tc);
	if (st->a->print_rows)
		run_print_row(row, stdout);
	if (row->status == STATUS_SKIP)
		st->skip++;
	else if (row->status == STATUS_FAIL || row->integrity_failures)
		st->fail++;
	else
		st->ok++;
	run_progress(st->done, st->total, row, run_eta_s(st));
	return FPB_OK;
}

static int run_skip(struct run_state *st, const struct run_item *it,
		    const struct harness_params *p, bool emulated)
{
	for (unsigned int m = 0; m < p->nr_modes; m++) {
		struct fpb_config cfg = it->cfg;
		struct result_row row;
		int ret;

		cfg.fp_mode = p->modes[m];
		result_row_skip(&row, &cfg, it->skip);
		row.emulated = emulated;	/* the machine is, even if the row is empty */
		ret = run_emit(st, &row, NULL, NULL, 0);
		if (ret)
			return ret;
	}
	return FPB_OK;
}

/* Measure one configuration in every mode; FPB_INTERRUPTED drops it whole. */
static int run_measure(struct run_state *st, const struct run_item *it,
		       const struct harness_params *p, bool emulated)
{
	struct harness_result res[FP_MODE_NR];
	/* an integer: a double would live in D8-D15, which the FP fill overwrites */
	uint64_t t0 = counters_clock_ns();
	int ret, err = FPB_OK;

	FP_CALLEE_SAVED_CLOBBER();
	memset(res, 0, sizeof(res));
	bench_descs[it->cfg.bench].measure(&it->cfg, p, &st->a->bo, res);
	/* The benches pin us; the next one may want other CPUs too (ctxsw's waker). */
	if (st->have_mask)
		sched_setaffinity(0, sizeof(st->mask), &st->mask);
	st->measure_s += (counters_clock_ns() - t0) / 1e9;
	st->measured++;
	st->measured_left--;

	for (unsigned int m = 0; m < p->nr_modes; m++)
		if (res[m].status == FPB_INTERRUPTED || fpb_interrupted)
			err = FPB_INTERRUPTED;
	for (unsigned int m = 0; m < p->nr_modes && !err; m++) {
		struct result_row row;

		if (res[m].status == FPB_EUSAGE)
			fprintf(stderr, "%s: %s\n", st->a->prog, res[m].reason);
		ret = harness_result_row(&res[m], emulated, p->seed, &row);
		if (!ret)
			ret = run_emit(st, &row, res[m].cycles,
				       res[m].instructions, res[m].n);
		if (!ret && res[m].status == FPB_EENV && !row.integrity_failures)
			st->env_fail++;
		if (ret)
			err = ret;
	}
	for (unsigned int m = 0; m < p->nr_modes; m++)
		harness_result_free(&res[m]);
	return err;
}

void run_args_init(struct run_args *a, const char *prog)
{
	memset(a, 0, sizeof(*a));
	a->prog = prog;
	a->mode_s = "current";
	a->cpu = -1;
	harness_params_init(&a->p);
	a->p.seed = HARNESS_SEED_DEFAULT;
}

int run_pipeline(struct run_args *a, const struct matrix_spec *spec,
		 int argc, char **argv)
{
	struct harness_params *p = &a->p;
	struct run_meta meta;
	struct matrix m = { 0 };
	struct sysinfo si;
	struct matrix_caps caps = { 0 };
	struct counters cn;
	struct run_state st = { .a = a };
	struct run_item *items = NULL;
	size_t nitems = 0;
	char err[512];
	int ret;

	/* argv[-1] is the driver's name: record "fpbench run ..." as typed. */
	results_meta_init(&meta, argc + 1, argv - 1);
	if (a->date && results_meta_set_date(&meta, a->date)) {
		fprintf(stderr, "%s: --date '%s': expected YYYY-MM-DDTHH:MM:SSZ\n",
			a->prog, a->date);
		return FPB_EUSAGE;
	}
	if (a->out && !*a->out) {
		fprintf(stderr, "%s: --out: an empty BASE\n", a->prog);
		return FPB_EUSAGE;
	}
	ret = fpmode_setup(a->mode_s, p, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "%s: %s\n", a->prog, err);
		/* the presets' summary is stdout: say there too why nothing ran */
		if (a->print_rows && ret == FPB_SKIP)
			printf("skip: %s\n", err);
		return ret;
	}

	/* Everything on one CPU, chosen once, so rows are comparable. */
	p->cpu = a->no_pin ? -1 : a->cpu >= 0 ? a->cpu : pin_pick_cpu();
	if (p->cpu < 0 && !a->no_pin) {
		ret = FPB_EENV;
		goto out_nocounters;
	}
	p->events = a->events;
	ret = harness_counters_open(p, &cn, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "%s: %s\n", a->prog, err);
		ret = FPB_EUSAGE;
		goto out_nocounters;
	}

	ret = matrix_expand(spec, &m);
	if (ret)
		goto out;
	sysinfo_collect(&si);
	for (int i = 0; i < si.nr_sve_vls && i < MATRIX_MAX_VLS; i++)
		caps.sve_vls[caps.nr_sve_vls++] = si.sve_vls[i];
	for (int i = 0; i < si.nr_sme_vls && i < MATRIX_MAX_VLS; i++)
		caps.sme_vls[caps.nr_sme_vls++] = si.sme_vls[i];
	caps.sme2 = si.sme2;
	if (matrix_filter_supported(&m, &caps) < 0 ||
	    !(items = run_items(&m, &nitems))) {
		fprintf(stderr, "%s: out of memory\n", a->prog);
		ret = FPB_EENV;
		goto out;
	}

	harness_meta_fill(&meta, &si, &cn, p);
	counters_close(&cn);
	if (a->out) {
		st.w = results_open(a->out, &meta);
		if (!st.w) {
			ret = FPB_EENV;
			goto out_nocounters;
		}
	}
	a->bo.ctxsw.emulated = si.emulated;
	st.have_mask = !sched_getaffinity(0, sizeof(st.mask), &st.mask);
	st.total = nitems * p->nr_modes;
	st.measured_left = m.nr;
	if (a->tap) {
		tap_header(stdout, st.total);
		tap_diag(stdout, "%s: %u rows, kernel %s, %s%s", a->prog, st.total,
			 si.kernel, si.cpu.name, si.emulated ? " (emulated)" : "");
	}
	fprintf(stderr, "%s: %zu configurations (%zu to measure, %zu unsupported) x %u mode(s) on CPU %d%s%s%s\n",
		a->prog, nitems, m.nr, m.nr_skips, p->nr_modes, p->cpu,
		a->out ? " -> " : "", a->out ? a->out : "", a->out ? ".csv" : "");

	ret = FPB_OK;
	for (size_t i = 0; i < nitems && !ret; i++) {
		if (fpb_interrupted) {
			ret = FPB_INTERRUPTED;
			break;
		}
		if (items[i].skip)
			ret = run_skip(&st, &items[i], p, si.emulated);
		else
			ret = run_measure(&st, &items[i], p, si.emulated);
	}

	if (ret == FPB_INTERRUPTED)
		fprintf(stderr, "%s: interrupted: %u of %u rows complete%s%s%s\n",
			a->prog, st.done, st.total, a->out ? " in " : "",
			a->out ? a->out : "", a->out ? ".csv" : "");
	if (a->tap) {
		if (ret == FPB_INTERRUPTED)
			printf("Bail out! interrupted after %u of %u rows\n",
			       st.done, st.total);
		tap_totals(stdout, &st.tc);
	}
	fflush(stdout);
	if (st.w && results_close(st.w) && !ret)
		ret = FPB_EENV;
	fprintf(stderr, "%s: %u ok, %u failed, %u skipped\n",
		a->prog, st.ok, st.fail, st.skip);
	if (!ret) {
		/* A corruption outranks an ioctl that failed: 1 before 6. */
		if (st.fail > st.env_fail)
			ret = FPB_FAIL;
		else if (st.fail)
			ret = FPB_EENV;
		else if (!st.ok)
			ret = FPB_SKIP;
	}
	goto out_nocounters;

out:
	counters_close(&cn);
out_nocounters:
	fpmode_restore();
	matrix_free(&m);
	free(items);
	return ret;
}

int cmd_run(int argc, char **argv)
{
	const char *dims[] = { "bench", "exit", "host-fp", "guest-fp", "vl", "svl" };
	const char *dimval[ARRAY_SIZE(dims)] = { NULL };
	char help[ARRAY_SIZE(dims)][256], list[BENCH_NR][96], names[128];
	bool quick = false;
	struct run_args a;
	struct matrix_spec spec;
	char err[512];
	int nargs, ret;

	run_args_init(&a, "fpbench run");
	/* The lists in the help come from the bench table. */
	snprintf(help[0], sizeof(help[0]), "benches: %s, all",
		 fpb_names_join(names, sizeof(names), bench_names, BENCH_NR,
				FPB_BIT(BENCH_NR) - 1, ", "));
	for (int b = 0; b < BENCH_NR; b++)
		snprintf(list[b], sizeof(list[b]), "%s (%s)",
			 fpb_names_join(names, sizeof(names), exit_names, EXIT_NR,
					bench_descs[b].exits, ", "), bench_names[b]);
	snprintf(help[1], sizeof(help[1]), "exits: %s; %s; all", list[BENCH_KVM],
		 list[BENCH_CTXSW]);
	snprintf(help[2], sizeof(help[2]), "host FP states: %s, all",
		 fpb_names_join(names, sizeof(names), fp_kind_names, FP_KIND_NR,
				FP_ALL_KINDS, ", "));
	snprintf(help[3], sizeof(help[3]), "guest / ctxsw partner FP use: %s, all",
		 fpb_names_join(names, sizeof(names), fp_kind_names, FP_KIND_NR,
				FP_GUEST_KINDS, ", "));
	const struct opt opts[] = {
		RUN_COMMON_OPTS(&a),
		{ .name = "quick", .kind = OPT_FLAG, .ptr = &quick, .metavar = NULL,
		  .help = "the quick matrix (VLs 128-512, partner none) and quick iteration counts (1000, warmup 20, 2 batches)" },
		{ .name = "bench", .kind = OPT_STRING, .ptr = &dimval[0], .metavar = "LIST",
		  .help = help[0] },
		{ .name = "exit", .kind = OPT_STRING, .ptr = &dimval[1], .metavar = "LIST",
		  .help = help[1] },
		{ .name = "host-fp", .kind = OPT_STRING, .ptr = &dimval[2], .metavar = "LIST",
		  .help = help[2] },
		{ .name = "guest-fp", .kind = OPT_STRING, .ptr = &dimval[3], .metavar = "LIST",
		  .help = help[3] },
		{ .name = "vl", .kind = OPT_STRING, .ptr = &dimval[4], .metavar = "LIST",
		  .help = "SVE vector lengths in bits (multiples of 128)" },
		{ .name = "svl", .kind = OPT_STRING, .ptr = &dimval[5], .metavar = "LIST",
		  .help = "SME streaming vector lengths in bits" },
		{ .name = "sleep-us", .kind = OPT_UINT, .ptr = &a.bo.ctxsw.sleep_us, .metavar = "US",
		  .help = "ctxsw exit=vcpu: how long the vCPU has the CPU before the wake-up (0: 100)",
		  .max = 1e6 },
	};
	const struct opt_cmd cmd = {
		"fpbench run", "--out BASE [options]",
		"Measure the matrix bench x exit x host FP x guest FP x VL x SVL x\n"
		"fp mode. Without --quick: the full matrix. Unsupported configurations\n"
		"are recorded as skip rows with the reason. cycles_* are per iteration:\n"
		"kvm one KVM_RUN round trip; ctxsw one round trip (futex: two context\n"
		"switches; vcpu: from the wake-up until the CPU is back from the vCPU).\n"
		"fpbench kvm and fpbench ctxsw measure one configuration the same way.\n"
		"Exit: 0 ok, 1 integrity failure or failed row, 2 usage, 4 all\n"
		"skipped, 6 environment error, 130 interrupted (complete rows kept).",
		opts, ARRAY_SIZE(opts), 0, 0,
	};

	ret = opt_parse(&cmd, argc, argv, &nargs);
	if (ret)
		return ret == OPT_HELP_SHOWN ? FPB_OK : ret;
	if (!a.out || !*a.out) {
		fprintf(stderr, "fpbench run: --out BASE is required (results go to BASE.csv, BASE.samples.csv, BASE.json)\n");
		return FPB_EUSAGE;
	}
	if (quick) {
		if (!a.given_iterations)
			a.p.iterations = RUN_QUICK_ITERATIONS;
		if (!a.given_warmup)
			a.p.warmup = RUN_QUICK_WARMUP;
		if (!a.given_batches)
			a.p.batches = RUN_QUICK_BATCHES;
	}
	spec = matrix_default_spec(quick);
	for (size_t i = 0; i < ARRAY_SIZE(dims); i++) {
		if (!dimval[i])
			continue;
		ret = matrix_spec_parse(&spec, dims[i], dimval[i], err, sizeof(err));
		if (ret) {
			fprintf(stderr, "fpbench run: --%s: %s\n", dims[i], err);
			return ret;
		}
	}
	return run_pipeline(&a, &spec, argc, argv);
}
