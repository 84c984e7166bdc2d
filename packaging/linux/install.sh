#!/bin/sh
# Install riskdesk: the programs, a menu entry that opens .sqlite registers, and the icon.
#   ./install.sh              for you alone, under ~/.local (no administrator rights needed)
#   sudo ./install.sh         for everyone, under /opt/riskdesk and /usr/local
#   PREFIX=/some/where ./install.sh
# riskdesk is offered under "Open with" for .sqlite files; it does not become their default.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${PREFIX:-}" ] && [ "$(id -u)" = 0 ]; then
    PREFIX=/usr/local; APPDIR="${APPDIR:-/opt/riskdesk}"
else
    PREFIX="${PREFIX:-$HOME/.local}"; APPDIR="${APPDIR:-$PREFIX/lib/riskdesk}"
fi
APPS="$PREFIX/share/applications"
ICONS="$PREFIX/share/icons/hicolor"
rm -rf "$APPDIR"
mkdir -p "$APPDIR" "$PREFIX/bin" "$APPS"
cp -R "$HERE/riskdesk/." "$APPDIR/"
ln -sf "$APPDIR/riskdesk" "$PREFIX/bin/riskdesk"
ln -sf "$APPDIR/riskdesk-cli" "$PREFIX/bin/riskdesk-cli"
sed "s|^Exec=.*|Exec=\"$APPDIR/riskdesk\" %f|" "$HERE/riskdesk.desktop" > "$APPS/riskdesk.desktop"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$ICONS/${size}x${size}/apps"
    cp "$HERE/icons/riskdesk-$size.png" "$ICONS/${size}x${size}/apps/riskdesk.png"
done
mkdir -p "$ICONS/scalable/apps"
cp "$HERE/icons/riskdesk.svg" "$ICONS/scalable/apps/riskdesk.svg"
# The uninstaller knows where this install went.
sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@APPDIR@|$APPDIR|g" "$HERE/uninstall.sh" > "$APPDIR/uninstall.sh"
chmod +x "$APPDIR/uninstall.sh"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" || true
echo "riskdesk is installed in $APPDIR and in the applications menu."
echo "To remove it: $APPDIR/uninstall.sh"
