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
        ABC_RETURN_IF_ERROR(abi::require_text(id, function, kind.id_argument));
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
        ABC_RETURN_IF_ERROR(abi::require_text(id, function, kind.id_argument));
        auto mode = safe_mode_from(safe_mode, function);
        if (!mode.ok()) return mode.status();
        return domain::delete_actor(*workspace->impl->api(), kind.kind, id, *mode);
    });
}

template <const ActorFunctions &Kind>
domain::ListQuery actor_query(const std::shared_ptr<domain::Workspace> &workspace, const domain::ListOptions &options) {
    return domain::actor_list_query(Kind.kind, workspace->id(), options);
}
template <const ActorFunctions &Kind>
StatusOr<ActorInfo> parse_actor_of(json::Value entry) {
    return domain::parse_actor(Kind.kind, entry);
}

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

/* ---- Sources and destinations ---- */

// abc_<object>_<getter>: a text field of the handle's snapshot ("" for NULL).
#define ABC_ACTOR_TEXT(object, getter, field)                                 \
    ABC_API const char *abc_##object##_##getter(const abc_##object *handle) { \
        return text_of(handle, &ActorInfo::field);                            \
    }

// Every C function of one actor kind, each a thin wrapper over the shared implementation above:
// ABC_ACTOR_SHIMS(source, kSource) defines abc_source_create ... abc_source_iterator_free.
#define ABC_ACTOR_SHIMS(object, KIND)                                                                              \
    ABC_API abc_status abc_##object##_create(abc_##object **out, abc_workspace *workspace, const char *name,       \
                                             const char *type, const char *definition_id,                          \
                                             const char *configuration_json, abc_error **error) {                  \
        return create_actor(KIND, out, workspace, name, type, definition_id, configuration_json, __func__, error); \
    }                                                                                                              \
    ABC_API abc_status abc_##object##_get(abc_##object **out, abc_workspace *workspace, const char *id,            \
                                          abc_error **error) {                                                     \
        return get_actor(KIND, out, workspace, id, __func__, error);                                               \
    }                                                                                                              \
    ABC_API void abc_##object##_free(abc_##object *handle) { delete handle; }                                      \
    ABC_API abc_status abc_##object##_refresh(abc_##object *handle, abc_error **error) {                           \
        return refresh_actor(KIND, handle, __func__, error);                                                       \
    }                                                                                                              \
    ABC_ACTOR_TEXT(object, id, id)                                                                                 \
    ABC_ACTOR_TEXT(object, name, name)                                                                             \
    ABC_ACTOR_TEXT(object, type, type)                                                                             \
    ABC_ACTOR_TEXT(object, definition_id, definition_id)                                                           \
    ABC_ACTOR_TEXT(object, workspace_id, workspace_id)                                                             \
    ABC_ACTOR_TEXT(object, configuration, configuration_json)                                                      \
    ABC_API int64_t abc_##object##_created_at(const abc_##object *handle) {                                        \
        return handle != nullptr ? handle->info.created_at : 0;                                                    \
    }                                                                                                              \
    ABC_API abc_status abc_##object##_rename(abc_##object *handle, const char *name, abc_error **error) {          \
        return rename_actor(KIND, handle, name, __func__, error);                                                  \
    }                                                                                                              \
    ABC_API abc_status abc_##object##_update_configuration(abc_##object *handle, const char *configuration_json,   \
                                                           abc_error **error) {                                    \
        return update_actor_configuration(KIND, handle, configuration_json, __func__, error);                      \
    }                                                                                                              \
    ABC_API abc_status abc_##object##_replace(abc_##object *handle, const char *name, const char *configuration_json, \
                                              abc_error **error) {                                                 \
        return replace_actor(KIND, handle, name, configuration_json, __func__, error);                             \
    }                                                                                                              \
    ABC_API abc_status abc_##object##_delete(abc_workspace *workspace, const char *id, abc_safe_mode safe_mode,    \
                                             abc_error **error) {                                                  \
        return delete_actor(KIND, workspace, id, safe_mode, __func__, error);                                      \
    }                                                                                                              \
    ABC_API abc_status abc_workspace_list_##object##s(abc_##object##_list **out, abc_workspace *workspace,         \
                                                      const abc_list_options *options, abc_error **error) {        \
        return abi::make_list<abc_##object##_list, ActorInfo>(out, workspace, options, __func__, error,            \
                                                              actor_query<KIND>, parse_actor_of<KIND>);            \
    }                                                                                                              \
    ABC_API size_t abc_##object##_list_count(const abc_##object##_list *list) {                                    \
        return list != nullptr ? list->items.size() : 0;                                                           \
    }                                                                                                              \
    ABC_API abc_status abc_##object##_list_get(abc_##object **out, const abc_##object##_list *list, size_t index,  \
                                               abc_error **error) {                                                \
        return abi::list_get(out, list, index, __func__, KIND.items_noun, error, new_actor_handle<abc_##object>);  \
    }                                                                                                              \
    ABC_API void abc_##object##_list_free(abc_##object##_list *list) { delete list; }                              \
    ABC_API abc_status abc_workspace_iterate_##object##s(abc_##object##_iterator **out, abc_workspace *workspace,  \
                                                         const abc_list_options *options, abc_error **error) {     \
        return abi::make_iterator<abc_##object##_iterator, ActorInfo>(out, workspace, options, __func__, error,    \
                                                                      actor_query<KIND>, parse_actor_of<KIND>);    \
    }                                                                                                              \
    ABC_API abc_status abc_##object##_iterator_next(abc_##object **out, abc_##object##_iterator *iterator,         \
                                                    abc_error **error) {                                           \
        return abi::iterator_next(out, iterator, __func__, error, new_actor_handle<abc_##object>);                 \
    }                                                                                                              \
    ABC_API void abc_##object##_iterator_free(abc_##object##_iterator *iterator) { delete iterator; }

ABC_ACTOR_SHIMS(source, kSource)
ABC_ACTOR_SHIMS(destination, kDestination)

}  // extern "C"
