// INSERT: ormc::insert<User>().values(user) for objects (one or a range, in multi-row
// VALUES batched by insert_batch_parameters), or .values(ormc::set(col, v), ...) for a row
// of chosen columns. on_conflict() (upsert.hpp) and returning() extend it.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/detail/decimal_column.hpp"
#include "ormc/expr/assignment.hpp"
#include "ormc/expr/sql_writer.hpp"
#include "ormc/query/clauses.hpp"
#include "ormc/query/column_defaults.hpp"

namespace ormc {
namespace detail {

//! Consecutive rows that insert the same columns: one multi-row VALUES (or several, when
//! the placeholders would exceed the limit).
struct InsertGroup {
  std::vector<std::string_view> columns;
  std::vector<ExprData> rows;  //!< one tree per column in each
};

struct ConflictData {
  enum class Action : std::uint8_t { none, nothing, update };
  Action action = Action::none;
  std::vector<std::string_view> target;       //!< ON CONFLICT ("a", "b")
  std::vector<std::string_view> set_columns;  //!< DO UPDATE SET "c" = ...
  ExprData set_values;                        //!< one tree per set column
};

struct InsertData {
  std::string_view table;
  std::vector<InsertGroup> groups;
  ConflictData conflict;
  ExprData returning;
};

//! Placeholders per statement of a multi-row insert: at most the dialect's limit
//! (max_parameters), and 4000 on PostgreSQL, where the server parses and plans a long
//! VALUES list in time that grows faster than its length while the pipeline makes more
//! statements cost no round trips: 100k rows in pipelined statements of 4000 parameters
//! took 256 ms on raw libpq, in statements of 65532 422 ms (docs/perf.md).
[[nodiscard]] inline std::size_t insert_batch_parameters(const Dialect& dialect) {
  return dialect.kind() == DialectKind::postgresql ? 4000 : max_parameters(dialect);
}

//! One statement per batch; max_parameters bounds the placeholders of each.
[[nodiscard]] std::vector<RenderedStatement> render_insert(const InsertData& insert,
                                                           const Dialect& dialect,
                                                           std::size_t max_parameters);

template <typename X>
struct is_assignment : std::false_type {};
template <typename M>
struct is_assignment<Assignment<M>> : std::true_type {};

template <typename A>
concept AnyAssignment = is_assignment<std::remove_cvref_t<A>>::value;

//! A range whose elements are M objects.
template <typename R, typename M>
concept RangeOf = ValueRange<R> && std::is_same_v<range_element_t<R>, M>;

}  // namespace detail

template <Model M, typename Returning, bool HasTarget>
class OnConflict;
class Connection;

template <Model M, typename Returning = void>
class Insert {
  static constexpr std::size_t column_count = model_column_count<M>;

 public:
  //! void, or the row type of returning().
  using result_type = Returning;

  Insert() { data_.table = model_traits<M>::table_name; }
  explicit Insert(detail::InsertData data) : data_(std::move(data)) {}

  //! Adds one object. Its autoincrement key is omitted while 0, so the database assigns it.
  Insert& values(const M& row) & {
    add_object(row);
    return *this;
  }
  Insert&& values(const M& row) && { return std::move(values(row)); }

  //! Adds every object of a range (a std::vector<User>, a std::span, ...).
  template <detail::RangeOf<M> R>
  Insert& values(R&& rows) & {
    for (const M& row : rows) add_object(row);
    return *this;
  }
  template <detail::RangeOf<M> R>
  Insert&& values(R&& rows) && {
    return std::move(values(std::forward<R>(rows)));
  }

  //! Adds one row of the assigned columns: values(ormc::set(user::username, "bob"), ...).
  template <detail::AnyAssignment... As>
  Insert& values(As&&... assignments) & {
    static_assert(sizeof...(As) > 0, "ormc: values() needs objects or set() assignments");
    static_assert((std::is_same_v<typename std::remove_cvref_t<As>::model_type, M> && ...),
                  "ormc: values() assigns columns of another model than the insert's");
    std::vector<std::string_view> columns{assignments.column...};
    detail::ExprData row;
    (row.append(std::forward<As>(assignments).value), ...);
    add_row(std::move(columns), std::move(row));
    last_mask_valid_ = false;
    return *this;
  }
  template <detail::AnyAssignment... As>
  Insert&& values(As&&... assignments) && {
    return std::move(values(std::forward<As>(assignments)...));
  }

  //! ON CONFLICT (target columns): continue with .do_nothing() or .do_update(...).
  template <ColumnDescriptor... Cs>
  [[nodiscard]] auto on_conflict(const Cs&... target) && {
    static_assert((std::is_same_v<typename Cs::model_type, M> && ...),
                  "ormc: on_conflict() names columns of another model than the insert's");
    data_.conflict.target = {target.name...};
    return OnConflict<M, Returning, (sizeof...(Cs) > 0)>(std::move(*this));
  }

  //! RETURNING the given columns of each inserted row; rows become std::tuple of them.
  template <Expression... Es>
  [[nodiscard]] auto returning(Es&&... items) && {
    data_.returning = detail::returning_data<M>(std::forward<Es>(items)...);
    return Insert<M, detail::row_type_t<Es...>>(std::move(data_));
  }

  //! The statement for all rows at once; InvalidRequestError when they need several
  //! statements (rows inserting different columns): use render_batches() then.
  [[nodiscard]] RenderedStatement render(const Dialect& dialect) const;
  //! The statements, each of at most max_parameters placeholders (default: the dialect's
  //! batch size, detail::insert_batch_parameters).
  [[nodiscard]] std::vector<RenderedStatement> render_batches(
      const Dialect& dialect, std::size_t max_parameters = 0) const {
    return detail::render_insert(
        data_, dialect,
        max_parameters != 0 ? max_parameters : detail::insert_batch_parameters(dialect));
  }
  [[nodiscard]] const detail::InsertData& data() const { return data_; }
  [[nodiscard]] detail::InsertData& data() { return data_; }

  // Running it (defined in ormc/query/execute.hpp, which ormc/query.hpp includes).
  //! Runs every batch (in one transaction when there are several and none is open; on
  //! PostgreSQL all in one pipeline); returns the rows inserted (or updated by an upsert).
  //! Rows that give an autoincrement key its own value move PostgreSQL's identity
  //! sequence past them, so that later generated keys are new (one more statement).
  std::int64_t execute(Connection& connection) const;
  //! With returning(): the returned rows of every batch, in the order of the objects.
  [[nodiscard]] auto all(Connection& connection) const;
  //! With returning(): the one returned row (NoResultFound / MultipleResultsFound).
  [[nodiscard]] auto one(Connection& connection) const;

 private:
  //! After rows that gave the autoincrement key their own values: keeps the database's key
  //! generator past them (detail::advance_key_generator), as SQLite does by itself.
  void after_explicit_keys(Connection& connection) const;

  void add_object(const M& row) {
    std::bitset<column_count> mask;
    std::size_t i = 0;
    detail::ExprData values;
    values.nodes.reserve(column_count);
    values.values.reserve(column_count);
    for_each_column<M>([&](const auto& column) {
      using T = typename std::remove_cvref_t<decltype(column)>::value_type;
      const T& value = column.of(row);
      switch (detail::insert_column_action(column, value)) {
        case detail::InsertColumn::omit: break;
        case detail::InsertColumn::now:
          mask.set(i);
          values.add_value(detail::now_value<T>());
          break;
        case detail::InsertColumn::value:
          mask.set(i);
          if constexpr (detail::is_decimal_column_v<std::remove_cvref_t<decltype(column)>>) {
            T fitted = value;
            detail::fit_column_value(column, fitted);
            values.add_value(detail::to_value(std::move(fitted)));
          } else {
            values.add_value(detail::to_value(value));
          }
          break;
      }
      ++i;
    });
    if (last_mask_valid_ && mask == last_mask_) {
      data_.groups.back().rows.push_back(std::move(values));
      return;
    }
    std::vector<std::string_view> columns;
    i = 0;
    for_each_column<M>([&](const auto& column) {
      if (mask.test(i++)) columns.push_back(column.name);
    });
    add_row(std::move(columns), std::move(values));
    last_mask_ = mask;
    last_mask_valid_ = true;
  }

  void add_row(std::vector<std::string_view> columns, detail::ExprData row) {
    if (data_.groups.empty() || data_.groups.back().columns != columns) {
      data_.groups.push_back(detail::InsertGroup{std::move(columns), {}});
    }
    data_.groups.back().rows.push_back(std::move(row));
  }

  detail::InsertData data_;
  std::bitset<column_count> last_mask_;
  bool last_mask_valid_ = false;
};

template <Model M>
[[nodiscard]] Insert<M> insert() {
  return Insert<M>();
}

namespace detail {
[[nodiscard]] RenderedStatement single_statement(std::vector<RenderedStatement> statements,
                                                 std::string_view table);
}  // namespace detail

template <Model M, typename Returning>
RenderedStatement Insert<M, Returning>::render(const Dialect& dialect) const {
  return detail::single_statement(detail::render_insert(data_, dialect, 0), data_.table);
}

}  // namespace ormc
