// GET /health and POST /applications/token (client credentials -> bearer access token).
#include "context.h"
#include "problems.h"
#include "text.h"

#include <algorithm>

namespace emulator {

namespace {

void health(Context &ctx) {
    ctx.response.status = 200;
    ctx.response.set_content("Successful operation", "text/plain");
}

struct TokenRequest {
    std::string client_id;
    std::string client_secret;
    std::string grant_type;
};

TokenRequest read_token_request(const Context &ctx) {
    TokenRequest request;
    const std::string content_type = to_lower(ctx.request.get_header_value("Content-Type"));
    if (content_type.find("application/x-www-form-urlencoded") != std::string::npos) {
        for (const std::string &pair : split(ctx.body, '&')) {
            size_t equals = pair.find('=');
            std::string name = url_decode(pair.substr(0, equals));
            std::string value = equals == std::string::npos ? "" : url_decode(pair.substr(equals + 1));
            if (name == "client_id") request.client_id = value;
            if (name == "client_secret") request.client_secret = value;
            if (name == "grant_type" || name == "grant-type") request.grant_type = value;
        }
    } else {
        Json body = ctx.body_object();
        auto text = [&](const char *key) {
            const cJSON *value = json_member(body.get(), key);
            if (value && !cJSON_IsString(value) && !cJSON_IsNull(value))
                throw problem::bad_request(std::string(key) + " must be a string.");
            return cJSON_IsString(value) ? std::string(value->valuestring) : std::string();
        };
        request.client_id = text("client_id");
        request.client_secret = text("client_secret");
        // The spec spells the property grant-type but requires grant_type; take either.
        request.grant_type = text("grant_type");
        if (request.grant_type.empty()) request.grant_type = text("grant-type");
    }
    if (request.client_id.empty() || request.client_secret.empty())
        throw problem::bad_request("client_id and client_secret are required.");
    if (!request.grant_type.empty() && request.grant_type != "client_credentials")
        throw problem::bad_request("grant_type must be client_credentials.");
    return request;
}

// JWT-shaped (the spec says bearerFormat JWT) but opaque to the emulator: it only looks tokens up.
std::string make_token(const std::string &client_id, int64_t issued_ms, int64_t expires_ms) {
    Json header = Json::object();
    header.set_string("alg", "HS256");
    header.set_string("typ", "JWT");
    Json payload = Json::object();
    payload.set_string("iss", "airbyte-cloud-emulator");
    payload.set_string("sub", client_id);
    payload.set_integer("iat", issued_ms / 1000);
    payload.set_integer("exp", expires_ms / 1000);
    payload.set_string("jti", new_uuid());
    return base64url(header.dump()) + "." + base64url(payload.dump()) + "." + base64url(random_hex(32));
}

void issue_token(Context &ctx) {
    TokenRequest request = read_token_request(ctx);
    const int64_t ttl_ms = ctx.emulator.options.token_ttl_seconds * 1000;
    std::string token;
    {
        std::lock_guard<std::mutex> lock(ctx.emulator.mutex);
        State &state = ctx.emulator.state;
        auto known = std::find_if(state.clients.begin(), state.clients.end(), [&](const ClientCredential &c) {
            return c.id == request.client_id && c.secret == request.client_secret;
        });
        if (known == state.clients.end())
            throw problem::invalid_api_key("Unknown client_id or wrong client_secret.");
        // Forget long-expired tokens so the table does not grow without bound.
        for (auto it = state.tokens.begin(); it != state.tokens.end();) {
            it = it->second.expires_ms + 3600000 < ctx.now ? state.tokens.erase(it) : std::next(it);
        }
        token = make_token(request.client_id, ctx.now, ctx.now + ttl_ms);
        state.tokens[token] = Token{client_principal(request.client_id), ctx.now + ttl_ms};
    }
    ctx.emulator.persist();
    Json body = Json::object();
    body.set_string("access_token", token);
    body.set_string("token_type", "Bearer");
    body.set_integer("expires_in", ctx.emulator.options.token_ttl_seconds);
    ctx.send_json(200, body);
}

}  // namespace

RouteTable health_routes() { return {{"GET", "/health", health, false}}; }

RouteTable token_routes() { return {{"POST", "/applications/token", issue_token, false}}; }

}  // namespace emulator
