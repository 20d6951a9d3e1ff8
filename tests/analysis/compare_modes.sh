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
csv_field get "$T/m3.cmp" mode bench exit host_fp guest_fp vl_bits svl_bits >"$T/m3.keys" ||
	fail "csv_field get keys"
n=0 prev=
while IFS=, read -r mode key; do
	n=$((n + 1))
	if [ $((n % 2)) = 1 ]; then
		[ "$mode" = eager-lazy ] || fail "pair $n: $mode where eager-lazy comes first"
		prev=$key
	else
		if [ "$mode" != eager-lazy_keep ] || [ "$key" != "$prev" ]; then
			fail "pairs of a key not adjacent (eager-lazy, eager-lazy_keep): pair $n $mode $key"
		fi
	fi
done <"$T/m3.keys"
[ "$n" -eq 20 ] || fail "$n pairs read, expected 20"
# The model: lazy_keep pays 30 more than lazy per MMIO round trip, so
# eager - lazy_keep is 30 smaller; an hvc exit pays neither.
grep -q '^kvm,mmio,sve,none,512,0,eager-lazy_keep,.*,slower,samples,1024,' "$T/m3.cmp" ||
	fail "host=sve@512: eager slower than lazy_keep"
# diff MODE: B-A of kvm/mmio/host=none/guest=none in that pair
diff_of() {
	csv_field get "$T/m3.cmp" --where bench=kvm --where exit=mmio --where host_fp=none \
		--where guest_fp=none --where mode="$1" diff
}
x=$(awk -v a="$(diff_of eager-lazy)" -v b="$(diff_of eager-lazy_keep)" 'BEGIN { print a - b }')
awk -v x="$x" 'BEGIN { exit !(x > 20 && x < 40) }' ||
	fail "eager-lazy minus eager-lazy_keep ($x) not near the model's 30"
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

# The csv rows plot/plot.sh draws: --measured leaves out the skipped and
# failed pairs, --pair one of the two pairs, --traced the untraced ones;
# slot numbers the keys of the selected pairs, shared by a key's two pairs.
gen "$T/sk3" --seed 1 --n 200 --modes all --skip-sme
expect_rc 0 fpbench compare --format csv "$T/sk3.csv"
cp "$T/out" "$T/sk3.all"
skipped=$(csv_col verdict "$T/sk3.all" | grep -c '^skipped$')
[ "$skipped" -gt 0 ] || fail "--skip-sme gave no skipped pair"
expect_rc 0 fpbench compare --format csv --measured "$T/sk3.csv"
csv_col verdict "$T/out" | grep -qx skipped && fail "--measured kept a skipped pair"
[ "$(csv_col verdict "$T/out" | wc -l)" -eq $(($(csv_col verdict "$T/sk3.all" | wc -l) - skipped)) ] ||
	fail "--measured dropped more than the skipped pairs"
expect_rc 0 fpbench compare --format csv --measured --pair eager-lazy_keep "$T/sk3.csv"
[ "$(csv_col mode "$T/out" | sort -u)" = eager-lazy_keep ] || fail "--pair eager-lazy_keep"
cp "$T/out" "$T/sk3.keep"
expect_rc 0 fpbench compare --format csv --measured --pair eager-lazy "$T/sk3.csv"
# the two pairs of a key share the slot, keys count 0, 1, 2, ...
[ "$(csv_col slot "$T/out" | tr '\n' ' ')" = "$(csv_col slot "$T/sk3.keep" | tr '\n' ' ')" ] ||
	fail "slots of eager-lazy and eager-lazy_keep differ"
[ "$(csv_col slot "$T/out" | tr '\n' ' ')" = "$(seq 0 $(($(csv_col slot "$T/out" | wc -l) - 1)) | tr '\n' ' ')" ] ||
	fail "slots of the measured keys not 0, 1, ...: $(csv_col slot "$T/out" | tr '\n' ' ')"
[ "$(csv_field get "$T/out" --where label=fpsimd slot)" = 1 ] || fail "fpsimd (second key) not slot 1"
expect_rc 0 fpbench compare --format csv --traced "$T/sk3.csv"
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "--traced kept pairs of an untraced file"
gen "$T/tr3" --seed 1 --n 200 --modes all --trace
expect_rc 0 fpbench compare --format csv --traced --pair eager-lazy "$T/tr3.csv"
[ "$(csv_col bytes_source "$T/out" | sort -u)" = trace ] || fail "--traced: bytes_source not trace"
[ "$(csv_col mode "$T/out" | wc -l)" -eq 10 ] || fail "--traced --pair eager-lazy: not 10 pairs"
expect_rc 2 fpbench compare --measured "$T/sk3.csv"
expect_msg "use --format csv"
expect_rc 2 fpbench compare --format csv --pair lazy "$T/sk3.csv"
expect_msg "expected eager-lazy or eager-lazy_keep"
expect_rc 2 fpbench compare --format csv --pair eager-lazy "$T/sk3.csv" "$T/tr3.csv"

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
