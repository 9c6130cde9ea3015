#include "http_server.h"

#include "access.h"
#include "problems.h"
#include "text.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace emulator {

namespace {

const std::string self_managed_root = "/api/public/v1";
const std::string cloud_root = "/v1";
const std::string admin_root = "/_emulator";
const std::string config_root = "/api/v1";  // the Config API (config.yaml)

bool has_root(const std::string &path, const std::string &root) {
    return path.compare(0, root.size(), root) == 0 && (path.size() == root.size() || path[root.size()] == '/');
}

void send_problem(httplib::Response &response, const ApiError &error, bool status_as_string) {
    response.status = error.status;
    response.set_content(render_problem(error, status_as_string), "application/json");
}

std::string peer_address(const sockaddr_storage &address, int &port) {
    char text[INET6_ADDRSTRLEN] = "";
    if (address.ss_family == AF_INET) {
        const auto *ipv4 = reinterpret_cast<const sockaddr_in *>(&address);
        inet_ntop(AF_INET, &ipv4->sin_addr, text, sizeof text);
        port = ntohs(ipv4->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto *ipv6 = reinterpret_cast<const sockaddr_in6 *>(&address);
        inet_ntop(AF_INET6, &ipv6->sin6_addr, text, sizeof text);
        port = ntohs(ipv6->sin6_port);
    }
    return text;
}

// cpp-httplib does not hand handlers their socket. For the "drop" fault, find it among this
// process' descriptors by its two endpoints and shut it down: httplib's own write then fails and
// it closes the connection, so the client gets no response at all.
bool shutdown_client_connection(const httplib::Request &request) {
    DIR *directory = opendir("/proc/self/fd");
    if (!directory) return false;
    bool found = false;
    while (dirent *entry = readdir(directory)) {
        char *end = nullptr;
        long fd = std::strtol(entry->d_name, &end, 10);
        if (!end || *end != '\0' || fd < 0) continue;
        struct stat info {};
        if (fstat(static_cast<int>(fd), &info) != 0 || !S_ISSOCK(info.st_mode)) continue;
        sockaddr_storage local{}, peer{};
        socklen_t local_size = sizeof local, peer_size = sizeof peer;
        if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&local), &local_size) != 0) continue;
        if (getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&peer), &peer_size) != 0) continue;
        int local_port = 0, peer_port = 0;
        peer_address(local, local_port);
        std::string peer_text = peer_address(peer, peer_port);
        if (local_port == request.local_port && peer_port == request.remote_port && peer_text == request.remote_addr) {
            ::shutdown(static_cast<int>(fd), SHUT_RDWR);
            found = true;
            break;
        }
    }
    closedir(directory);
    return found;
}

// Sends the first half of `body` under a Content-Length for all of it, then closes.
void truncate_response(httplib::Response &response) {
    std::string body = std::move(response.body);
    std::string content_type = response.get_header_value("Content-Type");
    if (content_type.empty()) content_type = "application/json";
    response.body.clear();
    const size_t declared = body.empty() ? 32 : body.size();
    auto partial = std::make_shared<std::string>(body.substr(0, body.size() / 2));
    response.set_content_provider(declared, content_type,
                                  [partial](size_t offset, size_t, httplib::DataSink &sink) {
                                      if (offset == 0 && !partial->empty()) {
                                          sink.write(partial->data(), partial->size());
                                          return true;
                                      }
                                      return false;  // abort: httplib closes the connection
                                  });
}

}  // namespace

HttpServer::HttpServer(Emulator &emulator) : emulator_(emulator) {
    for (const auto &table : {health_routes, token_routes, workspace_routes, source_routes, destination_routes,
                              connection_routes, job_routes, stream_routes, record_routes, definition_routes})
        api_.add_all(table());
    admin_.add_all(admin_routes());
    config_.add_all(config_routes());

    const int threads = emulator.options.threads;
    new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    // One keep-alive connection may carry any number of requests (the library default is 5).
    set_keep_alive_max_count(1u << 30);
    set_keep_alive_timeout(5);
    set_payload_max_length(64u << 20);
    set_tcp_nodelay(true);

    auto handler = [this](const httplib::Request &request, httplib::Response &response) {
        handle(request, response, request.body);
    };
    // httplib 0.11 waits for the connection to close when a POST has neither Content-Length nor
    // chunked encoding; HTTP says such a request has no body. Reading through a content reader
    // lets the emulator apply that rule (and answer at once).
    auto reading_handler = [this](const httplib::Request &request, httplib::Response &response,
                                  const httplib::ContentReader &reader) {
        std::string body;
        const bool has_body = request.has_header("Content-Length") ||
                              request.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
        if (has_body && !reader([&body](const char *data, size_t length) {
                body.append(data, length);
                return true;
            })) {
            send_problem(response, problem::bad_request("The request body could not be read."),
                         emulator_.options.quirks.problem_status_string);
            return;
        }
        handle(request, response, body);
    };
    Get(".*", handler);
    Options(".*", handler);
    Post(".*", reading_handler);
    Put(".*", reading_handler);
    Patch(".*", reading_handler);
    Delete(".*", reading_handler);
    // Errors httplib answers itself (unparsable request line, body too large) get a problem body too.
    set_error_handler([this](const httplib::Request &, httplib::Response &response) {
        if (response.body.empty() && !response.content_provider_) {
            ApiError error = response.status == 404 ? problem::route_not_found("", "")
                                                    : problem::bad_request("The request could not be parsed.");
            error.status = response.status;
            send_problem(response, error, emulator_.options.quirks.problem_status_string);
        }
    });
}

int HttpServer::bind(const std::string &host, int port) {
    int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
    // httplib listens with a backlog of 5; clients open up to ~32 connections at once.
    if (bound > 0) ::listen(svr_sock_, 256);
    return bound;
}

void HttpServer::dispatch(Context &ctx, const Router &router, bool count_routes) {
    const Route *route = router.match(ctx.request.method, ctx.path, ctx.params);
    if (!route) throw problem::route_not_found(ctx.request.method, ctx.api_root + ctx.path);
    if (count_routes) emulator_.stats.record_route(route->name);
    if (route->authenticated) authenticate(ctx);
    route->handler(ctx);
}

void HttpServer::handle_api(const httplib::Request &request, httplib::Response &response, const std::string &body,
                            std::string &note) {
    const std::string &path = request.path;
    std::string root;
    if (has_root(path, config_root)) {
        root = config_root;
    } else if (has_root(path, self_managed_root)) {
        root = self_managed_root;
    } else if (has_root(path, cloud_root)) {
        root = cloud_root;
    } else if (path != "/health") {
        throw problem::route_not_found(request.method, path);
    }
    const bool counted = path.size() - root.size() != 7 || path.compare(root.size(), 7, "/health") != 0;
    if (counted) emulator_.stats.record_request();

    bool truncate = false, drop_after = false;
    auto fault = emulator_.faults.over_rate_limit(now_ms());
    if (!fault) fault = emulator_.faults.take(request.method, path);
    if (fault) {
        note = " fault=" + fault->kind;
        if (fault->kind == "delay") {
            std::this_thread::sleep_for(std::chrono::milliseconds(fault->delay_ms));
        } else if (fault->kind == "status") {
            response.status = fault->status;
            if (fault->status == 429) {
                // The real load-shed filter's body, not a problem document.
                response.set_content("{\"message\": \"You are being rate limited.\"}", "application/json");
            } else {
                send_problem(response, problem::for_status(fault->status), emulator_.options.quirks.problem_status_string);
            }
            if (fault->retry_after_seconds) response.set_header("Retry-After", std::to_string(*fault->retry_after_seconds));
            return;
        } else if (fault->kind == "non_json") {
            response.status = 200;
            response.set_content("<html>oops</html>", "application/json");
            return;
        } else if (fault->kind == "drop") {
            if (!shutdown_client_connection(request)) emulator_.log_error("drop fault: connection not found");
            response.status = 500;
            response.set_header("Connection", "close");
            return;
        } else if (fault->kind == "truncate") {
            truncate = true;
        } else if (fault->kind == "drop_after") {
            drop_after = true;
        }
    }

    Context ctx{request, response, emulator_, root, path.substr(root.size()), {}, "", now_ms(), body};
    try {
        dispatch(ctx, root == config_root ? config_ : api_, true);  // every route counts, health checks too
    } catch (const ApiError &error) {
        if (root == config_root) {
            int status = error.status;
            response.set_content(render_config_error(error, status), "application/json");
            response.status = status;
        } else {
            send_problem(response, error, emulator_.options.quirks.problem_status_string);
        }
    }
    if (truncate) truncate_response(response);
    // The request took effect (a POST /jobs started its job); the answer is lost on the way back.
    if (drop_after && !shutdown_client_connection(request)) emulator_.log_error("drop_after fault: connection not found");
}

void HttpServer::handle(const httplib::Request &request, httplib::Response &response, const std::string &body) {
    const auto started = std::chrono::steady_clock::now();
    std::string note;
    const bool status_as_string = emulator_.options.quirks.problem_status_string;
    try {
        if (has_root(request.path, admin_root)) {
            Context ctx{request, response, emulator_, admin_root, request.path.substr(admin_root.size()), {}, "",
                        now_ms(), body};
            dispatch(ctx, admin_, false);
        } else {
            handle_api(request, response, body, note);
        }
    } catch (const ApiError &error) {
        send_problem(response, error, status_as_string);
    } catch (const std::exception &error) {
        emulator_.log_error(request.method + " " + request.path + ": " + error.what());
        send_problem(response, problem::unexpected(error.what()), status_as_string);
    }
    // The server's clock (shifted by POST /_emulator/clock), as clients read it to stay skew-proof.
    response.set_header("Date", http_date(now_ms()));
    if (!emulator_.options.quiet) {
        const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
        char line[64];
        std::snprintf(line, sizeof line, " %d %.1fms", response.status, elapsed.count());
        emulator_.log_request(request.method + " " + request.path + line + note);
    }
}

}  // namespace emulator
