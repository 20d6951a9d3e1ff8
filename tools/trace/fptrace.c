// SPDX-License-Identifier: GPL-2.0
/*
 * fptrace: a QEMU TCG plugin (API version 1, QEMU 7.2) that counts exactly
 * what the emulated arm64 KVM host executes inside the windows fpbench
 * marks, by the protocol of bench/lib/trace_protocol.h: instructions by
 * class of their address (host user, host kernel/hyp, KVM guest), bytes and
 * accesses of host loads and stores, and the host's exception returns,
 * barriers, system register writes and SVE/SME instructions.
 *
 *   qemu-system-aarch64 ... -icount shift=0 \
 *	-plugin tools/trace/libfptrace.so,out=r.trace.tsv[,pages=r.pages.tsv]
 *
 * Markers are decoded from the instruction bytes when a block is
 * translated; everything else is decided when an instruction executes,
 * because a block may be translated before the RANGE message that
 * classifies its addresses arrives, and ranges change nothing already
 * translated. Every callback first checks whether its vCPU has a window
 * open: outside windows an instruction costs one helper call and one load.
 * tools/trace/README.md says what QEMU reports as a memory access.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

#include "trace_protocol.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

/*
 * The Debian version of the QEMU whose header this was built with, for
 * tools/qemu-rig to compare with the QEMU it runs (it greps the string).
 */
#ifndef FPTRACE_QEMU_VERSION
#define FPTRACE_QEMU_VERSION "unknown"
#endif
__attribute__((used)) static const char fptrace_built_for[] =
	"fptrace-qemu-version=" FPTRACE_QEMU_VERSION;

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define MSG_MAX_WORDS	8	/* the longest message (RANGE) has 4 */
#define RANGES_MAX	256	/* ranges are scanned on every counted insn */
#define ERRORS_SHOWN	20	/* protocol errors printed one by one */
#define PAGE_SHIFT	12	/* pages=: 4 KiB code pages */
#define PAGES_FORMAT_VERSION	1	/* of the pages= file (tools/trace/README.md) */

/* The columns of one set, in the order of TRACE_SET_COLUMNS. */
enum col {
	COL_USER, COL_KERNEL, COL_GUEST,
	COL_KLOAD_BYTES, COL_KSTORE_BYTES, COL_KLOADS, COL_KSTORES,
	COL_ULOAD_BYTES, COL_USTORE_BYTES,
	COL_ERET, COL_ISB, COL_BARRIER, COL_MSR, COL_SVE, COL_SME,
	NCOLS
};
static const char *const col_names[] = { TRACE_SET_COLUMNS };
_Static_assert(ARRAY_SIZE(col_names) == NCOLS,
	       "enum col does not match TRACE_SET_COLUMNS");

#define NCLASSES	3
static const enum col class_col[NCLASSES] = {
	[TRACE_CLASS_KERNEL] = COL_KERNEL,
	[TRACE_CLASS_USER] = COL_USER,
	[TRACE_CLASS_GUEST] = COL_GUEST,
};
static const char *const class_names[NCLASSES] = {
	[TRACE_CLASS_KERNEL] = "kernel",
	[TRACE_CLASS_USER] = "user",
	[TRACE_CLASS_GUEST] = "guest",
};

/* Instruction kinds with a column of their own (host instructions only). */
enum kind {
	KIND_PLAIN, KIND_ERET, KIND_ISB, KIND_BARRIER, KIND_MSR, KIND_SVE,
	KIND_SME,
	NKINDS
};

/* --- A small hash map: two 64-bit keys to an index ------------------------ */

struct map_slot {
	uint64_t k1, k2;
	size_t val;		/* index + 1; 0: empty slot */
};

struct map {
	struct map_slot *slot;
	size_t cap, n;		/* cap: a power of two */
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p) {
		fprintf(stderr, "fptrace: out of memory\n");
		abort();
	}
	return p;
}

static void *xrealloc_array(void *p, size_t n, size_t size)
{
	p = realloc(p, n * size);
	if (!p) {
		fprintf(stderr, "fptrace: out of memory\n");
		abort();
	}
	return p;
}

/*
 * @p, an array of @n elements of @size bytes and room for @cap, with room
 * for one more: doubled when full, @first elements the first time.
 */
static void *xgrow(void *p, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return p;
	*cap = *cap ? 2 * *cap : first;
	return xrealloc_array(p, *cap, size);
}

/*
 * Per-iteration counts, NCOLS per sample, for the median iteration: the
 * timed sections of a window, and its iterations (RUN_BEGIN to the next
 * RUN_BEGIN; the last one to WIN_CLOSE: run, verify and the next fill).
 */
struct samples {
	uint64_t *v;
	size_t n, cap;
};

static void samples_push(struct samples *s, const uint64_t *row)
{
	s->v = xgrow(s->v, s->n, &s->cap, NCOLS * sizeof(*s->v), 256);
	memcpy(&s->v[s->n++ * NCOLS], row, NCOLS * sizeof(*row));
}

static void samples_append(struct samples *to, const struct samples *from)
{
	for (size_t i = 0; i < from->n; i++)
		samples_push(to, &from->v[i * NCOLS]);
}

/*
 * Order of samples for the median: host instructions (user + kernel), as
 * the PMU's instructions event counts them, then every column in turn, so
 * that the choice among iterations of equal host count is deterministic.
 */
static int sample_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	uint64_t hx = x[COL_USER] + x[COL_KERNEL], hy = y[COL_USER] + y[COL_KERNEL];

	if (hx != hy)
		return hx < hy ? -1 : 1;
	for (int c = 0; c < NCOLS; c++)
		if (x[c] != y[c])
			return x[c] < y[c] ? -1 : 1;
	return 0;
}

/*
 * The median iteration of @s, as fpbench's stats take a median (ranks
 * (n-1)/2 and n/2, averaged): the sample in the middle when ordered by
 * sample_cmp(), or the mean of the two middle ones for an even count. Its
 * columns are one real iteration's (or the mean of two), so they add up
 * as counts of one iteration do, and an interrupt that lands in a few
 * iterations does not move them. Sorts @s in place; @lo and @hi point to
 * the two middle samples (the same one for an odd count). False when
 * there are no samples.
 */
static bool samples_median(struct samples *s, const uint64_t **lo,
			   const uint64_t **hi)
{
	if (!s->n)
		return false;
	qsort(s->v, s->n, NCOLS * sizeof(*s->v), sample_cmp);
	*lo = &s->v[(s->n - 1) / 2 * NCOLS];
	*hi = &s->v[s->n / 2 * NCOLS];
	return true;
}

static size_t map_hash(uint64_t k1, uint64_t k2)
{
	uint64_t h = k1 * 0x9e3779b97f4a7c15ull ^ k2;

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 29;
	return (size_t)h;
}

static struct map_slot *map_find_slot(struct map_slot *slot, size_t cap,
				      uint64_t k1, uint64_t k2)
{
	size_t i = map_hash(k1, k2) & (cap - 1);

	while (slot[i].val && (slot[i].k1 != k1 || slot[i].k2 != k2))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

/* Index stored for (k1, k2), or SIZE_MAX after storing @next there. */
static size_t map_get_or_put(struct map *m, uint64_t k1, uint64_t k2,
			     size_t next)
{
	struct map_slot *s;

	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64, i;
		struct map_slot *slot = xcalloc(cap, sizeof(*slot));

		for (i = 0; i < m->cap; i++)
			if (m->slot[i].val)
				*map_find_slot(slot, cap, m->slot[i].k1,
					       m->slot[i].k2) = m->slot[i];
		free(m->slot);
		m->slot = slot;
		m->cap = cap;
	}
	s = map_find_slot(m->slot, m->cap, k1, k2);
	if (s->val)
		return s->val - 1;
	s->k1 = k1;
	s->k2 = k2;
	s->val = next + 1;
	m->n++;
	return SIZE_MAX;
}

static void map_clear(struct map *m)
{
	if (m->n)
		memset(m->slot, 0, m->cap * sizeof(*m->slot));
	m->n = 0;
}

/* --- State ---------------------------------------------------------------- */

/* pages=: instructions of one (code page, class) in the open window. */
struct page_count {
	uint64_t key;		/* page << 2 | class */
	uint64_t iter, run;
	uint64_t sec;		/* in the open timed section */
};

struct vcpu {
	/*
	 * Where counts go: NULL outside windows (checked first by every
	 * callback), sec inside a timed section, win otherwise. A section's
	 * counts join win (and win_run) only when it ends, so an unterminated
	 * section never reaches the run set.
	 */
	uint64_t *cur;
	uint64_t win[NCOLS];
	uint64_t sec[NCOLS];
	uint64_t win_run[NCOLS];
	uint64_t win_sections;
	struct samples win_secs;	/* each kept section's sec[] */
	struct samples win_spans;	/* each iteration's win[] difference */
	uint64_t span_mark[NCOLS];	/* win[] at the last RUN_BEGIN */
	bool span_open;
	uint64_t win_id;
	uint64_t win_pc;	/* of its WIN_OPEN, for messages */
	bool unnamed;		/* a window without ID is open: not counted */

	bool have_id;		/* an ID message waits for the next window */
	uint64_t next_id;

	bool in_msg;
	bool msg_overflow;
	unsigned int nibbles;
	uint64_t msg[MSG_MAX_WORDS];
	uint64_t msg_pc;

	/* pages=: per (page, class) counts of the open window */
	struct map pg_map;
	struct page_count *pg;
	size_t pg_n, pg_cap;
	uint64_t pg_last_key;	/* one-entry cache: code runs in a page */
	size_t pg_last;
	size_t *pg_sec;		/* entries touched in the open section */
	size_t pg_sec_n, pg_sec_cap;

	/* check=on: instructions counted by segment and one by one */
	uint64_t chk_seg[NCOLS], chk_insn[NCOLS];
} __attribute__((aligned(64)));

struct range {
	uint64_t lo, hi;
	int cls;
};

/* One output row: an id, its totals and its per-iteration samples. */
struct id_row {
	uint64_t id;
	uint64_t windows, sections;
	uint64_t run[NCOLS], iter[NCOLS];
	struct samples secs, spans;
};

struct page_row {
	size_t id_row;		/* index into ids, for the output order */
	uint64_t key;
	uint64_t iter, run;
};

/* A marker instruction: what it is and where, for error messages. */
struct marker {
	uint64_t pc;
	unsigned int imm;
};

static struct vcpu *vcpus;
static unsigned int nvcpus;

/*
 * Ranges are appended under lock and never removed: readers scan the first
 * nranges entries without one (nranges is published after the entry).
 */
static struct range ranges[RANGES_MAX];
static unsigned int nranges;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct id_row *ids;		/* in order of first closed window */
static size_t nids, ids_cap;
static struct map id_map;
static struct marker **markers;	/* interned by (pc, imm) */
static struct seg **segs;		/* interned by (pc, n, kind) */
static size_t nsegs, segs_cap;
static struct map seg_map;
static size_t nmarkers, markers_cap;
static struct map marker_map;
static bool opt_all;		/* all=on: one window from the start */
static struct page_row *pages;
static size_t npages, pages_cap;
static struct map page_map;
static unsigned long nerrors;

static char *out_path, *out_tmp;
static char *pages_path, *pages_tmp;
static FILE *out_file, *pages_file;

/* --- Classification ------------------------------------------------------- */

/* Class of the code at @pc: the most recent range holding it wins. */
static inline int range_class(uint64_t pc)
{
	unsigned int i = __atomic_load_n(&nranges, __ATOMIC_ACQUIRE);

	while (i--)
		if (pc - ranges[i].lo < ranges[i].hi - ranges[i].lo)
			return ranges[i].cls;
	return TRACE_CLASS_KERNEL;
}

/* --- Protocol errors ------------------------------------------------------ */

__attribute__((format(printf, 3, 4)))
static void proto_error(unsigned int cpu, uint64_t pc, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&lock);
	if (nerrors++ < ERRORS_SHOWN) {
		fprintf(stderr, "fptrace: vCPU %u, pc 0x%016" PRIx64 ": ", cpu, pc);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	pthread_mutex_unlock(&lock);
}

/* --- pages= ---------------------------------------------------------------- */

/* @n instructions at @pc (all in its page) of class @cls. */
static void pages_count(struct vcpu *v, uint64_t pc, int cls, unsigned int n)
{
	uint64_t key = (pc >> PAGE_SHIFT) << 2 | (uint64_t)cls;
	struct page_count *e;
	size_t i;

	if (v->pg_n && key == v->pg_last_key) {
		i = v->pg_last;
	} else {
		i = map_get_or_put(&v->pg_map, key, 0, v->pg_n);
		if (i == SIZE_MAX) {
			v->pg = xgrow(v->pg, v->pg_n, &v->pg_cap, sizeof(*v->pg), 64);
			i = v->pg_n++;
			v->pg[i] = (struct page_count){ .key = key };
		}
		v->pg_last_key = key;
		v->pg_last = i;
	}
	e = &v->pg[i];
	e->iter += n;
	if (v->cur == v->sec && !e->sec) {
		v->pg_sec = xgrow(v->pg_sec, v->pg_sec_n, &v->pg_sec_cap,
				  sizeof(*v->pg_sec), 64);
		v->pg_sec[v->pg_sec_n++] = i;
	}
	if (v->cur == v->sec)
		e->sec += n;
}

/* End of a timed section: @keep says whether it counts for the run set. */
static void pages_section_end(struct vcpu *v, bool keep)
{
	size_t i;

	for (i = 0; i < v->pg_sec_n; i++) {
		struct page_count *e = &v->pg[v->pg_sec[i]];

		if (keep)
			e->run += e->sec;
		e->sec = 0;
	}
	v->pg_sec_n = 0;
}

static void pages_reset(struct vcpu *v)
{
	map_clear(&v->pg_map);
	v->pg_n = 0;
	v->pg_sec_n = 0;
}

/* Called with lock held: the closed window's pages join its id's. */
static void pages_flush(struct vcpu *v, size_t id_row)
{
	size_t i, j;

	for (i = 0; i < v->pg_n; i++) {
		j = map_get_or_put(&page_map, id_row, v->pg[i].key, npages);
		if (j == SIZE_MAX) {
			pages = xgrow(pages, npages, &pages_cap, sizeof(*pages), 256);
			j = npages++;
			pages[j] = (struct page_row){
				.id_row = id_row, .key = v->pg[i].key };
		}
		pages[j].iter += v->pg[i].iter;
		pages[j].run += v->pg[i].run;
	}
	pages_reset(v);
}

/* --- Execution callbacks -------------------------------------------------- */

/*
 * Instructions are counted by segment: a straight run of instructions of
 * one block, in one 4 KiB page, between markers, of which only the last
 * can leave the block early (take an exception, or end the block at an
 * I/O access under -icount; interrupts are taken between blocks). When
 * the first instruction of a segment starts, all of them will start, so
 * counting the segment then counts each instruction when it starts, as a
 * callback per instruction would, for a fraction of the callbacks. Every
 * instruction of a special kind ends its segment (insn_may_leave()), so a
 * segment has at most one, its last.
 */
struct seg {
	uint64_t pc;		/* of the first; the others follow at +4 */
	unsigned int n;
	enum kind kind;		/* of the last instruction */
};

static const enum col kind_col[NKINDS] = {
	[KIND_ERET] = COL_ERET, [KIND_ISB] = COL_ISB,
	[KIND_BARRIER] = COL_BARRIER, [KIND_MSR] = COL_MSR,
	[KIND_SVE] = COL_SVE, [KIND_SME] = COL_SME,
};

static bool opt_check;		/* check=on: per-instruction shadow counts */

static inline void count_insns(struct vcpu *v, uint64_t *c, uint64_t pc,
			       unsigned int n, int cls, enum kind kind,
			       bool with_pages, bool check)
{
	c[class_col[cls]] += n;
	if (check)
		v->chk_seg[class_col[cls]] += n;
	if (kind != KIND_PLAIN && cls != TRACE_CLASS_GUEST) {
		c[kind_col[kind]]++;
		if (check)
			v->chk_seg[kind_col[kind]]++;
	}
	if (with_pages)
		pages_count(v, pc, cls, n);
}

static inline void seg_count(unsigned int cpu, const struct seg *s,
			     bool with_pages, bool check)
{
	struct vcpu *v = &vcpus[cpu];
	uint64_t *c = v->cur;
	uint64_t first = s->pc, last = s->pc + 4 * (uint64_t)(s->n - 1), pc;
	unsigned int i;
	int cls = -1;

	if (!c)
		return;
	/* The class of the first, unless a range starts or ends inside. */
	for (i = __atomic_load_n(&nranges, __ATOMIC_ACQUIRE); i--; ) {
		const struct range *r = &ranges[i];

		if ((r->lo > first && r->lo <= last) ||
		    (r->hi > first && r->hi <= last))
			goto split;
		if (cls < 0 && first - r->lo < r->hi - r->lo)
			cls = r->cls;
	}
	count_insns(v, c, first, s->n, cls < 0 ? TRACE_CLASS_KERNEL : cls,
		    s->kind, with_pages, check);
	return;
split:
	for (pc = first; pc <= last; pc += 4)
		count_insns(v, c, pc, 1, range_class(pc),
			    pc == last ? s->kind : KIND_PLAIN, with_pages, check);
}

#define SEG_CB(name, with_pages, check)					\
	static void name(unsigned int cpu, void *udata)			\
	{								\
		seg_count(cpu, udata, with_pages, check);		\
	}
SEG_CB(exec_seg, false, false)
SEG_CB(exec_seg_pg, true, false)
SEG_CB(exec_seg_chk, false, true)
SEG_CB(exec_seg_pg_chk, true, true)

static const qemu_plugin_vcpu_udata_cb_t seg_cbs[2][2] = {
	{ exec_seg, exec_seg_chk }, { exec_seg_pg, exec_seg_pg_chk },
};

/*
 * check=on: every instruction also gets a callback of its own that counts
 * into chk_insn; at exit it must equal what the segments counted into
 * chk_seg (a test of insn_may_leave() on real code).
 */
static inline void insn_check(unsigned int cpu, void *udata, enum kind kind)
{
	struct vcpu *v = &vcpus[cpu];
	uint64_t pc = (uintptr_t)udata;
	int cls;

	if (!v->cur)
		return;
	cls = range_class(pc);
	v->chk_insn[class_col[cls]]++;
	if (kind != KIND_PLAIN && cls != TRACE_CLASS_GUEST)
		v->chk_insn[kind_col[kind]]++;
}

#define CHECK_CB(name, kind)						\
	static void name(unsigned int cpu, void *udata)			\
	{								\
		insn_check(cpu, udata, kind);				\
	}
CHECK_CB(check_plain, KIND_PLAIN)
CHECK_CB(check_eret, KIND_ERET)
CHECK_CB(check_isb, KIND_ISB)
CHECK_CB(check_barrier, KIND_BARRIER)
CHECK_CB(check_msr, KIND_MSR)
CHECK_CB(check_sve, KIND_SVE)
CHECK_CB(check_sme, KIND_SME)

static const qemu_plugin_vcpu_udata_cb_t check_cbs[NKINDS] = {
	check_plain, check_eret, check_isb, check_barrier, check_msr,
	check_sve, check_sme,
};

/*
 * Size and direction of an access from its meminfo, cached: asking QEMU
 * costs two calls into it per access. Entry: 0 not yet known, else size
 * shift + 1, bit 7 set for a store.
 */
static uint8_t meminfo_cache[1 << 18];

static inline unsigned int meminfo_decode(qemu_plugin_meminfo_t info)
{
	unsigned int m = 0;

	if (info < sizeof(meminfo_cache))
		m = __atomic_load_n(&meminfo_cache[info], __ATOMIC_RELAXED);
	if (!m) {
		m = (qemu_plugin_mem_size_shift(info) + 1) |
		    (qemu_plugin_mem_is_store(info) ? 0x80 : 0);
		if (info < sizeof(meminfo_cache))
			__atomic_store_n(&meminfo_cache[info], (uint8_t)m,
					 __ATOMIC_RELAXED);
	}
	return m;
}

/*
 * A load or a store done by the instruction at pc (udata). One callback for
 * both, told apart by qemu_plugin_mem_is_store(): QEMU 7.2 cannot filter by
 * kind (plugin-gen's op_rw() reads the access kind as 0/1 where it stores
 * 1/2, so a "loads only" callback sees stores and a "stores only" one sees
 * everything). An atomic read-modify-write done by a helper (MTTCG only)
 * is reported once as a store; without MTTCG (-icount) QEMU emits it as a
 * load and a store, and both are counted.
 */
static void mem_access(unsigned int cpu, qemu_plugin_meminfo_t info,
		       uint64_t vaddr, void *udata)
{
	uint64_t *c = vcpus[cpu].cur;
	unsigned int m;
	uint64_t bytes;
	bool store;

	if (!c)
		return;
	m = meminfo_decode(info);
	bytes = UINT64_C(1) << ((m & 0x7f) - 1);
	store = m & 0x80;
	switch (range_class((uintptr_t)udata)) {
	case TRACE_CLASS_KERNEL:
		c[store ? COL_KSTORE_BYTES : COL_KLOAD_BYTES] += bytes;
		c[store ? COL_KSTORES : COL_KLOADS]++;
		break;
	case TRACE_CLASS_USER:
		c[store ? COL_USTORE_BYTES : COL_ULOAD_BYTES] += bytes;
		break;
	default:	/* the guest's accesses are not counted */
		break;
	}
}

/* --- Markers -------------------------------------------------------------- */

static void range_add(unsigned int cpu, uint64_t pc, uint64_t cls,
		      uint64_t lo, uint64_t hi)
{
	unsigned int i, n;

	if (cls >= NCLASSES) {
		proto_error(cpu, pc, "RANGE message with class %" PRIu64 " (0..%d): ignored",
			    cls, NCLASSES - 1);
		return;
	}
	if (lo >= hi) {
		proto_error(cpu, pc, "RANGE message with lo 0x%" PRIx64 " >= hi 0x%" PRIx64 ": ignored",
			    lo, hi);
		return;
	}
	pthread_mutex_lock(&lock);
	n = nranges;
	/*
	 * A range sent again (one per fpbench process, say) is kept once,
	 * unless a later different range overlaps it: then the repeat must
	 * win again and is appended.
	 */
	for (i = n; i--; ) {
		if (ranges[i].lo < hi && lo < ranges[i].hi &&
		    (ranges[i].lo != lo || ranges[i].hi != hi ||
		     ranges[i].cls != (int)cls))
			break;
		if (ranges[i].lo == lo && ranges[i].hi == hi &&
		    ranges[i].cls == (int)cls) {
			pthread_mutex_unlock(&lock);
			return;
		}
	}
	if (n == RANGES_MAX) {
		pthread_mutex_unlock(&lock);
		proto_error(cpu, pc, "more than %d ranges: RANGE [0x%" PRIx64 ", 0x%" PRIx64 ") ignored",
			    RANGES_MAX, lo, hi);
		return;
	}
	ranges[n] = (struct range){ .lo = lo, .hi = hi, .cls = (int)cls };
	__atomic_store_n(&nranges, n + 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lock);
}

static void msg_end(unsigned int cpu, struct vcpu *v, uint64_t pc)
{
	unsigned int words = v->nibbles / 16;

	v->in_msg = false;
	if (v->msg_overflow) {
		proto_error(cpu, v->msg_pc, "message longer than %d words: ignored",
			    MSG_MAX_WORDS);
		return;
	}
	if (!v->nibbles || v->nibbles % 16) {
		proto_error(cpu, v->msg_pc, "message of %u nibbles (not whole 64-bit words): ignored",
			    v->nibbles);
		return;
	}
	switch (v->msg[0]) {
	case TRACE_MSG_ID:
		if (words != 2)
			break;
		v->next_id = v->msg[1];
		v->have_id = true;
		return;
	case TRACE_MSG_RANGE:
		if (words != 4)
			break;
		range_add(cpu, v->msg_pc, v->msg[1], v->msg[2], v->msg[3]);
		return;
	default:
		proto_error(cpu, v->msg_pc, "unknown message type %" PRIu64 " (%u words): ignored",
			    v->msg[0], words);
		return;
	}
	proto_error(cpu, v->msg_pc, "message type %" PRIu64 " with %u words: ignored",
		    v->msg[0], words);
}

/* Forget the open window (it was not closed), @why for the message. */
static void win_drop(unsigned int cpu, struct vcpu *v, const char *why)
{
	if (v->cur)
		proto_error(cpu, v->win_pc, "window of id %016" PRIx64 " %s: dropped",
			    v->win_id, why);
	v->cur = NULL;
	v->unnamed = false;
	v->win_secs.n = v->win_spans.n = 0;
	v->span_open = false;
	pages_reset(v);
}

static void win_open(unsigned int cpu, struct vcpu *v, uint64_t pc)
{
	if (v->cur || v->unnamed)
		win_drop(cpu, v, "opened again before it was closed");
	v->win_pc = pc;
	if (!v->have_id) {
		proto_error(cpu, pc, "window opened without an ID message: not counted");
		v->unnamed = true;
		return;
	}
	v->have_id = false;
	v->win_id = v->next_id;
	memset(v->win, 0, sizeof(v->win));
	memset(v->sec, 0, sizeof(v->sec));
	memset(v->win_run, 0, sizeof(v->win_run));
	v->win_sections = 0;
	v->win_secs.n = v->win_spans.n = 0;
	v->span_open = false;
	pages_reset(v);
	v->cur = v->win;
}

/* An iteration ends at @v's RUN_BEGIN or WIN_CLOSE: keep its counts. */
static void span_end(struct vcpu *v)
{
	uint64_t d[NCOLS];

	if (v->span_open) {
		for (int i = 0; i < NCOLS; i++)
			d[i] = v->win[i] - v->span_mark[i];
		samples_push(&v->win_spans, d);
	}
	memcpy(v->span_mark, v->win, sizeof(v->span_mark));
	v->span_open = true;
}

static void section_end(struct vcpu *v, bool keep)
{
	int i;

	if (keep) {
		samples_push(&v->win_secs, v->sec);
		v->win_sections++;
	}
	for (i = 0; i < NCOLS; i++) {
		v->win[i] += v->sec[i];
		if (keep)
			v->win_run[i] += v->sec[i];
		v->sec[i] = 0;
	}
	pages_section_end(v, keep);
	v->cur = v->win;
}

static void win_close(unsigned int cpu, struct vcpu *v, uint64_t pc)
{
	struct id_row *r;
	size_t i;
	int c;

	if (v->unnamed) {	/* already reported at its opening */
		v->unnamed = false;
		return;
	}
	if (!v->cur) {
		proto_error(cpu, pc, "WIN_CLOSE without an open window: ignored");
		return;
	}
	if (v->cur == v->sec) {
		proto_error(cpu, pc, "window of id %016" PRIx64 " closed inside a timed section: the section is not counted",
			    v->win_id);
		section_end(v, false);
	}
	if (v->span_open)
		span_end(v);
	v->cur = NULL;

	pthread_mutex_lock(&lock);
	i = map_get_or_put(&id_map, v->win_id, 0, nids);
	if (i == SIZE_MAX) {
		ids = xgrow(ids, nids, &ids_cap, sizeof(*ids), 64);
		i = nids++;
		memset(&ids[i], 0, sizeof(ids[i]));
		ids[i].id = v->win_id;
	}
	r = &ids[i];
	r->windows++;
	r->sections += v->win_sections;
	for (c = 0; c < NCOLS; c++) {
		r->run[c] += v->win_run[c];
		r->iter[c] += v->win[c];
	}
	samples_append(&r->secs, &v->win_secs);
	samples_append(&r->spans, &v->win_spans);
	v->win_secs.n = v->win_spans.n = 0;
	v->span_open = false;
	if (pages_file)
		pages_flush(v, i);
	pthread_mutex_unlock(&lock);
}

static void exec_marker(unsigned int cpu, void *udata)
{
	const struct marker *m = udata;
	struct vcpu *v = &vcpus[cpu];
	unsigned int imm = m->imm;

	if (imm - TRACE_HINT_NIBBLE_BASE < 16) {
		if (!v->in_msg) {
			proto_error(cpu, m->pc, "nibble outside a message: ignored");
			return;
		}
		if (v->nibbles >= 16 * MSG_MAX_WORDS) {
			v->msg_overflow = true;
			return;
		}
		v->msg[v->nibbles / 16] |= (uint64_t)(imm - TRACE_HINT_NIBBLE_BASE)
					   << (4 * (v->nibbles % 16));
		v->nibbles++;
		return;
	}
	if (v->in_msg && imm != TRACE_HINT_MSG_END) {
		proto_error(cpu, v->msg_pc, "message interrupted by marker hint #0x%x: ignored",
			    imm);
		v->in_msg = false;
	}
	switch (imm) {
	case TRACE_HINT_MSG_BEGIN:
		v->in_msg = true;
		v->msg_overflow = false;
		v->nibbles = 0;
		memset(v->msg, 0, sizeof(v->msg));
		v->msg_pc = m->pc;
		break;
	case TRACE_HINT_MSG_END:
		if (!v->in_msg)
			proto_error(cpu, m->pc, "MSG_END outside a message: ignored");
		else
			msg_end(cpu, v, m->pc);
		break;
	case TRACE_HINT_WIN_OPEN:
		win_open(cpu, v, m->pc);
		break;
	case TRACE_HINT_WIN_CLOSE:
		win_close(cpu, v, m->pc);
		break;
	case TRACE_HINT_RUN_BEGIN:
		/*
		 * Outside a window the timed markers are no-ops by protocol:
		 * the harness's warm-up and baseline run the same code.
		 */
		if (v->unnamed || !v->cur)
			break;
		if (v->cur == v->sec) {
			proto_error(cpu, m->pc, "RUN_BEGIN inside a timed section: ignored");
		} else {
			span_end(v);
			v->cur = v->sec;
		}
		break;
	case TRACE_HINT_RUN_END:
		if (v->unnamed || !v->cur)
			break;
		if (v->cur != v->sec)
			proto_error(cpu, m->pc, "RUN_END without RUN_BEGIN: ignored");
		else
			section_end(v, true);
		break;
	}
}

/* --- Translation ---------------------------------------------------------- */

/* The marker immediate of @insn, or -1 if it is not a marker. */
static int marker_imm(uint32_t insn)
{
	unsigned int imm;

	if ((insn & 0xfffff01fu) != TRACE_HINT_INSN(0))	/* HINT #imm */
		return -1;
	imm = (insn >> 5) & 0x7f;
	if (imm - TRACE_HINT_NIBBLE_BASE < 16 ||
	    (imm >= TRACE_HINT_WIN_OPEN && imm <= TRACE_HINT_MSG_END))
		return (int)imm;
	return -1;
}

/*
 * The kind of an A64 instruction, from the encoding tables of the Arm ARM
 * (top level: op0 = bit 31, op1 = bits 28:25).
 */
static enum kind insn_kind(uint32_t insn)
{
	/* ERET 0xd69f03e0; ERETAA, ERETAB: 0xd69f0bff, 0xd69f0fff (bit 10 M) */
	if (insn == 0xd69f03e0u || (insn & 0xfffffbffu) == 0xd69f0bffu)
		return KIND_ERET;
	/* Barriers: 1101 0101 0000 0011 0011 CRm op2 11111 */
	if ((insn & 0xfffff0ffu) == 0xd50330dfu)	/* op2 110: ISB */
		return KIND_ISB;
	/* op2 100 DSB (CRm 0000, 0100: the SSBB, PSSBB aliases), 101 DMB */
	if ((insn & 0xfffff0dfu) == 0xd503309fu)
		return KIND_BARRIER;
	/* DSB nXS (FEAT_XS): CRm = imm2:10, op2 001 */
	if ((insn & 0xfffff3ffu) == 0xd503323fu)
		return KIND_BARRIER;
	/* MSR (register): 1101 0101 0001 ... (L = 0, op0 = 1x) */
	if ((insn & 0xfff00000u) == 0xd5100000u)
		return KIND_MSR;
	/*
	 * MSR (immediate): 1101 0101 0000 0 op1 0100 CRm op2 11111. With op1
	 * 000, op2 000..010 are CFINV, XAFLAG, AXFLAG: flag arithmetic, no
	 * register write.
	 */
	if ((insn & 0xfff8f01fu) == 0xd500401fu &&
	    !((insn & 0x00070000u) == 0 && ((insn >> 5) & 7) <= 2))
		return KIND_MSR;
	if ((insn & 0x1e000000u) == 0x04000000u)	/* op1 0010: SVE */
		return KIND_SVE;
	if ((insn & 0x9e000000u) == 0x80000000u)	/* op0 1, op1 0000: SME */
		return KIND_SME;
	return KIND_PLAIN;
}

/*
 * Can the instruction stop its block before the block's end (an exception,
 * or an I/O access that ends the block under -icount)? Conservative: no
 * only for data processing that cannot fault, by the A64 top level (op1 =
 * bits 28:25): 100x data processing (immediate); x101 data processing
 * (register) except its PAC/AUT group (data-processing 1 source, opcode2
 * 00001: a failed AUT faults with FEAT_FPAC); x111 SIMD and FP data
 * processing (a disabled FP unit traps, but then QEMU ends the block at that
 * instruction). Loads and stores, branches, system instructions, SVE and
 * SME: yes.
 */
static bool insn_may_leave(uint32_t insn)
{
	uint32_t op1 = (insn >> 25) & 0xf;

	if ((op1 & 0xe) == 0x8)
		return false;
	if ((op1 & 0x7) == 0x5)
		return (insn & 0x7fff0000u) == 0x5ac10000u;
	if ((op1 & 0x7) == 0x7)
		return false;
	return true;
}

static uint32_t insn_word(const struct qemu_plugin_insn *insn)
{
	const uint8_t *b = qemu_plugin_insn_data(insn);

	/* A64 instructions are little-endian whatever the data endianness. */
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static struct marker *marker_intern(uint64_t pc, unsigned int imm)
{
	struct marker *m;
	size_t i;

	pthread_mutex_lock(&lock);
	i = map_get_or_put(&marker_map, pc, imm, nmarkers);
	if (i == SIZE_MAX) {
		markers = xgrow(markers, nmarkers, &markers_cap,
				sizeof(*markers), 64);
		m = xcalloc(1, sizeof(*m));
		m->pc = pc;
		m->imm = imm;
		i = nmarkers++;
		markers[i] = m;
	}
	m = markers[i];
	pthread_mutex_unlock(&lock);
	return m;
}

static struct seg *seg_intern(uint64_t pc, unsigned int n, enum kind kind)
{
	struct seg *sg;
	size_t i;

	pthread_mutex_lock(&lock);
	i = map_get_or_put(&seg_map, pc, (uint64_t)n << 8 | kind, nsegs);
	if (i == SIZE_MAX) {
		segs = xgrow(segs, nsegs, &segs_cap, sizeof(*segs), 1024);
		sg = xcalloc(1, sizeof(*sg));
		sg->pc = pc;
		sg->n = n;
		sg->kind = kind;
		i = nsegs++;
		segs[i] = sg;
	}
	sg = segs[i];
	pthread_mutex_unlock(&lock);
	return sg;
}

/* The segment being built by tb_trans(). */
struct seg_build {
	struct qemu_plugin_insn *head;
	uint64_t pc;
	unsigned int n;
};

static void seg_flush(struct seg_build *b, enum kind kind)
{
	if (!b->n)
		return;
	qemu_plugin_register_vcpu_insn_exec_cb(b->head,
		seg_cbs[pages_file != NULL][opt_check], QEMU_PLUGIN_CB_NO_REGS,
		seg_intern(b->pc, b->n, kind));
	b->n = 0;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);
	struct seg_build b = { .n = 0 };

	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t pc = qemu_plugin_insn_vaddr(insn);
		void *udata = (void *)(uintptr_t)pc;
		enum kind kind = KIND_PLAIN;
		bool leave = true;

		if (qemu_plugin_insn_size(insn) == 4) {
			uint32_t word = insn_word(insn);
			int imm = marker_imm(word);

			if (imm >= 0) {
				/*
				 * Markers are not counted in any set, and
				 * what follows one counts by the state it
				 * leaves: segments end before it.
				 */
				seg_flush(&b, KIND_PLAIN);
				qemu_plugin_register_vcpu_insn_exec_cb(insn,
					exec_marker, QEMU_PLUGIN_CB_NO_REGS,
					marker_intern(pc, (unsigned int)imm));
				continue;
			}
			kind = insn_kind(word);
			leave = kind != KIND_PLAIN || insn_may_leave(word);
		}
		if (b.n && ((pc ^ b.pc) >> PAGE_SHIFT))
			seg_flush(&b, KIND_PLAIN);	/* pages= needs one page */
		if (!b.n) {
			b.head = insn;
			b.pc = pc;
		}
		b.n++;
		if (opt_check)
			qemu_plugin_register_vcpu_insn_exec_cb(insn,
				check_cbs[kind], QEMU_PLUGIN_CB_NO_REGS, udata);
		/* QEMU calls it only for instructions that access memory. */
		qemu_plugin_register_vcpu_mem_cb(insn, mem_access,
			QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, udata);
		if (leave)
			seg_flush(&b, kind);
	}
	seg_flush(&b, KIND_PLAIN);
}

/* --- Output --------------------------------------------------------------- */

static int page_row_cmp(const void *a, const void *b)
{
	const struct page_row *x = a, *y = b;

	if (x->id_row != y->id_row)
		return x->id_row < y->id_row ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return 0;
}

/* Write, then rename: a reader never sees a half-written file. */
static int out_finish(FILE *f, const char *tmp, const char *path)
{
	int err = ferror(f);

	if (fclose(f) || err) {
		fprintf(stderr, "fptrace: error writing %s, left as %s\n", path, tmp);
		return -1;
	}
	if (rename(tmp, path)) {
		fprintf(stderr, "fptrace: cannot rename %s to %s: %s\n", tmp, path,
			strerror(errno));
		return -1;
	}
	return 0;
}

static void write_trace(FILE *f)
{
	size_t i;
	int s, c;

	static const char *const set_names[4] = { "run", "iter", "run_med", "iter_med" };

	fprintf(f, "# fptrace %d\nid\twindows\tsections", TRACE_PROTOCOL_VERSION);
	for (s = 0; s < 4; s++)
		for (c = 0; c < NCOLS; c++)
			fprintf(f, "\t%s_%s", set_names[s], col_names[c]);
	fputc('\n', f);
	for (i = 0; i < nids; i++) {
		struct id_row *r = &ids[i];
		const uint64_t *lo[2], *hi[2];
		bool med[2] = { samples_median(&r->secs, &lo[0], &hi[0]),
				samples_median(&r->spans, &lo[1], &hi[1]) };

		fprintf(f, "%016" PRIx64 "\t%" PRIu64 "\t%" PRIu64, r->id,
			r->windows, r->sections);
		for (c = 0; c < NCOLS; c++)
			fprintf(f, "\t%" PRIu64, r->run[c]);
		for (c = 0; c < NCOLS; c++)
			fprintf(f, "\t%" PRIu64, r->iter[c]);
		for (s = 0; s < 2; s++)
			for (c = 0; c < NCOLS; c++) {
				uint64_t sum;

				if (!med[s]) {
					fputs("\t-", f);
					continue;
				}
				/* (lo + hi) / 2, exactly: an integer or .5 */
				sum = lo[s][c] + hi[s][c];
				fprintf(f, "\t%" PRIu64 "%s", sum / 2, sum % 2 ? ".5" : "");
			}
		fputc('\n', f);
	}
}

static void write_pages(FILE *f)
{
	size_t i;

	qsort(pages, npages, sizeof(*pages), page_row_cmp);
	fprintf(f, "# fptrace-pages %d\nid\tpage\tclass\titer\trun\n",
		PAGES_FORMAT_VERSION);
	for (i = 0; i < npages; i++) {
		const struct page_row *p = &pages[i];

		fprintf(f, "%016" PRIx64 "\t%016" PRIx64 "\t%s\t%" PRIu64 "\t%" PRIu64 "\n",
			ids[p->id_row].id, (p->key >> 2) << PAGE_SHIFT,
			class_names[p->key & 3], p->iter, p->run);
	}
}

/* check=on: segments and single instructions must have counted alike. */
static void check_report(unsigned int cpu, const struct vcpu *v)
{
	static const enum col cols[] = {
		COL_USER, COL_KERNEL, COL_GUEST, COL_ERET, COL_ISB, COL_BARRIER,
		COL_MSR, COL_SVE, COL_SME,
	};
	uint64_t total = 0;
	bool same = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cols); i++) {
		enum col c = cols[i];

		if (v->chk_seg[c] != v->chk_insn[c]) {
			fprintf(stderr, "fptrace: check: vCPU %u: %s: %" PRIu64 " by segment, %" PRIu64 " one by one\n",
				cpu, col_names[c], v->chk_seg[c], v->chk_insn[c]);
			same = false;
		}
		if (c <= COL_GUEST)
			total += v->chk_insn[c];
	}
	if (same)
		fprintf(stderr, "fptrace: check: vCPU %u: segments and single instructions agree (%" PRIu64 " instructions)\n",
			cpu, total);
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	unsigned int cpu;
	uint64_t windows = 0;
	size_t i;

	for (cpu = 0; cpu < nvcpus; cpu++) {
		struct vcpu *v = &vcpus[cpu];

		if (opt_all && v->cur)	/* all=on: counted, not dropped */
			win_close(cpu, v, 0);
		win_drop(cpu, v, "still open at exit");
		if (opt_check)
			check_report(cpu, v);
		if (v->in_msg)
			proto_error(cpu, v->msg_pc, "message still open at exit: ignored");
	}
	pthread_mutex_lock(&lock);
	for (i = 0; i < nids; i++)
		windows += ids[i].windows;
	write_trace(out_file);
	if (!out_finish(out_file, out_tmp, out_path))
		fprintf(stderr, "fptrace: wrote %s: %zu ids, %" PRIu64 " windows, %u ranges\n",
			out_path, nids, windows, nranges);
	if (pages_file) {
		write_pages(pages_file);
		if (!out_finish(pages_file, pages_tmp, pages_path))
			fprintf(stderr, "fptrace: wrote %s: %zu rows\n", pages_path,
				npages);
	}
	if (nerrors > ERRORS_SHOWN)
		fprintf(stderr, "fptrace: %lu protocol errors (the first %d shown)\n",
			nerrors, ERRORS_SHOWN);
	pthread_mutex_unlock(&lock);
}

/* --- Installation --------------------------------------------------------- */

/* Open PATH.partial now, so that a bad path fails before the guest runs. */
static FILE *out_open(const char *arg, const char *path, char **tmp)
{
	FILE *f;

	if (!*path) {
		fprintf(stderr, "fptrace: %s= needs a file name\n", arg);
		return NULL;
	}
	*tmp = xcalloc(strlen(path) + sizeof(".partial"), 1);
	sprintf(*tmp, "%s.partial", path);
	f = fopen(*tmp, "w");
	if (!f)
		fprintf(stderr, "fptrace: cannot create %s: %s\n", *tmp,
			strerror(errno));
	return f;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	const char *out = NULL, *pg = NULL;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4)) {
			out = argv[i] + 4;
		} else if (!strncmp(argv[i], "pages=", 6)) {
			pg = argv[i] + 6;
		} else if (!strncmp(argv[i], "check=", 6)) {
			if (!qemu_plugin_bool_parse("check", argv[i] + 6, &opt_check))
				goto bad;
		} else if (!strncmp(argv[i], "all=", 4)) {
			if (!qemu_plugin_bool_parse("all", argv[i] + 4, &opt_all))
				goto bad;
		} else {
bad:
			fprintf(stderr, "fptrace: unknown argument '%s' (out=PATH [,pages=PATH] [,check=on] [,all=on])\n",
				argv[i]);
			return -1;
		}
	}
	if (!out) {
		fprintf(stderr, "fptrace: the argument out=PATH is required (-plugin libfptrace.so,out=PATH)\n");
		return -1;
	}
	if (!info->system_emulation || strcmp(info->target_name, "aarch64")) {
		fprintf(stderr, "fptrace: needs qemu-system-aarch64 (this is %s%s)\n",
			info->target_name,
			info->system_emulation ? "" : ", user mode");
		return -1;
	}
	nvcpus = (unsigned int)info->system.max_vcpus;
	/* A cache line each: vCPU threads write their own state only. */
	if (posix_memalign((void **)&vcpus, 64, nvcpus * sizeof(*vcpus))) {
		fprintf(stderr, "fptrace: out of memory\n");
		return -1;
	}
	memset(vcpus, 0, nvcpus * sizeof(*vcpus));

	out_path = strdup(out);
	out_file = out_open("out", out, &out_tmp);
	if (!out_path || !out_file)
		return -1;
	if (pg) {
		pages_path = strdup(pg);
		pages_file = out_open("pages", pg, &pages_tmp);
		if (!pages_path || !pages_file)
			return -1;
	}

	/* all=on: every vCPU counts from its first instruction, as id 0. */
	for (i = 0; opt_all && i < (int)nvcpus; i++) {
		vcpus[i].win_id = 0;
		vcpus[i].cur = vcpus[i].win;
	}

	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
