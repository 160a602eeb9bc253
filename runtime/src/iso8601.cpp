// ISO 8601 text of dates, times and timestamps, as ormc stores them in SQLite.
#include "iso8601.hpp"

#include <chrono>
#include <cstdio>

namespace ormc::detail {
namespace {

using std::chrono::days;
using std::chrono::microseconds;

// Reads exactly `n` digits at `pos`; advances pos.
bool digits(std::string_view text, std::size_t& pos, std::size_t n, int& value) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  value = v;
  pos += n;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<Date> parse_date_at(std::string_view text, std::size_t& pos) {
  int y = 0;
  int m = 0;
  int d = 0;
  // Four digits, or more for the years past 9999 that PostgreSQL writes (ormc binds
  // only 1..9999, but a value another writer stored must still read).
  std::size_t year_digits = 4;
  while (year_digits < 7 && pos + year_digits < text.size() && text[pos + year_digits] >= '0' &&
         text[pos + year_digits] <= '9') {
    ++year_digits;
  }
  if (!digits(text, pos, year_digits, y) || !expect(text, pos, '-') || !digits(text, pos, 2, m) ||
      !expect(text, pos, '-') || !digits(text, pos, 2, d)) {
    return std::nullopt;
  }
  const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<Time> parse_time_at(std::string_view text, std::size_t& pos) {
  int h = 0;
  int m = 0;
  int s = 0;
  if (!digits(text, pos, 2, h) || !expect(text, pos, ':') || !digits(text, pos, 2, m)) {
    return std::nullopt;
  }
  std::int64_t micros = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!digits(text, pos, 2, s)) return std::nullopt;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      std::size_t count = 0;
      std::int64_t scale = 100000;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (count < 6) {
          micros += (text[pos] - '0') * scale;
          scale /= 10;
        }
        ++count;
        ++pos;
      }
      if (count == 0 || count > 9) return std::nullopt;
    }
  }
  if (h > 23 || m > 59 || s > 60) return std::nullopt;  // 60: a leap second, as PostgreSQL
  return std::chrono::hours{h} + std::chrono::minutes{m} + std::chrono::seconds{s} +
         microseconds{micros};
}

}  // namespace

std::size_t format_date(const Date& date, char* out) {
  const int n = std::snprintf(out, iso8601_buffer_size, "%04d-%02u-%02u", int{date.year()},
                              unsigned{date.month()}, unsigned{date.day()});
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

std::size_t format_time(Time time, char* out) {
  const auto count = time.count();
  const auto total_seconds = count / 1000000;
  const int n = std::snprintf(
      out, iso8601_buffer_size, "%02lld:%02lld:%02lld.%06lld",
      static_cast<long long>(total_seconds / 3600), static_cast<long long>(total_seconds / 60 % 60),
      static_cast<long long>(total_seconds % 60), static_cast<long long>(count % 1000000));
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

std::size_t format_timestamp(Timestamp timestamp, char* out) {
  const auto day = std::chrono::floor<days>(timestamp);
  std::size_t n = format_date(Date{day}, out);
  out[n++] = ' ';
  n += format_time(timestamp - day, out + n);
  return n;
}

std::optional<Date> parse_date(std::string_view text) {
  std::size_t pos = 0;
  auto date = parse_date_at(text, pos);
  if (!date || pos != text.size()) return std::nullopt;
  return date;
}

std::optional<Time> parse_time(std::string_view text) {
  std::size_t pos = 0;
  auto time = parse_time_at(text, pos);
  if (!time || pos != text.size()) return std::nullopt;
  return time;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  std::size_t pos = 0;
  const auto date = parse_date_at(text, pos);
  if (!date) return std::nullopt;
  Timestamp result = std::chrono::sys_days{*date};
  if (pos == text.size()) return result;
  if (text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
  ++pos;
  const auto time = parse_time_at(text, pos);
  if (!time) return std::nullopt;
  result += *time;
  if (pos == text.size()) return result;
  if (text[pos] == 'Z' && pos + 1 == text.size()) return result;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const bool negative = text[pos] == '-';
  ++pos;
  int h = 0;
  int m = 0;
  if (!digits(text, pos, 2, h)) return std::nullopt;
  if (pos < text.size() && text[pos] == ':') ++pos;
  if (pos < text.size() && !digits(text, pos, 2, m)) return std::nullopt;
  if (pos != text.size() || h > 23 || m > 59) return std::nullopt;
  const auto offset = std::chrono::hours{h} + std::chrono::minutes{m};
  return negative ? result + offset : result - offset;  // local = UTC + offset
}

}  // namespace ormc::detail
