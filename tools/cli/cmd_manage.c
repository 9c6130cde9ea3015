/* tags, organizations, users, permissions, definitions: list / show / create / update / delete
 * as each resource allows, all printed through records.h. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "records.h"
#include "report.h"
#include "resources.h"
#include "settings.h"

#define TEXT(HEADER, LABEL, MEMBER) \
    { HEADER, LABEL, MEMBER, CLI_KIND_TEXT }
#define END \
    { NULL, NULL, NULL, CLI_KIND_TEXT }

static const cli_column tag_columns[] = {
    TEXT("TAG ID", "Tag ID", "tagId"), TEXT("NAME", "Name", "name"),
    TEXT("COLOR", "Color", "color"), TEXT("WORKSPACE ID", "Workspace ID", "workspaceId"), END};
static const cli_record_view tag_view = {"tags", tag_columns};

static const cli_column organization_columns[] = {
    TEXT("ORGANIZATION ID", "Organization ID", "organizationId"),
    TEXT("NAME", "Name", "organizationName"), TEXT("EMAIL", "Email", "email"), END};
static const cli_record_view organization_view = {"organizations", organization_columns};

static const cli_column user_columns[] = {TEXT("USER ID", "User ID", "id"),
                                          TEXT("NAME", "Name", "name"),
                                          TEXT("EMAIL", "Email", "email"), END};
static const cli_record_view user_view = {"users", user_columns};

/* Listed permissions carry scope and scopeId; one read or written, the workspace or organization.
 */
static const cli_column permission_columns[] = {
    TEXT("PERMISSION ID", "Permission ID", "permissionId"),
    TEXT("TYPE", "Type", "permissionType"),
    TEXT("USER ID", "User ID", "userId"),
    TEXT("SCOPE", "Scope", "scope"),
    TEXT("SCOPE ID", "Scope ID", "scopeId"),
    END};
static const cli_record_view permission_view = {"permissions", permission_columns};
static const cli_column granted_columns[] = {
    TEXT("PERMISSION ID", "Permission ID", "permissionId"),
    TEXT("TYPE", "Type", "permissionType"),
    TEXT("USER ID", "User ID", "userId"),
    TEXT("WORKSPACE ID", "Workspace ID", "workspaceId"),
    TEXT("ORGANIZATION ID", "Organization ID", "organizationId"),
    END};
static const cli_record_view granted_view = {"permissions", granted_columns};

static const cli_column definition_columns[] = {
    TEXT("DEFINITION ID", "Definition ID", "id"),    TEXT("NAME", "Name", "name"),
    TEXT("IMAGE", "Image", "dockerRepository"),      TEXT("TAG", "Tag", "dockerImageTag"),
    TEXT(NULL, "Documentation", "documentationUrl"), END};
static const cli_record_view definition_view = {"definitions", definition_columns};
static const cli_column declarative_columns[] = {TEXT("DEFINITION ID", "Definition ID", "id"),
                                                 TEXT("NAME", "Name", "name"),
                                                 {"VERSION", "Version", "version", CLI_KIND_NUMBER},
                                                 END};
static const cli_record_view declarative_view = {"definitions", declarative_columns};

static int finish_records(cli_invocation *invocation, const cli_record_view *view, cJSON *items,
                          abc_status status, abc_error *error) {
    if (status != ABC_OK) {
        cJSON_Delete(items);
        return cli_fail(invocation, status, error, NULL);
    }
    return cli_print_records_json(invocation, view, items);
}

/* ---- tags ---- */

static int run_tags_list(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_list_options *options = NULL;
    abc_tag_iterator *iterator = NULL;
    abc_error *error = NULL;
    cJSON *items = cJSON_CreateArray();
    abc_status status = cli_list_options(invocation, &options, &error);
    if (status == ABC_OK)
        status = abc_workspace_iterate_tags(&iterator, workspace, options, &error);
    if (status == ABC_OK)
        CLI_COLLECT(abc_tag, abc_tag_iterator_next, abc_tag_json, abc_tag_free, iterator, items,
                    status, error);
    abc_tag_iterator_free(iterator);
    abc_list_options_free(options);
    return finish_records(invocation, &tag_view, items, status, error);
}

/* create NAME COLOR | show TAG_ID | update TAG_ID [--name] [--color] */
static int run_tag_call(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    const char *verb = strrchr(invocation->command->path, ' ') + 1;
    abc_tag *tag = NULL;
    abc_error *error = NULL;
    abc_status status;
    if (strcmp(verb, "create") == 0) {
        status = abc_tag_create(&tag, workspace, invocation->args[0], invocation->args[1], &error);
    } else {
        status = abc_tag_get(&tag, workspace, invocation->args[0], &error);
        if (status == ABC_OK && strcmp(verb, "update") == 0)
            status = abc_tag_update(tag, cli_option_value(invocation, "--name"),
                                    cli_option_value(invocation, "--color"), &error);
    }
    int code = status == ABC_OK ? cli_print_record_json(invocation, &tag_view, abc_tag_json(tag))
                                : cli_fail(invocation, status, error, NULL);
    abc_tag_free(tag);
    return code;
}

static int run_tags_delete(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_error *error = NULL;
    abc_status status = abc_tag_delete(workspace, invocation->args[0], &error);
    return cli_print_deleted(invocation, status, error, "tag", invocation->args[0], "");
}

/* ---- organizations, users, permissions ---- */

static int run_organizations_list(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_organization_iterator *iterator = NULL;
    abc_error *error = NULL;
    cJSON *items = cJSON_CreateArray();
    abc_status status = abc_workspace_iterate_organizations(&iterator, workspace, NULL, &error);
    if (status == ABC_OK)
        CLI_COLLECT(abc_organization, abc_organization_iterator_next, abc_organization_json,
                    abc_organization_free, iterator, items, status, error);
    abc_organization_iterator_free(iterator);
    return finish_records(invocation, &organization_view, items, status, error);
}

static int run_users_list(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_list_options *options = NULL;
    abc_error *error = NULL;
    abc_status status = abc_list_options_new(&options, &error);
    const char *email = cli_option_value(invocation, "--email");
    if (status == ABC_OK && email != NULL)
        status = abc_list_options_add_email(options, email, &error);
    abc_user_iterator *iterator = NULL;
    if (status == ABC_OK)
        status =
            abc_workspace_iterate_users(&iterator, workspace, invocation->args[0], options, &error);
    cJSON *items = cJSON_CreateArray();
    if (status == ABC_OK)
        CLI_COLLECT(abc_user, abc_user_iterator_next, abc_user_json, abc_user_free, iterator, items,
                    status, error);
    abc_user_iterator_free(iterator);
    abc_list_options_free(options);
    return finish_records(invocation, &user_view, items, status, error);
}

static int run_permissions_list(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_permission_iterator *iterator = NULL;
    abc_error *error = NULL;
    cJSON *items = cJSON_CreateArray();
    abc_status status = abc_workspace_iterate_permissions(
        &iterator, workspace, cli_option_value(invocation, "--user"),
        cli_option_value(invocation, "--organization"), &error);
    if (status == ABC_OK)
        CLI_COLLECT(abc_permission, abc_permission_iterator_next, abc_permission_json,
                    abc_permission_free, iterator, items, status, error);
    abc_permission_iterator_free(iterator);
    return finish_records(invocation, &permission_view, items, status, error);
}

/* create USER_ID TYPE SCOPE_ID (a workspace or an organization, as TYPE says) | update ID TYPE */
static int run_permission_call(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_permission *permission = NULL;
    abc_error *error = NULL;
    abc_status status;
    const char **args = invocation->args;
    if (strstr(invocation->command->path, "create") != NULL) {
        int on_workspace = strncmp(args[1], "workspace_", 10) == 0;
        status = abc_permission_create(&permission, workspace, args[0], args[1],
                                       on_workspace ? args[2] : NULL, on_workspace ? NULL : args[2],
                                       &error);
    } else {
        status = abc_permission_get(&permission, workspace, args[0], &error);
        if (status == ABC_OK)
            status = abc_permission_update(permission, args[1], &error);
    }
    int code = status == ABC_OK ? cli_print_record_json(invocation, &granted_view,
                                                        abc_permission_json(permission))
                                : cli_fail(invocation, status, error, NULL);
    abc_permission_free(permission);
    return code;
}

static int run_permissions_delete(cli_invocation *invocation) {
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_error *error = NULL;
    abc_status status = abc_permission_delete(workspace, invocation->args[0], &error);
    return cli_print_deleted(invocation, status, error, "permission", invocation->args[0], "");
}

/* ---- definitions ---- */

/* --kind: 0 source, 1 destination, 2 declarative; -1 after reporting a usage error. */
static int definition_kind(cli_invocation *invocation) {
    const char *kind = cli_option_value(invocation, "--kind");
    if (kind == NULL || strcmp(kind, "declarative") == 0)
        return 2;
    if (strcmp(kind, "source") == 0)
        return 0;
    if (strcmp(kind, "destination") == 0)
        return 1;
    cli_usage_error(invocation, "--kind is '%s'; use declarative, source or destination", kind);
    return -1;
}

static int run_definitions_list(cli_invocation *invocation) {
    int kind = definition_kind(invocation);
    if (kind < 0)
        return CLI_EXIT_USAGE;
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_error *error = NULL;
    cJSON *items = cJSON_CreateArray();
    abc_status status;
    if (kind == 2) {
        abc_declarative_definition_iterator *iterator = NULL;
        status = abc_workspace_iterate_declarative_definitions(&iterator, workspace, NULL, &error);
        if (status == ABC_OK)
            CLI_COLLECT(abc_declarative_definition, abc_declarative_definition_iterator_next,
                        abc_declarative_definition_json, abc_declarative_definition_free, iterator,
                        items, status, error);
        abc_declarative_definition_iterator_free(iterator);
        return finish_records(invocation, &declarative_view, items, status, error);
    }
    abc_definition_iterator *iterator = NULL;
    status = abc_workspace_iterate_definitions(&iterator, workspace, (abc_definition_kind)kind,
                                               NULL, &error);
    if (status == ABC_OK)
        CLI_COLLECT(abc_definition, abc_definition_iterator_next, abc_definition_json,
                    abc_definition_free, iterator, items, status, error);
    abc_definition_iterator_free(iterator);
    return finish_records(invocation, &definition_view, items, status, error);
}

/* create NAME: --manifest/--manifest-file (declarative), or --image REPO --tag TAG. */
static int run_definitions_create(cli_invocation *invocation) {
    int kind = definition_kind(invocation);
    if (kind < 0)
        return CLI_EXIT_USAGE;
    char *manifest = NULL;
    const char *image = cli_option_value(invocation, "--image");
    const char *tag = cli_option_value(invocation, "--tag");
    if (kind == 2) {
        int code = cli_read_json_object(invocation, "--manifest", "--manifest-file",
                                        "{\"version\": \"6.0.0\", \"type\": \"DeclarativeSource\"}",
                                        &manifest);
        if (code != 0)
            return code;
    } else if (image == NULL || tag == NULL) {
        return cli_usage_error(invocation, "a %s definition needs --image REPOSITORY and --tag TAG",
                               kind == 0 ? "source" : "destination");
    }
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_error *error = NULL;
    abc_status status;
    int code;
    if (kind == 2) {
        abc_declarative_definition *definition = NULL;
        status = abc_declarative_definition_create(&definition, workspace, invocation->args[0],
                                                   manifest, &error);
        code = status == ABC_OK ? cli_print_record_json(invocation, &declarative_view,
                                                        abc_declarative_definition_json(definition))
                                : cli_fail(invocation, status, error, NULL);
        abc_declarative_definition_free(definition);
    } else {
        abc_definition *definition = NULL;
        status = abc_definition_create(&definition, workspace, (abc_definition_kind)kind,
                                       invocation->args[0], image, tag, NULL, &error);
        code = status == ABC_OK ? cli_print_record_json(invocation, &definition_view,
                                                        abc_definition_json(definition))
                                : cli_fail(invocation, status, error, NULL);
        abc_definition_free(definition);
    }
    free(manifest);
    return code;
}

static int run_definitions_delete(cli_invocation *invocation) {
    int kind = definition_kind(invocation);
    if (kind < 0)
        return CLI_EXIT_USAGE;
    CLI_WORKSPACE_OR_RETURN(invocation, workspace);
    abc_error *error = NULL;
    abc_status status =
        kind == 2 ? abc_declarative_definition_delete(workspace, invocation->args[0], &error)
                  : abc_definition_delete(workspace, (abc_definition_kind)kind, invocation->args[0],
                                          &error);
    return cli_print_deleted(invocation, status, error, "definition", invocation->args[0], "");
}

static const cli_option tag_update_options[] = {
    {"--name", "NAME", "the new name"},
    {"--color", "HEX", "the new colour, six hexadecimal digits"},
    {NULL, NULL, NULL},
};
static const cli_option name_options[] = {
    {"--name", "TEXT", "only those whose name contains TEXT (any letter case)"},
    {NULL, NULL, NULL},
};
static const cli_option user_options[] = {
    {"--email", "EMAIL", "only the user with this email"},
    {NULL, NULL, NULL},
};
static const cli_option permission_options[] = {
    {"--user", "USER_ID", "only this user's permissions"},
    {"--organization", "ORGANIZATION_ID", "only permissions in this organization"},
    {NULL, NULL, NULL},
};
static const cli_option kind_options[] = {
    {"--kind", "KIND", "declarative (default), source or destination"},
    {NULL, NULL, NULL},
};
static const cli_option definition_create_options[] = {
    {"--kind", "KIND", "declarative (default), source or destination"},
    {"--manifest", "JSON", "the low-code manifest as JSON (declarative)"},
    {"--manifest-file", "PATH", "read the manifest from PATH, - for stdin (declarative)"},
    {"--image", "REPOSITORY", "the Docker repository, e.g. acme/source-x (source, destination)"},
    {"--tag", "TAG", "the Docker image tag (source, destination)"},
    {NULL, NULL, NULL},
};

const cli_command cli_manage_commands[] = {
    {"tags list", "", "list the workspace's tags", NULL, name_options, 0, 0, run_tags_list},
    {"tags show", "TAG_ID", "show a tag", NULL, NULL, 1, 1, run_tag_call},
    {"tags create", "NAME COLOR", "create a tag (COLOR: six hex digits, e.g. FF5733)", NULL, NULL,
     2, 2, run_tag_call},
    {"tags update", "TAG_ID", "rename and/or recolour a tag", NULL, tag_update_options, 1, 1,
     run_tag_call},
    {"tags delete", "TAG_ID", "delete a tag (connections lose it)", NULL, NULL, 1, 1,
     run_tags_delete},
    {"organizations list", "", "list the organizations of the calling user", NULL, NULL, 0, 0,
     run_organizations_list},
    {"users list", "ORGANIZATION_ID", "list the users of an organization", NULL, user_options, 1, 1,
     run_users_list},
    {"permissions list", "", "list permissions (who may use which workspace or organization)", NULL,
     permission_options, 0, 0, run_permissions_list},
    {"permissions create", "USER_ID TYPE SCOPE_ID",
     "grant a permission: TYPE workspace_* on a workspace, organization_* on an organization", NULL,
     NULL, 3, 3, run_permission_call},
    {"permissions update", "PERMISSION_ID TYPE", "change a permission's type", NULL, NULL, 2, 2,
     run_permission_call},
    {"permissions delete", "PERMISSION_ID", "revoke a permission", NULL, NULL, 1, 1,
     run_permissions_delete},
    {"definitions list", "", "list the workspace's custom connector definitions", NULL,
     kind_options, 0, 0, run_definitions_list},
    {"definitions create", "NAME", "publish a connector definition",
     "Declarative (the default): a low-code manifest as JSON with --manifest or --manifest-file. "
     "Source or destination (--kind): a Docker image with --image and --tag.",
     definition_create_options, 1, 1, run_definitions_create},
    {"definitions delete", "DEFINITION_ID", "delete a custom connector definition", NULL,
     kind_options, 1, 1, run_definitions_delete},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
