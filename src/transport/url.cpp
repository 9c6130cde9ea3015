#include "transport/url.h"

namespace airbyte_cloud::transport {
namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

void append_percent_encoded(std::string &out, unsigned char c) {
    static const char kHex[] = "0123456789ABCDEF";
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
}

std::string percent_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c)) {
            out += ch;
        } else {
            append_percent_encoded(out, c);
        }
    }
    return out;
}

}  // namespace

std::string escape_path_segment(std::string_view segment) {
    // "." and ".." are made of unreserved characters but are dot-segments: a client or server
    // normalising the path would turn ".../workspaces/.." into ".../". Encoded, they stay data.
    if (segment == "." || segment == "..") {
        std::string out;
        for (char ch : segment)
            append_percent_encoded(out, static_cast<unsigned char>(ch));
        return out;
    }
    return percent_encode(segment);
}

std::string build_query(const std::vector<std::pair<std::string, std::string>> &parameters) {
    std::string query;
    for (const auto &[name, value] : parameters) {
        query += query.empty() ? '?' : '&';
        query += percent_encode(name);
        query += '=';
        query += percent_encode(value);
    }
    return query;
}

std::string join_url(std::string_view root, std::string_view path) {
    while (!root.empty() && root.back() == '/')
        root.remove_suffix(1);
    std::string url(root);
    if (path.empty() || path.front() != '/')
        url += '/';
    url += path;
    return url;
}

std::string mask_url_user_information(const std::string &url) {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos)
        return url;
    const std::size_t authority_start = scheme_end + 3;
    const std::size_t authority_end = url.find_first_of("/?#", authority_start);
    const std::size_t at =
        url.rfind('@', authority_end == std::string::npos ? url.size() - 1 : authority_end - 1);
    if (at == std::string::npos || at < authority_start)
        return url;
    return url.substr(0, authority_start) + "***" + url.substr(at);
}

}  // namespace airbyte_cloud::transport
