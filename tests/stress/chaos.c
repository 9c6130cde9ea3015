/* One workspace shared by many threads under chaos: syncs that wait, syncs waited for with
 * abc_job_wait and with an abc_waiter, client-credential tokens that expire every second (so
 * renewal races with requests), a small connection pool (handles churn), and faults injected all
 * along: connection resets before and after POST /jobs is handled, truncated answers, resets and
 * 503/429 on polls and lists. At the end every sync is checked against the emulator's own record:
 * each ended in exactly one job (none lost, none doubled), and RSS and open descriptors stayed
 * flat.
 *   chaos [--seconds N | --minutes N] [--threads N] [--quiet]
 * ctest runs it for a few seconds (integration.stress.shared_workspace, also under TSan); the
 * soak (bench/RESULTS.md) runs it for 10 minutes. Exit 0 when every check passed. */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
/* cmocka.h needs these first */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fixture.h"

/* Each thread goes round its connections, so one is reused only every few seconds: a lost start
 * is judged by job times of one-second resolution, and a job that ended within two seconds of the
 * request makes it undecidable (src/domain/job_start.cpp). */
enum { kMaxThreads = 64, kConnectionsPerThread = 12, kMaxSyncs = 100000 };

typedef struct sync_record {
    int64_t job_id; /* 0: no job handle came back */
    abc_status status;
} sync_record;

typedef struct worker {
    int index;
    abc_workspace *workspace;
    char connection_ids[kConnectionsPerThread][64];
    sync_record *records;
    int syncs;
    int unknown; /* ABC_ERROR_JOB_START_UNKNOWN */
    int errors;  /* any other failure */
    char last_error[512];
    char last_unknown[512];
} worker;

/* `emulator` is the shared one of tests/support/emulator_process.h. */
static atomic_int stopping;
static double deadline_s;

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One sync on a connection, three ways: run_sync waiting; started, then abc_job_wait; started,
 * then an abc_waiter. */
static abc_status one_sync(worker *w, const char *connection_id, int way, abc_job **job,
                           abc_error **error) {
    abc_sync_options *options = NULL;
    abc_sync_options_new(&options, NULL);
    abc_sync_options_set_wait(options, way == 0, NULL);
    abc_status status = abc_run_sync(job, w->workspace, connection_id, options, error);
    if (status == ABC_OK && way == 1) {
        status = abc_job_wait(*job, NULL, error);
    } else if (status == ABC_OK && way == 2) {
        abc_waiter *waiter = NULL;
        size_t index = 0;
        status = abc_waiter_new(&waiter, w->workspace, error);
        if (status == ABC_OK)
            status = abc_waiter_add(waiter, *job, &index, error);
        if (status == ABC_OK)
            status = abc_waiter_next(&index, waiter, 60000, NULL, error);
        abc_waiter_free(waiter);
    }
    abc_sync_options_free(options);
    return status;
}

static void *work(void *argument) {
    worker *w = argument;
    for (int n = 0; now_s() < deadline_s && w->syncs < kMaxSyncs; n++) {
        abc_job *job = NULL;
        abc_error *error = NULL;
        abc_status status =
            one_sync(w, w->connection_ids[n % kConnectionsPerThread], n % 3, &job, &error);
        sync_record *record = &w->records[w->syncs++];
        record->status = status;
        record->job_id = job != NULL ? abc_job_id(job) : 0;
        if (status == ABC_ERROR_JOB_START_UNKNOWN) {
            w->unknown++;
            snprintf(w->last_unknown, sizeof w->last_unknown, "%s", abc_error_message(error));
        } else if (status != ABC_OK) {
            w->errors++;
            snprintf(w->last_error, sizeof w->last_error, "%s", abc_error_message(error));
        }
        abc_error_free(error);
        abc_job_free(job);
    }
    return NULL;
}

/* Faults on a schedule, round robin over the kinds the library must survive. */
static void *inject_faults(void *argument) {
    (void)argument;
    static const struct {
        const char *method, *path, *kind;
        int status;
    } faults[] = {
        {"POST", "/v1/jobs", "drop", 0},       {"GET", "/v1/jobs/*", "drop", 0},
        {"POST", "/v1/jobs", "drop_after", 0}, {"GET", "/v1/jobs/*", "status", 503},
        {"POST", "/v1/jobs", "truncate", 0},   {"GET", "/v1/jobs", "drop", 0},
        {"GET", "/v1/jobs/*", "status", 429},  {"POST", "/v1/applications/token", "drop", 0},
        {"GET", "/v1/jobs/*", "truncate", 0},  {"POST", "/v1/jobs", "status", 502},
    };
    for (int n = 0; !stopping; n++) {
        const size_t k = (size_t)n % (sizeof faults / sizeof faults[0]);
        fixture_add_fault(&emulator, faults[k].method, faults[k].path, faults[k].kind,
                          faults[k].status, -1, 0, 1);
        usleep(150 * 1000);
    }
    return NULL;
}

static long resident_kib(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static int open_descriptors(void) {
    int count = 0;
    DIR *directory = opendir("/proc/self/fd");
    if (directory == NULL)
        return -1;
    while (readdir(directory) != NULL)
        count++;
    closedir(directory);
    return count - 3; /* ".", ".." and the DIR's own */
}

/* Resident memory and open descriptors, sampled after a warm-up tenth of the run: the peaks of
 * the first and the second half, and the descriptors at the first sample. Flat: memory peaks no
 * higher in the second half than in the first (within slack), descriptors stay within what the
 * threads can hold at once and are back where they were once the threads stopped. */
typedef struct usage {
    long rss_first, rss_second;
    int fds_first, fds_second, fds_warm;
} usage;

static void watch_usage(usage *use, double start, double seconds) {
    while (now_s() < deadline_s) {
        usleep(500 * 1000);
        const double at = now_s() - start;
        if (at < seconds / 10)
            continue;
        const long rss = resident_kib();
        const int fds = open_descriptors();
        if (use->fds_warm == 0)
            use->fds_warm = fds;
        long *rss_peak = at < seconds / 2 ? &use->rss_first : &use->rss_second;
        int *fds_peak = at < seconds / 2 ? &use->fds_first : &use->fds_second;
        *rss_peak = rss > *rss_peak ? rss : *rss_peak;
        *fds_peak = fds > *fds_peak ? fds : *fds_peak;
    }
}

static int check_flat(const usage *use, double seconds, int threads) {
    const long rss_end = resident_kib();
    const int fds_end = open_descriptors();
    printf(
        "RSS KiB peak first half %ld, second half %ld, end %ld; open fds peak first half %d, "
        "second half %d, end %d\n",
        use->rss_first, use->rss_second, rss_end, use->fds_first, use->fds_second, fds_end);
    int failures = 0;
    const int fds_peak = use->fds_first > use->fds_second ? use->fds_first : use->fds_second;
    if (fds_end > use->fds_warm + 4 || fds_peak > use->fds_warm + 4 * threads + 8) {
        printf("FAIL: open descriptors not flat (%d at first, peak %d, %d at the end)\n",
               use->fds_warm, fds_peak, fds_end);
        failures++;
    }
    /* Short runs are still warming the allocator; judge memory on long ones. */
    if (seconds >= 120 && use->rss_second > use->rss_first + use->rss_first / 10 + 2048) {
        printf("FAIL: resident memory grew from %ld KiB to %ld KiB\n", use->rss_first,
               use->rss_second);
        failures++;
    }
    return failures;
}

/* Checks every recorded sync against /_emulator/jobs; prints the figures; returns the failures. */
static int verify(worker *workers, int threads) {
    long http = 0;
    char *body = emulator_request(&emulator, "GET", "/_emulator/jobs", NULL, &http);
    cJSON *jobs = cJSON_Parse(body != NULL ? body : "[]");
    free(body);
    int syncs = 0, ok = 0, unknown = 0, errors = 0, lost = 0, doubled = 0, orphans = 0,
        server_jobs = 0;
    for (int t = 0; t < threads; t++) {
        worker *w = &workers[t];
        syncs += w->syncs;
        unknown += w->unknown;
        errors += w->errors;
        for (int s = 0; s < w->syncs; s++)
            ok += w->records[s].status == ABC_OK;
        /* Jobs the server holds on this thread's connections, each claimed by at most one sync. */
        const cJSON *job = NULL;
        cJSON_ArrayForEach(job, jobs) {
            const char *connection = cJSON_GetStringValue(cJSON_GetObjectItem(job, "connectionId"));
            int mine = 0;
            for (int c = 0; c < kConnectionsPerThread && connection != NULL; c++)
                mine |= strcmp(connection, w->connection_ids[c]) == 0;
            if (!mine)
                continue;
            server_jobs++;
            int64_t id = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(job, "jobId"));
            int claims = 0;
            for (int s = 0; s < w->syncs; s++)
                claims += w->records[s].job_id == id;
            if (claims == 0)
                orphans++;
            if (claims > 1)
                doubled += claims - 1;
        }
        for (int s = 0; s < w->syncs; s++) {
            int found = 0;
            cJSON_ArrayForEach(job, jobs) {
                found |= (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(job, "jobId")) ==
                         w->records[s].job_id;
            }
            if (w->records[s].job_id != 0 && !found)
                lost++;
        }
        if (w->errors > 0)
            printf("thread %d: last error: %s\n", t, w->last_error);
        if (w->unknown > 0)
            printf("thread %d: last start-unknown: %s\n", t, w->last_unknown);
    }
    cJSON_Delete(jobs);
    /* A start that could not be judged may have left one job nobody claims; more is a double. */
    const int duplicates = doubled + (orphans > unknown ? orphans - unknown : 0);
    printf(
        "syncs %d  ok %d  start-unknown %d  other errors %d  server jobs %d  unclaimed %d  "
        "duplicates %d  lost %d\n",
        syncs, ok, unknown, errors, server_jobs, orphans, duplicates, lost);
    return duplicates + lost + (syncs == 0);
}

static int parse_arguments(int argc, char **argv, double *seconds, int *threads) {
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && strcmp(argv[i], "--seconds") == 0) {
            *seconds = atof(argv[++i]);
        } else if (i + 1 < argc && strcmp(argv[i], "--minutes") == 0) {
            *seconds = 60.0 * atof(argv[++i]);
        } else if (i + 1 < argc && strcmp(argv[i], "--threads") == 0) {
            *threads = atoi(argv[++i]);
        } else {
            fprintf(stderr, "usage: chaos [--seconds N | --minutes N] [--threads N]\n");
            return -1;
        }
    }
    if (*seconds <= 0 || *threads < 1 || *threads > kMaxThreads) {
        fprintf(stderr, "chaos: --seconds/--minutes must be positive, --threads 1..%d\n",
                kMaxThreads);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    double seconds = 20;
    int threads = 16;
    if (parse_arguments(argc, argv, &seconds, &threads) != 0)
        return 2;
    const char *args[] = {"--job-duration-ms", "400", "--token-ttl", "1", NULL};
    if (emulator_start(&emulator, args) != 0)
        return 1;

    abc_options *options = fixture_options(&emulator);
    abc_options_set_client_credentials(options, emulator.client_id, emulator.client_secret, NULL);
    abc_options_set_max_connections(options, 4, NULL); /* fewer handles than threads: churn */
    abc_workspace *workspace = fixture_workspace_with(&emulator, options);
    static worker workers[kMaxThreads];
    for (int t = 0; t < threads; t++) {
        workers[t].index = t;
        workers[t].workspace = workspace;
        workers[t].records = calloc(kMaxSyncs, sizeof(sync_record));
        for (int c = 0; c < kConnectionsPerThread; c++) {
            char name[64];
            snprintf(name, sizeof name, "chaos-%d-%d", t, c);
            fixture_create_connection(&emulator, name, workers[t].connection_ids[c]);
        }
    }

    const double start = now_s();
    deadline_s = start + seconds;
    pthread_t threads_run[kMaxThreads], injector;
    pthread_create(&injector, NULL, inject_faults, NULL);
    for (int t = 0; t < threads; t++)
        pthread_create(&threads_run[t], NULL, work, &workers[t]);
    usage use = {0, 0, 0, 0, 0};
    watch_usage(&use, start, seconds);
    for (int t = 0; t < threads; t++)
        pthread_join(threads_run[t], NULL);
    stopping = 1;
    pthread_join(injector, NULL);

    printf("threads %d  seconds %.0f\n", threads, now_s() - start);
    int failures = check_flat(&use, seconds, threads); /* before verify() parses every job */
    failures += verify(workers, threads);
    abc_workspace_free(workspace);
    for (int t = 0; t < threads; t++)
        free(workers[t].records);
    emulator_stop(&emulator);
    printf("%s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
