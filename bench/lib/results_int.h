/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the results files (results.h is the interface): the column table
 * the summary writer and reader share, and the file primitives of
 * results_file.c. Included by results*.c only.
 */
#ifndef FPBENCH_RESULTS_INT_H
#define FPBENCH_RESULTS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "results.h"

enum col_type {
	COL_NAME,	/* int-sized enum, written by name */
	COL_UINT,	/* unsigned int */
	COL_U64,	/* uint64_t */
	COL_DOUBLE,	/* double, shortest exact text, nan */
	COL_BOOL,	/* bool as 0/1 */
	COL_TEXT,	/* char[RESULTS_REASON_LEN], no commas */
};

struct column {
	const char *name;
	enum col_type type;
	size_t off;
	const char *const *names;	/* COL_NAME */
	int nr_names;
};

/* The summary columns, in file order (results.c). */
extern const struct column summary_cols[];
extern const size_t summary_nr_cols;
/* At most this many columns in any results CSV (the readers' arrays). */
#define RESULTS_MAX_COLS	64
/* Columns before the first whose name starts with @name. */
size_t summary_nr_before(const char *name);

/*
 * The samples file: the first SAMPLES_KEY_COLS summary columns (the
 * configuration key), then samples_value_cols.
 */
#define SAMPLES_KEY_COLS	7
#define SAMPLES_NR_COLS		(SAMPLES_KEY_COLS + 3)
extern const char *const samples_value_cols[SAMPLES_NR_COLS - SAMPLES_KEY_COLS];

void results_format_double(double v, char *buf, size_t len);
void results_format_field(const struct column *c, const void *base,
			  char *buf, size_t len);
/* Would @row read back? Name columns must hold a known value. */
bool results_row_valid(const struct result_row *row);

/* results_meta.c: BASE.json of @arg, a struct run_meta. */
int results_fill_meta(FILE *f, const void *arg);

/* results_file.c */
int results_close_synced(FILE *f);
void results_fsync_dir_of(const char *path);
int results_write_atomic(const char *path, int (*fill)(FILE *, const void *),
			 const void *arg);
int results_slurp(const char *path, bool csv, char **out, size_t *len,
		  char *err, size_t errlen);

#endif
