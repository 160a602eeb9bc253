// The workloads through raw sqlite3 (raw_sqlite.hpp).
#include "raw_sqlite.hpp"

#include <stdexcept>
#include <unordered_map>

namespace wl_bench {

namespace {

constexpr const char* user_columns = "id, username, email, age, is_active, created_at";

// The columns and order of ormc's relation loads, as its statements name them.
constexpr const char* post_columns =
    "posts.id, posts.author_id, posts.title, posts.content, posts.published";

std::string sql_of(const char* head, const char* tail) {
  return std::string("SELECT ") + user_columns + " FROM users" + head + tail;
}

}  // namespace

RawSqlite::RawSqlite(const std::string& path) {
  // NOMUTEX as ormc opens its connections: the default (serialized) handle would take
  // SQLite's mutex on every sqlite3_column_* call, which only the raw path would pay.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    throw std::runtime_error("sqlite3_open_v2 " + path + ": " + sqlite3_errmsg(db_));
  }
  exec("PRAGMA foreign_keys = ON");  // as ormc's connections run
  insert_ = prepare(
      "INSERT INTO users (username, email, age, is_active, created_at) VALUES (?1, ?2, ?3, ?4, "
      "?5)");
  get_ = prepare(sql_of(" WHERE id = ?1", "").c_str());
  older_ = prepare(sql_of(" WHERE age > ?1", " ORDER BY id").c_str());
  first_n_ = prepare(sql_of(" WHERE id <= ?1", " ORDER BY id").c_str());
  update_ = prepare("UPDATE users SET age = ?1 WHERE id = ?2");
  group_ = prepare("SELECT age, count(*), avg(id) FROM users GROUP BY age");
  all_ = prepare(sql_of("", " ORDER BY id").c_str());
  join_ = prepare(
      "SELECT comments.id, comments.body, posts.title, users.username, users.age FROM c"
      "omments JOIN posts ON posts.id = comments.post_id JOIN users ON users.id = posts"
      ".author_id WHERE users.age > ?1 ORDER BY comments.id");
  window_ = prepare(
      "SELECT id, row_number() OVER (PARTITION BY age ORDER BY id), sum(age) OVER (PART"
      "ITION BY is_active ORDER BY id) FROM users WHERE age > ?1 ORDER BY id");
  posts_of_ = prepare((std::string("SELECT ") + post_columns +
                       " FROM posts WHERE posts.author_id = ?1 ORDER BY posts.id")
                          .c_str());
  // ormc's joined statement: the user's columns, then the post's (NULL for a user without).
  users_join_posts_ = prepare(
      (std::string("SELECT users.id, users.username, users.email, users.age, users.is_active, "
                   "users.created_at, ") +
       post_columns +
       " FROM users LEFT JOIN posts ON users.id = posts.author_id WHERE users.id <= ?1 ORDER "
       "BY users.id")
          .c_str());
}

RawSqlite::~RawSqlite() {
  for (sqlite3_stmt* s : {insert_, get_, older_, first_n_, update_, group_, all_, join_, window_}) {
    sqlite3_finalize(s);
  }
  sqlite3_finalize(posts_of_);
  sqlite3_finalize(users_join_posts_);
  for (const auto& [count, s] : posts_in_) sqlite3_finalize(s);
  sqlite3_close(db_);
}

void RawSqlite::exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db_));
  }
}

sqlite3_stmt* RawSqlite::prepare(const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
      SQLITE_OK) {
    throw std::runtime_error(std::string("prepare ") + sql + ": " + sqlite3_errmsg(db_));
  }
  return statement;
}

void RawSqlite::step_done(sqlite3_stmt* statement, const char* what) {
  if (sqlite3_step(statement) != SQLITE_DONE) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db_));
  }
  sqlite3_reset(statement);
}

User RawSqlite::read_user(sqlite3_stmt* statement) {
  User user;
  user.id = sqlite3_column_int64(statement, 0);
  user.username.assign(reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)),
                       static_cast<std::size_t>(sqlite3_column_bytes(statement, 1)));
  user.email.assign(reinterpret_cast<const char*>(sqlite3_column_text(statement, 2)),
                    static_cast<std::size_t>(sqlite3_column_bytes(statement, 2)));
  user.age = sqlite3_column_int(statement, 3);
  user.is_active = sqlite3_column_int(statement, 4) != 0;
  user.created_at =
      parse_timestamp(reinterpret_cast<const char*>(sqlite3_column_text(statement, 5)),
                      static_cast<std::size_t>(sqlite3_column_bytes(statement, 5)));
  return user;
}

void RawSqlite::reset() { exec("DELETE FROM comments; DELETE FROM posts; DELETE FROM users"); }

void RawSqlite::fill_posts_and_comments() {
  exec("DELETE FROM comments; DELETE FROM posts");
  exec(fill_posts_sql);
  exec(fill_comments_sql);
  exec("ANALYZE");
}

void RawSqlite::analyze() { exec("ANALYZE"); }

void RawSqlite::fill_posts_of_users(std::int64_t n) {
  exec("DELETE FROM comments; DELETE FROM posts");
  exec(w4_fill_posts_sql(n).c_str());
  exec("ANALYZE");
}

PostRow RawSqlite::read_post(sqlite3_stmt* statement, int first) {
  PostRow post;
  post.id = sqlite3_column_int64(statement, first);
  post.author_id = sqlite3_column_int64(statement, first + 1);
  post.title.assign(reinterpret_cast<const char*>(sqlite3_column_text(statement, first + 2)),
                    static_cast<std::size_t>(sqlite3_column_bytes(statement, first + 2)));
  post.content.assign(reinterpret_cast<const char*>(sqlite3_column_text(statement, first + 3)),
                      static_cast<std::size_t>(sqlite3_column_bytes(statement, first + 3)));
  post.published = sqlite3_column_int(statement, first + 4) != 0;
  return post;
}

sqlite3_stmt* RawSqlite::posts_in(std::size_t count) {
  auto found = posts_in_.find(count);
  if (found != posts_in_.end()) return found->second;
  std::string sql = std::string("SELECT posts.author_id, ") + post_columns +
                    " FROM posts WHERE posts.author_id IN (";
  for (std::size_t i = 1; i <= count; ++i) {
    if (i > 1) sql += ", ";
    sql += "?" + std::to_string(i);
  }
  sql += ") ORDER BY posts.id";
  return posts_in_[count] = prepare(sql.c_str());
}

Outcome RawSqlite::table_outcome() {
  Outcome outcome;
  while (sqlite3_step(all_) == SQLITE_ROW) {
    ++outcome.rows;
    outcome.checksum += checksum(read_user(all_));
  }
  sqlite3_reset(all_);
  return outcome;
}

std::int64_t RawSqlite::age_sum(std::int64_t n) {
  std::int64_t sum = 0;
  sqlite3_bind_int64(first_n_, 1, n);
  while (sqlite3_step(first_n_) == SQLITE_ROW) sum += sqlite3_column_int(first_n_, 3);
  sqlite3_reset(first_n_);
  return sum;
}

Outcome RawSqlite::insert(const std::vector<User>& users) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  for (const User& user : users) {
    char created_at[timestamp_length];
    format_timestamp(user.created_at, created_at);
    sqlite3_bind_text(insert_, 1, user.username.data(), static_cast<int>(user.username.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert_, 2, user.email.data(), static_cast<int>(user.email.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int(insert_, 3, user.age);
    sqlite3_bind_int(insert_, 4, user.is_active ? 1 : 0);
    sqlite3_bind_text(insert_, 5, created_at, static_cast<int>(timestamp_length), SQLITE_STATIC);
    step_done(insert_, "insert");
    ++outcome.statements;
  }
  exec("COMMIT");
  outcome.seconds = seconds_since(start);
  return outcome;
}

// Inside one transaction, as a Session reads: in autocommit every statement would take
// and release the file lock.
Outcome RawSqlite::get_by_key(const std::vector<std::int64_t>& ids) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  for (const std::int64_t id : ids) {
    sqlite3_bind_int64(get_, 1, id);
    if (sqlite3_step(get_) == SQLITE_ROW) {
      ++outcome.rows;
      outcome.checksum += checksum(read_user(get_));
    }
    sqlite3_reset(get_);
    ++outcome.statements;
  }
  exec("COMMIT");
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawSqlite::load_older() {
  Outcome outcome;
  const auto start = Clock::now();
  std::vector<User> users;
  sqlite3_bind_int(older_, 1, w3_min_age);
  while (sqlite3_step(older_) == SQLITE_ROW) users.push_back(read_user(older_));
  sqlite3_reset(older_);
  outcome.statements = 1;
  for (const User& user : users) outcome.checksum += checksum(user);
  outcome.rows = static_cast<std::int64_t>(users.size());
  users = {};  // freed inside the timing, as the ORM paths free theirs
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawSqlite::update(std::int64_t n) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  std::vector<User> users;
  sqlite3_bind_int64(first_n_, 1, n);
  while (sqlite3_step(first_n_) == SQLITE_ROW) users.push_back(read_user(first_n_));
  sqlite3_reset(first_n_);
  ++outcome.statements;
  for (User& user : users) {
    outcome.checksum += checksum_without_age(user);
    user.age += 1;
    sqlite3_bind_int(update_, 1, user.age);
    sqlite3_bind_int64(update_, 2, user.id);
    step_done(update_, "update");
    ++outcome.statements;
  }
  exec("COMMIT");
  outcome.rows = static_cast<std::int64_t>(users.size());
  users = {};  // freed inside the timing, as the ORM paths free theirs
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
Outcome RawSqlite::users_with_posts_lazy(std::int64_t n) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  std::vector<User> users;
  sqlite3_bind_int64(first_n_, 1, n);
  while (sqlite3_step(first_n_) == SQLITE_ROW) users.push_back(read_user(first_n_));
  sqlite3_reset(first_n_);
  ++outcome.statements;
  std::vector<std::vector<PostRow>> posts(users.size());
  for (std::size_t i = 0; i < users.size(); ++i) {
    sqlite3_bind_int64(posts_of_, 1, users[i].id);
    while (sqlite3_step(posts_of_) == SQLITE_ROW) posts[i].push_back(read_post(posts_of_, 0));
    sqlite3_reset(posts_of_);
    ++outcome.statements;
  }
  exec("COMMIT");
  sum_users_and_posts(users, posts, outcome);
  users = {};  // freed inside the timing, as the ORM paths free theirs
  posts = {};
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawSqlite::users_with_posts_selectin(std::int64_t n) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  std::vector<User> users;
  sqlite3_bind_int64(first_n_, 1, n);
  while (sqlite3_step(first_n_) == SQLITE_ROW) users.push_back(read_user(first_n_));
  sqlite3_reset(first_n_);
  ++outcome.statements;
  std::unordered_map<std::int64_t, std::size_t> index_of;
  index_of.reserve(users.size());
  for (std::size_t i = 0; i < users.size(); ++i) index_of.emplace(users[i].id, i);
  std::vector<std::vector<PostRow>> posts(users.size());
  for (std::size_t first = 0; first < users.size(); first += w4_parents_per_statement) {
    const std::size_t count = std::min(w4_parents_per_statement, users.size() - first);
    sqlite3_stmt* statement = posts_in(count);
    for (std::size_t i = 0; i < count; ++i) {
      sqlite3_bind_int64(statement, static_cast<int>(i + 1), users[first + i].id);
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      posts[index_of.at(sqlite3_column_int64(statement, 0))].push_back(read_post(statement, 1));
    }
    sqlite3_reset(statement);
    ++outcome.statements;
  }
  exec("COMMIT");
  sum_users_and_posts(users, posts, outcome);
  users = {};  // freed inside the timing, as the ORM paths free theirs
  posts = {};
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawSqlite::users_with_posts_joined(std::int64_t n) {
  Outcome outcome;
  const auto start = Clock::now();
  exec("BEGIN");
  std::vector<User> users;
  std::vector<std::vector<PostRow>> posts;
  sqlite3_bind_int64(users_join_posts_, 1, n);
  while (sqlite3_step(users_join_posts_) == SQLITE_ROW) {
    if (users.empty() || users.back().id != sqlite3_column_int64(users_join_posts_, 0)) {
      users.push_back(read_user(users_join_posts_));
      posts.emplace_back();
    }
    if (sqlite3_column_type(users_join_posts_, 6) != SQLITE_NULL) {
      posts.back().push_back(read_post(users_join_posts_, 6));
    }
  }
  sqlite3_reset(users_join_posts_);
  ++outcome.statements;
  exec("COMMIT");
  sum_users_and_posts(users, posts, outcome);
  users = {};  // freed inside the timing, as the ORM paths free theirs
  posts = {};
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawSqlite::group_by_age() {
  Outcome outcome;
  const auto start = Clock::now();
  struct Group {
    std::int32_t age;
    std::int64_t count;
    double avg_id;
  };
  std::vector<Group> groups;
  while (sqlite3_step(group_) == SQLITE_ROW) {
    groups.push_back({sqlite3_column_int(group_, 0), sqlite3_column_int64(group_, 1),
                      sqlite3_column_double(group_, 2)});
  }
  sqlite3_reset(group_);
  outcome.statements = 1;
  for (const Group& g : groups) outcome.checksum += group_checksum(g.age, g.count, g.avg_id);
  outcome.rows = static_cast<std::int64_t>(groups.size());
  groups = {};  // freed inside the timing, as the ORM paths free theirs
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawSqlite::join_comments() {
  Outcome outcome;
  const auto start = Clock::now();
  struct Row {
    std::int64_t id;
    std::string body, title, username;
    std::int32_t age;
  };
  auto text = [this](int column) {
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(join_, column)),
                       static_cast<std::size_t>(sqlite3_column_bytes(join_, column)));
  };
  std::vector<Row> rows;
  sqlite3_bind_int(join_, 1, w7_min_age);
  while (sqlite3_step(join_) == SQLITE_ROW) {
    rows.push_back(
        {sqlite3_column_int64(join_, 0), text(1), text(2), text(3), sqlite3_column_int(join_, 4)});
  }
  sqlite3_reset(join_);
  outcome.statements = 1;
  for (const Row& r : rows) {
    outcome.checksum += join_checksum(r.id, r.body, r.title, r.username, r.age);
  }
  outcome.rows = static_cast<std::int64_t>(rows.size());
  rows = {};  // freed inside the timing, as the ORM paths free theirs
  outcome.seconds = seconds_since(start);
  return outcome;
}

Outcome RawSqlite::window_users() {
  Outcome outcome;
  const auto start = Clock::now();
  struct Row {
    std::int64_t id, row_number, running;
  };
  std::vector<Row> rows;
  sqlite3_bind_int(window_, 1, w7_min_age);
  while (sqlite3_step(window_) == SQLITE_ROW) {
    rows.push_back({sqlite3_column_int64(window_, 0), sqlite3_column_int64(window_, 1),
                    sqlite3_column_int64(window_, 2)});
  }
  sqlite3_reset(window_);
  outcome.statements = 1;
  for (const Row& r : rows) outcome.checksum += window_checksum(r.id, r.row_number, r.running);
  outcome.rows = static_cast<std::int64_t>(rows.size());
  rows = {};  // freed inside the timing, as the ORM paths free theirs
  outcome.seconds = seconds_since(start);
  return outcome;
}

}  // namespace wl_bench
