// Every function executed on SQLite and PostgreSQL (test_backends.hpp): the same results on
// both, NULL inputs included.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "item_database.hpp"

using namespace fntest;
using namespace std::chrono;

namespace {

ormc::Timestamp at(ormc::Date day, int h, int m, int s, int us) {
  return ormc::Timestamp(sys_days(day)) + hours(h) + minutes(m) + seconds(s) + microseconds(us);
}

std::vector<Item> three_items() {
  using ormc::Decimal;
  const ormc::Date d1 = year{2024} / 2 / 28;
  const ormc::Date d2 = year{2023} / 12 / 31;
  const ormc::Date d3 = year{2000} / 1 / 1;
  std::vector<Item> items{
      Item{1, "Alpha", "x", 12, 5000000000, 3, 2.5, 1.25, Decimal("2.25"), Decimal("0.125"), d1,
           year{2024} / 3 / 1, at(d1, 23, 59, 58, 123456), true, 1},
      Item{2, "  b\xc3\xa9ta  ", std::nullopt, 7, -3, std::nullopt, -2.5, std::nullopt,
           Decimal("-2.25"), std::nullopt, d2, std::nullopt, at(d2, 0, 0, 0, 1), false, 1},
      Item{3, "gamma", "note", 7, 0, 0, 0.4, std::nullopt, Decimal("1234.50"), Decimal("-7.000"),
           d3, d3, at(d3, 12, 34, 56, 500000), true, 2},
  };
  items[0].clock = hours(7) + minutes(8) + seconds(9) + microseconds(999999);
  return items;
}

template <typename E>
auto column(ItemDatabase& db, E&& e) {
  return ormc::select(std::forward<E>(e)).order_by(item::id).scalars(db.conn);
}

std::vector<std::string> texts(const std::vector<ormc::Decimal>& values) {
  std::vector<std::string> out;
  for (const ormc::Decimal& v : values) out.push_back(v.str());
  return out;
}
std::vector<std::string> texts(const std::vector<std::optional<ormc::Decimal>>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v ? v->str() : "NULL");
  return out;
}

}  // namespace

TEST_CASE("round and abs, decimals exact") {
  FOR_EACH_BACKEND(backend) {
    ItemDatabase db(backend);
    db.insert(three_items());
    CHECK(texts(column(db, ormc::round(item::price, 1))) ==
          std::vector<std::string>{"2.3", "-2.3", "1234.5"});
    CHECK(texts(column(db, ormc::round(item::price))) ==
          std::vector<std::string>{"2", "-2", "1235"});
    CHECK(texts(column(db, ormc::round(item::price, 3))) ==
          std::vector<std::string>{"2.250", "-2.250", "1234.500"});
    CHECK(texts(column(db, ormc::round(item::price, -2))) ==
          std::vector<std::string>{"0", "0", "1200"});
    CHECK(texts(column(db, ormc::round(item::discount, 2))) ==
          std::vector<std::string>{"0.13", "NULL", "-7.00"});
    CHECK(texts(column(db, ormc::abs(item::price))) ==
          std::vector<std::string>{"2.25", "2.25", "1234.50"});
    CHECK(column(db, ormc::round(item::ratio)) == std::vector<double>{3.0, -3.0, 0.0});
    CHECK(column(db, ormc::round(item::ratio, 1)) == std::vector<double>{2.5, -2.5, 0.4});
    CHECK(column(db, ormc::round(item::maybe_ratio, 1)) ==
          std::vector<std::optional<double>>{1.3, std::nullopt, std::nullopt});
    CHECK(column(db, ormc::abs(item::big)) == std::vector<std::int64_t>{5000000000, 3, 0});
    // A computed decimal in a condition, beside an integer.
    CHECK(ormc::select(item::id).where(ormc::abs(item::price) > 3).scalars(db.conn) ==
          std::vector<std::int64_t>{3});
  }
}

TEST_CASE("coalesce and nullif with NULLs") {
  FOR_EACH_BACKEND(backend) {
    ItemDatabase db(backend);
    db.insert(three_items());
    CHECK(column(db, ormc::coalesce(item::maybe_qty, 0)) == std::vector<std::int32_t>{3, 0, 0});
    CHECK(column(db, ormc::coalesce(item::maybe_qty, item::big)) ==
          std::vector<std::int64_t>{3, -3, 0});
    CHECK(column(db, ormc::coalesce(item::note, "none")) ==
          std::vector<std::string>{"x", "none", "note"});
    CHECK(texts(column(db, ormc::coalesce(item::discount, item::price))) ==
          std::vector<std::string>{"0.125", "-2.25", "-7.000"});
    CHECK(texts(column(db, ormc::coalesce(item::discount, 0))) ==
          std::vector<std::string>{"0.125", "0", "-7.000"});
    CHECK(column(db, ormc::nullif(item::qty, 7)) ==
          std::vector<std::optional<std::int32_t>>{12, std::nullopt, std::nullopt});
    CHECK(texts(column(db, ormc::nullif(item::price, ormc::Decimal("2.250")))) ==
          std::vector<std::string>{"NULL", "-2.25", "1234.50"});
    CHECK(ormc::select(item::id)
              .where(ormc::coalesce(item::discount, item::price) < 0)
              .order_by(item::id)
              .scalars(db.conn) == std::vector<std::int64_t>{2, 3});
  }
}

TEST_CASE("string functions, in characters") {
  FOR_EACH_BACKEND(backend) {
    ItemDatabase db(backend);
    db.insert(three_items());
    CHECK(column(db, ormc::lower(item::name)) ==
          std::vector<std::string>{"alpha", "  b\xc3\xa9ta  ", "gamma"});
    CHECK(column(db, ormc::upper(item::note)) ==
          std::vector<std::optional<std::string>>{"X", std::nullopt, "NOTE"});
    CHECK(column(db, ormc::length(item::name)) == std::vector<std::int64_t>{5, 8, 5});
    CHECK(column(db, ormc::trim(item::name)) ==
          std::vector<std::string>{"Alpha", "b\xc3\xa9ta", "gamma"});
    CHECK(column(db, ormc::ltrim(item::name))[1] == "b\xc3\xa9ta  ");
    CHECK(column(db, ormc::rtrim(item::name))[1] == "  b\xc3\xa9ta");
    CHECK(column(db, ormc::substr(ormc::trim(item::name), 2, 2)) ==
          std::vector<std::string>{"lp", "\xc3\xa9t", "am"});
    CHECK(column(db, ormc::substr(item::name, 3)) ==
          std::vector<std::string>{"pha", "b\xc3\xa9ta  ", "mma"});
    CHECK(column(db, ormc::replace(item::name, "a", "4")) ==
          std::vector<std::string>{"Alph4", "  b\xc3\xa9t4  ", "g4mm4"});
    CHECK(column(db, ormc::concat(item::name, "/", item::note)) ==
          std::vector<std::optional<std::string>>{"Alpha/x", std::nullopt, "gamma/note"});
    CHECK(column(db, ormc::concat("<", ormc::cast<std::string>(item::qty), ">")) ==
          std::vector<std::string>{"<12>", "<7>", "<7>"});
    auto joined = ormc::select(item::grp, ormc::string_agg(item::note, ","))
                      .group_by(item::grp)
                      .order_by(item::grp)
                      .all(db.conn);
    REQUIRE(joined.size() == 2);
    CHECK(std::get<1>(joined[0]) == "x");  // the NULL note is skipped
    CHECK(std::get<1>(joined[1]) == "note");
    auto names = ormc::select(ormc::string_agg(item::name, "|")).scalar(db.conn);
    REQUIRE(names.has_value());
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t bar = names->find('|'); bar != std::string::npos;
         bar = names->find('|', start)) {
      parts.push_back(names->substr(start, bar - start));
      start = bar + 1;
    }
    parts.push_back(names->substr(start));
    std::sort(parts.begin(), parts.end());  // the order is unspecified
    CHECK(parts == std::vector<std::string>{"  b\xc3\xa9ta  ", "Alpha", "gamma"});
    // string_agg of no rows is NULL.
    CHECK(ormc::select(ormc::string_agg(item::name, ",")).where(item::id > 9).scalar(db.conn) ==
          std::nullopt);
  }
}

TEST_CASE("cast to each schema type") {
  FOR_EACH_BACKEND(backend) {
    ItemDatabase db(backend);
    db.insert(three_items());
    CHECK(column(db, ormc::cast<std::int64_t>(item::price)) ==
          std::vector<std::int64_t>{2, -2, 1234});
    CHECK(column(db, ormc::cast<std::int32_t>(item::ratio)) == std::vector<std::int32_t>{2, -2, 0});
    CHECK(column(db, ormc::cast<std::int64_t>(item::flag)) == std::vector<std::int64_t>{1, 0, 1});
    CHECK(column(db, ormc::cast<double>(item::price)) == std::vector<double>{2.25, -2.25, 1234.5});
    CHECK(column(db, ormc::cast<std::string>(item::price)) ==
          std::vector<std::string>{"2.25", "-2.25", "1234.50"});
    CHECK(column(db, ormc::cast<std::string>(item::day)) ==
          std::vector<std::string>{"2024-02-28", "2023-12-31", "2000-01-01"});
    CHECK(texts(column(db, ormc::cast<ormc::Decimal>(item::ratio))) ==
          std::vector<std::string>{"2.5", "-2.5", "0.4"});
    CHECK(texts(column(db, ormc::cast<ormc::Decimal>(item::big))) ==
          std::vector<std::string>{"5000000000", "-3", "0"});
    CHECK(column(db, ormc::cast<bool>(item::big)) == std::vector<bool>{true, true, false});
    CHECK(column(db, ormc::cast<ormc::Date>(item::at)) ==
          std::vector<ormc::Date>{year{2024} / 2 / 28, year{2023} / 12 / 31, year{2000} / 1 / 1});
    CHECK(column(db, ormc::cast<ormc::Timestamp>(item::day))[0] ==
          ormc::Timestamp(sys_days(year{2024} / 2 / 28)));
    // From text: numbers, decimals (their scale kept), dates and timestamps.
    CHECK(column(db, ormc::cast<std::int64_t>(ormc::cast<std::string>(item::big))) ==
          std::vector<std::int64_t>{5000000000, -3, 0});
    CHECK(column(db, ormc::cast<double>(ormc::cast<std::string>(item::price))) ==
          std::vector<double>{2.25, -2.25, 1234.5});
    CHECK(texts(column(db, ormc::cast<ormc::Decimal>(ormc::cast<std::string>(item::price)))) ==
          std::vector<std::string>{"2.25", "-2.25", "1234.50"});
    CHECK(column(db, ormc::cast<ormc::Date>(ormc::cast<std::string>(item::day))) ==
          std::vector<ormc::Date>{year{2024} / 2 / 28, year{2023} / 12 / 31, year{2000} / 1 / 1});
    CHECK(column(db, ormc::cast<ormc::Timestamp>(ormc::concat(ormc::cast<std::string>(item::day),
                                                              " 10:20:30.000004")))[1] ==
          at(year{2023} / 12 / 31, 10, 20, 30, 4));
    // NULL stays NULL.
    CHECK(column(db, ormc::cast<std::string>(item::maybe_qty)) ==
          std::vector<std::optional<std::string>>{"3", std::nullopt, "0"});
  }
}

TEST_CASE("dates and times: fields, arithmetic, the current date") {
  FOR_EACH_BACKEND(backend) {
    ItemDatabase db(backend);
    db.insert(three_items());
    CHECK(column(db, ormc::year(item::day)) == std::vector<std::int32_t>{2024, 2023, 2000});
    CHECK(column(db, ormc::month(item::at)) == std::vector<std::int32_t>{2, 12, 1});
    CHECK(column(db, ormc::day(item::maybe_day)) ==
          std::vector<std::optional<std::int32_t>>{1, std::nullopt, 1});
    CHECK(column(db, ormc::hour(item::at)) == std::vector<std::int32_t>{23, 0, 12});
    CHECK(column(db, ormc::minute(item::at)) == std::vector<std::int32_t>{59, 0, 34});
    CHECK(column(db, ormc::second(item::at)) == std::vector<std::int32_t>{58, 0, 56});
    CHECK(column(db, ormc::hour(item::clock)) ==
          std::vector<std::optional<std::int32_t>>{7, std::nullopt, std::nullopt});
    CHECK(column(db, ormc::minute(item::clock))[0] == 8);
    CHECK(column(db, ormc::second(item::clock))[0] == 9);  // whole seconds, not rounded
    // 2024 is a leap year: Feb 28 + 1 day is Feb 29, + 2 is Mar 1.
    CHECK(column(db, ormc::add_days(item::day, 1)) ==
          std::vector<ormc::Date>{year{2024} / 2 / 29, year{2024} / 1 / 1, year{2000} / 1 / 2});
    CHECK(column(db, ormc::add_days(item::day, -365))[0] == year{2023} / 2 / 28);
    // The microseconds of a timestamp are kept.
    CHECK(column(db, ormc::add_days(item::at, 2))[0] == at(year{2024} / 3 / 1, 23, 59, 58, 123456));
    CHECK(column(db, ormc::add_seconds(item::at, 3))[0] ==
          at(year{2024} / 2 / 29, 0, 0, 1, 123456));
    CHECK(column(db, ormc::add_seconds(item::at, -1))[1] ==
          at(year{2023} / 12 / 30, 23, 59, 59, 1));
    CHECK(column(db, ormc::add_days(item::maybe_day, item::qty)) ==
          std::vector<std::optional<ormc::Date>>{year{2024} / 3 / 13, std::nullopt,
                                                 year{2000} / 1 / 8});
    CHECK(column(db, ormc::days_between(item::maybe_day, item::day)) ==
          std::vector<std::optional<std::int32_t>>{2, std::nullopt, 0});
    CHECK(ormc::select(item::id)
              .where(item::day < ormc::add_days(ormc::cast<ormc::Date>(item::at), 0) ||
                     ormc::add_days(item::day, 1) == year{2024} / 2 / 29)
              .scalars(db.conn) == std::vector<std::int64_t>{1});
    // The current date and time, in UTC, against this machine's clock.
    const auto now = system_clock::now();
    const ormc::Date today = ormc::select(ormc::current_date()).scalar(db.conn);
    const ormc::Date utc_today(floor<days>(now));
    CHECK(sys_days(today) >= sys_days(utc_today) - days(1));
    CHECK(sys_days(today) <= sys_days(utc_today) + days(1));
    const ormc::Timestamp stamp = ormc::select(ormc::current_timestamp()).scalar(db.conn);
    CHECK(stamp > time_point_cast<microseconds>(now) - minutes(5));
    CHECK(stamp < time_point_cast<microseconds>(now) + minutes(5));
  }
}

TEST_CASE("case_when with unified branches and NULLs") {
  FOR_EACH_BACKEND(backend) {
    ItemDatabase db(backend);
    db.insert(three_items());
    CHECK(column(db,
                 ormc::case_when(item::qty > 10, item::big).when(item::flag, 1).else_(item::qty)) ==
          std::vector<std::int64_t>{5000000000, 7, 1});
    CHECK(column(db, ormc::case_when(item::flag, "yes").else_("no")) ==
          std::vector<std::string>{"yes", "no", "yes"});
    CHECK(column(db, ormc::case_when(item::flag, item::note).else_(std::nullopt)) ==
          std::vector<std::optional<std::string>>{"x", std::nullopt, "note"});
    CHECK(column(db, ormc::case_when(item::qty > 10, 1).end()) ==
          std::vector<std::optional<int>>{1, std::nullopt, std::nullopt});
    CHECK(texts(column(db, ormc::case_when(item::price < 0, 0).else_(item::price))) ==
          std::vector<std::string>{"2.25", "0", "1234.50"});
    CHECK(texts(column(db, ormc::case_when(item::flag, item::discount).else_(item::price))) ==
          std::vector<std::string>{"0.125", "-2.25", "-7.000"});
    // A decimal CASE in a comparison and a sum, exact.
    CHECK(ormc::select(ormc::sum(ormc::case_when(item::flag, item::price).else_(0)))
              .scalar(db.conn)
              ->str() == "1236.75");
  }
}

TEST_CASE("window functions: ranking, top N per group, running aggregates") {
  FOR_EACH_BACKEND(backend) {
    ItemDatabase db(backend);
    std::vector<Item> items = three_items();
    items.push_back(Item{4, "delta", std::nullopt, 12, 4, std::nullopt, 1.0, std::nullopt,
                         ormc::Decimal("0.10"), std::nullopt, year{2001} / 1 / 1, std::nullopt,
                         ormc::Timestamp{}, false, 2});
    items.push_back(Item{5, "eps", std::nullopt, 1, 5, std::nullopt, 1.0, std::nullopt,
                         ormc::Decimal("0.05"), std::nullopt, year{2001} / 1 / 1, std::nullopt,
                         ormc::Timestamp{}, false, 2});
    db.insert(items);
    // Number the items of each group by qty (ties by id), largest first.
    auto numbered =
        ormc::select(item::id, ormc::row_number().over(ormc::partition_by(item::grp).order_by(
                                   item::qty.desc(), item::id)))
            .order_by(item::id)
            .all(db.conn);
    using Row = std::tuple<std::int64_t, std::int64_t>;
    CHECK(numbered == std::vector<Row>{{1, 1}, {2, 2}, {3, 2}, {4, 1}, {5, 3}});
    // The top 2 per group: what a derived table filtered by rn <= 2 returns.
    std::vector<std::int64_t> top;
    for (const auto& [id, rn] : numbered)
      if (rn <= 2) top.push_back(id);
    CHECK(top == std::vector<std::int64_t>{1, 2, 3, 4});
    CHECK(column(db, ormc::rank().over(ormc::window().order_by(item::qty.desc()))) ==
          std::vector<std::int64_t>{1, 3, 3, 1, 5});
    CHECK(column(db, ormc::dense_rank().over(ormc::window().order_by(item::qty.desc()))) ==
          std::vector<std::int64_t>{1, 2, 2, 1, 3});
    CHECK(column(db, ormc::count_all().over(ormc::partition_by(item::grp))) ==
          std::vector<std::int64_t>{2, 2, 3, 3, 3});
    CHECK(column(db, ormc::count(item::note).over(ormc::partition_by(item::grp))) ==
          std::vector<std::int64_t>{1, 1, 1, 1, 1});
    CHECK(column(db, ormc::sum(item::qty).over(ormc::window().order_by(item::id))) ==
          std::vector<std::optional<std::int64_t>>{12, 19, 26, 38, 39});
    CHECK(texts(column(
              db, ormc::sum(item::price).over(ormc::partition_by(item::grp).order_by(item::id)))) ==
          std::vector<std::string>{"2.25", "0.00", "1234.50", "1234.60", "1234.65"});
    CHECK(texts(column(db, ormc::avg(item::price).over(ormc::partition_by(item::grp)))) ==
          std::vector<std::string>{"0.00000000000000000000", "0.00000000000000000000",
                                   "411.5500000000000000", "411.5500000000000000",
                                   "411.5500000000000000"});
    CHECK(texts(column(db, ormc::min(item::price).over(ormc::partition_by(item::grp)))) ==
          std::vector<std::string>{"-2.25", "-2.25", "0.05", "0.05", "0.05"});
    CHECK(texts(column(db, ormc::max(item::price).over(ormc::window()))) ==
          std::vector<std::string>{"1234.50", "1234.50", "1234.50", "1234.50", "1234.50"});
    // Group 2 only: group 1's names ("Alpha", "  béta  ") order by the server's collation.
    const auto names = column(db, ormc::max(item::name).over(ormc::partition_by(item::grp)));
    CHECK(std::vector<std::optional<std::string>>(names.begin() + 2, names.end()) ==
          std::vector<std::optional<std::string>>{"gamma", "gamma", "gamma"});
  }
}
