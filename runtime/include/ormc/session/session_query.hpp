// SessionQuery<M>: session.query<User>(), the Core select<User>() with where / order_by /
// limit / offset / distinct, whose rows come back as the session's objects (one per
// primary key, through the identity map). Included by ormc/session.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ormc/error.hpp"
#include "ormc/expr.hpp"  // where() conditions: user::age > 25
#include "ormc/query/relation_exists.hpp"
#include "ormc/query/select.hpp"
#include "ormc/result.hpp"
#include "ormc/row.hpp"
#include "ormc/session/limited_load.hpp"
#include "ormc/session/load_options.hpp"
#include "ormc/session/model_map.hpp"
#include "ormc/statement.hpp"

namespace ormc {

class Session;

template <Model M, typename Core>
class SessionQuery {
  //! The Core select: select<M>(), or with the joins join() added.
  using select_type = std::conditional_t<std::is_void_v<Core>, decltype(select<M>()), Core>;

 public:
  explicit SessionQuery(Session& session) : session_(&session), select_(select<M>()) {}

  //! Joins along a relation, as the Core select's join(relation) does: where() may then
  //! read the joined model, and ormc::contains_eager(relation) fills the relation from the
  //! joined rows. The rows are still M's objects (a to-many join repeats them, as in SQL,
  //! unless contains_eager reads it).
  template <RelationDescriptor R>
  [[nodiscard]] auto join(const R& relation) const {
    return with_statement(select_type(select_).join(relation));
  }
  template <RelationDescriptor R>
  [[nodiscard]] auto inner_join(const R& relation) const {
    return with_statement(select_type(select_).inner_join(relation));
  }
  template <RelationDescriptor R>
  [[nodiscard]] auto left_join(const R& relation) const {
    return with_statement(select_type(select_).left_join(relation));
  }

  template <typename E>
  SessionQuery& where(E&& condition) {
    select_.where(std::forward<E>(condition));
    return *this;
  }
  template <typename... Xs>
  SessionQuery& order_by(Xs&&... items) {
    select_.order_by(std::forward<Xs>(items)...);
    return *this;
  }
  SessionQuery& limit(std::int64_t n) {
    select_.limit(n);
    return *this;
  }
  SessionQuery& offset(std::int64_t n) {
    select_.offset(n);
    return *this;
  }
  SessionQuery& distinct() {
    select_.distinct();
    return *this;
  }
  //! Loads relations of the objects the query returns, as the options say (joined in its
  //! statement; selectin, subquery, raise, noload, lazy after it;
  //! ormc/session/load_options.hpp).
  template <typename... Options>
  SessionQuery& load(Options... options) {
    static_assert(((is_load_option<Options>::value || is_contains_eager<Options>::value ||
                    is_limited_load<Options>::value) &&
                   ...),
                  "ormc: load() takes loading options: ormc::selectin(relation), ...");
    (add_any_option(std::move(options)), ...);
    return *this;
  }

  [[nodiscard]] std::vector<std::reference_wrapper<M>> all() {
    std::vector<std::reference_wrapper<M>> objects;
    fetch(select_.data(), static_cast<std::size_t>(-1), objects);
    return objects;
  }

  //! The first object, or nullptr (adds LIMIT 1).
  [[nodiscard]] M* first() {
    auto limited = select_;
    limited.limit(1);
    std::vector<std::reference_wrapper<M>> objects;
    fetch(limited.data(), 1, objects);
    return objects.empty() ? nullptr : &objects.front().get();
  }

  //! Exactly one object: NoResultFound / MultipleResultsFound otherwise.
  [[nodiscard]] M& one() {
    M* found = one_or_none();
    if (found == nullptr) {
      throw NoResultFound("one(): no " + std::string(model_traits<M>::model_name) +
                          " matches the query");
    }
    return *found;
  }

  //! The object, nullptr when there is none, MultipleResultsFound when there are several.
  [[nodiscard]] M* one_or_none() {
    auto limited = select_;
    limited.limit(2);
    std::vector<std::reference_wrapper<M>> objects;
    fetch(limited.data(), 2, objects);  // as SQLAlchemy, both rows join the session
    if (objects.size() > 1) {
      throw MultipleResultsFound("one_or_none(): several " +
                                 std::string(model_traits<M>::model_name) +
                                 " rows match the query");
    }
    return objects.empty() ? nullptr : &objects.front().get();
  }

  //! How many rows the query matches (limit and offset included).
  [[nodiscard]] std::int64_t count() {
    RenderedStatement statement = select_.render(dialect());
    statement.sql = "SELECT count(*) FROM (" + statement.sql + ") AS ormc_count";
    session_->autoflush();
    Statement prepared = session_->connection().prepare(statement.sql);
    prepared.bind_values(statement.values);
    Result result = prepared.query();
    std::int64_t count = 0;
    if (result.next()) count = result.row().template get<std::int64_t>(0);
    while (result.next()) {
    }
    return count;
  }

  [[nodiscard]] bool exists() {
    auto limited = select_;
    limited.limit(1);
    return rows_of(limited.render(dialect())) > 0;
  }

 private:
  using Loader = void (*)(Session&, std::span<M* const>);
  //! A subquery option: loads for the objects the statement (its argument) returned.
  using SubqueryLoader = void (*)(Session&, std::span<M* const>, const detail::SelectData&, bool);
  //! A joined option: how it changes the statement and reads its columns of a row.
  struct Join {
    void (*add)(detail::SelectData&, detail::JoinNames&);
    //! Reads the option's columns from the given one on; returns the column after them.
    int (*read)(Session&, const Row&, int, M*, detail::JoinedRows&);
    Loader after;  //!< the options under it that are not joined, or nullptr
    bool many;     //!< its rows repeat per object of a collection on its path
    //! contains_eager: the query's own join, which stays in its statement under LIMIT.
    bool from_query = false;
  };

  [[nodiscard]] const Dialect& dialect() { return session_->connection().dialect(); }

  //! A joined option as the statement builder and the row reader use it.
  template <typename Option>
  static Join join_of() {
    Loader after = nullptr;
    if constexpr (Option::runs_after_join) after = &Option::template run_after_join<M>;
    return {&add_join_from_root<Option>, &Option::template read_joined<M>, after,
            Option::multiplies_rows};
  }
  template <typename Option>
  static void add_join_from_root(detail::SelectData& data, detail::JoinNames& names) {
    Option::template add_join<M>(data, names, model_traits<M>::table_name, true);
  }

  template <Model, typename>
  friend class SessionQuery;

  SessionQuery(Session& session, select_type statement)
      : session_(&session), select_(std::move(statement)) {}

  //! This query with the joined statement `statement`, and the same options.
  template <typename S>
  auto with_statement(S&& statement) const {
    SessionQuery<M, std::remove_cvref_t<S>> next(*session_, std::forward<S>(statement));
    next.loaders_ = loaders_;
    for (const Join& join : joins_) {
      next.joins_.push_back({join.add, join.read, join.after, join.many, join.from_query});
    }
    next.optioned_ = optioned_;
    next.subqueries_ = subqueries_;
    next.limited_loaders_ = limited_loaders_;
    return next;
  }

  template <typename Option>
  void add_any_option(Option option) {
    if constexpr (is_load_option<Option>::value) {
      add_option<Option>();
    } else if constexpr (is_contains_eager<Option>::value) {
      using D = typename Option::descriptor;
      static_assert(
          detail::list_contains<typename D::target_type, typename select_type::from_models>::value,
          "ormc: contains_eager(relation): the query must join the relation's target itself "
          "first: session.query<M>().join(relation).load(ormc::contains_eager(relation))");
      optioned_.push_back(detail::relation_index<D>);
      Join join = join_of<LoadOption<LoadStrategy::joined, D>>();
      join.add = &Option::template add_columns<M>;
      join.from_query = true;
      joins_.push_back(join);
    } else {
      optioned_.push_back(detail::relation_index<typename Option::descriptor>);
      limited_loaders_.emplace_back(
          [limited = std::move(option)](Session& session, std::span<M* const> parents) {
            limited.template run<M>(session, parents);
          });
    }
  }

  template <typename Option>
  void add_option() {
    using D = typename Option::descriptor;
    optioned_.push_back(detail::relation_index<D>);
    if constexpr (Option::strategy == LoadStrategy::joined) {
      joins_.push_back(join_of<Option>());
    } else if constexpr (Option::strategy == LoadStrategy::subquery) {
      subqueries_.push_back(&Option::template run_subquery<M>);
    } else {
      loaders_.push_back(&Option::template run<M>);
    }
  }

  //! Autoflushes, runs the statement and takes up to `limit` of its rows as objects.
  void fetch(const detail::SelectData& query, std::size_t limit,
             std::vector<std::reference_wrapper<M>>& out) {
    // A subquery load repeats the statement: under LIMIT or OFFSET both take M's key as
    // the last ORDER BY item, so that both pick the same rows (SQLAlchemy's documented
    // subqueryload bug is a LIMIT without a total order).
    detail::SelectData ordered;
    const bool repeated = !subqueries_.empty() || detail::has_subquery_default<M>();
    if (repeated && (query.limit.has_value() || query.offset.has_value())) {
      ordered = query;
      detail::append_key_order<M>(ordered.order_by);
    }
    const detail::SelectData& statement = ordered.from.empty() ? query : ordered;
    session_->autoflush();
    if (detail::LoadTracker* tracker = session_->load_tracker()) tracker->begin_query();
    const std::size_t first = out.size();
    std::vector<Join> joins = joins_;
    add_default_joins(static_cast<relations_t<M>*>(nullptr), joins);
    // contains_eager's tables first: they are the query's own joins, under their own names.
    std::stable_partition(joins.begin(), joins.end(), [](const Join& j) { return j.from_query; });
    if (joins.empty()) {
      RenderedStatement rendered = detail::render_select(statement, dialect());
      Statement prepared = session_->connection().prepare(rendered.sql);
      prepared.bind_values(rendered.values);
      Result result = prepared.query();
      detail::SessionModel<M>::load(*session_, result, limit, out);
    } else {
      fetch_joined(statement, joins, out);
    }
    if (out.size() == first) return;
    track(out, first);
    bool after_joins = false;
    for (const Join& join : joins) after_joins = after_joins || join.after != nullptr;
    if (loaders_.empty() && subqueries_.empty() && limited_loaders_.empty() && !after_joins &&
        !detail::has_eager_default<M>() && !detail::has_subquery_default<M>()) {
      return;
    }
    std::vector<M*> objects;
    objects.reserve(out.size() - first);
    for (std::size_t i = first; i < out.size(); ++i) objects.push_back(&out[i].get());
    for (const Join& join : joins) {
      if (join.after != nullptr) join.after(*session_, objects);
    }
    for (Loader loader : loaders_) loader(*session_, objects);
    for (SubqueryLoader loader : subqueries_) loader(*session_, objects, statement, true);
    for (const auto& loader : limited_loaders_) loader(*session_, objects);
    if constexpr (detail::has_eager_default<M>()) {
      detail::SessionModel<M>::load_defaults(*session_, objects, optioned_);
    }
    if constexpr (detail::has_subquery_default<M>()) {
      detail::SessionModel<M>::load_subquery_defaults(*session_, objects, optioned_, statement);
    }
  }

  //! The relations whose schema says load(joined), unless an option names them: joined in
  //! every query of M (a relation of M to itself under an alias).
  template <const auto&... R>
  void add_default_joins(relation_list<R...>* /*unused*/, std::vector<Join>& out) const {
    (add_default_join<R>(out), ...);
  }
  template <const auto& R>
  void add_default_join(std::vector<Join>& out) const {
    using D = std::remove_cvref_t<decltype(R)>;
    if constexpr (R.load == LoadStrategy::joined && D::member != nullptr) {
      const std::size_t index = detail::relation_index<D>;
      for (std::size_t named : optioned_) {
        if (named == index) return;
      }
      out.push_back(join_of<LoadOption<LoadStrategy::joined, D>>());
    }
  }

  //! One statement for the objects and their joined relations: each object once, in the
  //! order of its first row. A collection repeats its object's row per related row, which
  //! LIMIT and OFFSET would count: with them the query is wrapped as a derived table that
  //! the joins follow (detail::wrap_limited), so they count objects.
  void fetch_joined(const detail::SelectData& statement, const std::vector<Join>& joins,
                    std::vector<std::reference_wrapper<M>>& out) {
    bool many = false;
    bool from_query = false;
    for (const Join& join : joins) {
      many = many || (join.many && !join.from_query);
      from_query = from_query || join.from_query;
    }
    const bool limited = statement.limit.has_value() || statement.offset.has_value();
    if (limited && many && from_query) {
      // The wrap would hide the query's own join (contains_eager's columns) inside the
      // derived table; without it LIMIT would count the joined collection's rows.
      throw InvalidRequestError(
          "ormc: a joined collection under LIMIT/OFFSET beside contains_eager(): LIMIT would "
          "count the collection's rows; load that collection with ormc::selectin instead");
    }
    detail::SelectData with_joins =
        limited && many ? detail::wrap_limited<M>(statement) : statement;
    detail::JoinNames names(model_traits<M>::table_name);
    for (const Join& join : joins) join.add(with_joins, names);
    RenderedStatement rendered = detail::render_select(with_joins, dialect());
    Statement prepared = session_->connection().prepare(rendered.sql);
    prepared.bind_values(rendered.values);
    Result result = prepared.query();
    detail::JoinedRows rows;
    std::unordered_map<const M*, bool> seen;
    while (result.next()) {
      const Row& row = result.row();
      M* parent = detail::SessionModel<M>::take_row(*session_, row, 0);
      if (parent == nullptr) continue;
      if (seen.try_emplace(parent, true).second) out.emplace_back(*parent);
      int column = static_cast<int>(model_column_count<M>);
      for (const Join& join : joins) column = join.read(*session_, row, column, parent, rows);
    }
  }

  //! Strict or batched lazy loading: the objects from `first` on were read together.
  void track(const std::vector<std::reference_wrapper<M>>& out, std::size_t first) {
    if (session_->load_tracker() == nullptr || out.size() - first < 2) return;
    std::vector<M*> objects;
    objects.reserve(out.size() - first);
    for (std::size_t i = first; i < out.size(); ++i) objects.push_back(&out[i].get());
    detail::SessionModel<M>::track_result(*session_, objects);
  }

  //! Autoflushes and counts the statement's rows.
  std::size_t rows_of(const RenderedStatement& statement) {
    session_->autoflush();
    Statement prepared = session_->connection().prepare(statement.sql);
    prepared.bind_values(statement.values);
    Result result = prepared.query();
    std::size_t rows = 0;
    while (result.next()) ++rows;
    return rows;
  }

  Session* session_;
  select_type select_;
  std::vector<Loader> loaders_;
  //! Options with state (a per-parent limit), run after loaders_.
  std::vector<std::function<void(Session&, std::span<M* const>)>> limited_loaders_;
  std::vector<SubqueryLoader> subqueries_;
  std::vector<Join> joins_;
  std::vector<std::size_t> optioned_;  //!< the relations a load() option names
};

template <Model M>
std::vector<std::reference_wrapper<M>> Session::from_statement(std::string_view sql,
                                                               const Params& params) {
  check_usable();
  autoflush();
  // The columns by name, in M's order, whatever order the caller's SQL has them in.
  const Dialect& dialect = connection().dialect();
  std::string wrapped = "SELECT ";
  bool first = true;
  for_each_column<M>([&](const auto& column) {
    if (!first) wrapped += ", ";
    first = false;
    dialect.append_identifier(wrapped, column.name);
  });
  wrapped += " FROM (";
  wrapped += sql;
  wrapped += ") AS ormc_statement";
  std::vector<const Value*> values;
  Statement prepared = connection().prepare_named(wrapped, params, values);
  Result result = prepared.query();
  std::vector<std::reference_wrapper<M>> objects;
  detail::SessionModel<M>::load(*this, result, static_cast<std::size_t>(-1), objects);
  if (load_tracker() != nullptr && objects.size() > 1) {  // strict or batched lazy loading
    std::vector<M*> read;
    read.reserve(objects.size());
    for (M& object : objects) read.push_back(&object);
    detail::SessionModel<M>::track_result(*this, read);
  }
  return objects;
}

}  // namespace ormc
