// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the results readers and what the analysis does with
 * their output. The input is up to three files separated by a line
 * "====": BASE.csv, BASE.samples.csv, BASE.json. They are written to a
 * private tmpfs directory and loaded with analysis_load(), which runs
 * results_read(), results_read_samples() and results_read_meta() and the
 * cross checks; then every lazy/eager pair goes through analysis_diff()
 * and every row through the TAP emitter, as `fpbench compare` and
 * `fpbench run --tap` would. Any crash, leak or sanitizer report is a bug:
 * malformed input must only ever produce FPB_EDATA with a message.
 *
 *   clang -fsanitize=fuzzer,address ... (tests/fuzz/run-fuzz.sh builds it)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "results.h"
#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static FILE *devnull;

static void put_file(const char *suffix, const uint8_t *p, size_t n)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/r%s", dir, suffix);
	f = fopen(path, "w");
	if (!f)
		abort();	/* the harness's own fault, not the reader's */
	fwrite(p, 1, n, f);
	fclose(f);
}

static void drop_file(const char *suffix)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/r%s", dir, suffix);
	unlink(path);
}

static void cleanup(void)
{
	static const char *const suffix[] = { ".csv", ".samples.csv", ".json" };

	for (size_t i = 0; i < ARRAY_SIZE(suffix); i++)
		drop_file(suffix[i]);
	rmdir(dir);
}

/* Next part of the input: up to "\n====\n" or the end. */
static size_t part_len(const uint8_t *p, size_t n, size_t *skip)
{
	static const char sep[] = "\n====\n";

	for (size_t i = 0; i + sizeof(sep) - 1 <= n; i++)
		if (!memcmp(p + i, sep, sizeof(sep) - 1)) {
			*skip = sizeof(sep) - 1;
			return i + 1;	/* keep the part's own last newline */
		}
	*skip = 0;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const suffix[] = { ".csv", ".samples.csv", ".json" };
	struct analysis_input in;
	char base[80], err[512];
	size_t skip;

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/dev/shm/fpb-fuzz.XXXXXX");
		if (!mkdtemp(dir)) {
			snprintf(dir, sizeof(dir), "/tmp/fpb-fuzz.XXXXXX");
			if (!mkdtemp(dir))
				abort();
		}
		devnull = fopen("/dev/null", "w");
		atexit(cleanup);
	}
	for (size_t i = 0; i < ARRAY_SIZE(suffix); i++) {
		if (!size) {
			drop_file(suffix[i]);
			continue;
		}
		size_t n = part_len(data, size, &skip);

		put_file(suffix[i], data, n);
		data += n + skip - (skip ? 1 : 0);
		size -= n + skip - (skip ? 1 : 0);
	}

	snprintf(base, sizeof(base), "%s/r", dir);
	if (analysis_load(base, true, &in, err, sizeof(err)) == FPB_OK) {
		for (size_t i = 0; i < in.set.nr; i++) {
			const struct result_row *a = &in.set.rows[i], *b;
			struct analysis_diff d;

			tap_result(devnull, i + 1, a);
			if (a->cfg.fp_mode != FP_MODE_LAZY)
				continue;
			b = results_find(&in.set, &a->cfg, FP_MODE_EAGER);
			if (b && !analysis_diff(a, analysis_samples(&in, a), b,
						analysis_samples(&in, b), 1, 20, &d))
				analysis_verdict(&d, 1.0);
		}
		analysis_free(&in);
	}
	return 0;
}
