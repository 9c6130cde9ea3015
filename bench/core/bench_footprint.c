/* 5. Footprint: size of the shared library (as built and stripped), RSS of an idle process holding
 * one workspace, memory per job handle, time from dlopen to the first successful call.
 *   bench_footprint URL API_KEY WORKSPACE_ID LIBRARY_PATH DLOPEN_PROGRAM [HANDLES [RUNS]]
 *   defaults: 100000 handles, 11 dlopen runs */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abc_bench.h"
#include "common.h"

extern char **environ;

static int idle_child(const bench_env *env) {
    const long rss_start = rss_kib();  // library mapped, nothing initialised
    abc_workspace *workspace = bench_workspace(env);
    const long rss_workspace = rss_kib();
    abc_error *error = NULL;
    abc_check(abc_workspace_connect(workspace, &error), error, "abc_workspace_connect");
    sleep_ms(100);  // idle
    bench_report("rss_start_kib", (double)rss_start);
    bench_report("rss_workspace_kib", (double)rss_workspace);
    bench_report("rss_idle_kib", (double)rss_kib());
    bench_report("rss_anon_kib", (double)status_kib("RssAnon"));
    bench_report("rss_file_kib", (double)status_kib("RssFile"));
    bench_report("heap_idle_bytes", (double)heap_in_use());
    abc_workspace_free(workspace);
    return 0;
}

static int handles_child(const bench_env *env, const char *connection_id, long handles) {
    abc_workspace *workspace = bench_workspace(env);
    abc_connection *connection = NULL;
    abc_job_list *list = NULL;
    abc_error *error = NULL;
    abc_check(abc_connection_get(&connection, workspace, connection_id, &error), error, "abc_connection_get");
    abc_check(abc_connection_list_jobs(&list, connection, 100, 0, &error), error, "abc_connection_list_jobs");
    const size_t count = abc_job_list_count(list);
    if (count == 0) return 1;
    abc_job **jobs = malloc((size_t)handles * sizeof *jobs);  // the array itself is counted out below
    for (long i = 0; i < handles; i++) jobs[i] = NULL;
    const long rss0 = rss_kib();
    const size_t heap0 = heap_in_use();
    for (long i = 0; i < handles; i++)
        abc_check(abc_job_list_get(&jobs[i], list, (size_t)i % count, &error), error, "abc_job_list_get");
    const long rss1 = rss_kib();
    const size_t heap1 = heap_in_use();
    bench_report("rss_per_handle_bytes", (double)(rss1 - rss0) * 1024 / (double)handles);
    bench_report("heap_per_handle_bytes", (double)(heap1 - heap0) / (double)handles);
    bench_report("rss_delta_kib", (double)(rss1 - rss0));
    for (long i = 0; i < handles; i++) abc_job_free(jobs[i]);
    bench_report("rss_after_free_kib", (double)rss_kib());
    free(jobs);
    abc_job_list_free(list);
    abc_connection_free(connection);
    abc_workspace_free(workspace);
    return 0;
}

static long file_size(const char *path) {
    struct stat info;
    return stat(path, &info) == 0 ? (long)info.st_size : -1;
}

int main(int argc, char **argv) {
    bench_env env;
    bench_env_from_args(&env, argc, argv, "LIBRARY_PATH DLOPEN_PROGRAM [HANDLES [RUNS]]");
    if (argc > 5 && strcmp(argv[4], "--child") == 0) {
        if (strcmp(argv[5], "idle") == 0) return idle_child(&env);
        return handles_child(&env, argv[6], atol(argv[7]));
    }
    if (argc < 6) return 2;
    const char *library = argv[4], *dlopen_program = argv[5];
    const long handles = argc > 6 ? atol(argv[6]) : 100000;
    const int runs = argc > 7 ? atoi(argv[7]) : 11;
    if (handles < 1 || runs < 1 || runs > 64) return 2;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int failed = 0;

    // Size, as built and stripped (a stripped copy; the build is left alone).
    char stripped[] = "/tmp/bench_stripped_XXXXXX";
    close(mkstemp(stripped));
    char *strip_argv[] = {"strip", "--strip-all", "-o", stripped, (char *)library, NULL};
    pid_t pid;
    int status = 1;
    if (posix_spawnp(&pid, "strip", NULL, NULL, strip_argv, environ) == 0) waitpid(pid, &status, 0);
    const long built_size = file_size(library), stripped_size = status == 0 ? file_size(stripped) : -1;
    unlink(stripped);

    // A connection with 100 finished jobs, for the handles.
    bench_http http;
    http_open(&http, &env);
    char connection[64];
    bench_create_succeeding_connection(&http, &env, connection);
    for (int i = 0; i < 100; i++) bench_start_job(&http, &env, connection);

    bench_values idle, per_handle;
    char *idle_argv[] = {"/proc/self/exe", env.root, env.key, env.workspace, "--child", "idle", NULL};
    failed |= bench_run_child(idle_argv, &idle) != 0;
    char handles_text[32];
    snprintf(handles_text, sizeof handles_text, "%ld", handles);
    char *handles_argv[] = {"/proc/self/exe", env.root, env.key, env.workspace, "--child", "handles",
                            connection, handles_text, NULL};
    failed |= bench_run_child(handles_argv, &per_handle) != 0;

    static const char *const parts[] = {"dlopen_ms", "dlsym_ms", "workspace_ms", "get_ms", "total_ms",
                                        "rss_start_kib", "rss_end_kib"};
    enum { PARTS = 7 };
    double times[PARTS][64];
    for (int run = 0; run < runs; run++) {
        char *dl_argv[] = {(char *)dlopen_program, (char *)library, env.api, env.key, env.workspace, NULL};
        bench_values v;
        failed |= bench_run_child(dl_argv, &v) != 0;
        for (int p = 0; p < PARTS; p++) times[p][run] = bench_value(&v, parts[p]);
    }
    double medians[PARTS];
    for (int p = 0; p < PARTS; p++) medians[p] = median(times[p], (size_t)runs);

    printf("| figure | value |\n|---|---|\n");
    printf("| libairbyte_cloud.so as built (%s) | %.0f KiB |\n", CMAKE_BUILD_TYPE_TEXT, (double)built_size / 1024);
    printf("| the same, stripped (strip --strip-all on a copy) | **%.0f KiB** |\n", (double)stripped_size / 1024);
    printf("| RSS of a C process that does not use the library (bench_dlopen before dlopen) | %.2f MiB |\n",
           medians[5] / 1024);
    printf("| … the same after dlopen + workspace + one GET | %.2f MiB |\n", medians[6] / 1024);
    printf("| RSS of a process linking the library, at main() | %.2f MiB |\n", bench_value(&idle, "rss_start_kib") / 1024);
    printf("| … after abc_workspace_new() | %.2f MiB |\n", bench_value(&idle, "rss_workspace_kib") / 1024);
    printf("| … idle, holding the workspace after one GET (abc_workspace_connect) | **%.2f MiB** (malloc'd: %.0f KiB) |\n",
           bench_value(&idle, "rss_idle_kib") / 1024, bench_value(&idle, "heap_idle_bytes") / 1024);
    printf("| … of which private (RssAnon: heap, stacks, library data) / file-backed (RssFile: code of the library and "
           "its dependencies, shared with other processes) | %.2f / %.2f MiB |\n",
           bench_value(&idle, "rss_anon_kib") / 1024, bench_value(&idle, "rss_file_kib") / 1024);
    printf("| memory per job handle (%ld handles from abc_job_list_get) | **%.0f bytes** RSS, %.0f bytes malloc'd |\n",
           handles, bench_value(&per_handle, "rss_per_handle_bytes"), bench_value(&per_handle, "heap_per_handle_bytes"));
    printf("| dlopen → first successful call (median of %d fresh processes) | **%.2f ms** |\n", runs, medians[4]);
    printf("| … dlopen(RTLD_NOW) | %.2f ms |\n| … dlsym × 7 | %.3f ms |\n| … options + abc_workspace_new | %.2f ms |\n"
           "| … abc_workspace_connect (GET /v1/workspaces/{id}, new connection) | %.2f ms |\n",
           medians[0], medians[1], medians[2], medians[3]);
    bench_summary("5. stripped libairbyte_cloud.so", fmt("%.0f KiB", (double)stripped_size / 1024), "—", "—");
    bench_summary("5. RSS idle with one workspace", fmt("%.2f MiB", bench_value(&idle, "rss_idle_kib") / 1024), "—", "—");
    bench_summary("5. memory per job handle", fmt("%.0f bytes RSS (%.0f malloc'd)",
                  bench_value(&per_handle, "rss_per_handle_bytes"), bench_value(&per_handle, "heap_per_handle_bytes")),
                  "—", "—");
    bench_summary("5. dlopen → first successful call", fmt("%.2f ms", medians[4]), "—", "—");
    http_close(&http);
    curl_global_cleanup();
    return failed || stripped_size < 0;
}
