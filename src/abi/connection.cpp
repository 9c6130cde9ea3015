// abc_connection_*: a lazy connection handle and its job history.
#include <limits>

#include "abi/handles.h"

using namespace airbyte_cloud;

namespace {

// Shared shape of the getters that need the connection's details: check, fetch once, read.
template <typename Out, typename Read>
abc_status read_detail(Out *out, abc_connection *connection, const char *fn, abc_error **error,
                       Read &&read) {
    return abi::with_out(out, connection, "connection", fn, error, [&](abc_connection &c, Out &value) -> Status {
        auto details = c.impl.details();
        if (!details.ok()) return details.status();
        return read(**details, value);
    });
}

// The job history: list_jobs on the connection's workspace, newest first.
StatusOr<std::vector<domain::JobInfo>> list_jobs(abc_connection &connection, domain::JobQuery query) {
    query.connection_id = connection.impl.id();
    query.order_by = "createdAt|DESC";
    return connection.impl.workspace()->api()->list_jobs(query);
}

}  // namespace

abc_status abi::connection_text(const char **out, abc_connection *connection, const char *function,
                                abc_error **error, std::string domain::ConnectionInfo::*field) {
    return read_detail(out, connection, function, error, [&](const domain::ConnectionInfo &info, const char *&value) {
        value = (info.*field).c_str();
        return Status();
    });
}

extern "C" {

ABC_API abc_status abc_connection_get(abc_connection **out, abc_workspace *workspace,
                                      const char *connection_id, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, workspace, "workspace", fn, error, [&](abc_workspace &w, abc_connection *&made) {
        ABC_RETURN_IF_ERROR(abi::require_id(connection_id, fn, "connection_id"));
        made = new abc_connection{domain::Connection(w.impl, connection_id)};
        return Status();
    });
}

ABC_API void abc_connection_free(abc_connection *connection) { delete connection; }

ABC_API abc_status abc_connection_refresh(abc_connection *connection, abc_error **error) {
    return abi::on_handle(connection, "connection", __func__, error, [](abc_connection &c) { return c.impl.refresh(); });
}

ABC_API const char *abc_connection_id(const abc_connection *connection) {
    return connection != nullptr ? connection->impl.id().c_str() : "";
}

ABC_API const char *abc_connection_url(const abc_connection *connection) {
    return connection != nullptr ? connection->impl.url().c_str() : "";
}

ABC_API const char *abc_connection_job_history_url(const abc_connection *connection) {
    return connection != nullptr ? connection->impl.job_history_url().c_str() : "";
}

ABC_API abc_status abc_connection_name(const char **out, abc_connection *connection, abc_error **error) {
    return abi::connection_text(out, connection, __func__, error, &domain::ConnectionInfo::name);
}

ABC_API abc_status abc_connection_source_id(const char **out, abc_connection *connection,
                                            abc_error **error) {
    return abi::connection_text(out, connection, __func__, error, &domain::ConnectionInfo::source_id);
}

ABC_API abc_status abc_connection_destination_id(const char **out, abc_connection *connection,
                                                 abc_error **error) {
    return abi::connection_text(out, connection, __func__, error, &domain::ConnectionInfo::destination_id);
}

ABC_API abc_status abc_connection_prefix(const char **out, abc_connection *connection, abc_error **error) {
    return abi::connection_text(out, connection, __func__, error, &domain::ConnectionInfo::prefix);
}

ABC_API abc_status abc_connection_status(const char **out, abc_connection *connection, abc_error **error) {
    return abi::connection_text(out, connection, __func__, error, &domain::ConnectionInfo::status);
}

ABC_API abc_status abc_connection_stream_count(size_t *out, abc_connection *connection, abc_error **error) {
    return read_detail(out, connection, "abc_connection_stream_count", error,
                       [](const domain::ConnectionInfo &info, size_t &value) {
                           value = info.stream_names.size();
                           return Status();
                       });
}

ABC_API abc_status abc_connection_stream_name(const char **out, abc_connection *connection, size_t index,
                                              abc_error **error) {
    const char *fn = "abc_connection_stream_name";
    return read_detail(out, connection, fn, error,
                       [&](const domain::ConnectionInfo &info, const char *&value) -> Status {
                           if (index >= info.stream_names.size()) {
                               return InvalidArgument(std::string(fn) + ": index " + std::to_string(index) +
                                                      " is out of range; the connection has " +
                                                      std::to_string(info.stream_names.size()) +
                                                      " streams");
                           }
                           value = info.stream_names[index].c_str();
                           return Status();
                       });
}

ABC_API abc_status abc_connection_list_jobs(abc_job_list **out, abc_connection *connection, int limit,
                                            int64_t offset, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, connection, "connection", fn, error, [&](abc_connection &c, abc_job_list *&list) {
        ABC_RETURN_IF_ERROR(abi::require_range(limit, 1, 100, fn, "limit"));
        ABC_RETURN_IF_ERROR(abi::require_range(offset, 0, std::numeric_limits<std::int32_t>::max(), fn, "offset"));
        domain::JobQuery query;
        query.limit = limit;
        query.offset = offset;
        auto jobs = list_jobs(c, query);
        if (!jobs.ok()) return jobs.status();
        list = new abc_job_list{c.impl.workspace(), std::move(*jobs)};
        return Status();
    });
}

ABC_API abc_status abc_connection_latest_job(abc_job **out, abc_connection *connection, abc_error **error) {
    return abi::with_out(out, connection, "connection", __func__, error, [](abc_connection &c, abc_job *&job) {
        domain::JobQuery query;
        query.job_type = "sync";
        query.limit = 1;
        auto jobs = list_jobs(c, query);
        if (!jobs.ok()) return jobs.status();
        if (!jobs->empty()) job = abi::new_job_handle(c.impl.workspace(), std::move(jobs->front()));
        return Status();
    });
}

ABC_COUNT_GETTER(abc_job_list_count, abc_job_list, jobs)

ABC_API abc_status abc_job_list_get(abc_job **out, const abc_job_list *list, size_t index, abc_error **error) {
    const char *fn = __func__;
    return abi::with_out(out, list, "list", fn, error, [&](const abc_job_list &l, abc_job *&job) -> Status {
        if (index >= l.jobs.size()) {
            return InvalidArgument(std::string(fn) + ": index " + std::to_string(index) +
                                   " is out of range; the list has " + std::to_string(l.jobs.size()) + " jobs");
        }
        job = abi::new_job_handle(l.workspace, l.jobs[index]);
        return Status();
    });
}

ABC_API void abc_job_list_free(abc_job_list *list) { delete list; }

}  // extern "C"
