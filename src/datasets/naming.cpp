#include "datasets/naming.h"

namespace airbyte_cloud::datasets {
namespace {

bool is_unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

void add_query(std::string &uri, bool &first, std::string_view name, std::string_view value) {
    if (value.empty()) return;
    uri.push_back(first ? '?' : '&');
    first = false;
    uri.append(name.data(), name.size());
    uri.push_back('=');
    uri += uri_escape(value);
}

}  // namespace

std::string normalise_identifier(std::string_view name, std::size_t max_bytes) {
    std::string out;
    out.reserve(name.size() + 1);
    for (char c : name) {
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        out.push_back(keep ? lower : '_');
    }
    if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(out.begin(), '_');
    if (max_bytes > 0 && out.size() > max_bytes) out.resize(max_bytes);
    return out;
}

std::string stream_table_name(std::string_view prefix, std::string_view stream, std::size_t max_bytes) {
    std::string name(prefix);
    name.append(stream.data(), stream.size());
    return normalise_identifier(name, max_bytes);
}

std::string quote_sql_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string snowflake_identifier(std::string_view name) {
    bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9') && name[0] != '$';
    for (char c : name) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '$')) {
            plain = false;
            break;
        }
    }
    return plain ? std::string(name) : quote_sql_identifier(name);
}

std::string bigquery_table_path(std::string_view project, std::string_view dataset, std::string_view table) {
    std::string out = "`";
    auto append = [&](std::string_view part) {
        for (char c : part) {
            if (c == '`' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
    };
    append(project);
    out.push_back('.');
    append(dataset);
    out.push_back('.');
    append(table);
    out.push_back('`');
    return out;
}

std::string uri_escape(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (is_unreserved(c)) {
            out.push_back(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0x0F]);
        }
    }
    return out;
}

std::string postgres_uri(std::string_view host, int port, std::string_view database, std::string_view user,
                         std::string_view ssl_mode) {
    std::string uri = "postgresql://";
    if (!user.empty()) uri += uri_escape(user) + "@";
    if (host.find(':') != std::string_view::npos) {
        uri += "[" + std::string(host) + "]";  // IPv6 literal
    } else {
        uri += uri_escape(host);
    }
    if (port > 0) uri += ":" + std::to_string(port);
    uri += "/" + uri_escape(database);
    bool first = true;
    add_query(uri, first, "sslmode", ssl_mode);
    return uri;
}

std::string snowflake_uri(std::string_view account_identifier, std::string_view user,
                          std::string_view database, std::string_view schema, std::string_view warehouse,
                          std::string_view role) {
    std::string uri = "snowflake://";
    if (!user.empty()) uri += uri_escape(user) + "@";
    uri += uri_escape(account_identifier);
    uri += "/" + uri_escape(database);
    if (!schema.empty()) uri += "/" + uri_escape(schema);
    bool first = true;
    add_query(uri, first, "warehouse", warehouse);
    add_query(uri, first, "role", role);
    return uri;
}

std::string bigquery_uri(std::string_view project, std::string_view dataset, std::string_view location) {
    std::string uri = "bigquery://" + uri_escape(project);
    if (!dataset.empty()) uri += "/" + uri_escape(dataset);
    bool first = true;
    add_query(uri, first, "location", location);
    return uri;
}

}  // namespace airbyte_cloud::datasets
