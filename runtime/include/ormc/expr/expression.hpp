// What an expression is, for the typed layer: a column descriptor, or an Expr<T, Models>
// built by an operator. expr_traits gives each one's SQL value type (as C++), the models it
// reads, and how it appends its nodes to an ExprData.
#pragma once

#include <initializer_list>
#include <iterator>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ormc/expr/model_list.hpp"
#include "ormc/expr/node.hpp"
#include "ormc/expr/type_rules.hpp"
#include "ormc/model.hpp"

namespace ormc {

//! The member-style operators of Column (see model.hpp), for built expressions too:
//! (user::age + 1).between(20, 30). Each forwards to the free function that checks types.
template <typename Derived>
class ExpressionMethods {
 public:
  template <typename P>
  [[nodiscard]] auto like(P&& pattern) const {
    return expr_like(self(), std::forward<P>(pattern));
  }
  template <typename P>
  [[nodiscard]] auto ilike(P&& pattern) const {
    return expr_ilike(self(), std::forward<P>(pattern));
  }
  template <typename R>
  [[nodiscard]] auto in_(R&& values) const {
    return expr_in(self(), std::forward<R>(values), false);
  }
  template <typename V>
  [[nodiscard]] auto in_(std::initializer_list<V> values) const {
    return expr_in(self(), values, false);
  }
  template <typename R>
  [[nodiscard]] auto not_in(R&& values) const {
    return expr_in(self(), std::forward<R>(values), true);
  }
  template <typename V>
  [[nodiscard]] auto not_in(std::initializer_list<V> values) const {
    return expr_in(self(), values, true);
  }
  template <typename A, typename B>
  [[nodiscard]] auto between(A&& low, B&& high) const {
    return expr_between(self(), std::forward<A>(low), std::forward<B>(high));
  }
  [[nodiscard]] auto is_null() const { return expr_is_null(self(), false); }
  [[nodiscard]] auto is_not_null() const { return expr_is_null(self(), true); }
  [[nodiscard]] auto asc() const { return expr_order(self(), false); }
  [[nodiscard]] auto desc() const { return expr_order(self(), true); }
  //! Names the expression in a select list: count(post::id).as("n") (a string literal).
  template <std::size_t N>
  [[nodiscard]] auto as(const char (&name)[N]) const {
    return expr_label(self(), name);
  }

 private:
  [[nodiscard]] const Derived& self() const { return static_cast<const Derived&>(*this); }
};

//! An SQL expression whose values have C++ type T (std::optional<U> when it can be NULL),
//! reading the columns of the sources in Models (a detail::model_list of models, aliases,
//! derived tables). NullIf: the sources whose absence makes it NULL: when one of them is on
//! the outer side of an outer join, a select reads the expression as std::optional<T>. It
//! is Models for most expressions (NULL in, NULL out), and none for COUNT, IS NULL,
//! COALESCE with a value, EXISTS.
template <typename T, typename Models, typename NullIf = Models>
class Expr : public ExpressionMethods<Expr<T, Models, NullIf>> {
 public:
  using value_type = T;
  using models = Models;
  using null_if = NullIf;

  Expr() = default;
  explicit Expr(detail::ExprData data) : data_(std::move(data)) {}

  [[nodiscard]] const detail::ExprData& data() const& { return data_; }
  [[nodiscard]] detail::ExprData&& data() && { return std::move(data_); }

 private:
  detail::ExprData data_;
};

//! Specialised for every kind of expression; the primary template marks "not one".
template <typename E>
struct expr_traits {
  static constexpr bool is_expression = false;
};

template <typename M, typename T, std::size_t I>
struct expr_traits<Column<M, T, I>> {
  static constexpr bool is_expression = true;
  using value_type = T;
  using models = detail::model_list<M>;
  using null_if = models;
  template <typename C>
  static void append_to(detail::ExprData& out, const C& column) {
    out.add_column(std::string_view(model_traits<M>::table_name), column.name,
                   std::is_same_v<unwrap_optional_t<T>, Decimal>);
  }
};

template <typename T, typename Models, typename NullIf>
struct expr_traits<Expr<T, Models, NullIf>> {
  static constexpr bool is_expression = true;
  using value_type = T;
  using models = Models;
  using null_if = NullIf;
  template <typename E>
  static void append_to(detail::ExprData& out, E&& e) {
    out.append(std::forward<E>(e).data());
  }
};

template <typename E>
concept Expression = expr_traits<std::remove_cvref_t<E>>::is_expression;

template <typename E>
using expr_value_t = typename expr_traits<std::remove_cvref_t<E>>::value_type;
template <typename E>
using expr_models_t = typename expr_traits<std::remove_cvref_t<E>>::models;
//! The sources whose absence (an outer join) makes E NULL.
template <typename E>
using expr_null_if_t = typename expr_traits<std::remove_cvref_t<E>>::null_if;

//! A column descriptor of any model: what insert, update and upsert assign to.
template <typename C>
concept ColumnDescriptor = requires {
  typename std::remove_cvref_t<C>::model_type;
  typename std::remove_cvref_t<C>::value_type;
  std::remove_cvref_t<C>::index;
}
&&std::is_same_v<std::remove_cvref_t<C>, Column<typename std::remove_cvref_t<C>::model_type,
                                                typename std::remove_cvref_t<C>::value_type,
                                                std::remove_cvref_t<C>::index>>;

namespace detail {

//! Something to iterate with std::begin / std::end: a container, a span, a braced list.
//! (Not std::ranges::input_range: <ranges> alone costs a third of a second per TU.)
template <typename R>
concept ValueRange = requires(R& r) {
  std::begin(r) != std::end(r);
  *std::begin(r);
};
template <ValueRange R>
using range_element_t = std::remove_cvref_t<decltype(*std::begin(std::declval<R&>()))>;

//! An expression that is not (a reference to) Self: for converting constructors.
template <typename E, typename Self>
concept ExpressionOtherThan = Expression<E> && !std::is_same_v<std::remove_cvref_t<E>, Self>;

//! Operators are only offered where an ormc expression is involved, so that they never
//! compete with other libraries' operators.
template <typename L, typename R>
concept involves_expression = Expression<L> || Expression<R>;

template <typename E>
void append_expr(ExprData& out, E&& e) {
  expr_traits<std::remove_cvref_t<E>>::append_to(out, std::forward<E>(e));
}

//! An operand beside an expression of type T: an expression, or a value bound as one.
template <typename X>
void append_operand(ExprData& out, X&& x) {
  if constexpr (Expression<X>)
    append_expr(out, std::forward<X>(x));
  else
    out.add_value(to_value(std::forward<X>(x)));
}

template <typename X, bool = Expression<X>>
struct operand_models {
  using type = model_list<>;  // a bound value reads no model
};
template <typename X>
struct operand_models<X, true> {
  using type = expr_models_t<X>;
};
template <typename X>
using operand_models_t = typename operand_models<X>::type;

//! The SQL type of X if it is an expression, void for a bound value.
template <typename X, bool = Expression<X>>
struct expr_value_or_void {
  using type = void;
};
template <typename X>
struct expr_value_or_void<X, true> {
  using type = expr_value_t<X>;
};
template <typename X>
using expr_value_or_void_t = typename expr_value_or_void<X>::type;

//! Whether X (an expression or a value) is a Decimal: SQLite computes and compares such
//! operands with ormc's decimal functions (Node::decimal).
template <typename X>
inline constexpr bool decimal_operand_v = [] {
  if constexpr (Expression<X>)
    return category_v<expr_value_t<X>> == Category::decimal;
  else
    return category_of<std::decay_t<X>>() == Category::decimal;
}();

template <typename T, typename Models, typename NullIf = Models>
Expr<T, Models, NullIf> make_expr(ExprData data) {
  return Expr<T, Models, NullIf>(std::move(data));
}

}  // namespace detail
}  // namespace ormc
