// The real Chinook database through the generated chinook schema, on every backend: the
// dataset's own SQLite script is loaded into an in-memory database (tables created by the
// script, not by ormc), read back with the generated models, copied with Core bulk inserts
// into tables made by chinook::schema.create_all() on each backend, and then the same typed
// queries must give the same answers on the source and on every copy, and match the
// figures the dataset is known for (275 artists, 3503 tracks, invoices totalling 2328.60).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "chinook.orm.hpp"
#include "chinook_data.hpp"
#include "chinook_pg.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"
#include "support/test_backends.hpp"

namespace {

using namespace chinook;
using namespace chinook_test;

// The answers asked of every database: the dataset's and each copy's.
struct Answers {
  std::optional<ormc::Decimal> invoice_total;
  std::optional<ormc::Decimal> line_total;
  std::optional<ormc::Decimal> sales;  //!< sum(UnitPrice * Quantity): exact decimal arithmetic
  std::vector<std::tuple<std::optional<std::int32_t>, std::int64_t>> tracks_per_genre;
  std::vector<std::tuple<std::optional<std::string>, std::int64_t>> big_customer_countries;
  std::int64_t love_songs = 0;  //!< "love" in any case
  std::int64_t invoices_2022 = 0;
  std::vector<std::string> top_level_employees;
  std::int64_t rock_or_metal = 0;
  std::optional<std::int32_t> longest_track;

  bool operator==(const Answers&) const = default;
};

//! How many rows of M match `condition`.
template <ormc::Model M, typename Condition>
std::int64_t count_where(ormc::Connection& conn, Condition&& condition) {
  return std::get<0>(ormc::select(ormc::count_all())
                         .template select_from<M>()
                         .where(std::forward<Condition>(condition))
                         .one(conn));
}

Answers ask(ormc::Engine& engine) {
  ormc::Connection conn = engine.connect();
  Answers a;
  a.invoice_total = std::get<0>(ormc::select(ormc::sum(invoice::Total)).one(conn));
  a.line_total = std::get<0>(ormc::select(ormc::sum(invoice_line::UnitPrice)).one(conn));
  a.sales = std::get<0>(
      ormc::select(ormc::sum(invoice_line::UnitPrice * invoice_line::Quantity)).one(conn));
  a.tracks_per_genre = ormc::select(track::GenreId, ormc::count(track::TrackId))
                           .group_by(track::GenreId)
                           .order_by(track::GenreId.asc())
                           .all(conn);
  a.big_customer_countries = ormc::select(customer::Country, ormc::count(customer::CustomerId))
                                 .group_by(customer::Country)
                                 .having(ormc::count(customer::CustomerId) >= 5)
                                 .order_by(customer::Country.asc())
                                 .all(conn);
  a.love_songs = count_where<Track>(conn, track::Name.ilike("%love%"));
  using std::chrono::sys_days;
  using namespace std::chrono_literals;
  const ormc::Timestamp from{sys_days{2022y / 1 / 1}};
  const ormc::Timestamp to{sys_days{2022y / 12 / 31}};
  a.invoices_2022 = count_where<Invoice>(conn, invoice::InvoiceDate.between(from, to));
  for (const Employee& e : ormc::select<Employee>()
                               .where(employee::ReportsTo.is_null())
                               .order_by(employee::EmployeeId.asc())
                               .all(conn)) {
    a.top_level_employees.push_back(e.FirstName + " " + e.LastName);
  }
  a.rock_or_metal = count_where<Track>(conn, track::GenreId.in_({1, 3}));
  a.longest_track = std::get<0>(ormc::select(ormc::max(track::Milliseconds)).one(conn));
  return a;
}

}  // namespace

TEST_CASE("the generated chinook models read the dataset's own SQLite database") {
  const Answers answers = ask(source());
  REQUIRE(answers.invoice_total.has_value());
  CHECK(answers.invoice_total->str() == "2328.60");
  // The dataset's NUMERIC columns hold REALs (0.99); ormc's functions read each at the 15
  // digits it was written with, so the products and their sum are exact.
  REQUIRE(answers.sales.has_value());
  CHECK(answers.sales->str() == "2328.60");
  CHECK(answers.tracks_per_genre.size() == 25);
  CHECK(answers.top_level_employees == std::vector<std::string>{"Andrew Adams"});
  CHECK(answers.longest_track == 5286953);
  CHECK(answers.love_songs > 0);
  CHECK(answers.invoices_2022 == 83);
  CHECK(answers.rock_or_metal > 1000);
}

TEST_CASE("the Chinook data copied by the ORM answers alike on every backend") {
  const Answers expected = ask(source());
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    copy_all(db.engine());
    check_same_table<Artist>(db.engine(), artist::ArtistId);
    check_same_table<Album>(db.engine(), album::AlbumId);
    check_same_table<Track>(db.engine(), track::TrackId);
    check_same_table<Genre>(db.engine(), genre::GenreId);
    check_same_table<MediaType>(db.engine(), media_type::MediaTypeId);
    check_same_table<Playlist>(db.engine(), playlist::PlaylistId);
    check_same_table<Employee>(db.engine(), employee::EmployeeId);
    check_same_table<Customer>(db.engine(), customer::CustomerId);
    check_same_table<Invoice>(db.engine(), invoice::InvoiceId);
    check_same_table<InvoiceLine>(db.engine(), invoice_line::InvoiceLineId);
    const Answers actual = ask(db.engine());
    CHECK(actual.invoice_total == expected.invoice_total);
    CHECK(actual.line_total == expected.line_total);
    REQUIRE(actual.sales.has_value());
    CHECK(actual.sales->str() == "2328.60");  // the digits too, not 2328.59999999996
    CHECK(actual.tracks_per_genre == expected.tracks_per_genre);
    CHECK(actual.big_customer_countries == expected.big_customer_countries);
    CHECK(actual.love_songs == expected.love_songs);
    CHECK(actual.invoices_2022 == expected.invoices_2022);
    CHECK(actual.top_level_employees == expected.top_level_employees);
    CHECK(actual.rock_or_metal == expected.rock_or_metal);
    CHECK(actual.longest_track == expected.longest_track);

    // LIKE's case rules are the database's (docs/queries.md): SQLite ignores ASCII case.
    {
      ormc::Connection conn = db.engine().connect();
      const std::int64_t like = count_where<Track>(conn, track::Name.like("%love%"));
      if (db.postgresql()) {
        CHECK(like < actual.love_songs);
      } else {
        CHECK(like == actual.love_songs);
      }
    }

    // The Session over the copy: an employee's manager through the self-reference, and a
    // change written back and read by a second session.
    ormc::Session session(db.engine());
    Employee* jane = session.query<Employee>().where(employee::FirstName == "Jane").first();
    REQUIRE(jane != nullptr);
    REQUIRE(jane->ReportsTo.has_value());
    Employee* manager = session.get<Employee>(*jane->ReportsTo);
    REQUIRE(manager != nullptr);
    CHECK(manager->Title == "Sales Manager");
    jane->City = "Lethbridge";
    session.commit();
    ormc::Session other(db.engine());
    CHECK(other.get<Employee>(jane->EmployeeId)->City == "Lethbridge");
  }
}

// PostgreSQL's identity sequence does not see keys written explicitly; ormc moves it past
// them, so that the same code gives the same keys on SQLite and PostgreSQL.
TEST_CASE("after rows written with their own keys, generated keys are new on every backend") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    chinook::schema.create_all(db.engine());
    ormc::Session session(db.engine());
    session.add(Artist{.ArtistId = 1000, .Name = "Kept key"});
    session.commit();
    Artist& generated = session.add(Artist{.Name = "Generated key"});
    session.commit();
    CHECK(generated.ArtistId == 1001);

    CHECK(copy<Genre>(db.engine(), genre::GenreId) == 25);  // Core bulk insert, keys kept
    Genre& genre = session.add(Genre{.Name = "Polka"});
    session.commit();
    CHECK(genre.GenreId == 26);
  }
}

// The dataset's own PostgreSQL script (its tables, its snake_case names, its plain INT keys),
// read through generated models that name those tables with `table` and map(): reading a
// PostgreSQL database someone else created. The answers are the dataset's known figures,
// the same the SQLite script gives.
TEST_CASE("generated models read the database the dataset's PostgreSQL script creates") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  ormc_test::TestDatabase db(*backend);
  {
    // Everything but the psql-only lines (the script makes and enters its own database).
    std::istringstream script(read_file(std::string(ORMC_CHINOOK_DIR) + "/Chinook_PostgreSql.sql"));
    std::string sql;
    for (std::string line; std::getline(script, line);) {
      if (line.starts_with("\\") || line.starts_with("DROP DATABASE") ||
          line.starts_with("CREATE DATABASE")) {
        continue;
      }
      sql += line;
      sql += '\n';
    }
    ormc::Connection conn = db.engine().connect();
    conn.begin();
    conn.execute(sql);
    conn.commit();
  }
  namespace pg = chinook_pg;
  ormc::Connection conn = db.engine().connect();
  CHECK(std::get<0>(ormc::select(ormc::count_all()).select_from<pg::Artist>().one(conn)) == 275);
  CHECK(std::get<0>(ormc::select(ormc::count_all()).select_from<pg::Track>().one(conn)) == 3503);
  CHECK(std::get<0>(ormc::select(ormc::sum(pg::invoice::Total)).one(conn)) ==
        ormc::Decimal("2328.60"));
  {
    ormc::Connection sqlite = source().connect();  // the same data, from the SQLite script
    CHECK(std::get<0>(ormc::select(ormc::sum(pg::invoice_line::UnitPrice)).one(conn)) ==
          std::get<0>(ormc::select(ormc::sum(chinook::invoice_line::UnitPrice)).one(sqlite)));
  }
  using std::chrono::sys_days;
  using namespace std::chrono_literals;
  CHECK(std::get<0>(
            ormc::select(ormc::count_all())
                .select_from<pg::Invoice>()
                .where(pg::invoice::InvoiceDate.between(ormc::Timestamp{sys_days{2022y / 1 / 1}},
                                                        ormc::Timestamp{sys_days{2022y / 12 / 31}}))
                .one(conn)) == 83);
  const std::vector<pg::Employee> top =
      ormc::select<pg::Employee>().where(pg::employee::ReportsTo.is_null()).all(conn);
  REQUIRE(top.size() == 1);
  CHECK(top[0].FirstName + " " + top[0].LastName == "Andrew Adams");
  CHECK(top[0].HireDate.has_value());

  // The Session over it: keys are plain INTs here, so new rows bring their own.
  ormc::Session session(db.engine());
  pg::Track* track = session.get<pg::Track>(1);
  REQUIRE(track != nullptr);
  CHECK(track->Name == "For Those About To Rock (We Salute You)");
  CHECK(track->UnitPrice == ormc::Decimal("0.99"));
  session.add(pg::Genre{.GenreId = 26, .Name = "Polka"});
  track->GenreId = 26;
  session.commit();
  CHECK(std::get<0>(ormc::select(ormc::count_all())
                        .select_from<pg::Track>()
                        .where(pg::track::GenreId == 26)
                        .one(conn)) == 1);
}
