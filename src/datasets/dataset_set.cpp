#include "datasets/dataset_set.h"

#include <cctype>

#include "datasets/destination_readers.h"
#include "datasets/naming.h"

namespace airbyte_cloud::datasets {
namespace {

using AddDatasets = Status (*)(DatasetSet &, const DestinationContext &);

struct Warehouse {
    const char *type;  // destinationType
    const char *name;  // for messages
    AddDatasets add;
};

constexpr Warehouse kWarehouses[] = {
    {"postgres", "Postgres", add_postgres_datasets},
    {"snowflake", "Snowflake", add_snowflake_datasets},
    {"bigquery", "BigQuery", add_bigquery_datasets},
};

Status unsupported_destination(const DatasetSet &set, const domain::ActorInfo &destination) {
    const std::string shown =
        set.destination_type.empty()
            ? "with no destinationType (definition " + destination.definition_id + ")"
            : "of type '" + set.destination_type + "'";
    return Status(StatusCode::kUnsupported,
                  "destination '" + set.destination_name + "' (" + set.destination_id + ") is " +
                      shown +
                      "; datasets can be read from postgres, snowflake and bigquery "
                      "destinations");
}

std::string stream_table(const domain::StreamTarget &stream, std::size_t max_bytes) {
    if (!stream.object_name.empty())
        return normalise_identifier(stream.object_name, max_bytes);
    return stream_table_name(stream.table_prefix, stream.stream, max_bytes);
}

}  // namespace

std::string config_text(json::Value object, std::string_view field) {
    const json::Value value = object.get(field);
    if (std::optional<std::string> text = value.string())
        return *text;
    if (std::optional<std::int64_t> number = value.int64())
        return std::to_string(*number);
    return std::string();
}

StatusOr<std::string> required_config(json::Value config, std::string_view field,
                                      const std::string &destination) {
    std::string value = config_text(config, field);
    if (value.empty()) {
        return InvalidArgument(destination + ": the configuration has no '" + std::string(field) +
                               "', which reading its data needs");
    }
    return value;
}

StatusOr<std::vector<std::string>> required_configs(json::Value config,
                                                    std::initializer_list<std::string_view> fields,
                                                    const std::string &destination) {
    std::vector<std::string> values;
    for (std::string_view field : fields) {
        StatusOr<std::string> value = required_config(config, field, destination);
        if (!value.ok())
            return value.status();
        values.push_back(std::move(*value));
    }
    return values;
}

std::string lower_ascii(std::string text) {
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::shared_ptr<transport::HttpClient> make_http(
    const DestinationContext &context,
    std::shared_ptr<transport::CredentialsProvider> credentials) {
    return std::make_shared<transport::HttpClient>(context.http, std::move(credentials),
                                                   context.logger);
}

void add_stream_datasets(DatasetSet &set, const DestinationContext &context,
                         std::size_t identifier_bytes,
                         const std::function<std::string(const TableLocation &)> &qualify,
                         const std::function<std::shared_ptr<Dataset>(TableLocation)> &make) {
    for (const domain::StreamTarget &stream : context.target.streams) {
        TableLocation location;
        location.stream = stream.stream;
        location.destination_type = set.destination_type;
        location.database = set.database;
        location.schema = stream.namespace_name.empty()
                              ? set.schema
                              : normalise_identifier(stream.namespace_name, identifier_bytes);
        location.table = stream_table(stream, identifier_bytes);
        location.qualified_name = qualify(location);
        location.connection_uri = set.connection_uri;
        set.streams.push_back({stream.stream, make(std::move(location))});
    }
}

StatusOr<DatasetSet> datasets_for(const domain::ConnectionDestination &target,
                                  const DatasetOptions &options,
                                  const transport::HttpSettings &http, const Logger &logger) {
    DatasetSet set;
    set.connection_id = target.connection_id;
    set.destination_id = target.destination.id;
    set.destination_name = target.destination.name;
    set.destination_type = target.destination.type;
    for (const Warehouse &warehouse : kWarehouses) {
        if (set.destination_type != warehouse.type)
            continue;
        const DestinationContext context{
            target,
            target.configuration.root(),
            std::string(warehouse.name) + " destination '" + set.destination_name + "'",
            options,
            http,
            logger};
        ABC_RETURN_STATUS(warehouse.add(set, context));
        return set;
    }
    return unsupported_destination(set, target.destination);
}

StatusOr<DatasetSet> resolve_datasets(const domain::Workspace &workspace,
                                      const std::string &connection_id,
                                      const DatasetOptions &options) {
    auto target = domain::get_connection_destination(workspace, connection_id);
    if (!target.ok())
        return target.status();
    return datasets_for(*target, options, workspace.http_settings(), workspace.logger());
}

}  // namespace airbyte_cloud::datasets
