// SPDX-License-Identifier: GPL-2.0
/*
 * Expansion of the measurement matrix. The combination rules are tables:
 * which exits and FP kinds each bench measures (bench_descs[], bench.c)
 * and which VL each FP kind uses (fp_kind_rules[], fpbench.c); matrix_expand()
 * only walks them. Adding an FP kind is a row there; adding an exit, a
 * row's bit in bench.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "matrix.h"

/* Default VL lists (bits). */
static const unsigned int quick_vls[] = { 128, 256, 512 };
static const unsigned int full_vls[] = { 128, 256, 512, 1024, 2048 };

struct matrix_spec matrix_default_spec(bool quick)
{
	const unsigned int *vls = quick ? quick_vls : full_vls;
	size_t nr = quick ? ARRAY_SIZE(quick_vls) : ARRAY_SIZE(full_vls);
	struct matrix_spec spec = {
		.benches = FPB_BIT(BENCH_KVM) | FPB_BIT(BENCH_CTXSW),
		.exits = FPB_BIT(EXIT_MMIO) | FPB_BIT(EXIT_HVC) | FPB_BIT(EXIT_FUTEX) |
			 FPB_BIT(EXIT_VCPU),
		.host_fps = FP_ALL_KINDS,
		.guest_fps = FP_GUEST_KINDS,
		.ctxsw_guest_fps = quick ? FPB_BIT(FP_NONE) : FP_GUEST_KINDS,
		.fp_modes = 0,
	};

	memcpy(spec.vls, vls, nr * sizeof(*vls));
	memcpy(spec.svls, vls, nr * sizeof(*vls));
	spec.nr_vls = spec.nr_svls = nr;
	return spec;
}

/* ---- CLI lists ---- */

/* Copy of @list for strtok_r; NULL after a message when too long. */
static char *list_dup(const char *list, char *err, size_t errlen)
{
	char *s = strdup(list);

	if (!s)
		snprintf(err, errlen, "out of memory");
	return s;
}

/* Empty lists and empty elements ("a,,b", "a,") are mistakes, not "none". */
static bool list_has_empty(const char *list)
{
	size_t len = strlen(list);

	return !len || list[0] == ',' || list[len - 1] == ',' ||
	       strstr(list, ",,");
}

int matrix_parse_list(const char *list, const char *const *names, int nr,
		      unsigned int *mask, char *err, size_t errlen)
{
	char *s, *tok, *save = NULL, choices[256];
	unsigned int m = 0;

	fpb_names_join(choices, sizeof(choices), names, nr, ~0u, ", ");
	if (list_has_empty(list)) {
		snprintf(err, errlen, "empty element in '%s' (one of: %s, all)",
			 list, choices);
		return FPB_EUSAGE;
	}
	s = list_dup(list, err, errlen);
	if (!s)
		return FPB_EENV;
	for (tok = strtok_r(s, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int i;

		if (!strcmp(tok, "all")) {
			for (i = 0; i < nr; i++)
				if (names[i])
					m |= FPB_BIT(i);
			continue;
		}
		i = fpb_lookup(names, nr, tok);
		if (i < 0) {
			snprintf(err, errlen, "unknown value '%s' in '%s' (one of: %s, all)",
				 tok, list, choices);
			free(s);
			return FPB_EUSAGE;
		}
		m |= FPB_BIT(i);
	}
	free(s);
	*mask = m;
	return FPB_OK;
}

/* Architectural SVE/SME vector lengths: multiples of 128 bits up to 2048. */
#define VL_MIN_BITS	128
#define VL_MAX_BITS	2048

int matrix_parse_vls(const char *list, unsigned int *vls, size_t *nr,
		     char *err, size_t errlen)
{
	char *s, *tok, *save = NULL;
	unsigned int v[MATRIX_MAX_VLS];
	size_t n = 0;

	if (list_has_empty(list)) {
		snprintf(err, errlen, "empty element in vector length list '%s'",
			 list);
		return FPB_EUSAGE;
	}
	s = list_dup(list, err, errlen);
	if (!s)
		return FPB_EENV;
	for (tok = strtok_r(s, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		unsigned long bits;
		char *end;
		size_t i;

		errno = 0;
		bits = strtoul(tok, &end, 10);
		if (errno || end == tok || *end || tok[0] == '-' ||
		    bits < VL_MIN_BITS || bits > VL_MAX_BITS ||
		    bits % VL_MIN_BITS) {
			snprintf(err, errlen,
				 "bad vector length '%s' in '%s' (bits: a multiple of %d from %d to %d)",
				 tok, list, VL_MIN_BITS, VL_MIN_BITS, VL_MAX_BITS);
			free(s);
			return FPB_EUSAGE;
		}
		/* Insert sorted, drop duplicates; at most 16 distinct values fit. */
		for (i = 0; i < n && v[i] < bits; i++)
			;
		if (i < n && v[i] == bits)
			continue;
		memmove(&v[i + 1], &v[i], (n - i) * sizeof(v[0]));
		v[i] = bits;
		n++;
	}
	free(s);
	memcpy(vls, v, n * sizeof(v[0]));
	*nr = n;
	return FPB_OK;
}

int matrix_spec_parse(struct matrix_spec *spec, const char *dim,
		      const char *list, char *err, size_t errlen)
{
	static const char *const mode_names[] = { "eager", "lazy", "lazy_keep" };
	unsigned int mask;
	int ret;

	if (!strcmp(dim, "vl"))
		return matrix_parse_vls(list, spec->vls, &spec->nr_vls, err, errlen);
	if (!strcmp(dim, "svl"))
		return matrix_parse_vls(list, spec->svls, &spec->nr_svls, err, errlen);
	if (!strcmp(dim, "bench"))
		return matrix_parse_list(list, bench_names, BENCH_NR,
					 &spec->benches, err, errlen);
	if (!strcmp(dim, "exit"))
		return matrix_parse_list(list, exit_names, EXIT_NR,
					 &spec->exits, err, errlen);
	if (!strcmp(dim, "host-fp"))
		return matrix_parse_list(list, fp_kind_names, FP_KIND_NR,
					 &spec->host_fps, err, errlen);
	if (!strcmp(dim, "guest-fp")) {
		/* Only the kinds a guest can have, so "all" means those. */
		const char *guest_names[FP_KIND_NR] = { NULL };

		for (int k = 0; k < FP_KIND_NR; k++)
			if (FP_GUEST_KINDS & FPB_BIT(k))
				guest_names[k] = fp_kind_names[k];
		ret = matrix_parse_list(list, guest_names, FP_KIND_NR,
					&mask, err, errlen);
		if (ret)
			return ret;
		spec->guest_fps = spec->ctxsw_guest_fps = mask;
		return FPB_OK;
	}
	if (!strcmp(dim, "fp-mode")) {
		if (!strcmp(list, "both")) {
			spec->fp_modes = FPB_BIT(FP_MODE_EAGER) | FPB_BIT(FP_MODE_LAZY);
			return FPB_OK;
		}
		/* Indices of mode_names are shifted by one against enum fp_mode. */
		ret = matrix_parse_list(list, mode_names, ARRAY_SIZE(mode_names),
					&mask, err, errlen);
		if (ret)
			return ret;
		spec->fp_modes = mask << FP_MODE_EAGER;
		return FPB_OK;
	}
	snprintf(err, errlen, "unknown matrix dimension '%s'", dim);
	return FPB_EUSAGE;
}

/* ---- expansion ---- */

static int matrix_push(struct matrix *m, size_t *cap, const struct fpb_config *c)
{
	if (m->nr == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct fpb_config *n = realloc(m->rows, ncap * sizeof(*n));

		if (!n)
			return -1;
		m->rows = n;
		*cap = ncap;
	}
	m->rows[m->nr++] = *c;
	return 0;
}

int matrix_expand(const struct matrix_spec *spec, struct matrix *m)
{
	static const unsigned int no_vl[] = { 0 };
	size_t cap = 0;

	memset(m, 0, sizeof(*m));
	for (int b = 0; b < BENCH_NR; b++) {
		const struct bench_desc *br = &bench_descs[b];
		unsigned int guests = (b == BENCH_KVM ? spec->guest_fps :
				       spec->ctxsw_guest_fps) & br->guest_fps;

		if (!(spec->benches & FPB_BIT(b)))
			continue;
		for (int e = 0; e < EXIT_NR; e++) {
			if (!(spec->exits & br->exits & FPB_BIT(e)))
				continue;
			for (int h = 0; h < FP_KIND_NR; h++) {
				if (!(spec->host_fps & br->host_fps & FPB_BIT(h)))
					continue;
				for (int g = 0; g < FP_KIND_NR; g++) {
					bool want_vl = fp_kind_uses_vl(h) || fp_kind_uses_vl(g);
					bool want_svl = fp_kind_uses_svl(h) || fp_kind_uses_svl(g);
					const unsigned int *vls = want_vl ? spec->vls : no_vl;
					const unsigned int *svls = want_svl ? spec->svls : no_vl;
					size_t nvl = want_vl ? spec->nr_vls : 1;
					size_t nsvl = want_svl ? spec->nr_svls : 1;

					if (!(guests & FPB_BIT(g)))
						continue;
					if (!nvl || !nsvl) {
						fprintf(stderr, "fpbench: host=%s guest=%s needs at least one %s\n",
							fp_kind_names[h], fp_kind_names[g],
							!nvl ? "SVE vector length (--vl)" :
							       "SME vector length (--svl)");
						matrix_free(m);
						return FPB_EUSAGE;
					}
					for (size_t v = 0; v < nvl; v++) {
						for (size_t s = 0; s < nsvl; s++) {
							for (int md = 0; md < FP_MODE_NR; md++) {
								struct fpb_config c = {
									.bench = b, .exit = e,
									.host_fp = h, .guest_fp = g,
									.vl_bits = vls[v],
									.svl_bits = svls[s],
									.fp_mode = md,
								};

								/* fp_modes 0: one row, mode filled in at run time. */
								if (spec->fp_modes ?
								    !(spec->fp_modes & FPB_BIT(md)) :
								    md != FP_MODE_UNKNOWN)
									continue;
								if (matrix_push(m, &cap, &c)) {
									matrix_free(m);
									return FPB_EENV;
								}
							}
						}
					}
				}
			}
		}
	}
	if (!m->nr) {
		char ex[256] = "", names[64];
		size_t off = 0;

		for (int b = 0; b < BENCH_NR && off < sizeof(ex); b++)
			off += snprintf(ex + off, sizeof(ex) - off, "%s%s exits: %s",
					b ? "; " : "", bench_names[b],
					fpb_names_join(names, sizeof(names), exit_names,
						       EXIT_NR, bench_descs[b].exits, ", "));
		fprintf(stderr, "fpbench: the selected benches, exits and FP kinds give no configuration (%s)\n", ex);
		return FPB_EUSAGE;
	}
	return FPB_OK;
}

void matrix_free(struct matrix *m)
{
	free(m->rows);
	free(m->skips);
	memset(m, 0, sizeof(*m));
}

/* ---- what the machine offers ---- */

static bool vl_offered(const unsigned int *vls, size_t nr, unsigned int vl)
{
	for (size_t i = 0; i < nr; i++)
		if (vls[i] == vl)
			return true;
	return false;
}

/* "128/256/512": slashes, because reasons end up in CSV fields. */
static void vls_join(const unsigned int *vls, size_t nr, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = 0;
	for (size_t i = 0; i < nr && off < len; i++)
		off += snprintf(buf + off, len - off, "%s%u", i ? "/" : "", vls[i]);
}

/* Why vector length @bits of @ext (SVE, SME) cannot run here; false if it can. */
static bool vl_unsupported(const char *ext, const unsigned int *vls, size_t nr,
			   unsigned int bits, char *reason, size_t len)
{
	char list[96];

	if (!nr) {
		snprintf(reason, len, "no %s on this machine", ext);
		return true;
	}
	if (!vl_offered(vls, nr, bits)) {
		vls_join(vls, nr, list, sizeof(list));
		snprintf(reason, len, "%s VL %u not offered (offered %s)", ext, bits, list);
		return true;
	}
	return false;
}

/* Why @c cannot run here, into @reason; false when it can. */
static bool config_unsupported(const struct fpb_config *c,
			       const struct matrix_caps *caps,
			       char *reason, size_t len)
{
	if ((fp_kind_uses_vl(c->host_fp) || fp_kind_uses_vl(c->guest_fp)) &&
	    vl_unsupported("SVE", caps->sve_vls, caps->nr_sve_vls, c->vl_bits,
			   reason, len))
		return true;
	if ((fp_kind_uses_svl(c->host_fp) || fp_kind_uses_svl(c->guest_fp)) &&
	    vl_unsupported("SME", caps->sme_vls, caps->nr_sme_vls, c->svl_bits,
			   reason, len))
		return true;
	if ((fp_kind_needs_sme2(c->host_fp) ||
	     fp_kind_needs_sme2(c->guest_fp)) && !caps->sme2) {
		snprintf(reason, len, "no SME2 (ZT0) on this machine");
		return true;
	}
	return false;
}

int matrix_filter_supported(struct matrix *m, const struct matrix_caps *caps)
{
	struct matrix_skip *skips;
	size_t keep = 0, nsk = m->nr_skips;
	char reason[MATRIX_REASON_LEN];
	int moved = 0;

	/* Worst case every row moves: allocate once so failure changes nothing. */
	skips = realloc(m->skips, (m->nr_skips + m->nr + 1) * sizeof(*skips));
	if (!skips)
		return -1;
	m->skips = skips;
	for (size_t i = 0; i < m->nr; i++) {
		if (config_unsupported(&m->rows[i], caps, reason, sizeof(reason))) {
			skips[nsk].cfg = m->rows[i];
			snprintf(skips[nsk].reason, sizeof(skips[nsk].reason),
				 "%s", reason);
			nsk++;
			moved++;
		} else {
			m->rows[keep++] = m->rows[i];
		}
	}
	m->nr = keep;
	m->nr_skips = nsk;
	return moved;
}

/* ---- keys ---- */

static const char *name_or(const char *const *names, int nr, int i)
{
	return i >= 0 && i < nr && names[i] ? names[i] : "?";
}

int matrix_config_key(const struct fpb_config *cfg, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/%s/host=%s/guest=%s",
			 name_or(bench_names, BENCH_NR, cfg->bench),
			 name_or(exit_names, EXIT_NR, cfg->exit),
			 name_or(fp_kind_names, FP_KIND_NR, cfg->host_fp),
			 name_or(fp_kind_names, FP_KIND_NR, cfg->guest_fp));
	size_t off;

	if (n < 0)
		return n;
	off = (size_t)n < len ? (size_t)n : len;
	if (cfg->vl_bits) {
		n += snprintf(buf + off, len - off, "/vl=%u", cfg->vl_bits);
		off = (size_t)n < len ? (size_t)n : len;
	}
	if (cfg->svl_bits)
		n += snprintf(buf + off, len - off, "/svl=%u", cfg->svl_bits);
	return n;
}

static int parse_uint_field(const char *s, unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > 65536)
		return -1;
	*out = v;
	return 0;
}

int matrix_parse_key(const char *key, struct fpb_config *cfg)
{
	char buf[MATRIX_KEY_LEN * 2], *tok, *save = NULL;
	struct fpb_config c = { .fp_mode = FP_MODE_UNKNOWN };
	int part = 0, i;
	bool host = false, guest = false;

	if (strlen(key) >= sizeof(buf))
		return -1;
	strcpy(buf, key);
	for (tok = strtok_r(buf, "/", &save); tok;
	     tok = strtok_r(NULL, "/", &save), part++) {
		if (part == 0) {
			if ((i = fpb_lookup(bench_names, BENCH_NR, tok)) < 0)
				return -1;
			c.bench = i;
		} else if (part == 1) {
			if ((i = fpb_lookup(exit_names, EXIT_NR, tok)) < 0)
				return -1;
			c.exit = i;
		} else if (!strncmp(tok, "host=", 5)) {
			if ((i = fpb_lookup(fp_kind_names, FP_KIND_NR, tok + 5)) < 0)
				return -1;
			c.host_fp = i;
			host = true;
		} else if (!strncmp(tok, "guest=", 6)) {
			if ((i = fpb_lookup(fp_kind_names, FP_KIND_NR, tok + 6)) < 0)
				return -1;
			c.guest_fp = i;
			guest = true;
		} else if (!strncmp(tok, "vl=", 3)) {
			if (parse_uint_field(tok + 3, &c.vl_bits))
				return -1;
		} else if (!strncmp(tok, "svl=", 4)) {
			if (parse_uint_field(tok + 4, &c.svl_bits))
				return -1;
		} else {
			return -1;
		}
	}
	if (part < 2 || !host || !guest)
		return -1;
	*cfg = c;
	return 0;
}

bool matrix_config_same_key(const struct fpb_config *a,
			    const struct fpb_config *b)
{
	return a->bench == b->bench && a->exit == b->exit &&
	       a->host_fp == b->host_fp && a->guest_fp == b->guest_fp &&
	       a->vl_bits == b->vl_bits && a->svl_bits == b->svl_bits;
}
