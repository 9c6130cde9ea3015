// Shared by the libFuzzer targets: the input split into a selector byte and the rest, and JSON
// parsing as the library does it for a response body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "json/json.h"

namespace fuzz {

struct Input {
    std::uint8_t selector = 0;
    std::string_view rest;
};

inline Input split(const std::uint8_t *data, std::size_t size) {
    Input input;
    if (size == 0)
        return input;
    input.selector = data[0];
    input.rest = std::string_view(reinterpret_cast<const char *>(data) + 1, size - 1);
    return input;
}

inline airbyte_cloud::StatusOr<airbyte_cloud::json::Document> parse(std::string_view body) {
    return airbyte_cloud::json::Document::parse(std::string(body), "fuzzed body");
}

}  // namespace fuzz
