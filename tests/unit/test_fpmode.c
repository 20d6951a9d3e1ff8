// SPDX-License-Identifier: GPL-2.0
/*
 * fpmode.c and sysinfo's knob: --fp-mode words into one mode order, the
 * knob's values (2 for lazy_keep), and the verification before a batch is
 * labelled. The knob is a plain file here (sysinfo_fp_knob_path); the
 * kernel's refusals and a knob that does not take a value are fake knob
 * operations over that file (fpmode_set_knob).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fpbench.h"
#include "fpmode.h"
#include "harness.h"
#include "sysinfo.h"
#include "test.h"

static char knob[64];		/* the fake knob file */

static void knob_put(const char *text)
{
	FILE *f = fopen(knob, "w");

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(knob);
		exit(1);
	}
}

static const char *knob_get(void)
{
	static char buf[16];
	FILE *f = fopen(knob, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

/* A kernel whose knob accepts only 0..1 (patched before lazy_keep). */
static int old_kernel_write(enum fp_mode mode)
{
	if (sysinfo_fp_knob_value(mode) > 1)
		return -EINVAL;
	return sysinfo_write_fp_mode(mode);
}

/* Protected KVM: the host cannot choose the mode at all. */
static int pkvm_write(enum fp_mode mode)
{
	(void)mode;
	return -EPERM;
}

/* A user's write of the root-only knob (mode 0644). */
static int user_write(enum fp_mode mode)
{
	(void)mode;
	return -EACCES;
}

/* The write succeeds but the kernel keeps eager (the file says "1"). */
static int sticky_write(enum fp_mode mode)
{
	(void)mode;
	knob_put("1\n");
	return 0;
}

static void test_parse(void)
{
	static const struct {
		const char *word;
		unsigned int nr;
		enum fp_mode m[3];
	} ok[] = {
		{ "eager", 1, { FP_MODE_EAGER } },
		{ "lazy", 1, { FP_MODE_LAZY } },
		{ "lazy_keep", 1, { FP_MODE_LAZY_KEEP } },
		/* the documented order: eager first, then enum order */
		{ "both", 2, { FP_MODE_EAGER, FP_MODE_LAZY } },
		{ "all", 3, { FP_MODE_EAGER, FP_MODE_LAZY, FP_MODE_LAZY_KEEP } },
	};
	static const char *const bad[] = {
		"", "Eager", "lazy-keep", "keep", "eager,lazy", "all,lazy", "both ",
	};
	struct fpmode_list l;
	char err[256];

	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		TEST_ASSERT(fpmode_parse(ok[i].word, &l, err, sizeof(err)) == FPB_OK,
			    "%s: %s", ok[i].word, err);
		TEST_ASSERT(l.nr == ok[i].nr && !l.current, "%s: %u modes", ok[i].word, l.nr);
		for (unsigned int k = 0; k < ok[i].nr; k++)
			TEST_ASSERT(l.modes[k] == ok[i].m[k], "%s: mode %u is %s",
				    ok[i].word, k, fp_mode_names[l.modes[k]]);
	}
	TEST_ASSERT(fpmode_parse("current", &l, err, sizeof(err)) == FPB_OK &&
		    l.current && l.nr == 1, "current");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		TEST_ASSERT(fpmode_parse(bad[i], &l, err, sizeof(err)) == FPB_EUSAGE,
			    "'%s' accepted", bad[i]);
		TEST_STR_CONTAINS(err, "--fp-mode");
		TEST_STR_CONTAINS(err, "lazy_keep, both, all");
	}
	fpmode_parse("eager,lazy", &l, err, sizeof(err));
	TEST_STR_CONTAINS(err, "'eager,lazy'");
	TEST_STR_CONTAINS(err, "one word");
}

/* sysinfo reads and writes the knob file: 1 eager, 0 lazy, 2 lazy_keep. */
static void test_sysinfo_knob(void)
{
	static const struct { const char *text; enum fp_mode mode; } rd[] = {
		{ "1\n", FP_MODE_EAGER }, { "0\n", FP_MODE_LAZY },
		{ "2\n", FP_MODE_LAZY_KEEP }, { "Y\n", FP_MODE_EAGER },
		{ "N\n", FP_MODE_LAZY }, { "7\n", FP_MODE_UNKNOWN },
		{ "22\n", FP_MODE_UNKNOWN },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rd); i++) {
		knob_put(rd[i].text);
		TEST_ASSERT(sysinfo_fp_mode() == rd[i].mode, "'%.2s' read as %s",
			    rd[i].text, fp_mode_names[sysinfo_fp_mode()]);
	}
	knob_put("1\n");
	TEST_ASSERT(sysinfo_set_fp_mode(FP_MODE_LAZY_KEEP) == 0, "set lazy_keep");
	TEST_ASSERT(!strcmp(knob_get(), "2\n"), "knob '%s'", knob_get());
	TEST_ASSERT(sysinfo_fp_mode() == FP_MODE_LAZY_KEEP, "read back");
	TEST_ASSERT(sysinfo_set_fp_mode(FP_MODE_LAZY) == 0 && !strcmp(knob_get(), "0\n"),
		    "set lazy: '%s'", knob_get());
	TEST_ASSERT(sysinfo_set_fp_mode(FP_MODE_UNKNOWN) == -EINVAL, "unknown written");
}

static void test_set(void)
{
	const struct fpmode_knob old = { old_kernel_write, sysinfo_fp_mode };
	const struct fpmode_knob pkvm = { pkvm_write, sysinfo_fp_mode };
	const struct fpmode_knob sticky = { sticky_write, sysinfo_fp_mode };
	const struct fpmode_knob user = { user_write, sysinfo_fp_mode };
	struct harness_params p;
	char err[512], reason[HARNESS_REASON_LEN];
	int rc;

	/* all: three modes in order, each written and read back. */
	knob_put("0\n");
	harness_params_init(&p);
	rc = fpmode_setup("all", &p, err, sizeof(err));
	TEST_ASSERT(rc == FPB_OK, "setup all: %s", err);
	TEST_ASSERT(p.nr_modes == 3 && p.modes[0] == FP_MODE_EAGER &&
		    p.modes[1] == FP_MODE_LAZY && p.modes[2] == FP_MODE_LAZY_KEEP,
		    "all: %u modes", p.nr_modes);
	TEST_ASSERT(p.set_mode == fpmode_set, "set_mode");
	for (unsigned int m = 0; m < p.nr_modes; m++) {
		reason[0] = '\0';
		rc = p.set_mode(p.modes[m], reason, sizeof(reason));
		TEST_ASSERT(rc == FPB_OK, "%s: %d %s", fp_mode_names[p.modes[m]], rc, reason);
		TEST_ASSERT(sysinfo_fp_mode() == p.modes[m], "knob '%s'", knob_get());
	}
	fpmode_restore();
	TEST_ASSERT(!strcmp(knob_get(), "0\n"), "restored to lazy: '%s'", knob_get());

	/* current: the knob's mode, nothing written; lazy_keep is read as such. */
	knob_put("2\n");
	rc = fpmode_setup("current", &p, err, sizeof(err));
	TEST_ASSERT(rc == FPB_OK && p.nr_modes == 1 && p.modes[0] == FP_MODE_LAZY_KEEP &&
		    !p.set_mode, "current: %d %s", rc, fp_mode_names[p.modes[0]]);

	/* A kernel whose knob takes 0..1: lazy_keep refused, the others run. */
	knob_put("1\n");
	fpmode_set_knob(&old);
	rc = fpmode_setup("all", &p, err, sizeof(err));
	TEST_ASSERT(rc == FPB_OK, "setup: %s", err);
	TEST_ASSERT(fpmode_set(FP_MODE_EAGER, reason, sizeof(reason)) == FPB_OK, "%s", reason);
	TEST_ASSERT(fpmode_set(FP_MODE_LAZY, reason, sizeof(reason)) == FPB_OK, "%s", reason);
	rc = fpmode_set(FP_MODE_LAZY_KEEP, reason, sizeof(reason));
	TEST_ASSERT(rc == FPB_SKIP, "refused lazy_keep: %d", rc);
	TEST_STR_CONTAINS(reason, "kernel refuses fp_eager=2 (knob accepts 0..1; kernel without lazy_keep)");
	TEST_ASSERT(!strchr(reason, ','), "comma in '%s'", reason);
	TEST_ASSERT(!strcmp(knob_get(), "0\n"), "refused write changed the knob: '%s'", knob_get());
	fpmode_restore();
	TEST_ASSERT(!strcmp(knob_get(), "1\n"), "restored to eager: '%s'", knob_get());

	/* Protected KVM refuses every write. */
	fpmode_set_knob(&pkvm);
	rc = fpmode_set(FP_MODE_LAZY, reason, sizeof(reason));
	TEST_ASSERT(rc == FPB_SKIP, "pkvm: %d", rc);
	TEST_STR_CONTAINS(reason, "kernel refuses fp_eager=0");
	TEST_STR_CONTAINS(reason, "protected KVM?");

	/* Not root: the mode in effect runs, the others skip with the reason. */
	knob_put("1\n");
	fpmode_set_knob(&user);
	rc = fpmode_set(FP_MODE_EAGER, reason, sizeof(reason));
	TEST_ASSERT(rc == FPB_OK, "user, eager in effect: %d %s", rc, reason);
	rc = fpmode_set(FP_MODE_LAZY, reason, sizeof(reason));
	TEST_ASSERT(rc == FPB_SKIP, "user, lazy: %d", rc);
	TEST_STR_CONTAINS(reason, "kvm.fp_eager is root's");
	TEST_STR_CONTAINS(reason, "only the kernel's current mode (eager) runs");
	TEST_ASSERT(!strchr(reason, ','), "comma in '%s'", reason);

	/* Written, but the knob reads back another mode: not labelled as run. */
	fpmode_set_knob(&sticky);
	rc = fpmode_set(FP_MODE_LAZY_KEEP, reason, sizeof(reason));
	TEST_ASSERT(rc == FPB_SKIP, "sticky: %d", rc);
	TEST_STR_CONTAINS(reason, "fp_eager=2 written but reads back eager: lazy_keep not in effect");
	rc = fpmode_set(FP_MODE_EAGER, reason, sizeof(reason));
	TEST_ASSERT(rc == FPB_OK, "sticky eager: %d %s", rc, reason);
	fpmode_set_knob(NULL);

	TEST_ASSERT(fpmode_set(FP_MODE_UNKNOWN, reason, sizeof(reason)) == FPB_EUSAGE,
		    "unknown set");

	/* No knob: a mode cannot be chosen; current measures as is. */
	sysinfo_fp_knob_path("/nonexistent/fp_eager");
	rc = fpmode_setup("both", &p, err, sizeof(err));
	TEST_ASSERT(rc == FPB_SKIP, "no knob: %d", rc);
	TEST_STR_CONTAINS(err, "no kvm.fp_eager knob");
	TEST_STR_CONTAINS(err, "/sys/module/kvm/parameters/fp_eager");
	rc = fpmode_set(FP_MODE_EAGER, reason, sizeof(reason));
	TEST_ASSERT(rc == FPB_SKIP, "no knob set: %d", rc);
	TEST_STR_CONTAINS(reason, "no kvm.fp_eager knob");
	rc = fpmode_setup("current", &p, err, sizeof(err));
	TEST_ASSERT(rc == FPB_OK && p.modes[0] == FP_MODE_UNKNOWN, "current without knob");
	sysinfo_fp_knob_path(knob);
}

int main(void)
{
	int fd;

	snprintf(knob, sizeof(knob), "/tmp/fpbench-knob-XXXXXX");
	fd = mkstemp(knob);
	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	sysinfo_fp_knob_path(knob);
	test_parse();
	test_sysinfo_knob();
	test_set();
	sysinfo_fp_knob_path(NULL);
	unlink(knob);
	return test_done("unit.lib.fpmode");
}
