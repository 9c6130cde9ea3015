// Unit tests of what the Config API client is built on: the incremental JSON string scanner (any
// piece boundaries, escapes, surrogate pairs, malformed input, stopping) and how the Config API
// root is derived from the public API root.
#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
extern "C" {
#include <cmocka.h>
}

#include <cstring>
#include <string>
#include <vector>

#include "domain/config_api.h"
#include "json/string_scanner.h"

using namespace airbyte_cloud;

namespace {

struct Seen {
    std::vector<std::string> paths;
    std::vector<std::string> values;
};

std::string joined(const std::vector<std::string> &path) {
    std::string text;
    for (const auto &part : path)
        text += "/" + part;
    return text;
}

// Feeds `text` in pieces of `piece` bytes.
Status scan(const std::string &text, std::size_t piece, Seen &seen) {
    json::StringScanner scanner(
        [&](const std::vector<std::string> &path, std::string_view value) {
            seen.paths.push_back(joined(path));
            seen.values.emplace_back(value);
            return true;
        },
        "the test document");
    for (std::size_t at = 0; at < text.size(); at += piece) {
        Status status = scanner.feed(std::string_view(text).substr(at, piece));
        if (!status.ok())
            return status;
    }
    return scanner.finish();
}

const std::string kDocument =
    R"({"attempt":{"id":0,"status":"failed","n":-1.5e3,"ok":true,"none":null},"logType":"formatted",)"
    R"("logs":{"logLines":["first \"quoted\"\tline","caf\u00e9 \ud83d\ude00","",  "a\\b\/c\n"]},)"
    R"("empty":{},"list":[[],{}]})";

void test_scanner_reports_strings_with_paths_at_any_piece_size(void **) {
    for (std::size_t piece : {1u, 2u, 3u, 7u, 64u, 4096u}) {
        Seen seen;
        Status status = scan(kDocument, piece, seen);
        if (!status.ok())
            fail_msg("piece %zu: %s", piece, status.message().c_str());
        assert_int_equal(seen.values.size(), 6);
        assert_string_equal(seen.paths[0].c_str(), "/attempt/status");
        assert_string_equal(seen.values[1].c_str(), "formatted");
        assert_string_equal(seen.paths[2].c_str(), "/logs/logLines/[]");
        assert_string_equal(seen.values[2].c_str(), "first \"quoted\"\tline");
        assert_string_equal(seen.values[3].c_str(), "caf\xc3\xa9 \xf0\x9f\x98\x80");
        assert_string_equal(seen.values[4].c_str(), "");
        assert_string_equal(seen.values[5].c_str(), "a\\b/c\n");
    }
}

void test_scanner_names_what_is_malformed(void **) {
    const char *const bad[] = {
        R"({"a":"unterminated)",
        R"({"a" "b"})",
        R"({"a":"\q"})",
        R"({"a":"\u12G4"})",
        R"({"a":"\ud83d"})",
        R"({"a":"\ude00"})",
        R"({"a":1} x)",
        R"({"a":"ctl)"
        "\x01"
        R"("})",
        R"([1,2)",
        R"(})",
    };
    for (const char *text : bad) {
        Seen seen;
        Status status = scan(text, 3, seen);
        if (status.ok())
            fail_msg("accepted: %s", text);
        assert_int_equal(static_cast<int>(status.code()), static_cast<int>(StatusCode::kProtocol));
        assert_non_null(strstr(status.message().c_str(), "the test document"));
    }
}

void test_scanner_stops_when_asked_and_bounds_strings(void **) {
    int calls = 0;
    json::StringScanner stopping(
        [&](const std::vector<std::string> &, std::string_view) { return ++calls < 2; }, "log");
    Status status = stopping.feed(R"(["a","b","c"])");
    assert_int_equal(static_cast<int>(status.code()), static_cast<int>(StatusCode::kCancelled));
    assert_int_equal(calls, 2);

    json::StringScanner bounded(
        [](const std::vector<std::string> &, std::string_view) { return true; }, "log", 4);
    assert_true(bounded.feed(R"(["abcd",)").ok());
    status = bounded.feed(R"("abcde"])");
    assert_int_equal(static_cast<int>(status.code()), static_cast<int>(StatusCode::kProtocol));
    assert_non_null(strstr(status.message().c_str(), "longer than the limit"));
}

void test_config_api_root_derivation(void **) {
    using domain::config_api_url_for;
    assert_string_equal(config_api_url_for("https://api.airbyte.com/v1").c_str(),
                        "https://cloud.airbyte.com/api/v1");
    assert_string_equal(config_api_url_for("https://api.airbyte.com/v1/").c_str(),
                        "https://cloud.airbyte.com/api/v1");
    assert_string_equal(config_api_url_for("https://h.example/api/public/v1").c_str(),
                        "https://h.example/api/v1");
    assert_string_equal(config_api_url_for("http://127.0.0.1:8006/v1").c_str(),
                        "http://127.0.0.1:8006/api/v1");
    assert_string_equal(config_api_url_for("https://h.example/airbyte/api").c_str(), "");
    assert_string_equal(config_api_url_for("").c_str(), "");
}

}  // namespace

int main() {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scanner_reports_strings_with_paths_at_any_piece_size),
        cmocka_unit_test(test_scanner_names_what_is_malformed),
        cmocka_unit_test(test_scanner_stops_when_asked_and_bounds_strings),
        cmocka_unit_test(test_config_api_root_derivation),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
