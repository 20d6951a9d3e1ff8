#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# plot.sh: figures of kvm-fpbench results, PNG and SVG.
#
#   plot/plot.sh [-o DIR] [--store ROOT [--config KEY] [--delta KIND]] RESULTS.csv...
#
# From the first RESULTS file:
#   vl.{png,svg}     round-trip cost vs vector length, every mode measured
#                    (eager solid, lazy dashed, lazy_keep dotted), 95% CI
#                    error bars, one line per host FP state and mode
#   where.{png,svg}  where the eager - lazy delta goes, from the trace
#                    (tr_* columns): instruction kinds and kernel/hyp
#                    bytes per host FP state; only for traced results
#   delta.{png,svg}  eager - lazy per host FP state (bars, 95% CI) with the
#                    bytes moved on the second axis: measured by the trace
#                    where there is one, else the model (needs both modes);
#                    a file of --fp-mode all adds eager - lazy_keep bars
#   dist.{png,svg}   per-iteration percentiles p10/p25/median/p75/p90
# From all RESULTS files (two or more):
#   cores.{png,svg}  medians of each host/core side by side
# From a result store (--store, results/README.md "Store layout"):
#   history.{png,svg} the configuration across kernel versions, one line
#                    per host, flagged steps circled (default KEY
#                    kvm/mmio/host=fpsimd/guest=none, --delta modes:
#                    eager - lazy, what the eager vcpu_load save adds, and
#                    eager - lazy_keep as a second line where measured)
#   roundtrip.{png,svg} the configuration's round trip on the vanilla
#                    kernels (no knob: the kernels as shipped), one line
#                    per host, flagged steps circled: the regression
#                    history across kernel lines
#
# The data come from fpbench subcommands (plotdata, compare, history); this
# script is presentation only. FPBENCH names the fpbench binary (default:
# fpbench in PATH). Titles carry unit, kernel, CPU and, for emulated
# results, "EMULATED (QEMU TCG)".
set -eu

usage() {	# usage EXIT: the header's synopsis, on stderr unless asked for
	if [ "$1" = 0 ]; then
		sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//'
	else
		sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2
	fi
	exit "$1"
}

out=plots
store=
config=kvm/mmio/host=fpsimd/guest=none
delta=modes
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=$2; shift 2 ;;
	--store) store=$2; shift 2 ;;
	--config) config=$2; shift 2 ;;
	--delta) delta=$2; shift 2 ;;
	-h|--help) usage 0 ;;
	--) shift; break ;;
	-*) echo "plot.sh: unknown option $1" >&2; usage 2 ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || [ -n "$store" ] || usage 2

# fpbench in PATH, else the native build of this checkout (README's layout).
if [ -z "${FPBENCH:-}" ]; then
	FPBENCH=fpbench
	command -v fpbench >/dev/null 2>&1 ||
		FPBENCH=$(cd "$(dirname "$0")/.." && pwd)/build/native/fpbench
fi
command -v gnuplot >/dev/null 2>&1 || { echo "plot.sh: gnuplot not found" >&2; exit 4; }
# pngcairo draws antialiased text; plain png (libgd) is the fallback.
if gnuplot -e 'set terminal' 2>&1 | grep -q pngcairo; then
	png="pngcairo size 1100,650 font 'sans,10'"
else
	png="png size 1100,650"
fi
svg="svg size 1100,650 dynamic font 'sans,10'"

mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# want NAME ARGS...: fpbench ARGS into $tmp/NAME.dat; on failure say why
# and leave that figure out.
want() {
	name=$1; shift
	"$FPBENCH" "$@" >"$tmp/$name.dat" 2>"$tmp/$name.err" && return 0
	echo "plot.sh: no $name figure: $(grep -v 'note:' "$tmp/$name.err" | head -n 1)" >&2
	return 1
}

# meta NAME FILE: the string NAME of fpbench's "NAME = value" lines (history
# --format meta), unquoted
meta() {
	sed -n "s/^$1 = \"\\(.*\\)\"\$/\\1/p" "$2" | sed 's/\\\(.\)/\1/g'
}
# units FILE...: the units of history --format meta files, sorted, ", "-joined
units() {
	for f in "$@"; do meta units "$f"; done | tr ' ' '\n' | sort -u |
		tr '\n' ' ' | sed 's/ $//; s/ /, /g'
}

# render NAME: $tmp/NAME.gp (which plots) into $out/NAME.png and .svg
render() {
	for t in png svg; do
		if [ $t = png ]; then term=$png; else term=$svg; fi
		{
			echo "set terminal $term"
			echo "set output '$out/$1.$t'"
			cat "$tmp/$1.gp"
		} | gnuplot || { echo "plot.sh: gnuplot failed on $1.$t" >&2; exit 1; }
	done
	echo "plot.sh: $out/$1.png $out/$1.svg"
	figures=$((figures + 1))
}
figures=0

common='set termoption noenhanced
set grid ytics
set key outside right top
set datafile missing "nan"
set border 3
set tics nomirror'

if [ $# -ge 1 ]; then
	first=$1
	"$FPBENCH" plotdata meta "$first" >"$tmp/meta.gp" || exit 3

	# (a) cost vs VL
	if want vl plotdata vl "$first"; then
	cat >"$tmp/vl.gp" <<GP
load '$tmp/meta.gp'
$common
stats '$tmp/vl.dat' using 1 nooutput
set title sprintf("KVM_RUN round trip (MMIO exit to user space, idle guest) vs vector length\\n%s", subtitle)
set xlabel "vector length (bits): SVE VL for sve/vmm, streaming SVL for ssve/za/zt0; flat lines: no VL dependence"
set ylabel sprintf("cost per round trip (%s): median, 95%% CI", unit)
kinds = "$(sed -n 's/^# kinds://p' "$tmp/vl.dat")"
modes = "$(sed -n 's/^# modes://p' "$tmp/vl.dat")"
set xtics 128
set autoscale xfix
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
# Colour: host FP state; solid: eager, dashed: lazy, dotted: lazy_keep
# (mode numbers of plotdata: enum fp_mode + 1).
colour(i) = int(word(kinds, i + 1))
dash(i) = int(word(modes, i + 1)) == 3 ? 2 : int(word(modes, i + 1)) == 4 ? 3 : 1
plot for [i=0:STATS_blocks-1] '$tmp/vl.dat' index i using 1:2:3:4 \\
	with yerrorlines lw 2 pt 7 ps 0.8 lc colour(i) \\
	dashtype dash(i) title columnheader(1)
GP
	render vl
	fi

	# (b) eager - lazy with the bytes model
	# Only configurations with a measured difference: a skipped one has no
	# bar, and its bytes-model point alone would read as a measurement.
	# pairs ARGS...: compare's csv of the MMIO, idle-guest pairs of $first.
	pairs() {
		"$FPBENCH" compare --format csv --bench kvm --exit mmio --guest-fp none "$@" "$first"
	}
	# rows FILE: how many data rows a csv of fpbench has
	rows() { echo $(($(wc -l <"$1") - 1)); }
	if pairs --measured --pair eager-lazy >"$tmp/delta.csv" 2>"$tmp/delta.err" &&
	   [ "$(rows "$tmp/delta.csv")" -gt 0 ]; then
		# --fp-mode all: eager - lazy_keep bars beside the eager - lazy
		# ones, placed by compare's slot (a key's x), as either may be
		# skipped alone. Bytes on the second axis: measured by the trace
		# where the file has one (compare --traced), else the model.
		pairs --measured --traced --pair eager-lazy >"$tmp/where.csv" 2>/dev/null || exit 3
		if [ "$(rows "$tmp/where.csv")" -gt 0 ]; then
			bytes_label="host kernel/hyp bytes loaded + stored, eager - lazy (measured by the trace)"
			bytes_title="bytes moved (measured)"
		else
			bytes_label="host FP bytes moved per round trip (model: 2 x what the save moves in a syscall)"
			bytes_title="bytes moved (model)"
		fi
		keep=
		pairs --pair eager-lazy_keep >"$tmp/keep.csv" 2>/dev/null || exit 3
		if [ "$(rows "$tmp/keep.csv")" -gt 0 ]; then
			keep=1
			for pair in eager-lazy eager-lazy_keep; do
				pairs --measured --pair $pair >"$tmp/delta-$pair.csv" 2>/dev/null || exit 3
			done
		fi
		if [ -n "$keep" ]; then
		cat >"$tmp/delta.gp" <<GP
load '$tmp/meta.gp'
$common
set datafile separator ','
set title sprintf("Cost of the eager host FP save: eager - lazy and eager - lazy_keep per round trip, by host FP state\\n%s", subtitle)
set ylabel sprintf("eager - lazy mode (%s): median difference, bootstrap 95%% CI", unit)
set y2label "$bytes_label"
set y2tics
set ytics nomirror
set xlabel "host FP state @ vector length (bits)"
set style fill solid 0.5 border -1
set boxwidth 0.35
set xtics rotate by -30
set yrange [*<0:*]
set y2range [0:*]
set xzeroaxis
plot '$tmp/delta-eager-lazy.csv' using (column("slot") - 0.18):(column("diff")):xtic(strcol("label")) with boxes lc rgb "#4477aa" title "eager - lazy", \\
     '' using (column("slot") - 0.18):(column("diff")):(column("ci_lo")):(column("ci_hi")) with yerrorbars lc rgb "black" pt -1 title "95% CI", \\
     '$tmp/delta-eager-lazy_keep.csv' using (column("slot") + 0.18):(column("diff")) with boxes lc rgb "#ddaa33" title "eager - lazy_keep", \\
     '' using (column("slot") + 0.18):(column("diff")):(column("ci_lo")):(column("ci_hi")) with yerrorbars lc rgb "black" pt -1 notitle, \\
     '$tmp/delta-eager-lazy.csv' using (column("slot")):(column("fp_bytes")) axes x1y2 with points lc rgb "#cc6677" pt 5 ps 1.5 title "$bytes_title"
GP
		else
		cat >"$tmp/delta.gp" <<GP
load '$tmp/meta.gp'
$common
set datafile separator ','
set title sprintf("Cost of the eager host FP save: eager - lazy per round trip, by host FP state\\n%s", subtitle)
set ylabel sprintf("eager - lazy (%s): median difference, bootstrap 95%% CI", unit)
set y2label "$bytes_label"
set y2tics
set ytics nomirror
set xlabel "host FP state @ vector length (bits)"
set style fill solid 0.5 border -1
set boxwidth 0.6
set xtics rotate by -30
set yrange [*<0:*]
set y2range [0:*]
set xzeroaxis
plot '$tmp/delta.csv' using 0:(column("diff")):xtic(strcol("label")) with boxes lc rgb "#4477aa" title "eager - lazy", \\
     '' using 0:(column("diff")):(column("ci_lo")):(column("ci_hi")) with yerrorbars lc rgb "black" pt -1 title "95% CI", \\
     '' using 0:(column("fp_bytes")) axes x1y2 with points lc rgb "#cc6677" pt 5 ps 1.5 title "$bytes_title"
GP
		fi
		render delta

		# (b2) where the eager delta goes: the trace's B-A split into
		# instruction kinds (top) and kernel/hyp bytes (bottom), per host
		# FP state; only where the file has a trace.
		# Sync is ISB + DSB/DMB; "other" is what the named kinds leave of
		# every instruction.
		if [ "$(rows "$tmp/where.csv")" -gt 0 ]; then
		cat >"$tmp/where.gp" <<GP
load '$tmp/meta.gp'
$common
set datafile separator ','
set multiplot layout 2,1 title sprintf("Where the eager delta goes: eager - lazy per round trip, counted by the trace of the emulated host\\n%s", subtitle)
set style data histograms
set style histogram rowstacked
set style fill solid 0.7 border -1
set boxwidth 0.6
set xzeroaxis
set ylabel "instructions (emulated), eager - lazy"
set xtics rotate by -30
plot '$tmp/where.csv' using (column("d_tr_msr")):xtic(strcol("label")) lc rgb "#cc6677" title "MSR (sysreg writes)", \
     '' using (column("d_tr_isb") + column("d_tr_barriers")) lc rgb "#ddaa33" title "ISB, DSB, DMB", \
     '' using (column("d_tr_exceptions")) lc rgb "#117733" title "exception returns", \
     '' using (column("d_tr_sve")) lc rgb "#aa4499" title "SVE/SME instructions", \
     '' using (column("d_tr_instructions") - column("d_tr_msr") - column("d_tr_isb") - column("d_tr_barriers") - column("d_tr_exceptions") - column("d_tr_sve")) lc rgb "#4477aa" title "other instructions", \
     '' using 0:(column("d_tr_iter_instructions")) with points pt 7 ps 1.2 lc rgb "black" title "whole iteration (fill + KVM_RUN + verify)"
set style histogram clustered gap 1
set yrange [*<0:*]
set ylabel "host kernel/hyp bytes, eager - lazy"
set xlabel "host FP state @ vector length (bits); MMIO exit, idle guest"
plot '$tmp/where.csv' using (column("d_tr_load_bytes")):xtic(strcol("label")) lc rgb "#88ccee" title "bytes loaded", \
     '' using (column("d_tr_store_bytes")) lc rgb "#332288" title "bytes stored"
unset multiplot
GP
		render where
		fi
	else
		echo "plot.sh: no eager - lazy figure: $(head -n 1 "$tmp/delta.err")" >&2
	fi

	# (c) distributions
	if want dist plotdata dist "$first"; then
	cat >"$tmp/dist.gp" <<GP
load '$tmp/meta.gp'
$common
stats '$tmp/dist.dat' using 1 nooutput
nb = STATS_blocks
set title sprintf("Per-iteration cost per configuration (MMIO exit, idle guest): boxes p25-p75, whiskers p10-p90, bar median\\n%s", subtitle)
set ylabel sprintf("cost per round trip (%s)", unit)
set xlabel "host FP state @ vector length (bits)"
set boxwidth 0.7 / nb absolute
set style fill solid 0.6 border -1
set xtics rotate by -30
set offsets 0.5, 0.5, 0, 0
plot for [i=0:nb-1] '$tmp/dist.dat' index i using 1:5:4:8:7 with candlesticks whiskerbars lw 1.5 title columnheader(1), \\
     for [i=0:nb-1] '' index i using 1:6:6:6:6 with candlesticks lt -1 lw 2 notitle, \\
     '' index 0 using 2:(NaN):xtic(3) notitle
GP
	render dist
	fi

	# (e) cores side by side
	if [ $# -ge 2 ]; then
		"$FPBENCH" plotdata meta "$@" >"$tmp/meta.gp" || exit 3
		n=$#
		if want cores plotdata cores "$@"; then
		cat >"$tmp/cores.gp" <<GP
load '$tmp/meta.gp'
$common
set title sprintf("Round trip per configuration, hosts side by side (eager mode, MMIO exit, idle guest)\\n%s", subtitle)
set ylabel sprintf("cost per round trip (%s): median, 95%% CI", unit)
set xlabel "host FP state @ vector length (bits)"
set style data histograms
set style histogram errorbars gap 1 lw 1
set style fill solid 0.5 border -1
set xtics rotate by -30
set yrange [0:*]
plot for [i=0:$n-1] '$tmp/cores.dat' using (column(2+3*i)):(column(3+3*i)):(column(4+3*i)):xtic(1) title columnheader(2+3*i)
GP
		render cores
		fi
	fi
fi

# (d) history across kernels
if [ -n "$store" ]; then
	i=0
	plots=
	# --delta modes: eager - lazy, and eager - lazy_keep as a line of its
	# own where the store has it (history prints one series per pair).
	deltas=$delta
	[ "$delta" != modes ] || deltas="eager-lazy eager-lazy_keep"
	keep_lines=0
	for hostdir in "$store"/*/; do
		host=$(basename "$hostdir")
		for d in $deltas; do
		# The history follows one configuration of the kernels: a
		# -debian release is the same tree in Debian's configuration
		# (kernel-patches/README.md), not a later version.
		if "$FPBENCH" history --config "$config" --delta "$d" --host "$host" \
			--exclude-kernel '*-debian-*' \
			--format csv "$store" >"$tmp/hist$i.csv" 2>"$tmp/hist.err"; then
			# one kernel is no history (and would take another line's first tic)
			if [ "$(grep -c . "$tmp/hist$i.csv")" -lt 3 ]; then
				echo "plot.sh: history of $host ($d): one kernel only, not drawn" >&2
				continue
			fi
			"$FPBENCH" history --config "$config" --delta "$d" --host "$host" \
				--exclude-kernel '*-debian-*' \
				--format meta "$store" >"$tmp/hist$i.meta" 2>/dev/null || exit 3
			hcpu=$(meta cpu "$tmp/hist$i.meta")
			step_title="'step change'"
			[ $i -eq 0 ] || step_title="''"
			title="$host ($hcpu)"
			if [ "$d" = eager-lazy_keep ] && [ "$delta" = modes ]; then
				title="$title eager - lazy_keep"
				keep_lines=$((keep_lines + 1))
			fi
			plots="$plots${plots:+, }'$tmp/hist$i.csv' using (column(\"index\")):(column(\"value\")):(column(\"ci_lo\")):(column(\"ci_hi\")):xtic(strcol(\"kernel\")) with yerrorlines lw 2 pt 7 title '$title', '' using (column(\"index\")):(strcol(\"step\") ne \"-\" ? column(\"value\") : NaN) with points pt 6 ps 3 lw 2 lc rgb 'red' title $step_title"
			i=$((i + 1))
		elif [ "$d" != eager-lazy_keep ] || [ "$delta" != modes ]; then
			# a store without lazy_keep is no error for --delta modes
			echo "plot.sh: history of $host: $(grep -v note: "$tmp/hist.err" | head -n 1)" >&2
		fi
		done
	done
	rm -f "$tmp/hist$i.csv" "$tmp/hist$i.meta"
	if [ $i -gt 0 ]; then
		emulated=
		grep -qx 'emulated = 1' "$tmp"/hist*.meta &&
			emulated="EMULATED (QEMU TCG): not hardware cycles"
		unit=$(units "$tmp"/hist*.meta)
		case $delta in
		modes) what="eager - lazy (cost the eager vcpu_load save adds)"
			[ $keep_lines -eq 0 ] ||
				what="eager - lazy and eager - lazy_keep (cost the eager vcpu_load save adds)" ;;
		eager-lazy) what="eager - lazy (cost the eager vcpu_load save adds)" ;;
		eager-lazy_keep) what="eager - lazy_keep (cost of the eager save over lazy_keep)" ;;
		exit) what="mmio - hvc exit (vcpu_put + vcpu_load part)" ;;
		*) what="median" ;;
		esac
		cat >"$tmp/history.gp" <<GP
$common
set datafile separator ','
set title "History of $config: $what, per kernel version\\n${emulated:-one line per host (CPU)}"
set ylabel "$what ($unit): 95% CI"
set xlabel "kernel version (version order; several runs of one kernel in date order)"
set xtics rotate by -30
set offsets 0.3, 0.3, 0, 0
plot $plots
GP
		render history
	fi
fi

# (e) the round trip of the kernels as shipped (vanilla: fp_mode unknown)
# across kernel lines, one configuration (no -debian release)
if [ -n "$store" ]; then
	plots=
	for hostdir in "$store"/*/; do
		host=$(basename "$hostdir")
		f=$tmp/rt-$host.csv
		"$FPBENCH" history --config "$config/unknown" --host "$host" \
			--exclude-kernel '*-debian-*' --format csv "$store" >"$f" 2>/dev/null || continue
		[ "$(grep -c . "$f")" -ge 3 ] || continue	# one kernel is no history
		"$FPBENCH" history --config "$config/unknown" --host "$host" \
			--exclude-kernel '*-debian-*' --format meta "$store" >"$tmp/rt-$host.meta" 2>/dev/null || exit 3
		plots="$plots${plots:+, }'$f' using (column(\"index\")):(column(\"value\")):(column(\"ci_lo\")):(column(\"ci_hi\")):xtic(strcol(\"kernel\")) with yerrorlines lw 2 pt 7 title '$host', '' using (column(\"index\")):(strcol(\"step\") ne \"-\" ? column(\"value\") : NaN) with points pt 6 ps 3 lw 2 lc rgb 'red' title 'step change'"
	done
	if [ -n "$plots" ]; then
		# An emulated count is never called cycles without that label.
		if grep -qx 'emulated = 1' "$tmp"/rt-*.meta; then
			what="emulated instructions, not hardware cycles"
		else
			what=$(units "$tmp"/rt-*.meta)
		fi
		cat >"$tmp/roundtrip.gp" <<GP
$common
set datafile separator ','
set title "Round trip of $config on the kernels as shipped (vanilla), per kernel version\\n$what"
set ylabel "round trip ($what): median, 95% CI"
set xlabel "kernel version (version order)"
set xtics rotate by -30
set offsets 0.3, 0.3, 0, 0
set yrange [0:*]
plot $plots
GP
		render roundtrip
	fi
fi

[ $figures -gt 0 ] || { echo "plot.sh: no figure could be drawn" >&2; exit 1; }
