// SPDX-License-Identifier: GPL-2.0
/*
 * fpbench report: plain text for a reply on the kernel mailing list.
 *
 * Per results file: what was measured and on what (kernel, CPU, emulated
 * or not, date, the run's command line and the file, so every figure
 * traces back to it), the eager - lazy table of the kvm/mmio rows (and
 * eager - lazy_keep where the file has that mode) with the difference of
 * medians and its bootstrap 95% CI, the trace decomposition of the delta
 * where the emulated host's plugin filled the tr_* columns, the cycle
 * floor of that delta on the cores of cores.c (a model, labelled as one),
 * the integrity counts and the caveats.
 *
 * Mail rules: at most 72 columns (every line goes through report_put(),
 * which wraps), no markup, no tabs, and the same input gives the same
 * text (seeded bootstrap, no clock).
 */
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "commands.h"
#include "cores.h"
#include "fpbench.h"
#include "matrix.h"
#include "options.h"

/* Mail body width (the usual limit of a kernel list reply). */
#define REPORT_COLS	72
/* Continuation indent of a wrapped line, past its own indent. */
#define REPORT_WRAP_INDENT	2

struct report_pair {
	const struct result_row *a, *b;	/* a = baseline mode, b = eager */
	struct analysis_diff d;
	const char *state;		/* NULL, "skipped" or "failed" */
	bool trace;			/* tr_* finite in both rows */
};

struct report_file {
	struct analysis_input in;
	struct report_pair *pairs[2];	/* per baseline: lazy, lazy_keep */
	size_t nr[2];
};

struct report {
	struct report_file *files;
	int nr_files;
	int baselines[2];		/* fp_mode values; -1 when unknown */
	bool assumed_icount;		/* some label assumed the rig's -icount */
	/* options */
	unsigned int bootstrap;
	uint64_t seed;
	bool no_samples;
	struct analysis_filter filter;
};

/*
 * Print @fmt, line by line; a line longer than REPORT_COLS breaks at its
 * last space that fits (or hard at the limit) and goes on indented.
 */
static void report_put(FILE *f, const char *fmt, ...)
{
	char buf[8192];
	const char *p, *nl;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (p = buf; *p; p = *nl ? nl + 1 : nl) {
		size_t len, indent = 0, lead = 0;

		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		len = nl - p;
		/* Mail clients and checkpatch dislike trailing blanks. */
		while (len > 0 && p[len - 1] == ' ')
			len--;
		/* Continuations line up under the text, past a "- " bullet. */
		while (lead < len && p[lead] == ' ')
			lead++;
		lead += REPORT_WRAP_INDENT;
		while (indent + len > REPORT_COLS) {
			size_t room = REPORT_COLS - indent, cut = room;

			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = room;
			fprintf(f, "%*s%.*s\n", (int)indent, "", (int)cut, p);
			while (cut < len && p[cut] == ' ')
				cut++;
			p += cut;
			len -= cut;
			indent = lead < REPORT_COLS / 2 ? lead : REPORT_WRAP_INDENT;
		}
		fprintf(f, "%*s%.*s\n", (int)indent, "", (int)len, p);
	}
}

static const char *mode_name(int m)
{
	return m >= 0 && m < FP_MODE_NR ? fp_mode_names[m] : "?";
}

/* "@256", "@256/512" (SVE VL / SME VL) or "" when no VL is in use. */
static void vl_label(const struct fpb_config *cfg, char *buf, size_t len)
{
	if (cfg->vl_bits && cfg->svl_bits)
		snprintf(buf, len, "@%u/%u", cfg->vl_bits, cfg->svl_bits);
	else if (cfg->vl_bits || cfg->svl_bits)
		snprintf(buf, len, "@%u", cfg->vl_bits + cfg->svl_bits);
	else
		buf[0] = 0;
}

/*
 * One column: "sve@256", "fpsimd/g=sve@128", "sve@256/g=sve". The VL goes
 * with the host state when that is vector state, else with the guest's:
 * a host=none row with an SVE guest measures the guest's VL.
 */
static void pair_label(const struct report_pair *p, char *buf, size_t len)
{
	const struct fpb_config *cfg = &p->a->cfg;
	bool host_vl = cfg->host_fp != FP_NONE && cfg->host_fp != FP_FPSIMD;
	char vl[32];

	vl_label(cfg, vl, sizeof(vl));
	if (cfg->guest_fp == FP_NONE)
		snprintf(buf, len, "%s%s", fp_kind_names[cfg->host_fp], vl);
	else
		snprintf(buf, len, "%s%s/g=%s%s", fp_kind_names[cfg->host_fp],
			 host_vl ? vl : "", fp_kind_names[cfg->guest_fp],
			 host_vl ? "" : vl);
}

static bool file_emulated(const struct analysis_input *in)
{
	if (in->have_meta && in->meta.emulated)
		return true;
	for (size_t i = 0; i < in->set.nr; i++)
		if (in->set.rows[i].emulated)
			return true;
	return false;
}

/*
 * What the figures count. Under the rig's -icount shift=0 the PMU's
 * cycles are emulated instructions (results/qemu-max/README.md); the
 * metadata names -icount only when FPBENCH_EMULATION says so, so a
 * qemu-system TCG run without the word is taken to be the rig's and the
 * caveats say that this was assumed.
 */
static const char *unit_label(struct report *r, const struct analysis_input *in,
			      enum result_unit unit)
{
	const char *emu = in->have_meta ? in->meta.emulation : "";

	if (!file_emulated(in))
		return unit == UNIT_CYCLES ? "cycles" :
		       unit == UNIT_CNTVCT ? "CNTVCT ticks" : "ns";
	if (unit != UNIT_CYCLES)
		return unit == UNIT_CNTVCT ? "CNTVCT ticks (emulated)" :
		       "ns (emulated)";
	if (strstr(emu, "icount"))
		return "instructions (emulated)";
	if (strstr(emu, "qemu-system")) {
		r->assumed_icount = true;
		return "instructions (emulated)";
	}
	return "emulated cycles (not hardware)";
}

static bool trace_finite(const struct result_row *row)
{
	return isfinite(row->tr.instructions) && isfinite(row->tr.load_bytes) &&
	       isfinite(row->tr.store_bytes);
}

static int pairs_build(struct report *r, struct report_file *rf, int k)
{
	const struct result_set *S = &rf->in.set;
	char key[MATRIX_KEY_LEN];

	if (r->baselines[k] < 0)
		return FPB_OK;
	for (size_t i = 0; i < S->nr; i++) {
		const struct result_row *a = &S->rows[i], *b;
		struct report_pair *p;

		if ((int)a->cfg.fp_mode != r->baselines[k] ||
		    !analysis_filter_match(&r->filter, &a->cfg))
			continue;
		b = results_find(S, &a->cfg, FP_MODE_EAGER);
		if (!b)
			continue;
		p = realloc(rf->pairs[k], (rf->nr[k] + 1) * sizeof(*p));
		if (!p) {
			fprintf(stderr, "fpbench report: out of memory\n");
			return FPB_EENV;
		}
		rf->pairs[k] = p;
		p = &p[rf->nr[k]++];
		memset(p, 0, sizeof(*p));
		p->a = a;
		p->b = b;
		if (a->status != STATUS_OK || b->status != STATUS_OK) {
			p->state = a->status == STATUS_FAIL || b->status == STATUS_FAIL ?
				   "failed" : "skipped";
			continue;
		}
		matrix_config_key(&a->cfg, key, sizeof(key));
		if (a->unit != b->unit) {
			fprintf(stderr, "fpbench report: %s: %s: unit %s in %s mode but %s in eager mode\n",
				rf->in.csv, key, result_unit_names[a->unit],
				mode_name(a->cfg.fp_mode), result_unit_names[b->unit]);
			return FPB_EDATA;
		}
		if (analysis_diff(a, r->no_samples ? NULL : analysis_samples(&rf->in, a),
				  b, r->no_samples ? NULL : analysis_samples(&rf->in, b),
				  r->seed, r->bootstrap, &p->d)) {
			fprintf(stderr, "fpbench report: %s: %s: status ok but no median (nan)\n",
				rf->in.csv, key);
			return FPB_EDATA;
		}
		p->trace = trace_finite(a) && trace_finite(b);
	}
	return FPB_OK;
}

static void put_header(FILE *f, struct report *r, const struct report_file *rf,
		       int idx)
{
	const struct analysis_input *in = &rf->in;
	const struct run_meta *m = &in->meta;
	const struct core_model *core = NULL;

	report_put(f, "[%d] %s", idx + 1, in->csv);
	if (!in->have_meta) {
		report_put(f, "    no metadata file (BASE.json): kernel, CPU and date unknown");
	} else {
		report_put(f, "    kernel:   %s %s", m->kernel, m->kernel_version);
		report_put(f, "    config:   %s", m->kernel_config[0] ? m->kernel_config : "not recorded");
		core = core_by_midr(m->cpu.implementer, m->cpu.part);
		report_put(f, "    cpu:      %s, MIDR 0x%08llx%s", m->cpu.name[0] ? m->cpu.name : "?",
			   (unsigned long long)m->cpu.midr,
			   core ? " (in the core table)" : "");
		report_put(f, "    host:     %s", m->host);
		report_put(f, "    date:     %s", m->date);
		report_put(f, "    command:  %s", m->command_line);
		report_put(f, "    counter:  %s (%s)", result_unit_names[m->counter.unit],
			   m->counter.source);
		if (m->pinned_cpu >= 0)
			report_put(f, "    pinned:   CPU %d", m->pinned_cpu);
	}
	if (file_emulated(in))
		report_put(f, "    emulated: yes: %s",
			   in->have_meta && m->emulation[0] ? m->emulation : "(no detail)");
	else
		report_put(f, "    emulated: no");
	report_put(f, "    samples:  %s", in->have_samples && !r->no_samples ?
		   "yes (CIs by bootstrap of the samples)" :
		   "no (CIs from the summary rows, approximate)");
}

#define TABLE_FMT "  %-17s %9s %9s %8s  %s"

static void put_table(FILE *f, struct report *r, const struct report_file *rf, int k)
{
	const char *base = mode_name(r->baselines[k]);
	const char *unit = NULL;
	char ci[64], label[48], ma[16], mb[16], diff[16];

	for (size_t i = 0; i < rf->nr[k] && !unit; i++)
		if (!rf->pairs[k][i].state)
			unit = unit_label(r, &rf->in, rf->pairs[k][i].a->unit);
	report_put(f, "\n  eager - %s, kvm/mmio: one KVM_RUN round trip with an MMIO exit to user space (vcpu_put + vcpu_load), median per round trip",
		   base);
	report_put(f, "  unit: %s", unit ? unit : "-");
	report_put(f, TABLE_FMT, "host/guest", base, "eager", "diff", "95% CI of diff");
	for (size_t i = 0; i < rf->nr[k]; i++) {
		const struct report_pair *p = &rf->pairs[k][i];

		pair_label(p, label, sizeof(label));
		if (p->state) {
			report_put(f, TABLE_FMT, label, "-", "-", "-", p->state);
			continue;
		}
		snprintf(ma, sizeof(ma), "%.1f", p->d.median_a);
		snprintf(mb, sizeof(mb), "%.1f", p->d.median_b);
		snprintf(diff, sizeof(diff), "%+.1f", p->d.diff);
		snprintf(ci, sizeof(ci), "[%+.1f, %+.1f]%s", p->d.lo, p->d.hi,
			 p->d.from_samples ? "" : " *");
		report_put(f, TABLE_FMT, label, ma, mb, diff, ci);
	}
}

static bool any_trace(const struct report_file *rf, int k)
{
	for (size_t i = 0; i < rf->nr[k]; i++)
		if (!rf->pairs[k][i].state && rf->pairs[k][i].trace)
			return true;
	return false;
}

static void fmt_delta(char *buf, size_t len, double a, double b, int prec)
{
	if (isfinite(a) && isfinite(b))
		snprintf(buf, len, "%+.*f", prec, b - a);
	else
		snprintf(buf, len, "-");
}

/* A column of a trace table: B - A of one tr_* value. */
struct trace_col {
	const char *name;
	int width, prec;
	size_t off;		/* of the double in struct result_trace */
};
#define TRACE_COL(name, width, prec, field) \
	{ name, width, prec, offsetof(struct result_trace, field) }

/* What the eager save moves, and the instruction kinds it adds. */
static const struct trace_col trace_sizes[] = {
	TRACE_COL("instr", 8, 0, instructions),
	TRACE_COL("load B", 8, 0, load_bytes),
	TRACE_COL("store B", 8, 0, store_bytes),
	TRACE_COL("iter instr", 10, 0, iter_instructions),
};
static const struct trace_col trace_kinds[] = {
	TRACE_COL("ERET", 8, 1, exceptions),
	TRACE_COL("ISB", 6, 1, isb),
	TRACE_COL("DSB/DMB", 8, 1, barriers),
	TRACE_COL("MSR", 6, 1, msr),
	TRACE_COL("SVE", 6, 1, sve),
};

static double trace_val(const struct result_row *row, const struct trace_col *c)
{
	return *(const double *)((const char *)&row->tr + c->off);
}

/* One table, after @lead: a header, then a row per traced pair of mode @k. */
static void report_trace_table(FILE *f, const struct report_file *rf, int k,
			       const char *lead, const struct trace_col *cols,
			       size_t ncols)
{
	char line[256], label[48], cell[24];
	size_t off = snprintf(line, sizeof(line), "%s  %-17s", lead, "host/guest");

	for (size_t j = 0; j < ncols; j++)
		off += snprintf(line + off, sizeof(line) - off, " %*s",
				cols[j].width, cols[j].name);
	report_put(f, "%s", line);
	for (size_t i = 0; i < rf->nr[k]; i++) {
		const struct report_pair *p = &rf->pairs[k][i];

		if (p->state || !p->trace)
			continue;
		pair_label(p, label, sizeof(label));
		off = snprintf(line, sizeof(line), "  %-17s", label);
		for (size_t j = 0; j < ncols; j++) {
			fmt_delta(cell, sizeof(cell), trace_val(p->a, &cols[j]),
				  trace_val(p->b, &cols[j]), cols[j].prec);
			off += snprintf(line + off, sizeof(line) - off, " %*s",
					cols[j].width, cell);
		}
		report_put(f, "%s", line);
	}
}

static void put_trace(FILE *f, struct report *r, const struct report_file *rf, int k)
{
	const struct run_meta *m = &rf->in.meta;
	const struct core_model *measured =
		rf->in.have_meta ? core_by_midr(m->cpu.implementer, m->cpu.part) : NULL;
	const struct report_pair *widest = NULL;
	const char *base = mode_name(r->baselines[k]);
	char label[48], cell[24], line[256];

	if (!any_trace(rf, k)) {
		report_put(f, "\n  trace: no tr_* counts in this file (no trace of the emulated host ran): no decomposition and no cycle floor");
		return;
	}
	report_put(f, "\n  trace of the emulated host, eager - %s per round trip: host instructions and kernel/hyp bytes of the timed section, and host instructions of the whole iteration",
		   base);
	report_trace_table(f, rf, k, "", trace_sizes, ARRAY_SIZE(trace_sizes));
	report_trace_table(f, rf, k, "\n", trace_kinds, ARRAY_SIZE(trace_kinds));
	for (size_t i = 0; i < rf->nr[k]; i++) {
		const struct report_pair *p = &rf->pairs[k][i];

		if (p->state || !p->trace)
			continue;
		if (!widest || p->b->tr.instructions - p->a->tr.instructions >
			       widest->b->tr.instructions - widest->a->tr.instructions)
			widest = p;
	}

	report_put(f, "\n  model: lower bound in cycles on each core, from the measured instruction and byte deltas above, not a measurement (width and load/store bandwidth only: bound by i instructions, l loads, s stores)%s",
		   measured ? "; * the measured CPU" : "");
	{
		size_t off = snprintf(line, sizeof(line), "  %-17s", "host/guest");

		for (size_t j = 0; j < core_models_nr && off < sizeof(line); j++)
			off += snprintf(line + off, sizeof(line) - off, " %8s%s",
					core_models[j].short_name,
					&core_models[j] == measured ? "*" : "");
		report_put(f, "%s", line);
	}
	for (size_t i = 0; i < rf->nr[k]; i++) {
		const struct report_pair *p = &rf->pairs[k][i];
		const struct result_trace *a = &p->a->tr, *b = &p->b->tr;
		size_t off;

		if (p->state || !p->trace)
			continue;
		pair_label(p, label, sizeof(label));
		off = snprintf(line, sizeof(line), "  %-17s", label);
		for (size_t j = 0; j < core_models_nr && off < sizeof(line); j++) {
			struct core_floor fl;
			static const char tag[FLOOR_NR] = {
				[FLOOR_NONE] = ' ', [FLOOR_INSTRUCTIONS] = 'i',
				[FLOOR_LOADS] = 'l', [FLOOR_STORES] = 's',
			};

			analysis_floor(&core_models[j], b->instructions - a->instructions,
				       b->load_bytes - a->load_bytes,
				       b->store_bytes - a->store_bytes, &fl);
			snprintf(cell, sizeof(cell), "%.1f %c", fl.cycles, tag[fl.binds]);
			off += snprintf(line + off, sizeof(line) - off, " %8s", cell);
		}
		report_put(f, "%s", line);
	}
	if (widest) {
		const struct result_trace *a = &widest->a->tr, *b = &widest->b->tr;

		pair_label(widest, label, sizeof(label));
		report_put(f, "\n  how the floor of %s (the largest instruction delta) comes about:",
			   label);
		for (size_t j = 0; j < core_models_nr; j++) {
			analysis_floor_explain(&core_models[j],
					       b->instructions - a->instructions,
					       b->load_bytes - a->load_bytes,
					       b->store_bytes - a->store_bytes,
					       line, sizeof(line));
			report_put(f, "    %s", line);
		}
	}
}

static void put_integrity(FILE *f, const struct report_file *rf)
{
	const struct result_set *S = &rf->in.set;
	unsigned long long failures = 0;
	size_t failed = 0, skipped = 0, ok = 0;

	for (size_t i = 0; i < S->nr; i++) {
		failures += S->rows[i].integrity_failures;
		failed += S->rows[i].status == STATUS_FAIL;
		skipped += S->rows[i].status == STATUS_SKIP;
		ok += S->rows[i].status == STATUS_OK;
	}
	report_put(f, "\n  integrity: %llu register corruption(s) summed over all %zu rows of the file; rows ok %zu, failed %zu, skipped %zu",
		   failures, S->nr, ok, failed, skipped);
	for (size_t i = 0; i < S->nr; i++) {
		char key[MATRIX_KEY_LEN];

		if (S->rows[i].status != STATUS_FAIL)
			continue;
		matrix_config_key(&S->rows[i].cfg, key, sizeof(key));
		report_put(f, "    failed: %s/%s: %s", key,
			   mode_name(S->rows[i].cfg.fp_mode), S->rows[i].reason);
	}
}

static void put_caveats(FILE *f, const struct report *r)
{
	bool emulated = false, summary = false, trace = false;

	for (int i = 0; i < r->nr_files; i++) {
		const struct report_file *rf = &r->files[i];

		emulated |= file_emulated(&rf->in);
		for (int k = 0; k < 2; k++) {
			trace |= any_trace(rf, k);
			for (size_t j = 0; j < rf->nr[k]; j++)
				summary |= !rf->pairs[k][j].state &&
					   !rf->pairs[k][j].d.from_samples;
		}
	}
	report_put(f, "\nCaveats");
	if (emulated) {
		report_put(f, "- Emulated runs (QEMU TCG) count instructions, not cycles: they show which code runs more often, deterministically, not how long it takes on a core. How many cycles an instruction or a byte costs on a core is not measured here (the floor below is a model).");
		if (r->assumed_icount)
			report_put(f, "- The metadata does not name -icount; the unit \"instructions (emulated)\" assumes the tools/qemu-rig machine (-icount shift=0, where the PMU's cycles are emulated instructions).");
	}
	if (trace) {
		report_put(f, "- The trace counts what the TCG plugin sees. QEMU 7.2 does not report predicated SVE LD1/ST1 accesses to plugins, so their bytes are missing from the load/store columns (the instructions are counted).");
		report_put(f, "- The cycle floor is a model: it assumes every extra instruction issues at the core's full width and every byte moves at full L1 bandwidth, with no latency, dependency, miss or serialisation (ISB, DSB, ERET). Real costs are higher; the floor only says the delta cannot be cheaper.");
	}
	if (summary)
		report_put(f, "- '*' CI from the two summary CIs (no samples file): assumes independent, about normal medians; approximate.");
	report_put(f, "- The difference is of medians, eager minus the baseline mode, measured in one boot with batches of the two modes interleaved when the file holds both (fpbench run --fp-mode both).");
}

/* Parse the options into @r: the table is sized by its rows. */
static int report_parse(struct report *r, int argc, char **argv, int *nargs)
{
	struct opt o[] = {
		{ .name = "host-fp", .kind = OPT_STRING, .ptr = &r->filter.host_fp,
		  .metavar = "KIND", .help = "only this host FP state" },
		{ .name = "guest-fp", .kind = OPT_STRING, .ptr = &r->filter.guest_fp,
		  .metavar = "KIND", .help = "only this guest FP use" },
		{ .name = "bootstrap", .kind = OPT_UINT, .ptr = &r->bootstrap,
		  .metavar = "B", .help = "bootstrap resamples for the CI of the difference",
		  .min = 100, .max = 100000 },
		{ .name = "seed", .kind = OPT_U64, .ptr = &r->seed,
		  .metavar = "N", .help = "seed of the bootstrap" },
		{ .name = "no-samples", .kind = OPT_FLAG, .ptr = &r->no_samples,
		  .help = "ignore samples files (summary-only CIs)" },
	};

	const struct opt_cmd cmd = {
		.name = "fpbench report",
		.args = "[options] RESULTS.csv...",
		.about =
		"Plain text (<= 72 columns, no markup) for a reply on the kernel list:\n"
		"per results file what was measured and on what, the eager - lazy\n"
		"(and eager - lazy_keep) table of the kvm/mmio rows with bootstrap 95%\n"
		"CIs, the trace decomposition and the cycle floor per core (a model)\n"
		"where tr_* columns exist, integrity counts and caveats.\n"
		"Exit: 0, 3 bad, missing or unreadable input or no lazy/eager pair,\n"
		"6 environment (out of memory, stdout not writable).",
		.opts = o,
		.nr_opts = ARRAY_SIZE(o),
		.min_args = 1,
		.max_args = -1,
	};
	return opt_parse(&cmd, argc, argv, nargs);
}

static void report_free(struct report *r)
{
	for (int i = 0; r->files && i < r->nr_files; i++) {
		analysis_free(&r->files[i].in);
		free(r->files[i].pairs[0]);
		free(r->files[i].pairs[1]);
	}
	free(r->files);
}

int cmd_report(int argc, char **argv)
{
	struct report r = {
		.bootstrap = STATS_BOOTSTRAP_B,
		.seed = ANALYSIS_SEED,
		.filter = { .bench = "kvm", .exit = "mmio" },
	};
	char err[512];
	int nargs, rc;
	FILE *f = stdout;

	rc = report_parse(&r, argc, argv, &nargs);
	if (rc)
		return rc == OPT_HELP_SHOWN ? FPB_OK : rc;
	rc = analysis_filter_check(&r.filter, "fpbench report");
	if (rc)
		return rc;
	/* lazy_keep by name: the mode exists on some branches only. */
	r.baselines[0] = FP_MODE_LAZY;
	r.baselines[1] = fpb_lookup(fp_mode_names, FP_MODE_NR, "lazy_keep");

	r.files = calloc(nargs, sizeof(*r.files));
	if (!r.files) {
		fprintf(stderr, "fpbench report: out of memory\n");
		return FPB_EENV;
	}
	r.nr_files = nargs;
	for (int i = 0; i < nargs; i++) {
		struct report_file *rf = &r.files[i];

		rc = analysis_load(argv[1 + i], !r.no_samples, &rf->in, err, sizeof(err));
		if (rc) {
			fprintf(stderr, "fpbench report: %s\n", err);
			goto out;
		}
		for (int k = 0; k < 2 && !rc; k++)
			rc = pairs_build(&r, rf, k);
		if (rc)
			goto out;
		if (!rf->nr[0] && !rf->nr[1]) {
			fprintf(stderr, "fpbench report: %s has no (selected) kvm/mmio configuration measured in eager and lazy mode (run with --fp-mode both)\n",
				rf->in.csv);
			rc = FPB_EDATA;
			goto out;
		}
	}

	report_put(f, "kvm-fpbench: cost of arm64 KVM's eager host FP save on vcpu_load");
	report_put(f, "\nWhat was measured, and on what");
	for (int i = 0; i < r.nr_files; i++) {
		struct report_file *rf = &r.files[i];

		report_put(f, "\n");
		put_header(f, &r, rf, i);
		for (int k = 0; k < 2; k++) {
			if (!rf->nr[k])
				continue;
			put_table(f, &r, rf, k);
			put_trace(f, &r, rf, k);
		}
		put_integrity(f, rf);
	}
	put_caveats(f, &r);
	report_put(f, "\nfpbench %s report, bootstrap %u resamples, seed %llu",
		   FPBENCH_VERSION, r.bootstrap, (unsigned long long)r.seed);
	if (fflush(f) || ferror(f)) {
		perror("fpbench report: stdout");
		rc = FPB_EENV;
	}
out:
	report_free(&r);
	return rc;
}
