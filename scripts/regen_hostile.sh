#!/bin/sh
# Regenerates the expected files of the hostile suite (tests/hostile/) from
# the oracles: CPython 3.11 (scripts/regen_case.py) for the programs, the
# doccheck oracle (../shared/doccheck/oracle.py) for the documents.
#
#     scripts/regen_hostile.sh
#
# Expected files written by hand are left alone: a program whose .err starts
# with `apy::unsupported` (the sandbox's answer, see tests/hostile/README.md),
# a document whose .expect starts with `#` or which has a .code file.
set -eu
cd "$(dirname "$0")/.."
ORACLE=../shared/doccheck/oracle.py

hand_written() {  # $1 = NAME.err
    [ -f "$1" ] && head -n1 "$1" | grep -q '^apy::unsupported'
}

# Checked-in programs.
progs=""
for f in tests/hostile/*.py; do
    hand_written "${f%.py}.err" || progs="$progs $f"
done
# shellcheck disable=SC2086
python3 scripts/regen_case.py $progs

# Generated programs and documents: exported by the test, judged by the oracles.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
APY_HOSTILE_EXPORT="$tmp" cargo test --profile ci --test hostile -- export
gen=tests/hostile/generated
progs=""
for f in "$tmp"/*.py; do
    name=$(basename "$f" .py)
    hand_written "$gen/$name.err" || progs="$progs $f"
done
# shellcheck disable=SC2086
python3 scripts/regen_case.py $progs
for f in $progs; do
    name=$(basename "$f" .py)
    rm -f "$gen/$name.out" "$gen/$name.err" "$gen/$name.code"
    for ext in out err code; do
        [ -f "$tmp/$name.$ext" ] && cp "$tmp/$name.$ext" "$gen/"
    done
done

for doc in tests/hostile/md/*.md "$tmp"/md/*.md; do
    name=$(basename "$doc" .md)
    case "$doc" in
        "$tmp"/*) dir=tests/hostile/md/generated ;;
        *) dir=tests/hostile/md ;;
    esac
    [ "$name" = _sentinel ] && continue
    [ -f "$dir/$name.code" ] && continue
    [ -f "$dir/$name.expect" ] && head -n1 "$dir/$name.expect" | grep -q '^#' && continue
    python3 "$ORACLE" "$doc" > "$tmp/oracle.txt"
    grep -v '^#' "$tmp/oracle.txt" > "$dir/$name.expect" || true
done
