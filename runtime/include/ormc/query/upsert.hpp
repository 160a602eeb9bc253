// Upsert: insert<User>().values(u).on_conflict(user::email).do_update(user::username)
// renders ON CONFLICT ("email") DO UPDATE SET "username" = excluded."username";
// do_nothing() renders DO NOTHING. do_update() takes columns (set from the row that was
// proposed) and ormc::set(col, expr) assignments, which may use ormc::excluded(col).
#pragma once

#include <type_traits>
#include <utility>

#include "ormc/expr/assignment.hpp"
#include "ormc/query/insert.hpp"

namespace ormc {

template <Model M, typename Returning, bool HasTarget>
class OnConflict {
 public:
  explicit OnConflict(Insert<M, Returning> insert) : insert_(std::move(insert)) {}

  //! ON CONFLICT ... DO NOTHING: the conflicting rows are skipped.
  [[nodiscard]] Insert<M, Returning> do_nothing() && {
    insert_.data().conflict.action = detail::ConflictData::Action::nothing;
    return std::move(insert_);
  }

  //! ON CONFLICT (target) DO UPDATE SET ...: each item is a column of M (set to the
  //! proposed value, excluded."col") or an ormc::set(col, value-or-expression).
  template <typename... Items>
  [[nodiscard]] Insert<M, Returning> do_update(Items&&... items) && {
    static_assert(HasTarget,
                  "ormc: do_update() needs the conflict target: on_conflict(user::email)");
    static_assert(sizeof...(Items) > 0, "ormc: do_update() needs at least one column to set");
    detail::ConflictData& conflict = insert_.data().conflict;
    conflict.action = detail::ConflictData::Action::update;
    (add(conflict, std::forward<Items>(items)), ...);
    return std::move(insert_);
  }

 private:
  template <typename Item>
  static void add(detail::ConflictData& conflict, Item&& item) {
    using I = std::remove_cvref_t<Item>;
    if constexpr (detail::is_assignment<I>::value) {
      static_assert(std::is_same_v<typename I::model_type, M>,
                    "ormc: do_update() sets a column of another model than the insert's");
      conflict.set_columns.push_back(item.column);
      conflict.set_values.append(std::forward<Item>(item).value);
    } else {
      static_assert(ColumnDescriptor<I>,
                    "ormc: do_update() takes columns and ormc::set(column, value) assignments");
      if constexpr (ColumnDescriptor<I>) {
        static_assert(std::is_same_v<typename I::model_type, M>,
                      "ormc: do_update() sets a column of another model than the insert's");
        conflict.set_columns.push_back(item.name);
        conflict.set_values.append(excluded(item).data());
      }
    }
  }

  Insert<M, Returning> insert_;
};

}  // namespace ormc
