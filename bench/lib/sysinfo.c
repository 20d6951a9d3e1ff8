// SPDX-License-Identifier: GPL-2.0
/*
 * Facts about the machine under measurement (sysinfo.h). Everything is read
 * from files and one or two system registers; what cannot be known is said
 * so, never guessed silently.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "json.h"
#include "sysinfo.h"
#include "fpstate.h"

#define FP_EAGER_PARAM	"/sys/module/kvm/parameters/fp_eager"
#define MIDR_SYSFS	"/sys/devices/system/cpu/cpu0/regs/identification/midr_el1"

#ifndef KVM_CAP_ARM_PMU_V3
#define KVM_CAP_ARM_PMU_V3		126
#endif
#ifndef KVM_CAP_ARM_SVE
#define KVM_CAP_ARM_SVE			170
#endif
#ifndef KVM_CAP_ARM_PTRAUTH_ADDRESS
#define KVM_CAP_ARM_PTRAUTH_ADDRESS	171
#endif

struct cpu_model {
	unsigned int implementer, part;
	const char *name;
};

/* MIDR implementer/part (arch/arm64/include/asm/cputype.h). */
static const struct cpu_model cpu_models[] = {
	{ 0x41, 0xd03, "Cortex-A53" },
	{ 0x41, 0xd04, "Cortex-A35" },
	{ 0x41, 0xd05, "Cortex-A55" },
	{ 0x41, 0xd07, "Cortex-A57" },
	{ 0x41, 0xd08, "Cortex-A72" },
	{ 0x41, 0xd09, "Cortex-A73" },
	{ 0x41, 0xd0b, "Cortex-A76" },
	{ 0x41, 0xd0c, "Neoverse N1" },
	{ 0x41, 0xd0d, "Cortex-A77" },
	{ 0x41, 0xd40, "Neoverse V1" },
	{ 0x41, 0xd41, "Cortex-A78" },
	{ 0x41, 0xd44, "Cortex-X1" },
	{ 0x41, 0xd46, "Cortex-A510" },
	{ 0x41, 0xd47, "Cortex-A710" },
	{ 0x41, 0xd48, "Cortex-X2" },
	{ 0x41, 0xd49, "Neoverse N2" },
	{ 0x41, 0xd4d, "Cortex-A715" },
	{ 0x41, 0xd4e, "Cortex-X3" },
	{ 0x41, 0xd4f, "Neoverse V2" },
	{ 0x41, 0xd80, "Cortex-A520" },
	{ 0x41, 0xd81, "Cortex-A720" },
	{ 0x41, 0xd82, "Cortex-X4" },
	{ 0x41, 0xd84, "Neoverse V3" },
	{ 0x41, 0xd85, "Cortex-X925" },
	{ 0x41, 0xd87, "Cortex-A725" },
	{ 0x41, 0xd8e, "Neoverse N3" },
	{ 0x46, 0x001, "Fujitsu A64FX" },
	{ 0x48, 0xd01, "HiSilicon TSV110" },
	{ 0x61, 0x022, "Apple M1 Icestorm" },
	{ 0x61, 0x023, "Apple M1 Firestorm" },
	{ 0x61, 0x032, "Apple M2 Blizzard" },
	{ 0x61, 0x033, "Apple M2 Avalanche" },
	{ 0xc0, 0xac3, "AmpereOne" },
	{ 0xc0, 0xac4, "AmpereOne A" },
	/* QEMU TCG "-cpu max": implementer 0 (software), part 0x051 */
	{ 0x00, 0x051, "QEMU -cpu max (TCG)" },
};

const char *sysinfo_cpu_name(unsigned int implementer, unsigned int part)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(cpu_models); i++)
		if (cpu_models[i].implementer == implementer &&
		    cpu_models[i].part == part)
			return cpu_models[i].name;
	if (implementer == 0x50)
		return "Applied Micro X-Gene";	/* Ampere eMAG shares it */
	return "unknown";
}

/* First line of a small file, newline stripped; -errno if unreadable. */
static int read_line(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int read_long(const char *path, long *val)
{
	char buf[64], *end;
	int ret = read_line(path, buf, sizeof(buf));

	if (ret)
		return ret;
	*val = strtol(buf, &end, 0);
	return end == buf ? -EINVAL : 0;
}

/* Does a file (device-tree "compatible" is NUL-separated) contain @s? */
static __attribute__((unused)) bool file_contains(const char *path, const char *s)
{
	char buf[4096];
	size_t slen = strlen(s);
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	for (ssize_t i = 0; n > 0 && i + (ssize_t)slen <= n; i++)
		if (!memcmp(buf + i, s, slen))
			return true;
	return false;
}

/* Value of the first "key : value" line of /proc/cpuinfo. */
static bool cpuinfo_value(const char *key, char *buf, size_t len)
{
	char line[8192];	/* x86 "flags" lines run past 1 KiB */
	size_t klen = strlen(key);
	FILE *f = fopen("/proc/cpuinfo", "r");
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, key, klen) || !colon)
			continue;
		colon += 1 + (colon[1] == ' ');
		colon[strcspn(colon, "\n")] = '\0';
		snprintf(buf, len, "%s", colon);
		found = true;
	}
	fclose(f);
	return found;
}

static void sysinfo_warn(struct sysinfo *si, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sysinfo_warn(struct sysinfo *si, const char *fmt, ...)
{
	va_list ap;

	if (si->nr_warn >= SYSINFO_MAX_WARN)
		return;
	va_start(ap, fmt);
	vsnprintf(si->warn[si->nr_warn++], SYSINFO_STR, fmt, ap);
	va_end(ap);
}

static void sysinfo_cpu(struct sysinfo *si)
{
	struct sysinfo_cpu *cpu = &si->cpu;
	char buf[64];

	cpu->nr_cpus = sysconf(_SC_NPROCESSORS_ONLN);
	snprintf(cpu->name, sizeof(cpu->name), "unknown");
	if (!read_line(MIDR_SYSFS, buf, sizeof(buf))) {
		cpu->midr = strtoull(buf, NULL, 16);
		cpu->have_midr = true;
	}
	if (!cpu->have_midr)
		cpu->have_midr = arch_read_midr(&cpu->midr);
	if (cpu->have_midr) {
		cpu->implementer = (cpu->midr >> 24) & 0xff;
		cpu->variant = (cpu->midr >> 20) & 0xf;
		cpu->part = (cpu->midr >> 4) & 0xfff;
		cpu->revision = cpu->midr & 0xf;
		snprintf(cpu->name, sizeof(cpu->name), "%s",
			 sysinfo_cpu_name(cpu->implementer, cpu->part));
	} else if (cpuinfo_value("model name", cpu->name, sizeof(cpu->name))) {
		/* x86: the brand string is all there is. */
	}
}

/*
 * Emulated or virtual? qemu-user runs our aarch64 code on a host whose
 * /proc/cpuinfo is not arm64's; QEMU's virt board has the "linux,dummy-virt"
 * device tree, and its TCG -cpu max has MIDR implementer 0.
 */
static void sysinfo_emulation(struct sysinfo *si)
{
	const char *hint = getenv("FPBENCH_EMULATION");

	if (hint && *hint) {
		si->emulated = true;
		snprintf(si->emulation, sizeof(si->emulation), "%s (FPBENCH_EMULATION)", hint);
		return;
	}
	if (ARCH_ARM64) {
		char buf[SYSINFO_STR];
		bool dummy_virt = file_contains("/proc/device-tree/compatible", "linux,dummy-virt") ||
				  file_contains("/sys/firmware/devicetree/base/compatible", "linux,dummy-virt");

		if (cpuinfo_value("vendor_id", buf, sizeof(buf))) {
			si->emulated = true;
			snprintf(si->emulation, sizeof(si->emulation),
				 "qemu-user (aarch64 code, host /proc/cpuinfo says %.40s)", buf);
			return;
		}
		if (si->cpu.have_midr && si->cpu.implementer == 0) {
			si->emulated = true;
			snprintf(si->emulation, sizeof(si->emulation),
				 "qemu-system TCG (MIDR implementer 0%s)",
				 dummy_virt ? ", linux,dummy-virt" : "");
			return;
		}
		if (dummy_virt)
			snprintf(si->emulation, sizeof(si->emulation),
				 "QEMU virt board with a real MIDR: KVM guest, or TCG with a named -cpu");
	} else {
		char flags[8192];

		if (cpuinfo_value("flags", flags, sizeof(flags)) && strstr(flags, " hypervisor"))
			snprintf(si->emulation, sizeof(si->emulation),
				 "virtual machine (x86 hypervisor flag), not emulated");
	}
}

static void sysinfo_kvm(struct sysinfo *si)
{
	int fd;

	si->kvm_cap_sve = si->kvm_cap_pmu = si->kvm_cap_ptrauth = -1;
	if (si->emulated && !strncmp(si->emulation, "qemu-user", 9)) {
		/* /dev/kvm would be the host's KVM, not an arm64 one. */
		snprintf(si->kvm_reason, sizeof(si->kvm_reason),
			 "qemu-user: /dev/kvm belongs to the host, not usable by arm64 code");
		return;
	}
	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(si->kvm_reason, sizeof(si->kvm_reason), "open /dev/kvm: %s",
			 strerror(errno));
		return;
	}
	if (ioctl(fd, KVM_GET_API_VERSION, 0) != KVM_API_VERSION) {
		snprintf(si->kvm_reason, sizeof(si->kvm_reason),
			 "KVM_GET_API_VERSION is not %d", KVM_API_VERSION);
		close(fd);
		return;
	}
	si->kvm = true;
	if (ARCH_ARM64) {
		si->kvm_arm = true;
		si->kvm_cap_sve = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_SVE);
		si->kvm_cap_pmu = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_PMU_V3);
		si->kvm_cap_ptrauth = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_PTRAUTH_ADDRESS);
	} else {
		snprintf(si->kvm_reason, sizeof(si->kvm_reason),
			 "not arm64 KVM: the benchmarks need an arm64 host");
	}
	close(fd);
}

static void sysinfo_vector(struct sysinfo *si)
{
	si->sve = fp_kind_supported(FP_SVE, NULL, 0);
	si->sme = fp_kind_supported(FP_SSVE, NULL, 0);
	si->sme2 = fp_kind_supported(FP_ZT0, NULL, 0);
	if (si->sve)
		si->nr_sve_vls = fp_vls_offered(FP_SVE, si->sve_vls, SYSINFO_MAX_VLS);
	if (si->sme)
		si->nr_sme_vls = fp_vls_offered(FP_SSVE, si->sme_vls, SYSINFO_MAX_VLS);
}

/* Test seam (sysinfo_fp_knob_path): where the knob is read and written. */
static const char *fp_knob_path = FP_EAGER_PARAM;

void sysinfo_fp_knob_path(const char *path)
{
	fp_knob_path = path ? path : FP_EAGER_PARAM;
}

int sysinfo_fp_knob_value(enum fp_mode mode)
{
	switch (mode) {
	case FP_MODE_EAGER:
		return 1;
	case FP_MODE_LAZY:
		return 0;
	case FP_MODE_LAZY_KEEP:
		return 2;
	default:
		return -1;
	}
}

enum fp_mode sysinfo_fp_mode(void)
{
	char buf[16];

	if (read_line(fp_knob_path, buf, sizeof(buf)))
		return FP_MODE_UNKNOWN;
	/* An int parameter prints 2/1/0, a bool one (older patches) Y/N. */
	if (buf[0] == '2' && !buf[1])
		return FP_MODE_LAZY_KEEP;
	if (buf[0] == '1' || buf[0] == 'Y' || buf[0] == 'y')
		return FP_MODE_EAGER;
	if (buf[0] == '0' || buf[0] == 'N' || buf[0] == 'n')
		return FP_MODE_LAZY;
	return FP_MODE_UNKNOWN;
}

int sysinfo_write_fp_mode(enum fp_mode mode)
{
	int v = sysinfo_fp_knob_value(mode);
	char val[12];
	int fd, ret = 0;

	if (v < 0)
		return -EINVAL;
	snprintf(val, sizeof(val), "%d\n", v);
	fd = open(fp_knob_path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* The kernel's param_set refuses a value it will not use here. */
	if (write(fd, val, 2) != 2)
		ret = errno ? -errno : -EIO;
	close(fd);
	return ret;
}

int sysinfo_set_fp_mode(enum fp_mode mode)
{
	int ret = sysinfo_write_fp_mode(mode);

	if (!ret && sysinfo_fp_mode() != mode)
		ret = -EIO;	/* written but not taken */
	return ret;
}

static void sysinfo_warnings(struct sysinfo *si)
{
	char buf[SYSINFO_STR];

	if (si->emulated)
		sysinfo_warn(si, "emulated (%s): figures are not hardware cycles", si->emulation);
	if (!read_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", buf, sizeof(buf)) &&
	    strcmp(buf, "performance"))
		sysinfo_warn(si, "cpufreq governor is '%s': set 'performance' for stable cycles", buf);
	if (read_line("/sys/devices/system/cpu/isolated", buf, sizeof(buf)) || !buf[0])
		sysinfo_warn(si, "no isolated CPUs: boot with isolcpus=/nohz_full= and pin with --cpu");
	if (!strcmp(si->cpu.arch, "aarch64") && si->perf_user_access != 1)
		sysinfo_warn(si, "perf_user_access is %s: per-iteration cycles need 1 (else CNTVCT ticks)",
			     si->perf_user_access < 0 ? "absent" : "0");
	if (si->perf_event_paranoid > 1 && geteuid())
		sysinfo_warn(si, "perf_event_paranoid %d and not root: kernel work is not counted",
			     si->perf_event_paranoid);
}

/* The options of issue 11: what turns a static branch, an atomic, a user
 * access or a return into other instructions on the vcpu_load path. */
static const char *const kconfig_bools[] = {
	"JUMP_LABEL", "ARM64_LSE_ATOMICS", "ARM64_PAN", "ARM64_PTR_AUTH_KERNEL",
	"ARM64_BTI_KERNEL", "RANDOMIZE_BASE",
};
/* Preemption models, in the order they are looked for: the first one set
 * wins (DYNAMIC says it can change at boot; LAZY is 6.13's). */
static const struct { const char *opt, *name; } kconfig_preempt[] = {
	{ "PREEMPT_DYNAMIC", "dynamic" }, { "PREEMPT_RT", "rt" },
	{ "PREEMPT_LAZY", "lazy" }, { "PREEMPT", "full" },
	{ "PREEMPT_VOLUNTARY", "voluntary" }, { "PREEMPT_NONE", "none" },
};

/*
 * "CONFIG_X=y" -> 'y', "# CONFIG_X is not set" -> 'n' for @opt in @line;
 * 0 when the line is about another option.
 */
static char kconfig_value(const char *line, const char *opt)
{
	size_t n = strlen(opt);

	if (!strncmp(line, "CONFIG_", 7) && !strncmp(line + 7, opt, n))
		return !strcmp(line + 7 + n, "=y\n") ? 'y' : 0;
	if (!strncmp(line, "# CONFIG_", 9) && !strncmp(line + 9, opt, n))
		return !strcmp(line + 9 + n, " is not set\n") ? 'n' : 0;
	return 0;
}

/*
 * Each option y, n, or "-" when this kernel has no such option (its
 * Kconfig dropped it: 7.x builds LSE atomics and PAN in unconditionally).
 */
void sysinfo_kernel_config(const char *dir, const char *release, char *buf, size_t len)
{
	char val[ARRAY_SIZE(kconfig_bools)] = { 0 };
	bool pre[ARRAY_SIZE(kconfig_preempt)] = { false };
	const char *model = "unknown";
	char path[512], line[512];
	unsigned int errata = 0;
	size_t off = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/config-%s", dir, release);
	f = fopen(path, "r");
	if (!f) {
		snprintf(buf, len, "unknown (no %s)", path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		for (size_t i = 0; i < ARRAY_SIZE(kconfig_bools); i++) {
			char v = kconfig_value(line, kconfig_bools[i]);

			if (v)
				val[i] = v;
		}
		for (size_t i = 0; i < ARRAY_SIZE(kconfig_preempt); i++)
			pre[i] |= kconfig_value(line, kconfig_preempt[i].opt) == 'y';
		/* ARM64_, AMPERE_, ... workarounds built in */
		errata += !strncmp(line, "CONFIG_", 7) && strstr(line, "ERRATUM_") &&
			  strstr(line, "=y\n");
	}
	fclose(f);
	for (size_t i = 0; i < ARRAY_SIZE(kconfig_preempt); i++) {
		if (pre[i]) {
			model = kconfig_preempt[i].name;
			break;
		}
	}
	off += snprintf(buf + off, len - off, "PREEMPT=%s", model);
	for (size_t i = 0; i < ARRAY_SIZE(kconfig_bools) && off < len; i++)
		off += snprintf(buf + off, len - off, " %s=%s", kconfig_bools[i],
				val[i] == 'y' ? "y" : val[i] == 'n' ? "n" : "-");
	if (off < len)
		snprintf(buf + off, len - off, " errata=%u (%s)", errata, path);
}

void sysinfo_collect(struct sysinfo *si)
{
	struct utsname u;
	long v;

	memset(si, 0, sizeof(*si));
	if (!uname(&u)) {
		snprintf(si->hostname, sizeof(si->hostname), "%s", u.nodename);
		snprintf(si->kernel, sizeof(si->kernel), "%s", u.release);
		snprintf(si->kernel_version, sizeof(si->kernel_version), "%s", u.version);
		snprintf(si->cpu.arch, sizeof(si->cpu.arch), "%s", u.machine);
	}
	sysinfo_kernel_config("/boot", si->kernel, si->kernel_config, sizeof(si->kernel_config));
	sysinfo_cpu(si);
	sysinfo_emulation(si);
	sysinfo_vector(si);
	sysinfo_kvm(si);
	si->fp_mode = sysinfo_fp_mode();
	si->perf_event_paranoid = read_long("/proc/sys/kernel/perf_event_paranoid", &v) ? -1 : v;
	si->perf_user_access = read_long("/proc/sys/kernel/perf_user_access", &v) ? -1 : v;
	sysinfo_warnings(si);
}

/* ---- output ---------------------------------------------------------- */

static __attribute__((unused)) void print_vls(FILE *f, const unsigned int *vls, int nr)
{
	for (int i = 0; i < nr; i++)
		fprintf(f, "%s%u", i ? " " : "", vls[i]);
}

static const char *cap_str(int cap, char *buf, size_t len)
{
	if (cap < 0)
		return "n/a";
	snprintf(buf, len, "%d", cap);
	return buf;
}

void sysinfo_print(const struct sysinfo *si, FILE *f)
{
	const struct sysinfo_cpu *cpu = &si->cpu;
	char a[16], b[16], c[16];

	fprintf(f, "kernel: %s (%s)\n", si->kernel, si->kernel_version);
	fprintf(f, "kernel config: %s\n", si->kernel_config);
	fprintf(f, "host: %s\n", si->hostname);
	fprintf(f, "cpu: %s, %d online, %s", cpu->arch, cpu->nr_cpus, cpu->name);
	if (cpu->have_midr)
		fprintf(f, " (MIDR_EL1 0x%08llx: implementer 0x%02x part 0x%03x r%up%u)",
			(unsigned long long)cpu->midr, cpu->implementer, cpu->part,
			cpu->variant, cpu->revision);
	fputc('\n', f);
	fprintf(f, "emulated: %s%s%s\n", si->emulated ? "yes" : "no",
		si->emulation[0] ? ": " : "", si->emulation);
	if (!ARCH_ARM64) {
		fprintf(f, "sve/sme: not an arm64 build\n");
	} else {
		fprintf(f, "sve: ");
		if (si->sve)
			print_vls(f, si->sve_vls, si->nr_sve_vls), fprintf(f, " bits\n");
		else
			fprintf(f, "no (HWCAP_SVE clear)\n");
		fprintf(f, "sme: ");
		if (si->sme)
			print_vls(f, si->sme_vls, si->nr_sme_vls),
			fprintf(f, " bits, SME2/ZT0 %s\n", si->sme2 ? "yes" : "no");
		else
			fprintf(f, "no (HWCAP2_SME clear)\n");
	}
	if (si->kvm)
		fprintf(f, "kvm: /dev/kvm usable%s, SVE cap %s, PMUv3 cap %s, ptrauth cap %s%s%s\n",
			si->kvm_arm ? " (arm64)" : "",
			cap_str(si->kvm_cap_sve, a, sizeof(a)),
			cap_str(si->kvm_cap_pmu, b, sizeof(b)),
			cap_str(si->kvm_cap_ptrauth, c, sizeof(c)),
			si->kvm_reason[0] ? "; " : "", si->kvm_reason);
	else
		fprintf(f, "kvm: no: %s\n", si->kvm_reason);
	fprintf(f, "fp_mode: %s%s\n", fp_mode_names[si->fp_mode],
		si->fp_mode == FP_MODE_UNKNOWN ? " (" FP_EAGER_PARAM " absent)" : "");
	fprintf(f, "perf: perf_event_paranoid %d, perf_user_access %s\n",
		si->perf_event_paranoid,
		si->perf_user_access < 0 ? "absent" :
		si->perf_user_access ? "1" : "0");
	for (int i = 0; i < si->nr_warn; i++)
		fprintf(f, "warning: %s\n", si->warn[i]);
}

static void json_vls(FILE *f, const unsigned int *vls, int nr)
{
	fputc('[', f);
	for (int i = 0; i < nr; i++)
		fprintf(f, "%s%u", i ? ", " : "", vls[i]);
	fputc(']', f);
}

void sysinfo_print_json(const struct sysinfo *si, FILE *f)
{
	const struct sysinfo_cpu *cpu = &si->cpu;

	fprintf(f, "{\"host\": ");
	json_put_string(f, si->hostname);
	fprintf(f, ", \"kernel\": ");
	json_put_string(f, si->kernel);
	fprintf(f, ", \"kernel_version\": ");
	json_put_string(f, si->kernel_version);
	fprintf(f, ", \"kernel_config\": ");
	json_put_string(f, si->kernel_config);
	fprintf(f, ", \"cpu\": {\"arch\": ");
	json_put_string(f, cpu->arch);
	if (cpu->have_midr)
		fprintf(f, ", \"midr\": \"0x%08llx\", \"implementer\": %u, \"part\": %u",
			(unsigned long long)cpu->midr, cpu->implementer, cpu->part);
	else
		fprintf(f, ", \"midr\": null, \"implementer\": null, \"part\": null");
	fprintf(f, ", \"name\": ");
	json_put_string(f, cpu->name);
	fprintf(f, ", \"nr_cpus\": %d}", cpu->nr_cpus);
	fprintf(f, ", \"sve_vls\": ");
	json_vls(f, si->sve_vls, si->nr_sve_vls);
	fprintf(f, ", \"sme_vls\": ");
	json_vls(f, si->sme_vls, si->nr_sme_vls);
	fprintf(f, ", \"sme2\": %s", si->sme2 ? "true" : "false");
	fprintf(f, ", \"emulated\": %s, \"emulation\": ", si->emulated ? "true" : "false");
	json_put_string(f, si->emulation);
	fprintf(f, ", \"kvm\": %s, \"kvm_reason\": ", si->kvm ? "true" : "false");
	json_put_string(f, si->kvm_reason);
	fprintf(f, ", \"kvm_cap_arm_sve\": %d, \"kvm_cap_arm_pmu_v3\": %d",
		si->kvm_cap_sve, si->kvm_cap_pmu);
	fprintf(f, ", \"fp_mode\": \"%s\"", fp_mode_names[si->fp_mode]);
	fprintf(f, ", \"perf_event_paranoid\": %d, \"perf_user_access\": %d",
		si->perf_event_paranoid, si->perf_user_access);
	fprintf(f, ", \"warnings\": [");
	for (int i = 0; i < si->nr_warn; i++) {
		if (i)
			fprintf(f, ", ");
		json_put_string(f, si->warn[i]);
	}
	fprintf(f, "]}");
}
