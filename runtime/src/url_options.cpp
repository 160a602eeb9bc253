// Reading engine options from a URL's query string.
#include "detail/url_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "ormc/error.hpp"
#include "postgres/pg_source.hpp"

namespace ormc::detail {
namespace {

constexpr std::string_view known_options =
    "echo, redact_values, statement_cache_size, foreign_keys, busy_timeout_ms, poolclass, "
    "pool_size, max_overflow, pool_timeout, pool_recycle, pool_pre_ping, isolation_level, "
    "journal_mode (SQLite)";

[[noreturn]] void fail(const Url& url, const std::string& name, const std::string& value,
                       std::string_view expected) {
  throw ArgumentError("engine URL '" + url.str() + "': option " + name + "=" + value +
                      ": expected " + std::string(expected));
}

bool parse_bool(const Url& url, const std::string& name, const std::string& value) {
  if (value == "true" || value == "on" || value == "1" || value == "yes") return true;
  if (value == "false" || value == "off" || value == "0" || value == "no") return false;
  fail(url, name, value, "true or false (also on/off, 1/0, yes/no)");
}

std::size_t parse_count(const Url& url, const std::string& name, const std::string& value) {
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size()) {
    fail(url, name, value, "a whole number >= 0");
  }
  return n;
}

// Seconds, fractions allowed (pool_timeout=0.5); negative only when `allow_negative`.
std::chrono::milliseconds parse_seconds(const Url& url, const std::string& name,
                                        const std::string& value, bool allow_negative) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end != value.data() + value.size() || !(seconds < 1e9) ||
      (seconds < 0 && !allow_negative)) {
    fail(url, name, value,
         allow_negative ? "a number of seconds (-1 = never)" : "a number of seconds >= 0");
  }
  if (seconds < 0) return std::chrono::milliseconds(-1);
  return std::chrono::milliseconds(std::llround(seconds * 1000.0));
}

PoolClass parse_pool_class(const Url& url, const std::string& name, const std::string& value) {
  if (value == "queue" || value == "QueuePool") return PoolClass::queue;
  if (value == "null" || value == "NullPool") return PoolClass::null;
  if (value == "singleton" || value == "SingletonThreadPool") return PoolClass::singleton;
  fail(url, name, value, "queue, null or singleton");
}

int parse_overflow(const Url& url, const std::string& name, const std::string& value) {
  int n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < -1) {
    fail(url, name, value, "a whole number >= 0, or -1 for no limit");
  }
  return n;
}

IsolationLevel parse_isolation_level(const Url& url, const std::string& name,
                                     const std::string& value) {
  if (auto level = isolation_level_from_string(value)) return *level;
  fail(url, name, value,
       "read_committed, repeatable_read, serializable, read_uncommitted or database_default");
}

}  // namespace

void apply_url_options(const Url& url, EngineOptions& options) {
  for (const auto& [name, value] : url.query) {
    if (name == "echo") {
      options.echo = parse_bool(url, name, value);
    } else if (name == "redact_values") {
      options.redact_values = parse_bool(url, name, value);
    } else if (name == "statement_cache_size") {
      options.statement_cache_size = parse_count(url, name, value);
    } else if (name == "poolclass") {
      options.pool.pool_class = parse_pool_class(url, name, value);
    } else if (name == "pool_size") {
      options.pool.pool_size = parse_count(url, name, value);
    } else if (name == "max_overflow") {
      options.pool.max_overflow = parse_overflow(url, name, value);
    } else if (name == "pool_timeout") {
      options.pool.pool_timeout = parse_seconds(url, name, value, false);
    } else if (name == "pool_recycle") {
      options.pool.pool_recycle = parse_seconds(url, name, value, true);
    } else if (name == "pool_pre_ping") {
      options.pool.pre_ping = parse_bool(url, name, value);
    } else if (name == "isolation_level") {
      options.isolation_level = parse_isolation_level(url, name, value);
    } else if (url.backend == "sqlite" && name == "foreign_keys") {
      options.foreign_keys = parse_bool(url, name, value);
    } else if (url.backend == "sqlite" && name == "journal_mode") {
      options.journal_mode = value;  // checked when a connection sets it
    } else if (url.backend == "sqlite" && name == "busy_timeout_ms") {
      options.busy_timeout = std::chrono::milliseconds(parse_count(url, name, value));
    } else if (url.backend == "postgresql" && postgres::is_driver_option(name)) {
      // read by the PostgreSQL driver from the URL (sslmode, application_name, ...)
    } else {
      throw ArgumentError("engine URL '" + url.str() + "': unknown option '" + name +
                          "' (known: " + std::string(known_options) + ")");
    }
  }
}

}  // namespace ormc::detail
