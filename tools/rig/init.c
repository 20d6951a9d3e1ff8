// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the emulated arm64 KVM host (tools/qemu-rig).
 *
 * PID 1 in a QEMU virt machine booted from a cpio initramfs that holds
 * this program, /fpbench and /rig/args (in the rig's system mode also a
 * Debian root file system and /rig/program, the program to run instead of
 * /fpbench). It prepares what fpbench needs (proc, sysfs, devtmpfs for
 * /dev/kvm, debugfs, a tmpfs for results, user space PMU access, a host
 * name for the results' metadata), runs "/fpbench <args>" in /tmp/out, and
 * reports everything back over the one channel the rig has: the serial
 * console.
 *
 * Console protocol (one record per line; the host ignores anything else,
 * e.g. kernel messages):
 *   ==RIG-BOOT <uname -r>==          init started
 *   ==RIG-START <argc>==             the command is about to run
 *   @O <text> / @E <text>            a line of the command's stdout / stderr
 *   @o <text> / @e <text>            same, but the original had no newline
 *   ==RIG-FILE <name> <size> <sha256>==
 *   <base64, 76 columns>             every regular file left in /tmp/out
 *   ==RIG-END==
 *   ==RIG-HOSTFILE <name> <size> <sha256>==
 *                                    same, but the bytes went straight into
 *                                    the host file <name> by semihosting
 *   ==RIG-EXIT <code>==              the command's exit status (128+signal)
 * then the machine powers off. Lines are prefixed rather than passed raw so
 * the host can tell the command's output from kernel messages and keep
 * stdout and stderr apart over a single serial line.
 *
 * The console moves about 0.5 MB/s (QEMU's PL011 writes each byte to the
 * host on its own), too slow for the samples of a full run. When the rig
 * enables semihosting (file /rig/semihosting; QEMU -semihosting-config
 * enable=on,target=native,userspace=on), files go through SYS_OPEN/SYS_WRITE
 * into QEMU's working directory instead, and only their record goes over the
 * console; any semihosting error falls back to base64 on the console.
 *
 * Run outside PID 1 (e.g. under qemu-aarch64-static) with "--frame FILE..."
 * it prints the FILE records only: the rig's self test checks the encoding
 * against the host's base64 and sha256sum with it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RIG_ARGS	"/rig/args"	/* fpbench arguments, one per line */
#define RIG_HOSTNAME	"/rig/hostname"	/* host name for the guest */
#define RIG_SEMIHOST	"/rig/semihosting"	/* exists: QEMU semihosting on */
/* one line describing the QEMU setup: FPBENCH_EMULATION for fpbench's metadata */
#define RIG_EMULATION	"/rig/emulation"
#define RIG_FPBENCH	"/fpbench"
/* exists: the program to run instead of /fpbench (its path, one line) */
#define RIG_PROGRAM	"/rig/program"
#define RIG_OUTDIR	"/tmp/out"	/* cwd of the command; all files here go back */
#define RIG_MAX_ARGS	256
#define RIG_CHUNK	4096		/* longest @O/@E payload before a split */
#define B64_COLS	76		/* input bytes per base64 line: 57 */

static void rig_msg(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Diagnostics of init itself, distinguishable from the command's output. */
static void rig_msg(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "rig-init: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf) - 1)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(STDOUT_FILENO, buf, n) < 0)
		return;
}

/* Set when the rig turned semihosting on: HLT #0xf000 is then QEMU's, not an undefined instruction. */
static int semihosting;

/* Write all of @len bytes; the console may take them in pieces. */
static int write_all(int fd, const void *p, size_t len)
{
	const char *c = p;

	while (len) {
		ssize_t n = write(fd, c, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += n;
		len -= n;
	}
	return 0;
}

/* ---- SHA-256 (FIPS 180-4), so the host can verify every file it gets ---- */

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t buf[64];
	size_t fill;
};

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror32(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(s->h, h0, sizeof(h0));
	s->bytes = 0;
	s->fill = 0;
}

static void sha256_block(struct sha256 *s, const uint8_t *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3];
	e = s->h[4]; f = s->h[5]; g = s->h[6]; h = s->h[7];
	for (i = 0; i < 64; i++) {
		uint32_t t1 = h + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
			      ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));

		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
	s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	s->bytes += len;
	while (len) {
		size_t n = 64 - s->fill;

		if (n > len)
			n = len;
		memcpy(s->buf + s->fill, p, n);
		s->fill += n;
		p += n;
		len -= n;
		if (s->fill == 64) {
			sha256_block(s, s->buf);
			s->fill = 0;
		}
	}
}

/* Finish and write the digest as 64 lower-case hex digits plus NUL. */
static void sha256_hex(struct sha256 *s, char out[65])
{
	uint64_t bits = s->bytes * 8;
	uint8_t pad[72] = { 0x80 };
	size_t padlen = (s->fill < 56 ? 56 : 120) - s->fill;
	int i;

	for (i = 0; i < 8; i++)
		pad[padlen + i] = bits >> (56 - 8 * i);
	sha256_update(s, pad, padlen + 8);
	for (i = 0; i < 8; i++)
		snprintf(out + 8 * i, 9, "%08x", s->h[i]);
}

/* ---- Semihosting (Arm's semihosting spec, AArch64 binding) ---- */

#define SH_SYS_OPEN	0x01	/* {name, mode, strlen(name)} -> handle or -1 */
#define SH_SYS_CLOSE	0x02	/* {handle} -> 0 or -1 */
#define SH_SYS_WRITE	0x05	/* {handle, buf, len} -> bytes NOT written */
#define SH_MODE_WB	5	/* fopen() mode "wb" */

/*
 * QEMU reads @params and the buffers they point to through the guest's page
 * tables, without taking page faults: pass only memory already touched.
 */
static long semihost_call(long op, const long *params)
{
	register long x0 asm("x0") = op;
	register const long *x1 asm("x1") = params;

	asm volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

/* Copy @fd (at offset 0) to the host file @name. Returns 0 or -1. */
static int semihost_send(int fd, const char *name)
{
	static uint8_t buf[256 * 1024];
	long params[3], handle;
	ssize_t n;
	int rc = 0;

	params[0] = (long)name;
	params[1] = SH_MODE_WB;
	params[2] = strlen(name);
	handle = semihost_call(SH_SYS_OPEN, params);
	if (handle == -1) {
		rig_msg("semihosting: cannot create %s on the host", name);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		params[0] = handle;
		params[1] = (long)buf;
		params[2] = n;
		if (semihost_call(SH_SYS_WRITE, params) != 0) {
			rig_msg("semihosting: short write to %s", name);
			rc = -1;
			break;
		}
	}
	if (n < 0)
		rc = -1;
	params[0] = handle;
	semihost_call(SH_SYS_CLOSE, params);
	return rc;
}

/* ---- Framing of result files ---- */

static void base64_line(const uint8_t *in, size_t len, char *out)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 3 <= len; i += 3) {
		uint32_t v = in[i] << 16 | in[i + 1] << 8 | in[i + 2];

		*out++ = tab[v >> 18];
		*out++ = tab[(v >> 12) & 63];
		*out++ = tab[(v >> 6) & 63];
		*out++ = tab[v & 63];
	}
	if (i < len) {
		uint32_t v = in[i] << 16 | (i + 1 < len ? in[i + 1] << 8 : 0);

		*out++ = tab[v >> 18];
		*out++ = tab[(v >> 12) & 63];
		*out++ = i + 1 < len ? tab[(v >> 6) & 63] : '=';
		*out++ = '=';
	}
	*out++ = '\n';
	*out = '\0';
}

/*
 * Frame one file. Two passes (hash, then send) so the header carries the
 * checksum; the file is on tmpfs and no longer written to, so both passes see
 * the same bytes. Returns 0, or -1 if the file could not be read.
 */
static int frame_file(const char *path, const char *name)
{
	uint8_t in[B64_COLS / 4 * 3 * 64];
	char line[B64_COLS + 2], hex[65], hdr[512];
	struct sha256 s;
	struct stat st;
	uint64_t size;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		rig_msg("cannot read %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	sha256_init(&s);
	while ((n = read(fd, in, sizeof(in))) > 0)
		sha256_update(&s, in, n);
	if (n < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		rig_msg("cannot read %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	size = s.bytes;		/* before padding counts into it */
	sha256_hex(&s, hex);
	if (semihosting) {
		if (semihost_send(fd, name) == 0) {
			n = snprintf(hdr, sizeof(hdr), "==RIG-HOSTFILE %s %llu %s==\n",
				     name, (unsigned long long)size, hex);
			write_all(STDOUT_FILENO, hdr, n);
			close(fd);
			return 0;
		}
		if (lseek(fd, 0, SEEK_SET) < 0) {
			close(fd);
			return -1;
		}
		rig_msg("%s: falling back to the console", name);
	}
	n = snprintf(hdr, sizeof(hdr), "==RIG-FILE %s %llu %s==\n", name,
		     (unsigned long long)size, hex);
	write_all(STDOUT_FILENO, hdr, n);

	/* Whole base64 lines per write keep other console writers out of them. */
	for (;;) {
		size_t got = 0, off;

		while (got < sizeof(in)) {
			n = read(fd, in + got, sizeof(in) - got);
			if (n <= 0)
				break;
			got += n;
		}
		for (off = 0; off < got; off += B64_COLS / 4 * 3) {
			size_t len = got - off;

			if (len > B64_COLS / 4 * 3)
				len = B64_COLS / 4 * 3;
			base64_line(in + off, len, line);
			write_all(STDOUT_FILENO, line, strlen(line));
		}
		if (got < sizeof(in))
			break;
	}
	close(fd);
	write_all(STDOUT_FILENO, "==RIG-END==\n", 12);
	return 0;
}

/* Names the host accepts: no path separators, spaces or control chars. */
static int name_ok(const char *name)
{
	const char *c;

	if (!*name || *name == '.')
		return 0;
	for (c = name; *c; c++)
		if (!(*c >= 'a' && *c <= 'z') && !(*c >= 'A' && *c <= 'Z') &&
		    !(*c >= '0' && *c <= '9') && !strchr("._-", *c))
			return 0;
	return 1;
}

/* Send every regular file of @dir, in name order. Returns failures. */
static int frame_dir(const char *dir)
{
	struct dirent **ents;
	int i, nr, bad = 0;

	nr = scandir(dir, &ents, NULL, alphasort);
	if (nr < 0) {
		rig_msg("cannot list %s: %s", dir, strerror(errno));
		return 1;
	}
	for (i = 0; i < nr; i++) {
		char path[4096];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (!name_ok(ents[i]->d_name)) {
				rig_msg("not sending %s: unsafe name", path);
				bad++;
			} else if (frame_file(path, ents[i]->d_name)) {
				bad++;
			}
		}
		free(ents[i]);
	}
	free(ents);
	return bad;
}

/* ---- Running the command ---- */

/* One output stream of the command, forwarded line by line with a prefix. */
struct stream {
	int fd;
	char tag;		/* 'O' stdout, 'E' stderr */
	char buf[RIG_CHUNK + 4];
	size_t fill;		/* payload bytes after the 3-byte prefix */
};

static void stream_emit(struct stream *st, int newline)
{
	st->buf[0] = '@';
	st->buf[1] = newline ? st->tag : st->tag - 'A' + 'a';
	st->buf[2] = ' ';
	st->buf[3 + st->fill] = '\n';
	write_all(STDOUT_FILENO, st->buf, st->fill + 4);
	st->fill = 0;
}

/* Read what is there; returns 0 at EOF. */
static int stream_pump(struct stream *st)
{
	char in[1024];
	ssize_t n, i;

	n = read(st->fd, in, sizeof(in));
	if (n < 0 && errno == EINTR)
		return 1;
	if (n <= 0) {
		if (st->fill)
			stream_emit(st, 0);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (in[i] == '\n') {
			stream_emit(st, 1);
			continue;
		}
		st->buf[3 + st->fill++] = in[i];
		if (st->fill == RIG_CHUNK)
			stream_emit(st, 0);
	}
	return 1;
}

static void read_line(const char *path, char *buf, size_t len);

/* argv for fpbench (or RIG_PROGRAM) from RIG_ARGS; returns argc or -1. */
static int read_args(char **argv, int max)
{
	static char data[65536], program[256];
	int fd, argc = 0;
	ssize_t n, len = 0;
	char *p, *nl;

	fd = open(RIG_ARGS, O_RDONLY);
	if (fd < 0) {
		rig_msg("cannot open %s: %s", RIG_ARGS, strerror(errno));
		return -1;
	}
	while ((n = read(fd, data + len, sizeof(data) - 1 - len)) > 0)
		len += n;
	close(fd);
	data[len] = '\0';

	read_line(RIG_PROGRAM, program, sizeof(program));
	argv[argc++] = *program ? program : RIG_FPBENCH;
	for (p = data; *p && argc < max - 1; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl) {
			rig_msg("%s: last line lacks its newline", RIG_ARGS);
			return -1;
		}
		*nl = '\0';
		argv[argc++] = p;
	}
	if (*p) {
		rig_msg("%s: more than %d arguments", RIG_ARGS, max - 2);
		return -1;
	}
	argv[argc] = NULL;
	return argc;
}

/* Run the command with both outputs forwarded; returns its exit code. */
static int run_command(char **argv)
{
	struct stream out = { .tag = 'O' }, err = { .tag = 'E' };
	int opipe[2], epipe[2], status, open_nr = 2;
	pid_t pid, w;

	if (pipe2(opipe, O_CLOEXEC) || pipe2(epipe, O_CLOEXEC)) {
		rig_msg("pipe: %s", strerror(errno));
		return 127;
	}
	pid = fork();
	if (pid < 0) {
		rig_msg("fork: %s", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		/* Nothing types on the console: a read must see EOF, not hang. */
		int null = open("/dev/null", O_RDONLY);

		if (null >= 0)
			dup2(null, STDIN_FILENO);
		dup2(opipe[1], STDOUT_FILENO);
		dup2(epipe[1], STDERR_FILENO);
		execv(argv[0], argv);
		fprintf(stderr, "rig-init: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(opipe[1]);
	close(epipe[1]);
	out.fd = opipe[0];
	err.fd = epipe[0];

	while (open_nr) {
		struct pollfd pfd[2] = {
			{ .fd = out.fd, .events = POLLIN },
			{ .fd = err.fd, .events = POLLIN },
		};

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			rig_msg("poll: %s", strerror(errno));
			break;
		}
		if (pfd[0].revents && !stream_pump(&out)) {
			close(out.fd);
			out.fd = -1;
			open_nr--;
		}
		if (pfd[1].revents && !stream_pump(&err)) {
			close(err.fd);
			err.fd = -1;
			open_nr--;
		}
	}

	/* PID 1 inherits orphans: reap until our own child is seen. */
	while ((w = wait(&status)) != pid) {
		if (w < 0 && errno != EINTR) {
			rig_msg("wait: %s", strerror(errno));
			return 127;
		}
	}
	if (WIFSIGNALED(status)) {
		rig_msg("%s killed by signal %d", argv[0], WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

/* ---- Machine setup ---- */

static void mount_one(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) && errno != EBUSY)
		rig_msg("mount %s on %s: %s", type, dir, strerror(errno));
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write_all(fd, val, strlen(val)))
		rig_msg("cannot write '%s' to %s: %s", val, path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* First line of a small file, without its newline; "" if absent. */
static void read_line(const char *path, char *buf, size_t len)
{
	ssize_t n = -1;
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		n = read(fd, buf, len - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

static void hostname_from_host(void)
{
	char buf[65];

	read_line(RIG_HOSTNAME, buf, sizeof(buf));
	if (*buf && sethostname(buf, strlen(buf)))
		rig_msg("sethostname %s: %s", buf, strerror(errno));
}

/* Console as fds 0-2: the initramfs has no /dev/console node to inherit. */
static void console_open(void)
{
	int fd;

	mount_one("devtmpfs", "/dev", "devtmpfs");
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;		/* nothing to report to; the host times out */
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
}

static int frame_only(int argc, char **argv)
{
	int i, bad = 0;

	for (i = 0; i < argc; i++) {
		const char *name = strrchr(argv[i], '/');

		bad += !!frame_file(argv[i], name ? name + 1 : argv[i]);
	}
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	char *args[RIG_MAX_ARGS + 1], msg[128], emulation[160];
	struct utsname u;
	int nr, code;

	if (getpid() != 1) {
		if (argc >= 3 && !strcmp(argv[1], "--frame"))
			return frame_only(argc - 2, argv + 2);
		fprintf(stderr, "usage: %s --frame FILE...   (as PID 1: the rig's init)\n",
			argv[0]);
		return 2;
	}

	console_open();
	uname(&u);
	snprintf(msg, sizeof(msg), "==RIG-BOOT %s==\n", u.release);
	write_all(STDOUT_FILENO, msg, strlen(msg));

	mount_one("proc", "/proc", "proc");
	mount_one("sysfs", "/sys", "sysfs");
	mount_one("debugfs", "/sys/kernel/debug", "debugfs");
	mount_one("tmpfs", "/tmp", "tmpfs");
	/* fpbench reads the PMU counter with mrs instead of read(2). */
	write_file("/proc/sys/kernel/perf_user_access", "1");
	mkdir(RIG_OUTDIR, 0755);
	/*
	 * No date from the host: whatever the guest computes before the
	 * measurement shifts, under -icount, where every later timer interrupt
	 * lands, so it must be the same in every boot. The guest clock starts
	 * at 1970; the rig hands the run its host date as fpbench run --date,
	 * a string copied unparsed (results_meta_set_date()).
	 */
	hostname_from_host();
	semihosting = access(RIG_SEMIHOST, F_OK) == 0;
	/* A named -cpu has a real MIDR: only the rig knows this is TCG. */
	read_line(RIG_EMULATION, emulation, sizeof(emulation));
	if (*emulation)
		setenv("FPBENCH_EMULATION", emulation, 1);

	nr = read_args(args, RIG_MAX_ARGS);
	if (nr < 0) {
		code = 127;
	} else if (chdir(RIG_OUTDIR)) {
		rig_msg("chdir %s: %s", RIG_OUTDIR, strerror(errno));
		code = 127;
	} else {
		snprintf(msg, sizeof(msg), "==RIG-START %d==\n", nr - 1);
		write_all(STDOUT_FILENO, msg, strlen(msg));
		code = run_command(args);
	}

	/* Only emergencies from the kernel while files go out. */
	write_file("/proc/sys/kernel/printk", "1");
	/* A missing file shows on the host; keep the command's own code. */
	frame_dir(RIG_OUTDIR);
	snprintf(msg, sizeof(msg), "==RIG-EXIT %d==\n", code);
	write_all(STDOUT_FILENO, msg, strlen(msg));

	sync();
	reboot(RB_POWER_OFF);
	rig_msg("reboot: %s", strerror(errno));
	for (;;)
		pause();
}
