#define _POSIX_C_SOURCE 200809L
#include "resources.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static char *read_stream(FILE *in) {
    size_t size = 0, capacity = 4096;
    char *text = malloc(capacity);
    if (text == NULL)
        return NULL;
    size_t got;
    while ((got = fread(text + size, 1, capacity - size - 1, in)) > 0) {
        size += got;
        if (capacity - size - 1 == 0) {
            if (capacity >= 16u * 1024 * 1024)
                break; /* a configuration is never this big */
            char *bigger = realloc(text, capacity * 2);
            if (bigger == NULL)
                break;
            text = bigger;
            capacity *= 2;
        }
    }
    text[size] = '\0';
    return text;
}

int cli_read_configuration(cli_invocation *invocation, char **out) {
    *out = NULL;
    const char *inline_text = cli_option_value(invocation, "--config");
    const char *path = cli_option_value(invocation, "--config-file");
    if ((inline_text == NULL) == (path == NULL)) {
        return cli_usage_error(invocation,
                               "give the configuration with --config JSON or --config-file PATH "
                               "(- for stdin), one of the two");
    }
    char *text = NULL;
    if (inline_text != NULL) {
        text = strdup(inline_text);
    } else if (strcmp(path, "-") == 0) {
        text = read_stream(stdin);
    } else {
        FILE *file = fopen(path, "rb");
        if (file == NULL) {
            return cli_usage_error(invocation, "cannot read --config-file %s: %s", path,
                                   strerror(errno));
        }
        text = read_stream(file);
        fclose(file);
    }
    if (text == NULL)
        return cli_error(invocation, CLI_EXIT_ERROR, NULL, "out of memory");
    cJSON *parsed = cJSON_Parse(text);
    int is_object = cJSON_IsObject(parsed);
    cJSON_Delete(parsed);
    if (!is_object) {
        free(text);
        return cli_usage_error(invocation,
                               "the configuration must be a JSON object, e.g. {\"count\": 1000}");
    }
    *out = text;
    return 0;
}

cJSON *cli_json_from_text(const char *text) {
    cJSON *parsed = text != NULL && text[0] != '\0' ? cJSON_Parse(text) : NULL;
    return parsed != NULL ? parsed : cJSON_CreateString(text != NULL ? text : "");
}

abc_status cli_list_options(const cli_invocation *invocation, abc_list_options **out,
                            abc_error **error) {
    *out = NULL;
    const char *name = cli_option_value(invocation, "--name");
    if (name == NULL)
        return ABC_OK;
    abc_status status = abc_list_options_new(out, error);
    if (status == ABC_OK)
        status = abc_list_options_set_name_contains(*out, name, error);
    return status;
}
