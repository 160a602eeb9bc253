// Aggregate functions and their result types: count -> int64; sum -> optional of int64,
// double or Decimal; avg -> optional<Decimal> of decimals, else optional<double>; min/max ->
// optional of the column's type. The optionals are SQL's: SUM, AVG, MIN and MAX of no rows
// are NULL. Sums and averages of decimals are exact on both databases (PostgreSQL's numeric
// rules; on SQLite ormc's functions ormc_dec_sum and ormc_dec_avg). Each is also a window
// function: ormc::sum(x).over(ormc::partition_by(y).order_by(z)) (window.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

#include "ormc/expr/expression.hpp"
#include "ormc/expr/window.hpp"

namespace ormc {

//! An aggregate: an expression in a GROUP BY select, or, with over(), a window function.
//! Windowable is false for COUNT(DISTINCT x), which neither database computes over a window.
template <typename T, typename Models, bool Windowable = true>
class Aggregate : public Expr<T, Models, detail::model_list<>> {
 public:
  using Expr<T, Models, detail::model_list<>>::Expr;

  //! The aggregate over a window: a running sum, a count per partition, ...
  template <typename WindowModels>
  [[nodiscard]] auto over(Window<WindowModels> window) const& {
    static_assert(Windowable,
                  "ormc: count_distinct() cannot be computed over a window (neither "
                  "database supports DISTINCT in a window function)");
    return std::move(window).template apply<T, Models, detail::model_list<>>(this->data());
  }
};

template <typename T, typename Models, bool Windowable>
struct expr_traits<Aggregate<T, Models, Windowable>>
    : expr_traits<Expr<T, Models, detail::model_list<>>> {};

namespace detail {

template <typename R, Op op, typename E>
auto aggregate(E&& e) {
  static_assert(!has_window_v<expr_models_t<E>>,
                "ormc: an aggregate cannot take a window function (SQL computes windows after "
                "aggregates): aggregate the window's rows in a subquery or CTE");
  using Result = Aggregate<R, expr_models_t<E>, op != Op::count_distinct>;
  ExprData data;
  data.add_operator(op, 1);
  // COUNT of decimals is an integer; SUM, AVG, MIN and MAX of them are decimals.
  data.nodes.back().decimal = decimal_operand_v<E> && op != Op::count && op != Op::count_distinct;
  append_expr(data, std::forward<E>(e));
  // COUNT is never NULL; the others are optional already (of no rows, or no joined rows).
  return Result(std::move(data));
}

template <typename T>
using sum_result_t = std::optional<std::conditional_t<
    category_v<T> == Category::real, double,
    std::conditional_t<category_v<T> == Category::decimal, Decimal, std::int64_t>>>;

//! AVG of numeric (PostgreSQL) is numeric: an exact Decimal, with PostgreSQL's division scale.
template <typename T>
using avg_result_t =
    std::optional<std::conditional_t<category_v<T> == Category::decimal, Decimal, double>>;

}  // namespace detail

//! COUNT(e): the rows where e is not NULL.
template <Expression E>
[[nodiscard]] auto count(E&& e) {
  return detail::aggregate<std::int64_t, detail::Op::count>(std::forward<E>(e));
}

//! COUNT(DISTINCT e).
template <Expression E>
[[nodiscard]] auto count_distinct(E&& e) {
  return detail::aggregate<std::int64_t, detail::Op::count_distinct>(std::forward<E>(e));
}

//! COUNT(*). It reads no model: select(count_all()).select_from<User>() names the table.
[[nodiscard]] inline auto count_all() {
  detail::ExprData data;
  data.add_operator(detail::Op::count_star, 0);
  return Aggregate<std::int64_t, detail::model_list<>>(std::move(data));
}

template <Expression E>
[[nodiscard]] auto sum(E&& e) {
  static_assert(detail::numeric_v<expr_value_t<E>>,
                "ormc: sum() and avg() need a numeric expression");
  return detail::aggregate<detail::sum_result_t<expr_value_t<E>>, detail::Op::sum>(
      std::forward<E>(e));
}

template <Expression E>
[[nodiscard]] auto avg(E&& e) {
  static_assert(detail::numeric_v<expr_value_t<E>>,
                "ormc: sum() and avg() need a numeric expression");
  return detail::aggregate<detail::avg_result_t<expr_value_t<E>>, detail::Op::avg>(
      std::forward<E>(e));
}

template <Expression E>
[[nodiscard]] auto min(E&& e) {
  static_assert(detail::orderable_v<expr_value_t<E>>,
                "ormc: min() and max() need an ordered type: numbers, strings, dates, times");
  using T = std::optional<unwrap_optional_t<expr_value_t<E>>>;
  return detail::aggregate<T, detail::Op::min>(std::forward<E>(e));
}

template <Expression E>
[[nodiscard]] auto max(E&& e) {
  static_assert(detail::orderable_v<expr_value_t<E>>,
                "ormc: min() and max() need an ordered type: numbers, strings, dates, times");
  using T = std::optional<unwrap_optional_t<expr_value_t<E>>>;
  return detail::aggregate<T, detail::Op::max>(std::forward<E>(e));
}

}  // namespace ormc
