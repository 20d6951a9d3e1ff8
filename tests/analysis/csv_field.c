// SPDX-License-Identifier: GPL-2.0
/*
 * csv_field: the analysis tests read and change CSV fields by column name
 * (the header line), never by number, so a test keeps meaning what it says
 * when a column is added. Fields are RFC 4180: a quoted field may hold
 * commas and doubled quotes; a field that is not changed is written back
 * byte for byte.
 *
 *   csv_field get FILE [--where NAME=VALUE]... NAME...
 *       the NAMEd fields of every (matching) data row, joined by ','
 *   csv_field set FILE (--row N | --where NAME=VALUE...) NAME=VALUE...
 *       FILE with those fields of data row N (1 = the first after the
 *       header) or of every matching row changed, on stdout
 *   csv_field range FILE [--where NAME=VALUE]... NAME LO HI
 *       exit 1, naming the row, unless NAME of every (matching) row is a
 *       number within [LO, HI]
 *   csv_field count FILE
 *       the number of fields of every data row
 *
 * Exit: 0, 1 (range: a value outside), 2 usage, 3 bad input (unreadable
 * file, no such column, malformed quoting, no row selected: a test that
 * selects nothing must not pass by changing nothing).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_EXIT_OUTSIDE	1
#define CSV_EXIT_USAGE		2
#define CSV_EXIT_DATA		3

/* One field of a line: its raw bytes and its value (quotes undone). */
struct field {
	const char *raw;
	size_t raw_len;
	char *value;
};

struct line {
	struct field *f;
	size_t nr;
};

/* NAME=VALUE of --where or set. */
struct assign {
	const char *name;
	const char *value;
	size_t col;
};

static const char *path;

__attribute__((format(printf, 2, 3), noreturn))
static void die(int rc, const char *fmt, ...)
{
	va_list ap;

	fputs("csv_field: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(rc);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		perror("csv_field");
		exit(CSV_EXIT_DATA);
	}
	return p;
}

/*
 * Split @s (no line end) into fields; false on malformed quoting (text
 * after a closing quote, a quote never closed).
 */
static bool line_split(const char *s, struct line *l)
{
	size_t cap = 8;

	l->nr = 0;
	l->f = xmalloc(cap * sizeof(*l->f));
	for (;;) {
		struct field *f;
		const char *p = s;
		size_t n = 0;

		if (l->nr == cap) {
			cap *= 2;
			l->f = realloc(l->f, cap * sizeof(*l->f));
			if (!l->f) {
				perror("csv_field");
				exit(CSV_EXIT_DATA);
			}
		}
		f = &l->f[l->nr++];
		f->raw = s;
		f->value = xmalloc(strlen(s) + 1);
		if (*p == '"') {
			for (p++;; p++) {
				if (!*p)
					return false;
				if (*p == '"' && p[1] == '"') {
					f->value[n++] = '"';
					p++;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					f->value[n++] = *p;
				}
			}
			if (*p && *p != ',')
				return false;
		} else {
			while (*p && *p != ',') {
				if (*p == '"')
					return false;
				f->value[n++] = *p++;
			}
		}
		f->value[n] = '\0';
		f->raw_len = (size_t)(p - s);
		if (!*p)
			return true;
		s = p + 1;
	}
}

static void line_free(struct line *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->f[i].value);
	free(l->f);
}

/* The file's lines, line ends removed. */
static char **read_lines(size_t *nr)
{
	FILE *f = fopen(path, "r");
	char **lines = NULL, *buf = NULL;
	size_t cap = 0, n = 0, len = 0;
	ssize_t got;

	if (!f)
		die(CSV_EXIT_DATA, "%s: %s", path, strerror(errno));
	while ((got = getline(&buf, &len, f)) >= 0) {
		while (got && (buf[got - 1] == '\n' || buf[got - 1] == '\r'))
			buf[--got] = '\0';
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			lines = realloc(lines, cap * sizeof(*lines));
			if (!lines) {
				perror("csv_field");
				exit(CSV_EXIT_DATA);
			}
		}
		lines[n] = xmalloc((size_t)got + 1);
		memcpy(lines[n++], buf, (size_t)got + 1);
	}
	if (ferror(f))
		die(CSV_EXIT_DATA, "%s: %s", path, strerror(errno));
	free(buf);
	fclose(f);
	if (!n)
		die(CSV_EXIT_DATA, "%s: empty, no header line", path);
	*nr = n;
	return lines;
}

static void split_or_die(const char *s, struct line *l, size_t lineno)
{
	if (!line_split(s, l))
		die(CSV_EXIT_DATA, "%s:%zu: malformed quoting", path, lineno);
}

static size_t column(const struct line *head, const char *name)
{
	for (size_t i = 0; i < head->nr; i++)
		if (!strcmp(head->f[i].value, name))
			return i;
	die(CSV_EXIT_DATA, "%s: no column '%s' in the header", path, name);
}

/* "NAME=VALUE" into @a, its column looked up in @head. */
static void assign_parse(char *arg, const struct line *head, struct assign *a)
{
	char *eq = strchr(arg, '=');

	if (!eq)
		die(CSV_EXIT_USAGE, "'%s': expected NAME=VALUE", arg);
	*eq = '\0';
	a->name = arg;
	a->value = eq + 1;
	a->col = column(head, arg);
}

static const char *field_value(const struct line *l, size_t col, size_t lineno)
{
	if (col < l->nr)
		return l->f[col].value;
	die(CSV_EXIT_DATA, "%s:%zu: fewer fields than the header", path, lineno);
}

static bool row_matches(const struct line *l, const struct assign *w, size_t nw,
			size_t lineno)
{
	for (size_t i = 0; i < nw; i++)
		if (strcmp(field_value(l, w[i].col, lineno), w[i].value))
			return false;
	return true;
}

/* A field as CSV: quoted when it must be. */
static void put_field(const char *v)
{
	if (!strpbrk(v, ",\"\r\n")) {
		fputs(v, stdout);
		return;
	}
	putchar('"');
	for (; *v; v++) {
		if (*v == '"')
			putchar('"');
		putchar(*v);
	}
	putchar('"');
}

static int usage(void)
{
	fputs("usage: csv_field get FILE [--where NAME=VALUE]... NAME...\n"
	      "       csv_field set FILE (--row N | --where NAME=VALUE...) NAME=VALUE...\n"
	      "       csv_field range FILE [--where NAME=VALUE]... NAME LO HI\n"
	      "       csv_field count FILE\n", stderr);
	return CSV_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct assign *where, *set;
	size_t nr_lines, nw = 0, ns = 0, selected = 0, row = 0;
	size_t *cols = NULL, nc = 0;
	char **lines, *end;
	struct line head;
	const char *cmd;
	double lo = 0, hi = 0;
	int i, rc = 0;

	if (argc < 3)
		return usage();
	cmd = argv[1];
	path = argv[2];
	if (strcmp(cmd, "get") && strcmp(cmd, "set") && strcmp(cmd, "range") &&
	    strcmp(cmd, "count"))
		return usage();
	lines = read_lines(&nr_lines);
	split_or_die(lines[0], &head, 1);

	where = xmalloc((size_t)argc * sizeof(*where));
	set = xmalloc((size_t)argc * sizeof(*set));
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--where") && i + 1 < argc) {
			assign_parse(argv[++i], &head, &where[nw++]);
		} else if (!strcmp(argv[i], "--row") && i + 1 < argc) {
			errno = 0;
			row = strtoul(argv[++i], &end, 10);
			if (errno || *end || !row)
				die(CSV_EXIT_USAGE, "--row %s: expected a data row number from 1",
				    argv[i]);
		} else {
			break;
		}
	}

	if (!strcmp(cmd, "count")) {
		if (i != argc)
			return usage();
		for (size_t n = 1; n < nr_lines; n++) {
			struct line l;

			split_or_die(lines[n], &l, n + 1);
			printf("%zu\n", l.nr);
			line_free(&l);
		}
		goto done;
	}
	if (!strcmp(cmd, "set")) {
		if ((row != 0) == (nw != 0) || i == argc)
			return usage();
		for (; i < argc; i++)
			assign_parse(argv[i], &head, &set[ns++]);
	} else {
		if (row)
			return usage();
		if (!strcmp(cmd, "range")) {
			if (argc - i != 3)
				return usage();
			lo = strtod(argv[i + 1], &end);
			if (*end || end == argv[i + 1])
				return usage();
			hi = strtod(argv[i + 2], &end);
			if (*end || end == argv[i + 2])
				return usage();
			argc = i + 1;
		}
		if (i == argc)
			return usage();
		cols = xmalloc((size_t)(argc - i) * sizeof(*cols));
		for (; i < argc; i++)
			cols[nc++] = column(&head, argv[i]);
	}

	if (!strcmp(cmd, "set"))
		puts(lines[0]);
	for (size_t n = 1; n < nr_lines; n++) {
		bool sel;
		struct line l;

		split_or_die(lines[n], &l, n + 1);
		sel = row ? n == row : row_matches(&l, where, nw, n + 1);
		selected += sel;
		if (!strcmp(cmd, "set")) {
			for (size_t c = 0; c < l.nr; c++) {
				const char *v = NULL;

				for (size_t k = 0; sel && k < ns; k++)
					if (set[k].col == c)
						v = set[k].value;
				if (c)
					putchar(',');
				if (v)
					put_field(v);
				else
					fwrite(l.f[c].raw, 1, l.f[c].raw_len, stdout);
			}
			for (size_t k = 0; sel && k < ns; k++)
				if (set[k].col >= l.nr)
					field_value(&l, set[k].col, n + 1);
			putchar('\n');
		} else if (sel && !strcmp(cmd, "get")) {
			for (size_t c = 0; c < nc; c++) {
				if (c)
					putchar(',');
				put_field(field_value(&l, cols[c], n + 1));
			}
			putchar('\n');
		} else if (sel) {
			const char *v = field_value(&l, cols[0], n + 1);
			double x = strtod(v, &end);

			if (!*v || *end || !(x >= lo && x <= hi)) {
				fprintf(stderr, "csv_field: %s:%zu: %s = %s, not within [%g, %g]\n",
					path, n + 1, head.f[cols[0]].value, v, lo, hi);
				rc = CSV_EXIT_OUTSIDE;
			}
		}
		line_free(&l);
	}
	if (!selected)
		die(CSV_EXIT_DATA, "%s: no data row selected", path);
	if (fflush(stdout))
		die(CSV_EXIT_DATA, "stdout: %s", strerror(errno));
done:
	line_free(&head);
	for (size_t n = 0; n < nr_lines; n++)
		free(lines[n]);
	free(lines);
	free(where);
	free(set);
	free(cols);
	return rc;
}
