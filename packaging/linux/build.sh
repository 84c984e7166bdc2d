#!/usr/bin/env bash
# Build the Linux folder app and a tarball with its desktop entry.
set -euo pipefail
cd "$(dirname "$0")/.."
uvx --with-editable .. pyinstaller --noconfirm --distpath dist --workpath build riskdesk.spec
cp linux/riskdesk.desktop dist/riskdesk/
tar -C dist -czf dist/riskdesk-linux.tar.gz riskdesk
echo "dist/riskdesk-linux.tar.gz"
