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

/* Print the summary of @c; true when it held. */
static bool check_end(const struct check *c, size_t seen, const char *what)
{
	if (c->bad > CHECK_SHOWN)
		printf("not ok: ... %zu more (%s)\n", c->bad - CHECK_SHOWN, c->name);
	printf("%s: %zu rows: %s\n", c->bad ? "not ok" : "ok", seen, what);
	return !c->bad;
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

int cmd_check(int argc, char **argv)
{
	const char *where = "*", *allow_skip = "", *unit = "", *emulated = "",
		   *repeat = "", *columns = "status,instructions_median,cycles_median,tr_*";
	const char *require_keys = "", *nan_cols = "";
	unsigned int max_integrity = 0, min_iterations = 1, min_rows = 1, min_ok = 0;
	bool require_ok = false, complete = false;
	double tolerance = 0;
	static const char *const yes_no[] = { "yes", "no" };
	const struct opt opts[] = {
		{ .name = "where", .kind = OPT_STRING, .ptr = &where, .metavar = "GLOB",
		  .help = "only rows whose key/mode matches, e.g. 'ctxsw/*', '*/host=sve/*/eager'" },
		{ .name = "complete", .kind = OPT_FLAG, .ptr = &complete,
		  .help = "BASE.json and BASE.samples.csv are there and parse, one sample per iteration of every ok row" },
		{ .name = "require-keys", .kind = OPT_STRING, .ptr = &require_keys, .metavar = "LIST",
		  .help = "these configurations (keys as compare prints them, comma-separated) have an ok row" },
		{ .name = "nan", .kind = OPT_STRING, .ptr = &nan_cols, .metavar = "LIST",
		  .help = "these columns are nan (not measured) in every ok row" },
		{ .name = "require-ok", .kind = OPT_FLAG, .ptr = &require_ok,
		  .help = "every row has status ok (a skip only for --allow-skip kinds)" },
		{ .name = "allow-skip", .kind = OPT_STRING, .ptr = &allow_skip, .metavar = "LIST",
		  .help = "host FP kinds whose rows may be skip rows under --require-ok, or 'any'" },
		{ .name = "max-integrity", .kind = OPT_UINT, .ptr = &max_integrity, .metavar = "N",
		  .help = "integrity failures a row may have", .max = 1e9 },
		{ .name = "min-iterations", .kind = OPT_UINT, .ptr = &min_iterations, .metavar = "N",
		  .help = "iterations every ok row has at least", .max = 1e9 },
		{ .name = "min-rows", .kind = OPT_UINT, .ptr = &min_rows, .metavar = "N",
		  .help = "rows the checks must see (fewer: the gate fails)", .min = 1, .max = 1e9 },
		{ .name = "min-ok", .kind = OPT_UINT, .ptr = &min_ok, .metavar = "N",
		  .help = "ok rows the checks must see", .max = 1e9 },
		{ .name = "unit", .kind = OPT_STRING, .ptr = &unit, .metavar = "UNIT",
		  .help = "every ok row's unit: cycles, cntvct or ns" },
		{ .name = "emulated", .kind = OPT_STRING, .ptr = &emulated, .metavar = "yes|no",
		  .help = "BASE.json says the run was (not) emulated" },
		{ .name = "repeat", .kind = OPT_STRING, .ptr = &repeat, .metavar = "REF.csv",
		  .help = "the rows of REF and FILE are the same, --columns equal" },
		{ .name = "columns", .kind = OPT_STRING, .ptr = &columns, .metavar = "LIST",
		  .help = "--repeat compares these columns (names, globs such as tr_*, or all)" },
		{ .name = "tolerance", .kind = OPT_DOUBLE, .ptr = &tolerance, .metavar = "PCT",
		  .help = "--repeat: numbers may differ by this much, relative", .max = 100 },
	};
	const struct opt_cmd cmd = {
		.name = "fpbench check", .args = "[options] FILE.csv",
		.about =
		"Check one results file: every row's integrity and sanity (always: a\n"
		"skip row says why and has no iterations, an ok row has iterations and\n"
		"no reason), and what the options ask. One line per check, \"ok:\" or \"not ok:\" (at most\n"
		"10 offending rows each). Rows are those --where selects; a check\n"
		"that sees fewer than --min-rows rows fails. Exit: 0 every check\n"
		"holds, 1 one fails, 2 usage, 3 FILE or REF unreadable or malformed.",
		.opts = opts, .nr_opts = ARRAY_SIZE(opts), .min_args = 1, .max_args = 1,
	};
	struct analysis_input in, ref;
	struct check integ = { .name = "integrity" }, okc = { .name = "status" },
		     san = { .name = "sanity" }, smp = { .name = "samples" },
		     nanc = { .name = "nan" }, req = { .name = "required" },
		     itc = { .name = "iterations" }, unc = { .name = "unit" }, rep = { .name = "repeat" };
	char err[512], key[160], what[8192];
	size_t seen = 0, ok_rows = 0;
	int nargs, rc, want_unit = -1;
	bool pass = true;

	rc = opt_parse(&cmd, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	if (*unit && (want_unit = fpb_lookup(result_unit_names, UNIT_NR, unit)) < 0) {
		fprintf(stderr, "fpbench check: --unit '%s': expected cycles, cntvct or ns\n", unit);
		return FPB_EUSAGE;
	}
	if (*emulated && fpb_lookup(yes_no, 2, emulated) < 0) {
		fprintf(stderr, "fpbench check: --emulated '%s': expected yes or no\n", emulated);
		return FPB_EUSAGE;
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

	for (size_t i = 0; i < in.set.nr; i++) {
		const struct result_row *r = &in.set.rows[i];

		row_key(r, key, sizeof(key));
		if (fnmatch(where, key, 0))
			continue;
		seen++;
		if (r->integrity_failures > max_integrity) {
			snprintf(what, sizeof(what), "%llu integrity failures",
				 (unsigned long long)r->integrity_failures);
			check_fail(&integ, key, what);
		}
		if (r->status == STATUS_FAIL ||
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
		if (want_unit >= 0 && (int)r->unit != want_unit) {
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
	snprintf(what, sizeof(what), "integrity failures <= %u", max_integrity);
	pass &= check_end(&integ, seen, what);
	pass &= check_end(&okc, seen, require_ok ?
			  (*allow_skip ? "status ok, or skip of an allowed kind" : "status ok") :
			  "no failed row");
	pass &= check_end(&san, seen, "skip rows say why, ok rows have iterations");
	snprintf(what, sizeof(what), ">= %u iterations per ok row", min_iterations);
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
	if (want_unit >= 0) {
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
	}

	if (*repeat) {
		size_t same = 0, nref = 0;

		for (size_t i = 0; i < ref.set.nr; i++) {
			const struct result_row *a = &ref.set.rows[i], *b;

			row_key(a, key, sizeof(key));
			if (fnmatch(where, key, 0))
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
				if (!same_value(va, vb, tolerance)) {
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
			if (!fnmatch(where, key, 0) &&
			    !results_find(&ref.set, &b->cfg, b->cfg.fp_mode))
				check_fail(&rep, key, "not in the reference");
		}
		if (nref < min_rows) {
			printf("not ok: %zu reference rows seen, want >= %u\n", nref, min_rows);
			pass = false;
		}
		snprintf(what, sizeof(what), "%zu identical to %s in %s%s", same,
			 ref.csv, columns, tolerance > 0 ? " (within --tolerance)" : "");
		pass &= check_end(&rep, nref, what);
		analysis_free(&ref);
	}
	analysis_free(&in);
	return pass ? FPB_OK : FPB_FAIL;
}
