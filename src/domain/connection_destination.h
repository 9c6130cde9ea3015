// What a connection writes where, for reading its data back: its destination (type and
// configuration) and each selected stream with the namespace the connection's rules put it in and
// the inputs of its table name. What a warehouse makes of these (identifier normalisation, the
// settings inside the configuration) belongs to that warehouse's dataset reader.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/resources.h"
#include "domain/workspace.h"
#include "json/json.h"

namespace airbyte_cloud::domain {

struct StreamTarget {
    std::string stream;  // the stream's name
    std::string
        namespace_name;  // under the connection's namespace rules; "" = the destination's default
    std::string table_prefix;  // the connection's prefix, put before the stream's name
    std::string object_name;   // destinationObjectName: the table's name as given; "" when not set
};

struct ConnectionDestination {
    std::string connection_id;
    ActorInfo destination;  // type in lower case; from the configuration when the response has none
    json::Document configuration;  // the destination's configuration (an object; secrets masked)
    std::vector<StreamTarget> streams;  // in the connection's stream order
};

// GET /connections/{id}, then GET /destinations/{destinationId}.
StatusOr<ConnectionDestination> get_connection_destination(const Workspace &workspace,
                                                           const std::string &connection_id);

// The same from responses already fetched (a ConnectionResponse and a DestinationResponse).
StatusOr<ConnectionDestination> connection_destination_from(json::Value connection,
                                                            json::Value destination);

// The namespace a stream lands in under the connection's rules ("" = the destination's default):
// namespaceDefinition "source" keeps the source's, "custom_format" fills ${SOURCE_NAMESPACE} in
// namespaceFormat.
std::string stream_namespace(const ConnectionInfo &connection, const ConnectionStream &stream);

}  // namespace airbyte_cloud::domain
