#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the results-reader fuzz target with clang's libFuzzer + ASan and run
# it for FUZZ_SECONDS (default 20) from a seed corpus of real writer output.
# Skips (exit 4) without a clang that links -fsanitize=fuzzer.
#   env: SRC (source dir), WORK (scratch dir), GEN (gen_results), FUZZ_SECONDS
set -u
: "${SRC:?}" "${WORK:?}" "${GEN:?}"
secs=${FUZZ_SECONDS:-20}
CC=${FUZZ_CC:-clang}
mkdir -p "$WORK" && cd "$WORK" || exit 1

command -v "$CC" >/dev/null 2>&1 || { echo "SKIP: $CC not installed" >&2; exit 4; }
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' >probe.c
"$CC" -fsanitize=fuzzer,address probe.c -o probe 2>/dev/null ||
	{ echo "SKIP: $CC cannot link -fsanitize=fuzzer (libFuzzer missing)" >&2; exit 4; }

L=$SRC/bench/lib
flags="-g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$L -I$SRC/bench -I$SRC/bench/arch -I$SRC/bench/arch/generic -DFPBENCH_VERSION=\"fuzz\""
# The library as the generic (non-arm64) build has it: the readers and the
# analysis, and the bench table the matrix reads with the benches it names.
$CC $flags -o fuzz_results "$SRC/tests/fuzz/fuzz_results.c" \
	"$L"/*.c "$SRC"/bench/arch/generic/*.c "$SRC/bench/kvm_pingpong.c" \
	"$SRC/bench/ctxsw.c" -lm -lpthread || { echo "FAIL: build" >&2; exit 1; }

# Seeds: what the writer produces (small), and its pieces.
rm -rf corpus seeds && mkdir corpus seeds
"$GEN" seeds/a --seed 1 --n 12 --skip-sme --fail-one || exit 1
{ cat seeds/a.csv; echo '===='; cat seeds/a.samples.csv; echo '===='; cat seeds/a.json; } >corpus/full
cp seeds/a.csv corpus/summary
{ cat seeds/a.csv; echo '===='; head -n 30 seeds/a.samples.csv; } >corpus/short-samples

./fuzz_results -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
	-max_len=65536 -print_final_stats=1 corpus >fuzz.log 2>&1
rc=$?
tail -n 25 fuzz.log >&2
[ $rc -eq 0 ] || { echo "FAIL: fuzzer found a problem (crash-* in $WORK)" >&2; exit 1; }
exit 0
