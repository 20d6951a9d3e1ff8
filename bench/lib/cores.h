/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cores as data, for a MODEL: the fewest cycles a core can spend on a
 * given mix of extra instructions, load bytes and store bytes, from its
 * documented front-end width and load/store bandwidth alone. It ignores
 * latency, dependencies, cache misses, serialising instructions (ISB,
 * DSB, ERET) and everything else that makes real code slower, so it is a
 * lower bound, never a measurement: an emulated run's instruction and
 * byte deltas turned into "at least this many cycles on core X".
 */
#ifndef FPBENCH_CORES_H
#define FPBENCH_CORES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * One core. Where a public source gives a range or is unclear, the row
 * takes the higher throughput (the comment says so): a higher throughput
 * gives a lower floor, which stays a lower bound.
 */
struct core_model {
	const char *name;		/* "Neoverse N1", as sysinfo.c names it */
	const char *short_name;		/* column heading, <= 6 characters */
	unsigned int implementer;	/* MIDR_EL1[31:24] */
	unsigned int part;		/* MIDR_EL1[15:4] */
	double width;			/* instructions per cycle, at most */
	double loads;			/* loads per cycle, at most */
	double load_bytes;		/* widest load one of them moves */
	double stores;			/* stores per cycle, at most */
	double store_bytes;		/* widest store one of them moves */
};

extern const struct core_model core_models[];
extern const size_t core_models_nr;

/* The core with this MIDR implementer and part, NULL if not in the table. */
const struct core_model *core_by_midr(unsigned int implementer,
				      unsigned int part);
/* By name or short name (case-insensitive), NULL if none. */
const struct core_model *core_by_name(const char *name);

/* Load and store bandwidth in bytes per cycle. */
double core_load_bpc(const struct core_model *core);
double core_store_bpc(const struct core_model *core);

/* Which term of the floor is the largest. */
enum floor_term {
	FLOOR_NONE,		/* every term 0: no extra work */
	FLOOR_INSTRUCTIONS,	/* instructions / width */
	FLOOR_LOADS,		/* load bytes / load bytes per cycle */
	FLOOR_STORES,		/* store bytes / store bytes per cycle */
	FLOOR_NR,
};

extern const char *const floor_term_names[FLOOR_NR];

struct core_floor {
	double cycles;		/* max of the three terms */
	double instructions;	/* each term in cycles */
	double loads;
	double stores;
	enum floor_term binds;	/* the largest; ties go to the earlier term */
};

/*
 * Floor of a delta mix on @core: max(instructions / width, load bytes /
 * load bytes per cycle, store bytes / store bytes per cycle). A negative
 * component counts as 0: the mix is what eager mode does MORE, and work it
 * does less of cannot make the extra work cheaper than free. A NaN
 * component (not measured) makes the floor NaN.
 */
double analysis_floor_cycles(const struct core_model *core,
			     double d_instructions, double d_load_bytes,
			     double d_store_bytes);

/* The same with every term; returns @out->cycles. */
double analysis_floor(const struct core_model *core, double d_instructions,
		      double d_load_bytes, double d_store_bytes,
		      struct core_floor *out);

/*
 * One line, no newline, saying which term binds and how it was computed,
 * e.g. "Neoverse N1 >= 32.0 cycles (instructions: 128 / 4 per cycle)",
 * at most 70 columns for deltas below 10^6. Returns snprintf()'s value.
 */
int analysis_floor_explain(const struct core_model *core,
			   double d_instructions, double d_load_bytes,
			   double d_store_bytes, char *buf, size_t len);

#endif
