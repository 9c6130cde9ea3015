/**
 * @file airbyte_cloud/connections.h
 * @brief Connections: the connection handle and creating, changing and deleting connections.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_CONNECTIONS_H
#define AIRBYTE_CLOUD_CONNECTIONS_H

#include "common.h"
#include "resources.h"

ABC_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/** @name Connection
 * A connection handle is lazy: abc_connection_get() sends no request; the first getter that
 * needs the connection's details fetches them once (abc_connection_refresh() fetches again).
 * Strings from the getters live until the handle is freed or refreshed. */
/**@{*/

/** @param[out] out new handle, freed with abc_connection_free(). The workspace must outlive it. */
ABC_API abc_status abc_connection_get(abc_connection **out, abc_workspace *workspace,
                                      const char *connection_id, abc_error **error);
ABC_API void abc_connection_free(abc_connection *connection);
/** Fetches the connection's details now (GET /connections/{id}). */
ABC_API abc_status abc_connection_refresh(abc_connection *connection, abc_error **error);

/** The connection id (no request). Borrowed. */
ABC_API const char *abc_connection_id(const abc_connection *connection);
/** The connection's web UI address (no request). Borrowed. */
ABC_API const char *abc_connection_url(const abc_connection *connection);
/** The web UI address of the connection's job history (no request). Borrowed. */
ABC_API const char *abc_connection_job_history_url(const abc_connection *connection);

/** @param[out] out the connection's name. Borrowed. */
ABC_API abc_status abc_connection_name(const char **out, abc_connection *connection,
                                       abc_error **error);
/** @param[out] out the source id. Borrowed. */
ABC_API abc_status abc_connection_source_id(const char **out, abc_connection *connection,
                                            abc_error **error);
/** @param[out] out the destination id (the destination's, never the source's). Borrowed. */
ABC_API abc_status abc_connection_destination_id(const char **out, abc_connection *connection,
                                                 abc_error **error);
/** @param[out] out the table prefix ("" when none). Borrowed. */
ABC_API abc_status abc_connection_prefix(const char **out, abc_connection *connection,
                                         abc_error **error);
/** @param[out] out the status as the API spells it ("active", "inactive"...). Borrowed. */
ABC_API abc_status abc_connection_status(const char **out, abc_connection *connection,
                                         abc_error **error);
/** @param[out] out how many streams are selected. */
ABC_API abc_status abc_connection_stream_count(size_t *out, abc_connection *connection,
                                               abc_error **error);
/** @param[out] out name of selected stream `index` (< count). Borrowed. */
ABC_API abc_status abc_connection_stream_name(const char **out, abc_connection *connection,
                                              size_t index, abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Creating, changing and deleting connections
 * An ::abc_connection_spec holds the fields of a connection to create, or the changes to make to
 * one. Each setter checks its input at once (the error names the argument); a later call of the
 * same setter replaces the earlier value, except add_stream, which adds. */
/**@{*/

/** @param[out] out a new, empty spec, freed with abc_connection_spec_free(). */
ABC_API abc_status abc_connection_spec_new(abc_connection_spec **out, abc_error **error);
ABC_API void abc_connection_spec_free(abc_connection_spec *spec);
/** The connection's name (non-blank). Required to create. */
ABC_API abc_status abc_connection_spec_set_name(abc_connection_spec *spec, const char *name,
                                                abc_error **error);
/** The source's id (a UUID). Required to create; cannot be changed by an update. */
ABC_API abc_status abc_connection_spec_set_source_id(abc_connection_spec *spec,
                                                     const char *source_id, abc_error **error);
/** The destination's id (a UUID). Required to create; cannot be changed by an update. */
ABC_API abc_status abc_connection_spec_set_destination_id(abc_connection_spec *spec,
                                                          const char *destination_id,
                                                          abc_error **error);
/** Selects a stream. The streams added are the connection's whole selection: for an update they
 * replace the current one. With none added, a create leaves the choice to the server.
 * @param stream_name the stream, e.g. from abc_stream_catalog_name(); each only once.
 * @param sync_mode NULL for the server's default, or a ConnectionSyncModeEnum value:
 *        "full_refresh_overwrite", "full_refresh_overwrite_deduped", "full_refresh_append",
 *        "full_refresh_update", "full_refresh_soft_delete", "incremental_append",
 *        "incremental_deduped_history", "incremental_update", "incremental_soft_delete".
 * @param cursor_field NULL for the source's default; a top-level field name ("updated_at"); or
 *        a JSON array of strings for a nested path (["meta","updated_at"]).
 * @param primary_key NULL for the source's default; a top-level field name ("id"); or a JSON
 *        array of paths ([["id"],["region"]]). */
ABC_API abc_status abc_connection_spec_add_stream(abc_connection_spec *spec,
                                                  const char *stream_name, const char *sync_mode,
                                                  const char *cursor_field,
                                                  const char *primary_key, abc_error **error);
/** Prefix of the destination tables ("" for none), e.g. "airbyte_". */
ABC_API abc_status abc_connection_spec_set_prefix(abc_connection_spec *spec, const char *prefix,
                                                  abc_error **error);
/** Syncs only when started (abc_run_sync()). */
ABC_API abc_status abc_connection_spec_set_schedule_manual(abc_connection_spec *spec,
                                                           abc_error **error);
/** Syncs on a Quartz cron schedule: 6 or 7 fields, seconds first, e.g. "0 0 12 * * ?". */
ABC_API abc_status abc_connection_spec_set_schedule_cron(abc_connection_spec *spec,
                                                         const char *cron_expression,
                                                         abc_error **error);
/** Where the destination puts the data: `namespace_definition` "source", "destination" or
 * "custom_format"; `namespace_format` (e.g. "${SOURCE_NAMESPACE}_raw") is required with
 * "custom_format" and must be NULL otherwise. */
ABC_API abc_status abc_connection_spec_set_namespace(abc_connection_spec *spec,
                                                     const char *namespace_definition,
                                                     const char *namespace_format,
                                                     abc_error **error);
/** "active" (enabled) or "inactive" (disabled). */
ABC_API abc_status abc_connection_spec_set_status(abc_connection_spec *spec, const char *status,
                                                  abc_error **error);
/** The POST /connections body the spec makes, checking that name, source and destination are
 * set. No request. @param[out] out_json a new string, freed with abc_string_free(). */
ABC_API abc_status abc_connection_spec_to_json(char **out_json, const abc_connection_spec *spec,
                                               abc_error **error);

/** Creates a connection (POST /connections). Never resent in a way that could create two.
 * @param[out] out a connection handle holding the created connection's details (no further
 *        request for its getters), freed with abc_connection_free(). */
ABC_API abc_status abc_connection_create(abc_connection **out, abc_workspace *workspace,
                                         const abc_connection_spec *spec, abc_error **error);
/** Changes a connection (PATCH /connections/{id}) by the fields set in `changes`: name, streams,
 * prefix, schedule, namespace, status. Setting the source or destination id, or nothing, gives
 * ::ABC_ERROR_INVALID_ARGUMENT before any request. The handle's details become the response. */
ABC_API abc_status abc_connection_update(abc_connection *connection,
                                         const abc_connection_spec *changes, abc_error **error);
/** Deletes a connection and, with `cascade` 1, its source and destination afterwards.
 * Safe mode (on by default for cascades) fetches the resources first and deletes nothing unless
 * each one to delete is named as disposable and, for a cascade, neither the source nor the
 * destination is used by another connection (deleting it would delete that one too). A cascade
 * skips a source or destination that is already gone. If a cascaded delete fails after the
 * connection was deleted, the error says what remains. */
ABC_API abc_status abc_connection_delete(abc_workspace *workspace, const char *connection_id,
                                         int cascade, abc_safe_mode safe_mode, abc_error **error);

/** The schedule type: "manual", "cron" or "basic". Borrowed (as abc_connection_name()). */
ABC_API abc_status abc_connection_schedule_type(const char **out, abc_connection *connection,
                                                abc_error **error);
/** The cron expression ("" unless the schedule is cron). Borrowed. */
ABC_API abc_status abc_connection_cron_expression(const char **out, abc_connection *connection,
                                                  abc_error **error);
/** The namespace definition ("source", "destination", "custom_format"). Borrowed. */
ABC_API abc_status abc_connection_namespace_definition(const char **out,
                                                       abc_connection *connection,
                                                       abc_error **error);
/** The whole connection as the API returned it, compact JSON (streams with their sync modes,
 * cursors and keys; schedule; tags...). Borrowed. */
ABC_API abc_status abc_connection_json(const char **out, abc_connection *connection,
                                       abc_error **error);

/** Every connection of the workspace passing `options` (NULL: all), all pages fetched now.
 * @param[out] out new list, freed with abc_connection_list_free(). */
ABC_API abc_status abc_workspace_list_connections(abc_connection_list **out,
                                                  abc_workspace *workspace,
                                                  const abc_list_options *options,
                                                  abc_error **error);
ABC_API size_t abc_connection_list_count(const abc_connection_list *list);
/** Connection `index` (< count) as a new connection handle holding its listed details, freed
 * with abc_connection_free(). */
ABC_API abc_status abc_connection_list_get(abc_connection **out, const abc_connection_list *list,
                                           size_t index, abc_error **error);
ABC_API void abc_connection_list_free(abc_connection_list *list);
/** A lazy walk over the workspace's connections. No request yet.
 * @param[out] out new iterator, freed with abc_connection_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_connections(abc_connection_iterator **out,
                                                     abc_workspace *workspace,
                                                     const abc_list_options *options,
                                                     abc_error **error);
/** @param[out] out a new connection handle (abc_connection_free()), or NULL with ::ABC_OK at the
 * end. */
ABC_API abc_status abc_connection_iterator_next(abc_connection **out,
                                                abc_connection_iterator *iterator,
                                                abc_error **error);
ABC_API void abc_connection_iterator_free(abc_connection_iterator *iterator);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_CONNECTIONS_H */
