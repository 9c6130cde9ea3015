// Managing workspaces, the health check, raw requests, OAuth, job filters and job iterators, the
// list-option filters the API defines, and tags on a connection spec.
#include "abi/record_handles.h"
#include "domain/platform_api.h"
#include "domain/record_requests.h"
#include "domain/time_format.h"

using namespace airbyte_cloud;

struct abc_job_filter {
    domain::JobFilter impl;
};

struct abc_job_iterator : abi::ItemIterator<domain::JobInfo> {
    using ItemIterator::ItemIterator;
};

namespace {

const char *or_empty(const char *text) {
    return text != nullptr ? text : "";
}

// Checks `value` and appends it to one of the list options' id lists.
abc_status add_list_filter(abc_list_options *options, const char *value, const char *function,
                           const char *argument,
                           std::vector<std::string> domain::ListOptions::*list, abc_error **error) {
    return abi::guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(options, function, "options"));
        ABC_RETURN_IF_ERROR(abi::require_text(value, function, argument));
        (options->impl.*list).emplace_back(value);
        return Status();
    });
}

template <typename Change>
abc_status change_filter(abc_job_filter *filter, const char *function, abc_error **error,
                         Change &&change) {
    return abi::guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(filter, function, "filter"));
        return abi::in_function(function, change(filter->impl));
    });
}

// Sets a [start, end] window of Unix seconds (0: open) as ISO-8601 text.
abc_status set_window(abc_job_filter *filter, int64_t start, int64_t end, const char *function,
                      std::string domain::JobFilter::*start_text,
                      std::string domain::JobFilter::*end_text, abc_error **error) {
    return change_filter(filter, function, error, [&](domain::JobFilter &impl) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(start, 0, INT64_MAX / 2, function, "start"));
        ABC_RETURN_IF_ERROR(abi::require_range(end, 0, INT64_MAX / 2, function, "end"));
        if (start != 0 && end != 0 && end < start)
            return InvalidArgument("end is before start");
        impl.*start_text = start != 0 ? domain::format_iso8601_timestamp(start) : "";
        impl.*end_text = end != 0 ? domain::format_iso8601_timestamp(end) : "";
        return Status();
    });
}

StatusOr<domain::JobInfo> parse_listed_job(json::Value entry) {
    return domain::parse_job(entry);
}

// Whose OAuth credential override a call sets or deletes.
struct OAuthScope {
    const char *path;         // "/workspaces/{}"
    const char *id_argument;  // "workspace_id"
    bool id_required;         // false: NULL means the handle's workspace
};
constexpr OAuthScope kWorkspaceScope{"/workspaces/{}", "workspace_id", false};
constexpr OAuthScope kOrganizationScope{"/organizations/{}", "organization_id", true};

// Sets the override (configuration_json given) or deletes it (`deleting`).
abc_status oauth_override(abc_workspace *workspace, const OAuthScope &scope, const char *id,
                          const char *actor_type, const char *name, bool deleting,
                          const char *configuration_json, const char *function, abc_error **error) {
    return abi::workspace_call(workspace, function, error, [&](domain::Workspace &owner) -> Status {
        if (id != nullptr || scope.id_required)
            ABC_RETURN_IF_ERROR(abi::require_text(id, function, scope.id_argument));
        ABC_RETURN_IF_ERROR(abi::require_text(actor_type, function, "actor_type"));
        ABC_RETURN_IF_ERROR(abi::require_text(name, function, "name"));
        std::string scope_path = domain::expand_path(scope.path, {id != nullptr ? id : owner.id()});
        if (deleting)
            return domain::delete_oauth_credentials(*owner.api(), scope_path, actor_type, name);
        ABC_RETURN_IF_ERROR(abi::require_text(configuration_json, function, "configuration_json"));
        auto body = domain::oauth_credentials_body(actor_type, name, configuration_json);
        if (!body.ok())
            return body.status();
        return domain::put_oauth_credentials(*owner.api(), scope_path, *body);
    });
}

abc_workspace_info *new_workspace_info(domain::WorkspaceDetails details) {
    return new abc_workspace_info{std::move(details)};
}

// Sends the body make_body(workspace) builds (checks included) with send(api, workspace, body)
// and hands the workspace details it answers out as a new abc_workspace_info.
template <typename MakeBody, typename Send>
abc_status workspace_info_call(abc_workspace_info **out, abc_workspace *workspace,
                               const char *function, abc_error **error, MakeBody &&make_body,
                               Send &&send) {
    if (out != nullptr)
        *out = nullptr;
    return abi::workspace_call(workspace, function, error, [&](domain::Workspace &owner) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, function, "out"));
        StatusOr<std::string> body = make_body(owner);
        if (!body.ok())
            return body.status();
        auto details = send(*owner.api(), owner, *body);
        if (!details.ok())
            return details.status();
        *out = new_workspace_info(std::move(*details));
        return Status();
    });
}

}  // namespace

extern "C" {

/* ---- List option filters ---- */

ABC_API abc_status abc_list_options_add_workspace_id(abc_list_options *options,
                                                     const char *workspace_id, abc_error **error) {
    return add_list_filter(options, workspace_id, "abc_list_options_add_workspace_id",
                           "workspace_id", &domain::ListOptions::workspace_ids, error);
}
ABC_API abc_status abc_list_options_add_tag_id(abc_list_options *options, const char *tag_id,
                                               abc_error **error) {
    return add_list_filter(options, tag_id, "abc_list_options_add_tag_id", "tag_id",
                           &domain::ListOptions::tag_ids, error);
}
ABC_API abc_status abc_list_options_add_user_id(abc_list_options *options, const char *user_id,
                                                abc_error **error) {
    return add_list_filter(options, user_id, "abc_list_options_add_user_id", "user_id",
                           &domain::ListOptions::user_ids, error);
}
ABC_API abc_status abc_list_options_add_email(abc_list_options *options, const char *email,
                                              abc_error **error) {
    return add_list_filter(options, email, "abc_list_options_add_email", "email",
                           &domain::ListOptions::emails, error);
}

ABC_API abc_status abc_connection_spec_add_tag(abc_connection_spec *spec, const abc_tag *tag,
                                               abc_error **error) {
    const char *fn = "abc_connection_spec_add_tag";
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(spec, fn, "spec"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(tag, fn, "tag"));
        const domain::Record &record = tag->record;
        return abi::in_function(
            fn, spec->impl.add_tag(record.field("tagId"), record.field("workspaceId"),
                                   record.field("name"), record.field("color")));
    });
}

/* ---- Managing workspaces ---- */

ABC_API const char *abc_workspace_info_json(const abc_workspace_info *info) {
    return info != nullptr ? info->info.json.c_str() : "";
}

ABC_API abc_status abc_workspace_info_create(abc_workspace_info **out, abc_workspace *workspace,
                                             const char *name, const char *organization_id,
                                             const char *notifications_json, abc_error **error) {
    const char *fn = "abc_workspace_info_create";
    return workspace_info_call(
        out, workspace, fn, error,
        [&](const domain::Workspace &) -> StatusOr<std::string> {
            ABC_RETURN_IF_ERROR(abi::require_pointer(name, fn, "name"));
            return domain::workspace_body(true, std::string_view(name), or_empty(organization_id),
                                          or_empty(notifications_json));
        },
        [](domain::ApiClient &api, const domain::Workspace &, const std::string &body) {
            return domain::create_workspace(api, body);
        });
}

ABC_API abc_status abc_workspace_info_update(abc_workspace_info **out, abc_workspace *workspace,
                                             const char *workspace_id, const char *name,
                                             const char *notifications_json, abc_error **error) {
    const char *fn = "abc_workspace_info_update";
    return workspace_info_call(
        out, workspace, fn, error,
        [&](const domain::Workspace &) -> StatusOr<std::string> {
            if (workspace_id != nullptr)
                ABC_RETURN_IF_ERROR(abi::require_text(workspace_id, fn, "workspace_id"));
            std::optional<std::string_view> new_name;
            if (name != nullptr)
                new_name = name;
            return domain::workspace_body(false, new_name, "", or_empty(notifications_json));
        },
        [&](domain::ApiClient &api, const domain::Workspace &owner, const std::string &body) {
            return domain::update_workspace(
                api, workspace_id != nullptr ? workspace_id : owner.id(), body);
        });
}

ABC_API abc_status abc_workspace_info_delete(abc_workspace *workspace, const char *workspace_id,
                                             abc_safe_mode safe_mode, abc_error **error) {
    const char *fn = "abc_workspace_info_delete";
    return abi::workspace_call(workspace, fn, error, [&](domain::Workspace &owner) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(workspace_id, fn, "workspace_id"));
        int mode = abi::enum_argument(safe_mode);
        ABC_RETURN_IF_ERROR(
            abi::require_range(mode, ABC_SAFE_MODE_DEFAULT, ABC_SAFE_MODE_OFF, fn, "safe_mode"));
        return domain::delete_workspace(*owner.api(), workspace_id,
                                        static_cast<domain::SafeMode>(mode));
    });
}

/* ---- Health, raw requests, OAuth ---- */

ABC_API abc_status abc_workspace_check_health(abc_workspace *workspace, abc_error **error) {
    return abi::workspace_call(
        workspace, "abc_workspace_check_health", error,
        [](domain::Workspace &owner) { return domain::check_health(*owner.api()); });
}

ABC_API abc_status abc_workspace_request(char **out_body, long *out_http_status,
                                         abc_workspace *workspace, const char *method,
                                         const char *path, const char *body_json,
                                         abc_error **error) {
    const char *fn = "abc_workspace_request";
    if (out_body != nullptr)
        *out_body = nullptr;
    if (out_http_status != nullptr)
        *out_http_status = 0;
    return abi::workspace_call(workspace, fn, error, [&](domain::Workspace &owner) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out_body, fn, "out_body"));
        ABC_RETURN_IF_ERROR(abi::require_text(method, fn, "method"));
        ABC_RETURN_IF_ERROR(abi::require_text(path, fn, "path"));
        auto response = domain::raw_request(*owner.api(), method, path, or_empty(body_json));
        if (!response.ok())
            return response.status();
        *out_body = abi::owned_string(response->body);
        if (out_http_status != nullptr)
            *out_http_status = response->status;
        return Status();
    });
}

ABC_API abc_status abc_source_initiate_oauth(char **out_json, abc_workspace *workspace,
                                             const char *source_type, const char *redirect_url,
                                             const char *oauth_input_json, abc_error **error) {
    const char *fn = "abc_source_initiate_oauth";
    if (out_json != nullptr)
        *out_json = nullptr;
    return abi::workspace_call(workspace, fn, error, [&](domain::Workspace &owner) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out_json, fn, "out_json"));
        ABC_RETURN_IF_ERROR(abi::require_text(source_type, fn, "source_type"));
        ABC_RETURN_IF_ERROR(abi::require_text(redirect_url, fn, "redirect_url"));
        auto body = domain::initiate_oauth_body(owner.id(), source_type, redirect_url,
                                                or_empty(oauth_input_json));
        if (!body.ok())
            return body.status();
        auto answer = domain::initiate_oauth(*owner.api(), *body);
        if (!answer.ok())
            return answer.status();
        *out_json = abi::owned_string(*answer);
        return Status();
    });
}

ABC_API abc_status abc_workspace_set_oauth_credentials(abc_workspace *workspace,
                                                       const char *workspace_id,
                                                       const char *actor_type, const char *name,
                                                       const char *configuration_json,
                                                       abc_error **error) {
    return oauth_override(workspace, kWorkspaceScope, workspace_id, actor_type, name, false,
                          configuration_json, "abc_workspace_set_oauth_credentials", error);
}

ABC_API abc_status abc_workspace_delete_oauth_credentials(abc_workspace *workspace,
                                                          const char *workspace_id,
                                                          const char *actor_type, const char *name,
                                                          abc_error **error) {
    return oauth_override(workspace, kWorkspaceScope, workspace_id, actor_type, name, true, nullptr,
                          "abc_workspace_delete_oauth_credentials", error);
}

ABC_API abc_status abc_organization_set_oauth_credentials(abc_workspace *workspace,
                                                          const char *organization_id,
                                                          const char *actor_type, const char *name,
                                                          const char *configuration_json,
                                                          abc_error **error) {
    return oauth_override(workspace, kOrganizationScope, organization_id, actor_type, name, false,
                          configuration_json, "abc_organization_set_oauth_credentials", error);
}

ABC_API abc_status abc_organization_delete_oauth_credentials(abc_workspace *workspace,
                                                             const char *organization_id,
                                                             const char *actor_type,
                                                             const char *name, abc_error **error) {
    return oauth_override(workspace, kOrganizationScope, organization_id, actor_type, name, true,
                          nullptr, "abc_organization_delete_oauth_credentials", error);
}

/* ---- Job filters and iterators ---- */

ABC_API abc_status abc_job_filter_new(abc_job_filter **out, abc_error **error) {
    if (out != nullptr)
        *out = nullptr;
    return abi::guarded(error, "abc_job_filter_new", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, "abc_job_filter_new", "out"));
        *out = new abc_job_filter();
        return Status();
    });
}

ABC_API void abc_job_filter_free(abc_job_filter *filter) {
    delete filter;
}

ABC_API abc_status abc_job_filter_set_connection_id(abc_job_filter *filter,
                                                    const char *connection_id, abc_error **error) {
    return change_filter(filter, "abc_job_filter_set_connection_id", error,
                         [&](domain::JobFilter &impl) {
                             impl.connection_id = or_empty(connection_id);
                             return Status();
                         });
}

ABC_API abc_status abc_job_filter_add_workspace_id(abc_job_filter *filter, const char *workspace_id,
                                                   abc_error **error) {
    const char *fn = "abc_job_filter_add_workspace_id";
    return change_filter(filter, fn, error, [&](domain::JobFilter &impl) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(workspace_id, fn, "workspace_id"));
        impl.workspace_ids.emplace_back(workspace_id);
        return Status();
    });
}

ABC_API abc_status abc_job_filter_set_job_type(abc_job_filter *filter, const char *job_type,
                                               abc_error **error) {
    return change_filter(filter, "abc_job_filter_set_job_type", error,
                         [&](domain::JobFilter &impl) -> Status {
                             if (job_type != nullptr)
                                 ABC_RETURN_IF_ERROR(domain::check_job_type(job_type));
                             impl.job_type = or_empty(job_type);
                             return Status();
                         });
}

ABC_API abc_status abc_job_filter_set_status(abc_job_filter *filter, abc_job_state status,
                                             abc_error **error) {
    const char *fn = "abc_job_filter_set_status";
    return change_filter(filter, fn, error, [&](domain::JobFilter &impl) -> Status {
        int value = abi::enum_argument(status);
        ABC_RETURN_IF_ERROR(abi::require_range(value, ABC_JOB_STATE_UNKNOWN,
                                               ABC_JOB_STATE_CANCELLED, fn, "status"));
        impl.status = value == ABC_JOB_STATE_UNKNOWN
                          ? ""
                          : domain::job_state_name(static_cast<domain::JobState>(value));
        return Status();
    });
}

ABC_API abc_status abc_job_filter_set_created_between(abc_job_filter *filter, int64_t start,
                                                      int64_t end, abc_error **error) {
    return set_window(filter, start, end, "abc_job_filter_set_created_between",
                      &domain::JobFilter::created_at_start, &domain::JobFilter::created_at_end,
                      error);
}

ABC_API abc_status abc_job_filter_set_updated_between(abc_job_filter *filter, int64_t start,
                                                      int64_t end, abc_error **error) {
    return set_window(filter, start, end, "abc_job_filter_set_updated_between",
                      &domain::JobFilter::updated_at_start, &domain::JobFilter::updated_at_end,
                      error);
}

ABC_API abc_status abc_job_filter_set_order(abc_job_filter *filter, const char *field,
                                            int descending, abc_error **error) {
    const char *fn = "abc_job_filter_set_order";
    return change_filter(filter, fn, error, [&](domain::JobFilter &impl) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(field, fn, "field"));
        ABC_RETURN_IF_ERROR(domain::check_one_of(field, {"createdAt", "updatedAt"}, "field"));
        ABC_RETURN_IF_ERROR(abi::require_range(descending, 0, 1, fn, "descending"));
        impl.order_by = std::string(field) + (descending ? "|DESC" : "|ASC");
        return Status();
    });
}

ABC_API abc_status abc_job_filter_set_page_size(abc_job_filter *filter, int page_size,
                                                abc_error **error) {
    const char *fn = "abc_job_filter_set_page_size";
    return change_filter(filter, fn, error, [&](domain::JobFilter &impl) -> Status {
        ABC_RETURN_IF_ERROR(
            abi::require_range(page_size, 1, domain::kMaxPageSize, fn, "page_size"));
        impl.page_size = page_size;
        return Status();
    });
}

ABC_API abc_status abc_workspace_list_jobs(abc_job_list **out, abc_workspace *workspace,
                                           const abc_job_filter *filter, abc_error **error) {
    const char *fn = "abc_workspace_list_jobs";
    if (out != nullptr)
        *out = nullptr;
    return abi::workspace_call(workspace, fn, error, [&](domain::Workspace &owner) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, fn, "out"));
        domain::Paginator<domain::JobInfo> pager(
            *owner.api(),
            domain::job_list_query(filter != nullptr ? filter->impl : domain::JobFilter()),
            parse_listed_job);
        auto jobs = pager.rest();
        if (!jobs.ok())
            return jobs.status();
        *out = new abc_job_list{workspace->impl, std::move(*jobs)};
        return Status();
    });
}

ABC_API abc_status abc_workspace_iterate_jobs(abc_job_iterator **out, abc_workspace *workspace,
                                              const abc_job_filter *filter, abc_error **error) {
    const char *fn = "abc_workspace_iterate_jobs";
    if (out != nullptr)
        *out = nullptr;
    return abi::workspace_call(workspace, fn, error, [&](domain::Workspace &) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, fn, "out"));
        *out = new abc_job_iterator(
            workspace->impl,
            domain::job_list_query(filter != nullptr ? filter->impl : domain::JobFilter()),
            parse_listed_job);
        return Status();
    });
}

ABC_API abc_status abc_job_iterator_next(abc_job **out, abc_job_iterator *iterator,
                                         abc_error **error) {
    return abi::iterator_next(out, iterator, "abc_job_iterator_next", error, abi::new_job_handle);
}

ABC_API void abc_job_iterator_free(abc_job_iterator *iterator) {
    delete iterator;
}

}  // extern "C"
