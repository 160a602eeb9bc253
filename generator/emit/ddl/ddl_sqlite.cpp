// SQLite DDL: its five storage classes, with CHECKs for what its types cannot say (string
// length, booleans, enum values), an integer `auto` key as the rowid, UTC text timestamps.
#include <chrono>
#include <cstdio>
#include <memory>

#include "emit/ddl/ddl_common.hpp"

namespace ormc::ddl {
namespace {

using model::TypeKind;

int number(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count && i < text.size(); ++i)
    value = value * 10 + (text[i] - '0');
  return value;
}

// A validated date/time literal in the one text form the column holds, so that values
// compare and sort as text: "HH:MM:SS[.f]" and, for timestamps, "YYYY-MM-DD HH:MM:SS[.f]"
// in UTC (a timestamptz offset is applied).
std::string canonical_temporal_text(TypeKind kind, std::string_view text) {
  if (kind == TypeKind::date) return std::string(text);
  std::string_view time = kind == TypeKind::time ? text : text.substr(11);
  int hour = number(time, 0, 2);
  int minute = number(time, 3, 2);
  int second = time.size() > 5 && time[5] == ':' ? number(time, 6, 2) : 0;
  std::size_t end = time.size() > 5 && time[5] == ':' ? 8 : 5;
  std::string fraction;
  if (end < time.size() && time[end] == '.') {
    std::size_t start = end++;
    while (end < time.size() && time[end] >= '0' && time[end] <= '9') ++end;
    fraction = std::string(time.substr(start, end - start));
  }
  char buffer[64];
  if (kind == TypeKind::time) {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", hour, minute, second);
    return buffer + fraction;
  }
  namespace chrono = std::chrono;
  chrono::year_month_day day_written{chrono::year{number(text, 0, 4)},
                                     chrono::month{static_cast<unsigned>(number(text, 5, 2))},
                                     chrono::day{static_cast<unsigned>(number(text, 8, 2))}};
  chrono::sys_seconds point = chrono::sys_days{day_written} + chrono::hours{hour} +
                              chrono::minutes{minute} + chrono::seconds{second};
  std::string_view zone = time.substr(end);
  if (zone.size() >= 3 && (zone[0] == '+' || zone[0] == '-')) {
    int offset_minutes = number(zone, 1, 2) * 60;
    if (zone.size() > 3) offset_minutes += number(zone, zone[3] == ':' ? 4 : 3, 2);
    point -= chrono::minutes{zone[0] == '+' ? offset_minutes : -offset_minutes};
  }
  chrono::sys_days day = chrono::floor<chrono::days>(point);
  chrono::year_month_day date{day};
  chrono::hh_mm_ss<chrono::seconds> clock{point - day};
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02lld:%02lld:%02lld", int{date.year()},
                unsigned{date.month()}, unsigned{date.day()},
                static_cast<long long>(clock.hours().count()),
                static_cast<long long>(clock.minutes().count()),
                static_cast<long long>(clock.seconds().count()));
  return buffer + fraction;
}

class SqliteEmitter final : public DdlEmitter {
 public:
  explicit SqliteEmitter(const model::Schema& schema)
      : DdlEmitter(schema, SqlExprStyle{.booleans_as_integers = true, .decimal_functions = true}) {}

 protected:
  std::string column_type(const model::Column& column) const override {
    switch (column.type.kind) {
      case TypeKind::boolean:
      case TypeKind::int16:
      case TypeKind::int32:
      case TypeKind::int64: return "INTEGER";
      case TypeKind::float32:
      case TypeKind::float64: return "REAL";
      // Exact: canonical decimal text with the column's scale, ordered and compared by
      // the value through the collation every ormc connection registers (a REAL, as
      // NUMERIC affinity made of them, keeps only 15 significant digits).
      case TypeKind::decimal: return "TEXT COLLATE ormc_decimal";
      case TypeKind::bytes: return "BLOB";
      default: return "TEXT";
    }
  }

  // `INTEGER PRIMARY KEY` makes the column an alias of the rowid: SQLite assigns it.
  std::string auto_key_definition(const model::Column&) const override {
    return "INTEGER PRIMARY KEY";
  }

  // UTC, in the text form the runtime writes: "2024-05-01 13:45:07.123".
  std::string now_default(TypeKind kind) const override {
    switch (kind) {
      case TypeKind::date: return "(date('now'))";
      case TypeKind::time: return "(strftime('%H:%M:%f', 'now'))";
      default: return "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    }
  }

  std::string bytes_literal(std::string_view bytes) const override {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out = "X'";
    for (char c : bytes) {
      auto byte = static_cast<unsigned char>(c);
      out += digits[byte >> 4];
      out += digits[byte & 0xF];
    }
    return out + "'";
  }

  std::string temporal_literal(TypeKind kind, std::string_view text) const override {
    return quote_string(canonical_temporal_text(kind, text));
  }

  void type_checks(const model::Model& model, const model::Column& column,
                   std::vector<std::string>& constraints) const override {
    std::string name = quote_identifier(column.sql_name);
    auto add = [&](const char* suffix, const std::string& condition) {
      constraints.push_back(
          "CONSTRAINT " +
          quote_identifier("ck_" + model.table_name + "_" + column.sql_name + "_" + suffix) +
          " CHECK (" + condition + ")");
    };
    switch (column.type.kind) {
      case TypeKind::string:
        add("length", "length(" + name + ") <= " + std::to_string(column.type.length));
        break;
      case TypeKind::boolean: add("bool", name + " IN (0, 1)"); break;
      // PostgreSQL's jsonb refuses text that is not JSON, whatever wrote it (raw SQL
      // binding a string included): so does SQLite. json_valid(NULL) is 0, not NULL (3.40).
      case TypeKind::json:
        add("json",
            (column.nullable ? name + " IS NULL OR " : std::string()) + "json_valid(" + name + ")");
        break;
      case TypeKind::enumeration: {
        std::string values;
        for (const model::EnumValue& value : schema().enums.at(column.type.enum_id).values) {
          if (!values.empty()) values += ", ";
          values += quote_string(value.name);
        }
        add("enum", name + " IN (" + values + ")");
        break;
      }
      default: break;
    }
  }

  bool allows_forward_references() const override { return true; }
  std::string add_foreign_key(const model::Model&, const model::ForeignKey&) const override {
    return {};
  }
  std::string drop_foreign_key(const model::Model&, const model::ForeignKey&) const override {
    return {};
  }
};

}  // namespace

std::unique_ptr<DdlEmitter> make_sqlite_emitter(const model::Schema& schema) {
  return std::make_unique<SqliteEmitter>(schema);
}

}  // namespace ormc::ddl
