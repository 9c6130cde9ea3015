/**
 * @file airbyte_cloud/definitions.h
 * @brief Custom connector definitions of a workspace: source and destination definitions (a
 *        Docker image), and declarative source definitions (a low-code YAML manifest, as JSON).
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h; snapshots, iterators and
 * server-side rejections behave as described in airbyte_cloud/resources.h. Definitions live under
 * /workspaces/{id}/definitions/ of the workspace of the ::abc_workspace given. A definition's id
 * is what abc_source_create() / abc_destination_create() take as `definition_id`.
 * Airbyte Cloud refuses to create or update non-declarative definitions (::ABC_ERROR_API).
 */
#ifndef AIRBYTE_CLOUD_DEFINITIONS_H
#define AIRBYTE_CLOUD_DEFINITIONS_H

#include "common.h"
#include "resources.h"

ABC_BEGIN_DECLS

/** Which kind of custom definition. Values are part of the ABI. */
typedef enum abc_definition_kind {
    ABC_DEFINITION_SOURCE = 0,     /**< /definitions/sources */
    ABC_DEFINITION_DESTINATION = 1 /**< /definitions/destinations */
} abc_definition_kind;

typedef struct abc_definition abc_definition;
typedef struct abc_definition_iterator abc_definition_iterator;
typedef struct abc_declarative_definition abc_declarative_definition;
typedef struct abc_declarative_definition_iterator abc_declarative_definition_iterator;

/* ------------------------------------------------------------------------------------------ */
/** @name Source and destination definitions */
/**@{*/

/** Creates a custom definition (POST .../definitions/sources or /destinations).
 * @param documentation_url NULL for none.
 * @param[out] out the new definition, freed with abc_definition_free(). */
ABC_API abc_status abc_definition_create(abc_definition **out, abc_workspace *workspace,
                                         abc_definition_kind kind, const char *name,
                                         const char *docker_repository,
                                         const char *docker_image_tag,
                                         const char *documentation_url, abc_error **error);
/** Fetches a definition. @param[out] out freed with abc_definition_free(). */
ABC_API abc_status abc_definition_get(abc_definition **out, abc_workspace *workspace,
                                      abc_definition_kind kind, const char *definition_id,
                                      abc_error **error);
ABC_API void abc_definition_free(abc_definition *definition);
/** Renames the definition and/or moves it to another image tag (PUT); NULL keeps that field.
 * The handle then holds the server's answer. */
ABC_API abc_status abc_definition_update(abc_definition *definition, const char *name,
                                         const char *docker_image_tag, abc_error **error);
/** Deletes a custom definition. */
ABC_API abc_status abc_definition_delete(abc_workspace *workspace, abc_definition_kind kind,
                                         const char *definition_id, abc_error **error);
/** A walk over the workspace's definitions of `kind` (the emulator lists the custom ones; the
 * real server also Airbyte's own, with their images). Name filters of
 * `options` (NULL: none) apply. @param[out] out freed with abc_definition_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_definitions(abc_definition_iterator **out,
                                                     abc_workspace *workspace,
                                                     abc_definition_kind kind,
                                                     const abc_list_options *options,
                                                     abc_error **error);
/** @param[out] out a new definition (abc_definition_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_definition_iterator_next(abc_definition **out,
                                                abc_definition_iterator *iterator,
                                                abc_error **error);
ABC_API void abc_definition_iterator_free(abc_definition_iterator *iterator);

/** Source or destination, as the handle was made. */
ABC_API abc_definition_kind abc_definition_get_kind(const abc_definition *definition);
/** The definition id. Borrowed; "" for NULL. */
ABC_API const char *abc_definition_id(const abc_definition *definition);
/** The definition's name. Borrowed. */
ABC_API const char *abc_definition_name(const abc_definition *definition);
/** The Docker repository, e.g. "airbyte/source-faker". Borrowed. */
ABC_API const char *abc_definition_docker_repository(const abc_definition *definition);
/** The Docker image tag, e.g. "6.2.1". Borrowed. */
ABC_API const char *abc_definition_docker_image_tag(const abc_definition *definition);
/** The documentation URL ("" when none). Borrowed. */
ABC_API const char *abc_definition_documentation_url(const abc_definition *definition);
/** The whole DefinitionResponse as compact JSON. Borrowed. */
ABC_API const char *abc_definition_json(const abc_definition *definition);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Declarative source definitions
 * A manifest is the low-code connector's YAML as a JSON object. The server needs at least
 * `version`, `type` ("DeclarativeSource"), `check`, `streams` (or `dynamic_streams`) and
 * `spec.connection_specification`; it answers ::ABC_ERROR_API naming what is missing. */
/**@{*/

/** Publishes a declarative source definition (version 1).
 * @param[out] out freed with abc_declarative_definition_free(). */
ABC_API abc_status abc_declarative_definition_create(abc_declarative_definition **out,
                                                     abc_workspace *workspace, const char *name,
                                                     const char *manifest_json, abc_error **error);
/** Fetches one. @param[out] out freed with abc_declarative_definition_free(). */
ABC_API abc_status abc_declarative_definition_get(abc_declarative_definition **out,
                                                  abc_workspace *workspace,
                                                  const char *definition_id, abc_error **error);
ABC_API void abc_declarative_definition_free(abc_declarative_definition *definition);
/** Publishes a new manifest as the next version (PUT) and makes it active; the handle then holds
 * the answer. */
ABC_API abc_status abc_declarative_definition_update(abc_declarative_definition *definition,
                                                     const char *manifest_json, abc_error **error);
/** Deletes a declarative source definition. */
ABC_API abc_status abc_declarative_definition_delete(abc_workspace *workspace,
                                                     const char *definition_id, abc_error **error);
/** A walk over the workspace's declarative source definitions. Name filters apply.
 * @param[out] out freed with abc_declarative_definition_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_declarative_definitions(
    abc_declarative_definition_iterator **out, abc_workspace *workspace,
    const abc_list_options *options, abc_error **error);
/** @param[out] out a new definition (abc_declarative_definition_free()), or NULL with ::ABC_OK
 * at the end. */
ABC_API abc_status abc_declarative_definition_iterator_next(
    abc_declarative_definition **out, abc_declarative_definition_iterator *iterator,
    abc_error **error);
ABC_API void abc_declarative_definition_iterator_free(abc_declarative_definition_iterator *iterator);

/** The definition id. Borrowed; "" for NULL. */
ABC_API const char *abc_declarative_definition_id(const abc_declarative_definition *definition);
/** The definition's name. Borrowed. */
ABC_API const char *abc_declarative_definition_name(const abc_declarative_definition *definition);
/** The active manifest as compact JSON. Borrowed. */
ABC_API const char *abc_declarative_definition_manifest(
    const abc_declarative_definition *definition);
/** The active manifest's version (1 after create, +1 per update; 0 for NULL). */
ABC_API int64_t abc_declarative_definition_version(const abc_declarative_definition *definition);
/** The whole DeclarativeSourceDefinitionResponse as compact JSON. Borrowed. */
ABC_API const char *abc_declarative_definition_json(const abc_declarative_definition *definition);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_DEFINITIONS_H */
