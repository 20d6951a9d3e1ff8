/* SPDX-License-Identifier: GPL-2.0 */
/* The one JSON string writer of the metadata, info and compare outputs. */
#ifndef FPBENCH_JSON_H
#define FPBENCH_JSON_H

#include <stdio.h>

/* @s as a JSON string: quotes, backslashes, control characters escaped. */
void json_put_string(FILE *f, const char *s);

#endif
