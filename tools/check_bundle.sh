#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle (build_installer.spec) and start it offscreen, so a packaging
# break fails CI: `propdesk --help`, `db info` on a temporary database, the set-up wizard on that empty
# database and the main window signed in, each for a few seconds. Called by .ci/run; needs the [build] extra.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level ERROR --distpath "$work/dist" --workpath "$work/build" \
  build_installer.spec
echo "== bundle built in $(( $(date +%s) - start )) s ($(du -sh "$work/dist/propdesk" | cut -f1))"

exe="$work/dist/propdesk/propdesk"
db="sqlite:///$work/check.db"
"$exe" --help | grep -q "PropDesk"
"$exe" --database "$db" db info | grep -q "版本"
"$exe" --database "$db" gui --smoke 3 | tee "$work/wizard.txt"
grep -q "SetupWizard (" "$work/wizard.txt"
PROPDESK_NEW_PASSWORD=bundle-check-1 "$exe" --database "$db" user add ci --role admin
PROPDESK_PASSWORD=bundle-check-1 "$exe" --database "$db" --user ci gui --smoke 3 | tee "$work/window.txt"
grep -q "MainWindow (" "$work/window.txt"
echo "== bundle starts: --help, db info, the set-up wizard and the main window"
