/* completion and manpage: shell completion scripts and the manual page, both generated from the
 * command tables and the texts --help prints, so a command added to a table appears in them
 * without further work. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "report.h"

/* ---- walking the command tree: "" (the tool), groups ("jobs"), commands ("jobs list") ---- */

typedef void (*node_visitor)(const char *node, const cli_command *command);

/* Calls `visit` once for the tool (node "", command NULL), once per group (node "jobs", command
 * NULL, at its first subcommand) and once per command (node "jobs/list"), in table order. */
static void walk_nodes(node_visitor visit) {
    char seen[64][96];
    int seen_count = 0;
    visit("", NULL);
    for (const cli_command *const *table = cli_command_tables; *table != NULL; ++table) {
        for (const cli_command *command = *table; command->path != NULL; ++command) {
            char node[96];
            snprintf(node, sizeof node, "%s", command->path);
            char *space = strchr(node, ' ');
            if (space != NULL) {
                *space = '\0';
                int known = 0;
                for (int i = 0; i < seen_count && !known; ++i)
                    known = strcmp(seen[i], node) == 0;
                if (!known && seen_count < 64) {
                    snprintf(seen[seen_count++], sizeof seen[0], "%s", node);
                    visit(node, NULL);
                }
                *space = '/';
            }
            visit(node, command);
        }
    }
}

/* The words that may follow `node` (its subcommands; the tool's first words), space-separated. */
static void child_words(const char *node, char *out, size_t size) {
    size_t length = strlen(node), used = 0;
    out[0] = '\0';
    for (const cli_command *const *table = cli_command_tables; *table != NULL; ++table) {
        for (const cli_command *command = *table; command->path != NULL; ++command) {
            const char *rest = command->path;
            if (length > 0) {
                if (strncmp(rest, node, length) != 0 || rest[length] != ' ')
                    continue;
                rest += length + 1;
            }
            int word = (int)strcspn(rest, " ");
            char padded[48];
            snprintf(padded, sizeof padded, " %.*s ", word, rest);
            char haystack[1024];
            snprintf(haystack, sizeof haystack, " %s ", out);
            if (strstr(haystack, padded) == NULL && used < size)
                used += (size_t)snprintf(out + used, size - used, "%s%.*s", used ? " " : "", word,
                                         rest);
        }
    }
}

/* ---- bash and zsh: one function body, written for both shells ---- */

static void print_node_list(const char *node, const cli_command *command) {
    (void)command;
    if (node[0] != '\0')
        printf(" %s", node);
}

static void print_valued_options(const char *node, const cli_command *command) {
    (void)node;
    for (int i = 0; command != NULL && command->options != NULL && command->options[i].name; ++i) {
        if (command->options[i].metavar != NULL)
            printf(" %s", command->options[i].name);
    }
}

/* " --api-url --limit ...": every option that takes a value (its value is not a command word). */
static void print_valued_option_list(void) {
    for (int i = 0; cli_global_option_at(i) != NULL; ++i) {
        if (cli_global_option_at(i)->metavar != NULL)
            printf(" %s", cli_global_option_at(i)->name);
    }
    walk_nodes(print_valued_options);
}

static void print_case_arm(const char *node, const cli_command *command) {
    if (command == NULL) {
        char words[1024];
        child_words(node, words, sizeof words);
        printf("    \"%s\") commands=\"%s%s\" ;;\n", node, words, node[0] ? "" : " help");
        return;
    }
    printf("    \"%s\") options=\"", node);
    for (int i = 0; command->options != NULL && command->options[i].name != NULL; ++i)
        printf("%s%s", i ? " " : "", command->options[i].name);
    printf("\" ;;\n");
}

/* The shells differ only in where the words are (bash COMP_WORDS from 0, zsh words from 1). */
static void print_shell_function(const char *all_words, const char *first_word,
                                 const char *current_index, const char *current_word) {
    printf("_airbyte_cloud() {\n    local node=\"\" word i commands=\"\" options=\"\"\n");
    printf("    local -a words_=(\"%s\")\n", all_words);
    printf("    local valued=\"");
    print_valued_option_list();
    printf(" \"\n    local nodes=\"");
    walk_nodes(print_node_list);
    printf(" \"\n    local globals=\"");
    for (int i = 0; cli_global_option_at(i) != NULL; ++i)
        printf("%s%s", i ? " " : "", cli_global_option_at(i)->name);
    printf("\"\n    for ((i = %s; i < %s; i++)); do\n        word=${words_[i]}\n", first_word,
           current_index);
    printf(
        "        case $word in\n"
        "        -*) [[ $valued == *\" $word \"* ]] && ((i++)) ;;\n"
        "        *) [[ $nodes == *\" ${node:+$node/}$word \"* ]] && node=${node:+$node/}$word ;;\n"
        "        esac\n    done\n    case $node in\n");
    walk_nodes(print_case_arm);
    printf("    esac\n    local cur=%s\n", current_word);
}

static int print_bash(void) {
    printf("# bash completion for " CLI_NAME "; generated by '" CLI_NAME
           " completion bash'.\n"
           "# Load it now with: source <(" CLI_NAME " completion bash)\n");
    print_shell_function("${COMP_WORDS[@]}", "1", "COMP_CWORD", "${COMP_WORDS[COMP_CWORD]}");
    printf(
        "    if [[ $cur == -* ]]; then\n"
        "        mapfile -t COMPREPLY < <(compgen -W \"$options $globals\" -- \"$cur\")\n"
        "    else\n"
        "        mapfile -t COMPREPLY < <(compgen -W \"$commands\" -- \"$cur\")\n"
        "    fi\n}\n"
        "complete -F _airbyte_cloud " CLI_NAME "\n");
    return CLI_EXIT_OK;
}

static int print_zsh(void) {
    printf("#compdef " CLI_NAME
           "\n"
           "# zsh completion for " CLI_NAME "; generated by '" CLI_NAME
           " completion zsh'.\n"
           "# Load it now with: source <(" CLI_NAME " completion zsh)\n");
    print_shell_function("${words[@]}", "2", "CURRENT", "${words[CURRENT]}");
    printf(
        "    if [[ $cur == -* ]]; then\n"
        "        compadd -- ${=options} ${=globals}\n"
        "    else\n"
        "        compadd -- ${=commands}\n"
        "    fi\n}\n"
        "if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then\n"
        "    _airbyte_cloud \"$@\"\nelse\n    compdef _airbyte_cloud " CLI_NAME "\nfi\n");
    return CLI_EXIT_OK;
}

/* ---- fish: one `complete` line per word, guarded by the node the command line is at ---- */

/* Prints `text` for a fish single-quoted string: its first sentence, quotes escaped. */
static void print_fish_description(const char *text) {
    size_t length = strcspn(text, "\n");
    const char *stop = strstr(text, ". ");
    if (stop != NULL && (size_t)(stop - text) < length)
        length = (size_t)(stop - text);
    for (size_t i = 0; i < length && i < 90; ++i) {
        if (text[i] == '\'' || text[i] == '\\')
            fputc('\\', stdout);
        fputc(text[i], stdout);
    }
}

static void print_fish_node(const char *node, const cli_command *command) {
    if (command != NULL && command->path[strcspn(command->path, " ")] == '\0') {
        /* a first-level command: offered at the tool's level */
        printf("complete -c " CLI_NAME " -n '__airbyte_cloud_at \"\"' -a %s -d '", node);
        print_fish_description(command->summary);
        printf("'\n");
    } else if (command != NULL) {
        const char *slash = strrchr(node, '/');
        printf("complete -c " CLI_NAME " -n '__airbyte_cloud_at %.*s' -a %s -d '",
               (int)(slash - node), node, slash + 1);
        print_fish_description(command->summary);
        printf("'\n");
    } else if (node[0] != '\0') {
        printf("complete -c " CLI_NAME " -n '__airbyte_cloud_at \"\"' -a %s -d '%s commands'\n",
               node, node);
    }
    for (int i = 0; command != NULL && command->options && command->options[i].name; ++i) {
        printf("complete -c " CLI_NAME " -n '__airbyte_cloud_at %s' -l %s%s -d '", node,
               command->options[i].name + 2, command->options[i].metavar ? " -r" : "");
        print_fish_description(command->options[i].help);
        printf("'\n");
    }
}

static int print_fish(void) {
    printf("# fish completion for " CLI_NAME "; generated by '" CLI_NAME
           " completion fish'.\n"
           "# Load it now with: " CLI_NAME
           " completion fish | source\n"
           "function __airbyte_cloud_at --description 'is the command line at this command?'\n"
           "    set -l node ''\n    set -l skip 0\n    set -l valued");
    print_valued_option_list();
    printf("\n    set -l nodes");
    walk_nodes(print_node_list);
    printf(
        "\n    for word in (commandline -opc)[2..-1]\n"
        "        if test $skip = 1; set skip 0; continue; end\n"
        "        if string match -q -- '-*' $word\n"
        "            contains -- $word $valued; and set skip 1\n"
        "        else if test -z \"$node\"; and contains -- $word $nodes\n"
        "            set node $word\n"
        "        else if contains -- $node/$word $nodes\n"
        "            set node $node/$word\n"
        "        end\n    end\n    test \"$node\" = \"$argv[1]\"\nend\n"
        "complete -c " CLI_NAME " -f\n");
    walk_nodes(print_fish_node);
    for (int i = 0; cli_global_option_at(i) != NULL; ++i) {
        const cli_global_option *option = cli_global_option_at(i);
        printf("complete -c " CLI_NAME " -l %s", option->name + 2);
        if (option->short_name != NULL)
            printf(" -s %s", option->short_name + 1);
        printf("%s -d '", option->metavar ? " -r" : "");
        print_fish_description(option->help);
        printf("'\n");
    }
    return CLI_EXIT_OK;
}

static int run_completion(cli_invocation *invocation) {
    const char *shell = invocation->args[0];
    if (strcmp(shell, "bash") == 0)
        return print_bash();
    if (strcmp(shell, "zsh") == 0)
        return print_zsh();
    if (strcmp(shell, "fish") == 0)
        return print_fish();
    return cli_usage_error(invocation, "unknown shell '%s': completion is for bash, zsh or fish",
                           shell);
}

/* ---- the manual page (roff), from the same texts as --help ---- */

/* Prints text for roff: backslashes and dashes escaped, a leading dot or quote made literal,
 * a blank line a new paragraph, a newline a line break. */
static void print_roff(const char *text) {
    int line_start = 1;
    for (const char *p = text; *p != '\0'; ++p) {
        if (*p == '\n') {
            printf(p[1] == '\n' ? "\n.PP\n" : "\n.br\n");
            p += p[1] == '\n';
            line_start = 1;
            continue;
        }
        if (line_start && (*p == '.' || *p == '\''))
            printf("\\&");
        if (line_start && *p == ' ')
            continue;
        line_start = 0;
        if (*p == '\\')
            printf("\\e");
        else if (*p == '-')
            printf("\\-");
        else
            fputc(*p, stdout);
    }
    fputc('\n', stdout);
}

/* An option word for roff: dashes escaped, in bold. */
static void print_roff_option_name(const char *name) {
    printf("\\fB");
    for (const char *p = name; *p != '\0'; ++p)
        printf(*p == '-' ? "\\-" : "%c", *p);
    printf("\\fR");
}

static void print_man_option(const char *short_name, const char *name, const char *metavar,
                             const char *help) {
    printf(".TP\n");
    if (short_name != NULL) {
        print_roff_option_name(short_name);
        printf(", ");
    }
    print_roff_option_name(name);
    if (metavar != NULL)
        printf(" \\fI%s\\fR", metavar);
    printf("\n");
    print_roff(help);
}

static void print_man_command(const char *node, const cli_command *command) {
    (void)node;
    if (command == NULL)
        return;
    printf(".SS \"" CLI_NAME " %s%s%s\"\n", command->path, command->arguments[0] ? " " : "",
           command->arguments);
    print_roff(command->summary);
    if (command->description != NULL) {
        printf(".PP\n");
        print_roff(command->description);
    }
    for (int i = 0; command->options != NULL && command->options[i].name != NULL; ++i) {
        const cli_option *option = &command->options[i];
        print_man_option(NULL, option->name, option->metavar, option->help);
    }
}

/* "  5    sync failed: ..." lines of the exit code help as a tagged list. */
static void print_man_exit_codes(void) {
    const char *line = strchr(cli_exit_code_help, '\n');
    while (line != NULL && line[1] != '\0') {
        ++line;
        const char *end = strchr(line, '\n');
        int length = end ? (int)(end - line) : (int)strlen(line);
        int code = 0, skip = 0;
        if (sscanf(line, " %d %n", &code, &skip) == 1)
            printf(".TP\n.B %d\n%.*s\n", code, length - skip, line + skip);
        line = end;
    }
}

static int run_manpage(cli_invocation *invocation) {
    (void)invocation;
    printf(".TH AIRBYTE\\-CLOUD 1 \"\" \"" CLI_NAME " %s\" \"User Commands\"\n",
           ABC_VERSION_STRING);
    printf(".SH NAME\n" CLI_NAME " \\- trigger, watch and inspect Airbyte syncs\n");
    printf(".SH SYNOPSIS\n.B " CLI_NAME "\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR...]\n");
    printf(".SH DESCRIPTION\n");
    print_roff(cli_tool_summary);
    printf(
        ".PP\nSettings come from the global options, else from the AIRBYTE_CLOUD_* environment "
        "variables. Secrets are never printed.\n.SH COMMANDS\n");
    walk_nodes(print_man_command);
    printf(".SH GLOBAL OPTIONS\nAccepted before or after the command.\n");
    for (int i = 0; cli_global_option_at(i) != NULL; ++i) {
        const cli_global_option *option = cli_global_option_at(i);
        print_man_option(option->short_name, option->name, option->metavar, option->help);
    }
    printf(".SH EXIT STATUS\n");
    print_man_exit_codes();
    printf(
        ".SH SHELL COMPLETION\n"
        "The package installs completions for bash, zsh and fish. To load them by hand:\n"
        ".PP\n.nf\n    source <(" CLI_NAME " completion bash)\n    source <(" CLI_NAME
        " completion zsh)\n    " CLI_NAME
        " completion fish | source\n.fi\n"
        ".SH SEE ALSO\n.BR airbyte\\-cloud\\-emulator (1)\n");
    return CLI_EXIT_OK;
}

const cli_command cli_docs_commands[] = {
    {"completion", "SHELL", "print a shell completion script: bash, zsh or fish",
     "The script completes commands, subcommands and options. Load it now with\n"
     "  source <(" CLI_NAME " completion bash)     (or zsh; fish: " CLI_NAME
     " completion fish | source)\nor save it where the shell loads completions from (the Debian "
     "package installs all three).",
     NULL, 1, 1, run_completion},
    {"manpage", "", "print the manual page as roff ('man " CLI_NAME "' shows it)",
     "Made from the same texts as --help. Read it with: " CLI_NAME " manpage | man -l -", NULL, 0,
     0, run_manpage},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
