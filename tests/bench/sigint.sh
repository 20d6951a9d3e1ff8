#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# SIGINT or SIGTERM in the middle of a configuration: exit 130, the rows completed
# before it kept in a parseable BASE.csv (and samples), the interrupted
# configuration absent rather than half-written.
. "$(dirname "$0")/lib.sh"

for sig in INT TERM; do
	rm -f "$T"/s.*
	# Two kvm configurations first (skips here, or quick on arm64 KVM), then a
	# long ctxsw one, in many batches so the harness notices the signal soon.
	# Started directly (not through a function) so that $! is fpbench itself.
	$EMU "$FPBENCH" run --bench kvm,ctxsw --exit mmio,hvc,futex --host-fp none \
		--guest-fp none --iterations 2000000 --batches 2000 --warmup 10 \
		--out "$T/s" >"$T/out" 2>"$T/err" &
	pid=$!
	test_cleanup='kill -9 $pid 2>/dev/null'
	i=0
	while [ "$(grep -c '^\[2/3\]' "$T/err" 2>/dev/null)" != 1 ]; do
		i=$((i + 1))
		[ $i -lt 300 ] || { kill -9 $pid; fail "no progress within 30 s"; }
		sleep 0.1
	done
	sleep 0.3
	kill -$sig $pid
	wait $pid
	rc=$?
	[ "$rc" = 130 ] || { cat "$T/err" >&2; fail "exit $rc after SIG$sig, expected 130"; }
	grep -q "interrupted" "$T/err" || fail "no message about the interruption"
	check "$T/s" --min-rows 1
	grep -q '^ctxsw,' "$T/s.csv" && fail "interrupted configuration written"
	[ -e "$T/s.samples.csv.partial" ] && fail "samples left as .partial"
	test_cleanup=
	ok "SIG$sig: exit 130, completed rows kept, interrupted configuration absent"
done
exit 0
