/* Small helpers the test programs share: whole files, growing buffers for curl, pauses. */
#ifndef ABC_TESTS_TEST_UTIL_H
#define ABC_TESTS_TEST_UTIL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The file's whole content as a malloc'd string the caller frees ("" for an empty file), or
 * NULL when it cannot be read. */
char *test_read_file(const char *path);

/* A malloc'd, NUL-terminated byte buffer that grows as data arrives; free(data) when done. */
typedef struct test_buffer {
    char *data;
    size_t size;
} test_buffer;
/* A CURLOPT_WRITEFUNCTION appending to the test_buffer given as CURLOPT_WRITEDATA. */
size_t test_buffer_append(char *chunk, size_t one, size_t count, void *buffer);

void test_sleep_ms(long milliseconds);

/* The string member `field` of the JSON object text `json`, malloc'd ("" when absent). */
char *test_json_string(const char *json, const char *field);

/* A loopback TCP port free right now (bound, noted, closed), or -1. */
int test_free_port(void);

/* The HTTP status of a GET of `url` (body discarded, 2 s timeout), 0 without a response. */
long test_http_status(const char *url);

/* Starts argv[0] with argv (NULL-terminated) in its own process group, stdout and stderr to
 * log_path, killed when the test dies. Returns its pid, or -1. */
int test_start_child(const char *const *argv, const char *log_path);
/* SIGTERM to the child's process group, SIGKILL after 5 s; reaps it. Sets *pid to -1. */
void test_stop_child(int *pid);

#ifdef __cplusplus
}

#include <cstdlib>
#include <string>

inline std::string test_json_string(const std::string &json, const char *field) {
    char *text = test_json_string(json.c_str(), field);
    std::string out = text != nullptr ? text : "";
    std::free(text);
    return out;
}
#endif

#endif
