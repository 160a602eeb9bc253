// The workloads W1-W6 of issue 9 (users and posts, bench/runtime/workloads.orm): the data
// both paths write, and the checksums both paths compute of what they wrote or read, so
// that an ORM run and a raw run are seen to have done the same work.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "workloads.orm.hpp"

namespace wl_bench {

using User = wl::User;
using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

//! What one timed run did: its time, the statements it executed (transaction control
//! excluded, as EngineStats counts them), and the rows and checksum of the data it wrote
//! or read, which every path of one workload must agree on.
struct Outcome {
  double seconds = 0;
  std::uint64_t statements = 0;
  std::int64_t rows = 0;
  std::uint64_t checksum = 0;
};

//! W3 loads the users older than this (ages run 18..77: 47 in 60, 78% of the rows).
constexpr std::int32_t w3_min_age = 30;

//! W5 loads and changes the users with id <= this many (10,000, or every row when fewer).
inline std::int64_t w5_rows(std::int64_t rows) { return std::min<std::int64_t>(rows, 10000); }

//! Users 1..n as W1 inserts them (id left 0: the database assigns it).
std::vector<User> make_users(std::int64_t n);

//! The ids 1..n in a fixed shuffled order (W2).
std::vector<std::int64_t> shuffled_ids(std::int64_t n);

//! Every column of a user, mixed; the sum over a set of users does not depend on order.
std::uint64_t checksum(const User& user);
//! The same without the age, which W5 changes from run to run.
std::uint64_t checksum_without_age(const User& user);

//! One row of W6: SELECT age, count(*), avg(id) ... GROUP BY age.
std::uint64_t group_checksum(std::int32_t age, std::int64_t count, double avg_id);

//! W7 and W8 read the users with age > this (W7: through their posts' comments).
constexpr std::int32_t w7_min_age = 30;

//! The SQL that fills posts (one per user) and comments (one per post, by another user)
//! before W7, untimed; the same text on both backends.
extern const char* const fill_posts_sql;
extern const char* const fill_comments_sql;

//! One row of W7: comments JOIN posts JOIN users (the post's author).
std::uint64_t join_checksum(std::int64_t comment_id, const std::string& body,
                            const std::string& title, const std::string& username,
                            std::int32_t age);

//! One row of W8: id, row_number() over (partition by age order by id), running sum(age)
//! over (partition by is_active order by id).
std::uint64_t window_checksum(std::int64_t id, std::int64_t row_number, std::int64_t running);

//! W4 loads the users with id <= this many (1,000, or every row when fewer), each with
//! the ten posts the untimed fill gives it.
inline std::int64_t w4_users(std::int64_t rows) { return std::min<std::int64_t>(rows, 1000); }
constexpr std::int64_t w4_posts_per_user = 10;
//! Parents per `author_id IN (...)` of W4's raw selectin, as ormc's selectin takes them.
constexpr std::size_t w4_parents_per_statement = 500;

//! W4's fill (untimed, after W5): posts and comments emptied, then ten posts for each user
//! with id <= `users`; the same text on both backends.
std::string w4_fill_posts_sql(std::int64_t users);

//! One post as W4's raw paths read it.
struct PostRow {
  std::int64_t id = 0;
  std::int64_t author_id = 0;
  std::string title;
  std::string content;
  bool published = false;
};

//! One post of W4, as found in the collection of the user `owner_id`: a post grouped
//! under the wrong user changes the sum.
std::uint64_t post_checksum(std::int64_t owner_id, std::int64_t id, std::int64_t author_id,
                            const std::string& title, const std::string& content, bool published);

//! What a C programmer writes to bind and read ormc's text timestamps on SQLite and the
//! text parameters of libpq: 'YYYY-MM-DD HH:MM:SS.ffffff' (26 characters, no NUL).
constexpr std::size_t timestamp_length = 26;
void format_timestamp(ormc::Timestamp t, char* out);
ormc::Timestamp parse_timestamp(const char* text, std::size_t length);

}  // namespace wl_bench
