// SELECT: ormc::select<User>() reads whole models; ormc::select(user::role,
// ormc::count(user::id)) reads columns and aggregates into std::tuple rows. where(),
// order_by(), group_by(), having(), limit(), offset() and distinct() follow SQL's clauses.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/expr/order.hpp"
#include "ormc/expr/sql_writer.hpp"
#include "ormc/query/clauses.hpp"

namespace ormc {
namespace detail {

//! A SELECT without its types: what render_select() turns into SQL.
struct SelectData {
  ExprData columns;  //!< one tree per selected item
  std::vector<std::string_view> from;
  ExprData where;
  ExprData group_by;  //!< one tree per item
  ExprData having;
  ExprData order_by;  //!< one tree per item, asc/desc at the root when given
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
  bool distinct = false;
};

[[nodiscard]] RenderedStatement render_select(const SelectData& select, const Dialect& dialect);

template <typename X, typename Models>
void append_order_item(ExprData& out, X&& x) {
  if constexpr (is_ordering<std::remove_cvref_t<X>>::value) {
    static_assert(list_subset_v<typename std::remove_cvref_t<X>::models, Models>,
                  "ormc: order_by() reads a model the statement does not read from");
    out.append(std::forward<X>(x).data());
  } else {
    static_assert(Expression<X>, "ormc: order_by() takes expressions, col.asc() or col.desc()");
    if constexpr (Expression<X>) {
      static_assert(list_subset_v<expr_models_t<X>, Models>,
                    "ormc: order_by() reads a model the statement does not read from");
      append_expr(out, std::forward<X>(x));
    }
  }
}

}  // namespace detail

class Connection;

//! A SELECT whose rows are Row: a model, or a std::tuple of the selected items' types.
//! Models: the models it reads from (its FROM clause).
template <typename Row, typename Models>
class Select {
 public:
  using result_type = Row;
  using models = Models;

  explicit Select(detail::SelectData data) : data_(std::move(data)) {}

  //! Adds a condition; several where() calls are joined with AND.
  template <typename E>
  Select& where(E&& condition) & {
    detail::and_into(data_.where, detail::filter_data<E, Models>(std::forward<E>(condition)));
    return *this;
  }
  template <typename E>
  Select&& where(E&& condition) && {
    return std::move(where(std::forward<E>(condition)));
  }

  //! Appends ORDER BY items: expressions (ascending) or col.asc() / col.desc().
  template <typename... Xs>
  Select& order_by(Xs&&... items) & {
    (detail::append_order_item<Xs, Models>(data_.order_by, std::forward<Xs>(items)), ...);
    return *this;
  }
  template <typename... Xs>
  Select&& order_by(Xs&&... items) && {
    return std::move(order_by(std::forward<Xs>(items)...));
  }

  template <Expression... Es>
  Select& group_by(Es&&... items) & {
    static_assert((detail::list_subset_v<expr_models_t<Es>, Models> && ...),
                  "ormc: group_by() reads a model the statement does not read from");
    (detail::append_expr(data_.group_by, std::forward<Es>(items)), ...);
    return *this;
  }
  template <Expression... Es>
  Select&& group_by(Es&&... items) && {
    return std::move(group_by(std::forward<Es>(items)...));
  }

  //! A condition on groups, usually on aggregates: having(ormc::count(post::id) > 5).
  template <typename E>
  Select& having(E&& condition) & {
    detail::and_into(data_.having, detail::filter_data<E, Models>(std::forward<E>(condition)));
    return *this;
  }
  template <typename E>
  Select&& having(E&& condition) && {
    return std::move(having(std::forward<E>(condition)));
  }

  //! LIMIT and OFFSET are bound values too, so pages share one prepared statement.
  Select& limit(std::int64_t n) & {
    data_.limit = n;
    return *this;
  }
  Select&& limit(std::int64_t n) && { return std::move(limit(n)); }
  Select& offset(std::int64_t n) & {
    data_.offset = n;
    return *this;
  }
  Select&& offset(std::int64_t n) && { return std::move(offset(n)); }

  Select& distinct() & {
    data_.distinct = true;
    return *this;
  }
  Select&& distinct() && { return std::move(distinct()); }

  //! Adds M to the FROM clause: select(ormc::count_all()).select_from<User>().
  template <Model M>
  [[nodiscard]] auto select_from() && {
    using Next = Select<Row, typename detail::list_add<Models, M>::type>;
    if constexpr (!detail::list_contains<M, Models>::value) {
      data_.from.emplace_back(model_traits<M>::table_name);
    }
    return Next(std::move(data_));
  }

  [[nodiscard]] RenderedStatement render(const Dialect& dialect) const {
    return detail::render_select(data_, dialect);
  }

  // Running it (defined in ormc/query/execute.hpp, which ormc/query.hpp includes).
  //! Every row: std::vector<Row>.
  [[nodiscard]] auto all(Connection& connection) const;
  //! The first row or std::nullopt; adds LIMIT 1 when there is no limit.
  [[nodiscard]] auto first(Connection& connection) const;
  //! Exactly one row: NoResultFound for none, MultipleResultsFound for more.
  [[nodiscard]] auto one(Connection& connection) const;
  //! At most one row: std::nullopt for none, MultipleResultsFound for more.
  [[nodiscard]] auto one_or_none(Connection& connection) const;
  //! The first column of the first row (select(ormc::count(user::id)).scalar(conn));
  //! NoResultFound when there is no row.
  [[nodiscard]] auto scalar(Connection& connection) const;
  //! The first column of every row: std::vector of its type.
  [[nodiscard]] auto scalars(Connection& connection) const;
  [[nodiscard]] const detail::SelectData& data() const { return data_; }

 private:
  detail::SelectData data_;
};

//! SELECT every column of M; rows are M objects.
template <Model M>
[[nodiscard]] Select<M, detail::model_list<M>> select() {
  detail::SelectData data;
  detail::append_all_columns<M>(data.columns);
  data.from = detail::table_names(detail::model_list<M>{});
  return Select<M, detail::model_list<M>>(std::move(data));
}

//! SELECT the given columns, expressions and aggregates; rows are std::tuple of their
//! types, e.g. std::tuple<Role, std::int64_t, std::optional<double>>.
template <Expression... Es>
[[nodiscard]] auto select(Es&&... items) {
  static_assert(sizeof...(Es) > 0, "ormc: select() needs a column, or select<Model>()");
  using Models = detail::list_union_t<expr_models_t<Es>...>;
  using RowType = detail::row_type_t<Es...>;
  detail::SelectData data;
  data.columns = detail::expression_list(std::forward<Es>(items)...);
  data.from = detail::table_names(Models{});
  return Select<RowType, Models>(std::move(data));
}

}  // namespace ormc
