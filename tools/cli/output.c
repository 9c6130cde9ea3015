#define _POSIX_C_SOURCE 200809L
#include "output.h"
#include "resources.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *cli_masked_url(char *out, size_t size, const char *url) {
    if (url == NULL)
        url = "";
    const char *authority = strstr(url, "://");
    authority = authority != NULL ? authority + 3 : url;
    size_t authority_length = strcspn(authority, "/?#");
    const char *at = NULL;
    for (const char *c = authority; c < authority + authority_length; ++c) {
        if (*c == '@')
            at = c;
    }
    if (at == NULL) {
        snprintf(out, size, "%s", url);
    } else {
        snprintf(out, size, "%.*s***%s", (int)(authority - url), url, at);
    }
    return out;
}

const char *cli_api_url_problem(const char *url) {
    const char *host = NULL;
    if (strncmp(url, "https://", 8) == 0)
        host = url + 8;
    else if (strncmp(url, "http://", 7) == 0)
        host = url + 7;
    else
        return "it must start with https:// or http://";
    for (const unsigned char *c = (const unsigned char *)url; *c != '\0'; ++c) {
        if (*c <= 0x20 || *c == 0x7F)
            return "it contains a blank or a control character";
    }
    size_t authority_length = strcspn(host, "/?#");
    const char *at = memchr(host, '@', authority_length);
    if (at != NULL) {
        authority_length -= (size_t)(at + 1 - host);
        host = at + 1;
    }
    const char *colon = host[0] == '[' ? memchr(host, ']', authority_length) : host;
    colon = colon != NULL ? memchr(colon, ':', authority_length - (size_t)(colon - host)) : NULL;
    size_t host_length = colon != NULL ? (size_t)(colon - host) : authority_length;
    if (host_length == 0)
        return "it has no host name";
    if (colon != NULL) {
        const char *port = colon + 1;
        size_t digits = authority_length - host_length - 1;
        long value = 0;
        for (size_t k = 0; k < digits; ++k) {
            if (port[k] < '0' || port[k] > '9' || value > 65535)
                return "its port is not a number from 1 to 65535";
            value = value * 10 + (port[k] - '0');
        }
        if (digits == 0 || value < 1 || value > 65535)
            return "its port is not a number from 1 to 65535";
    }
    return NULL;
}

char *cli_clean(char *out, size_t size, const char *text) {
    if (size == 0)
        return out;
    size_t n = 0;
    if (text == NULL)
        text = "";
    const unsigned char *in = (const unsigned char *)text;
    while (*in != '\0') {
        unsigned char c = *in;
        size_t length = 1;
        if (c >= 0xC0) {
            length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            for (size_t k = 1; k < length; ++k) {
                if ((in[k] & 0xC0) != 0x80) {
                    length = k;
                    break;
                }
            }
        }
        if (n + length >= size)
            break;
        if (c < 0x20 || c == 0x7F || (length == 1 && c >= 0x80) ||
            (c == 0xC2 && length == 2 && in[1] >= 0x80 && in[1] <= 0x9F)) {
            out[n++] = ' '; /* control character, C1 control or a stray byte */
        } else {
            memcpy(out + n, in, length);
            n += length;
        }
        in += length;
    }
    out[n] = '\0';
    return out;
}

static size_t display_width(const char *text) {
    size_t width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; ++p) {
        if ((*p & 0xC0) != 0x80)
            ++width;
    }
    return width;
}

static char *clean_copy(const char *text) {
    size_t size = strlen(text ? text : "") + 1;
    char *copy = malloc(size);
    if (copy == NULL) {
        fputs(CLI_NAME ": out of memory\n", stderr);
        exit(CLI_EXIT_ERROR);
    }
    return cli_clean(copy, size, text);
}

static void *checked_realloc(void *pointer, size_t size) {
    void *result = realloc(pointer, size);
    if (result == NULL) {
        fputs(CLI_NAME ": out of memory\n", stderr);
        exit(CLI_EXIT_ERROR);
    }
    return result;
}

/* ---- tables ---- */

struct cli_table {
    int columns;
    char **headers;
    int *right;
    char **cells; /* rows * columns */
    int rows;
};

cli_table *cli_table_new(int columns, const char *const *headers, const int *right) {
    cli_table *table = checked_realloc(NULL, sizeof *table);
    table->columns = columns;
    table->headers = checked_realloc(NULL, sizeof(char *) * (size_t)columns);
    table->right = checked_realloc(NULL, sizeof(int) * (size_t)columns);
    for (int c = 0; c < columns; ++c) {
        table->headers[c] = clean_copy(headers[c]);
        table->right[c] = right != NULL ? right[c] : 0;
    }
    table->cells = NULL;
    table->rows = 0;
    return table;
}

void cli_table_add(cli_table *table, const char *const *cells) {
    table->cells = checked_realloc(
        table->cells, sizeof(char *) * (size_t)table->columns * (size_t)(table->rows + 1));
    for (int c = 0; c < table->columns; ++c) {
        const char *cell = cells[c];
        table->cells[table->rows * table->columns + c] =
            clean_copy(cell == NULL || cell[0] == '\0' ? "-" : cell);
    }
    table->rows++;
}

int cli_table_rows(const cli_table *table) {
    return table->rows;
}

static void print_padded(FILE *out, const char *text, size_t width, int right, int last) {
    size_t pad = width - display_width(text);
    if (right) {
        for (size_t i = 0; i < pad; ++i)
            fputc(' ', out);
        fputs(text, out);
    } else {
        fputs(text, out);
        if (!last) {
            for (size_t i = 0; i < pad; ++i)
                fputc(' ', out);
        }
    }
}

void cli_table_print(const cli_table *table, FILE *out) {
    size_t *widths = checked_realloc(NULL, sizeof(size_t) * (size_t)table->columns);
    for (int c = 0; c < table->columns; ++c) {
        widths[c] = display_width(table->headers[c]);
        for (int r = 0; r < table->rows; ++r) {
            size_t w = display_width(table->cells[r * table->columns + c]);
            if (w > widths[c])
                widths[c] = w;
        }
    }
    for (int r = -1; r < table->rows; ++r) {
        for (int c = 0; c < table->columns; ++c) {
            const char *text = r < 0 ? table->headers[c] : table->cells[r * table->columns + c];
            if (c > 0)
                fputs("  ", out);
            print_padded(out, text, widths[c], table->right[c], c == table->columns - 1);
        }
        fputc('\n', out);
    }
    free(widths);
}

void cli_table_free(cli_table *table) {
    if (table == NULL)
        return;
    for (int c = 0; c < table->columns; ++c)
        free(table->headers[c]);
    for (int i = 0; i < table->rows * table->columns; ++i)
        free(table->cells[i]);
    free(table->headers);
    free(table->right);
    free(table->cells);
    free(table);
}

/* ---- key/value blocks ---- */

struct cli_fields {
    char **keys;
    char **values;
    int count;
};

cli_fields *cli_fields_new(void) {
    cli_fields *fields = checked_realloc(NULL, sizeof *fields);
    fields->keys = NULL;
    fields->values = NULL;
    fields->count = 0;
    return fields;
}

void cli_fields_add(cli_fields *fields, const char *key, const char *value) {
    fields->keys = checked_realloc(fields->keys, sizeof(char *) * (size_t)(fields->count + 1));
    fields->values = checked_realloc(fields->values, sizeof(char *) * (size_t)(fields->count + 1));
    fields->keys[fields->count] = clean_copy(key);
    fields->values[fields->count] = clean_copy(value == NULL || value[0] == '\0' ? "-" : value);
    fields->count++;
}

void cli_fields_print(const cli_fields *fields, FILE *out) {
    size_t width = 0;
    for (int i = 0; i < fields->count; ++i) {
        size_t w = display_width(fields->keys[i]) + 1;
        if (w > width)
            width = w;
    }
    for (int i = 0; i < fields->count; ++i) {
        fprintf(out, "%s:", fields->keys[i]);
        for (size_t pad = display_width(fields->keys[i]) + 1; pad < width + 2; ++pad)
            fputc(' ', out);
        fprintf(out, "%s\n", fields->values[i]);
    }
}

void cli_fields_free(cli_fields *fields) {
    if (fields == NULL)
        return;
    for (int i = 0; i < fields->count; ++i) {
        free(fields->keys[i]);
        free(fields->values[i]);
    }
    free(fields->keys);
    free(fields->values);
    free(fields);
}

/* ---- formats ---- */

char *cli_format_int(char *out, int64_t value) {
    char digits[32];
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    snprintf(digits, sizeof digits, "%" PRIu64, magnitude);
    size_t length = strlen(digits), n = 0;
    if (value < 0)
        out[n++] = '-';
    for (size_t i = 0; i < length; ++i) {
        if (i > 0 && (length - i) % 3 == 0)
            out[n++] = ',';
        out[n++] = digits[i];
    }
    out[n] = '\0';
    return out;
}

char *cli_format_bytes(char *out, int64_t bytes) {
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    if (bytes < 1024) {
        snprintf(out, 32, "%" PRId64 " B", bytes);
        return out;
    }
    double value = (double)bytes;
    int unit = -1;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    snprintf(out, 32, value < 10.0 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    return out;
}

char *cli_format_duration(char *out, int64_t ms) {
    if (ms < 0)
        ms = 0;
    if (ms < 60000) {
        snprintf(out, 32, "%.1fs", (double)ms / 1000.0);
    } else if (ms < 3600000) {
        snprintf(out, 32, "%" PRId64 "m %02" PRId64 "s", ms / 60000, (ms / 1000) % 60);
    } else {
        snprintf(out, 32, "%" PRId64 "h %02" PRId64 "m", ms / 3600000, (ms / 60000) % 60);
    }
    return out;
}

char *cli_format_clock(char *out, int64_t ms) {
    if (ms < 0)
        ms = 0;
    int64_t seconds = ms / 1000;
    if (seconds < 3600) {
        snprintf(out, 32, "%" PRId64 ":%02" PRId64, seconds / 60, seconds % 60);
    } else {
        snprintf(out, 32, "%" PRId64 ":%02" PRId64 ":%02" PRId64, seconds / 3600,
                 (seconds / 60) % 60, seconds % 60);
    }
    return out;
}

char *cli_format_unix_time(char *out, int64_t seconds) {
    out[0] = '\0';
    if (seconds <= 0)
        return out;
    time_t t = (time_t)seconds;
    struct tm tm;
    if (gmtime_r(&t, &tm) != NULL)
        strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

/* ---- JSON ---- */

/* Two-space indented JSON; scalars as cJSON writes them (escaped, control characters included). */
void cli_write_json(FILE *out, const cJSON *item, int depth) {
    if (cJSON_IsObject(item) || cJSON_IsArray(item)) {
        int object = cJSON_IsObject(item);
        const cJSON *child = item->child;
        if (child == NULL) {
            fputs(object ? "{}" : "[]", out);
            return;
        }
        fputc(object ? '{' : '[', out);
        for (; child != NULL; child = child->next) {
            fputc('\n', out);
            for (int i = 0; i <= depth; ++i)
                fputs("  ", out);
            if (object) {
                cJSON *key = cJSON_CreateString(child->string != NULL ? child->string : "");
                char *text = cJSON_PrintUnformatted(key);
                fprintf(out, "%s: ", text != NULL ? text : "\"\"");
                cJSON_free(text);
                cJSON_Delete(key);
            }
            cli_write_json(out, child, depth + 1);
            if (child->next != NULL)
                fputc(',', out);
        }
        fputc('\n', out);
        for (int i = 0; i < depth; ++i)
            fputs("  ", out);
        fputc(object ? '}' : ']', out);
        return;
    }
    char *text = cJSON_PrintUnformatted(item);
    fputs(text != NULL ? text : "null", out);
    cJSON_free(text);
}

void cli_print_json(cli_invocation *invocation, cJSON *document) {
    cli_write_json(stdout, document, 0);
    fputc('\n', stdout);
    fflush(stdout);
    cJSON_Delete(document);
    invocation->document_printed = 1;
}

void cli_json_string(cJSON *object, const char *name, const char *value) {
    cJSON_AddStringToObject(object, name, value != NULL ? value : "");
}

void cli_json_int(cJSON *object, const char *name, int64_t value) {
    cJSON_AddNumberToObject(object, name, (double)value);
}
