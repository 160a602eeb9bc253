// What a FROM clause reads from, besides a model's table: a second occurrence of a model
// under another name (ormc::alias<Employee, "manager">, for self-joins) and its columns
// (manager(employee::FirstName)). Each alias is a type of its own, so that a statement
// knows at compile time which occurrence every column belongs to.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "ormc/expr/expression.hpp"
#include "ormc/model.hpp"

namespace ormc {

//! A name given as a template argument: ormc::alias<Employee, "manager">. The text lives
//! in the template parameter object, which has static storage, so SQL built from it may
//! point at it.
template <std::size_t N>
struct fixed_name {
  char text[N]{};
  // NOLINTNEXTLINE(google-explicit-constructor): built implicitly from a string literal
  constexpr fixed_name(const char (&name)[N]) { std::copy_n(name, N, text); }
  [[nodiscard]] constexpr std::string_view view() const { return {text, N - 1}; }
};

template <typename Source, typename C>
class AliasColumn;

//! Model M under the SQL name Name: FROM "Employee" AS "manager". Call it with one of M's
//! columns to name that column of this occurrence: manager(employee::FirstName).
template <Model M, fixed_name Name>
struct Alias {
  using model_type = M;
  static constexpr std::string_view name = Name.view();

  template <typename T, std::size_t I>
  [[nodiscard]] constexpr AliasColumn<Alias, Column<M, T, I>> operator()(
      const Column<M, T, I>& column) const {
    return AliasColumn<Alias, Column<M, T, I>>(column);
  }
};

//! ormc::alias<Employee, "manager">: `constexpr auto manager = ormc::alias<Employee, "m">;`
template <Model M, fixed_name Name>
inline constexpr Alias<M, Name> alias{};

//! A column of an aliased model: "manager"."FirstName".
template <typename Source, typename C>
class AliasColumn : public ExpressionMethods<AliasColumn<Source, C>> {
 public:
  using value_type = typename C::value_type;
  constexpr explicit AliasColumn(const C& column) : column_(&column) {}
  [[nodiscard]] constexpr const C& column() const { return *column_; }

 private:
  const C* column_;
};

template <typename Source, typename C>
struct expr_traits<AliasColumn<Source, C>> {
  static constexpr bool is_expression = true;
  using value_type = typename C::value_type;
  using models = detail::model_list<Source>;
  using null_if = models;
  static void append_to(detail::ExprData& out, const AliasColumn<Source, C>& column) {
    out.add_column(Source::name, column.column().name,
                   std::is_same_v<unwrap_optional_t<value_type>, Decimal>);
  }
};

namespace detail {

template <typename S>
struct is_alias : std::false_type {};
template <typename M, fixed_name N>
struct is_alias<Alias<M, N>> : std::true_type {};

}  // namespace detail
}  // namespace ormc
