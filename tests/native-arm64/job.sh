#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the arm64 Debian system of tools/qemu-rig's system mode (as root,
# in /tmp/out): README's main command as a server's users would run it,
# once as root and once as the user "fpbench" (group kvm), each from its
# own clean copy of the tree (/rig/tree) in its home directory:
#   tools/setup && tools/main --quick
# root first gives EL0 counter access (README, "Running on real
# hardware", step 4: perf_user_access=1); the user's run finds the
# kernel's default 0 (tools/rig/system-init) and must fall back. Each
# run's log and new result files come back as /tmp/out/<user>.log and
# <user>-results.tar; the exit is 0 only if both runs exited 0.
#   job.sh [USER...]   (default: root fpbench)
set -u
out=$PWD
users=("$@")
[ ${#users[@]} -gt 0 ] || users=(root fpbench)
rc=0
for u in "${users[@]}"; do
	home=$(getent passwd "$u" | cut -d: -f6)
	[ -n "$home" ] || { echo "job: no user $u" >&2; rc=1; continue; }
	dest=$home/kvm-fpbench
	rm -rf "$dest" && cp -a /rig/tree "$dest" && chown -R "$u:" "$dest" ||
		{ echo "job: cannot copy the tree to $dest" >&2; rc=1; continue; }
	as=()
	if [ "$u" = root ]; then
		echo 1 >/proc/sys/kernel/perf_user_access
	else
		echo 0 >/proc/sys/kernel/perf_user_access
		# a login's environment, plus what says this is TCG (the rig's)
		as=(setpriv --reuid="$u" --regid="$u" --init-groups --reset-env
			env ${FPBENCH_EMULATION:+"FPBENCH_EMULATION=$FPBENCH_EMULATION"})
	fi
	echo "job: $u: tools/setup && tools/main --quick in $dest (perf_user_access=$(cat /proc/sys/kernel/perf_user_access))"
	start=$(date +%s)
	marker=$out/.start-$u
	touch "$marker"
	sleep 1	# results newer than the marker, even with a coarse clock
	"${as[@]}" bash -c "cd '$dest' && tools/setup && tools/main --quick" \
		> >(tee "$out/$u.log") 2>&1
	urc=$?
	echo "job: $u: exit $urc after $(( $(date +%s) - start )) s"
	(cd "$dest" && find results -newer "$marker" -type f -print0 |
		tar --null -T - -cf "$out/$u-results.tar")
	rm -f "$marker"
	[ $urc = 0 ] || rc=1
done
exit $rc
