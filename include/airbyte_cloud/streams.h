/**
 * @file airbyte_cloud/streams.h
 * @brief Streams: what a source offers, to pick streams and sync modes.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_STREAMS_H
#define AIRBYTE_CLOUD_STREAMS_H

#include "common.h"
#include "resources.h"

ABC_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/** @name Streams
 * What a source offers (GET /streams), to pick streams and sync modes before creating a
 * connection. Getters take a stream index < abc_stream_catalog_count(); borrowed strings live as
 * long as the catalog. Arrays come as compact JSON text. */
/**@{*/

/** Fetches the streams of a source.
 * @param destination_id optional (NULL): the destination, whose supported sync modes then
 *        narrow the list.
 * @param[out] out new catalog, freed with abc_stream_catalog_free(). */
ABC_API abc_status abc_stream_catalog_get(abc_stream_catalog **out, abc_workspace *workspace,
                                          const char *source_id, const char *destination_id,
                                          abc_error **error);
ABC_API void abc_stream_catalog_free(abc_stream_catalog *catalog);
/** Number of streams. */
ABC_API size_t abc_stream_catalog_count(const abc_stream_catalog *catalog);
/** @param[out] out_index the index of the stream named `stream_name`;
 * ::ABC_ERROR_NOT_FOUND when there is none. */
ABC_API abc_status abc_stream_catalog_find(size_t *out_index, const abc_stream_catalog *catalog,
                                           const char *stream_name, abc_error **error);
/** @param[out] out the stream's name. Borrowed. */
ABC_API abc_status abc_stream_catalog_name(const char **out, const abc_stream_catalog *catalog,
                                           size_t index, abc_error **error);
/** @param[out] out the stream's namespace ("" when none). Borrowed. */
ABC_API abc_status abc_stream_catalog_namespace(const char **out,
                                                const abc_stream_catalog *catalog, size_t index,
                                                abc_error **error);
/** @param[out] out_json the supported sync modes, a JSON array of strings. Borrowed. */
ABC_API abc_status abc_stream_catalog_sync_modes(const char **out_json,
                                                 const abc_stream_catalog *catalog, size_t index,
                                                 abc_error **error);
/** @param[out] out 1 when the stream supports `sync_mode`, else 0. */
ABC_API abc_status abc_stream_catalog_supports_sync_mode(int *out,
                                                         const abc_stream_catalog *catalog,
                                                         size_t index, const char *sync_mode,
                                                         abc_error **error);
/** @param[out] out_json the default cursor field, a JSON array of strings ("[]" when none).
 * Borrowed. */
ABC_API abc_status abc_stream_catalog_default_cursor(const char **out_json,
                                                     const abc_stream_catalog *catalog,
                                                     size_t index, abc_error **error);
/** @param[out] out 1 when the source defines the cursor (it cannot be chosen), else 0. */
ABC_API abc_status abc_stream_catalog_source_defined_cursor(int *out,
                                                            const abc_stream_catalog *catalog,
                                                            size_t index, abc_error **error);
/** @param[out] out_json the source-defined primary key, a JSON array of paths ("[]" when none).
 * Borrowed. */
ABC_API abc_status abc_stream_catalog_primary_key(const char **out_json,
                                                  const abc_stream_catalog *catalog,
                                                  size_t index, abc_error **error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_STREAMS_H */
