// SPDX-License-Identifier: GPL-2.0
/*
 * Stand-in for /fpbench in the rig's transport test (rig-transport.sh):
 * checks the rig's plumbing without depending on the benchmark.
 *
 *   rig_fake_fpbench run ... --out BASE
 *	writes BASE.csv, BASE.samples.csv and BASE.json with pseudo-random
 *	bytes (seeded, so the host can regenerate them), prints
 *	"fake: <name> <size>" for each on stdout and a partial line without
 *	newline on stderr, then exits with FAKE_EXIT (3).
 *   rig_fake_fpbench exit N	exits with N at once.
 *   rig_fake_fpbench hang	never returns (the rig's --timeout must act).
 *   rig_fake_fpbench env NAME	prints NAME's value (what init handed over).
 *
 * The host side compares what it received with what it generates from the
 * same seed (rig_fake_fpbench gen SEED SIZE, run under qemu-aarch64-static).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FAKE_EXIT	3	/* distinct from 0/1 so a pass-through is visible */

/* xorshift64: the same bytes on guest and host for a given seed. */
static void gen_write(FILE *f, uint64_t seed, size_t size)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;
	size_t i;

	for (i = 0; i < size; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* Text-like bytes, including the ones framing must survive. */
		fputc((int)(x >> 56), f);
	}
}

static int gen_file(const char *base, const char *suffix, uint64_t seed,
		    size_t size)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", base, suffix);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	gen_write(f, seed, size);
	if (fclose(f)) {
		perror(path);
		return -1;
	}
	printf("fake: %s %zu\n", path, size);
	return 0;
}

int main(int argc, char **argv)
{
	const char *base = NULL;
	int i;

	if (argc == 3 && !strcmp(argv[1], "env")) {
		printf("%s=%s\n", argv[2], getenv(argv[2]) ? getenv(argv[2]) : "(unset)");
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "gen")) {
		gen_write(stdout, strtoull(argv[2], NULL, 0),
			  strtoull(argv[3], NULL, 0));
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "exit"))
		return atoi(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "hang"))
		for (;;)
			pause();
	if (argc < 2 || strcmp(argv[1], "run")) {
		fprintf(stderr, "usage: %s run ... --out BASE | exit N | hang | gen SEED SIZE\n",
			argv[0]);
		return 2;
	}
	for (i = 2; i < argc - 1; i++)
		if (!strcmp(argv[i], "--out"))
			base = argv[i + 1];
	if (!base) {
		fprintf(stderr, "fake: --out missing\n");
		return 2;
	}
	/* Sizes: empty-ish, not a multiple of 3, and big enough to span writes. */
	if (gen_file(base, ".csv", 1, 1001) ||
	    gen_file(base, ".samples.csv", 2, 300000) ||
	    gen_file(base, ".json", 3, 2))
		return 6;
	fflush(stdout);
	fprintf(stderr, "fake: no newline at the end");
	return FAKE_EXIT;
}
