// An engine URL, parsed: `sqlite:///relative.db`, `sqlite:////abs/path.db`,
// `sqlite://:memory:`, `postgresql://user:password@host:5432/db?sslmode=require`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ormc {

//! The parts of an engine URL. Percent-escapes are decoded. The password is kept for the
//! driver but never printed: str() and every error message show it as "***".
struct Url {
  std::string backend;   //!< "sqlite" or "postgresql" ("postgres" is accepted and normalised)
  std::string user;      //!< PostgreSQL only
  std::string password;  //!< PostgreSQL only; never logged
  std::string host;      //!< PostgreSQL only; empty for libpq's default (or a unix socket)
  std::optional<int> port;
  //! SQLite: the file path, relative to the working directory unless it starts with '/',
  //! or ":memory:". PostgreSQL: the database name.
  std::string database;
  //! The `?a=1&b=2` options in the order written; unknown ones are rejected by the engine.
  std::vector<std::pair<std::string, std::string>> query;

  //! Parses `text`; throws ArgumentError naming the URL (password hidden) and the problem.
  [[nodiscard]] static Url parse(std::string_view text);

  [[nodiscard]] bool is_memory() const { return backend == "sqlite" && database == ":memory:"; }
  //! The value of a query option, if given (the last one wins when repeated).
  [[nodiscard]] std::optional<std::string_view> option(std::string_view name) const;
  //! The URL as text with the password replaced by "***": safe for logs and messages.
  [[nodiscard]] std::string str() const;
};

//! `text` with the password of a `scheme://user:password@host` URL replaced by "***", for
//! messages about URLs that did not parse.
[[nodiscard]] std::string redact_url(std::string_view text);

}  // namespace ormc
