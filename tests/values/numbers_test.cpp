// Integers at the limits of every integer type, and floats: NaN (refused), infinities,
// -0.0, subnormals, the largest and smallest of float32 and float64; bool. Through every
// write and read path on every backend.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "value_paths.hpp"
#include "values.orm.hpp"

using namespace values;
using values_test::Kept;
using values_test::Refused;

namespace {

template <typename I>
std::vector<Kept<I>> integer_limits() {
  using limits = std::numeric_limits<I>;
  return {{"min", limits::min()},
          {"min + 1", static_cast<I>(limits::min() + 1)},
          {"-1", I{-1}},
          {"0", I{0}},
          {"1", I{1}},
          {"max - 1", static_cast<I>(limits::max() - 1)},
          {"max", limits::max()}};
}

// SQLite stores a REAL that is a whole number as an integer, and -0.0 as 0: -0.0 reads
// back as +0.0 there (docs/values.md). PostgreSQL keeps the sign.
template <typename F>
std::vector<Kept<F>> float_values() {
  using limits = std::numeric_limits<F>;
  return {
      {"0", F{0}},
      {"-0.0", -F{0}, F{0}},
      {"1", F{1}},
      {"-1", F{-1}},
      {"0.1", F(0.1)},
      {"1/3", F{1} / F{3}},
      {"epsilon", limits::epsilon()},
      {"smallest normal", limits::min()},
      {"-smallest normal", -limits::min()},
      {"smallest subnormal", limits::denorm_min()},
      {"-smallest subnormal", -limits::denorm_min()},
      {"largest subnormal", limits::min() - limits::denorm_min()},
      {"largest", limits::max()},
      {"lowest", limits::lowest()},
      {"infinity", limits::infinity()},
      {"-infinity", -limits::infinity()},
      {"2^53 + 2", F(9007199254740994.0)},
  };
}

template <typename F>
std::vector<Refused<F>> float_refused() {
  using limits = std::numeric_limits<F>;
  return {{"NaN", limits::quiet_NaN(), "NaN cannot be stored"},
          {"-NaN", -limits::quiet_NaN(), "NaN cannot be stored"},
          {"signalling NaN", limits::signaling_NaN(), "NaN cannot be stored"}};
}

}  // namespace

TEST_CASE("integers at the limits of int16, int32 and int64") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto i16 = values_test::value_table<Int16Row>(db, int16_row::id, int16_row::v, int16_row::n,
                                                  std::int16_t{7});
    i16.check_kept(integer_limits<std::int16_t>());
    i16.check_nullable(std::numeric_limits<std::int16_t>::min());
    auto i32 = values_test::value_table<Int32Row>(db, int32_row::id, int32_row::v, int32_row::n,
                                                  std::int32_t{7});
    i32.check_kept(integer_limits<std::int32_t>());
    i32.check_nullable(std::numeric_limits<std::int32_t>::max());
    auto i64 = values_test::value_table<Int64Row>(db, int64_row::id, int64_row::v, int64_row::n,
                                                  std::int64_t{7});
    i64.check_kept(integer_limits<std::int64_t>());
    i64.check_nullable(std::numeric_limits<std::int64_t>::min());
  }
}

TEST_CASE("float64 bit for bit, NaN refused, -0.0 is +0.0 on SQLite") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<Float64Row>(db, float64_row::id, float64_row::v,
                                                      float64_row::n, 7.0);
    table.check_kept(float_values<double>());
    table.check_refused(float_refused<double>());
    table.check_nullable(-std::numeric_limits<double>::infinity());
  }
}

TEST_CASE("float32 bit for bit, NaN refused, -0.0 is +0.0 on SQLite") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<Float32Row>(db, float32_row::id, float32_row::v,
                                                      float32_row::n, 7.0F);
    table.check_kept(float_values<float>());
    table.check_refused(float_refused<float>());
    table.check_nullable(std::numeric_limits<float>::denorm_min());
  }
}

TEST_CASE("bool") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table =
        values_test::value_table<BoolRow>(db, bool_row::id, bool_row::v, bool_row::n, false);
    table.check_kept({{"true", true}, {"false", false}});
    table.check_nullable(true);
  }
}

TEST_CASE("a NaN bound in raw SQL or a condition is refused too, naming the parameter") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // In a WHERE clause: the column compared with is named.
    CHECK_THROWS_WITH_AS((void)ormc::select<Float64Row>().where(float64_row::v == nan).all(conn),
                         doctest::Contains("parameter 1 (column \"v\"): NaN cannot be stored"),
                         ormc::DataError);
    // A bare SELECT of the value: no column to name.
    CHECK_THROWS_WITH_AS(
        (void)conn.query<double>("SELECT :x", {{"x", nan}}),
        doctest::Contains(
            "cannot bind parameter 1: NaN cannot be stored: SQLite stores NaN as NULL"),
        ormc::DataError);
    // The NOT NULL column is not what the message blames.
    try {
      conn.execute_raw("INSERT INTO float64_row (id, v) VALUES (:id, :v)", {{"id", 1}, {"v", nan}});
      FAIL("NaN was bound");
    } catch (const ormc::DataError& error) {
      CHECK(std::string(error.what()).find("NOT NULL") == std::string::npos);
    }
  }
}

TEST_CASE("an integer beyond int16 written by raw SQL: refused on write or on read, never cut") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    const auto write = [&] {
      conn.execute_raw("INSERT INTO int16_row (id, v) VALUES (1, :v)", {{"v", 40000}});
    };
    if (db.postgresql()) {
      // smallint refuses it.
      CHECK_THROWS_WITH_AS(write(), doctest::Contains("is out of range for type smallint"),
                           ormc::DataError);
    } else {
      // SQLite's INTEGER holds it; reading it as int16 refuses it (docs/values.md).
      write();
      CHECK_THROWS_WITH_AS((void)ormc::select<Int16Row>().all(conn),
                           doctest::Contains("the value 40000 is out of its range"),
                           ormc::ResultTypeError);
    }
  }
}

TEST_CASE("the Session writes a change from 0.0 to -0.0 (equal under ==, not the same value)") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    ormc::insert<Float64Row>().values(Float64Row{.id = 1, .v = 0.0, .n = 0.0}).execute(conn);
    {
      ormc::Session session(db.engine());
      Float64Row* row = session.get<Float64Row>(std::int64_t{1});
      REQUIRE(row != nullptr);
      row->v = -0.0;
      row->n = -0.0;
      session.commit();
    }
    const Float64Row stored = ormc::select<Float64Row>().one(conn);
    // PostgreSQL keeps the sign the Session wrote; SQLite stores -0.0 as 0 (docs/values.md).
    CHECK(std::signbit(stored.v) == db.postgresql());
    REQUIRE(stored.n.has_value());
    CHECK(std::signbit(*stored.n) == db.postgresql());
  }
}
