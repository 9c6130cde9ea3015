// abc_workspace_info_*, abc_workspace_name, listing workspaces, and abc_stream_catalog_*.
#include "abi/resource_handles.h"

using namespace airbyte_cloud;
using domain::StreamInfo;
using domain::WorkspaceDetails;

namespace {

abc_workspace_info *new_workspace_info(const std::shared_ptr<domain::Workspace> &, WorkspaceDetails details) {
    return new abc_workspace_info{std::move(details)};
}

domain::ListQuery workspace_query(const std::shared_ptr<domain::Workspace> &, const domain::ListOptions &options) {
    return domain::workspace_list_query(options);
}

StatusOr<WorkspaceDetails> parse_listed_workspace(json::Value entry) { return domain::parse_workspace_details(entry); }

const char *text_of(const abc_workspace_info *info, std::string WorkspaceDetails::*field) {
    return info != nullptr ? (info->info.*field).c_str() : "";
}

// A getter of stream `index`: checks, then reads the field with `read`.
template <typename Out, typename Read>
abc_status read_stream(Out *out, const abc_stream_catalog *catalog, std::size_t index, const char *function,
                       abc_error **error, Read &&read) {
    return abi::with_out(out, catalog, "catalog", function, error, [&](const abc_stream_catalog &c, Out &value) {
        ABC_RETURN_IF_ERROR(abi::require_index(index, c.streams.size(), function, "streams"));
        return read(c.streams[index], value);
    });
}

abc_status stream_text(const char **out, const abc_stream_catalog *catalog, std::size_t index, const char *function,
                       abc_error **error, std::string StreamInfo::*field) {
    return read_stream(out, catalog, index, function, error, [&](const StreamInfo &stream, const char *&value) {
        value = (stream.*field).c_str();
        return Status();
    });
}

}  // namespace

extern "C" {

ABC_API abc_status abc_workspace_info_get(abc_workspace_info **out, abc_workspace *workspace,
                                          const char *workspace_id, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, workspace, "workspace", fn, error, [&](abc_workspace &w, abc_workspace_info *&info) {
        if (workspace_id != nullptr) ABC_RETURN_IF_ERROR(abi::require_id(workspace_id, fn, "workspace_id"));
        std::string id = workspace_id != nullptr ? std::string(workspace_id) : w.impl->id();
        auto details = domain::get_workspace_details(*w.impl->api(), id);
        if (!details.ok()) return details.status();
        info = new abc_workspace_info{std::move(*details)};
        return Status();
    });
}

ABC_API void abc_workspace_info_free(abc_workspace_info *info) { delete info; }

ABC_API const char *abc_workspace_info_id(const abc_workspace_info *info) {
    return text_of(info, &WorkspaceDetails::workspace_id);
}
ABC_API const char *abc_workspace_info_name(const abc_workspace_info *info) {
    return text_of(info, &WorkspaceDetails::name);
}
ABC_API const char *abc_workspace_info_data_residency(const abc_workspace_info *info) {
    return text_of(info, &WorkspaceDetails::data_residency);
}

ABC_API abc_status abc_workspace_name(char **out, abc_workspace *workspace, abc_error **error) {
    return abi::with_out(out, workspace, "workspace", __func__, error, [](abc_workspace &w, char *&name) {
        auto details = domain::get_workspace_details(*w.impl->api(), w.impl->id());
        if (!details.ok()) return details.status();
        name = abi::owned_string(details->name);
        return Status();
    });
}

ABC_API abc_status abc_workspace_list_workspaces(abc_workspace_info_list **out, abc_workspace *workspace,
                                                 const abc_list_options *options, abc_error **error) {
    return abi::make_list<abc_workspace_info_list, WorkspaceDetails>(
        out, workspace, options, "abc_workspace_list_workspaces", error, workspace_query, parse_listed_workspace);
}

ABC_COUNT_GETTER(abc_workspace_info_list_count, abc_workspace_info_list, items)

ABC_API abc_status abc_workspace_info_list_get(abc_workspace_info **out, const abc_workspace_info_list *list,
                                               size_t index, abc_error **error) {
    return abi::list_get(out, list, index, "abc_workspace_info_list_get", "workspaces", error, new_workspace_info);
}

ABC_API void abc_workspace_info_list_free(abc_workspace_info_list *list) { delete list; }

ABC_API abc_status abc_workspace_iterate_workspaces(abc_workspace_info_iterator **out, abc_workspace *workspace,
                                                    const abc_list_options *options, abc_error **error) {
    return abi::make_iterator<abc_workspace_info_iterator, WorkspaceDetails>(
        out, workspace, options, "abc_workspace_iterate_workspaces", error, workspace_query, parse_listed_workspace);
}

ABC_API abc_status abc_workspace_info_iterator_next(abc_workspace_info **out, abc_workspace_info_iterator *iterator,
                                                    abc_error **error) {
    return abi::iterator_next(out, iterator, "abc_workspace_info_iterator_next", error, new_workspace_info);
}

ABC_API void abc_workspace_info_iterator_free(abc_workspace_info_iterator *iterator) { delete iterator; }

/* ---- Streams ---- */

ABC_API abc_status abc_stream_catalog_get(abc_stream_catalog **out, abc_workspace *workspace, const char *source_id,
                                          const char *destination_id, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, workspace, "workspace", fn, error, [&](abc_workspace &w, abc_stream_catalog *&catalog) {
        ABC_RETURN_IF_ERROR(abi::require_id(source_id, fn, "source_id"));
        if (destination_id != nullptr) ABC_RETURN_IF_ERROR(abi::require_id(destination_id, fn, "destination_id"));
        auto streams = domain::get_stream_catalog(*w.impl->api(), source_id, abi::text_or_empty(destination_id));
        if (!streams.ok()) return streams.status();
        catalog = new abc_stream_catalog{std::move(*streams)};
        return Status();
    });
}

ABC_API void abc_stream_catalog_free(abc_stream_catalog *catalog) { delete catalog; }

ABC_COUNT_GETTER(abc_stream_catalog_count, abc_stream_catalog, streams)

ABC_API abc_status abc_stream_catalog_find(size_t *out_index, const abc_stream_catalog *catalog,
                                           const char *stream_name, abc_error **error) {
    const char *fn = "abc_stream_catalog_find";
    if (out_index != nullptr) *out_index = 0;
    return abi::guarded(error, fn, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out_index, fn, "out_index"));
        ABC_RETURN_IF_ERROR(abi::require_pointer(catalog, fn, "catalog"));
        ABC_RETURN_IF_ERROR(abi::require_text(stream_name, fn, "stream_name"));
        for (std::size_t i = 0; i < catalog->streams.size(); ++i) {
            if (catalog->streams[i].name == stream_name) {
                *out_index = i;
                return Status();
            }
        }
        return Status(StatusCode::kNotFound, std::string(fn) + ": the source has no stream named '" + stream_name + "'");
    });
}

ABC_API abc_status abc_stream_catalog_name(const char **out, const abc_stream_catalog *catalog, size_t index,
                                           abc_error **error) {
    return stream_text(out, catalog, index, "abc_stream_catalog_name", error, &StreamInfo::name);
}

ABC_API abc_status abc_stream_catalog_namespace(const char **out, const abc_stream_catalog *catalog, size_t index,
                                                abc_error **error) {
    return stream_text(out, catalog, index, "abc_stream_catalog_namespace", error, &StreamInfo::namespace_name);
}

ABC_API abc_status abc_stream_catalog_sync_modes(const char **out_json, const abc_stream_catalog *catalog,
                                                 size_t index, abc_error **error) {
    return stream_text(out_json, catalog, index, "abc_stream_catalog_sync_modes", error, &StreamInfo::sync_modes_json);
}

ABC_API abc_status abc_stream_catalog_supports_sync_mode(int *out, const abc_stream_catalog *catalog, size_t index,
                                                         const char *sync_mode, abc_error **error) {
    const char *fn = "abc_stream_catalog_supports_sync_mode";
    return read_stream(out, catalog, index, fn, error, [&](const StreamInfo &stream, int &value) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(sync_mode, fn, "sync_mode"));
        value = 0;
        for (const auto &mode : stream.sync_modes) {
            if (mode == sync_mode) value = 1;
        }
        return Status();
    });
}

ABC_API abc_status abc_stream_catalog_default_cursor(const char **out_json, const abc_stream_catalog *catalog,
                                                     size_t index, abc_error **error) {
    return stream_text(out_json, catalog, index, "abc_stream_catalog_default_cursor", error,
                       &StreamInfo::default_cursor_json);
}

ABC_API abc_status abc_stream_catalog_source_defined_cursor(int *out, const abc_stream_catalog *catalog, size_t index,
                                                            abc_error **error) {
    return read_stream(out, catalog, index, "abc_stream_catalog_source_defined_cursor", error,
                       [](const StreamInfo &stream, int &value) {
                           value = stream.source_defined_cursor ? 1 : 0;
                           return Status();
                       });
}

ABC_API abc_status abc_stream_catalog_primary_key(const char **out_json, const abc_stream_catalog *catalog,
                                                  size_t index, abc_error **error) {
    return stream_text(out_json, catalog, index, "abc_stream_catalog_primary_key", error,
                       &StreamInfo::primary_key_json);
}

}  // extern "C"
