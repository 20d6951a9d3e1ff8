// SPDX-License-Identifier: GPL-2.0
/*
 * cores.c: the table is sane (every number positive, names unique, each
 * MIDR found again) and the floor is the largest of its three terms, on
 * made-up numbers where each term wins once.
 */
#include <strings.h>

#include "cores.h"
#include "test.h"

static void test_table(void)
{
	TEST_ASSERT(core_models_nr >= 5, "%zu cores", core_models_nr);
	for (size_t i = 0; i < core_models_nr; i++) {
		const struct core_model *c = &core_models[i];

		TEST_ASSERT(c->name && *c->name, "core %zu has no name", i);
		TEST_ASSERT(c->short_name && strlen(c->short_name) <= 6,
			    "%s: short name", c->name);
		TEST_ASSERT(c->implementer > 0 && c->part > 0, "%s: MIDR", c->name);
		TEST_ASSERT(c->width > 0 && c->loads > 0 && c->load_bytes > 0 &&
			    c->stores > 0 && c->store_bytes > 0,
			    "%s: a throughput is not positive", c->name);
		TEST_ASSERT(core_by_midr(c->implementer, c->part) == c,
			    "%s: MIDR %#x/%#x not unique", c->name,
			    c->implementer, c->part);
		TEST_ASSERT(core_by_name(c->name) == c, "%s by name", c->name);
		TEST_ASSERT(core_by_name(c->short_name) == c, "%s by short name",
			    c->short_name);
		for (size_t j = i + 1; j < core_models_nr; j++) {
			TEST_ASSERT(strcasecmp(c->name, core_models[j].name),
				    "duplicate name %s", c->name);
			TEST_ASSERT(strcasecmp(c->short_name, core_models[j].short_name),
				    "duplicate short name %s", c->short_name);
		}
	}
	/* The five the report promises, by the names sysinfo.c prints. */
	TEST_ASSERT(core_by_name("Neoverse N1"), "N1");
	TEST_ASSERT(core_by_name("Neoverse V1"), "V1");
	TEST_ASSERT(core_by_name("Neoverse V2"), "V2");
	TEST_ASSERT(core_by_name("Fujitsu A64FX"), "A64FX");
	TEST_ASSERT(core_by_name("Cortex-A76"), "A76");
	TEST_ASSERT(core_by_midr(0x41, 0xd0c) == core_by_name("N1"), "N1 MIDR");
	TEST_ASSERT(core_by_midr(0x46, 0x001) == core_by_name("A64FX"), "A64FX MIDR");
	TEST_ASSERT(!core_by_midr(0, 0x051), "QEMU -cpu max is no core");
	TEST_ASSERT(!core_by_name("Pentium"), "unknown name");
	TEST_ASSERT(!core_by_name(NULL), "NULL name");
}

/* A core with round numbers: 4 per cycle, 2 x 16 B loads, 1 x 8 B store. */
static const struct core_model toy = {
	.name = "toy", .short_name = "toy", .implementer = 1, .part = 1,
	.width = 4, .loads = 2, .load_bytes = 16, .stores = 1, .store_bytes = 8,
};

static void test_floor(void)
{
	struct core_floor f;
	char buf[128];

	TEST_SAME_DOUBLE(core_load_bpc(&toy), 32.0);
	TEST_SAME_DOUBLE(core_store_bpc(&toy), 8.0);

	/* 400 / 4 = 100 beats 320 / 32 = 10 and 80 / 8 = 10. */
	TEST_SAME_DOUBLE(analysis_floor(&toy, 400, 320, 80, &f), 100.0);
	TEST_ASSERT(f.binds == FLOOR_INSTRUCTIONS, "binds %d", f.binds);
	TEST_SAME_DOUBLE(f.instructions, 100.0);
	TEST_SAME_DOUBLE(f.loads, 10.0);
	TEST_SAME_DOUBLE(f.stores, 10.0);
	analysis_floor_explain(&toy, 400, 320, 80, buf, sizeof(buf));
	TEST_STR_CONTAINS(buf, "(instructions: 400 / 4 per cycle)");
	TEST_STR_CONTAINS(buf, "100.0");

	/* 6400 / 32 = 200 beats 100 / 4 = 25. */
	TEST_SAME_DOUBLE(analysis_floor(&toy, 100, 6400, 8, &f), 200.0);
	TEST_ASSERT(f.binds == FLOOR_LOADS, "binds %d", f.binds);
	analysis_floor_explain(&toy, 100, 6400, 8, buf, sizeof(buf));
	TEST_STR_CONTAINS(buf, "(loads: 6400 B / 32 B per cycle)");

	/* 2048 / 8 = 256 beats 512 / 32 = 16 and 40 / 4 = 10. */
	TEST_SAME_DOUBLE(analysis_floor_cycles(&toy, 40, 512, 2048), 256.0);
	analysis_floor(&toy, 40, 512, 2048, &f);
	TEST_ASSERT(f.binds == FLOOR_STORES, "binds %d", f.binds);
	analysis_floor_explain(&toy, 40, 512, 2048, buf, sizeof(buf));
	TEST_STR_CONTAINS(buf, "(stores: 2048 B / 8 B per cycle)");

	/* Negative components count as 0; a tie goes to the earlier term. */
	TEST_SAME_DOUBLE(analysis_floor(&toy, -400, 320, -80, &f), 10.0);
	TEST_ASSERT(f.binds == FLOOR_LOADS, "negative: binds %d", f.binds);
	TEST_SAME_DOUBLE(f.instructions, 0.0);
	TEST_SAME_DOUBLE(f.stores, 0.0);
	TEST_SAME_DOUBLE(analysis_floor(&toy, 40, 320, 80, &f), 10.0);
	TEST_ASSERT(f.binds == FLOOR_INSTRUCTIONS, "tie: binds %d", f.binds);

	/* Nothing extra: 0 cycles, nothing binds. */
	TEST_SAME_DOUBLE(analysis_floor(&toy, 0, -5, 0, &f), 0.0);
	TEST_ASSERT(f.binds == FLOOR_NONE, "zero: binds %d", f.binds);
	analysis_floor_explain(&toy, 0, 0, 0, buf, sizeof(buf));
	TEST_STR_CONTAINS(buf, "0 cycles");

	/* Not measured: no floor. */
	TEST_ASSERT(isnan(analysis_floor_cycles(&toy, NAN, 1, 1)), "NaN in");
	analysis_floor_explain(&toy, 1, NAN, 1, buf, sizeof(buf));
	TEST_STR_CONTAINS(buf, "no floor");

	/* The explanation fits a mail line for every real core. */
	for (size_t i = 0; i < core_models_nr; i++) {
		int n = analysis_floor_explain(&core_models[i], 999999, 999999,
					       999999, buf, sizeof(buf));

		TEST_ASSERT(n > 0 && n <= 70, "%s: %d columns", buf, n);
	}
}

int main(void)
{
	test_table();
	test_floor();
	return test_done("unit.lib.cores");
}
