// What the emulator knows about connectors: definition ids, which configuration fields are
// secrets (masked on read), and the checks it makes on the configurations it acts upon.
#pragma once

#include "json.h"

#include <optional>
#include <string>

namespace emulator {

enum class ActorKind { source, destination };

extern const char *const secret_mask;  // "**********", the real server's SECRETS_MASK

// Definition id of a connector name: the real id for well-known connectors, otherwise a stable
// name-based UUID (the real server knows every connector in the spec; the emulator makes one up).
std::string definition_id_for(ActorKind kind, const std::string &type);
// Name of a well-known definition id.
std::optional<std::string> type_for_definition_id(ActorKind kind, const std::string &definition_id);

bool is_secret_field(const std::string &key);
// Deep copy with every secret string replaced by the mask.
Json masked_configuration(const cJSON *configuration);
// PATCH: JSON merge of `patch` into `stored` (objects merge, null removes, others replace);
// a masked value sent back keeps the stored secret.
void merge_configuration(cJSON *stored, const cJSON *patch);
// PUT: `incoming` replaces the stored configuration, except masked values keep the stored secret.
void keep_masked_secrets(cJSON *incoming, const cJSON *stored);

// Throws 422 (unprocessable-entity) when a configuration the emulator acts upon has wrong types
// or misses what it needs: faker sources and postgres destinations. Others are taken as given.
void validate_configuration(ActorKind kind, const std::string &type, const cJSON *configuration);

// Reserved faker configuration keys that set how this source's syncs end (source-faker's schema
// allows extra properties, so a spec-valid request can carry them).
extern const char *const outcome_key;      // "emulator_outcome"
extern const char *const duration_key;     // "emulator_duration_ms"
bool is_job_outcome(const std::string &value);  // succeeded|failed|incomplete|cancelled|running

}  // namespace emulator
