// Decimal SQL, exact on every backend and the same on each: comparisons, ORDER BY, MIN/MAX,
// sum/avg, + - * / in select lists, filters and assignments, compared with ormc::Decimal's
// own arithmetic (which follows PostgreSQL's numeric) and across backends; on SQLite the
// ormc_decimal collation under an index and a UNIQUE constraint, and CHECKs that compute;
// and an SQLite database made by the earlier DDL (NUMERIC columns holding REALs).
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "decimal.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "ormc/raw_sql.hpp"
#include "ormc/session.hpp"
#include "support/test_backends.hpp"

namespace {

using dec::Entry;
using ormc::Decimal;
namespace entry = dec::entry;

//! Amounts whose text order is not their numeric order, of 1 to 40 digits, both signs.
std::vector<Entry> entries() {
  const char* amounts[] = {
      "9.5",
      "10",
      "-10",
      "-9.5",
      "0",
      "123456789012345678901234567890.0123456789",
      "-123456789012345678901234567890.0123456789",
      "1234567890.123456",
      "0.0000000001",
      "-0.0000000001",
      "99.9999999999",
      "100.0000000001",
      "999999999999999999999999999999.9999999999",
      "3.3333333333",
      "2",
      "1.5",
  };
  const char* prices[] = {"0.99", "1.99", "10.00", "0.01", "1234567890.12", "5.55", "7.77", "0.50"};
  std::vector<Entry> rows;
  std::int64_t id = 1;
  for (const char* amount : amounts) {
    const std::size_t i = rows.size();
    rows.push_back(Entry{.id = id++,
                         .amount = Decimal(amount),
                         .price = Decimal(prices[i % std::size(prices)]),
                         .quantity = static_cast<std::int32_t>(i % 5 + 1),
                         .grp = static_cast<std::int32_t>(i % 3)});
  }
  return rows;
}

Decimal padded(const Decimal& d, int scale) { return d.rounded(scale); }

//! What every query answered on one backend, as text, to compare across backends.
using Answers = std::vector<std::string>;

Answers ask(ormc::Engine& engine, const std::vector<Entry>& rows) {
  Answers answers;
  ormc::Connection conn = engine.connect();
  auto note = [&](const std::string& what, const std::string& value) {
    answers.push_back(what + " = " + value);
  };

  // ORDER BY the value, not the text; MIN and MAX likewise.
  std::vector<Decimal> sorted;
  for (const Entry& e : rows) sorted.push_back(padded(e.amount, 10));
  std::sort(sorted.begin(), sorted.end());
  std::vector<Decimal> ordered;
  for (const Entry& e : ormc::select<Entry>().order_by(entry::amount.asc()).all(conn)) {
    ordered.push_back(e.amount);
    note("ordered", e.amount.str());
  }
  REQUIRE(ordered.size() == sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) CHECK(ordered[i].str() == sorted[i].str());
  const auto [low, high] =
      ormc::select(ormc::min(entry::amount), ormc::max(entry::amount)).one(conn);
  CHECK(low->str() == sorted.front().str());
  CHECK(high->str() == sorted.back().str());

  // Comparisons with values, exact past 15 digits.
  for (const Entry& pivot : rows) {
    const auto greater = static_cast<std::int64_t>(std::count_if(
        rows.begin(), rows.end(), [&](const Entry& e) { return e.amount > pivot.amount; }));
    const std::int64_t found = std::get<0>(ormc::select(ormc::count_all())
                                               .select_from<Entry>()
                                               .where(entry::amount > pivot.amount)
                                               .one(conn));
    CHECK_MESSAGE(found == greater, "amount > " << pivot.amount.str());
    CHECK(ormc::select<Entry>().where(entry::amount == pivot.amount).all(conn).size() == 1);
    note("greater than " + pivot.amount.str(), std::to_string(found));
  }
  CHECK(ormc::select<Entry>()
            .where(entry::amount == Decimal("1234567890.12345600"))
            .all(conn)
            .size() == 1);
  CHECK(ormc::select<Entry>().where(entry::amount == 10).all(conn).size() == 1);
  CHECK(ormc::select<Entry>().where(entry::amount.between(-10, 10)).all(conn).size() == 10);
  CHECK(ormc::select<Entry>()
            .where(entry::amount.in_({Decimal("9.50"), Decimal("2")}))
            .all(conn)
            .size() == 2);

  // sum and avg, exact: against Decimal's arithmetic, which follows PostgreSQL's numeric.
  Decimal total;
  Decimal sales;
  for (const Entry& e : rows) {
    total = total + padded(e.amount, 10);
    sales = sales + padded(e.price, 2) * e.quantity;
  }
  const auto [sum, avg, sum_sales] =
      ormc::select(ormc::sum(entry::amount), ormc::avg(entry::amount),
                   ormc::sum(entry::price * entry::quantity))
          .one(conn);
  CHECK(sum->str() == total.str());
  CHECK(avg->str() == (total / static_cast<std::int64_t>(rows.size())).str());
  CHECK(sum_sales->str() == sales.str());
  note("sum", sum->str());
  note("avg", avg->str());
  note("sales", sum_sales->str());

  // Arithmetic per row in the select list, and in a filter.
  const auto computed =
      ormc::select(entry::id, entry::amount + entry::price, entry::amount - entry::price,
                   entry::price * entry::quantity, entry::amount / 3, -entry::amount,
                   entry::price / entry::amount)
          .where(entry::amount != 0)
          .order_by(entry::id.asc())
          .all(conn);
  REQUIRE(computed.size() == rows.size() - 1);
  for (const auto& [id, plus, minus, times, third, negated, ratio] : computed) {
    const Entry& e = rows[static_cast<std::size_t>(id - 1)];
    const Decimal amount = padded(e.amount, 10);
    const Decimal price = padded(e.price, 2);
    const std::int64_t row_id = id;  // INFO captures by reference: clang 14 refuses a binding
    INFO("row " << row_id);
    CHECK(plus.str() == (amount + price).str());
    CHECK(minus.str() == (amount - price).str());
    CHECK(times.str() == (price * e.quantity).str());
    CHECK(third.str() == (amount / 3).str());
    CHECK(negated.str() == (-amount).str());
    CHECK(ratio.str() == (price / amount).str());
    for (const Decimal* d : {&plus, &minus, &times, &third, &negated, &ratio}) {
      note("row " + std::to_string(id), d->str());
    }
  }
  const auto big_sales =
      static_cast<std::int64_t>(std::count_if(rows.begin(), rows.end(), [](const Entry& e) {
        return e.price * e.quantity > Decimal("9.99");
      }));
  CHECK(std::get<0>(ormc::select(ormc::count_all())
                        .select_from<Entry>()
                        .where(entry::price * entry::quantity > Decimal("9.99"))
                        .one(conn)) == big_sales);
  // A decimal beside an integer column, and beside an integer value.
  CHECK(std::get<0>(ormc::select(ormc::count_all())
                        .select_from<Entry>()
                        .where(entry::price > entry::quantity)
                        .one(conn)) == std::count_if(rows.begin(), rows.end(), [](const Entry& e) {
          return e.price > Decimal(e.quantity);
        }));
  CHECK(std::get<0>(ormc::select(ormc::count_all())
                        .select_from<Entry>()
                        .where(entry::amount * 2 > 19)
                        .one(conn)) == std::count_if(rows.begin(), rows.end(), [](const Entry& e) {
          return e.amount * 2 > Decimal(19);
        }));

  // GROUP BY with exact sums per group, ordered by the sum.
  std::map<std::int32_t, Decimal> by_group;
  for (const Entry& e : rows) by_group[e.grp] = by_group[e.grp] + padded(e.amount, 10);
  const auto groups = ormc::select(entry::grp, ormc::sum(entry::amount))
                          .group_by(entry::grp)
                          .order_by(ormc::sum(entry::amount).asc())
                          .all(conn);
  REQUIRE(groups.size() == by_group.size());
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& [grp, group_sum] = groups[i];
    CHECK(group_sum->str() == by_group[grp].str());
    if (i > 0) CHECK(*std::get<1>(groups[i - 1]) <= *group_sum);
    note("group " + std::to_string(grp), group_sum->str());
  }

  // Assigning a computed decimal stores what the column's type stores: rounded to its
  // scale, half away from zero, on both backends.
  ormc::update<Entry>().set(entry::price, entry::price / 3).all_rows().execute(conn);
  for (const Entry& e : ormc::select<Entry>().order_by(entry::id.asc()).all(conn)) {
    const Entry& before = rows[static_cast<std::size_t>(e.id - 1)];
    CHECK(e.price.str() ==
          Decimal::divide(padded(before.price, 2), 3, 2, ormc::RoundingMode::half_up).str());
    note("price / 3", e.price.str());
  }
  return answers;
}

}  // namespace

TEST_CASE("decimal comparisons, ORDER BY, aggregates and arithmetic are exact and alike") {
  const std::vector<Entry> rows = entries();
  std::vector<std::pair<std::string, Answers>> all;
  for (const ormc_test::Backend& backend : ormc_test::backends()) {
    INFO("backend " << backend.name);
    ormc_test::TestDatabase db(backend);
    dec::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    ormc::insert<Entry>().values(rows).execute(conn);
    conn.close();
    all.emplace_back(backend.name, ask(db.engine(), rows));
  }
  REQUIRE(!all.empty());
  for (const auto& backend_answers : all) {
    INFO(backend_answers.first << " against " << all.front().first);
    CHECK(backend_answers.second == all.front().second);
  }
}

TEST_CASE("a decimal UNIQUE constraint, index and CHECK compare values, not text") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    dec::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    // Raw SQL writes the text as given: 1.5 and 1.50 are still one value.
    conn.execute_raw("INSERT INTO prices (value) VALUES (:v)", {{"v", Decimal("1.5")}});
    CHECK_THROWS_AS(
        conn.execute_raw("INSERT INTO prices (value) VALUES (:v)", {{"v", Decimal("1.50")}}),
        ormc::IntegrityError);
    CHECK(
        ormc::select<dec::Price>().where(dec::price::value == Decimal("1.500")).all(conn).size() ==
        1);
    // value >= 0 and value * 2 < 1000000.
    ormc::insert<dec::Price>().values(dec::Price{.value = Decimal("499999.99")}).execute(conn);
    CHECK_THROWS_AS(
        ormc::insert<dec::Price>().values(dec::Price{.value = Decimal("500000.00")}).execute(conn),
        ormc::IntegrityError);
    CHECK_THROWS_AS(
        ormc::insert<dec::Price>().values(dec::Price{.value = Decimal("-0.01")}).execute(conn),
        ormc::IntegrityError);
    // Division by zero is a DataError on both (PostgreSQL's 22012, ormc_dec_div's error).
    CHECK_THROWS_AS((void)ormc::select(dec::price::value / 0).all(conn), ormc::DataError);
    // A computed value past the column's integer digits: numeric field overflow on both.
    CHECK_THROWS_AS(ormc::update<dec::Price>()
                        .set(dec::price::value, dec::price::value * 100000000)
                        .all_rows()
                        .execute(conn),
                    ormc::DataError);
    if (!db.postgresql()) {
      // The comparison ormc writes for a decimal column uses the column's collation, so
      // the index on it serves the query.
      ormc::insert<Entry>().values(entries()).execute(conn);
      const auto plan =
          conn.query<std::tuple<std::int64_t, std::int64_t, std::int64_t, std::string>>(
              "EXPLAIN QUERY PLAN " + ormc::select<Entry>()
                                          .where(entry::amount == Decimal("9.5"))
                                          .render(conn.dialect())
                                          .sql,
              {});
      REQUIRE(!plan.empty());
      CHECK_MESSAGE(std::get<3>(plan.front()).find("ix_entries_amount") != std::string::npos,
                    std::get<3>(plan.front()));
    }
  }
}

TEST_CASE("an SQLite database made by the earlier DDL (NUMERIC columns of REALs) still reads") {
  for (const ormc_test::Backend& backend : ormc_test::backends()) {
    if (backend.postgresql()) continue;
    INFO("backend " << backend.name);
    ormc_test::TestDatabase db(backend);
    ormc::Connection conn = db.engine().connect();
    // The table as ormc generated it before: NUMERIC affinity turns 0.99 into a REAL.
    conn.execute(
        "CREATE TABLE entries (id INTEGER PRIMARY KEY, amount NUMERIC NOT NULL, price NUMERIC "
        "NOT NULL, quantity INTEGER NOT NULL, grp INTEGER NOT NULL)");
    conn.execute(
        "INSERT INTO entries VALUES (1, 12.5, 0.99, 3, 0), (2, 1234567890.123456, 1.99, 1, 0), "
        "(3, -0.1, 10, 2, 1), (4, '123456789012345678901234567890.0123456789', 0.1, 7, 1)");
    const auto rows = ormc::select<Entry>().order_by(entry::amount.asc()).all(conn);
    REQUIRE(rows.size() == 4);
    // Each REAL is read at the 15 significant digits SQLite prints it with, at the column's
    // scale: exact for values of up to 15 digits.
    CHECK(rows[0].amount.str() == "-0.1000000000");
    CHECK(rows[1].amount.str() == "12.5000000000");
    CHECK(rows[2].amount.str() == "1234567890.1234600000");  // 16 digits: one is lost
    // NUMERIC made even this a REAL (its first 15 digits survive a double): 15 digits are left.
    CHECK(rows[3].amount.str() == "123456789012346000000000000000.0000000000");
    CHECK(rows[0].price.str() == "10.00");
    // ormc's functions read the REALs the same way: exact sums of products.
    const auto [sales, total] =
        ormc::select(ormc::sum(entry::price * entry::quantity), ormc::sum(entry::price)).one(conn);
    CHECK(sales->str() == "25.66");  // 2.97 + 1.99 + 20 + 0.7
    // A filter binds decimal text, which NUMERIC affinity turns into the same REAL.
    CHECK(ormc::select<Entry>().where(entry::amount == Decimal("12.5000000000")).all(conn).size() ==
          1);
    CHECK(ormc::select<Entry>().where(entry::price > Decimal("1.98")).all(conn).size() == 2);
    CHECK(total->str() == "13.08");
  }
}

TEST_CASE("a decimal primary key is one identity in the Session, whatever its scale") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    dec::schema.create_all(db.engine());
    ormc::Session session(db.engine());
    dec::Rate& added = session.add(dec::Rate{.code = Decimal("1.5"), .label = "one and a half"});
    session.commit();
    CHECK(added.code.str() == "1.500");  // written, and held, with the column's scale
    CHECK(session.get<dec::Rate>(Decimal("1.50")) == &added);
    ormc::Session other(db.engine());
    dec::Rate* loaded = other.get<dec::Rate>(Decimal("1.5"));
    REQUIRE(loaded != nullptr);
    CHECK(other.get<dec::Rate>(Decimal("1.500")) == loaded);
    CHECK(loaded->label == "one and a half");
  }
}

TEST_CASE("ormc's SQLite decimal functions: NULLs, integers, REALs, and what is no decimal") {
  for (const ormc_test::Backend& backend : ormc_test::backends()) {
    if (backend.postgresql()) continue;
    INFO("backend " << backend.name);
    ormc_test::TestDatabase db(backend);
    ormc::Connection conn = db.engine().connect();
    using Text = std::tuple<std::optional<std::string>>;
    auto one = [&](const std::string& sql) { return std::get<0>(conn.query<Text>(sql).at(0)); };
    CHECK(one("SELECT ormc_dec_add('1.50', 2)") == "3.50");
    CHECK(one("SELECT ormc_dec_mul(0.1, 3)") == "0.3");  // a REAL read at 15 digits
    CHECK(one("SELECT ormc_dec_sub(NULL, '1')") == std::nullopt);
    CHECK(one("SELECT ormc_dec_neg('-0.00')") == "0.00");
    CHECK(one("SELECT ormc_dec_fit('2.345', 5, 2)") == "2.35");  // half away from zero
    CHECK(one("SELECT ormc_dec_fit('-2.345', 5, 2)") == "-2.35");
    CHECK(one("SELECT ormc_dec_sum(x) FROM (SELECT NULL AS x)") == std::nullopt);
    CHECK(one("SELECT ormc_dec_avg(x) FROM (SELECT '1' AS x UNION ALL SELECT '2')") ==
          "1.5000000000000000");
    CHECK(std::get<0>(
              conn.query<std::tuple<std::int64_t>>("SELECT ormc_dec_cmp('1.5', '1.50')").at(0)) ==
          0);
    try {
      (void)one("SELECT ormc_dec_add('1e5', 1)");
      FAIL("an exponent was accepted");
    } catch (const ormc::DataError& e) {
      CHECK(std::string(e.what()).find("ormc_dec_add: '1e5' is not a decimal") !=
            std::string::npos);
    }
    CHECK_THROWS_AS((void)one("SELECT ormc_dec_fit('1000', 5, 2)"), ormc::DataError);
    CHECK_THROWS_AS((void)one("SELECT ormc_dec_mul(x'00', 1)"), ormc::DataError);
    // The collation orders text that is no decimal after every decimal, consistently.
    const auto order = conn.query<std::tuple<std::string>>(
        "SELECT x FROM (SELECT 'b' AS x UNION ALL SELECT '10' UNION ALL SELECT '9.5' UNION ALL "
        "SELECT 'a' UNION ALL SELECT '-1') ORDER BY x COLLATE ormc_decimal");
    std::vector<std::string> sorted;
    for (const auto& [x] : order) sorted.push_back(x);
    CHECK(sorted == std::vector<std::string>{"-1", "9.5", "10", "a", "b"});
  }
}
