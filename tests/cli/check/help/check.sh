# --help and --version when standard output cannot be written: exit status 1 and a message.
set -e
[ -w /dev/full ] || exit 0
for a in "check --help" "--help" "help" "--version"; do
    st=0
    # shellcheck disable=SC2086
    "$FINSAM_STATS" $a >/dev/full 2>err || st=$?
    [ "$st" = 1 ] || { echo "$a >/dev/full: exit status $st, expected 1"; exit 1; }
    grep -q "^finsam-stats.*: cannot write to standard output: " err ||
        { echo "$a >/dev/full: no message"; cat err; exit 1; }
done
