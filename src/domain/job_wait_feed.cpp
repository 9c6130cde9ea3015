// MultiJobWaiter's change-feed side: when the workspace's job listing stands in for polling
// each job, and how a listed job reaches the waiter's entries.
#include <algorithm>
#include <string>

#include "domain/job_wait.h"

namespace airbyte_cloud::domain {

using Clock = std::chrono::steady_clock;

MultiJobWaiter::MultiJobWaiter(std::shared_ptr<ApiClient> api, std::string workspace_id)
    : api_(std::move(api)),
      feed_schedule_(api_->settings().poll_initial,
                     std::min(api_->settings().poll_max, kFeedMaxInterval)) {
    if (!workspace_id.empty())
        feed_.emplace(std::move(workspace_id));
}

bool MultiJobWaiter::feed_active() const {
    return feed_ && feed_->usable() && feed_->started() && pending_count() >= 2;
}

Clock::time_point MultiJobWaiter::earliest_poll(Clock::time_point limit) const {
    const bool feeding = feed_active();
    auto earliest = feeding ? std::min(limit, feed_next_) : limit;
    for (const Entry &entry : entries_) {
        if (!entry.final && !(entry.in_feed && feeding))
            earliest = std::min(earliest, entry.next_poll);
    }
    return earliest;
}

void MultiJobWaiter::record(std::size_t index, JobInfo job) {
    Entry &entry = entries_[index];
    if (entry.final)
        return;  // a listing may lag behind a job's own GET: keep the final state
    *entry.job = std::move(job);
    if (job_state_is_final(entry.job->state)) {
        entry.final = true;
        finished_unreported_.push_back(index);
    }
}

Status MultiJobWaiter::poll_feed() {
    auto jobs = feed_->poll(*api_);
    if (!jobs.ok()) {
        api_->logger().log(LogLevel::kDebug,
                           std::string(feed_->usable() ? "this round polls each job: "
                                                       : "polling each job from now on: ") +
                               jobs.status().message());
        return jobs.status();
    }
    for (JobInfo &job : *jobs) {
        auto found = entries_by_id_.find(job.job_id);
        if (found == entries_by_id_.end())
            continue;
        for (std::size_t index : found->second) {
            entries_[index].in_feed = true;
            record(index, job);
        }
    }
    return Status();
}

}  // namespace airbyte_cloud::domain
