// SPDX-License-Identifier: GPL-2.0
/*
 * matrix.c: sizes of the default matrices, the VL/SVL rules on every row,
 * CLI list parsing, keys, and filtering into skips with reasons.
 */
#include "matrix.h"
#include "test.h"

#define BIT(x)	(1u << (x))

/* Rows one (host, guest) pair contributes: VL and SVL dimensions multiply. */
static size_t pair_rows(enum fp_kind h, enum fp_kind g, size_t nvl, size_t nsvl)
{
	size_t n = 1;

	if (h == FP_SVE || h == FP_VMM || g == FP_SVE)
		n *= nvl;
	if (h == FP_SSVE || h == FP_ZA || h == FP_ZT0)
		n *= nsvl;
	return n;
}

/* Expected size of a default matrix, counted independently of matrix.c. */
static size_t expected_rows(size_t nvl, unsigned int ctxsw_guests)
{
	size_t n = 0;

	for (int h = 0; h < FP_KIND_NR; h++)
		for (int g = FP_NONE; g <= FP_SVE; g++) {
			n += 2 * pair_rows(h, g, nvl, nvl);	/* kvm: mmio, hvc */
			if (ctxsw_guests & BIT(g))
				n += 2 * pair_rows(h, g, nvl, nvl);	/* futex, vcpu */
		}
	return n;
}

static void check_rules(const struct matrix *m)
{
	char key[MATRIX_KEY_LEN];
	size_t dups = 0;

	for (size_t i = 0; i < m->nr; i++) {
		const struct fpb_config *c = &m->rows[i];
		bool sve = c->host_fp == FP_SVE || c->host_fp == FP_VMM ||
			   c->guest_fp == FP_SVE;
		bool sme = c->host_fp == FP_SSVE || c->host_fp == FP_ZA ||
			   c->host_fp == FP_ZT0;
		struct fpb_config back;

		matrix_config_key(c, key, sizeof(key));
		TEST_ASSERT(sve == (c->vl_bits != 0), "%s: vl rule", key);
		TEST_ASSERT(sme == (c->svl_bits != 0), "%s: svl rule", key);
		TEST_ASSERT(c->guest_fp <= FP_SVE, "%s: SME guest", key);
		if (c->bench == BENCH_KVM)
			TEST_ASSERT(c->exit == EXIT_MMIO || c->exit == EXIT_HVC, "%s", key);
		else
			TEST_ASSERT(c->exit == EXIT_FUTEX || c->exit == EXIT_VCPU, "%s", key);
		TEST_ASSERT(!matrix_parse_key(key, &back) &&
			    matrix_config_same_key(&back, c), "key round trip %s", key);
		/* No duplicate configurations. */
		for (size_t j = 0; j < i; j++)
			dups += matrix_config_same_key(c, &m->rows[j]) &&
				c->fp_mode == m->rows[j].fp_mode;
	}
	TEST_ASSERT(dups == 0, "%zu duplicate rows", dups);
}

static void test_defaults(void)
{
	struct matrix_spec quick = matrix_default_spec(true);
	struct matrix_spec full = matrix_default_spec(false);
	struct matrix m;

	TEST_ASSERT(matrix_expand(&quick, &m) == FPB_OK, "quick");
	/* 146 kvm + 34 ctxsw, from the arithmetic in the header comment. */
	TEST_ASSERT(m.nr == expected_rows(3, BIT(FP_NONE)) && m.nr == 180,
		    "quick: %zu rows", m.nr);
	TEST_ASSERT(m.rows[0].fp_mode == FP_MODE_UNKNOWN, "fp_modes 0");
	check_rules(&m);
	matrix_free(&m);

	TEST_ASSERT(matrix_expand(&full, &m) == FPB_OK, "full");
	TEST_ASSERT(m.nr == expected_rows(5, BIT(FP_NONE) | BIT(FP_FPSIMD) | BIT(FP_SVE)),
		    "full: %zu rows", m.nr);
	TEST_ASSERT(full.nr_vls == 5 && full.vls[0] == 128 && full.vls[4] == 2048,
		    "full VLs");
	check_rules(&m);
	matrix_free(&m);
}

static void test_modes_and_parse(void)
{
	struct matrix_spec spec = matrix_default_spec(true);
	char err[256];
	struct matrix m;
	size_t vl512 = 0;

	/* The example from the CLI: kvm only, host none/fpsimd/sve, two VLs. */
	TEST_ASSERT(!matrix_spec_parse(&spec, "bench", "kvm", err, sizeof(err)), "%s", err);
	TEST_ASSERT(!matrix_spec_parse(&spec, "host-fp", "none,fpsimd,sve", err, sizeof(err)),
		    "%s", err);
	TEST_ASSERT(!matrix_spec_parse(&spec, "vl", "512,128,512", err, sizeof(err)), "%s", err);
	TEST_ASSERT(spec.nr_vls == 2 && spec.vls[0] == 128 && spec.vls[1] == 512,
		    "vls sorted, deduplicated: %zu", spec.nr_vls);
	TEST_ASSERT(!matrix_spec_parse(&spec, "exit", "mmio", err, sizeof(err)), "%s", err);
	TEST_ASSERT(!matrix_spec_parse(&spec, "fp-mode", "both", err, sizeof(err)), "%s", err);
	TEST_ASSERT(matrix_expand(&spec, &m) == FPB_OK, "expand");
	/* host none/fpsimd: 1 + 1 + 2 VLs each; host sve: 2 VLs x 3 guests; x 2 modes. */
	TEST_ASSERT(m.nr == (4 + 4 + 6) * 2, "rows %zu", m.nr);
	for (size_t i = 0; i + 1 < m.nr; i += 2) {
		TEST_ASSERT(m.rows[i].fp_mode == FP_MODE_EAGER &&
			    m.rows[i + 1].fp_mode == FP_MODE_LAZY &&
			    matrix_config_same_key(&m.rows[i], &m.rows[i + 1]),
			    "modes adjacent at %zu", i);
	}
	for (size_t i = 0; i < m.nr; i++)
		vl512 += m.rows[i].vl_bits == 512;
	TEST_ASSERT(vl512 == 10, "VL 512 rows %zu", vl512);
	check_rules(&m);
	matrix_free(&m);

	TEST_ASSERT(!matrix_spec_parse(&spec, "fp-mode", "lazy", err, sizeof(err)), "%s", err);
	TEST_ASSERT(spec.fp_modes == BIT(FP_MODE_LAZY), "fp_modes %#x", spec.fp_modes);
	TEST_ASSERT(!matrix_spec_parse(&spec, "guest-fp", "sve", err, sizeof(err)), "%s", err);
	TEST_ASSERT(spec.guest_fps == BIT(FP_SVE) && spec.ctxsw_guest_fps == BIT(FP_SVE),
		    "guest-fp");
	TEST_ASSERT(!matrix_spec_parse(&spec, "host-fp", "all", err, sizeof(err)), "%s", err);
	TEST_ASSERT(spec.host_fps == BIT(FP_KIND_NR) - 1, "all");

	/* Rejections name the bad element and are usage errors. */
	TEST_ASSERT(matrix_spec_parse(&spec, "host-fp", "none,avx", err, sizeof(err)) ==
		    FPB_EUSAGE, "avx");
	TEST_STR_CONTAINS(err, "'avx'");
	TEST_ASSERT(matrix_spec_parse(&spec, "guest-fp", "za", err, sizeof(err)) ==
		    FPB_EUSAGE, "za guest");
	TEST_STR_CONTAINS(err, "'za'");
	TEST_STR_CONTAINS(err, "(one of: none, fpsimd, sve, all)");
	TEST_ASSERT(!matrix_spec_parse(&spec, "guest-fp", "all", err, sizeof(err)) &&
		    spec.guest_fps == (BIT(FP_NONE) | BIT(FP_FPSIMD) | BIT(FP_SVE)) &&
		    spec.ctxsw_guest_fps == spec.guest_fps, "guest all: %s", err);
	matrix_spec_parse(&spec, "guest-fp", "sve", err, sizeof(err));
	TEST_ASSERT(matrix_spec_parse(&spec, "vl", "128,100", err, sizeof(err)) ==
		    FPB_EUSAGE, "vl 100");
	TEST_STR_CONTAINS(err, "'100'");
	TEST_ASSERT(matrix_spec_parse(&spec, "vl", "4096", err, sizeof(err)) == FPB_EUSAGE,
		    "vl 4096");
	TEST_ASSERT(matrix_spec_parse(&spec, "vl", "256x", err, sizeof(err)) == FPB_EUSAGE,
		    "vl 256x");
	TEST_ASSERT(matrix_spec_parse(&spec, "vl", "-128", err, sizeof(err)) == FPB_EUSAGE,
		    "vl -128");
	TEST_ASSERT(matrix_spec_parse(&spec, "svl", "", err, sizeof(err)) == FPB_EUSAGE,
		    "empty");
	TEST_ASSERT(matrix_spec_parse(&spec, "exit", "mmio,,hvc", err, sizeof(err)) ==
		    FPB_EUSAGE, "empty element");
	TEST_ASSERT(matrix_spec_parse(&spec, "exit", "mmio,", err, sizeof(err)) ==
		    FPB_EUSAGE, "trailing comma");
	TEST_ASSERT(matrix_spec_parse(&spec, "colour", "red", err, sizeof(err)) ==
		    FPB_EUSAGE, "dimension");
	TEST_ASSERT(spec.nr_vls == 2 && spec.vls[1] == 512, "failed parse changed the spec");

	/* Nothing selected: kvm with ctxsw-only exits. */
	spec = matrix_default_spec(true);
	matrix_spec_parse(&spec, "bench", "kvm", err, sizeof(err));
	matrix_spec_parse(&spec, "exit", "futex", err, sizeof(err));
	{
		struct test_capture cap;
		const char *msg;
		int rc;

		test_capture_begin(&cap, 2);
		rc = matrix_expand(&spec, &m);
		msg = test_capture_end(&cap);
		TEST_ASSERT(rc == FPB_EUSAGE && m.nr == 0 && !m.rows, "empty matrix");
		TEST_STR_CONTAINS(msg, "no configuration");
	}
}

static void test_filter(void)
{
	struct matrix_spec spec = matrix_default_spec(true);
	struct matrix_caps caps = {
		.sve_vls = { 128, 256 }, .nr_sve_vls = 2,	/* no 512, no SME */
	};
	struct matrix m;
	size_t total, sme = 0, vl512 = 0;
	int moved;

	TEST_ASSERT(matrix_expand(&spec, &m) == FPB_OK, "expand");
	total = m.nr;
	moved = matrix_filter_supported(&m, &caps);
	TEST_ASSERT(moved >= 0 && (size_t)moved == m.nr_skips, "moved %d", moved);
	TEST_ASSERT(m.nr + m.nr_skips == total, "rows lost: %zu + %zu != %zu",
		    m.nr, m.nr_skips, total);
	for (size_t i = 0; i < m.nr; i++)
		TEST_ASSERT(!fp_kind_uses_svl(m.rows[i].host_fp) &&
			    m.rows[i].vl_bits != 512, "unsupported row kept");
	for (size_t i = 0; i < m.nr_skips; i++) {
		const struct matrix_skip *s = &m.skips[i];

		TEST_ASSERT(!strchr(s->reason, ','), "comma in reason '%s'", s->reason);
		if (fp_kind_uses_svl(s->cfg.host_fp)) {
			sme++;
			if (s->cfg.vl_bits != 512)
				TEST_STR_CONTAINS(s->reason, "no SME");
		} else {
			vl512++;
			TEST_ASSERT(s->cfg.vl_bits == 512, "skip vl %u", s->cfg.vl_bits);
			TEST_STR_CONTAINS(s->reason, "SVE VL 512 not offered (offered 128/256)");
		}
	}
	/*
	 * kvm x2: host sve and vmm x3 guests, plus host none/fpsimd x guest
	 * sve; ctxsw x2: host sve and vmm.
	 */
	TEST_ASSERT(vl512 == 2 * (3 + 3 + 2) + 2 * 2, "vl512 skips %zu", vl512);
	TEST_ASSERT(sme == 2 * 45 + 2 * 9, "SME skips %zu", sme);

	/* SME machine without SME2 and with a narrower SVL set. */
	matrix_free(&m);
	matrix_expand(&spec, &m);
	caps = (struct matrix_caps){
		.sve_vls = { 128, 256, 512 }, .nr_sve_vls = 3,
		.sme_vls = { 128, 512 }, .nr_sme_vls = 2,
	};
	moved = matrix_filter_supported(&m, &caps);
	for (size_t i = 0; i < m.nr; i++)
		TEST_ASSERT(m.rows[i].host_fp != FP_ZT0 && m.rows[i].svl_bits != 256,
			    "kept zt0 or svl 256");
	for (size_t i = 0; i < m.nr_skips; i++)
		TEST_ASSERT(strstr(m.skips[i].reason, "SME VL 256 not offered (offered 128/512)") ||
			    strstr(m.skips[i].reason, "no SME2"), "reason '%s'",
			    m.skips[i].reason);
	/* zt0: 2x15 kvm + 2x3 ctxsw; svl 256 on ssve/za: 2 kinds x (2x5 + 2x1). */
	TEST_ASSERT(moved == 36 + 24, "moved %d", moved);
	matrix_free(&m);
}

/*
 * vmm is a host kind at the SVE VL, like sve: the same rows per VL, no SVL,
 * never a guest, and skipped with sve's reasons where SVE or the VL is
 * missing.
 */
static void test_vmm(void)
{
	struct matrix_spec spec = matrix_default_spec(false);
	struct matrix_caps no_sve = { 0 };
	struct matrix_caps vl128 = { .sve_vls = { 128 }, .nr_sve_vls = 1 };
	char err[256];
	struct matrix m, ms;
	size_t nvmm[5] = { 0 }, nsve[5] = { 0 };

	TEST_ASSERT(fp_kind_uses_vl(FP_VMM) && !fp_kind_uses_svl(FP_VMM), "vmm rules");
	TEST_ASSERT(fp_state_bytes(FP_VMM, 2048, 0) == fp_state_bytes(FP_SVE, 2048, 0),
		    "vmm saves what sve saves");
	TEST_ASSERT(matrix_spec_parse(&spec, "guest-fp", "vmm", err, sizeof(err)) ==
		    FPB_EUSAGE, "vmm guest accepted");
	TEST_STR_CONTAINS(err, "'vmm'");

	TEST_ASSERT(!matrix_spec_parse(&spec, "host-fp", "sve,vmm", err, sizeof(err)),
		    "%s", err);
	TEST_ASSERT(matrix_expand(&spec, &m) == FPB_OK, "expand");
	check_rules(&m);
	for (size_t i = 0; i < m.nr; i++) {
		const struct fpb_config *c = &m.rows[i];
		unsigned int v = 0;

		while (v < 5 && spec.vls[v] != c->vl_bits)
			v++;
		TEST_ASSERT(v < 5 && !c->svl_bits, "row vl %u svl %u", c->vl_bits,
			    c->svl_bits);
		if (v == 5)
			continue;
		if (c->host_fp == FP_VMM)
			nvmm[v]++;
		else
			nsve[v]++;
	}
	/* every VL: kvm 2 exits x 3 guests, ctxsw 2 exits x 3 partners */
	for (int v = 0; v < 5; v++)
		TEST_ASSERT(nvmm[v] == 12 && nvmm[v] == nsve[v],
			    "VL %u: vmm %zu sve %zu rows", spec.vls[v], nvmm[v], nsve[v]);

	/* No SVE: every row skips, vmm with sve's reason. */
	TEST_ASSERT(matrix_expand(&spec, &ms) == FPB_OK, "expand");
	TEST_ASSERT(matrix_filter_supported(&ms, &no_sve) == (int)m.nr && !ms.nr,
		    "no SVE: %zu rows kept", ms.nr);
	for (size_t i = 0; i < ms.nr_skips; i++)
		TEST_ASSERT(!strcmp(ms.skips[i].reason, "no SVE on this machine"),
			    "reason '%s'", ms.skips[i].reason);
	matrix_free(&ms);

	/* Only VL 128: vmm keeps exactly the rows sve keeps, same reasons. */
	TEST_ASSERT(matrix_expand(&spec, &ms) == FPB_OK, "expand");
	matrix_filter_supported(&ms, &vl128);
	TEST_ASSERT(ms.nr == 24, "VL 128 only: %zu rows kept", ms.nr);
	for (size_t i = 0; i < ms.nr; i++)
		TEST_ASSERT(ms.rows[i].vl_bits == 128, "kept vl %u", ms.rows[i].vl_bits);
	for (size_t i = 0; i < ms.nr_skips; i++)
		TEST_STR_CONTAINS(ms.skips[i].reason, "not offered (offered 128)");
	matrix_free(&ms);
	matrix_free(&m);
}

static void test_keys(void)
{
	struct fpb_config c = { BENCH_KVM, EXIT_MMIO, FP_SVE, FP_NONE, 256, 0, FP_MODE_LAZY };
	char key[MATRIX_KEY_LEN];
	struct fpb_config back;

	matrix_config_key(&c, key, sizeof(key));
	TEST_ASSERT(!strcmp(key, "kvm/mmio/host=sve/guest=none/vl=256"), "%s", key);
	c = (struct fpb_config){ BENCH_CTXSW, EXIT_VCPU, FP_ZA, FP_SVE, 512, 2048, 0 };
	matrix_config_key(&c, key, sizeof(key));
	TEST_ASSERT(!strcmp(key, "ctxsw/vcpu/host=za/guest=sve/vl=512/svl=2048"), "%s", key);
	TEST_ASSERT(matrix_config_key(&c, key, 8) == 44 && strlen(key) == 7,
		    "truncation: %s", key);
	TEST_ASSERT(!matrix_parse_key("kvm/hvc/guest=fpsimd/host=none", &back) &&
		    back.bench == BENCH_KVM && back.exit == EXIT_HVC &&
		    back.guest_fp == FP_FPSIMD && back.host_fp == FP_NONE &&
		    !back.vl_bits && !back.svl_bits, "parse");
	TEST_ASSERT(matrix_parse_key("kvm/hvc/host=none", &back), "no guest accepted");
	TEST_ASSERT(matrix_parse_key("kvm/hvc/host=none/guest=none/vl=x", &back), "vl=x");
	TEST_ASSERT(matrix_parse_key("kvm/bogus/host=none/guest=none", &back), "bogus exit");
	TEST_ASSERT(matrix_parse_key("kvm/hvc/host=none/guest=none/colour=red", &back),
		    "unknown field");
	TEST_ASSERT(fp_kind_uses_vl(FP_SVE) && !fp_kind_uses_vl(FP_SSVE) &&
		    fp_kind_uses_svl(FP_ZT0) && !fp_kind_uses_svl(FP_FPSIMD), "kind rules");
}

int main(void)
{
	test_defaults();
	test_modes_and_parse();
	test_filter();
	test_vmm();
	test_keys();
	return test_done("unit.lib.matrix");
}
