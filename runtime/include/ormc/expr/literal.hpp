// literal(v): a value used where an expression goes, bound as a parameter (SQLAlchemy's
// literal()): select(user::id, ormc::literal(0).as("depth")) gives every row the column 0.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ormc/expr/expression.hpp"

namespace ormc {
namespace detail {

//! The C++ type a bound value reads back as: integers as int64, floating point as double,
//! strings as std::string; other types as themselves.
template <typename V>
using literal_type_t = std::conditional_t<
    category_of<V>() == Category::integer, std::int64_t,
    std::conditional_t<category_of<V>() == Category::real, double,
                       std::conditional_t<category_of<V>() == Category::text, std::string, V>>>;

//! The PostgreSQL type a literal of C++ type V is cast to; empty where the bound value's
//! own type says it.
template <typename V>
constexpr std::string_view literal_sql_type() {
  constexpr Category c = category_of<V>();
  if constexpr (c == Category::integer)
    return "bigint";
  else if constexpr (c == Category::real)
    return "double precision";
  else if constexpr (c == Category::decimal)
    return "numeric";
  else if constexpr (c == Category::text)
    return "text";
  else if constexpr (c == Category::boolean)
    return "boolean";
  else
    return {};
}

}  // namespace detail

template <typename V>
[[nodiscard]] auto literal(V&& v) {
  using U = std::decay_t<V>;
  static_assert(!is_optional<U>::value, "ormc: literal() takes a value, not an optional");
  static_assert(detail::category_of<U>() != detail::Category::other,
                "ormc: literal() takes a value ormc binds: a number, string, bool, Decimal, date, "
                "time, timestamp, enum, ...");
  detail::ExprData data;
  data.add_value(detail::to_value(std::forward<V>(v)));
  data.nodes.back().decimal = detail::category_of<U>() == detail::Category::decimal;
  // PostgreSQL infers a parameter's type from its context, and a select list gives none
  // (it would be text): say it.
  data.nodes.back().name = detail::literal_sql_type<U>();
  return detail::make_expr<detail::literal_type_t<U>, detail::model_list<>, detail::model_list<>>(
      std::move(data));
}

}  // namespace ormc
