// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal arm64 VMM: one VM, one vCPU, GUEST_MEM_SIZE of RAM at
 * GUEST_MEM_IPA, nothing else unless a vPMU is wanted (then a vGIC v3,
 * which the PMU's interrupt needs). The guest is one of guest.S's payloads.
 *
 * vmm_run() sits between fp_fill() and fp_verify() in the measured loop,
 * so this file is built without FP/SIMD code generation (the pragma below):
 * the compiler must not move a struct through q registers there.
 */
#pragma GCC target("general-regs-only")

#define _GNU_SOURCE	/* CPU_SET, pthread_*affinity_np */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "arm64/vmm.h"
#include "trace.h"

/* PSTATE at entry: EL1 with SP_EL1, D, A, I, F masked. */
#define VMM_PSTATE_EL1H_DAIF	(PSR_MODE_EL1h | PSR_D_BIT | PSR_A_BIT | \
				 PSR_I_BIT | PSR_F_BIT)

/* vGIC v3 frames (only with a vPMU): away from RAM and the MMIO window. */
#define VMM_GICD_IPA		0x08000000ULL
#define VMM_GICR_IPA		0x080a0000ULL
/* PMU overflow interrupt: PPI 7 = INTID 23, as on the virt machine. */
#define VMM_PMU_IRQ		23

#define CORE_REG(name)	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
			 (offsetof(struct kvm_regs, name) / sizeof(__u32)))

/* Record "what failed" in vm->err; returns FPB_EENV (or @status). */
static int vmm_fail(struct vmm *vm, int status, const char *file, int line,
		    const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int vmm_fail(struct vmm *vm, int status, const char *file, int line,
		    const char *fmt, ...)
{
	va_list ap;
	int n;

	/* where, for errors; a skip's reason is read by users, keep it plain */
	n = status == FPB_SKIP ? 0 :
	    snprintf(vm->err, sizeof(vm->err), "%s:%d: ", file, line);
	if (n < 0 || (size_t)n >= sizeof(vm->err))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(vm->err + n, sizeof(vm->err) - n, fmt, ap);
	va_end(ap);
	return status;
}

#define VMM_FAIL(vm, status, ...) vmm_fail(vm, status, __FILE_NAME__, __LINE__, __VA_ARGS__)

/*
 * The one ioctl wrapper: the raw form returns ioctl()'s result; the checked
 * form also records "KVM_XXX failed: errno (strerror)" and yields
 * FPB_EENV, so call sites read `if (vmm_ioctl(...) < 0) return FPB_EENV;`.
 */
#define __vmm_ioctl(fd, cmd, arg)	ioctl(fd, cmd, arg)
#define vmm_ioctl(vm, fd, cmd, arg) ({					\
	int __r = __vmm_ioctl(fd, cmd, arg);				\
	if (__r < 0) {							\
		int __e = errno;					\
		VMM_FAIL(vm, FPB_EENV, "%s failed: %d (%s)", #cmd,	\
			 __e, strerror(__e));				\
		errno = __e;						\
	}								\
	__r;								\
})

static int vmm_check_cap(struct vmm *vm, int fd, long cap)
{
	int r = __vmm_ioctl(fd, KVM_CHECK_EXTENSION, cap);

	return r < 0 ? 0 : r;
}

int __vmm_get_reg(struct vmm *vm, uint64_t id, void *val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)val };

	return __vmm_ioctl(vm->vcpu_fd, KVM_GET_ONE_REG, &reg);
}

int vmm_get_reg(struct vmm *vm, uint64_t id, void *val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)val };

	if (vmm_ioctl(vm, vm->vcpu_fd, KVM_GET_ONE_REG, &reg) < 0)
		return FPB_EENV;
	return FPB_OK;
}

int vmm_set_reg(struct vmm *vm, uint64_t id, const void *val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)val };

	if (vmm_ioctl(vm, vm->vcpu_fd, KVM_SET_ONE_REG, &reg) < 0)
		return FPB_EENV;
	return FPB_OK;
}

static int vmm_set_reg64(struct vmm *vm, uint64_t id, uint64_t v)
{
	return vmm_set_reg(vm, id, &v);
}

uint64_t vmm_get_x(struct vmm *vm, unsigned int n)
{
	uint64_t v;
	uint64_t id = n <= 30 ? CORE_REG(regs.regs[n]) : CORE_REG(regs.pc);

	if (__vmm_get_reg(vm, id, &v) < 0)
		return UINT64_MAX;
	return v;
}

int vmm_corrupt_fpreg(struct vmm *vm, unsigned int n)
{
	/* large enough for a 2048-bit Z register slice */
	uint64_t buf[256 / 8];
	uint64_t id;

	if (n > 31)
		return VMM_FAIL(vm, FPB_EENV, "no FP register %u", n);
	if (vm->sve_vl_bits)
		id = KVM_REG_ARM64_SVE_ZREG(n, 0);
	else
		id = KVM_REG_ARM64 | KVM_REG_SIZE_U128 | KVM_REG_ARM_CORE |
		     (offsetof(struct kvm_regs, fp_regs.vregs[n]) / sizeof(__u32));
	if (vmm_get_reg(vm, id, buf))
		return FPB_EENV;
	buf[0] ^= 0xff;
	return vmm_set_reg(vm, id, buf);
}

void *vmm_gpa(struct vmm *vm, uint64_t ipa, size_t len)
{
	if (ipa < vm->mem_ipa || ipa - vm->mem_ipa > vm->mem_size ||
	    len > vm->mem_size - (ipa - vm->mem_ipa))
		return NULL;
	return (char *)vm->mem + (ipa - vm->mem_ipa);
}

/* Smallest data cache line (CTR_EL0.DminLine), for the maintenance loops. */
static size_t vmm_dcache_line(void)
{
	uint64_t ctr;

	asm volatile("mrs %0, ctr_el0" : "=r"(ctr));
	return 4u << ((ctr >> 16) & 0xf);
}

/*
 * Clean+invalidate to the point of coherency: the guest runs with its MMU
 * off, so its accesses bypass the caches the host's mapping uses. Linux lets
 * EL0 do this (SCTLR_EL1.UCI).
 */
static void vmm_dcache_civac(void *addr, size_t len)
{
	size_t line = vmm_dcache_line();
	uintptr_t p = (uintptr_t)addr & ~(line - 1);
	uintptr_t end = (uintptr_t)addr + len;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" :: "r"(p) : "memory");
	asm volatile("dsb sy" ::: "memory");
}

void vmm_sync_from_guest(struct vmm *vm, uint64_t ipa, size_t len)
{
	void *p = vmm_gpa(vm, ipa, len);

	if (p)
		vmm_dcache_civac(p, len);
}

/* ---- watchdog ---------------------------------------------------------- */

static void vmm_watchdog_handler(int sig)
{
	(void)sig;	/* only there to make KVM_RUN return EINTR */
}

/*
 * Once a second: if the vCPU has been inside the same KVM_RUN for
 * watchdog_s ticks, mark it hung and kick it out with a signal (and
 * immediate_exit, should the signal land just before the ioctl).
 */
static void *vmm_watchdog(void *arg)
{
	struct vmm *vm = arg;
	uint64_t last = UINT64_MAX;
	unsigned int same = 0;
	struct timespec ts;

	pthread_mutex_lock(&vm->lock);
	while (!vm->stop) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&vm->stop_cond, &vm->lock, &ts);
		if (vm->stop)
			break;
		if (!vm->in_run || __atomic_load_n(&vm->exits, __ATOMIC_RELAXED) != last) {
			last = __atomic_load_n(&vm->exits, __ATOMIC_RELAXED);
			same = 0;
			continue;
		}
		if (++same < vm->watchdog_s)
			continue;
		vm->hung = 1;
		vm->run->immediate_exit = 1;
		pthread_kill(vm->vcpu_thread, VMM_WATCHDOG_SIGNAL);
		same = 0;
	}
	pthread_mutex_unlock(&vm->lock);
	return NULL;
}

/*
 * Its once-a-second wakeup must not preempt the vCPU thread (that would be
 * a vcpu_put/vcpu_load of its own): when the creating thread is pinned to
 * one CPU, keep the watchdog on the others. Best effort.
 */
static void vmm_watchdog_elsewhere(struct vmm *vm)
{
	cpu_set_t mine, others;
	long n = sysconf(_SC_NPROCESSORS_CONF);

	if (pthread_getaffinity_np(pthread_self(), sizeof(mine), &mine) ||
	    CPU_COUNT(&mine) != 1)
		return;
	CPU_ZERO(&others);
	for (long cpu = 0; cpu < n && cpu < CPU_SETSIZE; cpu++)
		if (!CPU_ISSET(cpu, &mine))
			CPU_SET(cpu, &others);
	if (CPU_COUNT(&others))
		pthread_setaffinity_np(vm->watchdog, sizeof(others), &others);
}

static int vmm_watchdog_start(struct vmm *vm)
{
	struct sigaction sa = { .sa_handler = vmm_watchdog_handler };
	int r;

	/* No SA_RESTART: KVM_RUN must come back with EINTR. */
	sigemptyset(&sa.sa_mask);
	if (sigaction(VMM_WATCHDOG_SIGNAL, &sa, NULL) < 0)
		return VMM_FAIL(vm, FPB_EENV, "sigaction: %s", strerror(errno));
	pthread_mutex_init(&vm->lock, NULL);
	pthread_cond_init(&vm->stop_cond, NULL);
	vm->stop = false;
	r = pthread_create(&vm->watchdog, NULL, vmm_watchdog, vm);
	if (r)
		return VMM_FAIL(vm, FPB_EENV, "pthread_create: %s", strerror(r));
	vm->watchdog_started = true;
	vmm_watchdog_elsewhere(vm);
	return FPB_OK;
}

static void vmm_watchdog_stop(struct vmm *vm)
{
	if (!vm->watchdog_started)
		return;
	pthread_mutex_lock(&vm->lock);
	vm->stop = true;
	pthread_cond_signal(&vm->stop_cond);
	pthread_mutex_unlock(&vm->lock);
	pthread_join(vm->watchdog, NULL);
	pthread_cond_destroy(&vm->stop_cond);
	pthread_mutex_destroy(&vm->lock);
	vm->watchdog_started = false;
}

/* ---- setup --------------------------------------------------------------- */

/*
 * Offer exactly one maximum VL: keep the host's set below it (KVM requires
 * the set to match the host's up to the maximum), drop everything above.
 */
static int vmm_sve_setup(struct vmm *vm, unsigned int vl_bits)
{
	uint64_t vls[KVM_ARM64_SVE_VLS_WORDS];
	unsigned int vq = vl_bits / 128;
	int feature = KVM_ARM_VCPU_SVE;

	if (vl_bits % 128 || vq < SVE_VQ_MIN || vq > SVE_VQ_MAX)
		return VMM_FAIL(vm, FPB_SKIP, "guest VL %u bits is not a multiple of 128 in 128..2048",
				vl_bits);
	if (vmm_get_reg(vm, KVM_REG_ARM64_SVE_VLS, vls))
		return FPB_EENV;
	if (!(vls[(vq - 1) / 64] & (1ULL << ((vq - 1) % 64))))
		return VMM_FAIL(vm, FPB_SKIP, "guest SVE VL %u bits not offered by KVM", vl_bits);
	for (unsigned int q = vq + 1; q <= SVE_VQ_MAX; q++)
		vls[(q - 1) / 64] &= ~(1ULL << ((q - 1) % 64));
	if (vmm_set_reg(vm, KVM_REG_ARM64_SVE_VLS, vls))
		return FPB_EENV;
	if (vmm_ioctl(vm, vm->vcpu_fd, KVM_ARM_VCPU_FINALIZE, &feature) < 0)
		return FPB_EENV;
	vm->sve_vl_bits = vl_bits;
	return FPB_OK;
}

static int vmm_device_attr(struct vmm *vm, int fd, uint32_t group,
			   uint64_t attr, void *addr)
{
	struct kvm_device_attr a = {
		.group = group, .attr = attr, .addr = (uintptr_t)addr,
	};

	return vmm_ioctl(vm, fd, KVM_SET_DEVICE_ATTR, &a) < 0 ? FPB_EENV : FPB_OK;
}

/* vGIC v3 + PMUv3 for the vCPU (vmm_config.want_pmu). */
static int vmm_pmu_setup(struct vmm *vm)
{
	struct kvm_create_device gic = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	uint64_t dist = VMM_GICD_IPA, redist = VMM_GICR_IPA;
	uint32_t nr_irqs = 64;
	int irq = VMM_PMU_IRQ;

	if (vmm_ioctl(vm, vm->vm_fd, KVM_CREATE_DEVICE, &gic) < 0)
		return FPB_SKIP;
	vm->gic_fd = gic.fd;
	if (vmm_device_attr(vm, vm->gic_fd, KVM_DEV_ARM_VGIC_GRP_ADDR,
			    KVM_VGIC_V3_ADDR_TYPE_DIST, &dist) ||
	    vmm_device_attr(vm, vm->gic_fd, KVM_DEV_ARM_VGIC_GRP_ADDR,
			    KVM_VGIC_V3_ADDR_TYPE_REDIST, &redist) ||
	    vmm_device_attr(vm, vm->gic_fd, KVM_DEV_ARM_VGIC_GRP_NR_IRQS,
			    0, &nr_irqs) ||
	    vmm_device_attr(vm, vm->gic_fd, KVM_DEV_ARM_VGIC_GRP_CTRL,
			    KVM_DEV_ARM_VGIC_CTRL_INIT, NULL) ||
	    vmm_device_attr(vm, vm->vcpu_fd, KVM_ARM_VCPU_PMU_V3_CTRL,
			    KVM_ARM_VCPU_PMU_V3_IRQ, &irq) ||
	    vmm_device_attr(vm, vm->vcpu_fd, KVM_ARM_VCPU_PMU_V3_CTRL,
			    KVM_ARM_VCPU_PMU_V3_INIT, NULL))
		return FPB_SKIP;
	return FPB_OK;
}

/* The trace plugin keeps ranges for the whole boot: tell it once. */
static bool guest_range_announced;

int vmm_create(struct vmm *vm, const struct vmm_config *cfg)
{
	struct kvm_vcpu_init init;
	struct kvm_userspace_memory_region region;
	int r, mmap_size;

	memset(vm, 0, sizeof(*vm));
	vm->kvm_fd = vm->vm_fd = vm->vcpu_fd = vm->gic_fd = -1;
	vm->watchdog_s = cfg->watchdog_s ? cfg->watchdog_s : VMM_WATCHDOG_S_DEFAULT;

	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0) {
		r = VMM_FAIL(vm, errno == ENOENT || errno == ENODEV ||
				 errno == ENXIO ? FPB_SKIP : FPB_EENV,
			     "no KVM: /dev/kvm: %s", strerror(errno));
		goto out;
	}
	r = __vmm_ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (r < 0) {
		/* e.g. under qemu-user, which passes no KVM ioctls through */
		r = VMM_FAIL(vm, FPB_SKIP, "no usable KVM: KVM_GET_API_VERSION: %s",
			     strerror(errno));
		goto out;
	}
	if (r != KVM_API_VERSION) {
		r = VMM_FAIL(vm, FPB_SKIP, "KVM API version %d, want %d", r, KVM_API_VERSION);
		goto out;
	}
	if (!vmm_check_cap(vm, vm->kvm_fd, KVM_CAP_ARM_PSCI_0_2)) {
		r = VMM_FAIL(vm, FPB_SKIP, "KVM lacks KVM_CAP_ARM_PSCI_0_2");
		goto out;
	}
	if (cfg->sve_vl_bits && !vmm_check_cap(vm, vm->kvm_fd, KVM_CAP_ARM_SVE)) {
		r = VMM_FAIL(vm, FPB_SKIP, "KVM lacks KVM_CAP_ARM_SVE (guest SVE)");
		goto out;
	}

	/* Machine type 0: the default 40-bit IPA space holds our map. */
	vm->vm_fd = vmm_ioctl(vm, vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0) {
		r = FPB_EENV;
		goto out;
	}

	vm->mem_size = GUEST_MEM_SIZE;
	vm->mem_ipa = GUEST_MEM_IPA;
	/* The guest runs with its MMU off: its code addresses are IPAs. */
	if (!guest_range_announced) {
		trace_range(TRACE_CLASS_GUEST, vm->mem_ipa, vm->mem_ipa + vm->mem_size);
		guest_range_announced = true;
	}
	vm->mem = mmap(NULL, vm->mem_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->mem == MAP_FAILED) {
		vm->mem = NULL;
		r = VMM_FAIL(vm, FPB_EENV, "mmap guest RAM: %s", strerror(errno));
		goto out;
	}
	region = (struct kvm_userspace_memory_region) {
		.slot = 0,
		.guest_phys_addr = vm->mem_ipa,
		.memory_size = vm->mem_size,
		.userspace_addr = (uintptr_t)vm->mem,
	};
	if (vmm_ioctl(vm, vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		r = FPB_EENV;
		goto out;
	}

	vm->vcpu_fd = vmm_ioctl(vm, vm->vm_fd, KVM_CREATE_VCPU, 0);
	if (vm->vcpu_fd < 0) {
		r = FPB_EENV;
		goto out;
	}
	mmap_size = vmm_ioctl(vm, vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (mmap_size < 0) {
		r = FPB_EENV;
		goto out;
	}
	vm->run_size = mmap_size;
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       vm->vcpu_fd, 0);
	if (vm->run == MAP_FAILED) {
		vm->run = NULL;
		r = VMM_FAIL(vm, FPB_EENV, "mmap kvm_run: %s", strerror(errno));
		goto out;
	}

	memset(&init, 0, sizeof(init));
	if (vmm_ioctl(vm, vm->vm_fd, KVM_ARM_PREFERRED_TARGET, &init) < 0) {
		r = FPB_EENV;
		goto out;
	}
	init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	if (cfg->sve_vl_bits)
		init.features[0] |= 1u << KVM_ARM_VCPU_SVE;
	if (cfg->want_pmu && !vmm_check_cap(vm, vm->kvm_fd, KVM_CAP_ARM_PMU_V3)) {
		r = VMM_FAIL(vm, FPB_SKIP, "a vPMU was asked for: KVM lacks KVM_CAP_ARM_PMU_V3");
		goto out;
	}
	if (cfg->want_pmu)
		init.features[0] |= 1u << KVM_ARM_VCPU_PMU_V3;
	if (vmm_ioctl(vm, vm->vcpu_fd, KVM_ARM_VCPU_INIT, &init) < 0) {
		r = FPB_EENV;
		goto out;
	}
	if (cfg->sve_vl_bits) {
		r = vmm_sve_setup(vm, cfg->sve_vl_bits);
		if (r)
			goto out;
	}
	if (cfg->want_pmu) {
		r = vmm_pmu_setup(vm);
		if (r)
			goto out;
	}

	r = vmm_watchdog_start(vm);
out:
	if (r)
		vmm_destroy(vm);
	return r;
}

void vmm_destroy(struct vmm *vm)
{
	vmm_watchdog_stop(vm);
	if (vm->run)
		munmap(vm->run, vm->run_size);
	if (vm->gic_fd >= 0)
		close(vm->gic_fd);
	if (vm->vcpu_fd >= 0)
		close(vm->vcpu_fd);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	if (vm->mem)
		munmap(vm->mem, vm->mem_size);
	vm->run = NULL;
	vm->mem = NULL;
	vm->kvm_fd = vm->vm_fd = vm->vcpu_fd = vm->gic_fd = -1;
}

int vmm_load(struct vmm *vm, const struct guest_payload *p,
	     const uint64_t args[GUEST_NR_ARGS])
{
	size_t size = guest_image_end - guest_image_start;
	uint64_t entry = vm->mem_ipa + ((const char *)p->entry - guest_image_start);

	if (size > GUEST_DATA_OFFSET)
		return VMM_FAIL(vm, FPB_EENV, "guest image of %zu bytes overlaps its data", size);
	/* Byte loop: this file has no SIMD, and the copy is 16 KiB once. */
	for (size_t i = 0; i < size; i++)
		((char *)vm->mem)[i] = guest_image_start[i];
	/* The guest fetches and loads with its MMU (and caches) off. */
	vmm_dcache_civac(vm->mem, vm->mem_size);
	__builtin___clear_cache((char *)vm->mem, (char *)vm->mem + size);

	if (vmm_set_reg64(vm, CORE_REG(regs.pstate), VMM_PSTATE_EL1H_DAIF) ||
	    vmm_set_reg64(vm, CORE_REG(sp_el1), vm->mem_ipa + vm->mem_size) ||
	    vmm_set_reg64(vm, CORE_REG(regs.pc), entry))
		return FPB_EENV;
	for (unsigned int i = 0; i < GUEST_NR_ARGS; i++)
		if (vmm_set_reg64(vm, CORE_REG(regs.regs[i]), args[i]))
			return FPB_EENV;
	vm->payload = p;
	return FPB_OK;
}

int vmm_run(struct vmm *vm)
{
	int r, e;

	vm->vcpu_thread = pthread_self();
	vm->in_run = 1;
	r = __vmm_ioctl(vm->vcpu_fd, KVM_RUN, 0);
	e = errno;
	vm->in_run = 0;
	/* read by the watchdog thread */
	__atomic_store_n(&vm->exits, vm->exits + 1, __ATOMIC_RELAXED);
	if (r == 0)
		return vm->run->exit_reason;
	if (e == EINTR) {
		vm->run->immediate_exit = 0;
		if (vm->hung) {
			vm->hung = 0;
			return -VMM_FAIL(vm, FPB_EENV,
					 "guest did not exit within %u s (payload %s)",
					 vm->watchdog_s,
					 vm->payload ? vm->payload->name : "?");
		}
		return VMM_RUN_INTR;
	}
	return -VMM_FAIL(vm, FPB_EENV, "KVM_RUN failed: %d (%s)", e, strerror(e));
}
