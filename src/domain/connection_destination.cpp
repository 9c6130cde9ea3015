#include "domain/connection_destination.h"

#include <cctype>

#include "domain/resource_api.h"

namespace airbyte_cloud::domain {
namespace {

std::string lower(std::string text) {
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::vector<StreamTarget> stream_targets(const ConnectionInfo &connection) {
    std::vector<StreamTarget> targets;
    targets.reserve(connection.streams.size());
    for (const ConnectionStream &stream : connection.streams) {
        targets.push_back({stream.name, stream_namespace(connection, stream), connection.prefix,
                           stream.destination_object_name});
    }
    return targets;
}

// The configuration as a document; the destination's type from its discriminator when the
// response gave none (some servers leave destinationType out).
StatusOr<ConnectionDestination> combine(const ConnectionInfo &connection, ActorInfo destination) {
    auto configuration =
        json::Document::parse(destination.configuration_json, "the destination's configuration");
    if (!configuration.ok())
        return configuration.status();
    ConnectionDestination result;
    result.connection_id = connection.connection_id;
    result.destination = std::move(destination);
    result.destination.type = lower(result.destination.type);
    if (result.destination.type.empty()) {
        result.destination.type =
            lower(json::optional_string(configuration->root(), "destinationType"));
    }
    result.configuration = std::move(*configuration);
    result.streams = stream_targets(connection);
    return result;
}

}  // namespace

std::string stream_namespace(const ConnectionInfo &connection, const ConnectionStream &stream) {
    if (connection.namespace_definition == "source")
        return stream.source_namespace;
    if (connection.namespace_definition != "custom_format" || connection.namespace_format.empty())
        return "";
    std::string format = connection.namespace_format;
    const std::string placeholder = "${SOURCE_NAMESPACE}";
    for (std::size_t at = format.find(placeholder); at != std::string::npos;
         at = format.find(placeholder, at)) {
        format.replace(at, placeholder.size(), stream.source_namespace);
        at += stream.source_namespace.size();
    }
    return format;
}

StatusOr<ConnectionDestination> get_connection_destination(const Workspace &workspace,
                                                           const std::string &connection_id) {
    ApiClient &api = *workspace.api();
    auto connection = api.get_connection(connection_id);
    if (!connection.ok())
        return connection.status();
    auto destination = get_actor(api, ActorKind::kDestination, connection->destination_id);
    if (!destination.ok())
        return destination.status();
    return combine(*connection, std::move(*destination));
}

StatusOr<ConnectionDestination> connection_destination_from(json::Value connection,
                                                            json::Value destination) {
    auto parsed_connection = parse_connection(connection);
    if (!parsed_connection.ok())
        return parsed_connection.status();
    if (destination.is_object() && !destination.get("configuration").is_object()) {
        return ProtocolError("destination response: field 'configuration' is missing");
    }
    auto parsed_destination = parse_actor(ActorKind::kDestination, destination);
    if (!parsed_destination.ok())
        return parsed_destination.status();
    return combine(*parsed_connection, std::move(*parsed_destination));
}

}  // namespace airbyte_cloud::domain
