// SPDX-License-Identifier: GPL-2.0
//
// trace_send(): a message to the emulated host's TCG plugin as a run of
// marker hints (bench/lib/trace_protocol.h). Each 64-bit word goes out as
// 16 nibble hints, least significant first; a nibble selects one of 16
// `hint #0x60+n; b next` pairs. On hardware every hint is a NOP.
//
// A leaf: no stack, no calls, no FP/SIMD register.

#include "../lib/trace_protocol.h"

	.text
	.globl	trace_send
	.type	trace_send, %function
	.p2align 2
// x0: const uint64_t *words
// w1: number of words
// Clobbers x0-x6
trace_send:
	hint	#TRACE_HINT_MSG_BEGIN
	cbz	w1, 3f
	adr	x5, 4f
1:	ldr	x2, [x0], #8
	mov	w3, #16			// nibbles left in this word
2:	and	x4, x2, #0xf
	add	x6, x5, x4, lsl #3	// 8 bytes per table entry
	lsr	x2, x2, #4
	br	x6
5:	subs	w3, w3, #1
	b.ne	2b
	subs	w1, w1, #1
	b.ne	1b
3:	hint	#TRACE_HINT_MSG_END
	ret

	.p2align 3
4:	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	hint	#(TRACE_HINT_NIBBLE_BASE + \n)
	b	5b
	.endr
	.size	trace_send, . - trace_send
