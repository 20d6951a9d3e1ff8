// SPDX-License-Identifier: GPL-2.0
/*
 * Synthetic results for the analysis tests, written with the real writer
 * (results.c) so the tests read what a run would write. NEVER commit its
 * output as results: the numbers come from a model, not a machine.
 *
 * Model of one KVM round trip (units: cycles): a fixed 2000 plus, in eager
 * mode, 0.25 per byte of host FP state (2 * fp_state_bytes()); lazy mode
 * pays nothing for FP when the guest does not touch it, and lazy_keep pays
 * as lazy plus a fixed 30 per MMIO round trip. Every sample gets
 * 1% normal noise and 1% of them a +30% outlier (an interrupt), then the
 * whole configuration is scaled by (1 + shift/100).
 *
 *   gen_results BASE [--shift PCT] [--seed N] [--n N] [--modes both|all|eager|lazy|lazy_keep|unknown]
 *               [--unit cycles|cntvct|ns] [--emulated] [--no-samples]
 *               [--kernel REL] [--cpu NAME] [--host NAME] [--skip-sme] [--fail-one]
 *               [--trace]
 *
 * --trace fills the tr_* columns as a merged trace would, from the same
 * model: per round trip 1000 host instructions, 400 kernel load bytes
 * and 300 store bytes, plus, where the eager save is paid, one instruction
 * per 8 bytes of state and half the state bytes each way loaded and
 * stored (save + restore); an ISB, two MSRs and, for SVE host state, 34
 * SVE instructions more. The whole iteration adds 500 instructions.
 *
 * --skip-sme records the SME rows as skipped; --fail-one marks the first
 * measured row with 3 integrity failures (status fail), as a corrupting
 * kernel would.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "fpbench.h"
#include "results.h"
#include "stats.h"

/* Base cost of a round trip and price of one FP byte, in the model. */
#define GEN_BASE	2000.0
#define GEN_PER_BYTE	0.25
/* What lazy_keep adds to lazy per MMIO round trip in the model. */
#define GEN_KEEP	30.0

static const struct gen_cfg {
	enum exit_kind exit;
	enum fp_kind host, guest;
	unsigned int vl, svl;
} gen_cfgs[] = {
	{ EXIT_MMIO, FP_NONE, FP_NONE, 0, 0 },
	{ EXIT_MMIO, FP_FPSIMD, FP_NONE, 0, 0 },
	{ EXIT_MMIO, FP_SVE, FP_NONE, 128, 0 },
	{ EXIT_MMIO, FP_SVE, FP_NONE, 256, 0 },
	{ EXIT_MMIO, FP_SVE, FP_NONE, 512, 0 },
	{ EXIT_MMIO, FP_ZA, FP_NONE, 0, 256 },
	{ EXIT_MMIO, FP_ZA, FP_NONE, 0, 512 },
	{ EXIT_MMIO, FP_SVE, FP_SVE, 256, 0 },
	{ EXIT_HVC, FP_NONE, FP_NONE, 0, 0 },
	{ EXIT_HVC, FP_SVE, FP_NONE, 256, 0 },
};

static void die(const char *msg)
{
	fprintf(stderr, "gen_results: %s\n", msg);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *base = NULL, *kernel = NULL, *cpu = "synthetic-cpu", *host = NULL;
	double shift = 0;
	uint64_t seed = 1;
	size_t n = 2000;
	unsigned int modes = 1u << FP_MODE_LAZY | 1u << FP_MODE_EAGER;
	enum result_unit unit = UNIT_CYCLES;
	bool emulated = false, no_samples = false, skip_sme = false, fail_one = false;
	bool trace = false;
	struct run_meta meta;
	struct results_writer *w;
	struct rng rng;
	double *x;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--emulated")) {
			emulated = true;
		} else if (!strcmp(a, "--no-samples")) {
			no_samples = true;
		} else if (!strcmp(a, "--skip-sme")) {
			skip_sme = true;
		} else if (!strcmp(a, "--fail-one")) {
			fail_one = true;
		} else if (!strcmp(a, "--trace")) {
			trace = true;
		} else if (a[0] == '-' && a[1] == '-') {
			if (!v)
				die("option without value");
			i++;
			if (!strcmp(a, "--shift"))
				shift = atof(v);
			else if (!strcmp(a, "--seed"))
				seed = strtoull(v, NULL, 0);
			else if (!strcmp(a, "--n"))
				n = strtoull(v, NULL, 0);
			else if (!strcmp(a, "--kernel"))
				kernel = v;
			else if (!strcmp(a, "--cpu"))
				cpu = v;
			else if (!strcmp(a, "--host"))
				host = v;
			else if (!strcmp(a, "--unit"))
				unit = fpb_lookup(result_unit_names, UNIT_NR, v);
			else if (!strcmp(a, "--modes"))
				modes = !strcmp(v, "both") ? modes :
					!strcmp(v, "all") ? modes | 1u << FP_MODE_LAZY_KEEP :
					1u << fpb_lookup(fp_mode_names, FP_MODE_NR, v);
			else
				die("unknown option");
		} else {
			base = a;
		}
	}
	if (!base || (int)unit < 0)
		die("usage: gen_results BASE [options] (see the source)");

	results_meta_init(&meta, argc, argv);
	if (kernel)
		snprintf(meta.kernel, sizeof(meta.kernel), "%s", kernel);
	if (host)
		snprintf(meta.host, sizeof(meta.host), "%s", host);
	snprintf(meta.cpu.name, sizeof(meta.cpu.name), "%s", cpu);
	meta.fp_modes = modes;
	meta.emulated = emulated;
	if (emulated)
		snprintf(meta.emulation, sizeof(meta.emulation),
			 "synthetic (gen_results), as if qemu-system-aarch64 TCG");
	meta.counter.unit = unit;
	snprintf(meta.counter.source, sizeof(meta.counter.source), "synthetic");
	meta.iterations = n;
	meta.seed = seed;

	w = results_open(base, &meta);
	if (!w)
		return 1;
	x = calloc(n ? n : 1, sizeof(*x));
	if (!x)
		die("out of memory");
	rng_seed(&rng, seed);

	for (size_t c = 0; c < ARRAY_SIZE(gen_cfgs); c++) {
		for (int m = 0; m < FP_MODE_NR; m++) {
			const struct gen_cfg *g = &gen_cfgs[c];
			struct fpb_config cfg = {
				.bench = BENCH_KVM, .exit = g->exit,
				.host_fp = g->host, .guest_fp = g->guest,
				.vl_bits = g->vl, .svl_bits = g->svl,
				.fp_mode = m,
			};
			struct result_row row;
			double bytes = analysis_roundtrip_bytes(&cfg);
			bool pays;

			if (!(modes & 1u << m))
				continue;
			if (skip_sme && g->svl) {
				result_row_skip(&row, &cfg, "no SME on this host");
				row.unit = unit;
				row.emulated = emulated;
				if (results_add(w, &row, NULL, NULL, 0))
					return 1;
				continue;
			}
			/* Lazy pays only when the guest uses FP; hvc never leaves the kernel. */
			pays = g->exit == EXIT_MMIO &&
			       ((m != FP_MODE_LAZY && m != FP_MODE_LAZY_KEEP) ||
				g->guest != FP_NONE);
			for (size_t i = 0; i < n; i++) {
				double v = GEN_BASE + (pays ? GEN_PER_BYTE * bytes : 0);

				if (m == FP_MODE_LAZY_KEEP && g->exit == EXIT_MMIO)
					v += GEN_KEEP;

				v *= 1 + 0.01 * rng_normal(&rng);
				if (rng_below(&rng, 100) == 0)
					v *= 1.3;
				x[i] = v * (1 + shift / 100);
			}
			result_row_init(&row, &cfg);
			row.unit = unit;
			row.emulated = emulated;
			row.iterations = n;
			stats_compute(x, n, seed + c, &row.cycles);
			row.baseline = 20;
			if (trace) {
				double paid = pays ? bytes : 0;

				row.tr.instructions = 1000 + paid / 8;
				row.tr.user_instructions = 300;
				row.tr.guest_instructions = 50;
				row.tr.load_bytes = 400 + paid / 2;
				row.tr.store_bytes = 300 + paid / 2;
				row.tr.loads = 50 + paid / 32;
				row.tr.stores = 40 + paid / 32;
				row.tr.exceptions = 4;
				row.tr.isb = 2 + (pays ? 1 : 0);
				row.tr.barriers = 3;
				row.tr.msr = 10 + (pays ? 2 : 0);
				row.tr.sve = pays && g->host == FP_SVE ? 34 : 0;
				row.tr.iter_instructions = row.tr.instructions + 500;
				row.tr.iter_exceptions = 6;
				row.tr.iter_sve = row.tr.sve;
			}
			if (fail_one) {
				row.integrity_failures = 3;
				row.status = STATUS_FAIL;
				snprintf(row.reason, sizeof(row.reason),
					 "registers corrupted (synthetic)");
				fail_one = false;
			}
			if (results_add(w, &row, x, NULL, n))
				return 1;
		}
	}
	free(x);
	if (results_close(w))
		return 1;
	if (no_samples) {
		char path[4096];

		results_path(base, ".samples.csv", path, sizeof(path));
		unlink(path);
	}
	return 0;
}
