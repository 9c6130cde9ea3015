/**
 * @file airbyte_cloud/sources.h
 * @brief Sources: create, read, list, update, delete.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_SOURCES_H
#define AIRBYTE_CLOUD_SOURCES_H

#include "common.h"
#include "resources.h"

ABC_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/** @name Sources */
/**@{*/

/** Creates a source (POST /sources). Never resent in a way that could create two.
 * @param[out] out the new source's snapshot, freed with abc_source_free().
 * @param name a non-blank name.
 * @param source_type the connector, e.g. "faker", "postgres" (sent as configuration.sourceType);
 *        NULL to rely on `definition_id` or on the configuration's own "sourceType".
 * @param definition_id the connector definition's UUID; NULL when `source_type` says it.
 * @param configuration_json the connector configuration, a JSON object; "sourceType" is added
 *        when missing and must agree with `source_type` when present. */
ABC_API abc_status abc_source_create(abc_source **out, abc_workspace *workspace, const char *name,
                                     const char *source_type, const char *definition_id,
                                     const char *configuration_json, abc_error **error);
/** Fetches a source now (GET /sources/{id}); secrets come back masked.
 * @param[out] out new snapshot, freed with abc_source_free(). The workspace must outlive it. */
ABC_API abc_status abc_source_get(abc_source **out, abc_workspace *workspace,
                                  const char *source_id, abc_error **error);
ABC_API void abc_source_free(abc_source *source);
/** Fetches the source again and replaces the snapshot. */
ABC_API abc_status abc_source_refresh(abc_source *source, abc_error **error);
/** The source id. Borrowed. */
ABC_API const char *abc_source_id(const abc_source *source);
/** The name. Borrowed. */
ABC_API const char *abc_source_name(const abc_source *source);
/** The connector type ("faker"...), as the server reports it. Borrowed. */
ABC_API const char *abc_source_type(const abc_source *source);
/** The connector definition id. Borrowed. */
ABC_API const char *abc_source_definition_id(const abc_source *source);
/** The workspace the source belongs to. Borrowed. */
ABC_API const char *abc_source_workspace_id(const abc_source *source);
/** The configuration as compact JSON text, secrets masked. Borrowed. */
ABC_API const char *abc_source_configuration(const abc_source *source);
/** Creation time as Unix seconds (0 when unknown). */
ABC_API int64_t abc_source_created_at(const abc_source *source);
/** Renames the source (PATCH) and updates the snapshot. */
ABC_API abc_status abc_source_rename(abc_source *source, const char *name, abc_error **error);
/** Changes configuration fields (PATCH): the fields given replace the stored ones, the others
 * stay. "sourceType" is added from the snapshot when missing. Updates the snapshot. */
ABC_API abc_status abc_source_update_configuration(abc_source *source,
                                                   const char *configuration_json,
                                                   abc_error **error);
/** Replaces name and whole configuration (PUT). Masked secrets ("**********") sent back keep
 * their stored values. Updates the snapshot. */
ABC_API abc_status abc_source_replace(abc_source *source, const char *name,
                                      const char *configuration_json, abc_error **error);
/** Deletes a source (DELETE /sources/{id}). Airbyte also deletes the connections that use it.
 * @param safe_mode ::ABC_SAFE_MODE_ON first fetches the source and refuses unless its name is
 *        disposable; ::ABC_SAFE_MODE_DEFAULT and ::ABC_SAFE_MODE_OFF do not check. */
ABC_API abc_status abc_source_delete(abc_workspace *workspace, const char *source_id,
                                     abc_safe_mode safe_mode, abc_error **error);

/** Every source of the workspace passing `options` (NULL: all), all pages fetched now.
 * @param[out] out new list, freed with abc_source_list_free(). */
ABC_API abc_status abc_workspace_list_sources(abc_source_list **out, abc_workspace *workspace,
                                              const abc_list_options *options, abc_error **error);
/** Number of sources in the list. */
ABC_API size_t abc_source_list_count(const abc_source_list *list);
/** Source `index` (< count) as a new snapshot handle the caller frees with abc_source_free();
 * independent of the list. */
ABC_API abc_status abc_source_list_get(abc_source **out, const abc_source_list *list,
                                       size_t index, abc_error **error);
ABC_API void abc_source_list_free(abc_source_list *list);
/** A lazy walk over the workspace's sources passing `options` (NULL: all). No request yet.
 * @param[out] out new iterator, freed with abc_source_iterator_free(). The workspace must
 *        outlive it. */
ABC_API abc_status abc_workspace_iterate_sources(abc_source_iterator **out,
                                                 abc_workspace *workspace,
                                                 const abc_list_options *options,
                                                 abc_error **error);
/** The next source, fetching the next page when needed.
 * @param[out] out a new snapshot the caller frees with abc_source_free(), or NULL (with
 *        ::ABC_OK) at the end. */
ABC_API abc_status abc_source_iterator_next(abc_source **out, abc_source_iterator *iterator,
                                            abc_error **error);
ABC_API void abc_source_iterator_free(abc_source_iterator *iterator);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_SOURCES_H */
