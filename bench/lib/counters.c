// SPDX-License-Identifier: GPL-2.0
/*
 * perf_event counter groups and the per-iteration time source (counters.h).
 *
 * For trustworthy cycles on arm64: pin the thread, set
 * /proc/sys/kernel/perf_user_access to 1 (EL0 counter reads, no syscall per
 * iteration), run as root or with perf_event_paranoid <= 1 so kernel and
 * hypervisor work is counted (otherwise per-iteration samples come from the
 * timer, not the PMU), and keep the group small enough (<= number of
 * counters) that running_pct stays 100.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef FPBENCH_HAVE_LIBPFM
#include <perfmon/pfmlib_perf_event.h>
#endif

#include "json.h"
#include "counters.h"
#include "fpbench.h"

/* arm64 PMUv3 architectural event numbers (FACTS.md). */
#define ARMV8_CPU_CYCLES	0x11
#define ARMV8_INST_RETIRED	0x08
/* arm_pmuv3 config1 format bits: "long" (64-bit) and "rdpmc" (EL0 read). */
#define ARMV8_CFG1_LONG		(1ULL << 0)
#define ARMV8_CFG1_RDPMC	(1ULL << 1)


#define SYSFS_PMUS	"/sys/bus/event_source/devices"

const char *const counters_attrib_names[COUNTERS_ATTRIB_NR] = {
	[COUNTERS_HOST] = "host",
	[COUNTERS_GUEST] = "guest",
	[COUNTERS_BOTH] = "both",
};

const char *const counters_source_names[COUNTERS_SRC_NR] = {
	[COUNTERS_SRC_PMU_USER] = "pmu-el0",
	[COUNTERS_SRC_CNTVCT] = "cntvct",
	[COUNTERS_SRC_CLOCK] = "clock_gettime",
};

static const char *const source_units[COUNTERS_SRC_NR] = {
	[COUNTERS_SRC_PMU_USER] = "cycles",
	[COUNTERS_SRC_CNTVCT] = "cntvct",
	[COUNTERS_SRC_CLOCK] = "ns",
};

/* Append "; "-separated text to the reason. */
static void counters_why(struct counters *c, const char *fmt, ...)
{
	size_t used = strlen(c->reason);
	va_list ap;

	if (used && used + 2 < sizeof(c->reason)) {
		strcpy(c->reason + used, "; ");
		used += 2;
	}
	va_start(ap, fmt);
	vsnprintf(c->reason + used, sizeof(c->reason) - used, fmt, ap);
	va_end(ap);
}

static long perf_open(struct perf_event_attr *attr, int group_fd)
{
	/* pid 0, cpu -1: follow this thread (EL0 reads need a task event). */
	return syscall(SYS_perf_event_open, attr, 0, -1, group_fd,
		       PERF_FLAG_FD_CLOEXEC);
}

/* A small sysfs file's text, NUL-terminated; false if absent or empty. */
static bool read_text_file(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return true;
}

static int read_int_file(const char *path, long *val)
{
	char buf[64];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	*val = strtol(buf, NULL, 0);
	return 0;
}

/* Is @cpu in a sysfs cpu list ("0-3,8")? */
static bool cpulist_has(const char *list, int cpu)
{
	const char *p = list;

	while (*p) {
		char *end;
		long lo = strtol(p, &end, 10), hi = lo;

		if (end == p)
			return false;
		if (*end == '-')
			hi = strtol(end + 1, &end, 10);
		if (cpu >= lo && cpu <= hi)
			return true;
		p = *end == ',' ? end + 1 : end;
		if (*p == '\n')
			break;
	}
	return false;
}

/*
 * arm64 (and big.LITTLE) CPU PMUs are separate perf PMUs, armv8_pmuv3_0,
 * armv8_cortex_a53, armv9_neoverse_n2 ..., each listing its CPUs in "cpus"
 * (an arm_pmu attribute; uncore PMUs have "cpumask"). Pick the one
 * holding @cpu (the first one when not pinned). false: none (x86, QEMU
 * user mode on an x86 host): generic PERF_TYPE_HARDWARE then.
 */
static bool pmu_find(int cpu, unsigned int *type, char *name, size_t len)
{
	DIR *d = opendir(SYSFS_PMUS);
	struct dirent *de;
	bool found = false;

	if (!d)
		return false;
	while (!found && (de = readdir(d))) {
		char path[512], list[256];
		long t;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), SYSFS_PMUS "/%s/cpus", de->d_name);
		if (!read_text_file(path, list, sizeof(list)))
			continue;
		/* x86 hybrid "cpu_core"/"cpu_atom" have cpus too (qemu-user) */
		if (!strncmp(de->d_name, "cpu", 3))
			continue;
		if (cpu >= 0 && !cpulist_has(list, cpu))
			continue;
		snprintf(path, sizeof(path), SYSFS_PMUS "/%s/type", de->d_name);
		if (read_int_file(path, &t))
			continue;
		*type = t;
		snprintf(name, len, "%.*s", (int)len - 1, de->d_name);
		found = true;
	}
	closedir(d);
	return found;
}

/*
 * Does the CPU's PMU implement PMUv3 common event @ev? The kernel lists in
 * sysfs (<pmu>/events/, "event=0x08") the common events PMCEID0/1 say are
 * implemented. 1 yes, 0 no, -1 cannot tell (no list, or not a common event:
 * IMPLEMENTATION DEFINED events are not listed).
 */
static int pmu_implements(const struct counters *c, unsigned long long ev)
{
	char path[512], buf[64];
	struct dirent *de;
	int found = 0, listed = 0;
	DIR *d;

	if (!(ev < 0x40 || (ev >= 0x4000 && ev < 0x4040)))
		return -1;
	snprintf(path, sizeof(path), SYSFS_PMUS "/%s/events", c->pmu_name);
	d = opendir(path);
	if (!d)
		return -1;
	while (!found && (de = readdir(d))) {
		unsigned long long v;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), SYSFS_PMUS "/%s/events/%s", c->pmu_name,
			 de->d_name);
		if (!read_text_file(path, buf, sizeof(buf)))
			continue;
		if (sscanf(buf, "event=%llx", &v) == 1) {
			listed = 1;
			found = v == ev;
		}
	}
	closedir(d);
	return found ? 1 : listed ? 0 : -1;
}

#ifdef FPBENCH_HAVE_LIBPFM
static int pfm_ready;	/* 0 not tried, 1 ok, -1 failed */

/* Name of the core PMU libpfm detected on this machine, or NULL. */
static const char *pfm_core_pmu(void)
{
	pfm_pmu_info_t info;
	pfm_pmu_t p;

	if (!pfm_ready)
		pfm_ready = pfm_initialize() == PFM_SUCCESS ? 1 : -1;
	if (pfm_ready < 0)
		return NULL;
	pfm_for_all_pmus(p) {
		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		if (pfm_get_pmu_info(p, &info) == PFM_SUCCESS &&
		    info.is_present && info.type == PFM_PMU_TYPE_CORE)
			return info.name;
	}
	return NULL;
}

static int pfm_encode(struct counters *c, const char *name,
		      struct perf_event_attr *attr)
{
	pfm_perf_encode_arg_t arg;
	int ret;

	if (!pfm_core_pmu()) {
		counters_why(c, "%s: libpfm4 does not know this core", name);
		return -ENOENT;
	}
	memset(&arg, 0, sizeof(arg));
	arg.attr = attr;
	arg.size = sizeof(arg);
	ret = pfm_get_os_event_encoding(name, PFM_PLM3 | PFM_PLM0,
					PFM_OS_PERF_EVENT_EXT, &arg);
	if (ret != PFM_SUCCESS) {
		counters_why(c, "%s: libpfm4: %s", name, pfm_strerror(ret));
		return -ENOENT;
	}
	c->libpfm = true;
	return 0;
}
#endif

/* Fill @attr for event @name; the attribution bits are set by the caller. */
static int event_encode(struct counters *c, const char *name,
			struct perf_event_attr *attr, bool arm_pmu)
{
	bool cycles = !strcmp(name, "cycles");
	bool instr = !strcmp(name, "instructions");

	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	if (cycles || instr) {
		if (arm_pmu) {
			/* Architectural PMUv3 events on the CPU's own PMU. */
			attr->type = c->pmu_type;
			attr->config = cycles ? ARMV8_CPU_CYCLES : ARMV8_INST_RETIRED;
		} else {
			attr->type = PERF_TYPE_HARDWARE;
			attr->config = cycles ? PERF_COUNT_HW_CPU_CYCLES :
						PERF_COUNT_HW_INSTRUCTIONS;
		}
		return 0;
	}
	/* "r11": raw event number on the CPU's PMU, no libpfm needed. */
	if (name[0] == 'r' && name[1] && isxdigit((unsigned char)name[1])) {
		char *end;
		unsigned long long v = strtoull(name + 1, &end, 16);

		if (!*end) {
			attr->type = arm_pmu ? c->pmu_type : PERF_TYPE_RAW;
			attr->config = v;
			return 0;
		}
	}
#ifdef FPBENCH_HAVE_LIBPFM
	if (pfm_encode(c, name, attr))
		return -ENOENT;
	attr->size = sizeof(*attr);
	/* libpfm says "raw"; on big.LITTLE the pinned CPU's PMU decides. */
	if (arm_pmu && attr->type == PERF_TYPE_RAW)
		attr->type = c->pmu_type;
	return 0;
#else
	counters_why(c, "%s: unknown event (built without libpfm4; use cycles, instructions or r<hex>)",
		     name);
	return -ENOENT;
#endif
}

static void attrib_apply(struct counters *c, struct perf_event_attr *attr)
{
	attr->exclude_guest = c->attrib == COUNTERS_HOST;
	attr->exclude_host = c->attrib == COUNTERS_GUEST;
	attr->exclude_kernel = c->exclude_kernel;
	attr->exclude_hv = 0;
	attr->read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED |
			    PERF_FORMAT_TOTAL_TIME_RUNNING;
}

/*
 * Open one event into the group. Retries without kernel counting when
 * paranoia forbids it and without EL0 access when the PMU refuses it.
 */
static int event_open(struct counters *c, struct perf_event_attr *attr,
		      const char *name, bool leader, bool *user)
{
	long fd;

	attrib_apply(c, attr);
	attr->disabled = leader;
	for (int tries = 0; tries < 4; tries++) {
		fd = perf_open(attr, leader ? -1 : c->fd[0]);
		if (fd >= 0)
			return fd;
		if ((errno == EACCES || errno == EPERM) && !attr->exclude_kernel) {
			/* Noted once, in counters_open(), with the source used. */
			c->exclude_kernel = true;
			attr->exclude_kernel = 1;
			continue;
		}
		if (*user && (errno == EOPNOTSUPP || errno == EINVAL)) {
			if (attr->config1 & ARMV8_CFG1_LONG) {
				/* No 64-bit event counters (pre-PMUv3p5). */
				attr->config1 &= ~ARMV8_CFG1_LONG;
				continue;
			}
			attr->config1 &= ~ARMV8_CFG1_RDPMC;
			*user = false;
			counters_why(c, "%s: EL0 read refused (%s)", name,
				     strerror(errno));
			continue;
		}
		break;
	}
	return -errno;
}

/* Map an event's user page for EL0 reads; NULL when the kernel won't. */
static struct perf_event_mmap_page *user_page(struct counters *c, int fd,
					      const char *name)
{
	struct perf_event_mmap_page *pc;

	c->pc_len = sysconf(_SC_PAGESIZE);
	pc = mmap(NULL, c->pc_len, PROT_READ, MAP_SHARED, fd, 0);
	if (pc == MAP_FAILED) {
		counters_why(c, "%s: mmap of user page: %s", name, strerror(errno));
		return NULL;
	}
	/* index is valid while the event is scheduled: the group runs now. */
	if (!pc->cap_user_rdpmc || !pc->index) {
		counters_why(c, "%s: no EL0 access (cap_user_rdpmc %d, index %u)",
			     name, (int)pc->cap_user_rdpmc, pc->index);
		munmap(pc, c->pc_len);
		return NULL;
	}
	return pc;
}

int counters_open(struct counters *c, const struct counters_opts *o)
{
	static const struct counters_opts dfl = { .cpu = -1, .user_read = true };
	static const char *const dfl_events[] = { "cycles", "instructions", NULL };
	const char *const *events;
	char unimpl[COUNTERS_REASON_LEN] = "";	/* events the PMU lacks */
	bool arm_pmu = false, want_user = false;
	long user_access = -1;
	int ret = 0;

	if (!o)
		o = &dfl;
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < COUNTERS_MAX_EVENTS; i++)
		c->fd[i] = -1;
	c->cycles_idx = c->instr_idx = -1;
	c->attrib = o->attrib;
	events = o->events[0] ? o->events : dfl_events;

	arm_pmu = pmu_find(o->cpu, &c->pmu_type, c->pmu_name, sizeof(c->pmu_name));
	if (read_int_file("/proc/sys/kernel/perf_user_access", &user_access))
		user_access = -1;
	c->source = ARCH_HAS_USER_TIMER ? COUNTERS_SRC_CNTVCT : COUNTERS_SRC_CLOCK;
	want_user = ARCH_HAS_USER_PMU && o->user_read && arm_pmu && user_access == 1;
	if (!arm_pmu) {
		c->pmu_type = PERF_TYPE_HARDWARE;
		snprintf(c->pmu_name, sizeof(c->pmu_name), "generic");
	}
	if (o->no_pmu) {
		counters_why(c, "PMU not used (disabled by option)");
		return 0;
	}

	for (int i = 0; events[i] && i < COUNTERS_MAX_EVENTS; i++) {
		struct perf_event_attr attr;
		bool cyc = !strcmp(events[i], "cycles");
		bool ins = !strcmp(events[i], "instructions");
		bool on_core = false, user;
		int fd;

		if (event_encode(c, events[i], &attr, arm_pmu)) {
			ret = -ENOENT;
			goto fail;
		}
		/* libpfm4's CPU_CYCLES and INST_RETIRED are the same two events. */
		if (arm_pmu && attr.type == c->pmu_type && !attr.config1) {
			on_core = true;
			cyc |= attr.config == ARMV8_CPU_CYCLES;
			ins |= attr.config == ARMV8_INST_RETIRED;
		}
		/* An event the PMU does not implement would count 0: say so. */
		if (on_core && !cyc && !ins && pmu_implements(c, attr.config) == 0) {
			size_t u = strlen(unimpl);

			snprintf(unimpl + u, sizeof(unimpl) - u, "%s%s", u ? " " : "", events[i]);
			continue;
		}
		user = want_user && (cyc || ins);
		if (user)
			attr.config1 |= ARMV8_CFG1_RDPMC | ARMV8_CFG1_LONG;
		fd = event_open(c, &attr, events[i], c->nr == 0, &user);
		if (fd < 0) {
			if (c->nr == 0) {
				/* No leader: no PMU for us at all. */
				counters_why(c, "perf_event_open(%s): %s",
					     events[i], strerror(-fd));
				break;
			}
			counters_why(c, "%s not counted: perf_event_open: %s",
				     events[i], strerror(-fd));
			continue;
		}
		c->fd[c->nr] = fd;
		snprintf(c->names[c->nr], COUNTERS_NAME_LEN, "%s", events[i]);
		if (cyc && c->cycles_idx < 0)
			c->cycles_idx = c->nr;
		if (ins && c->instr_idx < 0)
			c->instr_idx = c->nr;
		c->nr++;
	}
	if (*unimpl)
		counters_why(c, "not implemented by %s (PMCEID), not counted: %s", c->pmu_name, unimpl);
	if (!c->nr)
		goto fallback;

	if (ioctl(c->fd[0], PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP)) {
		counters_why(c, "PERF_EVENT_IOC_ENABLE: %s", strerror(errno));
		counters_close(c);
		goto fallback_closed;
	}

	/*
	 * A user-only cycle count is not a clock for what we measure: a
	 * KVM_RUN round trip or a context switch is nearly all kernel and
	 * hypervisor work, and would show up as a few user cycles. Keep the
	 * group for the batch totals, take per-iteration samples from the
	 * timer (c->source is still the timer here).
	 */
	if (c->exclude_kernel) {
		long paranoid = -1;

		if (read_int_file("/proc/sys/kernel/perf_event_paranoid", &paranoid))
			paranoid = -1;
		counters_why(c, "kernel counting refused (perf_event_paranoid %ld): per-iteration samples from %s; batch totals count user mode only",
			     paranoid, counters_source_name(c));
		return 0;
	}
	if (!ARCH_HAS_USER_PMU)
		return 0;
	if (!o->user_read)
		counters_why(c, "EL0 PMU reads not requested");
	else if (!arm_pmu)
		counters_why(c, "EL0 PMU reads impossible: no armv8 PMU in " SYSFS_PMUS);
	else if (user_access != 1)
		counters_why(c, "EL0 PMU reads off: /proc/sys/kernel/perf_user_access is %s",
			     user_access < 0 ? "absent" : "0");
	else if (c->cycles_idx < 0)
		counters_why(c, "EL0 PMU reads need the cycles event");
	if (want_user && c->cycles_idx >= 0) {
		c->pc_cycles = user_page(c, c->fd[c->cycles_idx], "cycles");
		if (c->pc_cycles && c->instr_idx >= 0)
			c->pc_instr = user_page(c, c->fd[c->instr_idx], "instructions");
		if (c->pc_cycles)
			c->source = COUNTERS_SRC_PMU_USER;
	}
	return 0;

fallback:
	counters_close(c);
fallback_closed:
	c->source = ARCH_HAS_USER_TIMER ? COUNTERS_SRC_CNTVCT : COUNTERS_SRC_CLOCK;
	return 0;
fail:
	counters_close(c);
	return ret;
}

void counters_close(struct counters *c)
{
	if (c->pc_cycles)
		munmap(c->pc_cycles, c->pc_len);
	if (c->pc_instr)
		munmap(c->pc_instr, c->pc_len);
	c->pc_cycles = c->pc_instr = NULL;
	for (int i = 0; i < COUNTERS_MAX_EVENTS; i++) {
		if (c->fd[i] >= 0)
			close(c->fd[i]);
		c->fd[i] = -1;
	}
	c->nr = 0;
	c->cycles_idx = c->instr_idx = -1;
}

bool counters_have_pmu(const struct counters *c)
{
	return c->nr > 0;
}

bool counters_have_instructions(const struct counters *c)
{
	return c->pc_instr != NULL;
}

const char *counters_unit(const struct counters *c)
{
	return source_units[c->source];
}

const char *counters_source_name(const struct counters *c)
{
	return counters_source_names[c->source];
}

const char *counters_reason(const struct counters *c)
{
	return c->reason;
}

uint64_t counters_freq(const struct counters *c)
{
	if (ARCH_HAS_USER_TIMER && c->source == COUNTERS_SRC_CNTVCT)
		return arch_timer_freq();
	return c->source == COUNTERS_SRC_CLOCK ? 1000000000ULL : 0;
}

/* One read() of the whole group: values in open order. */
static int group_read(struct counters *c, uint64_t *vals, uint64_t *enabled,
		      uint64_t *running)
{
	uint64_t buf[3 + COUNTERS_MAX_EVENTS];
	ssize_t n = read(c->fd[0], buf, sizeof(buf));

	if (n < (ssize_t)(3 * sizeof(uint64_t)) || buf[0] != (uint64_t)c->nr)
		return n < 0 ? -errno : -EIO;
	*enabled = buf[1];
	*running = buf[2];
	for (int i = 0; i < c->nr; i++)
		vals[i] = buf[3 + i];
	return 0;
}

int counters_batch_start(struct counters *c)
{
	if (!c->nr)
		return 0;
	return group_read(c, c->batch_start, &c->batch_enabled, &c->batch_running);
}

int counters_batch_stop(struct counters *c, struct counter_values *v)
{
	uint64_t vals[COUNTERS_MAX_EVENTS], en, run;
	int ret;

	memset(v, 0, sizeof(*v));
	if (!c->nr)
		return 0;
	ret = group_read(c, vals, &en, &run);
	if (ret)
		return ret;
	v->nr = c->nr;
	for (int i = 0; i < c->nr; i++)
		v->value[i] = vals[i] - c->batch_start[i];
	v->time_enabled = en - c->batch_enabled;
	v->time_running = run - c->batch_running;
	return 0;
}

FPB_NO_FP
uint64_t counters_clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

uint64_t counters_now_slow(struct counters *c)
{
	(void)c;
	return counters_clock_ns();
}

/*
 * The perf_event_mmap_page protocol: retry while the kernel rewrote the page
 * (lock changed) under us; count = offset + counter sign-extended from
 * pmc_width bits. index 0: not on a counter right now (multiplexed out):
 * offset alone is the last saved count.
 */
FPB_NO_FP
uint64_t counters_user_read(struct perf_event_mmap_page *pc)
{
	uint32_t seq, idx;
	uint64_t count;

	do {
		seq = __atomic_load_n(&pc->lock, __ATOMIC_ACQUIRE);
		idx = pc->index;
		count = pc->offset;
		if (pc->cap_user_rdpmc && idx) {
			unsigned int width = pc->pmc_width;
			int64_t pmc = arch_pmu_read(idx - 1);

			if (width && width < 64) {
				pmc <<= 64 - width;
				pmc >>= 64 - width;
			}
			count += pmc;
		}
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while (__atomic_load_n(&pc->lock, __ATOMIC_RELAXED) != seq);
	return count;
}

void counters_describe(const struct counters *c, FILE *f)
{
	fprintf(f, "counter: %s (unit %s", counters_source_name(c),
		counters_unit(c));
	if (counters_freq(c))
		fprintf(f, ", %llu Hz", (unsigned long long)counters_freq(c));
	fprintf(f, ")%s\n", counters_have_instructions(c) ?
		", instructions per iteration" : "");
	if (c->nr) {
		fprintf(f, "pmu: %s (perf type %u%s), counting %s%s:", c->pmu_name,
			c->pmu_type, c->libpfm ? ", libpfm4" : "",
			counters_attrib_names[c->attrib],
			c->exclude_kernel ? " user only" : "");
		for (int i = 0; i < c->nr; i++)
			fprintf(f, " %s", c->names[i]);
		fputc('\n', f);
		if (c->reason[0])
			fprintf(f, "counter notes: %s\n", c->reason);
	} else {
		fprintf(f, "pmu: none: %s; falling back to %s (%s)\n",
			c->reason[0] ? c->reason : "unknown reason",
			counters_source_name(c), counters_unit(c));
	}
#ifdef FPBENCH_HAVE_LIBPFM
	{
		const char *core = pfm_core_pmu();

		fprintf(f, "libpfm4: %s\n", core ? core :
			"core not recognised (generic events only)");
	}
#else
	fprintf(f, "libpfm4: not built in (generic events only)\n");
#endif
}

void counters_print_json(const struct counters *c, FILE *f)
{
	fprintf(f, "{\"unit\": \"%s\", \"source\": \"%s\", \"pmu\": ",
		counters_unit(c), counters_source_name(c));
	json_put_string(f, c->nr ? c->pmu_name : "");
	fprintf(f, ", \"attribution\": \"%s\", \"events\": [",
		counters_attrib_names[c->attrib]);
	for (int i = 0; i < c->nr; i++) {
		if (i)
			fprintf(f, ", ");
		json_put_string(f, c->names[i]);
	}
	fprintf(f, "], \"instructions_per_iteration\": %s, \"reason\": ",
		counters_have_instructions(c) ? "true" : "false");
	json_put_string(f, c->reason);
	fputc('}', f);
}
