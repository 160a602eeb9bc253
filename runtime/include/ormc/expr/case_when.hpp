// case_when(cond, value).when(cond, value).else_(value): SQL's searched CASE, whose type
// is the common type of its branches, decided at compile time (unify.hpp): int32 with
// int64 is int64, T with std::optional<T> or std::nullopt is std::optional<T>, a string
// with a number does not compile. Without else_(), end() gives an optional (NULL when no
// condition holds).
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

#include "ormc/expr/function_node.hpp"
#include "ormc/expr/unify.hpp"

namespace ormc {
namespace detail {

template <typename C>
inline constexpr bool case_condition_v = [] {
  if constexpr (Expression<C>)
    return boolean_v<expr_value_t<C>>;
  else
    return false;
}();

}  // namespace detail

//! A CASE being built: T is the common type of the branches so far (null_operand while
//! each is std::nullopt). Not an expression until else_() or end().
template <typename T, typename Models, typename NullIf>
class CaseWhen {
 public:
  CaseWhen(detail::ExprData branches, std::uint32_t operands)
      : branches_(std::move(branches)), operands_(operands) {}

  //! Another WHEN cond THEN value.
  template <typename C, typename V>
  [[nodiscard]] auto when(C&& condition, V&& value) && {
    static_assert(detail::case_condition_v<C>,
                  "ormc: case_when(condition, value): the condition must be a boolean expression");
    using U = next_type<V>;
    static_assert(
        !std::is_void_v<U>,
        "ormc: the branches of case_when() need one type (int32 with int64 gives int64, a number "
        "with a double a double, an integer with a Decimal a Decimal, T with std::optional<T> "
        "std::optional<T>); a string, a date or an enum only with the same type");
    using NextModels =
        detail::list_union_t<Models, detail::operand_models_t<C>, detail::operand_models_t<V>>;
    using NextNullIf = detail::list_union_t<NullIf, detail::operand_null_if_t<V>>;
    if constexpr (!std::is_void_v<U> && detail::case_condition_v<C>) {
      detail::append_expr(branches_, std::forward<C>(condition));
      detail::append_operand(branches_, std::forward<V>(value));
    }
    return CaseWhen<std::conditional_t<std::is_void_v<U>, T, U>, NextModels, NextNullIf>(
        std::move(branches_), operands_ + 2);
  }

  //! ELSE value: the finished expression.
  template <typename V>
  [[nodiscard]] auto else_(V&& value) && {
    using U = detail::unified_t<T, detail::operand_value_t<V>>;
    static_assert(
        !std::is_void_v<U>,
        "ormc: the branches of case_when() need one type (int32 with int64 gives int64, a number "
        "with a double a double, an integer with a Decimal a Decimal, T with std::optional<T> "
        "std::optional<T>); a string, a date or an enum only with the same type");
    static_assert(!std::is_same_v<U, detail::null_operand>,
                  "ormc: a case_when() needs a branch that is not std::nullopt, to give it a type");
    using R =
        std::conditional_t<std::is_void_v<U> || std::is_same_v<U, detail::null_operand>, int, U>;
    using NextModels = detail::list_union_t<Models, detail::operand_models_t<V>>;
    using NextNullIf = detail::list_union_t<NullIf, detail::operand_null_if_t<V>>;
    detail::append_operand(branches_, std::forward<V>(value));
    return finish<R, NextModels, NextNullIf>(operands_ + 1, true);
  }

  //! END without ELSE: NULL when no condition holds, so always optional.
  [[nodiscard]] auto end() && {
    static_assert(!std::is_same_v<T, detail::null_operand>,
                  "ormc: a case_when() needs a branch that is not std::nullopt, to give it a type");
    using R = std::conditional_t<std::is_same_v<T, detail::null_operand>, std::optional<int>,
                                 std::optional<unwrap_optional_t<T>>>;
    return finish<R, Models, NullIf>(operands_, false);
  }

 private:
  template <typename V>
  using next_type = detail::unified_t<T, detail::operand_value_t<V>>;

  template <typename R, typename M, typename N>
  auto finish(std::uint32_t operands, bool has_else) {
    detail::ExprData data;
    detail::add_function<R>(data, detail::Op::case_when, operands, has_else ? 1 : 0);
    data.append(std::move(branches_));
    return detail::make_expr<R, M, N>(std::move(data));
  }

  template <typename, typename, typename>
  friend class CaseWhen;
  detail::ExprData branches_;
  std::uint32_t operands_;
};

//! CASE WHEN condition THEN value: continue with .when(), finish with .else_() or .end().
template <typename C, typename V>
[[nodiscard]] auto case_when(C&& condition, V&& value) {
  static_assert(detail::case_condition_v<C>,
                "ormc: case_when(condition, value): the condition must be a boolean expression");
  using T = detail::operand_value_t<V>;
  detail::ExprData branches;
  if constexpr (detail::case_condition_v<C>)
    detail::append_expr(branches, std::forward<C>(condition));
  detail::append_operand(branches, std::forward<V>(value));
  return CaseWhen<T, detail::list_union_t<detail::operand_models_t<C>, detail::operand_models_t<V>>,
                  detail::operand_null_if_t<V>>(std::move(branches), 2);
}

}  // namespace ormc
