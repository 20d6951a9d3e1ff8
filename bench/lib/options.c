// SPDX-License-Identifier: GPL-2.0
/*
 * Long-option parser driven by the subcommands' option tables. Written by
 * hand rather than on getopt_long() so that every rejection can name the
 * option and the offending value, and so that --help is generated from the
 * very table that is parsed.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fpbench.h"
#include "options.h"

static bool opt_has_range(const struct opt *o)
{
	return o->min != 0 || o->max != 0;
}

static const struct opt *opt_find(const struct opt_cmd *cmd, const char *name,
				  size_t len)
{
	for (size_t i = 0; i < cmd->nr_opts; i++) {
		const struct opt *o = &cmd->opts[i];

		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	}
	return NULL;
}

static int opt_range_error(const struct opt_cmd *cmd, const struct opt *o,
			   const char *val)
{
	if (opt_has_range(o))
		fprintf(stderr, "%s: --%s: %s is out of range %.15g..%.15g\n",
			cmd->name, o->name, val, o->min, o->max);
	else	/* no range in the table: the type's own */
		fprintf(stderr, "%s: --%s: %s is out of range 0..%llu\n",
			cmd->name, o->name, val,
			o->kind == OPT_UINT ? (unsigned long long)UINT_MAX :
			o->kind == OPT_U64 ? (unsigned long long)UINT64_MAX :
			(unsigned long long)INT_MAX);
	return FPB_EUSAGE;
}

static int opt_number_error(const struct opt_cmd *cmd, const struct opt *o,
			    const char *val, const char *what)
{
	fprintf(stderr, "%s: --%s: '%s' is not %s\n", cmd->name, o->name, val,
		what);
	return FPB_EUSAGE;
}

/* Unsigned decimal (or 0x hex when @hex): no sign, no junk, no overflow. */
static int parse_u64(const char *val, bool hex, uint64_t *out)
{
	int base = 10;
	char *end;
	unsigned long long v;

	errno = 0;
	if (hex && (!strncmp(val, "0x", 2) || !strncmp(val, "0X", 2)))
		base = 16;
	if (!*val || *val == '-' || *val == '+' || *val == ' ')
		return -1;
	v = strtoull(val, &end, base);
	if (errno || end == val || *end)
		return -1;
	*out = v;
	return 0;
}

static int opt_check_list(const struct opt_cmd *cmd, const struct opt *o,
			  const char *val)
{
	const char *p = val;

	if (!*val)
		return opt_number_error(cmd, o, val, "a list");
	while (1) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char elem[64];

		if (!len || len >= sizeof(elem)) {
			fprintf(stderr, "%s: --%s: bad element %s in list '%s'\n",
				cmd->name, o->name, len ? "(too long)" : "(empty)", val);
			return FPB_EUSAGE;
		}
		memcpy(elem, p, len);
		elem[len] = 0;
		if (o->names) {
			if (strcmp(elem, "all") &&
			    fpb_lookup(o->names, o->nr_names, elem) < 0) {
				fprintf(stderr, "%s: --%s: unknown value '%s' in '%s' (one of:",
					cmd->name, o->name, elem, val);
				for (int i = 0; i < o->nr_names; i++)
					if (o->names[i])
						fprintf(stderr, " %s", o->names[i]);
				fprintf(stderr, " all)\n");
				return FPB_EUSAGE;
			}
		} else if (o->max > 0) {
			uint64_t v;

			if (parse_u64(elem, false, &v)) {
				fprintf(stderr, "%s: --%s: '%s' in '%s' is not a number\n",
					cmd->name, o->name, elem, val);
				return FPB_EUSAGE;
			}
			if ((double)v < o->min || (double)v > o->max) {
				fprintf(stderr, "%s: --%s: %s in '%s' is out of range %.15g..%.15g\n",
					cmd->name, o->name, elem, val, o->min, o->max);
				return FPB_EUSAGE;
			}
		}
		if (!comma)
			return FPB_OK;
		p = comma + 1;
	}
}

/* Store @val into @o's variable, or explain why not. */
static int opt_store(const struct opt_cmd *cmd, const struct opt *o,
		     const char *val)
{
	switch (o->kind) {
	case OPT_FLAG:
		*(bool *)o->ptr = true;
		return FPB_OK;
	case OPT_INT: {
		long long v;
		char *end;

		errno = 0;
		v = strtoll(val, &end, 10);
		if (errno == ERANGE)
			return opt_range_error(cmd, o, val);
		if (!*val || end == val || *end || *val == ' ')
			return opt_number_error(cmd, o, val, "an integer");
		if (v < INT_MIN || v > INT_MAX ||
		    (opt_has_range(o) && (v < o->min || v > o->max)))
			return opt_range_error(cmd, o, val);
		*(int *)o->ptr = (int)v;
		return FPB_OK;
	}
	case OPT_UINT:
	case OPT_U64: {
		uint64_t v;

		if (parse_u64(val, o->kind == OPT_U64, &v)) {
			if (errno == ERANGE)
				return opt_range_error(cmd, o, val);
			return opt_number_error(cmd, o, val,
						"a non-negative integer");
		}
		if ((o->kind == OPT_UINT && v > UINT_MAX) ||
		    (opt_has_range(o) && ((double)v < o->min || (double)v > o->max)))
			return opt_range_error(cmd, o, val);
		if (o->kind == OPT_UINT)
			*(unsigned int *)o->ptr = (unsigned int)v;
		else
			*(uint64_t *)o->ptr = v;
		return FPB_OK;
	}
	case OPT_DOUBLE: {
		double v;
		char *end;

		errno = 0;
		v = strtod(val, &end);
		if (!*val || end == val || *end || *val == ' ' || !isfinite(v))
			return opt_number_error(cmd, o, val, "a finite number");
		if (opt_has_range(o) && (v < o->min || v > o->max))
			return opt_range_error(cmd, o, val);
		*(double *)o->ptr = v;
		return FPB_OK;
	}
	case OPT_STRING:
		if (!*val) {
			fprintf(stderr, "%s: --%s: empty value\n", cmd->name, o->name);
			return FPB_EUSAGE;
		}
		*(const char **)o->ptr = val;
		return FPB_OK;
	case OPT_LIST: {
		int ret = opt_check_list(cmd, o, val);

		if (!ret)
			*(const char **)o->ptr = val;
		return ret;
	}
	}
	fprintf(stderr, "%s: --%s: bad option table entry\n", cmd->name, o->name);
	return FPB_EUSAGE;
}

int opt_parse(const struct opt_cmd *cmd, int argc, char **argv, int *nargs)
{
	int npos = 0, i;
	bool options_done = false;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *name, *eq, *val = NULL;
		const struct opt *o;
		size_t len;
		int ret;

		if (options_done || arg[0] != '-' || !arg[1]) {
			/* Positional ("-" alone is one): compact towards the front. */
			argv[1 + npos++] = argv[i];
			continue;
		}
		if (!strcmp(arg, "--")) {
			options_done = true;
			continue;
		}
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			opt_usage(cmd, stdout);
			return OPT_HELP_SHOWN;
		}
		if (arg[1] != '-') {
			fprintf(stderr, "%s: unknown option '%s' (options are --long; see --help)\n",
				cmd->name, arg);
			return FPB_EUSAGE;
		}
		name = arg + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		o = opt_find(cmd, name, len);
		if (!o) {
			fprintf(stderr, "%s: unknown option '--%.*s' (see --help)\n",
				cmd->name, (int)len, name);
			return FPB_EUSAGE;
		}
		if (o->kind == OPT_FLAG) {
			if (eq) {
				fprintf(stderr, "%s: --%s takes no value (got '%s')\n",
					cmd->name, o->name, eq + 1);
				return FPB_EUSAGE;
			}
		} else if (eq) {
			val = eq + 1;
		} else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2)) {
			val = argv[++i];
		} else {
			fprintf(stderr, "%s: --%s needs a value (%s)\n", cmd->name,
				o->name, o->metavar ? o->metavar : "VALUE");
			return FPB_EUSAGE;
		}
		ret = opt_store(cmd, o, val);
		if (ret)
			return ret;
		if (o->given)
			*o->given = true;
	}

	if (npos < cmd->min_args ||
	    (cmd->max_args >= 0 && npos > cmd->max_args)) {
		const char *usage = cmd->args ? cmd->args : "";

		if (cmd->max_args < 0)
			fprintf(stderr, "%s: expected at least %d argument%s, got %d (usage: %s %s)\n",
				cmd->name, cmd->min_args, cmd->min_args == 1 ? "" : "s",
				npos, cmd->name, usage);
		else if (cmd->min_args == cmd->max_args)
			fprintf(stderr, "%s: expected %d argument%s, got %d (usage: %s %s)\n",
				cmd->name, cmd->min_args, cmd->min_args == 1 ? "" : "s",
				npos, cmd->name, usage);
		else
			fprintf(stderr, "%s: expected %d to %d arguments, got %d (usage: %s %s)\n",
				cmd->name, cmd->min_args, cmd->max_args, npos,
				cmd->name, usage);
		return FPB_EUSAGE;
	}
	if (nargs)
		*nargs = npos;
	return FPB_OK;
}

/* "(default X)" from the variable's current value, where meaningful. */
static void opt_print_default(const struct opt *o, FILE *f)
{
	switch (o->kind) {
	case OPT_INT:
		fprintf(f, " (default %d", *(int *)o->ptr);
		break;
	case OPT_UINT:
		fprintf(f, " (default %u", *(unsigned int *)o->ptr);
		break;
	case OPT_U64:
		fprintf(f, " (default %" PRIu64, *(uint64_t *)o->ptr);
		break;
	case OPT_DOUBLE:
		fprintf(f, " (default %g", *(double *)o->ptr);
		break;
	case OPT_STRING:
	case OPT_LIST:
		if (*(const char **)o->ptr)
			fprintf(f, " (default %s)", *(const char **)o->ptr);
		return;
	default:
		return;
	}
	if (opt_has_range(o))
		fprintf(f, "; %.15g..%.15g", o->min, o->max);
	fputc(')', f);
}

void opt_usage(const struct opt_cmd *cmd, FILE *f)
{
	fprintf(f, "usage: %s %s\n", cmd->name, cmd->args ? cmd->args : "[options]");
	if (cmd->about)
		fprintf(f, "\n%s\n", cmd->about);
	fprintf(f, "\noptions:\n");
	for (size_t i = 0; i < cmd->nr_opts; i++) {
		const struct opt *o = &cmd->opts[i];
		char lhs[64];

		if (o->kind == OPT_FLAG)
			snprintf(lhs, sizeof(lhs), "--%s", o->name);
		else
			snprintf(lhs, sizeof(lhs), "--%s %s", o->name,
				 o->metavar ? o->metavar : "VALUE");
		fprintf(f, "  %-22s %s", lhs, o->help ? o->help : "");
		opt_print_default(o, f);
		fputc('\n', f);
		if (o->kind == OPT_LIST && o->names) {
			fprintf(f, "  %-22s comma list of:", "");
			for (int k = 0; k < o->nr_names; k++)
				if (o->names[k])
					fprintf(f, " %s", o->names[k]);
			fprintf(f, " all\n");
		} else if (o->kind == OPT_LIST && o->max > 0) {
			fprintf(f, "  %-22s comma list of numbers in %.15g..%.15g\n",
				"", o->min, o->max);
		}
	}
	fprintf(f, "  %-22s %s\n", "-h, --help", "this text");
}
