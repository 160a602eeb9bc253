// The workloads W1-W8 through hand-written libpq, as a competent C programmer writes them:
// statements prepared once per connection and reused, text parameters, binary results for
// the user rows, one transaction per batch of writes; per-row, pipelined (libpq pipeline
// mode) and COPY variants of the writes. Also the untimed chores around the runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <libpq-fe.h>

#include "workload.hpp"

namespace wl_bench {

class RawPostgres {
 public:
  //! Connects to `url`; prepares its statements when `prepare` (the tables exist).
  explicit RawPostgres(const std::string& url, bool prepare = true);
  ~RawPostgres();
  RawPostgres(const RawPostgres&) = delete;
  RawPostgres& operator=(const RawPostgres&) = delete;

  void exec(const std::string& sql);

  // Untimed chores.
  void reset();  //!< TRUNCATE both tables, identities restarted
  //! Fills posts and comments from the users (W7's data), then analyzes.
  void fill_posts_and_comments();
  void analyze();  //!< VACUUM ANALYZE, before the reads
  //! W4's data: posts and comments emptied, ten posts for each user with id <= n; ANALYZE.
  void fill_posts_of_users(std::int64_t n);
  Outcome table_outcome();               //!< every user read back (W1's check)
  std::int64_t age_sum(std::int64_t n);  //!< sum(age) of the users with id <= n (W5's)

  // The timed runs.
  Outcome insert_per_row(const std::vector<User>& users);    //!< W1, a round trip per row
  Outcome insert_pipelined(const std::vector<User>& users);  //!< W1, per-row in one pipeline
  Outcome insert_copy(const std::vector<User>& users);       //!< W1, COPY FROM STDIN (text)
  Outcome get_by_key(const std::vector<std::int64_t>& ids);  //!< W2
  Outcome load_older();                                      //!< W3
  Outcome update(std::int64_t n, bool pipelined);            //!< W5
  //! W4: the users with id <= n, then a SELECT of each one's posts.
  Outcome users_with_posts_lazy(std::int64_t n);
  //! W4: the users with id <= n, then their posts by `author_id = ANY($1)` (every id in
  //! one array parameter, as ormc binds them on PostgreSQL), grouped by hand.
  Outcome users_with_posts_selectin(std::int64_t n);
  //! W4: users LEFT OUTER JOIN posts in one SELECT ordered by user id, each user taken once
  //! (its rows are adjacent) with the posts of its rows.
  Outcome users_with_posts_joined(std::int64_t n);
  Outcome group_by_age();   //!< W6
  Outcome join_comments();  //!< W7
  Outcome window_users();   //!< W8

 private:
  struct UserParams;
  void check(PGresult* result, const char* what);
  PGresult* run_prepared(const char* name, int count, const char* const* values, int format);
  std::vector<User> load_users(const char* name, int count, const char* const* values);
  //! The posts of a binary result, columns from `first` on: id, author_id, title, content,
  //! published.
  static PostRow read_post(const PGresult* result, int row, int first);
  void read_pipeline(std::size_t statements, const char* what);

  PGconn* conn_;
};

}  // namespace wl_bench
