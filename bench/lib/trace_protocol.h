/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The marker protocol between fpbench (arm64 code, bench/lib/trace.h) and
 * the TCG plugin of the emulated host (tools/trace/fptrace.c). Shared by
 * both sides, so it holds numbers only: no arm64 code, no QEMU types.
 *
 * A marker is `hint #N` with an immediate the architecture leaves
 * unallocated: it executes as a NOP on hardware (and in QEMU), so the same
 * fpbench binary runs unchanged on a real arm64 host. The plugin sees the
 * instruction's encoding and acts on it. State is per vCPU: a marker only
 * affects counting on the vCPU that executed it.
 *
 *   TRACE_HINT_WIN_OPEN   start a window (one measured batch): counts of
 *                         everything the vCPU executes until WIN_CLOSE go
 *                         to the window's "iter" set (whole iterations:
 *                         fill, KVM_RUN, verify, harness).
 *   TRACE_HINT_WIN_CLOSE  end the window; its counts are added to the
 *                         entry of the window's id.
 *   TRACE_HINT_RUN_BEGIN  inside a window: start a timed section (the
 *                         operation under test, the same span the PMU's
 *                         per-iteration sample covers, minus the counter
 *                         reads); counts also go to the "run" set.
 *   TRACE_HINT_RUN_END    end the timed section; sections += 1.
 *                         Outside a window both are no-ops, not errors:
 *                         fpbench's warm-up and baseline iterations run
 *                         the same marked code.
 *   TRACE_HINT_MSG_BEGIN  a message follows: words of 64 bits, each sent
 *                         as 16 nibble hints, least significant nibble
 *                         first; TRACE_HINT_MSG_END ends it. Word 0 is
 *                         the message type.
 *   TRACE_HINT_NIBBLE(n)  one nibble (0..15) of a message word.
 *
 * The marker instructions themselves are not counted in any set.
 * A timed section still open at WIN_CLOSE stays in "iter" only (not in
 * "run", not in sections). Misplaced markers (WIN_CLOSE, RUN_* outside a
 * window, nibbles outside a message, ...) are ignored and reported on
 * stderr.
 *
 * Messages:
 *   TRACE_MSG_ID, id:            the next window on this vCPU belongs to
 *                                @id (trace_id() of the row's key + mode).
 *                                One ID per window: WIN_OPEN consumes it,
 *                                and a window opened without one is not
 *                                counted (reported on stderr).
 *   TRACE_MSG_RANGE, class, lo, hi:
 *                                code at virtual addresses [lo, hi) is of
 *                                @class (TRACE_CLASS_USER: host user space,
 *                                TRACE_CLASS_GUEST: the KVM guest). Code
 *                                outside every range is host kernel/hyp.
 *                                Ranges accumulate for the whole boot and
 *                                hold for every vCPU; where ranges overlap,
 *                                the one received last wins. An instruction
 *                                is classified when it executes, by the
 *                                ranges received so far.
 * A message is MSG_BEGIN, whole words of nibbles, MSG_END; another marker
 * in between, a partial word or a wrong word count discards it.
 */
#ifndef FPBENCH_TRACE_PROTOCOL_H
#define FPBENCH_TRACE_PROTOCOL_H

#define TRACE_PROTOCOL_VERSION	2	/* 2: the median columns of the output */

#define TRACE_HINT_NIBBLE_BASE	0x60	/* 0x60..0x6f: nibbles 0..15 */
#define TRACE_HINT_NIBBLE(n)	(TRACE_HINT_NIBBLE_BASE + (n))
#define TRACE_HINT_WIN_OPEN	0x70
#define TRACE_HINT_WIN_CLOSE	0x71
#define TRACE_HINT_RUN_BEGIN	0x72
#define TRACE_HINT_RUN_END	0x73
#define TRACE_HINT_MSG_BEGIN	0x74
#define TRACE_HINT_MSG_END	0x75

#define TRACE_MSG_ID		1
#define TRACE_MSG_RANGE		2

#define TRACE_CLASS_KERNEL	0	/* host kernel and hyp (the default) */
#define TRACE_CLASS_USER	1
#define TRACE_CLASS_GUEST	2

/*
 * A64 encoding of `hint #imm`: 0xd503201f | imm << 5 (imm 0..127).
 */
#define TRACE_HINT_INSN(imm)	(0xd503201fu | ((unsigned int)(imm) << 5))

/*
 * The plugin's output file (out=PATH), written when QEMU exits: text,
 * tab-separated, first line "# fptrace TRACE_PROTOCOL_VERSION" (one space
 * between the words), second the header below (column names, no "#"), then
 * one line per id in order of its first closed window:
 *   id        16 lower-case hex digits
 *   windows   windows closed with this id
 *   sections  timed sections (RUN_BEGIN..RUN_END) inside them
 * then TRACE_SET_COLUMNS for the "run" set (timed sections only), then the
 * same for the "iter" set (whole windows), each name prefixed "run_" or
 * "iter_": totals (decimal), the reader divides. Then the same columns of
 * the median timed section ("run_med_") and of the median iteration
 * ("iter_med_": RUN_BEGIN to the next RUN_BEGIN, the last one to
 * WIN_CLOSE), "-" where there is none: the sample in the middle ordered
 * by host instructions (user + kernel) and then by each column in turn,
 * so that all its columns are those of one real iteration; for an even
 * count the mean of the two middle samples (as fpbench's median), so a
 * median may end in ".5".
 *   user, kernel, guest   instructions executed, by class of their address
 *   kload_bytes, kstore_bytes, kloads, kstores
 *                         memory accesses of host kernel/hyp instructions
 *                         (bytes, and accesses as QEMU reports them to
 *                         plugins: tools/trace/README.md)
 *   uload_bytes, ustore_bytes   the same for host user space
 *   eret      exception returns (ERET, ERETAA, ERETAB) by the host
 *   isb       ISB; barrier: DSB, DMB (host)
 *   msr       system register writes, MSR (register) and MSR (immediate)
 *   sve, sme  instructions of the SVE and SME encoding groups (host)
 * eret..sme count host instructions only (classes user and kernel): the
 * guest's are in "guest" alone, and its memory accesses in no column.
 * A window still open at exit is dropped (not counted), and said so on
 * stderr.
 */
#define TRACE_SET_COLUMNS \
	"user", "kernel", "guest", "kload_bytes", "kstore_bytes", "kloads", \
	"kstores", "uload_bytes", "ustore_bytes", "eret", "isb", "barrier", \
	"msr", "sve", "sme"

#endif
