// SPDX-License-Identifier: GPL-2.0
/*
 * Checks a results set written by `fpbench run` through the library's own
 * readers (the strict ones `compare` uses):
 *
 *   check_run BASE [--min-rows N] [--require-ok KEY]... [--no-samples]
 *
 * Always: BASE.csv, BASE.samples.csv and BASE.json parse; every row is ok
 * or skip (a fail row or an integrity failure fails the check); skip rows
 * give a reason; ok rows have iterations, a finite median and exactly that
 * many samples; no key+mode appears twice. --require-ok KEY (a
 * matrix_config_key, e.g. ctxsw/futex/host=none/guest=none): that
 * configuration must be measured ok. Exit 0 pass, 1 fail with a message.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpbench.h"
#include "matrix.h"
#include "results.h"

#define MAX_REQUIRED	32

static int failures;

static void fail(const char *base, const struct result_row *r, const char *what)
{
	char key[MATRIX_KEY_LEN] = "-";

	if (r)
		matrix_config_key(&r->cfg, key, sizeof(key));
	fprintf(stderr, "check_run: %s: %s %s: %s\n", base, key,
		r ? fp_mode_names[r->cfg.fp_mode] : "", what);
	failures++;
}

static void check_row(const char *base, const struct result_set *set,
		      size_t i, const struct sample_set *samples)
{
	const struct result_row *r = &set->rows[i];
	const struct sample_series *s;

	for (size_t j = 0; j < i; j++)
		if (matrix_config_same_key(&set->rows[j].cfg, &r->cfg) &&
		    set->rows[j].cfg.fp_mode == r->cfg.fp_mode)
			fail(base, r, "row appears twice");
	switch (r->status) {
	case STATUS_SKIP:
		if (!r->reason[0] || !strcmp(r->reason, "-"))
			fail(base, r, "skip row without a reason");
		if (r->iterations)
			fail(base, r, "skip row with iterations");
		return;
	case STATUS_FAIL:
		fail(base, r, r->reason);
		return;
	default:
		break;
	}
	if (!r->iterations || !isfinite(r->cycles.median) ||
	    r->cycles.median < 0)
		fail(base, r, "ok row without iterations or a finite median");
	if (r->integrity_failures)
		fail(base, r, "ok row with integrity failures");
	if (strcmp(r->reason, "-"))
		fail(base, r, "ok row with a reason");
	if (!samples)
		return;
	s = results_find_samples(samples, &r->cfg, r->cfg.fp_mode);
	if (!s || s->n != r->iterations)
		fail(base, r, "samples missing or not one per iteration");
}

int main(int argc, char **argv)
{
	struct fpb_config required[MAX_REQUIRED];
	size_t nreq = 0, min_rows = 1;
	bool want_samples = true;
	struct result_set set;
	struct sample_set samples;
	struct run_meta meta;
	char path[4096], err[512];
	const char *base;
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: check_run BASE [--min-rows N] [--require-ok KEY]... [--no-samples]\n");
		return 2;
	}
	base = argv[1];
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--min-rows") && i + 1 < argc) {
			min_rows = strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--require-ok") && i + 1 < argc &&
			   nreq < MAX_REQUIRED) {
			if (matrix_parse_key(argv[++i], &required[nreq])) {
				fprintf(stderr, "check_run: bad key '%s'\n", argv[i]);
				return 2;
			}
			nreq++;
		} else if (!strcmp(argv[i], "--no-samples")) {
			want_samples = false;
		} else {
			fprintf(stderr, "check_run: bad argument '%s'\n", argv[i]);
			return 2;
		}
	}

	results_path(base, ".csv", path, sizeof(path));
	ret = results_read(path, &set, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "check_run: %s\n", err);
		return 1;
	}
	results_path(base, ".json", path, sizeof(path));
	ret = results_read_meta(path, &meta, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "check_run: %s\n", err);
		failures++;
	}
	if (want_samples) {
		results_path(base, ".samples.csv", path, sizeof(path));
		ret = results_read_samples(path, &samples, err, sizeof(err));
		if (ret) {
			fprintf(stderr, "check_run: %s\n", err);
			results_free(&set);
			return 1;
		}
	}
	if (set.nr < min_rows) {
		fprintf(stderr, "check_run: %s: %zu rows, want at least %zu\n",
			base, set.nr, min_rows);
		failures++;
	}
	for (size_t i = 0; i < set.nr; i++)
		check_row(base, &set, i, want_samples ? &samples : NULL);
	for (size_t i = 0; i < nreq; i++) {
		bool ok = false;
		char key[MATRIX_KEY_LEN];

		for (size_t j = 0; j < set.nr; j++)
			if (matrix_config_same_key(&set.rows[j].cfg, &required[i]) &&
			    set.rows[j].status == STATUS_OK)
				ok = true;
		if (!ok) {
			matrix_config_key(&required[i], key, sizeof(key));
			fprintf(stderr, "check_run: %s: %s was not measured ok\n",
				base, key);
			failures++;
		}
	}
	printf("check_run: %s: %zu rows, %d problems\n", base, set.nr, failures);
	results_free(&set);
	if (want_samples)
		results_free_samples(&samples);
	return failures ? 1 : 0;
}
