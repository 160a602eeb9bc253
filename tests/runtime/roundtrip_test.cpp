// Every column type bound and read back, NULLs, the text forms of dates and times, and
// the errors of reading a value into a type that cannot hold it; on every backend.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include <doctest/doctest.h>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "runtime_model.hpp"
#include "support/test_backends.hpp"

using namespace std::chrono_literals;
using ormc_test::placeholders;
using ormc_test::TestDatabase;

namespace {

ormc::Timestamp make_timestamp(int y, unsigned mo, unsigned d, std::chrono::microseconds tod) {
  return ormc::Timestamp{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{mo} /
                                               std::chrono::day{d}}} +
         tod;
}

// SELECT of one bound value, read back as T. On PostgreSQL the parameter is cast to
// `pg_type`, so the value travels as that type both ways (an uncast `SELECT $1` is text);
// SQLite stores what was bound.
template <typename T, typename V>
T echo(ormc::Connection& conn, const V& value, std::string_view pg_type) {
  const std::string sql = conn.dialect().kind() == ormc::DialectKind::postgresql
                              ? "SELECT CAST($1 AS " + std::string(pg_type) + ")"
                              : placeholders(conn.dialect(), "SELECT $");
  return conn.prepare(sql).bind(1, value).query().template scalar<T>();
}

}  // namespace

TEST_CASE("roundtrip: scalar values through a bound parameter") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());  // the role enum type, on PostgreSQL
    auto conn = db.engine().connect();
    CHECK(echo<std::int64_t>(conn, std::int64_t{9'007'199'254'740'993}, "bigint") ==
          9'007'199'254'740'993);
    CHECK(echo<std::int16_t>(conn, std::int16_t{-32768}, "smallint") == -32768);
    CHECK(echo<std::int32_t>(conn, 2'147'483'647, "integer") == 2'147'483'647);
    CHECK(echo<double>(conn, 0.1, "double precision") == 0.1);
    CHECK(echo<float>(conn, 1.5f, "real") == 1.5f);
    CHECK(echo<bool>(conn, true, "boolean"));
    CHECK_FALSE(echo<bool>(conn, false, "boolean"));
    CHECK(echo<std::string>(conn, std::string("héllo 'quoted'"), "text") == "héllo 'quoted'");
    CHECK(echo<std::string>(conn, std::string(), "text").empty());
    CHECK(echo<rt::Role>(conn, rt::Role::editor, "role") == rt::Role::editor);
    CHECK(echo<std::optional<std::int64_t>>(conn, std::optional<std::int64_t>(), "bigint") ==
          std::nullopt);
    CHECK(echo<std::optional<std::string>>(conn, std::nullopt, "text") == std::nullopt);
    CHECK(echo<std::optional<std::int32_t>>(conn, std::optional<std::int32_t>(5), "integer") == 5);
  }
}

TEST_CASE("roundtrip: a row of every type into a model, and NULLs") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();

    rt::Sample in;
    in.small = -12;
    in.medium = 1'000'000;
    in.ratio = 0.25f;
    in.measure = -3.5e100;
    in.flag = true;
    in.label = "label with 'quotes' and \"doubles\"";
    in.data = {std::byte{0}, std::byte{0xff}, std::byte{0x10}};
    in.amount = ormc::Decimal("12345678901234567890.12");  // 22 digits: beyond a double
    in.day = std::chrono::year{2024} / 2 / 29;
    in.at = 23h + 59min + 59s + 999'999us;
    in.stamp = make_timestamp(2024, 3, 1, 12h + 34min + 56s + 123'456us);
    in.uid = *ormc::Uuid::parse("123e4567-e89b-12d3-a456-426614174000");
    in.doc = ormc::Json{R"({"a": [1, 2, 3]})"};
    in.role = rt::Role::admin;
    in.maybe_count = 7;
    in.maybe_label = std::nullopt;
    in.maybe_stamp = make_timestamp(1999, 12, 31, 0us);
    in.maybe_amount = std::nullopt;
    in.maybe_role = rt::Role::editor;

    std::string sql =
        "INSERT INTO samples (small, medium, ratio, measure, flag, label, data, "
        "amount, day, at, stamp, uid, doc, role, maybe_count, maybe_label, "
        "maybe_stamp, maybe_amount, maybe_role) VALUES "
        "($, $, $, $, $, $, $, $, $, $, $, $, $, $, $, $, $, $, $) RETURNING id";
    in.id =
        conn.prepare(placeholders(conn.dialect(), sql))
            .bind_all(in.small, in.medium, in.ratio, in.measure, in.flag, in.label, in.data,
                      in.amount, in.day, in.at, in.stamp, in.uid, in.doc, in.role, in.maybe_count,
                      in.maybe_label, in.maybe_stamp, in.maybe_amount, in.maybe_role)
            .query()
            .scalar<std::int64_t>();

    const auto out = conn.prepare("SELECT * FROM samples").query().one<rt::Sample>();
    CHECK(out.id == in.id);
    CHECK(out.small == in.small);
    CHECK(out.medium == in.medium);
    CHECK(out.ratio == in.ratio);
    CHECK(out.measure == in.measure);
    CHECK(out.flag == in.flag);
    CHECK(out.label == in.label);
    CHECK(out.data == in.data);
    CHECK(out.amount.str() == "12345678901234567890.12");
    CHECK(out.day == in.day);
    CHECK(out.at == in.at);
    CHECK(out.stamp == in.stamp);
    CHECK(out.uid == in.uid);
    CHECK(out.doc == in.doc);
    CHECK(out.role == in.role);
    CHECK(out.maybe_count == 7);
    CHECK_FALSE(out.maybe_label.has_value());
    CHECK(out.maybe_stamp == in.maybe_stamp);
    CHECK_FALSE(out.maybe_amount.has_value());
    CHECK(out.maybe_role == rt::Role::editor);
  }
}

TEST_CASE("roundtrip: stored text forms of dates and times") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    // SQLite stores the text ormc binds; PostgreSQL parses it into its own type, and its
    // canonical text (read through a cast to text) must be the same value.
    auto text = [&](const auto& value, std::string_view pg_type) {
      const std::string sql = backend.postgresql()
                                  ? "SELECT CAST(CAST($1 AS " + std::string(pg_type) + ") AS text)"
                                  : "SELECT ?1";
      return conn.prepare(sql).bind(1, value).query().template scalar<std::string>();
    };
    const auto stamp = make_timestamp(2024, 3, 1, 1h + 2min + 3s + 4us);
    CHECK(text(stamp, "timestamp") == "2024-03-01 01:02:03.000004");
    CHECK(text(ormc::Date{std::chrono::year{7} / 1 / 2}, "date") == "0007-01-02");
    // PostgreSQL prints no fraction when it is zero.
    CHECK(text(ormc::Time{13h + 5min}, "time") ==
          (backend.postgresql() ? "13:05:00" : "13:05:00.000000"));
    CHECK(text(ormc::Decimal("-0.50"), "numeric") == "-0.50");
    CHECK(text(*ormc::Uuid::parse("123E4567E89B12D3A456426614174000"), "uuid") ==
          "123e4567-e89b-12d3-a456-426614174000");
  }
}

TEST_CASE("roundtrip: timestamps are read with any number of fraction digits") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    // Text read as a Timestamp: the same parser on both backends (PostgreSQL: a text
    // column; its own timestamp columns are checked below and in the model roundtrip).
    auto read = [&](const char* text) {
      return echo<ormc::Timestamp>(conn, std::string(text), "text");
    };
    const auto base = make_timestamp(2024, 3, 1, 12h + 34min + 56s);
    CHECK(read("2024-03-01 12:34:56") == base);
    CHECK(read("2024-03-01T12:34:56Z") == base);
    CHECK(read("2024-03-01 12:34:56.5") == base + 500ms);
    CHECK(read("2024-03-01 12:34:56.123") == base + 123ms);
    CHECK(read("2024-03-01 12:34:56.123456789") == base + 123456us);
    CHECK(read("2024-03-01 14:34:56+02:00") == base);
    CHECK(read("2024-03-01") == make_timestamp(2024, 3, 1, 0us));
    CHECK(echo<ormc::Time>(conn, std::string("08:30"), "text") == 8h + 30min);
    // The database's own clock produces what ormc reads.
    const char* now_sql = backend.postgresql() ? "SELECT LOCALTIMESTAMP"
                                               : "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')";
    const auto now = conn.prepare(now_sql).query().scalar<ormc::Timestamp>();
    CHECK(std::chrono::abs(now - std::chrono::time_point_cast<std::chrono::microseconds>(
                                     std::chrono::system_clock::now())) < 1min);
    CHECK_NOTHROW((void)conn.prepare("SELECT CURRENT_TIMESTAMP").query().scalar<ormc::Timestamp>());
    if (backend.postgresql()) {
      // timestamptz in a session of TimeZone=UTC, and a timestamp with a fraction of 1 digit.
      CHECK(conn.prepare("SELECT CAST('2024-03-01 14:34:56+02' AS timestamptz)")
                .query()
                .scalar<ormc::Timestamp>() == base);
      CHECK(conn.prepare("SELECT CAST('2024-03-01 12:34:56.5' AS timestamp)")
                .query()
                .scalar<ormc::Timestamp>() == base + 500ms);
    }
  }
}

TEST_CASE("roundtrip: type mismatches and NULLs are ResultTypeErrors naming the column") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    const bool pg = backend.postgresql();
    CHECK_THROWS_WITH_AS((void)conn.prepare("SELECT NULL AS age").query().scalar<std::int32_t>(),
                         doctest::Contains("(\"age\") is NULL"), ormc::ResultTypeError);
    CHECK_THROWS_WITH_AS(
        (void)conn.prepare("SELECT CAST('abc' AS TEXT) AS n").query().scalar<std::int64_t>(),
        doctest::Contains(pg ? "'abc'" : "TEXT 'abc'"), ormc::ResultTypeError);
    CHECK_THROWS_WITH_AS((void)conn.prepare("SELECT 70000 AS s").query().scalar<std::int16_t>(),
                         doctest::Contains("out of its range"), ormc::ResultTypeError);
    CHECK_THROWS_WITH_AS((void)conn.prepare("SELECT CAST(1.5 AS DOUBLE PRECISION) AS n")
                             .query()
                             .scalar<std::int64_t>(),
                         doctest::Contains(pg ? "1.5" : "REAL 1.5"), ormc::ResultTypeError);
    CHECK_THROWS_AS((void)conn.prepare("SELECT 12 AS s").query().scalar<std::string>(),
                    ormc::ResultTypeError);
    CHECK_THROWS_WITH_AS(
        (void)conn.prepare("SELECT CAST('boss' AS TEXT) AS role").query().scalar<rt::Role>(),
        doctest::Contains("admin, editor, reader"), ormc::ResultTypeError);
    CHECK_THROWS_AS(
        (void)conn.prepare("SELECT CAST('2024-13-01' AS TEXT)").query().scalar<ormc::Date>(),
        ormc::ResultTypeError);
    CHECK_THROWS_AS(
        (void)conn.prepare("SELECT CAST('12.5.1' AS TEXT)").query().scalar<ormc::Decimal>(),
        ormc::ResultTypeError);
    // An integral average of integers reads as an integer (SQLite: a REAL; PostgreSQL: a
    // numeric 3.0000000000000000); numbers read as Decimal.
    CHECK(conn.prepare("SELECT avg(x) FROM (SELECT 2 AS x UNION ALL SELECT 4) AS v")
              .query()
              .scalar<int>() == 3);
    CHECK_THROWS_AS((void)conn.prepare("SELECT avg(x) FROM (SELECT 2 AS x UNION ALL SELECT 5) AS v")
                        .query()
                        .scalar<int>(),
                    ormc::ResultTypeError);
    CHECK(conn.prepare("SELECT 2.5").query().scalar<ormc::Decimal>() == ormc::Decimal("2.5"));
    CHECK(conn.prepare("SELECT 25").query().scalar<ormc::Decimal>().str() == "25");
  }
}

TEST_CASE("roundtrip: Value reads whatever is stored") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    // A blob literal is X'..' on SQLite; on PostgreSQL that is a bit string, and bytea is
    // written '\x..'.
    const std::string sql = backend.postgresql()
                                ? "SELECT 1, CAST(2.5 AS DOUBLE PRECISION), CAST('x' AS TEXT), "
                                  "CAST('\\x00ff' AS bytea), NULL"
                                : "SELECT 1, CAST(2.5 AS DOUBLE PRECISION), 'x', x'00ff', NULL";
    const auto row =
        conn.prepare(sql)
            .query()
            .one<std::tuple<ormc::Value, ormc::Value, ormc::Value, ormc::Value, ormc::Value>>();
    CHECK(std::get<std::int64_t>(std::get<0>(row)) == 1);
    CHECK(std::get<double>(std::get<1>(row)) == 2.5);
    CHECK(std::get<std::string>(std::get<2>(row)) == "x");
    CHECK(std::get<ormc::Bytes>(std::get<3>(row)) == ormc::Bytes{std::byte{0}, std::byte{0xff}});
    CHECK(std::holds_alternative<std::monostate>(std::get<4>(row)));
    if (backend.postgresql()) {
      // PostgreSQL's column types carry more: each reads as its own kind of Value.
      const auto typed = conn.prepare(
                                 "SELECT CAST(2.50 AS numeric), CAST('2024-02-29' AS date), "
                                 "CAST('123e4567-e89b-12d3-a456-426614174000' AS uuid), TRUE")
                             .query()
                             .one<std::tuple<ormc::Value, ormc::Value, ormc::Value, ormc::Value>>();
      CHECK(std::get<ormc::Decimal>(std::get<0>(typed)).str() == "2.50");
      CHECK(std::get<ormc::Date>(std::get<1>(typed)) ==
            ormc::Date{std::chrono::year{2024} / 2 / 29});
      CHECK(std::get<ormc::Uuid>(std::get<2>(typed)) ==
            *ormc::Uuid::parse("123e4567-e89b-12d3-a456-426614174000"));
      CHECK(std::get<bool>(std::get<3>(typed)));
    }
  }
}
