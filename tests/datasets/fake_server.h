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

}  // namespace dstest
