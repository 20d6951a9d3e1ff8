#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The rig's plumbing, independent of the benchmark: a fake /fpbench writes
# known pseudo-random files and exits 3; the rig must hand back exactly
# those bytes under the run naming, stream stdout/stderr, pass exit codes
# through, and kill a hung guest at --timeout.
#
#   rig-transport.sh QEMU_RIG FAKE_BIN WORKDIR [rig options, e.g. --kernel I]
set -uo pipefail
rig=$1 fake=$2 work=$3
shift 3
rigopts=("$@")

. "$(dirname "$0")/lib.sh"
command -v qemu-aarch64-static >/dev/null || skip "qemu-aarch64-static not installed (needed to regenerate the expected bytes)"
rig_prepare "$work"

# 1. run: files, names, exit code, both streams (arguments with spaces),
# over both transfer paths: semihosting (default) and the console.
for how in semihosting console; do
	opts=()
	[ $how = console ] && opts=(--console-only)
	rm -f "$work"/t.*
	"$rig" run "${rigopts[@]}" "${opts[@]}" --fpbench "$fake" --timeout 300 \
		--out "$work/t.csv" -- --label 'two words' >"$work/stdout" 2>"$work/stderr"
	rc=$?
	[ $rc = 3 ] || { cat "$work/stderr"; fail "run ($how): exit $rc, the fake exits 3"; }
	grep -q "bytes, $how)" "$work/stderr" || fail "run ($how): files did not go by $how"
	i=1
	for pair in .csv:1001 .samples.csv:300000 .json:2; do
		suffix=${pair%%:*} size=${pair#*:}
		qemu-aarch64-static "$fake" gen $i "$size" >"$work/expect$suffix" ||
			fail "cannot regenerate expected bytes"
		cmp "$work/expect$suffix" "$work/t$suffix" ||
			fail "t$suffix ($how) differs from what the guest wrote"
		grep -qx "fake: /tmp/out/r$suffix $size" "$work/stdout" ||
			fail "stdout lacks 'fake: /tmp/out/r$suffix $size'"
		i=$((i + 1))
	done
	grep -q 'fake: no newline at the end' "$work/stderr" || fail "guest stderr not streamed"
	grep -q '^fake: /tmp' "$work/stderr" && fail "guest stdout leaked into stderr"
	[ -s "$work/t.serial.log" ] || fail "no serial log next to the results"
	ls -a "$work" | grep -q 'rig-tmp' && fail "temporary files left in $work"
	ok "run ($how): 3 files byte-identical, streams apart, exit code passed through"
done

# 2. exec: exit code pass-through.
"$rig" exec "${rigopts[@]}" --fpbench "$fake" --timeout 300 -- exit 5 2>"$work/stderr2"
rc=$?
[ $rc = 5 ] || { cat "$work/stderr2"; fail "exec exit 5 gave $rc"; }
ok "exec: exit code 5 passed through"

# 2b. --cpu reaches QEMU, and init tells fpbench it runs under TCG (a named
# core has a real MIDR, so fpbench cannot see it by itself).
"$rig" exec "${rigopts[@]}" --fpbench "$fake" --cpu neoverse-n1 --timeout 300 -- env FPBENCH_EMULATION \
	>"$work/stdout2b" 2>"$work/stderr2b"
rc=$?
[ $rc = 0 ] || { cat "$work/stderr2b"; fail "exec --cpu neoverse-n1 gave $rc"; }
grep -q '^FPBENCH_EMULATION=qemu-system-aarch64 .* TCG -icount shift=0 -cpu neoverse-n1 ' "$work/stdout2b" ||
	{ cat "$work/stdout2b"; fail "FPBENCH_EMULATION does not name the -cpu model"; }
ok "exec --cpu neoverse-n1: FPBENCH_EMULATION names it"

# 3. a guest that never finishes is killed at --timeout with exit 14.
start=$(date +%s)
"$rig" exec "${rigopts[@]}" --fpbench "$fake" --timeout 10 -- hang 2>"$work/stderr3"
rc=$?
took=$(($(date +%s) - start))
[ $rc = 14 ] || { cat "$work/stderr3"; fail "hung guest: exit $rc, want 14 (timeout)"; }
[ $took -lt 40 ] || fail "timeout of 10 s took $took s"
grep -q 'serial log' "$work/stderr3" || fail "timeout message does not name the serial log"
# The rig keeps a failed run's work directory for debugging; this one was wanted.
kept=$(sed -n 's/^qemu-rig: work directory kept: //p' "$work/stderr3")
case $kept in */qemu-rig.*) rm -rf "$kept" ;; esac
ok "hung guest killed after $took s, exit 14"

# 4. usage errors are the rig's own.
"$rig" run --out "$work/no-suffix" 2>/dev/null
rc=$?
[ $rc = 2 ] || fail "--out without .csv gave $rc, want 2"
ok "usage error exit 2"
