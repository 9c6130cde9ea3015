// abc_workspace_*: the entry point handle.
#include <cstdlib>

#include "abi/handles.h"

using namespace airbyte_cloud;

namespace {

abc_status make_workspace(abc_workspace **out, const char *workspace_id, const abc_options *options,
                          bool from_environment, const char *fn, abc_error **error) {
    if (out != nullptr) *out = nullptr;
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, fn, "out"));
        abc_options settings = options != nullptr ? *options : abc_options();
        std::string id;
        if (from_environment) {
            abc_error *environment_error = nullptr;
            abc_status loaded = abc_options_load_environment(&settings, &environment_error);
            if (loaded != ABC_OK) {
                Status status = environment_error != nullptr ? environment_error->status
                                                             : InvalidArgument(fn);
                abc_error_free(environment_error);
                return status;
            }
            const char *value = std::getenv("AIRBYTE_CLOUD_WORKSPACE_ID");
            if (value == nullptr || value[0] == '\0') {
                return InvalidArgument(std::string(fn) +
                                       ": the environment variable AIRBYTE_CLOUD_WORKSPACE_ID is not set");
            }
            id = value;
        } else {
            ABC_RETURN_IF_ERROR(abi::require_id(workspace_id, fn, "workspace_id"));
            id = workspace_id;
        }
        auto workspace = std::make_shared<domain::Workspace>(std::move(id), settings.settings);
        *out = new abc_workspace{std::move(workspace)};
        return Status();
    });
}

}  // namespace

extern "C" {

ABC_API abc_status abc_workspace_new(abc_workspace **out, const char *workspace_id,
                                     const abc_options *options, abc_error **error) {
    return make_workspace(out, workspace_id, options, false, "abc_workspace_new", error);
}

ABC_API abc_status abc_workspace_new_from_environment(abc_workspace **out, const abc_options *options,
                                                      abc_error **error) {
    return make_workspace(out, nullptr, options, true, "abc_workspace_new_from_environment", error);
}

ABC_API void abc_workspace_free(abc_workspace *workspace) { delete workspace; }

ABC_API abc_status abc_workspace_connect(abc_workspace *workspace, abc_error **error) {
    return abi::guarded(error, "abc_workspace_connect", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(workspace, "abc_workspace_connect", "workspace"));
        return workspace->impl->connect();
    });
}

ABC_API const char *abc_workspace_id(const abc_workspace *workspace) {
    return workspace != nullptr ? workspace->impl->id().c_str() : "";
}

ABC_API const char *abc_workspace_api_url(const abc_workspace *workspace) {
    return workspace != nullptr ? workspace->impl->api_url().c_str() : "";
}

ABC_API const char *abc_workspace_url(const abc_workspace *workspace) {
    return workspace != nullptr ? workspace->impl->url().c_str() : "";
}

}  // extern "C"
