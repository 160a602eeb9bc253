// Running the statement builders on a Connection: the definitions of their all(), first(),
// one(), one_or_none(), scalar(), scalars() and execute(). Every statement is prepared
// through the connection's cache (keyed by its SQL text), bound from its rendered values,
// and its rows hydrated by the runtime's typed readers (ormc/result.hpp). An insert of
// several batches runs them as one batch of the backend (one pipeline on PostgreSQL).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/error.hpp"
#include "ormc/query/delete.hpp"
#include "ormc/query/insert.hpp"
#include "ormc/query/key_generator.hpp"
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

//! Receives the rows a batch of statements returns, statement by statement, in order.
class BatchRowSink {
 public:
  virtual ~BatchRowSink() = default;
  //! One row; `first` on the first row of each statement (whose SQL is `sql`).
  virtual void read(const Row& row, bool first, std::string_view sql) = 0;
};

//! Runs `statements` in order as one unit: in the open transaction, else in one of its own
//! that commits when all succeeded. The backend runs them in batches of 1000 (PostgreSQL:
//! one pipeline, one round trip each); the first failure is thrown as the DatabaseError of
//! that statement, with its values, and the connection is left usable. Returns the rows
//! changed.
std::int64_t run_batches(Connection& connection, std::span<const RenderedStatement> statements,
                         BatchRowSink* rows);

//! Collects the rows of returning() into `out`, reading each statement's columns once.
template <typename Returning>
class ReturningSink final : public BatchRowSink {
 public:
  explicit ReturningSink(std::vector<Returning>& out) : out_(out) {}
  void read(const Row& row, bool first, std::string_view sql) override {
    row.visit([&](const auto& reader) {
      if (first) decoder_.prepare(reader, sql);
      decoder_.read(reader, out_.emplace_back());
    });
  }

 private:
  std::vector<Returning>& out_;
  RowDecoder<Returning> decoder_{};
};

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
void Insert<M, Returning>::after_explicit_keys(Connection& connection) const {
  for (const detail::InsertGroup& group : data_.groups) {
    if (detail::writes_autoincrement<M>(group.columns)) {
      detail::advance_key_generator<M>(connection);
      return;
    }
  }
}

template <Model M, typename Returning>
std::int64_t Insert<M, Returning>::execute(Connection& connection) const {
  const std::vector<RenderedStatement> batches = render_batches(connection.dialect());
  const std::int64_t rows = batches.size() == 1 ? detail::run_execute(connection, batches.front())
                                                : detail::run_batches(connection, batches, nullptr);
  after_explicit_keys(connection);
  return rows;
}

template <Model M, typename Returning>
auto Insert<M, Returning>::all(Connection& connection) const {
  detail::require_returning<Returning>();
  const std::vector<RenderedStatement> batches = render_batches(connection.dialect());
  std::vector<Returning> rows;
  if (batches.size() == 1) {
    rows = detail::run_query(connection, batches.front()).template all<Returning>();
  } else {
    detail::ReturningSink<Returning> sink(rows);
    detail::run_batches(connection, batches, &sink);
  }
  after_explicit_keys(connection);
  return rows;
}

template <Model M, typename Returning>
auto Insert<M, Returning>::one(Connection& connection) const {
  detail::require_returning<Returning>();
  const RenderedStatement statement = render(connection.dialect());
  auto row = detail::run_query(connection, statement).template one<Returning>();
  after_explicit_keys(connection);
  return row;
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
