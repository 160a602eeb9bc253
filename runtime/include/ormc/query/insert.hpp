// INSERT: ormc::insert<User>().values(user) for objects (one or a range, in multi-row
// VALUES batched by insert_batch_parameters), or .values(ormc::set(col, v), ...) for a row
// of chosen columns. on_conflict() (upsert.hpp) and returning() extend it.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/detail/copy_writer.hpp"
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
  //! Rows of objects (Insert::values(objects)) instead of `rows`: the Insert's objects
  //! first_object .. first_object + objects - 1, bound straight from their members.
  std::size_t first_object = 0;
  std::size_t objects = 0;
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

//! The objects one rendered statement inserts: its parameters 1 .. count * columns are
//! their columns' values, row by row (its RenderedStatement::values come after them).
struct StatementObjects {
  std::size_t first = 0;
  std::size_t count = 0;
  std::size_t columns = 0;
  std::size_t group = 0;  //!< the InsertGroup they belong to (which names the columns)
};

//! One statement per batch; max_parameters bounds the placeholders of each. Groups of
//! objects get unbound placeholders, and `objects` (which must be given when there are any)
//! says which objects each statement takes.
[[nodiscard]] std::vector<RenderedStatement> render_insert(
    const InsertData& insert, const Dialect& dialect, std::size_t max_parameters,
    std::vector<StatementObjects>* objects = nullptr);

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
  explicit Insert(detail::InsertData data, std::vector<M> objects = {})
      : data_(std::move(data)), objects_(std::move(objects)) {}

  //! Adds one object (copied, or moved from an rvalue): its columns are bound straight from
  //! the copy's members when the insert runs. Its autoincrement key is omitted while 0, so
  //! the database assigns it; default(now) columns left unset take the current time now; a
  //! decimal that does not fit its column is refused now (DataError).
  Insert& values(const M& row) & {
    add_object(M(row));
    return *this;
  }
  Insert& values(M&& row) & {
    add_object(std::move(row));
    return *this;
  }
  Insert&& values(const M& row) && { return std::move(values(row)); }
  Insert&& values(M&& row) && { return std::move(values(std::move(row))); }

  //! Adds every object of a range (a std::vector<User>, a std::span, ...); an rvalue
  //! std::vector's objects are moved.
  template <detail::RangeOf<M> R>
  Insert& values(R&& rows) & {
    if constexpr (std::is_same_v<std::remove_cvref_t<R>, std::vector<M>> &&
                  !std::is_lvalue_reference_v<R>) {
      objects_.reserve(objects_.size() + rows.size());
      for (M& row : rows) add_object(std::move(row));
    } else {
      if constexpr (requires { rows.size(); }) objects_.reserve(objects_.size() + rows.size());
      for (const M& row : rows) add_object(M(row));
    }
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
    return Insert<M, detail::row_type_t<Es...>>(std::move(data_), std::move(objects_));
  }

  //! The statement for all rows at once; InvalidRequestError when they need several
  //! statements (rows inserting different columns): use render_batches() then.
  [[nodiscard]] RenderedStatement render(const Dialect& dialect) const;
  //! The statements, each of at most max_parameters placeholders (default: the dialect's
  //! batch size, detail::insert_batch_parameters), with every value (the objects' too).
  [[nodiscard]] std::vector<RenderedStatement> render_batches(
      const Dialect& dialect, std::size_t max_parameters = 0) const {
    return detail::render_insert(
        with_object_values(), dialect,
        max_parameters != 0 ? max_parameters : detail::insert_batch_parameters(dialect));
  }
  //! The objects added by values(object), in order (with default(now) and decimals applied).
  [[nodiscard]] const std::vector<M>& objects() const { return objects_; }
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
  //! PostgreSQL: the objects by COPY ... FROM STDIN (docs/postgresql.md, "Bulk inserts by
  //! COPY"), one COPY per run of objects setting the same columns, in one transaction when
  //! there are several and none is open; returns the rows copied. Only for objects (no
  //! set() rows), without on_conflict() or returning() (COPY can do neither): else
  //! InvalidRequestError, as on SQLite.
  std::int64_t copy(Connection& connection, CopyFormat format = CopyFormat::binary) const;

 private:
  //! After rows that gave the autoincrement key their own values: keeps the database's key
  //! generator past them (detail::advance_key_generator), as SQLite does by itself.
  void after_explicit_keys(Connection& connection) const;

  //! Takes `row` in: applies what an INSERT does to its columns (autoincrement key omitted
  //! while unset, default(now) filled, decimals fitted), and files it under the group of
  //! objects setting the same columns.
  void add_object(M row) {
    std::bitset<column_count> mask;
    std::size_t i = 0;
    for_each_column<M>([&](const auto& column) {
      using T = typename std::remove_cvref_t<decltype(column)>::value_type;
      T& value = column.of(row);
      switch (detail::insert_column_action(column, value)) {
        case detail::InsertColumn::omit: break;
        case detail::InsertColumn::now:
          mask.set(i);
          detail::set_now(value);
          break;
        case detail::InsertColumn::value:
          mask.set(i);
          detail::fit_column_value(column, value);
          break;
      }
      ++i;
    });
    objects_.push_back(std::move(row));
    if (last_mask_valid_ && mask == last_mask_ && !data_.groups.empty() &&
        data_.groups.back().objects > 0) {
      ++data_.groups.back().objects;
      return;
    }
    std::vector<std::string_view> columns;
    i = 0;
    for_each_column<M>([&](const auto& column) {
      if (mask.test(i++)) columns.push_back(column.name);
    });
    detail::InsertGroup group{std::move(columns), {}, objects_.size() - 1, 1};
    data_.groups.push_back(std::move(group));
    last_mask_ = mask;
    last_mask_valid_ = true;
  }

  //! data_ with every group of objects turned into rows of run-time values, for render().
  [[nodiscard]] detail::InsertData with_object_values() const {
    detail::InsertData out = data_;
    for (detail::InsertGroup& group : out.groups) {
      for (std::size_t o = group.first_object; o < group.first_object + group.objects; ++o) {
        detail::ExprData row;
        for_each_column<M>([&](const auto& column) {
          if (std::find(group.columns.begin(), group.columns.end(), column.name) !=
              group.columns.end()) {
            row.add_value(detail::to_value(column.of(objects_[o])));
          }
        });
        group.rows.push_back(std::move(row));
      }
      group.objects = 0;
    }
    // Consecutive groups setting the same columns are one multi-row VALUES, as when set()
    // rows and objects were filed together.
    std::vector<detail::InsertGroup> merged;
    for (detail::InsertGroup& group : out.groups) {
      if (!merged.empty() && merged.back().columns == group.columns) {
        for (detail::ExprData& row : group.rows) merged.back().rows.push_back(std::move(row));
      } else {
        merged.push_back(std::move(group));
      }
    }
    out.groups = std::move(merged);
    return out;
  }

  //! Whether every row is an object (bound from its members when the insert runs).
  [[nodiscard]] bool objects_only() const {
    return std::all_of(data_.groups.begin(), data_.groups.end(),
                       [](const detail::InsertGroup& group) { return group.objects > 0; });
  }

  void add_row(std::vector<std::string_view> columns, detail::ExprData row) {
    if (data_.groups.empty() || data_.groups.back().objects > 0 ||
        data_.groups.back().columns != columns) {
      data_.groups.push_back(detail::InsertGroup{std::move(columns), {}});
    }
    data_.groups.back().rows.push_back(std::move(row));
  }

  detail::InsertData data_;
  std::vector<M> objects_;  //!< the rows of values(object), bound from their members
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
  return detail::single_statement(detail::render_insert(with_object_values(), dialect, 0),
                                  data_.table);
}

}  // namespace ormc
