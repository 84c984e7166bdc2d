#!/usr/bin/env bash
# Build riskdesk.app and a disk image on a Mac, sign and notarise them when the secrets are
# given, and smoke-test the programs inside the app. Results in packaging/dist/.
#   packaging/macos/build.sh
# Signing (optional): MACOS_CERTIFICATE (a Developer ID Application .p12, base64),
# MACOS_CERTIFICATE_PASSWORD, MACOS_SIGNING_IDENTITY ("Developer ID Application: ... (TEAMID)");
# notarising also needs APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD (an app-specific password).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
DIST="$ROOT/packaging/dist"
VERSION="$(uv run --quiet python -c 'import riskdesk; print(riskdesk.__version__)')"
uv run --quiet --with pyinstaller pyinstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$ROOT/packaging/build" packaging/riskdesk.spec
APP="$DIST/riskdesk.app"
uv run --quiet python packaging/collect_licences.py "$APP/Contents/Resources/licences"

if [ -n "${MACOS_CERTIFICATE:-}" ]; then
    KEYCHAIN="$RUNNER_TEMP/riskdesk.keychain-db"
    echo "$MACOS_CERTIFICATE" | base64 --decode > "$RUNNER_TEMP/riskdesk.p12"
    security create-keychain -p riskdesk "$KEYCHAIN"
    security set-keychain-settings -lut 3600 "$KEYCHAIN"
    security unlock-keychain -p riskdesk "$KEYCHAIN"
    security import "$RUNNER_TEMP/riskdesk.p12" -k "$KEYCHAIN" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign
    security list-keychains -d user -s "$KEYCHAIN"
    security set-key-partition-list -S apple-tool:,apple: -s -k riskdesk "$KEYCHAIN"
    codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$APP"
fi

python3 packaging/smoke.py "$APP/Contents/MacOS"

DMG="$DIST/riskdesk-$VERSION-macos.dmg"
hdiutil create -volname riskdesk -srcfolder "$APP" -ov -format UDZO "$DMG"
if [ -n "${MACOS_CERTIFICATE:-}" ] && [ -n "${APPLE_ID:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$DMG"
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
fi
echo "== $DMG built and smoke-tested"
