// SPDX-License-Identifier: GPL-2.0
/*
 * The bench table (bench.h). Each measure function adapts the table's one
 * signature to its bench's options.
 */
#include <stdio.h>

#include "bench.h"

static int bench_kvm_measure(const struct fpb_config *cfg,
			     const struct harness_params *p,
			     const struct bench_opts *o,
			     struct harness_result *res)
{
	return kvm_pingpong_measure(cfg, p, &o->kvm, res);
}

static int bench_ctxsw_measure(const struct fpb_config *cfg,
			       const struct harness_params *p,
			       const struct bench_opts *o,
			       struct harness_result *res)
{
	return ctxsw_measure(cfg, p, &o->ctxsw, res);
}

const struct bench_desc bench_descs[BENCH_NR] = {
	[BENCH_KVM] = {
		.name = "kvm",
		.sample = "one KVM_RUN round trip (exit to the host and re-entry)",
		.exits = FPB_BIT(EXIT_MMIO) | FPB_BIT(EXIT_HVC),
		.host_fps = FP_ALL_KINDS,
		.guest_fps = FP_GUEST_KINDS,
		.measure = bench_kvm_measure,
	},
	[BENCH_CTXSW] = {
		.name = "ctxsw",
		.sample = "one ROUND TRIP (futex: two context switches; vcpu: from the wake-up until the CPU is back from the vCPU)",
		.exits = FPB_BIT(EXIT_FUTEX) | FPB_BIT(EXIT_VCPU),
		.host_fps = FP_ALL_KINDS,
		/* The partner is a plain thread or a vCPU: a guest's kinds. */
		.guest_fps = FP_GUEST_KINDS,
		.measure = bench_ctxsw_measure,
	},
};

char *fpb_names_join(char *buf, size_t len, const char *const *names, int nr,
		     unsigned int mask, const char *sep)
{
	size_t off = 0;

	if (len)
		buf[0] = 0;
	for (int i = 0; i < nr && off < len; i++)
		if ((mask & FPB_BIT(i)) && names[i])
			off += snprintf(buf + off, len - off, "%s%s",
					off ? sep : "", names[i]);
	return buf;
}
