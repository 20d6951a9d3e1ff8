#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The LAVA test definition has what LAVA requires (metadata.format exactly
# "Lava-Test Test Definition 1.0", metadata.name, metadata.description,
# run.steps as a list) and runs `fpbench run --tap` through tap-to-lava.
# A YAML parser (python3 + PyYAML) checks types; without one, a structural
# check of the indentation does.
. "$(dirname "$0")/lib.sh"

Y=$SRC/tools/lava/kvm-fpbench.yaml
[ -f "$Y" ] || fail "$Y missing"
[ -x "$SRC/tools/lava/tap-to-lava" ] || fail "tap-to-lava not executable"

if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$Y" <<'PY' || fail "YAML check failed"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
def need(cond, what):
    if not cond:
        sys.exit("lava yaml: " + what)
need(isinstance(d, dict), "top level is not a mapping")
m = d.get("metadata")
need(isinstance(m, dict), "no metadata mapping")
need(m.get("format") == "Lava-Test Test Definition 1.0", "metadata.format")
for k in ("name", "description"):
    need(isinstance(m.get(k), str) and m[k].strip(), "metadata." + k)
for k in ("os", "devices", "scope"):
    need(isinstance(m.get(k), list) and m[k], "metadata." + k + " list")
r = d.get("run")
need(isinstance(r, dict) and isinstance(r.get("steps"), list) and r["steps"], "run.steps list")
need(all(isinstance(s, str) for s in r["steps"]), "run.steps are strings")
need(any("fpbench run --tap" in s and "tap-to-lava" in s for s in r["steps"]),
     "no step pipes fpbench run --tap into tap-to-lava")
i = d.get("install", {})
need(isinstance(i, dict) and isinstance(i.get("steps", []), list), "install.steps list")
need(isinstance(d.get("params", {}), dict), "params mapping")
PY
	ok "the LAVA definition parses, checked with PyYAML"
else
	# Without a parser: the required keys at the right indentation.
	grep -q '^metadata:$' "$Y" || fail "no metadata:"
	grep -q '^  format: Lava-Test Test Definition 1\.0$' "$Y" || fail "metadata.format"
	grep -q '^  name: [^ ]' "$Y" || fail "metadata.name"
	grep -q '^  description: ' "$Y" || fail "metadata.description"
	grep -q '^run:$' "$Y" || fail "no run:"
	awk '/^run:$/ { r = 1; next } /^[^ #]/ { r = 0 } r && /^  steps:$/ { s = 1; next }
	     s && /^    - .*fpbench run --tap.*tap-to-lava/ { ok = 1 } END { exit !ok }' "$Y" ||
		fail "run.steps does not pipe fpbench run --tap into tap-to-lava"
	grep -q "$(printf '\t')" "$Y" && fail "tabs in YAML"
	ok "the LAVA definition checked structurally (no PyYAML)"
fi

# Every --option the run steps give fpbench run must be one it accepts.
help=$($EMU "$FPBENCH" run --help) || fail "fpbench run --help"
for o in $(sed -n 's/.*fpbench run \([^;|>]*\).*/\1/p' "$Y" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	printf '%s\n' "$help" | grep -q -- "^ *$o\b" || fail "LAVA run step passes $o, which fpbench run does not accept"
done
ok "run step options accepted by fpbench run"
exit 0
