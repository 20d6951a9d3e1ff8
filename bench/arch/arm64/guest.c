// SPDX-License-Identifier: GPL-2.0
/*
 * The guest payload table: one row per (exit kind, guest FP kind), each
 * naming its entry point in guest.S. Adding a payload is adding a row.
 */
#include <stdio.h>
#include <string.h>

#include "arm64/guest.h"

extern const char guest_mmio_none[], guest_mmio_fpsimd[], guest_mmio_sve[];
extern const char guest_hvc_none[], guest_hvc_fpsimd[], guest_hvc_sve[];
extern const char guest_hang[];

const struct guest_payload guest_payloads[] = {
	{ "mmio-none",   EXIT_MMIO, FP_NONE,   guest_mmio_none },
	{ "mmio-fpsimd", EXIT_MMIO, FP_FPSIMD, guest_mmio_fpsimd },
	{ "mmio-sve",    EXIT_MMIO, FP_SVE,    guest_mmio_sve },
	{ "hvc-none",    EXIT_HVC,  FP_NONE,   guest_hvc_none },
	{ "hvc-fpsimd",  EXIT_HVC,  FP_FPSIMD, guest_hvc_fpsimd },
	{ "hvc-sve",     EXIT_HVC,  FP_SVE,    guest_hvc_sve },
	/* test only: never exits (EXIT_NR: no measurement finds it) */
	{ "hang",        EXIT_NR,   FP_NONE,   guest_hang },
};
const size_t guest_nr_payloads = ARRAY_SIZE(guest_payloads);

const struct guest_payload *guest_payload_find(enum exit_kind exit,
					       enum fp_kind fp)
{
	for (size_t i = 0; i < guest_nr_payloads; i++)
		if (guest_payloads[i].exit == exit && guest_payloads[i].fp == fp)
			return &guest_payloads[i];
	return NULL;
}

const struct guest_payload *guest_payload_by_name(const char *name)
{
	for (size_t i = 0; i < guest_nr_payloads; i++)
		if (!strcmp(guest_payloads[i].name, name))
			return &guest_payloads[i];
	return NULL;
}

static const char *const guest_reg_class[] = {
	[GUEST_REG_V] = "v",
	[GUEST_REG_Z] = "z",
	[GUEST_REG_P] = "p",
	[GUEST_REG_FFR] = "ffr",
	[GUEST_REG_VL] = "vl",
};

char *guest_corrupt_name(unsigned long data, char *buf, size_t len)
{
	unsigned long class = data >> 8, regno = data & 0xff;

	if (class >= ARRAY_SIZE(guest_reg_class) || !guest_reg_class[class])
		snprintf(buf, len, "reg?%#lx", data);
	else if (class == GUEST_REG_V || class == GUEST_REG_Z ||
		 class == GUEST_REG_P)
		snprintf(buf, len, "%s%lu", guest_reg_class[class], regno);
	else
		snprintf(buf, len, "%s", guest_reg_class[class]);
	return buf;
}
