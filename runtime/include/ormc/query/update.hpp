// UPDATE: ormc::update<User>().set(user::age, 30).where(user::id == 7). Changing every
// row must be said: .all_rows(). Which of where() / all_rows() was called is part of the
// statement's type, so rendering or executing an update with neither does not compile.
// Columns with on_update(now) are set to the current time unless set() names them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/expr/assignment.hpp"
#include "ormc/expr/sql_writer.hpp"
#include "ormc/query/clauses.hpp"
#include "ormc/query/column_defaults.hpp"

namespace ormc {

class Connection;

namespace detail {

struct UpdateData {
  std::string_view table;
  std::vector<std::string_view> set_columns;
  std::vector<std::size_t> set_indexes;  //!< positions in model_traits<M>::columns
  ExprData set_values;                   //!< one tree per set column
  ExprData where;
  bool all_rows = false;
  ExprData returning;
};

//! `automatic`: on_update(now) assignments the statement adds (columns and one value each).
[[nodiscard]] RenderedStatement render_update(
    const UpdateData& update, const std::vector<std::string_view>& automatic_columns,
    const ExprData& automatic_values, const Dialect& dialect);

}  // namespace detail

//! Filtered: where() or all_rows() was called. Returning: void or the RETURNING row type.
template <Model M, bool Filtered = false, typename Returning = void>
class Update {
 public:
  using result_type = Returning;

  Update() { data_.table = model_traits<M>::table_name; }
  explicit Update(detail::UpdateData data) : data_(std::move(data)) {}

  //! SET column = value (a value of the column's type, std::nullopt for a nullable
  //! column, or an expression over M: user::balance + 10).
  template <ColumnDescriptor C, typename V>
  Update& set(const C& column, V&& value) & {
    static_assert(std::is_same_v<typename C::model_type, M>,
                  "ormc: set() names a column of another model than the update's");
    return set(ormc::set(column, std::forward<V>(value)));
  }
  template <ColumnDescriptor C, typename V>
  Update&& set(const C& column, V&& value) && {
    return std::move(set(column, std::forward<V>(value)));
  }
  //! SET from assignments made with ormc::set(column, value).
  Update& set(Assignment<M> assignment) & {
    data_.set_columns.push_back(assignment.column);
    data_.set_indexes.push_back(assignment.index);
    data_.set_values.append(std::move(assignment.value));
    return *this;
  }
  Update&& set(Assignment<M> assignment) && { return std::move(set(std::move(assignment))); }

  //! Restricts the rows; several where() calls are joined with AND.
  template <typename E>
  [[nodiscard]] auto where(E&& condition) && {
    detail::and_into(data_.where,
                     detail::filter_data<E, detail::model_list<M>>(std::forward<E>(condition)));
    return Update<M, true, Returning>(std::move(data_));
  }
  template <typename E>
  [[nodiscard]] auto where(E&& condition) const& {
    return Update(*this).where(std::forward<E>(condition));
  }

  //! Says that every row of the table is to be updated.
  [[nodiscard]] auto all_rows() && {
    data_.all_rows = true;
    return Update<M, true, Returning>(std::move(data_));
  }

  template <Expression... Es>
  [[nodiscard]] auto returning(Es&&... items) && {
    data_.returning = detail::returning_data<M>(std::forward<Es>(items)...);
    return Update<M, Filtered, detail::row_type_t<Es...>>(std::move(data_));
  }

  //! Throws InvalidRequestError when no set() was given, or where() got an empty Condition.
  [[nodiscard]] RenderedStatement render(const Dialect& dialect) const {
    static_assert(Filtered,
                  "ormc: an update without where() must say .all_rows() to change every row");
    std::vector<std::string_view> columns;
    detail::ExprData values;
    std::size_t i = 0;
    for_each_column<M>([&](const auto& column) {
      using T = typename std::remove_cvref_t<decltype(column)>::value_type;
      if (column.flags.on_update_now && !is_set(i)) {
        columns.push_back(column.name);
        values.add_value(detail::now_value<T>());
      }
      ++i;
    });
    return detail::render_update(data_, columns, values, dialect);
  }
  [[nodiscard]] const detail::UpdateData& data() const { return data_; }

  // Running it (defined in ormc/query/execute.hpp, which ormc/query.hpp includes).
  //! Returns the rows it changed. Does not compile before where() or all_rows().
  std::int64_t execute(Connection& connection) const;
  //! With returning(): the returned rows.
  [[nodiscard]] auto all(Connection& connection) const;

 private:
  [[nodiscard]] bool is_set(std::size_t index) const {
    for (std::size_t set_index : data_.set_indexes) {
      if (set_index == index) return true;
    }
    return false;
  }

  detail::UpdateData data_;
};

template <Model M>
[[nodiscard]] Update<M> update() {
  return Update<M>();
}

}  // namespace ormc
