// Dates, times and timestamps at the limits ormc stores on both backends (the years
// 1..9999; 00:00 to 23:59:59.999999), naive and aware timestamps; years outside refused.
// Through every write and read path on every backend; the schema's temporal and text
// defaults reaching both databases unchanged.
#include <chrono>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/types.hpp"
#include "value_paths.hpp"
#include "values.orm.hpp"

using namespace values;
using namespace std::chrono_literals;
using values_test::Kept;
using values_test::Refused;

namespace {

ormc::Date date(int y, unsigned m, unsigned d) {
  return ormc::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

ormc::Timestamp at(int y, unsigned m, unsigned d, std::chrono::microseconds time_of_day = {}) {
  return std::chrono::sys_days{date(y, m, d)} + time_of_day;
}

constexpr auto last_microsecond = 23h + 59min + 59s + 999999us;

std::vector<Kept<ormc::Timestamp>> kept_timestamps() {
  return {
      {"0001-01-01 00:00:00", at(1, 1, 1)},
      {"9999-12-31 23:59:59.999999", at(9999, 12, 31, last_microsecond)},
      {"1970-01-01 (the Unix epoch)", at(1970, 1, 1)},
      {"2000-01-01 (PostgreSQL's epoch)", at(2000, 1, 1)},
      {"1969-12-31 23:59:59.999999 (before the epoch)", at(1969, 12, 31, last_microsecond)},
      {"1582-10-10 (the Julian gap: proleptic Gregorian)", at(1582, 10, 10, 12h)},
      {"2024-02-29 12:00:00.000001", at(2024, 2, 29, 12h + 1us)},
  };
}

std::vector<Refused<ormc::Timestamp>> refused_timestamps() {
  return {
      {"10000-01-01", at(10000, 1, 1), "in the year 10000 is outside the years 1..9999"},
      {"0000-12-31 23:59:59 (1 BC)", at(0, 12, 31, 23h + 59min + 59s),
       "in the year 0 is outside the years 1..9999"},
      {"-1000-01-01", at(-1000, 1, 1), "in the year -1000 is outside"},
  };
}

}  // namespace

TEST_CASE("dates from 0001-01-01 to 9999-12-31, other years refused") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<DateRow>(db, date_row::id, date_row::v, date_row::n,
                                                   date(2024, 1, 1));
    table.check_kept({{"0001-01-01", date(1, 1, 1)},
                      {"9999-12-31", date(9999, 12, 31)},
                      {"1970-01-01", date(1970, 1, 1)},
                      {"2000-02-29", date(2000, 2, 29)},
                      {"1582-10-10", date(1582, 10, 10)}});
    table.check_refused(
        {{"10000-01-01", date(10000, 1, 1), "the Date in the year 10000 is outside the years"},
         {"0000-01-01", date(0, 1, 1), "the Date in the year 0 is outside the years 1..9999"},
         {"2023-02-29", date(2023, 2, 29), "the Date is not a valid calendar day"}});
    table.check_nullable(date(9999, 12, 31));
  }
}

TEST_CASE("times from 00:00 to 23:59:59.999999, others refused") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<TimeRow>(db, time_row::id, time_row::v, time_row::n,
                                                   ormc::Time{1h});
    table.check_kept({{"00:00", ormc::Time{0}},
                      {"23:59:59.999999", ormc::Time{last_microsecond}},
                      {"12:00:00.000001", ormc::Time{12h + 1us}}});
    table.check_refused({{"24:00", ormc::Time{24h}, "is not a time of day (0 <= time < 24 h)"},
                         {"-1 us", ormc::Time{-1us}, "is not a time of day"}});
    table.check_nullable(ormc::Time{0});
  }
}

TEST_CASE("timestamp (naive, UTC by convention) at the limits, other years refused") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<TimestampRow>(db, timestamp_row::id, timestamp_row::v,
                                                        timestamp_row::n, at(2024, 1, 1));
    table.check_kept(kept_timestamps());
    table.check_refused(refused_timestamps());
    table.check_nullable(at(1, 1, 1));
  }
}

TEST_CASE("timestamptz (an instant, read back in UTC) at the limits, other years refused") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<TimestamptzRow>(
        db, timestamptz_row::id, timestamptz_row::v, timestamptz_row::n, at(2024, 1, 1));
    table.check_kept(kept_timestamps());
    table.check_refused(refused_timestamps());
    table.check_nullable(at(9999, 12, 31, last_microsecond));
  }
}

TEST_CASE("text with an offset written by raw SQL into timestamp and timestamptz") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    const std::string text = "2024-01-01 10:00:00+02:00";
    conn.execute_raw("INSERT INTO timestamptz_row (id, v) VALUES (1, :v)", {{"v", text}});
    // An aware column: the instant, 08:00 UTC, on both.
    CHECK(conn.query<ormc::Timestamp>("SELECT v FROM timestamptz_row") ==
          std::vector<ormc::Timestamp>{at(2024, 1, 1, 8h)});
    // A naive column: PostgreSQL drops the offset (10:00); SQLite stores the text as
    // written and ormc reads it as the instant it names (08:00). A difference ormc cannot
    // see in a string bound to raw SQL: bind an ormc::Timestamp (docs/values.md).
    conn.execute_raw("INSERT INTO timestamp_row (id, v) VALUES (1, :v)", {{"v", text}});
    CHECK(conn.query<ormc::Timestamp>("SELECT v FROM timestamp_row") ==
          std::vector<ormc::Timestamp>{db.postgresql() ? at(2024, 1, 1, 10h) : at(2024, 1, 1, 8h)});
  }
}

TEST_CASE("schema defaults reach both databases unchanged (CR in text, year 9999)") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    conn.execute_raw("INSERT INTO defaults (id) VALUES (1)");
    const Defaults stored = ormc::select<Defaults>().one(conn);
    CHECK(stored.crlf == "one\r\ntwo\rthree");
    CHECK(stored.last == at(9999, 12, 31, last_microsecond));
    CHECK(stored.tz == at(2024, 3, 1, 1h));  // 23:30 at -01:30 is 01:00 UTC the next day
    // The C++ initializers hold the same values.
    const Defaults fresh{};
    CHECK(fresh.crlf == stored.crlf);
    CHECK(fresh.last == stored.last);
    CHECK(fresh.tz == stored.tz);
  }
}

TEST_CASE("what PostgreSQL alone stores, written by SQL, reads back or fails clearly") {
  FOR_EACH_BACKEND(backend) {
    if (!backend.postgresql()) continue;
    ormc_test::TestDatabase db(backend);
    ormc::Connection conn = db.engine().connect();
    // 24:00:00 is a PostgreSQL time; ormc reads it as 24 h (and would not bind it back).
    CHECK(conn.query<ormc::Time>("SELECT CAST('24:00:00' AS time)") ==
          std::vector<ormc::Time>{ormc::Time{24h}});
    // Years past 9999 read, in binary and in text.
    CHECK(conn.query<ormc::Date>("SELECT CAST('10000-01-01' AS date)") ==
          std::vector<ormc::Date>{date(10000, 1, 1)});
    // (A json column makes the whole result text: libpq has one format for all columns.)
    CHECK(conn.query<std::tuple<ormc::Timestamp, ormc::Json>>(
              "SELECT CAST('12345-06-07 08:09:10' AS timestamp), CAST('[]' AS json)") ==
          std::vector<std::tuple<ormc::Timestamp, ormc::Json>>{
              {at(12345, 6, 7, 8h + 9min + 10s), ormc::Json{"[]"}}});
    // Infinity has no ormc::Timestamp.
    CHECK_THROWS_AS((void)conn.query<ormc::Timestamp>("SELECT CAST('infinity' AS timestamp)"),
                    ormc::ResultTypeError);
  }
}
