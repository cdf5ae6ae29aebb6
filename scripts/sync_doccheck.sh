#!/bin/sh
# Copies the shared doc-checker corpus (documents and their expected
# verdicts) into tests/doccheck/, which `cargo test --test check_corpus`
# compares with `apy check --format json`.
#
# Usage: scripts/sync_doccheck.sh [SHARED_DOCCHECK_DIR]   (default ../shared/doccheck)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-$here/../shared/doccheck}
[ -d "$src/docs" ] || { echo "no $src/docs" >&2; exit 2; }
rm -f "$here"/tests/doccheck/*.md "$here"/tests/doccheck/*.expect
mkdir -p "$here/tests/doccheck"
cp "$src"/docs/*.md "$src"/docs/*.expect "$here/tests/doccheck/"
cp "$src/README.md" "$here/tests/doccheck/SPEC.md.txt"
echo "copied $(ls "$src"/docs/*.md | wc -l) documents from $src"
