#include "domain/config_api_parse.h"

#include <functional>
#include <utility>

#include "json/json.h"

namespace airbyte_cloud::domain {

namespace {

std::string response_to(const std::string &action) {
    return "the response to " + action;
}

// Reads one object's fields; `where` is the object's path in the response ("" for the root).
// Absent or null fields give defaults; the first field of the wrong type, or a missing required
// one, is kept in `error` (shared by the readers of one response) and later reads give
// defaults, so a parser reads everything and checks once.
class FieldReader {
  public:
    FieldReader(json::Value object, const std::string &context, std::string where, Status &error)
        : object_(object), context_(&context), where_(std::move(where)), error_(&error) {
        if (!object.is_null() && !object.is_object())
            fail(where_, "is not an object");
    }

    std::string string(std::string_view field) {
        return typed(field, "a string", &json::Value::is_string).string().value_or("");
    }
    std::int64_t int64(std::string_view field) {
        return typed(field, "an integer", [](json::Value v) { return v.int64().has_value(); })
            .int64()
            .value_or(0);
    }
    int flag(std::string_view field) {  // 1 true, 0 false, -1 absent
        auto value = typed(field, "a boolean", [](json::Value v) {
                         return v.boolean().has_value();
                     }).boolean();
        return value ? (*value ? 1 : 0) : -1;
    }
    json::Value array(std::string_view field) {
        return typed(field, "an array", &json::Value::is_array);
    }
    FieldReader child(std::string_view field) {
        return FieldReader(object_.get(field), *context_, path(field), *error_);
    }
    FieldReader element(json::Value array, std::string_view field, std::size_t index) {
        return FieldReader(array.at(index), *context_,
                           path(field) + "[" + std::to_string(index) + "]", *error_);
    }
    // A required field: absent or null is an error too.
    void require(std::string_view field) {
        if (object_.get(field).is_null())
            fail(path(field), "is missing");
    }
    // A field path (["a","b"]) as "a.b"; its elements must be strings.
    std::string dotted(json::Value names, const std::string &where) {
        std::string text;
        if (!names.is_null() && !names.is_array())
            fail(where, "is not an array");
        for (std::size_t i = 0; i < names.size(); ++i) {
            auto name = names.at(i).string();
            if (!name)
                fail(where + "[" + std::to_string(i) + "]", "is not a string");
            text += (i > 0 ? "." : "") + name.value_or("");
        }
        return text;
    }
    std::string path(std::string_view field) const {
        return where_ + (where_.empty() ? "" : ".") + std::string(field);
    }
    json::Value get(std::string_view field) const { return object_.get(field); }

  private:
    template <typename IsType>
    json::Value typed(std::string_view field, const char *type, IsType is_type) {
        json::Value value = object_.get(field);
        if (value.is_null())
            return json::Value();
        if (std::invoke(is_type, value))
            return value;
        fail(path(field), std::string("is not ") + type);
        return json::Value();
    }
    void fail(const std::string &where, const std::string &problem) {
        if (error_->ok())
            *error_ = ProtocolError(*context_ + ": " + (where.empty() ? "the body" : where) + " " +
                                    problem);
    }

    json::Value object_;
    const std::string *context_;
    std::string where_;
    Status *error_;
};

// Parses `body` and runs `parse(root_reader)`; the first problem found is the result.
template <typename Result, typename Parse>
StatusOr<Result> parse_response(std::string_view body, const std::string &action, Parse parse) {
    const std::string context = response_to(action);
    auto document = json::Document::parse_whole(body, context);
    if (!document.ok())
        return document.status();
    Status error;
    FieldReader root(document->root(), context, "", error);
    Result result = parse(root, document->root());
    if (!error.ok())
        return error;
    return result;
}

AttemptFailure parse_failure(FieldReader failure) {
    AttemptFailure parsed;
    for (auto [member, field] : {std::pair{&AttemptFailure::origin, "failureOrigin"},
                                 {&AttemptFailure::type, "failureType"},
                                 {&AttemptFailure::external_message, "externalMessage"},
                                 {&AttemptFailure::internal_message, "internalMessage"}})
        parsed.*member = failure.string(field);
    parsed.retryable = failure.flag("retryable");
    parsed.timestamp_ms = failure.int64("timestamp");
    return parsed;
}

AttemptInfo parse_attempt(FieldReader info) {
    info.require("attempt");
    FieldReader attempt = info.child("attempt");
    attempt.require("id");
    AttemptInfo parsed;
    parsed.status = attempt.string("status");
    for (auto [member, field] : {std::pair{&AttemptInfo::number, "id"},
                                 {&AttemptInfo::created_at, "createdAt"},
                                 {&AttemptInfo::ended_at, "endedAt"},
                                 {&AttemptInfo::rows, "recordsSynced"},
                                 {&AttemptInfo::bytes, "bytesSynced"}})
        parsed.*member = attempt.int64(field);
    FieldReader summary = attempt.child("failureSummary");
    json::Value failures = summary.array("failures");
    for (std::size_t i = 0; i < failures.size(); ++i)
        parsed.failures.push_back(parse_failure(summary.element(failures, "failures", i)));
    return parsed;
}

CatalogStream parse_catalog_stream(FieldReader entry) {
    FieldReader stream = entry.child("stream");
    FieldReader config = entry.child("config");
    CatalogStream parsed;
    // The name is the stream's; config.aliasName carries it too (a spec-conformant server may
    // send no `stream`: config.yaml's AirbyteStream cannot validate).
    parsed.name = stream.string("name");
    if (parsed.name.empty())
        parsed.name = config.string("aliasName");
    parsed.name_space = stream.string("namespace");
    if (parsed.name_space.empty())
        parsed.name_space = config.string("namespace");
    parsed.selected = config.flag("selected") == 1;
    parsed.sync_mode = config.string("syncMode");
    parsed.destination_sync_mode = config.string("destinationSyncMode");
    json::Value cursor = config.array("cursorField");
    if (cursor.size() > 0)
        parsed.cursor_field.push_back(config.dotted(cursor, config.path("cursorField")));
    json::Value keys = config.array("primaryKey");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string where = config.path("primaryKey") + "[" + std::to_string(i) + "]";
        parsed.primary_key.push_back(config.dotted(keys.at(i), where));
    }
    json::Value fields = config.array("selectedFields");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        FieldReader field = config.element(fields, "selectedFields", i);
        parsed.selected_fields.push_back(
            field.dotted(field.array("fieldPath"), field.path("fieldPath")));
    }
    return parsed;
}

StreamState parse_stream_state(FieldReader entry) {
    FieldReader descriptor = entry.child("streamDescriptor");
    return StreamState{descriptor.string("name"), descriptor.string("namespace"),
                       entry.get("streamState").dump()};
}

bool is_log_line(const std::vector<std::string> &path) {
    // AttemptInfoRead.logs is LogRead {logLines: [string]} or LogEvents {events: [{message}]}.
    if (path.size() == 3)
        return path[0] == "logs" && path[1] == "logLines";
    return path.size() == 4 && path[0] == "logs" && path[1] == "events" && path[3] == "message";
}

}  // namespace

StatusOr<std::vector<AttemptInfo>> parse_job_attempts(std::string_view body,
                                                      const std::string &action) {
    return parse_response<std::vector<AttemptInfo>>(
        body, action, [](FieldReader root, json::Value) {
            root.require("attempts");
            json::Value attempts = root.array("attempts");
            std::vector<AttemptInfo> list;
            for (std::size_t i = 0; i < attempts.size(); ++i)
                list.push_back(parse_attempt(root.element(attempts, "attempts", i)));
            return list;
        });
}

StatusOr<ConnectionState> parse_connection_state(std::string_view body, const std::string &action) {
    return parse_response<ConnectionState>(body, action, [](FieldReader root, json::Value whole) {
        root.require("stateType");
        ConnectionState state;
        state.type = root.string("stateType");
        const char *streams_field = "streamState";
        FieldReader streams_owner = root;
        if (state.type == "global") {
            streams_owner = root.child("globalState");
            state.shared_state_json = streams_owner.get("shared_state").dump();
            streams_field = "streamStates";
        }
        json::Value streams = streams_owner.array(streams_field);
        for (std::size_t i = 0; i < streams.size(); ++i)
            state.streams.push_back(
                parse_stream_state(streams_owner.element(streams, streams_field, i)));
        state.json = whole.dump();
        return state;
    });
}

StatusOr<ConfiguredCatalog> parse_configured_catalog(std::string_view body,
                                                     const std::string &action) {
    return parse_response<ConfiguredCatalog>(body, action, [](FieldReader root, json::Value whole) {
        root.require("syncCatalog");
        FieldReader catalog = root.child("syncCatalog");
        catalog.require("streams");
        json::Value streams = catalog.array("streams");
        ConfiguredCatalog parsed;
        for (std::size_t i = 0; i < streams.size(); ++i)
            parsed.streams.push_back(parse_catalog_stream(catalog.element(streams, "streams", i)));
        parsed.json = whole.get("syncCatalog").dump();
        return parsed;
    });
}

StatusOr<CheckResult> parse_check_result(std::string_view body, const std::string &action) {
    return parse_response<CheckResult>(body, action, [](FieldReader root, json::Value) {
        root.require("status");
        CheckResult result;
        result.succeeded = root.string("status") == "succeeded";
        result.message = root.string("message");
        FieldReader reason = root.child("jobInfo").child("failureReason");
        std::string external = reason.string("externalMessage");
        if (result.message.empty())
            result.message = external;
        return result;
    });
}

LogLineScanner::LogLineScanner(std::int64_t skip, LogLineFunction on_line,
                               const std::string &action)
    : skip_(skip),
      on_line_(std::move(on_line)),
      scanner_([this](const std::vector<std::string> &path,
                      std::string_view value) { return on_string(path, value); },
               response_to(action)) {}

bool LogLineScanner::on_string(const std::vector<std::string> &path, std::string_view value) {
    if (!is_log_line(path) || index_++ < skip_)
        return true;
    ++delivered_;
    stopped_ = !on_line_(value);
    return !stopped_;
}

Status LogLineScanner::feed(std::string_view piece) {
    if (stopped_)
        return Status();
    Status status = scanner_.feed(piece);
    return stopped_ ? Status() : status;
}

Status LogLineScanner::finish() {
    return stopped_ ? Status() : scanner_.finish();
}

}  // namespace airbyte_cloud::domain
