// COPY ... FROM STDIN: typed values encoded in COPY's text or binary format, checked as the
// Binder checks them, buffered whole, then sent through libpq (PQputCopyData,
// PQputCopyEnd, PQgetResult).
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>

#include <libpq-fe.h>

#include "detail/driver_connection.hpp"
#include "detail/driver_error.hpp"
#include "detail/engine_state.hpp"
#include "iso8601.hpp"
#include "ormc/connection.hpp"
#include "ormc/detail/copy_writer.hpp"
#include "ormc/error.hpp"
#include "postgres/binary_format.hpp"
#include "postgres/pg_connection.hpp"
#include "postgres/pg_error.hpp"
#include "values/value_checks.hpp"

namespace ormc::detail {

struct CopyWriter::State {
  Connection* connection = nullptr;
  postgres::PgConnection* driver = nullptr;
  CopyFormat format = CopyFormat::binary;
  std::string table;
  std::vector<std::string> columns;
  std::vector<unsigned> types;  //!< binary: each column's type OID, from the server
  std::string sql;              //!< COPY "table" ("a", "b") FROM STDIN [(FORMAT binary)]
  std::string data;             //!< the encoded rows
  std::size_t rows = 0;
  int column = 0;  //!< columns bound in the current row
  bool finished = false;

  [[noreturn]] void refuse(int index, const std::string& problem) const {
    DriverError error;
    error.kind = ErrorClass::data;
    error.info.backend = "postgresql";
    error.info.driver_message = "cannot copy row " + std::to_string(rows + 1) + " column \"" +
                                columns[static_cast<std::size_t>(index - 1)] + "\" into \"" +
                                table + "\": " + problem;
    error.info.sql = sql;
    throw_database_error(std::move(error));
  }
  void check(int index, const std::string& problem) const {
    if (!problem.empty()) refuse(index, problem);
  }
  [[nodiscard]] unsigned type(int index) const {
    return types[static_cast<std::size_t>(index - 1)];
  }

  // Text format: tab between values, newline after a row, \N for NULL, backslash escapes.
  void text_separator() {
    if (column++ != 0) data += '\t';
  }
  void text_escaped(std::string_view value) {
    for (const char c : value) {
      switch (c) {
        case '\\': data += "\\\\"; break;
        case '\n': data += "\\n"; break;
        case '\r': data += "\\r"; break;
        case '\t': data += "\\t"; break;
        default: data += c;
      }
    }
  }

  // Binary format: per row an int16 field count, per field an int32 length (-1: NULL) and
  // the type's binary representation, all big-endian.
  template <typename U>
  void put_be(U value) {
    char bytes[sizeof(U)];
    for (std::size_t i = 0; i < sizeof(U); ++i) {
      bytes[i] = static_cast<char>(
          (static_cast<std::uint64_t>(value) >> (8 * (sizeof(U) - 1 - i))) & 0xff);
    }
    data.append(bytes, sizeof(U));
  }
  void binary_field(std::string_view bytes) {
    if (column++ == 0) put_be(static_cast<std::uint16_t>(columns.size()));
    put_be(static_cast<std::uint32_t>(bytes.size()));
    data += bytes;
  }
  template <typename U>
  void binary_number(U value) {
    if (column++ == 0) put_be(static_cast<std::uint16_t>(columns.size()));
    put_be(static_cast<std::uint32_t>(sizeof(U)));
    put_be(value);
  }
};

namespace {

constexpr std::int64_t micros_2000 = postgres::unix_days_at_2000 * 86'400'000'000LL;

std::string quoted(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// numeric's binary form: ndigits, weight, sign, dscale (int16 each), then base-10000 digits
// (int16 each), the first `weight + 1` of them before the point.
void encode_numeric(std::string_view text, std::string& out) {
  const bool negative = !text.empty() && text.front() == '-';
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  const auto point = text.find('.');
  std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  // Digits aligned on groups of four around the point.
  const std::size_t lead = (4 - whole.size() % 4) % 4;
  std::string digits(lead, '0');
  digits += whole;
  const auto whole_groups = static_cast<int>(digits.size() / 4);
  digits += fraction;
  digits.append((4 - fraction.size() % 4) % 4, '0');
  std::vector<std::int16_t> groups;
  for (std::size_t i = 0; i < digits.size(); i += 4) {
    groups.push_back(static_cast<std::int16_t>((digits[i] - '0') * 1000 +
                                               (digits[i + 1] - '0') * 100 +
                                               (digits[i + 2] - '0') * 10 + (digits[i + 3] - '0')));
  }
  int weight = whole_groups - 1;
  std::size_t first = 0;
  while (first < groups.size() && groups[first] == 0) {
    ++first;
    --weight;
  }
  std::size_t last = groups.size();
  while (last > first && groups[last - 1] == 0) --last;
  const auto put16 = [&](std::int64_t v) {
    out += static_cast<char>((v >> 8) & 0xff);
    out += static_cast<char>(v & 0xff);
  };
  const std::size_t count = last - first;
  put16(static_cast<std::int64_t>(count));
  put16(count == 0 ? 0 : weight);
  put16(negative && count != 0 ? 0x4000 : 0);
  put16(static_cast<std::int64_t>(fraction.size()));
  for (std::size_t i = first; i < last; ++i) put16(groups[i]);
}

}  // namespace

CopyWriter::CopyWriter(Connection& connection, std::string_view table,
                       std::span<const std::string_view> columns, CopyFormat format)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.connection = &connection;
  s.format = format;
  s.table = std::string(table);
  s.sql = "COPY " + quoted(table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    s.columns.emplace_back(columns[i]);
    if (i != 0) s.sql += ", ";
    s.sql += quoted(columns[i]);
  }
  s.sql += ") FROM STDIN";
  if (format == CopyFormat::binary) s.sql += " (FORMAT binary)";
  DriverConnection& driver = connection.driver();
  if (driver.dialect().kind() != DialectKind::postgresql) {
    throw InvalidRequestError("COPY into \"" + s.table +
                              "\": COPY is PostgreSQL's; on SQLite insert the rows (Core "
                              "insert().values(...).execute(), or the Session)");
  }
  if (columns.empty()) {
    throw InvalidRequestError("COPY into \"" + s.table + "\": no columns to copy");
  }
  s.driver = static_cast<postgres::PgConnection*>(&driver);
  if (format == CopyFormat::binary) {
    // The columns' types, for their binary forms: a query that reads no row.
    std::string probe = "SELECT ";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i != 0) probe += ", ";
      probe += quoted(columns[i]);
    }
    probe += " FROM " + quoted(table) + " LIMIT 0";
    PGresult* result = PQexec(s.driver->native(), probe.c_str());
    connection.engine_state().counters.statements.fetch_add(1, std::memory_order_relaxed);
    if (result == nullptr || PQresultStatus(result) != PGRES_TUPLES_OK) {
      DriverError error = postgres::result_error(s.driver->native(), result, probe,
                                                 connection.engine_state().options.redact_values);
      PQclear(result);
      throw_database_error(std::move(error));
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      s.types.push_back(PQftype(result, static_cast<int>(i)));
    }
    PQclear(result);
    s.data.append("PGCOPY\n\377\r\n\0", 11);
    s.put_be(std::uint32_t{0});  // flags
    s.put_be(std::uint32_t{0});  // header extension length
  }
}

CopyWriter::~CopyWriter() = default;

std::size_t CopyWriter::rows() const { return state_->rows; }
const std::string& CopyWriter::sql() const { return state_->sql; }

void CopyWriter::bind_null(int /*index*/) const {
  State& s = *state_;
  if (s.format == CopyFormat::text) {
    s.text_separator();
    s.data += "\\N";
    return;
  }
  if (s.column++ == 0) s.put_be(static_cast<std::uint16_t>(s.columns.size()));
  s.put_be(std::uint32_t{0xffffffff});
}

void CopyWriter::bind(int index, bool value) const {
  State& s = *state_;
  if (s.format == CopyFormat::text) {
    s.text_separator();
    s.data += value ? 't' : 'f';
    return;
  }
  (void)index;
  s.binary_number(static_cast<std::uint8_t>(value ? 1 : 0));
}

void CopyWriter::bind(int index, std::int64_t value) const {
  State& s = *state_;
  char buffer[24];
  const auto text = [&] {
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string_view(buffer, static_cast<std::size_t>(r.ptr - buffer));
  };
  if (s.format == CopyFormat::text) {
    s.text_separator();
    s.data += text();
    return;
  }
  const auto out_of_range = [&](const char* type) {
    s.refuse(index, std::to_string(value) + " is out of range for type " + type);
  };
  switch (s.type(index)) {
    case postgres::int2_oid:
      if (value < std::numeric_limits<std::int16_t>::min() ||
          value > std::numeric_limits<std::int16_t>::max()) {
        out_of_range("smallint");
      }
      s.binary_number(static_cast<std::uint16_t>(value));
      return;
    case postgres::int4_oid:
      if (value < std::numeric_limits<std::int32_t>::min() ||
          value > std::numeric_limits<std::int32_t>::max()) {
        out_of_range("integer");
      }
      s.binary_number(static_cast<std::uint32_t>(value));
      return;
    case postgres::float4_oid:
      s.binary_number(std::bit_cast<std::uint32_t>(static_cast<float>(value)));
      return;
    case postgres::float8_oid:
      s.binary_number(std::bit_cast<std::uint64_t>(static_cast<double>(value)));
      return;
    case postgres::numeric_oid: {
      std::string encoded;
      encode_numeric(text(), encoded);
      s.binary_field(encoded);
      return;
    }
    default: s.binary_number(static_cast<std::uint64_t>(value)); return;
  }
}

void CopyWriter::bind(int index, double value) const {
  State& s = *state_;
  s.check(index, float_problem(value));
  if (s.format == CopyFormat::text || s.type(index) == postgres::numeric_oid) {
    std::string text;
    if (std::isinf(value)) {
      text = value > 0 ? "Infinity" : "-Infinity";
    } else {
      char buffer[32];
      const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
      text.assign(buffer, r.ptr);
    }
    if (s.format == CopyFormat::text) {
      s.text_separator();
      s.data += text;
    } else {
      std::string encoded;
      encode_numeric(text, encoded);
      s.binary_field(encoded);
    }
    return;
  }
  if (s.type(index) == postgres::float4_oid) {
    s.binary_number(std::bit_cast<std::uint32_t>(static_cast<float>(value)));
  } else {
    s.binary_number(std::bit_cast<std::uint64_t>(value));
  }
}

void CopyWriter::bind(int index, std::string_view value, bool /*stable*/) const {
  State& s = *state_;
  s.check(index, text_problem(value));
  if (s.format == CopyFormat::text) {
    s.text_separator();
    s.text_escaped(value);
    return;
  }
  // text, varchar, an enum's label, json: the bytes themselves.
  s.binary_field(value);
}

void CopyWriter::bind(int /*index*/, std::span<const std::byte> value, bool /*stable*/) const {
  State& s = *state_;
  const std::string_view bytes(reinterpret_cast<const char*>(value.data()), value.size());
  if (s.format == CopyFormat::binary) {
    s.binary_field(bytes);
    return;
  }
  static constexpr char digits[] = "0123456789abcdef";
  s.text_separator();
  s.data += "\\\\x";  // bytea's \x, its backslash escaped for COPY
  for (const std::byte b : value) {
    const auto v = std::to_integer<unsigned>(b);
    s.data += digits[v >> 4];
    s.data += digits[v & 0x0f];
  }
}

void CopyWriter::bind(int index, const Decimal& value, bool /*stable*/) const {
  State& s = *state_;
  if (s.format == CopyFormat::text) {
    s.text_separator();
    s.data += value.str();
    return;
  }
  if (s.type(index) != postgres::numeric_oid) {  // a decimal into a text column
    s.binary_field(value.str());
    return;
  }
  std::string encoded;
  encode_numeric(value.str(), encoded);
  s.binary_field(encoded);
}

void CopyWriter::bind(int index, const Json& value, bool /*stable*/) const {
  State& s = *state_;
  s.check(index, json_problem(value.text));
  if (s.format == CopyFormat::text) {
    s.text_separator();
    s.text_escaped(value.text);
    return;
  }
  if (s.type(index) == postgres::jsonb_oid) {
    if (s.column++ == 0) s.put_be(static_cast<std::uint16_t>(s.columns.size()));
    s.put_be(static_cast<std::uint32_t>(value.text.size() + 1));
    s.data += '\1';  // jsonb's binary format version
    s.data += value.text;
    return;
  }
  s.binary_field(value.text);
}

void CopyWriter::bind(int index, const Date& value) const {
  State& s = *state_;
  s.check(index, date_problem(value));
  if (s.format == CopyFormat::text) {
    char buffer[iso8601_buffer_size];
    s.text_separator();
    s.data.append(buffer, format_date(value, buffer));
    return;
  }
  const auto days = std::chrono::sys_days(value).time_since_epoch().count();
  s.binary_number(static_cast<std::uint32_t>(days - postgres::unix_days_at_2000));
}

void CopyWriter::bind(int index, const Time& value) const {
  State& s = *state_;
  s.check(index, time_problem(value));
  if (s.format == CopyFormat::text) {
    char buffer[iso8601_buffer_size];
    s.text_separator();
    s.data.append(buffer, format_time(value, buffer));
    return;
  }
  s.binary_number(static_cast<std::uint64_t>(value.count()));
}

void CopyWriter::bind(int index, const Timestamp& value) const {
  State& s = *state_;
  s.check(index, timestamp_problem(value));
  if (s.format == CopyFormat::text) {
    char buffer[iso8601_buffer_size];
    s.text_separator();
    s.data.append(buffer, format_timestamp(value, buffer));
    s.data += "+00";  // as the Binder: UTC for timestamptz, ignored by timestamp
    return;
  }
  s.binary_number(static_cast<std::uint64_t>(value.time_since_epoch().count() - micros_2000));
}

void CopyWriter::bind(int /*index*/, const Uuid& value) const {
  State& s = *state_;
  if (s.format == CopyFormat::text) {
    s.text_separator();
    s.data += value.str();
    return;
  }
  s.binary_field(std::string_view(reinterpret_cast<const char*>(value.bytes.data()), 16));
}

void CopyWriter::end_row() {
  State& s = *state_;
  if (s.column != static_cast<int>(s.columns.size())) {
    throw InvalidRequestError("COPY into \"" + s.table + "\": row " + std::to_string(s.rows + 1) +
                              " has " + std::to_string(s.column) + " values for " +
                              std::to_string(s.columns.size()) + " columns");
  }
  if (s.format == CopyFormat::text) s.data += '\n';
  s.column = 0;
  ++s.rows;
}

std::int64_t CopyWriter::finish() {
  State& s = *state_;
  if (s.finished) throw InvalidRequestError("COPY into \"" + s.table + "\": finish() called twice");
  s.finished = true;
  if (s.column != 0)
    throw InvalidRequestError("COPY into \"" + s.table + "\": a row was not ended");
  if (s.rows == 0) return 0;
  if (s.format == CopyFormat::binary) s.put_be(std::uint16_t{0xffff});  // the trailer
  EngineState& engine = s.connection->engine_state();
  const bool redact = engine.options.redact_values;
  const bool records = engine.wants_records();
  const auto started =
      records ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  PGconn* conn = s.driver->native();
  std::optional<DriverError> error;
  std::int64_t copied = 0;
  PGresult* result = PQexec(conn, s.sql.c_str());
  if (result == nullptr || PQresultStatus(result) != PGRES_COPY_IN) {
    error = postgres::result_error(conn, result, s.sql, redact);
    PQclear(result);
  } else {
    PQclear(result);
    // In pieces: libpq copies each into its output buffer and sends what fills it.
    constexpr std::size_t piece = 1 << 20;
    bool sent = true;
    for (std::size_t at = 0; at < s.data.size() && sent; at += piece) {
      const std::size_t n = std::min(piece, s.data.size() - at);
      sent = PQputCopyData(conn, s.data.data() + at, static_cast<int>(n)) == 1;
    }
    if (!sent || PQputCopyEnd(conn, nullptr) != 1) {
      error = postgres::result_error(conn, nullptr, s.sql, redact);
    }
    // The COPY's result, then the NULL that ends it.
    while (PGresult* r = PQgetResult(conn)) {
      if (PQresultStatus(r) == PGRES_COMMAND_OK) {
        const char* tuples = PQcmdTuples(r);
        std::from_chars(tuples, tuples + std::strlen(tuples), copied);
      } else if (!error) {
        error = postgres::result_error(conn, r, s.sql, redact);
      }
      PQclear(r);
    }
  }
  s.data.clear();
  s.data.shrink_to_fit();
  engine.counters.statements.fetch_add(1, std::memory_order_relaxed);
  if (records) {
    LogRecord record;
    record.sql = s.sql;
    record.duration = std::chrono::steady_clock::now() - started;
    record.rows = error ? 0 : copied;
    record.kind = StatementKind::command;
    if (error) {
      record.failed = true;
      record.error = error->info.driver_message;
    }
    engine.emit(record);
  }
  if (error) throw_database_error(std::move(*error));
  return copied;
}

}  // namespace ormc::detail
