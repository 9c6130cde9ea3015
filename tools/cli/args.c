#define _POSIX_C_SOURCE 200809L
#include "args.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "suggest.h"

/* The command tables, in the order `--help` lists them. Each group's table is in its
 * cmd_<group>.c. To add a command: write its handler `static int run_x(cli_invocation *)` and
 * its options (a {NULL}-terminated cli_option array; read them with cli_option_value), then add
 * one entry {path, arguments, summary, description, options, min_args, max_args, handler} to the
 * group's table; parsing, --help and usage errors follow from the entry. A new group: a new
 * table, declared in cli.h and listed here. A resource's list/show output: see listing.h. */
static const cli_command *const tables[] = {
    cli_check_commands,        cli_workspaces_commands,  cli_sources_commands,
    cli_destinations_commands, cli_connections_commands, cli_streams_commands,
    cli_sync_commands,         cli_jobs_commands,        cli_wait_commands,
    cli_read_commands,         cli_manage_commands,      cli_api_commands,
    cli_docs_commands,         cli_diagnostics_commands, NULL,
};
const cli_command *const *cli_command_tables = tables;

enum {
    G_API_URL,
    G_WORKSPACE_ID,
    G_API_KEY,
    G_CLIENT_ID,
    G_CLIENT_SECRET,
    G_JSON,
    G_POLL,
    G_QUIET,
    G_VERBOSE,
    G_HELP,
    G_VERSION,
    G_COUNT
};

static const cli_global_option globals[G_COUNT] = {
    [G_API_URL] =
        {"--api-url", NULL, "URL",
         "API root (default https://api.airbyte.com/v1; self-managed: https://HOST/api/public/v1). "
         "Env: AIRBYTE_CLOUD_API_URL"},
    [G_WORKSPACE_ID] = {"--workspace-id", NULL, "ID",
                        "workspace UUID. Env: AIRBYTE_CLOUD_WORKSPACE_ID"},
    [G_API_KEY] =
        {"--api-key", NULL, "KEY",
         "API key (bearer token). Env: AIRBYTE_CLOUD_API_KEY or AIRBYTE_CLOUD_BEARER_TOKEN "
         "(preferred: flags show in the process list)"},
    [G_CLIENT_ID] = {"--client-id", NULL, "ID",
                     "application client id. Env: AIRBYTE_CLOUD_CLIENT_ID"},
    [G_CLIENT_SECRET] = {"--client-secret", NULL, "SECRET",
                         "application client secret. Env: AIRBYTE_CLOUD_CLIENT_SECRET (preferred)"},
    [G_JSON] = {"--json", NULL, NULL, "print one JSON document on stdout instead of tables"},
    [G_POLL] = {"--poll-interval", NULL, "MS",
                "longest pause between job polls while waiting (default 2000)"},
    [G_QUIET] = {"--quiet", "-q", NULL,
                 "no progress line or notes on stderr (errors still go there)"},
    [G_VERBOSE] = {"--verbose", "-v", NULL,
                   "log the library's requests on stderr; -vv for debug detail"},
    [G_HELP] = {"--help", "-h", NULL, "help for the tool or for a command"},
    [G_VERSION] = {"--version", NULL, NULL, "print the tool's and the library's versions"},
};

const cli_global_option *cli_global_option_at(int index) {
    return index >= 0 && index < G_COUNT ? &globals[index] : NULL;
}

const char *const cli_exit_code_help =
    "Exit codes:\n  0    success\n  1    other error (server error, rate limit, unexpected "
    "response)\n  2    usage: a bad command line or setting\n  3    auth: credentials missing, "
    "rejected (401) or without access (403)\n  4    not found: no such workspace, source, "
    "destination, connection or job\n  5    sync failed: a job ended failed or cancelled\n  6    "
    "timeout: --timeout ran out while waiting; the job goes on\n  7    unreachable: could not "
    "reach the API (DNS, connect, TLS, request timeout)\n"
    "  130  interrupted (Ctrl-C, SIGTERM) while waiting; the job goes on\n";

static const cli_command *find_command(const char *path) {
    for (const cli_command *const *table = cli_command_tables; *table != NULL; ++table) {
        for (const cli_command *command = *table; command->path != NULL; ++command) {
            if (strcmp(command->path, path) == 0)
                return command;
        }
    }
    return NULL;
}

/* 1 when some command's path starts with "group ". */
static int is_group(const char *group) {
    size_t length = strlen(group);
    for (const cli_command *const *table = cli_command_tables; *table != NULL; ++table) {
        for (const cli_command *command = *table; command->path != NULL; ++command) {
            if (strncmp(command->path, group, length) == 0 && command->path[length] == ' ')
                return 1;
        }
    }
    return 0;
}

static void group_subcommands(const char *group, char *out, size_t size) {
    size_t length = strlen(group), n = 0;
    out[0] = '\0';
    for (const cli_command *const *table = cli_command_tables; *table != NULL; ++table) {
        for (const cli_command *command = *table; command->path != NULL; ++command) {
            if (strncmp(command->path, group, length) == 0 && command->path[length] == ' ') {
                n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s", n > 0 ? ", " : "",
                                      command->path + length + 1);
            }
        }
    }
}

static int find_global(const char *name) {
    for (int i = 0; i < G_COUNT; ++i) {
        if (strcmp(globals[i].name, name) == 0)
            return i;
        if (globals[i].short_name != NULL && strcmp(globals[i].short_name, name) == 0)
            return i;
    }
    return -1;
}

static int find_command_option(const cli_command *command, const char *name) {
    if (command == NULL || command->options == NULL)
        return -1;
    for (int i = 0; command->options[i].name != NULL; ++i) {
        if (strcmp(command->options[i].name, name) == 0)
            return i;
    }
    return -1;
}

const char *cli_option_value(const cli_invocation *invocation, const char *name) {
    int index = find_command_option(invocation->command, name);
    return index >= 0 ? invocation->values[index] : NULL;
}

int cli_parse_int(cli_invocation *invocation, const char *what, const char *text, int64_t minimum,
                  int64_t maximum, int64_t *out) {
    char *end = NULL;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || errno != 0 || value < minimum || value > maximum) {
        return cli_usage_error(invocation, "%s must be a whole number from %lld to %lld, got '%s'",
                               what, (long long)minimum, (long long)maximum, text);
    }
    *out = (int64_t)value;
    return 0;
}

int cli_parse_duration(cli_invocation *invocation, const char *what, const char *text,
                       int64_t *out_ms) {
    char *end = NULL;
    errno = 0;
    double value = strtod(text, &end);
    double scale = 1000.0;
    if (end != NULL && end != text) {
        if (strcmp(end, "ms") == 0)
            scale = 1.0;
        else if (strcmp(end, "s") == 0 || *end == '\0')
            scale = 1000.0;
        else if (strcmp(end, "m") == 0)
            scale = 60000.0;
        else if (strcmp(end, "h") == 0)
            scale = 3600000.0;
        else
            end = NULL;
    }
    double ms = value * scale;
    if (end == NULL || end == text || errno != 0 || !(ms >= 1.0) || ms > 30.0 * 86400000.0) {
        return cli_usage_error(
            invocation,
            "%s must be a duration such as 90, 90s, 5m or 2h (at most 30 days), got '%s'", what,
            text);
    }
    *out_ms = (int64_t)llround(ms);
    return 0;
}

/* Where each text-valued global setting goes; NULL for the others. */
static const char **global_text(cli_global *g, int index) {
    const char **texts[G_COUNT] = {
        [G_API_URL] = &g->api_url,
        [G_WORKSPACE_ID] = &g->workspace_id,
        [G_API_KEY] = &g->api_key,
        [G_CLIENT_ID] = &g->client_id,
        [G_CLIENT_SECRET] = &g->client_secret,
    };
    return texts[index];
}

static int set_global(cli_invocation *invocation, int index, const char *value) {
    cli_global *g = &invocation->global;
    const char **text = global_text(g, index);
    if (text != NULL)
        *text = value;
    g->json |= index == G_JSON;
    g->quiet |= index == G_QUIET;
    g->verbose += index == G_VERBOSE;
    if (index == G_POLL)
        return cli_parse_int(invocation, "--poll-interval", value, 1, 3600000, &g->poll_ms);
    return 0;
}

/* "unknown option", with the closest global or command option as a "did you mean". */
static int unknown_option(cli_invocation *invocation, const char *name) {
    cli_suggestion suggestion;
    cli_suggestion_init(&suggestion, name);
    for (int i = 0; i < G_COUNT; ++i)
        cli_suggestion_consider(&suggestion, globals[i].name, strlen(globals[i].name));
    const cli_option *options = invocation->command ? invocation->command->options : NULL;
    for (int i = 0; options != NULL && options[i].name != NULL; ++i)
        cli_suggestion_consider(&suggestion, options[i].name, strlen(options[i].name));
    const cli_command *command = invocation->command;
    char otherwise[160], hint[256];
    snprintf(otherwise, sizeof otherwise, "see '" CLI_NAME "%s%s --help'", command ? " " : "",
             command ? command->path : "");
    return cli_error(invocation, CLI_EXIT_USAGE,
                     cli_suggestion_hint(&suggestion, "", otherwise, hint, sizeof hint),
                     "unknown option '%s'", name);
}

/* "unknown command" (within `group` when not NULL), with the closest command of that level as a
 * "did you mean", else the list of what there is. */
static int unknown_command(cli_invocation *invocation, const char *group, const char *word) {
    cli_suggestion suggestion;
    cli_suggestion_init(&suggestion, word);
    size_t prefix = group != NULL ? strlen(group) + 1 : 0;
    for (const cli_command *const *table = cli_command_tables; *table != NULL; ++table) {
        for (const cli_command *command = *table; command->path != NULL; ++command) {
            if (group != NULL && (strncmp(command->path, group, prefix - 1) != 0 ||
                                  command->path[prefix - 1] != ' '))
                continue;
            const char *name = command->path + prefix;
            cli_suggestion_consider(&suggestion, name, strcspn(name, " "));
        }
    }
    char otherwise[320], hint[400];
    if (group == NULL) {
        cli_suggestion_consider(&suggestion, "help", 4);
        snprintf(otherwise, sizeof otherwise, "see '" CLI_NAME " --help' for the commands");
        return cli_error(invocation, CLI_EXIT_USAGE,
                         cli_suggestion_hint(&suggestion, "", otherwise, hint, sizeof hint),
                         "unknown command '%s'", word);
    }
    char subcommands[256];
    group_subcommands(group, subcommands, sizeof subcommands);
    snprintf(otherwise, sizeof otherwise, "'%s' has: %s", group, subcommands);
    char group_prefix[96];
    snprintf(group_prefix, sizeof group_prefix, "%s ", group);
    return cli_error(invocation, CLI_EXIT_USAGE,
                     cli_suggestion_hint(&suggestion, group_prefix, otherwise, hint, sizeof hint),
                     "unknown command '%s %s'", group, word);
}

/* Where cli_parse is between words. */
typedef struct parser {
    cli_invocation *invocation;
    int argc;
    char **argv;
    int next;          /* index of the next word */
    const char *group; /* "jobs" once a group word was seen */
    int want_help, want_version, help_command, options_done;
    int exit_code; /* of the reported error */
} parser;

enum { STEP_NEXT, STEP_DONE, STEP_ERROR };

/* "--name=value" or "--name" into name (and *inline_value). */
static void split_option(const char *arg, char *name, size_t size, const char **inline_value) {
    const char *equals = strchr(arg, '=');
    *inline_value = NULL;
    if (equals != NULL && arg[1] == '-') {
        size_t length = (size_t)(equals - arg);
        if (length >= size)
            length = size - 1;
        memcpy(name, arg, length);
        name[length] = '\0';
        *inline_value = equals + 1;
    } else {
        snprintf(name, size, "%s", arg);
    }
}

static int parse_error(parser *p, int exit_code) {
    p->exit_code = exit_code;
    return STEP_ERROR;
}

/* An option word (global or of the command found so far), taking its value if it has one. */
static int parse_option(parser *p, const char *arg) {
    cli_invocation *invocation = p->invocation;
    char name[64];
    const char *inline_value = NULL;
    split_option(arg, name, sizeof name, &inline_value);
    int global = find_global(name);
    int local = global < 0 ? find_command_option(invocation->command, name) : -1;
    if (global < 0 && local < 0)
        return parse_error(p, unknown_option(invocation, name));
    const char *metavar =
        global >= 0 ? globals[global].metavar : invocation->command->options[local].metavar;
    const char *value = inline_value;
    if (metavar != NULL && value == NULL) {
        if (p->next >= p->argc) {
            return parse_error(
                p, cli_usage_error(invocation, "option %s needs a value (%s)", name, metavar));
        }
        value = p->argv[p->next++];
    } else if (metavar == NULL && inline_value != NULL) {
        return parse_error(p, cli_usage_error(invocation, "option %s takes no value", name));
    }
    if (global == G_HELP) {
        p->want_help = 1;
    } else if (global == G_VERSION) {
        p->want_version = 1;
    } else if (global >= 0) {
        int code = set_global(invocation, global, value);
        if (code != 0)
            return parse_error(p, code);
    } else {
        invocation->values[local] = value != NULL ? value : "1";
    }
    return STEP_NEXT;
}

/* A word after "GROUP": the subcommand. */
static int parse_subcommand(parser *p, const char *arg) {
    char path[128];
    snprintf(path, sizeof path, "%s %s", p->group, arg);
    p->invocation->command = find_command(path);
    if (p->invocation->command == NULL)
        return parse_error(p, unknown_command(p->invocation, p->group, arg));
    return p->help_command ? STEP_DONE : STEP_NEXT;
}

/* A word that is not an option: an argument, "help", a group, a command or a subcommand. */
static int parse_word(parser *p, const char *arg) {
    static char group_topic[64]; /* the help topic may point here after cli_parse returns */
    cli_invocation *invocation = p->invocation;
    if (invocation->command != NULL) {
        if (invocation->arg_count >= CLI_MAX_ARGS) {
            return parse_error(
                p, cli_usage_error(invocation, "too many arguments (at most %d)", CLI_MAX_ARGS));
        }
        invocation->args[invocation->arg_count++] = arg;
        return STEP_NEXT;
    }
    if (p->group == NULL && !p->help_command && strcmp(arg, "help") == 0) {
        p->help_command = 1;
        p->want_help = 1;
        return STEP_NEXT;
    }
    if (p->group != NULL)
        return parse_subcommand(p, arg);
    invocation->command = find_command(arg);
    if (invocation->command != NULL)
        return p->help_command ? STEP_DONE : STEP_NEXT;
    if (is_group(arg)) {
        snprintf(group_topic, sizeof group_topic, "%s", arg);
        p->group = group_topic;
        return STEP_NEXT;
    }
    return parse_error(p, unknown_command(invocation, NULL, arg));
}

static int parse_next(parser *p) {
    const char *arg = p->argv[p->next++];
    if (!p->options_done && strcmp(arg, "--") == 0) {
        p->options_done = 1;
        return STEP_NEXT;
    }
    if (!p->options_done && arg[0] == '-' && arg[1] == 'v' &&
        strspn(arg + 1, "v") == strlen(arg + 1)) {
        p->invocation->global.verbose += (int)strlen(arg + 1); /* -v, -vv */
        return STEP_NEXT;
    }
    if (!p->options_done && arg[0] == '-' && arg[1] != '\0')
        return parse_option(p, arg);
    return parse_word(p, arg);
}

/* After the last word: is there a command, with the right number of arguments? */
static cli_parse_result check_command(parser *p) {
    cli_invocation *invocation = p->invocation;
    const cli_command *command = invocation->command;
    if (command == NULL && p->group != NULL) {
        char subcommands[256];
        group_subcommands(p->group, subcommands, sizeof subcommands);
        p->exit_code = cli_error(invocation, CLI_EXIT_USAGE, NULL,
                                 "'%s' needs a subcommand (%s); see '" CLI_NAME " %s --help'",
                                 p->group, subcommands, p->group);
    } else if (command == NULL) {
        p->exit_code =
            cli_error(invocation, CLI_EXIT_USAGE, "see '" CLI_NAME " --help'", "no command given");
    } else if (invocation->arg_count < command->min_args) {
        p->exit_code = cli_usage_error(invocation, "missing argument: usage: " CLI_NAME " %s %s",
                                       command->path, command->arguments);
    } else if (command->max_args >= 0 && invocation->arg_count > command->max_args) {
        p->exit_code =
            cli_usage_error(invocation, "unexpected argument '%s': usage: " CLI_NAME " %s%s%s",
                            invocation->args[command->max_args], command->path,
                            command->arguments[0] ? " " : "", command->arguments);
    } else {
        return CLI_PARSE_RUN;
    }
    return CLI_PARSE_ERROR;
}

cli_parse_result cli_parse(int argc, char **argv, cli_invocation *invocation,
                           const char **help_topic, int *exit_code) {
    parser p = {invocation, argc, argv, 1, NULL, 0, 0, 0, 0, 0};
    int step = STEP_NEXT;
    while (step == STEP_NEXT && p.next < argc)
        step = parse_next(&p);
    *help_topic = "";
    *exit_code = 0;
    cli_parse_result result = CLI_PARSE_ERROR;
    if (step == STEP_ERROR) {
        result = CLI_PARSE_ERROR;
    } else if (p.want_help) {
        *help_topic = invocation->command != NULL ? invocation->command->path
                      : p.group != NULL           ? p.group
                                                  : "";
        result = CLI_PARSE_HELP;
    } else if (p.want_version) {
        result = CLI_PARSE_VERSION;
    } else if (argc <= 1) {
        result = CLI_PARSE_HELP; /* a bare invocation: the full help */
    } else {
        result = check_command(&p);
    }
    *exit_code = p.exit_code;
    return result;
}

/* ---- help ---- */

const char *const cli_tool_summary =
    "Trigger, watch and inspect Airbyte syncs from a shell, cron or CI (Airbyte Cloud or "
    "self-managed Airbyte, through the public API).";
const char *const cli_manual_pointer =
    "The manual: 'man " CLI_NAME "' (installed with the tool; '" CLI_NAME " manpage' prints it).\n";

static void print_wrapped(const char *text, int indent, int width) {
    /* Words wrap at `width`; explicit newlines are kept. */
    int column = indent;
    const char *p = text;
    while (*p != '\0') {
        if (*p == '\n') {
            fputc('\n', stdout);
            for (int i = 0; i < indent; ++i)
                fputc(' ', stdout);
            column = indent;
            ++p;
            continue;
        }
        const char *word_end = p;
        while (*word_end != '\0' && *word_end != ' ' && *word_end != '\n')
            ++word_end;
        int length = (int)(word_end - p);
        if (column > indent && column + 1 + length > width) {
            fputc('\n', stdout);
            for (int i = 0; i < indent; ++i)
                fputc(' ', stdout);
            column = indent;
        } else if (column > indent) {
            fputc(' ', stdout);
            ++column;
        }
        fwrite(p, 1, (size_t)length, stdout);
        column += length;
        p = word_end;
        while (*p == ' ')
            ++p;
    }
    fputc('\n', stdout);
}

static void print_option_line(const char *short_name, const char *name, const char *metavar,
                              const char *help) {
    char left[64];
    snprintf(left, sizeof left, "%s%s%s%s%s", short_name ? short_name : "", short_name ? ", " : "",
             name, metavar ? " " : "", metavar ? metavar : "");
    printf("  %-24s", left);
    if (strlen(left) > 24) {
        printf("\n%26s", "");
    }
    print_wrapped(help, 26, 100);
}

static void print_globals(void) {
    printf("Global options (before or after the command):\n");
    for (int i = 0; i < G_COUNT; ++i) {
        print_option_line(globals[i].short_name, globals[i].name, globals[i].metavar,
                          globals[i].help);
    }
}

static void print_command_list(const char *group) {
    size_t length = group != NULL ? strlen(group) : 0;
    for (const cli_command *const *table = cli_command_tables; *table != NULL; ++table) {
        for (const cli_command *command = *table; command->path != NULL; ++command) {
            if (group != NULL &&
                (strncmp(command->path, group, length) != 0 || command->path[length] != ' ')) {
                continue;
            }
            char left[96];
            snprintf(left, sizeof left, "%s%s%s", command->path, command->arguments[0] ? " " : "",
                     command->arguments);
            printf("  %-36s", left);
            if (strlen(left) >= 36)
                printf("\n%38s", "");
            print_wrapped(command->summary, 38, 100);
        }
    }
}

void cli_print_help(const char *topic) {
    const cli_command *command = topic[0] != '\0' ? find_command(topic) : NULL;
    if (command != NULL) {
        printf("usage: " CLI_NAME " %s%s%s [OPTIONS]\n\n", command->path,
               command->arguments[0] ? " " : "", command->arguments);
        print_wrapped(command->summary, 0, 100);
        if (command->description != NULL) {
            fputc('\n', stdout);
            print_wrapped(command->description, 0, 100);
        }
        if (command->options != NULL && command->options[0].name != NULL) {
            printf("\nOptions:\n");
            for (const cli_option *option = command->options; option->name != NULL; ++option) {
                print_option_line(NULL, option->name, option->metavar, option->help);
            }
        }
        fputc('\n', stdout);
        print_globals();
        printf("\n%s", cli_exit_code_help);
        fputs(cli_manual_pointer, stdout);
        return;
    }
    if (topic[0] != '\0' && is_group(topic)) {
        printf("usage: " CLI_NAME " %s SUBCOMMAND [ARGS...] [OPTIONS]\n\nSubcommands:\n", topic);
        print_command_list(topic);
        printf("\nRun '" CLI_NAME " %s SUBCOMMAND --help' for a subcommand's options.\n", topic);
        fputs(cli_manual_pointer, stdout);
        return;
    }
    printf("usage: " CLI_NAME " [OPTIONS] COMMAND [ARGS...]\n\n");
    print_wrapped(cli_tool_summary, 0, 90);
    printf("\nCommands:\n");
    print_command_list(NULL);
    fputc('\n', stdout);
    print_globals();
    fputs(
        "\n"
        "Settings come from the flags above, else from the AIRBYTE_CLOUD_* environment variables.\n"
        "Secrets are never printed.\n"
        "\n",
        stdout);
    fputs(cli_exit_code_help, stdout);
    fputs("\nRun '" CLI_NAME " COMMAND --help' for a command's options.\n", stdout);
    fputs(cli_manual_pointer, stdout);
}
