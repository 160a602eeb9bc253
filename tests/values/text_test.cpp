// Strings: every Unicode plane, control characters, 1 MiB; NUL and invalid UTF-8 refused
// on both backends (PostgreSQL cannot store them; SQLite would). Bytes 00..ff, empty and
// 1 MiB; UUIDs; enum values. Through every write and read path on every backend.
#include <cstddef>
#include <cstdint>
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

// Every control character but NUL, and the rest of ASCII.
std::string ascii_without_nul() {
  std::string out;
  for (int c = 1; c < 128; ++c) out += static_cast<char>(c);
  return out;
}

// 1 MiB of text that is not one repeated byte: ASCII and a 4-byte character.
std::string one_mebibyte() {
  std::string out;
  while (out.size() < (1U << 20) - 16) out += "0123456789abcd\U0001F600";
  while (out.size() < (1U << 20)) out += 'x';
  return out;
}

std::vector<Kept<std::string>> kept_text() {
  return {
      {"empty", ""},
      {"ASCII without NUL, control characters included", ascii_without_nul()},
      {"CR, LF, CRLF", "a\rb\nc\r\nd"},
      {"quotes and backslashes", "'\"\\''\\\\"},
      {"plane 0 (BMP): Latin, CJK, U+FFFD, a BOM, U+2028", "\u00e9\u4e2d\ufffd\ufeff\u2028"},
      {"plane 1 (SMP)", "\U0001F600\U00010000\U0001FFFF"},
      {"plane 2 (SIP)", "\U00020000\U0002A6D6"},
      {"plane 3 (TIP)", "\U00030000"},
      {"plane 14 (SSP)", "\U000E0001"},
      {"planes 15 and 16 (private use)", "\U000F0000\U0010FFFD\U0010FFFF"},
      {"noncharacters", "\uFFFE\uFFFF\uFDD0"},
      {"combining sequences are kept as written", "e\u0301 \u00e9"},
      {"1 MiB", one_mebibyte()},
  };
}

std::vector<Refused<std::string>> refused_text() {
  return {
      {"a NUL", "a\0b"s, "has a NUL character at byte 1"},
      {"only a NUL", "\0"s, "has a NUL character at byte 0"},
      {"a NUL after 17 ASCII bytes", "0123456789abcdefg\0"s, "has a NUL character at byte 17"},
      {"a byte 0xff after 20 ASCII bytes", std::string(20, 'a') + "\xff",
       "is not valid UTF-8 at byte 20"},
      {"a byte 0xff", "ok\xff", "is not valid UTF-8 at byte 2"},
      {"a lone continuation byte", "\x80", "is not valid UTF-8 at byte 0"},
      {"an overlong NUL (C0 80)", "\xc0\x80", "is not valid UTF-8"},
      {"an overlong '/' (E0 80 AF)", "\xe0\x80\xaf", "is not valid UTF-8"},
      {"a UTF-8 encoded surrogate", "\xed\xa0\x80", "is not valid UTF-8"},
      {"past U+10FFFF", "\xf4\x90\x80\x80", "is not valid UTF-8"},
      {"a truncated sequence", "\xe2\x82", "is not valid UTF-8"},
      {"Latin-1 text", "caf\xe9", "is not valid UTF-8 at byte 3"},
  };
}

ormc::Bytes bytes_of(const std::string& text) {
  ormc::Bytes out;
  for (const char c : text) out.push_back(static_cast<std::byte>(c));
  return out;
}

ormc::Bytes every_byte() {
  ormc::Bytes out;
  for (int b = 0; b < 256; ++b) out.push_back(static_cast<std::byte>(b));
  return out;
}

ormc::Bytes bytes_mebibyte() {
  ormc::Bytes out(1U << 20);
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::byte>((i * 7 + i / 256) & 0xff);
  return out;
}

ormc::Uuid uuid(std::string_view text) {
  const auto value = ormc::Uuid::parse(text);
  REQUIRE(value.has_value());
  return *value;
}

}  // namespace

TEST_CASE("text, every plane, 1 MiB, NUL and invalid UTF-8 refused on every backend") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<TextRow>(db, text_row::id, text_row::v, text_row::n,
                                                   std::string("before"));
    table.check_kept(kept_text());
    table.check_refused(refused_text());
    table.check_nullable("\U0001F600");
  }
}

TEST_CASE("string(n) holds n code points, multi-byte ones included") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<StringRow>(db, string_row::id, string_row::v,
                                                     string_row::n, std::string("before"));
    table.check_kept({{"8 ASCII", "12345678"},
                      {"8 code points in 29 bytes", "\u00e9\u4e2d\U0001F600\U0010FFFFabcd"},
                      {"empty", ""}});
    table.check_refused({{"a NUL", "a\0b"s, "has a NUL character"},
                         {"invalid UTF-8", "\xff", "is not valid UTF-8"}});
    table.check_nullable("\u00e9");
  }
}

TEST_CASE("bytes 00..ff, empty, 1 MiB") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table = values_test::value_table<BytesRow>(db, bytes_row::id, bytes_row::v, bytes_row::n,
                                                    bytes_of("before"));
    table.check_kept({{"empty", {}},
                      {"one NUL", bytes_of("\0"s)},
                      {"00..ff", every_byte()},
                      {"invalid UTF-8 is fine in bytes", bytes_of("\xff\xfe\xc0\x80")},
                      {"1 MiB", bytes_mebibyte()}});
    table.check_nullable(ormc::Bytes{});  // empty is not NULL
    table.check_nullable(every_byte());
  }
}

TEST_CASE("uuid") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table =
        values_test::value_table<UuidRow>(db, uuid_row::id, uuid_row::v, uuid_row::n, ormc::Uuid{});
    table.check_kept({{"nil", ormc::Uuid{}},
                      {"max", uuid("ffffffff-ffff-ffff-ffff-ffffffffffff")},
                      {"v4", uuid("123e4567-e89b-42d3-a456-426614174000")},
                      {"upper-case input", uuid("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")}});
    table.check_nullable(uuid("00000000-0000-0000-0000-000000000001"));
  }
}

TEST_CASE("enum values, an SQL keyword among them") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    auto table =
        values_test::value_table<MoodRow>(db, mood_row::id, mood_row::v, mood_row::n, Mood::calm);
    table.check_kept({{"calm", Mood::calm}, {"select", Mood::select}, {"angry", Mood::angry}});
    table.check_nullable(Mood::select);
  }
}

TEST_CASE("a string longer than string(n) is refused on write by both, as each database says") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    values::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    const auto write = [&] {
      ormc::insert<StringRow>()
          .values(StringRow{.id = 1, .v = "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"})
          .execute(conn);
    };
    // Nine code points into string(8). The error classes differ: SQLite's length CHECK is
    // an IntegrityError, PostgreSQL's varchar(8) a DataError.
    if (db.postgresql()) {
      CHECK_THROWS_WITH_AS(write(),
                           doctest::Contains("value too long for type character varying(8)"),
                           ormc::DataError);
    } else {
      CHECK_THROWS_WITH_AS(write(), doctest::Contains("ck_string_row_v_length"),
                           ormc::IntegrityError);
    }
    CHECK(ormc::select<StringRow>().all(conn).empty());
  }
}
