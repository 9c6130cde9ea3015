#include "domain/job_start.h"

#include <chrono>

namespace airbyte_cloud::domain {
namespace {

// How we learn whether a lost POST /jobs started a job: by listing the connection's newest jobs
// and looking for one created since just before the request. Resending the start and counting on
// the 409 that a running job answers is not safe: a very short job can end before the resend
// arrives, and the resend would start a second one. A listed job is found in any state.
//
// Job times have one-second resolution and come from the server's clock, so a job is "before"
// the request only when it was created (or, if finished, ended) more than kClockMargin seconds
// before it was sent. A job inside the margin that is still running is safe to attach to: if it
// predates the request, the request was answered 409 and started nothing. A finished one inside
// the margin may be ours or the previous one: that cannot be decided.
constexpr std::int64_t kClockMargin = 2;
constexpr int kListedJobs = 5;
constexpr int kStartRounds = 3;  // sends of POST /jobs whose response was lost, at most

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The response was lost after the request went out, or a gateway answered 502/504 (it may have
// forwarded the request to the API server before failing).
bool outcome_unknown(const StatusOr<JobInfo> &started) {
    if (started.ok())
        return false;
    const ErrorDetail &detail = started.status().detail();
    return detail.outcome_unknown || detail.http_status == 502 || detail.http_status == 504;
}

Status start_unknown(const Status &cause, const std::string &connection_id,
                     const std::string &reason) {
    ErrorDetail detail = cause.detail();
    detail.connection_id = connection_id;
    return Status(StatusCode::kJobStartUnknown,
                  cause.message() + "; whether the server started a job could not be decided (" +
                      reason + "): a job may be running on connection " + connection_id +
                      " (list its jobs before starting another)",
                  std::move(detail));
}

}  // namespace

StartVerdict judge_lost_start(const std::vector<JobInfo> &newest_first, std::int64_t sent_at) {
    StartVerdict verdict;
    int started = 0;
    for (const JobInfo &job : newest_first) {
        if (job.start_time == 0) {
            verdict.reason = "job " + std::to_string(job.job_id) + " has no start time";
            return verdict;
        }
        if (job.start_time < sent_at - kClockMargin)
            break;  // older jobs follow
        const bool final = job_state_is_final(job.state);
        const bool ended_before =
            final && job.last_updated_time != 0 && job.last_updated_time < sent_at - kClockMargin;
        if (ended_before)
            continue;
        if (final && job.start_time <= sent_at + kClockMargin) {
            verdict.reason =
                "job " + std::to_string(job.job_id) + " ended within seconds of the request";
            return verdict;
        }
        if (++started == 1)
            verdict.job = job;
    }
    if (started > 1) {
        verdict.reason = std::to_string(started) + " jobs started since the request";
        return verdict;
    }
    verdict.kind =
        started == 1 ? StartVerdict::Kind::kStarted : StartVerdict::Kind::kNothingStarted;
    return verdict;
}

StatusOr<JobInfo> start_job_reconciled(ApiClient &api, const std::string &connection_id,
                                       const std::string &job_type) {
    std::int64_t sent_at = unix_now();
    StatusOr<JobInfo> started = api.create_job(connection_id, job_type);
    for (int round = 1; outcome_unknown(started); ++round) {
        JobQuery query;
        query.connection_id = connection_id;
        query.job_type = job_type;
        query.limit = kListedJobs;
        auto newest = api.list_jobs(query);
        if (!newest.ok())
            return start_unknown(started.status(), connection_id, newest.status().message());
        StartVerdict verdict = judge_lost_start(*newest, sent_at);
        if (verdict.kind == StartVerdict::Kind::kUndecidable)
            return start_unknown(started.status(), connection_id, verdict.reason);
        if (verdict.kind == StartVerdict::Kind::kStarted) {
            api.logger().log(LogLevel::kWarning,
                             started.status().message() + "; the server had started job " +
                                 std::to_string(verdict.job.job_id) + ": attached to it");
            return std::move(verdict.job);
        }
        if (round == kStartRounds)
            return start_unknown(started.status(), connection_id,
                                 "no response after " + std::to_string(round) + " sends");
        api.logger().log(LogLevel::kWarning, started.status().message() +
                                                 "; no job was started, sending the start again");
        sent_at = unix_now();
        started = api.create_job(connection_id, job_type);
    }
    return started;
}

}  // namespace airbyte_cloud::domain
