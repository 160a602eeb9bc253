// Connection::execute_many: raw SQL with named binds run once per row of values, through
// detail::run_batches (one transaction, pipelined on PostgreSQL).
#include <span>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/query/execute.hpp"
#include "ormc/raw_sql.hpp"

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
  return detail::run_batches(*this, statements, nullptr);  // one unit, pipelined
}

}  // namespace ormc
