/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TCG plugin's output (format in trace_protocol.h) and its merge into
 * a results file: per row, the counts of its windows divided by its
 * iterations become the tr_* columns (struct result_trace).
 */
#ifndef FPBENCH_TRACE_FILE_H
#define FPBENCH_TRACE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "results.h"

enum trace_col {
	TC_USER, TC_KERNEL, TC_GUEST, TC_KLOAD_BYTES, TC_KSTORE_BYTES,
	TC_KLOADS, TC_KSTORES, TC_ULOAD_BYTES, TC_USTORE_BYTES, TC_ERET,
	TC_ISB, TC_BARRIER, TC_MSR, TC_SVE, TC_SME,
	TC_NR,
};

/*
 * Totals of one id: "run" (timed sections) and "iter" (whole windows), and
 * the columns of its median timed section and median iteration (valid when
 * has_med: the id had timed sections).
 */
struct trace_entry {
	uint64_t id;
	uint64_t windows;
	uint64_t sections;
	uint64_t run[TC_NR];
	uint64_t iter[TC_NR];
	bool has_med;
	double run_med[TC_NR];
	double iter_med[TC_NR];
};

struct trace_set {
	struct trace_entry *entries;
	size_t nr;
};

/*
 * Read a plugin output file. FPB_OK; FPB_EDATA with "file:line: what" in
 * @err (wrong version line or header, bad number, duplicate id); FPB_EENV
 * when it cannot be read.
 */
int trace_read(const char *path, struct trace_set *out, char *err, size_t len);
void trace_free(struct trace_set *set);

/*
 * Fill the tr_* columns of every measured row of @set from @trace: a
 * host-timed row (one timed section per iteration) takes the median
 * section and iteration, a guest-timed one (a section per batch) the
 * totals divided by its iterations. A
 * measured row (iterations > 0) must have an entry whose timed sections
 * are between 1 and its iterations (equal for host-timed rows; a
 * guest-timed batch is one section), with @batches windows when
 * @batches > 0; every entry must belong to a row. FPB_OK, or FPB_EDATA
 * with the first mismatch in @err.
 */
int trace_merge(struct result_set *set, const struct trace_set *trace,
		unsigned int batches, char *err, size_t len);

#endif
