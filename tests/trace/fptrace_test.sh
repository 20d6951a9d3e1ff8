#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The fptrace TCG plugin against a bare-metal program with known counts
# (fptrace_prog.S), under qemu-system-aarch64 -icount shift=0.
#
#   fptrace_test.sh CASE PLUGIN PROG WORKDIR
#
# CASE: counts   every column of every row, exactly; a second run gives
#                the same bytes
#       dropped  the unterminated window and the stray markers are
#                reported on stderr, and the window is not in the file
#       pages    pages=PATH: per-page rows add up to the class totals
#       args     no out=, or an unknown argument: QEMU refuses to start
#       rig      tools/qemu-rig --trace refuses, before booting, a native
#                build that is missing, has no plugin, or has one built
#                for another QEMU (exit 16, RIG_ETOOL); needs FPTRACE_RIG
#                and FPTRACE_HEADER_DIR (set by CMake)
# Exit 0 pass, 1 fail, 4 skip.
set -uo pipefail
case=$1 plugin=$2 prog=$3 work=$4

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 4; }
command -v qemu-system-aarch64 >/dev/null || skip "qemu-system-aarch64 not installed"
[ -r "$plugin" ] || fail "no plugin $plugin"
[ -r "$prog" ] || fail "no test program $prog"
rm -rf "$work" && mkdir -p "$work" || exit 1

# run PLUGIN-ARGS: QEMU with the plugin, stderr to $work/err; its exit code.
run() {
	qemu-system-aarch64 -M virt,virtualization=on -cpu max,sme=on \
		-icount shift=0 -display none -serial null -monitor none \
		-nic none -no-reboot -semihosting -kernel "$prog" \
		-plugin "$plugin${1:+,$1}" </dev/null >"$work/out" 2>"$work/err"
}

# The counts of one window of fptrace_prog.S at SVE VL and SME SVL (bytes),
# from its instruction list (K kernel, U user_fn, G guest_fn, S split_fn):
#   run set: K6..K27 and U1..U4
#     kernel 22, user 4, guest 0
#     kernel loads:  ldp q0,q1 (K7) 32 B as 4 accesses of 8 B; ldr z0 (K10)
#                    VL B as VL/8 accesses of 8 B (QEMU 7.2 splits SVE and
#                    128-bit FP transfers into 8-byte accesses)
#     kernel stores: stp q0,q1 (K6) 32 B / 4, str q2 (K8) 16 B / 2, str z0
#                    (K9) VL B / VL/8, str p0 (K11) VL/8 B as one access,
#                    str za (K20) SVL B / SVL/8
#     user: str x0 (U1) 8 B, ldr x6 (U2) 8 B
#     eret 1 (K26); isb 2 (K13, U3); barrier 2 (K14 dsb, K15 dmb);
#     msr 5 (K16 tpidr_el2, K17 smstart, K21 smstop, K23 elr_el2,
#     K25 spsr_el2); sve 4 (K9-K12); sme 2 (K18 zero, K20 str za)
#   iter set: the run set plus K1..K5, K28..K31, G1..G5 and S1..S5
#     kernel 34 (K1..K31, S1, S4, S5), user 6 (U1..U4, S2, S3: the user
#     range sent after the guest one for the same addresses wins), guest
#     5; ldr x7 (K29) adds a kernel load of 8 B, ldadd
#     (K30) a load and a store of 8 B (without MTTCG QEMU emits an atomic
#     read-modify-write as both); the guest's store, dsb, ptrue and msr (G1-G4) count in no
#     column
window_counts() {	# VL SVL: prints the 15 run columns, then the 15 iter ones
	local vl=$1 svl=$2
	local kload=$((32 + vl)) kloads=$((4 + vl / 8))
	local kstore=$((32 + 16 + vl + vl / 8 + svl))
	local kstores=$((4 + 2 + vl / 8 + 1 + svl / 8))
	#    user kernel guest kload_b  kstore_b  kloads  kstores  ul us eret isb bar msr sve sme
	echo 4 22 0 $kload $kstore $kloads $kstores 8 8 1 2 2 5 4 2
	echo 6 34 5 $((kload + 16)) $((kstore + 8)) $((kloads + 2)) $((kstores + 1)) 8 8 1 2 2 5 4 2
}
# row ID WINDOWS VL SVL: the expected line (every window of the id alike):
# totals, then the median section (one window's run set) and the median
# iteration (RUN_BEGIN to WIN_CLOSE: the iter set without K1..K5, 5 kernel
# instructions that touch no column but "kernel").
row() {
	local id=$1 n=$2 line run iter i=0
	line=$(window_counts "$3" "$4" | tr '\n' ' ')
	printf '%s\t%s\t%s' "$id" "$n" "$n"
	for v in $line; do printf '\t%s' $((v * n)); done
	for v in $line; do
		i=$((i + 1))
		[ $i = 17 ] && v=$((v - 5))	# iter_med_kernel
		printf '\t%s' "$v"
	done
	printf '\n'
}
expected() {
	local cols=(user kernel guest kload_bytes kstore_bytes kloads kstores
		uload_bytes ustore_bytes eret isb barrier msr sve sme) s c
	printf '# fptrace 2\nid\twindows\tsections'
	for s in run iter run_med iter_med; do
		for c in "${cols[@]}"; do printf '\t%s_%s' $s "$c"; done
	done
	printf '\n'
	row a11ce00000000001 2 16 16	# windows 1 and 3: VL 128, SVL 128
	row 0000b0b000000002 1 64 64	# window 2: VL 512, SVL 512
	# Window 4: D1, D2 (the load faults: counted, no bytes), the handler
	# H1..H4 (msr elr_el2, eret), then D3, D4: kernel 8, msr 1, eret 1.
	printf '00000000d00d0004\t1\t0'
	printf '\t0%.0s' $(seq 15)
	printf '\t0\t8\t0\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1\t0\t0'
	printf '\t-%.0s' $(seq 30)	# no timed section: no medians
	printf '\n'
}

case $case in
counts)
	run "out=$work/t1.tsv" || { cat "$work/err"; fail "QEMU exited $?"; }
	expected >"$work/expected.tsv"
	diff -u "$work/expected.tsv" "$work/t1.tsv" || fail "trace differs from the expected counts"
	[ -e "$work/t1.tsv.partial" ] && fail "temporary file left behind"
	run "out=$work/t2.tsv" || fail "second run: QEMU exited $?"
	cmp "$work/t1.tsv" "$work/t2.tsv" || fail "two runs gave different files"
	# check=on: a callback per instruction as well, which must agree.
	run "out=$work/t3.tsv,check=on" || fail "check=on run: QEMU exited $?"
	grep -q 'check: vCPU 0: segments and single instructions agree' "$work/err" ||
		{ cat "$work/err"; fail "check=on: segments and single instructions disagree"; }
	cmp "$work/t1.tsv" "$work/t3.tsv" || fail "check=on changed the file"
	echo "ok counts: 3 rows x 63 columns exact, deterministic, per-instruction check agrees"
	;;
dropped)
	run "out=$work/t.tsv" || { cat "$work/err"; fail "QEMU exited $?"; }
	cat "$work/err"
	grep -q 'window of id c0c0c0c0c0c0c0c3 still open at exit: dropped' "$work/err" ||
		fail "the unterminated window was not reported"
	grep -q '^c0c0c0c0c0c0c0c3' "$work/t.tsv" && fail "the unterminated window has a row"
	grep -q 'WIN_CLOSE without an open window' "$work/err" || fail "stray WIN_CLOSE not reported"
	grep -q 'nibble outside a message' "$work/err" || fail "stray nibble not reported"
	grep -q 'wrote .*: 3 ids, 4 windows, 4 ranges' "$work/err" || fail "no summary line"
	echo "ok dropped: unterminated window and stray markers reported, not counted"
	;;
pages)
	run "out=$work/t.tsv,pages=$work/p.tsv" || { cat "$work/err"; fail "QEMU exited $?"; }
	head -n 2 "$work/p.tsv" | tr '\t' ' ' | {
		read -r l1 && [ "$l1" = "# fptrace-pages 1" ] &&
		read -r l2 && [ "$l2" = "id page class iter run" ]
	} || fail "pages file header"
	# Sum the pages per id and class; compare with the trace's columns.
	awk -F'\t' '
	FNR == 1 { next }
	FILENAME ~ /p\.tsv$/ && FNR > 2 {
		it[$1 " " $3] += $4; rn[$1 " " $3] += $5; next
	}
	FILENAME ~ /t\.tsv$/ && FNR == 2 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	FILENAME ~ /t\.tsv$/ {
		split("user kernel guest", cls, " ")
		for (k = 1; k <= 3; k++) {
			c = cls[k]
			if (it[$1 " " c] != $col["iter_" c] || rn[$1 " " c] != $col["run_" c]) {
				printf "id %s class %s: pages %d/%d, trace %d/%d\n", $1, c,
					it[$1 " " c], rn[$1 " " c], $col["iter_" c], $col["run_" c]
				bad = 1
			}
		}
		ids++
	}
	END { exit bad || ids != 3 }' "$work/p.tsv" "$work/t.tsv" ||
		fail "page rows do not add up to the trace columns"
	# The program's user and guest code have a page each (fptrace_prog.ld).
	grep -qP '^a11ce00000000001\t0000000040101000\tuser\t8\t8$' "$work/p.tsv" ||
		fail "no user page row for id a11ce00000000001"
	grep -qP '^a11ce00000000001\t0000000040102000\tguest\t10\t0$' "$work/p.tsv" ||
		fail "no guest page row for id a11ce00000000001"
	echo "ok pages: rows add up to the trace's class columns"
	;;
args)
	run "" && fail "QEMU started without out="
	grep -q 'fptrace: the argument out=PATH is required' "$work/err" ||
		{ cat "$work/err"; fail "no message for the missing out="; }
	run "out=$work/t.tsv,bogus=1" && fail "QEMU started with an unknown argument"
	grep -q "fptrace: unknown argument 'bogus=1'" "$work/err" ||
		{ cat "$work/err"; fail "no message for the unknown argument"; }
	run "out=$work/no/such/dir/t.tsv" && fail "QEMU started with an unwritable out="
	grep -q 'fptrace: cannot create' "$work/err" ||
		{ cat "$work/err"; fail "no message for the unwritable out="; }
	echo "ok args: missing out=, unknown and unwritable arguments refused"
	;;
rig)
	rig=${FPTRACE_RIG:?} hdir=${FPTRACE_HEADER_DIR:?}
	repo=$(cd "$(dirname "$rig")/.." && pwd)
	# The test program passes the rig's checks of a static aarch64 ELF:
	# the rig stops at the plugin, before it gets a kernel.
	rigrun() {	# WANT-RC MESSAGE NATIVE-DIR
		"$rig" exec --fpbench "$prog" --build-dir "$work/aarch64" \
			--trace --native-build-dir "$3" -- info >"$work/out" 2>"$work/err"
		rc=$?
		# A failing rig keeps its work directory for inspection.
		kept=$(sed -n 's/^qemu-rig: work directory kept: //p' "$work/err")
		[ -z "$kept" ] || rm -rf "$kept"
		[ $rc = "$1" ] || { cat "$work/err"; fail "rig --trace with $3: exit $rc, expected $1"; }
		grep -q -- "$2" "$work/err" || { cat "$work/err"; fail "rig: no message '$2'"; }
	}
	mkdir -p "$work/aarch64"
	rigrun 16 "is not configured" "$work/none"
	mkdir -p "$work/noplugin"
	echo "FPTRACE_SKIP_REASON:INTERNAL=no qemu-plugin.h: test reason" >"$work/noplugin/CMakeCache.txt"
	rigrun 16 "has no fptrace plugin: no qemu-plugin.h: test reason" "$work/noplugin"
	# A plugin built with a header said to be of another QEMU version.
	mkdir -p "$work/hdr"
	cp "$hdir/qemu-plugin.h" "$work/hdr/" && echo "1:0.0-fake" >"$work/hdr/VERSION"
	cmake -S "$repo" -B "$work/native" -DBUILD_TESTING=OFF \
		-DFPBENCH_QEMU_PLUGIN_H_DIR="$work/hdr" >"$work/cmake.log" 2>&1 ||
		{ cat "$work/cmake.log"; fail "configure of the mismatched native build"; }
	rigrun 16 "was built for QEMU 1:0.0-fake" "$work/native"
	echo "ok rig: --trace without a usable plugin is a RIG_ETOOL error"
	;;
*)
	fail "unknown case $case"
	;;
esac
