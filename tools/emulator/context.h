// What a route handler sees: the request, the response it fills in, the emulator, and helpers
// for query parameters, JSON bodies and the caller's identity. Also the route table.
#pragma once

#include "emulator.h"
#include "json.h"

#include <httplib.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace emulator {

struct Context {
    const httplib::Request &request;
    httplib::Response &response;
    Emulator &emulator;
    std::string api_root;             // "/v1", "/api/public/v1" or "/_emulator"
    std::string path;                 // below the root, e.g. "/jobs/12"
    std::vector<std::string> params;  // path parameters in pattern order
    std::string principal;            // set once authenticated
    int64_t now = 0;                  // request time, ms since epoch
    const std::string &body;          // request body ("" when none was sent)

    std::optional<std::string> query(const char *name) const;
    // All values of a repeatable parameter; accepts both ?a=x&a=y and ?a=x,y.
    std::vector<std::string> query_list(const char *name) const;
    // Optional boolean query parameter; 400 unless true/false.
    bool query_bool(const char *name, bool fallback) const;
    // The request body as a JSON object; 400 when it is missing, malformed or not an object.
    Json body_object() const;
    // Scheme, host and API root of this request, for pagination links.
    std::string base_url() const;

    void send_json(int status, const Json &body);
    void send_no_content();
    bool status_as_string() const { return emulator.options.quirks.problem_status_string; }
};

using Handler = std::function<void(Context &)>;

struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{}" marks a parameter
    bool authenticated = true;
    std::string name;  // "GET /jobs/{id}", the key in /_emulator/stats
    Handler handler;
};

// One line of a route table: method, pattern ("/jobs/{id}"), handler, and whether the caller must
// authenticate (the admin routes need not).
struct RouteSpec {
    const char *method;
    std::string pattern;
    Handler handler;
    bool authenticated = true;
};
using RouteTable = std::vector<RouteSpec>;

// The usual routes of a collection such as "/jobs": list (GET) and create (POST) on it; get (GET),
// update (PATCH) and remove (DELETE) on "/jobs/{id}". A null handler leaves its route out.
struct CollectionHandlers {
    Handler list, create, get, update, remove;
};
RouteTable collection_routes(const std::string &collection, const CollectionHandlers &handlers);

class Router {
public:
    // pattern like "/jobs/{id}"; HEAD requests are routed as GET.
    void add(const std::string &method, const std::string &pattern, Handler handler, bool authenticated = true);
    void add_all(const RouteTable &table);
    const Route *match(const std::string &method, const std::string &path, std::vector<std::string> &params) const;

private:
    std::vector<Route> routes_;
};

// The route tables, one per resource (routes_*.cpp). To add a route: write its handler
// (void(Context &)) and add one line {method, pattern, handler} to its resource's table (or its
// handler to the resource's collection_routes). A new resource: a new table function here,
// listed in HttpServer's constructor (http_server.cpp).
RouteTable health_routes();
RouteTable token_routes();
RouteTable workspace_routes();
RouteTable source_routes();
RouteTable destination_routes();
RouteTable connection_routes();
RouteTable job_routes();
RouteTable stream_routes();
RouteTable record_routes();      // tags, permissions, users, organizations, OAuth
RouteTable definition_routes();  // custom and declarative connector definitions
RouteTable admin_routes();
RouteTable config_routes();  // the Config API, under /api/v1 (routes_config.cpp)

class ApiError;
// A Config API error body (config.yaml's *ExceptionInfo); sets the HTTP status to send.
std::string render_config_error(const ApiError &error, int &status);

}  // namespace emulator
