#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The native arm64 path, end to end (README, "Running on real hardware"):
# tools/qemu-rig system boots the arm64 Debian 12 system of
# tools/debian-arm64 on the patched 6.12 kernel, where job.sh runs
# "tools/setup && tools/main --quick" from a clean copy of the tree as
# root and as a user in group kvm. Checked here, on the host: both runs
# exited 0 and measured natively (not in a nested rig), root read the PMU
# at EL0, the user fell back with a stated reason, every run's files came
# back whole, and this build's fpbench compare reads them.
#
#   native-arm64.sh QEMU_RIG [rig options]     (FPBENCH, WORK from CTest)
rig=$1
shift
. "$(dirname "$0")/../lib.sh"
command -v qemu-system-aarch64 >/dev/null || skip "qemu-system-aarch64 not installed"
command -v debootstrap >/dev/null || skip "debootstrap not installed (apt-get install debootstrap)"
[ "$(id -u)" = 0 ] || skip "tools/debian-arm64 needs root (debootstrap)"

mkdir -p "$T/out"
start=$(date +%s)
"$rig" system "$@" --out-dir "$T/out" -- /rig/tree/tests/native-arm64/job.sh
rc=$?
echo "# rig system: exit $rc after $(( $(date +%s) - start )) s"
[ $rc = 0 ] || fail "the job in the Debian system exited $rc (logs: $T/out/*.log)"

for u in root fpbench; do
	log=$T/out/$u.log
	[ -s "$log" ] || fail "$u: no log came back"
	grep -q '^main: measuring natively on ' "$log" ||
		fail "$u: tools/main did not take its native arm64 path ($log)"
	grep -q '^setup: installing' "$log" && fail "$u: tools/setup wanted to install packages ($log)"
	mkdir -p "$T/$u"
	tar -C "$T/$u" -xf "$T/out/$u-results.tar" || fail "$u: results tar unreadable"
	csvs=$(find "$T/$u/results" -name '*.csv' ! -name '*.samples.csv' 2>/dev/null)
	[ -n "$csvs" ] || fail "$u: no results came back"
	for csv in $csvs; do
		b=${csv%.csv}
		[ -s "$b.samples.csv" ] && [ -s "$b.json" ] || fail "$u: $csv lacks its samples or metadata"
		[ -d "$b.figures" ] || fail "$u: no figures for $csv"
		# one mode (the user cannot switch the knob) has no pair to compare
		m=$(sed -n 's/^fp_modes = "\(.*\)"$/\1/p' <(fpbench plotdata meta "$csv"))
		case $m in *,*) fpbench compare "$csv" >"$T/$u.compare" 2>&1 || { cat "$T/$u.compare" >&2; fail "$u: fpbench compare $csv"; } ;; esac
		fpbench plotdata meta "$csv" >"$T/$u.meta" || fail "$u: fpbench plotdata meta $csv"
		src=$(sed -n 's/^counter_source = "\(.*\)"$/\1/p' "$T/$u.meta")
		why=$(sed -n 's/^pmu_unavailable = "\(.*\)"$/\1/p' "$T/$u.meta")
		echo "# $u: ${csv#$T/} counter source $src${why:+ ($why)}, $(grep -c ',ok,' "$csv") ok rows"
		if [ $u = root ]; then
			[ "$src" = pmu-el0 ] || fail "root: counter source '$src', wanted pmu-el0 (perf_user_access=1)"
		else
			[ "$src" != pmu-el0 ] || fail "$u: EL0 PMU reads with perf_user_access=0"
			[ -n "$why" ] || fail "$u: fell back to $src without a stated reason"
		fi
	done
done
ok "README's main command ran natively as root and as a user; results compare"
