// SPDX-License-Identifier: GPL-2.0
/*
 * sysinfo.c: the kernel configuration line of a run's metadata, read from a
 * config-<release> file (Debian's /boot layout): the preemption model, the
 * options that change the vcpu_load path, the errata count, the source;
 * an absent file is "unknown" with the path it looked for.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysinfo.h"
#include "test.h"

static void write_config(const char *dir, const char *release, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/config-%s", dir, release);
	f = fopen(path, "w");
	TEST_ASSERT(f, "cannot write %s", path);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

int main(void)
{
	char dir[] = "/tmp/fpbench-sysinfo-XXXXXX", buf[256], path[512];

	TEST_ASSERT(mkdtemp(dir), "mkdtemp");
	/* Debian-like: voluntary preemption, the arch options on, two errata. */
	write_config(dir, "6.12.118-debian",
		     "# comment\nCONFIG_PREEMPT_VOLUNTARY_BUILD=y\nCONFIG_PREEMPT_VOLUNTARY=y\n"
		     "# CONFIG_PREEMPT is not set\nCONFIG_JUMP_LABEL=y\nCONFIG_ARM64_LSE_ATOMICS=y\n"
		     "CONFIG_ARM64_PAN=y\nCONFIG_ARM64_PTR_AUTH_KERNEL=y\nCONFIG_ARM64_BTI_KERNEL=y\n"
		     "CONFIG_RANDOMIZE_BASE=y\nCONFIG_ARM64_ERRATUM_826319=y\n"
		     "CONFIG_AMPERE_ERRATUM_AC03_CPU_38=y\n# CONFIG_ARM64_ERRATUM_2441007 is not set\n"
		     "CONFIG_JUMP_LABEL_FEATURE_CHECKS=y\nCONFIG_KVM=m\n");
	sysinfo_kernel_config(dir, "6.12.118-debian", buf, sizeof(buf));
	snprintf(path, sizeof(path), "PREEMPT=voluntary JUMP_LABEL=y ARM64_LSE_ATOMICS=y ARM64_PAN=y "
		 "ARM64_PTR_AUTH_KERNEL=y ARM64_BTI_KERNEL=y RANDOMIZE_BASE=y errata=2 "
		 "(%s/config-6.12.118-debian)", dir);
	TEST_ASSERT(!strcmp(buf, path), "got '%s'", buf);

	/* Minimal: full preemption, JUMP_LABEL off; the configuration names
	 * no LSE option (no such option, or its dependencies unmet): "-".
	 * DYNAMIC wins over full. */
	write_config(dir, "6.12.118", "CONFIG_PREEMPT_BUILD=y\nCONFIG_PREEMPT=y\n# CONFIG_JUMP_LABEL is not set\n");
	sysinfo_kernel_config(dir, "6.12.118", buf, sizeof(buf));
	TEST_STR_CONTAINS(buf, "PREEMPT=full JUMP_LABEL=n ARM64_LSE_ATOMICS=- ARM64_PAN=-");
	TEST_STR_CONTAINS(buf, "errata=0");
	write_config(dir, "dyn", "CONFIG_PREEMPT=y\nCONFIG_PREEMPT_DYNAMIC=y\n");
	sysinfo_kernel_config(dir, "dyn", buf, sizeof(buf));
	TEST_STR_CONTAINS(buf, "PREEMPT=dynamic ");
	/* 7.x: lazy preemption, LSE atomics and PAN no longer options. */
	write_config(dir, "7.3.4", "CONFIG_PREEMPT_BUILD=y\n# CONFIG_PREEMPT is not set\n"
		     "CONFIG_PREEMPT_LAZY=y\n# CONFIG_PREEMPT_DYNAMIC is not set\nCONFIG_JUMP_LABEL=y\n"
		     "CONFIG_ARM64_ERRATUM_1234_X=m\n");
	sysinfo_kernel_config(dir, "7.3.4", buf, sizeof(buf));
	TEST_STR_CONTAINS(buf, "PREEMPT=lazy JUMP_LABEL=y ARM64_LSE_ATOMICS=- ARM64_PAN=-");
	TEST_STR_CONTAINS(buf, "errata=0");

	/* No file: unknown, and where it looked. */
	sysinfo_kernel_config(dir, "absent", buf, sizeof(buf));
	snprintf(path, sizeof(path), "unknown (no %s/config-absent)", dir);
	TEST_ASSERT(!strcmp(buf, path), "got '%s'", buf);

	/* A short buffer is cut, never overrun. */
	memset(buf, 'x', sizeof(buf));
	sysinfo_kernel_config(dir, "6.12.118-debian", buf, 20);
	TEST_ASSERT(strlen(buf) == 19 && buf[21] == 'x', "short buffer: '%.20s'", buf);

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	TEST_ASSERT(system(path) == 0, "cleanup");
	return test_done("unit.lib.sysinfo");
}
