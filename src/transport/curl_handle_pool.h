// Idle curl handles kept for reuse, and the caches they share. Internal to the transport.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace airbyte_cloud::transport {

// Keep-alive works through handle reuse. An easy handle run with curl_easy_perform keeps its
// connections in its own cache, so the next request on the same handle reuses them; a multi
// handle keeps the connections its transfers used, so send_all reuses pooled multi handles.
//
// One CURLSH share carries the DNS cache and TLS sessions across every handle. Connections are
// deliberately not put in the share (CURL_LOCK_DATA_CONNECT): libcurl documents that sharing one
// connection cache between concurrent threads is not supported, and this pool is used from many
// threads at once.
//
// Every function is thread-safe. A handle is owned by one caller between acquire and release.
class CurlHandlePool {
  public:
    // Keeps at most `max_idle_handles` idle easy handles of each kind (and so at most that many
    // idle connections from curl_easy_perform).
    explicit CurlHandlePool(std::size_t max_idle_handles);
    ~CurlHandlePool();
    CurlHandlePool(const CurlHandlePool &) = delete;
    CurlHandlePool &operator=(const CurlHandlePool &) = delete;

    // An easy handle for curl_easy_perform, with default options and the share attached;
    // nullptr when libcurl cannot allocate one.
    CURL *acquire_easy();
    // Takes a handle back after its transfer. One whose transfer failed is closed instead of
    // kept: its connection may be in an unknown state, and a new one costs only a connect.
    void release_easy(CURL *handle, bool transfer_succeeded);

    // The same for transfers run inside a multi handle. These are kept apart from the ones
    // above because adding an easy handle to a multi handle drops the connection cache it used
    // for curl_easy_perform.
    CURL *acquire_multi_transfer();
    void release_multi_transfer(CURL *handle, bool transfer_succeeded);

    // A multi handle for one send_all call; nullptr when libcurl cannot allocate one.
    // `max_host_connections` is applied to it (CURLMOPT_MAX_HOST_CONNECTIONS).
    CURLM *acquire_multi(std::size_t max_host_connections);
    // Takes back a multi handle that no longer has easy handles attached.
    void release_multi(CURLM *multi);

    CURLSH *share() const { return share_; }

    // For tests and statistics: connections opened by transfers that reported them.
    void add_connections_opened(long count) { connections_opened_ += count; }
    std::int64_t connections_opened() const { return connections_opened_.load(); }

  private:
    CURL *take_or_create(std::vector<CURL *> &idle);
    template <typename Handle>
    Handle *take_idle(std::vector<Handle *> &idle);
    void give_back(std::vector<CURL *> &idle, CURL *handle, bool transfer_succeeded);

    static void lock_share(CURL *handle, curl_lock_data data, curl_lock_access access, void *pool);
    static void unlock_share(CURL *handle, curl_lock_data data, void *pool);

    static constexpr std::size_t kMaxIdleMultiHandles = 2;

    const std::size_t max_idle_handles_;
    CURLSH *share_ = nullptr;
    // One mutex per kind of shared data, as libcurl requires (CURLSHOPT_LOCKFUNC).
    std::mutex share_mutexes_[CURL_LOCK_DATA_LAST];

    std::mutex mutex_;  // guards the idle lists
    std::vector<CURL *> idle_easy_;
    std::vector<CURL *> idle_multi_transfers_;
    std::vector<CURLM *> idle_multi_;

    std::atomic<std::int64_t> connections_opened_{0};
};

}  // namespace airbyte_cloud::transport
