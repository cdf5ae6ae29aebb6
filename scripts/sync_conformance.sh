#!/usr/bin/env bash
# Re-copies the shared conformance corpus into tests/cases/conformance/,
# byte for byte, so that `cargo test` needs nothing outside the repository.
#
#   scripts/sync_conformance.sh [CORPUS_DIR]     (default /work/shared/conformance)
#
# Each category folder is replaced as a whole: cases removed upstream go away
# here too. Afterwards run the conformance tests; a case that now passes must
# leave tests/conformance_expected_failures.txt (the harness says which).
set -euo pipefail
src=${1:-/work/shared/conformance}/cases
top=$(cd "$(dirname "$0")/.." && pwd)
dst=$top/tests/cases/conformance
for category in core errors async virtual; do
    [ -d "$src/$category" ] || { echo "sync_conformance: no $src/$category" >&2; exit 1; }
done
mkdir -p "$dst"
for category in core errors async virtual; do
    rm -rf "${dst:?}/$category"
    cp -R "$src/$category" "$dst/$category"
    echo "$category: $(find "$dst/$category" -name '*.py' | wc -l) cases"
done
