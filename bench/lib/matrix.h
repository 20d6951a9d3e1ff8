/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The measurement matrix as data. A spec names the values wanted on each
 * dimension; matrix_expand() is the one place that turns it into rows of
 * struct fpb_config, applying the combination rules kept as tables in
 * matrix.c (which exits belong to which bench, which FP kinds use the SVE
 * VL or the SME SVL, which kinds a guest can have).
 */
#ifndef FPBENCH_MATRIX_H
#define FPBENCH_MATRIX_H

#include <stdbool.h>
#include <stddef.h>

#include "fpbench.h"

/* Enough for 128..2048 in powers of two, or every multiple of 128. */
#define MATRIX_MAX_VLS		16
/* Longest matrix_config_key() output, with the NUL. */
#define MATRIX_KEY_LEN		96
/* Longest skip reason, with the NUL. */
#define MATRIX_REASON_LEN	128

/*
 * Each mask has bit (1u << enum value) set for the values wanted. VL lists
 * are in bits. fp_modes == 0 means "whatever the kernel runs": rows get
 * FP_MODE_UNKNOWN and the runner fills in the mode it reads.
 */
struct matrix_spec {
	unsigned int benches;		/* 1u << enum bench_kind */
	unsigned int exits;		/* 1u << enum exit_kind; invalid ones per bench ignored */
	unsigned int host_fps;		/* 1u << enum fp_kind */
	unsigned int guest_fps;		/* kvm: FP use of the guest */
	unsigned int ctxsw_guest_fps;	/* ctxsw: FP use of the partner thread */
	unsigned int vls[MATRIX_MAX_VLS];	/* SVE VLs (host and guest SVE) */
	size_t nr_vls;
	unsigned int svls[MATRIX_MAX_VLS];	/* SME streaming VLs */
	size_t nr_svls;
	unsigned int fp_modes;		/* 1u << enum fp_mode, or 0 */
};

/* A configuration left out, and why (no commas: it goes to CSV). */
struct matrix_skip {
	struct fpb_config cfg;
	char reason[MATRIX_REASON_LEN];
};

/* Expanded matrix: rows to measure, and rows recorded as skipped. */
struct matrix {
	struct fpb_config *rows;
	size_t nr;
	struct matrix_skip *skips;
	size_t nr_skips;
};

/*
 * Default spec. quick: kvm x {mmio,hvc} x host
 * {none,fpsimd,sve,ssve,za,zt0,vmm} x guest {none,fpsimd,sve} x VL/SVL
 * {128,256,512}, and ctxsw x {futex,vcpu} x every host kind with a partner
 * that uses no FP. Full: VL/SVL 128..2048 in powers of two, ctxsw partner
 * kinds {none,fpsimd,sve}.
 * SME kinds are in both: matrix_filter_supported() turns them into skips on
 * machines without SME. fp_modes is 0 (the kernel's current mode).
 */
struct matrix_spec matrix_default_spec(bool quick);

/*
 * Parse a comma-separated CLI list into the spec dimension @dim, one of
 * "bench", "exit", "host-fp", "guest-fp" (sets guest_fps and
 * ctxsw_guest_fps), "vl", "svl", "fp-mode" ("both" = eager,lazy; "all"
 * = eager,lazy,lazy_keep). "all" is accepted for name lists. Returns FPB_OK, or FPB_EUSAGE with a message in
 * @err naming the bad element.
 */
int matrix_spec_parse(struct matrix_spec *spec, const char *dim,
		      const char *list, char *err, size_t errlen);

/*
 * Lower-level list parsers used by matrix_spec_parse(). Names: @names has
 * @nr entries (NULL entries ignored), result in *mask. VLs: multiples of 128
 * in [128, 2048], duplicates dropped, kept ascending.
 */
int matrix_parse_list(const char *list, const char *const *names, int nr,
		      unsigned int *mask, char *err, size_t errlen);
int matrix_parse_vls(const char *list, unsigned int *vls, size_t *nr,
		     char *err, size_t errlen);

/*
 * Expand @spec into @m (zeroed first; free with matrix_free()). Order:
 * bench, exit, host_fp, guest_fp, vl, svl, fp_mode (innermost), so both
 * modes of one key are adjacent. Returns FPB_OK, FPB_EUSAGE if nothing
 * results (message on stderr naming the empty dimension) or FPB_EENV on
 * out of memory.
 */
int matrix_expand(const struct matrix_spec *spec, struct matrix *m);

/* What the machine offers, for matrix_filter_supported(). */
struct matrix_caps {
	unsigned int sve_vls[MATRIX_MAX_VLS];	/* none: no SVE */
	size_t nr_sve_vls;
	unsigned int sme_vls[MATRIX_MAX_VLS];	/* none: no SME */
	size_t nr_sme_vls;
	bool sme2;				/* ZT0 exists */
};

/*
 * Move every row the machine cannot run (VL or SVL not offered, no SVE, no
 * SME, no SME2 for zt0) from m->rows to m->skips with a reason. Returns the
 * number moved, or -1 on out of memory (matrix unchanged).
 */
int matrix_filter_supported(struct matrix *m, const struct matrix_caps *caps);

void matrix_free(struct matrix *m);

/*
 * "kvm/mmio/host=sve/guest=none/vl=256[/svl=512]": the key without fp_mode
 * (vl= and svl= only when non-zero). Returns snprintf()'s value.
 */
int matrix_config_key(const struct fpb_config *cfg, char *buf, size_t len);

/* Inverse of matrix_config_key(); fp_mode set to FP_MODE_UNKNOWN. 0 or -1. */
int matrix_parse_key(const char *key, struct fpb_config *cfg);

/* Same key (fp_mode ignored)? */
bool matrix_config_same_key(const struct fpb_config *a,
			    const struct fpb_config *b);


#endif
