/* Integration tests of managing sources, destinations, connections, workspaces and streams
 * against airbyte-cloud-emulator, through the public C API: create/get/rename/update/replace/
 * delete, masked secrets, paging across page boundaries (request counts from /_emulator/stats),
 * name filters, lazy iterators, stream catalogs, cascade delete with safe mode, server-side
 * rejections, and the real server's quirks (--quirks all). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abc_expect.h"
#include "fixture.h"

static const char *const faker_configuration = "{\"count\":20,\"seed\":7,\"api_key\":\"faker-key-123\"}";

static abc_connection *make_connection(abc_workspace *workspace, const char *name, const abc_source *source,
                                       const abc_destination *destination) {
    abc_connection_spec *spec = fixture_connection_spec(name, source, destination);
    ABC_EXPECT_OK(abc_connection_spec_add_stream(spec, "users", "full_refresh_overwrite", NULL, NULL, error));
    abc_connection *connection = NULL;
    ABC_EXPECT_OK(abc_connection_create(&connection, workspace, spec, error));
    abc_connection_spec_free(spec);
    return connection;
}

static abc_status get_source_status(abc_workspace *workspace, const char *id) {
    abc_source *source = NULL;
    abc_status status = abc_source_get(&source, workspace, id, NULL);
    abc_source_free(source);
    return status;
}

static abc_status get_destination_status(abc_workspace *workspace, const char *id) {
    abc_destination *destination = NULL;
    abc_status status = abc_destination_get(&destination, workspace, id, NULL);
    abc_destination_free(destination);
    return status;
}

static abc_status get_connection_status(abc_workspace *workspace, const char *id) {
    abc_connection *connection = NULL;
    ABC_EXPECT_OK(abc_connection_get(&connection, workspace, id, error));
    abc_status status = abc_connection_refresh(connection, NULL);
    abc_connection_free(connection);
    return status;
}

/* ---- Sources ---- */

static void test_source_lifecycle(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_source *source = fixture_source(workspace, "lifecycle source", faker_configuration);
    char id[64];
    snprintf(id, sizeof id, "%s", abc_source_id(source));
    assert_string_equal(abc_source_name(source), "lifecycle source");
    assert_string_equal(abc_source_type(source), "faker");
    assert_string_equal(abc_source_workspace_id(source), emulator.workspace_id);
    assert_true(strlen(abc_source_definition_id(source)) == 36);
    assert_true(abc_source_created_at(source) > 1600000000);
    /* Secrets come back masked, never in clear. */
    assert_non_null(strstr(abc_source_configuration(source), "\"count\":20"));
    assert_non_null(strstr(abc_source_configuration(source), "\"api_key\":\"**********\""));
    assert_null(strstr(abc_source_configuration(source), "faker-key-123"));

    abc_source *fetched = NULL;
    ABC_EXPECT_OK(abc_source_get(&fetched, workspace, id, error));
    assert_string_equal(abc_source_name(fetched), "lifecycle source");
    assert_string_equal(abc_source_configuration(fetched), abc_source_configuration(source));

    ABC_EXPECT_OK(abc_source_rename(source, "renamed source", error));
    assert_string_equal(abc_source_name(source), "renamed source");
    /* PATCH changes the fields given and keeps the rest (seed stays 7). */
    ABC_EXPECT_OK(abc_source_update_configuration(source, "{\"count\":35}", error));
    assert_non_null(strstr(abc_source_configuration(source), "\"count\":35"));
    assert_non_null(strstr(abc_source_configuration(source), "\"seed\":7"));
    /* PUT replaces the whole configuration. */
    ABC_EXPECT_OK(abc_source_replace(source, "replaced source", "{\"count\":5}", error));
    assert_string_equal(abc_source_name(source), "replaced source");
    assert_non_null(strstr(abc_source_configuration(source), "\"count\":5"));
    assert_null(strstr(abc_source_configuration(source), "seed"));
    /* The other snapshot is unchanged until refreshed. */
    assert_string_equal(abc_source_name(fetched), "lifecycle source");
    ABC_EXPECT_OK(abc_source_refresh(fetched, error));
    assert_string_equal(abc_source_name(fetched), "replaced source");

    /* A source type that disagrees with the stored one is refused before sending. */
    abc_error *error = NULL;
    ABC_EXPECT(abc_source_update_configuration(source, "{\"sourceType\":\"postgres\"}", error),
               ABC_ERROR_INVALID_ARGUMENT, "sourceType", NULL);

    /* Safe mode on: the name is not disposable, so nothing happens. */
    ABC_EXPECT(abc_source_delete(workspace, id, ABC_SAFE_MODE_ON, error), ABC_ERROR_REFUSED,
               "replaced source", "ABC_SAFE_MODE_OFF", NULL);
    assert_int_equal(get_source_status(workspace, id), ABC_OK);
    /* The default for a single named resource does not check names. */
    ABC_EXPECT_OK(abc_source_delete(workspace, id, ABC_SAFE_MODE_DEFAULT, error));
    assert_int_equal(get_source_status(workspace, id), ABC_ERROR_NOT_FOUND);
    assert_int_equal(abc_source_delete(workspace, id, ABC_SAFE_MODE_OFF, &error), ABC_ERROR_NOT_FOUND);
    assert_int_equal(abc_error_http_status(error), 404);
    abc_error_free(error);

    abc_source_free(fetched);
    abc_source_free(source);
    abc_workspace_free(workspace);
}

/* ---- Destinations ---- */

static void test_destinations_from_builders(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    char *configuration = NULL;
    ABC_EXPECT_OK(abc_destination_config_postgres(&configuration, "db.internal", 5432, "warehouse", "public", "loader",
                                       "pg-password-456", "require", error));
    abc_destination *postgres = NULL;
    ABC_EXPECT_OK(abc_destination_create(&postgres, workspace, "warehouse deleteme", "postgres", NULL, configuration, error));
    abc_string_free(configuration);
    assert_string_equal(abc_destination_type(postgres), "postgres");
    const char *read_back = abc_destination_configuration(postgres);
    assert_non_null(strstr(read_back, "\"password\":\"**********\""));
    assert_null(strstr(read_back, "pg-password-456"));
    assert_non_null(strstr(read_back, "\"host\":\"db.internal\""));
    assert_non_null(strstr(read_back, "\"mode\":\"require\""));

    /* Read-back configuration (masked secret included) can be sent back: the secret is kept. */
    abc_destination *again = NULL;
    ABC_EXPECT_OK(abc_destination_get(&again, workspace, abc_destination_id(postgres), error));
    ABC_EXPECT_OK(abc_destination_replace(again, "warehouse deleteme", abc_destination_configuration(again), error));
    ABC_EXPECT_OK(abc_destination_update_configuration(again, "{\"schema\":\"analytics\"}", error));
    assert_non_null(strstr(abc_destination_configuration(again), "\"schema\":\"analytics\""));
    assert_non_null(strstr(abc_destination_configuration(again), "\"password\":\"**********\""));
    abc_destination_free(again);

    /* MotherDuck goes by definition id; its type reads back right. */
    ABC_EXPECT_OK(abc_destination_config_motherduck(&configuration, "md-token-789", "analytics", NULL, error));
    abc_destination *motherduck = NULL;
    ABC_EXPECT_OK(abc_destination_create(&motherduck, workspace, "md deleteme", NULL, NULL, configuration, error));
    abc_string_free(configuration);
    assert_string_equal(abc_destination_definition_id(motherduck), ABC_MOTHERDUCK_DEFINITION_ID);
    assert_string_equal(abc_destination_type(motherduck), "motherduck");
    assert_null(strstr(abc_destination_configuration(motherduck), "md-token-789"));

    abc_destination *duckdb = fixture_duckdb(workspace, "duck deleteme", "/local/test.duckdb", NULL);
    assert_string_equal(abc_destination_type(duckdb), "duckdb");
    assert_non_null(strstr(abc_destination_configuration(duckdb), "/local/test.duckdb"));

    ABC_EXPECT_OK(abc_destination_rename(duckdb, "duck renamed deleteme", error));
    assert_string_equal(abc_destination_name(duckdb), "duck renamed deleteme");
    ABC_EXPECT_OK(abc_destination_refresh(duckdb, error));
    assert_string_equal(abc_destination_name(duckdb), "duck renamed deleteme");
    assert_true(abc_destination_created_at(duckdb) > 1600000000);
    assert_string_equal(abc_destination_workspace_id(duckdb), emulator.workspace_id);

    for (abc_destination **each = (abc_destination *[]){postgres, motherduck, duckdb, NULL}; *each; ++each) {
        ABC_EXPECT_OK(abc_destination_delete(workspace, abc_destination_id(*each), ABC_SAFE_MODE_ON, error));
        assert_int_equal(get_destination_status(workspace, abc_destination_id(*each)), ABC_ERROR_NOT_FOUND);
        abc_destination_free(*each);
    }
    abc_workspace_free(workspace);
}

/* ---- Paging ---- */

static char created_ids[260][64];
static size_t created_count = 0;

static void create_page_sources(abc_workspace *workspace, size_t up_to) {
    for (; created_count < up_to; ++created_count) {
        char name[64];
        snprintf(name, sizeof name, "paging source %03zu", created_count);
        abc_source *source = fixture_source(workspace, name, faker_configuration);
        snprintf(created_ids[created_count], 64, "%s", abc_source_id(source));
        abc_source_free(source);
    }
}

/* Lists all sources; checks they are exactly the ones created, in order; returns requests made. */
static long list_and_check(abc_workspace *workspace, const abc_list_options *options) {
    long before = fixture_stat(&emulator, "GET /sources");
    abc_source_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_sources(&list, workspace, options, error));
    long requests = fixture_stat(&emulator, "GET /sources") - before;
    assert_int_equal(abc_source_list_count(list), created_count);
    for (size_t i = 0; i < created_count; ++i) {
        abc_source *source = NULL;
        ABC_EXPECT_OK(abc_source_list_get(&source, list, i, error));
        assert_string_equal(abc_source_id(source), created_ids[i]);
        abc_source_free(source);
    }
    abc_source *beyond = NULL;
    ABC_EXPECT(abc_source_list_get(&beyond, list, created_count, error), ABC_ERROR_INVALID_ARGUMENT,
               "index", NULL);
    abc_source_list_free(list);
    return requests;
}

static void test_paging_boundaries(void **state) {
    (void)state;
    abc_options *settings = fixture_options(&emulator);
    abc_workspace *workspace = NULL;
    /* A workspace of its own, so only the sources made here are listed. */
    long http = 0;
    char *created = emulator_request(&emulator, "POST", "/v1/workspaces", "{\"name\":\"paging\"}", &http);
    assert_int_equal(http, 200);
    char paging_workspace[64] = "";
    const char *at = strstr(created, "\"workspaceId\":\"");
    assert_non_null(at);
    snprintf(paging_workspace, 37, "%s", at + strlen("\"workspaceId\":\""));
    free(created);
    ABC_EXPECT_OK(abc_workspace_new(&workspace, paging_workspace, settings, error));
    abc_options_free(settings);

    /* Empty: one request. */
    assert_int_equal(list_and_check(workspace, NULL), 1);
    /* Exactly one full page: the second request finds it empty. */
    create_page_sources(workspace, 100);
    assert_int_equal(list_and_check(workspace, NULL), 2);
    create_page_sources(workspace, 200);
    assert_int_equal(list_and_check(workspace, NULL), 3);
    /* A short last page ends the walk without asking for another. */
    create_page_sources(workspace, 250);
    assert_int_equal(list_and_check(workspace, NULL), 3);

    abc_list_options *options = NULL;
    ABC_EXPECT_OK(abc_list_options_new(&options, error));
    ABC_EXPECT_OK(abc_list_options_set_page_size(options, 50, error));
    assert_int_equal(list_and_check(workspace, options), 6);
    ABC_EXPECT_OK(abc_list_options_set_page_size(options, 1, error));
    assert_int_equal(list_and_check(workspace, options), 251);
    abc_list_options_free(options);

    /* The iterator fetches one page per 100 items, lazily, and hands out the same sources. */
    long before = fixture_stat(&emulator, "GET /sources");
    abc_source_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_sources(&iterator, workspace, NULL, error));
    assert_int_equal(fixture_stat(&emulator, "GET /sources"), before);
    size_t seen = 0;
    for (;;) {
        abc_source *source = NULL;
        ABC_EXPECT_OK(abc_source_iterator_next(&source, iterator, error));
        if (source == NULL) break;
        assert_true(seen < created_count);
        assert_string_equal(abc_source_id(source), created_ids[seen]);
        ++seen;
        long expected_pages = (long)((seen + 99) / 100);
        assert_int_equal(fixture_stat(&emulator, "GET /sources") - before, expected_pages);
        abc_source_free(source);
    }
    assert_int_equal(seen, 250);
    assert_int_equal(fixture_stat(&emulator, "GET /sources") - before, 3);
    /* At the end it stays at the end without asking again. */
    abc_source *after_end = (abc_source *)&after_end;
    ABC_EXPECT_OK(abc_source_iterator_next(&after_end, iterator, error));
    assert_null(after_end);
    assert_int_equal(fixture_stat(&emulator, "GET /sources") - before, 3);
    abc_source_iterator_free(iterator);

    /* A failed page is retried by the next call: nothing is skipped. */
    ABC_EXPECT_OK(abc_workspace_iterate_sources(&iterator, workspace, NULL, error));
    abc_source *source = NULL;
    for (size_t i = 0; i < 100; ++i) {
        ABC_EXPECT_OK(abc_source_iterator_next(&source, iterator, error));
        abc_source_free(source);
    }
    fixture_add_fault(&emulator, "GET", "/v1/sources", "status", 400, -1, 0, 1);
    abc_error *error = NULL;
    assert_int_equal(abc_source_iterator_next(&source, iterator, &error), ABC_ERROR_API);
    assert_null(source);
    abc_error_free(error);
    ABC_EXPECT_OK(abc_source_iterator_next(&source, iterator, error));
    assert_string_equal(abc_source_id(source), created_ids[100]);
    abc_source_free(source);
    abc_source_iterator_free(iterator);
    abc_workspace_free(workspace);
}

static void test_name_filters(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_source *a = fixture_source(workspace, "Filter Alpha", faker_configuration);
    abc_source *b = fixture_source(workspace, "filter beta", faker_configuration);
    abc_source *c = fixture_source(workspace, "unrelated", faker_configuration);

    abc_list_options *options = NULL;
    ABC_EXPECT_OK(abc_list_options_new(&options, error));
    ABC_EXPECT_OK(abc_list_options_set_name_contains(options, "FILTER", error));
    abc_source_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_sources(&list, workspace, options, error));
    assert_int_equal(abc_source_list_count(list), 2);
    abc_source_list_free(list);

    ABC_EXPECT_OK(abc_list_options_set_name(options, "filter beta", error));
    ABC_EXPECT_OK(abc_workspace_list_sources(&list, workspace, options, error));
    assert_int_equal(abc_source_list_count(list), 1);
    abc_source *found = NULL;
    ABC_EXPECT_OK(abc_source_list_get(&found, list, 0, error));
    assert_string_equal(abc_source_id(found), abc_source_id(b));
    abc_source_free(found);
    abc_source_list_free(list);

    /* The iterator applies the same filter. */
    abc_source_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_sources(&iterator, workspace, options, error));
    ABC_EXPECT_OK(abc_source_iterator_next(&found, iterator, error));
    assert_string_equal(abc_source_name(found), "filter beta");
    abc_source_free(found);
    ABC_EXPECT_OK(abc_source_iterator_next(&found, iterator, error));
    assert_null(found);
    abc_source_iterator_free(iterator);

    /* Deleted ones are left out unless asked for. */
    ABC_EXPECT_OK(abc_source_delete(workspace, abc_source_id(b), ABC_SAFE_MODE_OFF, error));
    ABC_EXPECT_OK(abc_workspace_list_sources(&list, workspace, options, error));
    assert_int_equal(abc_source_list_count(list), 0);
    abc_source_list_free(list);
    ABC_EXPECT_OK(abc_list_options_set_include_deleted(options, 1, error));
    ABC_EXPECT_OK(abc_workspace_list_sources(&list, workspace, options, error));
    assert_int_equal(abc_source_list_count(list), 1);
    abc_source_list_free(list);
    abc_list_options_free(options);

    abc_source_free(a);
    abc_source_free(b);
    abc_source_free(c);
    abc_workspace_free(workspace);
}

/* ---- Streams and connections ---- */

static void test_stream_catalog(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_source *source = fixture_source(workspace, "catalog source", faker_configuration);
    abc_destination *destination = fixture_duckdb(workspace, "catalog destination", "/local/test.duckdb", NULL);
    abc_stream_catalog *catalog = NULL;
    ABC_EXPECT_OK(abc_stream_catalog_get(&catalog, workspace, abc_source_id(source), abc_destination_id(destination), error));
    assert_int_equal(abc_stream_catalog_count(catalog), 3);
    size_t index = 99;
    ABC_EXPECT_OK(abc_stream_catalog_find(&index, catalog, "products", error));
    const char *text = NULL;
    ABC_EXPECT_OK(abc_stream_catalog_name(&text, catalog, index, error));
    assert_string_equal(text, "products");
    ABC_EXPECT_OK(abc_stream_catalog_default_cursor(&text, catalog, index, error));
    assert_string_equal(text, "[\"updated_at\"]");
    ABC_EXPECT_OK(abc_stream_catalog_primary_key(&text, catalog, index, error));
    assert_string_equal(text, "[[\"id\"]]");
    ABC_EXPECT_OK(abc_stream_catalog_sync_modes(&text, catalog, index, error));
    assert_non_null(strstr(text, "\"incremental_deduped_history\""));
    ABC_EXPECT_OK(abc_stream_catalog_namespace(&text, catalog, index, error));
    assert_string_equal(text, "");
    int flag = -1;
    ABC_EXPECT_OK(abc_stream_catalog_supports_sync_mode(&flag, catalog, index, "incremental_append", error));
    assert_int_equal(flag, 1);
    ABC_EXPECT_OK(abc_stream_catalog_supports_sync_mode(&flag, catalog, index, "incremental_soft_delete", error));
    assert_int_equal(flag, 0);
    ABC_EXPECT_OK(abc_stream_catalog_source_defined_cursor(&flag, catalog, index, error));
    assert_int_equal(flag, 1);

    ABC_EXPECT(abc_stream_catalog_find(&index, catalog, "orders", error), ABC_ERROR_NOT_FOUND,
               "orders", NULL);
    ABC_EXPECT(abc_stream_catalog_name(&text, catalog, 3, error), ABC_ERROR_INVALID_ARGUMENT,
               "index 3", NULL);
    abc_stream_catalog_free(catalog);

    /* Without a destination too; an unknown source is the server's 404. */
    ABC_EXPECT_OK(abc_stream_catalog_get(&catalog, workspace, abc_source_id(source), NULL, error));
    assert_int_equal(abc_stream_catalog_count(catalog), 3);
    abc_stream_catalog_free(catalog);
    assert_int_equal(abc_stream_catalog_get(&catalog, workspace, "00000000-0000-4000-8000-000000000000", NULL, NULL),
                     ABC_ERROR_NOT_FOUND);
    assert_null(catalog);
    abc_source_free(source);
    abc_destination_free(destination);
    abc_workspace_free(workspace);
}

static void test_connection_create_update_list(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_source *source = fixture_source(workspace, "crud source", faker_configuration);
    abc_destination *destination = fixture_duckdb(workspace, "crud destination", "/local/test.duckdb", NULL);

    abc_connection_spec *spec = NULL;
    ABC_EXPECT_OK(abc_connection_spec_new(&spec, error));
    ABC_EXPECT_OK(abc_connection_spec_set_name(spec, "crud connection", error));
    ABC_EXPECT_OK(abc_connection_spec_set_source_id(spec, abc_source_id(source), error));
    ABC_EXPECT_OK(abc_connection_spec_set_destination_id(spec, abc_destination_id(destination), error));
    ABC_EXPECT_OK(abc_connection_spec_add_stream(spec, "users", "incremental_deduped_history", "updated_at", "id", error));
    ABC_EXPECT_OK(abc_connection_spec_add_stream(spec, "purchases", "full_refresh_append", NULL, NULL, error));
    ABC_EXPECT_OK(abc_connection_spec_set_prefix(spec, "crud_", error));
    ABC_EXPECT_OK(abc_connection_spec_set_schedule_cron(spec, "0 0 6 * * ?", error));
    ABC_EXPECT_OK(abc_connection_spec_set_namespace(spec, "source", NULL, error));
    ABC_EXPECT_OK(abc_connection_spec_set_status(spec, "active", error));
    long before = fixture_stat(&emulator, "requests");
    abc_connection *connection = NULL;
    ABC_EXPECT_OK(abc_connection_create(&connection, workspace, spec, error));
    abc_connection_spec_free(spec);

    const char *text = NULL;
    ABC_EXPECT_OK(abc_connection_name(&text, connection, error));
    assert_string_equal(text, "crud connection");
    ABC_EXPECT_OK(abc_connection_source_id(&text, connection, error));
    assert_string_equal(text, abc_source_id(source));
    ABC_EXPECT_OK(abc_connection_destination_id(&text, connection, error));
    assert_string_equal(text, abc_destination_id(destination));
    ABC_EXPECT_OK(abc_connection_prefix(&text, connection, error));
    assert_string_equal(text, "crud_");
    ABC_EXPECT_OK(abc_connection_schedule_type(&text, connection, error));
    assert_string_equal(text, "cron");
    ABC_EXPECT_OK(abc_connection_cron_expression(&text, connection, error));
    assert_string_equal(text, "0 0 6 * * ?");
    ABC_EXPECT_OK(abc_connection_namespace_definition(&text, connection, error));
    assert_string_equal(text, "source");
    size_t count = 0;
    ABC_EXPECT_OK(abc_connection_stream_count(&count, connection, error));
    assert_int_equal(count, 2);
    ABC_EXPECT_OK(abc_connection_json(&text, connection, error));
    assert_non_null(strstr(text, "\"syncMode\":\"incremental_deduped_history\""));
    assert_non_null(strstr(text, "\"cursorField\":[\"updated_at\"]"));
    /* The create response filled the handle: the getters sent nothing more. */
    assert_int_equal(fixture_stat(&emulator, "requests"), before + 1);

    /* Update: rename, disable, manual schedule, a different selection. */
    abc_connection_spec *changes = NULL;
    ABC_EXPECT_OK(abc_connection_spec_new(&changes, error));
    ABC_EXPECT_OK(abc_connection_spec_set_name(changes, "crud connection v2", error));
    ABC_EXPECT_OK(abc_connection_spec_set_status(changes, "inactive", error));
    ABC_EXPECT_OK(abc_connection_spec_set_schedule_manual(changes, error));
    ABC_EXPECT_OK(abc_connection_spec_add_stream(changes, "products", NULL, NULL, NULL, error));
    ABC_EXPECT_OK(abc_connection_spec_set_prefix(changes, "", error));
    ABC_EXPECT_OK(abc_connection_update(connection, changes, error));
    abc_connection_spec_free(changes);
    ABC_EXPECT_OK(abc_connection_name(&text, connection, error));
    assert_string_equal(text, "crud connection v2");
    ABC_EXPECT_OK(abc_connection_status(&text, connection, error));
    assert_string_equal(text, "inactive");
    ABC_EXPECT_OK(abc_connection_schedule_type(&text, connection, error));
    assert_string_equal(text, "manual");
    ABC_EXPECT_OK(abc_connection_prefix(&text, connection, error));
    assert_string_equal(text, "");
    ABC_EXPECT_OK(abc_connection_stream_count(&count, connection, error));
    assert_int_equal(count, 1);
    ABC_EXPECT_OK(abc_connection_stream_name(&text, connection, 0, error));
    assert_string_equal(text, "products");
    /* What the server holds agrees. */
    ABC_EXPECT_OK(abc_connection_refresh(connection, error));
    ABC_EXPECT_OK(abc_connection_status(&text, connection, error));
    assert_string_equal(text, "inactive");

    /* Listing: a list handle and an iterator, both with details filled in. */
    abc_list_options *options = NULL;
    ABC_EXPECT_OK(abc_list_options_new(&options, error));
    ABC_EXPECT_OK(abc_list_options_set_name(options, "crud connection v2", error));
    abc_connection_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_connections(&list, workspace, options, error));
    assert_int_equal(abc_connection_list_count(list), 1);
    abc_connection *listed = NULL;
    ABC_EXPECT_OK(abc_connection_list_get(&listed, list, 0, error));
    assert_string_equal(abc_connection_id(listed), abc_connection_id(connection));
    before = fixture_stat(&emulator, "requests");
    ABC_EXPECT_OK(abc_connection_destination_id(&text, listed, error));
    assert_string_equal(text, abc_destination_id(destination));
    assert_int_equal(fixture_stat(&emulator, "requests"), before);
    abc_connection_free(listed);
    abc_connection_list_free(list);
    abc_connection_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_connections(&iterator, workspace, options, error));
    ABC_EXPECT_OK(abc_connection_iterator_next(&listed, iterator, error));
    assert_non_null(listed);
    assert_string_equal(abc_connection_id(listed), abc_connection_id(connection));
    abc_connection_free(listed);
    ABC_EXPECT_OK(abc_connection_iterator_next(&listed, iterator, error));
    assert_null(listed);
    abc_connection_iterator_free(iterator);
    abc_list_options_free(options);

    ABC_EXPECT_OK(abc_connection_delete(workspace, abc_connection_id(connection), 0, ABC_SAFE_MODE_DEFAULT, error));
    assert_int_equal(get_connection_status(workspace, abc_connection_id(connection)), ABC_ERROR_NOT_FOUND);
    assert_int_equal(get_source_status(workspace, abc_source_id(source)), ABC_OK);
    abc_connection_free(connection);
    abc_source_free(source);
    abc_destination_free(destination);
    abc_workspace_free(workspace);
}

/* ---- Cascade delete and safe mode ---- */

static void test_cascade_delete_safe_mode(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_source *source = fixture_source(workspace, "Orders DB", faker_configuration);
    abc_destination *destination = fixture_duckdb(workspace, "Finance warehouse", "/local/test.duckdb", NULL);
    abc_connection *connection = make_connection(workspace, "orders to finance", source, destination);
    const char *connection_id = abc_connection_id(connection);

    /* Cascades default to safe mode: refused, naming every protected resource; nothing deleted. */
    long deletes_before = fixture_stat(&emulator, "DELETE /connections/{id}");
    ABC_EXPECT(abc_connection_delete(workspace, connection_id, 1, ABC_SAFE_MODE_DEFAULT, error),
               ABC_ERROR_REFUSED, "orders to finance", "Orders DB", "Finance warehouse", "deleteme",
               "ABC_SAFE_MODE_OFF", NULL);
    assert_int_equal(fixture_stat(&emulator, "DELETE /connections/{id}"), deletes_before);
    assert_int_equal(get_connection_status(workspace, connection_id), ABC_OK);
    assert_int_equal(get_source_status(workspace, abc_source_id(source)), ABC_OK);
    assert_int_equal(get_destination_status(workspace, abc_destination_id(destination)), ABC_OK);

    /* Marking only some resources is not enough. */
    ABC_EXPECT_OK(abc_source_rename(source, "Orders DB deleteme", error));
    ABC_EXPECT_OK(abc_destination_rename(destination, "Finance warehouse DELETE-ME", error));
    abc_error *error = NULL;
    assert_int_equal(abc_connection_delete(workspace, connection_id, 1, ABC_SAFE_MODE_DEFAULT, &error),
                     ABC_ERROR_REFUSED);
    assert_non_null(strstr(abc_error_message(error), "orders to finance"));
    assert_null(strstr(abc_error_message(error), "Orders DB"));
    abc_error_free(error);
    /* Safe mode on for a single delete checks the connection's name too. */
    ABC_EXPECT(abc_connection_delete(workspace, connection_id, 0, ABC_SAFE_MODE_ON, error),
               ABC_ERROR_REFUSED, NULL);

    /* All disposable: the cascade deletes all three. */
    abc_connection_spec *changes = NULL;
    ABC_EXPECT_OK(abc_connection_spec_new(&changes, error));
    ABC_EXPECT_OK(abc_connection_spec_set_name(changes, "orders to finance (deleteme)", error));
    ABC_EXPECT_OK(abc_connection_update(connection, changes, error));
    abc_connection_spec_free(changes);
    ABC_EXPECT_OK(abc_connection_delete(workspace, connection_id, 1, ABC_SAFE_MODE_DEFAULT, error));
    assert_int_equal(get_connection_status(workspace, connection_id), ABC_ERROR_NOT_FOUND);
    assert_int_equal(get_source_status(workspace, abc_source_id(source)), ABC_ERROR_NOT_FOUND);
    assert_int_equal(get_destination_status(workspace, abc_destination_id(destination)), ABC_ERROR_NOT_FOUND);
    abc_connection_free(connection);
    abc_source_free(source);
    abc_destination_free(destination);

    /* A source shared with another connection is protected even when everything is disposable:
     * deleting it would delete the other connection too. */
    source = fixture_source(workspace, "shared source deleteme", faker_configuration);
    destination = fixture_duckdb(workspace, "first destination deleteme", "/local/test.duckdb", NULL);
    abc_destination *other_destination = fixture_duckdb(workspace, "second destination deleteme", "/local/test.duckdb", NULL);
    connection = make_connection(workspace, "first deleteme", source, destination);
    abc_connection *other = make_connection(workspace, "second deleteme", source, other_destination);
    ABC_EXPECT(abc_connection_delete(workspace, abc_connection_id(connection), 1,
                                     ABC_SAFE_MODE_DEFAULT, error),
               ABC_ERROR_REFUSED, "also used by connection 'second deleteme'", NULL);
    assert_int_equal(get_connection_status(workspace, abc_connection_id(connection)), ABC_OK);
    /* Without safe mode the caller gets what they asked for, and Airbyte takes the other
     * connection along with the source: what safe mode protects against. */
    ABC_EXPECT_OK(abc_connection_delete(workspace, abc_connection_id(connection), 1, ABC_SAFE_MODE_OFF, error));
    assert_int_equal(get_source_status(workspace, abc_source_id(source)), ABC_ERROR_NOT_FOUND);
    assert_int_equal(get_destination_status(workspace, abc_destination_id(destination)), ABC_ERROR_NOT_FOUND);
    assert_int_equal(get_connection_status(workspace, abc_connection_id(other)), ABC_ERROR_NOT_FOUND);
    assert_int_equal(get_destination_status(workspace, abc_destination_id(other_destination)), ABC_OK);
    ABC_EXPECT_OK(abc_destination_delete(workspace, abc_destination_id(other_destination), ABC_SAFE_MODE_ON, error));

    /* A connection that is gone: the server's 404, for cascades too. */
    ABC_EXPECT(
        abc_connection_delete(workspace, abc_connection_id(other), 1, ABC_SAFE_MODE_DEFAULT, error),
        ABC_ERROR_NOT_FOUND, NULL);
    ABC_EXPECT(
        abc_connection_delete(workspace, abc_connection_id(other), 0, ABC_SAFE_MODE_OFF, error),
        ABC_ERROR_NOT_FOUND, NULL);

    abc_connection_free(connection);
    abc_connection_free(other);
    abc_source_free(source);
    abc_destination_free(destination);
    abc_destination_free(other_destination);
    abc_workspace_free(workspace);
}

/* ---- Server-side rejections ---- */

static void test_server_rejections(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    abc_error *error = NULL;
    abc_source *source = NULL;
    /* 422 from the connector's checks: the API status with the problem's detail. */
    assert_int_equal(abc_source_create(&source, workspace, "bad count", "faker", NULL, "{\"count\":0}", &error),
                     ABC_ERROR_API);
    assert_int_equal(abc_error_http_status(error), 422);
    assert_true(strlen(abc_error_problem_detail(error)) > 0);
    assert_non_null(strstr(abc_error_message(error), "configuration.count is out of range"));
    assert_null(source);
    abc_error_free(error);

    source = fixture_source(workspace, "rejections source", faker_configuration);
    abc_destination *destination = fixture_duckdb(workspace, "rejections destination", "/local/test.duckdb", NULL);
    abc_connection_spec *spec = NULL;
    ABC_EXPECT_OK(abc_connection_spec_new(&spec, error));
    ABC_EXPECT_OK(abc_connection_spec_set_name(spec, "bad streams", error));
    ABC_EXPECT_OK(abc_connection_spec_set_source_id(spec, abc_source_id(source), error));
    ABC_EXPECT_OK(abc_connection_spec_set_destination_id(spec, abc_destination_id(destination), error));
    ABC_EXPECT_OK(abc_connection_spec_add_stream(spec, "orders", NULL, NULL, NULL, error));
    abc_connection *connection = NULL;
    assert_int_equal(abc_connection_create(&connection, workspace, spec, &error), ABC_ERROR_API);
    assert_int_equal(abc_error_http_status(error), 400);
    assert_non_null(strstr(abc_error_message(error), "Invalid stream found: 'orders'"));
    assert_null(connection);
    abc_error_free(error);
    abc_connection_spec_free(spec);

    /* A source id that does not exist. */
    ABC_EXPECT_OK(abc_connection_spec_new(&spec, error));
    ABC_EXPECT_OK(abc_connection_spec_set_name(spec, "no source", error));
    ABC_EXPECT_OK(abc_connection_spec_set_source_id(spec, "00000000-0000-4000-8000-000000000000", error));
    ABC_EXPECT_OK(abc_connection_spec_set_destination_id(spec, abc_destination_id(destination), error));
    ABC_EXPECT(abc_connection_create(&connection, workspace, spec, error), ABC_ERROR_NOT_FOUND,
               NULL);
    abc_connection_spec_free(spec);

    abc_source_free(source);
    abc_destination_free(destination);
    abc_workspace_free(workspace);
}

/* ---- Workspaces ---- */

static void test_workspaces(void **state) {
    (void)state;
    abc_workspace *workspace = fixture_workspace(&emulator);
    char *name = NULL;
    ABC_EXPECT_OK(abc_workspace_name(&name, workspace, error));
    assert_true(strlen(name) > 0);

    abc_workspace_info *info = NULL;
    ABC_EXPECT_OK(abc_workspace_info_get(&info, workspace, NULL, error));
    assert_string_equal(abc_workspace_info_id(info), emulator.workspace_id);
    assert_string_equal(abc_workspace_info_name(info), name);
    assert_true(strlen(abc_workspace_info_data_residency(info)) > 0);
    abc_workspace_info_free(info);
    abc_string_free(name);

    long http = 0;
    char *created = emulator_request(&emulator, "POST", "/v1/workspaces", "{\"name\":\"Second Team deleteme\"}", &http);
    assert_int_equal(http, 200);
    free(created);

    abc_list_options *options = NULL;
    ABC_EXPECT_OK(abc_list_options_new(&options, error));
    ABC_EXPECT_OK(abc_list_options_set_name(options, "Second Team deleteme", error));
    abc_workspace_info_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_workspaces(&list, workspace, options, error));
    assert_int_equal(abc_workspace_info_list_count(list), 1);
    ABC_EXPECT_OK(abc_workspace_info_list_get(&info, list, 0, error));
    assert_string_equal(abc_workspace_info_name(info), "Second Team deleteme");
    char second_id[64];
    snprintf(second_id, sizeof second_id, "%s", abc_workspace_info_id(info));
    abc_workspace_info_free(info);
    abc_workspace_info_list_free(list);

    ABC_EXPECT_OK(abc_workspace_info_get(&info, workspace, second_id, error));
    assert_string_equal(abc_workspace_info_name(info), "Second Team deleteme");
    abc_workspace_info_free(info);

    /* Every reachable workspace, through the iterator. */
    abc_workspace_info_iterator *iterator = NULL;
    ABC_EXPECT_OK(abc_workspace_iterate_workspaces(&iterator, workspace, NULL, error));
    int found_own = 0, found_second = 0, total = 0;
    for (;;) {
        ABC_EXPECT_OK(abc_workspace_info_iterator_next(&info, iterator, error));
        if (info == NULL) break;
        found_own |= strcmp(abc_workspace_info_id(info), emulator.workspace_id) == 0;
        found_second |= strcmp(abc_workspace_info_id(info), second_id) == 0;
        ++total;
        abc_workspace_info_free(info);
    }
    assert_true(found_own && found_second && total >= 2);
    abc_workspace_info_iterator_free(iterator);
    abc_list_options_free(options);

    assert_int_equal(abc_workspace_info_get(&info, workspace, "00000000-0000-4000-8000-000000000000", NULL),
                     ABC_ERROR_NOT_FOUND);
    abc_workspace_free(workspace);
}

/* ---- The real server's quirks ---- */

static void test_real_server_quirks(void **state) {
    (void)state;
    emulator_process quirky;
    const char *args[] = {"--quirks", "all", "--job-duration-ms", "100", NULL};
    fixture_start(&quirky, args);
    abc_workspace *workspace = fixture_workspace(&quirky);

    /* MotherDuck: the server cannot look it up by name and reports its type as "". */
    char *configuration = NULL;
    ABC_EXPECT_OK(abc_destination_config_motherduck(&configuration, "md-quirk-token", NULL, NULL, error));
    abc_destination *motherduck = NULL;
    ABC_EXPECT_OK(abc_destination_create(&motherduck, workspace, "quirky md", NULL, NULL, configuration, error));
    abc_string_free(configuration);
    assert_string_equal(abc_destination_type(motherduck), "motherduck");
    long http = 0;
    char path[128];
    snprintf(path, sizeof path, "/v1/destinations/%s", abc_destination_id(motherduck));
    char *raw = emulator_request(&quirky, "GET", path, NULL, &http);
    assert_non_null(strstr(raw, "\"destinationType\":\"\"")); /* the quirk is really on */
    free(raw);
    /* The configuration comes back without its discriminator; updates still work. */
    assert_null(strstr(abc_destination_configuration(motherduck), "destinationType"));
    ABC_EXPECT_OK(abc_destination_update_configuration(motherduck, "{\"schema\":\"raw\"}", error));
    assert_non_null(strstr(abc_destination_configuration(motherduck), "\"schema\":\"raw\""));
    assert_string_equal(abc_destination_type(motherduck), "motherduck");

    /* Sources read back without sourceType keep their type from the response's top level. */
    abc_source *source = fixture_source(workspace, "quirky source deleteme", faker_configuration);
    assert_string_equal(abc_source_type(source), "faker");
    assert_null(strstr(abc_source_configuration(source), "sourceType"));
    ABC_EXPECT_OK(abc_source_replace(source, "quirky source deleteme", abc_source_configuration(source), error));

    /* Problems with "status" as a string map the same. */
    abc_error *error = NULL;
    abc_source *missing = NULL;
    assert_int_equal(abc_source_get(&missing, workspace, "00000000-0000-4000-8000-000000000000", &error),
                     ABC_ERROR_NOT_FOUND);
    assert_int_equal(abc_error_http_status(error), 404);
    assert_true(strlen(abc_error_problem_detail(error)) > 0);
    abc_error_free(error);
    raw = emulator_request(&quirky, "GET", "/v1/sources/00000000-0000-4000-8000-000000000000", NULL, &http);
    assert_non_null(strstr(raw, "\"status\":\"404\""));
    free(raw);

    /* Lists end on the empty page whose "next" is "". */
    abc_destination *duckdb = fixture_duckdb(workspace, "quirky duck deleteme", "/local/test.duckdb", NULL);
    abc_connection *connection = make_connection(workspace, "quirky deleteme", source, duckdb);
    abc_connection_list *list = NULL;
    ABC_EXPECT_OK(abc_workspace_list_connections(&list, workspace, NULL, error));
    assert_int_equal(abc_connection_list_count(list), 1);
    abc_connection_list_free(list);
    ABC_EXPECT_OK(abc_connection_delete(workspace, abc_connection_id(connection), 1, ABC_SAFE_MODE_DEFAULT, error));
    assert_int_equal(get_source_status(workspace, abc_source_id(source)), ABC_ERROR_NOT_FOUND);

    abc_connection_free(connection);
    abc_destination_free(duckdb);
    abc_source_free(source);
    abc_destination_free(motherduck);
    abc_workspace_free(workspace);
    assert_int_equal(emulator_stop(&quirky), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_source_lifecycle),
        cmocka_unit_test(test_destinations_from_builders),
        cmocka_unit_test(test_paging_boundaries),
        cmocka_unit_test(test_name_filters),
        cmocka_unit_test(test_stream_catalog),
        cmocka_unit_test(test_connection_create_update_list),
        cmocka_unit_test(test_cascade_delete_safe_mode),
        cmocka_unit_test(test_server_rejections),
        cmocka_unit_test(test_workspaces),
        cmocka_unit_test(test_real_server_quirks),
    };
    return EMULATOR_RUN_GROUP("resources", tests, "--job-duration-ms", "100");
}
