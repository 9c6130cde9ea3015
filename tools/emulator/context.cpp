#include "context.h"

#include "problems.h"
#include "text.h"

namespace emulator {

std::optional<std::string> Context::query(const char *name) const {
    if (!request.has_param(name)) return std::nullopt;
    return request.get_param_value(name);
}

std::vector<std::string> Context::query_list(const char *name) const {
    std::vector<std::string> values;
    size_t count = request.get_param_value_count(name);
    for (size_t i = 0; i < count; ++i) {
        for (std::string part : split(request.get_param_value(name, i), ',')) {
            while (!part.empty() && part.front() == ' ') part.erase(part.begin());
            while (!part.empty() && part.back() == ' ') part.pop_back();
            if (!part.empty()) values.push_back(part);
        }
    }
    return values;
}

bool Context::query_bool(const char *name, bool fallback) const {
    auto value = query(name);
    if (!value) return fallback;
    if (*value == "true") return true;
    if (*value == "false") return false;
    throw problem::bad_request(std::string("Query parameter ") + name + " must be true or false.");
}

Json Context::body_object() const {
    if (body.empty()) throw problem::bad_request("A JSON request body is required.");
    Json parsed = Json::parse(body);
    if (!parsed) throw problem::bad_request("The request body is not valid JSON.");
    if (!parsed.is_object()) throw problem::bad_request("The request body must be a JSON object.");
    return parsed;
}

std::string Context::base_url() const {
    std::string host = request.get_header_value("Host");
    if (host.empty()) host = request.local_addr + ":" + std::to_string(request.local_port);
    return "http://" + host + api_root;
}

void Context::send_json(int status, const Json &body) {
    response.status = status;
    response.set_content(body.dump(), "application/json");
}

void Context::send_no_content() {
    response.status = 204;
    response.body.clear();
}

void Router::add(const std::string &method, const std::string &pattern, Handler handler, bool authenticated) {
    Route route;
    route.method = method;
    route.authenticated = authenticated;
    route.name = method + " " + pattern;
    route.handler = std::move(handler);
    for (const std::string &segment : split(pattern, '/')) {
        if (segment.empty()) continue;
        route.segments.push_back(segment.front() == '{' ? "{}" : segment);
    }
    routes_.push_back(std::move(route));
}

RouteTable collection_routes(const std::string &collection, const CollectionHandlers &handlers) {
    const std::string item = collection + "/{id}";
    const RouteSpec all[] = {{"GET", collection, handlers.list},   {"POST", collection, handlers.create},
                             {"GET", item, handlers.get},          {"PATCH", item, handlers.update},
                             {"DELETE", item, handlers.remove}};
    RouteTable table;
    for (const RouteSpec &spec : all)
        if (spec.handler) table.push_back(spec);
    return table;
}

void Router::add_all(const RouteTable &table) {
    for (const RouteSpec &spec : table) add(spec.method, spec.pattern, spec.handler, spec.authenticated);
}

const Route *Router::match(const std::string &method, const std::string &path,
                           std::vector<std::string> &params) const {
    std::vector<std::string> segments;
    for (const std::string &segment : split(path, '/'))
        if (!segment.empty()) segments.push_back(segment);
    const std::string wanted = method == "HEAD" ? std::string("GET") : method;
    for (const Route &route : routes_) {
        if (route.method != wanted || route.segments.size() != segments.size()) continue;
        std::vector<std::string> captured;
        bool ok = true;
        for (size_t i = 0; i < segments.size() && ok; ++i) {
            if (route.segments[i] == "{}") {
                captured.push_back(segments[i]);
            } else {
                ok = route.segments[i] == segments[i];
            }
        }
        if (ok) {
            params = std::move(captured);
            return &route;
        }
    }
    return nullptr;
}

}  // namespace emulator
