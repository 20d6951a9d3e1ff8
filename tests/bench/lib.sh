# SPDX-License-Identifier: GPL-2.0
# Shared by the bench tests: tests/lib.sh plus the strict results checker.
: "${CHECK:?}"
ARM64=${ARM64:-0}
. "$(dirname "$0")/../lib.sh"

check() { $EMU "$CHECK" "$@" || fail "check_run $*"; }
