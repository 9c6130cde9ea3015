// Sources, destinations, workspaces and stream catalogs as the domain layer sees them, plus the
// rules that apply to them on the client side: how names are filtered, which names mark a resource
// as disposable (safe mode), how configuration JSON from a caller is checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "json/json.h"

namespace airbyte_cloud::domain {

// Sources and destinations ("actors" in Airbyte's own code) share one shape; they differ in the
// names of their id and discriminator fields and in their collection path.
enum class ActorKind { kSource, kDestination };

struct ActorNames {
    const char *singular;     // "source": for messages
    const char *collection;   // "/sources"
    const char *id_field;     // "sourceId"
    const char *type_field;   // "sourceType": the configuration discriminator
    const char *type_argument;  // "source_type": the C API's argument, for messages
};
const ActorNames &actor_names(ActorKind kind);

struct ActorInfo {
    ActorKind kind = ActorKind::kSource;
    std::string id;
    std::string name;
    std::string type;  // from the response; for MotherDuck (reported as "") the known type
    std::string definition_id;
    std::string workspace_id;
    std::string configuration_json;  // compact JSON as returned: secrets masked, no discriminator
    std::int64_t created_at = 0;     // Unix seconds
};

// Parses a SourceResponse / DestinationResponse. Lenient where the real server deviates from the
// spec: destinationType may be "" and the configuration may lack its discriminator.
StatusOr<ActorInfo> parse_actor(ActorKind kind, json::Value object);

struct WorkspaceDetails {
    std::string workspace_id;
    std::string name;
    std::string data_residency;
    std::string json;  // the whole WorkspaceResponse as compact JSON
};
StatusOr<WorkspaceDetails> parse_workspace_details(json::Value object);

// One entry of GET /streams (StreamProperties). Arrays are kept as compact JSON text.
struct StreamInfo {
    std::string name;
    std::string namespace_name;
    std::vector<std::string> sync_modes;
    std::string sync_modes_json = "[]";
    std::string default_cursor_json = "[]";      // string[]
    bool source_defined_cursor = false;
    std::string primary_key_json = "[]";         // string[][]
};
StatusOr<std::vector<StreamInfo>> parse_stream_catalog(json::Value array);

// The connection sync modes the API knows (ConnectionSyncModeEnum).
bool is_known_sync_mode(std::string_view mode);
std::string known_sync_modes_text();  // "full_refresh_overwrite, ..." for messages

// The destination types the API's DestinationConfiguration lists (its destinationType consts).
bool is_known_destination_type(std::string_view type);

// Airbyte's registry id of destination-motherduck. The API's name-to-definition map lacks
// MotherDuck, so it must be created by definitionId (and is read back with destinationType "").
inline constexpr const char *kMotherDuckDefinitionId = "042ee9b5-eb98-4e99-a4e5-3f0d573bee66";

// The definition id to create a destination of `type` with when the API cannot look the type up
// by name; nullopt for types the API resolves itself.
std::optional<std::string> definition_id_for_unmapped_type(std::string_view type);
// The type of a definition id the API reports as "" (MotherDuck); "" when not known.
std::string type_for_unmapped_definition(std::string_view definition_id);

// ASCII case-insensitive substring test ("" is contained in everything).
bool contains_ignoring_case(std::string_view text, std::string_view part);

// Safe mode (as PyAirbyte's): a resource may be deleted only when its name says it is disposable,
// i.e. contains "deleteme" or "delete-me" in any letter case.
bool is_disposable_name(std::string_view name);

// Which list items a caller wants: an exact name and/or a case-insensitive part of the name.
struct NameFilter {
    std::optional<std::string> exact;
    std::optional<std::string> contains;
    bool matches(std::string_view name) const;
    bool empty() const { return !exact && !contains; }
};

// Checks a resource name given by a caller: not empty or blank, no control characters.
// `argument` names the argument in the message.
Status check_name(std::string_view name, std::string_view argument);

// Checks that `text` looks like a UUID (8-4-4-4-12 hex digits).
bool looks_like_uuid(std::string_view text);

// Parses configuration JSON given by a caller: kInvalidArgument naming `argument` and the byte
// offset when it is not JSON, or naming the argument when it is not an object.
StatusOr<json::Document> parse_input_object(std::string_view text, std::string_view argument);

}  // namespace airbyte_cloud::domain
