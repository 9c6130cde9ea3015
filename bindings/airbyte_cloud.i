/* The one SWIG interface over include/airbyte_cloud.h, shared by every language.
 *
 * Each language has a small module file (bindings/<language>/airbyte_cloud_<language>.i) that
 * first declares that language's typemaps (how `abc_error **error` becomes an exception or an
 * error value, how `T **out` becomes a return value), then %includes this file. The idiomatic
 * layer (Go package, Ruby classes, C# classes) is hand-written on top of the generated one.
 *
 * Rules that hold for every language:
 * - Every handle returned through an `out` parameter is owned by the caller: %newobject.
 * - Borrowed `const char *` results are copied into the language's string type at once.
 * - Function-pointer callbacks (log, progress) cannot be passed as target-language closures
 *   through plain SWIG; each language module either ignores the setter or bridges it itself.
 */

%{
#include "airbyte_cloud.h"
%}

%include <stdint.i>

/* Visibility macro: SWIG must see plain declarations. */
#define ABC_API

/* SWIG does not follow #include: every area header of the umbrella is listed here, in its order
 * (a header left out shows up as missing functions in each binding's API-coverage check). */
%include "airbyte_cloud/common.h"
%include "airbyte_cloud/errors.h"
%include "airbyte_cloud/options.h"
%include "airbyte_cloud/resources.h"
%include "airbyte_cloud/workspace.h"
%include "airbyte_cloud/connections.h"
%include "airbyte_cloud/jobs.h"
%include "airbyte_cloud/sources.h"
%include "airbyte_cloud/destinations.h"
%include "airbyte_cloud/streams.h"
%include "airbyte_cloud/datasets.h"
%include "airbyte_cloud/tags.h"
%include "airbyte_cloud/organizations.h"
%include "airbyte_cloud/definitions.h"
%include "airbyte_cloud/oauth.h"
%include "airbyte_cloud/budget.h"
%include "airbyte_cloud/diagnostics.h"
