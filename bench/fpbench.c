// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench: the one command line of kvm-fpbench.
 *
 * Measures what arm64 KVM's host FP state handling costs per vcpu_load
 * (KVM_RUN round trips, context switches), and analyses the results.
 * Results go to files, progress and diagnostics to stderr.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "fpbench.h"
#include "trace.h"

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "info",    cmd_info,    "what this machine offers: kernel, CPU, VLs, KVM, PMU, fp_mode" },
	{ "kvm",     cmd_kvm,     "KVM_RUN ping-pong with a tiny guest (vcpu_put + vcpu_load per exit)" },
	{ "ctxsw",   cmd_ctxsw,   "two threads ping-ponging on one CPU, optionally with a vCPU" },
	{ "run",     cmd_run,     "the whole measurement matrix, results to files" },
	{ "compare", cmd_compare, "difference of two result sets with CIs and a verdict" },
	{ "history", cmd_history, "one configuration across kernels/dates, step changes flagged" },
	{ "plotdata", cmd_plotdata, "gnuplot-ready tables from results (used by plot/plot.sh)" },
	{ "trace-merge", cmd_trace_merge, "fill the tr_* columns of results from the emulated host's trace" },
	{ "report",  cmd_report,  "plain-text eager - lazy summary for the kernel mailing list" },
	{ "check",   cmd_check,   "gate a results file: status, integrity, iterations, repeat of a reference" },
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fpbench <command> [options]   (fpbench <command> --help)\n"
		"\n"
		"Measures the cost of arm64 KVM saving the host's FPSIMD/SVE/SME state\n"
		"on vcpu_load (eager, Linux >= 6.14 and stable) against the lazy scheme.\n"
		"\ncommands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f,
		"\nexit codes: 0 ok, 1 failure (e.g. register corruption), 2 usage,\n"
		"3 bad input data, 4 skipped (feature missing), 5 regression,\n"
		"6 environment error, 130 interrupted\n");
}

static void on_signal(int sig)
{
	(void)sig;
	fpb_interrupted = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };

	if (argc < 2) {
		usage(stderr);
		return FPB_EUSAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return FPB_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("fpbench %s\n", FPBENCH_VERSION);
		return FPB_OK;
	}
	/* Interrupts end loops at a row boundary so results stay complete. */
	sigaction(SIGINT, &sa, NULL);
	/* For a trace of the emulated host: which code is ours (trace.h). */
	trace_announce_self();
	sigaction(SIGTERM, &sa, NULL);

	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);

	fprintf(stderr, "fpbench: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return FPB_EUSAGE;
}
