// Version, process-wide init, names of enum values, strings the caller owns, secrets.
#include <cstdlib>
#include <cstring>

#include "abi/handles.h"
#include "transport/http_client.h"

using namespace airbyte_cloud;

extern "C" {

ABC_API const char *abc_version_string(void) { return ABC_VERSION_STRING; }
ABC_API int abc_version_number(void) { return ABC_VERSION_NUMBER; }

ABC_API abc_status abc_library_init(void) {
    return abi::guarded(nullptr, "abc_library_init", [] {
        transport::global_init_acquire();
        return Status();
    });
}

ABC_API void abc_library_shutdown(void) { transport::global_init_release(); }

ABC_API const char *abc_job_state_name(abc_job_state state) {
    int value = abi::enum_argument(state);
    if (value < ABC_JOB_STATE_UNKNOWN || value > ABC_JOB_STATE_CANCELLED) return "unknown";
    return domain::job_state_name(static_cast<domain::JobState>(value));
}

ABC_API int abc_job_state_is_final(abc_job_state state) {
    int value = abi::enum_argument(state);
    if (value < ABC_JOB_STATE_UNKNOWN || value > ABC_JOB_STATE_CANCELLED) return 0;
    return domain::job_state_is_final(static_cast<domain::JobState>(value)) ? 1 : 0;
}

ABC_API void abc_string_free(char *text) { std::free(text); }

ABC_API abc_status abc_secret_get(char **out, const char *name, abc_error **error) {
    if (out != nullptr) *out = nullptr;
    return abi::guarded(error, "abc_secret_get", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, "abc_secret_get", "out"));
        ABC_RETURN_IF_ERROR(abi::require_text(name, "abc_secret_get", "name"));
        const char *value = std::getenv(name);
        if (value == nullptr || value[0] == '\0') {
            return Status(StatusCode::kNotFound, std::string("abc_secret_get: the environment variable ") +
                                                     name + " is not set or empty");
        }
        *out = strdup(value);
        if (*out == nullptr) throw std::bad_alloc();
        return Status();
    });
}

}  // extern "C"
