// Running the statement builders on a Connection: the definitions of their all(), first(),
// one(), one_or_none(), scalar(), scalars() and execute(). Every statement is prepared
// through the connection's cache (keyed by its SQL text), bound from its rendered values,
// and its rows hydrated by the runtime's typed readers (ormc/result.hpp). An insert of
// several batches runs them as one batch of the backend (one pipeline on PostgreSQL).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/config.hpp"
#include "ormc/connection.hpp"
#include "ormc/detail/bulk_rows.hpp"
#include "ormc/detail/row_batch.hpp"  // the binders BatchParameters binds through, declared
#include "ormc/error.hpp"
#include "ormc/query/delete.hpp"
#include "ormc/query/insert.hpp"
#include "ormc/query/key_generator.hpp"
#include "ormc/query/optional_model_row.hpp"
#include "ormc/query/select.hpp"
#include "ormc/query/update.hpp"
#include "ormc/transaction.hpp"

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

class BatchParameters;

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
                         BatchRowSink* rows, const BatchParameters* parameters = nullptr);

//! Binds the parameters of a batch's statements itself, where run_batches would bind each
//! statement's RenderedStatement::values: an insert's objects, straight from their members.
class BatchParameters {
 public:
  virtual ~BatchParameters() = default;
  //! Binds every parameter of statement i through the backend's binder.
  virtual void bind(std::size_t i, const sqlite::Binder& binder) const = 0;
  virtual void bind(std::size_t i, const postgres::Binder& binder) const = 0;
  //! Statement i's values as log strings, for records and errors.
  [[nodiscard]] virtual std::vector<std::string> log_values(std::size_t i) const = 0;
};

//! The parameters of an insert's statements of objects (render_insert's StatementObjects):
//! each object's columns of its group, row by row, then the statement's own values (ON
//! CONFLICT ... SET), every one bound from where it lives (no run-time Value per column).
template <Model M>
class ObjectParameters final : public BatchParameters {
 public:
  ObjectParameters(const std::vector<M>& objects, const InsertData& data,
                   std::span<const RenderedStatement> statements,
                   const std::vector<StatementObjects>& taken)
      : objects_(objects), statements_(statements), taken_(taken) {
    selected_.reserve(data.groups.size());
    for (const InsertGroup& group : data.groups) {
      std::vector<char> selected;
      for_each_column<M>([&](const auto& column) {
        selected.push_back(std::find(group.columns.begin(), group.columns.end(), column.name) !=
                                   group.columns.end()
                               ? 1
                               : 0);
      });
      selected_.push_back(std::move(selected));
    }
  }

  void bind(std::size_t i, const sqlite::Binder& binder) const override { bind_with(binder, i); }
  void bind(std::size_t i, const postgres::Binder& binder) const override {
#if ORMC_WITH_POSTGRESQL
    bind_with(binder, i);
#else
    (void)i, (void)binder;  // no PostgreSQL connection exists in this runtime
#endif
  }

  [[nodiscard]] std::vector<std::string> log_values(std::size_t i) const override {
    std::vector<std::string> out;
    visit(i,
          [&](int /*index*/, const auto& value) { out.push_back(to_log_string(to_value(value))); });
    return out;
  }

 private:
  template <typename Binder>
  void bind_with(const Binder& binder, std::size_t i) const {
    // Every value outlives the execution: the objects and the statements belong to the
    // running Insert.
    visit(i, [&](int index, const auto& value) { bind_column(binder, index, value, true); });
  }

  //! f(index, value) for every parameter of statement i, in order.
  template <typename F>
  void visit(std::size_t i, F&& f) const {
    const StatementObjects& taken = taken_[i];
    int index = 0;
    if (taken.columns > 0) {
      const std::vector<char>& selected = selected_[taken.group];
      for (std::size_t o = taken.first; o < taken.first + taken.count; ++o) {
        const M& object = objects_[o];
        std::size_t c = 0;
        for_each_column<M>([&](const auto& column) {
          if (selected[c++] != 0) f(++index, column.of(object));
        });
      }
    }
    for (const Value& value : statements_[i].values) f(++index, value);
  }

  const std::vector<M>& objects_;
  std::span<const RenderedStatement> statements_;
  const std::vector<StatementObjects>& taken_;
  std::vector<std::vector<char>> selected_;  //!< per group: which of M's columns it sets
};

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

#define ORMC_SELECT_MEMBER(fn)                                                     \
  template <typename Shape, typename From, typename Nullable, typename Correlated> \
  auto Select<Shape, From, Nullable, Correlated>::fn(Connection& connection) const

ORMC_SELECT_MEMBER(all) {
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template all<result_type>();
}

ORMC_SELECT_MEMBER(first) {
  if (data_.limit) {
    const RenderedStatement statement = render(connection.dialect());
    return detail::run_query(connection, statement).template first<result_type>();
  }
  Select limited(*this);
  limited.limit(1);
  const RenderedStatement statement = limited.render(connection.dialect());
  return detail::run_query(connection, statement).template first<result_type>();
}

ORMC_SELECT_MEMBER(one) {
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template one<result_type>();
}

ORMC_SELECT_MEMBER(one_or_none) {
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template one_or_none<result_type>();
}

ORMC_SELECT_MEMBER(scalar) {
  static_assert(!Model<unwrap_optional_t<result_type>>,
                "ormc: scalar() reads a selected column; select<Model>() has rows");
  using T = typename detail::first_column<result_type>::type;
  const RenderedStatement statement = render(connection.dialect());
  return detail::run_query(connection, statement).template scalar<T>();
}

ORMC_SELECT_MEMBER(scalars) {
  static_assert(!Model<unwrap_optional_t<result_type>>,
                "ormc: scalars() reads a selected column; select<Model>() has rows");
  using T = typename detail::first_column<result_type>::type;
  std::vector<T> out;
  const RenderedStatement statement = render(connection.dialect());
  Result rows = detail::run_query(connection, statement);
  while (rows.next()) out.push_back(rows.row().template get<T>(0));
  return out;
}

#undef ORMC_SELECT_MEMBER

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
  std::int64_t rows = 0;
  if (objects_only()) {
    std::vector<detail::StatementObjects> taken;
    const std::vector<RenderedStatement> batches = detail::render_insert(
        data_, connection.dialect(), detail::insert_batch_parameters(connection.dialect()), &taken);
    const detail::ObjectParameters<M> parameters(objects_, data_, batches, taken);
    rows = detail::run_batches(connection, batches, nullptr, &parameters);
  } else {
    const std::vector<RenderedStatement> batches = render_batches(connection.dialect());
    rows = batches.size() == 1 ? detail::run_execute(connection, batches.front())
                               : detail::run_batches(connection, batches, nullptr);
  }
  after_explicit_keys(connection);
  return rows;
}

template <Model M, typename Returning>
auto Insert<M, Returning>::all(Connection& connection) const {
  detail::require_returning<Returning>();
  std::vector<Returning> rows;
  if (objects_only()) {
    std::vector<detail::StatementObjects> taken;
    const std::vector<RenderedStatement> batches = detail::render_insert(
        data_, connection.dialect(), detail::insert_batch_parameters(connection.dialect()), &taken);
    const detail::ObjectParameters<M> parameters(objects_, data_, batches, taken);
    detail::ReturningSink<Returning> sink(rows);
    detail::run_batches(connection, batches, &sink, &parameters);
  } else {
    const std::vector<RenderedStatement> batches = render_batches(connection.dialect());
    if (batches.size() == 1) {
      rows = detail::run_query(connection, batches.front()).template all<Returning>();
    } else {
      detail::ReturningSink<Returning> sink(rows);
      detail::run_batches(connection, batches, &sink);
    }
  }
  after_explicit_keys(connection);
  return rows;
}

template <Model M, typename Returning>
std::int64_t Insert<M, Returning>::copy(Connection& connection, CopyFormat format) const {
  const std::string table(data_.table);
  if constexpr (!std::is_void_v<Returning>) {
    throw InvalidRequestError("copy() into \"" + table +
                              "\": COPY cannot return rows; use all() for returning()");
  }
  if (data_.conflict.action != detail::ConflictData::Action::none) {
    throw InvalidRequestError("copy() into \"" + table +
                              "\": COPY has no ON CONFLICT; use execute()");
  }
  if (!objects_only() || objects_.empty()) {
    throw InvalidRequestError("copy() into \"" + table +
                              "\": copies objects added by values(object) only; use execute() "
                              "for set() rows");
  }
  // Several runs of objects setting different columns: one COPY each, all or nothing.
  std::optional<Transaction> transaction;
  if (data_.groups.size() > 1 && !connection.in_transaction()) transaction.emplace(connection);
  std::int64_t rows = 0;
  for (const detail::InsertGroup& group : data_.groups) {
    std::vector<std::size_t> positions;
    std::size_t c = 0;
    for_each_column<M>([&](const auto& column) {
      if (std::find(group.columns.begin(), group.columns.end(), column.name) !=
          group.columns.end()) {
        positions.push_back(c);
      }
      ++c;
    });
    if (positions.empty()) {
      throw InvalidRequestError("copy() into \"" + table +
                                "\": an object sets no column (every value is the database's "
                                "default); use execute()");
    }
    const std::span<const M> run(objects_.data() + group.first_object, group.objects);
    rows += detail::copy_rows<M>(connection, run, positions, format);
  }
  if (transaction) transaction->commit();
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
