// One model with a column of every type the SQL functions take, nullable and not, written
// by hand in the shape `ormc generate` emits, for the function tests (tests/functions) and
// the compile-fail snippets.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ormc/model.hpp"
#include "ormc/types.hpp"

namespace fntest {

/// A row of every type.
struct Item {
  std::int64_t id{};
  std::string name{};
  std::optional<std::string> note{};
  std::int32_t qty{};
  std::int64_t big{};
  std::optional<std::int32_t> maybe_qty{};
  double ratio{};
  std::optional<double> maybe_ratio{};
  ormc::Decimal price = 0;                  // decimal(12, 2)
  std::optional<ormc::Decimal> discount{};  // decimal(12, 3)
  ormc::Date day{};
  std::optional<ormc::Date> maybe_day{};
  ormc::Timestamp at{};
  bool flag = false;
  std::int64_t grp{};
  std::optional<ormc::Time> clock{};
};

namespace item {
inline constexpr ormc::Column<Item, std::int64_t, 0> id{&Item::id, "id", {.primary_key = true}};
inline constexpr ormc::Column<Item, std::string, 1> name{&Item::name, "name"};
inline constexpr ormc::Column<Item, std::optional<std::string>, 2> note{
    &Item::note, "note", {.nullable = true}};
inline constexpr ormc::Column<Item, std::int32_t, 3> qty{&Item::qty, "qty"};
inline constexpr ormc::Column<Item, std::int64_t, 4> big{&Item::big, "big"};
inline constexpr ormc::Column<Item, std::optional<std::int32_t>, 5> maybe_qty{
    &Item::maybe_qty, "maybe_qty", {.nullable = true}};
inline constexpr ormc::Column<Item, double, 6> ratio{&Item::ratio, "ratio"};
inline constexpr ormc::Column<Item, std::optional<double>, 7> maybe_ratio{
    &Item::maybe_ratio, "maybe_ratio", {.nullable = true}};
inline constexpr ormc::Column<Item, ormc::Decimal, 8> price{
    &Item::price, "price", {.scale = 2, .precision = 12}};
inline constexpr ormc::Column<Item, std::optional<ormc::Decimal>, 9> discount{
    &Item::discount, "discount", {.nullable = true, .scale = 3, .precision = 12}};
inline constexpr ormc::Column<Item, ormc::Date, 10> day{&Item::day, "day"};
inline constexpr ormc::Column<Item, std::optional<ormc::Date>, 11> maybe_day{
    &Item::maybe_day, "maybe_day", {.nullable = true}};
inline constexpr ormc::Column<Item, ormc::Timestamp, 12> at{&Item::at, "at"};
inline constexpr ormc::Column<Item, bool, 13> flag{&Item::flag, "flag"};
inline constexpr ormc::Column<Item, std::int64_t, 14> grp{&Item::grp, "grp"};
inline constexpr ormc::Column<Item, std::optional<ormc::Time>, 15> clock{
    &Item::clock, "clock", {.nullable = true}};
}  // namespace item

}  // namespace fntest

template <>
struct ormc::model_traits<fntest::Item> {
  static constexpr std::string_view table_name = "items";
  static constexpr std::string_view model_name = "Item";
  using columns =
      ormc::column_list<fntest::item::id, fntest::item::name, fntest::item::note, fntest::item::qty,
                        fntest::item::big, fntest::item::maybe_qty, fntest::item::ratio,
                        fntest::item::maybe_ratio, fntest::item::price, fntest::item::discount,
                        fntest::item::day, fntest::item::maybe_day, fntest::item::at,
                        fntest::item::flag, fntest::item::grp, fntest::item::clock>;
  static constexpr std::array<std::size_t, 1> primary_key{0};
  static constexpr int autoincrement = -1;
  static constexpr int dependency_rank = 0;
};
