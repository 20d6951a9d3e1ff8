#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Checks a quick emulated run against the issue's acceptance conditions
# (results/README.md schema). With two summaries (two boots of the same
# run) also checks that instruction counts repeat exactly: under
# qemu -icount shift=0 they are deterministic, so any difference is a bug in
# the harness (state leaking between rows, unpinned threads, ...).
#
#   check-results.sh [--fpbench PATH] [--trace] A.csv [B.csv]
#
# The judgement is fpbench check's (bench/check.c), reading rows through
# the results library: PATH, else $FPBENCH, else fpbench on PATH; an
# aarch64 binary runs under qemu-aarch64-static on other machines.
# Conditions, each printed as "ok" or "not ok" with the offending row:
#  - header is schema 1's, every row has as many fields, no key twice (the
#    reader; fpbench check says "malformed" with exit 3, reported here as
#    a "not ok" and exit 1: the file was there, its content is wrong)
#  - bench kvm x exit {mmio,hvc} x host_fp {none,fpsimd,sve} x guest_fp
#    {none,fpsimd,sve}: status ok, and host_fp sve at >= 3 VLs (--require)
#  - bench ctxsw x exit {futex,vcpu} x host_fp {none,fpsimd,sve} (sve at
#    >= 3 VLs): status ok
#  - every row: integrity_failures 0, emulated 1, status ok or (SME kinds
#    only) skip; ok rows have a baseline, and a numeric instructions_median
#    when the host counted them (unit cycles). Rows the guest or a timer
#    times itself (kvm/hvc, ctxsw/vcpu: unit cntvct) cannot have one: the
#    host sees only the batch, not the iteration
#  - A and B: same keys, and every row identical in every column: under
#    -icount shift=0 with one vCPU (tools/qemu-rig) two boots execute the
#    same instructions, so medians, percentiles, batch totals and the
#    trace columns repeat exactly (results/qemu-max/README.md,
#    "Repeatability"); the first differing column of a row is named
#  - A.json exists and says "emulated": true
#  - --trace: every ok row of bench kvm has numeric tr_* columns (the
#    emulated host's trace was merged)
#  - --trace: on every host-timed row (unit cycles) with a trace,
#    instructions_median - baseline - tr_instructions has one value, at
#    most 4 away from 0 (seen: +2 on every row; PMU and plugin count the
#    same code, the markers cancel against the baseline; the 2 are not
#    traced to their cause)
# Exit 0 all hold, 1 any fails, 2 usage, 3 unreadable input.
set -uo pipefail
fpbench=${FPBENCH:-fpbench} trace=0
usage() { echo "usage: $0 [--fpbench PATH] [--trace] A.csv [B.csv]" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	--fpbench) [ $# -ge 2 ] || usage; fpbench=$2; shift 2 ;;
	--trace) trace=1; shift ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] && [ $# -le 2 ] || usage
for f in "$@"; do
	[ -r "$f" ] || { echo "not ok: cannot read $f"; exit 3; }
done

# Required coverage: each bench/exit x host kind (x guest kind where the
# bench has a guest FP state), with ok rows; host sve at >= 3 VLs.
host_kinds="none fpsimd sve"
min_vls_sve=3
#	bench/exit	guest kinds ("": not a dimension of the bench)
combos="kvm/mmio	none fpsimd sve
kvm/hvc		none fpsimd sve
ctxsw/futex
ctxsw/vcpu"
require=
while read -r be guests; do
	for h in $host_kinds; do
		n=
		[ "$h" = sve ] && n=:$min_vls_sve
		if [ -n "$guests" ]; then
			for g in $guests; do require+="${require:+,}$be/host=$h/guest=$g/*$n"; done
		else
			require+="${require:+,}$be/host=$h/*$n"
		fi
	done
done <<<"$combos"

# The checks, one fpbench check per line: on A, or on B against A (the
# line ends in --repeat, A its reference). Options split on blanks.
# PMU agreement: the PMU median minus the baseline and the traced iteration.
main="--require-ok --allow-skip ssve,za,zt0 --emulated yes --unit cycles,cntvct"
main+=" --numeric baseline,instructions_median@cycles --require $require"
[ $trace = 1 ] &&
	main+=" --constant instructions_median-baseline-tr_instructions@cycles --constant-abs-max 4"
checks="A $main"
[ $trace = 1 ] && checks+="
A --where kvm/* --numeric tr_*"
[ $# = 2 ] && checks+="
B --columns all --repeat"

fpb() { "$(dirname "$0")/../../tools/fpbench-host" "$fpbench" "$@"; }

bad=0
while read -r which args; do
	files=("$1")
	[ "$which" = B ] && files=("$1" "$2")
	# shellcheck disable=SC2086 # args: options split on blanks, no globbing
	(set -f; fpb check $args "${files[@]}" </dev/null)
	rc=$?
	case $rc in
	0) ;;
	1) bad=1 ;;
	3) echo "not ok: ${files[-1]} malformed (fpbench check exit 3, message above)"; exit 1 ;;
	*) echo "not ok: fpbench check exited $rc ($fpbench)"; exit 1 ;;
	esac
done <<<"$checks"
exit $bad
