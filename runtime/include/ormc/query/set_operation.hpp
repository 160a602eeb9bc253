// Set operations: union_(a, b, ...), union_all, intersect, except_ of selects whose rows
// have the same column types (an optional in one member makes that column optional). The
// result is a select of its own: order_by() (labels, or the first member's columns),
// limit(), offset(), all(), subquery<"s">() apply to the whole.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

#include "ormc/query/select.hpp"
#include "ormc/query/subquery.hpp"

namespace ormc {
namespace detail {

template <typename A, typename B>
struct unified_rows {
  using type = typename unified_row<A, B>::type;
  static constexpr bool ok = unified_row<A, B>::ok;
};
template <typename A>
struct unified_rows<A, A> {
  using type = A;
  static constexpr bool ok = true;
};

template <typename Row, typename... Rows>
struct unify_rows {
  using type = Row;
  static constexpr bool ok = true;
};
template <typename Row, typename Next, typename... Rows>
struct unify_rows<Row, Next, Rows...> {
  using step = unified_rows<Row, Next>;
  using rest = unify_rows<typename step::type, Rows...>;
  using type = typename rest::type;
  static constexpr bool ok = step::ok && rest::ok;
};

template <SetOperator op, typename... Ss>
auto set_operation(Ss&&... statements) {
  static_assert(sizeof...(Ss) >= 2, "ormc: a set operation combines two selects or more");
  using Unified = unify_rows<typename std::remove_cvref_t<Ss>::result_type...>;
  static_assert(Unified::ok,
                "ormc: union_(), intersect() and except_() need selects whose columns have the "
                "same types, in the same order");
  using Correlated = list_union_t<typename std::remove_cvref_t<Ss>::correlated_models...>;
  SelectData data;
  (data.parts.push_back(SetPart{op, shared_select(std::forward<Ss>(statements))}), ...);
  using Shape = compound<typename Unified::type, Correlated>;
  return Select<Shape, model_list<>, model_list<>, Correlated>(std::move(data));
}

}  // namespace detail

//! a UNION b: the distinct rows of both.
template <SelectStatement A, SelectStatement... Bs>
[[nodiscard]] auto union_(A&& a, Bs&&... bs) {
  return detail::set_operation<detail::SetOperator::union_distinct>(std::forward<A>(a),
                                                                    std::forward<Bs>(bs)...);
}
//! a UNION ALL b: every row of both, duplicates kept.
template <SelectStatement A, SelectStatement... Bs>
[[nodiscard]] auto union_all(A&& a, Bs&&... bs) {
  return detail::set_operation<detail::SetOperator::union_all>(std::forward<A>(a),
                                                               std::forward<Bs>(bs)...);
}
//! a INTERSECT b: the distinct rows in both.
template <SelectStatement A, SelectStatement... Bs>
[[nodiscard]] auto intersect(A&& a, Bs&&... bs) {
  return detail::set_operation<detail::SetOperator::intersect>(std::forward<A>(a),
                                                               std::forward<Bs>(bs)...);
}
//! a EXCEPT b: the distinct rows of a not in b.
template <SelectStatement A, SelectStatement... Bs>
[[nodiscard]] auto except_(A&& a, Bs&&... bs) {
  return detail::set_operation<detail::SetOperator::except>(std::forward<A>(a),
                                                            std::forward<Bs>(bs)...);
}

}  // namespace ormc
