#include "support.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <csetjmp>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>
extern "C" {
#include <cmocka.h>
}

#ifndef ABC_SPECS_DIR
#define ABC_SPECS_DIR "../shared/specs"
#endif
#ifndef ABC_PRISM_PATH
#define ABC_PRISM_PATH "tests/conformance/node_modules/.bin/prism"
#endif

namespace dstest {

std::string emulator_send(const emulator_process &emulator, const char *method, const std::string &path,
                          const std::string &body) {
    long status = 0;
    char *response = emulator_request(&emulator, method, path.c_str(), body.empty() ? nullptr : body.c_str(), &status);
    std::string text = response != nullptr ? response : "";
    free(response);
    if (status < 200 || status >= 300) fail_msg("%s %s -> %ld: %s", method, path.c_str(), status, text.c_str());
    return text;
}

std::string create_source(const emulator_process &emulator, const std::string &name, const std::string &configuration) {
    const std::string body = "{\"name\":\"" + name + "\",\"workspaceId\":\"" + emulator.workspace_id +
                             "\",\"configuration\":" + configuration + "}";
    return test_json_string(emulator_send(emulator, "POST", "/v1/sources", body), "sourceId");
}

std::string create_destination(const emulator_process &emulator, const std::string &name,
                               const std::string &configuration) {
    const std::string body = "{\"name\":\"" + name + "\",\"workspaceId\":\"" + emulator.workspace_id +
                             "\",\"configuration\":" + configuration + "}";
    return test_json_string(emulator_send(emulator, "POST", "/v1/destinations", body), "destinationId");
}

std::string create_connection(const emulator_process &emulator, const std::string &name, const std::string &source_id,
                              const std::string &destination_id, const std::string &prefix,
                              const std::string &streams_json, const std::string &extra_fields) {
    std::string body = "{\"name\":\"" + name + "\",\"sourceId\":\"" + source_id + "\",\"destinationId\":\"" +
                       destination_id + "\",\"prefix\":\"" + prefix + "\",\"configurations\":{\"streams\":" +
                       streams_json + "}";
    if (!extra_fields.empty()) body += "," + extra_fields;
    body += "}";
    return test_json_string(emulator_send(emulator, "POST", "/v1/connections", body), "connectionId");
}

abc_workspace *workspace_for(const emulator_process &emulator) {
    abc_options *options = nullptr;
    assert_int_equal(abc_options_new(&options, nullptr), ABC_OK);
    assert_int_equal(abc_options_set_api_url(options, emulator.api_url, nullptr), ABC_OK);
    assert_int_equal(abc_options_set_bearer_token(options, emulator.api_key, nullptr), ABC_OK);
    assert_int_equal(abc_options_set_poll_interval(options, 20, 100, nullptr), ABC_OK);
    // Short backoff so the 429/503 tests do not wait long; enough attempts to ride them out.
    assert_int_equal(abc_options_set_retry_policy(options, 5, 20, 200, 2.0, 30000, nullptr), ABC_OK);
    abc_workspace *workspace = nullptr;
    abc_error *error = nullptr;
    if (abc_workspace_new(&workspace, emulator.workspace_id, options, &error) != ABC_OK) {
        fail_msg("abc_workspace_new: %s", abc_error_message(error));
    }
    abc_options_free(options);
    return workspace;
}

abc_dataset_set *datasets_for(abc_workspace *workspace, const std::string &connection_id,
                              const abc_dataset_options *options) {
    abc_connection *connection = nullptr;
    assert_int_equal(abc_connection_get(&connection, workspace, connection_id.c_str(), nullptr), ABC_OK);
    abc_dataset_set *set = nullptr;
    abc_error *error = nullptr;
    if (abc_connection_datasets(&set, connection, options, &error) != ABC_OK) {
        fail_msg("abc_connection_datasets: %s", abc_error_message(error));
    }
    abc_connection_free(connection);
    return set;
}

void expect_failure(abc_status status, abc_error **error, abc_status expected, const char *const *parts) {
    const std::string message = abc_error_message(*error);
    if (status != expected) {
        fail_msg("expected status %d (%s), got %d: %s", expected, abc_strerror(expected), status, message.c_str());
    }
    for (const char *const *part = parts; part != nullptr && *part != nullptr; ++part) {
        if (message.find(*part) == std::string::npos) {
            fail_msg("the message does not mention \"%s\": %s", *part, message.c_str());
        }
    }
    abc_error_free(*error);
    *error = nullptr;
}

abc_dataset *stream_dataset(abc_dataset_set *set, const char *stream) {
    abc_dataset *dataset = nullptr;
    abc_error *error = nullptr;
    if (abc_dataset_set_get(&dataset, set, stream, &error) != ABC_OK) {
        fail_msg("abc_dataset_set_get(%s): %s", stream, abc_error_message(error));
    }
    return dataset;
}

// Fails the test with the call's name and the library's message unless `status` is ABC_OK.
static void require_ok(abc_status status, abc_error *error, const char *call, size_t column) {
    if (status != ABC_OK) fail_msg("%s(column %zu): %s", call, column, abc_error_message(error));
    abc_error_free(error);
}

void expect_column_count(abc_dataset *dataset, size_t columns) {
    size_t count = 0;
    abc_error *error = nullptr;
    require_ok(abc_dataset_column_count(&count, dataset, &error), error, "abc_dataset_column_count", 0);
    assert_int_equal(count, columns);
}

void expect_column_type(abc_dataset *dataset, size_t column, const char *warehouse_type) {
    const char *type = nullptr;
    abc_error *error = nullptr;
    require_ok(abc_dataset_column_type(&type, dataset, column, &error), error, "abc_dataset_column_type", column);
    assert_string_equal(type, warehouse_type);
}

void expect_column_kind(abc_dataset *dataset, size_t column, abc_value_type kind) {
    abc_value_type value_type = ABC_VALUE_UNKNOWN;
    abc_error *error = nullptr;
    require_ok(abc_dataset_column_value_type(&value_type, dataset, column, &error), error,
               "abc_dataset_column_value_type", column);
    assert_int_equal(value_type, kind);
}

void expect_row_count(abc_dataset *dataset, int64_t rows) {
    int64_t count = -1;
    abc_error *error = nullptr;
    require_ok(abc_dataset_row_count(&count, dataset, &error), error, "abc_dataset_row_count", 0);
    assert_int_equal(count, rows);
}

bool set_up_warehouse(const char *kind, const char *destination_json, abc_workspace **workspace,
                      RsaKeyPair *key, std::string *connection_id) {
    static const char *const args[] = {"--job-duration-ms", "50", nullptr};
    if (emulator_start(&emulator, args) != 0) return false;
    *workspace = workspace_for(emulator);
    *key = make_rsa_key();
    const std::string source = create_source(emulator, "faker", "{\"sourceType\":\"faker\",\"count\":5}");
    const std::string destination = create_destination(emulator, kind, destination_json);
    *connection_id = create_connection(emulator, std::string("to-") + kind, source, destination, "",
                                       "[{\"name\":\"users\"},{\"name\":\"purchases\"},{\"name\":\"products\"}]");
    return true;
}

std::string read_file(const std::string &path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream buffer;
    buffer << file.rdbuf();
    return buffer.str();
}

std::string prism_path() {
    const char *node_check = "command -v node >/dev/null 2>&1";
    if (access(ABC_PRISM_PATH, X_OK) != 0) {
        std::printf("SKIP: Prism is not installed at %s; run tests/conformance/install-prism.sh (npm ci)\n",
                    ABC_PRISM_PATH);
        return "";
    }
    if (std::system(node_check) != 0) {
        std::printf("SKIP: node is not installed\n");
        return "";
    }
    return ABC_PRISM_PATH;
}

std::string specs_dir() {
    const std::string dir = ABC_SPECS_DIR;
    if (access((dir + "/snowflake/sqlapi.yaml").c_str(), R_OK) != 0 ||
        access((dir + "/bigquery/bigquery-v2.yaml").c_str(), R_OK) != 0) {
        std::printf("SKIP: vendor specs not found at %s (../shared/specs is absent)\n", dir.c_str());
        return "";
    }
    return dir;
}

bool prism_available() {
    return !prism_path().empty() && !specs_dir().empty();
}

void start_prism_or_fail(Prism &prism, const std::string &mode, const std::string &spec,
                         const std::string &upstream, Prism *started_before) {
    if (start_prism(prism, mode, specs_dir() + spec, upstream))
        return;
    if (started_before != nullptr) stop_prism(*started_before);
    fail_msg("could not start Prism (%s %s)", mode.c_str(), spec.c_str());
}

void expect_no_report(const std::string &report, const char *what) {
    if (!report.empty()) fail_msg("%s:\n%s", what, report.c_str());
}

bool start_prism(Prism &prism, const std::string &mode, const std::string &spec, const std::string &upstream) {
    const std::string path = prism_path();
    if (path.empty()) return false;
    const int port = test_free_port();
    prism.url = "http://127.0.0.1:" + std::to_string(port);
    const std::string port_text = std::to_string(port);
    const std::string log = "/tmp/abc-datasets-prism-" + std::to_string(getpid()) + "-" + port_text + ".log";
    std::vector<const char *> argv = {path.c_str(), mode.c_str(), spec.c_str()};
    if (mode == "proxy") {
        argv.push_back(upstream.c_str());
        argv.push_back("--errors");
    }
    for (const char *arg : {"--host", "127.0.0.1", "--port"}) argv.push_back(arg);
    argv.push_back(port_text.c_str());
    argv.push_back(nullptr);
    prism.child.log_path = log;
    prism.child.pid = test_start_child(argv.data(), log.c_str());
    if (prism.child.pid <= 0) return false;
    for (int waited = 0; waited < 120000; waited += 200) {
        if (waitpid(prism.child.pid, nullptr, WNOHANG) == prism.child.pid) {
            prism.child.pid = -1;
            std::fprintf(stderr, "prism exited before it was ready:\n%s\n", read_file(log).c_str());
            return false;
        }
        if (test_http_status((prism.url + "/").c_str()) > 0) {
            prism.checked = read_file(log).size();  // the readiness probe's "no path matched" is not ours
            return true;
        }
        test_sleep_ms(200);
    }
    std::fprintf(stderr, "prism did not become ready:\n%s\n", read_file(log).c_str());
    stop_prism(prism);
    return false;
}

std::string prism_violations(Prism &prism) {
    test_sleep_ms(200);  // let Prism write its last lines
    const std::string log = read_file(prism.child.log_path);
    std::string report;
    std::istringstream lines(log.substr(std::min(prism.checked, log.size())));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find("] get / ") != std::string::npos) continue;  // our readiness probe
        if (line.find("Violation") != std::string::npos || line.find("\xe2\x9c\x96") != std::string::npos ||
            line.find("Request terminated with error") != std::string::npos) {
            report += line + "\n";
        }
    }
    prism.checked = log.size();
    return report;
}

void stop_prism(Prism &prism) {
    test_stop_child(&prism.child.pid);
    if (!prism.child.log_path.empty()) unlink(prism.child.log_path.c_str());
}

std::string base64url_decode(const std::string &text) {
    std::string standard = text;
    for (char &c : standard) {
        if (c == '-') c = '+';
        if (c == '_') c = '/';
    }
    while (standard.size() % 4 != 0) standard.push_back('=');
    std::vector<unsigned char> out(standard.size());
    const int length = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char *>(standard.data()),
                                       static_cast<int>(standard.size()));
    if (length < 0) return "";
    std::size_t padding = 0;
    for (std::size_t i = standard.size(); i > 0 && standard[i - 1] == '='; --i) ++padding;
    return std::string(reinterpret_cast<const char *>(out.data()), static_cast<std::size_t>(length) - padding);
}

std::string verify_rs256(const std::string &token, const std::string &public_pem, std::string *header) {
    const std::size_t first = token.find('.');
    const std::size_t second = first == std::string::npos ? first : token.find('.', first + 1);
    if (second == std::string::npos) return "";
    BIO *bio = BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (key == nullptr) return "";
    const std::string signature = base64url_decode(token.substr(second + 1));
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
                    EVP_DigestVerifyUpdate(context, token.data(), second) == 1 &&
                    EVP_DigestVerifyFinal(context, reinterpret_cast<const unsigned char *>(signature.data()),
                                          signature.size()) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    if (!ok) return "";
    if (header != nullptr) *header = base64url_decode(token.substr(0, first));
    return base64url_decode(token.substr(first + 1, second - first - 1));
}

std::string snowflake_fingerprint(const std::string &public_pem) {
    BIO *bio = BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, static_cast<std::size_t>(length), digest);
    OPENSSL_free(der);
    EVP_PKEY_free(key);
    unsigned char encoded[64];
    EVP_EncodeBlock(encoded, digest, sizeof digest);
    return std::string("SHA256:") + reinterpret_cast<const char *>(encoded);
}

}  // namespace dstest
