// abc_list_options_*, abc_name_is_disposable, abc_source_* and abc_destination_*: sources and
// destinations share one implementation here; the C functions of each are thin wrappers.
#include "abi/resource_handles.h"

using namespace airbyte_cloud;
using domain::ActorInfo;
using domain::ActorKind;

namespace airbyte_cloud::abi {

domain::ListOptions list_options_from(const abc_list_options *options) {
    return options != nullptr ? options->impl : domain::ListOptions();
}

Status require_index(std::size_t index, std::size_t count, const char *function, const char *items_noun) {
    if (index < count) return Status();
    return InvalidArgument(std::string(function) + ": index " + std::to_string(index) + " is out of range; there are " +
                           std::to_string(count) + " " + items_noun);
}

}  // namespace airbyte_cloud::abi

namespace {

static_assert(static_cast<int>(domain::SafeMode::kDefault) == ABC_SAFE_MODE_DEFAULT &&
                  static_cast<int>(domain::SafeMode::kOn) == ABC_SAFE_MODE_ON &&
                  static_cast<int>(domain::SafeMode::kOff) == ABC_SAFE_MODE_OFF,
              "safe modes diverged");

// Checks a safe_mode argument and maps it (see enum_argument for why it is read as bytes).
StatusOr<domain::SafeMode> safe_mode_from(const abc_safe_mode &mode, const char *function) {
    std::int64_t value = abi::enum_argument(mode);
    ABC_RETURN_IF_ERROR(abi::require_range(value, ABC_SAFE_MODE_DEFAULT, ABC_SAFE_MODE_OFF, function, "safe_mode"));
    return static_cast<domain::SafeMode>(value);
}

// What differs between the source and the destination shims.
struct ActorFunctions {
    ActorKind kind;
    const char *handle_argument;  // "source" / "destination"
    const char *id_argument;      // "source_id"
    const char *items_noun;       // "sources"
};
constexpr ActorFunctions kSource{ActorKind::kSource, "source", "source_id", "sources"};
constexpr ActorFunctions kDestination{ActorKind::kDestination, "destination", "destination_id", "destinations"};

template <typename Handle>
Handle *new_actor_handle(std::shared_ptr<domain::Workspace> workspace, ActorInfo info) {
    auto handle = std::make_unique<Handle>();
    handle->workspace = std::move(workspace);
    handle->info = std::move(info);
    return handle.release();
}

template <typename Handle>
abc_status create_actor(const ActorFunctions &kind, Handle **out, abc_workspace *workspace, const char *name,
                        const char *type, const char *definition_id, const char *configuration_json,
                        const char *function, abc_error **error) {
    if (out != nullptr) *out = nullptr;
    return abi::guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(workspace, function, "workspace"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(name, function, "name"));
        ABC_RETURN_IF_ERROR(abi::require_text(configuration_json, function, "configuration_json"));
        domain::ActorCreateRequest request;
        request.kind = kind.kind;
        request.workspace_id = workspace->impl->id();
        request.name = name;
        request.type = abi::text_or_empty(type);
        request.definition_id = abi::text_or_empty(definition_id);
        request.configuration_json = configuration_json;
        auto created = domain::create_actor(*workspace->impl->api(), request);
        if (!created.ok()) return abi::in_function(function, created.status());
        *out = new_actor_handle<Handle>(workspace->impl, std::move(*created));
        return Status();
    });
}

template <typename Handle>
abc_status get_actor(const ActorFunctions &kind, Handle **out, abc_workspace *workspace, const char *id,
                     const char *function, abc_error **error) {
    if (out != nullptr) *out = nullptr;
    return abi::guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(workspace, function, "workspace"));
        ABC_RETURN_IF_ERROR(abi::require_id(id, function, kind.id_argument));
        auto actor = domain::get_actor(*workspace->impl->api(), kind.kind, id);
        if (!actor.ok()) return actor.status();
        *out = new_actor_handle<Handle>(workspace->impl, std::move(*actor));
        return Status();
    });
}

// Checks the arguments (`check` after the handle), runs `change` (returning a new snapshot) and
// stores the snapshot in the handle.
template <typename Check, typename Change>
abc_status change_actor(const ActorFunctions &kind, abi::ActorHandle *handle, const char *function, abc_error **error,
                        Check &&check, Change &&change) {
    return abi::guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(handle, function, kind.handle_argument));
        ABC_RETURN_IF_ERROR(check());
        StatusOr<ActorInfo> updated = change(*handle->workspace->api(), handle->info);
        if (!updated.ok()) return abi::in_function(function, updated.status());
        handle->info = std::move(*updated);
        return Status();
    });
}

abc_status refresh_actor(const ActorFunctions &kind, abi::ActorHandle *handle, const char *function,
                         abc_error **error) {
    return change_actor(
        kind, handle, function, error, [] { return Status(); },
        [&](domain::ApiClient &api, const ActorInfo &current) { return domain::get_actor(api, kind.kind, current.id); });
}

abc_status rename_actor(const ActorFunctions &kind, abi::ActorHandle *handle, const char *name, const char *function,
                        abc_error **error) {
    return change_actor(
        kind, handle, function, error, [&] { return abi::require_pointer(name, function, "name"); },
        [&](domain::ApiClient &api, const ActorInfo &current) {
            return domain::patch_actor(api, current, std::string(name), std::nullopt);
        });
}

abc_status update_actor_configuration(const ActorFunctions &kind, abi::ActorHandle *handle,
                                      const char *configuration_json, const char *function, abc_error **error) {
    return change_actor(
        kind, handle, function, error,
        [&] { return abi::require_text(configuration_json, function, "configuration_json"); },
        [&](domain::ApiClient &api, const ActorInfo &current) {
            return domain::patch_actor(api, current, std::nullopt, std::string(configuration_json));
        });
}

abc_status replace_actor(const ActorFunctions &kind, abi::ActorHandle *handle, const char *name,
                         const char *configuration_json, const char *function, abc_error **error) {
    return change_actor(
        kind, handle, function, error,
        [&]() -> Status {
            ABC_RETURN_IF_ERROR(abi::require_pointer(name, function, "name"));
            return abi::require_text(configuration_json, function, "configuration_json");
        },
        [&](domain::ApiClient &api, const ActorInfo &current) {
            return domain::put_actor(api, current, name, configuration_json);
        });
}

abc_status delete_actor(const ActorFunctions &kind, abc_workspace *workspace, const char *id, const abc_safe_mode &safe_mode,
                        const char *function, abc_error **error) {
    return abi::guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(workspace, function, "workspace"));
        ABC_RETURN_IF_ERROR(abi::require_id(id, function, kind.id_argument));
        auto mode = safe_mode_from(safe_mode, function);
        if (!mode.ok()) return mode.status();
        return domain::delete_actor(*workspace->impl->api(), kind.kind, id, *mode);
    });
}

domain::ListQuery source_query(const std::shared_ptr<domain::Workspace> &workspace, const domain::ListOptions &options) {
    return domain::actor_list_query(ActorKind::kSource, workspace->id(), options);
}
domain::ListQuery destination_query(const std::shared_ptr<domain::Workspace> &workspace,
                                    const domain::ListOptions &options) {
    return domain::actor_list_query(ActorKind::kDestination, workspace->id(), options);
}
StatusOr<ActorInfo> parse_source(json::Value entry) { return domain::parse_actor(ActorKind::kSource, entry); }
StatusOr<ActorInfo> parse_destination(json::Value entry) { return domain::parse_actor(ActorKind::kDestination, entry); }

const char *text_of(const abi::ActorHandle *handle, std::string ActorInfo::*field) {
    return handle != nullptr ? (handle->info.*field).c_str() : "";
}

}  // namespace

extern "C" {

ABC_API int abc_name_is_disposable(const char *name) {
    return name != nullptr && domain::is_disposable_name(name) ? 1 : 0;
}

/* ---- List options ---- */

ABC_API abc_status abc_list_options_new(abc_list_options **out, abc_error **error) {
    if (out != nullptr) *out = nullptr;
    return abi::guarded(error, "abc_list_options_new", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, "abc_list_options_new", "out"));
        *out = new abc_list_options();
        return Status();
    });
}

ABC_API void abc_list_options_free(abc_list_options *options) { delete options; }

ABC_API abc_status abc_list_options_set_name(abc_list_options *options, const char *name, abc_error **error) {
    return abi::guarded(error, "abc_list_options_set_name", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(options, "abc_list_options_set_name", "options"));
        options->impl.names.exact = name != nullptr ? std::optional<std::string>(name) : std::nullopt;
        return Status();
    });
}

ABC_API abc_status abc_list_options_set_name_contains(abc_list_options *options, const char *text,
                                                      abc_error **error) {
    return abi::guarded(error, "abc_list_options_set_name_contains", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(options, "abc_list_options_set_name_contains", "options"));
        options->impl.names.contains = text != nullptr ? std::optional<std::string>(text) : std::nullopt;
        return Status();
    });
}

ABC_API abc_status abc_list_options_set_page_size(abc_list_options *options, int page_size, abc_error **error) {
    const char *fn = "abc_list_options_set_page_size";
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(options, fn, "options"));
        ABC_RETURN_IF_ERROR(abi::require_range(page_size, 1, domain::kMaxPageSize, fn, "page_size"));
        options->impl.page_size = page_size;
        return Status();
    });
}

ABC_API abc_status abc_list_options_set_include_deleted(abc_list_options *options, int include, abc_error **error) {
    return abi::guarded(error, "abc_list_options_set_include_deleted", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(options, "abc_list_options_set_include_deleted", "options"));
        options->impl.include_deleted = include != 0;
        return Status();
    });
}

ABC_API int abc_list_options_matches(const abc_list_options *options, const char *name) {
    if (name == nullptr) return 0;
    return options == nullptr || options->impl.names.matches(name) ? 1 : 0;
}

/* ---- Sources ---- */

ABC_API abc_status abc_source_create(abc_source **out, abc_workspace *workspace, const char *name,
                                     const char *source_type, const char *definition_id,
                                     const char *configuration_json, abc_error **error) {
    return create_actor(kSource, out, workspace, name, source_type, definition_id, configuration_json,
                        "abc_source_create", error);
}

ABC_API abc_status abc_source_get(abc_source **out, abc_workspace *workspace, const char *source_id,
                                  abc_error **error) {
    return get_actor(kSource, out, workspace, source_id, "abc_source_get", error);
}

ABC_API void abc_source_free(abc_source *source) { delete source; }

ABC_API abc_status abc_source_refresh(abc_source *source, abc_error **error) {
    return refresh_actor(kSource, source, "abc_source_refresh", error);
}

ABC_API const char *abc_source_id(const abc_source *source) { return text_of(source, &ActorInfo::id); }
ABC_API const char *abc_source_name(const abc_source *source) { return text_of(source, &ActorInfo::name); }
ABC_API const char *abc_source_type(const abc_source *source) { return text_of(source, &ActorInfo::type); }
ABC_API const char *abc_source_definition_id(const abc_source *source) {
    return text_of(source, &ActorInfo::definition_id);
}
ABC_API const char *abc_source_workspace_id(const abc_source *source) {
    return text_of(source, &ActorInfo::workspace_id);
}
ABC_API const char *abc_source_configuration(const abc_source *source) {
    return text_of(source, &ActorInfo::configuration_json);
}
ABC_API int64_t abc_source_created_at(const abc_source *source) {
    return source != nullptr ? source->info.created_at : 0;
}

ABC_API abc_status abc_source_rename(abc_source *source, const char *name, abc_error **error) {
    return rename_actor(kSource, source, name, "abc_source_rename", error);
}

ABC_API abc_status abc_source_update_configuration(abc_source *source, const char *configuration_json,
                                                   abc_error **error) {
    return update_actor_configuration(kSource, source, configuration_json, "abc_source_update_configuration", error);
}

ABC_API abc_status abc_source_replace(abc_source *source, const char *name, const char *configuration_json,
                                      abc_error **error) {
    return replace_actor(kSource, source, name, configuration_json, "abc_source_replace", error);
}

ABC_API abc_status abc_source_delete(abc_workspace *workspace, const char *source_id, abc_safe_mode safe_mode,
                                     abc_error **error) {
    return delete_actor(kSource, workspace, source_id, safe_mode, "abc_source_delete", error);
}

ABC_API abc_status abc_workspace_list_sources(abc_source_list **out, abc_workspace *workspace,
                                              const abc_list_options *options, abc_error **error) {
    return abi::make_list<abc_source_list, ActorInfo>(out, workspace, options, "abc_workspace_list_sources", error,
                                                      source_query, parse_source);
}

ABC_API size_t abc_source_list_count(const abc_source_list *list) { return list != nullptr ? list->items.size() : 0; }

ABC_API abc_status abc_source_list_get(abc_source **out, const abc_source_list *list, size_t index,
                                       abc_error **error) {
    return abi::list_get(out, list, index, "abc_source_list_get", kSource.items_noun, error,
                         new_actor_handle<abc_source>);
}

ABC_API void abc_source_list_free(abc_source_list *list) { delete list; }

ABC_API abc_status abc_workspace_iterate_sources(abc_source_iterator **out, abc_workspace *workspace,
                                                 const abc_list_options *options, abc_error **error) {
    return abi::make_iterator<abc_source_iterator, ActorInfo>(out, workspace, options, "abc_workspace_iterate_sources",
                                                              error, source_query, parse_source);
}

ABC_API abc_status abc_source_iterator_next(abc_source **out, abc_source_iterator *iterator, abc_error **error) {
    return abi::iterator_next(out, iterator, "abc_source_iterator_next", error, new_actor_handle<abc_source>);
}

ABC_API void abc_source_iterator_free(abc_source_iterator *iterator) { delete iterator; }

/* ---- Destinations ---- */

ABC_API abc_status abc_destination_create(abc_destination **out, abc_workspace *workspace, const char *name,
                                          const char *destination_type, const char *definition_id,
                                          const char *configuration_json, abc_error **error) {
    return create_actor(kDestination, out, workspace, name, destination_type, definition_id, configuration_json,
                        "abc_destination_create", error);
}

ABC_API abc_status abc_destination_get(abc_destination **out, abc_workspace *workspace, const char *destination_id,
                                       abc_error **error) {
    return get_actor(kDestination, out, workspace, destination_id, "abc_destination_get", error);
}

ABC_API void abc_destination_free(abc_destination *destination) { delete destination; }

ABC_API abc_status abc_destination_refresh(abc_destination *destination, abc_error **error) {
    return refresh_actor(kDestination, destination, "abc_destination_refresh", error);
}

ABC_API const char *abc_destination_id(const abc_destination *destination) {
    return text_of(destination, &ActorInfo::id);
}
ABC_API const char *abc_destination_name(const abc_destination *destination) {
    return text_of(destination, &ActorInfo::name);
}
ABC_API const char *abc_destination_type(const abc_destination *destination) {
    return text_of(destination, &ActorInfo::type);
}
ABC_API const char *abc_destination_definition_id(const abc_destination *destination) {
    return text_of(destination, &ActorInfo::definition_id);
}
ABC_API const char *abc_destination_workspace_id(const abc_destination *destination) {
    return text_of(destination, &ActorInfo::workspace_id);
}
ABC_API const char *abc_destination_configuration(const abc_destination *destination) {
    return text_of(destination, &ActorInfo::configuration_json);
}
ABC_API int64_t abc_destination_created_at(const abc_destination *destination) {
    return destination != nullptr ? destination->info.created_at : 0;
}

ABC_API abc_status abc_destination_rename(abc_destination *destination, const char *name, abc_error **error) {
    return rename_actor(kDestination, destination, name, "abc_destination_rename", error);
}

ABC_API abc_status abc_destination_update_configuration(abc_destination *destination, const char *configuration_json,
                                                        abc_error **error) {
    return update_actor_configuration(kDestination, destination, configuration_json,
                                      "abc_destination_update_configuration", error);
}

ABC_API abc_status abc_destination_replace(abc_destination *destination, const char *name,
                                           const char *configuration_json, abc_error **error) {
    return replace_actor(kDestination, destination, name, configuration_json, "abc_destination_replace", error);
}

ABC_API abc_status abc_destination_delete(abc_workspace *workspace, const char *destination_id,
                                          abc_safe_mode safe_mode, abc_error **error) {
    return delete_actor(kDestination, workspace, destination_id, safe_mode, "abc_destination_delete", error);
}

ABC_API abc_status abc_workspace_list_destinations(abc_destination_list **out, abc_workspace *workspace,
                                                   const abc_list_options *options, abc_error **error) {
    return abi::make_list<abc_destination_list, ActorInfo>(out, workspace, options, "abc_workspace_list_destinations",
                                                           error, destination_query, parse_destination);
}

ABC_API size_t abc_destination_list_count(const abc_destination_list *list) {
    return list != nullptr ? list->items.size() : 0;
}

ABC_API abc_status abc_destination_list_get(abc_destination **out, const abc_destination_list *list, size_t index,
                                            abc_error **error) {
    return abi::list_get(out, list, index, "abc_destination_list_get", kDestination.items_noun, error,
                         new_actor_handle<abc_destination>);
}

ABC_API void abc_destination_list_free(abc_destination_list *list) { delete list; }

ABC_API abc_status abc_workspace_iterate_destinations(abc_destination_iterator **out, abc_workspace *workspace,
                                                      const abc_list_options *options, abc_error **error) {
    return abi::make_iterator<abc_destination_iterator, ActorInfo>(
        out, workspace, options, "abc_workspace_iterate_destinations", error, destination_query, parse_destination);
}

ABC_API abc_status abc_destination_iterator_next(abc_destination **out, abc_destination_iterator *iterator,
                                                 abc_error **error) {
    return abi::iterator_next(out, iterator, "abc_destination_iterator_next", error,
                              new_actor_handle<abc_destination>);
}

ABC_API void abc_destination_iterator_free(abc_destination_iterator *iterator) { delete iterator; }

}  // extern "C"
