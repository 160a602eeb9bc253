// Reading engine options from a URL's query string.
#include "detail/url_options.hpp"

#include <charconv>
#include <string>

#include "ormc/error.hpp"

namespace ormc::detail {
namespace {

constexpr std::string_view known_options =
    "echo, redact_values, statement_cache_size, foreign_keys, busy_timeout_ms";

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

}  // namespace

void apply_url_options(const Url& url, EngineOptions& options) {
  for (const auto& [name, value] : url.query) {
    if (name == "echo") {
      options.echo = parse_bool(url, name, value);
    } else if (name == "redact_values") {
      options.redact_values = parse_bool(url, name, value);
    } else if (name == "statement_cache_size") {
      options.statement_cache_size = parse_count(url, name, value);
    } else if (url.backend == "sqlite" && name == "foreign_keys") {
      options.foreign_keys = parse_bool(url, name, value);
    } else if (url.backend == "sqlite" && name == "busy_timeout_ms") {
      options.busy_timeout = std::chrono::milliseconds(parse_count(url, name, value));
    } else {
      throw ArgumentError("engine URL '" + url.str() + "': unknown option '" + name +
                          "' (known: " + std::string(known_options) + ")");
    }
  }
}

}  // namespace ormc::detail
