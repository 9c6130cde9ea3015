// Waits for jobs of one workspace from several threads sharing its handle (abc_job_wait). While
// two or more jobs are waited for, one change feed (JobChangeFeed, the waiter's) stands in for
// every thread's polling: one of the waiting threads runs each round and wakes the others whose
// jobs it saw change. A job waited for alone, a job the feed does not show (another workspace's),
// and every job in a round whose listing failed are polled with GET /jobs/{id} as wait_for_job
// does; after a 403/404 on the listing every job is.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/job_feed.h"
#include "domain/job_wait.h"

namespace airbyte_cloud::domain {

class SharedJobWaits {
  public:
    // Rounds come at the poll schedule, at most this far apart (as MultiJobWaiter's).
    static constexpr std::chrono::milliseconds kFeedMaxInterval = MultiJobWaiter::kFeedMaxInterval;
    // The newest state of the jobs the feed listed, kept so that a later wait for one of them
    // needs no request (a final one) or no re-reading of the feed from its start (a running one:
    // every later change of it is read by the rounds to come, which never skip a change).
    static constexpr std::size_t kJobsKept = 4096;
    // A wait with a cancel token looks at it at least this often.
    static constexpr std::chrono::milliseconds kCancelCheck{50};

    // `api` must outlive this object.
    SharedJobWaits(ApiClient &api, std::string workspace_id);

    // wait_for_job's contract (settings.poll_first included), thread-safe: `job` is the calling
    // thread's own and is updated in place.
    Status wait(JobInfo &job, const WaitSettings &settings);

  private:
    using Clock = std::chrono::steady_clock;
    struct Waiter;
    class Run;

    bool feed_running() const;
    bool followed_by_feed(const Waiter &waiter) const;
    void add_waiter(Waiter &waiter, JobInfo &job);
    void remove_waiter(Waiter &waiter);
    void run_round(std::unique_lock<std::mutex> &lock);
    void deliver(std::vector<JobInfo> jobs, std::uint64_t round);
    void keep(const JobInfo &job);
    const JobInfo *known(std::int64_t job_id) const;

    ApiClient &api_;
    std::mutex mutex_;
    std::condition_variable woken_;
    JobChangeFeed feed_;  // used only by the thread running a round
    std::unordered_multimap<std::int64_t, Waiter *> waiters_;
    std::int64_t cover_from_ = 0;  // earliest start of the jobs added since the last round began
    bool feed_started_ = false;    // some waited job had a start time to cover
    bool feed_usable_ = true;      // false after a 403/404 on the listing
    bool round_running_ = false;
    std::uint64_t rounds_started_ = 0;
    std::uint64_t rounds_failed_ = 0;
    Clock::time_point next_round_{};
    PollSchedule feed_schedule_;
    std::unordered_map<std::int64_t, JobInfo> known_jobs_;
    std::deque<std::int64_t> known_order_;
};

}  // namespace airbyte_cloud::domain
