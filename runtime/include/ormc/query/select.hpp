// SELECT: ormc::select<User>() reads whole models; ormc::select(user::role,
// ormc::count(user::id)) reads columns and aggregates into std::tuple rows. where(),
// order_by(), group_by(), having(), limit(), offset() and distinct() follow SQL's clauses;
// select_from() and the joins name the FROM clause; the type of the statement knows every
// source it reads, so that a column of a model it does not join does not compile, and the
// columns of an outer-joined model come back as std::optional.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/expr/label.hpp"
#include "ormc/expr/order.hpp"
#include "ormc/expr/sql_writer.hpp"
#include "ormc/query/clauses.hpp"
#include "ormc/query/select_data.hpp"
#include "ormc/query/select_shape.hpp"
#include "ormc/query/source.hpp"
#include "ormc/relation.hpp"

namespace ormc {
namespace detail {

//! How a FROM source that is an object (an alias, a derived table, a CTE) enters a
//! statement; specialised next to each kind of source.
template <typename S>
struct source_traits {
  static constexpr bool is_source = false;
  static constexpr bool needs_object = false;
};

template <typename M>
requires Model<M>
struct source_traits<M> {
  static constexpr bool is_source = true;
  static constexpr bool needs_object = false;  //!< the type says everything
  static FromItem item(JoinKind kind, const M* /*none*/ = nullptr) {
    const std::string_view table(model_traits<M>::table_name);
    return FromItem{kind, table, table, nullptr, {}};
  }
  static void enter(SelectData& /*into*/, const M* /*none*/ = nullptr) {}
};

template <typename M, fixed_name N>
struct source_traits<Alias<M, N>> {
  static constexpr bool is_source = true;
  static constexpr bool needs_object = false;
  static FromItem item(JoinKind kind, const Alias<M, N>* /*none*/ = nullptr) {
    return FromItem{
        kind, std::string_view(model_traits<M>::table_name), Alias<M, N>::name, nullptr, {}};
  }
  static void enter(SelectData& /*into*/, const Alias<M, N>* /*none*/ = nullptr) {}
};

template <typename S>
concept Source = source_traits<std::remove_cvref_t<S>>::is_source;

//! The implicit FROM clause of select(items...): the items' models, in order.
template <typename... Ss>
std::vector<FromItem> from_items(model_list<Ss...> /*sources*/) {
  std::vector<FromItem> out;
  out.reserve(sizeof...(Ss));
  // A derived table or CTE is named by select_from(source): check_statement() insists.
  [[maybe_unused]] auto add = [&out]<typename S>(S* /*source*/) {
    if constexpr (!source_traits<S>::needs_object)
      out.push_back(source_traits<S>::item(JoinKind::from));
  };
  (add(static_cast<Ss*>(nullptr)), ...);
  return out;
}

template <typename Path>
struct relation_first_hop;
template <typename Hop, typename... Hops>
struct relation_first_hop<relation_path<Hop, Hops...>> {
  using type = Hop;
};

template <typename X, typename Known, bool Compound>
void append_order_item(ExprData& out, X&& x) {
  if constexpr (is_ordering<std::remove_cvref_t<X>>::value) {
    // A window function may order the rows (SQL computes windows before ORDER BY).
    static_assert(
        Compound || list_subset_v<sources_t<typename std::remove_cvref_t<X>::models>, Known>,
        "ormc: order_by() reads a model the statement does not read from");
    out.append(std::forward<X>(x).data());
  } else {
    static_assert(Expression<X>, "ormc: order_by() takes expressions, col.asc() or col.desc()");
    if constexpr (Expression<X>) {
      static_assert(Compound || list_subset_v<sources_t<expr_models_t<X>>, Known>,
                    "ormc: order_by() reads a model the statement does not read from");
      append_expr(out, std::forward<X>(x));
    }
  }
}

//! The ON condition of a join: a boolean expression over the models joined so far.
template <typename E, typename Known>
ExprData join_condition(E&& e) {
  if constexpr (Expression<E>) {
    static_assert(boolean_v<expr_value_t<E>>,
                  "ormc: a join's ON condition must be a boolean condition, not a value");
    static_assert(!has_window_v<expr_models_t<E>>,
                  "ormc: a join's ON condition cannot hold a window function: join a subquery "
                  "or CTE that selects it");
    static_assert(list_subset_v<sources_t<expr_models_t<E>>, Known>,
                  "ormc: a join's ON condition reads a model that is not joined yet: join it "
                  "first");
    ExprData out;
    append_expr(out, std::forward<E>(e));
    return out;
  } else {
    static_assert(Expression<E>,
                  "ormc: join<M>(on) takes the ON condition: join<Album>(track::AlbumId == "
                  "album::AlbumId); join(relation) derives it from the schema");
    return {};
  }
}

//! The sources that an outer join may leave missing, after joining S with `kind`.
template <JoinKind kind, typename From, typename Nullable, typename S>
using nullable_after_t = std::conditional_t<
    kind == JoinKind::left, list_union_t<Nullable, model_list<S>>,
    std::conditional_t<kind == JoinKind::right, list_union_t<Nullable, From>,
                       std::conditional_t<kind == JoinKind::full,
                                          list_union_t<Nullable, From, model_list<S>>, Nullable>>>;

//! The ON condition of one hop of a relation: from.a = to.b AND ... for each column pair.
template <const auto&... A, const auto&... B>
ExprData hop_condition(column_list<A...>* /*from*/, column_list<B...>* /*to*/,
                       std::string_view from_name, std::string_view to_name) {
  static_assert(sizeof...(A) == sizeof...(B), "ormc: a relation hop pairs its columns");
  ExprData out;
  if constexpr (sizeof...(A) > 1) {
    for (std::size_t i = 1; i < sizeof...(A); ++i) out.add_operator(Op::logical_and, 2);
  }
  // and(and(eq, eq), eq) in prefix order: the ANDs first, then each equality.
  const std::string_view from_columns[] = {A.name...};
  const std::string_view to_columns[] = {B.name...};
  for (std::size_t i = 0; i < sizeof...(A); ++i) {
    out.add_operator(Op::eq, 2);
    out.add_column(from_name, from_columns[i]);
    out.add_column(to_name, to_columns[i]);
  }
  return out;
}

template <typename Statement>
struct is_select : std::false_type {};

template <typename List>
struct any_needs_object;
template <typename... Ss>
struct any_needs_object<model_list<Ss...>>
    : std::bool_constant<(source_traits<Ss>::needs_object || ...)> {};

//! Instantiated with the sources a statement reads but neither selects from nor joins: the
//! compiler's note names them.
template <typename Missing>
struct not_joined {
  static_assert(list_size<Missing>::value == 0,
                "ormc: the select reads a model that is neither its FROM model nor joined (the "
                "model_list<...> of not_joined<...> names it): join it, or select_from() it");
  static constexpr bool value = true;
};

//! Refuses at compile time a statement that cannot run as it is: several models and no
//! join, or a model neither in FROM nor joined. `Standalone`: not a subquery, so nothing
//! may be correlated either.
template <typename Shape, typename From, typename Nullable, typename Correlated, bool Standalone>
constexpr void check_statement() {
  using traits = shape_traits<Shape, Nullable>;
  if constexpr (list_size<From>::value != 0) {
    static_assert(
        not_joined<list_minus_t<typename traits::models, list_union_t<From, Correlated>>>::value);
  }
  static_assert(list_size<From>::value != 0 || list_size<typename traits::models>::value <= 1,
                "ormc: this select reads several models and joins none of them: name the "
                "FROM model and join the others (select_from<A>().join<B>(on), "
                "join(relation)), or say cross_join<B>() for a cross product");
  if constexpr (list_size<From>::value == 0) {
    static_assert(!any_needs_object<typename traits::models>::value,
                  "ormc: a select of a derived table's or CTE's columns names it: "
                  "select_from(source)");
  }
  if constexpr (Standalone) {
    static_assert(list_size<Correlated>::value == 0,
                  "ormc: correlate<M>() is for subqueries: this statement runs on its own, "
                  "where M is not in FROM");
  }
}

}  // namespace detail

class Connection;

//! A SELECT. Shape: what a row is (detail::whole<M>, detail::items<Es...>, a compound's
//! row); From: the sources named by select_from() and the joins (none: the models of the
//! selected items); Nullable: the sources an outer join may leave missing; Correlated: the
//! sources of an enclosing statement a subquery reads (correlate<M>()).
template <typename Shape, typename From = detail::model_list<>,
          typename Nullable = detail::model_list<>, typename Correlated = detail::model_list<>>
class Select {
  using traits = detail::shape_traits<Shape, Nullable>;
  static constexpr bool compound = !traits::whole_model && !detail::is_items<Shape>::value;

 public:
  //! A row: the model (std::optional of it when an outer join may leave it missing), or a
  //! std::tuple of the items' types (std::optional where an outer join may leave the item's
  //! model missing).
  using result_type = typename traits::row;
  using shape = Shape;
  using from_models = detail::effective_from_t<Shape, From>;
  using from_models_named = From;
  using nullable_models = Nullable;
  using correlated_models = Correlated;
  //! Every source a condition of this statement may read.
  using known_models = detail::list_union_t<from_models, Correlated>;

  explicit Select(detail::SelectData data) : data_(std::move(data)) {}

  //! Adds a condition; several where() calls are joined with AND.
  template <typename E>
  Select& where(E&& condition) & {
    static_assert(!compound,
                  "ormc: where() of a union: filter its members, or select from it "
                  "as a subquery");
    detail::and_into(data_.where, detail::filter_data<E, known_models>(std::forward<E>(condition)));
    return *this;
  }
  template <typename E>
  Select&& where(E&& condition) && {
    return std::move(where(std::forward<E>(condition)));
  }

  //! Appends ORDER BY items: expressions (ascending), col.asc() / col.desc(), or labels
  //! (count(post::id).as("n")), which order by the selected item without repeating it.
  template <typename... Xs>
  Select& order_by(Xs&&... items) & {
    (detail::append_order_item<Xs, known_models, compound>(data_.order_by, std::forward<Xs>(items)),
     ...);
    return *this;
  }
  template <typename... Xs>
  Select&& order_by(Xs&&... items) && {
    return std::move(order_by(std::forward<Xs>(items)...));
  }

  template <Expression... Es>
  Select& group_by(Es&&... items) & {
    static_assert(!(detail::has_window_v<expr_models_t<Es>> || ...),
                  "ormc: group_by() cannot hold a window function (SQL computes windows after "
                  "GROUP BY): group the rows of a subquery or CTE that selects it");
    static_assert(
        (detail::list_subset_v<detail::sources_t<expr_models_t<Es>>, known_models> && ...),
        "ormc: group_by() reads a model the statement does not read from");
    (detail::append_expr(data_.group_by, std::forward<Es>(items)), ...);
    return *this;
  }
  template <Expression... Es>
  Select&& group_by(Es&&... items) && {
    return std::move(group_by(std::forward<Es>(items)...));
  }

  //! A condition on groups, usually on aggregates: having(ormc::count(post::id) > 5).
  template <typename E>
  Select& having(E&& condition) & {
    detail::and_into(data_.having,
                     detail::filter_data<E, known_models>(std::forward<E>(condition)));
    return *this;
  }
  template <typename E>
  Select&& having(E&& condition) && {
    return std::move(having(std::forward<E>(condition)));
  }

  //! LIMIT and OFFSET are bound values too, so pages share one prepared statement.
  Select& limit(std::int64_t n) & {
    data_.limit = n;
    return *this;
  }
  Select&& limit(std::int64_t n) && { return std::move(limit(n)); }
  Select& offset(std::int64_t n) & {
    data_.offset = n;
    return *this;
  }
  Select&& offset(std::int64_t n) && { return std::move(offset(n)); }

  Select& distinct() & {
    data_.distinct = true;
    return *this;
  }
  Select&& distinct() && { return std::move(distinct()); }

  //! PostgreSQL's DISTINCT ON (exprs): the first row of each group of equal exprs, in the
  //! ORDER BY's order (which must start with them). SQLite has no DISTINCT ON: running it
  //! there throws InvalidRequestError rather than run another query.
  template <Expression... Es>
  Select& distinct_on(Es&&... items) & {
    static_assert(sizeof...(Es) > 0, "ormc: distinct_on() needs at least one expression");
    static_assert(
        (detail::list_subset_v<detail::sources_t<expr_models_t<Es>>, known_models> && ...),
        "ormc: distinct_on() reads a model the statement does not read from");
    (detail::append_expr(data_.distinct_on, std::forward<Es>(items)), ...);
    return *this;
  }
  template <Expression... Es>
  Select&& distinct_on(Es&&... items) && {
    return std::move(distinct_on(std::forward<Es>(items)...));
  }

  //! SELECT ... FOR UPDATE: locks the rows read until the transaction ends (PostgreSQL).
  //! SQLite locks the whole database for a write transaction and has no FOR UPDATE:
  //! running it there throws InvalidRequestError (begin the transaction with
  //! IsolationLevel / BEGIN IMMEDIATE instead).
  Select& for_update() & {
    data_.lock = detail::LockStrength::update;
    return *this;
  }
  Select&& for_update() && { return std::move(for_update()); }
  //! FOR SHARE: other transactions may read, not change, the rows (PostgreSQL).
  Select& for_share() & {
    data_.lock = detail::LockStrength::share;
    return *this;
  }
  Select&& for_share() && { return std::move(for_share()); }
  //! With for_update() / for_share(): skip rows another transaction has locked.
  Select& skip_locked() & {
    data_.lock_wait = detail::LockWait::skip_locked;
    return *this;
  }
  Select&& skip_locked() && { return std::move(skip_locked()); }
  //! With for_update() / for_share(): fail at once (LockNotAvailable, an OperationalError)
  //! instead of waiting for another transaction's lock.
  Select& nowait() & {
    data_.lock_wait = detail::LockWait::nowait;
    return *this;
  }
  Select&& nowait() && { return std::move(nowait()); }

  // --- FROM and joins: each returns a statement of a new type (it knows more sources).

  //! Names the FROM model (or alias): select(count_all()).select_from<User>().
  template <typename S>
  [[nodiscard]] auto select_from() && {
    return std::move(*this).template add_from<S>(nullptr);
  }
  template <typename S>
  [[nodiscard]] auto select_from() const& {
    return Select(*this).template select_from<S>();
  }
  //! Names a FROM source given as an object: an alias, a derived table, a CTE.
  template <detail::Source S>
  [[nodiscard]] auto select_from(const S& source) && {
    return std::move(*this).template add_from<std::remove_cvref_t<S>>(&source);
  }
  template <detail::Source S>
  [[nodiscard]] auto select_from(const S& source) const& {
    return Select(*this).select_from(source);
  }

  //! INNER JOIN S ON condition: join<Album>(track::AlbumId == album::AlbumId).
  template <typename S, typename E>
  [[nodiscard]] auto join(E&& on) && {
    return std::move(*this).template add_join<detail::JoinKind::inner, S>(nullptr,
                                                                          std::forward<E>(on));
  }
  template <detail::Source S, typename E>
  [[nodiscard]] auto join(const S& source, E&& on) && {
    return std::move(*this).template add_join<detail::JoinKind::inner, std::remove_cvref_t<S>>(
        &source, std::forward<E>(on));
  }
  //! LEFT OUTER JOIN: S's columns come back as std::optional.
  template <typename S, typename E>
  [[nodiscard]] auto left_join(E&& on) && {
    return std::move(*this).template add_join<detail::JoinKind::left, S>(nullptr,
                                                                         std::forward<E>(on));
  }
  template <detail::Source S, typename E>
  [[nodiscard]] auto left_join(const S& source, E&& on) && {
    return std::move(*this).template add_join<detail::JoinKind::left, std::remove_cvref_t<S>>(
        &source, std::forward<E>(on));
  }
  //! RIGHT OUTER JOIN: the columns of every model joined before come back as optional.
  //! SQLite has it since 3.39; on an older one it throws InvalidRequestError.
  template <typename S, typename E>
  [[nodiscard]] auto right_join(E&& on) && {
    return std::move(*this).template add_join<detail::JoinKind::right, S>(nullptr,
                                                                          std::forward<E>(on));
  }
  template <detail::Source S, typename E>
  [[nodiscard]] auto right_join(const S& source, E&& on) && {
    return std::move(*this).template add_join<detail::JoinKind::right, std::remove_cvref_t<S>>(
        &source, std::forward<E>(on));
  }
  //! FULL OUTER JOIN: both sides' columns come back as optional (SQLite 3.39+).
  template <typename S, typename E>
  [[nodiscard]] auto full_join(E&& on) && {
    return std::move(*this).template add_join<detail::JoinKind::full, S>(nullptr,
                                                                         std::forward<E>(on));
  }
  template <detail::Source S, typename E>
  [[nodiscard]] auto full_join(const S& source, E&& on) && {
    return std::move(*this).template add_join<detail::JoinKind::full, std::remove_cvref_t<S>>(
        &source, std::forward<E>(on));
  }
  //! CROSS JOIN: every pair of rows, only when written.
  template <typename S>
  [[nodiscard]] auto cross_join() && {
    return std::move(*this).template add_join<detail::JoinKind::cross, S>(nullptr, nullptr);
  }
  template <detail::Source S>
  [[nodiscard]] auto cross_join(const S& source) && {
    return std::move(*this).template add_join<detail::JoinKind::cross, std::remove_cvref_t<S>>(
        &source, nullptr);
  }

  //! Joins along a relation of the schema, the ON clause from its foreign key: INNER for
  //! a to-one relation whose foreign key is NOT NULL, LEFT for a nullable one and for
  //! collections (a parent without children keeps its row); a many-to-many joins its
  //! association table, then the target. inner_join() / left_join() choose yourself.
  template <RelationDescriptor R>
  [[nodiscard]] auto join(const R& relation) && {
    constexpr auto kind = R::nullable ? detail::JoinKind::left : detail::JoinKind::inner;
    return std::move(*this).template join_relation<kind>(relation,
                                                         static_cast<typename R::path*>(nullptr));
  }
  template <RelationDescriptor R>
  [[nodiscard]] auto inner_join(const R& relation) && {
    return std::move(*this).template join_relation<detail::JoinKind::inner>(
        relation, static_cast<typename R::path*>(nullptr));
  }
  template <RelationDescriptor R>
  [[nodiscard]] auto left_join(const R& relation) && {
    return std::move(*this).template join_relation<detail::JoinKind::left>(
        relation, static_cast<typename R::path*>(nullptr));
  }
  //! Joins a one-hop relation's target under an alias: the self-join
  //! join(employee::manager, manager) for manager = ormc::alias<Employee, "manager">.
  template <RelationDescriptor R, typename M, fixed_name N>
  [[nodiscard]] auto join(const R& relation, const Alias<M, N>& target) && {
    constexpr auto kind = R::nullable ? detail::JoinKind::left : detail::JoinKind::inner;
    return std::move(*this).template join_relation_as<kind>(relation, target);
  }
  template <RelationDescriptor R, typename M, fixed_name N>
  [[nodiscard]] auto inner_join(const R& relation, const Alias<M, N>& target) && {
    return std::move(*this).template join_relation_as<detail::JoinKind::inner>(relation, target);
  }
  template <RelationDescriptor R, typename M, fixed_name N>
  [[nodiscard]] auto left_join(const R& relation, const Alias<M, N>& target) && {
    return std::move(*this).template join_relation_as<detail::JoinKind::left>(relation, target);
  }

  //! In a subquery: lets its conditions read the enclosing statement's sources Ss
  //! (exists(select(post::id).correlate<User>().where(post::author_id == user::id))).
  template <typename... Ss>
  [[nodiscard]] auto correlate() && {
    using Next =
        Select<Shape, From, Nullable, detail::list_union_t<Correlated, detail::model_list<Ss...>>>;
    return Next(std::move(data_));
  }

  //! A one-column select used as a value, named in a select list: select(user::name,
  //! select(count(post::id)).correlate<User>().where(...).as("posts")).
  template <std::size_t N>
  [[nodiscard]] auto as(const char (&label)[N]) const& {
    return expr_label(*this, label);
  }

  //! Rows read into the aggregate T by position, checked at compile time:
  //! select(album::Title, count(track::TrackId)).into<AlbumSize>().all(conn)
  //! (ormc/query/into.hpp).
  template <typename T>
  [[nodiscard]] auto into() const&;
  template <typename T>
  [[nodiscard]] auto into() &&;

  //! This statement as a derived table named Name: (SELECT ...) AS "Name", to select from
  //! or join, with typed columns s.col<I>() (ormc/query/subquery.hpp).
  template <fixed_name Name>
  [[nodiscard]] auto subquery() const;
  //! This statement as a common table expression named Name: WITH "Name" AS (SELECT ...).
  template <fixed_name Name>
  [[nodiscard]] auto cte() const;

  [[nodiscard]] RenderedStatement render(const Dialect& dialect) const {
    detail::check_statement<Shape, From, Nullable, Correlated, true>();
    return detail::render_select(data_, dialect);
  }

  // Running it (defined in ormc/query/execute.hpp, which ormc/query.hpp includes).
  //! Every row: std::vector<Row>.
  [[nodiscard]] auto all(Connection& connection) const;
  //! The first row or std::nullopt; adds LIMIT 1 when there is no limit.
  [[nodiscard]] auto first(Connection& connection) const;
  //! Exactly one row: NoResultFound for none, MultipleResultsFound for more.
  [[nodiscard]] auto one(Connection& connection) const;
  //! At most one row: std::nullopt for none, MultipleResultsFound for more.
  [[nodiscard]] auto one_or_none(Connection& connection) const;
  //! The first column of the first row (select(ormc::count(user::id)).scalar(conn));
  //! NoResultFound when there is no row.
  [[nodiscard]] auto scalar(Connection& connection) const;
  //! The first column of every row: std::vector of its type.
  [[nodiscard]] auto scalars(Connection& connection) const;
  [[nodiscard]] const detail::SelectData& data() const { return data_; }
  [[nodiscard]] detail::SelectData&& take_data() && { return std::move(data_); }

 private:
  template <typename, typename, typename, typename>
  friend class Select;

  //! The FROM model a join starts from when the statement names none: the first model of
  //! the selected items that is not the joined one (select(track::Name, album::Title)
  //! .join<Album>(...) reads FROM Track).
  template <typename S>
  using from_before_join_t = std::conditional_t<
      detail::list_size<From>::value != 0, From,
      detail::model_list<typename detail::list_first_other<typename traits::models, S>::type>>;

  //! Drops the implicit FROM of select(items...) for the one the caller names.
  void start_from() {
    if (data_.implicit_from) {
      data_.from.clear();
      data_.implicit_from = false;
    }
  }

  template <typename S>
  auto add_from(const S* source) && {
    using Src = std::remove_cvref_t<S>;
    static_assert(detail::source_traits<Src>::is_source,
                  "ormc: select_from<S>() takes a model, an alias, a derived table or a CTE");
    static_assert(detail::list_size<From>::value == 0,
                  "ormc: select_from() names the FROM source once: add the others with "
                  "join(), or cross_join() for a cross product");
    static_assert(!compound, "ormc: select_from() of a union: select from it as a subquery");
    start_from();
    data_.from.push_back(detail::source_traits<Src>::item(detail::JoinKind::from, source));
    detail::source_traits<Src>::enter(data_, source);
    using Next = Select<Shape, detail::model_list<Src>, Nullable, Correlated>;
    return Next(std::move(data_));
  }

  template <detail::JoinKind kind, typename S, typename E>
  auto add_join(const S* source, E&& on) && {
    using Src = std::remove_cvref_t<S>;
    static_assert(detail::source_traits<Src>::is_source,
                  "ormc: join<S>() takes a model, an alias, a derived table or a CTE");
    static_assert(!compound, "ormc: a join of a union: select from it as a subquery");
    using Before = from_before_join_t<Src>;
    static_assert(!std::is_same_v<Before, detail::model_list<void>>,
                  "ormc: join(): the statement has no FROM model yet: start with "
                  "select_from<M>()");
    static_assert(!detail::list_contains<Src, Before>::value,
                  "ormc: join(): the statement reads this model already: join an alias of it "
                  "(ormc::alias<M, \"name\">) for a second occurrence");
    using After = typename detail::list_add<Before, Src>::type;
    using NextNullable = detail::nullable_after_t<kind, Before, Nullable, Src>;
    detail::ExprData condition;
    if constexpr (kind != detail::JoinKind::cross) {
      condition =
          detail::join_condition<E, detail::list_union_t<After, Correlated>>(std::forward<E>(on));
    }
    if constexpr (detail::list_size<From>::value == 0) {
      // The implicit FROM of select(items...): the first item's model starts the joins.
      using First = typename detail::list_first_other<typename traits::models, Src>::type;
      static_assert(!detail::source_traits<First>::needs_object,
                    "ormc: join(): name the derived table or CTE the select starts from with "
                    "select_from(source) first");
      start_from();
      if constexpr (!detail::source_traits<First>::needs_object) {
        data_.from.push_back(detail::source_traits<First>::item(detail::JoinKind::from));
      }
    }
    detail::FromItem item = detail::source_traits<Src>::item(kind, source);
    item.on = std::move(condition);
    data_.from.push_back(std::move(item));
    detail::source_traits<Src>::enter(data_, source);
    using Next = Select<Shape, After, NextNullable, Correlated>;
    return Next(std::move(data_));
  }

  template <detail::JoinKind kind, typename R, typename Hop, typename... Hops>
  auto join_relation(const R& /*relation*/, relation_path<Hop, Hops...>* /*path*/) && {
    using M = typename R::model_type;
    using From0 = from_before_join_t<typename Hop::target>;
    static_assert(detail::list_contains<M, From0>::value,
                  "ormc: join(relation): the relation's model is not in the statement: select "
                  "from it (select_from<M>()) or join it first");
    return std::move(*this).template join_hops<kind, M>(
        static_cast<relation_path<Hop, Hops...>*>(nullptr));
  }

  template <detail::JoinKind kind, typename Prev, typename Hop, typename... Hops>
  auto join_hops(relation_path<Hop, Hops...>* /*path*/) && {
    using To = typename Hop::target;
    detail::ExprData on = detail::hop_condition(static_cast<typename Hop::from_columns*>(nullptr),
                                                static_cast<typename Hop::to_columns*>(nullptr),
                                                std::string_view(model_traits<Prev>::table_name),
                                                std::string_view(model_traits<To>::table_name));
    auto next = std::move(*this).template add_join<kind, To>(
        nullptr, detail::make_expr<bool, detail::model_list<Prev, To>>(std::move(on)));
    if constexpr (sizeof...(Hops) == 0) {
      return next;
    } else {
      return std::move(next).template join_hops<kind, To>(
          static_cast<relation_path<Hops...>*>(nullptr));
    }
  }

  template <detail::JoinKind kind, typename R, typename M, fixed_name N>
  auto join_relation_as(const R& /*relation*/, const Alias<M, N>& target) && {
    static_assert(R::path::size == 1,
                  "ormc: join(relation, alias): a many-to-many relation joins two tables; "
                  "join its association table and target yourself");
    static_assert(std::is_same_v<M, typename R::target_type>,
                  "ormc: join(relation, alias): the alias must be of the relation's target model");
    using Hop = typename detail::relation_first_hop<typename R::path>::type;
    using Prev = typename R::model_type;
    detail::ExprData on =
        detail::hop_condition(static_cast<typename Hop::from_columns*>(nullptr),
                              static_cast<typename Hop::to_columns*>(nullptr),
                              std::string_view(model_traits<Prev>::table_name), Alias<M, N>::name);
    return std::move(*this).template add_join<kind, Alias<M, N>>(
        &target, detail::make_expr<bool, detail::model_list<Prev, Alias<M, N>>>(std::move(on)));
  }

  detail::SelectData data_;
};

namespace detail {

template <typename Shape, typename From, typename Nullable, typename Correlated>
struct is_select<Select<Shape, From, Nullable, Correlated>> : std::true_type {};

}  // namespace detail

template <typename S>
concept SelectStatement = detail::is_select<std::remove_cvref_t<S>>::value;

//! SELECT every column of M; rows are M objects. FROM M, unless select_from() names
//! another source, which then joins M; rows are std::optional<M> when an outer join may
//! leave M missing (a row whose key columns are all NULL is std::nullopt).
template <Model M>
[[nodiscard]] Select<detail::whole<M>> select() {
  detail::SelectData data;
  detail::append_all_columns<M>(data.columns);
  data.from.push_back(detail::source_traits<M>::item(detail::JoinKind::from));
  data.implicit_from = true;
  return Select<detail::whole<M>>(std::move(data));
}

//! SELECT the given columns, expressions and aggregates; rows are std::tuple of their
//! types, e.g. std::tuple<Role, std::int64_t, std::optional<double>>.
template <Expression... Es>
[[nodiscard]] auto select(Es&&... items) {
  static_assert(sizeof...(Es) > 0, "ormc: select() needs a column, or select<Model>()");
  using Models = detail::sources_t<detail::list_union_t<expr_models_t<Es>...>>;
  detail::SelectData data;
  data.columns = detail::expression_list(std::forward<Es>(items)...);
  data.from = detail::from_items(Models{});
  data.implicit_from = true;
  return Select<detail::items<std::remove_cvref_t<Es>...>>(std::move(data));
}

}  // namespace ormc
