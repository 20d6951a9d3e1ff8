// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench plotdata: gnuplot-ready tables from results files, so that
 * plot/plot.sh holds only presentation and no data wrangling.
 *
 *   vl     cost vs vector length: one block per (host FP state, fp_mode),
 *          "x median ci_lo ci_hi", x = SVE VL (sve, vmm) or SME SVL (ssve,
 *          za, zt0); states without a VL are drawn flat across the VL range
 *   dist   percentile boxes per configuration: one block per fp_mode,
 *          "x center label p10 p25 median p75 p90"
 *   cores  median and CI per configuration, one column triple per file
 *          (host/core side by side)
 *   rows   one line per ok row of the first file, in file order:
 *          "label mode unit median tmean ci_lo ci_hi n" (for scripts that
 *          want a row's numbers without reading the CSV themselves)
 *   meta   gnuplot variable assignments: unit, kernel, cpu, emulated,
 *          subtitle (what every figure title must say), and for scripts
 *          host, fp_modes, counter_source, pmu_unavailable, kernel_config,
 *          date
 *
 * Blocks are separated by two blank lines (gnuplot "index"); the first line
 * of each block is a header whose first field is the series title
 * (gnuplot "columnheader(1)"). Only status-ok rows are plotted.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "commands.h"
#include "fpbench.h"
#include "matrix.h"
#include "options.h"

#define PLOTDATA_MAX_FILES	16

struct plotdata {
	struct analysis_input in[PLOTDATA_MAX_FILES];
	int nr;
	struct analysis_filter filter;
	const char *mode;
	FILE *out;	/* a memory buffer: stdout sees nothing of a failed run */
};

static const char *const kinds[] = { "vl", "dist", "cores", "meta", "rows" };

static bool row_wanted(const struct plotdata *pd, const struct result_row *r)
{
	return r->status == STATUS_OK && !isnan(r->cycles.median) &&
	       analysis_filter_match(&pd->filter, &r->cfg);
}

static unsigned int row_x(const struct result_row *r)
{
	if (fp_kind_uses_svl(r->cfg.host_fp))
		return r->cfg.svl_bits;
	if (fp_kind_uses_vl(r->cfg.host_fp))
		return r->cfg.vl_bits;
	return 0;
}

static bool row_has_x(const struct result_row *r)
{
	return fp_kind_uses_svl(r->cfg.host_fp) || fp_kind_uses_vl(r->cfg.host_fp);
}

static bool vl_block_present(const struct plotdata *pd, int kind, int mode)
{
	const struct result_set *S = &pd->in[0].set;

	for (size_t i = 0; i < S->nr; i++)
		if (row_wanted(pd, &S->rows[i]) &&
		    S->rows[i].cfg.host_fp == (enum fp_kind)kind &&
		    S->rows[i].cfg.fp_mode == (enum fp_mode)mode)
			return true;
	return false;
}

/* Block per (host_fp, mode) of the first file, points ascending in VL. */
static int plot_vl(struct plotdata *pd)
{
	const struct result_set *S = &pd->in[0].set;
	unsigned int xmin = ~0u, xmax = 0;
	int blocks = 0;

	for (size_t i = 0; i < S->nr; i++)
		if (row_wanted(pd, &S->rows[i]) && row_has_x(&S->rows[i])) {
			unsigned int x = row_x(&S->rows[i]);

			xmin = x < xmin ? x : xmin;
			xmax = x > xmax ? x : xmax;
		}
	if (xmin == ~0u)
		xmin = xmax = 0;

	/*
	 * Style hint for plot.sh: per block, the host FP kind (colour) and
	 * the mode (dash type), as gnuplot word lists.
	 */
	fprintf(pd->out, "# kinds:");
	for (int k = 0; k < FP_KIND_NR; k++)
		for (int m = 0; m < FP_MODE_NR; m++)
			if (vl_block_present(pd, k, m))
				fprintf(pd->out, " %d", k + 1);
	fprintf(pd->out, "\n# modes:");
	for (int k = 0; k < FP_KIND_NR; k++)
		for (int m = 0; m < FP_MODE_NR; m++)
			if (vl_block_present(pd, k, m))
				fprintf(pd->out, " %d", m + 1);
	fputc('\n', pd->out);

	for (int k = 0; k < FP_KIND_NR; k++) {
		for (int m = 0; m < FP_MODE_NR; m++) {
			const struct result_row *pts[64];
			size_t n = 0;

			for (size_t i = 0; i < S->nr && n < ARRAY_SIZE(pts); i++) {
				const struct result_row *r = &S->rows[i];

				if (row_wanted(pd, r) && r->cfg.host_fp == (enum fp_kind)k &&
				    r->cfg.fp_mode == (enum fp_mode)m)
					pts[n++] = r;
			}
			if (!n)
				continue;
			/* Insertion sort by x: a handful of points. */
			for (size_t i = 1; i < n; i++)
				for (size_t j = i; j && row_x(pts[j - 1]) > row_x(pts[j]); j--) {
					const struct result_row *t = pts[j];

					pts[j] = pts[j - 1];
					pts[j - 1] = t;
				}
			fprintf(pd->out, "%s%s/%s median ci_lo ci_hi\n", blocks ? "\n\n" : "",
			       fp_kind_names[k], fp_mode_names[m]);
			blocks++;
			if (!row_has_x(pts[0])) {
				/* No VL dependence: one measurement, drawn flat. */
				const struct stats *s = &pts[0]->cycles;

				fprintf(pd->out, "%u %.2f %.2f %.2f\n", xmin, s->median, s->ci_lo, s->ci_hi);
				if (xmax != xmin)
					fprintf(pd->out, "%u %.2f %.2f %.2f\n", xmax, s->median, s->ci_lo, s->ci_hi);
				continue;
			}
			for (size_t i = 0; i < n; i++)
				fprintf(pd->out, "%u %.2f %.2f %.2f\n", row_x(pts[i]), pts[i]->cycles.median,
				       pts[i]->cycles.ci_lo, pts[i]->cycles.ci_hi);
		}
	}
	if (!blocks) {
		fprintf(stderr, "fpbench plotdata: %s: no ok rows match the filter\n",
			pd->in[0].csv);
		return FPB_EDATA;
	}
	return FPB_OK;
}

/* "sve@256", "za@512", "none": the x tick of a configuration. */
static void row_label(const struct result_row *r, char *buf, size_t len)
{
	const struct fpb_config *c = &r->cfg;

	if (row_has_x(r))
		snprintf(buf, len, "%s@%u", fp_kind_names[c->host_fp], row_x(r));
	else
		snprintf(buf, len, "%s", fp_kind_names[c->host_fp]);
	if (c->guest_fp != FP_NONE) {
		size_t l = strlen(buf);

		snprintf(buf + l, len - l, "/g=%s", fp_kind_names[c->guest_fp]);
	}
}

/* Configurations of @S passing the filter, first appearance, one per key. */
static size_t distinct_keys(const struct plotdata *pd, const struct result_set *S,
			    const struct result_row **keys, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < S->nr; i++) {
		bool seen = false;

		if (!row_wanted(pd, &S->rows[i]))
			continue;
		for (size_t j = 0; j < n; j++)
			seen |= matrix_config_same_key(&keys[j]->cfg, &S->rows[i].cfg);
		if (!seen && n < max)
			keys[n++] = &S->rows[i];
	}
	return n;
}

static int plot_dist(struct plotdata *pd)
{
	const struct result_set *S = &pd->in[0].set;
	const struct result_row *keys[256];
	size_t nk = distinct_keys(pd, S, keys, ARRAY_SIZE(keys));
	int modes[FP_MODE_NR], nm = 0, blocks = 0;
	char label[64];

	for (int m = 0; m < FP_MODE_NR; m++)
		for (size_t i = 0; i < S->nr; i++)
			if (row_wanted(pd, &S->rows[i]) && S->rows[i].cfg.fp_mode == (enum fp_mode)m) {
				modes[nm++] = m;
				break;
			}
	if (!nk) {
		fprintf(stderr, "fpbench plotdata: %s: no ok rows match the filter\n",
			pd->in[0].csv);
		return FPB_EDATA;
	}
	for (int k = 0; k < nm; k++) {
		/* Boxes of the modes side by side around the configuration's tick. */
		double off = nm > 1 ? (k - (nm - 1) / 2.0) * 0.8 / nm : 0;

		fprintf(pd->out, "%s%s center label p10 p25 median p75 p90\n", blocks++ ? "\n\n" : "",
		       fp_mode_names[modes[k]]);
		for (size_t i = 0; i < nk; i++) {
			const struct result_row *r = results_find(S, &keys[i]->cfg, modes[k]);

			row_label(keys[i], label, sizeof(label));
			if (!r || !row_wanted(pd, r)) {
				fprintf(pd->out, "%.3f %zu %s nan nan nan nan nan\n", i + off, i, label);
				continue;
			}
			fprintf(pd->out, "%.3f %zu %s %.2f %.2f %.2f %.2f %.2f\n", i + off, i, label,
			       r->cycles.p10, r->cycles.p25, r->cycles.median,
			       r->cycles.p75, r->cycles.p90);
		}
	}
	return FPB_OK;
}

/* Every wanted row of the first file, one line each, under a header. */
static int plot_rows(struct plotdata *pd)
{
	const struct result_set *S = &pd->in[0].set;
	char label[64];
	size_t n = 0;

	fprintf(pd->out, "label mode unit median tmean ci_lo ci_hi n\n");
	for (size_t i = 0; i < S->nr; i++) {
		const struct result_row *r = &S->rows[i];

		if (!row_wanted(pd, r))
			continue;
		row_label(r, label, sizeof(label));
		fprintf(pd->out, "%s %s %s %.2f %.2f %.2f %.2f %zu\n", label,
			fp_mode_names[r->cfg.fp_mode], result_unit_names[r->unit],
			r->cycles.median, r->cycles.tmean, r->cycles.ci_lo,
			r->cycles.ci_hi, r->cycles.n);
		n++;
	}
	if (!n) {
		fprintf(stderr, "fpbench plotdata: %s: no ok rows match the filter\n",
			pd->in[0].csv);
		return FPB_EDATA;
	}
	return FPB_OK;
}

/* A gnuplot-safe single token: no blanks, no quotes. */
static void token(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	for (; *s && i + 1 < len; s++)
		buf[i++] = (*s == ' ' || *s == '\t' || *s == '"' || *s == '\'') ? '_' : *s;
	buf[i] = '\0';
}

static const char *file_title(const struct analysis_input *in)
{
	if (in->have_meta && in->meta.cpu.name[0])
		return in->meta.cpu.name;
	if (in->have_meta && in->meta.host[0])
		return in->meta.host;
	return in->csv;
}

static bool has_mode(const struct result_set *S, enum fp_mode mode)
{
	for (size_t i = 0; i < S->nr; i++)
		if (S->rows[i].cfg.fp_mode == mode)
			return true;
	return false;
}

/* Skipped rows carry a placeholder unit: the measured ones decide. */
static const struct result_row *first_ok(const struct result_set *S)
{
	for (size_t i = 0; i < S->nr; i++)
		if (S->rows[i].status == STATUS_OK)
			return &S->rows[i];
	return NULL;
}

static int plot_cores(struct plotdata *pd)
{
	enum fp_mode want = fpb_lookup(fp_mode_names, FP_MODE_NR, pd->mode);
	enum fp_mode use[PLOTDATA_MAX_FILES];
	const struct result_row *keys[256];
	size_t nk = 0;
	char tok[96], label[64];

	for (int f = 0; f < pd->nr; f++) {
		const struct result_set *S = &pd->in[f].set;
		const struct result_row *k[256], *u0, *uf;
		size_t n;

		/* A stock kernel has no mode knob: its rows say "unknown". */
		use[f] = want;
		if (!has_mode(S, want)) {
			use[f] = FP_MODE_UNKNOWN;
			fprintf(stderr, "fpbench plotdata: note: %s has no %s rows, using its %s rows\n",
				pd->in[f].csv, fp_mode_names[want], fp_mode_names[FP_MODE_UNKNOWN]);
		}
		u0 = first_ok(&pd->in[0].set);
		uf = first_ok(S);
		if (u0 && uf && u0->unit != uf->unit) {
			fprintf(stderr, "fpbench plotdata: %s counts %s, %s counts %s: not one axis\n",
				pd->in[0].csv, result_unit_names[u0->unit],
				pd->in[f].csv, result_unit_names[uf->unit]);
			return FPB_EDATA;
		}
		n = distinct_keys(pd, S, k, ARRAY_SIZE(k));
		for (size_t i = 0; i < n; i++) {
			bool seen = false;

			for (size_t j = 0; j < nk; j++)
				seen |= matrix_config_same_key(&keys[j]->cfg, &k[i]->cfg);
			if (!seen && nk < ARRAY_SIZE(keys))
				keys[nk++] = k[i];
		}
	}
	if (!nk) {
		fprintf(stderr, "fpbench plotdata: no ok rows match the filter\n");
		return FPB_EDATA;
	}
	fprintf(pd->out, "label");
	for (int f = 0; f < pd->nr; f++) {
		const struct analysis_input *in = &pd->in[f];
		char title[160];
		int same = 0, dup = 0;

		/*
		 * Two files of one CPU (e.g. two kernels): tell them apart by
		 * kernel, and number them only if that is the same too.
		 */
		for (int g = 0; g < pd->nr; g++)
			dup += g != f && !strcmp(file_title(&pd->in[g]), file_title(in));
		for (int g = 0; g < f; g++)
			same += !strcmp(file_title(&pd->in[g]), file_title(in)) &&
				(!in->have_meta || !pd->in[g].have_meta ||
				 !strcmp(pd->in[g].meta.kernel, in->meta.kernel));
		if (dup && in->have_meta && in->meta.kernel[0])
			snprintf(title, sizeof(title), "%s, %s", file_title(in), in->meta.kernel);
		else
			snprintf(title, sizeof(title), "%s", file_title(in));
		token(title, tok, sizeof(tok));
		if (same)
			fprintf(pd->out, " %s#%d lo hi", tok, same + 1);
		else
			fprintf(pd->out, " %s lo hi", tok);
	}
	fputc('\n', pd->out);
	for (size_t i = 0; i < nk; i++) {
		row_label(keys[i], label, sizeof(label));
		fprintf(pd->out, "%s", label);
		for (int f = 0; f < pd->nr; f++) {
			const struct result_row *r = results_find(&pd->in[f].set, &keys[i]->cfg, use[f]);

			if (r && row_wanted(pd, r))
				fprintf(pd->out, " %.2f %.2f %.2f", r->cycles.median, r->cycles.ci_lo,
				       r->cycles.ci_hi);
			else
				fprintf(pd->out, " nan nan nan");
		}
		fputc('\n', pd->out);
	}
	return FPB_OK;
}

/* A gnuplot double-quoted string: backslash and quote would end or escape it. */
static void gp_string(FILE *f, const char *var, const char *s)
{
	fprintf(f, "%s = \"", var);
	for (; *s; s++)
		fputc(*s == '"' || *s == '\\' ? '\'' : *s, f);
	fprintf(f, "\"\n");
}

/* Distinct values of a metadata field over the files, joined by ", "; an
 * empty or missing value reads @none. */
static void join_field(const struct plotdata *pd, size_t off, char *buf, size_t len,
		       const char *none)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int f = 0; f < pd->nr; f++) {
		const char *v = pd->in[f].have_meta ? (const char *)&pd->in[f].meta + off : "";

		if (!v[0])
			v = none;
		if (!v[0] || strstr(buf, v))
			continue;
		used += snprintf(buf + used, used < len ? len - used : 0, "%s%s",
				 used ? ", " : "", v);
	}
}

static int plot_meta(struct plotdata *pd)
{
	char kernel[512], cpu[512], sub[1200], host[512], source[256], why[1024], kconf[1024], date[512];
	char modes[64] = "";
	const char *unit = NULL;
	unsigned int fp_modes = 0;
	bool emulated = false;

	for (int f = 0; f < pd->nr; f++) {
		const struct result_set *S = &pd->in[f].set;

		emulated |= pd->in[f].have_meta && pd->in[f].meta.emulated;
		if (pd->in[f].have_meta)
			fp_modes |= pd->in[f].meta.fp_modes;
		for (size_t i = 0; i < S->nr; i++) {
			const char *u = result_unit_names[S->rows[i].unit];

			emulated |= S->rows[i].emulated;
			/* The unit of what the figures draw: the filtered rows. */
			if (!row_wanted(pd, &S->rows[i]))
				continue;
			if (unit && strcmp(unit, u))
				unit = "mixed units";
			else if (!unit)
				unit = u;
		}
	}
	/* An emulated count is never called "cycles" without that label. */
	if (emulated && unit && !strcmp(unit, "cycles"))
		unit = "emulated cycles = instructions";
	join_field(pd, offsetof(struct run_meta, kernel), kernel, sizeof(kernel), "?");
	join_field(pd, offsetof(struct run_meta, cpu.name), cpu, sizeof(cpu), "?");
	join_field(pd, offsetof(struct run_meta, host), host, sizeof(host), "?");
	join_field(pd, offsetof(struct run_meta, kernel_config), kconf, sizeof(kconf), "");
	join_field(pd, offsetof(struct run_meta, date), date, sizeof(date), "?");
	join_field(pd, offsetof(struct run_meta, counter.source), source, sizeof(source), "?");
	join_field(pd, offsetof(struct run_meta, counter.pmu_unavailable), why, sizeof(why), "");
	for (int m = 0; m < FP_MODE_NR; m++)
		if (fp_modes & (1u << m))
			snprintf(modes + strlen(modes), sizeof(modes) - strlen(modes), "%s%s",
				 modes[0] ? "," : "", fp_mode_names[m]);
	snprintf(sub, sizeof(sub), "kernel %s, CPU %s%s", kernel, cpu,
		 emulated ? ", EMULATED (QEMU TCG): not hardware cycles" : "");
	gp_string(pd->out, "unit", unit ? unit : "?");
	gp_string(pd->out, "kernel", kernel);
	gp_string(pd->out, "cpu", cpu);
	fprintf(pd->out, "emulated = %d\n", emulated);
	gp_string(pd->out, "subtitle", sub);
	/* For scripts (tools/main, tests/native-arm64), not drawn. */
	gp_string(pd->out, "host", host);
	gp_string(pd->out, "fp_modes", modes);
	gp_string(pd->out, "counter_source", source);
	gp_string(pd->out, "pmu_unavailable", why);
	gp_string(pd->out, "kernel_config", kconf);
	gp_string(pd->out, "date", date);
	return FPB_OK;
}

int cmd_plotdata(int argc, char **argv)
{
	/* Figures show exits to user space with an idle guest unless told. */
	struct plotdata pd = {
		.mode = "eager",
		.filter = { .bench = "kvm", .exit = "mmio", .guest_fp = "none" },
	};
	struct opt opts[] = {
		{ .name = "bench", .kind = OPT_STRING, .ptr = &pd.filter.bench,
		  .metavar = "NAME", .help = "only this bench (kvm, ctxsw; any)" },
		{ .name = "exit", .kind = OPT_STRING, .ptr = &pd.filter.exit,
		  .metavar = "NAME", .help = "only this exit kind (mmio, hvc, futex, vcpu; any)" },
		{ .name = "host-fp", .kind = OPT_STRING, .ptr = &pd.filter.host_fp,
		  .metavar = "KIND", .help = "only this host FP state (any)" },
		{ .name = "guest-fp", .kind = OPT_STRING, .ptr = &pd.filter.guest_fp,
		  .metavar = "KIND", .help = "only this guest FP use (any)" },
		{ .name = "mode", .kind = OPT_STRING, .ptr = &pd.mode,
		  .metavar = "MODE", .help = "cores: fp_mode to show (files without it: unknown)" },
	};
	struct opt_cmd cmd = {
		.name = "fpbench plotdata",
		.args = "vl|dist|cores|meta|rows [options] RESULTS.csv...",
		.about =
		"Tables for gnuplot (plot/plot.sh): vl = cost vs vector length per host FP\n"
		"state and mode; dist = percentile boxes per configuration; cores = one\n"
		"column triple per file; meta = unit/kernel/cpu/emulated/subtitle and\n"
		"host/fp_modes/counter_source/pmu_unavailable/kernel_config/date of the\n"
		"files' metadata as gnuplot variables; rows = label, mode, unit, median,\n"
		"tmean, CI and n of every ok row. vl, dist and rows read the first file only.",
		.opts = opts,
		.nr_opts = ARRAY_SIZE(opts),
		.min_args = 2,
		.max_args = PLOTDATA_MAX_FILES + 1,
	};
	const char **filters[] = {
		&pd.filter.bench, &pd.filter.exit, &pd.filter.host_fp, &pd.filter.guest_fp,
	};
	char err[512], *text = NULL;
	size_t text_len = 0;
	int nargs, rc, kind;

	rc = opt_parse(&cmd, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	kind = fpb_lookup(kinds, ARRAY_SIZE(kinds), argv[1]);
	if (kind < 0) {
		fprintf(stderr, "fpbench plotdata: '%s': expected vl, dist, cores, meta or rows\n",
			argv[1]);
		return FPB_EUSAGE;
	}
	if (fpb_lookup(fp_mode_names, FP_MODE_NR, pd.mode) < 0) {
		fprintf(stderr, "fpbench plotdata: --mode %s: expected eager, lazy, lazy_keep or unknown\n",
			pd.mode);
		return FPB_EUSAGE;
	}
	/* "any" lifts a filter. */
	for (size_t i = 0; i < ARRAY_SIZE(filters); i++)
		if (*filters[i] && !strcmp(*filters[i], "any"))
			*filters[i] = NULL;
	rc = analysis_filter_check(&pd.filter, "fpbench plotdata");
	if (rc)
		return rc;
	for (int i = 2; i <= nargs; i++) {
		rc = analysis_load(argv[i], false, &pd.in[pd.nr], err, sizeof(err));
		if (rc) {
			fprintf(stderr, "fpbench plotdata: %s\n", err);
			goto out;
		}
		pd.nr++;
	}
	pd.out = open_memstream(&text, &text_len);
	if (!pd.out) {
		perror("fpbench plotdata: open_memstream");
		rc = FPB_EENV;
		goto out;
	}
	switch (kind) {
	case 0:
		rc = plot_vl(&pd);
		break;
	case 1:
		rc = plot_dist(&pd);
		break;
	case 2:
		rc = plot_cores(&pd);
		break;
	case 3:
		rc = plot_meta(&pd);
		break;
	default:
		rc = plot_rows(&pd);
		break;
	}
	if (fclose(pd.out) && !rc)
		rc = FPB_EENV;
	/* Only a complete answer reaches stdout. */
	if (!rc && (fwrite(text, 1, text_len, stdout) != text_len || fflush(stdout))) {
		perror("fpbench plotdata: stdout");
		rc = FPB_EENV;
	}
	free(text);
out:
	for (int i = 0; i < pd.nr; i++)
		analysis_free(&pd.in[i]);
	return rc;
}
