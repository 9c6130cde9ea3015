#include "domain/job_wait_shared.h"

#include <algorithm>
#include <string>
#include <utility>

namespace airbyte_cloud::domain {

using std::chrono::milliseconds;

namespace {

PollSchedule new_feed_schedule(const ApiClient &api) {
    return PollSchedule(api.settings().poll_initial,
                        std::min(api.settings().poll_max, SharedJobWaits::kFeedMaxInterval));
}

}  // namespace

// One waiting thread as the round runner sees it; lives on that thread's stack, guarded by
// SharedJobWaits::mutex_.
struct SharedJobWaits::Waiter {
    std::int64_t job_id = 0;
    JobInfo latest;  // the feed's newest reading of the job, when `changed`
    bool changed = false;
    bool in_feed = false;             // a round showed the job
    bool outside_feed = false;        // a round that covered it did not: polled on its own
    std::uint64_t first_round = 0;    // the first round that covers it
    std::uint64_t failures_seen = 0;  // failed rounds it already polled on its own for
};

// One thread's wait: the loop of wait_for_job, except that while the feed runs the thread sleeps
// until a round shows its job changed (or runs the round itself when one is due).
class SharedJobWaits::Run {
  public:
    Run(SharedJobWaits &shared, JobInfo &job, const WaitSettings &settings)
        : shared_(shared),
          job_(job),
          settings_(settings),
          start_(Clock::now()),
          deadline_(start_ + settings.timeout),
          schedule_(shared.api_.settings().poll_initial, shared.api_.settings().poll_max) {
        next_own_poll_ = settings.poll_first ? start_ : start_ + schedule_.next();
    }

    Status wait() {
        std::unique_lock<std::mutex> lock(shared_.mutex_);
        shared_.add_waiter(waiter_, job_);
        const Ending ending = follow(lock);
        shared_.remove_waiter(waiter_);
        lock.unlock();
        switch (ending) {
            case Ending::kFinal:
                return end_final_wait(shared_.api_, job_, settings_);
            case Ending::kCancelled:
                return end_cancelled_wait(shared_.api_, job_, settings_);
            case Ending::kTimedOut:
                return wait_timeout_status(job_, settings_);
            case Ending::kPollFailed:
                break;
        }
        return failure_;
    }

  private:
    enum class Ending { kFinal, kCancelled, kTimedOut, kPollFailed };

    bool cancelled() const {
        return settings_.cancel_token != nullptr && settings_.cancel_token->cancelled();
    }

    Ending follow(std::unique_lock<std::mutex> &lock) {
        for (;;) {
            if (waiter_.changed) {
                job_ = waiter_.latest;
                waiter_.changed = false;
                if (!report_progress(lock))
                    return Ending::kCancelled;
            }
            if (job_state_is_final(job_.state))
                return Ending::kFinal;
            if (cancelled())
                return Ending::kCancelled;
            const auto now = Clock::now();
            if (now >= deadline_) {
                // A job that just ended counts, as in wait_for_job.
                if (!poll_own(lock))
                    return stopped_ ? Ending::kCancelled : Ending::kPollFailed;
                return job_state_is_final(job_.state) ? Ending::kFinal : Ending::kTimedOut;
            }
            const bool by_feed = shared_.followed_by_feed(waiter_);
            if (by_feed ? waiter_.failures_seen < shared_.rounds_failed_ : now >= next_own_poll_) {
                if (!poll_own(lock))
                    return stopped_ ? Ending::kCancelled : Ending::kPollFailed;
                continue;
            }
            if (by_feed && !shared_.round_running_ && now >= shared_.next_round_) {
                shared_.run_round(lock);
                continue;
            }
            shared_.woken_.wait_until(lock, wake_time(now, by_feed));
        }
    }

    // The next moment this thread has something to do; a round's end wakes it anyway.
    Clock::time_point wake_time(Clock::time_point now, bool by_feed) const {
        Clock::time_point at = deadline_;
        if (!by_feed)
            at = std::min(at, next_own_poll_);
        else if (!shared_.round_running_)
            at = std::min(at, shared_.next_round_);
        if (settings_.cancel_token != nullptr)
            at = std::min(at, now + kCancelCheck);
        return at;
    }

    // GET /jobs/{id} outside the lock; false when it failed or the progress callback stopped.
    bool poll_own(std::unique_lock<std::mutex> &lock) {
        waiter_.failures_seen = shared_.rounds_failed_;
        lock.unlock();
        auto fresh = shared_.api_.get_job(job_.job_id);
        lock.lock();
        next_own_poll_ = Clock::now() + schedule_.next();
        if (!fresh.ok()) {
            failure_ = poll_failure_status(fresh.status(), job_);
            return false;
        }
        job_ = std::move(*fresh);
        waiter_.changed = false;  // the job's own answer is at least as new as the listing's
        return report_progress(lock);
    }

    // The progress callback runs outside the lock; false (and stopped_) when it says stop.
    bool report_progress(std::unique_lock<std::mutex> &lock) {
        if (!settings_.progress)
            return true;
        lock.unlock();
        const bool go_on = settings_.progress(
            job_, std::chrono::duration_cast<milliseconds>(Clock::now() - start_));
        lock.lock();
        stopped_ = !go_on;
        return go_on;
    }

    SharedJobWaits &shared_;
    JobInfo &job_;
    const WaitSettings &settings_;
    const Clock::time_point start_;
    const Clock::time_point deadline_;
    PollSchedule schedule_;
    Clock::time_point next_own_poll_;
    Waiter waiter_;
    Status failure_;
    bool stopped_ = false;
};

SharedJobWaits::SharedJobWaits(ApiClient &api, std::string workspace_id)
    : api_(api), feed_(std::move(workspace_id)), feed_schedule_(new_feed_schedule(api)) {}

Status SharedJobWaits::wait(JobInfo &job, const WaitSettings &settings) {
    if (!job_state_is_final(job.state)) {
        std::lock_guard<std::mutex> lock(mutex_);
        const JobInfo *seen = known(job.job_id);
        if (seen != nullptr && job_state_is_final(seen->state))
            job = *seen;
    }
    if (job_state_is_final(job.state))
        return end_final_wait(api_, job, settings);
    return Run(*this, job, settings).wait();
}

const JobInfo *SharedJobWaits::known(std::int64_t job_id) const {
    auto found = known_jobs_.find(job_id);
    return found != known_jobs_.end() ? &found->second : nullptr;
}

bool SharedJobWaits::feed_running() const {
    return feed_usable_ && feed_started_ && waiters_.size() >= 2;
}

bool SharedJobWaits::followed_by_feed(const Waiter &waiter) const {
    return feed_running() && !waiter.outside_feed;
}

// A job the feed listed before is followed from its newest listed state; any other job moves
// the feed's start back to cover it.
void SharedJobWaits::add_waiter(Waiter &waiter, JobInfo &job) {
    waiter.job_id = job.job_id;
    waiter.first_round = rounds_started_ + 1;
    waiter.failures_seen = rounds_failed_;
    if (const JobInfo *seen = known(job.job_id)) {
        if (seen->last_updated_time >= job.last_updated_time)
            job = *seen;
        waiter.in_feed = true;
    } else if (job.start_time > 0) {
        cover_from_ = cover_from_ > 0 ? std::min(cover_from_, job.start_time) : job.start_time;
        feed_started_ = true;
    }
    waiters_.emplace(job.job_id, &waiter);
    woken_.notify_all();  // a thread polling its job alone now has company: the feed takes over
}

void SharedJobWaits::remove_waiter(Waiter &waiter) {
    auto range = waiters_.equal_range(waiter.job_id);
    for (auto it = range.first; it != range.second; ++it) {
        if (it->second == &waiter) {
            waiters_.erase(it);
            return;
        }
    }
}

// One round of the feed, run by a waiting thread without the lock; the others sleep meanwhile.
void SharedJobWaits::run_round(std::unique_lock<std::mutex> &lock) {
    round_running_ = true;
    const std::uint64_t round = ++rounds_started_;
    const std::int64_t cover = std::exchange(cover_from_, 0);
    lock.unlock();
    feed_.cover_from(cover);
    auto jobs = feed_.poll(api_);
    lock.lock();
    round_running_ = false;
    feed_usable_ = feed_.usable();
    next_round_ = Clock::now() + feed_schedule_.next();
    if (jobs.ok()) {
        deliver(std::move(*jobs), round);
    } else {
        ++rounds_failed_;
        api_.logger().log(LogLevel::kDebug,
                          std::string(feed_usable_ ? "this round polls each waited job: "
                                                   : "polling each waited job from now on: ") +
                              jobs.status().message());
    }
    woken_.notify_all();
}

void SharedJobWaits::deliver(std::vector<JobInfo> jobs, std::uint64_t round) {
    bool waited_job_ended = false;
    for (JobInfo &job : jobs) {
        keep(job);
        auto range = waiters_.equal_range(job.job_id);
        for (auto it = range.first; it != range.second; ++it) {
            it->second->latest = job;
            it->second->changed = true;
            it->second->in_feed = true;
            waited_job_ended = waited_job_ended || job_state_is_final(job.state);
        }
    }
    // Jobs waited for together were mostly started together and end together: once one ends,
    // rounds come at the initial interval again so the others are seen soon after they end.
    if (waited_job_ended) {
        feed_schedule_ = new_feed_schedule(api_);
        next_round_ = Clock::now() + feed_schedule_.next();
    }
    // A job this round covered but did not list is not the workspace's: it is polled alone.
    for (auto &entry : waiters_) {
        Waiter &waiter = *entry.second;
        if (!waiter.in_feed && waiter.first_round <= round)
            waiter.outside_feed = true;
    }
}

void SharedJobWaits::keep(const JobInfo &job) {
    if (known_jobs_.insert_or_assign(job.job_id, job).second)
        known_order_.push_back(job.job_id);
    if (known_order_.size() > kJobsKept) {
        known_jobs_.erase(known_order_.front());
        known_order_.pop_front();
    }
}

}  // namespace airbyte_cloud::domain
