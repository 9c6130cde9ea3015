// Writes synced faker rows into a Postgres destination the way Airbyte's Postgres destination
// lays out its final tables: one table per stream, four _airbyte_* columns plus typed columns.
#pragma once

#include "faker.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace emulator {

struct PostgresTarget {
    std::string host;
    int port = 5432;
    std::string database;
    std::string user;
    std::string password;
    std::string ssl_mode = "prefer";
};

struct StreamWrite {
    std::string table;             // already normalised
    const FakerStream *stream = nullptr;
    std::vector<size_t> columns;   // indices into stream->columns that are synced
    bool append = false;           // false: full-refresh overwrite (drop and recreate)
};

struct DestinationWrite {
    PostgresTarget target;
    std::string schema;  // already normalised
    std::vector<StreamWrite> streams;
    int64_t count = 0;
    int64_t seed = 0;
    int64_t job_id = 0;
    int64_t generation = 0;
    bool clear_only = false;  // reset/clear: empty the stream tables, write nothing
    bool unconstrained_number = false;
    int64_t extracted_at_ms = 0;
};

// Airbyte's name rule: lower-case, anything outside [a-z0-9] becomes '_', a leading digit gets a
// '_' in front, at most 63 bytes (Postgres' identifier limit).
std::string normalise_identifier(const std::string &name);

// One transaction for all streams. `may_commit` runs right before COMMIT; returning false rolls
// back (the job was cancelled meanwhile). Returns "" on success, else a reason without secrets.
std::string write_to_postgres(const DestinationWrite &write, const std::function<bool()> &may_commit);

// Connects (and disconnects): "" when `target` accepts the connection, else why not.
std::string check_postgres(const PostgresTarget &target);

}  // namespace emulator
