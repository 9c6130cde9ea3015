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

char *cli_read_path(const char *path) {
    if (strcmp(path, "-") == 0)
        return read_stream(stdin);
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return NULL;
    char *text = read_stream(file);
    fclose(file);
    return text;
}

int cli_read_json_object(cli_invocation *invocation, const char *inline_option,
                         const char *file_option, const char *example, char **out) {
    *out = NULL;
    const char *inline_text = cli_option_value(invocation, inline_option);
    const char *path = cli_option_value(invocation, file_option);
    if ((inline_text == NULL) == (path == NULL)) {
        return cli_usage_error(invocation, "give %s JSON or %s PATH (- for stdin), one of the two",
                               inline_option, file_option);
    }
    errno = 0;
    char *text = inline_text != NULL ? strdup(inline_text) : cli_read_path(path);
    if (text == NULL && path != NULL && errno != 0 && errno != ENOMEM)
        return cli_usage_error(invocation, "cannot read %s %s: %s", file_option, path, strerror(errno));
    if (text == NULL)
        return cli_error(invocation, CLI_EXIT_ERROR, NULL, "out of memory");
    cJSON *parsed = cJSON_Parse(text);
    int is_object = cJSON_IsObject(parsed);
    cJSON_Delete(parsed);
    if (!is_object) {
        free(text);
        return cli_usage_error(invocation, "the %s must be a JSON object, e.g. %s", inline_option + 2,
                               example);
    }
    *out = text;
    return 0;
}

int cli_read_configuration(cli_invocation *invocation, char **out) {
    return cli_read_json_object(invocation, "--config", "--config-file", "{\"count\": 1000}", out);
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
