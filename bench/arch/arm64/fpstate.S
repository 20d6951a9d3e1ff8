// SPDX-License-Identifier: GPL-2.0
//
// Bulk moves between the FP/SVE/SME register files and memory, for
// fpstate.c. Kept in assembly so that no compiler-generated or library code
// can touch a register between the pattern going in and being read back.
//
// Every routine is a leaf: no stack, no calls, only the registers listed
// under "Clobbers". Buffers are laid out register after register:
//   V/Z:  reg n at base + n * (16 | VL_B)
//   P:    reg n at base + n * VL_B / 8
//   ZA:   row n at base + n * SVL_B
// where VL_B is the vector length in force: SVE VL outside streaming mode,
// SME VL (SVL) inside it.
//
// binutils 2.40 knows SME but not SME2, so ZT0 accesses are .inst encodings.

	.arch	armv9-a+sve2+sme

	.macro	function name
	.globl	\name
	.type	\name, %function
	.p2align 2
\name:
	.endm

	.macro	endfunction name
	.size	\name, . - \name
	.endm

	.text

// ---- FPSIMD --------------------------------------------------------------

// Load V0-V31 from 512 bytes.
// x0: buffer. Clobbers: V0-V31 (and Z bits above 128: an FPSIMD write
// zeroes them, as the architecture requires).
function fp_asm_v_load
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ldr	q\n, [x0, #16 * \n]
	.endr
	ret
endfunction fp_asm_v_load

// Store V0-V31 to 512 bytes.
// x0: buffer. Clobbers: none.
function fp_asm_v_store
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	str	q\n, [x0, #16 * \n]
	.endr
	ret
endfunction fp_asm_v_store

// FPSR/FPCR: x0 = FPSR, x1 = FPCR for the set; get returns them through
// the two-word buffer at x0. Clobbers: x1, x2.
function fp_asm_ctl_set
	msr	fpsr, x0
	msr	fpcr, x1
	ret
endfunction fp_asm_ctl_set

function fp_asm_ctl_get
	mrs	x1, fpsr
	mrs	x2, fpcr
	stp	x1, x2, [x0]
	ret
endfunction fp_asm_ctl_get

// ---- SVE / streaming SVE -------------------------------------------------

// Vector length in bytes in force (RDVL: SVL in streaming mode).
// Returns x0.
function fp_asm_rdvl
	rdvl	x0, #1
	ret
endfunction fp_asm_rdvl

// SME vector length in bytes, whatever the mode. Returns x0.
function fp_asm_rdsvl
	rdsvl	x0, #1
	ret
endfunction fp_asm_rdsvl

// Load Z0-Z31 and P0-P15 at the VL in force.
// x0: Z buffer (32 * VL_B), x1: P buffer (16 * VL_B / 8).
// Clobbers: Z0-Z31, P0-P15.
function fp_asm_zp_load
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ldr	z\n, [x0, #\n, mul vl]
	.endr
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	ldr	p\n, [x1, #\n, mul vl]
	.endr
	ret
endfunction fp_asm_zp_load

// Store Z0-Z31 and P0-P15 at the VL in force.
// x0: Z buffer, x1: P buffer (as fp_asm_zp_load). Clobbers: none.
function fp_asm_zp_store
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	str	z\n, [x0, #\n, mul vl]
	.endr
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	str	p\n, [x1, #\n, mul vl]
	.endr
	ret
endfunction fp_asm_zp_store

// Load FFR (non-streaming SVE only). The value must be canonical (a run of
// ones from bit 0): other values read back CONSTRAINED UNPREDICTABLE.
// x0: FFR image (VL_B / 8 bytes). Clobbers: P0 -- load P after this.
function fp_asm_ffr_load
	ldr	p0, [x0]
	wrffr	p0.b
	ret
endfunction fp_asm_ffr_load

// Store FFR (non-streaming SVE only), keeping P0.
// x0: FFR destination, x1: predicate-sized scratch. Clobbers: none.
function fp_asm_ffr_store
	str	p0, [x1]
	rdffr	p0.b
	str	p0, [x0]
	ldr	p0, [x1]
	ret
endfunction fp_asm_ffr_store

// What the kernel's sve_flush_live() does at syscall entry, for tests of
// FP_CHECK_SYSCALL: keep Z bits [127:0], zero the rest, P0-P15 and FFR.
// Clobbers: Z0-Z31 (upper bits), P0-P15, FFR.
function fp_asm_sve_flush_upper
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	mov	v\n\().16b, v\n\().16b	// an FPSIMD write zeroes bits above 128
	.endr
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	pfalse	p\n\().b
	.endr
	wrffr	p0.b
	ret
endfunction fp_asm_sve_flush_upper

// Copy x2 bytes from x1 to x0 the way glibc's SVE memcpy (__memcpy_a64fx)
// moves data: vector-length agnostic, one predicated ld1b/st1b pair per
// VL_B bytes under a whilelo predicate, so the tail needs no scalar code.
// glibc unrolls this; one vector per step is enough to make the SVE state
// live and take the access trap a VMM takes after KVM_RUN. Non-streaming
// SVE at the VL in force; the buffers must not overlap.
// x0: destination, x1: source, x2: length in bytes (0 copies nothing).
// Clobbers: x3, Z0, P0, NZCV.
function fp_asm_sve_copy
	mov	x3, #0
	whilelo	p0.b, x3, x2
	b.none	2f
1:	ld1b	{z0.b}, p0/z, [x1, x3]
	st1b	{z0.b}, p0, [x0, x3]
	incb	x3
	whilelo	p0.b, x3, x2
	b.first	1b
2:	ret
endfunction fp_asm_sve_copy

// ---- SME -----------------------------------------------------------------

// SVCR (bit 0 SM, bit 1 ZA). Returns x0.
function fp_asm_svcr_get
	mrs	x0, svcr
	ret
endfunction fp_asm_svcr_get

// Mode switches. Entering or leaving streaming mode zeroes Z, P and FFR;
// SMSTART ZA zeroes ZA (and ZT0); SMSTOP ZA discards them.
function fp_asm_smstart_sm
	smstart	sm
	ret
endfunction fp_asm_smstart_sm

function fp_asm_smstart_za
	smstart	za
	ret
endfunction fp_asm_smstart_za

function fp_asm_smstop
	smstop
	ret
endfunction fp_asm_smstop

function fp_asm_smstop_sm
	smstop	sm
	ret
endfunction fp_asm_smstop_sm

function fp_asm_smstop_za
	smstop	za
	ret
endfunction fp_asm_smstop_za

// Load all SVL_B rows of ZA (PSTATE.ZA must be 1).
// x0: buffer (SVL_B * SVL_B bytes). Clobbers: x0, x1, w12, ZA.
function fp_asm_za_load
	rdsvl	x1, #1
	mov	w12, #0
1:	ldr	za[w12, 0], [x0]
	add	x0, x0, x1
	add	w12, w12, #1
	cmp	x12, x1
	b.lo	1b
	ret
endfunction fp_asm_za_load

// Store all SVL_B rows of ZA (PSTATE.ZA must be 1).
// x0: buffer. Clobbers: x0, x1, w12.
function fp_asm_za_store
	rdsvl	x1, #1
	mov	w12, #0
1:	str	za[w12, 0], [x0]
	add	x0, x0, x1
	add	w12, w12, #1
	cmp	x12, x1
	b.lo	1b
	ret
endfunction fp_asm_za_store

// ZT0 (SME2, PSTATE.ZA must be 1): 64 bytes.
// x0: buffer. Clobbers: ZT0 (load) / none (store).
function fp_asm_zt0_load
	.inst	0xe11f8000		// ldr zt0, [x0]
	ret
endfunction fp_asm_zt0_load

function fp_asm_zt0_store
	.inst	0xe13f8000		// str zt0, [x0]
	ret
endfunction fp_asm_zt0_store

	.section .note.GNU-stack, "", %progbits
