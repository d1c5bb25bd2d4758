# Shared by scripts/demo and scripts/test: Debian packages and the build.
# Sourced, not run.

# Everything the build and the tests need, by Debian package name.
SIEGEL_BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libssl-dev zlib1g-dev libsqlite3-dev libsqlitecpp-dev
  nlohmann-json3-dev libcpp-httplib-dev libcli11-dev libgtest-dev libjemalloc-dev
  libmstch-dev libboost-dev libqrencode-dev libargon2-dev libsodium-dev
  libcairo2-dev libpango1.0-dev libqpdf-dev fonts-dejavu-core libcsv-dev libcurl4-openssl-dev
)

siegel_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# Installs the packages that are missing; does nothing (and needs no network) otherwise.
install_packages() {
  local missing=()
  for p in "$@"; do package_installed "$p" || missing+=("$p"); done
  if ((${#missing[@]})); then
    echo "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# What the tests need beyond the build: Debian's Chromium for the browser tests, nginx for the
# reverse-proxy test (tests/cli/proxy_test.cc), poppler-utils to read the PDF certificates.
SIEGEL_TEST_PACKAGES=(chromium nginx poppler-utils python3-aiosmtpd rclone)

# node and npm, for the interop tests. Any node >= 18 will do, Debian's or one already present.
install_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    install_packages nodejs npm
  fi
}

# Configures (once) and builds into build/. Release-like flags; warnings on for our code.
# Debug information is line tables only (-g1): enough for every backtrace and core dump to
# name file and line, and the full -g made each file take 60% longer to compile (a third of
# the CI run).
build_siegel() {
  local root; root="$(siegel_root)"
  if [[ ! -f "$root/build/build.ninja" ]]; then
    cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
  fi
  cmake --build "$root/build" --parallel "$(nproc)"
}
