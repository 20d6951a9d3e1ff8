#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The acceptance checker must be able to fail: feed it a synthetic quick run
# that meets every condition, then copies broken one way each, and require
# pass, then fail, fail, ...
#
#   check-results-selftest.sh CHECKER WORKDIR [CHECKER OPTIONS, e.g. --fpbench F]
set -uo pipefail
checker=$1 work=$2
shift 2
checkopts=("$@")
rm -rf "$work"
mkdir -p "$work"

hdr="bench,exit,host_fp,guest_fp,vl_bits,svl_bits,fp_mode,iterations,unit,cycles_min,cycles_p10,cycles_p25,cycles_median,cycles_p75,cycles_p90,cycles_p99,cycles_mad,cycles_tmean,cycles_ci_lo,cycles_ci_hi,instructions_median,baseline,guest_median,batch_cycles,batch_instructions,running_pct,integrity_failures,emulated,status,reason,tr_instructions,tr_user_instructions,tr_guest_instructions,tr_load_bytes,tr_store_bytes,tr_loads,tr_stores,tr_exceptions,tr_isb,tr_barriers,tr_msr,tr_sve,tr_iter_instructions,tr_iter_exceptions,tr_iter_sve,batch_events"
# A merged trace: the same made-up counts on every row after
# tr_instructions, which is instructions_median - baseline (7) - 2, as the
# PMU agreement wants it.
trrest="100,20,512,512,40,40,3,4,2,6,0,6000,3,0,-"
notr="nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,-"

# row BENCH EXIT HOST GUEST VL INSNS
row() {
	echo "$1,$2,$3,$4,$5,0,unknown,100,cycles,10,11,12,13,14,15,16,1,13,12,14,$6,7,nan,13,13,100,0,1,ok,-,$(($6 - 9)),$trrest"
}
good() {
	local n=1000 e h g vl
	echo "$hdr"
	for e in mmio hvc; do
		for h in none fpsimd sve; do
			for g in none fpsimd sve; do
				if [ $h = sve ] || [ $g = sve ]; then
					for vl in 128 256 512; do row kvm $e $h $g $vl $((n++)); done
				else
					row kvm $e $h $g 0 $((n++))
				fi
			done
		done
	done
	for e in futex vcpu; do
		for h in none fpsimd; do row ctxsw $e $h none 0 $((n++)); done
		for vl in 128 256 512; do row ctxsw $e sve none $vl $((n++)); done
	done
	echo "kvm,mmio,ssve,none,0,128,unknown,0,cycles,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,nan,0,1,skip,no SME,$notr"
}
good >"$work/a.csv"
cp "$work/a.csv" "$work/b.csv"
echo '{"schema": 1, "emulated": true}' >"$work/a.json"

failed=0 n=0
# expect WANT(0|1) DESCRIPTION A [B]
expect() {
	local want=$1 what=$2 rc
	shift 2
	n=$((n + 1))
	"$checker" "${checkopts[@]}" "$@" >"$work/out.$n" 2>&1
	rc=$?
	if { [ "$want" = 0 ] && [ $rc = 0 ]; } || { [ "$want" = 1 ] && [ $rc = 1 ]; }; then
		echo "ok $n $what (exit $rc)"
	else
		echo "not ok $n $what: checker exit $rc, want $want"
		sed 's/^/# /' "$work/out.$n"
		failed=1
	fi
}
# mutate NAME SED-SCRIPT: a.csv with one change, next to a copy of a.json.
mutate() {
	sed "$2" "$work/a.csv" >"$work/$1.csv"
	cp "$work/a.json" "$work/$1.json"
	cmp -s "$work/a.csv" "$work/$1.csv" && { echo "not ok: mutation $1 changed nothing"; failed=1; }
}

expect 0 "good run, one file" "$work/a.csv"
expect 0 "good run, two identical boots" "$work/a.csv" "$work/b.csv"

sed 's/^\(kvm,hvc,sve,fpsimd,256,\([^,]*,\)\{15\}\)1[0-9]*,/\199,/' "$work/a.csv" >"$work/b2.csv"
cmp -s "$work/a.csv" "$work/b2.csv" && { echo "not ok: b2 unchanged"; failed=1; }
expect 1 "instructions_median differs between boots" "$work/a.csv" "$work/b2.csv"
# Self-timed rows (unit cntvct, no instructions): their medians repeat
# exactly too, 1000 and 1001 do not.
cntvct() {	# cntvct MEDIAN: ctxsw/vcpu/fpsimd as a self-timed row
	sed "/^ctxsw,vcpu,fpsimd,/s/,cycles,10,11,12,13,14,15,16,1,13,12,14,[0-9]*,/,cntvct,10,11,12,$1,14,15,16,1,13,12,14,nan,/" "$work/a.csv"
}
cntvct 1000 >"$work/c1.csv"; cp "$work/a.json" "$work/c1.json"
cntvct 1001 >"$work/c2.csv"
cntvct 1030 >"$work/c3.csv"
cmp -s "$work/a.csv" "$work/c1.csv" && { echo "not ok: c1 unchanged"; failed=1; }
expect 1 "cntvct row without instructions, boots 1 tick apart" "$work/c1.csv" "$work/c2.csv"
expect 0 "cntvct row without instructions, identical boots" "$work/c1.csv" "$work/c1.csv"
expect 1 "cntvct row, boots 3% apart" "$work/c1.csv" "$work/c3.csv"
grep -v '^ctxsw,vcpu,none' "$work/a.csv" >"$work/b3.csv"
expect 1 "second boot lacks a row" "$work/a.csv" "$work/b3.csv"

mutate integ '/^kvm,mmio,fpsimd,sve,256,/s/,0,1,ok,-,/,3,1,ok,-,/'
expect 1 "integrity failures" "$work/integ.csv"
mutate emul '/^kvm,mmio,none,none,/s/,0,1,ok,-,/,0,0,ok,-,/'
expect 1 "emulated 0" "$work/emul.csv"
mutate status '/^ctxsw,futex,fpsimd,/s/,0,1,ok,-,/,0,1,fail,timeout,/'
expect 1 "status fail" "$work/status.csv"
mutate missing '/^kvm,hvc,fpsimd,sve,/d'
expect 1 "kvm/hvc/fpsimd/sve missing" "$work/missing.csv"
mutate vls '/^kvm,mmio,sve,none,512,/d'
expect 1 "host sve at 2 VLs only" "$work/vls.csv"
mutate ctxvls '/^ctxsw,vcpu,sve,none,128,/d'
expect 1 "ctxsw host sve at 2 VLs only" "$work/ctxvls.csv"
mutate baseline '/^kvm,hvc,none,none,/s/,\(1[0-9]*\),7,nan,/,\1,nan,nan,/'
expect 1 "baseline not reported" "$work/baseline.csv"
mutate insn '/^kvm,hvc,none,fpsimd,/s/,\(1[0-9]*\),7,nan,/,nan,7,nan,/'
expect 1 "instructions_median nan" "$work/insn.csv"
mutate skip '/^kvm,hvc,sve,sve,128,/s/,0,1,ok,-,/,0,1,skip,no SVE,/'
expect 1 "non-SME row skipped" "$work/skip.csv"
mutate short '/^kvm,mmio,none,fpsimd,/s/,[^,]*$//'
expect 1 "short row" "$work/short.csv"
mutate header '1s/,reason,/,why,/'
expect 1 "wrong header" "$work/header.csv"
mutate dup '/^kvm,mmio,none,none,/p'
expect 1 "duplicate row" "$work/dup.csv"
cp "$work/a.csv" "$work/nojson.csv"
expect 1 "no JSON record" "$work/nojson.csv"
cp "$work/a.csv" "$work/notemul.csv"
echo '{"schema": 1, "emulated": false}' >"$work/notemul.json"
expect 1 "JSON says not emulated" "$work/notemul.csv"

# The trace: required with --trace, identical across boots.
expect 0 "--trace: traced, two identical boots" --trace "$work/a.csv" "$work/b.csv"
sed '/^kvm,mmio,sve,none,256,/s/,100,20,512,512,/,100,20,528,512,/' "$work/a.csv" >"$work/t2.csv"
cmp -s "$work/a.csv" "$work/t2.csv" && { echo "not ok: t2 unchanged"; failed=1; }
expect 1 "--trace: tr_load_bytes differs between boots" --trace "$work/a.csv" "$work/t2.csv"
expect 1 "tr_load_bytes differs between boots, without --trace too" "$work/a.csv" "$work/t2.csv"
# Any difference fails, the smallest too, and the column is named.
sed '/^kvm,mmio,sve,none,256,/s/,100,20,512,512,/,100,20,513,512,/' "$work/a.csv" >"$work/t3.csv"
expect 1 "--trace: an mmio row's tr_load_bytes 1 byte apart" --trace "$work/a.csv" "$work/t3.csv"
grep -q "tr_load_bytes 512 in the reference, 513 here" "$work/out.$n" || { echo "not ok: the differing column is not named"; failed=1; }
# Guest-timed (hvc) rows too.
sed '/^kvm,hvc,sve,none,256,/s/,100,20,512,512,/,100,20,520,512,/' "$work/a.csv" >"$work/t4.csv"
cmp -s "$work/a.csv" "$work/t4.csv" && { echo "not ok: t4 unchanged"; failed=1; }
expect 1 "--trace: an hvc row's tr_load_bytes 1.6% apart" --trace "$work/a.csv" "$work/t4.csv"
sed '/^kvm,mmio,none,none,/s/,13,13,100,0,1,ok,/,13,14,100,0,1,ok,/' "$work/a.csv" >"$work/t5.csv"
cmp -s "$work/a.csv" "$work/t5.csv" && { echo "not ok: t5 unchanged"; failed=1; }
expect 1 "batch_instructions differs between boots" "$work/a.csv" "$work/t5.csv"
mutate untraced "/^kvm,mmio,fpsimd,none,/s/,[0-9]*,$trrest\$/,$notr/"
expect 1 "--trace: a kvm row without trace columns" --trace "$work/untraced.csv"
expect 0 "untraced row without --trace" "$work/untraced.csv"
# The PMU agreement: one row 1 instruction off the others.
mutate pmu '/^kvm,mmio,none,none,/s/,ok,-,\([0-9]*\),/,ok,-,1,/'
expect 0 "PMU agreement not checked without --trace" "$work/pmu.csv"
expect 1 "--trace: a row whose PMU agreement differs from the others" --trace "$work/pmu.csv"

[ $failed = 0 ] && echo "checker: all $n cases behave" || echo "checker: some cases wrong"
exit $failed
