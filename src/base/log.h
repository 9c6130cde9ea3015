// The library's log sink: a caller-supplied callback and a minimum level. Messages handed to it
// must already be free of secrets: callers log methods, URLs (which never carry secrets) and
// statuses, never headers or bodies.
#pragma once

#include <functional>
#include <string>

#include "base/message.h"

namespace airbyte_cloud {

// Same values as the public abc_log_level.
enum class LogLevel : int { kError = 1, kWarning = 2, kInfo = 3, kDebug = 4 };

class Logger {
public:
    using Sink = std::function<void(LogLevel, const std::string &)>;

    Logger() = default;
    Logger(Sink sink, LogLevel threshold) : sink_(std::move(sink)), threshold_(threshold) {}

    bool enabled(LogLevel level) const {
        return sink_ && static_cast<int>(level) <= static_cast<int>(threshold_);
    }
    void log(LogLevel level, const std::string &message) const {
        if (enabled(level)) sink_(level, bounded_message(message));
    }

private:
    Sink sink_;
    LogLevel threshold_ = LogLevel::kWarning;
};

}  // namespace airbyte_cloud
