#include "domain/connection_spec.h"

#include <cctype>

#include "domain/resources.h"
#include "json/json.h"

namespace airbyte_cloud::domain {
namespace {

bool starts_json_array(std::string_view text) {
    for (char c : text) {
        if (c == '[') return true;
        if (!std::isspace(static_cast<unsigned char>(c))) return false;
    }
    return false;
}

// A JSON array of non-empty strings, e.g. ["updated_at"] or ["meta","updated_at"].
StatusOr<std::vector<std::string>> string_path(json::Value array, const std::string &where) {
    if (!array.is_array() || array.size() == 0) {
        return InvalidArgument(where + " must be a non-empty JSON array of field names");
    }
    std::vector<std::string> path;
    for (std::size_t i = 0; i < array.size(); ++i) {
        auto part = array.at(i).string();
        if (!part || part->empty()) {
            return InvalidArgument(where + " element " + std::to_string(i) + " must be a non-empty string");
        }
        path.push_back(*part);
    }
    return path;
}

Status check_id(std::string_view id, std::string_view argument) {
    if (id.empty()) return InvalidArgument(std::string(argument) + " is empty");
    if (!looks_like_uuid(id)) return InvalidArgument(std::string(argument) + " '" + std::string(id) + "' is not a UUID");
    return Status();
}

json::ArrayBuilder path_array(const std::vector<std::string> &path) {
    json::ArrayBuilder array;
    for (const auto &part : path) array.add(part);
    return array;
}

}  // namespace

StatusOr<std::vector<std::string>> parse_cursor_field(std::string_view text, std::string_view argument) {
    if (text.empty()) return std::vector<std::string>();
    if (!starts_json_array(text)) return std::vector<std::string>{std::string(text)};
    auto document = json::Document::parse_whole(text, argument);
    if (!document.ok()) return InvalidArgument(document.status().message());
    return string_path(document->root(), std::string(argument));
}

StatusOr<std::vector<std::vector<std::string>>> parse_primary_key(std::string_view text, std::string_view argument) {
    using Key = std::vector<std::vector<std::string>>;
    if (text.empty()) return Key();
    if (!starts_json_array(text)) return Key{{std::string(text)}};
    auto document = json::Document::parse_whole(text, argument);
    if (!document.ok()) return InvalidArgument(document.status().message());
    json::Value root = document->root();
    std::string where(argument);
    if (!root.is_array() || root.size() == 0) {
        return InvalidArgument(where + " must be a non-empty JSON array of paths, e.g. [[\"id\"]]");
    }
    Key key;
    for (std::size_t i = 0; i < root.size(); ++i) {
        if (!root.at(i).is_array()) {
            return InvalidArgument(where + " element " + std::to_string(i) +
                                   " must be a path (an array of field names), e.g. [[\"id\"]]");
        }
        auto path = string_path(root.at(i), where + " element " + std::to_string(i));
        if (!path.ok()) return path.status();
        key.push_back(std::move(*path));
    }
    return key;
}

Status ConnectionSpec::set_name(std::string_view name) {
    ABC_RETURN_IF_ERROR(check_name(name, "name"));
    name_ = std::string(name);
    return Status();
}

Status ConnectionSpec::set_source_id(std::string_view source_id) {
    ABC_RETURN_IF_ERROR(check_id(source_id, "source_id"));
    source_id_ = std::string(source_id);
    return Status();
}

Status ConnectionSpec::set_destination_id(std::string_view destination_id) {
    ABC_RETURN_IF_ERROR(check_id(destination_id, "destination_id"));
    destination_id_ = std::string(destination_id);
    return Status();
}

Status ConnectionSpec::add_stream(std::string_view name, std::string_view sync_mode, std::string_view cursor_field,
                                  std::string_view primary_key) {
    ABC_RETURN_IF_ERROR(check_name(name, "stream_name"));
    for (const auto &stream : streams_) {
        if (stream.name == name) {
            return InvalidArgument("stream_name '" + std::string(name) + "' is already added");
        }
    }
    StreamSelection stream;
    stream.name = std::string(name);
    if (!sync_mode.empty()) {
        if (!is_known_sync_mode(sync_mode)) {
            return InvalidArgument("sync_mode '" + std::string(sync_mode) + "' is not one of " +
                                   known_sync_modes_text());
        }
        stream.sync_mode = std::string(sync_mode);
    }
    auto cursor = parse_cursor_field(cursor_field, "cursor_field");
    if (!cursor.ok()) return cursor.status();
    stream.cursor_field = std::move(*cursor);
    auto key = parse_primary_key(primary_key, "primary_key");
    if (!key.ok()) return key.status();
    stream.primary_key = std::move(*key);
    streams_.push_back(std::move(stream));
    return Status();
}

Status ConnectionSpec::set_prefix(std::string_view prefix) {
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(prefix[i]);
        if (c < 0x20 || c == 0x7f || c == ' ') {
            return InvalidArgument("prefix contains white space or a control character at byte " + std::to_string(i));
        }
    }
    prefix_ = std::string(prefix);  // "" is a valid prefix: none
    return Status();
}

Status ConnectionSpec::set_schedule_manual() {
    schedule_ = Schedule{"manual", ""};
    return Status();
}

Status ConnectionSpec::set_schedule_cron(std::string_view cron_expression) {
    // Airbyte takes Quartz cron expressions: 6 or 7 fields, seconds first ("0 0 12 * * ?").
    std::size_t fields = 0;
    bool in_field = false;
    for (char c : cron_expression) {
        bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (!space && !in_field) ++fields;
        in_field = !space;
    }
    if (fields == 0) return InvalidArgument("cron_expression is empty");
    if (fields < 6 || fields > 7) {
        return InvalidArgument("cron_expression has " + std::to_string(fields) +
                               " fields; Airbyte takes Quartz cron with 6 or 7 (seconds first), e.g. '0 0 12 * * ?'");
    }
    schedule_ = Schedule{"cron", std::string(cron_expression)};
    return Status();
}

Status ConnectionSpec::set_namespace(std::string_view definition, std::string_view format) {
    if (definition != "source" && definition != "destination" && definition != "custom_format") {
        return InvalidArgument("namespace_definition is '" + std::string(definition) +
                               "'; it must be source, destination or custom_format");
    }
    if (definition == "custom_format" && format.empty()) {
        return InvalidArgument("namespace_format is required with custom_format, e.g. \"${SOURCE_NAMESPACE}_raw\"");
    }
    if (definition != "custom_format" && !format.empty()) {
        return InvalidArgument("namespace_format is only used with custom_format");
    }
    namespace_definition_ = std::string(definition);
    namespace_format_ = format.empty() ? std::nullopt : std::optional<std::string>(std::string(format));
    return Status();
}

Status ConnectionSpec::set_status(std::string_view status) {
    if (status != "active" && status != "inactive") {
        return InvalidArgument("status is '" + std::string(status) + "'; it must be active or inactive");
    }
    status_ = std::string(status);
    return Status();
}

Status ConnectionSpec::add_tag(std::string_view tag_id, std::string_view workspace_id, std::string_view name,
                               std::string_view color) {
    if (tag_id.empty() || workspace_id.empty()) return InvalidArgument("tag has no tagId or workspaceId");
    for (const auto &tag : tags_) {
        if (tag[0] == tag_id) return Status();
    }
    tags_.push_back({std::string(tag_id), std::string(workspace_id), std::string(name), std::string(color)});
    return Status();
}

std::string ConnectionSpec::fields_json(bool for_patch) const {
    json::ObjectBuilder body;
    if (name_) body.add("name", *name_);
    if (!for_patch) {
        body.add("sourceId", *source_id_).add("destinationId", *destination_id_);
    }
    if (!streams_.empty()) {
        json::ArrayBuilder streams;
        for (const auto &stream : streams_) {
            json::ObjectBuilder entry;
            entry.add("name", stream.name);
            if (stream.sync_mode) entry.add("syncMode", *stream.sync_mode);
            if (!stream.cursor_field.empty()) entry.add("cursorField", path_array(stream.cursor_field));
            if (!stream.primary_key.empty()) {
                json::ArrayBuilder key;
                for (const auto &path : stream.primary_key) key.add(path_array(path));
                entry.add("primaryKey", std::move(key));
            }
            streams.add(std::move(entry));
        }
        json::ObjectBuilder configurations;
        configurations.add("streams", std::move(streams));
        body.add("configurations", std::move(configurations));
    }
    if (schedule_) {
        json::ObjectBuilder schedule;
        schedule.add("scheduleType", schedule_->type);
        if (schedule_->type == "cron") schedule.add("cronExpression", schedule_->cron_expression);
        body.add("schedule", std::move(schedule));
    }
    if (namespace_definition_) body.add("namespaceDefinition", *namespace_definition_);
    if (namespace_format_) body.add("namespaceFormat", *namespace_format_);
    if (prefix_) body.add("prefix", *prefix_);
    if (status_) body.add("status", *status_);
    if (!tags_.empty()) {
        json::ArrayBuilder tags;
        for (const auto &tag : tags_) {
            json::ObjectBuilder entry;
            entry.add("tagId", tag[0]).add("workspaceId", tag[1]).add("name", tag[2]).add("color", tag[3]);
            tags.add(std::move(entry));
        }
        body.add("tags", std::move(tags));
    }
    return body.dump();
}

StatusOr<std::string> ConnectionSpec::create_body() const {
    if (!name_) return InvalidArgument("name is not set (abc_connection_spec_set_name)");
    if (!source_id_) return InvalidArgument("source_id is not set (abc_connection_spec_set_source_id)");
    if (!destination_id_) {
        return InvalidArgument("destination_id is not set (abc_connection_spec_set_destination_id)");
    }
    return fields_json(false);
}

StatusOr<std::string> ConnectionSpec::patch_body() const {
    if (source_id_ || destination_id_) {
        return InvalidArgument(std::string(source_id_ ? "source_id" : "destination_id") +
                               " cannot change once a connection exists; create a new connection instead");
    }
    std::string body = fields_json(true);
    if (body == "{}") return InvalidArgument("changes is empty: set at least one field to update");
    return body;
}

}  // namespace airbyte_cloud::domain
