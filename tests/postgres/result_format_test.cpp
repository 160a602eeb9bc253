// Binary and text results read the same. A statement whose columns are all of the types
// ormc decodes in binary (numbers, bool, dates and times, uuid, text) gets binary results;
// adding a json column to the same SELECT makes it text. Every value, edge values too, is
// read both ways and compared, and a few are checked against what they must be.
//
// The server: ormc_test::postgres_backend(); without one these cases do nothing (but print
// the skip line), under CI=true they fail.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/row.hpp"
#include "ormc/value.hpp"
#include "support/test_backends.hpp"

namespace {

// One row of every binary-decoded type, edge values included. Columns are named c0, c1...
const char* const select_columns =
    "SELECT 42::int8 AS c0, (-9223372036854775807 - 1)::int8 AS c1, (-32768)::int2 AS c2, "
    "2147483647::int4 AS c3, true AS c4, false AS c5, 1.5::float8 AS c6, "
    "'NaN'::float8 AS c7, '-Infinity'::float8 AS c8, 0.1::float4 AS c9, 1e300::float8 AS c10, "
    "'2024-02-29 12:34:56.5+00'::timestamptz AS c11, "
    "'1969-07-20 20:17:40'::timestamp AS c12, '1999-12-31'::date AS c13, "
    "'1900-03-01'::date AS c14, '23:59:59.000001'::time AS c15, '00:00:00'::time AS c16, "
    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS c17, 'héllo'::text AS c18, "
    "'ab'::char(4) AS c19, 'v'::varchar(3) AS c20, (-123.4500)::numeric(10, 4) AS c21, "
    "0.00012::numeric AS c22, 123456789012345678901234567890::numeric AS c23, "
    "(-0.5)::numeric AS c24, 0::numeric(5, 2) AS c25, 10000.0001::numeric AS c26, "
    "NULL::int8 AS c27, NULL::timestamptz AS c28, 12.000::numeric AS c29";
constexpr int column_count = 30;

std::vector<std::string> read_values(ormc::Connection& conn, const std::string& sql) {
  std::vector<std::string> out;
  ormc::Result result = conn.prepare(sql).query();
  REQUIRE(result.next());
  for (int i = 0; i < column_count; ++i) {
    out.push_back(ormc::to_log_string(result.row().get<ormc::Value>(i)));
  }
  return out;
}

}  // namespace

TEST_CASE("result formats: binary and text results read the same values") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  ormc_test::TestDatabase db(*backend);
  auto conn = db.engine().connect();
  const std::vector<std::string> binary = read_values(conn, select_columns);
  const std::vector<std::string> text =
      read_values(conn, std::string(select_columns) + ", '{}'::json AS text_please");
  REQUIRE(binary.size() == text.size());
  for (std::size_t i = 0; i < binary.size(); ++i) {
    CAPTURE(i);
    CHECK(binary[i] == text[i]);
  }
}

TEST_CASE("result formats: binary values decode to what they are") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  ormc_test::TestDatabase db(*backend);
  auto conn = db.engine().connect();
  for (const std::string suffix : {"", ", '{}'::json AS text_please"}) {
    CAPTURE(suffix);
    ormc::Result result = conn.prepare(select_columns + suffix).query();
    REQUIRE(result.next());
    const ormc::Row& row = result.row();
    using namespace std::chrono;
    CHECK(row.get<std::int64_t>(0) == 42);
    CHECK(row.get<std::int64_t>(1) == INT64_MIN);
    CHECK(row.get<std::int16_t>(2) == -32768);
    CHECK(row.get<std::int32_t>(3) == 2147483647);
    CHECK(row.get<bool>(4));
    CHECK(!row.get<bool>(5));
    CHECK(row.get<double>(6) == 1.5);
    CHECK(std::isnan(row.get<double>(7)));
    CHECK(row.get<double>(8) == -std::numeric_limits<double>::infinity());
    CHECK(row.get<float>(9) == 0.1f);
    CHECK(row.get<double>(10) == 1e300);
    CHECK(row.get<ormc::Timestamp>(11) ==
          ormc::Timestamp(sys_days(2024y / 2 / 29) + 12h + 34min + 56s + 500ms));
    CHECK(row.get<ormc::Timestamp>(12) ==
          ormc::Timestamp(sys_days(1969y / 7 / 20) + 20h + 17min + 40s));
    CHECK(row.get<ormc::Date>(13) == 1999y / 12 / 31);
    CHECK(row.get<ormc::Date>(14) == 1900y / 3 / 1);
    CHECK(row.get<ormc::Time>(15) == 23h + 59min + 59s + 1us);
    CHECK(row.get<ormc::Time>(16) == ormc::Time::zero());
    CHECK(row.get<ormc::Uuid>(17).str() == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    CHECK(row.get<std::string>(18) == "héllo");
    CHECK(row.get<std::string>(19) == "ab  ");
    CHECK(row.get<std::string>(20) == "v");
    CHECK(row.get<ormc::Decimal>(21).str() == "-123.4500");
    CHECK(row.get<ormc::Decimal>(22).str() == "0.00012");
    CHECK(row.get<ormc::Decimal>(23).str() == "123456789012345678901234567890");
    CHECK(row.get<ormc::Decimal>(24).str() == "-0.5");
    CHECK(row.get<ormc::Decimal>(25).str() == "0.00");
    CHECK(row.get<ormc::Decimal>(26).str() == "10000.0001");
    CHECK(!row.get<std::optional<std::int64_t>>(27).has_value());
    CHECK(!row.get<std::optional<ormc::Timestamp>>(28).has_value());
    CHECK(row.get<std::int64_t>(29) == 12);  // an integral numeric reads as an integer
    CHECK(row.get<double>(21) == -123.45);
    CHECK(row.get<double>(0) == 42.0);
    CHECK(row.get<ormc::Timestamp>(13) == ormc::Timestamp(sys_days(1999y / 12 / 31)));
    CHECK_THROWS_AS((void)row.get<std::string>(0), ormc::ResultTypeError);    // not text
    CHECK_THROWS_AS((void)row.get<std::int64_t>(6), ormc::ResultTypeError);   // 1.5
    CHECK_THROWS_AS((void)row.get<std::int64_t>(27), ormc::ResultTypeError);  // NULL
  }
}

TEST_CASE("result formats: infinite timestamps and dates, NaN numerics fail the same in binary") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  ormc_test::TestDatabase db(*backend);
  auto conn = db.engine().connect();
  for (const std::string suffix : {"", ", '{}'::json AS text_please"}) {
    CAPTURE(suffix);
    ormc::Result result =
        conn.prepare(
                "SELECT 'infinity'::timestamptz, '-infinity'::date, 'infinity'::timestamp, "
                "'NaN'::numeric" +
                suffix)
            .query();
    REQUIRE(result.next());
    CHECK_THROWS_AS((void)result.row().get<ormc::Timestamp>(0), ormc::ResultTypeError);
    CHECK_THROWS_AS((void)result.row().get<ormc::Date>(1), ormc::ResultTypeError);
    CHECK_THROWS_AS((void)result.row().get<ormc::Timestamp>(2), ormc::ResultTypeError);
    CHECK_THROWS_AS((void)result.row().get<ormc::Decimal>(3), ormc::ResultTypeError);
    CHECK(std::isnan(result.row().get<double>(3)));
  }
}
