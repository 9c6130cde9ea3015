#include "transport/curl_handle_pool.h"

namespace airbyte_cloud::transport {

CurlHandlePool::CurlHandlePool(std::size_t max_idle_handles) : max_idle_handles_(max_idle_handles) {
    share_ = curl_share_init();
    if (share_ == nullptr)
        return;  // still works, only without the shared DNS/TLS caches
    curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlHandlePool::lock_share);
    curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlHandlePool::unlock_share);
    curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

CurlHandlePool::~CurlHandlePool() {
    // Handles first: each one detaches from the share as it is cleaned up.
    for (CURLM *multi : idle_multi_)
        curl_multi_cleanup(multi);
    for (CURL *handle : idle_easy_)
        curl_easy_cleanup(handle);
    for (CURL *handle : idle_multi_transfers_)
        curl_easy_cleanup(handle);
    if (share_ != nullptr)
        curl_share_cleanup(share_);
}

void CurlHandlePool::lock_share(CURL *, curl_lock_data data, curl_lock_access, void *pool) {
    auto *self = static_cast<CurlHandlePool *>(pool);
    if (data >= 0 && data < CURL_LOCK_DATA_LAST)
        self->share_mutexes_[data].lock();
}

void CurlHandlePool::unlock_share(CURL *, curl_lock_data data, void *pool) {
    auto *self = static_cast<CurlHandlePool *>(pool);
    if (data >= 0 && data < CURL_LOCK_DATA_LAST)
        self->share_mutexes_[data].unlock();
}

// Most recently used first: its connection is the least likely to have been closed by the
// server for idleness. nullptr when none is idle.
template <typename Handle>
Handle *CurlHandlePool::take_idle(std::vector<Handle *> &idle) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle.empty())
        return nullptr;
    Handle *handle = idle.back();
    idle.pop_back();
    return handle;
}

CURL *CurlHandlePool::take_or_create(std::vector<CURL *> &idle) {
    CURL *handle = take_idle(idle);
    if (handle == nullptr)
        handle = curl_easy_init();
    if (handle != nullptr && share_ != nullptr)
        curl_easy_setopt(handle, CURLOPT_SHARE, share_);
    return handle;
}

void CurlHandlePool::give_back(std::vector<CURL *> &idle, CURL *handle, bool transfer_succeeded) {
    if (handle == nullptr)
        return;
    if (transfer_succeeded) {
        // Reset now, not at the next acquire: the options still point into the finished
        // transfer's buffers and header list, which are about to be freed.
        curl_easy_reset(handle);
        std::lock_guard<std::mutex> lock(mutex_);
        if (idle.size() < max_idle_handles_) {
            idle.push_back(handle);
            return;
        }
    }
    curl_easy_cleanup(handle);
}

CURL *CurlHandlePool::acquire_easy() {
    return take_or_create(idle_easy_);
}

void CurlHandlePool::release_easy(CURL *handle, bool transfer_succeeded) {
    give_back(idle_easy_, handle, transfer_succeeded);
}

CURL *CurlHandlePool::acquire_multi_transfer() {
    return take_or_create(idle_multi_transfers_);
}

void CurlHandlePool::release_multi_transfer(CURL *handle, bool transfer_succeeded) {
    give_back(idle_multi_transfers_, handle, transfer_succeeded);
}

CURLM *CurlHandlePool::acquire_multi(std::size_t max_host_connections) {
    CURLM *multi = take_idle(idle_multi_);
    if (multi == nullptr)
        multi = curl_multi_init();
    if (multi == nullptr)
        return nullptr;
    const long limit = max_host_connections > 0 ? static_cast<long>(max_host_connections) : 1L;
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, limit);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, limit);
    return multi;
}

void CurlHandlePool::release_multi(CURLM *multi) {
    if (multi == nullptr)
        return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (idle_multi_.size() < kMaxIdleMultiHandles) {
            idle_multi_.push_back(multi);
            return;
        }
    }
    curl_multi_cleanup(multi);
}

}  // namespace airbyte_cloud::transport
