#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# TAP from tap.c parses back: plan = rows, one test point per row, ok /
# not ok / SKIP counts match the rows' statuses, names unique, totals right.
. "$(dirname "$0")/lib.sh"
: "${TAP_DUMP:?}"

gen "$T/r" --seed 3 --skip-sme --fail-one
$EMU "$TAP_DUMP" "$T/r.csv" >"$T/tap" 2>"$T/err"
[ $? = 1 ] || fail "tap_dump should exit 1 (one failed row)"
rows=$(($(wc -l <"$T/r.csv") - 1))
skips=$(grep -c ',skip,' "$T/r.csv")
fails=$(grep -c ',fail,' "$T/r.csv")

head -n 1 "$T/tap" | grep -qx 'TAP version 13' || fail "no TAP version line"
sed -n 2p "$T/tap" | grep -qx "1\\.\\.$rows" || fail "plan is not 1..$rows"
points=$(grep -cE '^(not )?ok [0-9]+ ' "$T/tap")
[ "$points" -eq "$rows" ] || fail "$points test points for $rows rows"
n=$(grep -c '^ok [0-9]* .* # SKIP ' "$T/tap")
[ "$n" -eq "$skips" ] || fail "$n SKIP lines for $skips skipped rows"
n=$(grep -c '^not ok ' "$T/tap")
[ "$n" -eq "$fails" ] || fail "$n 'not ok' for $fails failed rows"
grep -q '^not ok [0-9]* kvm/.* # integrity_failures=3' "$T/tap" || fail "failure without its count"
n=$(grep -c '^ok [0-9]* kvm/[a-z]*/host=[a-z]*/guest=[a-z]*.*/\(eager\|lazy\) # median=[0-9]* cycles' "$T/tap")
[ "$n" -eq $((rows - skips - fails)) ] || fail "$n passing lines with a median"
# Numbers run 1..N in order, names are unique.
grep -E '^(not )?ok ' "$T/tap" | awk '{ n = ($1 == "not") ? $3 : $2; if (n != NR) exit 1 }' ||
	fail "test numbers not 1..N in order"
dups=$(grep -E '^(not )?ok ' "$T/tap" | sed 's/^\(not \)\{0,1\}ok [0-9]* \([^ ]*\).*/\2/' | sort | uniq -d)
[ -z "$dups" ] || fail "duplicate test names: $dups"
# Anything else is a '# ' diagnostic.
bad=$(grep -vE '^(TAP version 13|1\.\.[0-9]+|(not )?ok [0-9]+ .*|# .*)$' "$T/tap")
[ -z "$bad" ] || fail "non-TAP lines: $bad"
grep -qx "# Totals: pass:$((rows - skips - fails)) fail:$fails xfail:0 xpass:0 skip:$skips error:0" "$T/tap" ||
	fail "wrong Totals line"
ok "TAP: plan, one point per row, ok/not ok/SKIP counts, unique names, totals"

# The LAVA converter turns the same stream into one lava-test-case per point.
# It exits 1 because one point failed.
LAVA_TEST_CASE=echo sh "$SRC/tools/lava/tap-to-lava" <"$T/tap" >"$T/lava"
[ $? = 1 ] || fail "tap-to-lava should exit 1 on a failed point"
grep -v -- ' --result ' "$T/lava" >"$T/lava.tap"
cmp -s "$T/tap" "$T/lava.tap" || fail "tap-to-lava does not pass the TAP through"
n=$(grep -c -- '--result pass --measurement [0-9.]* --units cycles$' "$T/lava")
[ "$n" -eq $((rows - skips - fails)) ] || fail "$n lava passes with a measurement"
n=$(grep -c -- '--result skip$' "$T/lava")
[ "$n" -eq "$skips" ] || fail "$n lava skips"
n=$(grep -c -- '--result fail$' "$T/lava")
[ "$n" -eq "$fails" ] || fail "$n lava fails"
grep -- ' --result ' "$T/lava" | grep -v '^\(kvm\|ctxsw\)[A-Za-z0-9_.-]* --result ' && fail "bad lava test case names"
ok "tap-to-lava: TAP passed through, one lava-test-case per point"

# Three modes (--fp-mode all): a test point per mode, lazy_keep named as
# such (unique names), and LAVA cases with the mode in the name.
gen "$T/m3" --seed 3 --modes all --skip-sme
$EMU "$TAP_DUMP" "$T/m3.csv" >"$T/tap3" 2>"$T/err" || fail "tap_dump on three modes"
rows=$(($(wc -l <"$T/m3.csv") - 1))
sed -n 2p "$T/tap3" | grep -qx "1\\.\\.$rows" || fail "three modes: plan is not 1..$rows"
for m in eager lazy lazy_keep; do
	n=$(grep -cE "^ok [0-9]+ kvm/[^ ]*/$m # (median=[0-9]+ cycles|SKIP )" "$T/tap3")
	[ "$n" -eq $((rows / 3)) ] || fail "$n test points of mode $m, want $((rows / 3))"
done
grep -q '^ok [0-9]* kvm/mmio/host=sve/guest=none/vl=256/lazy_keep # median=[0-9]* cycles' "$T/tap3" ||
	fail "no lazy_keep point with its median"
dups=$(grep -E '^(not )?ok ' "$T/tap3" | sed 's/^\(not \)\{0,1\}ok [0-9]* \([^ ]*\).*/\2/' | sort | uniq -d)
[ -z "$dups" ] || fail "three modes: duplicate test names: $dups"
LAVA_TEST_CASE=echo sh "$SRC/tools/lava/tap-to-lava" <"$T/tap3" >"$T/lava3" || fail "tap-to-lava on three modes"
grep -qx 'kvm_mmio_host-sve_guest-none_vl-256_lazy_keep --result pass --measurement [0-9.]* --units cycles' "$T/lava3" ||
	fail "no lava case for the lazy_keep point"
[ "$(grep -c -- '_lazy_keep --result ' "$T/lava3")" -eq $((rows / 3)) ] || fail "lava lazy_keep cases"
ok "three modes: a point and a lava case per mode, lazy_keep named"
exit 0
