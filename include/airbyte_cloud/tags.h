/**
 * @file airbyte_cloud/tags.h
 * @brief Tags: labels with a colour that group a workspace's connections.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h; snapshots, iterators and
 * server-side rejections behave as described in airbyte_cloud/resources.h.
 *
 * A tag belongs to one workspace. Attach tags to a connection with
 * abc_connection_spec_add_tag() (on create, or in the changes of abc_connection_update()); a
 * connection's tags come back in abc_connection_json(). Renaming or recolouring a tag changes it
 * on every connection that carries it; deleting it removes it from them.
 */
#ifndef AIRBYTE_CLOUD_TAGS_H
#define AIRBYTE_CLOUD_TAGS_H

#include "common.h"
#include "resources.h"

ABC_BEGIN_DECLS

typedef struct abc_tag abc_tag;
typedef struct abc_tag_iterator abc_tag_iterator;

/** Creates a tag in the workspace of `workspace` (POST /tags).
 * @param color six hexadecimal digits, e.g. "FF5733".
 * @param[out] out the new tag, freed with abc_tag_free(). A name already used in the workspace
 *        gives ::ABC_ERROR_CONFLICT. */
ABC_API abc_status abc_tag_create(abc_tag **out, abc_workspace *workspace, const char *name,
                                  const char *color, abc_error **error);
/** Fetches a tag (GET /tags/{id}). @param[out] out new snapshot, freed with abc_tag_free(). */
ABC_API abc_status abc_tag_get(abc_tag **out, abc_workspace *workspace, const char *tag_id,
                               abc_error **error);
ABC_API void abc_tag_free(abc_tag *tag);
/** Renames and/or recolours the tag (PATCH /tags/{id}); NULL keeps that field. The handle then
 * holds the server's answer (borrowed strings from it are invalidated). */
ABC_API abc_status abc_tag_update(abc_tag *tag, const char *name, const char *color,
                                  abc_error **error);
/** Deletes a tag (DELETE /tags/{id}); the connections that carried it lose it. */
ABC_API abc_status abc_tag_delete(abc_workspace *workspace, const char *tag_id,
                                  abc_error **error);

/** The tag id (tagId). Borrowed; "" for NULL. */
ABC_API const char *abc_tag_id(const abc_tag *tag);
/** The tag's name. Borrowed. */
ABC_API const char *abc_tag_name(const abc_tag *tag);
/** The colour as the API returns it (hexadecimal, e.g. "FF5733"). Borrowed. */
ABC_API const char *abc_tag_color(const abc_tag *tag);
/** The workspace the tag belongs to. Borrowed. */
ABC_API const char *abc_tag_workspace_id(const abc_tag *tag);
/** The whole TagResponse as compact JSON. Borrowed. */
ABC_API const char *abc_tag_json(const abc_tag *tag);

/** A walk over the tags of the workspace of `workspace` (GET /tags?workspaceIds=..), or of the
 * workspaces added with abc_list_options_add_workspace_id(). Name filters apply. No request yet.
 * @param options NULL for defaults. @param[out] out freed with abc_tag_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_tags(abc_tag_iterator **out, abc_workspace *workspace,
                                              const abc_list_options *options, abc_error **error);
/** @param[out] out a new tag (abc_tag_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_tag_iterator_next(abc_tag **out, abc_tag_iterator *iterator,
                                         abc_error **error);
ABC_API void abc_tag_iterator_free(abc_tag_iterator *iterator);

/** Adds `tag` to the connection's tags (ConnectionCreateRequest / ConnectionPatchRequest `tags`).
 * In the changes of abc_connection_update(), the tags added replace the connection's tags. */
ABC_API abc_status abc_connection_spec_add_tag(abc_connection_spec *spec, const abc_tag *tag,
                                               abc_error **error);

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_TAGS_H */
