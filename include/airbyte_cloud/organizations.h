/**
 * @file airbyte_cloud/organizations.h
 * @brief Organizations, their users, and permissions (who may use which workspace).
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h; snapshots, iterators and
 * server-side rejections behave as described in airbyte_cloud/resources.h. These endpoints answer
 * with every item at once (they take no limit/offset): an iterator makes one request.
 */
#ifndef AIRBYTE_CLOUD_ORGANIZATIONS_H
#define AIRBYTE_CLOUD_ORGANIZATIONS_H

#include "common.h"
#include "resources.h"

ABC_BEGIN_DECLS

typedef struct abc_organization abc_organization;
typedef struct abc_organization_iterator abc_organization_iterator;
typedef struct abc_user abc_user;
typedef struct abc_user_iterator abc_user_iterator;
typedef struct abc_permission abc_permission;
typedef struct abc_permission_iterator abc_permission_iterator;

/* ------------------------------------------------------------------------------------------ */
/** @name Organizations */
/**@{*/

/** A walk over the organizations of the calling user (GET /organizations). Name filters of
 * `options` (NULL: none) match organizationName. @param[out] out freed with
 * abc_organization_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_organizations(abc_organization_iterator **out,
                                                       abc_workspace *workspace,
                                                       const abc_list_options *options,
                                                       abc_error **error);
/** @param[out] out a new organization (abc_organization_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_organization_iterator_next(abc_organization **out,
                                                  abc_organization_iterator *iterator,
                                                  abc_error **error);
ABC_API void abc_organization_iterator_free(abc_organization_iterator *iterator);
ABC_API void abc_organization_free(abc_organization *organization);
/** The organization id. Borrowed; "" for NULL. */
ABC_API const char *abc_organization_id(const abc_organization *organization);
/** The organization's name. Borrowed. */
ABC_API const char *abc_organization_name(const abc_organization *organization);
/** The organization's email. Borrowed. */
ABC_API const char *abc_organization_email(const abc_organization *organization);
/** The whole OrganizationResponse as compact JSON. Borrowed. */
ABC_API const char *abc_organization_json(const abc_organization *organization);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Users */
/**@{*/

/** A walk over the users of an organization (GET /users?organizationId=..). Filters of
 * `options` (NULL: none): user ids (abc_list_options_add_user_id()) and emails
 * (abc_list_options_add_email()) are sent to the API; name filters match here.
 * @param[out] out freed with abc_user_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_users(abc_user_iterator **out, abc_workspace *workspace,
                                               const char *organization_id,
                                               const abc_list_options *options, abc_error **error);
/** @param[out] out a new user (abc_user_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_user_iterator_next(abc_user **out, abc_user_iterator *iterator,
                                          abc_error **error);
ABC_API void abc_user_iterator_free(abc_user_iterator *iterator);
ABC_API void abc_user_free(abc_user *user);
/** The user id. Borrowed; "" for NULL. */
ABC_API const char *abc_user_id(const abc_user *user);
/** The user's name. Borrowed. */
ABC_API const char *abc_user_name(const abc_user *user);
/** The user's email. Borrowed. */
ABC_API const char *abc_user_email(const abc_user *user);
/** The whole UserResponse as compact JSON. Borrowed. */
ABC_API const char *abc_user_json(const abc_user *user);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Permissions
 * A permission gives a user a role on one workspace (workspace_admin, workspace_editor,
 * workspace_runner, workspace_reader) or on one organization (organization_admin,
 * organization_editor, organization_runner, organization_reader, organization_member). */
/**@{*/

/** Grants a permission (POST /permissions).
 * @param workspace_id the workspace, for a workspace_* type (else NULL).
 * @param organization_id the organization, for an organization_* type (else NULL).
 * @param[out] out the new permission, freed with abc_permission_free(). */
ABC_API abc_status abc_permission_create(abc_permission **out, abc_workspace *workspace,
                                         const char *user_id, const char *permission_type,
                                         const char *workspace_id, const char *organization_id,
                                         abc_error **error);
/** Fetches a permission (GET /permissions/{id}). @param[out] out freed with abc_permission_free(). */
ABC_API abc_status abc_permission_get(abc_permission **out, abc_workspace *workspace,
                                      const char *permission_id, abc_error **error);
ABC_API void abc_permission_free(abc_permission *permission);
/** Changes the permission's type (PATCH /permissions/{id}); the handle then holds the answer. */
ABC_API abc_status abc_permission_update(abc_permission *permission, const char *permission_type,
                                         abc_error **error);
/** Revokes a permission (DELETE /permissions/{id}). */
ABC_API abc_status abc_permission_delete(abc_workspace *workspace, const char *permission_id,
                                         abc_error **error);
/** A walk over permissions (GET /permissions), of one user and/or of one organization (NULL:
 * not filtered). Listed permissions carry scope and scope id instead of the workspace or
 * organization id. @param[out] out freed with abc_permission_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_permissions(abc_permission_iterator **out,
                                                     abc_workspace *workspace,
                                                     const char *user_id,
                                                     const char *organization_id,
                                                     abc_error **error);
/** @param[out] out a new permission (abc_permission_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_permission_iterator_next(abc_permission **out,
                                                abc_permission_iterator *iterator,
                                                abc_error **error);
ABC_API void abc_permission_iterator_free(abc_permission_iterator *iterator);

/** The permission id. Borrowed; "" for NULL. */
ABC_API const char *abc_permission_id(const abc_permission *permission);
/** The permission type ("workspace_reader"...). Borrowed. */
ABC_API const char *abc_permission_type(const abc_permission *permission);
/** The user it is granted to. Borrowed. */
ABC_API const char *abc_permission_user_id(const abc_permission *permission);
/** The workspace (workspace_* types; "" in listed permissions: see abc_permission_scope_id()). */
ABC_API const char *abc_permission_workspace_id(const abc_permission *permission);
/** The organization (organization_* types; "" in listed permissions). Borrowed. */
ABC_API const char *abc_permission_organization_id(const abc_permission *permission);
/** "workspace", "organization" or "none" for listed permissions; "" otherwise. Borrowed. */
ABC_API const char *abc_permission_scope(const abc_permission *permission);
/** The workspace or organization id of a listed permission; "" otherwise. Borrowed. */
ABC_API const char *abc_permission_scope_id(const abc_permission *permission);
/** The whole PermissionResponse (or PermissionResponseRead) as compact JSON. Borrowed. */
ABC_API const char *abc_permission_json(const abc_permission *permission);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_ORGANIZATIONS_H */
