/* The library side of the benchmarks: a workspace on the emulator with default settings. */
#ifndef BENCH_CORE_ABC_BENCH_H
#define BENCH_CORE_ABC_BENCH_H

#include <airbyte_cloud.h>
#include <stdio.h>
#include <stdlib.h>

#include "common.h"

static inline void abc_check(abc_status status, abc_error *error, const char *what) {
    if (status == ABC_OK) return;
    fprintf(stderr, "bench: %s: %s: %s\n", what, abc_strerror(status), abc_error_message(error));
    abc_error_free(error);
    exit(1);
}

/* Default settings except where the emulator is, the API key and the request budget (requests
 * per second, 0: no cap). */
static inline abc_workspace *bench_workspace_with_rate(const bench_env *env, double requests_per_second) {
    abc_options *options = NULL;
    abc_workspace *workspace = NULL;
    abc_error *error = NULL;
    abc_check(abc_options_new(&options, &error), error, "abc_options_new");
    abc_check(abc_options_set_api_url(options, env->api, &error), error, "abc_options_set_api_url");
    abc_check(abc_options_set_bearer_token(options, env->key, &error), error, "abc_options_set_bearer_token");
    abc_check(abc_options_set_request_rate(options, requests_per_second, &error), error,
              "abc_options_set_request_rate");
    abc_check(abc_workspace_new(&workspace, env->workspace, options, &error), error, "abc_workspace_new");
    abc_options_free(options);
    return workspace;
}

static inline abc_workspace *bench_workspace(const bench_env *env) { return bench_workspace_with_rate(env, 0); }

#endif
