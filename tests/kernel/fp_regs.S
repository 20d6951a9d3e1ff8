// SPDX-License-Identifier: GPL-2.0
// Register fill/check routines for fp_integrity: kept in assembly so that
// nothing the compiler or libc emits can touch V0-V31 between the fill,
// the KVM_RUN syscall and the read-back.

	.arch	armv9-a+sve+sme

#define KVM_RUN		0xae80		// _IO(KVMIO, 0x80)
#define NR_ioctl	29
#define RUN_SVE		1		// flag bits: keep in sync with fp_integrity.c
#define RUN_ZA		2

// AAPCS64 makes the low halves of V8-V15 callee-saved.
	.macro	push_d8_d15
	stp	d8, d9, [sp, #-64]!
	stp	d10, d11, [sp, #16]
	stp	d12, d13, [sp, #32]
	stp	d14, d15, [sp, #48]
	.endm

	.macro	pop_d8_d15
	ldp	d14, d15, [sp, #48]
	ldp	d12, d13, [sp, #32]
	ldp	d10, d11, [sp, #16]
	ldp	d8, d9, [sp], #64
	.endm

	.text

// long fp_run_checked(int fd, const void *in, void *out, long flags)
// x0: vCPU fd
// x1: 512 bytes loaded into V0-V31 just before KVM_RUN
// x2: 520 bytes receiving V0-V31 just after KVM_RUN, then SVCR (if RUN_ZA)
// x3: RUN_SVE: execute an SVE instruction first, so that the task enters
//     the syscall with TIF_SVE set; RUN_ZA: enter with PSTATE.ZA set
//     (SME), which KVM must save eagerly even in lazy mode
// Returns the raw syscall result (-errno on failure).
// Clobbers x0-x10, V0-V31, P0, ZA (D8-D15 are preserved for the caller).
	.globl	fp_run_checked
	.type	fp_run_checked, %function
fp_run_checked:
	push_d8_d15
	mov	x9, x2
	mov	x10, x3
	tbz	x10, #0, 1f		// RUN_SVE
	ptrue	p0.b			// traps to do_sve_acc() unless TIF_SVE
	mov	z31.b, p0/m, #0x5a	// leave non-FPSIMD bits behind
1:	tbz	x10, #1, 1f		// RUN_ZA
	smstart	za
1:	ld1	{v0.16b-v3.16b}, [x1], #64
	ld1	{v4.16b-v7.16b}, [x1], #64
	ld1	{v8.16b-v11.16b}, [x1], #64
	ld1	{v12.16b-v15.16b}, [x1], #64
	ld1	{v16.16b-v19.16b}, [x1], #64
	ld1	{v20.16b-v23.16b}, [x1], #64
	ld1	{v24.16b-v27.16b}, [x1], #64
	ld1	{v28.16b-v31.16b}, [x1], #64
	mov	x1, #KVM_RUN
	mov	x2, #0
	mov	x8, #NR_ioctl
	svc	#0
	st1	{v0.16b-v3.16b}, [x9], #64
	st1	{v4.16b-v7.16b}, [x9], #64
	st1	{v8.16b-v11.16b}, [x9], #64
	st1	{v12.16b-v15.16b}, [x9], #64
	st1	{v16.16b-v19.16b}, [x9], #64
	st1	{v20.16b-v23.16b}, [x9], #64
	st1	{v24.16b-v27.16b}, [x9], #64
	st1	{v28.16b-v31.16b}, [x9], #64
	str	xzr, [x9]
	tbz	x10, #1, 1f
	mrs	x1, svcr
	str	x1, [x9]
	smstop	za
1:	pop_d8_d15
	ret
	.size	fp_run_checked, . - fp_run_checked

// void fp_clobber(unsigned long seed, long use_sve)
// x0: value splatted into every vector register
// x1: non-zero to also write the full SVE Z/P registers
// Used by the preempting thread so that a missed save/restore of the vCPU
// thread's registers shows up as a wrong value rather than a lucky match.
// Clobbers V0-V31, P0 and D8-D15 (preserved).
	.globl	fp_clobber
	.type	fp_clobber, %function
fp_clobber:
	push_d8_d15
	cbz	x1, 1f
	ptrue	p0.b
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	mov	z\n\().d, x0
	.endr
	b	2f
1:
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	dup	v\n\().2d, x0
	.endr
2:	pop_d8_d15
	ret
	.size	fp_clobber, . - fp_clobber

// void sve_fill_spin_dump(unsigned long seed, unsigned long spins, void *out)
// x0: lane j of Zn is set to seed + j * (n + 1)
// x1: iterations of an idle loop while the full SVE state is live, giving
//     the preempting thread time to force a save and restore
// x2: 32 * VL bytes receiving Z0-Z31 afterwards
// Catches a task left with SVE usable at EL0 but TIF_SVE clear, whose
// state would then be saved FPSIMD-only outside any syscall.
// Clobbers x0-x3, Z0-Z31, P0 (D8-D15 are preserved for the caller).
	.globl	sve_fill_spin_dump
	.type	sve_fill_spin_dump, %function
sve_fill_spin_dump:
	push_d8_d15
	ptrue	p0.b
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	mov	x3, #(\n + 1)
	index	z\n\().d, x0, x3
	.endr
1:	subs	x1, x1, #1
	b.hi	1b
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	str	z\n, [x2, #\n, mul vl]
	.endr
	pop_d8_d15
	ret
	.size	sve_fill_spin_dump, . - sve_fill_spin_dump

// long sve_run_dump(int fd, void *out)
// x0: vCPU fd
// x1: 32 * VL bytes receiving Z0-Z31 right after KVM_RUN returns
// For the ptrace case: a tracer writes Z0-Z31 with NT_ARM_SVE while the
// task is stopped at the syscall entry of this KVM_RUN; nothing touches
// the registers between the return and the dump.
// Returns the raw syscall result (-errno on failure).
// Clobbers x0-x9, Z0-Z31 (D8-D15 are preserved for the caller).
	.globl	sve_run_dump
	.type	sve_run_dump, %function
sve_run_dump:
	push_d8_d15
	mov	x9, x1
	mov	x1, #KVM_RUN
	mov	x2, #0
	mov	x8, #NR_ioctl
	svc	#0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	str	z\n, [x9, #\n, mul vl]
	.endr
	pop_d8_d15
	ret
	.size	sve_run_dump, . - sve_run_dump

// Guest payload, copied to guest RAM and entered at EL1 with the MMU off.
// x2: MMIO address (unbacked, so every store exits to user space)
// x4: non-zero to write an FP register before each exit
// x5: value stored (incremented when x4 is set)
// Never returns; the host stops running it.
	.globl	guest_code_start, guest_code_end
guest_code_start:
	mov	x3, #(3 << 20)		// CPACR_EL1.FPEN: no FP traps to EL1
	orr	x3, x3, #(3 << 16)	// CPACR_EL1.ZEN, for SVE-enabled vCPUs
	msr	cpacr_el1, x3
	isb
1:	cbz	x4, 2f
	fmov	d16, x5			// takes the FP trap to hyp if not owned
	add	x5, x5, #1
2:	str	x5, [x2]
	b	1b
guest_code_end:

	.section .note.GNU-stack, "", %progbits
