// SPDX-License-Identifier: GPL-2.0
/*
 * File primitives of the results files: names (BASE.csv, BASE.json ...),
 * crash-safe whole-file writes (temporary file, fsync, rename, directory
 * fsync) and whole-file reads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results_int.h"

int results_path(const char *base_or_csv, const char *suffix,
		 char *buf, size_t len)
{
	static const char *const exts[] = { ".samples.csv.partial",
					    ".samples.csv", ".csv", ".json" };
	char *in = strdup(base_or_csv);	/* @buf may be @base_or_csv */
	size_t n;
	int ret;

	if (!in)
		return snprintf(buf, len, "%s", "");
	n = strlen(in);
	for (size_t i = 0; i < ARRAY_SIZE(exts); i++) {
		size_t e = strlen(exts[i]);

		if (n > e && !strcmp(in + n - e, exts[i])) {
			n -= e;
			break;
		}
	}
	in[n] = 0;
	ret = snprintf(buf, len, "%s%s", in, suffix);
	free(in);
	return ret;
}

/* Make a rename durable: fsync the directory holding @path. */
void results_fsync_dir_of(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int fd;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);	/* best effort: some filesystems refuse */
		close(fd);
	}
}

/* Close @f after flushing it to disk; -1 (errno set) on any failure. */
int results_close_synced(FILE *f)
{
	int ret = 0;

	if (fflush(f) || fsync(fileno(f)))
		ret = -1;
	if (fclose(f))
		ret = -1;
	return ret;
}

/* Write a file whole through "@path.tmp" and rename it into place. */
int results_write_atomic(const char *path, int (*fill)(FILE *, const void *),
			 const void *arg)
{
	char tmp[4096];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		fprintf(stderr, "fpbench: path too long: %s\n", path);
		return FPB_EENV;
	}
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "fpbench: cannot create %s: %s\n", tmp, strerror(errno));
		return FPB_EENV;
	}
	if (fill(f, arg) || ferror(f)) {
		fprintf(stderr, "fpbench: cannot write %s: %s\n", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return FPB_EENV;
	}
	if (results_close_synced(f) || rename(tmp, path)) {
		fprintf(stderr, "fpbench: cannot write %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return FPB_EENV;
	}
	results_fsync_dir_of(path);
	return FPB_OK;
}

/*
 * Whole file in memory, NUL-terminated. Empty files are data errors, and
 * for @csv so is a last line without '\n' (a truncated write).
 */
int results_slurp(const char *path, bool csv, char **out, size_t *len,
		  char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	size_t cap = 65536, n = 0;
	char *buf;

	/* A missing, unreadable or directory input is bad input (3), like a
	 * malformed one; only running out of memory is the environment (6). */
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return FPB_EDATA;
	}
	buf = malloc(cap + 1);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap)
			break;
		cap *= 2;
		char *nb = realloc(buf, cap + 1);

		if (!nb) {
			free(buf);
			buf = NULL;
		}
		buf = nb;
	}
	if (!buf || ferror(f)) {
		int rc = buf ? FPB_EDATA : FPB_EENV;

		snprintf(err, errlen, "%s: cannot read: %s", path,
			 buf ? strerror(errno) : "out of memory");
		free(buf);
		fclose(f);
		return rc;
	}
	fclose(f);
	buf[n] = 0;
	if (!n) {
		snprintf(err, errlen, "%s: empty file", path);
		free(buf);
		return FPB_EDATA;
	}
	if (strlen(buf) != n) {
		snprintf(err, errlen, "%s: binary data (NUL byte) in a text file", path);
		free(buf);
		return FPB_EDATA;
	}
	if (csv && buf[n - 1] != '\n') {
		size_t line = 1;

		for (size_t i = 0; i < n; i++)
			line += buf[i] == '\n';
		snprintf(err, errlen,
			 "%s:%zu: last line has no trailing newline (truncated file?)",
			 path, line);
		free(buf);
		return FPB_EDATA;
	}
	*out = buf;
	*len = n;
	return FPB_OK;
}
