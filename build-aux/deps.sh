# Sourced by build-aux/run and build-aux/test: the Debian 12 / Ubuntu packages the
# project needs, and a function that installs the missing ones with apt.

BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libcairo2-dev libpango1.0-dev
  libsqlite3-dev libxml2-dev libjson-glib-dev
  iso-codes python3 libsoup-3.0-dev
  desktop-file-utils
)

RUN_PACKAGES=(
  adwaita-icon-theme fonts-cantarell
)

TEST_PACKAGES=(
  xvfb xauth dbus
  appstream libxml2-utils librsvg2-bin
  libpoppler-glib-dev fonts-dejavu-core
  python3
)

# ensure_packages PKG…: installs those of PKG that are not installed yet.
ensure_packages () {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing packages: ${missing[*]}; this script installs them with apt on Debian or Ubuntu." >&2
    echo "Install their equivalents with your system's package manager, then run it again." >&2
    return 1
  fi

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi

  echo "Installing: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
