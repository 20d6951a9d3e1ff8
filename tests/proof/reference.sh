#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The tests of tests/proof on one measured set (tools/reference):
#
#   reference.sh measure SET WORKDIR [rig options]   fixture: run the set once
#   reference.sh delta SET WORKDIR                    eager-lazy (check-delta)
#   reference.sh vanilla WORKDIR                      patched eager vs vanilla
#   reference.sh repeat SET WORKDIR                   against results/qemu-max
#
# The checks read WORKDIR/SET.csv; a measure step that skipped leaves
# WORKDIR/SET.skip, and the checks then skip too. Exit 0/1/4.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ref=$here/../../tools/reference
cmd=$1
shift

skip() { echo "SKIP: $*"; exit 4; }
have() {	# have SET WORKDIR: the fresh run of SET is there
	[ -r "$2/$1.skip" ] && skip "$1 was not measured: $(cat "$2/$1.skip")"
	[ -r "$2/$1.csv" ] || { echo "FAIL: $2/$1.csv missing (did kernel.proof.run_$1 fail?)"; exit 1; }
}

case $cmd in
measure)
	set=$1 work=$2
	shift 2
	mkdir -p "$work"
	rm -f "$work/$set".*
	command -v qemu-system-aarch64 >/dev/null || {
		echo "qemu-system-aarch64 not installed" >"$work/$set.skip"; skip "$(cat "$work/$set.skip")"; }
	start=$(date +%s)
	"$ref" measure "$set" "$work/$set.csv" "$@"
	rc=$?
	echo "# $set: exit $rc after $(($(date +%s) - start)) s"
	[ $rc = 4 ] && { echo "fpbench skipped every row" >"$work/$set.skip"; exit 4; }
	exit $rc ;;
delta)
	have "$1" "$2"
	"$ref" check-delta "$2/$1.csv" ;;
vanilla)
	have 6.12-vanilla "$1"
	have 6.12-patched "$1"
	"$ref" check-vanilla "$1/6.12-vanilla.csv" "$1/6.12-patched.csv" ;;
repeat)
	have "$1" "$2"
	r=$("$ref" latest "$1")
	[ -n "$r" ] || { echo "FAIL: no committed reference for $1 under results/qemu-max (tools/reference --sets $1)"; exit 1; }
	echo "# reference: $r"
	# Exact figures repeat only on the same kernel: the archive may have
	# moved to a newer point release (kernel-patches/build.sh builds it);
	# proof_delta and proof_vanilla still check the invariants then.
	kref=$("$ref" meta "$r" kernel)
	knew=$("$ref" meta "$2/$1.csv" kernel)
	[ -n "$kref" ] && [ -n "$knew" ] || { echo "FAIL: no kernel release in the metadata of $r or $2/$1.csv"; exit 1; }
	[ "$kref" = "$knew" ] ||
		skip "the reference is of kernel $kref, this run of $knew: figures repeat exactly only on the same kernel (the invariants are proof_delta and proof_vanilla)"
	"$ref" check-repeat "$r" "$2/$1.csv" || {
		echo "# If fpbench or the kernel changed on purpose, regenerate: tools/reference --sets $1"
		exit 1
	} ;;
*) echo "usage: $0 measure|delta|vanilla|repeat ..." >&2; exit 2 ;;
esac
