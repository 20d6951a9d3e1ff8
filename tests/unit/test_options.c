// SPDX-License-Identifier: GPL-2.0
/*
 * options.c: good command lines fill the variables; every bad one is a
 * usage error whose message names the option and the value.
 */
#include <stdarg.h>
#include <stdint.h>

#include "fpbench.h"
#include "options.h"
#include "test.h"

static int iters;
static unsigned int warmup;
static uint64_t seed;
static double fail_above;
static const char *out, *host_fp, *vls;
static bool quick, quick_given;

static const struct opt opts[] = {
	{ .name = "iterations", .kind = OPT_INT, .ptr = &iters, .metavar = "N",
	  .help = "measured iterations", .min = 1, .max = 1000000 },
	{ .name = "warmup", .kind = OPT_UINT, .ptr = &warmup, .metavar = "N",
	  .help = "warm-up iterations" },
	{ .name = "seed", .kind = OPT_U64, .ptr = &seed, .metavar = "S",
	  .help = "bootstrap seed" },
	{ .name = "fail-above", .kind = OPT_DOUBLE, .ptr = &fail_above,
	  .metavar = "PCT", .help = "regression threshold", .min = 0, .max = 1000 },
	{ .name = "out", .kind = OPT_STRING, .ptr = &out, .metavar = "BASE",
	  .help = "results base name" },
	{ .name = "host-fp", .kind = OPT_LIST, .ptr = &host_fp, .metavar = "KINDS",
	  .help = "host FP states", .names = fp_kind_names, .nr_names = FP_KIND_NR },
	{ .name = "vl", .kind = OPT_LIST, .ptr = &vls, .metavar = "BITS",
	  .help = "SVE vector lengths", .min = 128, .max = 2048 },
	{ .name = "quick", .kind = OPT_FLAG, .ptr = &quick, .help = "small matrix",
	  .given = &quick_given },
};

static const struct opt_cmd cmd = {
	.name = "fpbench test",
	.args = "[options] A.csv [B.csv]",
	.about = "Exercises the option parser.",
	.opts = opts,
	.nr_opts = ARRAY_SIZE(opts),
	.min_args = 1,
	.max_args = 2,
};

static void reset(void)
{
	iters = 100;
	warmup = 10;
	seed = 1;
	fail_above = 5;
	out = host_fp = vls = NULL;
	quick = quick_given = false;
}

/* Parse a NULL-terminated list; returns the rc and the captured stderr. */
static int parse(const char **msg, int *nargs, char **argv_out, ...)
{
	static char *argv[32];
	struct test_capture cap;
	va_list ap;
	int argc = 0, rc;

	va_start(ap, argv_out);
	argv[argc++] = "test";
	for (char *a; (a = va_arg(ap, char *));)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	reset();
	test_capture_begin(&cap, 2);
	rc = opt_parse(&cmd, argc, argv, nargs);
	*msg = test_capture_end(&cap);
	if (argv_out)
		memcpy(argv_out, argv, sizeof(char *) * 4);
	return rc;
}

static void test_good(void)
{
	char *argv[4];
	const char *msg;
	int n = -1;

	TEST_ASSERT(parse(&msg, &n, argv, "--iterations", "500", "a.csv",
			  "--warmup=0", "--seed", "0xdeadbeefcafef00d", "--fail-above",
			  "2.5", "--out", "x/run", "--host-fp", "none,sve,all", "--vl",
			  "128,2048", "--quick", "b.csv", NULL) == FPB_OK, "%s", msg);
	TEST_ASSERT(iters == 500 && warmup == 0 && seed == 0xdeadbeefcafef00dULL &&
		    fail_above == 2.5, "numbers %d %u", iters, warmup);
	TEST_ASSERT(out && !strcmp(out, "x/run") && !strcmp(host_fp, "none,sve,all") &&
		    !strcmp(vls, "128,2048") && quick && quick_given, "strings/flag");
	TEST_ASSERT(n == 2 && !strcmp(argv[1], "a.csv") && !strcmp(argv[2], "b.csv"),
		    "positionals: %d", n);
	TEST_ASSERT(!*msg, "unexpected message: %s", msg);
	/* "--" ends options: "--quick" after it is a file name. */
	TEST_ASSERT(parse(&msg, &n, argv, "--", "--quick", NULL) == FPB_OK && n == 1 &&
		    !quick && !strcmp(argv[1], "--quick"), "--: %s", msg);
	/* Negative numbers are values, not options, for OPT_INT. */
	TEST_ASSERT(parse(&msg, &n, NULL, "a", "--iterations", "-5", NULL) == FPB_EUSAGE,
		    "range");
	TEST_STR_CONTAINS(msg, "--iterations: -5 is out of range 1..1000000");
}

static void test_bad(void)
{
	static const struct {
		const char *args[4];
		const char *msg;
	} cases[] = {
		{ { "--bogus", "a" }, "unknown option '--bogus'" },
		{ { "--bogus=3", "a" }, "unknown option '--bogus'" },
		{ { "-x", "a" }, "unknown option '-x'" },
		{ { "a", "--iterations" }, "--iterations needs a value" },
		{ { "--iterations", "--quick", "a" }, "--iterations needs a value" },
		{ { "--iterations", "12abc", "a" }, "--iterations: '12abc' is not an integer" },
		{ { "--iterations", "", "a" }, "--iterations: '' is not an integer" },
		{ { "--iterations", "0", "a" }, "--iterations: 0 is out of range 1..1000000" },
		{ { "--iterations", "99999999999999999999", "a" }, "--iterations: 99999999999999999999 is out of range" },
		{ { "--warmup", "-1", "a" }, "--warmup: '-1' is not a non-negative integer" },
		{ { "--warmup", "4294967296", "a" }, "--warmup: 4294967296 is out of range" },
		{ { "--warmup", "0x10", "a" }, "--warmup: '0x10' is not" },
		{ { "--seed", "0xZZ", "a" }, "--seed: '0xZZ' is not" },
		{ { "--fail-above", "nan", "a" }, "--fail-above: 'nan' is not a finite number" },
		{ { "--fail-above", "1001", "a" }, "--fail-above: 1001 is out of range 0..1000" },
		{ { "--fail-above", "5%", "a" }, "--fail-above: '5%' is not a finite number" },
		{ { "--out=", "a" }, "--out: empty value" },
		{ { "--quick=yes", "a" }, "--quick takes no value (got 'yes')" },
		{ { "--host-fp", "none,avx", "a" }, "--host-fp: unknown value 'avx' in 'none,avx'" },
		{ { "--host-fp", "none,", "a" }, "--host-fp: bad element (empty) in list 'none,'" },
		{ { "--vl", "128,100", "a" }, "--vl: 100 in '128,100' is out of range 128..2048" },
		{ { "--vl", "128,x", "a" }, "--vl: 'x' in '128,x' is not a number" },
		{ { NULL }, "expected 1 to 2 arguments, got 0" },
		{ { "a", "b", "c" }, "expected 1 to 2 arguments, got 3" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *msg;
		int rc = parse(&msg, NULL, NULL, cases[i].args[0], cases[i].args[1],
			       cases[i].args[2], cases[i].args[3], NULL);

		TEST_ASSERT(rc == FPB_EUSAGE, "case %zu (%s): rc %d", i, cases[i].msg, rc);
		TEST_STR_CONTAINS(msg, cases[i].msg);
		TEST_STR_CONTAINS(msg, "fpbench test");
		TEST_ASSERT(strchr(msg, '\n') == msg + strlen(msg) - 1,
			    "case %zu: one line expected: %s", i, msg);
	}
}

static void test_help(void)
{
	char *argv[] = { "test", "a", "--help", "--bogus", NULL };
	struct test_capture cap;
	const char *text;
	int rc;

	reset();
	test_capture_begin(&cap, 1);
	rc = opt_parse(&cmd, 4, argv, NULL);
	text = test_capture_end(&cap);
	TEST_ASSERT(rc == OPT_HELP_SHOWN, "rc %d", rc);
	TEST_STR_CONTAINS(text, "usage: fpbench test [options] A.csv [B.csv]");
	TEST_STR_CONTAINS(text, "Exercises the option parser.");
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++)
		TEST_STR_CONTAINS(text, opts[i].name);
	TEST_STR_CONTAINS(text, "--iterations N");
	TEST_STR_CONTAINS(text, "(default 100; 1..1000000)");
	TEST_STR_CONTAINS(text, "none fpsimd sve ssve za zt0 vmm all");
	TEST_STR_CONTAINS(text, "-h, --help");
}

int main(void)
{
	test_good();
	test_bad();
	test_help();
	return test_done("unit.lib.options");
}
