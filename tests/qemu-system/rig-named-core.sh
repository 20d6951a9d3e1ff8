#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# A named QEMU core (-cpu neoverse-n1: a real MIDR libpfm4 knows, no SVE)
# in the emulated KVM host: fpbench info names the core and its libpfm4
# table; a short run with libpfm4 event names uses CPU_CYCLES and
# INST_RETIRED as its two counters (EL0 reads), counts what QEMU's PMU
# implements per batch (STALL_BACKEND in batch_events), names what it does
# not with the reason (EXC_TAKEN), and is labelled emulated although the
# MIDR is real.
#
#   rig-named-core.sh QEMU_RIG FPBENCH WORKDIR [rig options]
# (FPBENCH: the aarch64 build's, run under qemu-user on other hosts to read
# the results back)
set -uo pipefail
rig=$1 fpb=$2 work=$3
shift 3
host_fpbench() {
	if [ "$(uname -m)" = aarch64 ]; then "$fpb" "$@"; else qemu-aarch64-static -cpu max "$fpb" "$@"; fi
}

. "$(dirname "$0")/lib.sh"
rig_prepare "$work"

"$rig" exec "$@" --cpu neoverse-n1 --timeout 300 -- info >"$work/info" 2>"$work/info.err" ||
	{ cat "$work/info.err"; fail "fpbench info on -cpu neoverse-n1 failed"; }
cat "$work/info"
grep -q '^cpu: .*Neoverse N1 (MIDR_EL1 0x414fd0c1' "$work/info" || fail "info does not name the Neoverse N1"
grep -q '^libpfm4: arm_n1' "$work/info" || fail "libpfm4 did not detect its arm_n1 table"
grep -q '^sve: no' "$work/info" || fail "the N1 model has no SVE, info says otherwise"
grep -q '^emulated: yes' "$work/info" || fail "a named core under TCG not labelled emulated"

events=CPU_CYCLES,INST_RETIRED,EXC_TAKEN,STALL_BACKEND
"$rig" run "$@" --cpu neoverse-n1 --timeout 300 --out "$work/n1.csv" -- \
	--bench kvm --exit mmio --host-fp fpsimd,sve --guest-fp none --iterations 100 --batches 1 \
	--events "$events" 2>"$work/run.err"
rc=$?
[ $rc = 0 ] || { cat "$work/run.err"; fail "run with $events exited $rc"; }
host_fpbench plotdata meta "$work/n1.csv" >"$work/meta" || fail "plotdata meta"
cat "$work/meta"
grep -qx 'counter_source = "pmu-el0"' "$work/meta" ||
	fail "CPU_CYCLES/INST_RETIRED did not give EL0 PMU samples"
grep -q '^pmu_unavailable = ".*not implemented by .*EXC_TAKEN' "$work/meta" ||
	fail "EXC_TAKEN, which QEMU's PMU lacks, is not named with its reason"
grep -qx 'emulated = 1' "$work/meta" || fail "results not labelled emulated"
ok=$(grep -c '^kvm,mmio,fpsimd,none,0,0,eager,100,cycles,.*,ok,-,.*STALL_BACKEND=[0-9]' "$work/n1.csv")
[ "$ok" = 1 ] || { cat "$work/n1.csv"; fail "no ok fpsimd row with cycles and STALL_BACKEND in batch_events"; }
grep -q '^kvm,mmio,sve,none,.*,skip,' "$work/n1.csv" || fail "sve on a core without SVE is not a skip row"
ok "-cpu neoverse-n1 named, libpfm4 events used or explained, emulated"
