#!/bin/sh
# Runs sklearn_peer.py with Debian's system Python (the one python3-minimal installs), which sees
# python3-sklearn and python3-pandas: apt-get install -y python3-sklearn python3-pandas
set -eu
py=$(dpkg -L python3-minimal 2>/dev/null | grep -E '/bin/python3(\.[0-9]+)?$' | head -n 1)
if [ -z "$py" ]; then echo "run-peer.sh: Debian's python3-minimal is not installed (apt-get install -y python3-sklearn python3-pandas)" >&2; exit 2; fi
exec "$py" "$(dirname "$0")/sklearn_peer.py" "$@"
