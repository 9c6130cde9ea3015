/**
 * @file airbyte_cloud/destinations.h
 * @brief Destinations and the typed destination configuration builders.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_DESTINATIONS_H
#define AIRBYTE_CLOUD_DESTINATIONS_H

#include "common.h"
#include "resources.h"

ABC_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/** @name Destinations
 * As sources. A destination of type "motherduck" is created with ::ABC_MOTHERDUCK_DEFINITION_ID
 * (the API's type lookup lacks it), and its type reads back as "motherduck" even where the
 * server reports "". */
/**@{*/

/** Creates a destination (POST /destinations). Never resent in a way that could create two.
 * @param[out] out the new destination's snapshot, freed with abc_destination_free().
 * @param name a non-blank name.
 * @param destination_type e.g. "postgres", "snowflake", "bigquery", "duckdb", "motherduck";
 *        NULL to rely on `definition_id` or on the configuration's own "destinationType". A type
 *        the API's schema does not list gives ::ABC_ERROR_INVALID_ARGUMENT unless
 *        `definition_id` is given.
 * @param definition_id the connector definition's UUID, or NULL.
 * @param configuration_json a JSON object, e.g. from an abc_destination_config_*() builder;
 *        "destinationType" is added when missing and must agree with `destination_type`. */
ABC_API abc_status abc_destination_create(abc_destination **out, abc_workspace *workspace,
                                          const char *name, const char *destination_type,
                                          const char *definition_id,
                                          const char *configuration_json, abc_error **error);
/** Fetches a destination now (GET /destinations/{id}); secrets come back masked.
 * @param[out] out new snapshot, freed with abc_destination_free(). */
ABC_API abc_status abc_destination_get(abc_destination **out, abc_workspace *workspace,
                                       const char *destination_id, abc_error **error);
ABC_API void abc_destination_free(abc_destination *destination);
/** Fetches the destination again and replaces the snapshot. */
ABC_API abc_status abc_destination_refresh(abc_destination *destination, abc_error **error);
/** The destination id. Borrowed. */
ABC_API const char *abc_destination_id(const abc_destination *destination);
/** The name. Borrowed. */
ABC_API const char *abc_destination_name(const abc_destination *destination);
/** The connector type ("postgres", "motherduck"...). Borrowed. */
ABC_API const char *abc_destination_type(const abc_destination *destination);
/** The connector definition id. Borrowed. */
ABC_API const char *abc_destination_definition_id(const abc_destination *destination);
/** The workspace the destination belongs to. Borrowed. */
ABC_API const char *abc_destination_workspace_id(const abc_destination *destination);
/** The configuration as compact JSON text, secrets masked. Borrowed. */
ABC_API const char *abc_destination_configuration(const abc_destination *destination);
/** Creation time as Unix seconds (0 when unknown). */
ABC_API int64_t abc_destination_created_at(const abc_destination *destination);
/** Renames the destination (PATCH) and updates the snapshot. */
ABC_API abc_status abc_destination_rename(abc_destination *destination, const char *name,
                                          abc_error **error);
/** Changes configuration fields (PATCH); "destinationType" is added from the snapshot when
 * missing. Updates the snapshot. */
ABC_API abc_status abc_destination_update_configuration(abc_destination *destination,
                                                        const char *configuration_json,
                                                        abc_error **error);
/** Replaces name and whole configuration (PUT). Updates the snapshot. */
ABC_API abc_status abc_destination_replace(abc_destination *destination, const char *name,
                                           const char *configuration_json, abc_error **error);
/** Deletes a destination (DELETE /destinations/{id}); Airbyte also deletes the connections that
 * use it. @param safe_mode as for abc_source_delete(). */
ABC_API abc_status abc_destination_delete(abc_workspace *workspace, const char *destination_id,
                                          abc_safe_mode safe_mode, abc_error **error);

/** Every destination of the workspace passing `options` (NULL: all), all pages fetched now.
 * @param[out] out new list, freed with abc_destination_list_free(). */
ABC_API abc_status abc_workspace_list_destinations(abc_destination_list **out,
                                                   abc_workspace *workspace,
                                                   const abc_list_options *options,
                                                   abc_error **error);
ABC_API size_t abc_destination_list_count(const abc_destination_list *list);
/** Destination `index` (< count) as a new snapshot handle, freed with abc_destination_free(). */
ABC_API abc_status abc_destination_list_get(abc_destination **out,
                                            const abc_destination_list *list, size_t index,
                                            abc_error **error);
ABC_API void abc_destination_list_free(abc_destination_list *list);
/** A lazy walk over the workspace's destinations. No request yet.
 * @param[out] out new iterator, freed with abc_destination_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_destinations(abc_destination_iterator **out,
                                                      abc_workspace *workspace,
                                                      const abc_list_options *options,
                                                      abc_error **error);
/** @param[out] out a new snapshot (abc_destination_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_destination_iterator_next(abc_destination **out,
                                                 abc_destination_iterator *iterator,
                                                 abc_error **error);
ABC_API void abc_destination_iterator_free(abc_destination_iterator *iterator);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Destination configuration builders
 * The configuration JSON the API expects for the warehouses PyAirbyte deploys its caches to, from
 * typed settings: pass the result to abc_destination_create(). Each returns compact JSON with
 * "destinationType" first.
 * @param[out] out_json a new string the caller frees with abc_string_free(). It holds the secrets
 *        given: do not log it.
 * Required text arguments must be non-empty; optional ones may be NULL (or "") to leave them out.
 * A bad setting gives ::ABC_ERROR_INVALID_ARGUMENT naming the argument. */
/**@{*/

/** destination-postgres. @param port 1..65535. @param schema e.g. "public".
 * @param password optional. @param ssl_mode optional: "disable", "allow", "prefer" or "require"
 *        (the verify modes need certificates: write that JSON yourself). */
ABC_API abc_status abc_destination_config_postgres(char **out_json, const char *host, int port,
                                                   const char *database, const char *schema,
                                                   const char *username, const char *password,
                                                   const char *ssl_mode, abc_error **error);
/** destination-snowflake with username and password.
 * @param host the account's host, e.g. "accountname.snowflakecomputing.com" (not a URL). */
ABC_API abc_status abc_destination_config_snowflake_password(
    char **out_json, const char *host, const char *role, const char *warehouse,
    const char *database, const char *schema, const char *username, const char *password,
    abc_error **error);
/** destination-snowflake with key-pair authentication.
 * @param private_key the PEM text of the key ("-----BEGIN ... PRIVATE KEY-----"), not a path.
 * @param private_key_password the key's passphrase, or NULL. */
ABC_API abc_status abc_destination_config_snowflake_key_pair(
    char **out_json, const char *host, const char *role, const char *warehouse,
    const char *database, const char *schema, const char *username, const char *private_key,
    const char *private_key_password, abc_error **error);
/** destination-bigquery. @param dataset_location e.g. "US", "EU", "europe-west1".
 * @param credentials_json the service-account key file's content (a JSON object, checked), or
 *        NULL where the server has its own credentials (self-managed). */
ABC_API abc_status abc_destination_config_bigquery(char **out_json, const char *project_id,
                                                   const char *dataset_id,
                                                   const char *dataset_location,
                                                   const char *credentials_json,
                                                   abc_error **error);
/** destination-duckdb. @param destination_path e.g. "/local/file.duckdb", or "md:<db>" for
 * MotherDuck (then `motherduck_api_key` is required). @param schema optional ("main").
 * @param motherduck_api_key optional. */
ABC_API abc_status abc_destination_config_duckdb(char **out_json, const char *destination_path,
                                                 const char *schema,
                                                 const char *motherduck_api_key,
                                                 abc_error **error);
/** destination-motherduck. @param database optional: the MotherDuck database (destination_path
 * "md:<database>"; NULL gives "md:", MotherDuck's default database). @param schema optional. */
ABC_API abc_status abc_destination_config_motherduck(char **out_json,
                                                     const char *motherduck_api_key,
                                                     const char *database, const char *schema,
                                                     abc_error **error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_DESTINATIONS_H */
