/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cycle counters: a perf_event group for batch totals and a syscall-free
 * per-iteration time source.
 *
 * Two kinds of reads:
 *   - per iteration, counters_now()/counters_snap(): never a syscall, because
 *     a syscall would discard the host SVE/SME state the benchmark has just
 *     made live (sve.rst, sme.rst). Sources, best first:
 *       "cycles"  arm64 EL0 read of the PMU cycle counter (perf_user_access=1,
 *                 attr.config1 bit 1, seqlock on the event's mmapped page);
 *                 instructions too when the PMU can give them to EL0;
 *                 only when kernel work is counted (perf_event_paranoid
 *                 <= 1 or root): a user-only count would miss nearly all
 *                 of a KVM_RUN or a context switch, so then the timer
 *                 below is used and the group gives batch totals only
 *       "cntvct"  arm64 generic timer (isb; mrs cntvct_el0), no PMU needed
 *       "ns"      clock_gettime(CLOCK_MONOTONIC_RAW) (vDSO) elsewhere
 *   - per batch, counters_batch_start()/_stop(): read() of the whole group
 *     with TOTAL_TIME_ENABLED/RUNNING, so multiplexing is visible.
 * Guest/host attribution is explicit (exclude_guest/exclude_host).
 *
 * Events are names: "cycles", "instructions" (generic perf events, always
 * understood) or, with libpfm4 (FPBENCH_HAVE_LIBPFM), any name libpfm knows
 * for this core ("CPU_CYCLES", "EXC_TAKEN", "armv8_pmuv3_0::INST_RETIRED").
 * If libpfm does not know the core (QEMU -cpu max), only the generic names
 * work and counters_describe() says so.
 */
#ifndef FPBENCH_COUNTERS_H
#define FPBENCH_COUNTERS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "arch.h"

#define COUNTERS_MAX_EVENTS	8
#define COUNTERS_NAME_LEN	64
#define COUNTERS_REASON_LEN	256

/* Which exception levels' work is counted (attr.exclude_guest/_host). */
enum counters_attrib {
	COUNTERS_HOST,		/* host only (exclude_guest): libpfm's default */
	COUNTERS_GUEST,		/* guest only (exclude_host) */
	COUNTERS_BOTH,		/* host and guest */
	COUNTERS_ATTRIB_NR,
};
extern const char *const counters_attrib_names[COUNTERS_ATTRIB_NR]; /* "host", "guest", "both" */

/* Where counters_now() gets its numbers. */
enum counters_source {
	COUNTERS_SRC_PMU_USER,	/* EL0 PMU read: unit "cycles" */
	COUNTERS_SRC_CNTVCT,	/* arm64 generic timer: "cntvct" */
	COUNTERS_SRC_CLOCK,	/* clock_gettime(CLOCK_MONOTONIC_RAW): "ns" */
	COUNTERS_SRC_NR,
};
extern const char *const counters_source_names[COUNTERS_SRC_NR];

struct counters_opts {
	int cpu;		/* CPU the caller is pinned to, -1 if not: picks
				 * the PMU on big.LITTLE */
	const char *events[COUNTERS_MAX_EVENTS]; /* NULL-terminated; all NULL:
				 * {"cycles", "instructions"} */
	enum counters_attrib attrib;
	bool user_read;		/* try EL0 PMU reads for counters_now() */
	bool no_pmu;		/* do not open perf events at all */
};

/* Per-batch totals (deltas between batch_start and batch_stop). */
struct counter_values {
	int nr;
	uint64_t value[COUNTERS_MAX_EVENTS];	/* in counters->names order */
	uint64_t time_enabled, time_running;	/* ns; running < enabled:
						 * multiplexed */
};

/* A per-iteration reading. */
struct counters_snap {
	uint64_t now;		/* in counters_unit() */
	uint64_t instructions;	/* 0 unless counters_have_instructions() */
};

struct perf_event_mmap_page;

/* Public only so that counters_now() can be inline; use the accessors. */
struct counters {
	int nr;					/* events open in the group */
	int fd[COUNTERS_MAX_EVENTS];		/* fd[0] is the group leader */
	char names[COUNTERS_MAX_EVENTS][COUNTERS_NAME_LEN];
	uint64_t batch_start[COUNTERS_MAX_EVENTS];
	uint64_t batch_enabled, batch_running;
	int cycles_idx, instr_idx;		/* index in fd[], -1 if absent */
	enum counters_attrib attrib;
	enum counters_source source;
	unsigned int pmu_type;			/* perf attr.type used */
	char pmu_name[COUNTERS_NAME_LEN];	/* "armv8_pmuv3_0", "cpu" */
	bool libpfm;				/* libpfm4 knew the core */
	bool exclude_kernel;			/* had to drop kernel counting:
						 * then never a PMU source */
	struct perf_event_mmap_page *pc_cycles;	/* EL0 read pages */
	struct perf_event_mmap_page *pc_instr;
	size_t pc_len;
	char reason[COUNTERS_REASON_LEN];	/* why no PMU / no EL0 reads */
};

/*
 * Open the group described by @o (NULL: defaults). Never fails for a missing
 * PMU: then counters_have_pmu() is false, counters_reason() says why, and
 * counters_now() uses the timer. Returns 0, or -errno for bad options (an
 * event name nobody knows: -ENOENT, with the reason set).
 */
int counters_open(struct counters *c, const struct counters_opts *o);
void counters_close(struct counters *c);

bool counters_have_pmu(const struct counters *c);	/* batch group open */
bool counters_have_instructions(const struct counters *c); /* per iteration */
const char *counters_unit(const struct counters *c);	/* "cycles", "cntvct", "ns" */
const char *counters_source_name(const struct counters *c);
const char *counters_reason(const struct counters *c);	/* "" when all is well */

/* One line per fact: source, unit, events, PMU, attribution, reasons. */
void counters_describe(const struct counters *c, FILE *f);
/* {"unit", "source", "pmu", "attribution", "events": [], "reason"} */
void counters_print_json(const struct counters *c, FILE *f);

int counters_batch_start(struct counters *c);
int counters_batch_stop(struct counters *c, struct counter_values *v);

/* Slow path of counters_now() (read() syscall or clock_gettime). */
uint64_t counters_now_slow(struct counters *c);
/* CLOCK_MONOTONIC_RAW in ns: the clock of "ns" units, and of progress. */
uint64_t counters_clock_ns(void);
uint64_t counters_user_read(struct perf_event_mmap_page *pc);

/* Generic timer frequency in Hz (CNTFRQ_EL0) on arm64, 1e9 for "ns". */
uint64_t counters_freq(const struct counters *c);

/* Per-iteration reading: never a syscall (it would disturb SVE/SME state). */
static inline uint64_t counters_now(struct counters *c)
{
	if (ARCH_HAS_USER_PMU && c->source == COUNTERS_SRC_PMU_USER)
		return counters_user_read(c->pc_cycles);
	if (ARCH_HAS_USER_TIMER && c->source == COUNTERS_SRC_CNTVCT)
		return arch_timer_read();
	return counters_now_slow(c);
}

/* counters_now() plus instructions when the PMU gives them to EL0. */
static inline void counters_snap(struct counters *c, struct counters_snap *s)
{
	if (ARCH_HAS_USER_PMU && c->pc_instr) {
		s->instructions = counters_user_read(c->pc_instr);
		s->now = counters_now(c);
		return;
	}
	s->instructions = 0;
	s->now = counters_now(c);
}

#endif
