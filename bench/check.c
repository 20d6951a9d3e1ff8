// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench check: the gate of a results file, for scripts and CI. Each check
 * reads columns by name through the results reader (never CSV columns by
 * number), prints one "ok:" or "not ok:" line, and a check that sees no row
 * fails, so a gate never passes on a result it cannot read.
 */
#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "commands.h"
#include "fpbench.h"
#include "matrix.h"
#include "options.h"

/* At most this many "not ok" lines per check, then a count. */
#define CHECK_SHOWN	10

struct check {
	const char *name;	/* what the summary line says */
	size_t bad;
};

static void check_fail(struct check *c, const char *key, const char *what)
{
	if (++c->bad <= CHECK_SHOWN)
		printf("not ok: %s: %s\n", key, what);
}

/* Print the summary of @c over @seen @things; true when it held. */
static bool check_end_of(const struct check *c, size_t seen, const char *things,
			 const char *what)
{
	if (c->bad > CHECK_SHOWN)
		printf("not ok: ... %zu more (%s)\n", c->bad - CHECK_SHOWN, c->name);
	printf("%s: %zu %s: %s\n", c->bad ? "not ok" : "ok", seen, things, what);
	return !c->bad;
}

static bool check_end(const struct check *c, size_t seen, const char *what)
{
	return check_end_of(c, seen, "rows", what);
}

/* "kvm/mmio/host=sve/guest=none/vl=256/eager": what --where matches. */
static void row_key(const struct result_row *row, char *buf, size_t len)
{
	int n = matrix_config_key(&row->cfg, buf, len);

	if (n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - n, "/%s", fp_mode_names[row->cfg.fp_mode]);
}

/* Is column @i one of @list ("all", names, "tr_*")? */
static bool column_listed(const char *list, size_t i)
{
	const char *name = results_column_name(i);
	char buf[256], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (!strcmp(t, "all") || !fnmatch(t, name, 0))
			return true;
	return false;
}

/* Does @key match one of the comma-separated globs of @where? */
static bool where_match(const char *where, const char *key)
{
	char buf[1024], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", where);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (!fnmatch(t, key, 0))
			return true;
	return false;
}

/* Is @name an element of the comma-separated @list? */
static bool list_has(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		if (strcspn(p, ",") == n && !strncmp(p, name, n))
			return true;
	}
	return false;
}

/* Do two field texts agree within @tol_pct (numbers) or exactly (text)? */
static bool same_value(const char *a, const char *b, double tol_pct)
{
	char *ea, *eb;
	double x, y;

	if (!strcmp(a, b))
		return true;
	x = strtod(a, &ea);
	y = strtod(b, &eb);
	if (*ea || *eb || ea == a || eb == b || isnan(x) || isnan(y))
		return false;
	return fabs(y - x) <= fabs(x) * tol_pct / 100;
}

/*
 * --delta, --require-modes: checks per configuration (the rows of one key
 * in every fp_mode), not per row.
 */
struct delta_spec {
	enum fp_mode a, b;		/* A - B; b unused with --vs */
	const struct result_set *vs;	/* --vs: B is this file's row */
	const char *vs_modes;		/* ... in one of these modes */
	int col, agree_col;		/* column indexes; agree_col -1: none */
	double min, max, above, abs_max;	/* NAN: no bound */
	double off_by;			/* --off-by: the tolerated shift */
	const char *rel;		/* --relative-to "host=none,guest=none" */
	double ratio;			/* --delta-ratio, 0: none */
};

/* First row of @set with the key of @cfg, in any mode; NULL when none. */
static const struct result_row *config_first(const struct result_set *set,
					     const struct fpb_config *cfg)
{
	for (size_t i = 0; i < set->nr; i++)
		if (matrix_config_same_key(&set->rows[i].cfg, cfg))
			return &set->rows[i];
	return NULL;
}

/* Is every row of @cfg's key in @set a skip row (and there is one)? */
static bool config_all_skip(const struct result_set *set,
			    const struct fpb_config *cfg)
{
	size_t n = 0;

	for (size_t i = 0; i < set->nr; i++) {
		if (!matrix_config_same_key(&set->rows[i].cfg, cfg))
			continue;
		if (set->rows[i].status != STATUS_SKIP)
			return false;
		n++;
	}
	return n > 0;
}

/* Column @col of @row as a number; false when it is none (nan, text). */
static bool column_number(const struct result_row *row, int col, double *v)
{
	char buf[128], *end;

	results_column_text(row, col, buf, sizeof(buf));
	*v = strtod(buf, &end);
	return end != buf && !*end && isfinite(*v);
}

static const char *status_text(const struct result_row *r)
{
	return r ? result_status_names[r->status] : "missing";
}

/*
 * The delta A - B of column @col for the key of @cfg: FILE's A row minus
 * FILE's B row, or with --vs minus the other file's row of a --vs-modes
 * mode. 0, or -1 with what is wrong in @why.
 */
static int config_delta(const struct delta_spec *s, const struct result_set *set,
			const struct fpb_config *cfg, int col, double *d,
			double *va, double *vb, char *why, size_t len)
{
	const struct result_row *ra = results_find(set, cfg, s->a), *rb = NULL;

	if (s->vs) {
		for (size_t i = 0; i < s->vs->nr && !rb; i++) {
			const struct result_row *r = &s->vs->rows[i];

			if (matrix_config_same_key(&r->cfg, cfg) &&
			    r->status == STATUS_OK &&
			    list_has(s->vs_modes, fp_mode_names[r->cfg.fp_mode]))
				rb = r;
		}
	} else {
		rb = results_find(set, cfg, s->b);
	}
	if (!ra || ra->status != STATUS_OK || !rb || rb->status != STATUS_OK) {
		snprintf(why, len, "no ok %s and %s rows (%s %s, %s %s)",
			 fp_mode_names[s->a], s->vs ? "other" : fp_mode_names[s->b],
			 fp_mode_names[s->a], status_text(ra),
			 s->vs ? "other" : fp_mode_names[s->b], status_text(rb));
		return -1;
	}
	if (!column_number(ra, col, va) || !column_number(rb, col, vb)) {
		snprintf(why, len, "%s is not a number in the %s or the %s row",
			 results_column_name(col), fp_mode_names[s->a],
			 s->vs ? "other" : fp_mode_names[s->b]);
		return -1;
	}
	*d = *va - *vb;
	return 0;
}

/*
 * The configuration --relative-to names for @cfg: its key with the kinds
 * of @spec ("host=KIND,guest=KIND") replaced, and the VLs no kind of the
 * result uses dropped. 0, or -1 when @spec is malformed.
 */
static int config_relative(const char *spec, const struct fpb_config *cfg,
			   struct fpb_config *out)
{
	char buf[256], *save = NULL;

	*out = *cfg;
	snprintf(buf, sizeof(buf), "%s", spec);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(t, '=');
		int k;

		if (!eq)
			return -1;
		*eq = '\0';
		k = fpb_lookup(fp_kind_names, FP_KIND_NR, eq + 1);
		if (k < 0)
			return -1;
		if (!strcmp(t, "host"))
			out->host_fp = k;
		else if (!strcmp(t, "guest"))
			out->guest_fp = k;
		else
			return -1;
	}
	if (!fp_kind_uses_vl(out->host_fp) && !fp_kind_uses_vl(out->guest_fp))
		out->vl_bits = 0;
	if (!fp_kind_uses_svl(out->host_fp) && !fp_kind_uses_svl(out->guest_fp))
		out->svl_bits = 0;
	return 0;
}

/* Is @d outside the bounds of @s, widened by @by on each side? */
static bool delta_outside(const struct delta_spec *s, double d, double by)
{
	return (!isnan(s->min) && d < s->min - by) ||
	       (!isnan(s->max) && d > s->max + by) ||
	       (!isnan(s->above) && d <= s->above - by) ||
	       (!isnan(s->abs_max) && fabs(d) > s->abs_max + by);
}

/* Distinct deltas and how often: the summary's histogram. */
#define DELTA_HIST	16
struct delta_hist {
	double v[DELTA_HIST];
	size_t n[DELTA_HIST], nr, more;
};

static void hist_add(struct delta_hist *h, double d)
{
	for (size_t i = 0; i < h->nr; i++)
		if (h->v[i] == d) {
			h->n[i]++;
			return;
		}
	if (h->nr == DELTA_HIST) {
		h->more++;
		return;
	}
	h->v[h->nr] = d;
	h->n[h->nr++] = 1;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}


/* One measured configuration of a --delta, for --table. */
struct delta_cell {
	struct fpb_config cfg;
	double va, vb, d;
};

/* The VL a host kind runs at (0: none), the table's row label. */
static unsigned int host_vl(const struct fpb_config *c)
{
	return fp_kind_uses_vl(c->host_fp) ? c->vl_bits :
	       fp_kind_uses_svl(c->host_fp) ? c->svl_bits : 0;
}

static bool same_table_row(const struct fpb_config *a, const struct fpb_config *b)
{
	return a->bench == b->bench && a->exit == b->exit &&
	       a->host_fp == b->host_fp && host_vl(a) == host_vl(b);
}

/*
 * --table: one line per bench/exit, host kind and host VL (in file
 * order): B, A and A - B with guest none, then A - B per guest kind (of
 * several guest VLs the largest); "-" where no delta was measured.
 */
static void delta_table(const struct delta_spec *s, const struct delta_cell *cells,
			size_t n)
{
	bool guest[FP_KIND_NR] = { false };
	const char *bname = s->vs ? "other" : fp_mode_names[s->b];
	char h[64];

	for (size_t i = 0; i < n; i++)
		guest[cells[i].cfg.guest_fp] = true;
	printf("%-10s %-8s %5s | %9.9s %9.9s %8s |", "bench/exit", "host_fp", "vl",
	       bname, fp_mode_names[s->a], "delta");
	for (int g = 0; g < FP_KIND_NR; g++)
		if (guest[g] && g != FP_NONE) {
			snprintf(h, sizeof(h), "d(g=%s)", fp_kind_names[g]);
			printf(" %9s", h);
		}
	printf("\n%-10s %-8s %5s | %9s %9s %8s |\n", "", "", "bits", "g=none", "g=none", "g=none");
	for (size_t i = 0; i < n; i++) {
		const struct delta_cell *c = &cells[i], *none = NULL;
		bool first = true;
		char be[32];

		for (size_t j = 0; j < i && first; j++)
			first = !same_table_row(&cells[j].cfg, &c->cfg);
		if (!first)
			continue;
		for (size_t j = i; j < n && !none; j++)
			if (same_table_row(&cells[j].cfg, &c->cfg) && cells[j].cfg.guest_fp == FP_NONE)
				none = &cells[j];
		snprintf(be, sizeof(be), "%s/%s", bench_names[c->cfg.bench], exit_names[c->cfg.exit]);
		printf("%-10s %-8s %5u |", be, fp_kind_names[c->cfg.host_fp], host_vl(&c->cfg));
		if (none)
			printf(" %9.10g %9.10g %+8.10g |", none->vb, none->va, none->d);
		else
			printf(" %9s %9s %8s |", "-", "-", "-");
		for (int g = 0; g < FP_KIND_NR; g++) {
			const struct delta_cell *best = NULL;

			if (!guest[g] || g == FP_NONE)
				continue;
			for (size_t j = i; j < n; j++) {
				const struct fpb_config *x = &cells[j].cfg;

				if (same_table_row(x, &c->cfg) && (int)x->guest_fp == g &&
				    (!best || x->vl_bits > best->cfg.vl_bits ||
				     (x->vl_bits == best->cfg.vl_bits && x->svl_bits > best->cfg.svl_bits)))
					best = &cells[j];
			}
			if (best)
				printf(" %+9.10g", best->d);
			else
				printf(" %9s", "-");
		}
		printf("\n");
	}
	printf("(%s - %s of %s; guest kinds with a VL: the configuration at the largest)\n",
	       fp_mode_names[s->a], bname, results_column_name(s->col));
}

/*
 * Run the delta check over the configurations @where selects (matched as
 * KEY/A); true when it held.
 */
static bool check_delta(const struct delta_spec *s, const struct result_set *set,
			const char *where, unsigned int max_off, bool table)
{
	struct delta_cell *cells = calloc(set->nr + (s->vs ? s->vs->nr : 0) + 1, sizeof(*cells));
	size_t ncells = 0;

	const struct result_set *drive = s->vs ? s->vs : set;
	struct check c = { .name = "delta" };
	struct delta_hist h = { .nr = 0 };
	size_t n = 0, skipped = 0, off = 0;
	char key[MATRIX_KEY_LEN], what[512], rkey[MATRIX_KEY_LEN];
	const char *bname = s->vs ? "other" : fp_mode_names[s->b];
	double lo = NAN, hi = NAN;

	if (!cells) {
		printf("not ok: out of memory\n");
		return false;
	}

	for (size_t i = 0; i < drive->nr; i++) {
		const struct result_row *r = &drive->rows[i];
		struct fpb_config rc;
		double d, va, vb, dr, ra, rb;
		char full[MATRIX_KEY_LEN + 16];

		/* each key once: at its first row */
		if (config_first(drive, &r->cfg) != r)
			continue;
		matrix_config_key(&r->cfg, key, sizeof(key));
		snprintf(full, sizeof(full), "%s/%s", key, fp_mode_names[s->a]);
		if (!where_match(where, full))
			continue;
		if (s->vs) {
			/* the other file's configurations with an ok row */
			bool have = false;

			for (size_t j = 0; j < drive->nr && !have; j++)
				have = matrix_config_same_key(&drive->rows[j].cfg, &r->cfg) &&
				       drive->rows[j].status == STATUS_OK &&
				       list_has(s->vs_modes, fp_mode_names[drive->rows[j].cfg.fp_mode]);
			if (!have)
				continue;
		} else if (config_all_skip(set, &r->cfg)) {
			printf("# skipped: %s: %s\n", key, r->reason);
			skipped++;
			continue;
		}
		n++;
		if (config_delta(s, set, &r->cfg, s->col, &d, &va, &vb, what, sizeof(what))) {
			check_fail(&c, key, what);
			continue;
		}
		cells[ncells++] = (struct delta_cell){ .cfg = r->cfg, .va = va, .vb = vb, .d = d };
		hist_add(&h, d);
		lo = isnan(lo) || d < lo ? d : lo;
		hi = isnan(hi) || d > hi ? d : hi;
		if (s->agree_col >= 0) {
			double da, xa, xb;

			if (config_delta(s, set, &r->cfg, s->agree_col, &da, &xa, &xb,
					 what, sizeof(what))) {
				check_fail(&c, key, what);
				continue;
			}
			if (da != d) {
				snprintf(what, sizeof(what), "%s - %s of %s %+.10g, of %s %+.10g: want equal",
					 fp_mode_names[s->a], bname, results_column_name(s->agree_col),
					 da, results_column_name(s->col), d);
				check_fail(&c, key, what);
				continue;
			}
		}
		if (s->ratio > 0) {
			if (config_relative(s->rel, &r->cfg, &rc)) {
				check_fail(&c, key, "--relative-to: not host=KIND,guest=KIND");
				continue;
			}
			matrix_config_key(&rc, rkey, sizeof(rkey));
			if (config_delta(s, set, &rc, s->col, &dr, &ra, &rb, what, sizeof(what))) {
				snprintf(what + strlen(what), sizeof(what) - strlen(what),
					 " in %s (--relative-to)", rkey);
				check_fail(&c, key, what);
				continue;
			}
			if (fabs(d) * s->ratio > dr) {
				snprintf(what, sizeof(what), "%s %.10g - %s %.10g = %+.10g, |d| > %+.10g (%s) / %.10g",
					 fp_mode_names[s->a], va, bname, vb, d, dr, rkey, s->ratio);
				check_fail(&c, key, what);
				continue;
			}
		}
		snprintf(what, sizeof(what), "%s %.10g - %s %.10g = %+.10g",
			 fp_mode_names[s->a], va, bname, vb, d);
		if (delta_outside(s, d, 0)) {
			if (s->off_by > 0 && !delta_outside(s, d, s->off_by)) {
				printf("# off by the known shift: %s: %s\n", key, what);
				off++;
				continue;
			}
			check_fail(&c, key, what);
			continue;
		}
		if (!table)
			printf("ok: %s: %s\n", key, what);
	}
	if (table)
		delta_table(s, cells, ncells);
	free(cells);
	if (h.nr) {
		double v[DELTA_HIST];
		size_t order[DELTA_HIST];

		memcpy(v, h.v, sizeof(v));
		qsort(v, h.nr, sizeof(v[0]), cmp_double);
		for (size_t i = 0; i < h.nr; i++)
			for (size_t j = 0; j < h.nr; j++)
				if (h.v[j] == v[i])
					order[i] = j;
		printf("# %s - %s of %s:", fp_mode_names[s->a], bname, results_column_name(s->col));
		for (size_t i = 0; i < h.nr; i++)
			printf(" %+.10g x%zu", v[i], h.n[order[i]]);
		if (h.more)
			printf(" and %zu other values", h.more);
		printf("\n");
	}
	if (off > max_off) {
		printf("not ok: %zu configurations off by the known shift (at most %u)\n", off, max_off);
		c.bad++;
	}
	if (n == off) {
		printf("not ok: no configuration with a delta in bounds (nothing checked is no pass)\n");
		c.bad++;
	}
	snprintf(what, sizeof(what), "%s - %s of %s (range %+.10g..%+.10g)%s%s, %zu off by <= %.10g, %zu skipped",
		 fp_mode_names[s->a], bname, results_column_name(s->col), lo, hi,
		 s->ratio > 0 ? ", |d| * --delta-ratio <= --relative-to delta" : "",
		 s->agree_col >= 0 ? ", equal to the delta of --delta-agree" : "",
		 off, s->off_by, skipped);
	return check_end_of(&c, n, "configurations", what);
}

/*
 * --require-modes: every configuration @where selects that is not skipped
 * in all its rows has an ok row in each mode of @modes with at most
 * @max_integrity integrity failures.
 */
static bool check_modes(const struct result_set *set, const char *where,
			const char *modes, unsigned int max_integrity)
{
	struct check c = { .name = "modes" };
	size_t n = 0, skipped = 0, ok = 0;
	char key[MATRIX_KEY_LEN], full[MATRIX_KEY_LEN + 16], what[512], buf[256];
	int cm = results_column_index("cycles_median");

	for (size_t i = 0; i < set->nr; i++) {
		const struct result_row *r = &set->rows[i];
		char *save = NULL, line[1024];
		int len;

		if (config_first(set, &r->cfg) != r)
			continue;
		matrix_config_key(&r->cfg, key, sizeof(key));
		bool sel = false;

		for (size_t j = 0; j < set->nr && !sel; j++) {
			if (!matrix_config_same_key(&set->rows[j].cfg, &r->cfg))
				continue;
			snprintf(full, sizeof(full), "%s/%s", key,
				 fp_mode_names[set->rows[j].cfg.fp_mode]);
			sel = where_match(where, full);
		}
		if (!sel)
			continue;
		if (config_all_skip(set, &r->cfg)) {
			skipped++;
			continue;
		}
		n++;
		len = snprintf(line, sizeof(line), "# %s: median", key);
		snprintf(buf, sizeof(buf), "%s", modes);
		for (char *m = strtok_r(buf, ",", &save); m; m = strtok_r(NULL, ",", &save)) {
			int mode = fpb_lookup(fp_mode_names, FP_MODE_NR, m);
			const struct result_row *rm = mode < 0 ? NULL : results_find(set, &r->cfg, mode);
			char v[64] = "-";

			if (!rm || rm->status != STATUS_OK) {
				snprintf(what, sizeof(what), "%s row %s", m, status_text(rm));
				check_fail(&c, key, what);
				continue;
			}
			if (rm->integrity_failures > max_integrity) {
				snprintf(what, sizeof(what), "%s: %llu integrity failures", m,
					 (unsigned long long)rm->integrity_failures);
				check_fail(&c, key, what);
				continue;
			}
			ok++;
			results_column_text(rm, cm, v, sizeof(v));
			if (len > 0 && (size_t)len < sizeof(line))
				len += snprintf(line + len, sizeof(line) - len, " %s %s", v, m);
		}
		printf("%s (%s)\n", line, result_unit_names[r->unit]);
	}
	if (!ok) {
		printf("not ok: no ok row in the modes %s (nothing checked is no pass)\n", modes);
		c.bad++;
	}
	snprintf(what, sizeof(what), "%zu rows ok with <= %u integrity failures in the modes %s, %zu configurations skipped",
		 ok, max_integrity, modes, skipped);
	return check_end_of(&c, n, "configurations", what);
}

/*
 * --tolerance-for "GLOB=PCT,...": the tolerance of the first glob that
 * matches @key (NULL: none does, every entry is checked), else @dflt; -1
 * when the list is malformed.
 */
static double tolerance_for(const char *list, const char *key, double dflt)
{
	char buf[1024], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *eq = strrchr(t, '='), *end;
		double v;

		if (!eq || eq == t)
			return -1;
		*eq = '\0';
		v = strtod(eq + 1, &end);
		if (end == eq + 1 || *end || !(v >= 0 && v <= 100))
			return -1;
		if (key && !fnmatch(t, key, 0))
			return v;
	}
	return dflt;
}

/*
 * "@UNIT" at the end of @tok (a --numeric or --constant entry): cut off,
 * and its index returned; -1 when there is none, -2 for an unknown unit.
 */
static int cut_unit(char *tok)
{
	char *at = strrchr(tok, '@');
	int unit;

	if (!at)
		return -1;
	*at = '\0';
	unit = fpb_lookup(result_unit_names, UNIT_NR, at + 1);
	return unit < 0 ? -2 : unit;
}

/* --unit "cycles,cntvct": the units as a mask of 1 << unit; 0 if one is unknown. */
static unsigned int unit_mask(const char *list)
{
	char buf[64], *save = NULL;
	unsigned int mask = 0;

	if (strlen(list) >= sizeof(buf))
		return 0;
	snprintf(buf, sizeof(buf), "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int u = fpb_lookup(result_unit_names, UNIT_NR, t);

		if (u < 0)
			return 0;
		mask |= 1u << u;
	}
	return mask;
}

/*
 * --numeric "COLUMN[@UNIT],...": each entry names columns (a name or a
 * glob) that are numbers in every ok row, or with @UNIT in every ok row of
 * that unit. With @row NULL only checks the list: -1 when an entry matches
 * no column or names an unknown unit. Otherwise fails @c once per row, at
 * the first column that is not a number.
 */
static int check_numeric(const char *list, const struct result_row *row,
			 const char *key, struct check *c)
{
	char buf[256], *save = NULL, v[128], what[256];
	double x;

	snprintf(buf, sizeof(buf), "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int unit = cut_unit(t);
		bool named = false;

		if (unit == -2)
			return -1;
		for (size_t i = 0; i < results_nr_columns(); i++) {
			if (fnmatch(t, results_column_name(i), 0))
				continue;
			named = true;
			if (!row || (unit >= 0 && (int)row->unit != unit) ||
			    column_number(row, i, &x))
				continue;
			results_column_text(row, i, v, sizeof(v));
			snprintf(what, sizeof(what), "%s is %s, want a number",
				 results_column_name(i), v);
			check_fail(c, key, what);
			return 0;
		}
		if (!named)
			return -1;
	}
	return 0;
}

/*
 * --require "GLOB[:N],...": the ok rows whose key/mode matches GLOB (as
 * --where) have at least N (default 1) distinct vl_bits: the configuration
 * was measured, at as many vector lengths as N asks. Returns the number of
 * entries, or -1 when one is malformed (@set NULL: only parse the list).
 */
static long check_require(const char *list, const struct result_set *set,
			  struct check *c)
{
	char *buf = strdup(list), *save = NULL;
	bool *ok = set ? calloc(set->nr + 1, sizeof(*ok)) : NULL;
	long n = 0;

	if (!buf || (set && !ok)) {
		free(buf);
		return -1;
	}
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save), n++) {
		char *colon = strrchr(t, ':'), *end, key[MATRIX_KEY_LEN + 16], what[512];
		unsigned long want = 1, nvl = 0;
		int len;

		if (colon) {
			want = strtoul(colon + 1, &end, 10);
			*colon = '\0';
			if (end == colon + 1 || *end || !want || want > 1000) {
				n = -1;
				break;
			}
		}
		if (!*t) {
			n = -1;
			break;
		}
		if (!set)
			continue;
		/* ok[i]: row i is an ok row GLOB matches */
		for (size_t i = 0; i < set->nr; i++) {
			row_key(&set->rows[i], key, sizeof(key));
			ok[i] = set->rows[i].status == STATUS_OK && !fnmatch(t, key, 0);
		}
		len = snprintf(what, sizeof(what), "ok rows at vl_bits");
		for (size_t i = 0; i < set->nr; i++) {
			bool again = false;

			for (size_t j = 0; j < i && ok[i] && !again; j++)
				again = ok[j] && set->rows[j].cfg.vl_bits == set->rows[i].cfg.vl_bits;
			if (!ok[i] || again)
				continue;
			nvl++;
			if (len > 0 && (size_t)len < sizeof(what))
				len += snprintf(what + len, sizeof(what) - len, " %u",
						set->rows[i].cfg.vl_bits);
		}
		if (!nvl) {
			check_fail(c, t, "no ok row");
		} else if (nvl < want) {
			if (len > 0 && (size_t)len < sizeof(what))
				snprintf(what + len, sizeof(what) - len,
					 " only: %lu vector lengths, want >= %lu", nvl, want);
			check_fail(c, t, what);
		}
	}
	free(ok);
	free(buf);
	return n;
}

/* --constant: a sum of columns with signs, "A-B+C", of the rows of a unit. */
#define CONSTANT_TERMS	8
struct constant_spec {
	const char *text;		/* as given, for the messages */
	int col[CONSTANT_TERMS], sign[CONSTANT_TERMS];
	size_t n;
	int unit;			/* -1: rows of any unit */
	double abs_max;			/* --constant-abs-max, NAN: no bound */
};

/* Parse "A-B+C[@UNIT]" into @s: 0, or -1 when a term names no column. */
static int constant_parse(const char *expr, struct constant_spec *s)
{
	char buf[256], name[64], *p = buf;

	if (strlen(expr) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", expr);
	s->text = expr;
	s->n = 0;
	s->unit = cut_unit(buf);
	if (s->unit == -2)
		return -1;
	while (*p) {
		int sign = *p == '-' ? -1 : 1;
		size_t len;

		if (*p == '-' || *p == '+')
			p++;
		len = strcspn(p, "+-");
		if (!len || len >= sizeof(name) || s->n == CONSTANT_TERMS)
			return -1;
		snprintf(name, sizeof(name), "%.*s", (int)len, p);
		s->col[s->n] = results_column_index(name);
		if (s->col[s->n] < 0)
			return -1;
		s->sign[s->n++] = sign;
		p += len;
	}
	return s->n ? 0 : -1;
}

/* The value of @s on @r, false when @r is not one of its rows (see below). */
static bool constant_value(const struct constant_spec *s, const struct result_row *r,
			   const char *where, double *v)
{
	char key[MATRIX_KEY_LEN + 16];
	double x;

	row_key(r, key, sizeof(key));
	if (r->status != STATUS_OK || !where_match(where, key) ||
	    (s->unit >= 0 && (int)r->unit != s->unit))
		return false;
	*v = 0;
	for (size_t t = 0; t < s->n; t++) {
		if (!column_number(r, s->col[t], &x))
			return false;
		*v += s->sign[t] * x;
	}
	return true;
}

/*
 * --constant: the ok rows @where selects (of the expression's unit) whose
 * terms are all numbers. There is one; the expression has one value on all
 * of them (a row that differs from the most common value is named), within
 * --constant-abs-max of 0.
 */
static bool check_constant(const struct constant_spec *s,
			   const struct result_set *set, const char *where)
{
	struct check c = { .name = "constant" };
	double *v = calloc(set->nr + 1, sizeof(*v)), common = NAN;
	bool *has = calloc(set->nr + 1, sizeof(*has));
	size_t n = 0, best = 0;
	char key[MATRIX_KEY_LEN + 16], what[512];

	if (!v || !has) {
		free(v);
		free(has);
		printf("not ok: out of memory\n");
		return false;
	}
	for (size_t i = 0; i < set->nr; i++)
		n += has[i] = constant_value(s, &set->rows[i], where, &v[i]);
	for (size_t i = 0; i < set->nr; i++) {
		size_t same = 0;

		for (size_t j = 0; j < set->nr && has[i]; j++)
			same += has[j] && v[j] == v[i];
		if (same > best) {
			best = same;
			common = v[i];
		}
	}
	for (size_t i = 0; i < set->nr; i++) {
		if (!has[i])
			continue;
		row_key(&set->rows[i], key, sizeof(key));
		if (v[i] != common) {
			snprintf(what, sizeof(what), "%s = %.15g, %zu other rows %.15g",
				 s->text, v[i], best, common);
			check_fail(&c, key, what);
		} else if (!isnan(s->abs_max) && fabs(v[i]) > s->abs_max) {
			snprintf(what, sizeof(what), "%s = %.15g, want within %.15g of 0",
				 s->text, v[i], s->abs_max);
			check_fail(&c, key, what);
		}
	}
	free(v);
	free(has);
	if (!n) {
		printf("not ok: no ok row with every term of %s a number (nothing checked is no pass)\n",
		       s->text);
		c.bad++;
	}
	snprintf(what, sizeof(what), "%s = %.15g on %zu of them%s", s->text, common, best,
		 isnan(s->abs_max) ? "" : ", within --constant-abs-max of 0");
	return check_end(&c, n, what);
}

int cmd_check(int argc, char **argv)
{
	const char *where = "*", *allow_skip = "", *unit = "", *emulated = "",
		   *repeat = "", *columns = "status,instructions_median,cycles_median,tr_*";
	const char *require_keys = "", *nan_cols = "", *num_cols = "", *require = "",
		   *constant = "";
	const char *delta = "", *column = "instructions_median", *agree = "", *relative = "",
		   *vs = "", *vs_modes = "", *req_modes = "", *tol_for = "";
	double dmin = NAN, dmax = NAN, dabove = NAN, dabs = NAN, ratio = 0, off_by = 0,
	       const_abs = NAN;
	unsigned int max_off = 0;
	unsigned int max_integrity = 0, min_iterations = 1, min_rows = 1, min_ok = 0;
	bool require_ok = false, complete = false, want_integ = false, expected, table = false;
	unsigned long long integ_total = 0, iter_total = 0;
	size_t integ_rows = 0;
	double tolerance = 0;
	static const char *const yes_no[] = { "yes", "no" };
	const struct opt opts[] = {
		{ .name = "where", .kind = OPT_STRING, .ptr = &where, .metavar = "GLOB",
		  .help = "only rows whose key/mode matches one of these globs (comma-separated), e.g. 'ctxsw/*', '*/host=sve/*/eager'" },
		{ .name = "complete", .kind = OPT_FLAG, .ptr = &complete,
		  .help = "BASE.json and BASE.samples.csv are there and parse, one sample per iteration of every ok row" },
		{ .name = "require-keys", .kind = OPT_STRING, .ptr = &require_keys, .metavar = "LIST",
		  .help = "these configurations (keys as compare prints them, comma-separated) have an ok row" },
		{ .name = "require", .kind = OPT_STRING, .ptr = &require, .metavar = "GLOB[:N],...",
		  .help = "each GLOB (matched to key/mode as --where, over all rows as --require-keys) matches ok rows at >= N distinct vl_bits (default 1)" },
		{ .name = "nan", .kind = OPT_STRING, .ptr = &nan_cols, .metavar = "LIST",
		  .help = "these columns are nan (not measured) in every ok row" },
		{ .name = "numeric", .kind = OPT_STRING, .ptr = &num_cols, .metavar = "COL[@UNIT],...",
		  .help = "these columns (names or globs) are numbers in every ok row; with @UNIT in every ok row of that unit" },
		{ .name = "constant", .kind = OPT_STRING, .ptr = &constant, .metavar = "A-B+C[@UNIT]",
		  .help = "columns added and subtracted: one value on every ok row (of UNIT) where all are numbers, and there is such a row" },
		{ .name = "constant-abs-max", .kind = OPT_DOUBLE, .ptr = &const_abs, .metavar = "X",
		  .help = "--constant: and that value is within X of 0" },
		{ .name = "require-ok", .kind = OPT_FLAG, .ptr = &require_ok,
		  .help = "every row has status ok (a skip only for --allow-skip kinds)" },
		{ .name = "allow-skip", .kind = OPT_STRING, .ptr = &allow_skip, .metavar = "LIST",
		  .help = "host FP kinds whose rows may be skip rows under --require-ok, or 'any'" },
		{ .name = "max-integrity", .kind = OPT_UINT, .ptr = &max_integrity, .metavar = "N",
		  .help = "integrity failures a row may have", .max = 1e9 },
		{ .name = "expect-integrity-failures", .kind = OPT_FLAG, .ptr = &want_integ,
		  .help = "a negative test: some row failed with more than --max-integrity failures (such rows pass, with >= --min-iterations)" },
		{ .name = "min-iterations", .kind = OPT_UINT, .ptr = &min_iterations, .metavar = "N",
		  .help = "iterations every ok row has at least", .max = 1e9 },
		{ .name = "min-rows", .kind = OPT_UINT, .ptr = &min_rows, .metavar = "N",
		  .help = "rows the checks must see (fewer: the gate fails)", .min = 1, .max = 1e9 },
		{ .name = "min-ok", .kind = OPT_UINT, .ptr = &min_ok, .metavar = "N",
		  .help = "ok rows the checks must see", .max = 1e9 },
		{ .name = "unit", .kind = OPT_STRING, .ptr = &unit, .metavar = "UNIT",
		  .help = "every ok row's unit: cycles, cntvct or ns, or one of a comma-separated list" },
		{ .name = "emulated", .kind = OPT_STRING, .ptr = &emulated, .metavar = "yes|no",
		  .help = "BASE.json and every row's emulated column say the run was (not) emulated" },
		{ .name = "repeat", .kind = OPT_STRING, .ptr = &repeat, .metavar = "REF.csv",
		  .help = "the rows of REF and FILE are the same, --columns equal" },
		{ .name = "columns", .kind = OPT_STRING, .ptr = &columns, .metavar = "LIST",
		  .help = "--repeat compares these columns (names, globs such as tr_*, or all)" },
		{ .name = "tolerance", .kind = OPT_DOUBLE, .ptr = &tolerance, .metavar = "PCT",
		  .help = "--repeat: numbers may differ by this much, relative", .max = 100 },
		{ .name = "tolerance-for", .kind = OPT_STRING, .ptr = &tol_for, .metavar = "GLOB=PCT,...",
		  .help = "--repeat: rows whose key/mode matches GLOB use PCT instead (the first glob that matches)" },
		{ .name = "require-modes", .kind = OPT_STRING, .ptr = &req_modes, .metavar = "LIST",
		  .help = "every configuration not skipped in all its rows has an ok row in each mode, e.g. eager,lazy,lazy_keep, with <= --max-integrity failures" },
		{ .name = "delta", .kind = OPT_STRING, .ptr = &delta, .metavar = "A-B|A",
		  .help = "per configuration: the A row minus the B row (fp_mode names) of --column, within the --delta-* bounds; A alone with --vs" },
		{ .name = "table", .kind = OPT_FLAG, .ptr = &table,
		  .help = "--delta: a table (host kind and VL x guest kind) instead of the ok lines" },
		{ .name = "column", .kind = OPT_STRING, .ptr = &column, .metavar = "NAME",
		  .help = "--delta: the column" },
		{ .name = "delta-min", .kind = OPT_DOUBLE, .ptr = &dmin, .metavar = "X",
		  .help = "--delta: d >= X" },
		{ .name = "delta-max", .kind = OPT_DOUBLE, .ptr = &dmax, .metavar = "X",
		  .help = "--delta: d <= X" },
		{ .name = "delta-above", .kind = OPT_DOUBLE, .ptr = &dabove, .metavar = "X",
		  .help = "--delta: d > X" },
		{ .name = "delta-abs-max", .kind = OPT_DOUBLE, .ptr = &dabs, .metavar = "X",
		  .help = "--delta: |d| <= X" },
		{ .name = "delta-agree", .kind = OPT_STRING, .ptr = &agree, .metavar = "NAME",
		  .help = "--delta: the delta of this column equals that of --column" },
		{ .name = "relative-to", .kind = OPT_STRING, .ptr = &relative, .metavar = "host=K,guest=K",
		  .help = "--delta-ratio: the configuration with these kinds (and the VLs they use)" },
		{ .name = "delta-ratio", .kind = OPT_DOUBLE, .ptr = &ratio, .metavar = "R",
		  .help = "--delta: |d| * R <= the delta of the --relative-to configuration (which must have one)", .min = 1e-9, .max = 1e9 },
		{ .name = "vs", .kind = OPT_STRING, .ptr = &vs, .metavar = "OTHER.csv",
		  .help = "--delta A: FILE's A row minus OTHER's ok row, for each configuration of OTHER with one" },
		{ .name = "vs-modes", .kind = OPT_STRING, .ptr = &vs_modes, .metavar = "LIST",
		  .help = "--vs: OTHER's rows in these modes; empty: unknown,A" },
		{ .name = "off-by", .kind = OPT_DOUBLE, .ptr = &off_by, .metavar = "X",
		  .help = "--delta: a delta outside the bounds by at most X is 'off', not a failure", .min = 0, .max = 1e12 },
		{ .name = "max-off", .kind = OPT_UINT, .ptr = &max_off, .metavar = "N",
		  .help = "--off-by: at most N configurations off", .max = 1e9 },
	};
	const struct opt_cmd cmd = {
		.name = "fpbench check", .args = "[options] FILE.csv",
		.about =
		"Check one results file: every row's integrity and sanity (always: a\n"
		"skip row says why and has no iterations, an ok row has iterations and\n"
		"no reason), and what the options ask. One line per check, \"ok:\" or \"not ok:\" (at most\n"
		"10 offending rows each). Rows are those --where selects; a check\n"
		"that sees fewer than --min-rows rows fails. Exit: 0 every check\n"
		"holds, 1 one fails, 2 usage, 3 FILE, REF or OTHER unreadable or malformed.\n"
		"--where takes globs separated by commas; --delta selects a\n"
		"configuration when KEY/A matches, --require-modes when a row does.\n"
		"\n"
		"--delta and --require-modes check configurations (a key's rows in\n"
		"every mode): a configuration whose rows are all skip rows (a VL the\n"
		"kernel does not offer, no SME) is listed as skipped; one with an ok\n"
		"row but a mode missing or not ok fails. --delta prints one line per\n"
		"configuration, its deltas' histogram and a summary, and fails when no\n"
		"configuration was in bounds. Example, eager costs more with an idle\n"
		"guest, and far less with a guest using FP:\n"
		"  fpbench check --where 'kvm/mmio/*/guest=none/*' --delta eager-lazy --delta-above 0 F.csv\n"
		"  fpbench check --where 'kvm/mmio/*/guest=sve/*' --delta eager-lazy \\\n"
		"      --relative-to guest=none --delta-ratio 2 F.csv",
		.opts = opts, .nr_opts = ARRAY_SIZE(opts), .min_args = 1, .max_args = 1,
	};
	struct analysis_input in, ref, other;
	struct delta_spec dspec = { .agree_col = -1 };
	char vs_default[64];
	struct check integ = { .name = "integrity" }, okc = { .name = "status" },
		     san = { .name = "sanity" }, smp = { .name = "samples" },
		     nanc = { .name = "nan" }, req = { .name = "required" },
		     itc = { .name = "iterations" }, unc = { .name = "unit" }, rep = { .name = "repeat" },
		     emc = { .name = "emulated" }, numc = { .name = "numeric" },
		     reqg = { .name = "require" };
	struct constant_spec cspec = { .n = 0 };
	char err[512], key[160], what[8192];
	size_t seen = 0, ok_rows = 0;
	unsigned int want_units = 0;
	int nargs, rc;
	bool pass = true;

	rc = opt_parse(&cmd, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	if (*unit && !(want_units = unit_mask(unit))) {
		fprintf(stderr, "fpbench check: --unit '%s': expected cycles, cntvct or ns (or a list)\n", unit);
		return FPB_EUSAGE;
	}
	if (*emulated && fpb_lookup(yes_no, 2, emulated) < 0) {
		fprintf(stderr, "fpbench check: --emulated '%s': expected yes or no\n", emulated);
		return FPB_EUSAGE;
	}
	if (*delta) {
		char a[32] = "", b[32] = "";
		const char *dash = strchr(delta, '-');
		size_t la = dash ? (size_t)(dash - delta) : strlen(delta);

		snprintf(a, sizeof(a), "%.*s", (int)(la < sizeof(a) ? la : sizeof(a) - 1), delta);
		if (dash)
			snprintf(b, sizeof(b), "%s", dash + 1);
		dspec.a = fpb_lookup(fp_mode_names, FP_MODE_NR, a);
		dspec.b = dash ? fpb_lookup(fp_mode_names, FP_MODE_NR, b) : 0;
		if ((int)dspec.a < 0 || (int)dspec.b < 0 || (!dash && !*vs) || (dash && *vs)) {
			fprintf(stderr, "fpbench check: --delta '%s': expected MODE-MODE, or MODE with --vs (modes: eager, lazy, lazy_keep, unknown)\n", delta);
			return FPB_EUSAGE;
		}
		dspec.col = results_column_index(column);
		dspec.agree_col = *agree ? results_column_index(agree) : -1;
		if (dspec.col < 0 || (*agree && dspec.agree_col < 0)) {
			fprintf(stderr, "fpbench check: --column/--delta-agree: no column '%s'\n",
				dspec.col < 0 ? column : agree);
			return FPB_EUSAGE;
		}
		snprintf(vs_default, sizeof(vs_default), "unknown,%s", a);
		dspec.vs_modes = *vs_modes ? vs_modes : vs_default;
		dspec.min = dmin;
		dspec.max = dmax;
		dspec.above = dabove;
		dspec.abs_max = dabs;
		dspec.off_by = off_by;
		dspec.rel = relative;
		dspec.ratio = ratio;
	} else if (*vs || *column != 'i' || table || *agree || *relative || ratio > 0 ||
		   !isnan(dmin) || !isnan(dmax) || !isnan(dabove) || !isnan(dabs) || off_by > 0) {
		fprintf(stderr, "fpbench check: --vs, --column, --delta-*, --relative-to and --off-by need --delta\n");
		return FPB_EUSAGE;
	}
	if ((ratio > 0) != !!*relative) {
		fprintf(stderr, "fpbench check: --delta-ratio and --relative-to go together\n");
		return FPB_EUSAGE;
	}
	if (*relative) {
		struct fpb_config probe = { 0 };

		if (config_relative(relative, &probe, &probe)) {
			fprintf(stderr, "fpbench check: --relative-to '%s': expected host=KIND,guest=KIND (either or both)\n", relative);
			return FPB_EUSAGE;
		}
	}
	if (strlen(where) >= 1024 || strlen(tol_for) >= 1024 || strlen(relative) >= 256 ||
	    strlen(req_modes) >= 256) {
		fprintf(stderr, "fpbench check: --where, --tolerance-for (1023 characters), --relative-to or --require-modes (255): too long\n");
		return FPB_EUSAGE;
	}
	if (strlen(num_cols) >= 256 || check_numeric(num_cols, NULL, NULL, NULL)) {
		fprintf(stderr, "fpbench check: --numeric '%s': expected COLUMN[@UNIT],... naming columns (255 characters)\n", num_cols);
		return FPB_EUSAGE;
	}
	if (*require && check_require(require, NULL, NULL) < 0) {
		fprintf(stderr, "fpbench check: --require '%s': expected GLOB[:N],... (N >= 1)\n", require);
		return FPB_EUSAGE;
	}
	if (*constant && constant_parse(constant, &cspec)) {
		fprintf(stderr, "fpbench check: --constant '%s': expected columns joined by + and -, e.g. instructions_median-baseline[@cycles]\n", constant);
		return FPB_EUSAGE;
	}
	if (!*constant && !isnan(const_abs)) {
		fprintf(stderr, "fpbench check: --constant-abs-max needs --constant\n");
		return FPB_EUSAGE;
	}
	cspec.abs_max = const_abs;
	if (*tol_for && tolerance_for(tol_for, NULL, 0) < 0) {
		fprintf(stderr, "fpbench check: --tolerance-for '%s': expected GLOB=PCT,... (PCT 0..100)\n", tol_for);
		return FPB_EUSAGE;
	}
	for (const char *m = req_modes; *m; m += strcspn(m, ",") + (m[strcspn(m, ",")] == ',')) {
		char name[32];

		snprintf(name, sizeof(name), "%.*s", (int)strcspn(m, ","), m);
		if (fpb_lookup(fp_mode_names, FP_MODE_NR, name) < 0) {
			fprintf(stderr, "fpbench check: --require-modes: unknown mode '%s'\n", name);
			return FPB_EUSAGE;
		}
	}
	if (analysis_load(argv[1], complete, &in, err, sizeof(err))) {
		fprintf(stderr, "fpbench check: %s\n", err);
		return FPB_EDATA;
	}
	if (*repeat && analysis_load(repeat, false, &ref, err, sizeof(err))) {
		fprintf(stderr, "fpbench check: %s\n", err);
		analysis_free(&in);
		return FPB_EDATA;
	}
	if (*vs && analysis_load(vs, false, &other, err, sizeof(err))) {
		fprintf(stderr, "fpbench check: %s\n", err);
		if (*repeat)
			analysis_free(&ref);
		analysis_free(&in);
		return FPB_EDATA;
	}
	if (*vs)
		dspec.vs = &other.set;

	for (size_t i = 0; i < in.set.nr; i++) {
		const struct result_row *r = &in.set.rows[i];

		row_key(r, key, sizeof(key));
		if (!where_match(where, key))
			continue;
		seen++;
		integ_total += r->integrity_failures;
		iter_total += r->iterations;
		/* a row failed by its integrity check is what --expect-integrity-failures wants */
		expected = want_integ && r->status == STATUS_FAIL && r->integrity_failures > max_integrity;
		if (expected) {
			printf("# %s: %llu integrity failures in %llu iterations (expected)\n", key,
			       (unsigned long long)r->integrity_failures,
			       (unsigned long long)r->iterations);
			integ_rows++;
			if (r->iterations < min_iterations) {
				snprintf(what, sizeof(what), "%llu iterations, want >= %u",
					 (unsigned long long)r->iterations, min_iterations);
				check_fail(&itc, key, what);
			}
		} else if (r->integrity_failures > max_integrity) {
			snprintf(what, sizeof(what), "%llu integrity failures",
				 (unsigned long long)r->integrity_failures);
			check_fail(&integ, key, what);
		}
		if ((r->status == STATUS_FAIL && !expected) ||
		    (require_ok && r->status == STATUS_SKIP &&
		     strcmp(allow_skip, "any") &&
		     !list_has(allow_skip, fp_kind_names[r->cfg.host_fp]))) {
			snprintf(what, sizeof(what), "status %s (%s)",
				 result_status_names[r->status], r->reason);
			check_fail(&okc, key, what);
		}
		if (r->status == STATUS_SKIP &&
		    (!strcmp(r->reason, "-") || r->iterations))
			check_fail(&san, key, "skip row without a reason or with iterations");
		if (*emulated && r->emulated != !strcmp(emulated, "yes")) {
			snprintf(what, sizeof(what), "emulated %d, want %s", r->emulated, emulated);
			check_fail(&emc, key, what);
		}
		if (r->status != STATUS_OK)
			continue;
		ok_rows++;
		if (!r->iterations || strcmp(r->reason, "-") || r->cycles.median < 0)
			check_fail(&san, key, "ok row without iterations, with a reason, or a negative median");
		if (complete) {
			const struct sample_series *sr = analysis_samples(&in, r);

			if (!sr || sr->n != r->iterations)
				check_fail(&smp, key, "samples missing or not one per iteration");
		}
		for (size_t c = 0; *nan_cols && c < results_nr_columns(); c++) {
			char v[128];

			if (!column_listed(nan_cols, c))
				continue;
			results_column_text(r, c, v, sizeof(v));
			if (strcmp(v, "nan")) {
				snprintf(what, sizeof(what), "%s is %s, want nan",
					 results_column_name(c), v);
				check_fail(&nanc, key, what);
			}
		}
		if (r->iterations < min_iterations) {
			snprintf(what, sizeof(what), "%llu iterations, want >= %u",
				 (unsigned long long)r->iterations, min_iterations);
			check_fail(&itc, key, what);
		}
		check_numeric(num_cols, r, key, &numc);
		if (want_units && !(want_units & 1u << r->unit)) {
			snprintf(what, sizeof(what), "unit %s, want %s",
				 result_unit_names[r->unit], unit);
			check_fail(&unc, key, what);
		}
	}
	printf("# %s: %zu of %zu rows match '%s', %zu ok\n", in.csv, seen,
	       in.set.nr, where, ok_rows);
	if (seen < min_rows) {
		printf("not ok: %zu rows seen, want >= %u (nothing to check is no pass)\n",
		       seen, min_rows);
		pass = false;
	}
	if (ok_rows < min_ok) {
		printf("not ok: %zu ok rows seen, want >= %u\n", ok_rows, min_ok);
		pass = false;
	}
	if (want_integ) {
		printf("%s: %zu rows with more than %u integrity failures (%llu in %llu iterations), want some\n",
		       integ_rows ? "ok" : "not ok", integ_rows, max_integrity,
		       (unsigned long long)integ_total, (unsigned long long)iter_total);
		pass &= integ_rows > 0;
	}
	snprintf(what, sizeof(what), "integrity failures <= %u%s (%llu in %llu iterations)",
		 max_integrity, want_integ ? " or an expected failed row" : "",
		 (unsigned long long)integ_total, (unsigned long long)iter_total);
	pass &= check_end(&integ, seen, what);
	pass &= check_end(&okc, seen, require_ok ?
			  (*allow_skip ? "status ok, or skip of an allowed kind" : "status ok") :
			  "no failed row");
	pass &= check_end(&san, seen, "skip rows say why, ok rows have iterations");
	snprintf(what, sizeof(what), ">= %u iterations per ok row%s", min_iterations,
		 want_integ ? " and expected failed row" : "");
	pass &= check_end(&itc, ok_rows, what);
	if (complete) {
		if (!in.have_meta) {
			printf("not ok: no metadata (BASE.json) beside %s\n", in.csv);
			pass = false;
		}
		if (!in.have_samples) {
			printf("not ok: no BASE.samples.csv beside %s\n", in.csv);
			pass = false;
		}
		pass &= check_end(&smp, ok_rows, "one sample per iteration");
	}
	if (*nan_cols) {
		snprintf(what, sizeof(what), "%s nan", nan_cols);
		pass &= check_end(&nanc, ok_rows, what);
	}
	if (*require_keys) {
		char buf[1024], *save = NULL;
		size_t nk = 0;

		snprintf(buf, sizeof(buf), "%s", require_keys);
		for (char *k = strtok_r(buf, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
			struct fpb_config want;
			bool found = false;

			nk++;
			if (matrix_parse_key(k, &want)) {
				check_fail(&req, k, "not a configuration key (e.g. kvm/mmio/host=sve/guest=none/vl=128)");
				continue;
			}
			for (size_t i = 0; i < in.set.nr && !found; i++)
				found = in.set.rows[i].status == STATUS_OK &&
					matrix_config_same_key(&in.set.rows[i].cfg, &want);
			if (!found)
				check_fail(&req, k, "not measured ok");
		}
		pass &= check_end(&req, nk, "required configurations measured ok");
	}
	if (*num_cols) {
		snprintf(what, sizeof(what), "%s numbers", num_cols);
		pass &= check_end(&numc, ok_rows, what);
	}
	if (*require) {
		long nreq = check_require(require, &in.set, &reqg);

		if (nreq < 0) {
			printf("not ok: --require: out of memory\n");
			pass = false;
		}
		pass &= check_end_of(&reqg, nreq < 0 ? 0 : nreq, "patterns",
				     "each matched by ok rows (at >= N distinct vl_bits where GLOB:N)");
	}
	if (*constant)
		pass &= check_constant(&cspec, &in.set, where);
	if (want_units) {
		snprintf(what, sizeof(what), "unit %s", unit);
		pass &= check_end(&unc, ok_rows, what);
	}
	if (*emulated) {
		bool want = !strcmp(emulated, "yes");

		if (!in.have_meta) {
			printf("not ok: no metadata (BASE.json) beside %s: cannot tell emulated\n", in.csv);
			pass = false;
		} else if (in.meta.emulated != want) {
			printf("not ok: %s says emulated %s, want %s\n", in.csv,
			       in.meta.emulated ? "yes" : "no", emulated);
			pass = false;
		} else {
			printf("ok: metadata says emulated %s\n", emulated);
		}
		snprintf(what, sizeof(what), "emulated %s", emulated);
		pass &= check_end(&emc, seen, what);
	}

	if (*repeat) {
		size_t same = 0, nref = 0;

		for (size_t i = 0; i < ref.set.nr; i++) {
			const struct result_row *a = &ref.set.rows[i], *b;

			row_key(a, key, sizeof(key));
			if (!where_match(where, key))
				continue;
			nref++;
			b = results_find(&in.set, &a->cfg, a->cfg.fp_mode);
			if (!b) {
				check_fail(&rep, key, "in the reference, missing here");
				continue;
			}
			for (size_t c = 0; c < results_nr_columns(); c++) {
				char va[128], vb[128];

				if (!column_listed(columns, c))
					continue;
				results_column_text(a, c, va, sizeof(va));
				results_column_text(b, c, vb, sizeof(vb));
				if (!same_value(va, vb, *tol_for ?
						tolerance_for(tol_for, key, tolerance) : tolerance)) {
					snprintf(what, sizeof(what), "%s %s in the reference, %s here",
						 results_column_name(c), va, vb);
					check_fail(&rep, key, what);
					goto next;
				}
			}
			same++;
next:			;
		}
		for (size_t i = 0; i < in.set.nr; i++) {
			const struct result_row *b = &in.set.rows[i];

			row_key(b, key, sizeof(key));
			if (where_match(where, key) &&
			    !results_find(&ref.set, &b->cfg, b->cfg.fp_mode))
				check_fail(&rep, key, "not in the reference");
		}
		if (nref < min_rows) {
			printf("not ok: %zu reference rows seen, want >= %u\n", nref, min_rows);
			pass = false;
		}
		snprintf(what, sizeof(what), "%zu %s %s in %s", same,
			 tolerance > 0 || *tol_for ? "within the tolerance of" : "identical to",
			 ref.csv, columns);
		pass &= check_end(&rep, nref, what);
		analysis_free(&ref);
	}
	if (*req_modes)
		pass &= check_modes(&in.set, where, req_modes, max_integrity);
	if (*delta) {
		pass &= check_delta(&dspec, &in.set, where, max_off, table);
		if (*vs)
			analysis_free(&other);
	}
	analysis_free(&in);
	return pass ? FPB_OK : FPB_FAIL;
}
