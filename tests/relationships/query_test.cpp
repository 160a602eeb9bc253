// Querying through relations, on every backend: any() / has() (EXISTS over the related
// rows) in Core selects and Session queries, contains_eager (a relation filled from the
// query's own join) and per-parent limits in a selectin load (row_number() in a derived
// table), each result checked against the same question in raw SQL, with statement counts.
#include "ormc/query.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/session.hpp"
#include "relations.orm.hpp"
#include "support/test_backends.hpp"

namespace {

using rel::Comment;
using rel::Employee;
using rel::Post;
using rel::Profile;
using rel::Tag;
using rel::User;
namespace user = rel::user;
namespace post = rel::post;
namespace tag = rel::tag;
namespace comment = rel::comment;
namespace employee = rel::employee;
namespace profile = rel::profile;

struct Db {
  explicit Db(const ormc_test::Backend& backend) : database(backend) {
    rel::schema.create_all(database.engine());
  }
  ormc::Engine& engine() { return database.engine(); }
  [[nodiscard]] std::uint64_t statements() { return engine().stats().statements; }
  ormc_test::TestDatabase database;
};

//! The first column of every row of raw SQL (no parameters), as text.
std::vector<std::string> texts(ormc::Connection& conn, std::string_view sql) {
  ormc::Statement statement = conn.prepare(std::string(sql));
  ormc::Result result = statement.query();
  std::vector<std::string> out;
  while (result.next()) out.push_back(result.row().get<std::string>(0));
  return out;
}

//! The first column of every row of raw SQL ('$' placeholders bound to `arg`), as integers.
std::vector<std::int64_t> integers(ormc::Connection& conn, std::string_view sql,
                                   std::int64_t arg = 0) {
  ormc::Statement statement = conn.prepare(ormc_test::placeholders(conn.dialect(), sql));
  if (sql.find('$') != std::string_view::npos) statement.bind(1, arg);
  ormc::Result result = statement.query();
  std::vector<std::int64_t> out;
  while (result.next()) out.push_back(result.row().get<std::int64_t>(0));
  return out;
}

template <typename T>
std::vector<std::string> names_of(const std::vector<std::reference_wrapper<T>>& objects,
                                  std::string T::*member) {
  std::vector<std::string> out;
  for (const T& object : objects) out.push_back(object.*member);
  return out;
}

template <typename T>
std::vector<std::int64_t> ids_of(const ormc::ToMany<T>& collection) {
  std::vector<std::int64_t> out;
  for (const T& item : collection) out.push_back(item.id);
  return out;
}

//! alice: posts Tips (comments a, b; tags cpp, sql) and News (tag cpp); bob: Misc (comment
//! c); carol: none; alice has a profile. Employees: boss <- mid <- low, boss <- other.
void seed(ormc::Engine& engine) {
  ormc::Session session(engine);
  User& alice = session.add(User{.username = "alice"});
  User& bob = session.add(User{.username = "bob"});
  session.add(User{.username = "carol"});
  session.add(Profile{.bio = "hi", .user = alice});
  Tag& cpp = session.add(Tag{.name = "cpp"});
  Tag& sql = session.add(Tag{.name = "sql"});
  session.add(Tag{.name = "unused"});
  Post& tips = session.add(Post{.title = "Tips", .author = alice});
  Post& news = session.add(Post{.title = "News", .author = alice});
  Post& misc = session.add(Post{.title = "Misc", .author = bob});
  tips.tags.push_back(cpp);
  tips.tags.push_back(sql);
  news.tags.push_back(cpp);
  session.add(Comment{.body = "a", .post = tips});
  session.add(Comment{.body = "b", .post = tips});
  session.add(Comment{.body = "c", .post = misc});
  Employee& boss = session.add(Employee{.name = "boss"});
  Employee& mid = session.add(Employee{.name = "mid", .manager = boss});
  session.add(Employee{.name = "low", .manager = mid});
  session.add(Employee{.name = "other", .manager = boss});
  session.commit();
}

}  // namespace

TEST_CASE("any(): users with a matching post, as EXISTS, in Core selects and Session queries") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine());
    ormc::Connection conn = db.engine().connect();

    auto with_tips = ormc::select(user::username)
                         .where(user::posts.any(post::title == "Tips"))
                         .order_by(user::username)
                         .scalars(conn);
    CHECK(with_tips == texts(conn,
                             "SELECT username FROM users u WHERE EXISTS (SELECT 1 FROM posts p "
                             "WHERE p.author_id = u.id AND p.title = 'Tips') ORDER BY username"));
    CHECK(with_tips == std::vector<std::string>{"alice"});

    auto with_posts = ormc::select(user::username)
                          .where(user::posts.any())
                          .order_by(user::username)
                          .scalars(conn);
    CHECK(with_posts == texts(conn,
                              "SELECT username FROM users u WHERE EXISTS (SELECT 1 FROM posts p "
                              "WHERE p.author_id = u.id) ORDER BY username"));
    CHECK(with_posts == std::vector<std::string>{"alice", "bob"});

    auto without = ormc::select(user::username)
                       .where(!user::posts.any())
                       .order_by(user::username)
                       .scalars(conn);
    CHECK(without == texts(conn,
                           "SELECT username FROM users u WHERE NOT EXISTS (SELECT 1 FROM posts p "
                           "WHERE p.author_id = u.id) ORDER BY username"));
    CHECK(without == std::vector<std::string>{"carol"});

    // Combined with other conditions, and a run-time Condition on the target.
    ormc::Condition<Post> filter;
    filter = filter && post::title.like("N%");
    auto combined = ormc::select(user::username)
                        .where(user::posts.any(filter) && user::username != "bob")
                        .scalars(conn);
    CHECK(combined == std::vector<std::string>{"alice"});

    ormc::Session session(db.engine());
    const std::uint64_t before = db.statements();
    auto users = session.query<User>()
                     .where(user::posts.any(post::title == "Misc" || post::title == "News"))
                     .order_by(user::username)
                     .all();
    CHECK(db.statements() - before == 1);
    CHECK(names_of(users, &User::username) == std::vector<std::string>{"alice", "bob"});
  }
}

TEST_CASE("has(): a to-one relation's target exists and matches (one-to-one both ways too)") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine());
    ormc::Connection conn = db.engine().connect();

    auto by_alice = ormc::select(post::title)
                        .where(post::author.has(user::username == "alice"))
                        .order_by(post::title)
                        .scalars(conn);
    CHECK(by_alice == texts(conn,
                            "SELECT title FROM posts p WHERE EXISTS (SELECT 1 FROM users u WHERE "
                            "u.id = p.author_id AND u.username = 'alice') ORDER BY title"));
    CHECK(by_alice == std::vector<std::string>{"News", "Tips"});
    auto not_by_alice =
        ormc::select(post::title).where(!post::author.has(user::username == "alice")).scalars(conn);
    CHECK(not_by_alice == std::vector<std::string>{"Misc"});

    // The inverse one-to-one (the key is the profile's) and the owning side.
    auto with_profile = ormc::select(user::username).where(user::profile.has()).scalars(conn);
    CHECK(with_profile == texts(conn,
                                "SELECT username FROM users u WHERE EXISTS (SELECT 1 FROM "
                                "profiles p WHERE p.user_id = u.id)"));
    CHECK(with_profile == std::vector<std::string>{"alice"});
    auto bios = ormc::select(profile::bio)
                    .where(profile::user.has(user::username == "alice"))
                    .scalars(conn);
    CHECK(bios == std::vector<std::string>{"hi"});

    ormc::Session session(db.engine());
    auto posts = session.query<Post>()
                     .where(post::author.has(user::username == "bob"))
                     .order_by(post::title)
                     .all();
    CHECK(names_of(posts, &Post::title) == std::vector<std::string>{"Misc"});
  }
}

TEST_CASE("any() through a many-to-many, nested, and along a self-reference") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine());
    ormc::Connection conn = db.engine().connect();

    auto tagged = ormc::select(post::title)
                      .where(post::tags.any(tag::name == "sql"))
                      .order_by(post::title)
                      .scalars(conn);
    CHECK(tagged == texts(conn,
                          "SELECT title FROM posts p WHERE EXISTS (SELECT 1 FROM post_tags pt "
                          "JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND t.name = "
                          "'sql') ORDER BY title"));
    CHECK(tagged == std::vector<std::string>{"Tips"});
    auto used = ormc::select(tag::name).where(tag::posts.any()).order_by(tag::name).scalars(conn);
    CHECK(used == std::vector<std::string>{"cpp", "sql"});
    auto unused = ormc::select(tag::name).where(!tag::posts.any()).scalars(conn);
    CHECK(unused == std::vector<std::string>{"unused"});

    // Nested: users with a post that has a comment "c"; tags of alice's posts.
    auto commented = ormc::select(user::username)
                         .where(user::posts.any(post::comments.any(comment::body == "c")))
                         .scalars(conn);
    CHECK(commented == std::vector<std::string>{"bob"});
    auto alices_tags = ormc::select(tag::name)
                           .where(tag::posts.any(post::author.has(user::username == "alice")))
                           .order_by(tag::name)
                           .scalars(conn);
    CHECK(alices_tags == texts(conn,
                               "SELECT DISTINCT t.name FROM tags t JOIN post_tags pt ON pt.tag_id "
                               "= t.id JOIN posts p ON p.id = pt.post_id JOIN users u ON u.id = "
                               "p.author_id WHERE u.username = 'alice' ORDER BY t.name"));

    // A relation of a model to itself: the related rows are read under an alias.
    auto managers = ormc::select(employee::name)
                        .where(employee::reports.any(employee::name == "low"))
                        .scalars(conn);
    CHECK(managers == texts(conn,
                            "SELECT e.name FROM employees e WHERE EXISTS (SELECT 1 FROM "
                            "employees r WHERE r.manager_id = e.id AND r.name = 'low')"));
    CHECK(managers == std::vector<std::string>{"mid"});
    auto under_boss = ormc::select(employee::name)
                          .where(employee::manager.has(employee::name == "boss"))
                          .order_by(employee::name)
                          .scalars(conn);
    CHECK(under_boss == std::vector<std::string>{"mid", "other"});
    auto leaves = ormc::select(employee::name)
                      .where(!employee::reports.any())
                      .order_by(employee::name)
                      .scalars(conn);
    CHECK(leaves == std::vector<std::string>{"low", "other"});
  }
}

TEST_CASE("contains_eager: a relation filled from the query's own join, in one statement") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine());
    ormc::Session session(db.engine());

    // Many-to-one: the authors come from the joined columns.
    std::uint64_t before = db.statements();
    auto posts = session.query<Post>()
                     .join(post::author)
                     .where(user::username == "alice")
                     .order_by(post::title)
                     .load(ormc::contains_eager(post::author))
                     .all();
    CHECK(db.statements() - before == 1);
    REQUIRE(names_of(posts, &Post::title) == std::vector<std::string>{"News", "Tips"});
    for (Post& p : posts) {
      CHECK(p.author.loaded());
      CHECK(p.author->username == "alice");
    }
    CHECK(db.statements() - before == 1);

    // One-to-many: only the joined (filtered) children fill the collection.
    session.expunge_all();
    before = db.statements();
    auto users = session.query<User>()
                     .join(user::posts)
                     .where(post::title == "Tips")
                     .load(ormc::contains_eager(user::posts))
                     .all();
    REQUIRE(users.size() == 1);
    User& alice = users[0];
    CHECK(alice.username == "alice");
    CHECK(alice.posts.loaded());
    CHECK(alice.posts.size() == 1);
    CHECK(alice.posts[0].title == "Tips");
    CHECK(db.statements() - before == 1);
    CHECK(integers(session.connection(),
                   "SELECT count(*) FROM posts p JOIN users u ON u.id = p.author_id WHERE "
                   "u.username = 'alice'") == std::vector<std::int64_t>{2});

    // Many-to-many, every parent once although its rows repeat.
    session.expunge_all();
    before = db.statements();
    auto tagged = session.query<Post>()
                      .join(post::tags)
                      .where(tag::name != "unused")
                      .order_by(post::title)
                      .load(ormc::contains_eager(post::tags))
                      .all();
    CHECK(db.statements() - before == 1);
    REQUIRE(names_of(tagged, &Post::title) == std::vector<std::string>{"News", "Tips"});
    CHECK(tagged[0].get().tags.size() == 1);
    CHECK(tagged[1].get().tags.size() == 2);
    CHECK(db.statements() - before == 1);

    // Without contains_eager the join only filters: the relation stays lazy.
    session.expunge_all();
    auto plain = session.query<Post>().join(post::author).where(user::username == "bob").all();
    REQUIRE(plain.size() == 1);
    CHECK(!plain[0].get().comments.loaded());
    CHECK(!plain[0].get().author.loaded());
    CHECK(session.query<Post>().join(post::author).where(user::username == "alice").count() == 2);

    // first() keeps the user's join in its one statement.
    session.expunge_all();
    before = db.statements();
    Post* first = session.query<Post>()
                      .join(post::author)
                      .where(user::username == "bob")
                      .load(ormc::contains_eager(post::author))
                      .first();
    REQUIRE(first != nullptr);
    CHECK(first->author.loaded());
    CHECK(first->author->username == "bob");
    CHECK(db.statements() - before == 1);
  }
}

TEST_CASE("selectin with a per-parent limit: each user's newest posts, one statement per level") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      ormc::Session session(db.engine());
      User& alice = session.add(User{.username = "alice"});
      User& bob = session.add(User{.username = "bob"});
      session.add(User{.username = "carol"});
      for (int i = 0; i < 5; ++i) {
        Post& p = session.add(Post{.title = "a" + std::to_string(i), .author = alice});
        for (int j = 0; j <= i % 3; ++j) {
          session.add(Comment{.body = "c" + std::to_string(j), .post = p});
        }
      }
      session.add(Post{.title = "b0", .author = bob});
      session.add(Post{.title = "b1", .author = bob});
      session.commit();
    }
    ormc::Session session(db.engine());
    const std::uint64_t before = db.statements();
    auto users = session.query<User>()
                     .order_by(user::id)
                     .load(ormc::selectin(user::posts).order_by(post::id.desc()).limit(3))
                     .all();
    CHECK(db.statements() - before == 2);
    REQUIRE(users.size() == 3);
    std::vector<std::vector<std::int64_t>> loaded;
    for (User& u : users) {
      CHECK(u.posts.loaded());
      CHECK(ormc::is_partial(u.posts));
      loaded.push_back(ids_of(u.posts));
    }
    CHECK(db.statements() - before == 2);  // read without SQL
    ormc::Connection& conn = session.connection();
    for (std::size_t i = 0; i < users.size(); ++i) {
      CHECK(loaded[i] == integers(conn,
                                  "SELECT id FROM posts WHERE author_id = $ ORDER BY id DESC "
                                  "LIMIT 3",
                                  users[i].get().id));
    }
    CHECK(loaded[0].size() == 3);
    CHECK(loaded[1].size() == 2);
    CHECK(loaded[2].empty());

    // Without a limit: every post, in the option's order, and not partial.
    session.expunge_all();
    auto ordered = session.query<User>()
                       .where(user::username == "bob")
                       .load(ormc::selectin(user::posts).order_by(post::title.desc()))
                       .all();
    REQUIRE(ordered.size() == 1);
    CHECK(!ormc::is_partial(ordered[0].get().posts));
    std::vector<std::string> titles;
    for (Post& p : ordered[0].get().posts) titles.push_back(p.title);
    CHECK(titles == std::vector<std::string>{"b1", "b0"});

    // Three levels: users, 2 posts each, 1 comment of each post (the latest), then tags.
    session.expunge_all();
    const std::uint64_t nested = db.statements();
    auto deep = session.query<User>()
                    .order_by(user::id)
                    .load(ormc::selectin(user::posts)
                              .order_by(post::id)
                              .limit(2)
                              .then(ormc::selectin(post::comments)))
                    .all();
    CHECK(db.statements() - nested == 3);
    std::size_t comments = 0;
    for (User& u : deep) {
      for (Post& p : u.posts) comments += p.comments.size();
    }
    CHECK(db.statements() - nested == 3);
    CHECK(static_cast<std::int64_t>(comments) ==
          integers(conn,
                   "SELECT count(*) FROM comments WHERE post_id IN (SELECT id FROM (SELECT id, "
                   "row_number() OVER (PARTITION BY author_id ORDER BY id) AS rn FROM posts) s "
                   "WHERE rn <= 2)")[0]);
  }
}

TEST_CASE("per-parent limit through a many-to-many, and what a partial collection does") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine());
    ormc::Session session(db.engine());

    auto tags = session.query<Tag>()
                    .order_by(tag::name)
                    .load(ormc::selectin(tag::posts).order_by(post::title).limit(1))
                    .all();
    REQUIRE(tags.size() == 3);
    CHECK(ids_of(tags[0].get().posts) ==
          integers(session.connection(),
                   "SELECT p.id FROM posts p JOIN post_tags pt ON pt.post_id = p.id JOIN tags t "
                   "ON t.id = pt.tag_id WHERE t.name = 'cpp' ORDER BY p.title LIMIT 1"));
    CHECK(tags[0].get().posts[0].title == "News");
    CHECK(tags[1].get().posts[0].title == "Tips");
    CHECK(tags[2].get().posts.empty());

    // Along a self-reference: each manager's first report by name.
    auto managers = session.query<Employee>()
                        .where(employee::reports.any())
                        .order_by(employee::name)
                        .load(ormc::selectin(employee::reports).order_by(employee::name).limit(1))
                        .all();
    REQUIRE(managers.size() == 2);
    CHECK(managers[0].get().name == "boss");
    REQUIRE(managers[0].get().reports.size() == 1);
    CHECK(managers[0].get().reports[0].name == "mid");
    CHECK(managers[1].get().reports[0].name == "low");

    // An append to a partial collection writes that object's key, nothing else.
    session.expunge_all();
    auto users = session.query<User>()
                     .where(user::username == "alice")
                     .load(ormc::selectin(user::posts).order_by(post::id).limit(1))
                     .all();
    User& alice = users.at(0);
    REQUIRE(alice.posts.size() == 1);
    Post& extra = session.add(Post{.title = "Extra"});
    alice.posts.push_back(extra);
    CHECK(alice.posts.size() == 2);
    CHECK(ormc::is_partial(alice.posts));
    session.flush();
    CHECK(integers(session.connection(), "SELECT count(*) FROM posts WHERE author_id = $",
                   alice.id) == std::vector<std::int64_t>{3});

    // Removing a parent whose delete cascade reaches a partial collection removes every
    // child, not only the loaded one.
    session.expunge_all();
    auto posts = session.query<Post>()
                     .where(post::title == "Tips")
                     .load(ormc::selectin(post::comments).order_by(comment::id).limit(1))
                     .all();
    Post& tips = posts.at(0);
    CHECK(tips.comments.size() == 1);
    const std::int64_t tips_id = tips.id;
    session.remove(tips);
    session.flush();
    CHECK(integers(session.connection(), "SELECT count(*) FROM comments WHERE post_id = $",
                   tips_id) == std::vector<std::int64_t>{0});

    // clear() of a partial collection takes out every child, not only the loaded one: with
    // delete_orphan each is deleted.
    session.rollback();
    session.expunge_all();
    auto cleared = session.query<Post>()
                       .where(post::title == "Tips")
                       .load(ormc::selectin(post::comments).order_by(comment::id).limit(1))
                       .all();
    Post& tips_again = cleared.at(0);
    CHECK(ormc::is_partial(tips_again.comments));
    tips_again.comments.clear();
    CHECK(!ormc::is_partial(tips_again.comments));
    CHECK(tips_again.comments.empty());
    session.flush();
    CHECK(integers(session.connection(), "SELECT count(*) FROM comments WHERE post_id = $",
                   tips_again.id) == std::vector<std::int64_t>{0});
    CHECK(integers(session.connection(), "SELECT count(*) FROM comments") ==
          std::vector<std::int64_t>{1});

    // A rollback forgets it: the next read loads every row.
    session.rollback();
    auto again = session.query<User>()
                     .where(user::username == "alice")
                     .load(ormc::selectin(user::posts).order_by(post::id).limit(1))
                     .all();
    User& alice2 = again.at(0);
    CHECK(ormc::is_partial(alice2.posts));
    session.rollback();
    CHECK(!ormc::is_partial(alice2.posts));
    CHECK(alice2.posts.size() == 2);
  }
}
