// Decimal window aggregates over thousands of rows, exact on both databases: a running sum,
// moving sums and averages over frames whose values leave again (SQLite's xInverse), with
// values of two scales, compared digit for digit (scale included) with ormc::Decimal.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "item_database.hpp"

using namespace fntest;

namespace {

constexpr int kRows = 5000;
constexpr std::uint32_t kPreceding = 9;

// Deterministic values of every sign and size: cents with two digits, and every third row
// a discount with three (so a frame holds one scale or both).
std::vector<Item> decimal_items() {
  std::vector<Item> items;
  items.reserve(kRows);
  std::uint64_t x = 12345;
  for (int i = 1; i <= kRows; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto cents = static_cast<std::int64_t>((x >> 20) % 2000000) - 1000000;
    const auto mills = static_cast<std::int64_t>((x >> 40) % 200000) - 100000;
    Item item{};
    item.id = i;
    item.name = "row";
    item.price = ormc::Decimal::divide(ormc::Decimal(cents), ormc::Decimal(100), 2);
    if (i % 3 == 0)
      item.discount = ormc::Decimal::divide(ormc::Decimal(mills), ormc::Decimal(1000), 3);
    item.day = std::chrono::year{2024} / 1 / 1;
    item.grp = i % 7;
    items.push_back(item);
  }
  return items;
}

}  // namespace

TEST_CASE("decimal window aggregates over 5000 rows are exact") {
  const std::vector<Item> items = decimal_items();
  // The expected values, computed with ormc::Decimal (PostgreSQL's numeric rules).
  std::vector<std::string> running;
  std::vector<std::string> moving_sum;
  std::vector<std::string> moving_avg;
  ormc::Decimal total;
  for (std::size_t i = 0; i < items.size(); ++i) {
    total = i == 0 ? items[i].price : total + items[i].price;
    running.push_back(total.str());
    const std::size_t first = i >= kPreceding ? i - kPreceding : 0;
    ormc::Decimal sum = items[first].discount.value_or(items[first].price);
    for (std::size_t j = first + 1; j <= i; ++j)
      sum = sum + items[j].discount.value_or(items[j].price);
    moving_sum.push_back(sum.str());
    moving_avg.push_back((sum / ormc::Decimal(static_cast<std::int64_t>(i - first + 1))).str());
  }

  FOR_EACH_BACKEND(backend) {
    ItemDatabase db(backend);
    db.insert(items);
    auto texts = [](const std::vector<std::optional<ormc::Decimal>>& values) {
      std::vector<std::string> out;
      out.reserve(values.size());
      for (const auto& v : values) out.push_back(v ? v->str() : "NULL");
      return out;
    };
    const auto order = [] { return ormc::window().order_by(item::id); };
    const auto by_id = [&](auto e) {
      return texts(ormc::select(std::move(e)).order_by(item::id).scalars(db.conn));
    };
    CHECK(by_id(ormc::sum(item::price).over(order())) == running);
    const auto value = ormc::coalesce(item::discount, item::price);
    CHECK(by_id(ormc::sum(value).over(order().rows_preceding(kPreceding))) == moving_sum);
    CHECK(by_id(ormc::avg(value).over(order().rows_preceding(kPreceding))) == moving_avg);
    // The whole-table aggregate agrees with the last running value.
    CHECK(ormc::select(ormc::sum(item::price)).scalar(db.conn)->str() == running.back());
  }
}
