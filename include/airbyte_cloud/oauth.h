/**
 * @file airbyte_cloud/oauth.h
 * @brief OAuth: starting a source's consent flow, and workspace or organization overrides of the
 *        OAuth app credentials Airbyte uses for a connector.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h. Configuration JSON is
 * checked before anything is sent; it is never written to log lines or error messages.
 */
#ifndef AIRBYTE_CLOUD_OAUTH_H
#define AIRBYTE_CLOUD_OAUTH_H

#include "common.h"

ABC_BEGIN_DECLS

/** Starts the OAuth consent flow for a new source in the workspace of `workspace`
 * (POST /sources/initiateOAuth).
 * @param source_type the connector, e.g. "google-sheets" (the spec's OAuthActorNames).
 * @param redirect_url where the user is sent afterwards, with `secret_id` in the query string.
 * @param oauth_input_json OAuthInputConfiguration object, or NULL.
 * @param[out] out_json the server's answer as text (it holds the consent URL), freed with
 *        abc_string_free(). */
ABC_API abc_status abc_source_initiate_oauth(char **out_json, abc_workspace *workspace,
                                             const char *source_type, const char *redirect_url,
                                             const char *oauth_input_json, abc_error **error);

/** Sets the workspace's override of a connector's OAuth app credentials
 * (PUT /workspaces/{id}/oauthCredentials).
 * @param workspace_id NULL for the workspace of `workspace`.
 * @param actor_type "source" or "destination". @param name the connector, e.g. "google-ads".
 * @param configuration_json the credentials object (client_id, client_secret...). */
ABC_API abc_status abc_workspace_set_oauth_credentials(abc_workspace *workspace,
                                                       const char *workspace_id,
                                                       const char *actor_type, const char *name,
                                                       const char *configuration_json,
                                                       abc_error **error);
/** Removes that override (DELETE /workspaces/{id}/oauthCredentials/{actorType}/{name}). */
ABC_API abc_status abc_workspace_delete_oauth_credentials(abc_workspace *workspace,
                                                          const char *workspace_id,
                                                          const char *actor_type,
                                                          const char *name, abc_error **error);
/** Sets an organization's override (PUT /organizations/{id}/oauthCredentials). */
ABC_API abc_status abc_organization_set_oauth_credentials(abc_workspace *workspace,
                                                          const char *organization_id,
                                                          const char *actor_type,
                                                          const char *name,
                                                          const char *configuration_json,
                                                          abc_error **error);
/** Removes an organization's override. */
ABC_API abc_status abc_organization_delete_oauth_credentials(abc_workspace *workspace,
                                                             const char *organization_id,
                                                             const char *actor_type,
                                                             const char *name,
                                                             abc_error **error);

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_OAUTH_H */
