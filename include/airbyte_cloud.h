/**
 * @file airbyte_cloud.h
 * @brief libairbyte_cloud: a native client for the Airbyte API (Airbyte Cloud and self-managed).
 *
 * The umbrella header: it includes one header per area, and each of those may also be included
 * alone. The conventions every function follows (names, handles, status, error detail,
 * ownership, strings) and the threading contract are written once, in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_H
#define AIRBYTE_CLOUD_H

#include "airbyte_cloud/common.h"
#include "airbyte_cloud/errors.h"
#include "airbyte_cloud/options.h"
#include "airbyte_cloud/resources.h"
#include "airbyte_cloud/workspace.h"
#include "airbyte_cloud/connections.h"
#include "airbyte_cloud/jobs.h"
#include "airbyte_cloud/sources.h"
#include "airbyte_cloud/destinations.h"
#include "airbyte_cloud/streams.h"
#include "airbyte_cloud/datasets.h"
#include "airbyte_cloud/tags.h"
#include "airbyte_cloud/organizations.h"
#include "airbyte_cloud/definitions.h"
#include "airbyte_cloud/oauth.h"
#include "airbyte_cloud/budget.h"
#include "airbyte_cloud/diagnostics.h"

#endif /* AIRBYTE_CLOUD_H */
