#!/bin/sh
# Remove riskdesk as install.sh put it: the programs, the menu entry and the icons.
# Your registers, wherever you keep them, are not touched.
set -eu
PREFIX="${PREFIX:-@PREFIX@}"
APPDIR="${APPDIR:-@APPDIR@}"
case "$APPDIR" in *@*) echo "Run the uninstall.sh that install.sh placed beside the program." >&2; exit 2;; esac
rm -f "$PREFIX/bin/riskdesk" "$PREFIX/bin/riskdesk-cli" "$PREFIX/share/applications/riskdesk.desktop"
for size in 16 24 32 48 64 128 256 512; do
    rm -f "$PREFIX/share/icons/hicolor/${size}x${size}/apps/riskdesk.png"
done
rm -f "$PREFIX/share/icons/hicolor/scalable/apps/riskdesk.svg"
rm -rf "$APPDIR"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/share/applications" || true
# The icon theme's cache is shared with other programs: refreshed, not removed.
if [ -f "$PREFIX/share/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
fi
echo "riskdesk has been removed."
