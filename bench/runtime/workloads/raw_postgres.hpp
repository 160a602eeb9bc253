// The workloads W1-W8 through hand-written libpq, as a competent C programmer writes them:
// statements prepared once per connection and reused, text parameters, binary results for
// the user rows, one transaction per batch of writes; per-row, pipelined (libpq pipeline
// mode) and COPY variants of the writes. Also the untimed chores around the runs.
#pragma once

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
  void analyze();                        //!< VACUUM ANALYZE, before the reads
  Outcome table_outcome();               //!< every user read back (W1's check)
  std::int64_t age_sum(std::int64_t n);  //!< sum(age) of the users with id <= n (W5's)

  // The timed runs.
  Outcome insert_per_row(const std::vector<User>& users);    //!< W1, a round trip per row
  Outcome insert_pipelined(const std::vector<User>& users);  //!< W1, per-row in one pipeline
  Outcome insert_copy(const std::vector<User>& users);       //!< W1, COPY FROM STDIN (text)
  Outcome get_by_key(const std::vector<std::int64_t>& ids);  //!< W2
  Outcome load_older();                                      //!< W3
  Outcome update(std::int64_t n, bool pipelined);            //!< W5
  Outcome group_by_age();                                    //!< W6
  Outcome join_comments();                                   //!< W7
  Outcome window_users();                                    //!< W8

 private:
  struct UserParams;
  void check(PGresult* result, const char* what);
  PGresult* run_prepared(const char* name, int count, const char* const* values, int format);
  std::vector<User> load_users(const char* name, int count, const char* const* values);
  void read_pipeline(std::size_t statements, const char* what);

  PGconn* conn_;
};

}  // namespace wl_bench
