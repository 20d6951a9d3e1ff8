// SPDX-License-Identifier: GPL-2.0
/*
 * The kvm bench (fpbench kvm, fpbench run --bench kvm; bench.h's table):
 * KVM_RUN round trips with a tiny guest, measuring what the host's FP state
 * costs on vcpu_put/vcpu_load.
 *
 * Per iteration the vCPU thread makes its FP state live (fp_fill: none,
 * FPSIMD, SVE at --vl, vmm: an SVE copy of a buffer and then SVE at --vl,
 * SSVE/ZA/ZT0 at --svl), enters the guest with KVM_RUN
 * and, once the ioctl returns, checks that state survived within what the
 * syscall ABI allows (fp_verify, FP_CHECK_SYSCALL). The guest (guest.S)
 * fills and checks its own registers around each exit, and times its side
 * of the round trip with CNTVCT (not with a vPMU's cycle counter: that one
 * stops while the host runs, so it cannot see a round trip).
 *
 *   --exit mmio  one guest store to an unbacked IPA per iteration: exit to
 *                user space, so vcpu_put + vcpu_load; the host times the
 *                ioctl, the guest times exit to re-entry (guest_median).
 *                The guest's interval also holds the host's user-space
 *                work between two ioctls (fp_verify, the harness,
 *                fp_fill), so it grows with the host state's size:
 *                compare guest_median across fp modes, not across kinds.
 *   --exit hvc   the control: PSCI_VERSION answered inside KVM, no
 *                vcpu_put/vcpu_load. The host cannot time one in-kernel
 *                exit, so the guest times each HVC itself and hands a
 *                batch of samples over through guest memory at one MMIO
 *                exit; the samples (unit cntvct/cycles) are the guest's.
 *
 * --preempt US adds a stressor for integrity runs: a second thread pinned to
 * the vCPU thread's CPU wakes every US microseconds (at the next timer tick
 * on kernels without high-res timers), makes its own FP state live and so
 * preempts the vCPU thread wherever it is: in user space with the host
 * pattern live, at syscall entry before vcpu_load, or inside KVM_RUN (then
 * kvm_sched_out/kvm_sched_in run vcpu_put/vcpu_load). That is where the
 * lazy scheme's host-state bookkeeping has to hold; the numbers of such a
 * run include the stressor and are not clean.
 *
 * Clean numbers: pin (--cpu), an idle machine, performance governor;
 * results under QEMU TCG are instructions, not cycles (emulated=1).
 */
#define _GNU_SOURCE	/* pthread_attr_setaffinity_np, CPU_SET */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "counters.h"
#include "fpbench.h"
#include "fpmode.h"
#include "harness.h"
#include "kvm_pingpong.h"
#include "matrix.h"
#include "pin.h"
#include "results.h"
#include "sysinfo.h"

#include "fpstate.h"
#include "raw_syscall.h"
#include "vmm.h"

/* What one measurement keeps across iterations. */
struct kvm_pp {
	const struct fpb_config *cfg;
	struct kvm_pp_opts opts;
	uint64_t seed;
	struct vmm vm;
	bool seen_first;		/* the first ITER exit of a batch: no sample */
	bool run_failed;
	/* raw facts from the guest, formatted after fp_verify() */
	bool guest_bad;
	uint64_t guest_bad_data, guest_bad_exp, guest_bad_act;
	bool exception;
	uint64_t exc_data, exc_elr, exc_far;
	uint64_t bad_addr, bad_exit;
	/* --preempt: the stressor thread and what it found */
	pthread_t preempter;
	bool preempter_running;
	int preempt_stop;		/* __atomic: ask the stressor to end */
	unsigned int preempt_bad;	/* __atomic: its own state corrupted */
	bool preempt_m_valid;		/* __atomic: preempt_m is written */
	struct fp_mismatch preempt_m;	/* its first mismatch */
	enum fp_kind preempt_kind;
};

static uint64_t kvm_pp_seed(const struct kvm_pp *pp, uint64_t index)
{
	return pp->seed ^ (index * 0x9e3779b97f4a7c15ULL);
}

/*
 * The register --clobber-host corrupts per host kind. None for ssve: its
 * state ends at the KVM_RUN syscall, so cmd_kvm refuses that combination.
 */
static const char *const kvm_pp_clobber_reg[FP_KIND_NR] = {
	[FP_FPSIMD] = "v7",
	[FP_SVE] = "z7",
	[FP_ZA] = "za[1]",
	[FP_ZT0] = "zt0",
	[FP_VMM] = "z7",
};

/*
 * A new batch: the guest's next report spans the batch boundary (mode
 * switch, counter setup), so it is not a sample of this batch.
 */
static int kvm_pp_prepare(void *ctx, struct harness_iter *it)
{
	struct kvm_pp *pp = ctx;

	pp->seen_first = false;
	return FPB_OK;
}

static FPB_NO_FP void kvm_pp_pre(void *ctx, struct harness_iter *it)
{
	struct kvm_pp *pp = ctx;
	enum fp_kind kind = pp->cfg->host_fp;

	fp_fill(kind, kvm_pp_seed(pp, it->index));
	if (pp->opts.clobber_host && kvm_pp_clobber_reg[kind] &&
	    it->index % pp->opts.clobber_host == pp->opts.clobber_host - 1)
		fp_corrupt(kind, kvm_pp_clobber_reg[kind]);
}

static FPB_NO_FP uint64_t kvm_pp_mmio_data(const struct kvm_run *run)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < 8 && i < run->mmio.len; i++)
		v |= (uint64_t)run->mmio.data[i] << (8 * i);
	return v;
}

/*
 * KVM_RUN until the guest ends this iteration (GUEST_MMIO_ITER) or batch
 * (GUEST_MMIO_BATCH). Corruption reports are remembered and the guest
 * resumed; anything else ends the measurement. Nothing here may touch FP
 * registers: no libc string functions, no printf (verify formats).
 */
static FPB_NO_FP int kvm_pp_run(void *ctx, struct harness_iter *it)
{
	struct kvm_pp *pp = ctx;
	struct vmm *vm = &pp->vm;
	uint64_t addr, data;
	int r;

	pp->run_failed = false;
	for (;;) {
		r = vmm_run(vm);
		if (r == VMM_RUN_INTR) {
			if (fpb_interrupted) {
				pp->run_failed = true;
				return FPB_INTERRUPTED;
			}
			continue;	/* some other signal: re-enter */
		}
		if (r < 0) {
			pp->run_failed = true;
			return -r;
		}
		if (r != KVM_EXIT_MMIO || !vm->run->mmio.is_write) {
			pp->bad_exit = r;
			pp->bad_addr = r == KVM_EXIT_MMIO ? vm->run->mmio.phys_addr : 0;
			pp->run_failed = true;
			return FPB_EENV;
		}
		addr = vm->run->mmio.phys_addr;
		data = kvm_pp_mmio_data(vm->run);
		switch (addr) {
		case GUEST_MMIO_ITER:
			if (pp->seen_first) {
				it->guest = data;
				it->guest_valid = true;
			}
			pp->seen_first = true;
			return FPB_OK;
		case GUEST_MMIO_BATCH: {
			const uint64_t *s = vmm_gpa(vm, GUEST_DATA_IPA, data * 8 + 8);
			unsigned int n = data < it->max ? data : it->max;

			if (!s || data > GUEST_MAX_BATCH) {
				pp->bad_exit = KVM_EXIT_MMIO;
				pp->bad_addr = addr;
				pp->run_failed = true;
				return FPB_EENV;
			}
			vmm_sync_from_guest(vm, GUEST_DATA_IPA, data * 8 + 8);
			for (unsigned int i = 0; i < n; i++)
				it->samples[i] = s[i];
			it->n = n;
			it->baseline = s[data];	/* the guest's empty timer pair */
			it->baseline_valid = true;
			return FPB_OK;
		}
		case GUEST_MMIO_CORRUPT:
			if (!pp->guest_bad) {
				pp->guest_bad = true;
				pp->guest_bad_data = data;
				pp->guest_bad_exp = vmm_get_x(vm, 1);
				pp->guest_bad_act = vmm_get_x(vm, 2);
			}
			continue;
		case GUEST_MMIO_EXCEPTION:
			pp->exception = true;
			pp->exc_data = data;
			pp->exc_elr = vmm_get_x(vm, 1);
			pp->exc_far = vmm_get_x(vm, 2);
			pp->run_failed = true;
			return FPB_EENV;
		default:
			pp->bad_exit = r;
			pp->bad_addr = addr;
			pp->run_failed = true;
			return FPB_EENV;
		}
	}
}

/*
 * The --preempt stressor. Only general-register code between its fill and
 * its check (fpstate.h's contract), and a raw nanosleep: each wake-up makes
 * the scheduler switch this CPU from the vCPU thread to it and back.
 */
static FPB_NO_FP void *kvm_pp_preempter(void *arg)
{
	struct kvm_pp *pp = arg;
	unsigned int us = pp->opts.preempt_us;
	struct timespec ts = {
		.tv_sec = us / 1000000,
		.tv_nsec = (long)(us % 1000000) * 1000,
	};
	struct fp_mismatch m;
	uint64_t n = 0, seed;

	while (!__atomic_load_n(&pp->preempt_stop, __ATOMIC_ACQUIRE)) {
		/* a pattern the vCPU thread never uses */
		seed = ~kvm_pp_seed(pp, n++);
		fp_fill(pp->preempt_kind, seed);
		raw_syscall4(SYS_nanosleep, (long)&ts, 0, 0, 0);
		if (!fp_verify(pp->preempt_kind, seed, FP_CHECK_SYSCALL, &m))
			continue;
		if (!__atomic_load_n(&pp->preempt_m_valid, __ATOMIC_RELAXED)) {
			pp->preempt_m = m;
			__atomic_store_n(&pp->preempt_m_valid, true, __ATOMIC_RELEASE);
		}
		__atomic_add_fetch(&pp->preempt_bad, 1, __ATOMIC_RELEASE);
	}
	fp_release(pp->preempt_kind);
	return NULL;
}

/* Start the stressor on @cpu; FPB_OK, or FPB_EENV with a reason. */
static int kvm_pp_preempt_start(struct kvm_pp *pp, int cpu, char *reason,
				size_t len)
{
	pthread_attr_t attr;
	cpu_set_t set;
	int err;

	if (cpu < 0) {
		snprintf(reason, len, "--preempt needs the vCPU thread pinned");
		return FPB_EUSAGE;
	}
	/* SVE when there is SVE: the largest state the switch has to move */
	pp->preempt_kind = fp_kind_supported(FP_SVE, NULL, 0) ? FP_SVE : FP_FPSIMD;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	err = pthread_attr_init(&attr);
	if (!err)
		err = pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	if (!err)
		err = pthread_create(&pp->preempter, &attr, kvm_pp_preempter, pp);
	pthread_attr_destroy(&attr);
	if (err) {
		snprintf(reason, len, "cannot start the preempting thread on CPU %d: %s",
			 cpu, strerror(err));
		return FPB_EENV;
	}
	pp->preempter_running = true;
	return FPB_OK;
}

static void kvm_pp_preempt_stop(struct kvm_pp *pp)
{
	if (!pp->preempter_running)
		return;
	__atomic_store_n(&pp->preempt_stop, 1, __ATOMIC_RELEASE);
	pthread_join(pp->preempter, NULL);	/* at most one sleep */
	pp->preempter_running = false;
}

static int kvm_pp_verify(void *ctx, struct harness_iter *it)
{
	struct kvm_pp *pp = ctx;
	enum fp_kind kind = pp->cfg->host_fp;
	struct fp_mismatch m;
	char name[32], buf[96];
	bool host_bad = false;
	unsigned int preempt_bad = 0;

	/* First, before anything can touch the registers. */
	if (kind != FP_NONE)
		host_bad = fp_verify(kind, kvm_pp_seed(pp, it->index),
				     FP_CHECK_SYSCALL, &m) != 0;
	if (pp->preempter_running)
		preempt_bad = __atomic_exchange_n(&pp->preempt_bad, 0, __ATOMIC_ACQUIRE);
	if (pp->run_failed) {
		/* not an integrity verdict: the run itself failed */
		if (pp->exception)
			snprintf(it->reason, it->reason_len,
				 "guest exception: ESR %#" PRIx64 " vector %" PRIu64
				 " ELR %#" PRIx64 " FAR %#" PRIx64,
				 pp->exc_data & 0xffffffff, pp->exc_data >> 32,
				 pp->exc_elr, pp->exc_far);
		else if (pp->bad_exit)
			snprintf(it->reason, it->reason_len,
				 "unexpected guest exit: reason %" PRIu64 " addr %#" PRIx64,
				 pp->bad_exit, pp->bad_addr);
		else if (pp->vm.err[0])
			snprintf(it->reason, it->reason_len, "%s", pp->vm.err);
		return FPB_OK;
	}
	/*
	 * --clobber-guest: the guest sits between its fill and its check
	 * (just after the store that exited), so it has to see this.
	 */
	if (pp->opts.clobber_guest && pp->cfg->exit == EXIT_MMIO &&
	    pp->cfg->guest_fp != FP_NONE &&
	    it->index % pp->opts.clobber_guest == pp->opts.clobber_guest - 1 &&
	    vmm_corrupt_fpreg(&pp->vm, 7)) {
		snprintf(it->reason, it->reason_len, "%s", pp->vm.err);
		return FPB_EENV;
	}
	if (!host_bad && !pp->guest_bad && !preempt_bad)
		return FPB_OK;
	/* one failed iteration, whoever saw it */
	it->integrity_failures++;
	if (!it->reason[0]) {
		if (host_bad)
			snprintf(it->reason, it->reason_len, "host %s",
				 fp_mismatch_format(&m, buf, sizeof(buf)));
		else if (preempt_bad &&
			 __atomic_load_n(&pp->preempt_m_valid, __ATOMIC_ACQUIRE))
			snprintf(it->reason, it->reason_len, "preempting thread %s",
				 fp_mismatch_format(&pp->preempt_m, buf, sizeof(buf)));
		else if (!pp->guest_bad)
			snprintf(it->reason, it->reason_len, "preempting thread: FP state corrupted");
		else
			snprintf(it->reason, it->reason_len,
				 "guest %s: expected %#" PRIx64 " got %#" PRIx64,
				 guest_corrupt_name(pp->guest_bad_data, name, sizeof(name)),
				 pp->guest_bad_exp, pp->guest_bad_act);
	}
	pp->guest_bad = false;
	return FPB_OK;
}

static void kvm_pp_finish(void *ctx, struct harness_iter *it)
{
	struct kvm_pp *pp = ctx;

	fp_release(pp->cfg->host_fp);
}

/* Put the host thread's VLs in place; FPB_SKIP with a reason if it cannot. */
static int kvm_pp_host_setup(const struct fpb_config *cfg, char *reason,
			     size_t len)
{
	enum fp_kind kind = cfg->host_fp;
	unsigned int want;
	int got;

	if (kind == FP_NONE)
		return FPB_OK;
	if (!fp_kind_supported(kind, reason, len))
		return FPB_SKIP;
	if (kind == FP_FPSIMD)
		return FPB_OK;
	want = fp_kind_uses_vl(kind) ? cfg->vl_bits : cfg->svl_bits;
	if (!want)
		return FPB_OK;	/* keep the thread's current VL */
	got = fp_vl_set(kind, want);
	if (got < 0 || (unsigned int)got != want) {
		snprintf(reason, len, "host %s VL %u bits not offered",
			 fp_kind_uses_vl(kind) ? "SVE" : "SME", want);
		return FPB_SKIP;
	}
	return FPB_OK;
}

int kvm_pingpong_measure(const struct fpb_config *cfg,
			 const struct harness_params *p,
			 const struct kvm_pp_opts *opts,
			 struct harness_result *res)
{
	static const struct kvm_pp_opts defaults;
	struct harness_ops ops = {
		.timing = HARNESS_TIME_HOST,
		.prepare = kvm_pp_prepare,
		.pre = kvm_pp_pre,
		.run = kvm_pp_run,
		.verify = kvm_pp_verify,
		.finish = kvm_pp_finish,
	};
	struct vmm_config vc = { 0 };
	const struct guest_payload *payload;
	unsigned int nm = p->nr_modes ? p->nr_modes : 1;
	uint64_t args[GUEST_NR_ARGS];
	char reason[HARNESS_REASON_LEN] = "";
	struct kvm_pp *pp;
	int rc;

	pp = calloc(1, sizeof(*pp));
	if (!pp) {
		rc = FPB_EENV;
		snprintf(reason, sizeof(reason), "out of memory");
		goto skip;
	}
	pp->cfg = cfg;
	pp->opts = opts ? *opts : defaults;
	if (!pp->opts.hvc_batch)
		pp->opts.hvc_batch = KVM_PP_HVC_BATCH_DEFAULT;
	pp->seed = p->seed;

	payload = pp->opts.debug_hang ? guest_payload_by_name("hang") :
		  guest_payload_find(cfg->exit, cfg->guest_fp);
	if (cfg->bench != BENCH_KVM || !payload) {
		rc = FPB_EUSAGE;
		snprintf(reason, sizeof(reason), "no guest payload for exit %s guest %s",
			 exit_names[cfg->exit], fp_kind_names[cfg->guest_fp]);
		goto skip;
	}
	if (pp->opts.hvc_batch > GUEST_MAX_BATCH) {
		rc = FPB_EUSAGE;
		snprintf(reason, sizeof(reason), "hvc batch above %u", (unsigned int)GUEST_MAX_BATCH);
		goto skip;
	}
	if (p->cpu >= 0 && pin_to_cpu(p->cpu) < 0) {
		rc = FPB_EENV;
		snprintf(reason, sizeof(reason), "cannot pin to CPU %d", p->cpu);
		goto skip;
	}
	rc = kvm_pp_host_setup(cfg, reason, sizeof(reason));
	if (rc)
		goto skip;
	if (cfg->guest_fp == FP_SVE) {
		if (!fp_kind_supported(FP_SVE, reason, sizeof(reason))) {
			rc = FPB_SKIP;
			goto skip;
		}
		vc.sve_vl_bits = cfg->vl_bits ? cfg->vl_bits : fp_vl_get(FP_SVE);
	}
	vc.want_pmu = pp->opts.want_pmu;
	vc.watchdog_s = pp->opts.watchdog_s;
	rc = vmm_create(&pp->vm, &vc);
	if (rc) {
		snprintf(reason, sizeof(reason), "%.*s",
			 (int)sizeof(reason) - 1, pp->vm.err);
		goto skip;
	}
	args[GUEST_ARG_DATA] = GUEST_DATA_IPA;
	args[GUEST_ARG_BATCH] = pp->opts.hvc_batch;
	/*
	 * Always CNTVCT: a vPMU's PMCCNTR_EL0 only counts while the guest
	 * runs (KVM backs it with a guest-only perf event), so it misses the
	 * host half of a round trip (seen: 3-5 "cycles" per exit).
	 */
	args[GUEST_ARG_TIMER] = GUEST_TIMER_CNTVCT;
	args[GUEST_ARG_VL] = pp->vm.sve_vl_bits / 8;
	rc = vmm_load(&pp->vm, payload, args);
	if (rc) {
		snprintf(reason, sizeof(reason), "%.*s",
			 (int)sizeof(reason) - 1, pp->vm.err);
		vmm_destroy(&pp->vm);
		goto skip;
	}
	if (cfg->exit == EXIT_HVC) {
		ops.timing = HARNESS_TIME_CALLBACK;
		ops.callback_unit = "cntvct";
	}
	if (pp->opts.preempt_us) {
		rc = kvm_pp_preempt_start(pp, p->cpu, reason, sizeof(reason));
		if (rc) {
			vmm_destroy(&pp->vm);
			goto skip;
		}
	}

	rc = harness_measure(p, &ops, pp, cfg, res);
	kvm_pp_preempt_stop(pp);

	/* hvc: the samples are the guest's view */
	for (unsigned int m = 0; cfg->exit == EXIT_HVC && m < nm; m++) {
		free(res[m].guest);
		res[m].guest = NULL;
		res[m].nguest = 0;
		if (!res[m].n)
			continue;
		res[m].guest = malloc(res[m].n * sizeof(double));
		if (res[m].guest) {
			memcpy(res[m].guest, res[m].cycles, res[m].n * sizeof(double));
			res[m].nguest = res[m].n;
		}
	}
	vmm_destroy(&pp->vm);
	free(pp);
	return rc;
skip:
	for (unsigned int m = 0; m < nm; m++)
		harness_result_status(&res[m], cfg,
				      p->nr_modes ? p->modes[m] : FP_MODE_UNKNOWN,
				      rc, reason);
	free(pp);
	return rc;
}
