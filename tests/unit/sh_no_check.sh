#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A shell test that makes no check must not pass: the EXIT trap of
# tests/lib.sh (tests/checks.sh) fails it. Registered with WILL_FAIL.
. "$(dirname "$0")/../lib.sh"
exit 0
