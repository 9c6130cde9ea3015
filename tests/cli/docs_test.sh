#!/usr/bin/env bash
# The CLI's generated documentation, as a shell user meets it:
#   completion  `airbyte-cloud completion bash` sourced into bash completes commands, subcommands
#               and options, after global options too; so do the zsh and fish scripts (when
#               those shells are installed; CI checks bash)
#   manpage     `airbyte-cloud manpage` renders with man (-l) without groff warnings and documents
#               every command; the emulator's generated page renders and lists its options
# Usage: docs_test.sh completion|manpage CLI [EMULATOR_MAN_PAGE]
set -euo pipefail
check=$1 cli=$2

complete_line() { # WORDS... -> the candidates bash offers for the last word
    bash -c 'source <("$0" completion bash)
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _airbyte_cloud
        echo "${COMPREPLY[*]}"' "$cli" airbyte-cloud "$@"
}
expect_completion() { # EXPECTED WORDS...
    local expected=$1 got
    shift
    got=$(complete_line "$@")
    [ "$got" = "$expected" ] || { echo "FAIL: '$*' completes to '$got', expected '$expected'"; exit 1; }
    echo "  '$*' -> $got"
}

case "$check" in
completion)
    expect_completion jobs jo
    expect_completion "list show cancel start logs" jobs ""
    expect_completion list jobs li
    expect_completion --limit --api-url http://x jobs list CONNECTION --li
    expect_completion "--timeout" sync --tim
    if command -v zsh >/dev/null; then # compadd stubbed: it receives the candidates
        got=$(zsh -c 'compdef() { :; }; compadd() { print -r -- "${@:2}"; }; source <("$0" completion zsh)
            words=(airbyte-cloud --api-url u jobs ""); CURRENT=5; _airbyte_cloud' "$cli")
        [ "$got" = "list show cancel start logs" ] || { echo "FAIL: zsh offers '$got' after 'jobs'"; exit 1; }
        echo "  zsh: 'jobs ' -> $got"
    fi
    if command -v fish >/dev/null; then
        got=$(fish -c 'source ($argv[1] completion fish | psub); complete -C "airbyte-cloud jobs list X --li"' "$cli")
        case "$got" in --limit*) echo "  fish: '--li' -> --limit" ;;
        *) echo "FAIL: fish offers '$got' for 'jobs list X --li'"; exit 1 ;; esac
    fi
    "$cli" completion bash | bash -n
    ;;
manpage)
    page=$(mktemp)
    trap 'rm -f "$page"' EXIT
    "$cli" manpage > "$page"
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1 || true)
    [ -z "$warnings" ] || { echo "FAIL: groff warnings:"; echo "$warnings"; exit 1; }
    rendered=$(MANWIDTH=100 man -l -P cat "$page" 2>/dev/null)
    head -12 <<<"$rendered"
    # every command the help lists has its section
    commands=$("$cli" --help | sed -n '/^Commands:/,/^$/p' | sed -E -n 's/^  ([a-z]+( [a-z]+)*)( [A-Z[].*|  .*|)$/\1/p')
    [ "$(echo "$commands" | wc -l)" -gt 10 ] || { echo "FAIL: commands not found in --help"; exit 1; }
    while read -r command; do
        grep -q "airbyte-cloud $command" <<<"$rendered" || { echo "FAIL: no '$command' in the man page"; exit 1; }
    done <<<"$commands"
    echo "  the man page documents all $(echo "$commands" | wc -l) commands of --help"
    grep -q "EXIT STATUS" <<<"$rendered" || { echo "FAIL: no exit codes"; exit 1; }
    if [ -n "${3:-}" ]; then
        emulator_page=$(MANWIDTH=100 man -l -P cat "$3" 2>/dev/null)
        grep -q -- "--ready-file" <<<"$emulator_page" ||
            { echo "FAIL: $3 does not render its options"; exit 1; }
        echo "  $3 renders"
    fi
    ;;
*) echo "usage: $0 completion|manpage CLI [EMULATOR_MAN_PAGE]" >&2; exit 2 ;;
esac
echo "$check: OK"
