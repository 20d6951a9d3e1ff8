// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench kvm and fpbench ctxsw: one configuration of one bench through the
 * run pipeline (run.h), with the bench's own debug and stress knobs, a
 * summary line per fp mode on stdout and, with --out, the same results
 * files as fpbench run. The dimensions take one value each; the values a
 * bench accepts come from its row of bench_descs[] (bench.h).
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "commands.h"
#include "counters.h"
#include "fpbench.h"
#include "fpstate.h"
#include "matrix.h"
#include "options.h"
#include "run.h"

/* The configuration a preset measures, as typed. */
struct preset_dims {
	const char *exit_s, *host_s, *guest_s;
	unsigned int vl, svl;	/* 0: the current one */
};

/* The dimensions' help lines, from the bench's row of the table. */
struct preset_help {
	char exit[128], host[256], guest[160];
};

static void preset_help_fill(enum bench_kind bench, const char *guest_what,
			     struct preset_help *h)
{
	const struct bench_desc *bd = &bench_descs[bench];
	char names[128];

	snprintf(h->exit, sizeof(h->exit), "%s (one value; fpbench run measures lists)",
		 fpb_names_join(names, sizeof(names), exit_names, EXIT_NR, bd->exits, "|"));
	snprintf(h->host, sizeof(h->host), "host FP state live across it: %s (vmm: sve after an SVE copy of a 4 KiB buffer)",
		 fpb_names_join(names, sizeof(names), fp_kind_names, FP_KIND_NR, bd->host_fps, "|"));
	snprintf(h->guest, sizeof(h->guest), "%s: %s", guest_what,
		 fpb_names_join(names, sizeof(names), fp_kind_names, FP_KIND_NR, bd->guest_fps, "|"));
}

#define PRESET_DIM_OPTS(d, h)							\
	{ .name = "exit", .kind = OPT_STRING, .ptr = &(d)->exit_s, .metavar = "KIND", \
	  .help = (h)->exit },							\
	{ .name = "host-fp", .kind = OPT_STRING, .ptr = &(d)->host_s, .metavar = "KIND", \
	  .help = (h)->host },							\
	{ .name = "guest-fp", .kind = OPT_STRING, .ptr = &(d)->guest_s, .metavar = "KIND", \
	  .help = (h)->guest },							\
	{ .name = "vl", .kind = OPT_UINT, .ptr = &(d)->vl, .metavar = "BITS",	\
	  .help = "SVE vector length (host and guest), 0: the current one", .max = 2048 }, \
	{ .name = "svl", .kind = OPT_UINT, .ptr = &(d)->svl, .metavar = "BITS", \
	  .help = "SME streaming vector length, 0: the current one", .max = 2048 }

/* One name of @names allowed by @mask, or a usage error listing them. */
static int preset_name(const char *prog, const char *opt, const char *val,
		       const char *const *names, int nr, unsigned int mask,
		       int *out)
{
	int v = fpb_lookup(names, nr, val);
	char list[128];

	if (v < 0 || !(mask & FPB_BIT(v))) {
		fprintf(stderr, "%s: --%s: '%s' is not one of %s (one value; fpbench run measures lists)\n",
			prog, opt, val,
			fpb_names_join(list, sizeof(list), names, nr, mask, ", "));
		return FPB_EUSAGE;
	}
	*out = v;
	return FPB_OK;
}

/* The one-configuration spec of @d for @bench; FPB_EUSAGE with a message. */
static int preset_spec(enum bench_kind bench, const char *prog,
		       const struct preset_dims *d, struct matrix_spec *spec,
		       struct fpb_config *cfg)
{
	const struct bench_desc *bd = &bench_descs[bench];
	int e, h, g;

	if (preset_name(prog, "exit", d->exit_s, exit_names, EXIT_NR, bd->exits, &e) ||
	    preset_name(prog, "host-fp", d->host_s, fp_kind_names, FP_KIND_NR,
			bd->host_fps, &h) ||
	    preset_name(prog, "guest-fp", d->guest_s, fp_kind_names, FP_KIND_NR,
			bd->guest_fps, &g))
		return FPB_EUSAGE;
	if (d->vl % 128 || d->svl % 128) {
		fprintf(stderr, "%s: --vl/--svl: a multiple of 128 bits\n", prog);
		return FPB_EUSAGE;
	}
	memset(spec, 0, sizeof(*spec));
	spec->benches = FPB_BIT(bench);
	spec->exits = FPB_BIT(e);
	spec->host_fps = FPB_BIT(h);
	spec->guest_fps = spec->ctxsw_guest_fps = FPB_BIT(g);
	/* 0 is the current VL; a machine without SVE/SME skips the row. */
	spec->vls[0] = d->vl ? d->vl : fp_vl_get(FP_SVE);
	spec->svls[0] = d->svl ? d->svl : fp_vl_get(FP_SSVE);
	spec->nr_vls = spec->nr_svls = 1;
	*cfg = (struct fpb_config) { .bench = bench, .exit = e, .host_fp = h,
				     .guest_fp = g };
	return FPB_OK;
}

int cmd_kvm(int argc, char **argv)
{
	struct preset_dims d = { "mmio", "none", "none", 0, 0 };
	const char *count_s = "host";
	struct run_args a;
	struct preset_help h;
	struct kvm_pp_opts *ko = &a.bo.kvm;
	struct matrix_spec spec;
	struct fpb_config cfg;
	int nargs, rc, attrib;

	run_args_init(&a, "fpbench kvm");
	a.print_rows = true;
	preset_help_fill(BENCH_KVM, "guest FP use per iteration", &h);
	ko->hvc_batch = KVM_PP_HVC_BATCH_DEFAULT;
	ko->watchdog_s = 10;
	const struct opt opts[] = {
		RUN_COMMON_OPTS(&a),
		PRESET_DIM_OPTS(&d, &h),
		{ .name = "no-pin", .kind = OPT_FLAG, .ptr = &a.no_pin,
		  .help = "do not pin" },
		{ .name = "count", .kind = OPT_STRING, .ptr = &count_s, .metavar = "host|guest|both",
		  .help = "whose work the PMU counts (exclude_guest/exclude_host)" },
		{ .name = "hvc-batch", .kind = OPT_UINT, .ptr = &ko->hvc_batch, .metavar = "N",
		  .help = "exit=hvc: guest HVCs per exit to user space",
		  .min = 1, .max = KVM_PP_HVC_BATCH_MAX },
		{ .name = "vpmu", .kind = OPT_FLAG, .ptr = &ko->want_pmu,
		  .help = "give the vCPU a PMUv3 and a vGIC v3 (a fuller VM; guest still times with CNTVCT)" },
		{ .name = "watchdog", .kind = OPT_UINT, .ptr = &ko->watchdog_s, .metavar = "S",
		  .help = "fail when the guest does not exit within S seconds",
		  .min = 1, .max = 3600 },
		{ .name = "preempt", .kind = OPT_UINT, .ptr = &ko->preempt_us, .metavar = "US",
		  .help = "stress: a thread on the vCPU thread's CPU wakes every US us (a timer tick without high-res timers), uses FP and preempts it; for integrity runs, numbers not clean; 0: off",
		  .max = KVM_PP_PREEMPT_US_MAX },
		{ .name = "clobber-host", .kind = OPT_UINT, .ptr = &ko->clobber_host, .metavar = "N",
		  .help = "debug: corrupt a host register (v7/z7/za[1]/zt0, z7 for vmm; not with host-fp none) every Nth iteration",
		  .max = 1e9 },
		{ .name = "clobber-guest", .kind = OPT_UINT, .ptr = &ko->clobber_guest, .metavar = "N",
		  .help = "debug: corrupt guest V7/Z7 every Nth exit (exit mmio, guest-fp fpsimd|sve)",
		  .max = 1e9 },
		{ .name = "debug-hang", .kind = OPT_FLAG, .ptr = &ko->debug_hang,
		  .help = "debug: run a guest that never exits (watchdog test)" },
	};
	char about[512];
	const struct opt_cmd cmd = {
		"fpbench kvm", "[options]", about, opts, ARRAY_SIZE(opts), 0, 0,
	};

	snprintf(about, sizeof(about),
		 "KVM_RUN ping-pong with a tiny guest: the cost of one exit and\n"
		 "re-entry with the host FP state of --host-fp live, and whether the\n"
		 "host's and the guest's registers survive it. A sample is\n"
		 "%s.\n"
		 "One configuration of fpbench run's pipeline: one summary line per\n"
		 "fp mode on stdout, results to --out files.\n"
		 "Exit: 0 ok, 1 integrity failure, 2 usage, 4 skipped, 6 environment.",
		 bench_descs[BENCH_KVM].sample);
	rc = opt_parse(&cmd, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	if (preset_spec(BENCH_KVM, cmd.name, &d, &spec, &cfg))
		return FPB_EUSAGE;
	attrib = fpb_lookup(counters_attrib_names, COUNTERS_ATTRIB_NR, count_s);
	if (attrib < 0) {
		fprintf(stderr, "fpbench kvm: --count: '%s' is not one of host, guest, both\n", count_s);
		return FPB_EUSAGE;
	}
	a.p.attrib = attrib;
	/* a negative test that cannot fire would pass for the wrong reason */
	if (ko->clobber_host && cfg.host_fp == FP_NONE) {
		fprintf(stderr, "fpbench kvm: --clobber-host needs a --host-fp with registers\n");
		return FPB_EUSAGE;
	}
	/* KVM_RUN's syscall entry leaves streaming mode: the clobber would vanish. */
	if (ko->clobber_host && cfg.host_fp == FP_SSVE) {
		fprintf(stderr, "fpbench kvm: --clobber-host cannot fire with --host-fp ssve (streaming state ends at the KVM_RUN syscall)\n");
		return FPB_EUSAGE;
	}
	if (ko->clobber_guest && (cfg.exit != EXIT_MMIO || cfg.guest_fp == FP_NONE)) {
		fprintf(stderr, "fpbench kvm: --clobber-guest needs --exit mmio and --guest-fp fpsimd|sve\n");
		return FPB_EUSAGE;
	}
	if (ko->preempt_us && a.no_pin) {
		fprintf(stderr, "fpbench kvm: --preempt needs the vCPU thread pinned (not with --no-pin)\n");
		return FPB_EUSAGE;
	}
	return run_pipeline(&a, &spec, argc, argv);
}

int cmd_ctxsw(int argc, char **argv)
{
	struct preset_dims d = { "futex", "none", "none", 0, 0 };
	const char *wake_s = "auto";
	struct run_args a;
	struct preset_help h;
	struct ctxsw_opts *co = &a.bo.ctxsw;
	struct matrix_spec spec;
	struct fpb_config cfg;
	int nargs, rc, wake;

	run_args_init(&a, "fpbench ctxsw");
	a.print_rows = true;
	preset_help_fill(BENCH_CTXSW, "FP state of the partner thread or guest", &h);
	const struct opt opts[] = {
		RUN_COMMON_OPTS(&a),
		PRESET_DIM_OPTS(&d, &h),
		{ .name = "sleep-us", .kind = OPT_UINT, .ptr = &co->sleep_us, .metavar = "US",
		  .help = "exit=vcpu: how long the vCPU has the CPU before the wake-up (0: 100)",
		  .max = 1e6 },
		{ .name = "hvc-batch", .kind = OPT_UINT, .ptr = &co->hvc_batch, .metavar = "N",
		  .help = "exit=vcpu: guest HVCs between exits to user space (0: 4096)",
		  .max = 1e6 },
		{ .name = "clobber", .kind = OPT_UINT, .ptr = &co->clobber, .metavar = "N",
		  .help = "negative test: corrupt a register of the measuring thread (v0, z0, za[0], zt0; fpcr for ssve, whose Z registers a syscall discards) and of a futex partner every Nth round trip; 0: never" },
		{ .name = "wake", .kind = OPT_STRING, .ptr = &wake_s, .metavar = "HOW",
		  .help = "exit=vcpu: waker (thread on another CPU), timer (futex timeout) or auto (timer when emulated)" },
		{ .name = "no-fifo", .kind = OPT_FLAG, .ptr = &co->no_fifo,
		  .help = "exit=vcpu: keep the measuring thread SCHED_OTHER" },
	};
	char about[1400];
	const struct opt_cmd cmd = {
		"fpbench ctxsw", "[options]", about, opts, ARRAY_SIZE(opts), 0, 0,
	};

	snprintf(about, sizeof(about),
		 "Context switches on one CPU with live FP state. A sample (cycles_*\n"
		 "in results) is %s.\n"
		 "exit=futex: the measuring thread and a partner thread pass a token\n"
		 "through a futex; per switch = half a round trip. exit=vcpu: the\n"
		 "partner is a vCPU in KVM_RUN; the measuring thread (SCHED_FIFO)\n"
		 "blocks so the vCPU runs, a waker on another CPU wakes it after\n"
		 "--sleep-us (IPI, guest exit, vcpu_put, switch, FP restore). Samples\n"
		 "are timer readings shared by all threads (unit cntvct on arm64, ns\n"
		 "elsewhere), not PMU cycles: a per-thread PMU counter stops while the\n"
		 "partner runs; so no per-iteration instructions. Both sides check\n"
		 "their FP registers after every switch. One configuration of fpbench\n"
		 "run's pipeline: one summary line per fp mode on stdout, results to\n"
		 "--out files.\n"
		 "Exit: 0 ok, 1 integrity failure, 2 usage, 4 skipped, 6 environment.",
		 bench_descs[BENCH_CTXSW].sample);
	rc = opt_parse(&cmd, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	if (preset_spec(BENCH_CTXSW, cmd.name, &d, &spec, &cfg))
		return FPB_EUSAGE;
	wake = fpb_lookup(ctxsw_wake_names, CTXSW_WAKE_NR, wake_s);
	if (wake < 0) {
		fprintf(stderr, "fpbench ctxsw: --wake: one of auto, waker, timer\n");
		return FPB_EUSAGE;
	}
	co->wake = wake;
	return run_pipeline(&a, &spec, argc, argv);
}
