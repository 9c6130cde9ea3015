/**
 * @file airbyte_cloud/resources.h
 * @brief Conventions and shared types for managing resources: list options, safe mode.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_RESOURCES_H
#define AIRBYTE_CLOUD_RESOURCES_H

#include "common.h"

ABC_BEGIN_DECLS

/**
 * @name Managing resources: conventions
 * Create, read, list, change and delete what a workspace holds.
 *
 * - **Configurations are JSON text** at this boundary, in and out: no C struct per connector.
 *   Input JSON is checked before anything is sent; a malformed one gives
 *   ::ABC_ERROR_INVALID_ARGUMENT naming the argument and the byte offset. Configurations read back
 *   are as the server returns them: secrets masked as "**********", and (on the real server)
 *   without the `sourceType` / `destinationType` discriminator.
 * - **Snapshots.** ::abc_source, ::abc_destination and ::abc_workspace_info hold what one response
 *   said; their getters send no request and return borrowed strings that live until the handle is
 *   freed or its snapshot changes (refresh, rename, update, replace). A NULL handle gives "" / 0.
 * - **Lists** (`abc_*_list`) hold every page, fetched at once with `limit` 100 (or the page size
 *   set in ::abc_list_options) and `offset` += limit until a page is empty or shorter than the
 *   limit. **Iterators** (`abc_*_iterator`) fetch one page at a time as their `_next()` needs it;
 *   `_next()` returns ::ABC_OK with `*out` NULL at the end. After a failed `_next()` nothing has
 *   advanced: calling it again retries the same page. If the server's list changes during a walk,
 *   an item may be skipped or seen twice (the API pages by offset). Both are usable from SWIG:
 *   every item comes out as a new handle the caller owns.
 * - **Server-side rejections** (400, 422) give ::ABC_ERROR_API with the problem's detail in
 *   abc_error_problem_detail().
 * - **Threading**: as for the other handles (see the threading contract); lists, iterators and
 *   specs are used by one thread at a time.
 */
/**@{*/

/** Whether a delete first checks that each resource it removes is named as disposable: its name
 * contains "deleteme" or "delete-me" in any letter case (as PyAirbyte's safe mode). A refused
 * delete deletes nothing and fails with ::ABC_ERROR_REFUSED, saying which names failed and how to
 * override. Values are part of the ABI. */
typedef enum abc_safe_mode {
    /** On for a cascading delete (it removes resources the caller did not name), off for the
     * delete of the one resource named. */
    ABC_SAFE_MODE_DEFAULT = 0,
    ABC_SAFE_MODE_ON = 1,  /**< Check every resource the call deletes. */
    ABC_SAFE_MODE_OFF = 2  /**< Delete without checking names. */
} abc_safe_mode;

/** Airbyte's definition id of destination-motherduck. The API cannot look MotherDuck up by type
 * name, so abc_destination_create() sends this id for a "motherduck" destination. */
#define ABC_MOTHERDUCK_DEFINITION_ID "042ee9b5-eb98-4e99-a4e5-3f0d573bee66"

typedef struct abc_list_options abc_list_options;
typedef struct abc_source abc_source;
typedef struct abc_source_list abc_source_list;
typedef struct abc_source_iterator abc_source_iterator;
typedef struct abc_destination abc_destination;
typedef struct abc_destination_list abc_destination_list;
typedef struct abc_destination_iterator abc_destination_iterator;
typedef struct abc_connection_spec abc_connection_spec;
typedef struct abc_connection_list abc_connection_list;
typedef struct abc_connection_iterator abc_connection_iterator;
typedef struct abc_workspace_info abc_workspace_info;
typedef struct abc_workspace_info_list abc_workspace_info_list;
typedef struct abc_workspace_info_iterator abc_workspace_info_iterator;
typedef struct abc_stream_catalog abc_stream_catalog;

/** 1 when `name` marks a resource as disposable for safe mode (contains "deleteme" or
 * "delete-me", any letter case), else 0. NULL gives 0. */
ABC_API int abc_name_is_disposable(const char *name);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name List options
 * Which items a list or iterator hands out and how it pages. Create, set, pass (the call copies
 * them), free. Defaults: every item, 100 per page, deleted ones left out. The API has no name
 * filter: names are matched here, on each page as it arrives. */
/**@{*/

/** @param[out] out new options, freed with abc_list_options_free(). */
ABC_API abc_status abc_list_options_new(abc_list_options **out, abc_error **error);
ABC_API void abc_list_options_free(abc_list_options *options);
/** Only items named exactly `name` (byte for byte). NULL removes this filter. */
ABC_API abc_status abc_list_options_set_name(abc_list_options *options, const char *name,
                                             abc_error **error);
/** Only items whose name contains `text`, ignoring ASCII letter case. NULL removes this filter. */
ABC_API abc_status abc_list_options_set_name_contains(abc_list_options *options, const char *text,
                                                      abc_error **error);
/** Items asked for per request, 1..100 (the API's maximum; default 100). */
ABC_API abc_status abc_list_options_set_page_size(abc_list_options *options, int page_size,
                                                  abc_error **error);
/** 1: include deleted items (the API's includeDeleted). Default 0. */
ABC_API abc_status abc_list_options_set_include_deleted(abc_list_options *options, int include,
                                                        abc_error **error);
/** Adds a workspace to those a list covers (the API's workspaceIds): lists of sources,
 * destinations, connections and tags then cover these workspaces instead of the handle's own;
 * the list of workspaces only these. */
ABC_API abc_status abc_list_options_add_workspace_id(abc_list_options *options,
                                                     const char *workspace_id, abc_error **error);
/** Only connections carrying this tag (the API's tagIds; several: any of them). */
ABC_API abc_status abc_list_options_add_tag_id(abc_list_options *options, const char *tag_id,
                                               abc_error **error);
/** Only users with this id (the API's ids filter of GET /users). */
ABC_API abc_status abc_list_options_add_user_id(abc_list_options *options, const char *user_id,
                                                abc_error **error);
/** Only users with this email (the API's emails filter of GET /users). */
ABC_API abc_status abc_list_options_add_email(abc_list_options *options, const char *email,
                                              abc_error **error);
/** 1 when an item named `name` passes the name filters of `options` (NULL options: 1; NULL
 * name: 0). No request; the same test the lists apply. */
ABC_API int abc_list_options_matches(const abc_list_options *options, const char *name);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_RESOURCES_H */
