// The bulk primitives of ormc/detail/bulk_rows.hpp on PostgreSQL: copy_rows (COPY FROM
// STDIN in binary and text) with a column of every schema type and NULLs, a subset of
// columns, the values refused before anything is sent, a constraint violation, the
// caller's transaction; reserve_keys (identity values in one statement). SQLite refuses
// both.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "copy.orm.hpp"
#include "ormc/detail/bulk_rows.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "ormc/transaction.hpp"
#include "support/test_backends.hpp"

namespace {

using copytest::Everything;
using copytest::Mood;
namespace ev = copytest::everything;
using namespace std::chrono;

ormc::Bytes bytes(std::initializer_list<int> values) {
  ormc::Bytes out;
  for (const int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

ormc::Timestamp timestamp(int y, unsigned mo, unsigned d, std::int64_t micros) {
  return ormc::Timestamp(sys_days(year{y} / month{mo} / day{d})) + microseconds(micros);
}

// Three rows: ordinary values, the edges of each type (and every nullable column set), and
// the awkward characters of COPY's text format.
std::vector<Everything> sample_rows() {
  std::vector<Everything> rows(3);
  Everything& a = rows[0];
  a.b = true;
  a.i16 = 12;
  a.i32 = -40000;
  a.i64 = 5'000'000'000;
  a.f32 = 1.5F;
  a.f64 = 0.1;
  a.dec = ormc::Decimal("1234.5");
  a.txt = "plain";
  a.str = "short";
  a.raw = bytes({1, 2, 3});
  a.uid = *ormc::Uuid::parse("123e4567-e89b-12d3-a456-426614174000");
  a.doc = ormc::Json{R"({"a": 1})"};
  a.day = year{2024} / 2 / 29;
  a.tod = hours(13) + minutes(5) + microseconds(7);
  a.ts = timestamp(2024, 2, 29, 1);
  a.tstz = timestamp(1999, 12, 31, 86'399'999'999);
  a.mood = Mood::sad;

  Everything& b = rows[1];
  b.b = false;
  b.i16 = std::numeric_limits<std::int16_t>::min();
  b.i32 = std::numeric_limits<std::int32_t>::max();
  b.i64 = std::numeric_limits<std::int64_t>::min();
  b.f32 = -std::numeric_limits<float>::infinity();
  b.f64 = 1e308;
  b.dec = ormc::Decimal("-999999999.999");
  b.txt = "";
  b.str = "twenty chars exactly";
  b.raw = {};
  b.uid = {};
  b.doc = ormc::Json{R"([1, "two", {"three": [null, true, 0.5]}])"};
  b.day = year{1} / 1 / 1;
  b.tod = hours(23) + minutes(59) + seconds(59) + microseconds(999'999);
  b.ts = timestamp(9999, 12, 31, 0);
  b.tstz = timestamp(1, 1, 1, 0);
  b.mood = Mood::select;
  b.n_b = false;
  b.n_i32 = 0;
  b.n_f64 = -0.5;
  b.n_dec = ormc::Decimal("0.001");
  b.n_txt = "not null";
  b.n_raw = bytes({0});
  b.n_uid = *ormc::Uuid::parse("ffffffff-ffff-ffff-ffff-ffffffffffff");
  b.n_doc = ormc::Json{"null"};
  b.n_day = year{2000} / 1 / 1;
  b.n_tod = microseconds(0);
  b.n_ts = timestamp(1970, 1, 1, -1);
  b.n_mood = Mood::happy;

  Everything& c = rows[2];
  c.i16 = 0;
  c.dec = ormc::Decimal("0");
  c.txt = "tab\there\nnewline\\backslash\r\\N and é";
  c.str = "\\N";
  c.raw = bytes({0x5c, 0x00, 0xff, 0x0a, 0x09});
  c.doc = ormc::Json{R"({"k": "line\nbreak \\ \t"})"};
  c.day = year{1970} / 1 / 1;
  c.ts = timestamp(2000, 1, 1, 0);
  c.tstz = timestamp(2000, 1, 1, -1);
  c.mood = Mood::happy;
  c.n_dec = ormc::Decimal("-0.5");
  c.n_txt = "";
  return rows;
}

void check_same(const Everything& got, const Everything& want) {
  CHECK(got.id == want.id);
  CHECK(got.b == want.b);
  CHECK(got.i16 == want.i16);
  CHECK(got.i32 == want.i32);
  CHECK(got.i64 == want.i64);
  CHECK(got.f32 == want.f32);
  CHECK(got.f64 == want.f64);
  CHECK(got.dec == want.dec);
  CHECK(got.txt == want.txt);
  CHECK(got.str == want.str);
  CHECK(got.raw == want.raw);
  CHECK(got.uid == want.uid);
  CHECK(got.doc == want.doc);
  CHECK(got.day == want.day);
  CHECK(got.tod == want.tod);
  CHECK(got.ts == want.ts);
  CHECK(got.tstz == want.tstz);
  CHECK(got.mood == want.mood);
  CHECK(got.n_b == want.n_b);
  CHECK(got.n_i32 == want.n_i32);
  CHECK(got.n_f64 == want.n_f64);
  CHECK(got.n_dec == want.n_dec);
  CHECK(got.n_txt == want.n_txt);
  CHECK(got.n_raw == want.n_raw);
  CHECK(got.n_uid == want.n_uid);
  CHECK(got.n_doc == want.n_doc);
  CHECK(got.n_day == want.n_day);
  CHECK(got.n_tod == want.n_tod);
  CHECK(got.n_ts == want.n_ts);
  CHECK(got.n_mood == want.n_mood);
}

std::int64_t count_rows(ormc::Connection& conn) {
  return conn.query<std::int64_t>("SELECT count(*) FROM everything").at(0);
}

#define COPY_TEST_BEGIN                                               \
  const ormc_test::Backend* backend_ = ormc_test::postgres_backend(); \
  if (backend_ == nullptr) return;                                    \
  ormc_test::TestDatabase db(*backend_);                              \
  ormc::Engine& engine = db.engine();                                 \
  copytest::schema.create_all(engine);                                \
  ormc::Connection conn = engine.connect()

}  // namespace

TEST_CASE("copy_rows: every column type and NULLs round-trip, binary and text") {
  COPY_TEST_BEGIN;
  for (const ormc::CopyFormat format : {ormc::CopyFormat::binary, ormc::CopyFormat::text}) {
    CAPTURE(static_cast<int>(format));
    conn.execute("DELETE FROM everything");
    std::vector<Everything> rows = sample_rows();
    const std::vector<std::int64_t> keys =
        ormc::detail::reserve_keys<Everything>(conn, rows.size());
    REQUIRE(keys.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].id = keys[i];
    const auto before = engine.stats().statements;
    const std::vector<std::size_t> columns = ormc::detail::all_columns<Everything>();
    CHECK(ormc::detail::copy_rows<Everything>(conn, rows, columns, format) == 3);
    // The COPY; binary reads the columns' types first.
    CHECK(engine.stats().statements - before == (format == ormc::CopyFormat::binary ? 2U : 1U));
    const auto loaded = ormc::select<Everything>().order_by(ev::id).all(conn);
    REQUIRE(loaded.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CAPTURE(i);
      check_same(loaded[i], rows[i]);
    }
  }
}

TEST_CASE("copy_rows: a subset of columns, the identity filling the key") {
  COPY_TEST_BEGIN;
  std::vector<Everything> rows = sample_rows();
  // Every column but the key and the nullable ones: positions 1..17.
  std::vector<std::size_t> columns;
  for (std::size_t i = 1; i <= 17; ++i) columns.push_back(i);
  for (const ormc::CopyFormat format : {ormc::CopyFormat::binary, ormc::CopyFormat::text}) {
    CHECK(ormc::detail::copy_rows<Everything>(conn, rows, columns, format) == 3);
  }
  const auto loaded = ormc::select<Everything>().order_by(ev::id).all(conn);
  REQUIRE(loaded.size() == 6);
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    CAPTURE(i);
    CHECK(loaded[i].id == static_cast<std::int64_t>(i + 1));
    CHECK(loaded[i].txt == rows[i % 3].txt);
    CHECK(loaded[i].mood == rows[i % 3].mood);
    CHECK(!loaded[i].n_txt.has_value());
    CHECK(!loaded[i].n_mood.has_value());
  }
  const std::vector<std::size_t> descending{3, 2};
  CHECK_THROWS_AS(ormc::detail::copy_rows<Everything>(conn, rows, descending), ormc::ArgumentError);
}

TEST_CASE("copy_rows: a refused value writes nothing, in either format") {
  COPY_TEST_BEGIN;
  const std::vector<std::size_t> columns = ormc::detail::all_columns<Everything>();
  for (const ormc::CopyFormat format : {ormc::CopyFormat::binary, ormc::CopyFormat::text}) {
    std::vector<Everything> rows = sample_rows();
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].id = static_cast<std::int64_t>(i + 100);
    rows[2].f64 = std::nan("");
    try {
      (void)ormc::detail::copy_rows<Everything>(conn, rows, columns, format);
      FAIL("NaN was copied");
    } catch (const ormc::DataError& e) {
      const std::string message = e.what();
      CHECK(message.find("row 3 column \"f64\" into \"everything\"") != std::string::npos);
    }
    rows[2].f64 = 0;
    rows[1].dec = ormc::Decimal("1.0005");  // decimal(12, 3): one fraction digit too many
    CHECK_THROWS_AS(ormc::detail::copy_rows<Everything>(conn, rows, columns, format),
                    ormc::DataError);
    rows[1].dec = ormc::Decimal("1");
    rows[0].txt = std::string("nul\0inside", 10);
    CHECK_THROWS_AS(ormc::detail::copy_rows<Everything>(conn, rows, columns, format),
                    ormc::DataError);
    CHECK(count_rows(conn) == 0);
    CHECK(!conn.in_transaction());
  }
}

TEST_CASE("copy_rows: a duplicate key is an IntegrityError naming the table, nothing written") {
  COPY_TEST_BEGIN;
  const std::vector<std::size_t> columns = ormc::detail::all_columns<Everything>();
  for (const ormc::CopyFormat format : {ormc::CopyFormat::binary, ormc::CopyFormat::text}) {
    std::vector<Everything> rows = sample_rows();
    for (Everything& row : rows) row.id = 7;
    try {
      (void)ormc::detail::copy_rows<Everything>(conn, rows, columns, format);
      FAIL("duplicate keys were copied");
    } catch (const ormc::IntegrityError& e) {
      CHECK(e.sqlstate() == "23505");
      CHECK(std::string(e.what()).find("everything") != std::string::npos);
    }
    CHECK(count_rows(conn) == 0);
    // The connection is usable afterwards.
    rows[1].id = 8;
    rows[2].id = 9;
    CHECK(ormc::detail::copy_rows<Everything>(conn, rows, columns, format) == 3);
    conn.execute("DELETE FROM everything");
  }
}

TEST_CASE("copy_rows: inside the caller's transaction, which decides") {
  COPY_TEST_BEGIN;
  std::vector<Everything> rows = sample_rows();
  std::vector<std::size_t> columns;
  for (std::size_t i = 1; i <= 17; ++i) columns.push_back(i);
  {
    ormc::Transaction tx(conn);
    CHECK(ormc::detail::copy_rows<Everything>(conn, rows, columns) == 3);
    CHECK(count_rows(conn) == 3);
  }  // rolled back
  CHECK(count_rows(conn) == 0);
  {
    ormc::Transaction tx(conn);
    CHECK(ormc::detail::copy_rows<Everything>(conn, rows, columns) == 3);
    tx.commit();
  }
  CHECK(count_rows(conn) == 3);
}

TEST_CASE("reserve_keys: ascending, distinct, in one statement, and later keys do not collide") {
  COPY_TEST_BEGIN;
  CHECK(ormc::detail::reserve_keys<Everything>(conn, 0).empty());
  const auto before = engine.stats().statements;
  const std::vector<std::int64_t> keys = ormc::detail::reserve_keys<Everything>(conn, 5000);
  CHECK(engine.stats().statements - before == 1);
  REQUIRE(keys.size() == 5000);
  for (std::size_t i = 1; i < keys.size(); ++i) CHECK(keys[i] > keys[i - 1]);
  CHECK(keys.front() == 1);
  // Another connection's reservation meanwhile takes other values.
  ormc::Connection other = engine.connect();
  const std::vector<std::int64_t> theirs = ormc::detail::reserve_keys<Everything>(other, 10);
  CHECK(theirs.front() > keys.back());
  // An INSERT that lets the identity choose gets a value past both.
  std::vector<Everything> rows = sample_rows();
  rows.resize(1);
  CHECK(ormc::insert<Everything>().values(rows).execute(conn) == 1);
  CHECK(conn.query<std::int64_t>("SELECT max(id) FROM everything").at(0) > theirs.back());
}

TEST_CASE("copy_rows and reserve_keys are PostgreSQL's: SQLite refuses them") {
  ormc::Engine engine = ormc::Engine::connect("sqlite://:memory:");
  copytest::schema.create_all(engine);
  ormc::Connection conn = engine.connect();
  const std::vector<Everything> rows = sample_rows();
  CHECK_THROWS_AS(
      ormc::detail::copy_rows<Everything>(conn, rows, ormc::detail::all_columns<Everything>()),
      ormc::InvalidRequestError);
  CHECK_THROWS_AS((void)ormc::detail::reserve_keys<Everything>(conn, 3), ormc::InvalidRequestError);
  // Its INSERT path is unchanged.
  CHECK(ormc::insert<Everything>().values(rows).execute(conn) == 3);
  CHECK(conn.query<std::int64_t>("SELECT count(*) FROM everything").at(0) == 3);
}

TEST_CASE("Core insert().values(objects).copy(): both formats, runs of columns, the key moved on") {
  COPY_TEST_BEGIN;
  for (const ormc::CopyFormat format : {ormc::CopyFormat::binary, ormc::CopyFormat::text}) {
    conn.execute("DELETE FROM everything");
    std::vector<Everything> rows = sample_rows();
    const auto before = engine.stats().statements;
    // Keys from the identity: one COPY without the id column.
    CHECK(ormc::insert<Everything>().values(rows).copy(conn, format) == 3);
    CHECK(engine.stats().statements - before == (format == ormc::CopyFormat::binary ? 2U : 1U));
    auto loaded = ormc::select<Everything>().order_by(ev::id).all(conn);
    REQUIRE(loaded.size() == 3);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      rows[i].id = loaded[i].id;
      check_same(loaded[i], rows[i]);
    }
    // An explicit key in the middle: three runs (three COPYs in one transaction), then the
    // identity moves past the explicit key.
    std::vector<Everything> more = sample_rows();
    more[1].id = 500;
    CHECK(ormc::insert<Everything>().values(more).copy(conn, format) == 3);
    CHECK(!conn.in_transaction());
    CHECK(count_rows(conn) == 6);
    CHECK(ormc::insert<Everything>().values(sample_rows()[0]).execute(conn) == 1);
    CHECK(conn.query<std::int64_t>("SELECT max(id) FROM everything").at(0) > 500);
  }
  // A failing run rolls back the runs before it.
  std::vector<Everything> rows = sample_rows();
  rows[2].id = 500;  // taken
  const std::int64_t before = count_rows(conn);
  CHECK_THROWS_AS(ormc::insert<Everything>().values(rows).copy(conn), ormc::IntegrityError);
  CHECK(count_rows(conn) == before);
  // What COPY cannot do.
  CHECK_THROWS_AS(ormc::insert<Everything>().values(rows).returning(ev::id).copy(conn),
                  ormc::InvalidRequestError);
  CHECK_THROWS_AS(
      ormc::insert<Everything>().values(rows).on_conflict(ev::id).do_nothing().copy(conn),
      ormc::InvalidRequestError);
  CHECK_THROWS_AS(ormc::insert<Everything>().values(ormc::set(ev::txt, "x")).copy(conn),
                  ormc::InvalidRequestError);
}

TEST_CASE("Core copy() on SQLite is an InvalidRequestError") {
  ormc::Engine engine = ormc::Engine::connect("sqlite://:memory:");
  copytest::schema.create_all(engine);
  ormc::Connection conn = engine.connect();
  CHECK_THROWS_AS(ormc::insert<Everything>().values(sample_rows()).copy(conn),
                  ormc::InvalidRequestError);
}
