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
		"tr_msr,tr_sve,tr_iter_instructions,tr_iter_exceptions,tr_iter_sve,batch_events"
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
	if (file == 2) {
		inB[key] = 1
		if (!(key in rowA)) {
			failk("extra", where ": " key " not in " name[1])
			next
		}
		if ($0 == rowA[key]) { same++; next }
		split(rowA[key], va, ",")
		for (i = 1; i <= ncol && va[i] == $i; i++)
			;
		failk("repeat", key ": " cols[i] " " va[i] " vs " $i " in two boots")
		next
	}
	if (key in rowA) { fail(where ": duplicate row " key); next }
	rowA[key] = $0
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
		for (k in rowA)
			if (!(k in inB))
				failk("missing", k " missing from " name[2])
		print (nfail["repeat"] || nfail["missing"] || nfail["extra"] ? "not ok: " : "ok: ") same + 0 " of " rows " rows identical in both boots (every column" (trace ? ", trace columns included" : "") ")"
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
