// Waiting for jobs to finish: the poll schedule, cancellation, a single wait, and one thread
// waiting for many jobs at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/types.h"

namespace airbyte_cloud::domain {

// Lets another thread stop a wait promptly: sleeping waits block on it instead of sleep_for.
class CancelToken {
public:
    void cancel();
    bool cancelled() const;
    // Sleeps up to `duration`; returns true (early) when cancelled.
    bool sleep_for(std::chrono::milliseconds duration) const;

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable woken_;
    bool cancelled_ = false;
};

// Poll intervals that start short (a job that ends quickly is noticed quickly) and grow to a
// cap (a long job is not polled needlessly often).
class PollSchedule {
public:
    static constexpr double kGrowth = 1.25;
    PollSchedule(std::chrono::milliseconds initial, std::chrono::milliseconds maximum);
    std::chrono::milliseconds next();

private:
    double current_ms_;
    double maximum_ms_;
};

// Called after each poll; returning false stops the wait (kCancelled).
using ProgressFunction = std::function<bool(const JobInfo &job, std::chrono::milliseconds elapsed)>;

struct WaitSettings {
    std::chrono::milliseconds timeout{std::chrono::hours(1)};
    bool fail_on_sync_failure = true;
    bool fail_on_timeout = true;
    ProgressFunction progress;
    const CancelToken *cancel_token = nullptr;
    // A cancelled wait (token or progress callback) cancels the job on the server too.
    bool cancel_job_on_cancel = false;
    // Poll before the first sleep: right for a job whose snapshot may be old (abc_job_wait), not
    // for one just created (abc_run_sync), which cannot have finished yet.
    bool poll_first = false;
};

// kSyncFailed carrying the job when it ended failed or cancelled; OK otherwise.
Status sync_failure_status(const JobInfo &job);

// Polls `job` (updated in place) until it is final, the timeout passes or the wait is cancelled.
Status wait_for_job(ApiClient &api, JobInfo &job, const WaitSettings &settings);

// Many jobs, one thread: each round polls every due job concurrently (send_all).
class MultiJobWaiter {
public:
    explicit MultiJobWaiter(std::shared_ptr<ApiClient> api) : api_(std::move(api)) {}

    // `job` is borrowed and updated in place; returns its index.
    std::size_t add(JobInfo *job);
    std::size_t pending_count() const;
    // Index of the next job that became final; kNotFound when none is left, kWaitTimeout,
    // kCancelled, or a poll's failure (the job stays pending and is polled again next time).
    StatusOr<std::size_t> next(std::chrono::milliseconds timeout, const CancelToken *cancel_token);

private:
    struct Entry {
        JobInfo *job;
        PollSchedule schedule;
        std::chrono::steady_clock::time_point next_poll;
        bool final = false;
    };
    Status poll_due_jobs(std::chrono::steady_clock::time_point now);

    std::shared_ptr<ApiClient> api_;
    std::vector<Entry> entries_;
    std::deque<std::size_t> finished_unreported_;
};

}  // namespace airbyte_cloud::domain
