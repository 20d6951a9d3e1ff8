// SPDX-License-Identifier: GPL-2.0
/*
 * vmm.h and the guest lookups of arm64/guest.h off arm64: no KVM for an
 * arm64 guest, so vmm_create() skips with the machine's name and the rest
 * fails. The payload lookups return one placeholder, so a bench reaches
 * vmm_create() and reports its reason rather than "no payload".
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "vmm.h"

static const struct guest_payload no_guest = {
	.name = "none (not an arm64 build)",
	.exit = EXIT_NR,
	.fp = FP_NONE,
};

const struct guest_payload *guest_payload_find(enum exit_kind exit,
					       enum fp_kind fp)
{
	(void)exit;
	(void)fp;
	return &no_guest;
}

const struct guest_payload *guest_payload_by_name(const char *name)
{
	(void)name;
	return &no_guest;
}

char *guest_corrupt_name(unsigned long data, char *buf, size_t len)
{
	snprintf(buf, len, "register %#lx", data);
	return buf;
}

static void vmm_none(struct vmm *vm)
{
	struct utsname u;

	if (uname(&u))
		snprintf(u.machine, sizeof(u.machine), "not arm64");
	snprintf(vm->err, sizeof(vm->err), "needs arm64 KVM (this is %s)", u.machine);
}

int vmm_create(struct vmm *vm, const struct vmm_config *cfg)
{
	(void)cfg;
	memset(vm, 0, sizeof(*vm));
	vmm_none(vm);
	return FPB_SKIP;
}

void vmm_destroy(struct vmm *vm)
{
	(void)vm;
}

int vmm_load(struct vmm *vm, const struct guest_payload *p,
	     const uint64_t args[GUEST_NR_ARGS])
{
	(void)p;
	(void)args;
	vmm_none(vm);
	return FPB_EENV;
}

int vmm_run(struct vmm *vm)
{
	vmm_none(vm);
	return -FPB_EENV;
}

uint64_t vmm_get_x(struct vmm *vm, unsigned int n)
{
	(void)vm;
	(void)n;
	return UINT64_MAX;
}

int vmm_corrupt_fpreg(struct vmm *vm, unsigned int n)
{
	(void)n;
	vmm_none(vm);
	return FPB_EENV;
}

void *vmm_gpa(struct vmm *vm, uint64_t ipa, size_t len)
{
	(void)vm;
	(void)ipa;
	(void)len;
	return NULL;
}

void vmm_sync_from_guest(struct vmm *vm, uint64_t ipa, size_t len)
{
	(void)vm;
	(void)ipa;
	(void)len;
}
