// The running emulator: options, the one lock-guarded State, faults, request statistics, the job
// runner and --state persistence. Route handlers get it through their Context.
#pragma once

#include "faults.h"
#include "model.h"
#include "options.h"
#include "state_file.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace emulator {

class RequestStats {
public:
    void record_request();
    void record_route(const std::string &route);
    void record_job_created();
    Json to_json() const;
    void clear();

private:
    mutable std::mutex mutex_;
    uint64_t requests_ = 0;
    uint64_t jobs_created_ = 0;
    std::map<std::string, uint64_t> routes_;
};

class Emulator;

// Background side of simulated time: when a job that must touch a Postgres destination reaches
// the end of its run, this starts the write on its own thread; the job turns final once it commits.
class JobRunner {
public:
    explicit JobRunner(Emulator &emulator) : emulator_(emulator) {}
    ~JobRunner();
    void start();
    void stop();
    void wake();  // a job was created or changed

private:
    void loop();
    void launch_write(int64_t job_id);
    struct Writer {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    Emulator &emulator_;
    std::thread thread_;
    std::mutex wake_mutex_;
    std::condition_variable wake_condition_;
    std::atomic<bool> stopping_{false};
    bool woken_ = false;  // guarded by wake_mutex_
    std::mutex writers_mutex_;
    std::vector<Writer> writers_;
};

class Emulator {
public:
    explicit Emulator(Options options);
    ~Emulator();
    Emulator(const Emulator &) = delete;
    Emulator &operator=(const Emulator &) = delete;

    // Loads --state (if given and present) or seeds a fresh state from the options. Throws
    // std::runtime_error when the state file cannot be used.
    void initialise();
    // Saves the state after a change when --state is set. Call without holding `mutex`.
    void persist();
    // POST /_emulator/reset: startup workspaces and credentials only; issued tokens stay valid.
    void reset();
    std::string ready_json(const std::string &url, int port) const;
    // stderr log line unless --quiet (errors are logged regardless through log_error).
    void log_request(const std::string &line) const;
    void log_error(const std::string &line) const;

    const Options options;
    std::mutex mutex;  // guards `state`
    State state;
    FaultRegistry faults;
    RequestStats stats;
    JobRunner runner;

private:
    State clean_state() const;  // requires mutex
    std::unique_ptr<StateFile> state_file_;
    std::vector<Workspace> startup_workspaces_;
    uint64_t state_version_ = 0;  // guarded by mutex
    mutable std::mutex log_mutex_;
};

}  // namespace emulator
