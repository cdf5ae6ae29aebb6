#!/bin/sh
# Seeds the fuzz corpora from the project's tests: Python programs for
# `compile` and `run`, Markdown documents for `check`. Run from fuzz/.
set -e
here=$(dirname "$0")
root="$here/.."
mkdir -p "$here/corpus/compile" "$here/corpus/run" "$here/corpus/check"
find "$root/tests" "$root/samples" -name '*.py' -o -name '*.apy' | while read -r f; do
    # Name by content, as libFuzzer does, so reseeding adds no duplicates.
    sum=$(sha1sum "$f" | cut -c1-40)
    cp "$f" "$here/corpus/compile/$sum"
    cp "$f" "$here/corpus/run/$sum"
done
find "$root/tests" "$root/docs" "$root/README.md" -name '*.md' | while read -r f; do
    sum=$(sha1sum "$f" | cut -c1-40)
    cp "$f" "$here/corpus/check/$sum"
done
