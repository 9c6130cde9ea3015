// Who is calling (bearer API key or access token) and what they may touch. Credentials are
// granted the startup workspaces and the workspaces they create; anything else is foreign.
// Rule (documented in docs/EMULATOR.md): an id that does not exist (or was deleted) is 404
// resource-not-found; one that exists in a workspace the caller is not granted is 403 forbidden.
#pragma once

#include "context.h"

#include <string>
#include <vector>

namespace emulator {

// Sets ctx.principal; throws 401 invalid-api-key for a missing, unknown or expired credential.
void authenticate(Context &ctx);

// The helpers below require emulator.mutex to be held.
bool is_granted(const State &state, const std::string &principal, const std::string &workspace_id);
// 400 bad-request unless `value` is a UUID; returns it lower-cased.
std::string require_uuid(const std::string &value, const std::string &what);
Workspace &require_workspace(Context &ctx, const std::string &id);
Actor &require_source(Context &ctx, const std::string &id);
Actor &require_destination(Context &ctx, const std::string &id);
Connection &require_connection(Context &ctx, const std::string &id);
Job &require_job(Context &ctx, int64_t id);
bool is_workspace_deleted(const State &state, const std::string &workspace_id);
// Workspaces a list request covers: the requested ones (403 if any is not granted) or, when none
// are requested, every live workspace the caller is granted.
std::vector<std::string> listed_workspaces(Context &ctx, const std::vector<std::string> &requested);

}  // namespace emulator
