/* SPDX-License-Identifier: GPL-2.0 */
/* The one JSON string writer of the metadata, info and compare outputs,
 * and the parser the metadata reader uses. */
#ifndef FPBENCH_JSON_H
#define FPBENCH_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* @s as a JSON string: quotes, backslashes, control characters escaped. */
void json_put_string(FILE *f, const char *s);

/* A parsed value: numbers keep their text, objects their keys in order. */
enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY,
		 JSON_OBJECT };

struct json_node {
	enum json_type type;
	bool b;
	char *text;			/* string value, or number as written */
	struct json_node *kids;		/* array elements / object values */
	char **keys;			/* object keys */
	size_t n;
};

/*
 * Parse the whole document @s (@len bytes, from file @path for messages)
 * into @root: 0, or -1 with "path:line: bad JSON: what" in @err.
 */
int json_parse(const char *s, size_t len, const char *path,
	       struct json_node *root, char *err, size_t errlen);
/* The value of @key in object @obj; NULL when absent or @obj no object. */
const struct json_node *json_get(const struct json_node *obj, const char *key);
void json_free(struct json_node *n);

#endif
