// Connection::execute_many: raw SQL with named binds run once per row of values, as one
// batch (a pipeline on PostgreSQL) and one transaction.
#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/query/execute.hpp"
#include "ormc/raw_sql.hpp"
#include "ormc/transaction.hpp"

namespace ormc {

std::int64_t Connection::execute_many(std::string_view sql, std::span<const Params> rows) {
  if (rows.empty()) return 0;
  const TranslatedSql translated = translate_named_binds(sql, dialect());
  std::vector<RenderedStatement> statements;
  statements.reserve(rows.size());
  for (const Params& params : rows) {
    RenderedStatement& statement = statements.emplace_back();
    statement.sql = translated.sql;
    for (const Value* value : order_params(translated, params, sql)) {
      statement.values.push_back(*value);
    }
  }
  // All or nothing across the pipelines too: the caller's transaction, else one of ours.
  std::optional<Transaction> transaction;
  if (!in_transaction()) transaction.emplace(*this);
  // Bounded pipelines, so that neither side buffers every result at once.
  constexpr std::size_t pipeline_size = 1000;
  std::int64_t changed = 0;
  const std::span<const RenderedStatement> all(statements);
  for (std::size_t first = 0; first < all.size(); first += pipeline_size) {
    changed += detail::run_batches(
        *this, all.subspan(first, std::min(pipeline_size, all.size() - first)), nullptr);
  }
  if (transaction) transaction->commit();
  return changed;
}

}  // namespace ormc
