/**
 * @file airbyte_cloud/workspace.h
 * @brief The workspace handle, and workspaces as resources (create, list, read).
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_WORKSPACE_H
#define AIRBYTE_CLOUD_WORKSPACE_H

#include "common.h"
#include "resources.h"

ABC_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/** @name Workspace
 * The entry point: one workspace id plus credentials. Thread-safe (see the threading contract). */
/**@{*/

/** Makes a workspace handle. No request is sent; see abc_workspace_connect().
 * @param[out] out new handle, freed with abc_workspace_free().
 * @param workspace_id the workspace UUID.
 * @param options settings (copied; may be freed afterwards); NULL means all defaults, which
 *        have no credentials. */
ABC_API abc_status abc_workspace_new(abc_workspace **out, const char *workspace_id,
                                     const abc_options *options, abc_error **error);
/** Like abc_workspace_new() with the workspace id from AIRBYTE_CLOUD_WORKSPACE_ID and options
 * completed from the environment (abc_options_load_environment() on a copy). */
ABC_API abc_status abc_workspace_new_from_environment(abc_workspace **out,
                                                      const abc_options *options,
                                                      abc_error **error);
ABC_API void abc_workspace_free(abc_workspace *workspace);

/** Checks that the API is reachable and the credentials grant this workspace
 * (GET /workspaces/{id}). The error says which failed: ::ABC_ERROR_TRANSPORT /
 * ::ABC_ERROR_REQUEST_TIMEOUT (unreachable), ::ABC_ERROR_AUTH (credentials rejected),
 * ::ABC_ERROR_NOT_FOUND / ::ABC_ERROR_FORBIDDEN (no such workspace or no access). */
ABC_API abc_status abc_workspace_connect(abc_workspace *workspace, abc_error **error);
/** The workspace id. Borrowed, lives as long as the workspace. */
ABC_API const char *abc_workspace_id(const abc_workspace *workspace);
/** The API root in use. Borrowed, lives as long as the workspace. */
ABC_API const char *abc_workspace_api_url(const abc_workspace *workspace);
/** The workspace's web UI address (https://cloud.airbyte.com/workspaces/{id} for Cloud,
 * {host}/workspaces/{id} for self-managed). Borrowed, lives as long as the workspace. */
ABC_API const char *abc_workspace_url(const abc_workspace *workspace);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Workspaces
 * Details of workspaces the credentials can reach. An ::abc_workspace_info is a snapshot; to work
 * in a listed workspace, make an ::abc_workspace with its id. */
/**@{*/

/** Fetches a workspace's details (GET /workspaces/{id}).
 * @param workspace_id NULL for the workspace of `workspace` itself.
 * @param[out] out new snapshot, freed with abc_workspace_info_free(). */
ABC_API abc_status abc_workspace_info_get(abc_workspace_info **out, abc_workspace *workspace,
                                          const char *workspace_id, abc_error **error);
ABC_API void abc_workspace_info_free(abc_workspace_info *info);
/** The workspace id. Borrowed. */
ABC_API const char *abc_workspace_info_id(const abc_workspace_info *info);
/** The workspace's name. Borrowed. */
ABC_API const char *abc_workspace_info_name(const abc_workspace_info *info);
/** The data residency ("auto", "us", "eu"...). Borrowed. */
ABC_API const char *abc_workspace_info_data_residency(const abc_workspace_info *info);
/** The name of the workspace of `workspace` (one GET each call).
 * @param[out] out a new string the caller frees with abc_string_free(). */
ABC_API abc_status abc_workspace_name(char **out, abc_workspace *workspace, abc_error **error);

/** Every workspace the credentials can reach passing `options` (NULL: all), all pages now.
 * @param[out] out new list, freed with abc_workspace_info_list_free(). */
ABC_API abc_status abc_workspace_list_workspaces(abc_workspace_info_list **out,
                                                 abc_workspace *workspace,
                                                 const abc_list_options *options,
                                                 abc_error **error);
ABC_API size_t abc_workspace_info_list_count(const abc_workspace_info_list *list);
/** Workspace `index` (< count) as a new snapshot, freed with abc_workspace_info_free(). */
ABC_API abc_status abc_workspace_info_list_get(abc_workspace_info **out,
                                               const abc_workspace_info_list *list, size_t index,
                                               abc_error **error);
ABC_API void abc_workspace_info_list_free(abc_workspace_info_list *list);
/** A lazy walk over the workspaces the credentials can reach. No request yet.
 * @param[out] out new iterator, freed with abc_workspace_info_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_workspaces(abc_workspace_info_iterator **out,
                                                    abc_workspace *workspace,
                                                    const abc_list_options *options,
                                                    abc_error **error);
/** @param[out] out a new snapshot (abc_workspace_info_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_workspace_info_iterator_next(abc_workspace_info **out,
                                                    abc_workspace_info_iterator *iterator,
                                                    abc_error **error);
ABC_API void abc_workspace_info_iterator_free(abc_workspace_info_iterator *iterator);
/** The whole WorkspaceResponse as compact JSON (notifications included). Borrowed. */
ABC_API const char *abc_workspace_info_json(const abc_workspace_info *info);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Managing workspaces
 * The calls go through `workspace` (its credentials and settings); the workspace they act on is
 * named by id. Make an ::abc_workspace with a new workspace's id to work in it. */
/**@{*/

/** Creates a workspace (POST /workspaces).
 * @param organization_id the organization to create it in, or NULL for the caller's default.
 * @param notifications_json a NotificationsConfig object, or NULL.
 * @param[out] out the new workspace's details, freed with abc_workspace_info_free(). */
ABC_API abc_status abc_workspace_info_create(abc_workspace_info **out, abc_workspace *workspace,
                                             const char *name, const char *organization_id,
                                             const char *notifications_json, abc_error **error);
/** Renames a workspace and/or changes its notifications (PATCH /workspaces/{id}); NULL keeps
 * that field (one must be given). @param workspace_id NULL for the workspace of `workspace`.
 * @param[out] out the changed details, freed with abc_workspace_info_free(). */
ABC_API abc_status abc_workspace_info_update(abc_workspace_info **out, abc_workspace *workspace,
                                             const char *workspace_id, const char *name,
                                             const char *notifications_json, abc_error **error);
/** Deletes a workspace (DELETE /workspaces/{id}). The server deletes its connections, sources
 * and destinations with it, so ::ABC_SAFE_MODE_DEFAULT checks (one GET first) that the
 * workspace's name marks it disposable, and refuses with ::ABC_ERROR_REFUSED otherwise. */
ABC_API abc_status abc_workspace_info_delete(abc_workspace *workspace, const char *workspace_id,
                                             abc_safe_mode safe_mode, abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Health and raw requests */
/**@{*/

/** GET /health: ::ABC_OK when the API answers. Needs no valid credentials. */
ABC_API abc_status abc_workspace_check_health(abc_workspace *workspace, abc_error **error);
/** Any request to the API, with this workspace's credentials, retries, timeouts and secret
 * hygiene: for endpoints no typed call covers.
 * @param method "GET", "POST", "PATCH", "PUT" or "DELETE" (POST is resent only when it provably
 *        never reached the server). @param path below the API root, starting with '/', query
 *        string included and escaped by the caller (e.g. "/workspaces?limit=5").
 * @param body_json a JSON object, or NULL for none.
 * @param[out] out_body the answer's body (may be ""), freed with abc_string_free().
 * @param[out] out_http_status the 2xx status (may be NULL). A non-2xx answer fails as the typed
 *        calls do, with the HTTP status and problem in `error`. */
ABC_API abc_status abc_workspace_request(char **out_body, long *out_http_status,
                                         abc_workspace *workspace, const char *method,
                                         const char *path, const char *body_json,
                                         abc_error **error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_WORKSPACE_H */
