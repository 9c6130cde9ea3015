// Organizations, users and permissions: who a credential is, and what its permissions let it
// reach. Startup credentials keep their grants (access.h); the emulator's organization has one
// admin user (organization_admin) for the user and permission lists. Users added through
// /_emulator/users have their own API key and no access until a permission grants some (and
// none again once it is deleted).
#pragma once

#include "model.h"

#include <string>
#include <vector>

namespace emulator {

// Creates the organization, the admin user and its permission when missing, and puts
// workspaces without an organization into it.
void seed_people(State &state, uint64_t &sequence);
std::string default_organization_id(const State &state);
// The user a principal acts as ("" for none).
std::string user_of(const State &state, const std::string &principal);
// Whether a permission of the principal's user covers the workspace (directly or through its
// organization).
bool permission_grants(const State &state, const std::string &principal,
                       const std::string &workspace_id);
// Workspaces the principal's permissions cover.
std::vector<std::string> permitted_workspaces(const State &state, const std::string &principal);
// Whether the principal may see an organization: a permission in it, or access to one of its
// workspaces.
bool can_access_organization(const State &state, const std::string &principal,
                             const std::string &organization_id);
// Adds a user with its own API key and no access; returns {userId, apiKey}.
Json add_user(State &state, const std::string &name, const std::string &email);

}  // namespace emulator
