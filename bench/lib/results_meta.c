// SPDX-License-Identifier: GPL-2.0
/*
 * BASE.json, the metadata of a run (results/README.md): its writer and its
 * reader, on the JSON parser of json.c.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "results_int.h"

#ifndef FPBENCH_VERSION
#define FPBENCH_VERSION "unknown"
#endif

static void json_key_string(FILE *f, const char *indent, const char *key,
			    const char *val, bool last)
{
	fprintf(f, "%s\"%s\": ", indent, key);
	json_put_string(f, val);
	fputs(last ? "\n" : ",\n", f);
}

static void json_vls(FILE *f, const char *key, const unsigned int *vls,
		     size_t nr)
{
	fprintf(f, "  \"%s\": [", key);
	for (size_t i = 0; i < nr; i++)
		fprintf(f, "%s%u", i ? ", " : "", vls[i]);
	fputs("],\n", f);
}

int results_fill_meta(FILE *f, const void *arg)
{
	const struct run_meta *m = arg;
	bool first = true;
	char hex[32];

	fprintf(f, "{\n  \"schema\": %d,\n", RESULTS_SCHEMA);
	json_key_string(f, "  ", "tool", "kvm-fpbench", false);
	json_key_string(f, "  ", "version", m->version, false);
	json_key_string(f, "  ", "date", m->date, false);
	json_key_string(f, "  ", "command_line", m->command_line, false);
	json_key_string(f, "  ", "host", m->host, false);
	json_key_string(f, "  ", "kernel", m->kernel, false);
	json_key_string(f, "  ", "kernel_version", m->kernel_version, false);
	json_key_string(f, "  ", "kernel_config", m->kernel_config, false);
	fputs("  \"fp_modes\": [", f);
	for (int i = 0; i < FP_MODE_NR; i++) {
		if (!(m->fp_modes & (1u << i)))
			continue;
		fputs(first ? "" : ", ", f);
		json_put_string(f, fp_mode_names[i]);
		first = false;
	}
	fputs("],\n  \"cpu\": {\n", f);
	snprintf(hex, sizeof(hex), "0x%08" PRIx64, m->cpu.midr);
	json_key_string(f, "    ", "midr", hex, false);
	snprintf(hex, sizeof(hex), "0x%02x", m->cpu.implementer);
	json_key_string(f, "    ", "implementer", hex, false);
	snprintf(hex, sizeof(hex), "0x%03x", m->cpu.part);
	json_key_string(f, "    ", "part", hex, false);
	json_key_string(f, "    ", "name", m->cpu.name, true);
	fputs("  },\n", f);
	json_vls(f, "sve_vls", m->sve_vls, m->nr_sve_vls);
	json_vls(f, "sme_vls", m->sme_vls, m->nr_sme_vls);
	fprintf(f, "  \"emulated\": %s,\n", m->emulated ? "true" : "false");
	json_key_string(f, "  ", "emulation", m->emulation, false);
	fputs("  \"counter\": {\n", f);
	json_key_string(f, "    ", "unit",
			m->counter.unit < UNIT_NR ?
			result_unit_names[m->counter.unit] : "?", false);
	json_key_string(f, "    ", "source", m->counter.source, false);
	fputs("    \"events\": [", f);
	for (size_t i = 0; i < m->counter.nr_events; i++) {
		fputs(i ? ", " : "", f);
		json_put_string(f, m->counter.events[i]);
	}
	fputs("],\n", f);
	json_key_string(f, "    ", "pmu_unavailable", m->counter.pmu_unavailable,
			true);
	fputs("  },\n", f);
	fprintf(f, "  \"pinned_cpu\": %d,\n", m->pinned_cpu);
	fprintf(f, "  \"iterations\": %u,\n", m->iterations);
	fprintf(f, "  \"warmup\": %u,\n", m->warmup);
	fprintf(f, "  \"batches\": %u,\n", m->batches);
	fprintf(f, "  \"seed\": %" PRIu64 "\n}\n", m->seed);
	return 0;
}

void results_meta_init(struct run_meta *meta, int argc, char **argv)
{
	struct utsname u;
	struct tm tm;
	time_t now = time(NULL);
	size_t off = 0;

	memset(meta, 0, sizeof(*meta));
	snprintf(meta->version, sizeof(meta->version), "%s", FPBENCH_VERSION);
	if (gmtime_r(&now, &tm))
		strftime(meta->date, sizeof(meta->date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (int i = 0; i < argc && off < sizeof(meta->command_line); i++)
		off += snprintf(meta->command_line + off,
				sizeof(meta->command_line) - off, "%s%s",
				i ? " " : "", argv[i]);
	if (gethostname(meta->host, sizeof(meta->host) - 1))
		meta->host[0] = 0;
	if (!uname(&u)) {
		snprintf(meta->kernel, sizeof(meta->kernel), "%s", u.release);
		snprintf(meta->kernel_version, sizeof(meta->kernel_version),
			 "%s", u.version);
	}
	meta->pinned_cpu = -1;
}

int results_meta_set_date(struct run_meta *meta, const char *date)
{
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	bool ok = strlen(date) == sizeof(form) - 1;

	for (size_t i = 0; ok && i < sizeof(form) - 1; i++)
		ok = form[i] == 'd' ? date[i] >= '0' && date[i] <= '9' : date[i] == form[i];
	if (!ok)
		return -1;
	memcpy(meta->date, date, sizeof(form));
	return 0;
}

struct meta_reader {
	const char *path;
	char *err;
	size_t errlen;
	int ret;
};

static void meta_bad(struct meta_reader *r, const char *key, const char *what)
{
	if (r->ret)
		return;	/* keep the first problem */
	snprintf(r->err, r->errlen, "%s: key \"%s\": %s", r->path, key, what);
	r->ret = FPB_EDATA;
}

static void meta_string(struct meta_reader *r, const struct json_node *obj,
			const char *key, char *dst, size_t len)
{
	const struct json_node *n = json_get(obj, key);

	if (!n)
		return;
	if (n->type != JSON_STRING)
		return meta_bad(r, key, "expected a string");
	snprintf(dst, len, "%s", n->text);
}

/* Unsigned integer from a number or a "0x..." string (MIDR fields). */
static void meta_u64(struct meta_reader *r, const struct json_node *obj,
		     const char *key, uint64_t max, uint64_t *dst)
{
	const struct json_node *n = json_get(obj, key);
	char *end;
	uint64_t v;

	if (!n)
		return;
	if (n->type != JSON_NUMBER && n->type != JSON_STRING)
		return meta_bad(r, key, "expected an unsigned integer");
	errno = 0;
	v = strtoull(n->text, &end, n->type == JSON_STRING ? 16 : 10);
	if (errno || *end || end == n->text || n->text[0] == '-' || v > max)
		return meta_bad(r, key, "expected an unsigned integer in range");
	*dst = v;
}

static void meta_uint(struct meta_reader *r, const struct json_node *obj,
		      const char *key, unsigned int *dst)
{
	uint64_t v = *dst;

	meta_u64(r, obj, key, UINT32_MAX, &v);
	*dst = (unsigned int)v;
}

static void meta_vls(struct meta_reader *r, const struct json_node *obj,
		     const char *key, unsigned int *vls, size_t *nr)
{
	const struct json_node *n = json_get(obj, key);

	if (!n)
		return;
	if (n->type != JSON_ARRAY || n->n > RESULTS_MAX_VLS)
		return meta_bad(r, key, "expected an array of at most 16 numbers");
	for (size_t i = 0; i < n->n; i++) {
		char *end;
		unsigned long v;

		if (n->kids[i].type != JSON_NUMBER)
			return meta_bad(r, key, "expected numbers");
		v = strtoul(n->kids[i].text, &end, 10);
		if (*end || v > 65536)
			return meta_bad(r, key, "expected vector lengths in bits");
		vls[i] = v;
	}
	*nr = n->n;
}

static void meta_fill(struct meta_reader *r, const struct json_node *root,
		      struct run_meta *m)
{
	const struct json_node *n, *cpu, *ctr;
	uint64_t v;

	meta_string(r, root, "version", m->version, sizeof(m->version));
	meta_string(r, root, "date", m->date, sizeof(m->date));
	meta_string(r, root, "command_line", m->command_line, sizeof(m->command_line));
	meta_string(r, root, "host", m->host, sizeof(m->host));
	meta_string(r, root, "kernel", m->kernel, sizeof(m->kernel));
	meta_string(r, root, "kernel_version", m->kernel_version,
		    sizeof(m->kernel_version));
	meta_string(r, root, "kernel_config", m->kernel_config, sizeof(m->kernel_config));
	n = json_get(root, "fp_modes");
	if (n && n->type != JSON_ARRAY)
		meta_bad(r, "fp_modes", "expected an array");
	for (size_t i = 0; n && n->type == JSON_ARRAY && i < n->n; i++) {
		int mode = n->kids[i].type == JSON_STRING ?
			   fpb_lookup(fp_mode_names, FP_MODE_NR, n->kids[i].text) : -1;

		if (mode < 0)
			meta_bad(r, "fp_modes", "unknown mode");
		else
			m->fp_modes |= 1u << mode;
	}
	cpu = json_get(root, "cpu");
	if (cpu && cpu->type != JSON_OBJECT)
		meta_bad(r, "cpu", "expected an object");
	meta_u64(r, cpu, "midr", UINT64_MAX, &m->cpu.midr);
	meta_uint(r, cpu, "implementer", &m->cpu.implementer);
	meta_uint(r, cpu, "part", &m->cpu.part);
	meta_string(r, cpu, "name", m->cpu.name, sizeof(m->cpu.name));
	meta_vls(r, root, "sve_vls", m->sve_vls, &m->nr_sve_vls);
	meta_vls(r, root, "sme_vls", m->sme_vls, &m->nr_sme_vls);
	n = json_get(root, "emulated");
	if (n && n->type != JSON_BOOL)
		meta_bad(r, "emulated", "expected true or false");
	else if (n)
		m->emulated = n->b;
	meta_string(r, root, "emulation", m->emulation, sizeof(m->emulation));
	ctr = json_get(root, "counter");
	if (ctr && ctr->type != JSON_OBJECT)
		meta_bad(r, "counter", "expected an object");
	n = json_get(ctr, "unit");
	if (n) {
		int u = n->type == JSON_STRING ?
			fpb_lookup(result_unit_names, UNIT_NR, n->text) : -1;

		if (u < 0)
			meta_bad(r, "unit", "expected cycles, cntvct or ns");
		else
			m->counter.unit = u;
	}
	meta_string(r, ctr, "source", m->counter.source, sizeof(m->counter.source));
	n = json_get(ctr, "events");
	if (n && (n->type != JSON_ARRAY || n->n > RESULTS_MAX_EVENTS))
		meta_bad(r, "events", "expected an array of at most 8 strings");
	for (size_t i = 0; n && n->type == JSON_ARRAY && i < n->n &&
	     i < RESULTS_MAX_EVENTS; i++) {
		if (n->kids[i].type != JSON_STRING) {
			meta_bad(r, "events", "expected strings");
			break;
		}
		snprintf(m->counter.events[i], sizeof(m->counter.events[i]), "%s",
			 n->kids[i].text);
		m->counter.nr_events = i + 1;
	}
	meta_string(r, ctr, "pmu_unavailable", m->counter.pmu_unavailable,
		    sizeof(m->counter.pmu_unavailable));
	n = json_get(root, "pinned_cpu");
	if (n) {
		char *end;
		long c = n->type == JSON_NUMBER ? strtol(n->text, &end, 10) : 0;

		if (n->type != JSON_NUMBER || *end || c < -1 || c > 65535)
			meta_bad(r, "pinned_cpu", "expected a CPU number or -1");
		else
			m->pinned_cpu = c;
	}
	meta_uint(r, root, "iterations", &m->iterations);
	meta_uint(r, root, "warmup", &m->warmup);
	meta_uint(r, root, "batches", &m->batches);
	v = m->seed;
	meta_u64(r, root, "seed", UINT64_MAX, &v);
	m->seed = v;
}

int results_read_meta(const char *json, struct run_meta *meta,
		      char *err, size_t errlen)
{
	struct meta_reader r = { .path = json, .err = err, .errlen = errlen };
	struct json_node root;
	const struct json_node *schema;
	char *buf;
	size_t len;
	int ret;

	memset(meta, 0, sizeof(*meta));
	meta->pinned_cpu = -1;
	ret = results_slurp(json, false, &buf, &len, err, errlen);
	if (ret)
		return ret;
	if (json_parse(buf, len, json, &root, err, errlen)) {
		free(buf);
		return FPB_EDATA;
	}
	if (root.type != JSON_OBJECT) {
		snprintf(err, errlen, "%s: not a JSON object", json);
		ret = FPB_EDATA;
		goto out;
	}
	schema = json_get(&root, "schema");
	if (!schema || schema->type != JSON_NUMBER ||
	    strcmp(schema->text, "1")) {
		snprintf(err, errlen, "%s: \"schema\" is %s, this reader knows schema %d",
			 json, schema && schema->text ? schema->text : "missing",
			 RESULTS_SCHEMA);
		ret = FPB_EDATA;
		goto out;
	}
	meta_fill(&r, &root, meta);
	ret = r.ret;
out:
	json_free(&root);
	free(buf);
	return ret;
}
