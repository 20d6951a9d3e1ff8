/* SPDX-License-Identifier: GPL-2.0 */
/* Subcommands of the fpbench driver: one file each under bench/. */
#ifndef FPBENCH_COMMANDS_H
#define FPBENCH_COMMANDS_H

/*
 * Each takes argv with argv[0] = subcommand name, handles its own --help,
 * and returns an enum fpb_status exit code.
 */
int cmd_info(int argc, char **argv);	/* info.c */
int cmd_kvm(int argc, char **argv);	/* kvm_pingpong.c */
int cmd_ctxsw(int argc, char **argv);	/* ctxsw.c */
int cmd_run(int argc, char **argv);	/* run.c */
int cmd_compare(int argc, char **argv);	/* compare.c */
int cmd_history(int argc, char **argv);	/* history.c */
int cmd_plotdata(int argc, char **argv);	/* plotdata.c */
int cmd_trace_merge(int argc, char **argv);	/* trace_merge.c */
int cmd_report(int argc, char **argv);	/* report.c */
int cmd_check(int argc, char **argv);	/* check.c */

#endif
