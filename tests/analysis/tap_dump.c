// SPDX-License-Identifier: GPL-2.0
/*
 * Print a results file as TAP through tap.c, the way `fpbench run --tap`
 * reports: the test parses it back and checks it against the rows.
 */
#include <stdio.h>

#include "fpbench.h"
#include "results.h"
#include "tap.h"

int main(int argc, char **argv)
{
	struct tap_counts counts = { 0 };
	struct result_set set;
	char err[512];
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: tap_dump BASE.csv\n");
		return FPB_EUSAGE;
	}
	rc = results_read(argv[1], &set, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "tap_dump: %s\n", err);
		return rc;
	}
	tap_header(stdout, set.nr);
	tap_diag(stdout, "results: %s\nrows: %zu", argv[1], set.nr);
	for (size_t i = 0; i < set.nr; i++)
		tap_result_count(stdout, i + 1, &set.rows[i], &counts);
	tap_totals(stdout, &counts);
	results_free(&set);
	return counts.fail ? FPB_FAIL : FPB_OK;
}
