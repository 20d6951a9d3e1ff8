// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench trace-merge: join the emulated host's trace (tools/trace, written
 * on the QEMU side by tools/qemu-rig run --trace) into the results file
 * that fpbench wrote inside the guest, filling the tr_* columns.
 *
 * Windows join rows by id (trace_id(): key and fp_mode), never by order,
 * and every measured row must have its windows: a trace that does not
 * match the results is an input error, not a row of NaNs.
 *
 * The PMU agreement: under -icount the PMU's per-iteration instruction
 * count minus the harness baseline covers the same code as the trace's
 * timed section (the markers are inside both), so
 *   instructions_median - baseline - tr_instructions
 * is the part of the mean the median does not see (interrupts, a few
 * iterations that differ). --pmu-tolerance gates on it.
 */
#include <math.h>
#include <stdio.h>

#include "commands.h"
#include "fpbench.h"
#include "matrix.h"
#include "options.h"
#include "results.h"
#include "trace_file.h"

int cmd_trace_merge(int argc, char **argv)
{
	double tolerance = -1;
	bool quiet = false;
	struct opt opts[] = {
		{ .name = "pmu-tolerance", .kind = OPT_DOUBLE, .ptr = &tolerance,
		  .metavar = "N", .min = -1, .max = 1e12,
		  .help = "exit 1 if |instructions_median - baseline - tr_instructions| > N on a row (-1: report only)" },
		{ .name = "quiet", .kind = OPT_FLAG, .ptr = &quiet,
		  .help = "no summary on stderr" },
	};
	struct opt_cmd cmd = {
		.name = "fpbench trace-merge",
		.args = "[options] RESULTS.csv TRACE.tsv",
		.about =
		"Fill the tr_* columns of RESULTS.csv (rewritten in place, atomically) from\n"
		"the trace plugin's TRACE.tsv: per row, its windows' counts divided by its\n"
		"iterations. RESULTS.json gives the batches each row must have. Exit 0;\n"
		"3 when the files are malformed or do not match each other (nothing is\n"
		"written); 6 when a file cannot be read or written; 1 when a row is\n"
		"beyond --pmu-tolerance.",
		.opts = opts,
		.nr_opts = ARRAY_SIZE(opts),
		.min_args = 2,
		.max_args = 2,
	};
	struct result_set set;
	struct trace_set trace;
	struct run_meta meta;
	char err[512], path[4096], key[MATRIX_KEY_LEN];
	double lo = INFINITY, hi = -INFINITY;
	size_t merged = 0, compared = 0, beyond = 0;
	int nargs, rc;

	rc = opt_parse(&cmd, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	results_path(argv[1], ".json", path, sizeof(path));
	rc = results_read_meta(path, &meta, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "fpbench trace-merge: %s\n", err);
		return rc;
	}
	results_path(argv[1], ".csv", path, sizeof(path));
	rc = results_read(path, &set, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "fpbench trace-merge: %s\n", err);
		return rc;
	}
	rc = trace_read(argv[2], &trace, err, sizeof(err));
	if (!rc)
		rc = trace_merge(&set, &trace, meta.batches, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "fpbench trace-merge: %s\n", err);
		goto out;
	}
	for (size_t i = 0; i < set.nr; i++) {
		const struct result_row *r = &set.rows[i];
		double d;

		if (isnan(r->tr.instructions))
			continue;
		merged++;
		if (isnan(r->instructions_median) || isnan(r->baseline))
			continue;
		d = r->instructions_median - r->baseline - r->tr.instructions;
		compared++;
		lo = fmin(lo, d);
		hi = fmax(hi, d);
		if (tolerance >= 0 && fabs(d) > tolerance) {
			matrix_config_key(&r->cfg, key, sizeof(key));
			fprintf(stderr, "fpbench trace-merge: %s/%s: PMU %g - baseline %g - trace %g = %g, beyond %g\n",
				key, fp_mode_names[r->cfg.fp_mode], r->instructions_median,
				r->baseline, r->tr.instructions, d, tolerance);
			beyond++;
		}
	}
	rc = results_write(path, &set);
	if (rc)
		goto out;
	if (!quiet) {
		fprintf(stderr, "fpbench trace-merge: %zu of %zu rows traced (%zu trace ids)\n",
			merged, set.nr, trace.nr);
		if (compared)
			fprintf(stderr, "fpbench trace-merge: PMU agreement over %zu rows: instructions_median - baseline - tr_instructions in [%g, %g]\n",
				compared, lo, hi);
	}
	if (beyond)
		rc = FPB_FAIL;
out:
	trace_free(&trace);
	results_free(&set);
	return rc;
}
