/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Markers for the emulated host's TCG plugin (tools/trace): fpbench says
 * where a measured batch and each timed operation begin and end, and whose
 * code lives where, so the plugin can count exactly what ran inside
 * (trace_protocol.h). A marker is an unallocated `hint`, a NOP on
 * hardware: the same binary runs unchanged on a real arm64 host, where
 * nothing listens and the trace columns of the results stay NaN.
 */
#ifndef FPBENCH_TRACE_H
#define FPBENCH_TRACE_H

#include <stdint.h>

#include "fpbench.h"
#include "trace_protocol.h"

/* One marker instruction (arch.h); the compiler may not move it across others. */
#define trace_mark(imm)	arch_trace_hint(imm)

/* Inside a measured batch (a window of the plugin). */
#define trace_window_open()	trace_mark(TRACE_HINT_WIN_OPEN)
#define trace_window_close()	trace_mark(TRACE_HINT_WIN_CLOSE)
/* Around the timed operation of one iteration. */
#define trace_run_begin()	trace_mark(TRACE_HINT_RUN_BEGIN)
#define trace_run_end()		trace_mark(TRACE_HINT_RUN_END)

/*
 * Send a message of @n words (trace_protocol.h: word 0 is its type):
 * bench/arch/<arch>/, a no-op off arm64. Uses no FP register.
 */
void trace_send(const uint64_t *words, unsigned int n);

/* The id of @cfg's results row (key and fp_mode): FNV-1a of its text. */
uint64_t trace_id(const struct fpb_config *cfg);

/* The next window on this CPU belongs to @cfg's row. */
void trace_next_window(const struct fpb_config *cfg);

/* Code at [lo, hi) is of @cls (TRACE_CLASS_USER, TRACE_CLASS_GUEST). */
void trace_range(unsigned int cls, uint64_t lo, uint64_t hi);

/* Announce this program's code (text and vDSO) as host user space. */
void trace_announce_self(void);

#endif
