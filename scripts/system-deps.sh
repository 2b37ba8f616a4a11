#!/usr/bin/env bash
# Install the Debian packages the course (or its tests) needs, when they are missing.
# As root: installs them with apt-get. As another user: prints exactly what to run, and exits 1
# if anything required is missing (exit 0 with a note when only optional ones are).
#   usage: scripts/system-deps.sh course|hub|test
# hub: what `make hub` needs on top of the course (a class on one server): Node.js and npm, and
# npm's configurable-http-proxy (JupyterHub's proxy), installed globally.
set -euo pipefail

# What each package is for is in README.md ("Paket sistem").
COURSE="busybox-static proot skopeo umoci graphviz docker-registry qemu-user-static"
HUB="$COURSE nodejs npm python3-venv"
TEST="$HUB docker.io podman buildah catatonit chromium fonts-dejavu-core fonts-noto-color-emoji python3-venv golang-docker-credential-helpers pass"
# The arm64 busybox some tests run (a foreign base image, QEMU). The course itself needs none: its
# multi-platform lesson uses programs dockerlab writes (dockerlab/course/programs.py). busybox-static
# is not Multi-Arch: same, so the arm64 package would replace the amd64 one; we unpack its binary
# beside it instead.
ARM64_BUSYBOX=/usr/local/lib/dockerlab/arm64/busybox

case "${1:-course}" in
  course) want="$COURSE"; mode=course ;;
  hub) want="$HUB"; mode=hub ;;
  test) want="$TEST"; mode=test ;;
  *) echo "usage: $0 course|hub|test" >&2; exit 2 ;;
esac

installed() {
  case "$1" in
    # Node.js from another source (NodeSource's nodejs ships npm inside it) counts: asking apt
    # for Debian's npm then would fight that package.
    nodejs) command -v node >/dev/null && return 0 ;;
    npm) command -v npm >/dev/null && return 0 ;;
  esac
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
NPM_TOOLS="configurable-http-proxy"

need_venv=""
python3 -c 'import ensurepip, venv' 2>/dev/null || need_venv="python3-venv"

missing=""
for pkg in $want $need_venv; do installed "$pkg" || missing="$missing $pkg"; done
arch_missing=""
if [ "$mode" = test ] && command -v dpkg >/dev/null && [ "$(dpkg --print-architecture)" = amd64 ] \
    && [ ! -x "$ARM64_BUSYBOX" ]; then
  arch_missing="busybox-static:arm64"
fi

npm_missing=""
if [ "$mode" != course ]; then
  for tool in $NPM_TOOLS; do command -v "$tool" >/dev/null || npm_missing="$npm_missing $tool"; done
fi

if [ -z "$missing$arch_missing$npm_missing" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "Paket sistem belum lengkap:$missing $arch_missing" >&2
  echo "Mesin ini bukan Debian/Ubuntu: pasang padanannya, atau pakai jalur conda (lihat README.md)." >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  {
    echo "Paket sistem yang belum terpasang:$missing $arch_missing$npm_missing"
    echo "Pasang sebagai root dengan:"
    [ -n "$missing" ] && echo "  sudo apt-get update && sudo apt-get install -y$missing"
    [ -n "$npm_missing" ] && echo "  sudo npm install -g$npm_missing"
    [ -n "$arch_missing" ] && echo "  sudo make arm64-busybox   # busybox arm64 -> $ARM64_BUSYBOX (untuk tes)"
    echo "(System packages missing; install them as root with the commands above.)"
  } >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ -n "$arch_missing" ]; then
  dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
fi
apt-get update -qq
if [ -n "$missing" ]; then
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ -n "$arch_missing" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -qq busybox-static:arm64 && dpkg-deb -x busybox-static_*_arm64.deb root)
  install -D -m 0755 "$tmp/root/bin/busybox" "$ARM64_BUSYBOX"
  rm -rf "$tmp"
fi
if [ -n "$npm_missing" ]; then
  npm install -g --no-fund --no-audit $npm_missing >/dev/null
fi
echo "Paket sistem terpasang:$missing $arch_missing$npm_missing"
