// SPDX-License-Identifier: GPL-2.0
/*
 * --fp-mode for every command (fpmode.h): one parser, one order, one knob
 * writer that verifies the mode before the harness labels a batch with it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fpmode.h"
#include "harness.h"
#include "sysinfo.h"

/* The words and their modes, in the order their batches alternate. */
static const struct {
	const char *word;
	enum fp_mode modes[FP_MODE_NR];
	unsigned int nr;
} fpmode_words[] = {
	{ "current",	{ FP_MODE_UNKNOWN }, 1 },
	{ "eager",	{ FP_MODE_EAGER }, 1 },
	{ "lazy",	{ FP_MODE_LAZY }, 1 },
	{ "lazy_keep",	{ FP_MODE_LAZY_KEEP }, 1 },
	{ "both",	{ FP_MODE_EAGER, FP_MODE_LAZY }, 2 },
	{ "all",	{ FP_MODE_EAGER, FP_MODE_LAZY, FP_MODE_LAZY_KEEP }, 3 },
};

static const struct fpmode_knob fpmode_sysinfo_knob = {
	.write = sysinfo_write_fp_mode,
	.read = sysinfo_fp_mode,
};
static const struct fpmode_knob *fpmode_knob = &fpmode_sysinfo_knob;

/* What fpmode_setup() found, and whether a write since has changed it. */
static enum fp_mode fpmode_found = FP_MODE_UNKNOWN;
static bool fpmode_written;

void fpmode_set_knob(const struct fpmode_knob *k)
{
	fpmode_knob = k ? k : &fpmode_sysinfo_knob;
}

int fpmode_parse(const char *word, struct fpmode_list *l, char *err, size_t len)
{
	memset(l, 0, sizeof(*l));
	for (size_t i = 0; word && i < ARRAY_SIZE(fpmode_words); i++) {
		if (strcmp(word, fpmode_words[i].word))
			continue;
		memcpy(l->modes, fpmode_words[i].modes, sizeof(l->modes));
		l->nr = fpmode_words[i].nr;
		l->current = i == 0;
		return FPB_OK;
	}
	/* A list is the natural mistake: say that both/all are the lists. */
	snprintf(err, len, "--fp-mode: '%s' is not one of " FPMODE_WORDS "%s",
		 word ? word : "", word && strchr(word, ',') ?
		 " (one word: both and all name the mode lists)" : "");
	return FPB_EUSAGE;
}

int fpmode_setup(const char *word, struct harness_params *p,
		 char *err, size_t len)
{
	struct fpmode_list l;
	int ret = fpmode_parse(word, &l, err, len);

	if (ret)
		return ret;
	fpmode_found = fpmode_knob->read();
	fpmode_written = false;
	memcpy(p->modes, l.modes, sizeof(p->modes));
	p->nr_modes = l.nr;
	if (l.current) {
		p->modes[0] = fpmode_found;
		p->set_mode = NULL;
		return FPB_OK;
	}
	if (fpmode_found == FP_MODE_UNKNOWN) {
		snprintf(err, len, "--fp-mode %s needs /sys/module/kvm/parameters/fp_eager: kernel has no kvm.fp_eager knob (a kernel with kernel-patches/ applied has it); --fp-mode current measures the kernel as it is",
			 word);
		return FPB_SKIP;
	}
	p->set_mode = fpmode_set;
	return FPB_OK;
}

int fpmode_set(enum fp_mode mode, char *reason, size_t len)
{
	int v = sysinfo_fp_knob_value(mode);
	enum fp_mode now;
	int r;

	if (v < 0) {
		snprintf(reason, len, "fp mode %s cannot be set",
			 mode < FP_MODE_NR ? fp_mode_names[mode] : "?");
		return FPB_EUSAGE;
	}
	r = fpmode_knob->write(mode);
	fpmode_written |= r == 0;
	switch (r) {
	case 0:
		break;
	case -ENOENT:
		snprintf(reason, len, "kernel has no kvm.fp_eager knob (unpatched)");
		return FPB_SKIP;
	case -EINVAL:
	case -ERANGE:
		/* The knob's range tells a kernel without the mode. */
		if (mode == FP_MODE_LAZY_KEEP)
			snprintf(reason, len, "kernel refuses fp_eager=%d (knob accepts 0..1; kernel without lazy_keep)",
				 v);
		else
			snprintf(reason, len, "kernel refuses fp_eager=%d (%s)",
				 v, strerror(-r));
		return FPB_SKIP;
	case -EPERM:
		snprintf(reason, len, "kernel refuses fp_eager=%d (%s; protected KVM?)",
			 v, strerror(-r));
		return FPB_SKIP;
	case -EACCES:
		/*
		 * The knob is root's (0644): a user measures the mode that is
		 * in effect, and every other mode is a skip with the reason.
		 */
		now = fpmode_knob->read();
		if (now == mode)
			return FPB_OK;
		snprintf(reason, len, "kvm.fp_eager is root's (%s): as this user only the kernel's current mode (%s) runs",
			 strerror(-r), now < FP_MODE_NR ? fp_mode_names[now] : "?");
		return FPB_SKIP;
	default:
		/* Not the kernel's verdict on the mode: the run's environment. */
		snprintf(reason, len, "cannot write kvm.fp_eager=%d: %s",
			 v, strerror(-r));
		return FPB_EENV;
	}
	/* A batch is labelled with the mode vcpu_load will use, or not run. */
	now = fpmode_knob->read();
	if (now != mode) {
		snprintf(reason, len, "fp_eager=%d written but reads back %s: %s not in effect",
			 v, fp_mode_names[now], fp_mode_names[mode]);
		return FPB_SKIP;
	}
	return FPB_OK;
}

void fpmode_restore(void)
{
	if (fpmode_written && fpmode_found != FP_MODE_UNKNOWN)
		fpmode_knob->write(fpmode_found);
	fpmode_written = false;
}
