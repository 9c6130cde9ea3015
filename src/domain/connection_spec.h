// The fields of a connection to create, or the changes to make to one: checked as they are set
// (so the error names the setting at once) and turned into a ConnectionCreateRequest or a
// ConnectionPatchRequest body.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace airbyte_cloud::domain {

struct StreamSelection {
    std::string name;
    std::optional<std::string> sync_mode;
    std::vector<std::string> cursor_field;               // a path; empty: the source's default
    std::vector<std::vector<std::string>> primary_key;   // paths; empty: the source's default
};

class ConnectionSpec {
public:
    Status set_name(std::string_view name);
    Status set_source_id(std::string_view source_id);
    Status set_destination_id(std::string_view destination_id);
    // `sync_mode` empty: the server's default. `cursor_field`: empty, one top-level field name,
    // or a JSON array of strings (a path). `primary_key`: empty, one top-level field name, or a
    // JSON array of paths ([["id"],["region"]]).
    Status add_stream(std::string_view name, std::string_view sync_mode, std::string_view cursor_field,
                      std::string_view primary_key);
    Status set_prefix(std::string_view prefix);
    Status set_schedule_manual();
    Status set_schedule_cron(std::string_view cron_expression);
    // definition: source | destination | custom_format; format only (and then required) with
    // custom_format.
    Status set_namespace(std::string_view definition, std::string_view format);
    Status set_status(std::string_view status);  // active | inactive
    // Adds a Tag (all four fields: the spec's Tag requires them). Tags given replace the
    // connection's tags in a patch.
    Status add_tag(std::string_view tag_id, std::string_view workspace_id, std::string_view name,
                   std::string_view color);

    // Body of POST /connections; kInvalidArgument naming what is missing.
    StatusOr<std::string> create_body() const;
    // Body of PATCH /connections/{id}; kInvalidArgument when it would change the source or the
    // destination (the API cannot) or change nothing.
    StatusOr<std::string> patch_body() const;

    const std::vector<StreamSelection> &streams() const { return streams_; }

private:
    struct Schedule {
        std::string type;  // manual | cron
        std::string cron_expression;
    };
    std::string fields_json(bool for_patch) const;

    std::optional<std::string> name_;
    std::optional<std::string> source_id_;
    std::optional<std::string> destination_id_;
    std::vector<StreamSelection> streams_;
    std::optional<std::string> prefix_;
    std::optional<Schedule> schedule_;
    std::optional<std::string> namespace_definition_;
    std::optional<std::string> namespace_format_;
    std::optional<std::string> status_;
    std::vector<std::array<std::string, 4>> tags_;  // tagId, workspaceId, name, color
};

// Parses a cursor field as add_stream() takes it; `argument` names it in messages.
StatusOr<std::vector<std::string>> parse_cursor_field(std::string_view text, std::string_view argument);
// Parses a primary key as add_stream() takes it.
StatusOr<std::vector<std::vector<std::string>>> parse_primary_key(std::string_view text, std::string_view argument);

}  // namespace airbyte_cloud::domain
