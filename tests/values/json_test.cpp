// JSON: what comes back on each backend (SQLite: the text as written; PostgreSQL: jsonb's
// normal form of the same document), and what ormc refuses on both: text that is not JSON,
// and JSON that jsonb would refuse or change in meaning. Through every write and read path.
#include <cstddef>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/types.hpp"
#include "value_paths.hpp"
#include "values.orm.hpp"

using namespace values;
using values_test::Kept;
using values_test::Refused;

namespace {

using namespace std::string_literals;

ormc::Json json(std::string text) { return ormc::Json{std::move(text)}; }

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// SQLite keeps the text; PostgreSQL gives jsonb's text: keys sorted (shorter first), one
// space after ':' and ',', escapes of non-ASCII decoded, numbers as numeric prints them.
std::vector<Kept<ormc::Json>> kept_json() {
  return {
      {"an object in jsonb's form already", json(R"({"a": 1, "b": [true, false, null]})")},
      {"whitespace and key order", json("{ \"b\" :1,\n\t\"a\":[ ] ,\"aa\":{} }"), std::nullopt,
       json(R"({"a": [], "b": 1, "aa": {}})")},
      {"top-level scalars", json("\"text\"")},
      {"null", json("null")},
      {"unicode escapes", json(R"("\u00e9\ud83d\ude00 \u4e2d")"), std::nullopt,
       json("\"\u00e9\U0001F600 \u4e2d\"")},
      {"escapes jsonb keeps", json(R"("\" \\ \b \f \n \r \t \u001f")")},
      {"an escaped slash", json(R"("a\/b")"), std::nullopt, json(R"("a/b")")},
      {"every plane, raw", json("\"\u00e9\U0001F600\U00020000\U0010FFFF\"")},
      {"big numbers, exact", json("[123456789012345678901234567890.123456789, -0.000000001]")},
      {"exponents", json("[1e2, 1E+2, 2.5e-3, -0]"), std::nullopt, json("[100, 100, 0.0025, 0]")},
      {"trailing zeros are kept", json("[1.0, 0.10]")},
      {"the largest number numeric holds", json("1e131071"), std::nullopt,
       json("1" + std::string(131071, '0'))},
      {"nested 1000 deep", json(nested(1000))},
  };
}

std::vector<Refused<ormc::Json>> refused_json() {
  return {
      {"empty", json(""), "the document ends where a value was expected at byte 0"},
      {"a missing value", json(R"({"a": })"), "expected a value at byte 6"},
      {"single quotes", json("{'a': 1}"), "expected a string key at byte 1"},
      {"a trailing comma", json("[1, ]"), "expected a value at byte 4"},
      {"NaN", json("NaN"), "expected a value at byte 0"},
      {"a leading zero", json("01"), "a number cannot start with 0"},
      {"a comment", json("[1] // no"), "unexpected text after the document at byte 4"},
      {"two documents", json("1 2"), "unexpected text after the document at byte 2"},
      {"a raw newline in a string", json("\"a\nb\""), "a control character must be escaped"},
      {"invalid UTF-8", json("\"\xff\""), "the text is not valid UTF-8 at byte 1"},
      {"an unknown escape", json(R"("\x41")"), "an unknown escape in a string"},
      {"\\u0000 (jsonb refuses it)", json(R"(["a\u0000b"])"), "\\u0000 cannot be stored"},
      {"a lone high surrogate", json(R"("\ud800")"), "a high surrogate \\u escape without a low"},
      {"a lone low surrogate", json(R"("\udc00x")"), "a low surrogate \\u escape without a high"},
      {"a duplicate key (jsonb keeps the last)", json(R"({"a": 1, "b": {}, "a": 2})"),
       "the key 'a' appears twice in one object: PostgreSQL's jsonb"},
      {"a duplicate key written two ways", json(R"({"a": 1, "\u0061": 2})"),
       "the key 'a' appears twice"},
      {"a number beyond numeric", json("1e131072"), "the number is beyond PostgreSQL's numeric"},
      {"too many fraction digits", json("1.5e-16383"), "the number is beyond PostgreSQL's numeric"},
      {"nested 1001 deep", json(nested(1001)), "it nests deeper than 1000 levels"},
  };
}

}  // namespace

TEST_CASE("JSON kept (verbatim on SQLite, jsonb's form on PostgreSQL) or refused") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table =
        values_test::value_table<JsonRow>(db, json_row::id, json_row::v, json_row::n, json("{}"));
    table.check_kept(kept_json());
    table.check_refused(refused_json());
    table.check_nullable(json("null"));  // JSON null is not SQL NULL
  }
}

TEST_CASE("a string that is not JSON, bound by raw SQL into a json column, is refused by both") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    // A std::string is not checked by ormc (only ormc::Json is): the databases refuse it,
    // PostgreSQL's jsonb by its type, SQLite by the column's CHECK (json_valid(v)).
    const auto write = [&](const std::string& text) {
      conn.execute_raw("INSERT INTO json_row (id, v) VALUES (1, :v)", {{"v", text}});
    };
    if (db.postgresql()) {
      CHECK_THROWS_WITH_AS(write("{\"a\": }"),
                           doctest::Contains("invalid input syntax for type json"),
                           ormc::DataError);
    } else {
      CHECK_THROWS_WITH_AS(write("{\"a\": }"), doctest::Contains("ck_json_row_v_json"),
                           ormc::IntegrityError);
    }
    CHECK(ormc::select<JsonRow>().all(conn).empty());
    // Valid JSON in a string is stored; what comes back is as for ormc::Json.
    write("{\"b\":1,\"a\":2}");
    CHECK(std::get<0>(ormc::select(json_row::v).one(conn)).text ==
          (db.postgresql() ? "{\"a\": 2, \"b\": 1}" : "{\"b\":1,\"a\":2}"));
  }
}
