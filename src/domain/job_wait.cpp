#include "domain/job_wait.h"

#include "domain/config_api.h"

#include <algorithm>
#include <string>
#include <thread>

namespace airbyte_cloud::domain {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

void CancelToken::cancel() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        cancelled_ = true;
    }
    woken_.notify_all();
}

bool CancelToken::cancelled() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return cancelled_;
}

bool CancelToken::sleep_for(milliseconds duration) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return woken_.wait_for(lock, duration, [this] { return cancelled_; });
}

PollSchedule::PollSchedule(milliseconds initial, milliseconds maximum)
    : current_ms_(static_cast<double>(initial.count())),
      maximum_ms_(static_cast<double>(std::max(initial, maximum).count())) {}

milliseconds PollSchedule::next() {
    auto delay = milliseconds(static_cast<std::int64_t>(current_ms_));
    current_ms_ = std::min(current_ms_ * kGrowth, maximum_ms_);
    return delay;
}

namespace {

// Sleeps on the cancel token when there is one; true when cancelled.
bool sleep_cancellable(const CancelToken *token, milliseconds duration) {
    if (token != nullptr) return token->sleep_for(duration);
    std::this_thread::sleep_for(duration);
    return false;
}

void describe_job(Status &status, const JobInfo &job) {
    ErrorDetail &detail = status.mutable_detail();
    detail.job_id = job.job_id;
    detail.connection_id = job.connection_id;
    detail.job_state = static_cast<int>(job.state);
}

Status cancelled_status(const JobInfo &job, const std::string &fate) {
    Status status(StatusCode::kCancelled,
                  "wait for job " + std::to_string(job.job_id) + " cancelled by the caller; " + fate);
    describe_job(status, job);
    return status;
}

}  // namespace

// A cancelled wait leaves the job running unless the caller asked for it to be cancelled too.
Status end_cancelled_wait(ApiClient &api, JobInfo &job, const WaitSettings &settings) {
    if (!settings.cancel_job_on_cancel) return cancelled_status(job, "the job goes on");
    auto cancelled = api.cancel_job(job.job_id);
    if (!cancelled.ok()) {
        return cancelled_status(job, "cancelling the job failed, so it may go on (" +
                                         cancelled.status().message() + ")");
    }
    std::string connection_id = job.connection_id;
    job = std::move(*cancelled);
    if (job.connection_id.empty()) job.connection_id = std::move(connection_id);
    return cancelled_status(job, "the job was cancelled too");
}

Status wait_timeout_status(const JobInfo &job, const WaitSettings &settings) {
    if (!settings.fail_on_timeout) return Status();
    Status status(StatusCode::kWaitTimeout, "job " + std::to_string(job.job_id) + " is still " +
                                                job_state_name(job.state) + " after the wait timeout of " +
                                                std::to_string(settings.timeout.count()) +
                                                " ms; it goes on on the server");
    describe_job(status, job);
    status.mutable_detail().timeout_ms = settings.timeout.count();
    return status;
}

Status end_final_wait(ApiClient &api, const JobInfo &job, const WaitSettings &settings) {
    if (!settings.fail_on_sync_failure) return Status();
    Status failure = sync_failure_status(job);
    // Fetched once, only for a failed job; the sync error stays the same when this fails.
    if (job.state == JobState::kFailed) add_failure_reason(api, failure);
    return failure;
}

Status poll_failure_status(Status status, const JobInfo &job) {
    describe_job(status, job);
    return status;
}

Status sync_failure_status(const JobInfo &job) {
    if (job.state != JobState::kFailed && job.state != JobState::kCancelled) return Status();
    Status status(StatusCode::kSyncFailed, "job " + std::to_string(job.job_id) + " on connection " +
                                               job.connection_id + " ended " +
                                               job_state_name(job.state));
    describe_job(status, job);
    return status;
}

Status wait_for_job(ApiClient &api, JobInfo &job, const WaitSettings &settings) {
    const auto start = Clock::now();
    const auto deadline = start + settings.timeout;
    PollSchedule schedule(api.settings().poll_initial, api.settings().poll_max);
    bool sleep_before_poll = !settings.poll_first;
    while (!job_state_is_final(job.state)) {
        if (settings.cancel_token != nullptr && settings.cancel_token->cancelled()) {
            return end_cancelled_wait(api, job, settings);
        }
        const auto now = Clock::now();
        if (now >= deadline) return wait_timeout_status(job, settings);
        if (sleep_before_poll) {
            auto remaining = std::chrono::duration_cast<milliseconds>(deadline - now);
            auto delay = std::min(schedule.next(), remaining);
            if (sleep_cancellable(settings.cancel_token, delay)) return end_cancelled_wait(api, job, settings);
        }
        sleep_before_poll = true;
        // Poll even when the timeout ran out during the sleep: a job that just ended counts.
        auto fresh = api.get_job(job.job_id);
        if (!fresh.ok()) return poll_failure_status(fresh.status(), job);
        job = std::move(*fresh);
        if (settings.progress) {
            auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
            if (!settings.progress(job, elapsed)) return end_cancelled_wait(api, job, settings);
        }
    }
    return end_final_wait(api, job, settings);
}

std::size_t MultiJobWaiter::add(JobInfo *job) {
    const auto &settings = api_->settings();
    Entry entry{job, PollSchedule(settings.poll_initial, settings.poll_max), Clock::now(), false, false};
    entry.next_poll = Clock::now() + entry.schedule.next();
    std::size_t index = entries_.size();
    if (job_state_is_final(job->state)) {
        entry.final = true;
        finished_unreported_.push_back(index);
    } else if (feed_) {
        if (pending_count() == 0) feed_next_ = entry.next_poll;
        feed_->cover_from(job->start_time);
    }
    entries_by_id_[job->job_id].push_back(index);
    entries_.push_back(std::move(entry));
    return index;
}

std::size_t MultiJobWaiter::pending_count() const {
    return static_cast<std::size_t>(
        std::count_if(entries_.begin(), entries_.end(), [](const Entry &e) { return !e.final; }));
}

Status MultiJobWaiter::poll_due_jobs(Clock::time_point now) {
    // When the listing fails, this round polls every job it would have followed.
    bool feed_failed = false;
    if (feed_active() && feed_next_ <= now) {
        feed_failed = !poll_feed().ok();
        feed_next_ = Clock::now() + feed_schedule_.next();
    }
    const bool feeding = feed_active();
    std::vector<std::size_t> due;
    std::vector<std::int64_t> job_ids;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const Entry &entry = entries_[i];
        if (entry.final) continue;
        const bool by_feed = entry.in_feed && feeding;
        if ((by_feed && feed_failed) || (!by_feed && entry.next_poll <= now)) {
            due.push_back(i);
            job_ids.push_back(entries_[i].job->job_id);
        }
    }
    if (job_ids.empty()) return Status();
    auto jobs = api_->get_jobs(job_ids);
    Status first_failure;
    const auto polled_at = Clock::now();
    for (std::size_t k = 0; k < due.size(); ++k) {
        Entry &entry = entries_[due[k]];
        auto &job = jobs[k];
        entry.next_poll = polled_at + entry.schedule.next();
        if (!job.ok()) {
            if (first_failure.ok()) {
                first_failure = job.status();
                describe_job(first_failure, *entry.job);
            }
            continue;
        }
        record(due[k], std::move(*job));
    }
    return first_failure;
}

StatusOr<std::size_t> MultiJobWaiter::next(milliseconds timeout, const CancelToken *cancel_token) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (!finished_unreported_.empty()) {
            std::size_t index = finished_unreported_.front();
            finished_unreported_.pop_front();
            return index;
        }
        if (pending_count() == 0) {
            return Status(StatusCode::kNotFound, "no job left to wait for: every added job was reported");
        }
        if (cancel_token != nullptr && cancel_token->cancelled()) {
            return Status(StatusCode::kCancelled, "wait for jobs cancelled by the caller");
        }
        auto now = Clock::now();
        if (now >= deadline) {
            Status status(StatusCode::kWaitTimeout,
                          "no job finished within " + std::to_string(timeout.count()) + " ms (" +
                              std::to_string(pending_count()) + " still running)");
            status.mutable_detail().timeout_ms = timeout.count();
            return status;
        }
        const auto earliest = earliest_poll(deadline);
        if (earliest > now) {
            auto delay = std::chrono::duration_cast<milliseconds>(earliest - now) + milliseconds(1);
            if (sleep_cancellable(cancel_token, delay)) continue;  // reported at the loop's top
            if (earliest == deadline) continue;
        }
        Status polled = poll_due_jobs(Clock::now());
        if (!polled.ok() && finished_unreported_.empty()) return polled;
    }
}

}  // namespace airbyte_cloud::domain
