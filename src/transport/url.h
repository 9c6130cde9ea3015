// Building URLs from caller-supplied pieces without letting them change the endpoint.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace airbyte_cloud::transport {

// Percent-encodes everything outside RFC 3986 "unreserved" (ALPHA / DIGIT / - . _ ~), so "../x",
// "a/b" and "x?y" stay one opaque path segment.
std::string escape_path_segment(std::string_view segment);

// "?a=1&b=x%7Cy" from pairs (values encoded as query components; empty list gives "").
std::string build_query(const std::vector<std::pair<std::string, std::string>> &parameters);

// Joins an API root (trailing '/' ignored) and a path starting with '/'.
std::string join_url(std::string_view root, std::string_view path);

// `url` with any user:password@ in its authority replaced by ***@, for logs and messages.
std::string mask_url_user_information(const std::string &url);

}  // namespace airbyte_cloud::transport
