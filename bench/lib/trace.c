// SPDX-License-Identifier: GPL-2.0
/* Trace markers: ids and announcements (trace.h); arm64 sends them. */
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#include "matrix.h"
#include "trace.h"

uint64_t trace_id(const struct fpb_config *cfg)
{
	char key[MATRIX_KEY_LEN + 32];
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a 64 offset basis */
	int fp_mode = cfg->fp_mode;

	matrix_config_key(cfg, key, sizeof(key));
	snprintf(key + strlen(key), sizeof(key) - strlen(key), "/%s",
		 fp_mode >= 0 && fp_mode < FP_MODE_NR ? fp_mode_names[fp_mode] : "?");
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ull;		/* FNV prime */
	}
	return h;
}

void trace_next_window(const struct fpb_config *cfg)
{
	uint64_t msg[2] = { TRACE_MSG_ID, trace_id(cfg) };

	trace_send(msg, 2);
}

void trace_range(unsigned int cls, uint64_t lo, uint64_t hi)
{
	uint64_t msg[4] = { TRACE_MSG_RANGE, cls, lo, hi };

	trace_send(msg, 4);
}

/* Bounds of the program's text (GNU ld's default linker script). */
extern const char __executable_start[], __etext[];

void trace_announce_self(void)
{
	const ElfW(Ehdr) *vdso = (const void *)getauxval(AT_SYSINFO_EHDR);

	trace_range(TRACE_CLASS_USER, (uintptr_t)__executable_start,
		    (uintptr_t)__etext);
	if (vdso && !memcmp(vdso->e_ident, ELFMAG, SELFMAG)) {
		const ElfW(Phdr) *ph = (const void *)((const char *)vdso + vdso->e_phoff);
		uint64_t end = 0;

		/* The vDSO is linked at 0: its PT_LOADs give its extent. */
		for (unsigned int i = 0; i < vdso->e_phnum; i++)
			if (ph[i].p_type == PT_LOAD &&
			    ph[i].p_vaddr + ph[i].p_memsz > end)
				end = ph[i].p_vaddr + ph[i].p_memsz;
		if (end)
			trace_range(TRACE_CLASS_USER, (uintptr_t)vdso,
				    (uintptr_t)vdso + end);
	}
}
