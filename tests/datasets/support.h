// Shared helpers of the dataset tests: the emulator (resources, workspaces), child processes
// (Prism), loopback ports, and an independent RS256 verifier for the JWTs the library sends.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "airbyte_cloud.h"
#include "emulator_process.h"
#include "rsa_test_key.h"
#include "test_util.h"

namespace dstest {

// ---- emulator ----

// POSTs/PATCHes JSON to the emulator; fails the test unless 2xx. Returns the response body.
std::string emulator_send(const emulator_process &emulator, const char *method, const std::string &path,
                          const std::string &body);
// A string field of a JSON object text ("" when absent).
std::string create_source(const emulator_process &emulator, const std::string &name, const std::string &configuration);
std::string create_destination(const emulator_process &emulator, const std::string &name,
                               const std::string &configuration);
// streams_json: the value of configurations.streams, e.g. [{"name":"users"}].
std::string create_connection(const emulator_process &emulator, const std::string &name, const std::string &source_id,
                              const std::string &destination_id, const std::string &prefix,
                              const std::string &streams_json, const std::string &extra_fields = "");
// A workspace handle on the emulator with fast polling and short retries.
abc_workspace *workspace_for(const emulator_process &emulator);
// The stream's dataset in the set; fails the test (with the message) when it is not there.
abc_dataset *stream_dataset(abc_dataset_set *set, const char *stream);
// Checks on a dataset's schema and size; each fails the test naming the call and its message.
void expect_column_count(abc_dataset *dataset, size_t columns);
void expect_column_type(abc_dataset *dataset, size_t column, const char *warehouse_type);
void expect_column_kind(abc_dataset *dataset, size_t column, abc_value_type kind);
void expect_row_count(abc_dataset *dataset, int64_t rows);
// The connection's datasets; fails the test on error (with the message).
abc_dataset_set *datasets_for(abc_workspace *workspace, const std::string &connection_id,
                              const abc_dataset_options *options);
// The status of a call that must fail, with its message checked to contain each of `parts`
// (NULL-terminated); frees *error and sets it to NULL. (The error is passed by address so it is
// read after the call has set it.)
void expect_failure(abc_status status, abc_error **error, abc_status expected, const char *const *parts);

// ---- processes (test_util.h starts and stops them) ----

// A child process in its own process group, output to a log file, killed when the test dies.
struct Child {
    int pid = -1;
    std::string log_path;
};
std::string read_file(const std::string &path);

// ---- Prism ----

struct Prism {
    Child child;
    std::string url;           // http://127.0.0.1:PORT
    std::size_t checked = 0;   // log bytes already scanned for violations
};
// The path to Prism and the specs, or "" with a printed "SKIP: ..." reason when absent.
std::string prism_path();
std::string specs_dir();
// Starts `prism mock SPEC` or `prism proxy SPEC UPSTREAM --errors` on a free port and waits until
// it answers (loading a big spec takes seconds). Returns false (and prints the log) on failure.
bool start_prism(Prism &prism, const std::string &mode, const std::string &spec, const std::string &upstream);
// Whether Prism, node and the vendor specs are installed (else prints "SKIP: why").
bool prism_available();
// Skips the calling test unless prism_available(). Use it first in the test, before any C++
// object lives: cmocka's skip() longjmps, which would leak (never destroy) what the frames it
// leaves own.
#define DSTEST_SKIP_WITHOUT_PRISM()     \
    do {                                \
        if (!dstest::prism_available()) \
            skip();                     \
    } while (0)
// start_prism with `spec` relative to specs_dir(), once prism_available(). When that fails,
// stops `started_before` (if given) and fails the test.
void start_prism_or_fail(Prism &prism, const std::string &mode, const std::string &spec,
                         const std::string &upstream, Prism *started_before = nullptr);
// Fails the test with "WHAT:" and the report unless `report` (violations, bad requests) is empty.
void expect_no_report(const std::string &report, const char *what);
// Log lines since the last call that report a violation or a request Prism rejected.
std::string prism_violations(Prism &prism);
void stop_prism(Prism &prism);

// ---- keys and JWTs (independent of the library's implementation) ----

using abctest::make_rsa_key;
using abctest::RsaKeyPair;
std::string base64url_decode(const std::string &text);
// Verifies an RS256 compact JWS with the public key; on success returns its claims JSON, else "".
std::string verify_rs256(const std::string &token, const std::string &public_pem, std::string *header = nullptr);
// SHA256:<base64> of the DER SubjectPublicKeyInfo, as Snowflake's DESCRIBE USER shows it.
std::string snowflake_fingerprint(const std::string &public_pem);

// The warehouse tests' set-up: the emulator started (--job-duration-ms 50), a workspace on it, a
// fresh RSA key pair, and the connection "to-KIND" from a 5-row faker source to the destination
// KIND of `destination_json` with streams users, purchases and products. False when the emulator
// does not start.
bool set_up_warehouse(const char *kind, const char *destination_json, abc_workspace **workspace,
                      RsaKeyPair *key, std::string *connection_id);

}  // namespace dstest
