// Engine URLs written as libpq conninfo strings, parsed by libpq itself.
#include "postgres/pg_conninfo.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <memory>

#include <libpq-fe.h>

#include "ormc/error.hpp"
#include "postgres/pg_source.hpp"

namespace ormc::postgres {
namespace {

[[noreturn]] void fail(std::string_view text, std::string_view problem) {
  throw ArgumentError("invalid engine URL '" + redact_conninfo(text) +
                      "': it is neither a URL (backend://..., e.g. sqlite:///app.db or "
                      "postgresql://host/db) nor a libpq conninfo string (keyword=value ..., "
                      "e.g. host=/run/postgresql dbname=app): " +
                      std::string(problem));
}

struct OptionsDeleter {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

}  // namespace

std::string redact_conninfo(std::string_view text) {
  const auto blank = [&](std::size_t i) {
    return i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0;
  };
  std::string out;
  std::size_t copied = 0;
  std::size_t from = 0;
  for (std::size_t found; (found = text.find("password", from)) != std::string_view::npos;) {
    std::size_t value = found + 8;
    while (blank(value)) ++value;
    from = value;
    if (value >= text.size() || text[value] != '=') continue;
    ++value;
    while (blank(value)) ++value;
    std::size_t end = value;
    if (end < text.size() && text[end] == '\'') {  // quoted: up to the closing quote
      for (++end; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      ++end;
    } else {
      while (end < text.size() && !blank(end)) ++end;
    }
    end = std::min(end, text.size());
    out += text.substr(copied, value - copied);
    out += "***";
    copied = from = end;
  }
  out += text.substr(copied);
  return out;
}

Url parse_conninfo(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    fail(text, "it contains a NUL character (a C string would end there)");
  }
  const std::string owned(text);
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, OptionsDeleter> options(PQconninfoParse(owned.c_str(), &error));
  if (!options) {
    std::string reason = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    fail(text, reason);
  }
  Url url;
  url.backend = "postgresql";
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr || *option->val == '\0') continue;  // libpq's default
    const std::string_view keyword(option->keyword);
    const std::string value(option->val);
    if (keyword == "user") {
      url.user = value;
    } else if (keyword == "password") {
      url.password = value;
    } else if (keyword == "dbname") {
      url.database = value;
    } else if (is_driver_option(keyword)) {
      url.query.emplace_back(keyword, value);
    } else {
      // client_encoding (ormc needs UTF8), replication, ...: libpq knows them, ormc
      // cannot honour them.
      fail(text, "the keyword '" + std::string(keyword) + "' is not supported by ormc");
    }
  }
  return url;
}

}  // namespace ormc::postgres
