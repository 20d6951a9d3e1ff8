// SPDX-License-Identifier: GPL-2.0
/*
 * The core table and the cycle floor of cores.h. Every number names its
 * public source; where the source was not read line by line here, the
 * comment says so. Load and store widths are the widest register one
 * access moves (Q = 16 bytes, an SVE Z register at the core's VL), taken
 * at one such access per pipeline per cycle: the optimistic reading, so
 * the floor stays a lower bound even where the guide's per-instruction
 * throughput is lower (e.g. an STP of two Q registers).
 *
 * MIDR parts: arch/arm64/include/asm/cputype.h in Linux (the names of
 * sysinfo.c use the same values).
 */
#include <math.h>
#include <stdio.h>
#include <strings.h>

#include "cores.h"
#include "fpbench.h"

const struct core_model core_models[] = {
	{
		.name = "Neoverse N1", .short_name = "N1",
		.implementer = 0x41, .part = 0xd0c,	/* ARM_CPU_PART_NEOVERSE_N1 */
		/*
		 * Arm Neoverse N1 Software Optimization Guide, section 2.1
		 * (pipeline overview): decode up to 4 instructions per cycle
		 * (dispatch up to 8 micro-ops; LLVM's
		 * AArch64SchedNeoverseN1.td uses 8 as "maximum micro-ops
		 * dispatch rate"). No macro-op cache: 4 is the instruction
		 * limit.
		 */
		.width = 4,
		/*
		 * Two load/store pipelines (SWOG 2.1; LLVM N1UnitL
		 * ProcResource<2>, N1UnitD ProcResource<2> store data).
		 * 16-byte (Q) accesses. That both pipes can store 16 bytes
		 * in one cycle is NOT confirmed here: taken as the
		 * optimistic value (lower floor).
		 */
		.loads = 2, .load_bytes = 16,
		.stores = 2, .store_bytes = 16,
	},
	{
		.name = "Neoverse V1", .short_name = "V1",
		.implementer = 0x41, .part = 0xd40,	/* ARM_CPU_PART_NEOVERSE_V1 */
		/*
		 * Arm Neoverse V1 Software Optimization Guide, section 2.1:
		 * decode 5 instructions per cycle, up to 8 macro-ops per
		 * cycle from the macro-op cache (LLVM
		 * AArch64SchedNeoverseV1.td: IssueWidth 8 "from the decode
		 * bandwidth"). Taken: 8, the higher of the two.
		 */
		.width = 8,
		/*
		 * Load/store pipelines L0, L1 and load-only L2 (SWOG 2.1;
		 * LLVM V1UnitL01 ProcResource<2>, V1UnitL2 ProcResource<1>,
		 * V1UnitD ProcResource<2>): at most 3 loads and 2 stores
		 * per cycle. Width 32 bytes: SVE at 256 bits. Three 32-byte
		 * loads per cycle is NOT confirmed here (the guide may allow
		 * fewer SVE loads per cycle): optimistic value.
		 */
		.loads = 3, .load_bytes = 32,
		.stores = 2, .store_bytes = 32,
	},
	{
		.name = "Neoverse V2", .short_name = "V2",
		.implementer = 0x41, .part = 0xd4f,	/* ARM_CPU_PART_NEOVERSE_V2 */
		/*
		 * Arm Neoverse V2 Software Optimization Guide
		 * (PJDOC-466751330-593177), section 2.1: decode 6
		 * instructions per cycle (LLVM AArch64SchedNeoverseV2.td:
		 * IssueWidth 6 "from the decode bandwidth"); the macro-op
		 * cache delivers up to 8 per cycle (Hot Chips 2023 talk, as
		 * reported by Chips and Cheese; not checked in the guide
		 * here). Taken: 8, the higher.
		 */
		.width = 8,
		/*
		 * L0, L1 load/store and L2 load-only (LLVM V2UnitL01
		 * ProcResource<2>, V2UnitL2 ProcResource<1>, V2UnitD
		 * ProcResource<2>): 3 loads, 2 stores per cycle, 16 bytes
		 * each (SVE2 at 128 bits).
		 */
		.loads = 3, .load_bytes = 16,
		.stores = 2, .store_bytes = 16,
	},
	{
		.name = "Fujitsu A64FX", .short_name = "A64FX",
		.implementer = 0x46, .part = 0x001,	/* FUJITSU_CPU_PART_A64FX */
		/*
		 * Fujitsu A64FX Microarchitecture Manual (1.3, 2020),
		 * chapter on the pipeline: decode and commit of up to 4
		 * instructions per cycle. Only the manual's title page was
		 * found by the search here; the value is the manual's as
		 * commonly quoted, not re-read.
		 */
		.width = 4,
		/*
		 * Same manual, L1 data cache: two 64-byte loads and one
		 * 64-byte store per cycle (512-bit SVE). Not re-read here
		 * either; 128 B/cycle load and 64 B/cycle store are the
		 * figures of Fujitsu's Hot Chips 30 (2018) presentation.
		 */
		.loads = 2, .load_bytes = 64,
		.stores = 1, .store_bytes = 64,
	},
	{
		.name = "Cortex-A76", .short_name = "A76",
		.implementer = 0x41, .part = 0xd0b,	/* ARM_CPU_PART_CORTEX_A76 */
		/*
		 * Arm Cortex-A76 Software Optimization Guide (PJDOC-
		 * 466751330-7215, version 8.0), section 2.1: decode up to 4
		 * instructions per cycle. The N1 is derived from the A76
		 * and shares its pipeline layout.
		 */
		.width = 4,
		/*
		 * Two load/store pipelines (SWOG 2.1), 16-byte (Q)
		 * accesses; two 16-byte stores per cycle NOT confirmed
		 * here: optimistic value, as for the N1.
		 */
		.loads = 2, .load_bytes = 16,
		.stores = 2, .store_bytes = 16,
	},
};

const size_t core_models_nr = ARRAY_SIZE(core_models);

const char *const floor_term_names[FLOOR_NR] = {
	[FLOOR_NONE] = "none",
	[FLOOR_INSTRUCTIONS] = "instructions",
	[FLOOR_LOADS] = "load bytes",
	[FLOOR_STORES] = "store bytes",
};

const struct core_model *core_by_midr(unsigned int implementer,
				      unsigned int part)
{
	for (size_t i = 0; i < core_models_nr; i++)
		if (core_models[i].implementer == implementer &&
		    core_models[i].part == part)
			return &core_models[i];
	return NULL;
}

const struct core_model *core_by_name(const char *name)
{
	for (size_t i = 0; name && i < core_models_nr; i++)
		if (!strcasecmp(core_models[i].name, name) ||
		    !strcasecmp(core_models[i].short_name, name))
			return &core_models[i];
	return NULL;
}

double core_load_bpc(const struct core_model *core)
{
	return core->loads * core->load_bytes;
}

double core_store_bpc(const struct core_model *core)
{
	return core->stores * core->store_bytes;
}

/* Work done less often is not negative work (cores.h). */
static double positive(double v)
{
	return v > 0 ? v : isnan(v) ? v : 0;
}

double analysis_floor(const struct core_model *core, double d_instructions,
		      double d_load_bytes, double d_store_bytes,
		      struct core_floor *out)
{
	out->instructions = positive(d_instructions) / core->width;
	out->loads = positive(d_load_bytes) / core_load_bpc(core);
	out->stores = positive(d_store_bytes) / core_store_bpc(core);
	if (isnan(out->instructions) || isnan(out->loads) || isnan(out->stores)) {
		out->cycles = NAN;
		out->binds = FLOOR_NONE;
		return out->cycles;
	}
	out->cycles = out->instructions;
	out->binds = out->cycles > 0 ? FLOOR_INSTRUCTIONS : FLOOR_NONE;
	if (out->loads > out->cycles) {
		out->cycles = out->loads;
		out->binds = FLOOR_LOADS;
	}
	if (out->stores > out->cycles) {
		out->cycles = out->stores;
		out->binds = FLOOR_STORES;
	}
	return out->cycles;
}

double analysis_floor_cycles(const struct core_model *core,
			     double d_instructions, double d_load_bytes,
			     double d_store_bytes)
{
	struct core_floor f;

	return analysis_floor(core, d_instructions, d_load_bytes,
			      d_store_bytes, &f);
}

int analysis_floor_explain(const struct core_model *core,
			   double d_instructions, double d_load_bytes,
			   double d_store_bytes, char *buf, size_t len)
{
	struct core_floor f;

	analysis_floor(core, d_instructions, d_load_bytes, d_store_bytes, &f);
	if (isnan(f.cycles))
		return snprintf(buf, len, "%s: no floor (a delta was not measured)",
				core->name);
	switch (f.binds) {
	case FLOOR_INSTRUCTIONS:
		return snprintf(buf, len, "%s >= %.1f cycles (instructions: %.0f / %g per cycle)",
				core->name, f.cycles, positive(d_instructions),
				core->width);
	case FLOOR_LOADS:
		return snprintf(buf, len, "%s >= %.1f cycles (loads: %.0f B / %g B per cycle)",
				core->name, f.cycles, positive(d_load_bytes),
				core_load_bpc(core));
	case FLOOR_STORES:
		return snprintf(buf, len, "%s >= %.1f cycles (stores: %.0f B / %g B per cycle)",
				core->name, f.cycles, positive(d_store_bytes),
				core_store_bpc(core));
	default:
		return snprintf(buf, len, "%s: 0 cycles (no extra instructions or bytes)",
				core->name);
	}
}
