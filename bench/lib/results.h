/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Results files (schema in results/README.md): BASE.csv summary rows,
 * BASE.samples.csv per-iteration samples, BASE.json run metadata. The
 * writer keeps BASE.csv complete at every moment (rewrite, fsync, rename);
 * the reader rejects anything malformed with file:line and the reason.
 */
#ifndef FPBENCH_RESULTS_H
#define FPBENCH_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fpbench.h"
#include "stats.h"

#define RESULTS_SCHEMA		1
#define RESULTS_MAX_VLS		16
#define RESULTS_MAX_EVENTS	8
#define RESULTS_REASON_LEN	128

/* What the cycles_* columns count. */
enum result_unit {
	UNIT_CYCLES,	/* PMU cycle counter */
	UNIT_CNTVCT,	/* generic timer ticks */
	UNIT_NS,	/* clock_gettime */
	UNIT_NR,
};

enum result_status {
	STATUS_OK,
	STATUS_SKIP,	/* feature missing, reason says which */
	STATUS_FAIL,	/* measured but failed (e.g. integrity), reason says why */
	STATUS_NR,
};

extern const char *const result_unit_names[UNIT_NR];
/* Unit by name ("cycles", "cntvct", "ns"); unknown or NULL: UNIT_NS. */
enum result_unit result_unit_lookup(const char *name);
extern const char *const result_status_names[STATUS_NR];

/*
 * Counts of the emulated host's TCG plugin (tools/trace, merged by
 * `fpbench trace-merge`), per measured iteration: the timed section (the
 * operation, as the per-iteration PMU sample covers it) unless named
 * iter_ (the whole iteration: fill, operation, verify, harness). "Host"
 * is host user space plus host kernel/hyp; the guest is counted apart.
 * All NaN where no trace ran (hardware). Column names in results.c.
 */
struct result_trace {
	double instructions;		/* host instructions */
	double user_instructions;	/* of which host user space */
	double guest_instructions;	/* the guest's */
	double load_bytes;		/* host kernel/hyp loads, bytes */
	double store_bytes;		/* host kernel/hyp stores, bytes */
	double loads;			/* host kernel/hyp load accesses */
	double stores;			/* host kernel/hyp store accesses */
	double exceptions;		/* exception returns (ERET) */
	double isb;
	double barriers;		/* DSB, DMB */
	double msr;			/* system register writes */
	double sve;			/* SVE and SME instructions, host */
	double iter_instructions;	/* host, whole iteration */
	double iter_exceptions;		/* ERET, whole iteration */
	double iter_sve;		/* SVE/SME instructions, whole iteration */
};

/*
 * One BASE.csv row. cycles holds the summary of the per-iteration costs:
 * the CSV stores min, p10..p99, median, mad, tmean, ci_lo, ci_hi (max and
 * mean are not columns and read back as NaN, n reads back as iterations).
 * NaN means "does not exist" and is written as `nan`.
 */
struct result_row {
	struct fpb_config cfg;		/* key + fp_mode */
	uint64_t iterations;
	enum result_unit unit;
	struct stats cycles;
	double instructions_median;
	double baseline;
	double guest_median;
	double batch_cycles;
	double batch_instructions;
	double running_pct;
	uint64_t integrity_failures;
	bool emulated;
	enum result_status status;
	char reason[RESULTS_REASON_LEN];	/* "-" when ok; commas become ';' */
	struct result_trace tr;		/* NaN unless a trace was merged */
	/*
	 * The batch group's other events (--events) per measured iteration,
	 * "NAME=value;NAME=value" (as batch_cycles), "-" when there are none.
	 */
	char batch_events[RESULTS_REASON_LEN];
};

/* Every trace count NaN (no trace). */
void result_trace_init(struct result_trace *tr);

/* @row for @cfg: numbers NaN, counts 0, status ok, reason "-". */
void result_row_init(struct result_row *row, const struct fpb_config *cfg);

/* A skipped row: status skip with @reason. */
void result_row_skip(struct result_row *row, const struct fpb_config *cfg,
		     const char *reason);

/* BASE.json. Strings are plain text; the writer escapes them. */
struct run_meta {
	char version[32];
	char date[32];			/* ISO 8601 UTC, "2026-11-03T10:00:00Z" */
	char command_line[1024];
	char host[256];
	char kernel[256];		/* uname -r */
	char kernel_version[256];	/* uname -v */
	char kernel_config[256];	/* sysinfo_kernel_config(); "" in older files */
	unsigned int fp_modes;		/* 1u << enum fp_mode measured */
	struct {
		uint64_t midr;
		unsigned int implementer;
		unsigned int part;
		char name[64];
	} cpu;
	unsigned int sve_vls[RESULTS_MAX_VLS];	/* bits, offered by the kernel */
	size_t nr_sve_vls;
	unsigned int sme_vls[RESULTS_MAX_VLS];
	size_t nr_sme_vls;
	bool emulated;
	char emulation[128];		/* "" when on hardware */
	struct {
		enum result_unit unit;
		char source[64];	/* "perf_event", "cntvct", ... */
		char events[RESULTS_MAX_EVENTS][64];
		size_t nr_events;
		char pmu_unavailable[256];	/* what of the PMU is unused, why; "" if none */
	} counter;
	int pinned_cpu;
	unsigned int iterations;
	unsigned int warmup;
	unsigned int batches;
	uint64_t seed;
};

/*
 * Zero @meta and fill what is the same for every run: version, date (now),
 * command_line (argv joined by spaces), host, kernel, kernel_version;
 * pinned_cpu = -1. The caller fills the rest.
 */
void results_meta_init(struct run_meta *meta, int argc, char **argv);
/*
 * Record @date ("YYYY-MM-DDTHH:MM:SSZ", checked character by character) as
 * the run's start instead of the clock's: -1 if malformed. Costs the same
 * instructions for every date, which a deterministic emulated run needs.
 */
int results_meta_set_date(struct run_meta *meta, const char *date);

struct results_writer;

/*
 * Start a run: writes BASE.json (via a temporary file and rename), an
 * empty BASE.csv (header only) and opens BASE.samples.csv.partial.
 * NULL after a message on stderr naming the file.
 */
struct results_writer *results_open(const char *base,
				    const struct run_meta *meta);

/*
 * Add one completed configuration: BASE.csv is rewritten with all rows so
 * far (temporary file, fsync, rename), the @n samples are appended to
 * BASE.samples.csv.partial (@instructions may be NULL: written as nan).
 * Skip rows usually have n = 0. Returns FPB_OK, FPB_EENV (I/O, message on
 * stderr) or FPB_FAIL for a row that could not be read back (an enum out
 * of range, or n > 0 without @cycles): nothing is written then.
 */
int results_add(struct results_writer *w, const struct result_row *row,
		const double *cycles, const double *instructions, size_t n);

/*
 * Finish: renames BASE.samples.csv.partial to BASE.samples.csv and frees
 * @w (also on error). Call it on SIGINT too. FPB_OK or FPB_EENV.
 */
int results_close(struct results_writer *w);

/* Rows of a BASE.csv. */
struct result_set {
	struct result_row *rows;
	size_t nr;
};

/*
 * Read @csv into @out (free with results_free()). FPB_OK, FPB_EDATA with
 * "file:line: what" in @err (missing or different header, short or long
 * row, bad number, unknown name, truncated last line, empty file), or
 * FPB_EENV when the file cannot be opened or read.
 */
int results_read(const char *csv, struct result_set *out,
		 char *err, size_t errlen);
void results_free(struct result_set *set);

/*
 * Rewrite @csv with the rows of @set (temporary file, fsync, rename), e.g.
 * after filling columns in. FPB_OK, FPB_FAIL (invalid row) or FPB_EENV.
 */
int results_write(const char *csv, const struct result_set *set);

/*
 * A count in a results or trace file: digits of @base only (no sign, no
 * blank), within 64 bits. 0, or -1 for anything else.
 */
int results_parse_u64(const char *s, int base, uint64_t *v);

/* Row with @key's key (fp_mode of @key ignored) and @mode; NULL if none. */
const struct result_row *results_find(const struct result_set *set,
				      const struct fpb_config *key,
				      enum fp_mode mode);

/* Samples of one configuration from BASE.samples.csv. */
struct sample_series {
	struct fpb_config cfg;
	double *cycles;
	double *instructions;
	size_t n;
};

struct sample_set {
	struct sample_series *series;
	size_t nr;
};

/*
 * Read BASE.samples.csv; rows of one configuration must be contiguous with
 * iteration 0, 1, 2, ... Same errors as results_read().
 */
int results_read_samples(const char *csv, struct sample_set *out,
			 char *err, size_t errlen);
void results_free_samples(struct sample_set *set);
const struct sample_series *results_find_samples(const struct sample_set *set,
						 const struct fpb_config *key,
						 enum fp_mode mode);

/*
 * Read BASE.json into @meta (fields absent from the file stay zero/empty).
 * FPB_OK, FPB_EDATA (bad JSON or wrong schema, message in @err with the
 * line) or FPB_EENV.
 */
int results_read_meta(const char *json, struct run_meta *meta,
		      char *err, size_t errlen);

/*
 * Helpers for readers given either BASE or BASE.csv (or .samples.csv,
 * .json): put "BASE" + @suffix into @buf, which may be @base_or_csv.
 * Returns snprintf()'s value.
 */
/*
 * The summary columns by position, in file order: a checker reads any
 * column by name without knowing struct result_row.
 */
size_t results_nr_columns(void);
const char *results_column_name(size_t i);
/* Column @i of @row as the writer writes it ("nan" when not measured). */
void results_column_text(const struct result_row *row, size_t i,
			 char *buf, size_t len);
/* Index of column @name, or -1. */
int results_column_index(const char *name);

int results_path(const char *base_or_csv, const char *suffix,
		 char *buf, size_t len);

#endif
