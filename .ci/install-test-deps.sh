#!/bin/sh
# Installs what the test suite's sshd fixture needs on Debian/Ubuntu: an OpenSSH server, sudo and
# doas (the become methods under test), and procps (ps, used to watch memory). Run as root;
# the jest global setup also calls this when one of them is missing.
set -eu
missing=""
command -v /usr/sbin/sshd >/dev/null 2>&1 || missing="$missing openssh-server"
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
command -v sudo >/dev/null 2>&1 || missing="$missing sudo"
command -v doas >/dev/null 2>&1 || missing="$missing doas"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install-test-deps: need root to install:$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
