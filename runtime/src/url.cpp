// Parsing engine URLs: sqlite:///path, sqlite:////abs, sqlite://:memory:,
// postgresql://user:password@host:port/db?options.
#include "ormc/url.hpp"

#include <charconv>
#include <string>

#include "ormc/error.hpp"

namespace ormc {
namespace {

[[noreturn]] void fail(std::string_view text, std::string_view problem) {
  throw ArgumentError("invalid engine URL '" + redact_url(text) + "': " + std::string(problem));
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view text, std::string_view url) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex(text[i + 2]) : -1;
    if (high < 0 || low < 0) fail(url, "a '%' must be followed by two hexadecimal digits");
    // C strings end at a NUL: sqlite:///x%00y.db would open "x", and libpq would cut a
    // user name or an option the same way.
    if (high == 0 && low == 0) fail(url, "%00 (a NUL character) cannot be part of a URL");
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string encode(std::string_view text, std::string_view keep) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += digits[u >> 4];
      out += digits[u & 0x0f];
    }
  }
  return out;
}

void parse_query(std::string_view query, std::string_view url, Url& out) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == 0 || eq == std::string_view::npos) {
      fail(url, "the option '" + std::string(item) + "' must be written name=value");
    }
    out.query.emplace_back(decode(item.substr(0, eq), url), decode(item.substr(eq + 1), url));
  }
}

void parse_sqlite(std::string_view rest, std::string_view url, Url& out) {
  if (rest.empty() || rest == ":memory:" || rest == "/:memory:") {
    out.database = ":memory:";
    return;
  }
  if (rest.front() != '/') {
    fail(url,
         "a SQLite URL is sqlite:///relative/path.db, sqlite:////absolute/path.db or "
         "sqlite://:memory:");
  }
  rest.remove_prefix(1);
  if (rest.empty()) fail(url, "the database path is empty");
  out.database = decode(rest, url);
}

void parse_postgresql(std::string_view rest, std::string_view url, Url& out) {
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) out.database = decode(rest.substr(slash + 1), url);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    const auto colon = userinfo.find(':');
    out.user = decode(userinfo.substr(0, colon), url);
    if (colon != std::string_view::npos) out.password = decode(userinfo.substr(colon + 1), url);
  }
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
    const auto close = authority.find(']');
    if (close == std::string_view::npos) fail(url, "an IPv6 host needs its closing ']'");
    out.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority.front() != ':') fail(url, "unexpected text after ']'");
    if (!authority.empty()) port = authority.substr(1);
  } else {
    const auto colon = authority.find(':');
    out.host = decode(authority.substr(0, colon), url);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (!port.empty() || authority.ends_with(':')) {
    int value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535) {
      fail(url, "the port '" + std::string(port) + "' is not a number from 1 to 65535");
    }
    out.port = value;
  }
}

}  // namespace

Url Url::parse(std::string_view text) {
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    std::string shown;
    for (const char c : redact_url(text))
      shown += c == '\0' ? std::string("\\0") : std::string(1, c);
    throw ArgumentError("invalid engine URL '" + shown + "': it contains a NUL character at byte " +
                        std::to_string(nul) + " (a C string would end there)");
  }
  const auto sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) {
    fail(text, "expected backend://..., e.g. sqlite:///app.db or postgresql://host/db");
  }
  Url url;
  std::string_view scheme = text.substr(0, sep);
  std::string_view rest = text.substr(sep + 3);
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    parse_query(rest.substr(q + 1), text, url);
    rest = rest.substr(0, q);
  }
  if (scheme == "sqlite" || scheme == "sqlite3") {
    url.backend = "sqlite";
    parse_sqlite(rest, text, url);
  } else if (scheme == "postgresql" || scheme == "postgres") {
    url.backend = "postgresql";
    parse_postgresql(rest, text, url);
  } else {
    fail(text, "unknown backend '" + std::string(scheme) + "' (known: sqlite, postgresql)");
  }
  return url;
}

std::optional<std::string_view> Url::option(std::string_view name) const {
  std::optional<std::string_view> value;
  for (const auto& [key, v] : query) {
    if (key == name) value = v;
  }
  return value;
}

std::string Url::str() const {
  std::string text = backend + "://";
  if (backend == "sqlite") {
    text += is_memory() ? ":memory:" : "/" + encode(database, "/:");
  } else {
    if (!user.empty()) {
      text += encode(user, "");
      if (!password.empty()) text += ":***";
      text += '@';
    }
    text += host.find(':') != std::string::npos ? "[" + host + "]" : encode(host, "");
    if (port) text += ":" + std::to_string(*port);
    if (!database.empty()) text += "/" + encode(database, "");
  }
  for (std::size_t i = 0; i < query.size(); ++i) {
    text += i == 0 ? '?' : '&';
    text += encode(query[i].first, "") + "=" + encode(query[i].second, "/:");
  }
  return text;
}

std::string redact_url(std::string_view text) {
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) return std::string(text);
  const std::size_t start = sep + 3;
  const auto end = text.find_first_of("/?#", start);
  const std::string_view authority = text.substr(start, end - start);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(text);
  const auto colon = authority.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, start + colon + 1));
  out += "***";
  out += text.substr(start + at);
  return out;
}

}  // namespace ormc
