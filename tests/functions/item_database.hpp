// A fresh database with the items table of item_model.hpp, on one backend, for the
// executing function tests.
#pragma once

#include <vector>

#include "item_model.hpp"
#include "ormc/engine.hpp"
#include "ormc/query.hpp"
#include "support/test_backends.hpp"

namespace fntest {

inline constexpr const char* kSqliteItems = R"sql(
CREATE TABLE items (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, qty INTEGER NOT NULL,
  big INTEGER NOT NULL, maybe_qty INTEGER, ratio REAL NOT NULL, maybe_ratio REAL,
  price TEXT COLLATE ormc_decimal NOT NULL, discount TEXT COLLATE ormc_decimal,
  day TEXT NOT NULL, maybe_day TEXT, at TEXT NOT NULL, flag INTEGER NOT NULL,
  grp INTEGER NOT NULL, clock TEXT);
)sql";

// As `ormc generate` writes these types for PostgreSQL.
inline constexpr const char* kPostgresqlItems = R"sql(
CREATE TABLE items (
  id bigint PRIMARY KEY, name text NOT NULL, note text, qty integer NOT NULL,
  big bigint NOT NULL, maybe_qty integer, ratio double precision NOT NULL,
  maybe_ratio double precision, price numeric(12, 2) NOT NULL, discount numeric(12, 3),
  day date NOT NULL, maybe_day date, at timestamp NOT NULL, flag boolean NOT NULL,
  grp bigint NOT NULL, clock time);
)sql";

struct ItemDatabase {
  ormc_test::TestDatabase database;
  ormc::Connection conn;

  explicit ItemDatabase(const ormc_test::Backend& backend)
      : database(backend), conn(database.engine().connect()) {
    conn.execute(database.postgresql() ? kPostgresqlItems : kSqliteItems);
  }

  void insert(const std::vector<Item>& items) { ormc::insert<Item>().values(items).execute(conn); }
};

}  // namespace fntest
