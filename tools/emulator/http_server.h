// cpp-httplib glue: one catch-all handler that picks the root (/v1, /api/public/v1, /_emulator),
// applies injected faults, authenticates, routes, renders problems, counts and logs.
#pragma once

#include "context.h"

#include <httplib.h>

#include <string>

namespace emulator {

class HttpServer : public httplib::Server {
public:
    explicit HttpServer(Emulator &emulator);
    // Binds and listens; returns the port (useful with port 0) or -1.
    int bind(const std::string &host, int port);

private:
    void handle(const httplib::Request &request, httplib::Response &response, const std::string &body);
    void dispatch(Context &ctx, const Router &router, bool count_routes);
    void handle_api(const httplib::Request &request, httplib::Response &response, const std::string &body,
                    std::string &note);
    Emulator &emulator_;
    Router api_;
    Router admin_;
    Router config_;
};

}  // namespace emulator
