// Per-parent limits inside an eager load, "each user with their 3 latest posts":
//
//   session.query<blog::User>()
//       .load(ormc::selectin(blog::user::posts).order_by(blog::post::id.desc()).limit(3))
//       .all();      // 2 statements: the users, then at most 3 posts of each
//
// The second statement numbers each parent's related rows with a window function in a
// derived table and keeps the first n of every parent:
//
//   SELECT ... FROM (SELECT "posts"."author_id" AS "ormc_k0", "posts"."id", ...,
//                     ROW_NUMBER() OVER (PARTITION BY "posts"."author_id"
//                                        ORDER BY "posts"."id" DESC) AS "ormc_rn"
//                    FROM "posts" WHERE "posts"."author_id" IN (?, ?, ...)) AS "ormc_limited"
//   WHERE "ormc_limited"."ormc_rn" <= ? ORDER BY "ormc_limited"."ormc_k0", "ormc_limited"."ormc_rn"
//
// A collection loaded with a limit holds only some of its rows: it is marked partial
// (ormc::is_partial(user.posts)). It reads as loaded; push_back and erase change the
// objects they name and nothing else, as on any loaded collection (a flush writes the
// changes, never the collection's contents, so the rows not loaded are never touched);
// what needs the whole collection -- clear(), assigning a collection, session.remove() of
// the parent with its cascades -- loads it whole first. docs/relationships.md says why.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/expr/window.hpp"
#include "ormc/query/select.hpp"
#include "ormc/result.hpp"
#include "ormc/row.hpp"
#include "ormc/session/load_options.hpp"
#include "ormc/session/relation_ops.hpp"
#include "ormc/statement.hpp"

namespace ormc {
namespace detail {

//! The names of the key columns in the derived table (a composite key has several).
inline constexpr std::string_view limited_key_names[] = {
    "ormc_k0", "ormc_k1", "ormc_k2", "ormc_k3", "ormc_k4", "ormc_k5", "ormc_k6", "ormc_k7"};
inline constexpr std::string_view limited_table = "ormc_limited";
inline constexpr std::string_view limited_row_number = "ormc_rn";

template <typename List>
struct key_tuple;
template <const auto&... C>
struct key_tuple<column_list<C...>> {
  using type =
      std::tuple<unwrap_optional_t<typename std::remove_cvref_t<decltype(C)>::value_type>...>;
  template <typename O>
  static type of(const O& object) {
    return type(unwrap(C.of(object))...);
  }
  template <typename V>
  static const auto& unwrap(const V& value) {
    if constexpr (is_optional<V>::value) {
      return *value;
    } else {
      return value;
    }
  }
};

//! The statement of one batch of parents: see the file comment. `keys`: the parents' key
//! values (the first hop's columns of the relation's model).
template <typename D, typename Key>
SelectData limited_statement(const std::vector<const Key*>& keys, const ExprData& order,
                             std::uint32_t orders, std::optional<std::int64_t> limit) {
  using T = typename D::target_type;
  using Hop = first_hop_t<D>;
  using To = typename Hop::to_columns;
  constexpr std::size_t width = listed<To>::size;
  static_assert(width <= std::size(limited_key_names),
                "ormc: a per-parent limit takes keys of at most 8 columns");
  const std::string_view target(model_traits<T>::table_name);
  const std::string_view where_table(model_traits<typename Hop::target>::table_name);

  auto inner = std::make_shared<SelectData>();
  ExprData partition;
  listed<To>::each_indexed([&](const auto& column, std::size_t i) {
    inner->columns.add_operator(Op::label, 1);
    inner->columns.nodes.back().name = limited_key_names[i];
    inner->columns.add_column(where_table, column.name);
    partition.add_column(where_table, column.name);
  });
  append_all_columns<T>(inner->columns);
  ExprData by = order;
  std::uint32_t by_count = orders;
  if (by_count == 0) {  // a stable numbering: by the target's primary key
    for (std::size_t index : model_traits<T>::primary_key) {
      for_each_column<T>([&](const auto& column) {
        if (std::remove_cvref_t<decltype(column)>::index == index) {
          by.add_column(target, column.name);
          ++by_count;
        }
      });
    }
  }
  ExprData function;
  function.add_operator(Op::row_number, 0);
  auto numbered =
      Window<model_list<T>>(std::move(partition), static_cast<std::uint32_t>(width), std::move(by),
                            by_count, 0)
          .template apply<std::int64_t, model_list<>, model_list<>>(std::move(function));
  inner->columns.add_operator(Op::label, 1);
  inner->columns.nodes.back().name = limited_row_number;
  append_expr(inner->columns, std::move(numbered));

  inner->from.push_back(FromItem{JoinKind::from, target, target, nullptr, {}});
  if constexpr (D::path::size == 2) {
    using Last = last_hop_t<D>;
    FromItem through{JoinKind::inner, where_table, where_table, nullptr, {}};
    through.on =
        hop_condition(static_cast<typename Last::from_columns*>(nullptr),
                      static_cast<typename Last::to_columns*>(nullptr), where_table, target);
    inner->from.push_back(std::move(through));
  }
  // WHERE key IN (...), or for a composite key (a = ? AND b = ?) OR (...).
  ExprData& where = inner->where;
  if constexpr (width == 1) {
    where.add_operator(Op::in, static_cast<std::uint32_t>(1 + keys.size()));
    listed<To>::each([&](const auto& column) { where.add_column(where_table, column.name); });
    for (const Key* key : keys) where.add_value(to_value(std::get<0>(*key)));
  } else {
    for (std::size_t i = 1; i < keys.size(); ++i) where.add_operator(Op::logical_or, 2);
    for (const Key* key : keys) {
      for (std::size_t i = 1; i < width; ++i) where.add_operator(Op::logical_and, 2);
      std::apply(
          [&](const auto&... part) {
            std::size_t i = 0;
            [[maybe_unused]] const int in_order[] = {
                0, (
                       [&] {
                         where.add_operator(Op::eq, 2);
                         listed<To>::each_indexed([&](const auto& column, std::size_t j) {
                           if (j == i) where.add_column(where_table, column.name);
                         });
                         where.add_value(to_value(part));
                         ++i;
                       }(),
                       0)...};
          },
          *key);
    }
  }

  SelectData outer;
  for (std::size_t i = 0; i < width; ++i)
    outer.columns.add_column(limited_table, limited_key_names[i]);
  for_each_column<T>(
      [&](const auto& column) { outer.columns.add_column(limited_table, column.name); });
  outer.from.push_back(FromItem{JoinKind::from, {}, limited_table, std::move(inner), {}});
  if (limit) {
    outer.where.add_operator(Op::le, 2);
    outer.where.add_column(limited_table, limited_row_number);
    outer.where.add_value(to_value(*limit));
  }
  for (std::size_t i = 0; i < width; ++i)
    outer.order_by.add_column(limited_table, limited_key_names[i]);
  outer.order_by.add_column(limited_table, limited_row_number);
  return outer;
}

//! Loads relation D (a collection) of `parents` whose handle is not loaded, ordered by
//! `order` and at most `limit` per parent, 500 parents per statement; appends the related
//! objects (of every parent, loaded before or now) to `related`. (S: the Session, complete
//! where this is instantiated, after ormc/session.hpp.)
template <typename D, typename S>
void limited_select_in(S& session, std::span<typename D::model_type* const> parents,
                       const ExprData& order, std::uint32_t orders,
                       std::optional<std::int64_t> limit, std::vector<void*>& related) {
  using M = typename D::model_type;
  using T = typename D::target_type;
  using From = typename first_hop_t<D>::from_columns;
  using Key = typename key_tuple<From>::type;
  constexpr std::size_t width = std::tuple_size_v<Key>;
  std::map<Key, std::vector<M*>> by_key;
  std::vector<M*> done;  // loaded by this call
  for (M* parent : parents) {
    auto& handle = parent->*D::member;
    const HandleState state = RelationAccess::state(handle);
    if (state != HandleState::unloaded) {
      if (state == HandleState::loaded) {
        for (void* item : RelationAccess::items(handle)) related.push_back(item);
      }
      continue;
    }
    if (!columns_present<From>(*parent)) {
      RelationAccess::items(handle).clear();
      done.push_back(parent);
      continue;
    }
    by_key[key_tuple<From>::of(*parent)].push_back(parent);
  }
  std::vector<const Key*> keys;
  keys.reserve(by_key.size());
  for (auto& [key, owners] : by_key) {
    keys.push_back(&key);
    for (M* parent : owners) RelationAccess::items(parent->*D::member).clear();
  }
  constexpr std::size_t per_statement = 500;  // under SQLite's bound-value limit
  if (!keys.empty()) session.autoflush();
  Connection& connection = session.connection();
  for (std::size_t start = 0; start < keys.size(); start += per_statement) {
    const std::vector<const Key*> batch(
        keys.begin() + static_cast<std::ptrdiff_t>(start),
        keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), start + per_statement)));
    RenderedStatement rendered =
        render_select(limited_statement<D>(batch, order, orders, limit), connection.dialect());
    Statement statement = connection.prepare(rendered.sql);
    statement.bind_values(rendered.values);
    Result result = statement.query();
    while (result.next()) {
      const Row& row = result.row();
      Key key = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return Key(row.template get<std::tuple_element_t<I, Key>>(static_cast<int>(I))...);
      }
      (std::make_index_sequence<width>{});
      T* item = SessionModel<T>::take_row(session, row, static_cast<int>(width));
      auto found = by_key.find(key);
      if (item == nullptr || found == by_key.end()) continue;
      for (M* parent : found->second) RelationAccess::items(parent->*D::member).push_back(item);
    }
  }
  for (auto& [key, owners] : by_key) done.insert(done.end(), owners.begin(), owners.end());
  for (M* parent : done) {
    auto& handle = parent->*D::member;
    RelationAccess::state(handle) = HandleState::loaded;
    if (limit) RelationAccess::set_partial(handle, true);
    for (void* item : RelationAccess::items(handle)) related.push_back(item);
  }
}

}  // namespace detail

//! selectin(collection) with an order and a limit per parent: ormc::selectin(user::posts)
//! .order_by(post::id.desc()).limit(3). One statement per level (per 500 parents).
template <typename D, typename... Next>
class LimitedLoad {
 public:
  using descriptor = D;
  using target = typename D::target_type;

  //! The order of each parent's related objects (and which come first under the limit):
  //! columns of the relation's target, col.asc() / col.desc().
  template <typename... Xs>
  [[nodiscard]] LimitedLoad order_by(Xs&&... items) const {
    static_assert(sizeof...(Xs) > 0, "ormc: order_by() needs a column of the relation's target");
    LimitedLoad next = *this;
    (detail::append_order_item<Xs, detail::model_list<target>, false>(next.order_,
                                                                      std::forward<Xs>(items)),
     ...);
    next.orders_ += sizeof...(Xs);
    return next;
  }
  //! At most n related objects per parent; the collection is then partial.
  [[nodiscard]] LimitedLoad limit(std::int64_t n) const {
    LimitedLoad next = *this;
    next.limit_ = n;
    return next;
  }
  //! Loads `next` from the objects this option loads (selectin, raise, ... options).
  template <LoadStrategy S2, typename D2, typename... N2>
  [[nodiscard]] LimitedLoad<D, Next..., LoadOption<S2, D2, N2...>> then(
      LoadOption<S2, D2, N2...> /*next*/) const {
    static_assert(std::is_same_v<typename D2::model_type, target>,
                  "ormc: then(): the next relation must be one of the model the previous "
                  "relation leads to (a loading path follows relations end to start)");
    static_assert(S2 != LoadStrategy::joined,
                  "ormc: then(): a joined option cannot follow a per-parent limit: use selectin");
    LimitedLoad<D, Next..., LoadOption<S2, D2, N2...>> next;
    next.order_ = order_;
    next.orders_ = orders_;
    next.limit_ = limit_;
    return next;
  }

  //! Loads the relation for `parents` (objects of D's model), then the next options.
  template <typename M>
  void run(Session& session, std::span<M* const> parents) const {
    static_assert(std::is_same_v<M, typename D::model_type>,
                  "ormc: load(): the relation is not one of the queried model's (a loading "
                  "path starts at the model the query returns)");
    std::vector<void*> related;
    detail::limited_select_in<D>(session, parents, order_, orders_, limit_, related);
    if constexpr (sizeof...(Next) > 0) {
      std::vector<target*> next;
      next.reserve(related.size());
      for (void* object : related) {
        auto* item = static_cast<target*>(object);
        bool seen = false;  // each object once, in first-seen order
        for (target* held : next) seen = seen || held == item;
        if (!seen) next.push_back(item);
      }
      (Next::template run<target>(session, std::span<target* const>(next)), ...);
    }
  }

 private:
  template <typename, typename...>
  friend class LimitedLoad;

  detail::ExprData order_;
  std::uint32_t orders_ = 0;
  std::optional<std::int64_t> limit_;
};

//! From selectin(relation).order_by(...) / .limit(n) (LoadOption's members).
template <LoadStrategy S, typename D, typename... Next>
[[nodiscard]] LimitedLoad<D, Next...> limited_load(const LoadOption<S, D, Next...>& /*option*/) {
  static_assert(S == LoadStrategy::selectin,
                "ormc: order_by() and limit() in a loading option need ormc::selectin(...)");
  static_assert(D::many,
                "ormc: order_by() and limit() in a loading option apply to collections "
                "(one-to-many, many-to-many)");
  return {};
}

template <typename T>
struct is_limited_load : std::false_type {};
template <typename D, typename... N>
struct is_limited_load<LimitedLoad<D, N...>> : std::true_type {};

//! Whether a collection holds only some of its rows (loaded with a per-parent limit).
template <typename T>
[[nodiscard]] bool is_partial(const ToMany<T>& collection) {
  return detail::RelationAccess::partial(collection);
}

}  // namespace ormc
