// The Config API's responses as typed results: pure functions from a response body (JSON text)
// to what the library returns, separate from the requests so that tests and the fuzzer reach
// them. Missing optional fields take their defaults; a field of the wrong type, malformed JSON
// or a missing required field is a protocol error naming the field by its path in the response
// ("the response to get the attempts of job 5: attempts[0].attempt: field 'id' is missing").
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "json/string_scanner.h"

namespace airbyte_cloud::domain {

struct AttemptFailure {
    std::string origin;  // source, destination, replication, ... ("" when not known)
    std::string type;    // config_error, system_error, ... ("" when not known)
    std::string external_message;
    std::string internal_message;
    int retryable = -1;  // 1 yes, 0 no, -1 not known
    std::int64_t timestamp_ms = 0;
};

struct AttemptInfo {
    std::int64_t number = 0;      // AttemptRead.id: the attempt number within its job
    std::string status;           // running, failed, succeeded
    std::int64_t created_at = 0;  // Unix seconds
    std::int64_t ended_at = 0;    // Unix seconds; 0 while running
    std::int64_t rows = 0;
    std::int64_t bytes = 0;
    std::vector<AttemptFailure> failures;
};

struct StreamState {
    std::string name;
    std::string name_space;
    std::string state_json;  // the stream's state blob, compact JSON ("" when none)
};

struct ConnectionState {
    std::string type;                  // global, stream, legacy, not_set
    std::vector<StreamState> streams;  // per stream, or the global state's stream states
    std::string shared_state_json;     // global state only ("" otherwise)
    std::string json;                  // the whole ConnectionState, compact JSON
};

struct CatalogStream {
    std::string name;
    std::string name_space;
    bool selected = false;
    std::string sync_mode;                  // full_refresh, incremental
    std::string destination_sync_mode;      // append, overwrite, append_dedup, ...
    std::vector<std::string> cursor_field;  // each a field path joined with '.'
    std::vector<std::string> primary_key;
    std::vector<std::string> selected_fields;  // empty: all fields
};

struct ConfiguredCatalog {
    std::vector<CatalogStream> streams;
    std::string json;  // the syncCatalog object, compact JSON
};

struct CheckResult {
    bool succeeded = false;
    std::string message;
};

// Called with each log line; returning false stops reading (the read still succeeds).
using LogLineFunction = std::function<bool(std::string_view line)>;

// `action` says what was asked ("get the state of connection …"); messages start with
// "the response to <action>".
// jobs/get_without_logs (JobInfoRead): its attempts, oldest first.
StatusOr<std::vector<AttemptInfo>> parse_job_attempts(std::string_view body,
                                                      const std::string &action);
// state/get and state/create_or_update (ConnectionState).
StatusOr<ConnectionState> parse_connection_state(std::string_view body, const std::string &action);
// web_backend/connections/get (WebBackendConnectionRead): its syncCatalog.
StatusOr<ConfiguredCatalog> parse_configured_catalog(std::string_view body,
                                                     const std::string &action);
// sources/check_connection, destinations/check_connection (CheckConnectionRead).
StatusOr<CheckResult> parse_check_result(std::string_view body, const std::string &action);

// attempt/get_for_job (AttemptInfoRead), fed in pieces of any size as it arrives: passes each
// log line (logs.logLines[] or logs.events[].message) after the first `skip` to `on_line`
// without holding the body.
class LogLineScanner {
  public:
    LogLineScanner(std::int64_t skip, LogLineFunction on_line, const std::string &action);
    LogLineScanner(const LogLineScanner &) = delete;  // the scanner calls back into this object
    LogLineScanner &operator=(const LogLineScanner &) = delete;

    // Consumes the next piece; fails on malformed JSON (naming the byte offset). After on_line
    // returned false, stopped() is true and the rest is ignored.
    Status feed(std::string_view piece);
    // Ends the body: fails when it stopped inside a value.
    Status finish();

    std::int64_t delivered() const { return delivered_; }
    bool stopped() const { return stopped_; }

  private:
    bool on_string(const std::vector<std::string> &path, std::string_view value);

    std::int64_t skip_;
    LogLineFunction on_line_;
    std::int64_t index_ = 0;
    std::int64_t delivered_ = 0;
    bool stopped_ = false;
    json::StringScanner scanner_;
};

}  // namespace airbyte_cloud::domain
