/* A consumer of the installed library: built with pkg-config or find_package, nothing else. */
#include <airbyte_cloud.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    if (abc_version_number() != ABC_VERSION_NUMBER) {
        fprintf(stderr, "header %s does not match library %s\n", ABC_VERSION_STRING, abc_version_string());
        return 1;
    }
    abc_workspace *workspace = NULL;
    abc_error *error = NULL;
    if (abc_workspace_new(&workspace, "11111111-1111-1111-1111-111111111111", NULL, &error) != ABC_OK) {
        fprintf(stderr, "abc_workspace_new: %s\n", abc_error_message(error));
        abc_error_free(error);
        return 1;
    }
    printf("libairbyte_cloud %s: %s\n", abc_version_string(), abc_workspace_url(workspace));
    abc_workspace_free(workspace);
    return 0;
}
