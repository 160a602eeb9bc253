// DELETE: ormc::delete_from<User>().where(user::is_active == false). Deleting every row
// must be said: .all_rows(); rendering or executing a delete with neither does not compile.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "ormc/expr/sql_writer.hpp"
#include "ormc/query/clauses.hpp"

namespace ormc {

class Connection;

namespace detail {

struct DeleteData {
  std::string_view table;
  ExprData where;
  bool all_rows = false;
  ExprData returning;
};

[[nodiscard]] RenderedStatement render_delete(const DeleteData& remove, const Dialect& dialect);

}  // namespace detail

template <Model M, bool Filtered = false, typename Returning = void>
class Delete {
 public:
  using result_type = Returning;

  Delete() { data_.table = model_traits<M>::table_name; }
  explicit Delete(detail::DeleteData data) : data_(std::move(data)) {}

  //! Restricts the rows; several where() calls are joined with AND.
  template <typename E>
  [[nodiscard]] auto where(E&& condition) && {
    detail::and_into(data_.where,
                     detail::filter_data<E, detail::model_list<M>>(std::forward<E>(condition)));
    return Delete<M, true, Returning>(std::move(data_));
  }
  template <typename E>
  [[nodiscard]] auto where(E&& condition) const& {
    return Delete(*this).where(std::forward<E>(condition));
  }

  //! Says that every row of the table is to be deleted.
  [[nodiscard]] auto all_rows() && {
    data_.all_rows = true;
    return Delete<M, true, Returning>(std::move(data_));
  }

  template <Expression... Es>
  [[nodiscard]] auto returning(Es&&... items) && {
    data_.returning = detail::returning_data<M>(std::forward<Es>(items)...);
    return Delete<M, Filtered, detail::row_type_t<Es...>>(std::move(data_));
  }

  //! Throws InvalidRequestError when where() got an empty Condition.
  [[nodiscard]] RenderedStatement render(const Dialect& dialect) const {
    static_assert(Filtered,
                  "ormc: a delete without where() must say .all_rows() to delete every row");
    return detail::render_delete(data_, dialect);
  }
  [[nodiscard]] const detail::DeleteData& data() const { return data_; }

  // Running it (defined in ormc/query/execute.hpp, which ormc/query.hpp includes).
  //! Returns the rows it changed. Does not compile before where() or all_rows().
  std::int64_t execute(Connection& connection) const;
  //! With returning(): the returned rows.
  [[nodiscard]] auto all(Connection& connection) const;

 private:
  detail::DeleteData data_;
};

template <Model M>
[[nodiscard]] Delete<M> delete_from() {
  return Delete<M>();
}

}  // namespace ormc
