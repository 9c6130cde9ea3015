// Injected failures (/_emulator/faults): the next N requests matching a method and path glob get
// a status, a delay, a dropped connection, a truncated body or a non-JSON body.
#pragma once

#include "json.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emulator {

struct Fault {
    int64_t id = 0;
    std::string method = "*";  // "GET", ... or "*"
    std::string path;          // glob over the request path without query, e.g. "/v1/jobs/*"
    int64_t remaining = 1;
    std::string kind;  // status|delay|drop|drop_after|truncate|non_json
    int status = 0;
    std::optional<int64_t> retry_after_seconds;
    int64_t delay_ms = 0;
};

// Validates an admin request body; throws ApiError 400 on bad input.
Fault fault_from_json(const cJSON *body);
Json fault_to_json(const Fault &fault);

class FaultRegistry {
public:
    int64_t add(Fault fault);
    void clear();
    // Consumes one use of the oldest fault matching the request, if any.
    std::optional<Fault> take(const std::string &method, const std::string &path);
    Json list() const;

    // Rate limiting like Airbyte Cloud's: above `per_second` API requests in one wall-clock
    // second, answer 429 (with Retry-After when `retry_after_seconds` is set). 0 turns it off.
    void set_rate_limit(int64_t per_second, std::optional<int64_t> retry_after_seconds);
    // The 429 to answer when this request goes over the limit.
    std::optional<Fault> over_rate_limit(int64_t now_ms);
    Json rate_limit_json() const;

private:
    mutable std::mutex mutex_;
    std::vector<Fault> faults_;
    int64_t rate_per_second_ = 0;
    std::optional<int64_t> rate_retry_after_;
    int64_t rate_window_ = -1;  // the wall-clock second being counted
    int64_t rate_count_ = 0;
    int64_t rate_refused_ = 0;
    int64_t next_id_ = 1;
    std::atomic<size_t> size_{0};  // lets the hot path skip the lock when there are no faults
};

}  // namespace emulator
