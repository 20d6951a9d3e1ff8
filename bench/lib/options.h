/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Table-driven long options shared by the subcommands. A subcommand
 * declares its options as data; opt_parse() fills the variables, checks
 * ranges, and prints --help from the same table, so help never drifts from
 * what is accepted.
 *
 *	static unsigned int iterations = DEFAULT_ITERATIONS;
 *	static const char *host_fp = "none,fpsimd,sve";
 *	static const struct opt opts[] = {
 *		{ .name = "iterations", .kind = OPT_UINT, .ptr = &iterations,
 *		  .metavar = "N", .help = "measured iterations", .min = 1, .max = 1e9 },
 *		{ .name = "host-fp", .kind = OPT_LIST, .ptr = &host_fp,
 *		  .metavar = "KINDS", .help = "host FP states",
 *		  .names = fp_kind_names, .nr_names = FP_KIND_NR },
 *	};
 *	static const struct opt_cmd cmd = {
 *		.name = "fpbench kvm", .args = "[options]", .about = "...",
 *		.opts = opts, .nr_opts = ARRAY_SIZE(opts),
 *	};
 *
 * (Designated initializers: -Wextra warns about positional ones that
 * leave fields out.)
 *	int nargs, rc = opt_parse(&cmd, argc, argv, &nargs);
 *	if (rc)
 *		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
 */
#ifndef FPBENCH_OPTIONS_H
#define FPBENCH_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* opt_parse() return when --help/-h was printed: the caller exits 0. */
#define OPT_HELP_SHOWN	(-1)

enum opt_kind {
	OPT_FLAG,	/* bool *; no value */
	OPT_INT,	/* int *; decimal, range [min, max] */
	OPT_UINT,	/* unsigned int *; decimal, range [min, max] */
	OPT_U64,	/* uint64_t *; decimal or 0x hex, range if max > 0 */
	OPT_DOUBLE,	/* double *; range [min, max] */
	OPT_STRING,	/* const char **; points into argv */
	OPT_LIST,	/* const char **; comma list, each element checked:
			 * against names[] if given, else as an unsigned in
			 * [min, max] if max > 0 */
};

struct opt {
	const char *name;	/* long name without "--" */
	enum opt_kind kind;
	void *ptr;		/* where the value goes, see enum opt_kind */
	const char *metavar;	/* value placeholder in help, e.g. "N" */
	const char *help;	/* one line; the default is printed from *ptr */
	double min, max;	/* numeric range; min == max == 0: any */
	const char *const *names;	/* OPT_LIST: allowed elements, NULL-safe */
	int nr_names;
	bool *given;		/* optional: set when the option appears */
};

struct opt_cmd {
	const char *name;	/* "fpbench kvm", prefix of every message */
	const char *args;	/* usage after the name: "[options] A.csv B.csv" */
	const char *about;	/* paragraph printed under the usage line */
	const struct opt *opts;
	size_t nr_opts;
	int min_args, max_args;	/* positional arguments allowed (max -1: any) */
};

/*
 * Parse argv[1..argc). Accepts "--name value", "--name=value", "--" (end of
 * options) and -h/--help; options and positional arguments may interleave.
 * Positional arguments are moved to argv[1..*nargs] in order.
 * Returns FPB_OK, OPT_HELP_SHOWN (help on stdout), or FPB_EUSAGE after one
 * message on stderr naming the option and the value: unknown option,
 * missing value, value on a flag, non-numeric, out of range, bad list
 * element, wrong number of positional arguments.
 */
int opt_parse(const struct opt_cmd *cmd, int argc, char **argv, int *nargs);

/* The --help text generated from the table (with current values as defaults). */
void opt_usage(const struct opt_cmd *cmd, FILE *f);

#endif
