// A small schema written by hand in exactly the shape `ormc generate` emits
// (docs/design/generated-code.md): a User model and a Sample model holding every column
// type, with their enum_traits, model_traits and schema object, and DDL for SQLite and
// PostgreSQL.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "ormc/model.hpp"
#include "ormc/schema.hpp"
#include "ormc/types.hpp"

namespace rt {

/// What a user may do on the site.
enum class Role : std::uint8_t { admin, editor, reader };

[[nodiscard]] constexpr std::string_view to_string(Role value) noexcept {
  switch (value) {
    case Role::admin: return "admin";
    case Role::editor: return "editor";
    case Role::reader: return "reader";
  }
  return {};
}

[[nodiscard]] constexpr std::optional<Role> role_from_string(std::string_view text) noexcept {
  if (text == "admin") return Role::admin;
  if (text == "editor") return Role::editor;
  if (text == "reader") return Role::reader;
  return std::nullopt;
}

/// Someone with an account.
struct User {
  std::int64_t id{};  // assigned by the database
  std::string username{};
  std::string email{};
  std::optional<std::int32_t> age{};
  Role role = Role::reader;
  bool is_active = true;
  ormc::Decimal balance = 0;
  ormc::Timestamp created_at{};  // default(now)
};

/// One value of every column type.
struct Sample {
  std::int64_t id{};  // assigned by the database
  std::int16_t small{};
  std::int32_t medium{};
  float ratio{};
  double measure{};
  bool flag{};
  std::string label{};
  ormc::Bytes data{};
  ormc::Decimal amount{};
  ormc::Date day{};
  ormc::Time at{};
  ormc::Timestamp stamp{};
  ormc::Uuid uid{};
  ormc::Json doc{};
  Role role = Role::reader;
  std::optional<std::int64_t> maybe_count{};
  std::optional<std::string> maybe_label{};
  std::optional<ormc::Timestamp> maybe_stamp{};
  std::optional<ormc::Decimal> maybe_amount{};
  std::optional<Role> maybe_role{};
};

/// Typed descriptors of User's columns, for queries.
namespace user {
inline constexpr ormc::Column<User, std::int64_t, 0> id{
    &User::id, "id", {.primary_key = true, .autoincrement = true}};
inline constexpr ormc::Column<User, std::string, 1> username{&User::username, "username"};
inline constexpr ormc::Column<User, std::string, 2> email{&User::email, "email"};
inline constexpr ormc::Column<User, std::optional<std::int32_t>, 3> age{
    &User::age, "age", {.nullable = true}};
inline constexpr ormc::Column<User, Role, 4> role{&User::role, "role", {.server_default = true}};
inline constexpr ormc::Column<User, bool, 5> is_active{
    &User::is_active, "is_active", {.server_default = true}};
inline constexpr ormc::Column<User, ormc::Decimal, 6> balance{
    &User::balance, "balance", {.server_default = true}};
inline constexpr ormc::Column<User, ormc::Timestamp, 7> created_at{
    &User::created_at, "created_at", {.server_default = true, .default_now = true}};
}  // namespace user

/// Typed descriptors of Sample's columns, for queries.
namespace sample {
inline constexpr ormc::Column<Sample, std::int64_t, 0> id{
    &Sample::id, "id", {.primary_key = true, .autoincrement = true}};
inline constexpr ormc::Column<Sample, std::int16_t, 1> small{&Sample::small, "small"};
inline constexpr ormc::Column<Sample, std::int32_t, 2> medium{&Sample::medium, "medium"};
inline constexpr ormc::Column<Sample, float, 3> ratio{&Sample::ratio, "ratio"};
inline constexpr ormc::Column<Sample, double, 4> measure{&Sample::measure, "measure"};
inline constexpr ormc::Column<Sample, bool, 5> flag{&Sample::flag, "flag"};
inline constexpr ormc::Column<Sample, std::string, 6> label{&Sample::label, "label"};
inline constexpr ormc::Column<Sample, ormc::Bytes, 7> data{&Sample::data, "data"};
inline constexpr ormc::Column<Sample, ormc::Decimal, 8> amount{&Sample::amount, "amount"};
inline constexpr ormc::Column<Sample, ormc::Date, 9> day{&Sample::day, "day"};
inline constexpr ormc::Column<Sample, ormc::Time, 10> at{&Sample::at, "at"};
inline constexpr ormc::Column<Sample, ormc::Timestamp, 11> stamp{&Sample::stamp, "stamp"};
inline constexpr ormc::Column<Sample, ormc::Uuid, 12> uid{&Sample::uid, "uid"};
inline constexpr ormc::Column<Sample, ormc::Json, 13> doc{&Sample::doc, "doc"};
inline constexpr ormc::Column<Sample, Role, 14> role{
    &Sample::role, "role", {.server_default = true}};
inline constexpr ormc::Column<Sample, std::optional<std::int64_t>, 15> maybe_count{
    &Sample::maybe_count, "maybe_count", {.nullable = true}};
inline constexpr ormc::Column<Sample, std::optional<std::string>, 16> maybe_label{
    &Sample::maybe_label, "maybe_label", {.nullable = true}};
inline constexpr ormc::Column<Sample, std::optional<ormc::Timestamp>, 17> maybe_stamp{
    &Sample::maybe_stamp, "maybe_stamp", {.nullable = true}};
inline constexpr ormc::Column<Sample, std::optional<ormc::Decimal>, 18> maybe_amount{
    &Sample::maybe_amount, "maybe_amount", {.nullable = true}};
inline constexpr ormc::Column<Sample, std::optional<Role>, 19> maybe_role{
    &Sample::maybe_role, "maybe_role", {.nullable = true}};
}  // namespace sample

namespace detail {

inline constexpr ormc::TableInfo schema_tables[] = {
    {"users", "User"},
    {"samples", "Sample"},
};

inline constexpr std::string_view schema_sqlite_create[] = {
    R"sql(CREATE TABLE IF NOT EXISTS "users" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "username" VARCHAR(80) NOT NULL UNIQUE,
  "email" VARCHAR(120) NOT NULL,
  "age" INTEGER,
  "role" TEXT NOT NULL DEFAULT 'reader' CHECK ("role" IN ('admin', 'editor', 'reader')),
  "is_active" BOOLEAN NOT NULL DEFAULT 1,
  "balance" TEXT NOT NULL DEFAULT '0' CHECK (CAST("balance" AS REAL) >= 0),
  "created_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
))sql",
    R"sql(CREATE TABLE IF NOT EXISTS "samples" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "small" INTEGER NOT NULL,
  "medium" INTEGER NOT NULL,
  "ratio" REAL NOT NULL,
  "measure" REAL NOT NULL,
  "flag" BOOLEAN NOT NULL,
  "label" TEXT NOT NULL,
  "data" BLOB NOT NULL,
  "amount" TEXT NOT NULL,
  "day" TEXT NOT NULL,
  "at" TEXT NOT NULL,
  "stamp" TEXT NOT NULL,
  "uid" TEXT NOT NULL,
  "doc" TEXT NOT NULL,
  "role" TEXT NOT NULL DEFAULT 'reader',
  "maybe_count" INTEGER,
  "maybe_label" TEXT,
  "maybe_stamp" TEXT,
  "maybe_amount" TEXT,
  "maybe_role" TEXT
))sql",
};

inline constexpr std::string_view schema_sqlite_drop[] = {
    R"sql(DROP TABLE IF EXISTS "samples")sql",
    R"sql(DROP TABLE IF EXISTS "users")sql",
};

inline constexpr std::string_view schema_postgresql_create[] = {
    R"sql(DO $$ BEGIN
  CREATE TYPE "role" AS ENUM ('admin', 'editor', 'reader');
EXCEPTION
  WHEN duplicate_object THEN NULL;
END $$)sql",
    R"sql(CREATE TABLE IF NOT EXISTS "users" (
  "id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  "username" varchar(80) NOT NULL,
  "email" varchar(120) NOT NULL,
  "age" integer,
  "role" "role" NOT NULL DEFAULT 'reader',
  "is_active" boolean NOT NULL DEFAULT TRUE,
  "balance" numeric(10, 2) NOT NULL DEFAULT 0,
  "created_at" timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  CONSTRAINT "uq_users_username" UNIQUE ("username"),
  CONSTRAINT "ck_users_balance" CHECK ("balance" >= 0)
))sql",
    R"sql(CREATE TABLE IF NOT EXISTS "samples" (
  "id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  "small" smallint NOT NULL,
  "medium" integer NOT NULL,
  "ratio" real NOT NULL,
  "measure" double precision NOT NULL,
  "flag" boolean NOT NULL,
  "label" text NOT NULL,
  "data" bytea NOT NULL,
  "amount" numeric NOT NULL,
  "day" date NOT NULL,
  "at" time NOT NULL,
  "stamp" timestamp NOT NULL,
  "uid" uuid NOT NULL,
  "doc" json NOT NULL,
  "role" "role" NOT NULL DEFAULT 'reader',
  "maybe_count" bigint,
  "maybe_label" text,
  "maybe_stamp" timestamp,
  "maybe_amount" numeric,
  "maybe_role" "role"
))sql",
};

inline constexpr std::string_view schema_postgresql_drop[] = {
    R"sql(DROP TABLE IF EXISTS "samples")sql",
    R"sql(DROP TABLE IF EXISTS "users")sql",
    R"sql(DROP TYPE IF EXISTS "role")sql",
};

}  // namespace detail

/// The tables of runtime_model, in dependency order, with their DDL:
/// `rt::schema.create_all(engine)` creates them, `drop_all` drops them.
inline constexpr ormc::Schema schema{"rt",
                                     detail::schema_tables,
                                     detail::schema_sqlite_create,
                                     detail::schema_sqlite_drop,
                                     detail::schema_postgresql_create,
                                     detail::schema_postgresql_drop};

}  // namespace rt

template <>
struct ormc::enum_traits<rt::Role> {
  static constexpr std::string_view sql_name = "role";
  static constexpr std::array<std::string_view, 3> names{"admin", "editor", "reader"};
};

template <>
struct ormc::model_traits<rt::User> {
  static constexpr std::string_view table_name = "users";
  static constexpr std::string_view model_name = "User";
  using columns = ormc::column_list<rt::user::id, rt::user::username, rt::user::email,
                                    rt::user::age, rt::user::role, rt::user::is_active,
                                    rt::user::balance, rt::user::created_at>;
  static constexpr std::array<std::size_t, 1> primary_key{0};
  static constexpr int autoincrement = 0;
};

template <>
struct ormc::model_traits<rt::Sample> {
  static constexpr std::string_view table_name = "samples";
  static constexpr std::string_view model_name = "Sample";
  using columns =
      ormc::column_list<rt::sample::id, rt::sample::small, rt::sample::medium, rt::sample::ratio,
                        rt::sample::measure, rt::sample::flag, rt::sample::label, rt::sample::data,
                        rt::sample::amount, rt::sample::day, rt::sample::at, rt::sample::stamp,
                        rt::sample::uid, rt::sample::doc, rt::sample::role, rt::sample::maybe_count,
                        rt::sample::maybe_label, rt::sample::maybe_stamp, rt::sample::maybe_amount,
                        rt::sample::maybe_role>;
  static constexpr std::array<std::size_t, 1> primary_key{0};
  static constexpr int autoincrement = 0;
};
