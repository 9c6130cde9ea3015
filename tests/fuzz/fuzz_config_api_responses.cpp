// Every parser of a Config API response body (domain/config_api_parse.h): a job's attempts with
// their failures, connection state, the configured catalog, a connector check, and an attempt's
// log streamed in pieces. The first byte picks the parser (and, for the log, how many lines to
// skip, where to stop and the piece size); the rest is the body.
#include "domain/config_api_parse.h"
#include "fuzz_support.h"

using namespace airbyte_cloud;

namespace {

void scan_log(std::uint8_t choice, std::string_view body) {
    const std::int64_t skip = choice % 3;
    const std::int64_t stop_after = (choice / 3) % 4;  // 0: read to the end
    const std::size_t piece = 1 + (choice / 12) % 9;
    std::int64_t lines = 0;
    domain::LogLineScanner scanner(
        skip, [&](std::string_view) { return stop_after == 0 || ++lines < stop_after; },
        "read the log of attempt 0 of job 1");
    for (std::size_t at = 0; at < body.size(); at += piece) {
        if (!scanner.feed(body.substr(at, piece)).ok() || scanner.stopped())
            return;
    }
    (void)scanner.finish();
}

// The whole-body parsers, by selector.
using Parser = void (*)(std::string_view body);
constexpr Parser kParsers[] = {
    [](std::string_view body) { (void)domain::parse_job_attempts(body, "fuzz"); },
    [](std::string_view body) { (void)domain::parse_connection_state(body, "fuzz"); },
    [](std::string_view body) { (void)domain::parse_configured_catalog(body, "fuzz"); },
    [](std::string_view body) { (void)domain::parse_check_result(body, "fuzz"); },
};
constexpr std::size_t kParserCount = sizeof kParsers / sizeof kParsers[0];

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const fuzz::Input input = fuzz::split(data, size);
    const std::size_t choice = input.selector % (kParserCount + 1);
    if (choice < kParserCount)
        kParsers[choice](input.rest);
    else
        scan_log(static_cast<std::uint8_t>(input.selector / (kParserCount + 1)), input.rest);
    return 0;
}
