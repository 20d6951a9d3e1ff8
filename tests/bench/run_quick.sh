#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fpbench run --quick: a complete, parseable results set; ctxsw futex rows
# measured ok, rows this machine cannot run skipped with a reason, one
# progress line per row, and the same run as kselftest TAP.
. "$(dirname "$0")/lib.sh"

expect_rc 0 fpbench run --quick --out "$T/r"
req=ctxsw/futex/host=none/guest=none
if [ "$ARM64" = 1 ]; then
	# qemu-user -cpu max (or real arm64): the FP states really run.
	for k in ctxsw/futex/host=fpsimd/guest=none \
		 ctxsw/futex/host=sve/guest=none/vl=128 \
		 ctxsw/futex/host=ssve/guest=none/svl=128 \
		 ctxsw/futex/host=za/guest=none/svl=256; do
		req="$req,$k"
	done
fi
check "$T/r" --min-rows 100 --require-keys "$req"

# ctxsw rows are timed with the clock every thread shares (the per-thread
# PMU counter would miss the partner): cntvct on arm64, ns elsewhere, and
# no per-iteration instructions.
[ "$ARM64" = 1 ] && want=cntvct || want=ns
check "$T/r" --where 'ctxsw/*' --min-ok 1 --unit "$want" --nan instructions_median

# Rows nobody can run here are skips that say why (no arm64 KVM, no SVE...).
[ -e /dev/kvm ] && [ "$ARM64" = 1 ] && [ -z "$EMU" ] ||
	grep -q '^kvm,mmio,none,none,0,0,[a-z]*,0,.*,skip,[^-]' "$T/r.csv" ||
	fail "kvm row not skipped with a reason"
n=$(($(wc -l <"$T/r.csv") - 1))
p=$(grep -c '^\[[0-9]*/'"$n"'\] ' "$T/err")
[ "$p" = "$n" ] || fail "$p progress lines for $n rows"
grep -q '^\[1/'"$n"'\] kvm/mmio/host=none/guest=none [a-z]*: ' "$T/err" ||
	fail "progress line format"

# TAP: header, plan matching the points, skips with reasons.
expect_rc 0 fpbench run --quick --bench ctxsw --exit futex --tap --out "$T/t"
[ "$(sed -n 1p "$T/out")" = "TAP version 13" ] || fail "no TAP header"
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$T/out")
points=$(grep -c '^\(not \)\{0,1\}ok [0-9]' "$T/out")
[ -n "$plan" ] && [ "$plan" = "$points" ] || fail "plan '$plan' but $points test points"
grep -q '^ok [0-9]* ctxsw/futex/host=none/guest=none/[a-z]*' "$T/out" ||
	fail "ctxsw none not ok in TAP"
grep -v '^\(TAP version\|1\.\.\|ok \|not ok \|# \)' "$T/out" && fail "non-TAP line on stdout"
check "$T/t"
exit 0
