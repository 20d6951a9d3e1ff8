/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kselftest-style TAP output of a run, for harnesses that already parse
 * kselftest (KernelCI, LKFT, LAVA through tools/lava/tap-to-lava).
 *
 *   TAP version 13
 *   1..N
 *   ok 1 kvm/mmio/host=sve/guest=none/vl=256/eager # median=1234 cycles
 *   ok 2 kvm/mmio/host=za/guest=none/svl=512/lazy # SKIP no SME
 *   not ok 3 kvm/mmio/host=sve/guest=sve/vl=256/eager # integrity_failures=3
 *   # Totals: pass:1 fail:1 xfail:0 xpass:0 skip:1 error:0
 *
 * The test name is the configuration key plus fp_mode (results/README.md),
 * so it is unique within a run and stable across runs. TAP goes to stdout;
 * anything else a program prints must be a "# " diagnostic (tap_diag).
 */
#ifndef FPBENCH_TAP_H
#define FPBENCH_TAP_H

#include <stddef.h>
#include <stdio.h>

struct result_row;	/* results.h */

/* Longest name tap_name() produces, with its NUL. */
#define TAP_NAME_MAX 112

/* Counts of what tap_result() printed, for tap_totals(). */
struct tap_counts {
	unsigned int pass;
	unsigned int fail;
	unsigned int skip;
};

/* "TAP version 13" and the plan "1..@plan". */
void tap_header(FILE *f, unsigned int plan);

/*
 * Test point @n for @row: "ok" for status ok without integrity failures,
 * "ok ... # SKIP reason" for status skip, "not ok ... # why" otherwise.
 * Returns 0 for pass, 1 for fail, 2 for skip (to feed struct tap_counts).
 */
int tap_result(FILE *f, unsigned int n, const struct result_row *row);

/* As tap_result(), also counting into @counts (may be NULL). */
void tap_result_count(FILE *f, unsigned int n, const struct result_row *row,
		      struct tap_counts *counts);

/* "# " diagnostic line(s); a newline is added if @fmt has none. */
void tap_diag(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* kselftest's closing "# Totals: ..." line. */
void tap_totals(FILE *f, const struct tap_counts *counts);

/*
 * Writes @row's test name into @buf: matrix_config_key() ("vl=" and "svl="
 * only when non-zero) then "/" and the fp_mode, e.g.
 * "kvm/mmio/host=sve/guest=none/vl=256/eager". Returns the length
 * snprintf() would have written.
 */
int tap_name(char *buf, size_t size, const struct result_row *row);

#endif
