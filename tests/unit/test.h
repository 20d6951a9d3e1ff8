/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal unit-test helper: checks that report file:line and the failed
 * expression, keep going, and make main() fail at the end. Exit codes as
 * in kselftest: 0 pass, 1 fail, 4 skip.
 */
#ifndef FPBENCH_TEST_H
#define FPBENCH_TEST_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEST_SKIP_CODE	4

static int test_failures;
static int test_checks;

/* Check @cond; on failure print where, what, and a formatted detail. */
#define TEST_ASSERT(cond, fmt, ...)					\
	do {								\
		test_checks++;						\
		if (!(cond)) {						\
			test_failures++;				\
			fprintf(stderr, "%s:%d: FAIL: %s: " fmt "\n",	\
				__FILE__, __LINE__, #cond, ##__VA_ARGS__); \
		}							\
	} while (0)

/* |a - b| <= tol, printing both values. */
#define TEST_NEAR(a, b, tol)						\
	TEST_ASSERT(fabs((double)(a) - (double)(b)) <= (tol),		\
		    "%.17g vs %.17g (tolerance %g)", (double)(a),	\
		    (double)(b), (double)(tol))

/* Exact equality of doubles (NaN equals NaN): for round trips. */
#define TEST_SAME_DOUBLE(a, b)						\
	TEST_ASSERT((isnan(a) && isnan(b)) || (a) == (b),		\
		    "%.17g vs %.17g", (double)(a), (double)(b))

#define TEST_STR_CONTAINS(hay, needle)					\
	TEST_ASSERT(strstr((hay), (needle)) != NULL,			\
		    "'%s' does not contain '%s'", (hay), (needle))

/*
 * Capture what the code under test prints on @fd (1 or 2): the messages
 * are part of the contract ("name the option and the value").
 */
struct test_capture {
	int fd, saved;
	FILE *tmp;
};

static inline void test_capture_begin(struct test_capture *c, int fd)
{
	fflush(fd == 1 ? stdout : stderr);
	c->fd = fd;
	c->tmp = tmpfile();
	c->saved = dup(fd);
	if (!c->tmp || c->saved < 0 || dup2(fileno(c->tmp), fd) < 0) {
		perror("test_capture_begin");
		exit(1);
	}
}

/* Stop capturing; returns the text (static buffer, valid until next call). */
static inline const char *test_capture_end(struct test_capture *c)
{
	static char buf[8192];
	size_t n;

	fflush(c->fd == 1 ? stdout : stderr);
	dup2(c->saved, c->fd);
	close(c->saved);
	rewind(c->tmp);
	n = fread(buf, 1, sizeof(buf) - 1, c->tmp);
	buf[n] = 0;
	fclose(c->tmp);
	return buf;
}

/* Print a summary; the exit code of main(). */
/* A test that checked nothing has not passed: it fails too. */
static inline int test_done(const char *name)
{
	fprintf(stderr, "%s: %d checks, %d failed\n", name, test_checks,
		test_failures);
	if (!test_checks)
		fprintf(stderr, "%s: FAIL: no check was made\n", name);
	return test_failures || !test_checks ? 1 : 0;
}

#endif
