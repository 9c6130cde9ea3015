// --state FILE: load at startup; save atomically (temp file, fsync, rename, fsync directory) so
// a crash leaves either the old or the new file, never a torn one.
#pragma once

#include "model.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace emulator {

class StateFile {
public:
    explicit StateFile(std::string path) : path_(std::move(path)) {}
    const std::string &path() const { return path_; }
    // nullopt when the file does not exist yet; throws std::runtime_error when it cannot be used.
    std::optional<State> load() const;
    // Snapshots carry increasing versions; a writer that lost the race to a newer one skips.
    bool save(const std::string &text, uint64_t version, std::string &error);

private:
    std::string path_;
    std::mutex mutex_;
    uint64_t written_version_ = 0;
};

}  // namespace emulator
