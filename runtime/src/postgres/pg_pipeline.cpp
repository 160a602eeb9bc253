// Batches in libpq's pipeline mode: every execution is sent before any result is read, so
// a batch costs one round trip and the server runs one statement while ormc binds the next.
#include <cstddef>
#include <vector>

#include <libpq-fe.h>

#include "postgres/pg_connection.hpp"
#include "postgres/pg_error.hpp"

namespace ormc::postgres {
namespace {

// Closes a pipeline however run_batch() leaves it: sends the sync if it was not sent,
// discards the results nobody read (after a failure the server reports the rest as
// PGRES_PIPELINE_ABORTED) and leaves pipeline mode, so the connection serves the next
// statement. When libpq cannot get back out, the connection is marked lost.
class PipelineCloser {
 public:
  PipelineCloser(PGconn* conn, bool& lost) : conn_(conn), lost_(lost) {}
  PipelineCloser(const PipelineCloser&) = delete;
  PipelineCloser& operator=(const PipelineCloser&) = delete;
  ~PipelineCloser() {
    if (!synced_) sync();
    // Every execution's results end with a NULL from PQgetResult; the sync is one more
    // result. A lost connection returns NULL for everything: stop rather than wait.
    for (; unread_ > 0 && PQstatus(conn_) != CONNECTION_BAD; --unread_) {
      bool any = false;
      while (PGresult* result = PQgetResult(conn_)) {
        any = true;
        PQclear(result);
      }
      if (!any) break;
    }
    if (synced_ && PQstatus(conn_) != CONNECTION_BAD) {
      if (PGresult* result = PQgetResult(conn_)) PQclear(result);  // PGRES_PIPELINE_SYNC
    }
    if (PQexitPipelineMode(conn_) != 1) lost_ = true;
  }

  void sent() { ++unread_; }
  void read() { --unread_; }
  bool sync() {
    synced_ = PQpipelineSync(conn_) == 1;
    return synced_;
  }

 private:
  PGconn* conn_;
  bool& lost_;
  std::size_t unread_ = 0;
  bool synced_ = false;
};

// The next execution's result; the NULL that ends it is consumed too.
PGresult* next_result(PGconn* conn) {
  PGresult* result = PQgetResult(conn);
  if (result == nullptr) return nullptr;
  while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
  return result;
}

}  // namespace

bool PgStatement::send() {
  error_ = {};
  point_at_values();
  if (PQsendQueryPrepared(connection_.native(), name_.c_str(), static_cast<int>(values_.size()),
                          pointers_.data(), nullptr, nullptr, binary_ ? 1 : 0) == 1) {
    return true;
  }
  error_ = result_error(connection_.native(), nullptr, sql(), connection_.redact());
  return false;
}

void PgStatement::adopt(PGresult* result) {
  reset();
  adopted_ = true;
  // A NULL result keeps the error send() recorded, or takes libpq's connection error.
  if (result != nullptr || error_.info.driver_message.empty()) (void)take(result);
}

void PgConnection::run_batch(detail::BatchExecutions& batch) {
  const std::size_t count = batch.size();
  flush_deallocations();  // DEALLOCATE is a synchronous command, refused in a pipeline
  if (count < 2 || PQenterPipelineMode(conn_) != 1) {
    DriverConnection::run_batch(batch);
    return;
  }
  // Declared before the closer, so that it is reset after the closer has left pipeline
  // mode: from then on broken() reports a connection libpq could not get out of it.
  struct BatchFlag {
    bool& flag;
    explicit BatchFlag(bool& f) : flag(f) { flag = true; }
    BatchFlag(const BatchFlag&) = delete;
    BatchFlag& operator=(const BatchFlag&) = delete;
    ~BatchFlag() { flag = false; }
  } in_batch(in_batch_);
  PipelineCloser closer(conn_, lost_pipeline_);
  std::vector<PgStatement*> sent;
  sent.reserve(count);
  PgStatement* failed = nullptr;  // could not be sent: it reports why, after the others
  for (std::size_t i = 0; i < count; ++i) {
    auto& statement = static_cast<PgStatement&>(batch.bind(i));
    if (!statement.send()) {
      failed = &statement;
      break;
    }
    sent.push_back(&statement);
    closer.sent();
  }
  const bool synced = closer.sync();
  for (std::size_t i = 0; i < sent.size(); ++i) {
    PGresult* result = synced ? next_result(conn_) : nullptr;
    if (synced) closer.read();
    sent[i]->adopt(result);
    batch.finish(i, *sent[i]);
  }
  if (failed != nullptr) {
    failed->adopt(nullptr);
    batch.finish(sent.size(), *failed);
  }
}

}  // namespace ormc::postgres
