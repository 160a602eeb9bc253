// A two-model schema written by hand in exactly the shape `ormc generate` emits
// (docs/design/generated-code.md), for the query tests and the compile-fail snippets.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "ormc/model.hpp"
#include "ormc/types.hpp"

namespace testdb {

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
  std::optional<double> score{};
  ormc::Timestamp created_at{};  // default(now)
  ormc::Timestamp updated_at{};  // default(now), on_update(now)
};

/// An article written by a user.
struct Post {
  std::int64_t id{};  // assigned by the database
  std::int64_t author_id{};
  std::string title{};
  std::optional<std::string> content{};
  bool published = false;
  std::int32_t views = 0;
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
inline constexpr ormc::Column<User, std::optional<double>, 7> score{
    &User::score, "score", {.nullable = true}};
inline constexpr ormc::Column<User, ormc::Timestamp, 8> created_at{
    &User::created_at, "created_at", {.server_default = true, .default_now = true}};
inline constexpr ormc::Column<User, ormc::Timestamp, 9> updated_at{
    &User::updated_at,
    "updated_at",
    {.server_default = true, .default_now = true, .on_update_now = true}};
}  // namespace user

/// Typed descriptors of Post's columns, for queries.
namespace post {
inline constexpr ormc::Column<Post, std::int64_t, 0> id{
    &Post::id, "id", {.primary_key = true, .autoincrement = true}};
inline constexpr ormc::Column<Post, std::int64_t, 1> author_id{&Post::author_id, "author_id"};
inline constexpr ormc::Column<Post, std::string, 2> title{&Post::title, "title"};
inline constexpr ormc::Column<Post, std::optional<std::string>, 3> content{
    &Post::content, "content", {.nullable = true}};
inline constexpr ormc::Column<Post, bool, 4> published{
    &Post::published, "published", {.server_default = true}};
inline constexpr ormc::Column<Post, std::int32_t, 5> views{
    &Post::views, "views", {.server_default = true}};
}  // namespace post

}  // namespace testdb

template <>
struct ormc::enum_traits<testdb::Role> {
  static constexpr std::string_view sql_name = "role";
  static constexpr std::array<std::string_view, 3> names{"admin", "editor", "reader"};
};

template <>
struct ormc::model_traits<testdb::User> {
  static constexpr std::string_view table_name = "users";
  static constexpr std::string_view model_name = "User";
  using columns = ormc::column_list<testdb::user::id, testdb::user::username, testdb::user::email,
                                    testdb::user::age, testdb::user::role, testdb::user::is_active,
                                    testdb::user::balance, testdb::user::score,
                                    testdb::user::created_at, testdb::user::updated_at>;
  static constexpr std::array<std::size_t, 1> primary_key{0};
  static constexpr int autoincrement = 0;
  static constexpr int dependency_rank = 0;
};

template <>
struct ormc::model_traits<testdb::Post> {
  static constexpr std::string_view table_name = "posts";
  static constexpr std::string_view model_name = "Post";
  using columns =
      ormc::column_list<testdb::post::id, testdb::post::author_id, testdb::post::title,
                        testdb::post::content, testdb::post::published, testdb::post::views>;
  static constexpr std::array<std::size_t, 1> primary_key{0};
  static constexpr int autoincrement = 0;
  static constexpr int dependency_rank = 1;  // posts reference users
};
