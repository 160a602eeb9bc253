// What the function nodes of node.hpp (Op::round ... Op::window_over) carry besides their
// operands, and how the typed functions build them: Node::precision holds the SQL type of
// the result (PostgreSQL casts bound values to it where it could not infer their type),
// Node::scale an operator's own detail (the field of an extract, the target of a cast,
// the number of PARTITION BY items of a window), and Node::value_index a window's frame
// (0 for the default one, n + 1 for ROWS BETWEEN n PRECEDING AND CURRENT ROW).
#pragma once

#include <cstdint>
#include <type_traits>

#include "ormc/expr/expression.hpp"

namespace ormc::detail {

//! A function's result type as SQL knows it: Node::precision of a function node.
enum class SqlType : std::int16_t {
  none,  //!< no cast is written for it (an enum: PostgreSQL infers it from the others)
  boolean,
  int32,
  int64,
  real,
  decimal,
  text,
  date,
  time,
  timestamp,
};

//! Op::extract's field: Node::scale.
enum class DatePart : std::int16_t { year, month, day, hour, minute, second };

template <typename T>
constexpr SqlType sql_type_of() {
  using U = unwrap_optional_t<std::remove_cvref_t<T>>;
  constexpr Category c = category_of<U>();
  if constexpr (c == Category::boolean)
    return SqlType::boolean;
  else if constexpr (c == Category::integer)
    return sizeof(U) <= 4 ? SqlType::int32 : SqlType::int64;
  else if constexpr (c == Category::real)
    return SqlType::real;
  else if constexpr (c == Category::decimal)
    return SqlType::decimal;
  else if constexpr (c == Category::text)
    return SqlType::text;
  else if constexpr (c == Category::date)
    return SqlType::date;
  else if constexpr (c == Category::time)
    return SqlType::time;
  else if constexpr (c == Category::timestamp)
    return SqlType::timestamp;
  else
    return SqlType::none;
}

//! Appends a function node whose result has C++ type T; `detail` goes to Node::scale.
template <typename T>
void add_function(ExprData& out, Op op, std::uint32_t operands, std::int16_t detail = 0) {
  out.add_operator(op, operands);
  Node& node = out.nodes.back();
  node.precision = static_cast<std::int16_t>(sql_type_of<T>());
  node.scale = detail;
  node.decimal = category_v<T> == Category::decimal;
}

//! The category of X, an expression or a bound value.
template <typename X>
inline constexpr Category operand_category = [] {
  if constexpr (Expression<X>)
    return category_v<expr_value_t<X>>;
  else
    return category_of<std::decay_t<X>>();
}();

//! Whether X, an expression or a value, may be NULL (a bound std::optional or nullopt too).
template <typename X>
inline constexpr bool operand_nullable = [] {
  if constexpr (Expression<X>)
    return is_optional<std::remove_cvref_t<expr_value_t<X>>>::value;
  else
    return is_optional<std::decay_t<X>>::value || std::is_same_v<std::decay_t<X>, std::nullopt_t>;
}();

}  // namespace ormc::detail
