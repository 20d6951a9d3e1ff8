#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Acceptance on the emulated KVM host: "fpbench run --quick" twice, in two
# separate boots, then check-results.sh on both (coverage, integrity,
# emulated, status, baseline, identical instruction counts, trace columns
# merged and repeating).
#
#   rig-quick.sh QEMU_RIG CHECKER FPBENCH WORKDIR [rig options, e.g. --kernel I]
#
# FPBENCH: the fpbench whose check subcommand judges the runs.
set -uo pipefail
rig=$1 checker=$2 fpbench=$3 work=$4
shift 4

. "$(dirname "$0")/lib.sh"
rig_prepare "$work"
for run in 1 2; do
	start=$(date +%s)
	# A quick run takes minutes; a hang should not eat the CI budget.
	# With the trace of the emulated host; two modes keep the two boots in
	# CI time (the third is in tests/proof: the reference and integrity runs).
	"$rig" run --quick --trace --timeout 1200 "$@" --out "$work/quick$run.csv" -- --fp-mode both
	rc=$?
	echo "# boot $run: rig exit $rc after $(($(date +%s) - start)) s"
	[ $rc = 0 ] || fail "tools/qemu-rig run --quick exited $rc (log: $work/quick$run.serial.log)"
done
# The checker's exit code is the test's (its checks are its own process's).
"$checker" --fpbench "$fpbench" --trace "$work/quick1.csv" "$work/quick2.csv" || exit
ok "two quick runs pass $checker"
