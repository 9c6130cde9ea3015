// airbyte-cloud-emulator: a local Airbyte public API server. See docs/EMULATOR.md.
#include "emulator.h"
#include "http_server.h"
#include "options.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <pthread.h>
#include <thread>
#include <unistd.h>

namespace {

// tmp + rename: a reader polling for the file never sees half of it.
bool write_ready_file(const std::string &path, const std::string &text) {
    const std::string temporary = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out << text << '\n';
        if (!out.flush()) return false;
    }
    return std::rename(temporary.c_str(), path.c_str()) == 0;
}

std::string url_host(const std::string &host) {
    if (host == "0.0.0.0" || host.empty()) return "127.0.0.1";
    if (host == "::") return "[::1]";
    if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
    return host;
}

// Binds, saves the first state, starts the job runner and announces the URLs (stdout and
// --ready-file). Returns false after reporting a failure.
bool start_serving(emulator::Emulator &emulator, emulator::HttpServer &server, const emulator::Options &options) {
    const int port = server.bind(options.host, options.port);
    if (port <= 0) {
        std::fprintf(stderr, "airbyte-cloud-emulator: cannot listen on %s:%d: %s\n", options.host.c_str(),
                     options.port, std::strerror(errno));
        return false;
    }
    emulator.persist();
    // Before the runner thread exists, nothing else touches the state.
    const std::string ready = emulator.ready_json("http://" + url_host(options.host) + ":" + std::to_string(port), port);
    emulator.runner.start();
    if (!options.ready_file.empty() && !write_ready_file(options.ready_file, ready)) {
        std::fprintf(stderr, "airbyte-cloud-emulator: cannot write ready file %s\n", options.ready_file.c_str());
        return false;
    }
    std::printf("%s\n", ready.c_str());
    std::fflush(stdout);
    return true;
}

// Serves until SIGTERM or SIGINT (blocked in every thread; one thread waits for them).
void serve_until_signalled(emulator::HttpServer &server, const sigset_t &stop_signals) {
    std::atomic<bool> finished{false};
    std::thread signal_waiter([&] {
        int received = 0;
        sigwait(&stop_signals, &received);
        // stop() is a no-op until listen_after_bind() runs; repeat until the server is down.
        while (!finished.load()) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    server.listen_after_bind();
    finished = true;
    // If the server stopped on its own, release the waiting thread.
    ::kill(::getpid(), SIGTERM);
    signal_waiter.join();
}

}  // namespace

int main(int argc, char **argv) {
    using namespace emulator;
    std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill the server

    Options options;
    bool exit_now = false;
    int parsed = parse_options(argc, argv, options, exit_now);
    if (exit_now || parsed >= 0) return parsed < 0 ? 0 : parsed;

    // Every thread created from here on inherits the mask; one thread waits for the signals.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    Emulator emulator(options);
    try {
        emulator.initialise();
    } catch (const std::exception &error) {
        std::fprintf(stderr, "airbyte-cloud-emulator: %s\n", error.what());
        return 1;
    }
    HttpServer server(emulator);
    if (!start_serving(emulator, server, options)) return 1;
    serve_until_signalled(server, stop_signals);
    emulator.runner.stop();
    emulator.persist();
    return 0;
}
