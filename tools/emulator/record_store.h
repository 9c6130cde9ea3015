// Helpers for the resources kept as Records (model.h): look one up with the access rule of
// access.h (404 when absent, 403 when its workspace is not the caller's), list them, answer
// with the spec's {data: [...]} envelope. All require emulator.mutex to be held.
#pragma once

#include "context.h"

#include <functional>
#include <string>

namespace emulator {

Records &records_of(Context &ctx, const char *kind_name);
// The record `raw_id` (a UUID) of `kind_name`; `noun` names it in problems ("tag").
Record &require_record(Context &ctx, const char *kind_name, const char *noun,
                       const std::string &raw_id);
// {"data": [bodies of the records passing `keep`, in creation order]}.
Json data_of(Context &ctx, const char *kind_name, const std::function<bool(const Record &)> &keep);
// Stores a new record with the next sequence number.
void insert_record(Context &ctx, const char *kind_name, const std::string &id,
                   std::string workspace_id, Json body);
// A 200 with no body (the spec declares 200 without content for some writes).
void send_empty_ok(Context &ctx);
std::string body_text(const Json &body, const char *key);

}  // namespace emulator
