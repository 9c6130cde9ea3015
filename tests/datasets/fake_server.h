// A vendor API the datasets tests serve themselves on loopback (cpp-httplib): what it was asked,
// counted by name, and the problems it saw in the requests, for the test to check.
#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support.h"

namespace dstest {

class FakeServer {
  public:
    // report_clears: report() forgets the problems it returns.
    explicit FakeServer(bool report_clears) : report_clears_(report_clears) {}

    std::mutex mutex;
    std::vector<std::string> problems;
    std::map<std::string, int> counts;

    // Runs `change` (to the settings the handlers read) under the mutex.
    template <typename Change>
    void configure(Change change) {
        std::lock_guard<std::mutex> lock(mutex);
        change();
    }
    void stop() {
        server_.stop();
        if (thread_.joinable())
            thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int count(const std::string &what) {
        std::lock_guard<std::mutex> lock(mutex);
        return counts[what];
    }
    // The problems seen, one a line ("" when none).
    std::string report() {
        std::lock_guard<std::mutex> lock(mutex);
        std::string out;
        for (const std::string &problem : problems)
            out += problem + "\n";
        if (report_clears_)
            problems.clear();
        return out;
    }

  protected:
    // Starts serving the routes registered on server_ on a free loopback port.
    void serve() {
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running())
            test_sleep_ms(5);
    }
    void problem(const std::string &text) { problems.push_back(text); }

    httplib::Server server_;

  private:
    bool report_clears_;
    std::thread thread_;
    int port_ = 0;
};

// A warehouse suite's CMocka group set-up: set_up_warehouse, then `fixture` started, checking the
// JWTs it receives against the key's public half. -1 when the emulator does not start.
template <typename Fixture>
int start_warehouse_suite(Fixture &fixture, const char *kind, const char *destination_json,
                          abc_workspace **workspace, RsaKeyPair *key, std::string *connection_id) {
    if (!set_up_warehouse(kind, destination_json, workspace, key, connection_id))
        return -1;
    fixture.public_pem = key->public_pem;
    fixture.start();
    return 0;
}

// Its tear-down: the fixture stopped, the workspace freed, the emulator stopped (its status).
inline int stop_warehouse_suite(FakeServer &fixture, abc_workspace *workspace) {
    fixture.stop();
    abc_workspace_free(workspace);
    return emulator_stop(&emulator);
}

// What every warehouse reader must survive against its fixture, on `set`: 429 (Retry-After) then
// 503 on the statement counting "purchases", then success (`count_request` seen 3 times); a 503
// on a result page fetch, retried (GETs are idempotent) so that `read_table(set)` completes
// (`page_request` seen twice); and the missing table "products": ABC_ERROR_NOT_FOUND with a
// message naming each of `missing` (NULL-terminated).
template <typename Fixture>
void expect_retries_and_missing_table(Fixture &fixture, abc_dataset_set *set,
                                      void (*read_table)(abc_dataset_set *),
                                      const char *count_request, const char *page_request,
                                      const char *const *missing) {
    fixture.configure([&] { fixture.flaky_failures = 2; });
    abc_dataset *purchases = stream_dataset(set, "purchases");
    expect_row_count(purchases, 5);
    assert_int_equal(fixture.count(count_request), 3);
    abc_dataset_free(purchases);

    fixture.configure([&] { fixture.flaky_failures = 1; });
    const int pages_before = fixture.count(page_request);
    read_table(set);
    assert_int_equal(fixture.count(page_request) - pages_before, 2);

    abc_dataset *products = stream_dataset(set, "products");
    int64_t rows = 0;
    abc_error *error = nullptr;
    expect_failure(abc_dataset_row_count(&rows, products, &error), &error, ABC_ERROR_NOT_FOUND,
                   missing);
    abc_dataset_free(products);
}

}  // namespace dstest
