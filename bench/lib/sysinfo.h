/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What machine are we measuring on: kernel, CPU, vector lengths, KVM, PMU
 * access and whether the figures come from an emulator. Feeds `fpbench info`
 * and the metadata record of a results file (results/README.md).
 */
#ifndef FPBENCH_SYSINFO_H
#define FPBENCH_SYSINFO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "fpbench.h"

#define SYSINFO_STR	128
#define SYSINFO_MAX_VLS	5	/* 128..2048 */
#define SYSINFO_MAX_WARN 8

struct sysinfo_cpu {
	bool have_midr;
	uint64_t midr;		/* MIDR_EL1 of CPU 0 (or of the pinned CPU) */
	unsigned int implementer, part, variant, revision;
	char name[SYSINFO_STR];	/* "Neoverse N1", "QEMU -cpu max", "unknown" */
	char arch[65];		/* uname machine: "aarch64", "x86_64" */
	int nr_cpus;		/* online */
};

struct sysinfo {
	char hostname[SYSINFO_STR];
	char kernel[SYSINFO_STR];		/* uname -r */
	char kernel_version[SYSINFO_STR];	/* uname -v */
	/* sysinfo_kernel_config(): what of the build changes the measured path */
	char kernel_config[256];
	struct sysinfo_cpu cpu;

	/* vector lengths the kernel grants, bits ascending; 0 entries = none */
	bool sve, sme, sme2;
	int nr_sve_vls, nr_sme_vls;
	unsigned int sve_vls[SYSINFO_MAX_VLS], sme_vls[SYSINFO_MAX_VLS];

	/* KVM */
	bool kvm;				/* /dev/kvm opens */
	char kvm_reason[SYSINFO_STR];		/* why not */
	bool kvm_arm;				/* arm64 KVM (KVM_CAP_ARM_*) */
	int kvm_cap_sve;			/* KVM_CHECK_EXTENSION results, */
	int kvm_cap_pmu;			/* -1 when not asked (x86 KVM) */
	int kvm_cap_ptrauth;
	enum fp_mode fp_mode;			/* kvm.fp_eager */

	/* emulation */
	bool emulated;
	char emulation[SYSINFO_STR];		/* "qemu-user", "qemu-system (linux,dummy-virt)", "" */

	/* PMU access knobs; -1 when the file is absent */
	int perf_event_paranoid;
	int perf_user_access;

	/* "for trustworthy cycles" warnings: governor, isolcpus, emulation */
	int nr_warn;
	char warn[SYSINFO_MAX_WARN][SYSINFO_STR];
};

/* Fill @si; never fails (unknown facts stay empty/-1 with a reason). */
void sysinfo_collect(struct sysinfo *si);

/*
 * The kernel configuration options that change the measured path, from
 * /boot/config-<release> (Debian installs it; the rig stages its kernel's):
 * "PREEMPT=voluntary JUMP_LABEL=y ARM64_LSE_ATOMICS=y ... errata=45
 * (/boot/config-6.12.118-debian)", or "unknown (no /boot/config-R)".
 * @dir is "/boot" but for tests.
 */
void sysinfo_kernel_config(const char *dir, const char *release, char *buf, size_t len);

/* Core name for a MIDR implementer/part, "unknown" if not in the table. */
const char *sysinfo_cpu_name(unsigned int implementer, unsigned int part);

/*
 * KVM fp mode: /sys/module/kvm/parameters/fp_eager (1 eager, 0 lazy,
 * 2 lazy_keep), FP_MODE_UNKNOWN when absent or unreadable.
 */
enum fp_mode sysinfo_fp_mode(void);

/* The knob's value for @mode (1, 0, 2), -1 for FP_MODE_UNKNOWN. */
int sysinfo_fp_knob_value(enum fp_mode mode);

/*
 * Write @mode's value to the knob, nothing more: 0 or -errno of the open
 * (-ENOENT: kernel without the knob, -EACCES: not root) or of the write
 * (-EINVAL, -EPERM: the kernel refuses a mode it will not use).
 */
int sysinfo_write_fp_mode(enum fp_mode mode);

/* sysinfo_write_fp_mode(), then -EIO when the knob reads back otherwise. */
int sysinfo_set_fp_mode(enum fp_mode mode);

/*
 * Test seam: read and write the knob at @path (a plain file) instead of
 * /sys/module/kvm/parameters/fp_eager; NULL puts the real one back.
 */
void sysinfo_fp_knob_path(const char *path);

/* Human block (`fpbench info`) and JSON object (results metadata). */
void sysinfo_print(const struct sysinfo *si, FILE *f);
void sysinfo_print_json(const struct sysinfo *si, FILE *f);

#endif
