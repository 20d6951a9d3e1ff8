#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A file of three modes (run --fp-mode all): compare gives per key
# eager - lazy and then eager - lazy_keep, in table, csv and json; two
# three-mode files still pair by key and mode, and the gate is unchanged.
. "$(dirname "$0")/lib.sh"

gen "$T/m3" --seed 1 --modes all --n 1000
expect_rc 0 fpbench compare --format csv "$T/m3.csv"
cp "$T/out" "$T/m3.cmp"
[ "$(csv_col mode "$T/m3.cmp" | grep -c '^eager-lazy$')" -eq 10 ] || fail "10 eager-lazy pairs"
[ "$(csv_col mode "$T/m3.cmp" | grep -c '^eager-lazy_keep$')" -eq 10 ] || fail "10 eager-lazy_keep pairs"
# Side by side: the two pairs of a key are adjacent, lazy first.
awk -F, 'NR > 1 { k = $1 "," $2 "," $3 "," $4 "," $5 "," $6
		  if (NR % 2 == 0) { if ($7 != "eager-lazy") exit 1; prev = k }
		  else if ($7 != "eager-lazy_keep" || k != prev) exit 1 }' "$T/m3.cmp" ||
	fail "pairs of a key not adjacent (eager-lazy, eager-lazy_keep)"
# The model: lazy_keep pays 30 more than lazy per MMIO round trip, so
# eager - lazy_keep is 30 smaller; an hvc exit pays neither.
grep -q '^kvm,mmio,sve,none,512,0,eager-lazy_keep,.*,slower,samples,1024,' "$T/m3.cmp" ||
	fail "host=sve@512: eager slower than lazy_keep"
awk -F, '$1 == "kvm" && $2 == "mmio" && $3 == "none" && $4 == "none" { d[$7] = $14 }
	 END { x = d["eager-lazy"] - d["eager-lazy_keep"]; exit !(x > 20 && x < 40) }' "$T/m3.cmp" ||
	fail "eager-lazy minus eager-lazy_keep not near the model's 30"
grep -q '^kvm,hvc,sve,none,256,0,eager-lazy_keep,.*,no change,' "$T/m3.cmp" ||
	fail "hvc: lazy_keep should cost what eager costs"

expect_rc 0 fpbench compare "$T/m3.csv"
grep -q '^kvm/mmio/host=none/guest=none  *eager-lazy_keep  *cycles ' "$T/out" ||
	fail "table without an eager-lazy_keep line"
grep -q 'eager-lazy and eager-lazy_keep side by side' "$T/out" || fail "table header"
expect_rc 0 fpbench compare --format json "$T/m3.csv"
grep -q '"pairing": "lazy,lazy_keep-vs-eager"' "$T/out" || fail "json pairing"
[ "$(grep -c '"mode": "eager-lazy_keep"' "$T/out")" -eq 10 ] || fail "json lazy_keep pairs"

# One file, gate: beyond 15% only the large states (live ZA: the bytes model
# saves the FPSIMD view for sve at every VL); the message says which pair.
expect_rc 5 fpbench compare --fail-above 15 "$T/m3.csv"
grep -q 'REGRESSION kvm/mmio/host=za/guest=none/svl=512 eager-lazy_keep' "$T/err" ||
	fail "REGRESSION does not name the lazy_keep pair"

# Two three-mode files: key and mode pairs (30), a +5% shift everywhere.
gen "$T/m3b" --seed 2 --modes all --n 1000 --shift 5
expect_rc 0 fpbench compare --format csv "$T/m3.csv" "$T/m3b.csv"
[ "$(csv_col verdict "$T/out" | grep -c '^slower$')" -eq 30 ] || fail "30 slower pairs across files"
[ "$(csv_col mode "$T/out" | grep -c '^lazy_keep$')" -eq 10 ] || fail "lazy_keep paired with lazy_keep"
expect_rc 5 fpbench compare --fail-above 2 "$T/m3.csv" "$T/m3b.csv"
expect_rc 0 fpbench compare --fail-above 10 "$T/m3.csv" "$T/m3b.csv"

# A two-mode file keeps its output: no lazy_keep column width, old header.
gen "$T/m2" --seed 1 --n 1000
expect_rc 0 fpbench compare "$T/m2.csv"
grep -q '^A = lazy, B = eager rows of ' "$T/out" || fail "two-mode header changed"
grep -q 'lazy_keep' "$T/out" && fail "two-mode table mentions lazy_keep"
grep -q '^kvm/mmio/host=none/guest=none  *eager-lazy  cycles ' "$T/out" || fail "two-mode mode column"

# --brief (the main job's last screen): measured pairs only, then one line
# per skip reason with its count.
gen "$T/sk" --seed 1 --n 200 --modes all --skip-sme
expect_rc 0 fpbench compare "$T/sk.csv"
full_skipped=$(grep -c ' skipped ' "$T/out")
[ "$full_skipped" -gt 0 ] || fail "the full table shows no skipped pair"
expect_rc 0 fpbench compare --brief "$T/sk.csv"
grep -q ' skipped ' "$T/out" && fail "--brief lists skipped pairs"
grep -q "^not measured ($full_skipped pairs, left out above):" "$T/out" || fail "--brief: no count of the skipped pairs"
grep -Eq "^ +$full_skipped  no SME on this host$" "$T/out" || fail "--brief: no line for the skip reason"
grep -q ' slower ' "$T/out" || fail "--brief lost the measured pairs"
exit 0
