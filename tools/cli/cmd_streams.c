/* streams SOURCE_ID: what a source offers, to pick streams and sync modes for a connection. */
#include "listing.h"
#include "output.h"
#include "report.h"
#include "settings.h"

static const cli_column stream_columns[] = {
    {"STREAM", NULL, "name", CLI_KIND_TEXT},
    {"NAMESPACE", NULL, "namespace", CLI_KIND_TEXT},
    {"SYNC MODES", NULL, "syncModes", CLI_KIND_JSON},
    {"DEFAULT CURSOR", NULL, "defaultCursorField", CLI_KIND_JSON},
    {NULL, NULL, "sourceDefinedCursor", CLI_KIND_MARK},
    {"PRIMARY KEY", NULL, "sourceDefinedPrimaryKey", CLI_KIND_JSON},
    {NULL, NULL, NULL, CLI_KIND_TEXT},
};

typedef abc_status (*stream_text)(const char **out, const abc_stream_catalog *catalog, size_t index,
                                  abc_error **error);

/* Row `index` of the catalog per stream_columns. */
static abc_status stream_row(cli_value *row, const abc_stream_catalog *catalog, size_t index,
                             abc_error **error) {
    static const stream_text texts[] = {abc_stream_catalog_name, abc_stream_catalog_namespace,
                                        abc_stream_catalog_sync_modes,
                                        abc_stream_catalog_default_cursor};
    abc_status status = ABC_OK;
    for (size_t i = 0; status == ABC_OK && i < 4; ++i) {
        row[i] = cli_number(0);
        status = texts[i](&row[i].text, catalog, index, error);
    }
    int source_defined = 0;
    if (status == ABC_OK)
        status = abc_stream_catalog_source_defined_cursor(&source_defined, catalog, index, error);
    row[4] = cli_number(source_defined);
    row[5] = cli_number(0);
    if (status == ABC_OK)
        status = abc_stream_catalog_primary_key(&row[5].text, catalog, index, error);
    return status;
}

static int run_streams(cli_invocation *invocation) {
    CLI_REQUIRE_WORKSPACE(invocation);
    abc_stream_catalog *catalog = NULL;
    abc_error *error = NULL;
    abc_status status =
        abc_stream_catalog_get(&catalog, invocation->workspace, invocation->args[0],
                               cli_option_value(invocation, "--destination"), &error);
    if (status != ABC_OK) {
        return cli_fail(invocation, status, error,
                        status == ABC_ERROR_NOT_FOUND
                            ? "check the source id; list them with '" CLI_NAME " sources list'"
                            : NULL);
    }
    cli_listing *listing = cli_listing_new(invocation, stream_columns, "streams");
    if (cli_listing_document(listing) != NULL)
        cli_json_string(cli_listing_document(listing), "sourceId", invocation->args[0]);
    size_t count = abc_stream_catalog_count(catalog);
    for (size_t i = 0; status == ABC_OK && i < count; ++i) {
        cli_value row[CLI_MAX_COLUMNS];
        status = stream_row(row, catalog, i, &error);
        if (status == ABC_OK)
            cli_listing_add(listing, row);
    }
    abc_stream_catalog_free(catalog);
    if (status != ABC_OK)
        return cli_listing_fail(listing, status, error, NULL);
    return cli_listing_print(listing, "The source offers no streams.");
}

static const cli_option stream_options[] = {
    {"--destination", "DESTINATION_ID", "only the sync modes this destination supports too"},
    {NULL, NULL, NULL},
};

const cli_command cli_streams_commands[] = {
    {"streams", "SOURCE_ID", "list a source's streams: sync modes, default cursor, primary key",
     "What the source offers, to choose --streams for '" CLI_NAME " connections create'.",
     stream_options, 1, 1, run_streams},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
