// Every hostile schema ormc accepts (tests/hostile/accepted/) creates on every backend, and
// the database then has each table, index, constraint and enum type the generated DDL
// names, under exactly that name: nothing cut at 63 bytes, merged or skipped.
#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "all_accepted.hpp"
#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "support/test_backends.hpp"

namespace {

using Names = std::set<std::string>;

//! The quoted names that follow `keyword` in the statements ("" inside a name is a quote).
Names names_after(std::span<const std::string_view> statements, const std::string& keyword) {
  const std::regex pattern(keyword + " \"((?:[^\"]|\"\")+)\"");
  Names names;
  for (std::string_view statement : statements) {
    std::string text(statement);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
         it != std::sregex_iterator(); ++it) {
      names.insert(std::regex_replace((*it)[1].str(), std::regex("\"\""), "\""));
    }
  }
  return names;
}

Names query_names(ormc::Connection& conn, const std::string& sql) {
  Names names;
  for (const auto& [name] : conn.query<std::tuple<std::string>>(sql)) names.insert(name);
  return names;
}

//! Every name of `wanted` is in `found`; a failure lists the missing ones.
void all_present(const Names& wanted, const Names& found, const char* what) {
  std::vector<std::string> missing;
  std::set_difference(wanted.begin(), wanted.end(), found.begin(), found.end(),
                      std::back_inserter(missing));
  std::string list;
  for (const std::string& name : missing) list += " " + name;
  INFO(what << " missing from the catalog:" << list);
  CHECK(missing.empty());
}

void creates_every_object(const AcceptedSchema& accepted) {
  const ormc::Schema& schema = *accepted.schema;
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    schema.create_all(db.engine());
    schema.create_all(db.engine());  // IF NOT EXISTS: nothing changes the second time
    ormc::Connection conn = db.engine().connect();
    const bool pg = db.postgresql();
    std::span<const std::string_view> ddl = pg ? schema.postgresql_create : schema.sqlite_create;

    Names tables = names_after(ddl, "CREATE TABLE IF NOT EXISTS");
    Names declared;
    for (const ormc::TableInfo& table : schema.tables) declared.emplace(table.name);
    CHECK(tables == declared);
    Names indexes = names_after(ddl, "INDEX IF NOT EXISTS");
    if (pg) {
      CHECK(query_names(conn,
                        "SELECT tablename FROM pg_tables WHERE schemaname = "
                        "current_schema()") == tables);
      all_present(indexes,
                  query_names(conn,
                              "SELECT indexname FROM pg_indexes WHERE schemaname = "
                              "current_schema()"),
                  "indexes");
      all_present(names_after(ddl, "CONSTRAINT"),
                  query_names(conn,
                              "SELECT c.conname FROM pg_constraint c JOIN pg_namespace n "
                              "ON n.oid = c.connamespace WHERE n.nspname = "
                              "current_schema()"),
                  "constraints");
      CHECK(query_names(conn,
                        "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = "
                        "t.typnamespace WHERE n.nspname = current_schema() AND t.typtype "
                        "= 'e'") == names_after(ddl, "CREATE TYPE"));
    } else {
      CHECK(query_names(conn,
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                        "LIKE 'sqlite\\_%' ESCAPE '\\'") == tables);
      all_present(indexes, query_names(conn, "SELECT name FROM sqlite_master WHERE type = 'index'"),
                  "indexes");
    }
    schema.drop_all(db.engine());
    CHECK(query_names(conn, pg ? "SELECT tablename FROM pg_tables WHERE schemaname = "
                                 "current_schema()"
                               : "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                 "NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
              .empty());
  }
}

}  // namespace

TEST_CASE("every accepted hostile schema creates each of its objects under its exact name") {
  REQUIRE(std::size(accepted_schemas) >= 10);
  for (const AcceptedSchema& accepted : accepted_schemas) {
    SUBCASE(accepted.name) { creates_every_object(accepted); }
  }
}

TEST_CASE("long names stay distinct on every backend") {
  // Generated names over 63 bytes end in a hash, so the two indexes of the two long
  // columns (equal in their first 54 bytes) remain two indexes.
  const ormc::Schema& schema = hostile::long_names::schema;
  Names indexes = names_after(schema.postgresql_create, "INDEX IF NOT EXISTS");
  CHECK(indexes.size() == 4);
  for (const std::string& name : indexes) CHECK(name.size() <= 63);
  Names types = names_after(schema.postgresql_create, "CREATE TYPE");
  REQUIRE(types.size() == 1);
  CHECK(types.begin()->size() == 63);
}
