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
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/job_feed.h"
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

// The ways a wait ends, shared by wait_for_job and SharedJobWaits (job_wait_shared.h): cancelled
// (cancelling the job too when asked), timed out, final (kSyncFailed with the failure's reason
// for a failed job, when asked), or a poll that failed (the status, naming the job).
Status end_cancelled_wait(ApiClient &api, JobInfo &job, const WaitSettings &settings);
Status wait_timeout_status(const JobInfo &job, const WaitSettings &settings);
Status end_final_wait(ApiClient &api, const JobInfo &job, const WaitSettings &settings);
Status poll_failure_status(Status status, const JobInfo &job);

// Polls `job` (updated in place) until it is final, the timeout passes or the wait is cancelled.
Status wait_for_job(ApiClient &api, JobInfo &job, const WaitSettings &settings);

// Many jobs, one thread. Given the workspace, two or more pending jobs are followed through its
// change feed (one listing per round, JobChangeFeed); otherwise, for a job alone, for a job the
// feed never showed (of another workspace) and for a round whose listing failed, each due job
// is polled concurrently (send_all).
class MultiJobWaiter {
public:
    // Rounds of the change feed come at the poll schedule, at most this far apart: a round costs
    // one request, however many jobs it follows.
    static constexpr std::chrono::milliseconds kFeedMaxInterval{1000};

    explicit MultiJobWaiter(std::shared_ptr<ApiClient> api, std::string workspace_id = "");

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
        bool in_feed = false;  // the change feed showed it: it belongs to the feed's workspace
    };
    Status poll_due_jobs(std::chrono::steady_clock::time_point now);
    // job_wait_feed.cpp: the change-feed side.
    bool feed_active() const;
    std::chrono::steady_clock::time_point earliest_poll(
        std::chrono::steady_clock::time_point limit) const;
    Status poll_feed();
    void record(std::size_t index, JobInfo job);

    std::shared_ptr<ApiClient> api_;
    std::vector<Entry> entries_;
    std::deque<std::size_t> finished_unreported_;
    std::optional<JobChangeFeed> feed_;
    PollSchedule feed_schedule_;
    std::chrono::steady_clock::time_point feed_next_;
    std::unordered_map<std::int64_t, std::vector<std::size_t>> entries_by_id_;
};

}  // namespace airbyte_cloud::domain
