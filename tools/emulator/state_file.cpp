#include "state_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace emulator {

namespace {

std::string directory_of(const std::string &path) {
    size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

bool write_all(int fd, const std::string &text) {
    size_t written = 0;
    while (written < text.size()) {
        ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        written += static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

std::optional<State> StateFile::load() const {
    struct stat info {};
    if (::stat(path_.c_str(), &info) != 0) {
        if (errno == ENOENT) return std::nullopt;
        throw std::runtime_error("cannot read " + path_ + ": " + std::strerror(errno));
    }
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path_);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    if (text.empty()) throw std::runtime_error(path_ + " is empty");
    Json root = Json::parse(text);
    if (!root) throw std::runtime_error(path_ + " is not valid JSON");
    try {
        return state_from_json(root.get());
    } catch (const std::exception &error) {
        throw std::runtime_error(path_ + ": " + error.what());
    }
}

bool StateFile::save(const std::string &text, uint64_t version, std::string &error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (version <= written_version_) return true;
    std::string temporary = path_ + ".tmp." + std::to_string(::getpid());
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = "cannot create " + temporary + ": " + std::strerror(errno);
        return false;
    }
    bool ok = write_all(fd, text) && ::fsync(fd) == 0;
    int saved_errno = errno;
    ::close(fd);
    if (!ok) {
        error = "cannot write " + temporary + ": " + std::strerror(saved_errno);
        ::unlink(temporary.c_str());
        return false;
    }
    if (::rename(temporary.c_str(), path_.c_str()) != 0) {
        error = "cannot rename " + temporary + " to " + path_ + ": " + std::strerror(errno);
        ::unlink(temporary.c_str());
        return false;
    }
    // The rename is only durable once the directory entry is on disk.
    int directory = ::open(directory_of(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory >= 0) {
        ::fsync(directory);
        ::close(directory);
    }
    written_version_ = version;
    return true;
}

}  // namespace emulator
