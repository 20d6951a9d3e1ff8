/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The run pipeline, the one front door of the measurements: fpbench run
 * hands it a matrix spec, fpbench kvm and fpbench ctxsw (presets.c) one
 * configuration with their bench's own knobs. It expands and filters the
 * matrix, writes the metadata and the results, measures each configuration
 * through its bench's row of bench_descs[] (bench.h), and prints progress,
 * TAP and (presets) one summary line per row.
 */
#ifndef FPBENCH_RUN_H
#define FPBENCH_RUN_H

#include <stdbool.h>

#include "bench.h"
#include "harness.h"
#include "matrix.h"
#include "options.h"

struct run_args {
	const char *prog;	/* "fpbench run": the prefix of messages */
	const char *out;	/* BASE of the results files; NULL: none */
	const char *events;	/* PMU events of the batch group */
	const char *mode_s;	/* --fp-mode (fpmode.h) */
	const char *date;	/* start date for the metadata, NULL: now */
	bool tap;		/* kselftest TAP on stdout */
	bool print_rows;	/* one summary line per row on stdout */
	int cpu;		/* -1: the last allowed CPU */
	bool no_pin;		/* leave the affinity alone */
	bool given_iterations, given_warmup, given_batches;
	struct harness_params p;
	struct bench_opts bo;
};

/* Defaults: harness_params_init(), seed 1, mode current, cpu -1. */
void run_args_init(struct run_args *a, const char *prog);

/*
 * The option rows every front door has, pointing into @a (a struct
 * run_args *): put them first in a command's struct opt table.
 */
#define RUN_COMMON_OPTS(a)							\
	{ .name = "out", .kind = OPT_STRING, .ptr = &(a)->out, .metavar = "BASE",	\
	  .help = "write BASE.csv, BASE.samples.csv, BASE.json" },		\
	{ .name = "iterations", .kind = OPT_UINT, .ptr = &(a)->p.iterations,	\
	  .metavar = "N", .help = "measured iterations per configuration and mode", \
	  .min = 1, .max = 1e8, .given = &(a)->given_iterations },		\
	{ .name = "warmup", .kind = OPT_UINT, .ptr = &(a)->p.warmup,		\
	  .metavar = "N", .help = "unmeasured iterations before each batch",	\
	  .max = 1e8, .given = &(a)->given_warmup },				\
	{ .name = "batches", .kind = OPT_UINT, .ptr = &(a)->p.batches,		\
	  .metavar = "N", .help = "batches per mode; modes alternate by batch",	\
	  .min = 1, .max = 1e6, .given = &(a)->given_batches },			\
	{ .name = "cpu", .kind = OPT_INT, .ptr = &(a)->cpu, .metavar = "CPU",	\
	  .help = "CPU to measure on (-1: the last allowed one)",		\
	  .min = -1, .max = 65535 },						\
	{ .name = "events", .kind = OPT_STRING, .ptr = &(a)->events,		\
	  .metavar = "LIST",							\
	  .help = "PMU events of the batch group, libpfm4 names (default cycles,instructions)" }, \
	{ .name = "seed", .kind = OPT_U64, .ptr = &(a)->p.seed, .metavar = "N",	\
	  .help = "seed of register patterns and bootstrap CIs" },		\
	{ .name = "fp-mode", .kind = OPT_STRING, .ptr = &(a)->mode_s,		\
	  .metavar = "MODE",							\
	  .help = "current, eager, lazy, lazy_keep, both (eager,lazy) or all (eager,lazy,lazy_keep); writes kvm.fp_eager, batches of the modes interleaved" }, \
	{ .name = "date", .kind = OPT_STRING, .ptr = &(a)->date, .metavar = "UTC", \
	  .help = "start date for the metadata, YYYY-MM-DDTHH:MM:SSZ, instead of the clock's (the emulated host passes the host's: its guest clock is fixed)" }, \
	{ .name = "tap", .kind = OPT_FLAG, .ptr = &(a)->tap,			\
	  .help = "kselftest TAP on stdout, one test point per row" }

/*
 * Measure what @spec expands to. @argc/@argv are the command's (argv[0] its
 * name; argv[-1] the driver's), recorded in the metadata. Exit status:
 * 0 ok, 1 integrity failure or failed row, 2 usage, 4 all skipped,
 * 6 environment error, 130 interrupted (complete rows kept).
 */
int run_pipeline(struct run_args *a, const struct matrix_spec *spec,
		 int argc, char **argv);

#endif
