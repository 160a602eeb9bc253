// Running the statement builders on a Connection: the definitions of their all(), first(),
// one(), one_or_none(), scalar(), scalars() and execute(). Every statement is prepared
// through the connection's cache (keyed by its SQL text), bound from its rendered values,
// and its rows hydrated by the runtime's typed readers (ormc/result.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/error.hpp"
#include "ormc/query/delete.hpp"
#include "ormc/query/insert.hpp"
#include "ormc/query/select.hpp"
#include "ormc/query/update.hpp"

namespace ormc {
namespace detail {

//! Prepares and binds; the returned Result must be consumed while `statement` lives.
inline Result run_query(Connection& connection, const RenderedStatement& statement) {
  Statement prepared = connection.prepare(statement.sql);
  prepared.bind_values(statement.values);
  return std::move(prepared).query();
}

inline std::int64_t run_execute(Connection& connection, const RenderedStatement& statement) {
  Statement prepared = connection.prepare(statement.sql);
  prepared.bind_values(statement.values);
  return prepared.execute();
}

template <typename Row>
struct first_column {
  using type = std::tuple_element_t<0, Row>;
};

template <typename Returning>
void require_returning() {
  static_assert(!std::is_void_v<Returning>,
                "ormc: all() and one() read the rows of returning(); use execute() for the "
                "count of changed rows");
}

}  // namespace detail

// --- Select ---

template <typename Row, typename Models>
auto Select<Row, Models>::all(Connection& connection) const {
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template all<Row>();
}

template <typename Row, typename Models>
auto Select<Row, Models>::first(Connection& connection) const {
  if (data_.limit) {
    const RenderedStatement statement = render(connection.dialect());
    return detail::run_query(connection, statement).template first<Row>();
  }
  Select limited(*this);
  limited.limit(1);
  const RenderedStatement statement = limited.render(connection.dialect());
  return detail::run_query(connection, statement).template first<Row>();
}

template <typename Row, typename Models>
auto Select<Row, Models>::one(Connection& connection) const {
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template one<Row>();
}

template <typename Row, typename Models>
auto Select<Row, Models>::one_or_none(Connection& connection) const {
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template one_or_none<Row>();
}

template <typename Row, typename Models>
auto Select<Row, Models>::scalar(Connection& connection) const {
  static_assert(!Model<Row>, "ormc: scalar() reads a selected column; select<Model>() has rows");
  using T = typename detail::first_column<Row>::type;
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template scalar<T>();
}

template <typename Row, typename Models>
auto Select<Row, Models>::scalars(Connection& connection) const {
  static_assert(!Model<Row>, "ormc: scalars() reads a selected column; select<Model>() has rows");
  using T = typename detail::first_column<Row>::type;
  std::vector<T> out;
  const RenderedStatement statement = render(connection.dialect());
  Result rows = detail::run_query(connection, statement);
  while (rows.next()) out.push_back(rows.row().template get<T>(0));
  return out;
}

// --- Insert ---

template <Model M, typename Returning>
std::int64_t Insert<M, Returning>::execute(Connection& connection) const {
  const std::vector<RenderedStatement> batches = render_batches(connection.dialect());
  if (batches.size() == 1) return detail::run_execute(connection, batches.front());
  // Several statements are one insert: all or nothing.
  std::optional<Transaction> transaction;
  if (!connection.in_transaction()) transaction.emplace(connection);
  std::int64_t changed = 0;
  for (const RenderedStatement& batch : batches) changed += detail::run_execute(connection, batch);
  if (transaction) transaction->commit();
  return changed;
}

template <Model M, typename Returning>
auto Insert<M, Returning>::all(Connection& connection) const {
  detail::require_returning<Returning>();
  const std::vector<RenderedStatement> batches = render_batches(connection.dialect());
  std::optional<Transaction> transaction;
  if (batches.size() > 1 && !connection.in_transaction()) transaction.emplace(connection);
  std::vector<Returning> rows;
  for (const RenderedStatement& batch : batches) {
    std::vector<Returning> more = detail::run_query(connection, batch).template all<Returning>();
    if (rows.empty()) {
      rows = std::move(more);
    } else {
      rows.insert(rows.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
    }
  }
  if (transaction) transaction->commit();
  return rows;
}

template <Model M, typename Returning>
auto Insert<M, Returning>::one(Connection& connection) const {
  detail::require_returning<Returning>();
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template one<Returning>();
}

// --- Update and Delete ---

template <Model M, bool Filtered, typename Returning>
std::int64_t Update<M, Filtered, Returning>::execute(Connection& connection) const {
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_execute(connection, statement);
}

template <Model M, bool Filtered, typename Returning>
auto Update<M, Filtered, Returning>::all(Connection& connection) const {
  detail::require_returning<Returning>();
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template all<Returning>();
}

template <Model M, bool Filtered, typename Returning>
std::int64_t Delete<M, Filtered, Returning>::execute(Connection& connection) const {
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_execute(connection, statement);
}

template <Model M, bool Filtered, typename Returning>
auto Delete<M, Filtered, Returning>::all(Connection& connection) const {
  detail::require_returning<Returning>();
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template all<Returning>();
}

}  // namespace ormc
