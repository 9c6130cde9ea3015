// Jobs in simulated time: pending -> running -> outcome, derived from the job's creation time and
// its behaviour, plus explicit events (cancel, admin complete, the destination write's result).
#pragma once

#include "emulator.h"
#include "model.h"
#include "postgres_writer.h"

#include <cstdint>
#include <optional>
#include <string>

namespace emulator {

struct JobView {
    std::string status;   // pending|running|succeeded|failed|incomplete|cancelled
    int64_t updated_ms;   // last status change
    int64_t elapsed_ms;   // run time so far (or in total once final)
    int64_t rows;
    int64_t bytes;
    bool writing;         // run over, waiting for the destination write to commit
};

JobView view_job(const Job &job, int64_t now);
bool job_is_active(const Job &job, int64_t now);  // pending or running
// Status values with lastUpdatedAt in the real server's JobResponseMapper.
bool is_terminal_status(const std::string &status);
Json job_response(const Job &job, int64_t now);
Json job_detail(const Job &job, int64_t now);  // admin view: public fields plus internals

// Creates a job for `connection` (caller holds the lock and checked access). Throws 409
// try-again-later while another job of the connection is pending or running.
Job &create_job(State &state, const Options &options, Connection &connection, const std::string &job_type,
                int64_t now);
// Throws 409 state-conflict for a job already past running.
void cancel_job(Job &job, int64_t now);
// Forces a final status now (admin). A "succeeded" job that owes a Postgres write does it first,
// synchronously; returns the job's detail afterwards.
Json complete_job(Emulator &emulator, int64_t job_id, const std::string &status);

// The connection settings of a Postgres destination's configuration.
PostgresTarget postgres_target(const cJSON *configuration);

// Runs the destination write of a job and records its result (runner threads, admin complete).
void run_destination_write(Emulator &emulator, int64_t job_id);
// A fresh process-local job identity (Job::instance).
uint64_t next_job_instance();

// Streams a connection syncs: its configured streams that the source can produce.
struct PlannedStream {
    const FakerStream *stream;
    std::string table;
    std::vector<size_t> columns;
    bool append;
};
std::vector<PlannedStream> planned_streams(const Connection &connection, const Actor &source);

}  // namespace emulator
