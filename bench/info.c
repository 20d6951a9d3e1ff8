// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench info: what this machine can measure and how trustworthy the
 * figures will be: kernel, CPU, vector lengths, KVM, kvm.fp_eager, the
 * counter source and, when there is no PMU, why not.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "counters.h"
#include "fpbench.h"
#include "sysinfo.h"

/* Iterations of the calibration loop that shows the counters count. */
#define INFO_PROBE_LOOPS	100000

static void info_usage(FILE *f)
{
	fprintf(f,
		"usage: fpbench info [--json] [--cpu N] [--attrib host|guest|both]\n"
		"\n"
		"Print kernel, CPU (MIDR), SVE/SME vector lengths, KVM, kvm.fp_eager,\n"
		"emulation and the cycle counter that measurements would use; when no\n"
		"PMU is usable, say why and what replaces it.\n"
		"\n"
		"  --json          one JSON object instead of the text block\n"
		"  --cpu N         CPU whose PMU to describe (big.LITTLE); default any\n"
		"  --attrib WHO    count host, guest or both (default host)\n");
}

/* Time a trivial loop with the batch group and the per-iteration source. */
static void info_probe(struct counters *c, uint64_t *ticks,
		       struct counter_values *v)
{
	volatile unsigned int sink = 0;
	uint64_t t0;

	counters_batch_start(c);
	t0 = counters_now(c);
	for (unsigned int i = 0; i < INFO_PROBE_LOOPS; i++)
		sink += i;
	*ticks = counters_now(c) - t0;
	counters_batch_stop(c, v);
}

int cmd_info(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "attrib", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct counters_opts copts = { .cpu = -1, .user_read = true };
	struct counter_values v;
	struct counters c;
	struct sysinfo si;
	bool json = false;
	uint64_t ticks;
	int opt, ret;
	char *end;
	long cpu;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'c':
			errno = 0;
			cpu = strtol(optarg, &end, 10);
			if (end == optarg || *end || errno || cpu < 0) {
				fprintf(stderr, "fpbench info: --cpu: not a CPU number: '%s'\n", optarg);
				return FPB_EUSAGE;
			}
			if (cpu >= sysconf(_SC_NPROCESSORS_CONF)) {
				fprintf(stderr, "fpbench info: --cpu %ld: no such CPU (CPUs 0..%ld)\n",
					cpu, sysconf(_SC_NPROCESSORS_CONF) - 1);
				return FPB_EUSAGE;
			}
			copts.cpu = (int)cpu;
			break;
		case 'a':
			ret = fpb_lookup(counters_attrib_names, COUNTERS_ATTRIB_NR, optarg);
			if (ret < 0) {
				fprintf(stderr, "fpbench info: --attrib: '%s' is not host, guest or both\n",
					optarg);
				return FPB_EUSAGE;
			}
			copts.attrib = ret;
			break;
		case 'h':
			info_usage(stdout);
			return FPB_OK;
		default:
			info_usage(stderr);
			return FPB_EUSAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "fpbench info: unexpected argument '%s'\n", argv[optind]);
		return FPB_EUSAGE;
	}

	sysinfo_collect(&si);
	ret = counters_open(&c, &copts);
	if (ret) {
		fprintf(stderr, "fpbench info: counters: %s\n", counters_reason(&c));
		return FPB_EENV;
	}
	info_probe(&c, &ticks, &v);

	if (json) {
		printf("{\"tool\": \"kvm-fpbench\", \"version\": \"%s\", \"system\": ",
		       FPBENCH_VERSION);
		sysinfo_print_json(&si, stdout);
		printf(", \"counter\": ");
		counters_print_json(&c, stdout);
		printf(", \"probe\": {\"loops\": %u, \"ticks\": %llu, \"unit\": \"%s\"}}\n",
		       INFO_PROBE_LOOPS, (unsigned long long)ticks, counters_unit(&c));
	} else {
		printf("fpbench %s\n", FPBENCH_VERSION);
		sysinfo_print(&si, stdout);
		counters_describe(&c, stdout);
		printf("probe: %u-iteration loop took %llu %s", INFO_PROBE_LOOPS,
		       (unsigned long long)ticks, counters_unit(&c));
		for (int i = 0; i < v.nr; i++)
			printf(", %s %llu", c.names[i], (unsigned long long)v.value[i]);
		if (v.nr && v.time_enabled)
			printf(" (running %llu%% of enabled time)",
			       (unsigned long long)(100 * v.time_running / v.time_enabled));
		printf("\n");
	}
	counters_close(&c);
	return FPB_OK;
}
