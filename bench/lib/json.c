// SPDX-License-Identifier: GPL-2.0
/*
 * JSON for kvm-fpbench: the string writer shared by the results metadata,
 * fpbench info and compare, and a small parser (DOM) for reading the
 * metadata back (results_meta.c): strict RFC 8259, bounded depth.
 */
#include <stdlib.h>
#include <string.h>

#include "fpbench.h"
#include "json.h"

void json_put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);	/* UTF-8 passes through */
		}
	}
	fputc('"', f);
}

/* ---- parser ---- */

struct json_parser {
	const char *s;
	size_t pos, len;
	unsigned int line, depth;
	const char *path;
	char *err;
	size_t errlen;
};

/* Deep documents are not ours: refuse rather than recurse without bound. */
#define JSON_MAX_DEPTH	32

static int json_fail(struct json_parser *p, const char *what)
{
	snprintf(p->err, p->errlen, "%s:%u: bad JSON: %s", p->path, p->line, what);
	return -1;
}

static void json_ws(struct json_parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];

		if (c == '\n')
			p->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			return;
		p->pos++;
	}
}

void json_free(struct json_node *n)
{
	for (size_t i = 0; i < n->n; i++) {
		json_free(&n->kids[i]);
		if (n->keys)
			free(n->keys[i]);
	}
	free(n->kids);
	free(n->keys);
	free(n->text);
	memset(n, 0, sizeof(*n));
}

static int json_hex4(struct json_parser *p, unsigned int *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p->pos < p->len ? p->s[p->pos++] : 0;

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return json_fail(p, "bad \\u escape");
	}
	return 0;
}

/* Parse a string at p->pos (at the opening quote) into malloc'd UTF-8. */
static int json_string_value(struct json_parser *p, char **out)
{
	size_t cap = 32, n = 0;
	char *buf = malloc(cap);

	if (!buf)
		return json_fail(p, "out of memory");
	p->pos++;	/* opening quote */
	while (1) {
		unsigned char c;
		char enc[4];
		size_t k = 0;

		if (p->pos >= p->len) {
			free(buf);
			return json_fail(p, "unterminated string");
		}
		c = p->s[p->pos++];
		if (c == '"')
			break;
		if (c < 0x20) {
			free(buf);
			return json_fail(p, "control character in string");
		}
		if (c != '\\') {
			enc[k++] = c;
		} else {
			char e = p->pos < p->len ? p->s[p->pos++] : 0;
			unsigned int cp, lo;

			switch (e) {
			case '"': case '\\': case '/':
				enc[k++] = e;
				break;
			case 'b': enc[k++] = '\b'; break;
			case 'f': enc[k++] = '\f'; break;
			case 'n': enc[k++] = '\n'; break;
			case 'r': enc[k++] = '\r'; break;
			case 't': enc[k++] = '\t'; break;
			case 'u':
				if (json_hex4(p, &cp)) {
					free(buf);
					return -1;
				}
				/* A surrogate pair encodes one code point above U+FFFF. */
				if (cp >= 0xd800 && cp < 0xdc00 && p->pos + 1 < p->len &&
				    p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
					p->pos += 2;
					if (json_hex4(p, &lo)) {
						free(buf);
						return -1;
					}
					if (lo < 0xdc00 || lo > 0xdfff) {
						free(buf);
						return json_fail(p, "bad surrogate pair");
					}
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				}
				if (!cp || (cp >= 0xd800 && cp < 0xe000)) {
					free(buf);
					return json_fail(p, "\\u0000 or lone surrogate");
				}
				if (cp < 0x80) {
					enc[k++] = cp;
				} else if (cp < 0x800) {
					enc[k++] = 0xc0 | (cp >> 6);
					enc[k++] = 0x80 | (cp & 0x3f);
				} else if (cp < 0x10000) {
					enc[k++] = 0xe0 | (cp >> 12);
					enc[k++] = 0x80 | ((cp >> 6) & 0x3f);
					enc[k++] = 0x80 | (cp & 0x3f);
				} else {
					enc[k++] = 0xf0 | (cp >> 18);
					enc[k++] = 0x80 | ((cp >> 12) & 0x3f);
					enc[k++] = 0x80 | ((cp >> 6) & 0x3f);
					enc[k++] = 0x80 | (cp & 0x3f);
				}
				break;
			default:
				free(buf);
				return json_fail(p, "bad escape in string");
			}
		}
		if (n + k + 1 > cap) {
			char *nb = realloc(buf, cap *= 2);

			if (!nb) {
				free(buf);
				return json_fail(p, "out of memory");
			}
			buf = nb;
		}
		memcpy(buf + n, enc, k);
		n += k;
	}
	buf[n] = 0;
	*out = buf;
	return 0;
}

static int json_value(struct json_parser *p, struct json_node *out);

static int json_push(struct json_parser *p, struct json_node *parent,
		     size_t *cap, char *key)
{
	if (parent->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct json_node *nk = realloc(parent->kids, ncap * sizeof(*nk));

		if (!nk)
			return json_fail(p, "out of memory");
		parent->kids = nk;
		if (parent->type == JSON_OBJECT) {
			char **nkeys = realloc(parent->keys, ncap * sizeof(*nkeys));

			if (!nkeys)
				return json_fail(p, "out of memory");
			parent->keys = nkeys;
		}
		*cap = ncap;
	}
	memset(&parent->kids[parent->n], 0, sizeof(parent->kids[0]));
	if (parent->type == JSON_OBJECT)
		parent->keys[parent->n] = key;
	parent->n++;
	return json_value(p, &parent->kids[parent->n - 1]);
}

static int json_container(struct json_parser *p, struct json_node *out,
			  bool object)
{
	char close = object ? '}' : ']';
	size_t cap = 0;

	out->type = object ? JSON_OBJECT : JSON_ARRAY;
	if (++p->depth > JSON_MAX_DEPTH)
		return json_fail(p, "nested too deeply");
	p->pos++;
	json_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		p->depth--;
		return 0;
	}
	while (1) {
		char *key = NULL;

		json_ws(p);
		if (object) {
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return json_fail(p, "expected a \"key\"");
			if (json_string_value(p, &key))
				return -1;
			json_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':') {
				free(key);
				return json_fail(p, "expected ':' after a key");
			}
			p->pos++;
		}
		if (json_push(p, out, &cap, key)) {
			/* json_push stored the key unless growing failed. */
			if (out->n == 0 || (object && out->keys[out->n - 1] != key))
				free(key);
			return -1;
		}
		json_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close) {
			p->pos++;
			p->depth--;
			return 0;
		}
		return json_fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

/* Skip a run of decimal digits; whether there was at least one. */
static bool json_digits(struct json_parser *p)
{
	size_t start = p->pos;

	while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
		p->pos++;
	return p->pos > start;
}

static int json_number(struct json_parser *p, struct json_node *out)
{
	size_t start = p->pos;
	const char *s = p->s;

	/* JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
	if (p->pos < p->len && s[p->pos] == '-')
		p->pos++;
	if (!json_digits(p))
		return json_fail(p, "unexpected character");
	if (p->pos < p->len && s[p->pos] == '.') {
		p->pos++;
		if (!json_digits(p))
			return json_fail(p, "bad number");
	}
	if (p->pos < p->len && (s[p->pos] == 'e' || s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (s[p->pos] == '+' || s[p->pos] == '-'))
			p->pos++;
		if (!json_digits(p))
			return json_fail(p, "bad number");
	}
	out->type = JSON_NUMBER;
	out->text = strndup(s + start, p->pos - start);
	return out->text ? 0 : json_fail(p, "out of memory");
}

static int json_value(struct json_parser *p, struct json_node *out)
{
	static const struct {
		const char *word;
		enum json_type type;
		bool b;
	} words[] = {
		{ "true", JSON_BOOL, true },
		{ "false", JSON_BOOL, false },
		{ "null", JSON_NULL, false },
	};

	json_ws(p);
	if (p->pos >= p->len)
		return json_fail(p, "unexpected end of file");
	switch (p->s[p->pos]) {
	case '{':
		return json_container(p, out, true);
	case '[':
		return json_container(p, out, false);
	case '"':
		out->type = JSON_STRING;
		return json_string_value(p, &out->text);
	}
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		size_t l = strlen(words[i].word);

		if (p->len - p->pos >= l && !strncmp(p->s + p->pos, words[i].word, l)) {
			p->pos += l;
			out->type = words[i].type;
			out->b = words[i].b;
			return 0;
		}
	}
	return json_number(p, out);
}

const struct json_node *json_get(const struct json_node *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return &obj->kids[i];
	return NULL;
}

int json_parse(const char *s, size_t len, const char *path,
	       struct json_node *root, char *err, size_t errlen)
{
	struct json_parser p = { .s = s, .len = len, .line = 1, .path = path,
				 .err = err, .errlen = errlen };

	memset(root, 0, sizeof(*root));
	if (json_value(&p, root))
		goto fail;
	json_ws(&p);
	if (p.pos == p.len)
		return 0;
	json_fail(&p, "trailing data after the object");
fail:
	json_free(root);
	return -1;
}
