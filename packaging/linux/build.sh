#!/usr/bin/env bash
# Build riskdesk for Linux, pack it with its install script, install it into a scratch prefix
# and smoke-test the installed programs. Run from anywhere; needs uv. Results in packaging/dist/.
#   packaging/linux/build.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VERSION="$(uv run --quiet python -c 'import riskdesk; print(riskdesk.__version__)')"
DIST="$ROOT/packaging/dist"
echo "== build riskdesk $VERSION (PyInstaller, in a throwaway environment)"
uv run --quiet --with pyinstaller pyinstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$ROOT/packaging/build" packaging/riskdesk.spec
uv run --quiet python packaging/collect_licences.py "$DIST/riskdesk/licences"

echo "== pack"
STAGE="$DIST/riskdesk-$VERSION-linux"
rm -rf "$STAGE" && mkdir -p "$STAGE/icons"
cp -R "$DIST/riskdesk" "$STAGE/riskdesk"
cp packaging/linux/riskdesk.desktop packaging/linux/install.sh packaging/linux/uninstall.sh "$STAGE/"
cp resources/icons/riskdesk-*.png resources/icons/riskdesk.svg "$STAGE/icons/"
chmod +x "$STAGE/install.sh" "$STAGE/uninstall.sh"
TARBALL="$DIST/riskdesk-$VERSION-linux-$(uname -m).tar.gz"
tar -C "$DIST" -czf "$TARBALL" "$(basename "$STAGE")"
du -sh "$DIST/riskdesk" "$TARBALL"

echo "== install from the tarball into a scratch prefix, then smoke-test what was installed"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
tar -C "$SCRATCH" -xzf "$TARBALL"
PREFIX="$SCRATCH/prefix" "$SCRATCH/riskdesk-$VERSION-linux/install.sh"
test -f "$SCRATCH/prefix/share/applications/riskdesk.desktop"
test -f "$SCRATCH/prefix/share/icons/hicolor/256x256/apps/riskdesk.png"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$SCRATCH/prefix/share/applications/riskdesk.desktop"
fi
python3 packaging/smoke.py "$SCRATCH/prefix/lib/riskdesk"
PREFIX="$SCRATCH/prefix" "$SCRATCH/prefix/lib/riskdesk/uninstall.sh"
test ! -e "$SCRATCH/prefix/lib/riskdesk" && test ! -e "$SCRATCH/prefix/share/applications/riskdesk.desktop"
echo "== $TARBALL built, installed, smoke-tested and uninstalled"
