// Loading strategies through the Session on every backend, with exact statement counts:
// subquery loading (options, nested paths, LIMIT/OFFSET, the schema's load(subquery)),
// joined loading under LIMIT/OFFSET in one wrapped statement, nested joined paths, joined
// self-references under an alias (options and the schema's load(joined)), INNER or LEFT
// JOIN as the foreign key allows. The loaded objects are checked against raw SQL.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "loading.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/expr.hpp"
#include "ormc/session.hpp"
#include "support/test_backends.hpp"

namespace {

using ld::Comment;
using ld::Employee;
using ld::Folder;
using ld::Post;
using ld::Tag;
using ld::User;

struct Db {
  explicit Db(const ormc_test::Backend& backend) : database(backend) {
    ld::schema.create_all(database.engine());
    database.engine().on_statement([this](const ormc::LogRecord& record) {
      if (record.kind == ormc::StatementKind::query) queries.emplace_back(record.sql);
    });
  }
  ormc::Engine& engine() { return database.engine(); }
  [[nodiscard]] std::uint64_t statements() { return engine().stats().statements; }
  //! The SQL of every query run, in order (declared first: outlives the engine).
  std::vector<std::string> queries;
  ormc_test::TestDatabase database;
};

//! One integer the session's own transaction reads with `sql` ('$' placeholders).
std::int64_t scalar(ormc::Session& session, std::string_view sql, std::int64_t arg = 0) {
  ormc::Connection& conn = session.connection();
  ormc::Statement statement = conn.prepare(ormc_test::placeholders(conn.dialect(), sql));
  if (sql.find('$') != std::string_view::npos) statement.bind(1, arg);
  return statement.query().scalar<std::int64_t>();
}

//! The rows of a two-integer-column query as a map from the first to the second.
std::map<std::int64_t, std::int64_t> pairs(ormc::Session& session, std::string_view sql) {
  ormc::Statement statement = session.connection().prepare(std::string(sql));
  ormc::Result result = statement.query();
  std::map<std::int64_t, std::int64_t> out;
  while (result.next()) {
    out[result.row().get<std::int64_t>(0)] = result.row().get<std::int64_t>(1);
  }
  return out;
}

//! The first column of every row, integers.
std::vector<std::int64_t> ids(ormc::Session& session, std::string_view sql) {
  ormc::Statement statement = session.connection().prepare(std::string(sql));
  ormc::Result result = statement.query();
  std::vector<std::int64_t> out;
  while (result.next()) out.push_back(result.row().get<std::int64_t>(0));
  return out;
}

std::int64_t at(const std::map<std::int64_t, std::int64_t>& counts, std::int64_t key) {
  auto found = counts.find(key);
  return found == counts.end() ? 0 : found->second;
}

//! `users` users named user00, user01, ...; user u has (u % 5) + 1 posts (none for the
//! last, "nobody"), each post 2 comments and the tags t(p % 3) and, for even p, t((p+1) %
//! 3); every other post has an editor (the first user).
void fill_blog(ormc::Engine& engine, int users = 100) {
  ormc::Session writer(engine);
  std::vector<Tag*> tags;
  for (int t = 0; t < 3; ++t) tags.push_back(&writer.add(Tag{.name = "t" + std::to_string(t)}));
  User* first = nullptr;
  int p = 0;
  for (int u = 0; u < users; ++u) {
    std::string name = (u < 10 ? "user0" : "user") + std::to_string(u);
    User& user = writer.add(User{.name = name});
    if (first == nullptr) first = &user;
    for (int n = 0; n < u % 5 + 1; ++n, ++p) {
      Post& post = writer.add(Post{.title = "p" + std::to_string(p), .author = user});
      if (p % 2 == 0) post.editor = *first;
      for (int c = 0; c < 2; ++c) writer.add(Comment{.body = "c", .post = post});
      post.tags.push_back(*tags[static_cast<std::size_t>(p % 3)]);
      if (p % 2 == 0) post.tags.push_back(*tags[static_cast<std::size_t>((p + 1) % 3)]);
    }
  }
  writer.add(User{.name = "nobody"});
  writer.commit();
}

constexpr std::string_view posts_per_user =
    "SELECT author_id, count(*) FROM posts GROUP BY author_id";
constexpr std::string_view comments_per_post =
    "SELECT post_id, count(*) FROM comments GROUP BY post_id";
constexpr std::string_view tags_per_post =
    "SELECT post_id, count(*) FROM post_tags GROUP BY post_id";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("subquery: users with their posts in 2 statements, each level of a path in one more") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    fill_blog(db.engine());
    ormc::Session check(db.engine());
    const auto posts_of = pairs(check, posts_per_user);
    const auto comments_of = pairs(check, comments_per_post);
    const auto tags_of = pairs(check, tags_per_post);
    const std::int64_t all_posts = scalar(check, "SELECT count(*) FROM posts");
    check.close();
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users = session.query<User>().load(ormc::subquery(ld::user::posts)).all();
      CHECK(db.statements() - before == 2);
      REQUIRE(users.size() == 101);
      std::int64_t posts = 0;
      for (User& user : users) {
        CHECK(user.posts.loaded());
        CHECK(static_cast<std::int64_t>(user.posts.size()) == at(posts_of, user.id));
        for (Post& post : user.posts) {
          CHECK(post.author_id == user.id);
          CHECK(post.author.get() == &user);  // held: no statement
          ++posts;
        }
      }
      CHECK(posts == all_posts);
      CHECK(db.statements() - before == 2);  // read again: nothing more
      // The second statement repeats the first as a subquery of the users' keys.
      CHECK(contains(db.queries.back(), "JOIN (SELECT \"users\".\"id\" FROM \"users\")"));
    }
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users =
          session.query<User>()
              .load(ormc::subquery(ld::user::posts).then(ormc::subquery(ld::post::comments)))
              .all();
      CHECK(db.statements() - before == 3);
      std::int64_t comments = 0;
      for (User& user : users) {
        for (Post& post : user.posts) {
          CHECK(post.comments.loaded());
          CHECK(static_cast<std::int64_t>(post.comments.size()) == at(comments_of, post.id));
          for (Comment& comment : post.comments) {
            CHECK(comment.post_id == post.id);
            CHECK(comment.post.get() == &post);
            ++comments;
          }
        }
      }
      CHECK(comments == 2 * all_posts);
      CHECK(db.statements() - before == 3);
    }
    {
      // Many-to-one (NOT NULL and nullable), many-to-many, and a selectin level under a
      // subquery one.
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto posts =
          session.query<Post>()
              .load(ormc::subquery(ld::post::author), ormc::subquery(ld::post::editor),
                    ormc::subquery(ld::post::tags),
                    ormc::subquery(ld::post::comments).then(ormc::selectin(ld::comment::post)))
              .all();
      // 1 + one per subquery option; the comments' posts are held: selectin needs none.
      CHECK(db.statements() - before == 5);
      REQUIRE(static_cast<std::int64_t>(posts.size()) == all_posts);
      std::size_t edited = 0;
      for (Post& post : posts) {
        REQUIRE(post.author.get() != nullptr);
        CHECK(post.author->id == post.author_id);
        CHECK(post.editor.loaded());
        if (post.editor_id) {
          REQUIRE(post.editor.get() != nullptr);
          CHECK(post.editor->id == *post.editor_id);
          ++edited;
        } else {
          CHECK(post.editor.get() == nullptr);
        }
        CHECK(static_cast<std::int64_t>(post.tags.size()) == at(tags_of, post.id));
        for (Tag& tag : post.tags) CHECK(tag.name.front() == 't');
        CHECK(post.comments.size() == 2);
      }
      CHECK(static_cast<std::int64_t>(edited) == (all_posts + 1) / 2);
      CHECK(db.statements() - before == 5);
    }
  }
}

TEST_CASE("subquery under LIMIT and OFFSET loads for exactly the objects the query returned") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    fill_blog(db.engine());
    ormc::Session session(db.engine());
    const auto posts_of = pairs(session, posts_per_user);
    const auto expected = ids(session, "SELECT id FROM users ORDER BY name DESC LIMIT 10 OFFSET 5");
    {
      const auto before = db.statements();
      auto users = session.query<User>()
                       .order_by(ld::user::name.desc())
                       .limit(10)
                       .offset(5)
                       .load(ormc::subquery(ld::user::posts))
                       .all();
      CHECK(db.statements() - before == 2);
      REQUIRE(users.size() == expected.size());
      for (std::size_t i = 0; i < users.size(); ++i) {
        CHECK(users[i].get().id == expected[i]);
        CHECK(static_cast<std::int64_t>(users[i].get().posts.size()) ==
              at(posts_of, users[i].get().id));
      }
      CHECK(db.statements() - before == 2);
      // The user's ORDER BY, then the key: LIMIT cannot pick other users than it did.
      CHECK(
          contains(db.queries.back(), "ORDER BY \"users\".\"name\" DESC, \"users\".\"id\" LIMIT"));
    }
    session.expunge_all();
    {
      // No ORDER BY of the user's: the subquery orders by the key all the same.
      const auto before = db.statements();
      auto users = session.query<User>().limit(7).load(ormc::subquery(ld::user::posts)).all();
      CHECK(db.statements() - before == 2);
      REQUIRE(users.size() == 7);
      for (User& user : users) {
        CHECK(user.posts.loaded());
        CHECK(static_cast<std::int64_t>(user.posts.size()) == at(posts_of, user.id));
      }
      // The query itself too: both statements order by the key before LIMIT.
      CHECK(contains(db.queries[db.queries.size() - 2], "ORDER BY \"users\".\"id\" LIMIT"));
      CHECK(contains(db.queries.back(), "ORDER BY \"users\".\"id\" LIMIT"));
      User* first = session.query<User>()
                        .order_by(ld::user::name)
                        .load(ormc::subquery(ld::user::posts))
                        .first();
      REQUIRE(first != nullptr);
      CHECK(first->name == "nobody");
      CHECK(first->posts.loaded());
      CHECK(first->posts.empty());
    }
    session.expunge_all();
    {
      // A many-to-one under LIMIT: the keys are made distinct around the limited rows.
      const auto before = db.statements();
      auto posts = session.query<Post>()
                       .order_by(ld::post::id)
                       .offset(3)
                       .limit(20)
                       .load(ormc::subquery(ld::post::author))
                       .all();
      CHECK(db.statements() - before == 2);
      REQUIRE(posts.size() == 20);
      for (Post& post : posts) {
        REQUIRE(post.author.get() != nullptr);
        CHECK(post.author->id == post.author_id);
      }
      CHECK(db.statements() - before == 2);
      CHECK(contains(db.queries.back(), "SELECT DISTINCT \"ormc_rows\".\"author_id\""));
    }
  }
}

TEST_CASE("the schema's load(subquery) and load(joined) on self-references") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      // A tree: root, 3 folders under it, 2 under each of those.
      ormc::Session writer(db.engine());
      Folder& root = writer.add(Folder{.name = "/"});
      for (int a = 0; a < 3; ++a) {
        Folder& middle = writer.add(Folder{.name = "m" + std::to_string(a), .parent = root});
        for (int b = 0; b < 2; ++b) writer.add(Folder{.name = "leaf", .parent = middle});
      }
      writer.commit();
    }
    ormc::Session session(db.engine());
    const auto children_of =
        pairs(session,
              "SELECT parent_id, count(*) FROM folders WHERE parent_id IS NOT NULL "
              "GROUP BY parent_id");
    {
      // load(joined) on parent: the query's own statement, the parents under an alias;
      // load(subquery) on children: one statement more.
      const auto before = db.statements();
      auto folders = session.query<Folder>().order_by(ld::folder::id).all();
      CHECK(db.statements() - before == 2);
      REQUIRE(folders.size() == 10);
      CHECK(contains(db.queries[db.queries.size() - 2],
                     "LEFT JOIN \"folders\" AS \"ormc_j1\" ON \"folders\".\"parent_id\" = "
                     "\"ormc_j1\".\"id\""));
      for (Folder& folder : folders) {
        CHECK(folder.parent.loaded());
        CHECK(folder.children.loaded());
        if (folder.parent_id) {
          REQUIRE(folder.parent.get() != nullptr);
          CHECK(folder.parent->id == *folder.parent_id);
        } else {
          CHECK(folder.parent.get() == nullptr);
        }
        CHECK(static_cast<std::int64_t>(folder.children.size()) == at(children_of, folder.id));
        for (Folder& child : folder.children) CHECK(child.parent_id == folder.id);
      }
      CHECK(db.statements() - before == 2);
    }
    session.expunge_all();
    {
      // Options replace the defaults.
      const auto before = db.statements();
      auto folders = session.query<Folder>()
                         .load(ormc::lazy(ld::folder::parent), ormc::lazy(ld::folder::children))
                         .all();
      CHECK(db.statements() - before == 1);
      CHECK_FALSE(contains(db.queries.back(), "JOIN"));
      CHECK_FALSE(folders[0].get().children.loaded());
    }
  }
}

TEST_CASE("joined under LIMIT and OFFSET: one statement, the limit counts objects") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    fill_blog(db.engine(), 20);  // up to 5 posts a user: more than the limits below
    ormc::Session session(db.engine());
    const auto posts_of = pairs(session, posts_per_user);
    const auto comments_of = pairs(session, comments_per_post);
    const auto expected = ids(session, "SELECT id FROM users ORDER BY name DESC LIMIT 2 OFFSET 1");
    {
      const auto before = db.statements();
      auto users = session.query<User>()
                       .order_by(ld::user::name.desc())
                       .limit(2)
                       .offset(1)
                       .load(ormc::joined(ld::user::posts))
                       .all();
      CHECK(db.statements() - before == 1);
      CHECK(contains(db.queries.back(), "FROM (SELECT"));
      REQUIRE(users.size() == 2);
      for (std::size_t i = 0; i < users.size(); ++i) {
        User& user = users[i].get();
        CHECK(user.id == expected[i]);
        CHECK(user.posts.loaded());
        CHECK(static_cast<std::int64_t>(user.posts.size()) == at(posts_of, user.id));
        CHECK(user.posts.size() > 2);  // more rows than the limit: the limit counted users
        for (Post& post : user.posts) CHECK(post.author_id == user.id);
      }
      CHECK(db.statements() - before == 1);
    }
    session.expunge_all();
    {
      // OFFSET alone, reaching the user without posts; and first().
      const auto before = db.statements();
      auto users = session.query<User>()
                       .order_by(ld::user::id)
                       .offset(18)
                       .load(ormc::joined(ld::user::posts))
                       .all();
      CHECK(db.statements() - before == 1);
      REQUIRE(users.size() == 3);
      CHECK(users[2].get().name == "nobody");
      CHECK(users[2].get().posts.loaded());
      CHECK(users[2].get().posts.empty());
      for (User& user : users) {
        CHECK(static_cast<std::int64_t>(user.posts.size()) == at(posts_of, user.id));
      }
      session.expunge_all();
      User* fifth = session.query<User>()
                        .where(ld::user::name == "user04")
                        .load(ormc::joined(ld::user::posts).then(ormc::joined(ld::post::comments)))
                        .first();
      CHECK(db.statements() - before == 2);
      REQUIRE(fifth != nullptr);
      REQUIRE(fifth->posts.size() == 5);
      for (Post& post : fifth->posts) {
        CHECK(static_cast<std::int64_t>(post.comments.size()) == at(comments_of, post.id));
      }
      CHECK(db.statements() - before == 2);
    }
    session.expunge_all();
    {
      // Posts under LIMIT with a NOT NULL to-one and a collection.
      const auto before = db.statements();
      auto posts = session.query<Post>()
                       .order_by(ld::post::id.desc())
                       .limit(4)
                       .load(ormc::joined(ld::post::author), ormc::joined(ld::post::comments))
                       .all();
      CHECK(db.statements() - before == 1);
      REQUIRE(posts.size() == 4);
      CHECK(posts[0].get().id > posts[3].get().id);
      for (Post& post : posts) {
        REQUIRE(post.author.get() != nullptr);
        CHECK(post.author->id == post.author_id);
        CHECK(post.comments.size() == 2);
      }
      CHECK(db.statements() - before == 1);
    }
  }
}

TEST_CASE("nested joined paths in one statement, three levels, side by side and below") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    fill_blog(db.engine());
    ormc::Session check(db.engine());
    const auto posts_of = pairs(check, posts_per_user);
    const auto comments_of = pairs(check, comments_per_post);
    const auto tags_of = pairs(check, tags_per_post);
    const std::int64_t all_posts = scalar(check, "SELECT count(*) FROM posts");
    check.close();
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users = session.query<User>()
                       .order_by(ld::user::id)
                       .load(ormc::joined(ld::user::posts).then(ormc::joined(ld::post::comments)))
                       .all();
      CHECK(db.statements() - before == 1);
      REQUIRE(users.size() == 101);
      std::int64_t posts = 0;
      std::int64_t comments = 0;
      for (User& user : users) {
        CHECK(static_cast<std::int64_t>(user.posts.size()) == at(posts_of, user.id));
        for (Post& post : user.posts) {
          ++posts;
          CHECK(post.comments.loaded());
          CHECK(static_cast<std::int64_t>(post.comments.size()) == at(comments_of, post.id));
          for (Comment& comment : post.comments) {
            CHECK(comment.post.get() == &post);
            ++comments;
          }
        }
      }
      CHECK(posts == all_posts);
      CHECK(comments == 2 * all_posts);
      CHECK(db.statements() - before == 1);
    }
    {
      // Two collections side by side under posts: each row pairs a comment with a tag, and
      // each object still comes once.
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users = session.query<User>()
                       .load(ormc::joined(ld::user::posts)
                                 .then(ormc::joined(ld::post::comments))
                                 .then(ormc::joined(ld::post::tags))
                                 .then(ormc::joined(ld::post::author)))
                       .all();
      CHECK(db.statements() - before == 1);
      REQUIRE(users.size() == 101);
      std::set<const User*> distinct;
      for (User& user : users) {
        CHECK(distinct.insert(&user).second);
        CHECK(static_cast<std::int64_t>(user.posts.size()) == at(posts_of, user.id));
        for (Post& post : user.posts) {
          CHECK(post.comments.size() == 2);
          CHECK(static_cast<std::int64_t>(post.tags.size()) == at(tags_of, post.id));
          CHECK(post.author.loaded());
          CHECK(post.author.get() == &user);
        }
      }
      CHECK(db.statements() - before == 1);
      // The author is NOT NULL, but under the LEFT JOIN of posts: an INNER JOIN would drop
      // "nobody", who has no posts.
      CHECK(contains(db.queries.back(), "LEFT JOIN \"users\" AS \"ormc_j1\""));
    }
    {
      // A selectin level under a joined one: one statement more.
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users = session.query<User>()
                       .load(ormc::joined(ld::user::posts).then(ormc::selectin(ld::post::comments)))
                       .all();
      CHECK(db.statements() - before == 2);
      std::int64_t comments = 0;
      for (User& user : users) {
        for (Post& post : user.posts) {
          CHECK(post.comments.loaded());
          comments += static_cast<std::int64_t>(post.comments.size());
        }
      }
      CHECK(comments == 2 * all_posts);
      CHECK(db.statements() - before == 2);
    }
  }
}

TEST_CASE("joined self-references under an alias: reports of reports, and load(joined)") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      // boss -> 3 managers -> 4 reports each.
      ormc::Session writer(db.engine());
      Employee& boss = writer.add(Employee{.name = "boss"});
      for (int m = 0; m < 3; ++m) {
        Employee& manager = writer.add(Employee{.name = "m" + std::to_string(m), .manager = boss});
        for (int r = 0; r < 4; ++r) writer.add(Employee{.name = "r", .manager = manager});
      }
      writer.commit();
    }
    ormc::Session session(db.engine());
    const auto reports_of =
        pairs(session,
              "SELECT manager_id, count(*) FROM employees WHERE manager_id IS NOT NULL "
              "GROUP BY manager_id");
    {
      // The schema's load(joined) on manager: every employee with her manager, one statement.
      const auto before = db.statements();
      auto employees = session.query<Employee>().all();
      CHECK(db.statements() - before == 1);
      REQUIRE(employees.size() == 16);
      for (Employee& employee : employees) {
        CHECK(employee.manager.loaded());
        if (employee.manager_id) {
          REQUIRE(employee.manager.get() != nullptr);
          CHECK(employee.manager->id == *employee.manager_id);
        } else {
          CHECK(employee.manager.get() == nullptr);
        }
      }
      CHECK(db.statements() - before == 1);
    }
    session.expunge_all();
    {
      // Two levels of reports from the boss, joined: one statement with two aliases more.
      const auto before = db.statements();
      auto bosses =
          session.query<Employee>()
              .where(ld::employee::manager_id.is_null())
              .load(ormc::joined(ld::employee::reports).then(ormc::joined(ld::employee::reports)))
              .all();
      CHECK(db.statements() - before == 1);
      CHECK(contains(db.queries.back(), "\"ormc_j3\""));
      REQUIRE(bosses.size() == 1);
      Employee& boss = bosses[0].get();
      REQUIRE(boss.reports.size() == 3);
      CHECK(static_cast<std::int64_t>(boss.reports.size()) == at(reports_of, boss.id));
      for (Employee& manager : boss.reports) {
        CHECK(manager.manager_id == boss.id);
        CHECK(static_cast<std::int64_t>(manager.reports.size()) == at(reports_of, manager.id));
        for (Employee& report : manager.reports) CHECK(report.manager_id == manager.id);
      }
      CHECK(db.statements() - before == 1);
    }
  }
}

TEST_CASE("joined many-to-one: INNER JOIN for a NOT NULL key, LEFT for a nullable one") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    fill_blog(db.engine(), 10);
    ormc::Session session(db.engine());
    const std::int64_t all_posts = scalar(session, "SELECT count(*) FROM posts");
    const std::int64_t edited =
        scalar(session, "SELECT count(*) FROM posts WHERE editor_id IS NOT NULL");
    const auto before = db.statements();
    auto posts = session.query<Post>()
                     .load(ormc::joined(ld::post::author), ormc::joined(ld::post::editor))
                     .all();
    CHECK(db.statements() - before == 1);
    const std::string& sql = db.queries.back();
    CHECK(contains(sql, " JOIN \"users\" ON \"posts\".\"author_id\" = \"users\".\"id\""));
    CHECK_FALSE(contains(sql, "LEFT JOIN \"users\" ON"));
    CHECK(contains(sql, "LEFT JOIN \"users\" AS \"ormc_j1\" ON \"posts\".\"editor_id\""));
    REQUIRE(static_cast<std::int64_t>(posts.size()) == all_posts);
    std::int64_t with_editor = 0;
    for (Post& post : posts) {
      REQUIRE(post.author.get() != nullptr);
      CHECK(post.author->id == post.author_id);
      if (post.editor.get() != nullptr) {
        CHECK(post.editor->id == post.editor_id);
        ++with_editor;
      }
    }
    CHECK(with_editor == edited);
    CHECK(db.statements() - before == 1);
  }
}
