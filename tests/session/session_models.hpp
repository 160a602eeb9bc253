// Two more hand-written models for the Session tests, in the shape `ormc generate` emits:
// Account has a version counter (optimistic locking), Membership a composite primary key
// whose first part is text.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "ormc/model.hpp"

namespace testdb {

struct Account {
  std::int64_t id{};
  std::string owner{};
  std::int64_t balance = 0;
  std::int64_t version = 0;  // version counter: set and checked by the Session
};

struct Membership {
  std::string team{};
  std::int64_t user_id{};
  std::string role{};
};

namespace account {
inline constexpr ormc::Column<Account, std::int64_t, 0> id{
    &Account::id, "id", {.primary_key = true, .autoincrement = true}};
inline constexpr ormc::Column<Account, std::string, 1> owner{&Account::owner, "owner"};
inline constexpr ormc::Column<Account, std::int64_t, 2> balance{&Account::balance, "balance"};
inline constexpr ormc::Column<Account, std::int64_t, 3> version{&Account::version, "version"};
}  // namespace account

namespace membership {
inline constexpr ormc::Column<Membership, std::string, 0> team{
    &Membership::team, "team", {.primary_key = true}};
inline constexpr ormc::Column<Membership, std::int64_t, 1> user_id{
    &Membership::user_id, "user_id", {.primary_key = true}};
inline constexpr ormc::Column<Membership, std::string, 2> role{&Membership::role, "role"};
}  // namespace membership

}  // namespace testdb

template <>
struct ormc::model_traits<testdb::Account> {
  static constexpr std::string_view table_name = "accounts";
  static constexpr std::string_view model_name = "Account";
  using columns = ormc::column_list<testdb::account::id, testdb::account::owner,
                                    testdb::account::balance, testdb::account::version>;
  static constexpr std::array<std::size_t, 1> primary_key{0};
  static constexpr int autoincrement = 0;
  static constexpr int dependency_rank = 0;
  static constexpr int version_column = 3;
};

template <>
struct ormc::model_traits<testdb::Membership> {
  static constexpr std::string_view table_name = "memberships";
  static constexpr std::string_view model_name = "Membership";
  using columns = ormc::column_list<testdb::membership::team, testdb::membership::user_id,
                                    testdb::membership::role>;
  static constexpr std::array<std::size_t, 2> primary_key{0, 1};
  static constexpr int autoincrement = -1;
  static constexpr int dependency_rank = 0;
};
