// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest-style TAP (version 13) for `fpbench run --tap`. One test point
 * per results row, so a harness sees the same verdicts as the results file:
 * status ok without register corruption passes, status skip is a SKIP, and
 * anything else (status fail, integrity failures) is "not ok".
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "matrix.h"
#include "results.h"
#include "tap.h"

void tap_header(FILE *f, unsigned int plan)
{
	fprintf(f, "TAP version 13\n1..%u\n", plan);
	fflush(f);
}

int tap_name(char *buf, size_t size, const struct result_row *row)
{
	char key[MATRIX_KEY_LEN];
	enum fp_mode mode = row->cfg.fp_mode;

	/* The configuration key of results/README.md, then the mode. */
	matrix_config_key(&row->cfg, key, sizeof(key));
	return snprintf(buf, size, "%s/%s", key,
			mode < FP_MODE_NR ? fp_mode_names[mode] : "?");
}

/*
 * TAP directives end at the line: a reason must not carry a newline or a
 * '#' that a parser could take for a second directive.
 */
static void tap_put_reason(FILE *f, const char *reason)
{
	for (const char *p = reason; *p; p++)
		fputc(*p == '\n' || *p == '\r' || *p == '#' ? ' ' : *p, f);
}

int tap_result(FILE *f, unsigned int n, const struct result_row *row)
{
	char name[TAP_NAME_MAX];
	const char *unit = row->unit < UNIT_NR ? result_unit_names[row->unit] : "?";
	int ret;

	tap_name(name, sizeof(name), row);
	if (row->status == STATUS_SKIP) {
		fprintf(f, "ok %u %s # SKIP ", n, name);
		tap_put_reason(f, row->reason);
		ret = 2;
	} else if (row->status == STATUS_OK && !row->integrity_failures) {
		fprintf(f, "ok %u %s # median=%.0f %s", n, name,
			row->cycles.median, unit);
		if (!isnan(row->cycles.ci_lo))
			fprintf(f, " ci95=[%.0f,%.0f]", row->cycles.ci_lo,
				row->cycles.ci_hi);
		if (row->emulated)
			fputs(" emulated", f);
		ret = 0;
	} else {
		fprintf(f, "not ok %u %s # integrity_failures=%llu", n, name,
			(unsigned long long)row->integrity_failures);
		if (strcmp(row->reason, "-") && row->reason[0]) {
			fputs(" reason=", f);
			tap_put_reason(f, row->reason);
		}
		ret = 1;
	}
	fputc('\n', f);
	fflush(f);	/* a harness watching a slow run sees progress */
	return ret;
}

void tap_result_count(FILE *f, unsigned int n, const struct result_row *row,
		      struct tap_counts *counts)
{
	int r = tap_result(f, n, row);

	if (!counts)
		return;
	if (r == 0)
		counts->pass++;
	else if (r == 1)
		counts->fail++;
	else
		counts->skip++;
}

void tap_diag(FILE *f, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	char *line, *next;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);

	/* Every line of a multi-line message needs its own "# ". */
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		fprintf(f, "# %s\n", line);
	}
	fflush(f);
}

void tap_totals(FILE *f, const struct tap_counts *c)
{
	fprintf(f, "# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0\n",
		c->pass, c->fail, c->skip);
	fflush(f);
}
