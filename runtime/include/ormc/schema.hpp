// A generated schema's tables and DDL, as create_all/drop_all need them at run time.
#pragma once

#include <span>
#include <string_view>

namespace ormc {

class Engine;

struct TableInfo {
  std::string_view name;
  std::string_view model;  //!< the model (or table block) it comes from
};

//! What `ormc generate` emits as `<namespace>::schema`: tables in dependency order
//! (referenced tables first) and, per dialect, the statements that create them (tables,
//! then indexes) and drop them (reverse order).
struct Schema {
  std::string_view name;  //!< the C++ namespace, "blog"
  std::span<const TableInfo> tables;
  std::span<const std::string_view> sqlite_create;
  std::span<const std::string_view> sqlite_drop;
  std::span<const std::string_view> postgresql_create;
  std::span<const std::string_view> postgresql_drop;

  //! Creates every table and index that does not exist yet, in one transaction.
  void create_all(Engine& engine) const;
  //! Drops every table of the schema that exists, dependents first, in one transaction.
  void drop_all(Engine& engine) const;
};

}  // namespace ormc
