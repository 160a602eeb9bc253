// The workloads through raw libpq (raw_postgres.hpp).
#include "raw_postgres.hpp"

#include <bit>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace wl_bench {

namespace {

constexpr const char* user_columns = "id, username, email, age, is_active, created_at";
// The columns and order of ormc's relation loads, as its statements name them.
constexpr const char* post_columns =
    "posts.id, posts.author_id, posts.title, posts.content, posts.published";
constexpr std::int64_t postgres_epoch_micros = 946684800LL * 1000000;  // 2000-01-01 UTC

std::uint64_t be64(const char* p) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, 8);
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}

std::uint32_t be32(const char* p) {
  std::uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return std::endian::native == std::endian::little ? __builtin_bswap32(v) : v;
}

//! A decimal integer as a NUL-terminated text parameter.
struct Number {
  char text[24];
  explicit Number(std::int64_t v) { *std::to_chars(text, text + sizeof text - 1, v).ptr = '\0'; }
};

}  // namespace

//! A user's INSERT parameters as text: username, email, age, is_active, created_at.
struct RawPostgres::UserParams {
  Number age;
  char created_at[timestamp_length + 1];
  const char* values[5];
  explicit UserParams(const User& user) : age(user.age) {
    format_timestamp(user.created_at, created_at);
    created_at[timestamp_length] = '\0';
    values[0] = user.username.c_str();
    values[1] = user.email.c_str();
    values[2] = age.text;
    values[3] = user.is_active ? "t" : "f";
    values[4] = created_at;
  }
};

RawPostgres::RawPostgres(const std::string& url, bool prepare) : conn_(PQconnectdb(url.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(conn_);
    PQfinish(conn_);
    throw std::runtime_error("connect: " + message);
  }
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);  // DROP ... CASCADE
  if (!prepare) return;
  const std::string select = std::string("SELECT ") + user_columns + " FROM users";
  const std::pair<const char*, std::string> statements[] = {
      {"insert",
       "INSERT INTO users (username, email, age, is_active, created_at) "
       "VALUES ($1, $2, $3, $4, $5)"},
      {"get", select + " WHERE id = $1"},
      {"older", select + " WHERE age > $1 ORDER BY id"},
      {"first_n", select + " WHERE id <= $1 ORDER BY id"},
      {"update", "UPDATE users SET age = $1 WHERE id = $2"},
      {"group", "SELECT age, count(*), avg(id) FROM users GROUP BY age"},
      {"all", select + " ORDER BY id"},
      {"join",
       "SELECT comments.id, comments.body, posts.title, users.username, users.age FROM c"
       "omments JOIN posts ON posts.id = comments.post_id JOIN users ON users.id = posts"
       ".author_id WHERE users.age > $1 ORDER BY comments.id"},
      {"window",
       "SELECT id, row_number() OVER (PARTITION BY age ORDER BY id), sum(age) OVER (PART"
       "ITION BY is_active ORDER BY id) FROM users WHERE age > $1 ORDER BY id"},
      {"posts_of", std::string("SELECT ") + post_columns +
                       " FROM posts WHERE posts.author_id = $1 ORDER BY posts.id"},
      {"posts_any", std::string("SELECT posts.author_id, ") + post_columns +
                        " FROM posts WHERE posts.author_id = ANY(CAST($1 AS bigint[])) ORDER BY "
                        "posts.id"},
      // ormc's joined statement: the user's columns, then the post's (NULL for a user
      // without).
      {"users_join_posts",
       std::string("SELECT users.id, users.username, users.email, users.age, users.is_active, "
                   "users.created_at, ") +
           post_columns +
           " FROM users LEFT JOIN posts ON users.id = posts.author_id WHERE users.id <= $1 "
           "ORDER BY users.id"},
  };
  for (const auto& [name, sql] : statements) {
    check(PQprepare(conn_, name, sql.c_str(), 0, nullptr), name);
  }
}

RawPostgres::~RawPostgres() { PQfinish(conn_); }

void RawPostgres::check(PGresult* result, const char* what) {
  const ExecStatusType status = PQresultStatus(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string(what) + ": " + PQerrorMessage(conn_));
  }
}

void RawPostgres::exec(const std::string& sql) { check(PQexec(conn_, sql.c_str()), sql.c_str()); }

PGresult* RawPostgres::run_prepared(const char* name, int count, const char* const* values,
                                    int format) {
  PGresult* result = PQexecPrepared(conn_, name, count, values, nullptr, nullptr, format);
  if (PQresultStatus(result) != PGRES_TUPLES_OK && PQresultStatus(result) != PGRES_COMMAND_OK) {
    check(result, name);
  }
  return result;
}

// Binary results: int8, varchar, varchar, int4, bool, timestamp (microseconds since 2000).
std::vector<User> RawPostgres::load_users(const char* name, int count, const char* const* values) {
  PGresult* result = run_prepared(name, count, values, 1);
  const int n = PQntuples(result);
  std::vector<User> users(static_cast<std::size_t>(n));
  for (int row = 0; row < n; ++row) {
    User& user = users[static_cast<std::size_t>(row)];
    user.id = static_cast<std::int64_t>(be64(PQgetvalue(result, row, 0)));
    user.username.assign(PQgetvalue(result, row, 1),
                         static_cast<std::size_t>(PQgetlength(result, row, 1)));
    user.email.assign(PQgetvalue(result, row, 2),
                      static_cast<std::size_t>(PQgetlength(result, row, 2)));
    user.age = static_cast<std::int32_t>(be32(PQgetvalue(result, row, 3)));
    user.is_active = PQgetvalue(result, row, 4)[0] != 0;
    user.created_at = ormc::Timestamp(std::chrono::microseconds(
        static_cast<std::int64_t>(be64(PQgetvalue(result, row, 5))) + postgres_epoch_micros));
  }
  PQclear(result);
  return users;
}

void RawPostgres::reset() { exec("TRUNCATE comments, posts, users RESTART IDENTITY"); }

void RawPostgres::fill_posts_and_comments() {
  exec("TRUNCATE comments, posts RESTART IDENTITY");
  exec(fill_posts_sql);
  exec(fill_comments_sql);
  exec("VACUUM ANALYZE posts");
  exec("VACUUM ANALYZE comments");
}

void RawPostgres::analyze() { exec("VACUUM ANALYZE users"); }

void RawPostgres::fill_posts_of_users(std::int64_t n) {
  exec("TRUNCATE comments, posts RESTART IDENTITY");
  exec(w4_fill_posts_sql(n));
  exec("VACUUM ANALYZE posts");
}

// Binary results: int8, int8, varchar, text, bool.
PostRow RawPostgres::read_post(const PGresult* result, int row, int first) {
  PostRow post;
  post.id = static_cast<std::int64_t>(be64(PQgetvalue(result, row, first)));
  post.author_id = static_cast<std::int64_t>(be64(PQgetvalue(result, row, first + 1)));
  post.title.assign(PQgetvalue(result, row, first + 2),
                    static_cast<std::size_t>(PQgetlength(result, row, first + 2)));
  post.content.assign(PQgetvalue(result, row, first + 3),
                      static_cast<std::size_t>(PQgetlength(result, row, first + 3)));
  post.published = PQgetvalue(result, row, first + 4)[0] != 0;
  return post;
}

Outcome RawPostgres::table_outcome() {
  Outcome outcome;
  for (const User& user : load_users("all", 0, nullptr)) {
    ++outcome.rows;
    outcome.checksum += checksum(user);
  }
  return outcome;
}

std::int64_t RawPostgres::age_sum(std::int64_t n) {
  const Number limit(n);
  const char* values[1] = {limit.text};
  std::int64_t sum = 0;
  for (const User& user : load_users("first_n", 1, values)) sum += user.age;
  return sum;
}

Outcome RawPostgres::insert_per_row(const std::vector<User>& users) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  for (const User& user : users) {
    const UserParams p(user);
    PQclear(run_prepared("insert", 5, p.values, 0));
    ++outcome.statements;
  }
  exec("COMMIT");
  outcome.seconds = seconds_since(start);
  return outcome;
}

void RawPostgres::read_pipeline(std::size_t statements, const char* what) {
  if (PQpipelineSync(conn_) != 1) throw std::runtime_error("PQpipelineSync");
  for (std::size_t i = 0; i < statements; ++i) {
    PGresult* result = PQgetResult(conn_);
    if (PQresultStatus(result) != PGRES_COMMAND_OK) check(result, what);
    PQclear(result);
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);  // the NULL that ends it
  }
  PGresult* sync = PQgetResult(conn_);
  const bool synced = PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  PQclear(sync);
  if (!synced) throw std::runtime_error(std::string(what) + ": no pipeline sync");
  if (PQexitPipelineMode(conn_) != 1) throw std::runtime_error("PQexitPipelineMode");
}

Outcome RawPostgres::insert_pipelined(const std::vector<User>& users) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  if (PQenterPipelineMode(conn_) != 1) throw std::runtime_error("PQenterPipelineMode");
  for (const User& user : users) {
    const UserParams p(user);
    if (PQsendQueryPrepared(conn_, "insert", 5, p.values, nullptr, nullptr, 0) != 1) {
      throw std::runtime_error(std::string("pipelined insert: ") + PQerrorMessage(conn_));
    }
    ++outcome.statements;
  }
  read_pipeline(users.size(), "pipelined insert");
  exec("COMMIT");
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawPostgres::insert_copy(const std::vector<User>& users) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  PGresult* copy =
      PQexec(conn_, "COPY users (username, email, age, is_active, created_at) FROM STDIN");
  const bool copying = PQresultStatus(copy) == PGRES_COPY_IN;
  PQclear(copy);
  if (!copying) throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(conn_));
  std::string buffer;
  auto escaped = [&](const std::string& s) {
    for (const char c : s) {
      if (c == '\\' || c == '\t' || c == '\n' || c == '\r') buffer += '\\';
      buffer += c;
    }
  };
  auto send = [&] {
    if (PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) {
      throw std::runtime_error(std::string("PQputCopyData: ") + PQerrorMessage(conn_));
    }
    buffer.clear();
  };
  for (const User& user : users) {
    escaped(user.username);
    buffer += '\t';
    escaped(user.email);
    buffer += '\t';
    char number[16];
    buffer.append(number, std::to_chars(number, number + sizeof number, user.age).ptr);
    buffer += user.is_active ? "\tt\t" : "\tf\t";
    char created_at[timestamp_length];
    format_timestamp(user.created_at, created_at);
    buffer.append(created_at, timestamp_length);
    buffer += '\n';
    if (buffer.size() > 64 * 1024) send();
  }
  if (!buffer.empty()) send();
  if (PQputCopyEnd(conn_, nullptr) != 1) throw std::runtime_error("PQputCopyEnd");
  check(PQgetResult(conn_), "COPY end");
  while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  outcome.statements = 1;
  exec("COMMIT");
  outcome.seconds = seconds_since(start);
  return outcome;
}

// One round trip per key, in one transaction as a Session reads.
Outcome RawPostgres::get_by_key(const std::vector<std::int64_t>& ids) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  for (const std::int64_t id : ids) {
    const Number key(id);
    const char* values[1] = {key.text};
    for (const User& user : load_users("get", 1, values)) {
      ++outcome.rows;
      outcome.checksum += checksum(user);
    }
    ++outcome.statements;
  }
  exec("COMMIT");
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawPostgres::load_older() {
  Outcome outcome;
  const auto start = Clock::now();
  {
    const Number min_age(w3_min_age);
    const char* values[1] = {min_age.text};
    const std::vector<User> users = load_users("older", 1, values);
    for (const User& user : users) outcome.checksum += checksum(user);
    outcome.rows = static_cast<std::int64_t>(users.size());
  }
  outcome.statements = 1;
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawPostgres::update(std::int64_t n, bool pipelined) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  const Number limit(n);
  const char* limit_values[1] = {limit.text};
  std::vector<User> users = load_users("first_n", 1, limit_values);
  ++outcome.statements;
  if (pipelined && PQenterPipelineMode(conn_) != 1) {
    throw std::runtime_error("PQenterPipelineMode");
  }
  for (User& user : users) {
    outcome.checksum += checksum_without_age(user);
    user.age += 1;
    const Number age(user.age);
    const Number id(user.id);
    const char* values[2] = {age.text, id.text};
    if (pipelined) {
      if (PQsendQueryPrepared(conn_, "update", 2, values, nullptr, nullptr, 0) != 1) {
        throw std::runtime_error(std::string("pipelined update: ") + PQerrorMessage(conn_));
      }
    } else {
      PQclear(run_prepared("update", 2, values, 0));
    }
    ++outcome.statements;
  }
  if (pipelined) read_pipeline(users.size(), "pipelined update");
  exec("COMMIT");
  outcome.rows = static_cast<std::int64_t>(users.size());
  users = {};  // freed inside the timing, as the ORM paths free theirs
  outcome.seconds = seconds_since(start);
  return outcome;
}

// Text results: avg(bigint) is numeric, read as a double the way the ORM reads it.
Outcome RawPostgres::group_by_age() {
  Outcome outcome;
  const auto start = Clock::now();
  struct Group {
    std::int32_t age;
    std::int64_t count;
    double avg_id;
  };
  std::vector<Group> groups;
  PGresult* result = run_prepared("group", 0, nullptr, 0);
  const int n = PQntuples(result);
  groups.reserve(static_cast<std::size_t>(n));
  for (int row = 0; row < n; ++row) {
    Group g{};
    const char* age = PQgetvalue(result, row, 0);
    std::from_chars(age, age + PQgetlength(result, row, 0), g.age);
    const char* count = PQgetvalue(result, row, 1);
    std::from_chars(count, count + PQgetlength(result, row, 1), g.count);
    const char* avg = PQgetvalue(result, row, 2);
    std::from_chars(avg, avg + PQgetlength(result, row, 2), g.avg_id);
    groups.push_back(g);
  }
  PQclear(result);
  outcome.statements = 1;
  for (const Group& g : groups) outcome.checksum += group_checksum(g.age, g.count, g.avg_id);
  outcome.rows = static_cast<std::int64_t>(groups.size());
  groups = {};  // freed inside the timing, as the ORM paths free theirs
  outcome.seconds = seconds_since(start);
  return outcome;
}

// Binary results, as W3 reads them.
Outcome RawPostgres::join_comments() {
  Outcome outcome;
  const auto start = Clock::now();
  struct Row {
    std::int64_t id;
    std::string body, title, username;
    std::int32_t age;
  };
  const Number min_age(w7_min_age);
  const char* values[] = {min_age.text};
  PGresult* result = run_prepared("join", 1, values, 1);
  const int n = PQntuples(result);
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(n));
  auto text = [result](int row, int column) {
    return std::string(PQgetvalue(result, row, column),
                       static_cast<std::size_t>(PQgetlength(result, row, column)));
  };
  for (int row = 0; row < n; ++row) {
    rows.push_back({static_cast<std::int64_t>(be64(PQgetvalue(result, row, 0))), text(row, 1),
                    text(row, 2), text(row, 3),
                    static_cast<std::int32_t>(be32(PQgetvalue(result, row, 4)))});
  }
  PQclear(result);
  outcome.statements = 1;
  for (const Row& r : rows) {
    outcome.checksum += join_checksum(r.id, r.body, r.title, r.username, r.age);
  }
  outcome.rows = static_cast<std::int64_t>(rows.size());
  rows = {};  // freed inside the timing, as the ORM paths free theirs
  outcome.seconds = seconds_since(start);
  return outcome;
}

namespace {

//! W4's sum over the users and each one's posts (the same as the ORM paths').
void sum_users_and_posts(const std::vector<User>& users,
                         const std::vector<std::vector<PostRow>>& posts, Outcome& outcome) {
  for (std::size_t i = 0; i < users.size(); ++i) {
    outcome.checksum += checksum(users[i]);
    for (const PostRow& p : posts[i]) {
      outcome.checksum +=
          post_checksum(users[i].id, p.id, p.author_id, p.title, p.content, p.published);
      ++outcome.rows;
    }
  }
}

}  // namespace

// Inside one transaction, as a Session reads.
Outcome RawPostgres::users_with_posts_lazy(std::int64_t n) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  const Number limit(n);
  const char* limit_values[1] = {limit.text};
  std::vector<User> users = load_users("first_n", 1, limit_values);
  ++outcome.statements;
  std::vector<std::vector<PostRow>> posts(users.size());
  for (std::size_t i = 0; i < users.size(); ++i) {
    const Number id(users[i].id);
    const char* values[1] = {id.text};
    PGresult* result = run_prepared("posts_of", 1, values, 1);
    const int rows = PQntuples(result);
    posts[i].reserve(static_cast<std::size_t>(rows));
    for (int row = 0; row < rows; ++row) posts[i].push_back(read_post(result, row, 0));
    PQclear(result);
    ++outcome.statements;
  }
  exec("COMMIT");
  sum_users_and_posts(users, posts, outcome);
  users = {};  // freed inside the timing, as the ORM paths free theirs
  posts = {};
  outcome.seconds = seconds_since(start);
  return outcome;
}

// ormc's statement on PostgreSQL: every key in one array parameter (`= ANY($1)`), so one
// statement for any number of users.
Outcome RawPostgres::users_with_posts_selectin(std::int64_t n) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  const Number limit(n);
  const char* limit_values[1] = {limit.text};
  std::vector<User> users = load_users("first_n", 1, limit_values);
  ++outcome.statements;
  std::unordered_map<std::int64_t, std::size_t> index_of;
  index_of.reserve(users.size());
  for (std::size_t i = 0; i < users.size(); ++i) index_of.emplace(users[i].id, i);
  std::vector<std::vector<PostRow>> posts(users.size());
  std::string ids = "{";
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (i > 0) ids += ',';
    ids += Number(users[i].id).text;
  }
  ids += '}';
  const char* values[1] = {ids.c_str()};
  PGresult* result = run_prepared("posts_any", 1, values, 1);
  const int rows = PQntuples(result);
  for (int row = 0; row < rows; ++row) {
    const auto author = static_cast<std::int64_t>(be64(PQgetvalue(result, row, 0)));
    posts[index_of.at(author)].push_back(read_post(result, row, 1));
  }
  PQclear(result);
  ++outcome.statements;
  exec("COMMIT");
  sum_users_and_posts(users, posts, outcome);
  users = {};  // freed inside the timing, as the ORM paths free theirs
  posts = {};
  outcome.seconds = seconds_since(start);
  return outcome;
}

// Binary results, as load_users and read_post read them.
Outcome RawPostgres::users_with_posts_joined(std::int64_t n) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  const Number limit(n);
  const char* limit_values[1] = {limit.text};
  PGresult* result = run_prepared("users_join_posts", 1, limit_values, 1);
  const int rows = PQntuples(result);
  std::vector<User> users;
  std::vector<std::vector<PostRow>> posts;
  for (int row = 0; row < rows; ++row) {
    const auto id = static_cast<std::int64_t>(be64(PQgetvalue(result, row, 0)));
    if (users.empty() || users.back().id != id) {
      User& user = users.emplace_back();
      user.id = id;
      user.username.assign(PQgetvalue(result, row, 1),
                           static_cast<std::size_t>(PQgetlength(result, row, 1)));
      user.email.assign(PQgetvalue(result, row, 2),
                        static_cast<std::size_t>(PQgetlength(result, row, 2)));
      user.age = static_cast<std::int32_t>(be32(PQgetvalue(result, row, 3)));
      user.is_active = PQgetvalue(result, row, 4)[0] != 0;
      user.created_at = ormc::Timestamp(std::chrono::microseconds(
          static_cast<std::int64_t>(be64(PQgetvalue(result, row, 5))) + postgres_epoch_micros));
      posts.emplace_back();
    }
    if (PQgetisnull(result, row, 6) == 0) posts.back().push_back(read_post(result, row, 6));
  }
  PQclear(result);
  ++outcome.statements;
  exec("COMMIT");
  sum_users_and_posts(users, posts, outcome);
  users = {};  // freed inside the timing, as the ORM paths free theirs
  posts = {};
  outcome.seconds = seconds_since(start);
  return outcome;
}

// Binary results: row_number() is bigint, sum(integer) is bigint.
Outcome RawPostgres::window_users() {
  Outcome outcome;
  const auto start = Clock::now();
  struct Row {
    std::int64_t id, row_number, running;
  };
  const Number min_age(w7_min_age);
  const char* values[] = {min_age.text};
  PGresult* result = run_prepared("window", 1, values, 1);
  const int n = PQntuples(result);
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(n));
  for (int row = 0; row < n; ++row) {
    rows.push_back({static_cast<std::int64_t>(be64(PQgetvalue(result, row, 0))),
                    static_cast<std::int64_t>(be64(PQgetvalue(result, row, 1))),
                    static_cast<std::int64_t>(be64(PQgetvalue(result, row, 2)))});
  }
  PQclear(result);
  outcome.statements = 1;
  for (const Row& r : rows) outcome.checksum += window_checksum(r.id, r.row_number, r.running);
  outcome.rows = static_cast<std::int64_t>(rows.size());
  rows = {};  // freed inside the timing, as the ORM paths free theirs
  outcome.seconds = seconds_since(start);
  return outcome;
}

}  // namespace wl_bench
