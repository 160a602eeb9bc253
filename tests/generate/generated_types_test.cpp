// The generated headers of schemas/{blog,shop,chinook}.orm compile together and say what
// the schemas say: member types, defaults, enums, column descriptors, traits, the schema.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "chinook.orm.hpp"
#include "shop.orm.hpp"

namespace {

template <typename M>
constexpr std::size_t column_count = ormc::model_column_count<M>;

// ---------------------------------------------------------------- compile-time facts

static_assert(ormc::Model<blog::User> && ormc::Model<blog::Profile> && ormc::Model<blog::Post> &&
              ormc::Model<blog::Comment> && ormc::Model<blog::Tag> && ormc::Model<blog::PostTags>);
static_assert(ormc::Model<shop::Customer> && ormc::Model<shop::OrderItem>);
static_assert(ormc::Model<chinook::Track> && ormc::Model<chinook::PlaylistTrack>);
static_assert(!ormc::Model<std::string>);

// Member types follow docs/schema-language.md §14.
static_assert(std::is_same_v<decltype(blog::User::id), std::int64_t>);
static_assert(std::is_same_v<decltype(blog::User::username), std::string>);
static_assert(std::is_same_v<decltype(blog::User::age), std::optional<std::int32_t>>);
static_assert(std::is_same_v<decltype(blog::User::role), blog::Role>);
static_assert(std::is_same_v<decltype(blog::User::is_active), bool>);
static_assert(std::is_same_v<decltype(blog::User::balance), ormc::Decimal>);
static_assert(std::is_same_v<decltype(blog::User::created_at), ormc::Timestamp>);
static_assert(std::is_same_v<decltype(blog::Comment::author_id), std::optional<std::int64_t>>);
static_assert(std::is_same_v<decltype(shop::Review::rating), std::int16_t>);
static_assert(std::is_same_v<decltype(shop::Customer::created_at), ormc::Timestamp>);
static_assert(std::is_same_v<decltype(chinook::Track::AlbumId), std::optional<std::int32_t>>);
static_assert(
    std::is_same_v<decltype(chinook::Employee::BirthDate), std::optional<ormc::Timestamp>>);
static_assert(std::is_same_v<std::underlying_type_t<blog::Role>, std::uint8_t>);

// Column descriptors: value type, position, SQL name, flags.
static_assert(std::is_same_v<decltype(blog::user::age)::value_type, std::optional<std::int32_t>>);
static_assert(std::is_same_v<decltype(blog::user::age)::model_type, blog::User>);
static_assert(decltype(blog::user::age)::index == 3);
static_assert(blog::user::age.name == "age" && blog::user::age.flags.nullable);
static_assert(blog::user::id.flags.primary_key && blog::user::id.flags.autoincrement);
static_assert(blog::user::updated_at.flags.default_now &&
              blog::user::updated_at.flags.on_update_now);
static_assert(blog::user::role.flags.server_default && !blog::user::username.flags.server_default);
static_assert(blog::post_tags::tag_id.flags.primary_key &&
              !blog::post_tags::tag_id.flags.autoincrement);
static_assert(chinook::track::UnitPrice.name == "UnitPrice");

// Traits.
static_assert(ormc::model_traits<blog::User>::table_name == "users");
static_assert(ormc::model_traits<blog::User>::model_name == "User");
static_assert(column_count<blog::User> == 9);
static_assert(ormc::model_traits<blog::User>::primary_key == std::array<std::size_t, 1>{0});
static_assert(ormc::model_traits<blog::User>::autoincrement == 0);
static_assert(ormc::model_traits<blog::PostTags>::table_name == "post_tags");
static_assert(ormc::model_traits<blog::PostTags>::primary_key == std::array<std::size_t, 2>{0, 1});
static_assert(ormc::model_traits<blog::PostTags>::autoincrement == -1);
static_assert(ormc::model_traits<shop::OrderItem>::primary_key == std::array<std::size_t, 2>{0, 1});
static_assert(ormc::model_traits<chinook::InvoiceLine>::table_name == "InvoiceLine");
static_assert(ormc::column_at<blog::User, 3>().name == "age");
static_assert(&ormc::column_at<blog::User, 3>() == &blog::user::age);
static_assert(
    std::is_same_v<ormc::column_t<blog::User, 0>, std::remove_cvref_t<decltype(blog::user::id)>>);

// Enums: to_string / <enum>_from_string and the runtime's enum_traits.
static_assert(blog::to_string(blog::Role::editor) == "editor");
static_assert(blog::role_from_string("admin") == blog::Role::admin);
static_assert(!blog::role_from_string("root").has_value());
static_assert(shop::order_status_from_string("shipped") == shop::OrderStatus::shipped);
static_assert(ormc::enum_traits<blog::Role>::names.size() == 3);
static_assert(ormc::enum_traits<blog::Role>::names[2] == "reader");
static_assert(ormc::enum_traits<shop::OrderStatus>::sql_name == "order_status");

bool referenced_tables_come_first(const ormc::Schema& schema, std::string_view child,
                                  std::string_view parent) {
  std::size_t child_at = 0;
  std::size_t parent_at = 0;
  for (std::size_t i = 0; i < schema.tables.size(); ++i) {
    if (schema.tables[i].name == child) child_at = i;
    if (schema.tables[i].name == parent) parent_at = i;
  }
  return parent_at < child_at;
}

}  // namespace

// ---------------------------------------------------------------- run-time facts

// The schema objects are defined in the generated .cpp files, so they are run-time facts.
TEST_CASE("the schema objects list their tables in dependency order") {
  CHECK(blog::schema.name == "blog");
  CHECK(blog::schema.tables.size() == 6);
  CHECK(blog::schema.tables.front().name == "users");
  CHECK(blog::schema.tables.back().name == "post_tags");
  CHECK(chinook::schema.tables.size() == 11);
  CHECK(referenced_tables_come_first(shop::schema, "order_items", "orders"));
  CHECK(referenced_tables_come_first(shop::schema, "orders", "customers"));
  CHECK(referenced_tables_come_first(chinook::schema, "Track", "Album"));
}

TEST_CASE("generated structs take designated initializers and start with the schema defaults") {
  blog::User user{.username = "alice", .email = "alice@example.com"};
  CHECK(user.id == 0);
  CHECK(user.username == "alice");
  CHECK_FALSE(user.age.has_value());
  CHECK(user.role == blog::Role::reader);
  CHECK(user.is_active);
  CHECK(user.balance.str() == "0");
  CHECK(user.created_at == ormc::Timestamp{});

  blog::Post post{.author_id = 1, .title = "Tips", .content = "..."};
  CHECK_FALSE(post.published);
  CHECK(post.views == 0);

  shop::Order order{.customer_id = 7};
  CHECK(order.status == shop::OrderStatus::pending);
  CHECK(order.total.str() == "0");

  chinook::Employee employee{.LastName = "Adams", .FirstName = "Andrew", .ReportsTo = 1};
  CHECK(employee.ReportsTo == 1);
  CHECK_FALSE(employee.Title.has_value());
}

TEST_CASE("every enum value survives to_string and back") {
  for (std::string_view name : ormc::enum_traits<blog::Role>::names) {
    auto value = blog::role_from_string(name);
    REQUIRE(value.has_value());
    CHECK(blog::to_string(*value) == name);
  }
  for (std::string_view name : ormc::enum_traits<shop::OrderStatus>::names) {
    auto value = shop::order_status_from_string(name);
    REQUIRE(value.has_value());
    CHECK(shop::to_string(*value) == name);
  }
  CHECK_FALSE(shop::order_status_from_string("Paid").has_value());
}

TEST_CASE("column descriptors read and write their member") {
  blog::User user{.username = "bob"};
  blog::user::age.of(user) = 42;
  CHECK(user.age == 42);
  CHECK(blog::user::username.of(std::as_const(user)) == "bob");

  std::vector<std::string_view> names;
  ormc::for_each_column<blog::Post>([&](const auto& column) { names.push_back(column.name); });
  CHECK(names == std::vector<std::string_view>{"id", "author_id", "title", "content", "published",
                                               "views", "created_at"});
}
