// Running rendered statements (an insert's batches, execute_many) as one unit: a RowBatch
// that binds each statement's run-time values, or what a BatchParameters binds straight from
// the objects (an insert of objects); run_row_batch does the rest.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ormc/config.hpp"
#include "ormc/detail/row_batch.hpp"
#include "ormc/detail/sqlite/binder.hpp"
#include "ormc/query.hpp"
#include "ormc/transaction.hpp"
#if ORMC_WITH_POSTGRESQL
#include "ormc/detail/postgres/binder.hpp"
#endif

namespace ormc::detail {
namespace {

class RenderedBatch final : public RowBatch {
 public:
  RenderedBatch(std::span<const RenderedStatement> statements, BatchRowSink* rows,
                const BatchParameters* parameters)
      : statements_(statements), rows_(rows), parameters_(parameters) {
    index_.reserve(statements.size());
    for (const RenderedStatement& statement : statements) {
      std::size_t at = 0;
      while (at < texts_.size() && texts_[at] != statement.sql) ++at;
      if (at == texts_.size()) texts_.push_back(statement.sql);
      index_.push_back(at);
    }
  }

  [[nodiscard]] std::size_t size() const override { return statements_.size(); }
  [[nodiscard]] std::span<const std::string> texts() const override { return texts_; }
  [[nodiscard]] std::size_t text_of(std::size_t i) const override { return index_[i]; }
  void bind(std::size_t i, const sqlite::Binder& binder) override {
    if (parameters_ != nullptr) return parameters_->bind(i, binder);
    bind_values(i, binder);
  }
  void bind(std::size_t i, const postgres::Binder& binder) override {
#if ORMC_WITH_POSTGRESQL
    if (parameters_ != nullptr) return parameters_->bind(i, binder);
    bind_values(i, binder);
#else
    (void)i, (void)binder;  // no PostgreSQL connection exists in this runtime
#endif
  }
  [[nodiscard]] std::optional<std::size_t> value_count(std::size_t i) const override {
    if (parameters_ != nullptr) return std::nullopt;  // bound from the objects, as rendered
    return statements_[i].values.size();
  }
  void read(std::size_t i, const Row& row) override {
    if (rows_ == nullptr) return;
    rows_->read(row, i != last_read_, statements_[i].sql);
    last_read_ = i;
  }
  [[nodiscard]] std::vector<std::string> param_strings(std::size_t i) const override {
    if (parameters_ != nullptr) return parameters_->log_values(i);
    std::vector<std::string> out;
    out.reserve(statements_[i].values.size());
    for (const Value& value : statements_[i].values) out.push_back(to_log_string(value));
    return out;
  }

 private:
  template <typename Binder>
  void bind_values(std::size_t i, const Binder& binder) {
    const std::span<const Value> values = statements_[i].values;
    for (std::size_t v = 0; v < values.size(); ++v) {
      bind_column(binder, static_cast<int>(v + 1), values[v], true);  // they outlive the run
    }
  }

  std::span<const RenderedStatement> statements_;
  BatchRowSink* rows_;
  const BatchParameters* parameters_;  //!< binds instead of statements_[i].values
  std::vector<std::string> texts_;
  std::vector<std::size_t> index_;
  std::size_t last_read_ = static_cast<std::size_t>(-1);
};

}  // namespace

std::int64_t run_batches(Connection& connection, std::span<const RenderedStatement> statements,
                         BatchRowSink* rows, const BatchParameters* parameters) {
  // Several statements are one unit: all or nothing.
  std::optional<Transaction> transaction;
  if (statements.size() > 1 && !connection.in_transaction()) transaction.emplace(connection);
  RenderedBatch batch(statements, rows, parameters);
  const std::int64_t changed = run_row_batch(connection, batch);
  if (transaction) transaction->commit();
  return changed;
}

}  // namespace ormc::detail
