#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every FP state on both sides of a futex context switch (arm64: natively or
# qemu-aarch64-static -cpu max): rows measured with zero integrity failures,
# and the negative test: a register corrupted between the switches is
# counted, named and makes the exit code 1.
. "$(dirname "$0")/lib.sh"

[ "$ARM64" = 1 ] || skip "FP states need the arm64 build"

expect_rc 0 fpbench run --bench ctxsw --exit futex --host-fp all --guest-fp all \
	--vl 128,512 --svl 256 --iterations 200 --batches 2 --warmup 5 --out "$T/a"
check "$T/a" --require-keys \
ctxsw/futex/host=fpsimd/guest=fpsimd,\
ctxsw/futex/host=sve/guest=sve/vl=512,\
ctxsw/futex/host=za/guest=sve/vl=128/svl=256,\
ctxsw/futex/host=ssve/guest=fpsimd/svl=256,\
ctxsw/futex/host=vmm/guest=sve/vl=512

for k in fpsimd sve ssve za vmm; do
	expect_rc 1 fpbench ctxsw --host-fp $k --guest-fp none --vl 128 --svl 256 \
		--iterations 100 --clobber 10
	grep -q "integrity_failures [1-9]" "$T/out" || fail "host $k: corruption not counted"
	grep -q "host: .*expected" "$T/out" || fail "host $k: corrupted register not named"
done
expect_rc 1 fpbench ctxsw --host-fp none --guest-fp sve --vl 128 \
	--iterations 100 --clobber 10
grep -q "partner: .*z0" "$T/out" || fail "partner corruption not named"
exit 0
