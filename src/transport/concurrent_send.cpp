#include "transport/concurrent_send.h"

#include <algorithm>

namespace airbyte_cloud::transport {
namespace {

using std::chrono::milliseconds;

Status out_of_memory_status() {
    return Status(StatusCode::kOutOfMemory, "out of memory");
}

}  // namespace

StatusOr<std::string> token_for(const HttpRequest &request, CredentialsProvider *credentials,
                                HttpClient &client) {
    if (!request.authenticated)
        return std::string();
    if (credentials == nullptr) {
        return Status(StatusCode::kUnauthenticated,
                      describe_request(request) + ": no credentials are configured");
    }
    return credentials->access_token(client);
}

ConcurrentSend::ConcurrentSend(const std::vector<HttpRequest> &requests, const SendContext &context)
    : requests_(requests),
      context_(context),
      states_(requests.size()),
      results_(requests.size(), InternalError("send_all: not sent")) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
        states_[i].index = i;
        ready_.push_back(i);
    }
}

ConcurrentSend::~ConcurrentSend() {
    if (multi_ == nullptr)
        return;
    for (Request &state : states_) {
        if (state.handle == nullptr)
            continue;
        curl_multi_remove_handle(multi_, state.handle);
        context_.pool.release_multi_transfer(state.handle, false);
        state.handle = nullptr;
    }
    context_.pool.release_multi(multi_);
}

void ConcurrentSend::finish(Request &state) {
    results_[state.index] = state.run->take_result();
    ++finished_;
}

void ConcurrentSend::fail(Request &state, Status status) {
    state.run->finish_with_error(std::move(status));
    finish(state);
}

RetryingRequest &ConcurrentSend::run_of(Request &state, Clock::time_point now) {
    if (!state.run) {
        state.run = std::make_unique<RetryingRequest>(requests_[state.index], context_.settings,
                                                      context_.logger, context_.credentials, now);
    }
    return *state.run;
}

void ConcurrentSend::start(Request &state) {
    const HttpRequest &request = requests_[state.index];
    run_of(state, Clock::now());
    StatusOr<std::string> token = token_for(request, context_.credentials, context_.client);
    if (!token.ok())
        return fail(state, token.status());
    state.token = std::move(*token);

    CURL *handle = context_.pool.acquire_multi_transfer();
    if (handle == nullptr)
        return fail(state, out_of_memory_status());
    state.transfer = std::make_unique<Transfer>(context_.settings, request, context_.user_agent);
    Status attached = attach(state, handle);
    if (!attached.ok()) {
        context_.pool.release_multi_transfer(handle, false);
        state.transfer.reset();
        return fail(state, std::move(attached));
    }
    state.handle = handle;
    ++in_flight_;
}

// Configures the attempt and adds it to the multi handle; the error names the request.
Status ConcurrentSend::attach(Request &state, CURL *handle) {
    const HttpRequest &request = requests_[state.index];
    Status configured =
        state.transfer->configure(handle, state.token, state.run->attempt_timeout(Clock::now()));
    if (configured.ok() &&
        curl_easy_setopt(handle, CURLOPT_PRIVATE, static_cast<void *>(&state)) != CURLE_OK) {
        configured = InternalError("cannot set CURLOPT_PRIVATE");
    }
    if (!configured.ok()) {
        return Status(configured.code(), describe_request(request) + ": " + configured.message());
    }
    const CURLMcode added = curl_multi_add_handle(multi_, handle);
    if (added != CURLM_OK) {
        return InternalError(describe_request(request) + ": " + curl_multi_strerror(added));
    }
    return Status();
}

void ConcurrentSend::complete(CURL *handle, CURLcode code) {
    char *private_data = nullptr;
    curl_easy_getinfo(handle, CURLINFO_PRIVATE, &private_data);
    auto &state = *reinterpret_cast<Request *>(private_data);
    curl_multi_remove_handle(multi_, handle);
    state.handle = nullptr;
    --in_flight_;
    TransferResult result = state.transfer->finish(handle, code);
    state.transfer.reset();
    context_.pool.release_multi_transfer(handle, code == CURLE_OK);
    context_.pool.add_connections_opened(result.connections_opened);
    context_.client.note_rate_limit(result);

    const Clock::time_point now = Clock::now();
    const RetryingRequest::Next next =
        state.run->after_attempt(std::move(result), state.token, now);
    switch (next.action) {
        case RetryingRequest::Next::Action::kFinished:
            finish(state);
            break;
        case RetryingRequest::Next::Action::kRetryNow:
            ready_.push_back(state.index);
            break;
        case RetryingRequest::Next::Action::kRetryAfterDelay:
            state.ready_at = now + next.delay;
            waiting_.push_back(state.index);
            break;
    }
}

std::vector<std::size_t>::iterator ConcurrentSend::earliest_waiting() {
    return std::min_element(waiting_.begin(), waiting_.end(), [&](std::size_t a, std::size_t b) {
        return states_[a].ready_at < states_[b].ready_at;
    });
}

// Requests whose backoff has ended go back in line, keeping their relative order.
void ConcurrentSend::requeue_ended_backoffs(Clock::time_point now) {
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        if (states_[*it].ready_at <= now) {
            ready_.push_back(*it);
            it = waiting_.erase(it);
        } else {
            ++it;
        }
    }
}

// At most max_connections transfers at once, which is also the multi handle's per-host limit: a
// transfer never queues inside libcurl, where its timeout would already run.
void ConcurrentSend::start_ready() {
    while (in_flight_ < context_.settings.max_connections && !ready_.empty()) {
        Request &state = states_[ready_.front()];
        ready_.pop_front();
        // Each attempt takes its place in the client's request budget once (again only if a 429
        // voided it meanwhile); a wait sends it back among the backoffs.
        const Clock::time_point now = Clock::now();
        RequestBudget &budget = context_.client.budget();
        const milliseconds wait = state.budgeted ? budget.recheck(state.budget_epoch, now)
                                                 : budget.reserve(now, state.budget_epoch);
        if (wait.count() > 0) {
            state.budgeted = true;
            state.ready_at = now + wait;
            waiting_.push_back(state.index);
            continue;
        }
        state.budgeted = false;
        start(state);
    }
}

// Nothing to drive: sleep until the first backoff ends, then let that request go (even when a
// test replaced the sleep with one that returns at once).
void ConcurrentSend::sleep_through_first_backoff(Clock::time_point now) {
    const auto first = earliest_waiting();
    const Clock::time_point ready_at = states_[*first].ready_at;
    if (ready_at > now) {
        context_.sleep(std::chrono::ceil<milliseconds>(ready_at - now));
    }
    ready_.push_back(*first);
    waiting_.erase(first);
}

// Drives the transfers; on a multi-handle failure every unfinished request fails and this
// returns false.
bool ConcurrentSend::perform(Clock::time_point now) {
    int running = 0;
    const CURLMcode performed = curl_multi_perform(multi_, &running);
    if (performed == CURLM_OK)
        return true;
    const std::string why = std::string("curl_multi_perform: ") + curl_multi_strerror(performed);
    for (Request &state : states_) {
        if (state.run && state.run->finished())
            continue;
        run_of(state, now);
        fail(state, InternalError(describe_request(requests_[state.index]) + ": " + why));
    }
    return false;
}

bool ConcurrentSend::collect_completed() {
    bool completed_any = false;
    int messages_left = 0;
    while (CURLMsg *message = curl_multi_info_read(multi_, &messages_left)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        complete(message->easy_handle, message->data.result);
        completed_any = true;
    }
    return completed_any;
}

// Sleeps until a socket is ready, libcurl's next timeout, or the first backoff ends.
void ConcurrentSend::poll() {
    milliseconds wait(1000);
    if (!waiting_.empty()) {
        const auto until =
            std::chrono::ceil<milliseconds>(states_[*earliest_waiting()].ready_at - Clock::now());
        wait = std::clamp(until, milliseconds(0), wait);
    }
    curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait.count()), nullptr);
}

std::vector<StatusOr<HttpResponse>> ConcurrentSend::run() {
    if (requests_.empty())
        return std::move(results_);
    multi_ = context_.pool.acquire_multi(context_.settings.max_connections);
    if (multi_ == nullptr) {
        std::fill(results_.begin(), results_.end(), out_of_memory_status());
        return std::move(results_);
    }
    while (finished_ < requests_.size()) {
        const Clock::time_point now = Clock::now();
        requeue_ended_backoffs(now);
        start_ready();
        if (in_flight_ == 0) {
            if (!waiting_.empty())
                sleep_through_first_backoff(now);
            continue;  // everything left is ready (or finished)
        }
        if (!perform(now))
            break;
        if (!collect_completed())
            poll();
    }
    return std::move(results_);
}

}  // namespace airbyte_cloud::transport
