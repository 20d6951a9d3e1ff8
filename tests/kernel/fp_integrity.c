// SPDX-License-Identifier: GPL-2.0
/*
 * fp_integrity: smoke test for the kvm.fp_eager knob (kernel-patches/).
 *
 * A vCPU thread fills V0-V31 with a fresh pattern, runs a guest that exits
 * to user space through an MMIO store, and checks V0-V31 afterwards, while
 * a second thread pinned to the same CPU keeps waking up, preempting it and
 * filling the registers with its own FP/SVE values. Each case of the table
 * below runs for every fp_eager value the kernel offers; any register that
 * comes back different is a failure.
 *
 * Per mode there is also a ptrace case: a tracer stops the vCPU thread at
 * the syscall entry of every KVM_RUN, writes Z0-Z31 with NT_ARM_SVE (bits
 * beyond V0-V31 set) and lets it go on; the Z registers must read back as
 * written after KVM_RUN returns (the guest does no FP, so nothing is live
 * and nothing may be discarded).
 *
 * Knob checks come first: every value fp_eager accepts reads back as
 * written, an unknown value is refused; with fpit_pkvm=1 (the kernel was
 * booted with kvm-arm.mode=protected kvm.fp_eager=0) the knob must read 1,
 * the mode pKVM uses, and refuse 0 and 2.
 *
 * Runs as an ordinary program or as /init of a QEMU guest (it then mounts
 * what it needs and powers the machine off). The iteration count comes from
 * $fpit_iters, which the kernel sets from "fpit_iters=N" on its command line;
 * $fpit_only=ptrace runs the knob checks and the ptrace case only.
 *
 * Output is TAP on stdout. Exit: 0 pass, 1 fail, 4 skip (no usable KVM).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <asm/ptrace.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KSFT_PASS	0
#define KSFT_FAIL	1
#define KSFT_SKIP	4

/* Runs per case unless $fpit_iters says otherwise. */
#define DEFAULT_ITERS	20000
/* Idle loop with the full SVE state live after each host-SVE run. */
#define SVE_HOLD_SPINS	5000
/* The preempting thread's sleep: short enough to land inside KVM_RUN often. */
#define PREEMPT_SLEEP_NS	20000
#define GUEST_BASE	0x40000000UL
#define GUEST_MEM_SIZE	0x10000UL
/* Unbacked guest physical address: every store to it exits to user space. */
#define GUEST_MMIO	0x10000000UL
#define FP_EAGER_PATH	"/sys/module/kvm/parameters/fp_eager"
/* Runs per mode of the ptrace case (deterministic: no preemption needed). */
#define PTRACE_ITERS_MAX	2000

#ifndef HWCAP_SVE
#define HWCAP_SVE	(1 << 22)
#endif
#ifndef HWCAP2_SME
#define HWCAP2_SME	(1 << 23)
#endif
#define SVCR_ZA		(1UL << 1)

#define ARM64_CORE_REG(x)	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | \
				 KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(x))

/* fp_regs.S; flag values shared with it */
#define RUN_SVE		1
#define RUN_ZA		2
long fp_run_checked(int fd, const void *in, void *out, long flags);
void fp_clobber(unsigned long seed, long use_sve);
void sve_fill_spin_dump(unsigned long seed, unsigned long spins, void *out);
long sve_run_dump(int fd, void *out);
extern const char guest_code_start[], guest_code_end[];

struct fp_case {
	const char *name;
	int guest_fp;	/* guest writes an FP register before each exit */
	int guest_sve;	/* vCPU has SVE enabled */
	int host_sve;	/* host uses SVE right before each KVM_RUN */
	int host_za;	/* host enters KVM_RUN with SME's PSTATE.ZA set */
};

static const struct fp_case cases[] = {
	{ .name = "guest-nofp host-fpsimd" },
	{ .name = "guest-nofp host-sve",	.host_sve = 1 },
	{ .name = "guest-fp host-fpsimd",	.guest_fp = 1 },
	{ .name = "guest-fp host-sve",		.guest_fp = 1, .host_sve = 1 },
	{ .name = "guest-sve host-fpsimd",	.guest_fp = 1, .guest_sve = 1 },
	{ .name = "guest-sve host-sve",		.guest_fp = 1, .guest_sve = 1, .host_sve = 1 },
	{ .name = "guest-fp host-za",		.guest_fp = 1, .host_za = 1 },
};

struct vm {
	int kvm, vm, vcpu;
	struct kvm_run *run;
	size_t run_size;
	void *mem;
};

static int test_num;

static inline uint64_t cntvct(void)
{
	uint64_t v;

	asm volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#define CHECK(cond, what)						\
	do {								\
		if (!(cond)) {						\
			diag("%s:%d: %s failed: %s", __FILE__, __LINE__,\
			     what, strerror(errno));			\
			return -1;					\
		}							\
	} while (0)

static int vcpu_set_reg(struct vm *vm, uint64_t id, uint64_t val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uint64_t)&val };

	return ioctl(vm->vcpu, KVM_SET_ONE_REG, &reg);
}

static void vm_destroy(struct vm *vm)
{
	if (vm->run)
		munmap(vm->run, vm->run_size);
	if (vm->mem)
		munmap(vm->mem, GUEST_MEM_SIZE);
	if (vm->vcpu >= 0)
		close(vm->vcpu);
	if (vm->vm >= 0)
		close(vm->vm);
}

static int vm_create(struct vm *vm, int kvm, const struct fp_case *c)
{
	struct kvm_userspace_memory_region region = {
		.slot = 0,
		.guest_phys_addr = GUEST_BASE,
		.memory_size = GUEST_MEM_SIZE,
	};
	struct kvm_vcpu_init init;
	int feature = KVM_ARM_VCPU_SVE;
	int mmap_size;

	*vm = (struct vm){ .kvm = kvm, .vm = -1, .vcpu = -1 };

	vm->vm = ioctl(kvm, KVM_CREATE_VM, 0);
	CHECK(vm->vm >= 0, "KVM_CREATE_VM");
	vm->mem = mmap(NULL, GUEST_MEM_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(vm->mem != MAP_FAILED, "mmap guest memory");
	memcpy(vm->mem, guest_code_start, guest_code_end - guest_code_start);
	region.userspace_addr = (uint64_t)vm->mem;
	CHECK(!ioctl(vm->vm, KVM_SET_USER_MEMORY_REGION, &region),
	      "KVM_SET_USER_MEMORY_REGION");

	vm->vcpu = ioctl(vm->vm, KVM_CREATE_VCPU, 0);
	CHECK(vm->vcpu >= 0, "KVM_CREATE_VCPU");
	CHECK(!ioctl(vm->vm, KVM_ARM_PREFERRED_TARGET, &init),
	      "KVM_ARM_PREFERRED_TARGET");
	if (c->guest_sve)
		init.features[0] |= 1U << KVM_ARM_VCPU_SVE;
	CHECK(!ioctl(vm->vcpu, KVM_ARM_VCPU_INIT, &init), "KVM_ARM_VCPU_INIT");
	if (c->guest_sve)
		CHECK(!ioctl(vm->vcpu, KVM_ARM_VCPU_FINALIZE, &feature),
		      "KVM_ARM_VCPU_FINALIZE");

	mmap_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	CHECK(mmap_size > 0, "KVM_GET_VCPU_MMAP_SIZE");
	vm->run_size = mmap_size;
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       vm->vcpu, 0);
	CHECK(vm->run != MAP_FAILED, "mmap kvm_run");

	CHECK(!vcpu_set_reg(vm, ARM64_CORE_REG(regs.pc), GUEST_BASE), "set PC");
	CHECK(!vcpu_set_reg(vm, ARM64_CORE_REG(regs.regs[2]), GUEST_MMIO),
	      "set x2");
	CHECK(!vcpu_set_reg(vm, ARM64_CORE_REG(regs.regs[4]), c->guest_fp),
	      "set x4");
	return 0;
}

/* Distinct per iteration and per byte, never all-zero. */
static void pattern_fill(uint64_t *buf, unsigned int iter)
{
	for (unsigned int i = 0; i < 64; i++)
		buf[i] = 0x0f00000000000001ULL | ((uint64_t)iter << 16) | (i << 8);
}

static int pin_to_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

struct preempter {
	pthread_t thread;
	volatile int stop;
	int use_sve;
};

/* Wakes up on the vCPU thread's CPU, scribbles over FP/SVE, sleeps again. */
static void *preempter_fn(void *arg)
{
	struct preempter *p = arg;
	struct timespec ts = { .tv_nsec = PREEMPT_SLEEP_NS };
	unsigned long n = 0;

	pin_to_cpu0();
	while (!p->stop) {
		fp_clobber(0xdead000000000000UL | n++, p->use_sve);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

/*
 * After KVM_RUN returned, use the full SVE state for a while and check that
 * it survives preemption. Returns the first wrong Z register or -1.
 */
static int sve_hold_check(uint64_t seed, uint64_t *buf, unsigned int vl)
{
	unsigned int lanes = vl / 8;

	sve_fill_spin_dump(seed, SVE_HOLD_SPINS, buf);
	for (unsigned int n = 0; n < 32; n++)
		for (unsigned int j = 0; j < lanes; j++)
			if (buf[n * lanes + j] != seed + (uint64_t)j * (n + 1))
				return n;
	return -1;
}

/* Returns the number of corrupted runs, or -1 on setup/run errors. */
static int run_case(int kvm, const struct fp_case *c, unsigned int iters,
		    unsigned int vl)
{
	static uint64_t zbuf[32 * 256 / 8];
	uint64_t in[64], out[65];
	struct preempter p = { .use_sve = c->host_sve };
	int corrupt = 0, ret = 0;
	uint64_t start;
	struct vm vm;

	if (vm_create(&vm, kvm, c)) {
		vm_destroy(&vm);
		return -1;
	}
	if (pthread_create(&p.thread, NULL, preempter_fn, &p)) {
		diag("pthread_create failed");
		vm_destroy(&vm);
		return -1;
	}

	start = cntvct();
	for (unsigned int i = 0; i < iters; i++) {
		long r;

		pattern_fill(in, i);
		r = fp_run_checked(vm.vcpu, in, out,
				   (c->host_sve ? RUN_SVE : 0) |
				   (c->host_za ? RUN_ZA : 0));
		if (r < 0) {
			errno = -r;
			diag("KVM_RUN failed at iteration %u: %s", i, strerror(errno));
			ret = -1;
			break;
		}
		if (vm.run->exit_reason != KVM_EXIT_MMIO) {
			diag("unexpected exit reason %u at iteration %u",
			     vm.run->exit_reason, i);
			ret = -1;
			break;
		}
		if (c->host_za && !(out[64] & SVCR_ZA)) {
			if (corrupt < 5)
				diag("iteration %u: PSTATE.ZA lost", i);
			corrupt++;
		} else if (memcmp(in, out, sizeof(in))) {
			for (int reg = 0; reg < 32; reg++) {
				if (!memcmp(&in[2 * reg], &out[2 * reg], 16))
					continue;
				if (corrupt < 5)
					diag("iteration %u: V%d = %016llx%016llx, expected %016llx%016llx",
					     i, reg,
					     (unsigned long long)out[2 * reg + 1],
					     (unsigned long long)out[2 * reg],
					     (unsigned long long)in[2 * reg + 1],
					     (unsigned long long)in[2 * reg]);
				break;
			}
			corrupt++;
		} else if (c->host_sve) {
			int bad = sve_hold_check(in[0], zbuf, vl);

			if (bad >= 0) {
				if (corrupt < 5)
					diag("iteration %u: Z%d lost SVE state after KVM_RUN",
					     i, bad);
				corrupt++;
			}
		}
	}

	/* Not a measurement (preemption included): a sign of which path ran. */
	if (!ret && iters)
		diag("%s: %llu CNTVCT ticks per run", c->name,
		     (unsigned long long)((cntvct() - start) / iters));
	p.stop = 1;
	pthread_join(p.thread, NULL);
	vm_destroy(&vm);
	return ret ? ret : corrupt;
}

/* Returns the knob's value, or -1 if it is absent (unpatched kernel). */
static int fp_eager_get(void)
{
	char buf[16] = "";
	int fd = open(FP_EAGER_PATH, O_RDONLY);
	char *end;
	long v;

	if (fd < 0)
		return -1;
	if (read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = '?';
	close(fd);
	v = strtol(buf, &end, 10);
	return end != buf && (*end == '\n' || !*end) && v >= 0 ? (int)v : -1;
}

/* Returns 0 if the write succeeded, else the errno of the write. */
static int fp_eager_write(int val)
{
	int fd = open(FP_EAGER_PATH, O_WRONLY);
	char buf[16];
	int len, err = 0;

	if (fd < 0)
		return errno;
	len = snprintf(buf, sizeof(buf), "%d", val);
	if (write(fd, buf, len) != len)
		err = errno ? errno : EIO;
	close(fd);
	return err;
}

static int fp_eager_set(int val)
{
	return !fp_eager_write(val) && fp_eager_get() == val ? 0 : -1;
}

static char mode_buf[16];

static const char *mode_name(int mode)
{
	if (mode < 0)
		return "unknown";
	snprintf(mode_buf, sizeof(mode_buf), "%d", mode);
	return mode_buf;
}

/* Lane j of Zn as the tracer writes it before the iter-th KVM_RUN. */
static uint64_t ptrace_lane(unsigned int iter, unsigned int n, unsigned int j)
{
	return 0x5a00000000000000ULL | ((uint64_t)iter << 24) | (n << 12) | (j + 1);
}

/* Child: the vCPU thread. Counts corrupted runs in *bad; exit status 0, or 200+ on errors. */
static void ptrace_tracee(int kvm, unsigned int iters, unsigned int vl, int *bad)
{
	static const struct fp_case c = { .name = "ptrace" };
	unsigned int lanes = vl / 8;
	uint64_t *z = calloc(32, vl);
	struct vm vm;

	if (!z || vm_create(&vm, kvm, &c))
		_exit(200);
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL)) {
		diag("PTRACE_TRACEME: %s", strerror(errno));
		_exit(200);
	}
	raise(SIGSTOP);
	for (unsigned int i = 0; i < iters; i++) {
		long r = sve_run_dump(vm.vcpu, z);
		int wrong = 0;

		if (r < 0 || vm.run->exit_reason != KVM_EXIT_MMIO) {
			diag("ptrace case: KVM_RUN %ld, exit reason %u at iteration %u",
			     r, vm.run->exit_reason, i);
			_exit(201);
		}
		for (unsigned int n = 0; n < 32 && !wrong; n++)
			for (unsigned int j = 0; j < lanes; j++) {
				uint64_t want = ptrace_lane(i, n, j);

				if (z[n * lanes + j] == want)
					continue;
				if (*bad < 5)
					diag("iteration %u: Z%u lane %u = %016llx, tracer wrote %016llx",
					     i, n, j, (unsigned long long)z[n * lanes + j],
					     (unsigned long long)want);
				wrong = 1;
				break;
			}
		*bad += wrong;
	}
	_exit(0);
}

/*
 * Tracer: stop the child at the syscall entry of every KVM_RUN and write
 * its SVE registers there. Returns corrupted runs, or -1 on errors.
 */
static int run_ptrace_case(int kvm, unsigned int iters, unsigned int vl)
{
	unsigned int vq = vl / 16, entries = 0;
	size_t size = SVE_PT_SIZE(vq, SVE_PT_REGS_SVE);
	char *buf = calloc(1, size);
	int status, ret = -1, *bad;
	pid_t pid;

	bad = mmap(NULL, sizeof(*bad), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!buf || bad == MAP_FAILED) {
		free(buf);
		return -1;
	}
	*bad = 0;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		free(buf);
		munmap(bad, sizeof(*bad));
		return -1;
	}
	if (!pid)
		ptrace_tracee(kvm, iters, vl, bad);

	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status)) {
		diag("ptrace case: child did not stop (status %#x)", status);
		goto out;
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)) ||
	    ptrace(PTRACE_SYSCALL, pid, NULL, NULL)) {
		diag("ptrace case: %s", strerror(errno));
		goto out;
	}
	for (;;) {
		int sig = 0;

		if (waitpid(pid, &status, 0) != pid) {
			diag("ptrace case: waitpid: %s", strerror(errno));
			goto out;
		}
		if (WIFEXITED(status)) {
			ret = WEXITSTATUS(status) ? -1 : *bad;
			if (ret >= 0 && entries != iters) {
				diag("ptrace case: %u KVM_RUN entries seen, %u expected",
				     entries, iters);
				ret = -1;
			}
			break;
		}
		if (WIFSIGNALED(status)) {
			diag("ptrace case: child killed by signal %d", WTERMSIG(status));
			goto out;
		}
		if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			struct user_pt_regs regs;
			struct iovec iov = { &regs, sizeof(regs) };

			if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov)) {
				diag("ptrace case: NT_PRSTATUS: %s", strerror(errno));
				goto out;
			}
			/* arm64 reports the stop in x7: 0 entry, 1 exit. */
			if (regs.regs[7] == 0 && regs.regs[8] == __NR_ioctl &&
			    regs.regs[1] == KVM_RUN) {
				struct user_sve_header *h = (void *)buf;

				memset(buf, 0, size);
				h->size = size;
				h->vl = vl;
				h->flags = SVE_PT_REGS_SVE;
				for (unsigned int n = 0; n < 32; n++) {
					uint64_t *zn = (void *)(buf + SVE_PT_SVE_ZREG_OFFSET(vq, n));

					for (unsigned int j = 0; j < vl / 8; j++)
						zn[j] = ptrace_lane(entries, n, j);
				}
				iov = (struct iovec){ buf, size };
				if (ptrace(PTRACE_SETREGSET, pid, (void *)NT_ARM_SVE, &iov)) {
					diag("ptrace case: NT_ARM_SVE: %s", strerror(errno));
					goto out;
				}
				entries++;
			}
		} else {
			sig = WSTOPSIG(status);
		}
		if (ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig)) {
			diag("ptrace case: PTRACE_SYSCALL: %s", strerror(errno));
			goto out;
		}
	}
out:
	if (ret < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	free(buf);
	munmap(bad, sizeof(*bad));
	return ret;
}

static void tap(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d ", ok ? "ok" : "not ok", ++test_num);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/*
 * Knob checks; fills modes[] with the values to test. Returns non-zero if
 * a check failed.
 */
static int knob_checks(int *modes, int *nmodes)
{
	const char *env = getenv("fpit_pkvm");
	int pkvm = env && atoi(env);
	int start = fp_eager_get(), failed = 0, err, v;

	*nmodes = 0;
	if (start < 0) {
		diag("%s absent: testing the kernel's only mode", FP_EAGER_PATH);
		if (pkvm) {
			tap(0, "knob: fp_eager absent under pKVM");
			failed = 1;
		}
		modes[(*nmodes)++] = -1;
		return failed;
	}
	diag("fp_eager at start: %d", start);

	if (pkvm) {
		/* Booted with kvm.fp_eager=0, which pKVM does not use. */
		tap(start == 1, "knob: pKVM, kvm.fp_eager=0 on the command line reads back %d (want 1, the mode in effect)",
		    start);
		failed |= start != 1;
		for (v = 0; v <= 2; v += 2) {
			err = fp_eager_write(v);
			tap(err && fp_eager_get() == 1,
			    "knob: pKVM refuses fp_eager=%d (write: %s, reads %d)",
			    v, err ? strerror(err) : "accepted", fp_eager_get());
			failed |= !err || fp_eager_get() != 1;
		}
		err = fp_eager_write(1);
		tap(!err && fp_eager_get() == 1, "knob: pKVM accepts fp_eager=1");
		failed |= err || fp_eager_get() != 1;
		modes[(*nmodes)++] = 1;
		return failed;
	}

	for (v = 1; v >= 0; v--) {
		int ok = !fp_eager_set(v);

		tap(ok, "knob: fp_eager=%d accepted and read back", v);
		failed |= !ok;
		if (ok)
			modes[(*nmodes)++] = v;
	}
	/* Mode 2 is newer: a kernel without it is diagnosed, not failed. */
	err = fp_eager_write(2);
	if (!err && fp_eager_get() == 2)
		modes[(*nmodes)++] = 2;
	else
		diag("fp_eager=2 not offered (write: %s)", err ? strerror(err) : "no readback");
	err = fp_eager_write(3);
	v = fp_eager_get();
	tap(err && v != 3, "knob: fp_eager=3 refused (write: %s, reads %d)",
	    err ? strerror(err) : "accepted", v);
	failed |= !err || v == 3;
	return failed;
}

/* As PID 1: give ourselves /dev, /proc, /sys and a console. */
static void init_setup(void)
{
	int fd;

	mkdir("/dev", 0755);
	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

static int run_all(void)
{
	const char *env = getenv("fpit_iters");
	const char *only = getenv("fpit_only");
	unsigned int iters = env ? strtoul(env, NULL, 0) : DEFAULT_ITERS;
	unsigned int ptrace_iters = iters < PTRACE_ITERS_MAX ? iters : PTRACE_ITERS_MAX;
	int ptrace_only = only && !strcmp(only, "ptrace");
	int host_sve = !!(getauxval(AT_HWCAP) & HWCAP_SVE);
	int host_sme = !!(getauxval(AT_HWCAP2) & HWCAP2_SME);
	/* PR_SVE_GET_VL: the low 16 bits are the vector length in bytes. */
	unsigned int vl = host_sve ? prctl(PR_SVE_GET_VL) & 0xffff : 0;
	int modes[3], nmodes, guest_sve, failed = 0, kvm;

	kvm = open("/dev/kvm", O_RDWR);
	if (kvm < 0) {
		printf("1..0 # SKIP /dev/kvm: %s\n", strerror(errno));
		return KSFT_SKIP;
	}
	guest_sve = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_ARM_SVE) > 0;

	pin_to_cpu0();
	printf("TAP version 13\n");
	failed |= knob_checks(modes, &nmodes);
	for (int m = 0; m < nmodes; m++) {
		int corrupt;

		if (modes[m] >= 0 && fp_eager_set(modes[m])) {
			diag("cannot set fp_eager=%d", modes[m]);
			return KSFT_FAIL;
		}
		for (size_t i = 0; !ptrace_only && i < sizeof(cases) / sizeof(cases[0]); i++) {
			const struct fp_case *c = &cases[i];

			if ((c->host_sve && !host_sve) || (c->guest_sve && !guest_sve) ||
			    (c->host_za && !host_sme)) {
				printf("ok %d fp_eager=%s %s # SKIP no SVE/SME\n",
				       ++test_num, mode_name(modes[m]), c->name);
				continue;
			}
			corrupt = run_case(kvm, c, iters, vl);
			tap(!corrupt, "fp_eager=%s %s: %u runs, %d corrupted",
			    mode_name(modes[m]), c->name, iters, corrupt);
			failed |= corrupt != 0;
		}
		if (!host_sve) {
			printf("ok %d fp_eager=%s ptrace-sve # SKIP no SVE\n",
			       ++test_num, mode_name(modes[m]));
			continue;
		}
		corrupt = run_ptrace_case(kvm, ptrace_iters, vl);
		tap(!corrupt, "fp_eager=%s ptrace-sve: %u runs, %d corrupted",
		    mode_name(modes[m]), ptrace_iters, corrupt);
		failed |= corrupt != 0;
	}
	printf("1..%d\n", test_num);
	if (modes[0] >= 0)
		fp_eager_write(1);
	close(kvm);
	return failed ? KSFT_FAIL : KSFT_PASS;
}

int main(void)
{
	int is_init = getpid() == 1;
	int ret;

	if (is_init)
		init_setup();
	ret = run_all();
	printf("fp_integrity: %s\n",
	       ret == KSFT_PASS ? "PASS" : ret == KSFT_SKIP ? "SKIP" : "FAIL");
	fflush(stdout);
	if (is_init) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return ret;
}
