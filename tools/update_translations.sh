#!/bin/sh
# Refresh the English translation: collect every tr()/translate()/QT_TRANSLATE_NOOP string of ui/ into
# resources/i18n/propdesk_en.ts (existing translations are kept), then compile propdesk_en.qm.
# Translate new entries with pyside6-linguist (or by editing the .ts), then run this script again.
set -e
cd "$(dirname "$0")/.."
BIN="${PYSIDE_BIN:-$(dirname "$(command -v python)")}"
[ -x "$BIN/pyside6-lupdate" ] || BIN=/work/venv/bin
"$BIN/pyside6-lupdate" -locations none $(find ui -name '*.py' | sort) -ts resources/i18n/propdesk_en.ts
"$BIN/pyside6-lrelease" resources/i18n/propdesk_en.ts -qm resources/i18n/propdesk_en.qm
