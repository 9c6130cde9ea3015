#include "faults.h"

#include "problems.h"
#include "text.h"

#include <algorithm>
#include <cctype>

namespace emulator {

Fault fault_from_json(const cJSON *body) {
    Fault fault;
    if (const cJSON *method = json_member(body, "method")) {
        if (!cJSON_IsString(method) || !*method->valuestring) throw problem::bad_request("method must be a string");
        fault.method = method->valuestring;
        std::transform(fault.method.begin(), fault.method.end(), fault.method.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    }
    auto path = json_string(body, "path");
    if (!path || path->empty() || ((*path)[0] != '/' && (*path)[0] != '*'))
        throw problem::bad_request("path is required: a glob over the request path, e.g. /v1/jobs/*");
    fault.path = *path;
    if (const cJSON *count = json_member(body, "count")) {
        if (!json_is_integral(count) || json_node_integer(count) < 1)
            throw problem::bad_request("count must be a positive integer");
        fault.remaining = json_node_integer(count);
    }
    auto kind = json_string(body, "kind");
    if (!kind) throw problem::bad_request("kind is required: status, delay, drop, drop_after, truncate or non_json");
    fault.kind = *kind;
    if (fault.kind == "status") {
        auto status = json_integer(body, "status");
        if (!status || *status < 400 || *status > 599)
            throw problem::bad_request("status must be an HTTP error status, 400..599 (e.g. 429, 500, 502, 503, 504)");
        fault.status = static_cast<int>(*status);
        if (const cJSON *retry_after = json_member(body, "retryAfter"); retry_after && !cJSON_IsNull(retry_after)) {
            if (!json_is_integral(retry_after) || json_node_integer(retry_after) < 0)
                throw problem::bad_request("retryAfter must be a non-negative number of seconds");
            fault.retry_after_seconds = json_node_integer(retry_after);
        }
    } else if (fault.kind == "delay") {
        auto delay = json_integer(body, "delayMs");
        if (!delay || *delay < 0 || *delay > 600000) throw problem::bad_request("delayMs must be 0..600000");
        fault.delay_ms = *delay;
    } else if (fault.kind != "drop" && fault.kind != "drop_after" && fault.kind != "truncate" &&
               fault.kind != "non_json") {
        throw problem::bad_request("kind must be one of status, delay, drop, drop_after, truncate, non_json");
    }
    return fault;
}

Json fault_to_json(const Fault &fault) {
    Json out = Json::object();
    out.set_integer("id", fault.id);
    out.set_string("method", fault.method);
    out.set_string("path", fault.path);
    out.set_integer("count", fault.remaining);
    out.set_string("kind", fault.kind);
    if (fault.kind == "status") out.set_integer("status", fault.status);
    if (fault.retry_after_seconds) out.set_integer("retryAfter", *fault.retry_after_seconds);
    if (fault.kind == "delay") out.set_integer("delayMs", fault.delay_ms);
    return out;
}

int64_t FaultRegistry::add(Fault fault) {
    std::lock_guard<std::mutex> lock(mutex_);
    fault.id = next_id_++;
    faults_.push_back(std::move(fault));
    size_ = faults_.size();
    return faults_.back().id;
}

void FaultRegistry::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    faults_.clear();
    size_ = 0;
    rate_per_second_ = 0;
    rate_refused_ = 0;
}

void FaultRegistry::set_rate_limit(int64_t per_second, std::optional<int64_t> retry_after_seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    rate_per_second_ = per_second;
    rate_retry_after_ = retry_after_seconds;
    rate_window_ = -1;
    rate_refused_ = 0;
}

std::optional<Fault> FaultRegistry::over_rate_limit(int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (rate_per_second_ <= 0) return std::nullopt;
    const int64_t window = now_ms / 1000;
    if (window != rate_window_) {
        rate_window_ = window;
        rate_count_ = 0;
    }
    if (++rate_count_ <= rate_per_second_) return std::nullopt;
    ++rate_refused_;
    Fault fault;
    fault.kind = "status";
    fault.status = 429;
    fault.retry_after_seconds = rate_retry_after_;
    return fault;
}

Json FaultRegistry::rate_limit_json() const {
    std::lock_guard<std::mutex> lock(mutex_);
    Json out = Json::object();
    out.set_integer("perSecond", rate_per_second_);
    if (rate_retry_after_) out.set_integer("retryAfter", *rate_retry_after_);
    out.set_integer("refused", rate_refused_);
    return out;
}

std::optional<Fault> FaultRegistry::take(const std::string &method, const std::string &path) {
    if (size_.load(std::memory_order_relaxed) == 0) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (it->method != "*" && it->method != method) continue;
        if (!glob_match(it->path, path)) continue;
        Fault taken = *it;
        if (--it->remaining <= 0) faults_.erase(it);
        size_ = faults_.size();
        return taken;
    }
    return std::nullopt;
}

Json FaultRegistry::list() const {
    std::lock_guard<std::mutex> lock(mutex_);
    Json out = Json::array();
    for (const auto &fault : faults_) out.push(fault_to_json(fault));
    return out;
}

}  // namespace emulator
