// abc_connection_spec_*, abc_connection_create/update/delete, the connection getters added with
// them, and listing connections.
#include "abi/resource_handles.h"

using namespace airbyte_cloud;
using domain::ConnectionInfo;

namespace {

abc_connection *new_connection_handle(std::shared_ptr<domain::Workspace> workspace, ConnectionInfo info) {
    std::string id = info.connection_id;
    auto handle = std::make_unique<abc_connection>(abc_connection{domain::Connection(std::move(workspace), id)});
    handle->impl.set_details(std::move(info));
    return handle.release();
}

// A spec setter: checks the spec and the required text arguments, then runs `set`.
template <typename Set>
abc_status set_field(abc_connection_spec *spec, const char *function, abc_error **error,
                     std::initializer_list<std::pair<const char *, const char *>> required, Set &&set) {
    return abi::set_texts(
        spec, function, error, required,
        [&](abc_connection_spec &s) { return abi::in_function(function, set(s.impl)); }, "spec");
}


domain::ListQuery connection_query(const std::shared_ptr<domain::Workspace> &workspace,
                                   const domain::ListOptions &options) {
    return domain::connection_list_query(workspace->id(), options);
}

StatusOr<ConnectionInfo> parse_listed_connection(json::Value entry) { return domain::parse_connection(entry); }

}  // namespace

extern "C" {

ABC_API abc_status abc_connection_spec_new(abc_connection_spec **out, abc_error **error) {
    return abi::make_handle(out, __func__, error, [] { return new abc_connection_spec(); });
}

ABC_API void abc_connection_spec_free(abc_connection_spec *spec) { delete spec; }

ABC_API abc_status abc_connection_spec_set_name(abc_connection_spec *spec, const char *name, abc_error **error) {
    return set_field(spec, "abc_connection_spec_set_name", error, {{"name", name}},
                     [&](domain::ConnectionSpec &impl) { return impl.set_name(name); });
}

ABC_API abc_status abc_connection_spec_set_source_id(abc_connection_spec *spec, const char *source_id,
                                                     abc_error **error) {
    return set_field(spec, "abc_connection_spec_set_source_id", error, {{"source_id", source_id}},
                     [&](domain::ConnectionSpec &impl) { return impl.set_source_id(source_id); });
}

ABC_API abc_status abc_connection_spec_set_destination_id(abc_connection_spec *spec, const char *destination_id,
                                                          abc_error **error) {
    return set_field(spec, "abc_connection_spec_set_destination_id", error, {{"destination_id", destination_id}},
                     [&](domain::ConnectionSpec &impl) { return impl.set_destination_id(destination_id); });
}

ABC_API abc_status abc_connection_spec_add_stream(abc_connection_spec *spec, const char *stream_name,
                                                  const char *sync_mode, const char *cursor_field,
                                                  const char *primary_key, abc_error **error) {
    return set_field(spec, "abc_connection_spec_add_stream", error, {{"stream_name", stream_name}},
                     [&](domain::ConnectionSpec &impl) {
                         return impl.add_stream(stream_name, abi::text_or_empty(sync_mode),
                                                abi::text_or_empty(cursor_field), abi::text_or_empty(primary_key));
                     });
}

ABC_API abc_status abc_connection_spec_set_prefix(abc_connection_spec *spec, const char *prefix, abc_error **error) {
    const char *fn = "abc_connection_spec_set_prefix";
    return set_field(spec, fn, error, {}, [&](domain::ConnectionSpec &impl) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(prefix, fn, "prefix"));
        return impl.set_prefix(prefix);
    });
}

ABC_API abc_status abc_connection_spec_set_schedule_manual(abc_connection_spec *spec, abc_error **error) {
    return set_field(spec, "abc_connection_spec_set_schedule_manual", error, {},
                     [&](domain::ConnectionSpec &impl) { return impl.set_schedule_manual(); });
}

ABC_API abc_status abc_connection_spec_set_schedule_cron(abc_connection_spec *spec, const char *cron_expression,
                                                         abc_error **error) {
    return set_field(spec, "abc_connection_spec_set_schedule_cron", error, {{"cron_expression", cron_expression}},
                     [&](domain::ConnectionSpec &impl) { return impl.set_schedule_cron(cron_expression); });
}

ABC_API abc_status abc_connection_spec_set_namespace(abc_connection_spec *spec, const char *namespace_definition,
                                                     const char *namespace_format, abc_error **error) {
    return set_field(spec, "abc_connection_spec_set_namespace", error, {{"namespace_definition", namespace_definition}},
                     [&](domain::ConnectionSpec &impl) {
                         return impl.set_namespace(namespace_definition, abi::text_or_empty(namespace_format));
                     });
}

ABC_API abc_status abc_connection_spec_set_status(abc_connection_spec *spec, const char *status, abc_error **error) {
    return set_field(spec, "abc_connection_spec_set_status", error, {{"status", status}},
                     [&](domain::ConnectionSpec &impl) { return impl.set_status(status); });
}

ABC_API abc_status abc_connection_spec_to_json(char **out_json, const abc_connection_spec *spec, abc_error **error) {
    const char *fn = "abc_connection_spec_to_json";
    if (out_json != nullptr) *out_json = nullptr;
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out_json, fn, "out_json"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(spec, fn, "spec"));
        auto body = spec->impl.create_body();
        if (!body.ok()) return abi::in_function(fn, body.status());
        *out_json = abi::owned_string(*body);
        return Status();
    });
}

ABC_API abc_status abc_connection_create(abc_connection **out, abc_workspace *workspace,
                                         const abc_connection_spec *spec, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, workspace, "workspace", fn, error, [&](abc_workspace &w, abc_connection *&made) {
        ABC_RETURN_IF_ERROR(abi::require_pointer(spec, fn, "spec"));
        auto created = domain::create_connection(*w.impl->api(), spec->impl);
        if (!created.ok()) return abi::in_function(fn, created.status());
        made = new_connection_handle(w.impl, std::move(*created));
        return Status();
    });
}

ABC_API abc_status abc_connection_update(abc_connection *connection, const abc_connection_spec *changes,
                                         abc_error **error) {
    const char *fn = __func__;
    return abi::on_handle(connection, "connection", fn, error, [&](abc_connection &c) {
        ABC_RETURN_IF_ERROR(abi::require_pointer(changes, fn, "changes"));
        auto updated = domain::patch_connection(*c.impl.workspace()->api(), c.impl.id(), changes->impl);
        if (!updated.ok()) return abi::in_function(fn, updated.status());
        c.impl.set_details(std::move(*updated));
        return Status();
    });
}

ABC_API abc_status abc_connection_delete(abc_workspace *workspace, const char *connection_id, int cascade,
                                         abc_safe_mode safe_mode, abc_error **error) {
    const char *fn = __func__;
    return abi::on_handle(workspace, "workspace", fn, error, [&](abc_workspace &w) {
        ABC_RETURN_IF_ERROR(abi::require_id(connection_id, fn, "connection_id"));
        ABC_RETURN_IF_ERROR(abi::require_range(cascade, 0, 1, fn, "cascade"));
        std::int64_t mode = abi::enum_argument(safe_mode);
        ABC_RETURN_IF_ERROR(abi::require_range(mode, ABC_SAFE_MODE_DEFAULT, ABC_SAFE_MODE_OFF, fn, "safe_mode"));
        return domain::delete_connection(*w.impl->api(), connection_id, cascade != 0,
                                         static_cast<domain::SafeMode>(mode));
    });
}

ABC_API abc_status abc_connection_schedule_type(const char **out, abc_connection *connection, abc_error **error) {
    return abi::connection_text(out, connection, "abc_connection_schedule_type", error, &ConnectionInfo::schedule_type);
}

ABC_API abc_status abc_connection_cron_expression(const char **out, abc_connection *connection, abc_error **error) {
    return abi::connection_text(out, connection, "abc_connection_cron_expression", error,
                           &ConnectionInfo::cron_expression);
}

ABC_API abc_status abc_connection_namespace_definition(const char **out, abc_connection *connection,
                                                       abc_error **error) {
    return abi::connection_text(out, connection, "abc_connection_namespace_definition", error,
                           &ConnectionInfo::namespace_definition);
}

ABC_API abc_status abc_connection_json(const char **out, abc_connection *connection, abc_error **error) {
    return abi::connection_text(out, connection, "abc_connection_json", error, &ConnectionInfo::json);
}

ABC_API abc_status abc_workspace_list_connections(abc_connection_list **out, abc_workspace *workspace,
                                                  const abc_list_options *options, abc_error **error) {
    return abi::make_list<abc_connection_list, ConnectionInfo>(out, workspace, options,
                                                               "abc_workspace_list_connections", error,
                                                               connection_query, parse_listed_connection);
}

ABC_COUNT_GETTER(abc_connection_list_count, abc_connection_list, items)

ABC_API abc_status abc_connection_list_get(abc_connection **out, const abc_connection_list *list, size_t index,
                                           abc_error **error) {
    return abi::list_get(out, list, index, "abc_connection_list_get", "connections", error, new_connection_handle);
}

ABC_API void abc_connection_list_free(abc_connection_list *list) { delete list; }

ABC_API abc_status abc_workspace_iterate_connections(abc_connection_iterator **out, abc_workspace *workspace,
                                                     const abc_list_options *options, abc_error **error) {
    return abi::make_iterator<abc_connection_iterator, ConnectionInfo>(
        out, workspace, options, "abc_workspace_iterate_connections", error, connection_query,
        parse_listed_connection);
}

ABC_API abc_status abc_connection_iterator_next(abc_connection **out, abc_connection_iterator *iterator,
                                                abc_error **error) {
    return abi::iterator_next(out, iterator, "abc_connection_iterator_next", error, new_connection_handle);
}

ABC_API void abc_connection_iterator_free(abc_connection_iterator *iterator) { delete iterator; }

}  // extern "C"
