// Injection strings through every query path, on every backend: Core insert (one, many,
// chosen columns, upsert), select filters, update, delete, RETURNING, raw SQL with named
// binds and the Session. Each value must be stored and matched literally — read back
// equal, `== "' OR '1'='1"` matching one row and not all — and the tables must survive
// with their other rows untouched. ormc binds every value, so nothing here may change
// the SQL; these tests keep it that way.
#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"
#include "support/test_backends.hpp"

using namespace blog;
using ormc_test::TestDatabase;

namespace {

// A 10 kB value made of the characters that end a literal or escape one.
std::string long_payload() {
  std::string out;
  while (out.size() < 10 * 1024) out += "'\"\\; -- ' OR 1=1 /* */ $1 ?1 :x ";
  return out;
}

// Each a string a query built by concatenation would misread. NUL-free: text columns of
// both databases refuse NUL.
const std::vector<std::string>& payloads() {
  static const std::vector<std::string> list = {
      "'; DROP TABLE users; --",
      "' OR '1'='1",
      "\\'; --",
      "$1",
      "?1",
      ":name",
      "\") OR 1=1 --",
      "it's \"quoted\" \\ \\' \\\" \\\\ ''; --",
      "\u2018\u2019\u201c\u201d\u02bc\uff07 OR \uff071\uff07=\uff071",  // unicode quotes
      long_payload(),
  };
  return list;
}

// The payloads that fit users.username (string(80), at least 3 characters).
std::vector<std::string> short_payloads() {
  std::vector<std::string> out;
  for (const std::string& p : payloads()) {
    if (p.size() >= 3 && p.size() <= 80) out.push_back(p);
  }
  return out;
}

// A LIKE pattern that matches `text` and nothing else of the payloads: each backslash (an
// escape character in PostgreSQL's LIKE, a plain one in SQLite's) becomes '_'.
std::string like_pattern(std::string text) {
  std::replace(text.begin(), text.end(), '\\', '_');
  return text;
}

struct Blog {
  TestDatabase database;
  ormc::Connection conn;
  std::int64_t author_id = 0;

  explicit Blog(const ormc_test::Backend& backend)
      : database(backend), conn(create_tables(database.engine())) {
    author_id = std::get<0>(ormc::insert<User>()
                                .values(User{.username = "author", .email = "author@example.com"})
                                .returning(user::id)
                                .one(conn));
  }

  static ormc::Connection create_tables(ormc::Engine& engine) {
    blog::schema.create_all(engine);
    return engine.connect();
  }

  std::int64_t count_posts() {
    return ormc::select(ormc::count_all()).select_from<Post>().scalar(conn);
  }
  std::int64_t count_users() {
    return ormc::select(ormc::count_all()).select_from<User>().scalar(conn);
  }
  std::string content_of(std::int64_t id) {
    return ormc::select(post::content).where(post::id == id).scalar(conn);
  }
  // One post per payload, plus an ordinary one; their ids in payload order.
  std::vector<std::int64_t> add_posts() {
    std::vector<std::int64_t> ids;
    for (const std::string& p : payloads()) {
      ids.push_back(
          std::get<0>(ormc::insert<Post>()
                          .values(Post{.author_id = author_id, .title = "payload", .content = p})
                          .returning(post::id)
                          .one(conn)));
    }
    ormc::insert<Post>()
        .values(Post{.author_id = author_id, .title = "plain", .content = "plain text"})
        .execute(conn);
    return ids;
  }
};

}  // namespace

TEST_CASE("injection: Core insert of one row, many rows and chosen columns stores each literally") {
  FOR_EACH_BACKEND(backend) {
    Blog db(backend);
    const auto& all = payloads();
    // One row at a time, with RETURNING.
    const std::vector<std::int64_t> ids = db.add_posts();
    for (std::size_t i = 0; i < all.size(); ++i) {
      CAPTURE(i);
      CHECK(db.content_of(ids[i]) == all[i]);
    }
    // Many rows in one statement.
    std::vector<Post> many;
    for (const std::string& p : all) {
      many.push_back(Post{.author_id = db.author_id, .title = "many", .content = p});
    }
    CHECK(ormc::insert<Post>().values(many).execute(db.conn) ==
          static_cast<std::int64_t>(all.size()));
    CHECK(ormc::select(post::content)
              .where(post::title == "many")
              .order_by(post::id)
              .scalars(db.conn) == all);
    // Chosen columns, the payload in the title too where it fits.
    for (const std::string& p : all) {
      const std::string title = p.size() <= 200 ? p : "long";
      ormc::insert<Post>()
          .values(ormc::set(post::author_id, db.author_id), ormc::set(post::title, title),
                  ormc::set(post::content, p))
          .execute(db.conn);
      CHECK(ormc::select(post::content).where(post::title == title).scalars(db.conn).back() == p);
    }
    // Users: the payload as a unique name and an email, read back by name.
    for (const std::string& p : short_payloads()) {
      CAPTURE(p);
      ormc::insert<User>().values(User{.username = p, .email = p}).execute(db.conn);
      const User u = ormc::select<User>().where(user::username == p).one(db.conn);
      CHECK(u.username == p);
      CHECK(u.email == p);
    }
    CHECK(db.count_users() == 1 + static_cast<std::int64_t>(short_payloads().size()));
    CHECK(db.count_posts() == 3 * static_cast<std::int64_t>(all.size()) + 1);
  }
}

TEST_CASE("injection: where with ==, !=, like, ilike, in_ and between matches literally") {
  FOR_EACH_BACKEND(backend) {
    Blog db(backend);
    const auto& all = payloads();
    const std::vector<std::int64_t> ids = db.add_posts();
    const auto total = db.count_posts();
    using Ids = std::vector<std::int64_t>;
    auto ids_where = [&](const auto& condition) {
      Ids out = ormc::select(post::id).where(condition).order_by(post::id).scalars(db.conn);
      return out;
    };
    for (std::size_t i = 0; i < all.size(); ++i) {
      const std::string& p = all[i];
      CAPTURE(i);
      CHECK(ids_where(post::content == p) == Ids{ids[i]});
      CHECK(static_cast<std::int64_t>(ids_where(post::content != p).size()) == total - 1);
      CHECK(ids_where(post::content.like(like_pattern(p))) == Ids{ids[i]});
      CHECK(ids_where(post::content.ilike(like_pattern(p))) == Ids{ids[i]});
      CHECK(ids_where(post::content.in_({p, std::string("no such content")})) == Ids{ids[i]});
      CHECK(ids_where(post::content.not_in({p})).size() == static_cast<std::size_t>(total - 1));
      CHECK(ids_where(post::content.between(p, p)) == Ids{ids[i]});
      CHECK(ids_where(post::content == p && post::title == "payload") == Ids{ids[i]});
      CHECK(ids_where(post::content == p || post::content == "plain text").size() == 2);
    }
    // The classic: one row, not every row.
    CHECK(ids_where(post::content == "' OR '1'='1") == Ids{ids[1]});
    CHECK(ormc::select<Post>().where(post::content == "' OR '1'='1").all(db.conn).size() == 1);
    CHECK(ormc::select<User>().where(user::username == "' OR '1'='1").all(db.conn).empty());
    CHECK(db.count_users() == 1);
    CHECK(db.count_posts() == total);
  }
}

TEST_CASE("injection: update set and where, delete where, and RETURNING") {
  FOR_EACH_BACKEND(backend) {
    Blog db(backend);
    const auto& all = payloads();
    const std::vector<std::int64_t> ids = db.add_posts();
    const auto total = db.count_posts();
    for (std::size_t i = 0; i < all.size(); ++i) {
      const std::string& p = all[i];
      const std::string changed = p + " (changed: '; --)";
      CAPTURE(i);
      CHECK(ormc::update<Post>()
                .set(post::content, changed)
                .where(post::content == p)
                .execute(db.conn) == 1);
      CHECK(db.content_of(ids[i]) == changed);
      // RETURNING hands back exactly what was stored.
      const auto returned = ormc::update<Post>()
                                .set(post::content, p)
                                .where(post::content == changed)
                                .returning(post::id, post::content)
                                .all(db.conn);
      CHECK(returned == std::vector<std::tuple<std::int64_t, std::string>>{{ids[i], p}});
      const auto inserted = ormc::insert<Post>()
                                .values(Post{.author_id = db.author_id, .title = "x", .content = p})
                                .returning(post::content)
                                .one(db.conn);
      CHECK(std::get<0>(inserted) == p);
      const auto deleted = ormc::delete_from<Post>()
                               .where(post::content == p && post::id != ids[i])
                               .returning(post::content)
                               .all(db.conn);
      CHECK(deleted == std::vector<std::tuple<std::string>>{{p}});
    }
    // The first payload's row, deleted by its value: only it goes.
    CHECK(ormc::delete_from<Post>().where(post::content == all[0]).execute(db.conn) == 1);
    CHECK(db.count_posts() == total - 1);
    for (std::size_t i = 1; i < all.size(); ++i) CHECK(db.content_of(ids[i]) == all[i]);
    CHECK(db.count_users() == 1);
  }
}

TEST_CASE("injection: upsert do_update and do_nothing store the proposed value literally") {
  FOR_EACH_BACKEND(backend) {
    Blog db(backend);
    for (const std::string& p : short_payloads()) {
      CAPTURE(p);
      ormc::insert<User>().values(User{.username = p, .email = "first " + p}).execute(db.conn);
      // The conflict is on the payload; the update takes the payload as the new email.
      CHECK(ormc::insert<User>()
                .values(User{.username = p, .email = p})
                .on_conflict(user::username)
                .do_update(user::email)
                .execute(db.conn) == 1);
      CHECK(ormc::select(user::email).where(user::username == p).scalar(db.conn) == p);
      CHECK(ormc::insert<User>()
                .values(User{.username = p, .email = "ignored@example.com"})
                .on_conflict(user::username)
                .do_nothing()
                .execute(db.conn) == 0);
      CHECK(ormc::select(user::email).where(user::username == p).scalar(db.conn) == p);
    }
    // Posts: the long payload through do_update with an explicit set().
    const std::vector<std::int64_t> ids = db.add_posts();
    for (std::size_t i = 0; i < payloads().size(); ++i) {
      const std::string& p = payloads()[i];
      CHECK(ormc::insert<Post>()
                .values(Post{.id = ids[i], .author_id = db.author_id, .title = "t", .content = "x"})
                .on_conflict(post::id)
                .do_update(ormc::set(post::content, p + p))
                .execute(db.conn) == 1);
      CHECK(db.content_of(ids[i]) == p + p);
    }
    CHECK(db.count_users() == 1 + static_cast<std::int64_t>(short_payloads().size()));
    CHECK(db.count_posts() == static_cast<std::int64_t>(payloads().size()) + 1);
  }
}

TEST_CASE("injection: raw SQL named binds take values literally, even ones that look like binds") {
  FOR_EACH_BACKEND(backend) {
    Blog db(backend);
    std::vector<std::string> values = payloads();
    values.push_back(":other");
    values.push_back("text with :other and :c inside, and ?1 and $2");
    for (const std::string& p : values) {
      CAPTURE(p);
      CHECK(db.conn.execute_raw("INSERT INTO posts (author_id, title, content) VALUES (:a, :t, :c)",
                                {{"a", db.author_id}, {"t", "raw"}, {"c", p}}) == 1);
      CHECK(db.conn.query<std::string>("SELECT content FROM posts WHERE content = :c",
                                       {{"c", p}}) == std::vector<std::string>{p});
      CHECK(db.conn.query<std::int64_t>(
                "SELECT count(*) FROM posts WHERE content = :c OR title = :other",
                {{"c", p}, {"other", "no such title"}}) == std::vector<std::int64_t>{1});
    }
    CHECK(db.conn.query<std::int64_t>("SELECT count(*) FROM posts WHERE title = :t",
                                      {{"t", "raw"}}) ==
          std::vector<std::int64_t>{static_cast<std::int64_t>(values.size())});
    CHECK(db.conn.execute_raw("UPDATE users SET email = :e WHERE username = :u",
                              {{"e", "' OR '1'='1"}, {"u", "' OR '1'='1"}}) == 0);
    CHECK(db.count_users() == 1);
  }
}

TEST_CASE("injection: Session add, get, query, merge, refresh and dirty updates") {
  FOR_EACH_BACKEND(backend) {
    Blog db(backend);
    const auto& all = payloads();
    std::vector<std::int64_t> ids;
    {
      ormc::Session session(db.database.engine());
      std::vector<Post*> added;
      for (const std::string& p : all) {
        added.push_back(
            &session.add(Post{.author_id = db.author_id, .title = "session", .content = p}));
      }
      session.commit();  // INSERT ... RETURNING sets the ids
      for (const Post* added_post : added) ids.push_back(added_post->id);
      CHECK(ormc::select(post::id)
                .where(post::title == "session")
                .order_by(post::id)
                .scalars(db.conn) == ids);
    }
    REQUIRE(ids.size() == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
      const std::string& p = all[i];
      CAPTURE(i);
      ormc::Session session(db.database.engine());
      Post* got = session.get<Post>(ids[i]);
      REQUIRE(got != nullptr);
      CHECK(got->content == p);
      auto found = session.query<Post>().where(post::content == p).all();
      REQUIRE(found.size() == 1);
      CHECK(&found[0].get() == got);  // the identity map's object
      // Dirty tracking: the changed value goes out in the UPDATE.
      got->content = p + " edited";
      session.commit();
      CHECK(db.content_of(ids[i]) == p + " edited");
      // merge() copies a detached object's value onto the session's.
      Post copy = *got;
      copy.content = "merged " + p;
      CHECK(&session.merge(copy) == got);
      session.commit();
      CHECK(db.content_of(ids[i]) == "merged " + p);
      // refresh() reads back what another connection stored.
      ormc::update<Post>().set(post::content, p).where(post::id == ids[i]).execute(db.conn);
      session.refresh(*got);
      CHECK(got->content == p);
    }
    CHECK(db.count_posts() == static_cast<std::int64_t>(all.size()));
    CHECK(db.count_users() == 1);
  }
}
