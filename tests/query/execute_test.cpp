// The statement builders run on SQLite :memory:: rows hydrated into models and tuples,
// rows-affected counts, batching, upserts, RETURNING and the statement cache.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  age INTEGER,
  role TEXT NOT NULL DEFAULT 'reader' CHECK (role IN ('admin', 'editor', 'reader')),
  is_active INTEGER NOT NULL DEFAULT 1,
  balance TEXT NOT NULL DEFAULT '0',
  score REAL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  content TEXT,
  published INTEGER NOT NULL DEFAULT 0,
  views INTEGER NOT NULL DEFAULT 0);
)sql";

struct Database {
  ormc::Engine engine = ormc::Engine::connect("sqlite://:memory:");
  ormc::Connection conn = engine.connect();

  Database() {
    conn.execute(kSchema);
    std::vector<User> users{
        User{.username = "alice", .email = "alice@example.com", .age = 31, .role = Role::admin},
        User{.username = "bob", .email = "bob@example.com", .age = 25, .role = Role::editor},
        User{.username = "carol", .email = "carol@example.com", .age = std::nullopt},
        User{.username = "dave", .email = "dave@example.com", .age = 42, .is_active = false},
        User{.username = "anna", .email = "anna@example.com", .age = 19, .score = 4.5},
    };
    ormc::insert<User>().values(users).execute(conn);
    std::vector<Post> posts;
    posts.reserve(6);
    for (int i = 0; i < 6; ++i) {
      posts.push_back(Post{.author_id = 1 + i % 3,
                           .title = "post " + std::to_string(i),
                           .published = i % 2 == 0,
                           .views = 10 * i});
    }
    ormc::insert<Post>().values(posts).execute(conn);
  }
};

std::vector<std::string> names(const std::vector<User>& users) {
  std::vector<std::string> out;
  out.reserve(users.size());
  for (const User& u : users) out.push_back(u.username);
  return out;
}

}  // namespace

TEST_CASE("select whole models with filters, order, limit and offset") {
  Database db;
  auto all = ormc::select<User>().order_by(user::id).all(db.conn);
  REQUIRE(all.size() == 5);
  CHECK(all[0].id == 1);
  CHECK(all[0].username == "alice");
  CHECK(all[0].role == Role::admin);
  CHECK(all[0].age == 31);
  CHECK(all[2].age == std::nullopt);
  CHECK(all[3].is_active == false);
  CHECK(all[4].score == 4.5);
  CHECK(all[0].created_at > ormc::Timestamp{});  // default(now) filled at insert

  auto page = ormc::select<User>()
                  .where(user::age > 20 && user::username.like("%a%"))
                  .order_by(user::age.desc())
                  .limit(2)
                  .offset(1)
                  .all(db.conn);
  CHECK(names(page) == std::vector<std::string>{"alice"});  // dave 42, alice 31

  CHECK(
      names(
          ormc::select<User>().where(user::age.between(20, 35)).order_by(user::id).all(db.conn)) ==
      std::vector<std::string>{"alice", "bob"});
  CHECK(names(ormc::select<User>().where(user::age.is_null()).all(db.conn)) ==
        std::vector<std::string>{"carol"});
  CHECK(names(ormc::select<User>()
                  .where(user::role.in_({Role::admin, Role::editor}))
                  .order_by(user::username.desc())
                  .all(db.conn)) == std::vector<std::string>{"bob", "alice"});
  CHECK(names(ormc::select<User>().where(!user::is_active).all(db.conn)) ==
        std::vector<std::string>{"dave"});
  CHECK(
      names(
          ormc::select<User>().where(user::username.ilike("A%")).order_by(user::id).all(db.conn)) ==
      std::vector<std::string>{"alice", "anna"});
}

TEST_CASE("a Condition built from optional filters") {
  Database db;
  auto search = [&](std::optional<int> min_age, std::optional<Role> role) {
    ormc::Condition<User> c;
    if (min_age) c = c && user::age >= *min_age;
    if (role) c = c && user::role == *role;
    return names(ormc::select<User>().where(c).order_by(user::id).all(db.conn));
  };
  CHECK(search(std::nullopt, std::nullopt).size() == 5);
  CHECK(search(30, std::nullopt) == std::vector<std::string>{"alice", "dave"});
  CHECK(search(30, Role::reader) == std::vector<std::string>{"dave"});
}

TEST_CASE("first, one, one_or_none, scalar, scalars") {
  Database db;
  auto first =
      ormc::select<User>().order_by(user::age.desc()).where(user::age.is_not_null()).first(db.conn);
  REQUIRE(first);
  CHECK(first->username == "dave");
  CHECK_FALSE(ormc::select<User>().where(user::age > 100).first(db.conn));

  CHECK(ormc::select<User>().where(user::email == "bob@example.com").one(db.conn).id == 2);
  CHECK_THROWS_AS((void)ormc::select<User>().where(user::age > 100).one(db.conn),
                  ormc::NoResultFound);
  CHECK_THROWS_AS((void)ormc::select<User>().one(db.conn), ormc::MultipleResultsFound);
  CHECK_FALSE(ormc::select<User>().where(user::id == 99).one_or_none(db.conn));
  CHECK_THROWS_AS((void)ormc::select<User>().one_or_none(db.conn), ormc::MultipleResultsFound);

  std::int64_t n = ormc::select(ormc::count(user::id)).scalar(db.conn);
  CHECK(n == 5);
  CHECK(ormc::select(ormc::count_all())
            .select_from<User>()
            .where(user::is_active == true)
            .scalar(db.conn) == 4);
  CHECK(ormc::select(user::username)
            .where(user::age < 26)
            .order_by(user::username)
            .scalars(db.conn) == std::vector<std::string>{"anna", "bob"});
}

TEST_CASE("aggregates, group_by, having, distinct") {
  Database db;
  std::optional<double> avg = ormc::select(ormc::avg(user::age)).scalar(db.conn);
  REQUIRE(avg);
  CHECK(*avg == doctest::Approx((31 + 25 + 42 + 19) / 4.0));
  CHECK(ormc::select(ormc::sum(post::views)).scalar(db.conn) == std::optional<std::int64_t>{150});
  CHECK(ormc::select(ormc::max(user::age)).scalar(db.conn) == std::optional<std::int32_t>{42});
  CHECK(ormc::select(ormc::min(user::username)).scalar(db.conn) ==
        std::optional<std::string>{"alice"});
  // Aggregates of no rows are NULL.
  CHECK(ormc::select(ormc::sum(post::views)).where(post::id > 100).scalar(db.conn) == std::nullopt);
  CHECK(ormc::select(ormc::avg(user::age)).where(user::id > 100).scalar(db.conn) == std::nullopt);

  auto rows = ormc::select(user::role, ormc::count(user::id), ormc::avg(user::age))
                  .group_by(user::role)
                  .order_by(user::role)
                  .all(db.conn);
  using Row = std::tuple<Role, std::int64_t, std::optional<double>>;
  static_assert(std::is_same_v<decltype(rows), std::vector<Row>>);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == Row{Role::admin, 1, 31.0});
  CHECK(rows[1] == Row{Role::editor, 1, 25.0});
  CHECK(std::get<1>(rows[2]) == 3);  // carol (NULL age), dave, anna
  CHECK(std::get<2>(rows[2]) == doctest::Approx((42 + 19) / 2.0));

  auto busy = ormc::select(post::author_id, ormc::count(post::id))
                  .where(post::views >= 10)
                  .group_by(post::author_id)
                  .having(ormc::count(post::id) > 1)
                  .order_by(post::author_id)
                  .all(db.conn);
  // views 10..50 by authors 2,3,1,2,3: authors 2 and 3 have two each.
  CHECK(busy == std::vector<std::tuple<std::int64_t, std::int64_t>>{{2, 2}, {3, 2}});

  CHECK(ormc::select(user::is_active).distinct().order_by(user::is_active).scalars(db.conn) ==
        std::vector<bool>{false, true});
}

TEST_CASE("columns of two models") {
  Database db;
  auto rows = ormc::select(user::username, post::title)
                  .where(post::author_id == user::id && post::views > 30)
                  .order_by(post::id)
                  .all(db.conn);
  CHECK(rows ==
        std::vector<std::tuple<std::string, std::string>>{{"bob", "post 4"}, {"carol", "post 5"}});
}

TEST_CASE("update and delete count rows; on_update(now) is applied") {
  Database db;
  const User before = ormc::select<User>().where(user::id == 2).one(db.conn);
  CHECK(ormc::update<User>()
            .set(user::age, user::age + 1)
            .set(user::score, 1.0)
            .where(user::id == 2)
            .execute(db.conn) == 1);
  const User after = ormc::select<User>().where(user::id == 2).one(db.conn);
  CHECK(after.age == 26);
  CHECK(after.score == 1.0);
  CHECK(after.updated_at >= before.updated_at);

  CHECK(ormc::update<Post>().set(post::published, true).all_rows().execute(db.conn) == 6);
  CHECK(ormc::update<User>().set(user::age, std::nullopt).where(user::age > 40).execute(db.conn) ==
        1);
  CHECK(ormc::select(ormc::count(user::id)).where(user::age.is_null()).scalar(db.conn) == 2);

  CHECK(ormc::delete_from<Post>().where(post::views < 20).execute(db.conn) == 2);
  CHECK(ormc::delete_from<Post>().all_rows().execute(db.conn) == 4);
  CHECK(ormc::select(ormc::count_all()).select_from<Post>().scalar(db.conn) == 0);
}

TEST_CASE("statements kept in variables") {
  Database db;
  auto base = ormc::update<User>().set(user::is_active, false);
  base.set(user::score, 2.0);  // set() on a named update adds to it
  auto by_id = base.where(user::id == 1);
  auto by_age = base.where(user::age > 30);
  CHECK(by_id.execute(db.conn) == 1);
  CHECK(by_age.execute(db.conn) == 2);
  CHECK(ormc::select(ormc::count(user::id)).where(user::score == 2.0).scalar(db.conn) == 2);

  auto q = ormc::select<User>();
  q.where(user::is_active == true);
  q.order_by(user::username).limit(2);
  CHECK(names(q.all(db.conn)) == std::vector<std::string>{"anna", "bob"});
}

TEST_CASE("RETURNING") {
  Database db;
  auto ids = ormc::insert<User>()
                 .values(User{.username = "erin", .email = "erin@example.com"})
                 .returning(user::id, user::role)
                 .one(db.conn);
  CHECK(ids == std::tuple<std::int64_t, Role>{6, Role::reader});
  auto changed = ormc::update<Post>()
                     .set(post::views, 0)
                     .where(post::author_id == 1)
                     .returning(post::id)
                     .all(db.conn);
  CHECK(changed == std::vector<std::tuple<std::int64_t>>{{1}, {4}});
  auto gone =
      ormc::delete_from<User>().where(user::username == "erin").returning(user::email).all(db.conn);
  CHECK(gone == std::vector<std::tuple<std::string>>{{"erin@example.com"}});
}

TEST_CASE("upsert") {
  Database db;
  auto upsert = [&](const char* name, const char* email) {
    return ormc::insert<User>()
        .values(ormc::set(user::username, name), ormc::set(user::email, email),
                ormc::set(user::created_at, ormc::Timestamp{}),
                ormc::set(user::updated_at, ormc::Timestamp{}))
        .on_conflict(user::email)
        .do_update(user::username, ormc::set(user::age, 99))
        .execute(db.conn);
  };
  CHECK(upsert("bobby", "bob@example.com") == 1);
  User bob = ormc::select<User>().where(user::id == 2).one(db.conn);
  CHECK(bob.username == "bobby");
  CHECK(bob.age == 99);
  CHECK(upsert("frank", "frank@example.com") == 1);
  CHECK(ormc::select(ormc::count_all()).select_from<User>().scalar(db.conn) == 6);

  auto nothing = ormc::insert<User>()
                     .values(User{.username = "alice", .email = "alice2@example.com"})
                     .on_conflict(user::username)
                     .do_nothing()
                     .execute(db.conn);
  CHECK(nothing == 0);
  CHECK_THROWS_AS(ormc::insert<User>()
                      .values(User{.username = "alice", .email = "alice3@example.com"})
                      .execute(db.conn),
                  ormc::IntegrityError);
}

TEST_CASE("insert many rows in batches under the placeholder limit, in one transaction") {
  Database db;
  std::vector<Post> posts(7000, Post{.author_id = 1, .title = "bulk"});  // 5 values a row
  db.engine.reset_stats();
  CHECK(ormc::insert<Post>().values(posts).execute(db.conn) == 7000);
  const ormc::EngineStats stats = db.engine.stats();
  CHECK(stats.statements == 36);  // 199 rows of 5 placeholders fit under 999: 36 statements
  CHECK(stats.begins == 1);
  CHECK(stats.commits == 1);
  CHECK(ormc::select(ormc::count_all()).select_from<Post>().scalar(db.conn) == 7006);
}

TEST_CASE("a failing batch leaves nothing behind") {
  Database db;
  std::vector<User> users;
  users.reserve(4000);
  for (int i = 0; i < 4000; ++i) {
    users.push_back(User{.username = "u" + std::to_string(i), .email = "e" + std::to_string(i)});
  }
  users.back().email = "alice@example.com";  // conflicts, in the second batch
  CHECK_THROWS_AS(ormc::insert<User>().values(users).execute(db.conn), ormc::IntegrityError);
  CHECK(ormc::select(ormc::count_all()).select_from<User>().scalar(db.conn) == 5);
}

TEST_CASE("the same query reuses its prepared statement") {
  Database db;
  db.engine.reset_stats();
  for (int age : {20, 30, 40}) {
    (void)ormc::select<User>().where(user::age > age).limit(10).all(db.conn);
  }
  const ormc::EngineStats stats = db.engine.stats();
  CHECK(stats.statements == 3);
  CHECK(stats.prepares == 1);
  CHECK(stats.cache_hits == 2);
}
