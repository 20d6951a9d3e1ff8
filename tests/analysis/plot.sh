#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# plot/plot.sh turns synthetic results (two "hosts", a small store) into
# every figure, each a real PNG and SVG. Skips without gnuplot.
. "$(dirname "$0")/lib.sh"

command -v gnuplot >/dev/null 2>&1 || skip "gnuplot not installed"
gen "$T/n1" --seed 1 --cpu Neoverse-N1 --kernel 6.12.117 --emulated --unit cntvct
gen "$T/v2" --seed 2 --cpu Neoverse-V2 --kernel 6.12.117 --emulated --unit cntvct --shift -20
S=$T/store
for k in 6.12.117:0:1 6.14:6:2 7.3.4:6.5:3; do
	rel=${k%%:*}; rest=${k#*:}; shift=${rest%%:*}; seed=${rest#*:}
	for h in 1 2; do
		mkdir -p "$S/host$h/$rel"
		gen "$S/host$h/$rel/20261101T120000Z-both" --seed "$seed$h" --shift "$shift" \
			--kernel "$rel" --n 500 --cpu "cpu-$h"
	done
done

# fpbench may need the emulator of a cross build: a wrapper keeps plot.sh simple.
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$EMU" "$FPBENCH" >"$T/fpbench"
chmod +x "$T/fpbench"
FPBENCH=$T/fpbench sh "$SRC/plot/plot.sh" -o "$T/figs" --store "$S" \
	"$T/n1.csv" "$T/v2.csv" >"$T/log" 2>&1 || { cat "$T/log" >&2; fail "plot.sh failed"; }
for f in vl delta dist cores history; do
	[ -s "$T/figs/$f.png" ] || fail "$f.png missing or empty"
	[ -s "$T/figs/$f.svg" ] || fail "$f.svg missing or empty"
	head -c 8 "$T/figs/$f.png" | od -An -c | grep -q 'P   N   G' || fail "$f.png is not a PNG"
	grep -q '<svg' "$T/figs/$f.svg" || fail "$f.svg is not SVG"
done
# Titles say what the numbers are.
grep -q 'EMULATED (QEMU TCG)' "$T/figs/vl.svg" || fail "vl.svg title lacks EMULATED"
grep -q 'cntvct' "$T/figs/vl.svg" || fail "vl.svg axis lacks the unit"
grep -q 'Neoverse-N1' "$T/figs/cores.svg" && grep -q 'Neoverse-V2' "$T/figs/cores.svg" ||
	fail "cores.svg does not name both CPUs"
grep -q 'host1 (cpu-1)' "$T/figs/history.svg" && grep -q 'host2 (cpu-2)' "$T/figs/history.svg" ||
	fail "history.svg lacks a line per host"

# The trace figure only for traced results; the delta figure then names
# its bytes measured, otherwise a model.
[ -e "$T/figs/where.png" ] && fail "where.png drawn without a trace"
grep -q 'bytes moved (model)' "$T/figs/delta.svg" || fail "untraced delta.svg does not say model"
gen "$T/tr" --seed 7 --trace --n 300
FPBENCH=$T/fpbench sh "$SRC/plot/plot.sh" -o "$T/figtr" "$T/tr.csv" >"$T/log" 2>&1 ||
	{ cat "$T/log" >&2; fail "plot.sh failed on a traced file"; }
[ -s "$T/figtr/where.png" ] && grep -q '<svg' "$T/figtr/where.svg" || fail "no where figure for a traced file"
grep -q 'Where the eager delta goes' "$T/figtr/where.svg" || fail "where.svg title"
grep -q 'exception returns' "$T/figtr/where.svg" || fail "where.svg lacks the exceptions segment"
grep -q 'bytes moved (measured)' "$T/figtr/delta.svg" || fail "traced delta.svg does not say measured"

# Three modes (--fp-mode all): vl draws lazy_keep lines, delta a second
# bar series, history a second line per host.
gen "$T/m3" --seed 5 --modes all --kernel 6.12.117 --n 500
S3=$T/store3
for k in 6.12.117:0:1 6.14:6:2; do
	rel=${k%%:*}; rest=${k#*:}; shift=${rest%%:*}; seed=${rest#*:}
	mkdir -p "$S3/host1/$rel"
	gen "$S3/host1/$rel/20261101T120000Z-all" --modes all --seed "$seed" --shift "$shift" \
		--kernel "$rel" --n 500 --cpu cpu-1
done
FPBENCH=$T/fpbench sh "$SRC/plot/plot.sh" -o "$T/figs3" --store "$S3" \
	"$T/m3.csv" >"$T/log" 2>&1 || { cat "$T/log" >&2; fail "plot.sh failed on three modes"; }
for f in vl delta dist history; do
	[ -s "$T/figs3/$f.svg" ] || fail "three modes: $f.svg missing"
done
grep -q 'sve/lazy_keep' "$T/figs3/vl.svg" && grep -q 'sve/lazy<' "$T/figs3/vl.svg" ||
	fail "vl.svg lacks lazy or lazy_keep lines"
grep -q 'eager - lazy_keep' "$T/figs3/delta.svg" && grep -q 'eager - lazy<' "$T/figs3/delta.svg" ||
	fail "delta.svg lacks one of the two delta series"
grep -q 'host1 (cpu-1) eager - lazy_keep' "$T/figs3/history.svg" ||
	fail "history.svg lacks the eager - lazy_keep line"
grep -q 'lazy_keep' "$T/figs/delta.svg" "$T/figs/history.svg" && fail "two-mode figures mention lazy_keep"

# An emulated store: history and roundtrip titles say so and name the unit
# (history --format meta), the roundtrip of the kernels as shipped too.
SE=$T/store_emu
for k in 6.12.117:1 6.14:2; do
	rel=${k%:*}
	mkdir -p "$SE/emu/$rel"
	gen "$SE/emu/$rel/20261101T120000Z-both" --seed "${k#*:}" --kernel "$rel" --n 200 \
		--emulated --unit cntvct --cpu cpu-e
	gen "$SE/emu/$rel/20261101T130000Z-unknown" --seed "${k#*:}" --kernel "$rel" --n 200 \
		--emulated --unit cntvct --cpu cpu-e --modes unknown
done
FPBENCH=$T/fpbench sh "$SRC/plot/plot.sh" -o "$T/figse" --store "$SE" >"$T/log" 2>&1 ||
	{ cat "$T/log" >&2; fail "plot.sh failed on an emulated store"; }
grep -q 'EMULATED (QEMU TCG): not hardware cycles' "$T/figse/history.svg" || fail "history.svg: not EMULATED"
grep -q 'eager - lazy (cost the eager vcpu_load save adds) (cntvct)' "$T/figse/history.svg" ||
	fail "history.svg: no unit on the axis"
grep -q 'emu (cpu-e)' "$T/figse/history.svg" || fail "history.svg: host (cpu) title"
grep -q 'emulated instructions, not hardware cycles' "$T/figse/roundtrip.svg" ||
	fail "roundtrip.svg: not labelled emulated"
grep -q 'one line per host (CPU)' "$T/figs/history.svg" || fail "history.svg of a hardware store"

# plotdata refuses to put two units on one axis, and unknown kinds.
gen "$T/cyc" --seed 4 --n 100
expect_rc 3 fpbench plotdata cores "$T/n1.csv" "$T/cyc.csv"
grep -q 'not one axis' "$T/err" || fail "unit mismatch not explained"
expect_rc 2 fpbench plotdata pie "$T/n1.csv"
# a failure leaves stdout empty (no header of a table that never came)
expect_rc 3 fpbench plotdata vl --bench ctxsw "$T/n1.csv"
[ -s "$T/out" ] && fail "plotdata wrote partial output before failing"
expect_rc 3 fpbench plotdata vl "$T/missing.csv"
[ -s "$T/out" ] && fail "plotdata wrote output for a missing file"
expect_rc 0 fpbench plotdata meta "$T/n1.csv"
grep -qx 'emulated = 1' "$T/out" || fail "meta: emulated not set"
grep -qx 'unit = "cntvct"' "$T/out" || fail "meta: unit"
# what scripts read instead of the JSON (tools/main, tests/native-arm64)
grep -qx 'counter_source = "synthetic"' "$T/out" || fail "meta: counter_source"
grep -qx 'pmu_unavailable = ""' "$T/out" || fail "meta: pmu_unavailable not empty"
grep -qx 'fp_modes = "eager,lazy"' "$T/out" || fail "meta: fp_modes"
grep -qx 'host = "[^"?][^"]*"' "$T/out" || fail "meta: host"
# rows: a row's numbers for scripts (tools/ctxsw-vs-perf), the CSV's values
expect_rc 0 fpbench plotdata rows --host-fp sve "$T/cyc.csv"
head -n 1 "$T/out" | grep -qx 'label mode unit median tmean ci_lo ci_hi n' || fail "rows: header"
grep -q '^sve@512 eager cycles ' "$T/out" || fail "rows: no sve@512 eager line"
[ "$(($(wc -l <"$T/out") - 1))" -eq "$(csv_field get "$T/cyc.csv" --where exit=mmio --where host_fp=sve \
	--where guest_fp=none status | grep -c ok)" ] || fail "rows: not one line per ok row"
sel="--where exit=mmio --where host_fp=sve --where guest_fp=none --where vl_bits=512 --where fp_mode=eager"
# shellcheck disable=SC2086 # $sel: one word per option
want=$(printf '%.2f %.2f' "$(csv_field get "$T/cyc.csv" $sel cycles_median)" \
	"$(csv_field get "$T/cyc.csv" $sel cycles_tmean)")
got=$(grep '^sve@512 eager ' "$T/out" | cut -d' ' -f4,5)
[ "$got" = "$want" ] || fail "rows: sve@512 eager median, tmean $got, the CSV has $want"
expect_rc 3 fpbench plotdata rows --bench ctxsw "$T/cyc.csv"
[ -s "$T/out" ] && fail "plotdata rows wrote output for no rows"
exit 0
