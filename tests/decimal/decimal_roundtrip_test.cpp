// Decimals of 1 to 60 digits at every scale of decimal(60, s), and at decimal(1, 0), (1, 1),
// (5, 2), (18, 4), (38, 10), (40, 10): negative values, zero, -0, leading and trailing zeros,
// the largest and smallest value of each (p, s), through every write path (Core insert,
// update, upsert, raw SQL, Session add, Session dirty update) and read path (Core select,
// Session query, raw SQL), each coming back with exactly its digits on every backend; and
// values that do not fit refused with DataError naming the column and the value.
#include <cstdint>
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

using dec::Amounts;
using ormc::Decimal;

constexpr int value_rows = 66;  // rows 1..60: 1..60 digits; 61..66: zeros and the limits

struct Generated {
  std::string input;     //!< as the user writes it (signs, leading and trailing zeros)
  std::string expected;  //!< what comes back: canonical, with exactly `scale` fraction digits
};

// Row k's value for decimal(p, s).
Generated generate(int p, int s, int k) {
  std::string integer;
  std::string fraction;
  bool negative = false;
  if (k <= 60) {
    // k significant digits where they fit: as many after the point as the scale allows.
    const int digits = std::min(k, p);
    const int f = std::min(digits, s);
    const int i = std::min(digits - f, p - s);
    for (int j = 0; j < i + f; ++j) {
      char d = static_cast<char>('0' + (j * 7 + k) % 10);
      if ((j == 0 && i > 0) || (j == i + f - 1 && f > 0)) d = static_cast<char>('1' + (j + k) % 9);
      (j < i ? integer : fraction) += d;
    }
    negative = k % 2 == 0;
  } else if (k == 63 || k == 64) {  // the largest and the smallest value
    integer = std::string(static_cast<std::size_t>(p - s), '9');
    fraction = std::string(static_cast<std::size_t>(s), '9');
    negative = k == 64;
  } else if (k == 65) {  // the smallest positive value
    if (s > 0) {
      fraction = std::string(static_cast<std::size_t>(s - 1), '0') + "1";
    } else {
      integer = "1";
    }
  } else {
    negative = k == 62 || k == 66;  // 61: 0, 62: -0, 66: -000.000...
  }
  const bool zero = integer.find_first_not_of('0') == std::string::npos &&
                    fraction.find_first_not_of('0') == std::string::npos;
  Generated g;
  g.expected = (negative && !zero ? "-" : "") + (integer.empty() ? std::string("0") : integer);
  if (s > 0) {
    g.expected += "." + fraction + std::string(static_cast<std::size_t>(s) - fraction.size(), '0');
  }
  // The input: signs and zeros the value does not need.
  g.input = negative ? "-" : (k % 3 == 1 ? "+" : "");
  if (k % 3 == 0 || k == 66) g.input += "00";
  g.input += integer.empty() ? "0" : integer;
  if (!fraction.empty() || k == 66) {
    g.input += "." + fraction + (k % 3 == 0 || k == 66 ? "00" : "");
    if (fraction.empty() && k == 66) g.input += "0";
  }
  return g;
}

template <typename Column>
Generated generated(const Column& column, int k) {
  return generate(column.flags.precision, column.flags.scale, k);
}

template <typename Column>
inline constexpr bool is_decimal_v =
    std::is_same_v<typename Column::value_type, std::optional<Decimal>>;

//! Every row, its decimals given as the user writes them.
std::vector<Amounts> input_rows() {
  std::vector<Amounts> rows;
  for (int k = 1; k <= value_rows; ++k) {
    Amounts& row = rows.emplace_back();
    row.id = k;
    ormc::for_each_column<Amounts>([&](const auto& column) {
      if constexpr (is_decimal_v<std::remove_cvref_t<decltype(column)>>) {
        column.of(row) = Decimal(generated(column, k).input);
      }
    });
  }
  return rows;
}

//! Every row as the database should return it.
void check_rows(const std::vector<Amounts>& actual, const char* path) {
  INFO("read by " << path);
  REQUIRE(actual.size() == value_rows);
  int wrong = 0;
  for (const Amounts& row : actual) {
    const int k = static_cast<int>(row.id);
    ormc::for_each_column<Amounts>([&](const auto& column) {
      if constexpr (is_decimal_v<std::remove_cvref_t<decltype(column)>>) {
        const std::string expected = generated(column, k).expected;
        const std::optional<Decimal>& value = column.of(row);
        if (!value || value->str() != expected) {
          if (++wrong <= 5) {
            FAIL_CHECK("row " << k << " column " << column.name << ": expected " << expected
                              << ", got " << (value ? value->str() : "NULL"));
          }
        }
      }
    });
  }
  CHECK(wrong == 0);
}

std::vector<Amounts> core_rows(ormc::Engine& engine) {
  ormc::Connection conn = engine.connect();
  return ormc::select<Amounts>().order_by(dec::amounts::id.asc()).all(conn);
}

//! The three read paths: Core select, Session query, raw SQL (column by column).
void check_all_read_paths(ormc::Engine& engine) {
  check_rows(core_rows(engine), "Core select");
  {
    ormc::Session session(engine);
    std::vector<Amounts> copies;
    for (Amounts& row : session.query<Amounts>().order_by(dec::amounts::id.asc()).all()) {
      copies.push_back(row);
    }
    check_rows(copies, "Session query");
  }
  ormc::Connection conn = engine.connect();
  int wrong = 0;
  ormc::for_each_column<Amounts>([&](const auto& column) {
    if constexpr (is_decimal_v<std::remove_cvref_t<decltype(column)>>) {
      const auto values = conn.query<std::tuple<std::int64_t, std::optional<Decimal>>>(
          "SELECT id, " + std::string(column.name) + " FROM amounts ORDER BY id");
      REQUIRE(values.size() == value_rows);
      for (const auto& [id, value] : values) {
        const std::string expected = generated(column, static_cast<int>(id)).expected;
        if (!value || value->str() != expected) {
          if (++wrong <= 5) {
            FAIL_CHECK("raw SQL: row " << id << " column " << column.name << ": expected "
                                       << expected << ", got " << (value ? value->str() : "NULL"));
          }
        }
      }
    }
  });
  CHECK(wrong == 0);
}

void insert_keys_only(ormc::Engine& engine) {
  std::vector<Amounts> keys(value_rows);
  for (int k = 1; k <= value_rows; ++k) keys[static_cast<std::size_t>(k - 1)].id = k;
  ormc::Connection conn = engine.connect();
  ormc::insert<Amounts>().values(keys).execute(conn);
}

//! The raw SQL of an INSERT of every column, with a :name bind for each.
std::string raw_insert_sql() {
  std::string columns;
  std::string binds;
  ormc::for_each_column<Amounts>([&](const auto& column) {
    columns += (columns.empty() ? "" : ", ") + std::string(column.name);
    binds += (binds.empty() ? ":" : ", :") + std::string(column.name);
  });
  return "INSERT INTO amounts (" + columns + ") VALUES (" + binds + ")";
}

}  // namespace

TEST_CASE("decimals of 1 to 60 digits at every scale come back exactly by every path") {
  const std::vector<Amounts> rows = input_rows();
  FOR_EACH_BACKEND(backend) {
    SUBCASE("Core insert") {
      ormc_test::TestDatabase db(backend);
      dec::schema.create_all(db.engine());
      ormc::Connection conn = db.engine().connect();
      ormc::insert<Amounts>().values(rows).execute(conn);
      conn.close();
      check_all_read_paths(db.engine());
    }
    SUBCASE("Core update") {
      ormc_test::TestDatabase db(backend);
      dec::schema.create_all(db.engine());
      insert_keys_only(db.engine());
      ormc::Connection conn = db.engine().connect();
      for (const Amounts& row : rows) {
        ormc::Update<Amounts> update;
        ormc::for_each_column<Amounts>([&](const auto& column) {
          if constexpr (is_decimal_v<std::remove_cvref_t<decltype(column)>>) {
            update.set(column, column.of(row));
          }
        });
        CHECK(std::move(update).where(dec::amounts::id == row.id).execute(conn) == 1);
      }
      conn.close();
      check_all_read_paths(db.engine());
    }
    SUBCASE("upsert") {
      ormc_test::TestDatabase db(backend);
      dec::schema.create_all(db.engine());
      insert_keys_only(db.engine());
      ormc::Connection conn = db.engine().connect();
      auto conflict = ormc::insert<Amounts>().values(rows).on_conflict(dec::amounts::id);
      auto upsert = [&]<const auto&... C>(ormc::column_list<C...>) {
        return std::move(conflict).do_update(C...);
      }
      (typename ormc::model_traits<Amounts>::columns{});
      CHECK(upsert.execute(conn) == value_rows);
      conn.close();
      check_all_read_paths(db.engine());
    }
    SUBCASE("raw SQL with binds") {
      // Raw SQL has no column to check against: the values are written as given (here the
      // canonical text with the column's scale), and the database decides.
      ormc_test::TestDatabase db(backend);
      dec::schema.create_all(db.engine());
      ormc::Connection conn = db.engine().connect();
      std::vector<ormc::Params> params;
      for (int k = 1; k <= value_rows; ++k) {
        ormc::Params& row = params.emplace_back();
        ormc::for_each_column<Amounts>([&](const auto& column) {
          if constexpr (is_decimal_v<std::remove_cvref_t<decltype(column)>>) {
            row.push_back({std::string(column.name), Decimal(generated(column, k).expected)});
          } else {
            row.push_back({std::string(column.name), std::int64_t{k}});
          }
        });
      }
      CHECK(conn.execute_many(raw_insert_sql(), params) == value_rows);
      conn.close();
      check_all_read_paths(db.engine());
    }
    SUBCASE("Session add") {
      ormc_test::TestDatabase db(backend);
      dec::schema.create_all(db.engine());
      ormc::Session session(db.engine());
      for (const Amounts& row : rows) session.add(Amounts(row));
      session.commit();
      session.close();
      check_all_read_paths(db.engine());
    }
    SUBCASE("Session dirty update") {
      ormc_test::TestDatabase db(backend);
      dec::schema.create_all(db.engine());
      insert_keys_only(db.engine());
      ormc::Session session(db.engine());
      for (Amounts& loaded : session.query<Amounts>().all()) {
        loaded = rows[static_cast<std::size_t>(loaded.id - 1)];
      }
      session.commit();
      session.close();
      check_all_read_paths(db.engine());
    }
  }
}

namespace {

// A value one fraction digit past the column's scale, and one with one integer digit too
// many: neither fits, on any backend.
template <typename Column>
std::vector<std::string> misfits(const Column& column) {
  const int p = column.flags.precision;
  const int s = column.flags.scale;
  return {"0." + std::string(static_cast<std::size_t>(s), '0') + "3",
          "-" + std::string(static_cast<std::size_t>(p - s + 1), '9')};
}

template <typename F>
void check_refused(const F& write, const std::string& column, const std::string& value) {
  try {
    write();
    FAIL_CHECK("column " << column << ": " << value << " was written");
  } catch (const ormc::DataError& e) {
    const std::string message = e.what();
    CHECK_MESSAGE(message.find("\"amounts\".\"" + column + "\"") != std::string::npos, message);
    CHECK_MESSAGE(message.find(Decimal(value).str()) != std::string::npos, message);
  }
}

}  // namespace

TEST_CASE("decimals that do not fit their column are refused with DataError by every path") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    dec::schema.create_all(db.engine());
    insert_keys_only(db.engine());
    ormc::Connection conn = db.engine().connect();
    ormc::for_each_column<Amounts>([&](const auto& column) {
      if constexpr (is_decimal_v<std::remove_cvref_t<decltype(column)>>) {
        const std::string name(column.name);
        for (const std::string& text : misfits(column)) {
          const Decimal value(text);
          Amounts row{.id = 1000};
          column.of(row) = value;
          check_refused([&] { ormc::insert<Amounts>().values(row).execute(conn); }, name, text);
          check_refused(
              [&] {
                ormc::update<Amounts>()
                    .set(column, value)
                    .where(dec::amounts::id == 1)
                    .execute(conn);
              },
              name, text);
          check_refused(
              [&] {
                ormc::insert<Amounts>()
                    .values(Amounts{.id = 1})
                    .on_conflict(dec::amounts::id)
                    .do_update(ormc::set(column, value))
                    .execute(conn);
              },
              name, text);
        }
      }
    });
    conn.close();

    // The Session refuses at the flush, before any SQL, for a new and for a changed object.
    const std::string issue_value = "1.123456789012";  // PostgreSQL would keep 1.1234567890
    {
      ormc::Session session(db.engine());
      session.add(Amounts{.id = 2000, .d40_10 = Decimal(issue_value)});
      check_refused([&] { session.commit(); }, "d40_10", issue_value);
      session.rollback();
    }
    {
      ormc::Session session(db.engine());
      Amounts* loaded = session.get<Amounts>(std::int64_t{1});
      REQUIRE(loaded != nullptr);
      loaded->d5_2 = Decimal("1000");
      check_refused([&] { session.commit(); }, "d5_2", "1000");
      session.rollback();
    }
    // Nothing was written by the refused statements.
    for (const Amounts& row : core_rows(db.engine())) {
      CHECK(row.id <= value_rows);
      CHECK_FALSE(row.d40_10.has_value());
      CHECK_FALSE(row.d5_2.has_value());
    }

    // Rounded explicitly, the value fits, and the same value finds it.
    ormc::Connection again = db.engine().connect();
    const Decimal rounded = Decimal(issue_value).rounded(10);
    CHECK(rounded.str() == "1.1234567890");
    ormc::update<Amounts>()
        .set(dec::amounts::d40_10, rounded)
        .where(dec::amounts::id == 1)
        .execute(again);
    CHECK(ormc::select<Amounts>().where(dec::amounts::d40_10 == rounded).all(again).size() == 1);
    CHECK(ormc::select<Amounts>()
              .where(dec::amounts::d40_10 == Decimal("1.123456789"))
              .all(again)
              .size() == 1);
  }
}
