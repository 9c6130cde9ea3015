// What the Config API (/api/v1) tells about a job beyond the public API: its attempts with their
// failure summaries and log lines, derived from the job like its public view (simulated time),
// and the connection state successful syncs leave behind. Callers hold Emulator::mutex.
#pragma once

#include "jobs.h"
#include "model.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace emulator {

// JobRead (config.yaml) of a job.
Json config_job_read(const Job &job, int64_t now);
// The job's attempts as AttemptRead objects: none while pending, else attempt 0 (the emulator
// runs one attempt per job), its failureSummary set when it failed.
std::vector<Json> attempt_reads(const Job &job, int64_t now);

// Everything needed to write an attempt's log after the lock is released.
struct AttemptLog {
    std::vector<std::string> head;  // lines before the filler
    int64_t filler_lines = 0;       // Behaviour::log_lines
    int64_t started_ms = 0;
    std::vector<std::string> tail;  // lines after it
};
AttemptLog attempt_log(const State &state, const Job &job, int64_t now);
// Line `index` of the filler (0-based).
std::string filler_line(const AttemptLog &log, int64_t index);

// ConnectionState (config.yaml) of a connection: the state its latest successful sync left
// (per stream), unless one was saved after it; not_set when neither exists.
Json connection_state(const State &state, const Connection &connection, int64_t now);
// The canonical stored form of a ConnectionState given to create_or_update (400 when invalid).
Json saved_connection_state(const cJSON *given, const std::string &connection_id);

}  // namespace emulator
