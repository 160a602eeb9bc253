// Statements inside statements. A select of one column is a value (a scalar subquery:
// where(track::Milliseconds > select(avg(track::Milliseconds)))); exists() / not_exists()
// test one; x.in_(select(...)) compares with its column, type-checked; subquery<"s">() makes
// a derived table and cte<"c">() a common table expression, both sources with typed columns
// (s.col<1>()); recursive_cte<"c">(anchor, member) builds WITH RECURSIVE.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/error.hpp"
#include "ormc/expr/comparison.hpp"
#include "ormc/expr/in.hpp"
#include "ormc/query/select.hpp"

namespace ormc {
namespace detail {

template <typename Row, bool = std::tuple_size_v<Row> == 1>
struct scalar_value {
  using type = void;
};
template <typename Row>
struct scalar_value<Row, true> {
  // No row is NULL: a scalar subquery's value is always optional.
  using type = std::optional<unwrap_optional_t<std::tuple_element_t<0, Row>>>;
};

template <typename S>
std::shared_ptr<const SelectData> shared_select(S&& statement) {
  using Statement = std::remove_cvref_t<S>;
  check_statement<typename Statement::shape, typename Statement::from_models_named,
                  typename Statement::nullable_models, typename Statement::correlated_models,
                  false>();
  if constexpr (std::is_rvalue_reference_v<S&&>)
    return std::make_shared<const SelectData>(std::forward<S>(statement).take_data());
  else
    return std::make_shared<const SelectData>(statement.data());
}

template <typename S>
using select_row_t = typename std::remove_cvref_t<S>::result_type;

//! How many columns a row of tuple type has; 0 for a row that is a model (or optional one).
template <typename Row>
struct tuple_columns : std::integral_constant<std::size_t, 0> {};
template <typename... Ts>
struct tuple_columns<std::tuple<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};

template <typename S>
inline constexpr bool one_column_v = tuple_columns<select_row_t<S>>::value == 1;

}  // namespace detail

//! A select of one column used as a value: (SELECT AVG(...) FROM ...). Its type is the
//! column's, optional (no row gives NULL); it reads the sources it correlate<>()s.
template <typename Shape, typename From, typename Nullable, typename Correlated>
struct expr_traits<Select<Shape, From, Nullable, Correlated>> {
  using Statement = Select<Shape, From, Nullable, Correlated>;
  static constexpr bool is_expression = detail::one_column_v<Statement>;
  using value_type = typename detail::scalar_value<
      std::conditional_t<is_expression, typename Statement::result_type, std::tuple<>>>::type;
  using models = Correlated;
  using null_if = detail::model_list<>;
  template <typename S>
  static void append_to(detail::ExprData& out, S&& statement) {
    out.add_select(detail::Op::subquery, detail::shared_select(std::forward<S>(statement)));
    out.nodes.back().decimal = detail::category_v<value_type> == detail::Category::decimal;
  }
};

namespace detail {

//! [NOT] EXISTS (SELECT ...): never NULL; reads what the subquery correlates.
template <Op op, typename S>
auto existence(S&& statement) {
  ExprData data;
  data.add_select(op, shared_select(std::forward<S>(statement)));
  return make_expr<bool, typename std::remove_cvref_t<S>::correlated_models, model_list<>>(
      std::move(data));
}

}  // namespace detail

//! EXISTS (SELECT ...): true when the subquery has a row.
template <SelectStatement S>
[[nodiscard]] auto exists(S&& statement) {
  return detail::existence<detail::Op::exists>(std::forward<S>(statement));
}

//! NOT EXISTS (SELECT ...).
template <SelectStatement S>
[[nodiscard]] auto not_exists(S&& statement) {
  return detail::existence<detail::Op::not_exists>(std::forward<S>(statement));
}

//! x IN (SELECT col ...): the subquery selects one column, comparable with x.
template <Expression E, SelectStatement S>
[[nodiscard]] auto expr_in(const E& e, S&& statement, bool negated) {
  static_assert(detail::one_column_v<S>,
                "ormc: in_(subquery) needs a subquery that selects exactly one column");
  using T = expr_value_t<E>;
  using Models =
      detail::list_union_t<expr_models_t<E>, typename std::remove_cvref_t<S>::correlated_models>;
  if constexpr (detail::one_column_v<S>) {
    using Column = Expr<std::tuple_element_t<0, detail::select_row_t<S>>, detail::model_list<>>;
    if constexpr (!detail::comparison_ok_v<T, Column, false>) {
      detail::diagnose_comparison<T, Column, false>();
      return Expr<bool, Models>{};
    } else {
      detail::ExprData data;
      data.add_select(negated ? detail::Op::not_in_select : detail::Op::in_select,
                      detail::shared_select(std::forward<S>(statement)), 1);
      detail::append_expr(data, e);
      return detail::make_expr<detail::nullable_if_any_t<bool, T>, Models>(std::move(data));
    }
  } else {
    return Expr<bool, Models>{};
  }
}

//! A column of a derived table or CTE: "s"."n".
template <typename Source, typename T>
class SourceColumn : public ExpressionMethods<SourceColumn<Source, T>> {
 public:
  using value_type = T;
  explicit SourceColumn(std::string_view name) : name_(name) {}
  [[nodiscard]] std::string_view name() const { return name_; }

 private:
  std::string_view name_;
};

template <typename Source, typename T>
struct expr_traits<SourceColumn<Source, T>> {
  static constexpr bool is_expression = true;
  using value_type = T;
  using models = detail::model_list<Source>;
  using null_if = models;
  static void append_to(detail::ExprData& out, const SourceColumn<Source, T>& column) {
    out.add_column(Source::name, column.name(), std::is_same_v<unwrap_optional_t<T>, Decimal>);
  }
};

//! (SELECT ...) AS "Name" in a FROM clause or a join, with typed columns: col<I>().
template <fixed_name Name, typename Row>
class DerivedTable {
 public:
  static constexpr std::string_view name = Name.view();
  using row_type = Row;

  DerivedTable(std::shared_ptr<const detail::SelectData> select,
               std::vector<std::string_view> names)
      : select_(std::move(select)), names_(std::move(names)) {}

  //! The subquery's column number I (0-based), of the type it selects.
  template <std::size_t I>
  [[nodiscard]] auto col() const {
    static_assert(I < std::tuple_size_v<Row>, "ormc: col<I>(): the subquery has no column I");
    return SourceColumn<DerivedTable, std::tuple_element_t<I, Row>>(names_[I]);
  }
  [[nodiscard]] const std::shared_ptr<const detail::SelectData>& select() const { return select_; }

 private:
  std::shared_ptr<const detail::SelectData> select_;
  std::vector<std::string_view> names_;
};

//! A common table expression: WITH "Name"(columns) AS (SELECT ...), read by name in FROM
//! and joins (any statement that reads it gets its WITH), with typed columns: col<I>().
template <fixed_name Name, typename Row>
class CommonTableExpr {
 public:
  static constexpr std::string_view name = Name.view();
  using row_type = Row;

  explicit CommonTableExpr(detail::CommonTable table,
                           std::shared_ptr<const detail::SelectData> anchor = nullptr)
      : table_(std::move(table)), anchor_(std::move(anchor)) {}

  //! A recursive CTE completed: its anchor UNION ALL member, where member reads this CTE
  //! (joins it) and selects the anchor's column types (recursive_cte()).
  template <SelectStatement S>
  [[nodiscard]] CommonTableExpr union_all(S&& member) const {
    return complete(detail::SetOperator::union_all, std::forward<S>(member));
  }
  //! The same with UNION: rows already found are not added again (ends cycles).
  template <SelectStatement S>
  [[nodiscard]] CommonTableExpr union_(S&& member) const {
    return complete(detail::SetOperator::union_distinct, std::forward<S>(member));
  }

  template <std::size_t I>
  [[nodiscard]] auto col() const {
    static_assert(I < std::tuple_size_v<Row>, "ormc: col<I>(): the CTE has no column I");
    return SourceColumn<CommonTableExpr, std::tuple_element_t<I, Row>>(table_.columns[I]);
  }
  [[nodiscard]] const detail::CommonTable& table() const { return table_; }

 private:
  template <typename S>
  CommonTableExpr complete(detail::SetOperator op, S&& member) const {
    using Unified = detail::unified_row<Row, typename std::remove_cvref_t<S>::result_type>;
    static_assert(Unified::ok && std::is_same_v<typename Unified::type, Row>,
                  "ormc: a recursive CTE's member must select the anchor's column types, in the "
                  "same order (make an anchor column optional where the member's may be NULL)");
    if (!anchor_) {
      throw InvalidRequestError("ormc: union_all() completes a CTE made by recursive_cte(), once");
    }
    detail::SelectData both;
    both.parts.push_back(detail::SetPart{op, anchor_});
    both.parts.push_back(detail::SetPart{op, detail::shared_select(std::forward<S>(member))});
    detail::CommonTable table = table_;
    table.select = std::make_shared<const detail::SelectData>(std::move(both));
    return CommonTableExpr(std::move(table));
  }

  detail::CommonTable table_;
  std::shared_ptr<const detail::SelectData> anchor_;  //!< recursive_cte() before union_all()
};

namespace detail {

template <fixed_name Name, typename Row>
struct source_traits<DerivedTable<Name, Row>> {
  static constexpr bool is_source = true;
  static constexpr bool needs_object = true;  //!< the object holds the statement
  static FromItem item(JoinKind kind, const DerivedTable<Name, Row>* table) {
    return FromItem{kind, {}, DerivedTable<Name, Row>::name, table->select(), {}};
  }
  static void enter(SelectData& /*into*/, const DerivedTable<Name, Row>* /*table*/) {}
};

template <fixed_name Name, typename Row>
struct source_traits<CommonTableExpr<Name, Row>> {
  static constexpr bool is_source = true;
  static constexpr bool needs_object = true;
  static FromItem item(JoinKind kind, const CommonTableExpr<Name, Row>* /*cte*/) {
    constexpr std::string_view name = CommonTableExpr<Name, Row>::name;
    return FromItem{kind, name, name, nullptr, {}};
  }
  //! The statement reading a CTE says WITH for it, once; a recursive CTE's own member
  //! reads the table it defines (select() not set yet), which gets no WITH.
  static void enter(SelectData& into, const CommonTableExpr<Name, Row>* cte) {
    if (!cte->table().select) return;
    for (const CommonTable& table : into.with) {
      if (table.name == cte->table().name) return;
    }
    into.with.push_back(cte->table());
  }
};

template <typename Statement>
void require_columns() {
  static_assert(!Model<unwrap_optional_t<typename Statement::result_type>>,
                "ormc: a derived table or CTE selects columns: select(user::id, ...), not "
                "select<User>()");
}

}  // namespace detail

template <typename Shape, typename From, typename Nullable, typename Correlated>
template <fixed_name Name>
auto Select<Shape, From, Nullable, Correlated>::subquery() const {
  detail::require_columns<Select>();
  detail::check_statement<Shape, From, Nullable, Correlated, true>();
  auto select = std::make_shared<const detail::SelectData>(data_);
  std::vector<std::string_view> names = detail::output_names(*select);
  return DerivedTable<Name, result_type>(std::move(select), std::move(names));
}

template <typename Shape, typename From, typename Nullable, typename Correlated>
template <fixed_name Name>
auto Select<Shape, From, Nullable, Correlated>::cte() const {
  detail::require_columns<Select>();
  detail::check_statement<Shape, From, Nullable, Correlated, true>();
  auto select = std::make_shared<const detail::SelectData>(data_);
  std::vector<std::string_view> names = detail::output_names(*select);
  return CommonTableExpr<Name, result_type>(
      detail::CommonTable{Name.view(), std::move(names), std::move(select), false});
}

//! WITH RECURSIVE "Name", as SQLAlchemy builds it: recursive_cte<"tree">(anchor) is the CTE
//! with the anchor's columns, to be read by its recursive member; tree.union_all(member)
//! completes it:
//!   auto tree = ormc::recursive_cte<"tree">(select(employee::EmployeeId, ...roots...));
//!   tree = tree.union_all(select(employee::EmployeeId, ...).select_from<Employee>()
//!                             .join(tree, employee::ReportsTo == tree.col<0>()));
template <fixed_name Name, SelectStatement Anchor>
[[nodiscard]] auto recursive_cte(const Anchor& anchor) {
  using AnchorRow = typename Anchor::result_type;
  detail::require_columns<Anchor>();
  detail::check_statement<typename Anchor::shape, typename Anchor::from_models_named,
                          typename Anchor::nullable_models, typename Anchor::correlated_models,
                          true>();
  return CommonTableExpr<Name, AnchorRow>(
      detail::CommonTable{Name.view(), detail::output_names(anchor.data()), nullptr, true},
      std::make_shared<const detail::SelectData>(anchor.data()));
}

}  // namespace ormc
