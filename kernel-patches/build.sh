#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build an arm64 Image for kvm-fpbench from a Debian kernel source package.
#
#   kernel-patches/build.sh --base LINE --variant vanilla|patched|debug
#                           [--config minimal|debian] [--jobs N]
#
# LINE is a kernel line, a directory of kernel-patches/ with a source.conf
# (6.1, 6.12, 7.2, 7.x): the Debian source package, its version, and the
# suites it comes from when the system's release does not carry it.
#
# vanilla: the Debian tree as shipped (eager FP save only, no knob).
# patched: + kernel-patches/<base>/*.patch (the kvm.fp_eager knob).
# debug:   + kernel-patches/debug/<base>/*.patch on top of "patched"; a known
#          broken lazy mode, NEVER FOR MEASUREMENT.
#
# --config minimal (default): allnoconfig + <base>/config.fragment, the
#          smallest kernel the rig and the benchmark need.
# --config debian: Debian's own arm64 configuration of the line, modules
#          and debug information off (kernel-patches/debian-config), plus
#          <base>/config.debian; its release carries "-debian".
#
# Work happens in ${FPBENCH_CACHE:-$HOME/.cache/kvm-fpbench}/kernel/<base>-<variant>/
# (src/ = patched tree, build/ = O= output). A stamp over every input lets a
# repeated call return the existing Image at once. Progress goes to stderr;
# the last line on stdout is the absolute path of the Image.

set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)

die() { echo "$prog: error: $*" >&2; exit 1; }
log() { echo "$prog: $*" >&2; }
usage() {
	echo "usage: $prog --base LINE --variant vanilla|patched|debug [--config minimal|debian] [--jobs N]" >&2
	exit 2
}

base= variant= config=minimal jobs=2
while [ $# -gt 0 ]; do
	case $1 in
	--base) base=${2:-}; shift 2 || usage ;;
	--variant) variant=${2:-}; shift 2 || usage ;;
	--jobs) jobs=${2:-}; shift 2 || usage ;;
	--config) config=${2:-}; shift 2 || usage ;;
	-h|--help) sed -n '2,28s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "$prog: unknown argument '$1'" >&2; usage ;;
	esac
done
[ -n "$base" ] && [ -r "$here/$base/source.conf" ] ||
	{ echo "$prog: --base must name a kernel line with a source.conf: $(cd "$here" && ls -d */source.conf | sed 's|/source.conf||' | tr '\n' ' ')" >&2; usage; }
case $variant in vanilla|patched|debug) ;; *) usage ;; esac
case $config in minimal|debian) ;; *) usage ;; esac
case $jobs in ''|*[!0-9]*|0) die "--jobs needs a positive integer" ;; esac

cache=${FPBENCH_CACHE:-$HOME/.cache/kvm-fpbench}
kcache=$cache/kernel
work=$kcache/$base-$variant
[ "$config" = minimal ] || work=$work-$config
src=$work/src
obj=$work/build
image=$obj/arch/arm64/boot/Image
stamp=$work/stamp
mkdir -p "$work" || die "cannot create $work"

# One build per variant at a time (the rig and a developer may both call us).
exec 9>"$work/.lock"
flock 9

# --- Inputs --------------------------------------------------------------

conf=$here/$base/source.conf
fragment=$here/$base/config.fragment
# The lines build.sh checks in the final .config.
[ "$config" = debian ] && fragment=$here/$base/config.debian
[ -r "$conf" ] || die "missing $conf"
[ -r "$fragment" ] || die "missing $fragment"
SRC_PACKAGE=$(sed -n 's/^SRC_PACKAGE=//p' "$conf")
SRC_VERSION=$(sed -n 's/^SRC_VERSION=//p' "$conf")
[ -n "$SRC_PACKAGE" ] && [ -n "$SRC_VERSION" ] || die "$conf lacks SRC_PACKAGE/SRC_VERSION"

patches=()
if [ "$variant" != vanilla ]; then
	for p in "$here/$base"/[0-9]*.patch; do
		[ -e "$p" ] && patches+=("$p")
	done
	[ ${#patches[@]} -gt 0 ] || die "no patches in $here/$base"
fi
if [ "$variant" = debug ]; then
	n=${#patches[@]}
	for p in "$here/debug/$base"/[0-9]*.patch; do
		[ -e "$p" ] && patches+=("$p")
	done
	[ ${#patches[@]} -gt "$n" ] || die "no debug patches in $here/debug/$base"
fi

if [ "$(uname -m)" = aarch64 ]; then
	cross=
else
	cross=aarch64-linux-gnu-
	command -v ${cross}gcc >/dev/null ||
		die "${cross}gcc not found (apt-get install gcc-aarch64-linux-gnu)"
fi
make_args=(ARCH=arm64 CROSS_COMPILE="$cross")

# --- Source tarball --------------------------------------------------------

# Print the path of the source tarball, fetching its package if needed: with
# apt-get from the system's own release, or, when source.conf names suites
# (unstable, backports), through tools/apt-private, so the system's sources
# and package state are never touched.
fetch_source() {
	local tarball=/usr/src/$SRC_PACKAGE.tar.xz suites=() s apt deb
	while IFS= read -r s; do suites+=(--suite "$s"); done < <(sed -n 's/^SRC_SUITE=//p' "$conf")
	if [ ${#suites[@]} = 0 ]; then
		if [ ! -r "$tarball" ]; then
			log "installing $SRC_PACKAGE with apt-get"
			apt-get install -y "$SRC_PACKAGE" >&2 ||
				die "apt-get install $SRC_PACKAGE failed"
		fi
		[ -r "$tarball" ] || die "$tarball missing after installing $SRC_PACKAGE"
	else
		apt=$kcache/apt-source-$base
		tarball=$apt/unpacked/usr/src/$SRC_PACKAGE.tar.xz
		if [ ! -r "$tarball" ]; then
			deb=$("$here/../tools/apt-private" --dir "$apt" "${suites[@]}" "$SRC_PACKAGE") ||
				die "cannot fetch $SRC_PACKAGE (tools/apt-private)"
			rm -rf "$apt/unpacked"
			dpkg-deb -x "$deb" "$apt/unpacked" || die "dpkg-deb -x $deb failed"
		fi
		[ -r "$tarball" ] || die "$tarball not found in the $SRC_PACKAGE package"
	fi
	echo "$tarball"
}

# Kernel version of the tree in $1, from its top-level Makefile.
tree_version() {
	awk -F' *= *' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { s = $2 }
		END { print v "." p "." s }' "$1/Makefile"
}

# --- Stamp: everything that changes the Image ------------------------------

tarball=$(fetch_source)
derived=$work/debian.config
if [ "$config" = debian ]; then
	"$here/debian-config" --base "$base" "$derived.new" || die "kernel-patches/debian-config failed"
	mv "$derived.new" "$derived"
fi
inputs_hash=$(
	{
		echo "base=$base variant=$variant version=$SRC_VERSION cross=$cross"
		stat -c '%n %s %Y' "$tarball"
		${cross}gcc --version | head -n 1
		cat "$fragment"
		[ "$config" = minimal ] || cat "$derived"
		for p in "${patches[@]}"; do echo "patch ${p##*/}"; cat "$p"; done
	} | sha256sum | cut -d' ' -f1)

if [ -r "$stamp" ] && [ "$(cat "$stamp")" = "$inputs_hash" ] && [ -r "$image" ]; then
	log "inputs unchanged, reusing $image"
	echo "$image"
	exit 0
fi
rm -f "$stamp"

# --- Unpack, check version, patch -----------------------------------------

# Re-unpack whenever the inputs changed: a tree with an older series applied
# cannot be trusted to take the new one without fuzz.
log "unpacking $tarball into $src"
rm -rf "$src"
mkdir -p "$src"
tar -C "$src" --strip-components=1 -xf "$tarball" || die "cannot unpack $tarball"

# Debian serves only the newest point release of a line: a tree of the
# same line is built (the series must still apply exactly), another line
# is refused. Results record the kernel release, so nothing is mislabelled.
version=$(tree_version "$src")
if [ "$version" != "$SRC_VERSION" ]; then
	[ "${version%.*}" = "${SRC_VERSION%.*}" ] ||
		die "source is $version, not of the ${SRC_VERSION%.*} line the $base series is for ($conf)"
	log "warning: the archive serves $version, the $base series was written for $SRC_VERSION ($conf): applying it to $version"
fi
log "source version $version"

for p in "${patches[@]}"; do
	log "applying ${p#$here/}"
	patch -d "$src" -p1 --fuzz=0 --forward --batch --quiet <"$p" >&2 ||
		die "${p#$here/} does not apply cleanly to $version (written for $SRC_VERSION): the series needs a rebase"
done
if find "$src" \( -name '*.rej' -o -name '*.orig' \) -print -quit | grep -q .; then
	die "patching left .rej/.orig files in $src"
fi

# --- Configure ---------------------------------------------------------------

# ccache keyed on paths relative to the kernel cache dir, so every
# <base>-<variant> tree shares hits for the files it did not patch.
export CCACHE_DIR=${CCACHE_DIR:-$cache/ccache}
export CCACHE_BASEDIR=$kcache
export CCACHE_NOHASHDIR=1
export KBUILD_BUILD_USER=kvm-fpbench KBUILD_BUILD_HOST=build
cc="ccache ${cross}gcc"
command -v ccache >/dev/null || { log "ccache not found, building without it"; cc=${cross}gcc; }

rm -rf "$obj"
mkdir -p "$obj"
if [ "$config" = minimal ]; then
	log "configuring: allnoconfig + ${fragment#$here/}"
	make -C "$src" O="$obj" "${make_args[@]}" CC="$cc" \
		KCONFIG_ALLCONFIG="$fragment" allnoconfig >"$work/config.log" 2>&1 ||
		{ tail -n 20 "$work/config.log" >&2; die "allnoconfig failed (log: $work/config.log)"; }
else
	log "configuring: $(sed -n '1s/^# kvm-fpbench //p' "$derived") + olddefconfig"
	cp "$derived" "$obj/.config"
	make -C "$src" O="$obj" "${make_args[@]}" CC="$cc" olddefconfig >"$work/config.log" 2>&1 ||
		{ tail -n 20 "$work/config.log" >&2; die "olddefconfig failed (log: $work/config.log)"; }
fi

# Kconfig silently drops what it cannot satisfy; refuse to build a kernel
# that lacks what the benchmark relies on.
bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=n)
		opt=${line%%=*}
		if grep -q "^$opt=" "$obj/.config"; then
			log "config: $opt should be unset but is '$(grep "^$opt=" "$obj/.config")'"
			bad=1
		fi
		;;
	CONFIG_*=*)
		if ! grep -qxF "$line" "$obj/.config"; then
			opt=${line%%=*}
			got=$(grep -E "^($opt=|# $opt is not set)" "$obj/.config" || echo "absent")
			log "config: wanted $line, got $got"
			bad=1
		fi
		;;
	esac
done < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$fragment" | grep -v '^$')
[ $bad -eq 0 ] || die "${fragment#$here/} is not satisfied by $version (see $obj/.config)"

# --- Build -------------------------------------------------------------------

# Kernel builds saturate the machine: serialise them across variants.
exec 8>"$kcache/.build.lock"
if ! flock -n 8; then
	log "waiting for another kernel build to finish"
	flock 8
fi
log "building Image with -j$jobs (log: $work/build.log)"
start=$(date +%s)
make -C "$src" O="$obj" "${make_args[@]}" CC="$cc" -j"$jobs" Image >"$work/build.log" 2>&1 ||
	{ tail -n 30 "$work/build.log" >&2; die "kernel build failed (log: $work/build.log)"; }
flock -u 8
[ -r "$image" ] || die "build finished but $image is missing"
log "built in $(($(date +%s) - start)) s: $image ($(stat -c %s "$image") bytes)"

echo "$inputs_hash" >"$stamp"
echo "$image"
