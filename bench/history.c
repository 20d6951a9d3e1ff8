// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench history: one configuration across kernel versions and dates.
 *
 * Walks a result store laid out as results/README.md "Store layout"
 * (ROOT/<host>/<kernel>/<date>-<fp_mode>.csv), takes the configuration's
 * median and 95% CI from every run, orders the runs by kernel version then
 * date, and flags a step change between adjacent runs of one series: CIs
 * that do not overlap AND a difference beyond --step (percent) or
 * --step-abs (units). --delta modes follows the eager - lazy difference of
 * runs that measured both modes (one file, or <date>-lazy.csv next to
 * <date>-eager.csv), and eager - lazy_keep as a second series where a run
 * has lazy_keep; --delta eager-lazy or eager-lazy_keep follows one pair;
 * --delta exit follows mmio - hvc, the vcpu_put + vcpu_load part of a
 * round trip.
 */
#define _GNU_SOURCE	/* nftw(), FTW_PHYS */
#include <errno.h>
#include <fnmatch.h>
#include <ftw.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "commands.h"
#include "fpbench.h"
#include "matrix.h"
#include "options.h"

/* Default --step: smallest change between adjacent runs worth a flag. */
#define HISTORY_STEP_PCT	2.0

/*
 * modes follows every eager - <lazy mode> pair a run has (eager - lazy,
 * and eager - lazy_keep with --fp-mode all: one series each); eager-lazy
 * and eager-lazy_keep follow one of them.
 */
enum delta_kind {
	DELTA_NONE, DELTA_MODES, DELTA_EXIT, DELTA_LAZY, DELTA_LAZY_KEEP, DELTA_NR
};

static const char *const delta_names[DELTA_NR] = {
	[DELTA_NONE] = "none",
	[DELTA_MODES] = "modes",
	[DELTA_EXIT] = "exit",
	[DELTA_LAZY] = "eager-lazy",
	[DELTA_LAZY_KEEP] = "eager-lazy_keep",
};

/* A results file of the store and where the layout puts it. */
struct store_file {
	char *path;
	char host[256];
	char kernel[256];
	char date[128];
};

struct point {
	char host[256], kernel[256], date[128], series[32], cpu[64];
	char file[4096];
	enum result_unit unit;
	bool emulated;
	double value, lo, hi;
	size_t n;
	bool from_samples;
	int step;		/* +1 up, -1 down, 0 none */
	double change_pct;	/* against the previous point of the series */
	unsigned int index;	/* position in its series */
};

struct history {
	const char *root;
	struct fpb_config key;
	bool key_has_mode;
	enum delta_kind delta;
	struct store_file *files;
	size_t nr_files;
	size_t skipped;
	int walk_rc;		/* why walk_one() stopped the walk */
	size_t unit_mismatch;	/* --delta exit pairs in two units, and the last two */
	enum result_unit unit_a, unit_b;
	struct point *points;
	size_t nr_points;
	/* options */
	const char *config, *delta_name, *format, *host, *exclude_kernel;
	double step_pct, step_abs;
	bool step_abs_given, keep_going, fail_on_step;
	unsigned int bootstrap;
	uint64_t seed;
};

/* nftw() has no user pointer. */
static struct history *walk_history;

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static int walk_one(const char *path, const struct stat *st, int type,
		    struct FTW *ftw)
{
	struct history *h = walk_history;
	struct store_file *f;
	const char *rel = path + strlen(h->root);
	char comp[3][256];
	int depth = 0;

	(void)st;
	(void)ftw;
	/* What cannot be read could hold runs: never passed over silently. */
	if (type == FTW_DNR || type == FTW_NS) {
		fprintf(stderr, "fpbench history: %s%s: cannot %s%s\n",
			h->keep_going ? "warning: " : "", path,
			type == FTW_DNR ? "read directory" : "stat",
			h->keep_going ? " (skipped)" : "");
		h->skipped++;
		h->walk_rc = h->keep_going ? FPB_OK : FPB_EDATA;
		return h->walk_rc;
	}
	if (!ends_with(path, ".csv") || ends_with(path, ".samples.csv"))
		return 0;
	if (type == FTW_SL || type == FTW_SLN) {
		fprintf(stderr, "fpbench history: note: %s is a symbolic link, not followed, ignored\n",
			path);
		h->skipped++;
		return 0;
	}
	if (type != FTW_F)
		return 0;

	/* <host>/<kernel>/<file>: exactly three components under the root. */
	while (*rel == '/')
		rel++;
	for (const char *p = rel; *p && depth <= 3; depth++) {
		size_t len = strcspn(p, "/");

		if (depth < 3) {
			snprintf(comp[depth], sizeof(comp[depth]), "%.*s", (int)len, p);
		}
		p += len;
		while (*p == '/')
			p++;
	}
	if (depth != 3) {
		fprintf(stderr, "fpbench history: note: %s is not <host>/<kernel>/<date>-<mode>.csv under %s, ignored\n",
			path, h->root);
		h->skipped++;
		return 0;
	}
	if (h->host && strcmp(h->host, comp[0]))
		return 0;
	if (h->exclude_kernel && !fnmatch(h->exclude_kernel, comp[1], 0))
		return 0;

	f = realloc(h->files, (h->nr_files + 1) * sizeof(*f));
	if (!f)
		return -1;
	h->files = f;
	f = &h->files[h->nr_files];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	if (!f->path)
		return -1;
	h->nr_files++;
	snprintf(f->host, sizeof(f->host), "%s", comp[0]);
	snprintf(f->kernel, sizeof(f->kernel), "%s", comp[1]);
	/* <date>-<mode>.csv: the run's date is what precedes the mode. */
	comp[2][strlen(comp[2]) - 4] = '\0';
	{
		char *dash = strrchr(comp[2], '-');

		if (dash && (fpb_lookup(fp_mode_names, FP_MODE_NR, dash + 1) >= 0 ||
			     !strcmp(dash + 1, "both") || !strcmp(dash + 1, "all")))
			*dash = '\0';
	}
	snprintf(f->date, sizeof(f->date), "%s", comp[2]);
	return 0;
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct store_file *)a)->path,
		      ((const struct store_file *)b)->path);
}

static bool same_run(const struct store_file *a, const struct store_file *b)
{
	return !strcmp(a->host, b->host) && !strcmp(a->kernel, b->kernel) &&
	       !strcmp(a->date, b->date);
}

/* A row of @key with @mode in the run's files, and the file it is in. */
static const struct result_row *group_find(struct analysis_input *in, size_t nr,
					   const struct fpb_config *key,
					   enum fp_mode mode,
					   const struct analysis_input **from)
{
	for (size_t i = 0; i < nr; i++) {
		const struct result_row *r = results_find(&in[i].set, key, mode);

		if (r) {
			*from = &in[i];
			return r;
		}
	}
	return NULL;
}

static struct point *point_new(struct history *h, const struct store_file *f,
			       const struct analysis_input *in,
			       const struct result_row *row, const char *series)
{
	struct point *p = realloc(h->points, (h->nr_points + 1) * sizeof(*p));

	if (!p)
		return NULL;
	h->points = p;
	p = &h->points[h->nr_points++];
	memset(p, 0, sizeof(*p));
	snprintf(p->host, sizeof(p->host), "%s", f->host);
	snprintf(p->kernel, sizeof(p->kernel), "%s", f->kernel);
	snprintf(p->date, sizeof(p->date), "%s", f->date);
	snprintf(p->series, sizeof(p->series), "%s", series);
	snprintf(p->cpu, sizeof(p->cpu), "%s",
		 in->have_meta && in->meta.cpu.name[0] ? in->meta.cpu.name : "-");
	snprintf(p->file, sizeof(p->file), "%s", in->csv);
	p->unit = row->unit;
	p->emulated = row->emulated;
	return p;
}

/* A point whose value is the difference @d (median of b - median of a). */
static int point_diff(struct history *h, const struct store_file *f,
		      const struct analysis_input *in, const struct result_row *row,
		      const char *series, const struct analysis_diff *d)
{
	struct point *p = point_new(h, f, in, row, series);

	if (!p)
		return FPB_EENV;
	p->value = d->diff;
	p->lo = d->lo;
	p->hi = d->hi;
	p->n = d->n_b;
	p->from_samples = d->from_samples;
	return FPB_OK;
}

/* eager - @lazy of the run as a point of series "eager-<lazy>", if measured. */
static int group_mode_delta(struct history *h, const struct store_file *f,
			    struct analysis_input *in, size_t nr, enum fp_mode lazy)
{
	const struct analysis_input *ia, *ib;
	const struct result_row *a, *b;
	struct analysis_diff d;
	char series[32];

	a = group_find(in, nr, &h->key, lazy, &ia);
	b = group_find(in, nr, &h->key, FP_MODE_EAGER, &ib);
	if (!a || !b || a->status != STATUS_OK || b->status != STATUS_OK ||
	    a->unit != b->unit)
		return FPB_OK;
	if (analysis_diff(a, analysis_samples(ia, a), b, analysis_samples(ib, b),
			  h->seed, h->bootstrap, &d))
		return FPB_OK;
	snprintf(series, sizeof(series), "eager-%s", fp_mode_names[lazy]);
	return point_diff(h, f, ib, b, series, &d);
}

static int group_points(struct history *h, const struct store_file *f,
			struct analysis_input *in, size_t nr)
{
	static const enum fp_mode modes[] = {
		FP_MODE_UNKNOWN, FP_MODE_LAZY, FP_MODE_EAGER, FP_MODE_LAZY_KEEP,
	};
	const struct analysis_input *ia, *ib;
	const struct result_row *a, *b;
	struct analysis_diff d;
	struct fpb_config ctl = h->key;
	char series[32];
	struct point *p;
	int rc;

	if (h->delta == DELTA_MODES || h->delta == DELTA_LAZY) {
		rc = group_mode_delta(h, f, in, nr, FP_MODE_LAZY);
		if (rc || h->delta == DELTA_LAZY)
			return rc;
	}
	if (h->delta == DELTA_MODES || h->delta == DELTA_LAZY_KEEP)
		return group_mode_delta(h, f, in, nr, FP_MODE_LAZY_KEEP);

	ctl.exit = EXIT_HVC;
	for (size_t m = 0; m < ARRAY_SIZE(modes); m++) {
		if (h->key_has_mode && modes[m] != h->key.fp_mode)
			continue;
		b = group_find(in, nr, &h->key, modes[m], &ib);
		if (!b || b->status != STATUS_OK || isnan(b->cycles.median))
			continue;
		if (h->delta == DELTA_NONE) {
			p = point_new(h, f, ib, b, fp_mode_names[modes[m]]);
			if (!p)
				return FPB_EENV;
			p->value = b->cycles.median;
			p->lo = b->cycles.ci_lo;
			p->hi = b->cycles.ci_hi;
			p->n = b->iterations;
			p->from_samples = true;	/* the run's own bootstrap CI */
			continue;
		}
		a = group_find(in, nr, &ctl, modes[m], &ia);
		if (!a || a->status != STATUS_OK)
			continue;
		if (a->unit != b->unit) {
			/*
			 * The hvc control is timed by the guest (cntvct), the
			 * round trip by the host PMU (cycles): no recorded
			 * rate converts one into the other.
			 */
			h->unit_mismatch++;
			h->unit_a = a->unit;
			h->unit_b = b->unit;
			continue;
		}
		if (analysis_diff(a, analysis_samples(ia, a), b, analysis_samples(ib, b),
				  h->seed, h->bootstrap, &d))
			continue;
		snprintf(series, sizeof(series), "%s-hvc/%s",
			 exit_names[h->key.exit], fp_mode_names[modes[m]]);
		if (point_diff(h, f, ib, b, series, &d))
			return FPB_EENV;
	}
	return FPB_OK;
}

static int point_cmp(const void *pa, const void *pb)
{
	const struct point *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->host, b->host)))
		return c;
	if ((c = strcmp(a->series, b->series)))
		return c;
	if ((c = analysis_version_cmp(a->kernel, b->kernel)))
		return c;
	return strcmp(a->date, b->date);
}

static void find_steps(struct history *h)
{
	for (size_t i = 0; i < h->nr_points; i++) {
		struct point *p = &h->points[i], *q = i ? p - 1 : NULL;
		double change;
		bool apart, big;

		if (!q || strcmp(p->host, q->host) || strcmp(p->series, q->series)) {
			p->index = 0;
			p->change_pct = NAN;
			continue;
		}
		p->index = q->index + 1;
		change = p->value - q->value;
		p->change_pct = 100.0 * change / fabs(q->value);
		if (p->unit != q->unit) {
			fprintf(stderr, "fpbench history: note: %s: unit changes from %s to %s at %s %s, no step test\n",
				p->series, result_unit_names[q->unit],
				result_unit_names[p->unit], p->kernel, p->date);
			continue;
		}
		apart = p->lo > q->hi || p->hi < q->lo;	/* false on NaN */
		big = h->step_abs_given ? fabs(change) > h->step_abs :
					  fabs(p->change_pct) > h->step_pct;
		if (apart && big)
			p->step = change > 0 ? 1 : -1;
	}
}

static const char *step_name(int step)
{
	return step > 0 ? "up" : step < 0 ? "down" : "-";
}

static void print_csv(const struct history *h, FILE *f)
{
	fputs("host,cpu,kernel,date,series,unit,emulated,index,value,ci_lo,ci_hi,n,"
	      "ci_source,step,change_pct,file\n", f);
	for (size_t i = 0; i < h->nr_points; i++) {
		const struct point *p = &h->points[i];
		const char *text[] = { p->host, p->cpu, p->kernel, p->date, p->series };

		for (size_t t = 0; t < ARRAY_SIZE(text); t++) {
			analysis_put_csv_field(f, text[t]);
			fputc(',', f);
		}
		fprintf(f, "%s,%d,%u,", result_unit_names[p->unit], p->emulated, p->index);
		analysis_put_num(f, p->value, 2, false); fputc(',', f);
		analysis_put_num(f, p->lo, 2, false); fputc(',', f);
		analysis_put_num(f, p->hi, 2, false);
		fprintf(f, ",%zu,%s,%s,", p->n, p->from_samples ? "samples" : "summary",
			step_name(p->step));
		analysis_put_num(f, p->change_pct, 3, false);
		fputc(',', f);
		analysis_put_csv_field(f, p->file);
		fputc('\n', f);
	}
}

/* @s as a gnuplot/shell double-quoted string value. */
static void put_quoted(FILE *f, const char *var, const char *s)
{
	fprintf(f, "%s = \"", var);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputs("\"\n", f);
}

/*
 * --format meta: what a figure title says about the series, as lines
 * "name = value" that gnuplot loads and a script reads with sed: the CPUs
 * (distinct, in series order, joined by ", "), the units (unit joined by
 * ", ", units a word list), whether any run was emulated.
 */
static void print_meta(const struct history *h, FILE *f)
{
	char cpus[1024] = "", unit[256] = "", units[256] = "";
	bool emulated = false;

	for (size_t i = 0; i < h->nr_points; i++) {
		const struct point *p = &h->points[i];
		bool seen = false;

		emulated |= p->emulated;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(h->points[j].cpu, p->cpu);
		if (!seen)
			snprintf(cpus + strlen(cpus), sizeof(cpus) - strlen(cpus), "%s%s",
				 cpus[0] ? ", " : "", p->cpu);
	}
	for (int u = 0; u < UNIT_NR; u++) {
		bool used = false;

		for (size_t i = 0; i < h->nr_points && !used; i++)
			used = h->points[i].unit == (enum result_unit)u;
		if (!used)
			continue;
		snprintf(unit + strlen(unit), sizeof(unit) - strlen(unit), "%s%s",
			 unit[0] ? ", " : "", result_unit_names[u]);
		snprintf(units + strlen(units), sizeof(units) - strlen(units), "%s%s",
			 units[0] ? " " : "", result_unit_names[u]);
	}
	put_quoted(f, "cpu", cpus);
	put_quoted(f, "unit", unit);
	put_quoted(f, "units", units);
	fprintf(f, "emulated = %d\n", emulated);
	fprintf(f, "points = %zu\n", h->nr_points);
}

static const char *history_delta_what(const struct history *h)
{
	bool keep = false;

	for (size_t i = 0; i < h->nr_points; i++)
		keep |= !strcmp(h->points[i].series, "eager-lazy_keep");
	switch (h->delta) {
	case DELTA_MODES:
		/* a two-mode store reads as before */
		return keep ? "eager - lazy and eager - lazy_keep, one series each" :
			      "eager - lazy";
	case DELTA_LAZY:
		return "eager - lazy";
	case DELTA_LAZY_KEEP:
		return "eager - lazy_keep";
	default:
		return "mmio - hvc exit";
	}
}

static void print_table(const struct history *h, FILE *f)
{
	char ci[64];

	fprintf(f, "history of %s under %s", h->config, h->root);
	if (h->delta != DELTA_NONE)
		fprintf(f, " (difference: %s)", history_delta_what(h));
	fprintf(f, "\nstep: adjacent runs whose 95%% CIs do not overlap and differ by > ");
	if (h->step_abs_given)
		fprintf(f, "%g units\n", h->step_abs);
	else
		fprintf(f, "%g%%\n", h->step_pct);
	for (size_t i = 0; i < h->nr_points; i++) {
		const struct point *p = &h->points[i];

		if (!p->index)
			fprintf(f, "\n%s, series %s:\n%-24s %-20s %-7s %12s %-25s %9s %s\n",
				p->host, p->series, "kernel", "date", "unit",
				"value", "95% CI", "change", "step");
		snprintf(ci, sizeof(ci), "[%.1f, %.1f]%s", p->lo, p->hi,
			 p->from_samples ? "" : "*");
		fprintf(f, "%-24s %-20s %-7s %12.1f %-25s ", p->kernel, p->date,
			result_unit_names[p->unit], p->value, ci);
		if (isnan(p->change_pct))
			fprintf(f, "%9s", "-");
		else
			fprintf(f, "%+8.2f%%", p->change_pct);
		fprintf(f, " %s%s\n", p->step ? "STEP " : "", p->step ? step_name(p->step) : "");
	}
	if (h->nr_points && h->points[0].emulated)
		fputs("\nEMULATED (QEMU TCG) runs: ticks of an emulated CPU, not hardware cycles\n", f);
}

/* Parse the options into @h: the table is sized by its rows. */
static int history_parse(struct history *h, int argc, char **argv, int *nargs)
{
	struct opt o[] = {
		{ .name = "config", .kind = OPT_STRING, .ptr = &h->config,
		  .metavar = "KEY",
		  .help = "configuration, e.g. kvm/mmio/host=sve/guest=none/vl=256[/eager]" },
		{ .name = "delta", .kind = OPT_STRING, .ptr = &h->delta_name,
		  .metavar = "KIND",
		  .help = "none (the key's median), modes (eager - lazy, and eager - lazy_keep where measured), eager-lazy, eager-lazy_keep or exit (mmio - hvc)" },
		{ .name = "host", .kind = OPT_STRING, .ptr = &h->host,
		  .metavar = "NAME",
		  .help = "only this <host-or-core> directory" },
		{ .name = "exclude-kernel", .kind = OPT_STRING, .ptr = &h->exclude_kernel,
		  .metavar = "GLOB",
		  .help = "leave out <kernel> directories matching GLOB (e.g. '*-debian-*': another configuration of a kernel, not a version)" },
		{ .name = "format", .kind = OPT_STRING, .ptr = &h->format,
		  .metavar = "FMT",
		  .help = "table, csv, or meta (cpu, unit, emulated of the series: plot/plot.sh)" },
		{ .name = "step", .kind = OPT_DOUBLE, .ptr = &h->step_pct,
		  .metavar = "PCT",
		  .help = "flag adjacent runs differing by more than PCT % (CIs apart)",
		  .min = 0, .max = 1e6 },
		{ .name = "step-abs", .kind = OPT_DOUBLE, .ptr = &h->step_abs,
		  .metavar = "N",
		  .help = "flag by an absolute difference in units instead of --step",
		  .min = 0, .max = 1e12,
		  .given = &h->step_abs_given },
		{ .name = "fail-on-step", .kind = OPT_FLAG, .ptr = &h->fail_on_step,
		  .help = "exit 5 when a step up (slower) is flagged" },
		{ .name = "keep-going", .kind = OPT_FLAG, .ptr = &h->keep_going,
		  .help = "skip unreadable files with a warning instead of exiting 3" },
		{ .name = "bootstrap", .kind = OPT_UINT, .ptr = &h->bootstrap,
		  .metavar = "B",
		  .help = "bootstrap resamples for --delta CIs",
		  .min = 100, .max = 100000 },
		{ .name = "seed", .kind = OPT_U64, .ptr = &h->seed,
		  .metavar = "N",
		  .help = "seed of the bootstrap" },
	};

	const struct opt_cmd cmd = {
		.name = "fpbench history",
		.args = "--config KEY [options] STORE",
		.about =
		"Walks STORE/<host>/<kernel>/<date>-<fp_mode>.csv (results/README.md, Store\n"
		"layout), prints the configuration's median and 95% CI per run in kernel\n"
		"version order, one series per host and fp_mode, and flags step changes.\n"
		"--format csv gives a table for plot/plot.sh, --format meta what its titles\n"
		"say of the series (cpu, unit, emulated).",
		.opts = o,
		.nr_opts = ARRAY_SIZE(o),
		.min_args = 1,
		.max_args = 1,
	};
	return opt_parse(&cmd, argc, argv, nargs);
}

static int history_collect(struct history *h)
{
	char err[512];
	int rc = FPB_OK;

	walk_history = h;
	errno = 0;
	if (nftw(h->root, walk_one, 16, FTW_PHYS)) {
		if (h->walk_rc)
			return h->walk_rc;
		fprintf(stderr, "fpbench history: %s: %s\n", h->root,
			errno ? strerror(errno) : "walk failed");
		return errno == ENOMEM ? FPB_EENV : FPB_EDATA;
	}
	if (h->nr_files)
		qsort(h->files, h->nr_files, sizeof(*h->files), file_cmp);

	/* The files of one run (same host, kernel, date) are adjacent. */
	for (size_t i = 0, j; i < h->nr_files && !rc; i = j) {
		struct analysis_input *in;
		size_t nr = 0;

		for (j = i; j < h->nr_files && same_run(&h->files[i], &h->files[j]); j++)
			;
		in = calloc(j - i, sizeof(*in));
		if (!in)
			return FPB_EENV;
		for (size_t k = i; k < j && !rc; k++) {
			rc = analysis_load(h->files[k].path, h->delta != DELTA_NONE,
					   &in[nr], err, sizeof(err));
			if (rc && h->keep_going) {
				fprintf(stderr, "fpbench history: warning: %s (skipped)\n", err);
				h->skipped++;
				rc = FPB_OK;
				continue;
			}
			if (rc)
				fprintf(stderr, "fpbench history: %s\n", err);
			else
				nr++;
		}
		if (!rc)
			rc = group_points(h, &h->files[i], in, nr);
		for (size_t k = 0; k < nr; k++)
			analysis_free(&in[k]);
		free(in);
	}
	return rc;
}

int cmd_history(int argc, char **argv)
{
	struct history h = {
		.format = "table",
		.delta_name = "none",
		.step_pct = HISTORY_STEP_PCT,
		.bootstrap = STATS_BOOTSTRAP_B,
		.seed = ANALYSIS_SEED,
	};
	int nargs, rc, d;
	bool up = false;

	rc = history_parse(&h, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	h.root = argv[1];
	if (!h.config) {
		fprintf(stderr, "fpbench history: --config KEY is required\n");
		return FPB_EUSAGE;
	}
	if (analysis_parse_key(h.config, &h.key, &h.key_has_mode)) {
		fprintf(stderr, "fpbench history: --config %s: expected bench/exit/host=K/guest=K[/vl=N][/svl=N][/mode]\n",
			h.config);
		return FPB_EUSAGE;
	}
	d = fpb_lookup(delta_names, DELTA_NR, h.delta_name);
	if (d < 0) {
		fprintf(stderr, "fpbench history: --delta %s: expected none, modes, eager-lazy, eager-lazy_keep or exit\n",
			h.delta_name);
		return FPB_EUSAGE;
	}
	h.delta = d;
	if (h.delta == DELTA_EXIT && h.key.exit == EXIT_HVC) {
		fprintf(stderr, "fpbench history: --delta exit needs a key whose exit is not hvc\n");
		return FPB_EUSAGE;
	}
	if (strcmp(h.format, "table") && strcmp(h.format, "csv") && strcmp(h.format, "meta")) {
		fprintf(stderr, "fpbench history: --format %s: expected table, csv or meta\n", h.format);
		return FPB_EUSAGE;
	}

	rc = history_collect(&h);
	if (rc)
		goto out;
	if (!h.nr_points && h.unit_mismatch) {
		fprintf(stderr, "fpbench history: %s - hvc: %zu row pairs measured both, but %s in %s and hvc in %s:\n"
			"  the round trip is counted by the host, the hvc control timed by the guest,\n"
			"  and no recorded rate converts one into the other (--delta exit needs one unit)\n",
			exit_names[h.key.exit], h.unit_mismatch, exit_names[h.key.exit],
			result_unit_names[h.unit_b], result_unit_names[h.unit_a]);
		rc = FPB_EDATA;
		goto out;
	}
	if (!h.nr_points) {
		fprintf(stderr, "fpbench history: no run under %s measured %s%s (%zu files looked at)\n",
			h.root, h.config,
			h.delta == DELTA_MODES ? " in both modes" :
			h.delta == DELTA_LAZY ? " in eager and lazy mode" :
			h.delta == DELTA_LAZY_KEEP ? " in eager and lazy_keep mode" : "",
			h.nr_files);
		rc = FPB_EDATA;
		goto out;
	}
	qsort(h.points, h.nr_points, sizeof(*h.points), point_cmp);
	find_steps(&h);
	if (!strcmp(h.format, "csv"))
		print_csv(&h, stdout);
	else if (!strcmp(h.format, "meta"))
		print_meta(&h, stdout);
	else
		print_table(&h, stdout);
	for (size_t i = 0; i < h.nr_points; i++)
		if (h.points[i].step > 0) {
			fprintf(stderr, "fpbench history: STEP up at %s %s %s (%s): %+.2f%%\n",
				h.points[i].host, h.points[i].kernel,
				h.points[i].date, h.points[i].series,
				h.points[i].change_pct);
			up = true;
		}
	rc = up && h.fail_on_step ? FPB_REGRESSION : FPB_OK;
out:
	for (size_t i = 0; i < h.nr_files; i++)
		free(h.files[i].path);
	free(h.files);
	free(h.points);
	return rc;
}
