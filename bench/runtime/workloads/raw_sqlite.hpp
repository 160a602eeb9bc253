// The workloads W1-W8 through hand-written sqlite3 calls, as a competent C programmer
// writes them: statements prepared once and reused, every value bound, one transaction per
// batch of writes. Also the untimed chores around the runs (emptying the tables, checking
// what a run wrote).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "workload.hpp"

namespace wl_bench {

class RawSqlite {
 public:
  //! Opens `path`, whose tables exist already (created through the schema).
  explicit RawSqlite(const std::string& path);
  ~RawSqlite();
  RawSqlite(const RawSqlite&) = delete;
  RawSqlite& operator=(const RawSqlite&) = delete;

  // Untimed chores.
  void reset();  //!< empties both tables; ids start again at 1
  //! Fills posts and comments from the users (W7's data), then analyzes.
  void fill_posts_and_comments();
  void analyze();  //!< ANALYZE, before the reads
  //! W4's data: posts and comments emptied, ten posts for each user with id <= n; ANALYZE.
  void fill_posts_of_users(std::int64_t n);
  //! Every user, read back: the rows and checksum W1's paths must agree on.
  Outcome table_outcome();
  //! sum(age) of the users with id <= n (W5's check that every age moved by one).
  std::int64_t age_sum(std::int64_t n);

  // The timed runs.
  Outcome insert(const std::vector<User>& users);            //!< W1
  Outcome get_by_key(const std::vector<std::int64_t>& ids);  //!< W2
  Outcome load_older();                                      //!< W3
  Outcome update(std::int64_t n);                            //!< W5
  //! W4: the users with id <= n, then a SELECT of each one's posts.
  Outcome users_with_posts_lazy(std::int64_t n);
  //! W4: the users with id <= n, then their posts by `author_id IN (...)`, 500 users per
  //! statement, grouped by hand.
  Outcome users_with_posts_selectin(std::int64_t n);
  //! W4: users LEFT OUTER JOIN posts in one SELECT ordered by user id, each user taken once
  //! (its rows are adjacent) with the posts of its rows.
  Outcome users_with_posts_joined(std::int64_t n);
  Outcome group_by_age();   //!< W6
  Outcome join_comments();  //!< W7
  Outcome window_users();   //!< W8

 private:
  void exec(const char* sql);
  sqlite3_stmt* prepare(const char* sql);
  void step_done(sqlite3_stmt* statement, const char* what);
  static User read_user(sqlite3_stmt* statement);
  //! A post's columns from `first` on: id, author_id, title, content, published.
  static PostRow read_post(sqlite3_stmt* statement, int first);
  //! The statement of `author_id IN (?1, ..., ?count)`, prepared on first use and kept.
  sqlite3_stmt* posts_in(std::size_t count);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* get_ = nullptr;
  sqlite3_stmt* older_ = nullptr;
  sqlite3_stmt* first_n_ = nullptr;
  sqlite3_stmt* update_ = nullptr;
  sqlite3_stmt* group_ = nullptr;
  sqlite3_stmt* all_ = nullptr;
  sqlite3_stmt* join_ = nullptr;
  sqlite3_stmt* window_ = nullptr;
  sqlite3_stmt* posts_of_ = nullptr;
  sqlite3_stmt* users_join_posts_ = nullptr;
  std::map<std::size_t, sqlite3_stmt*> posts_in_;
};

}  // namespace wl_bench
