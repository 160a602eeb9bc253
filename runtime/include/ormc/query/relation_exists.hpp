// Conditions through a schema's relations, SQLAlchemy's User.posts.any(...) and
// Post.author.has(...): blog::user::posts.any(blog::post::published == true) is EXISTS over
// the user's posts that match, correlated to the row of the relation's model:
//
//   EXISTS (SELECT "posts"."author_id" FROM "posts"
//           WHERE "users"."id" = "posts"."author_id" AND "posts"."published" = ?)
//
// A many-to-many reads its association table, joined to the target. The descriptors'
// members (Relation::any / has, ormc/relation.hpp) call relation_any / relation_has here by
// argument-dependent lookup, so the generated headers need not include this.
#pragma once

#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ormc/expr/type_rules.hpp"
#include "ormc/query/select.hpp"
#include "ormc/relation.hpp"

namespace ormc {
namespace detail {

//! What the related rows are called inside the EXISTS when the relation leads back to its
//! own model's table (employee::reports): that table is the outer row's, so the inner one
//! takes this alias, and the condition's columns of the target are read from it.
inline constexpr std::string_view related_alias = "ormc_related";

template <typename C, typename T>
constexpr void check_relation_condition() {
  static_assert(Expression<C>,
                "ormc: any(condition) and has(condition) take a condition on the relation's "
                "target (a comparison, like(), in_(), a Condition, ...)");
  if constexpr (Expression<C>) {
    static_assert(boolean_v<expr_value_t<C>>,
                  "ormc: any(condition) and has(condition) take a boolean condition, not a "
                  "value");
    static_assert(!has_window_v<expr_models_t<C>>,
                  "ormc: any(condition) and has(condition) cannot hold a window function");
    static_assert(list_subset_v<expr_models_t<C>, model_list<T>>,
                  "ormc: any(condition) / has(condition): the condition may read only the "
                  "relation's target model (user::posts.any(post::title == \"x\")): it filters "
                  "the related rows inside an EXISTS, where no other model is in FROM");
  }
}

//! Points the columns of `table` in a condition's own trees at `alias` (not those inside
//! its subqueries, which correlate to their enclosing statement as written).
inline void read_from_alias(ExprData& condition, std::string_view table, std::string_view alias) {
  for (Node& node : condition.nodes) {
    if (node.op == Op::column && node.table == table) node.table = alias;
  }
}

//! EXISTS (SELECT ... FROM the relation's target [joined through its association table]
//! WHERE the target's rows belong to the outer row of the relation's model [AND condition]).
template <typename R, typename Hop, typename... Hops>
ExprData relation_exists(relation_path<Hop, Hops...>* /*path*/, ExprData condition) {
  using M = typename R::model_type;
  using T = typename R::target_type;
  using First = typename Hop::target;
  const std::string_view outer(model_traits<M>::table_name);
  const std::string_view target_table(model_traits<T>::table_name);
  const std::string_view target_name = std::is_same_v<T, M> ? related_alias : target_table;
  const std::string_view first_table(model_traits<First>::table_name);
  // The first hop's far side: the target itself, or the association table.
  const std::string_view first_name = sizeof...(Hops) == 0 ? target_name : first_table;

  auto statement = std::make_shared<SelectData>();
  [&]<const auto&... C>(column_list<C...>*) {
    const std::string_view names[] = {C.name...};
    statement->columns.add_column(first_name, names[0]);
  }
  (static_cast<typename Hop::to_columns*>(nullptr));
  statement->from.push_back(FromItem{JoinKind::from, first_table, first_name, nullptr, {}});
  if constexpr (sizeof...(Hops) == 1) {
    using Last = std::tuple_element_t<0, std::tuple<Hops...>>;
    FromItem target{JoinKind::inner, target_table, target_name, nullptr, {}};
    target.on =
        hop_condition(static_cast<typename Last::from_columns*>(nullptr),
                      static_cast<typename Last::to_columns*>(nullptr), first_table, target_name);
    statement->from.push_back(std::move(target));
  }
  statement->where =
      hop_condition(static_cast<typename Hop::from_columns*>(nullptr),
                    static_cast<typename Hop::to_columns*>(nullptr), outer, first_name);
  if (target_name != target_table) read_from_alias(condition, target_table, target_name);
  and_into(statement->where, std::move(condition));
  ExprData out;
  out.add_select(Op::exists, std::move(statement));
  return out;
}

template <typename R, typename... C>
auto relation_exists_expr(C&&... condition) {
  using M = typename R::model_type;
  ExprData filter;
  (append_expr(filter, std::forward<C>(condition)), ...);
  return make_expr<bool, model_list<M>, model_list<>>(
      relation_exists<R>(static_cast<typename R::path*>(nullptr), std::move(filter)));
}

}  // namespace detail

//! relation.any(condition): some related object matches (EXISTS); relation.any() without
//! a condition: there is one. For collections (one-to-many, many-to-many).
template <RelationDescriptor R, typename... C>
[[nodiscard]] auto relation_any(const R& /*relation*/, C&&... condition) {
  static_assert(R::many,
                "ormc: any() is for collections (one-to-many, many-to-many): a to-one "
                "relation says has()");
  static_assert(sizeof...(C) <= 1, "ormc: any() takes one condition (combine them with &&)");
  (detail::check_relation_condition<C, typename R::target_type>(), ...);
  return detail::relation_exists_expr<R>(std::forward<C>(condition)...);
}

//! relation.has(condition): the related object exists and matches; relation.has(): there
//! is one. For to-one relations (many-to-one, one-to-one).
template <RelationDescriptor R, typename... C>
[[nodiscard]] auto relation_has(const R& /*relation*/, C&&... condition) {
  static_assert(!R::many,
                "ormc: has() is for to-one relations (many-to-one, one-to-one): a collection "
                "says any()");
  static_assert(sizeof...(C) <= 1, "ormc: has() takes one condition (combine them with &&)");
  (detail::check_relation_condition<C, typename R::target_type>(), ...);
  return detail::relation_exists_expr<R>(std::forward<C>(condition)...);
}

}  // namespace ormc
