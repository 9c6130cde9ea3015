/* Time from dlopen to the first successful call, in a fresh process that does not link the
 * library: dlopen(RTLD_NOW) + dlsym of the functions used + a workspace + one GET
 * (abc_workspace_connect: GET /v1/workspaces/{id}). Prints "name value" lines (ms).
 *   bench_dlopen LIBRARY_PATH API_URL API_KEY WORKSPACE_ID */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long rss_kib(void) {
    FILE *file = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (file != NULL && fgets(line, sizeof line, file) != NULL)
        if (strncmp(line, "VmRSS:", 6) == 0) kib = strtol(line + 6, NULL, 10);
    if (file != NULL) fclose(file);
    return kib;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

typedef int (*options_new_fn)(void **, void **);
typedef int (*options_set_fn)(void *, const char *, void **);
typedef int (*workspace_new_fn)(void **, const char *, const void *, void **);
typedef int (*workspace_connect_fn)(void *, void **);
typedef void (*free_fn)(void *);

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s LIBRARY_PATH API_URL API_KEY WORKSPACE_ID\n", argv[0]);
        return 2;
    }
    const long rss_start = rss_kib();
    const double t0 = now_ms();
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    const double t1 = now_ms();
    options_new_fn options_new = (options_new_fn)dlsym(library, "abc_options_new");
    options_set_fn set_api_url = (options_set_fn)dlsym(library, "abc_options_set_api_url");
    options_set_fn set_token = (options_set_fn)dlsym(library, "abc_options_set_bearer_token");
    free_fn options_free = (free_fn)dlsym(library, "abc_options_free");
    workspace_new_fn workspace_new = (workspace_new_fn)dlsym(library, "abc_workspace_new");
    workspace_connect_fn workspace_connect = (workspace_connect_fn)dlsym(library, "abc_workspace_connect");
    free_fn workspace_free = (free_fn)dlsym(library, "abc_workspace_free");
    if (!options_new || !set_api_url || !set_token || !options_free || !workspace_new || !workspace_connect ||
        !workspace_free) {
        fprintf(stderr, "dlsym: a symbol is missing\n");
        return 1;
    }
    const double t2 = now_ms();
    void *options = NULL, *workspace = NULL;
    if (options_new(&options, NULL) != 0 || set_api_url(options, argv[2], NULL) != 0 ||
        set_token(options, argv[3], NULL) != 0 || workspace_new(&workspace, argv[4], options, NULL) != 0) {
        fprintf(stderr, "workspace: failed\n");
        return 1;
    }
    const double t3 = now_ms();
    if (workspace_connect(workspace, NULL) != 0) {
        fprintf(stderr, "abc_workspace_connect failed\n");
        return 1;
    }
    const double t4 = now_ms();
    printf("dlopen_ms %.3f\ndlsym_ms %.3f\nworkspace_ms %.3f\nget_ms %.3f\ntotal_ms %.3f\n", t1 - t0, t2 - t1,
           t3 - t2, t4 - t3, t4 - t0);
    printf("rss_start_kib %ld\nrss_end_kib %ld\n", rss_start, rss_kib());
    workspace_free(workspace);
    options_free(options);
    dlclose(library);
    return 0;
}
