// SPDX-License-Identifier: GPL-2.0
/* PLACEHOLDER: replaced by the owner of this subcommand. */
#include <stdio.h>

#include "commands.h"
#include "fpbench.h"

int cmd_run(int argc, char **argv)
{
	fprintf(stderr, "fpbench run: not implemented yet\n");
	return FPB_FAIL;
}
