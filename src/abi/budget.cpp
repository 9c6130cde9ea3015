// abc_options_set_request_rate, abc_workspace_request_budget: the transport's RequestBudget.
#include <cmath>

#include "abi/handles.h"

using namespace airbyte_cloud;

extern "C" {

ABC_API abc_status abc_options_set_request_rate(abc_options *options, double requests_per_second,
                                                abc_error **error) {
    const char *fn = "abc_options_set_request_rate";
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(options, fn, "options"));
        const bool valid = requests_per_second == 0 ||
                           (std::isfinite(requests_per_second) && requests_per_second >= 0.01 &&
                            requests_per_second <= 100000);
        if (!valid) {
            return InvalidArgument(std::string(fn) +
                                   ": requests_per_second must be 0 (no cap) or within 0.01..100000");
        }
        options->settings.http.request_rate = requests_per_second;
        return Status();
    });
}

ABC_API abc_status abc_workspace_request_budget(double *out_rate, int64_t *out_rate_limited,
                                                int64_t *out_paused_ms, int64_t *out_delayed_ms,
                                                const abc_workspace *workspace, abc_error **error) {
    const char *fn = "abc_workspace_request_budget";
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(workspace, fn, "workspace"));
        const auto state = workspace->impl->api()->budget_state();
        if (out_rate != nullptr) *out_rate = state.rate_per_second;
        if (out_rate_limited != nullptr) *out_rate_limited = state.rate_limited;
        if (out_paused_ms != nullptr) *out_paused_ms = state.paused_ms;
        if (out_delayed_ms != nullptr) *out_delayed_ms = state.delayed_ms;
        return Status();
    });
}

}  // extern "C"
