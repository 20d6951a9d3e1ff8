#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Checks a quick emulated run against the acceptance conditions
# (results/README.md schema). With two summaries (two boots of the same
# run) also checks that instruction counts repeat exactly: under
# qemu -icount shift=0 they are deterministic, so any difference is a bug in
# the harness (state leaking between rows, unpinned threads, ...).
#
#   check-results.sh [--trace] A.csv [B.csv]
#
# Conditions, each printed as "ok" or "not ok" with the offending row:
#  - header is schema 1's, every row has as many fields
#  - bench kvm x exit {mmio,hvc} x host_fp {none,fpsimd,sve} x guest_fp
#    {none,fpsimd,sve}: status ok, and host_fp sve at >= 3 VLs
#  - bench ctxsw x exit {futex,vcpu} x host_fp {none,fpsimd,sve} (sve at
#    >= 3 VLs): status ok
#  - every row: integrity_failures 0, emulated 1, status ok or (SME kinds
#    only) skip; ok rows have a baseline, and a numeric instructions_median
#    when the host counted them (unit cycles). Rows the guest or a timer
#    times itself (kvm/hvc, ctxsw/vcpu: unit cntvct) cannot have one: the
#    host sees only the batch, not the iteration
#  - A and B: same keys, identical instructions_median per row, except
#    that at most 10% of the rows may differ by <= 0.2%: some emulated
#    kernel state moves a KVM round trip by a few instructions for a
#    stretch of a run at a point that varies between boots (seen, with the
#    rig's -seed: 5865 vs 5859 and 5812 vs 5813 in 2 of 360 rows; without
#    it more often), and a row whose samples split near half and half can
#    then change its median; cntvct rows (no instructions) within 1% (at
#    least one tick): 62.5 MHz ticks of a clock derived from the
#    instruction count, whose phase against the iteration varies, and the
#    vcpu rows' timer wake-ups with it (seen: 483 vs 486 ticks)
#  - A.json exists and says "emulated": true
#  - --trace: every ok row of bench kvm has numeric tr_* columns (the
#    emulated host's trace was merged); with two files, every tr_* column
#    of a row traced in both boots repeats within 1 or 0.5% (host-timed
#    rows, unit cycles: the median iteration's counts,
#    tools/trace/README.md; seen: most rows identical, the rest in the rows
#    above or whole-iteration medians 1-2 apart) or 2% (self-timed rows,
#    unit cntvct: hvc, where one timed section holds a whole guest batch,
#    so the columns are means, timer interrupts included, and ctxsw)
#  - --trace: on every host-timed row (unit cycles) with a trace,
#    instructions_median - baseline - tr_instructions has one value, at
#    most 4 away from 0 (seen: +2 on every row; PMU and plugin count the
#    same code, the markers cancel against the baseline; the 2 are not
#    traced to their cause)
# Exit 0 all hold, 1 any fails, 3 unreadable input. POSIX awk, no python.
set -uo pipefail
trace=0
[ "${1:-}" = --trace ] && { trace=1; shift; }
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 [--trace] A.csv [B.csv]" >&2; exit 2; }
for f in "$@"; do
	[ -r "$f" ] || { echo "not ok: cannot read $f"; exit 3; }
done

bad=0
json=${1%.csv}.json
if [ ! -r "$json" ]; then
	echo "not ok: $json missing"; bad=1
elif ! grep -Eq '"emulated"[[:space:]]*:[[:space:]]*true' "$json"; then
	echo "not ok: $json does not say \"emulated\": true"; bad=1
else
	echo "ok: $json says emulated"
fi

awk -v nfiles=$# -v trace=$trace -v pmutol=4 '
BEGIN {
	FS = ","
	want_hdr = "bench,exit,host_fp,guest_fp,vl_bits,svl_bits,fp_mode,iterations,unit," \
		"cycles_min,cycles_p10,cycles_p25,cycles_median,cycles_p75,cycles_p90,cycles_p99," \
		"cycles_mad,cycles_tmean,cycles_ci_lo,cycles_ci_hi,instructions_median,baseline," \
		"guest_median,batch_cycles,batch_instructions,running_pct,integrity_failures," \
		"emulated,status,reason,tr_instructions,tr_user_instructions,tr_guest_instructions," \
		"tr_load_bytes,tr_store_bytes,tr_loads,tr_stores,tr_exceptions,tr_isb,tr_barriers," \
		"tr_msr,tr_sve,tr_iter_instructions,tr_iter_exceptions,tr_iter_sve"
	ncol = split(want_hdr, cols, ",")
	for (i = 1; i <= ncol; i++) {
		c[cols[i]] = i
		if (cols[i] ~ /^tr_/)
			trcols[++ntr] = cols[i]
	}
	split("none fpsimd sve", host_kinds, " ")
	split("none fpsimd sve", guest_kinds, " ")
	split("mmio hvc", kvm_exits, " ")
	split("futex vcpu", ctxsw_exits, " ")
	sme["ssve"] = sme["za"] = sme["zt0"] = 1
	bad = 0
}
# At most 5 lines per kind of failure, then a count: a broken column in a
# 150-row file should read as one problem, not 150.
function failk(kind, msg) {
	bad = 1
	if (++nfail[kind] <= 5)
		print "not ok: " msg
}
function fail(msg) { failk(msg, msg) }
function isnum(v) { return v ~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ }
function absdiff(a, b) { return a > b ? a - b : b - a }
function tickslack(m) { return m / 100 > 1 ? m / 100 : 1 }
FNR == 1 {
	file++
	name[file] = FILENAME
	if ($0 != want_hdr) {
		fail(FILENAME ": header is not schema 1: " $0)
		exit 1
	}
	next
}
{
	where = FILENAME ":" FNR
	if (NF != ncol) { failk("fields", where ": " NF " fields, want " ncol); next }
	key = $c["bench"] "/" $c["exit"] "/" $c["host_fp"] "/" $c["guest_fp"] "/" \
	      $c["vl_bits"] "/" $c["svl_bits"] "/" $c["fp_mode"]
	trrow = ""
	for (i = 1; i <= ntr; i++)
		trrow = trrow " " $c[trcols[i]]
	if (file == 2) {
		inB[key] = 1
		if ((key in trA) && isnum($c["tr_instructions"]) && isnum(trcA[key])) {
			nt = split(trA[key], ta, " ")
			diff = 0
			# self-timed rows (hvc, ctxsw: unit cntvct) 2%, host-timed 0.5%
			tol = ($c["exit"] == "hvc" || $c["unit"] != "cycles") ? 0.02 : 0.005
			for (i = 1; i <= nt; i++) {
				v = $c[trcols[i]]
				if (v != ta[i]) {
					diff = 1
					if (absdiff(v, ta[i]) > (ta[i] > 0 ? ta[i] : -ta[i]) * tol && absdiff(v, ta[i]) > 1)
						diff = 2
				}
			}
			if (diff == 2)
				failk("trace", key ": trace columns differ between boots beyond " tol * 100 "%:" trA[key] " vs" trrow)
			else if (diff) {
				trnear++
				print "note: " key ": trace columns within the tolerance:" trA[key] " vs" trrow
			}
			else
				trsame++
		}
		if (!(key in insnA))
			failk("extra", where ": " key " not in " name[1])
		else if ($c["instructions_median"] != insnA[key] &&
			 !(isnum(insnA[key]) && absdiff(insnA[key], $c["instructions_median"]) <= insnA[key] * 0.002))
			failk("repeat", key ": instructions_median " insnA[key] " vs " $c["instructions_median"] " in two boots")
		else if ($c["instructions_median"] != insnA[key]) {
			near++
			print "note: " key ": instructions_median " insnA[key] " vs " $c["instructions_median"] " (within 0.2%)"
		}
		else if (unitA[key] == "cntvct" && isnum(medA[key]) &&
			 absdiff(medA[key], $c["cycles_median"]) > tickslack(medA[key]))
			failk("repeat", key ": cntvct median " medA[key] " vs " $c["cycles_median"] " in two boots")
		else
			same++
		next
	}
	if (key in insnA) { fail(where ": duplicate row " key); next }
	insnA[key] = $c["instructions_median"]
	trA[key] = trrow
	trcA[key] = $c["tr_instructions"]
	unitA[key] = $c["unit"]
	medA[key] = $c["cycles_median"]
	rows++
	st = $c["status"]
	if ($c["integrity_failures"] != "0")
		failk("integrity", where ": " key ": integrity_failures " $c["integrity_failures"])
	if ($c["emulated"] != "1")
		failk("emulated", where ": " key ": emulated " $c["emulated"] ", want 1")
	if (st == "skip") {
		if (!($c["host_fp"] in sme))
			failk("skip", where ": " key ": skipped (" $c["reason"] ") but needs no SME")
		next
	}
	if (st != "ok") { failk("status", where ": " key ": status " st " (" $c["reason"] ")"); next }
	if ($c["unit"] == "cycles" && !isnum($c["instructions_median"]))
		failk("insn", where ": " key ": instructions_median " $c["instructions_median"])
	if ($c["unit"] != "cycles" && $c["unit"] != "cntvct")
		failk("insn", where ": " key ": unit " $c["unit"] ": neither PMU cycles nor CNTVCT")
	if (!isnum($c["baseline"]))
		failk("baseline", where ": " key ": baseline not reported (" $c["baseline"] ")")
	if ($c["iterations"] + 0 <= 0)
		fail(where ": " key ": iterations " $c["iterations"])
	if (trace && $c["bench"] == "kvm")
		for (i = 1; i <= ntr; i++)
			if (!isnum($c[trcols[i]])) {
				failk("traced", where ": " key ": " trcols[i] " " $c[trcols[i]] " (no trace merged)")
				break
			}
	# PMU agreement: the PMU median minus the baseline and the trace
	# median iteration, one value on every host-timed traced row
	if (trace && $c["unit"] == "cycles" && isnum($c["tr_instructions"]) &&
	    isnum($c["instructions_median"]) && isnum($c["baseline"])) {
		d = $c["instructions_median"] - $c["baseline"] - $c["tr_instructions"]
		if (!npmu++) pmu0 = d
		else if (d != pmu0)
			failk("pmu", where ": " key ": instructions_median - baseline - tr_instructions = " d ", other rows " pmu0)
		if (d < -pmutol || d > pmutol)
			failk("pmu", where ": " key ": instructions_median - baseline - tr_instructions = " d ", want within " pmutol)
	}
	# Coverage: which (bench, exit, host, guest) have ok rows, at which VLs.
	k = $c["bench"] "/" $c["exit"] "/" $c["host_fp"] "/" $c["guest_fp"]
	seen[k]++
	if ($c["host_fp"] == "sve" && !((k, $c["vl_bits"]) in vlseen)) {
		vlseen[k, $c["vl_bits"]] = 1
		nvl[k]++
	}
	hostseen[$c["bench"] "/" $c["exit"] "/" $c["host_fp"]]++
	if ($c["host_fp"] == "sve" && !(($c["bench"] "/" $c["exit"], $c["vl_bits"]) in hvl)) {
		hvl[$c["bench"] "/" $c["exit"], $c["vl_bits"]] = 1
		nhvl[$c["bench"] "/" $c["exit"]]++
	}
}
END {
	if (bad && rows == 0) exit 1

	for (e in kvm_exits) for (h in host_kinds) for (g in guest_kinds) {
		k = "kvm/" kvm_exits[e] "/" host_kinds[h] "/" guest_kinds[g]
		if (!(k in seen))
			fail("no ok row for " k)
		else if (host_kinds[h] == "sve" && nvl[k] < 3)
			fail(k ": " nvl[k] " vector lengths, want >= 3")
		else
			covered++
	}
	for (e in ctxsw_exits) for (h in host_kinds) {
		k = "ctxsw/" ctxsw_exits[e] "/" host_kinds[h]
		if (!(k in hostseen))
			fail("no ok row for " k)
		else if (host_kinds[h] == "sve" && nhvl["ctxsw/" ctxsw_exits[e]] < 3)
			fail(k ": " nhvl["ctxsw/" ctxsw_exits[e]] " vector lengths, want >= 3")
		else
			covered++
	}
	print (bad ? "not ok" : "ok") ": " rows " rows in " name[1] ", " covered " of 24 required combinations covered"
	if (nfiles == 2) {
		for (k in insnA)
			if (!(k in inB))
				failk("missing", k " missing from " name[2])
		if (near * 10 > same + near)
			failk("repeat", near " of " same + near " rows differ between boots: more than 10%")
		print (nfail["repeat"] ? "not ok: " : "ok: ") same " rows repeating in both boots (instructions_median identical, cntvct within 1%), " near + 0 " within 0.2%"
		if (trace)
			print (nfail["trace"] || !(trsame + trnear) ? "not ok: " : "ok: ") trsame " traced rows with identical trace columns in both boots, " trnear + 0 " within the tolerance (0.5%, self-timed rows 2%)"
		if (trace && !(trsame + trnear))
			bad = 1
	}
	if (trace)
		print (nfail["pmu"] || !npmu ? "not ok: " : "ok: ") npmu + 0 " host-timed traced rows with instructions_median - baseline - tr_instructions = " pmu0 " (the same on every row, within " pmutol ")"
	if (trace && !npmu)
		bad = 1
	for (k in nfail)
		if (nfail[k] > 5)
			print "not ok: ... and " nfail[k] - 5 " more (" k ")"
	exit bad
}' "$@" || bad=1
exit $bad
