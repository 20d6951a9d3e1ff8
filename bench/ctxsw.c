// SPDX-License-Identifier: GPL-2.0
/*
 * The ctxsw bench (fpbench ctxsw, fpbench run --bench ctxsw; bench.h's
 * table): what a context switch costs when the threads involved hold
 * live FP state, and when one of them is a vCPU in KVM_RUN.
 *
 * exit=futex (in the spirit of lmbench lat_ctx and perf bench sched pipe):
 * the measuring thread and a partner thread, both pinned to one CPU, pass a
 * token through a shared futex word. One sample is one ROUND TRIP,
 * measuring -> partner -> measuring: two context switches, plus the futex
 * syscalls of both sides and the partner's check and refill of its own FP
 * state (small, and the same in every fp_mode). Before each round trip the
 * measuring thread makes host_fp live (fp_fill), afterwards it checks it
 * (fp_verify, FP_CHECK_SYSCALL); the partner checks and refills guest_fp
 * every time it gets the CPU. Between fill and verify only raw syscalls and
 * general-register code run (fpstate.h's contract): the hot functions here
 * are built general-regs-only on arm64.
 *
 * exit=vcpu: the partner is a vCPU thread in KVM_RUN. Its guest runs the
 * hvc payload (guest.S) with guest_fp live and checked, exiting to user
 * space only every hvc_batch HVCs, so the vCPU thread is inside KVM_RUN
 * (vcpu loaded) nearly all the time and never blocks. The measuring thread
 * (SCHED_FIFO, above the SCHED_OTHER vCPU thread) gives the CPU away by
 * blocking on a futex: the vCPU thread is scheduled in (kvm_sched_in:
 * vcpu_load, kvm_arch_vcpu_load_fp) and runs its guest. A waker thread on
 * another CPU waits sleep_us (spinning on the counter: no timer involved,
 * so the kernel's timer resolution does not matter), notes the time t_wake
 * and wakes the futex; the IPI makes the guest exit, the measuring thread
 * preempts the vCPU (kvm_sched_out: vcpu_put, guest FP state saved) and
 * returns to user space with its own FP state restored at t_back. One
 * sample is t_back - t_wake: futex wake, IPI, guest exit, vcpu_put, the
 * switch and the FP restore. With --wake timer (auto: on a single CPU, and
 * under QEMU TCG, whose -icount round robin delivers another CPU's wake-up
 * only at the next timer event) a futex timeout of sleep_us wakes it
 * instead and a sample is the time away minus the sleep: timer interrupt,
 * vcpu_put, switch, FP restore; without CONFIG_HIGH_RES_TIMERS the timeout
 * ends on a tick and such rows are skipped rather than timing the tick
 * phase. Either way the switch to the vCPU and vcpu_load overlap the wait
 * and are not part of the sample (the kvm bench times vcpu_load).
 *
 * Clean numbers: pick an otherwise idle CPU (--cpu; isolcpus, nohz_full),
 * fixed frequency. Every sample is timed here with the timer all threads
 * share (ctxsw_ticks: CNTVCT on arm64, clock_gettime ns elsewhere), never
 * with the harness's PMU counter: that one follows the measuring thread
 * only and stops while the partner or vCPU runs. So no per-iteration
 * instruction count either (it would be partial the same way).
 */
#define _GNU_SOURCE	/* sched_getaffinity, CPU_ISSET */
#include <errno.h>
#include <linux/futex.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "counters.h"
#include "ctxsw.h"
#include "fpbench.h"
#include "fpmode.h"
#include "harness.h"
#include "matrix.h"
#include "pin.h"
#include "stats.h"
#include "sysinfo.h"

#include "arch.h"
#include "fpstate.h"
#include "raw_syscall.h"
#include "vmm.h"

/* Kept out of line so the no-FP attribute covers exactly these. */
#define FP_SAFE	FPB_NO_FP __attribute__((noinline))

/*
 * The register a negative test (--clobber) corrupts, per kind. It is
 * corrupted after a syscall, so it must be one the syscall ABI keeps: the
 * kernel leaves streaming mode on syscall entry (sme.rst), so Z0 of an ssve
 * thread is gone and reaching for it (rdvl) would SIGILL on SME-without-SVE
 * CPUs; FPCR survives and fp_verify(FP_CHECK_SYSCALL) checks it.
 */
static const char *const ctxsw_clobber_reg[FP_KIND_NR] = {
	[FP_FPSIMD] = "v0",
	[FP_SVE] = "z0",
	[FP_SSVE] = "fpcr",
	[FP_ZA] = "za[0]",
	[FP_ZT0] = "zt0",
	[FP_VMM] = "z0",
};

const char *const ctxsw_wake_names[CTXSW_WAKE_NR] = {
	[CTXSW_WAKE_AUTO] = "auto",
	[CTXSW_WAKE_WAKER] = "waker",
	[CTXSW_WAKE_TIMER] = "timer",
};

/* Partner patterns differ from the measuring thread's. */
#define CTXSW_PARTNER_SEED	0x9e3779b97f4a7c15ull

enum { TURN_MEASURER, TURN_PARTNER };

struct ctxsw_ctx {
	const struct fpb_config *cfg;
	int cpu;
	uint64_t seed;
	uint64_t host_seed;		/* pattern of the current iteration */
	unsigned int clobber;		/* negative test: corrupt every Nth */

	/* exit=futex */
	uint32_t turn;			/* futex word: whose turn it is */
	int stop;			/* partner/vCPU thread: leave */
	pthread_t thread;		/* partner or vCPU thread */
	bool thread_started;
	uint32_t thread_ready;		/* futex word: 1 set up, 2 failed */
	uint64_t partner_iter;
	uint64_t partner_failures;	/* atomic: mismatches seen by the partner */
	uint64_t failures_seen;		/* ... already reported */
	struct fp_mismatch pm;
	char thread_reason[HARNESS_REASON_LEN];	/* setup error or first mismatch */
	int thread_status;		/* FPB_OK, or why the thread ended */

	/* exit=vcpu */
	struct vmm vm;
	bool vm_created;
	unsigned int hvc_batch;
	uint32_t never;			/* futex word nobody wakes (timer method) */
	struct timespec sleep_ts;
	uint64_t sleep_ticks;		/* sleep in callback_unit */
	uint64_t clamped;		/* samples shorter than the sleep */
	int waker_cpu;			/* -1: timer method */
	pthread_t waker;
	bool waker_started;
	uint32_t wake_word;		/* futex word the waker wakes */
	uint32_t asleep;		/* measuring thread: about to block */
	uint64_t t_wake;		/* waker: counter right before the wake */
	uint64_t early;			/* woken before blocking: no sample */
};

/* ---- raw syscalls: nothing between fill and verify may touch FP ---- */

static inline long sys_futex(uint32_t *uaddr, int op, uint32_t val,
			     const struct timespec *ts)
{
	return raw_syscall4(SYS_futex, (long)uaddr, op, val, (long)ts);
}

/*
 * One clock for every thread and the guest: the generic timer where there
 * is one (arch.h), else CLOCK_MONOTONIC_RAW in ns.
 */
static inline uint64_t ctxsw_ticks(void)
{
	return ARCH_HAS_USER_TIMER ? arch_timer_read() : counters_clock_ns();
}

static uint64_t ctxsw_ticks_freq(void)
{
	return ARCH_HAS_USER_TIMER ? arch_timer_freq() : 1000000000ull;
}
#define CTXSW_TICKS_UNIT	(ARCH_HAS_USER_TIMER ? "cntvct" : "ns")

static FP_SAFE void futex_wake_one(uint32_t *word)
{
	sys_futex(word, FUTEX_WAKE_PRIVATE, 1, NULL);
}

/* ---- exit=futex: the partner thread ---- */

/* Out of line: formatting may use FP registers, so only after a verify. */
static void ctxsw_partner_mismatch(struct ctxsw_ctx *c)
{
	char buf[96];

	if (__atomic_fetch_add(&c->partner_failures, 1, __ATOMIC_RELAXED) == 0)
		snprintf(c->thread_reason, sizeof(c->thread_reason),
			 "partner: %s",
			 fp_mismatch_format(&c->pm, buf, sizeof(buf)));
}

/*
 * Wait for the token, check the state left live at the last switch, make
 * it live again with the next pattern, hand the token back. Between
 * fp_fill() and fp_verify() only this loop and raw futex syscalls run.
 */
static FP_SAFE void ctxsw_partner_loop(struct ctxsw_ctx *c)
{
	enum fp_kind kind = c->cfg->guest_fp;
	uint64_t seed = c->seed ^ CTXSW_PARTNER_SEED;
	bool filled = false;

	for (;;) {
		while (__atomic_load_n(&c->turn, __ATOMIC_ACQUIRE) != TURN_PARTNER)
			sys_futex(&c->turn, FUTEX_WAIT_PRIVATE, TURN_MEASURER, NULL);
		if (__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE))
			break;
		if (filled &&
		    fp_verify(kind, seed + c->partner_iter, FP_CHECK_SYSCALL, &c->pm))
			ctxsw_partner_mismatch(c);
		c->partner_iter++;
		fp_fill(kind, seed + c->partner_iter);
		filled = true;
		if (c->clobber && kind != FP_NONE &&
		    c->partner_iter % c->clobber == 0)
			fp_corrupt(kind, ctxsw_clobber_reg[kind]);
		__atomic_store_n(&c->turn, TURN_MEASURER, __ATOMIC_RELEASE);
		futex_wake_one(&c->turn);
	}
	fp_release(kind);
}

/* Tell the measuring thread how setup went: 1 ready, 2 failed. */
static void ctxsw_thread_ready(struct ctxsw_ctx *c, uint32_t how)
{
	__atomic_store_n(&c->thread_ready, how, __ATOMIC_RELEASE);
	sys_futex(&c->thread_ready, FUTEX_WAKE_PRIVATE, 1, NULL);
}

/* Same VL as the measuring thread: prctl() is per thread. */
static bool ctxsw_set_vl(struct ctxsw_ctx *c, enum fp_kind kind,
			 char *reason, size_t len)
{
	unsigned int want = fp_kind_uses_vl(kind) ? c->cfg->vl_bits :
			    fp_kind_uses_svl(kind) ? c->cfg->svl_bits : 0;
	int got;

	if (!want)
		return true;
	got = fp_vl_set(kind, want);
	if (got == (int)want)
		return true;
	if (got < 0)
		snprintf(reason, len, "%s VL %u: %s", fp_kind_names[kind], want,
			 strerror(-got));
	else
		snprintf(reason, len, "%s VL %u not granted (kernel gave %d)",
			 fp_kind_names[kind], want, got);
	return false;
}

static void *ctxsw_partner(void *arg)
{
	struct ctxsw_ctx *c = arg;

	FP_CALLEE_SAVED_CLOBBER();
	if (pin_to_cpu(c->cpu)) {
		snprintf(c->thread_reason, sizeof(c->thread_reason),
			 "cannot pin the partner to CPU %d", c->cpu);
		c->thread_status = FPB_EENV;
		ctxsw_thread_ready(c, 2);
		return NULL;
	}
	if (!ctxsw_set_vl(c, c->cfg->guest_fp, c->thread_reason,
			  sizeof(c->thread_reason))) {
		c->thread_status = FPB_SKIP;
		ctxsw_thread_ready(c, 2);
		return NULL;
	}
	ctxsw_thread_ready(c, 1);
	ctxsw_partner_loop(c);
	return NULL;
}

/* Negative test: corrupt the measuring thread's state every Nth iteration. */
static FP_SAFE void ctxsw_clobber_host(struct ctxsw_ctx *c,
				       const struct harness_iter *it)
{
	if (c->clobber && c->cfg->host_fp != FP_NONE &&
	    (it->index + 1) % c->clobber == 0)
		fp_corrupt(c->cfg->host_fp, ctxsw_clobber_reg[c->cfg->host_fp]);
}

/* ---- exit=futex: the measuring thread's operations ---- */

/* The floor under a self-timed sample: an empty pair of counter reads. */
static FP_SAFE void ctxsw_baseline(struct harness_iter *it)
{
	uint64_t b0 = ctxsw_ticks();

	it->baseline = ctxsw_ticks() - b0;
	it->baseline_valid = true;
}

static FP_SAFE void ctxsw_pre(void *arg, struct harness_iter *it)
{
	struct ctxsw_ctx *c = arg;

	c->host_seed = c->seed + it->index;
	fp_fill(c->cfg->host_fp, c->host_seed);
}

/*
 * Hand the token to the partner and wait until it comes back. Timed here
 * with the timer (ctxsw_ticks), not by the harness: the harness's PMU
 * counter follows this thread only and stops while the partner runs, so
 * it would miss the partner and part of both switches. The timer counts
 * the whole round trip, whoever has the CPU.
 */
static FP_SAFE int ctxsw_futex_run(void *arg, struct harness_iter *it)
{
	struct ctxsw_ctx *c = arg;
	struct timespec to;
	uint64_t t0, t1;
	long r;

	to.tv_sec = CTXSW_TIMEOUT_S;
	to.tv_nsec = 0;
	t0 = ctxsw_ticks();
	__atomic_store_n(&c->turn, TURN_PARTNER, __ATOMIC_RELEASE);
	futex_wake_one(&c->turn);
	while (__atomic_load_n(&c->turn, __ATOMIC_ACQUIRE) != TURN_MEASURER) {
		r = sys_futex(&c->turn, FUTEX_WAIT_PRIVATE, TURN_PARTNER, &to);
		if (r == -ETIMEDOUT &&
		    __atomic_load_n(&c->turn, __ATOMIC_ACQUIRE) != TURN_MEASURER)
			return FPB_EENV;	/* reason set in verify */
	}
	t1 = ctxsw_ticks();
	it->samples[0] = t1 - t0;
	it->n = 1;
	ctxsw_baseline(it);
	ctxsw_clobber_host(c, it);	/* untimed: after t1 */
	return FPB_OK;
}

/* Host state first (nothing may run before it), then the other side's. */
static int ctxsw_verify(void *arg, struct harness_iter *it)
{
	struct ctxsw_ctx *c = arg;
	struct fp_mismatch m;
	uint64_t pf;
	char buf[96];

	if (fp_verify(c->cfg->host_fp, c->host_seed, FP_CHECK_SYSCALL, &m)) {
		it->integrity_failures++;
		if (it->reason && !it->reason[0])
			snprintf(it->reason, it->reason_len, "host: %s",
				 fp_mismatch_format(&m, buf, sizeof(buf)));
	}
	pf = __atomic_load_n(&c->partner_failures, __ATOMIC_RELAXED);
	if (pf != c->failures_seen) {
		it->integrity_failures += pf - c->failures_seen;
		c->failures_seen = pf;
		if (it->reason && !it->reason[0])
			snprintf(it->reason, it->reason_len, "%s", c->thread_reason);
	}
	if (c->thread_status != FPB_OK) {
		if (it->reason)
			snprintf(it->reason, it->reason_len, "%s", c->thread_reason);
		return c->thread_status;
	}
	return FPB_OK;
}

/* A run that timed out left the reason to us: the partner is gone. */
static int ctxsw_futex_verify(void *arg, struct harness_iter *it)
{
	struct ctxsw_ctx *c = arg;
	int ret = ctxsw_verify(arg, it);

	if (ret == FPB_OK &&
	    __atomic_load_n(&c->turn, __ATOMIC_ACQUIRE) != TURN_MEASURER) {
		if (it->reason)
			snprintf(it->reason, it->reason_len,
				 "partner thread did not answer within %d s",
				 CTXSW_TIMEOUT_S);
		return FPB_EENV;
	}
	return ret;
}

static void ctxsw_finish(void *arg, struct harness_iter *it)
{
	struct ctxsw_ctx *c = arg;

	fp_release(c->cfg->host_fp);
}

static const struct harness_ops ctxsw_futex_ops = {
	.timing = HARNESS_TIME_CALLBACK,
	.callback_unit = CTXSW_TICKS_UNIT,
	.pre = ctxsw_pre,
	.run = ctxsw_futex_run,
	.verify = ctxsw_futex_verify,
	.finish = ctxsw_finish,
};

static int ctxsw_futex_start(struct ctxsw_ctx *c)
{
	uint32_t r;

	c->turn = TURN_MEASURER;
	if (pthread_create(&c->thread, NULL, ctxsw_partner, c)) {
		snprintf(c->thread_reason, sizeof(c->thread_reason),
			 "cannot create the partner thread");
		return FPB_EENV;
	}
	c->thread_started = true;
	while (!(r = __atomic_load_n(&c->thread_ready, __ATOMIC_ACQUIRE)))
		sys_futex(&c->thread_ready, FUTEX_WAIT_PRIVATE, 0, NULL);
	return r == 1 ? FPB_OK : c->thread_status;
}

static void ctxsw_futex_stop(struct ctxsw_ctx *c)
{
	if (!c->thread_started)
		return;
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&c->turn, TURN_PARTNER, __ATOMIC_RELEASE);
	futex_wake_one(&c->turn);
	pthread_join(c->thread, NULL);
	c->thread_started = false;
}

/* ---- exit=vcpu ---- */

/* Count a register the guest found corrupted; keep the first for the reason. */
static void ctxsw_guest_corrupt(struct ctxsw_ctx *c, uint64_t data)
{
	char name[32];

	if (__atomic_fetch_add(&c->partner_failures, 1, __ATOMIC_RELAXED) == 0)
		snprintf(c->thread_reason, sizeof(c->thread_reason),
			 "guest %s: %s expected %#llx got %#llx",
			 fp_kind_names[c->cfg->guest_fp],
			 guest_corrupt_name(data, name, sizeof(name)),
			 (unsigned long long)vmm_get_x(&c->vm, 1),
			 (unsigned long long)vmm_get_x(&c->vm, 2));
}

/*
 * The vCPU thread: KVM_RUN until told to stop. The guest exits only at the
 * end of each HVC batch (ignored: the samples are its business), to report
 * a corrupted register, or on an exception (fatal).
 */
static void *ctxsw_vcpu(void *arg)
{
	struct ctxsw_ctx *c = arg;
	struct kvm_run *run = c->vm.run;

	if (pin_to_cpu(c->cpu)) {
		snprintf(c->thread_reason, sizeof(c->thread_reason),
			 "cannot pin the vCPU thread to CPU %d", c->cpu);
		c->thread_status = FPB_EENV;
		ctxsw_thread_ready(c, 2);
		return NULL;
	}
	ctxsw_thread_ready(c, 1);
	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE)) {
		int r = vmm_run(&c->vm);
		uint64_t data = 0;

		if (r == VMM_RUN_INTR)
			continue;
		if (r != KVM_EXIT_MMIO) {
			if (r < 0)
				snprintf(c->thread_reason, sizeof(c->thread_reason),
					 "vCPU: %.*s", (int)sizeof(c->thread_reason) - 7,
					 c->vm.err);
			else
				snprintf(c->thread_reason, sizeof(c->thread_reason),
					 "vCPU: unexpected KVM exit %d", r);
			c->thread_status = FPB_EENV;
			break;
		}
		memcpy(&data, run->mmio.data,
		       run->mmio.len < sizeof(data) ? run->mmio.len : sizeof(data));
		if (run->mmio.phys_addr == GUEST_MMIO_CORRUPT) {
			ctxsw_guest_corrupt(c, data);
		} else if (run->mmio.phys_addr == GUEST_MMIO_EXCEPTION) {
			snprintf(c->thread_reason, sizeof(c->thread_reason),
				 "guest exception ESR %#llx ELR %#llx",
				 (unsigned long long)data,
				 (unsigned long long)vmm_get_x(&c->vm, 1));
			c->thread_status = FPB_EENV;
			break;
		}
	}
	return NULL;
}

static int ctxsw_vcpu_start(struct ctxsw_ctx *c, char *reason, size_t len)
{
	const struct fpb_config *cfg = c->cfg;
	struct vmm_config vc = {
		.sve_vl_bits = cfg->guest_fp == FP_SVE ? cfg->vl_bits : 0,
	};
	const struct guest_payload *pl = guest_payload_find(EXIT_HVC, cfg->guest_fp);
	uint64_t args[GUEST_NR_ARGS] = {
		[GUEST_ARG_DATA] = GUEST_DATA_IPA,
		[GUEST_ARG_BATCH] = c->hvc_batch,
		[GUEST_ARG_TIMER] = GUEST_TIMER_CNTVCT,
		[GUEST_ARG_VL] = cfg->vl_bits / 8,
	};
	uint32_t r;
	int ret;

	if (!pl) {
		snprintf(reason, len, "no guest payload for a %s partner",
			 fp_kind_names[cfg->guest_fp]);
		return FPB_SKIP;
	}
	ret = vmm_create(&c->vm, &vc);
	if (ret) {
		snprintf(reason, len, "%.*s", (int)len - 1, c->vm.err);
		return ret;
	}
	c->vm_created = true;
	ret = vmm_load(&c->vm, pl, args);
	if (ret) {
		snprintf(reason, len, "%.*s", (int)len - 1, c->vm.err);
		return ret;
	}
	if (pthread_create(&c->thread, NULL, ctxsw_vcpu, c)) {
		snprintf(reason, len, "cannot create the vCPU thread");
		return FPB_EENV;
	}
	c->thread_started = true;
	while (!(r = __atomic_load_n(&c->thread_ready, __ATOMIC_ACQUIRE)))
		sys_futex(&c->thread_ready, FUTEX_WAIT_PRIVATE, 0, NULL);
	if (r != 1) {
		snprintf(reason, len, "%s", c->thread_reason);
		return c->thread_status;
	}
	return FPB_OK;
}

static void ctxsw_vcpu_stop(struct ctxsw_ctx *c)
{
	if (c->waker_started) {
		__atomic_store_n(&c->stop, 1, __ATOMIC_RELEASE);
		pthread_join(c->waker, NULL);
		c->waker_started = false;
	}
	if (c->thread_started) {
		/* The guest exits every HVC batch; the thread sees stop then. */
		__atomic_store_n(&c->stop, 1, __ATOMIC_RELEASE);
		pthread_join(c->thread, NULL);
		c->thread_started = false;
	}
	if (c->vm_created)
		vmm_destroy(&c->vm);
	c->vm_created = false;
}

/*
 * The waker, on another CPU: when the measuring thread is about to block,
 * spin sleep_ticks so the vCPU runs its guest, note t_wake, wake it.
 */
static FP_SAFE void ctxsw_waker_loop(struct ctxsw_ctx *c)
{
	uint64_t t;

	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE)) {
		if (!__atomic_load_n(&c->asleep, __ATOMIC_ACQUIRE))
			continue;
		__atomic_store_n(&c->asleep, 0, __ATOMIC_RELAXED);
		t = ctxsw_ticks();
		while (ctxsw_ticks() - t < c->sleep_ticks)
			;
		__atomic_store_n(&c->t_wake, ctxsw_ticks(), __ATOMIC_RELAXED);
		__atomic_store_n(&c->wake_word, 1, __ATOMIC_RELEASE);
		futex_wake_one(&c->wake_word);
	}
}

static void *ctxsw_waker(void *arg)
{
	struct ctxsw_ctx *c = arg;

	if (pin_to_cpu(c->waker_cpu)) {
		c->thread_status = FPB_EENV;
		snprintf(c->thread_reason, sizeof(c->thread_reason),
			 "cannot pin the waker to CPU %d", c->waker_cpu);
		return NULL;
	}
	ctxsw_waker_loop(c);
	return NULL;
}

/* Block until the waker wakes us: sample = t_back - t_wake. */
static FP_SAFE int ctxsw_vcpu_wake_run(void *arg, struct harness_iter *it)
{
	struct ctxsw_ctx *c = arg;
	struct timespec to;
	uint64_t t1;
	long r;

	to.tv_sec = CTXSW_TIMEOUT_S;
	to.tv_nsec = 0;
	__atomic_store_n(&c->wake_word, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&c->asleep, 1, __ATOMIC_RELEASE);
	do {
		r = sys_futex(&c->wake_word, FUTEX_WAIT_PRIVATE, 0, &to);
	} while (r == -EINTR &&
		 !__atomic_load_n(&c->wake_word, __ATOMIC_ACQUIRE));
	t1 = ctxsw_ticks();
	if (r == -ETIMEDOUT)
		return FPB_EENV;	/* reason set in verify */
	if (r == -EAGAIN) {
		c->early++;	/* woken before it blocked: no switch happened */
		it->n = 0;
		return FPB_OK;
	}
	it->samples[0] = t1 - __atomic_load_n(&c->t_wake, __ATOMIC_RELAXED);
	it->n = 1;
	ctxsw_baseline(it);
	ctxsw_clobber_host(c, it);
	return FPB_OK;
}

static int ctxsw_vcpu_wake_verify(void *arg, struct harness_iter *it)
{
	struct ctxsw_ctx *c = arg;
	int ret = ctxsw_verify(arg, it);

	if (ret == FPB_OK && !__atomic_load_n(&c->wake_word, __ATOMIC_ACQUIRE)) {
		if (it->reason)
			snprintf(it->reason, it->reason_len,
				 "waker thread did not wake within %d s",
				 CTXSW_TIMEOUT_S);
		return FPB_EENV;
	}
	return ret;
}

static const struct harness_ops ctxsw_vcpu_wake_ops = {
	.timing = HARNESS_TIME_CALLBACK,
	.callback_unit = CTXSW_TICKS_UNIT,
	.pre = ctxsw_pre,
	.run = ctxsw_vcpu_wake_run,
	.verify = ctxsw_vcpu_wake_verify,
	.finish = ctxsw_finish,
};

/* A CPU other than @cpu for the waker, -1 on a single-CPU machine. */
static int ctxsw_waker_cpu(int cpu)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -1;
	for (int i = 0; i < CPU_SETSIZE; i++)
		if (i != cpu && CPU_ISSET(i, &set))
			return i;
	return -1;
}

/*
 * Give the CPU to the vCPU for sleep_ts and time how long it takes to get
 * it back: sample = away time - sleep (clamped at 0: CLOCK_MONOTONIC, which
 * the futex timeout uses, may be slewed against the counter by a few ppm).
 */
static FP_SAFE int ctxsw_vcpu_run(void *arg, struct harness_iter *it)
{
	struct ctxsw_ctx *c = arg;
	uint64_t t0, t1, d;
	long r;

	t0 = ctxsw_ticks();
	r = sys_futex(&c->never, FUTEX_WAIT_PRIVATE, 0, &c->sleep_ts);
	t1 = ctxsw_ticks();
	if (r == -EINTR) {
		it->n = 0;	/* a signal cut the sleep short: no sample */
		return FPB_OK;
	}
	d = t1 - t0;
	if (d < c->sleep_ticks) {
		c->clamped++;
		d = c->sleep_ticks;
	}
	it->samples[0] = d - c->sleep_ticks;
	it->n = 1;
	ctxsw_baseline(it);
	ctxsw_clobber_host(c, it);
	return r == -ETIMEDOUT ? FPB_OK : FPB_EENV;
}

static const struct harness_ops ctxsw_vcpu_ops = {
	.timing = HARNESS_TIME_CALLBACK,
	.callback_unit = CTXSW_TICKS_UNIT,
	.pre = ctxsw_pre,
	.run = ctxsw_vcpu_run,
	.verify = ctxsw_verify,
	.finish = ctxsw_finish,
};

/*
 * The timer method needs timeouts finer than the sleep: without high
 * resolution timers a futex timeout ends on a tick, and the sample would be
 * the tick phase, not the switch.
 */
static bool ctxsw_timer_fine(uint64_t sleep_ns, char *reason, size_t len)
{
	struct timespec res;
	uint64_t ns;

	if (clock_getres(CLOCK_MONOTONIC, &res))
		return true;
	ns = (uint64_t)res.tv_sec * 1000000000ull + res.tv_nsec;
	if (ns * 10 <= sleep_ns)
		return true;
	snprintf(reason, len,
		 "timer resolution %llu ns too coarse for a %llu ns wake-up (no CONFIG_HIGH_RES_TIMERS)",
		 (unsigned long long)ns, (unsigned long long)sleep_ns);
	return false;
}

/*
 * The timer method: the futex timeout must end when asked, not up to the
 * thread's timer slack (default 50 us) later, which would land in every
 * sample. Returns the slack to restore (ctxsw_slack_restore), -1 if unknown.
 */
static long ctxsw_slack_min(void)
{
	long old = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);

	/* 1 ns: 0 would mean "the default slack" to the kernel */
	if (prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0))
		fprintf(stderr, "fpbench ctxsw: PR_SET_TIMERSLACK: %s: futex timeouts may end up to the default slack late\n",
			strerror(errno));
	return old;
}

static void ctxsw_slack_restore(long old)
{
	if (old > 0)
		prctl(PR_SET_TIMERSLACK, (unsigned long)old, 0, 0, 0);
}

/* SCHED_FIFO so that the timer wake-up preempts the vCPU at once. */
static bool ctxsw_make_fifo(void)
{
	struct sched_param sp = { .sched_priority = 1 };
	int err = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);

	if (err)
		fprintf(stderr, "fpbench ctxsw: SCHED_FIFO refused (%s): the scheduler's wake-up preemption decides when the measuring thread gets the CPU back\n",
			strerror(err));
	return !err;
}

static void ctxsw_unmake_fifo(void)
{
	struct sched_param sp = { .sched_priority = 0 };

	pthread_setschedparam(pthread_self(), SCHED_OTHER, &sp);
}

/* ---- one configuration ---- */

static void ctxsw_all_status(const struct fpb_config *cfg,
			     const struct harness_params *p,
			     struct harness_result *res, int status,
			     const char *reason)
{
	for (unsigned int i = 0; i < p->nr_modes; i++)
		harness_result_status(&res[i], cfg, p->modes[i], status, reason);
}

/* Why @cfg cannot be measured here, or FPB_OK. */
static int ctxsw_check(const struct fpb_config *cfg, char *reason, size_t len)
{
	const struct bench_desc *bd = &bench_descs[BENCH_CTXSW];
	char names[128];

	if (cfg->bench != BENCH_CTXSW || !(bd->exits & FPB_BIT(cfg->exit))) {
		snprintf(reason, len, "ctxsw measures exit %s only",
			 fpb_names_join(names, sizeof(names), exit_names, EXIT_NR,
					bd->exits, " or "));
		return FPB_FAIL;
	}
	if (!(bd->guest_fps & FPB_BIT(cfg->guest_fp))) {
		snprintf(reason, len, "a partner uses %s only",
			 fpb_names_join(names, sizeof(names), fp_kind_names, FP_KIND_NR,
					bd->guest_fps, ", "));
		return FPB_FAIL;
	}
	if (!fp_kind_supported(cfg->host_fp, reason, len) ||
	    !fp_kind_supported(cfg->guest_fp, reason, len))
		return FPB_SKIP;
	return FPB_OK;
}

int ctxsw_measure(const struct fpb_config *cfg, const struct harness_params *p,
		  const struct ctxsw_opts *opts, struct harness_result *res)
{
	static const struct ctxsw_opts defaults;
	struct harness_params hp = *p;
	struct ctxsw_ctx *c;
	char reason[HARNESS_REASON_LEN] = "";
	unsigned int vl_before = 0, svl_before = 0;
	bool fifo = false, have_mask;
	long slack = -1;
	uint64_t sleep_ns;
	cpu_set_t mask;
	int waker_cpu;
	int ret;

	FP_CALLEE_SAVED_CLOBBER();
	if (!opts)
		opts = &defaults;
	ret = ctxsw_check(cfg, reason, sizeof(reason));
	if (ret) {
		ctxsw_all_status(cfg, p, res, ret, reason);
		return ret;
	}
	/* Both threads on one CPU is the point: pick one if none was given. */
	if (hp.cpu < 0)
		hp.cpu = pin_pick_cpu();
	/* Put the caller's affinity back at the end: the next caller may need a second CPU. */
	have_mask = !sched_getaffinity(0, sizeof(mask), &mask);
	waker_cpu = ctxsw_waker_cpu(hp.cpu);
	if (hp.cpu < 0 || pin_to_cpu(hp.cpu)) {
		ctxsw_all_status(cfg, p, res, FPB_EENV, "cannot pin to a CPU");
		ret = FPB_EENV;
		goto out_mask;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		ctxsw_all_status(cfg, p, res, FPB_EENV, "out of memory");
		ret = FPB_EENV;
		goto out_mask;
	}
	c->cfg = cfg;
	c->cpu = hp.cpu;
	c->waker_cpu = waker_cpu;
	c->seed = hp.seed;
	c->clobber = opts->clobber;
	c->hvc_batch = opts->hvc_batch ? opts->hvc_batch : CTXSW_HVC_BATCH_DEFAULT;
	if (c->hvc_batch > GUEST_MAX_BATCH)
		c->hvc_batch = GUEST_MAX_BATCH;
	sleep_ns = (uint64_t)(opts->sleep_us ? opts->sleep_us :
			      CTXSW_SLEEP_US_DEFAULT) * 1000;
	c->sleep_ts.tv_sec = sleep_ns / 1000000000;
	c->sleep_ts.tv_nsec = sleep_ns % 1000000000;
	c->sleep_ticks = sleep_ns * ctxsw_ticks_freq() / 1000000000;

	if (fp_kind_supported(FP_SVE, NULL, 0))
		vl_before = fp_vl_get(FP_SVE);
	if (fp_kind_supported(FP_SSVE, NULL, 0))
		svl_before = fp_vl_get(FP_SSVE);
	if (!ctxsw_set_vl(c, cfg->host_fp, reason, sizeof(reason))) {
		ret = FPB_SKIP;
		goto out_status;
	}

	if (cfg->exit == EXIT_FUTEX) {
		ret = ctxsw_futex_start(c);
		if (ret) {
			snprintf(reason, sizeof(reason), "%s", c->thread_reason);
			goto out_status;
		}
		ret = harness_measure(&hp, &ctxsw_futex_ops, c, cfg, res);
	} else {
		ret = ctxsw_vcpu_start(c, reason, sizeof(reason));
		if (ret)
			goto out_status;
		if (opts->wake == CTXSW_WAKE_TIMER ||
		    (opts->wake == CTXSW_WAKE_AUTO && opts->emulated))
			c->waker_cpu = -1;
		if (opts->wake == CTXSW_WAKE_WAKER && c->waker_cpu < 0) {
			snprintf(reason, sizeof(reason), "wake=waker needs a second CPU");
			ret = FPB_SKIP;
			goto out_status;
		}
		if (c->waker_cpu < 0 && !ctxsw_timer_fine(sleep_ns, reason,
							  sizeof(reason))) {
			ret = FPB_SKIP;
			goto out_status;
		}
		if (c->waker_cpu >= 0) {
			if (pthread_create(&c->waker, NULL, ctxsw_waker, c)) {
				snprintf(reason, sizeof(reason), "cannot create the waker thread");
				ret = FPB_EENV;
				goto out_status;
			}
			c->waker_started = true;
		}
		if (!opts->no_fifo)
			fifo = ctxsw_make_fifo();
		if (c->waker_cpu < 0)
			slack = ctxsw_slack_min();
		ret = harness_measure(&hp, c->waker_cpu >= 0 ?
				      &ctxsw_vcpu_wake_ops : &ctxsw_vcpu_ops,
				      c, cfg, res);
		if (c->waker_cpu < 0)
			ctxsw_slack_restore(slack);
		if (fifo)
			ctxsw_unmake_fifo();
		if (c->early)
			fprintf(stderr, "fpbench ctxsw: %llu iterations woken before they blocked were dropped\n",
				(unsigned long long)c->early);
		if (c->clamped)
			fprintf(stderr, "fpbench ctxsw: %llu samples shorter than the %llu ns sleep were counted as 0\n",
				(unsigned long long)c->clamped,
				(unsigned long long)sleep_ns);
	}
	goto out;

out_status:
	ctxsw_all_status(cfg, p, res, ret, reason);
out:
	if (cfg->exit == EXIT_FUTEX)
		ctxsw_futex_stop(c);
	else
		ctxsw_vcpu_stop(c);
	if (vl_before)
		fp_vl_set(FP_SVE, vl_before);
	if (svl_before)
		fp_vl_set(FP_SSVE, svl_before);
	free(c);
out_mask:
	if (have_mask)
		sched_setaffinity(0, sizeof(mask), &mask);
	return ret;
}
