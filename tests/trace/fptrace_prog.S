/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bare-metal program for the fptrace plugin test (fptrace_test.sh): runs
 * at EL2 with the MMU off on qemu-system-aarch64 -M virt,virtualization=on
 * -cpu max,sme=on and exits by semihosting. It speaks the marker protocol
 * of bench/lib/trace_protocol.h and executes a known sequence in windows,
 * so that every column of the plugin's output has a count worked out by
 * hand (fptrace_test.sh lists them instruction by instruction):
 *
 *   window 1  id ID_A, SVE VL 128, SME SVL 128
 *   window 2  id ID_B, VL 512, SVL 512
 *   window 3  id ID_A again (the row adds up two windows)
 *   window 4  id ID_D: a load faults in the middle of a block, the
 *             handler skips it (D and H in fptrace_test.sh)
 *   window 5  id ID_C, never closed: dropped and reported
 *
 * Code in .text is host kernel (no range), .text.user and .text.guest are
 * sent as RANGE messages, after user_fn and guest_fn were already
 * translated (called once before): their class must be decided when they
 * execute. split_fn has ranges that begin and end inside straight-line
 * code, one overriding another. Protocol errors on purpose: a stray
 * WIN_CLOSE and a stray nibble before the first window.
 */
#include "trace_protocol.h"

	.arch	armv8.6-a+sve+sme

#define ID_A	0xa11ce00000000001
#define ID_B	0x0000b0b000000002
#define ID_C	0xc0c0c0c0c0c0c0c3
#define ID_D	0x00000000d00d0004

/* Beyond any physical address: with the MMU off, an address size fault. */
#define BAD_ADDR	0xffff000000000000

#define SYS_EXIT			0x18	/* semihosting */
#define ADP_Stopped_ApplicationExit	0x20026

/*
 * CPTR_EL2 with HCR_EL2.E2H = 0: RES1 bits 13, 9 and 7:0; TFP (10), TZ (8)
 * and TSM (12) clear, so FP, SVE and SME do not trap.
 */
#define CPTR_EL2_NOTRAP	0x22ff
#define SPSR_EL2H_DAIF	0x3c9	/* EL2h, D, A, I, F masked */

	.macro	mark imm
	hint	#\imm
	.endm

	/* ZCR_EL2.LEN and SMCR_EL2.LEN: VL = (len + 1) * 128 bits. */
	.macro	set_vl len
	mov	x0, #\len
	msr	zcr_el2, x0
	msr	smcr_el2, x0
	isb
	.endm

	/*
	 * One window: its instructions are listed, numbered, in
	 * fptrace_test.sh (K kernel, U user_fn, G guest_fn).
	 */
	.macro	window
	mark	TRACE_HINT_WIN_OPEN
	adr	x0, buf			// K1
	add	x1, x0, #256		// K2
	add	x2, x0, #512		// K3
	add	x4, x0, #1024		// K4
	add	x5, x0, #2048		// K5
	mark	TRACE_HINT_RUN_BEGIN
	stp	q0, q1, [x0]		// K6
	ldp	q0, q1, [x0]		// K7
	str	q2, [x0, #32]		// K8
	str	z0, [x1]		// K9
	ldr	z0, [x1]		// K10
	str	p0, [x2]		// K11
	ptrue	p1.b			// K12
	isb				// K13
	dsb	sy			// K14
	dmb	ish			// K15
	msr	tpidr_el2, x0		// K16
	smstart	za			// K17
	zero	{za}			// K18
	mov	w12, #0			// K19
	str	za[w12, 0], [x4]	// K20
	smstop	za			// K21
	adr	x3, 1f			// K22
	msr	elr_el2, x3		// K23
	mov	x3, #SPSR_EL2H_DAIF	// K24
	msr	spsr_el2, x3		// K25
	eret				// K26
1:	bl	user_fn			// K27
	mark	TRACE_HINT_RUN_END
	bl	guest_fn		// K28
	ldr	x7, [x5]		// K29
	ldadd	x0, x8, [x5]		// K30
	bl	split_fn		// K31
	mark	TRACE_HINT_WIN_CLOSE
	.endm

	.text
	.globl	_start
_start:
	mov	x0, #CPTR_EL2_NOTRAP
	msr	cptr_el2, x0
	adr	x0, vectors
	msr	vbar_el2, x0
	isb
	set_vl	0

	/* Translated before the ranges arrive. */
	adr	x5, buf
	bl	user_fn
	bl	guest_fn

	mark	TRACE_HINT_WIN_CLOSE		// error: no window open
	mark	TRACE_HINT_NIBBLE(3)		// error: no message open

	mov	x1, #TRACE_CLASS_USER
	adr	x2, user_lo
	adr	x3, user_hi
	bl	send_range
	mov	x1, #TRACE_CLASS_GUEST
	adr	x2, guest_lo
	adr	x3, guest_hi
	bl	send_range
	/* Two ranges for the middle of split_fn: the later (user) wins. */
	mov	x1, #TRACE_CLASS_GUEST
	adr	x2, split_lo
	adr	x3, split_hi
	bl	send_range
	mov	x1, #TRACE_CLASS_USER
	adr	x2, split_lo
	adr	x3, split_hi
	bl	send_range

	ldr	x1, =ID_A
	bl	send_id
	window

	set_vl	3
	ldr	x1, =ID_B
	bl	send_id
	window

	set_vl	0
	ldr	x1, =ID_A
	bl	send_id
	window

	ldr	x1, =ID_D
	bl	send_id
	ldr	x11, =BAD_ADDR
	mark	TRACE_HINT_WIN_OPEN
	mov	x10, #0			// D1
	ldr	x10, [x11]		// D2: faults, skipped by skip_insn
	add	x10, x10, #1		// D3
	add	x10, x10, #2		// D4
	mark	TRACE_HINT_WIN_CLOSE

	ldr	x1, =ID_C
	bl	send_id
	mark	TRACE_HINT_WIN_OPEN
	nop

	/* Semihosting SYS_EXIT: x1 points at {reason, exit code}. */
	mov	x0, #SYS_EXIT
	adr	x1, exit_block
	hlt	#0xf000
	b	.

/*
 * send_word: x0 = the word, sent as 16 nibble hints, least significant
 * first, through a table of hint; ret pairs (the hint immediate is part of
 * the encoding). Clobbers x0, x9-x12.
 */
send_word:
	mov	x12, x30
	mov	x10, #16
1:	and	x9, x0, #15
	adr	x11, nibble_table
	add	x11, x11, x9, lsl #3
	blr	x11
	lsr	x0, x0, #4
	subs	x10, x10, #1
	b.ne	1b
	ret	x12

nibble_table:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	mark	TRACE_HINT_NIBBLE(\n)
	ret
	.endr

/* send_id: x1 = id. Clobbers x0, x9-x13. */
send_id:
	mov	x13, x30
	mark	TRACE_HINT_MSG_BEGIN
	mov	x0, #TRACE_MSG_ID
	bl	send_word
	mov	x0, x1
	bl	send_word
	mark	TRACE_HINT_MSG_END
	ret	x13

/* send_range: x1 = class, [x2, x3) the addresses. Clobbers x0, x9-x13. */
send_range:
	mov	x13, x30
	mark	TRACE_HINT_MSG_BEGIN
	mov	x0, #TRACE_MSG_RANGE
	bl	send_word
	mov	x0, x1
	bl	send_word
	mov	x0, x2
	bl	send_word
	mov	x0, x3
	bl	send_word
	mark	TRACE_HINT_MSG_END
	ret	x13

/*
 * Straight-line code (one segment for the plugin) with a range boundary on
 * either side of S2, S3: they are user code, S1, S4, S5 kernel code.
 */
split_fn:
	add	x9, x9, #1		// S1
split_lo:
	add	x9, x9, #2		// S2
	add	x9, x9, #3		// S3
split_hi:
	add	x9, x9, #4		// S4
	ret				// S5

	.ltorg

/*
 * EL2 vectors: only a synchronous exception from EL2 itself is expected
 * (the load at BAD_ADDR); it returns past the faulting instruction.
 */
	.balign	2048
vectors:
	.skip	0x200
skip_insn:				// current EL, SP_ELx, synchronous
	mrs	x9, elr_el2		// H1
	add	x9, x9, #4		// H2
	msr	elr_el2, x9		// H3
	eret				// H4
	.balign	0x80
	b	.			// anything else: hang (the test times out)

	/* Host user space, as far as the plugin knows. x5: scratch memory. */
	.section .text.user, "ax"
user_lo:
user_fn:
	str	x0, [x5]		// U1
	ldr	x6, [x5]		// U2
	isb				// U3
	ret				// U4
user_hi:

	/* The KVM guest: none of its kinds or accesses are counted. */
	.section .text.guest, "ax"
guest_lo:
guest_fn:
	str	x0, [x5]		// G1
	dsb	sy			// G2
	ptrue	p2.b			// G3
	msr	tpidr_el1, x0		// G4
	ret				// G5
guest_hi:

	.data
	.balign	16
exit_block:
	.quad	ADP_Stopped_ApplicationExit, 0

	.bss
	.balign	4096
buf:
	.skip	4096
