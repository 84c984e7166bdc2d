#!/usr/bin/env bash
# Build riskdesk.app and a disk image (run on a Mac).
set -euo pipefail
cd "$(dirname "$0")/.."
uvx --with-editable .. pyinstaller --noconfirm --distpath dist --workpath build riskdesk.spec
hdiutil create -volname riskdesk -srcfolder dist/riskdesk.app -ov -format UDZO dist/riskdesk.dmg
echo "dist/riskdesk.dmg"
