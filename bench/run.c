// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench run: the whole measurement matrix into one results set.
 *
 * The matrix (matrix.h) is expanded from the quick or full default spec with
 * any dimension overridden on the command line; configurations the machine
 * cannot run (VL not offered, no SME, no KVM) become `skip` rows with a
 * reason. Each remaining configuration is measured by its bench (kvm:
 * kvm_pingpong.c, ctxsw: ctxsw.c) through the shared harness, in every
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
 * stdout: nothing, or kselftest TAP with --tap. stderr: one progress line
 * per row, and diagnostics.
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
#include "ctxsw.h"
#include "fpbench.h"
#include "fpmode.h"
#include "harness.h"
#include "kvm_pingpong.h"
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

/* ---- metadata ---- */

/* Split "a,b,c" into @out (NULL-terminated, at most @max - 1 names). */
/* ---- progress ---- */

/*
 * Nanoseconds as an integer: a double would live in D8-D15 across the
 * measurement, which the FP fill overwrites.
 */
static uint64_t run_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

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
			row->cycles.median,
			/* under emulation the PMU's "cycles" count instructions */
			row->emulated && row->unit == UNIT_CYCLES ? "instructions (emulated)" :
			result_unit_names[row->unit],
			row->integrity_failures);
	fprintf(stderr, " ETA %s\n", eta);
}

/* ---- the run ---- */

struct run_state {
	struct results_writer *w;
	bool tap;
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

/* Write one row: results file, TAP, progress, tallies. FPB_OK or FPB_EENV. */
static int run_emit(struct run_state *st, const struct result_row *row,
		    const double *cycles, const double *instructions, size_t n)
{
	int ret = results_add(st->w, row, cycles, instructions, n);

	if (ret)
		return ret;
	st->done++;
	if (st->tap)
		tap_result_count(stdout, st->done, row, &st->tc);
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
		       const struct harness_params *p,
		       const struct ctxsw_opts *copts, bool emulated)
{
	struct harness_result res[FP_MODE_NR];
	uint64_t t0 = run_now_ns();
	int ret, err = FPB_OK;

	FP_CALLEE_SAVED_CLOBBER();
	memset(res, 0, sizeof(res));
	if (it->cfg.bench == BENCH_CTXSW)
		ctxsw_measure(&it->cfg, p, copts, res);
	else
		kvm_pingpong_measure(&it->cfg, p, NULL, res);
	/* The benches pin us; the next one may want other CPUs too (ctxsw's waker). */
	if (st->have_mask)
		sched_setaffinity(0, sizeof(st->mask), &st->mask);
	st->measure_s += (run_now_ns() - t0) / 1e9;
	st->measured++;
	st->measured_left--;

	for (unsigned int m = 0; m < p->nr_modes; m++)
		if (res[m].status == FPB_INTERRUPTED || fpb_interrupted)
			err = FPB_INTERRUPTED;
	for (unsigned int m = 0; m < p->nr_modes && !err; m++) {
		struct result_row row;

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

int cmd_run(int argc, char **argv)
{
	const char *out = NULL, *events = NULL, *mode_s = "current", *date = NULL;
	const char *dims[] = { "bench", "exit", "host-fp", "guest-fp", "vl", "svl" };
	const char *dimval[ARRAY_SIZE(dims)] = { NULL };
	bool quick = false, tap = false;
	bool it_given = false, wu_given = false, ba_given = false;
	int cpu = -1;
	struct harness_params p;
	struct ctxsw_opts copts = { 0 };
	struct run_meta meta;
	struct matrix_spec spec;
	struct matrix m;
	struct sysinfo si;
	struct matrix_caps caps = { 0 };
	struct counters cn;
	struct run_state st = { 0 };
	struct run_item *items = NULL;
	size_t nitems = 0;
	char err[512];
	int nargs, ret;

	/* argv[-1] is the driver's name: record "fpbench run ..." as typed. */
	results_meta_init(&meta, argc + 1, argv - 1);
	harness_params_init(&p);
	p.seed = RUN_SEED_DEFAULT;

	const struct opt opts[] = {
		{ .name = "out", .kind = OPT_STRING, .ptr = &out, .metavar = "BASE",
		  .help = "write BASE.csv, BASE.samples.csv, BASE.json (required)" },
		{ .name = "quick", .kind = OPT_FLAG, .ptr = &quick, .metavar = NULL,
		  .help = "the quick matrix (VLs 128-512, partner none) and quick iteration counts" },
		{ .name = "bench", .kind = OPT_STRING, .ptr = &dimval[0], .metavar = "LIST",
		  .help = "benches: kvm, ctxsw, all" },
		{ .name = "exit", .kind = OPT_STRING, .ptr = &dimval[1], .metavar = "LIST",
		  .help = "exits: mmio, hvc (kvm); futex, vcpu (ctxsw); all" },
		{ .name = "host-fp", .kind = OPT_STRING, .ptr = &dimval[2], .metavar = "LIST",
		  .help = "host FP states: none, fpsimd, sve, ssve, za, zt0, vmm, all" },
		{ .name = "guest-fp", .kind = OPT_STRING, .ptr = &dimval[3], .metavar = "LIST",
		  .help = "guest / ctxsw partner FP use: none, fpsimd, sve, all" },
		{ .name = "vl", .kind = OPT_STRING, .ptr = &dimval[4], .metavar = "LIST",
		  .help = "SVE vector lengths in bits (multiples of 128)" },
		{ .name = "svl", .kind = OPT_STRING, .ptr = &dimval[5], .metavar = "LIST",
		  .help = "SME streaming vector lengths in bits" },
		{ .name = "iterations", .kind = OPT_UINT, .ptr = &p.iterations, .metavar = "N",
		  .help = "measured iterations per configuration and mode (--quick: 1000)",
		  .min = 1,
		  .max = 1e8,
		  .given = &it_given },
		{ .name = "warmup", .kind = OPT_UINT, .ptr = &p.warmup, .metavar = "N",
		  .help = "unmeasured iterations before each batch (--quick: 20)",
		  .max = 1e8,
		  .given = &wu_given },
		{ .name = "batches", .kind = OPT_UINT, .ptr = &p.batches, .metavar = "N",
		  .help = "batches per mode; modes alternate by batch (--quick: 2)",
		  .min = 1,
		  .max = 1e6,
		  .given = &ba_given },
		{ .name = "cpu", .kind = OPT_INT, .ptr = &cpu, .metavar = "CPU",
		  .help = "CPU to measure on (-1: the last allowed one)",
		  .min = -1,
		  .max = 65535 },
		{ .name = "events", .kind = OPT_STRING, .ptr = &events, .metavar = "LIST",
		  .help = "PMU events of the batch group (default cycles,instructions)" },
		{ .name = "seed", .kind = OPT_U64, .ptr = &p.seed, .metavar = "N",
		  .help = "seed of register patterns and bootstrap CIs" },
		{ .name = "date", .kind = OPT_STRING, .ptr = &date, .metavar = "UTC",
		  .help = "start date for the metadata, YYYY-MM-DDTHH:MM:SSZ, instead of the clock's (the emulated host passes the host's: its guest clock is fixed)" },
		{ .name = "fp-mode", .kind = OPT_STRING, .ptr = &mode_s, .metavar = "MODE",
		  .help = "current, eager, lazy, lazy_keep, both (eager,lazy) or all (eager,lazy,lazy_keep); writes kvm.fp_eager, batches of the modes interleaved" },
		{ .name = "tap", .kind = OPT_FLAG, .ptr = &tap, .metavar = NULL,
		  .help = "kselftest TAP on stdout, one test point per row" },
		{ .name = "sleep-us", .kind = OPT_UINT, .ptr = &copts.sleep_us, .metavar = "US",
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
		"Exit: 0 ok, 1 integrity failure or failed row, 2 usage, 4 all\n"
		"skipped, 6 environment error, 130 interrupted (complete rows kept).",
		opts, ARRAY_SIZE(opts), 0, 0,
	};

	ret = opt_parse(&cmd, argc, argv, &nargs);
	if (ret)
		return ret == OPT_HELP_SHOWN ? FPB_OK : ret;
	if (date && results_meta_set_date(&meta, date)) {
		fprintf(stderr, "fpbench run: --date '%s': expected YYYY-MM-DDTHH:MM:SSZ\n", date);
		return FPB_EUSAGE;
	}
	if (!out || !*out) {
		fprintf(stderr, "fpbench run: --out BASE is required (results go to BASE.csv, BASE.samples.csv, BASE.json)\n");
		return FPB_EUSAGE;
	}
	if (quick) {
		if (!it_given)
			p.iterations = RUN_QUICK_ITERATIONS;
		if (!wu_given)
			p.warmup = RUN_QUICK_WARMUP;
		if (!ba_given)
			p.batches = RUN_QUICK_BATCHES;
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
	ret = fpmode_setup(mode_s, &p, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "fpbench run: %s\n", err);
		return ret;
	}

	/* Everything on one CPU, chosen once, so rows are comparable. */
	p.cpu = cpu >= 0 ? cpu : pin_pick_cpu();
	if (p.cpu < 0)
		return FPB_EENV;
	p.events = events;
	ret = harness_counters_open(&p, &cn, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "fpbench run: %s\n", err);
		return FPB_EUSAGE;
	}

	ret = matrix_expand(&spec, &m);
	if (ret) {
		counters_close(&cn);
		return ret;
	}
	sysinfo_collect(&si);
	for (int i = 0; i < si.nr_sve_vls && i < MATRIX_MAX_VLS; i++)
		caps.sve_vls[caps.nr_sve_vls++] = si.sve_vls[i];
	for (int i = 0; i < si.nr_sme_vls && i < MATRIX_MAX_VLS; i++)
		caps.sme_vls[caps.nr_sme_vls++] = si.sme_vls[i];
	caps.sme2 = si.sme2;
	if (matrix_filter_supported(&m, &caps) < 0 ||
	    !(items = run_items(&m, &nitems))) {
		fprintf(stderr, "fpbench run: out of memory\n");
		ret = FPB_EENV;
		goto out;
	}

	harness_meta_fill(&meta, &si, &cn, &p);
	counters_close(&cn);
	st.w = results_open(out, &meta);
	if (!st.w) {
		ret = FPB_EENV;
		goto out_nocounters;
	}
	copts.emulated = si.emulated;
	st.have_mask = !sched_getaffinity(0, sizeof(st.mask), &st.mask);
	st.tap = tap;
	st.total = nitems * p.nr_modes;
	st.measured_left = m.nr;
	if (tap) {
		tap_header(stdout, st.total);
		tap_diag(stdout, "fpbench run: %u rows, kernel %s, %s%s", st.total,
			 si.kernel, si.cpu.name, si.emulated ? " (emulated)" : "");
	}
	fprintf(stderr, "fpbench run: %zu configurations (%zu to measure, %zu unsupported) x %u mode(s) on CPU %d -> %s.csv\n",
		nitems, m.nr, m.nr_skips, p.nr_modes, p.cpu, out);

	ret = FPB_OK;
	for (size_t i = 0; i < nitems && !ret; i++) {
		if (fpb_interrupted) {
			ret = FPB_INTERRUPTED;
			break;
		}
		if (items[i].skip)
			ret = run_skip(&st, &items[i], &p, si.emulated);
		else
			ret = run_measure(&st, &items[i], &p, &copts, si.emulated);
	}

	if (ret == FPB_INTERRUPTED)
		fprintf(stderr, "fpbench run: interrupted: %u of %u rows complete in %s.csv\n",
			st.done, st.total, out);
	if (tap) {
		if (ret == FPB_INTERRUPTED)
			printf("Bail out! interrupted after %u of %u rows\n",
			       st.done, st.total);
		tap_totals(stdout, &st.tc);
		fflush(stdout);
	}
	if (results_close(st.w) && !ret)
		ret = FPB_EENV;
	fprintf(stderr, "fpbench run: %u ok, %u failed, %u skipped\n",
		st.ok, st.fail, st.skip);
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
