#include "transport/request_budget.h"

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <unordered_map>

namespace airbyte_cloud::transport {

using std::chrono::milliseconds;

RequestBudget::RequestBudget(double rate_per_second)
    : rate_(std::max(0.0, rate_per_second)),
      pace_(rate_),
      ceiling_(rate_),
      capacity_(std::max(1.0, rate_ / 10)),
      tokens_(capacity_),
      refilled_at_(Clock::now()) {}

void RequestBudget::limit_rate(double rate_per_second) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (rate_per_second <= 0 || (rate_ > 0 && rate_ <= rate_per_second))
        return;
    rate_ = rate_per_second;
    pace_ = pace_ > 0 ? std::min(pace_, rate_) : rate_;
    ceiling_ = ceiling_ > 0 ? std::min(ceiling_, rate_) : rate_;
    capacity_ = std::max(1.0, rate_ / 10);
    tokens_ = std::min(tokens_, capacity_);
}

void RequestBudget::refill(Clock::time_point now) const {
    if (now <= refilled_at_)
        return;
    const double seconds = std::chrono::duration<double>(now - refilled_at_).count();
    tokens_ = std::min(capacity_, tokens_ + seconds * pace_);
    refilled_at_ = now;
}

milliseconds RequestBudget::reserve(Clock::time_point now) {
    std::int64_t epoch = 0;
    return reserve(now, epoch);
}

milliseconds RequestBudget::reserve(Clock::time_point now, std::int64_t &epoch) {
    std::lock_guard<std::mutex> lock(mutex_);
    return reserve_locked(now, epoch);
}

milliseconds RequestBudget::recheck(std::int64_t &epoch, Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (epoch == rate_limited_)
        return milliseconds(0);
    return reserve_locked(now, epoch);
}

milliseconds RequestBudget::reserve_locked(Clock::time_point now, std::int64_t &epoch) {
    ++granted_;
    epoch = rate_limited_;
    milliseconds wait(0);
    if (rate_ > 0) {
        refill(now);
        tokens_ -= 1;
        if (tokens_ < 0)
            wait = milliseconds(static_cast<std::int64_t>(-tokens_ * 1000 / pace_) + 1);
        ceiling_ = std::min(rate_, ceiling_ + rate_ / 1000);
        pace_ = std::min(ceiling_, pace_ + rate_ / 100);
    }
    if (paused_until_ > now) {
        wait = std::max(wait, std::chrono::ceil<milliseconds>(paused_until_ - now));
    }
    delayed_ms_ += wait.count();
    return wait;
}

void RequestBudget::on_rate_limited(std::int64_t retry_after_ms, Clock::time_point now,
                                    const Logger &logger) {
    const milliseconds pause = retry_after_ms >= 0 ? milliseconds(retry_after_ms) : kDefaultPause;
    std::lock_guard<std::mutex> lock(mutex_);
    ++rate_limited_;
    paused_until_ = std::max(paused_until_, now + pause);
    // Start refilling from empty: the server's window is full whatever the bucket believed, and
    // the places reserved ahead are void (their holders take new ones, see recheck()).
    refill(now);
    tokens_ = 0;
    pace_ = std::max(rate_ / 10, std::min(pace_, ceiling_) * kBackOff);
    ceiling_ = pace_;
    logger.log(LogLevel::kDebug,
               "request budget: 429 received (" + std::to_string(rate_limited_) +
                   " so far); every request of this client waits " + std::to_string(pause.count()) +
                   " ms" +
                   (rate_ > 0 ? ", then goes at " + std::to_string(pace_) + " requests/s"
                              : std::string()));
}

RequestBudget::State RequestBudget::state(Clock::time_point now) const {
    std::lock_guard<std::mutex> lock(mutex_);
    refill(now);
    State state;
    state.rate_per_second = rate_;
    state.tokens = rate_ > 0 ? tokens_ : 0;
    state.paused_ms =
        paused_until_ > now ? std::chrono::ceil<milliseconds>(paused_until_ - now).count() : 0;
    state.granted = granted_;
    state.rate_limited = rate_limited_;
    state.delayed_ms = delayed_ms_;
    return state;
}

namespace {

// Two FNV-1a passes with a per-process random salt: equal credentials meet, and the value says
// nothing outside this process (it is never logged or stored anywhere else either).
std::string fingerprint(const std::string &api_root, const std::string &credential) {
    static const std::uint64_t salt = std::random_device{}() * 0x9E3779B97F4A7C15ULL;
    std::string key = api_root + '\n';
    for (std::uint64_t seed : {salt, ~salt}) {
        std::uint64_t hash = 0xcbf29ce484222325ULL ^ seed;
        for (unsigned char c : credential)
            hash = (hash ^ c) * 0x100000001b3ULL;
        key += std::to_string(hash) + ':';
    }
    return key;
}

}  // namespace

std::shared_ptr<RequestBudget> shared_request_budget(const std::string &api_root,
                                                     const std::string &credential,
                                                     double rate_per_second, const Logger &logger) {
    static std::mutex registry_mutex;
    static std::unordered_map<std::string, std::weak_ptr<RequestBudget>> registry;
    const std::string key = fingerprint(api_root, credential);
    std::lock_guard<std::mutex> lock(registry_mutex);
    for (auto it = registry.begin(); it != registry.end();) {
        it = it->second.expired() ? registry.erase(it) : std::next(it);
    }
    if (auto existing = registry[key].lock()) {
        existing->limit_rate(rate_per_second);
        const double rate = existing->state(RequestBudget::Clock::now()).rate_per_second;
        logger.log(LogLevel::kDebug,
                   "request budget: shared with the other workspace handles of " + api_root +
                       " and the same credential (" + std::to_string(existing.use_count() - 1) +
                       " other), " + (rate > 0 ? std::to_string(rate) + " requests/s" : "no cap"));
        return existing;
    }
    auto budget = std::make_shared<RequestBudget>(rate_per_second);
    registry[key] = budget;
    return budget;
}

}  // namespace airbyte_cloud::transport
