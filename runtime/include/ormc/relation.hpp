// Relation descriptors: what generated code says about each relation a schema declares
// (`album -> Album? by(AlbumId) back(tracks)`), as types, so that a statement can join
// along it (select(...).select_from<Track>().join(track::album)) with the ON clause derived
// from the foreign key, and the relationships of the Session can load it.
//
// A relation is a path of one hop (many-to-one, one-to-many, one-to-one) or two hops (a
// many-to-many through its association table). Each hop joins one model on column pairs:
// the previous model's columns equal to the joined model's columns, in order.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "ormc/model.hpp"

namespace ormc {

enum class RelationKind : unsigned char { many_to_one, one_to_many, one_to_one, many_to_many };

//! How the Session loads a relation: the schema's load(...), or a query's option.
//! raise_on_sql is an option only: like raise, but a many-to-one whose target the session
//! holds reads it (no SQL needed).
enum class LoadStrategy : unsigned char {
  lazy,
  joined,
  selectin,
  subquery,
  raise,
  noload,
  raise_on_sql
};

//! The schema's cascade(...): which Session operations on M reach the related objects
//! (SQLAlchemy's cascades; `all` is save_update, merge, refresh_expire, expunge, delete).
struct RelationCascade {
  bool save_update = true;
  bool merge = true;
  bool expunge = false;
  bool delete_ = false;
  bool delete_orphan = false;
  bool refresh_expire = false;
};

//! The database's ON DELETE action of the foreign key behind a relation (the schema's
//! on_delete(...)): with cascade or set_null, the Session leaves the related rows it has not
//! loaded to the database when their parent is deleted (SQLAlchemy's passive_deletes).
enum class OnDelete : unsigned char { no_action, restrict, cascade, set_null, set_default };

//! One hop of a relation's join path: join model To ON From's columns `From` equal To's
//! columns `To`, pairwise. Both are column_list packs of the same length.
template <typename To, typename FromColumns, typename ToColumns>
struct RelationHop {
  using target = To;
  using from_columns = FromColumns;
  using to_columns = ToColumns;
};

template <typename... Hops>
struct relation_path {
  static constexpr std::size_t size = sizeof...(Hops);
};

//! The relation of model M named `name`, reaching model Target along Path (a relation_path
//! of RelationHop). `Nullable`: the joined rows may be missing (a to-one relation whose
//! foreign key may be NULL, or any collection), so an automatic join is a LEFT JOIN;
//! otherwise an INNER JOIN loses no row of M. `Member`: the struct's handle for it
//! (&Post::author, an ormc::ToOne or ToMany; ormc/relationship.hpp), or nullptr for a
//! relation that is only joined along. `OwnsKey`: M holds the foreign key (every
//! many-to-one, and the side of a one-to-one that says by(...)).
template <typename M, typename Target, RelationKind Kind, bool Nullable, typename Path,
          auto Member = nullptr, bool OwnsKey = Kind == RelationKind::many_to_one>
struct Relation {
  using model_type = M;
  using target_type = Target;
  using path = Path;
  static constexpr RelationKind kind = Kind;
  static constexpr bool nullable = Nullable;
  static constexpr bool many =
      Kind == RelationKind::one_to_many || Kind == RelationKind::many_to_many;
  static constexpr auto member = Member;
  static constexpr bool owns_key = OwnsKey;

  std::string_view name;         //!< the relation's name in the schema: "album"
  std::string_view back_name{};  //!< the inverse relation's name on Target, or empty
  RelationCascade cascade{};
  LoadStrategy load = LoadStrategy::lazy;
  //! The ON DELETE of the foreign key: the relation's own (many-to-one), its target's
  //! (one-to-many, inverse one-to-one) or the association table's key to M (many-to-many).
  OnDelete on_delete = OnDelete::no_action;

  // Conditions through the relation, for where(): EXISTS over the related rows. Defined in
  // ormc/query/relation_exists.hpp (which ormc/query.hpp and ormc/session.hpp include); the
  // calls are dependent, found by argument-dependent lookup where they are used, so that
  // this header stays light.
  //! A collection: some related object matches (user::posts.any(post::title == "x")).
  template <typename C>
  [[nodiscard]] auto any(C&& condition) const {
    return relation_any(*this, static_cast<C&&>(condition));
  }
  //! A collection: it has a related object at all.
  [[nodiscard]] auto any() const { return relation_any(*this); }
  //! A to-one relation: the related object exists and matches (post::author.has(...)).
  template <typename C>
  [[nodiscard]] auto has(C&& condition) const {
    return relation_has(*this, static_cast<C&&>(condition));
  }
  //! A to-one relation: it names an object.
  [[nodiscard]] auto has() const { return relation_has(*this); }
};

//! Every relation of a model, as model_traits<M>::relations: a pack of references to the
//! relation descriptors, like column_list.
template <const auto&... R>
struct relation_list {
  static constexpr std::size_t size = sizeof...(R);
};

namespace detail {
template <typename M>
struct relations_of {
  using type = relation_list<>;
};
template <typename M>
requires requires { typename model_traits<M>::relations; }
struct relations_of<M> {
  using type = typename model_traits<M>::relations;
};
}  // namespace detail

//! Every relation of M (an empty list for a model that has none).
template <typename M>
using relations_t = typename detail::relations_of<M>::type;
template <typename M>
inline constexpr std::size_t relation_count = relations_t<M>::size;
//! Whether M has relations (its objects then carry relation handles).
template <typename M>
inline constexpr bool has_relations = relation_count<M> != 0;

template <typename R>
struct is_relation : std::false_type {};
template <typename M, typename T, RelationKind K, bool N, typename P, auto Member, bool Owns>
struct is_relation<Relation<M, T, K, N, P, Member, Owns>> : std::true_type {};

template <typename R>
concept RelationDescriptor = is_relation<std::remove_cvref_t<R>>::value;

}  // namespace ormc
