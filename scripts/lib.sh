# Shared by scripts/serve and scripts/test: idempotent install steps.

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "mailcoach: need root (or sudo) to run: $*" >&2; return 1; fi
}

# ensure_apt PKG...: install Debian packages that are not installed yet
ensure_apt() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
  fi
}

# ensure_venv: a virtual environment in .venv (python3-venv from apt where Debian's python lacks it)
ensure_venv() {
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv 2>/dev/null || { ensure_apt python3-venv; python3 -m venv .venv; }
  fi
}

pip_install() {
  .venv/bin/python -m pip install -q --disable-pip-version-check -e "$@"
}
