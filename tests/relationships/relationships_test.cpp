// Relationship members (ormc/relationship.hpp) through the Session, on every backend:
// back-populates in memory, foreign keys and association rows written at flush, lazy
// loading with exact statement counts, orphans, self-reference order, one-to-one, and what
// rollback, close and copies do to loaded and unloaded relations. Each write is checked
// against the database with raw SQL in the session's own transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/expr.hpp"
#include "ormc/session.hpp"
#include "relations.orm.hpp"
#include "support/test_backends.hpp"

namespace {

using rel::Comment;
using rel::Employee;
using rel::Note;
using rel::Post;
using rel::Profile;
using rel::Tag;
using rel::User;

static_assert(std::is_aggregate_v<Post> && std::is_aggregate_v<User>,
              "relation members keep the generated structs aggregates");

struct Db {
  explicit Db(const ormc_test::Backend& backend) : database(backend) {
    rel::schema.create_all(database.engine());
  }
  ormc::Engine& engine() { return database.engine(); }
  [[nodiscard]] std::uint64_t statements() { return engine().stats().statements; }
  ormc_test::TestDatabase database;
};

//! One integer the session's own transaction reads with `sql` ('$' placeholders).
std::int64_t scalar(ormc::Session& session, std::string_view sql, std::int64_t arg = 0) {
  ormc::Connection& conn = session.connection();
  ormc::Statement statement = conn.prepare(ormc_test::placeholders(conn.dialect(), sql));
  if (sql.find('$') != std::string_view::npos) statement.bind(1, arg);
  return statement.query().scalar<std::int64_t>();
}

}  // namespace

TEST_CASE("post.author = alice: alice.posts has the post at once, the key is written at flush") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    User& bob = session.add(User{.username = "bob"});
    Post& post = session.add(Post{.title = "Tips"});
    post.author = alice;
    CHECK(alice.posts.size() == 1);
    CHECK(&alice.posts[0] == &post);
    CHECK(post.author.get() == &alice);
    session.flush();
    CHECK(post.author_id == alice.id);
    CHECK(scalar(session, "SELECT author_id FROM posts WHERE id = $", post.id) == alice.id);

    // Moving it: bob's collection gains it, alice's loses it, at once.
    post.author = bob;
    CHECK(alice.posts.empty());
    CHECK(bob.posts.contains(post));
    session.commit();
    CHECK(scalar(session, "SELECT author_id FROM posts WHERE id = $", post.id) == bob.id);
  }
}

TEST_CASE("collection push_back and erase keep the other side in step") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    User& bob = session.add(User{.username = "bob"});
    Post& first = session.add(Post{.title = "first", .author = alice});
    Post& other = session.add(Post{.title = "other", .author = alice});
    CHECK(alice.posts.size() == 2);
    bob.posts.push_back(other);  // other.author is bob at once, and alice lost it
    CHECK(other.author.get() == &bob);
    CHECK(alice.posts.size() == 1);
    CHECK(&alice.posts[0] == &first);
    bob.posts.push_back(other);  // already in: nothing changes
    CHECK(bob.posts.size() == 1);
    session.commit();
    CHECK(scalar(session, "SELECT count(*) FROM posts WHERE author_id = $", bob.id) == 1);
    CHECK(scalar(session, "SELECT count(*) FROM posts WHERE author_id = $", alice.id) == 1);
  }
}

TEST_CASE("designated initializers name related objects; a new parent's rows go in first") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    // The post is added before its author: the flush still inserts the user first.
    User& carol = session.add(User{.username = "carol"});
    Post& post = session.add(Post{.title = "x", .author = carol});
    Comment& comment = session.add(Comment{.body = "hi", .post = post});
    CHECK(post.comments.size() == 1);
    session.commit();
    CHECK(post.author_id == carol.id);
    CHECK(comment.post_id == post.id);
    CHECK(scalar(session, "SELECT post_id FROM comments WHERE id = $", comment.id) == post.id);
  }
}

TEST_CASE("lazy loading: one statement per relation on first access, none after") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      ormc::Session writer(db.engine());
      for (int u = 0; u < 100; ++u) {
        User& user = writer.add(User{.username = "user" + std::to_string(u)});
        for (int p = 0; p < 3; ++p) {
          writer.add(Post{.title = "p" + std::to_string(p), .author = user});
        }
      }
      writer.commit();
    }
    ormc::Session session(db.engine());
    const auto before = db.statements();
    auto users = session.query<User>().order_by(rel::user::id).all();
    CHECK(db.statements() - before == 1);
    std::size_t posts = 0;
    for (User& user : users) {
      for (Post& post : user.posts) {
        CHECK(post.author_id == user.id);
        // The author is held: the many-to-one costs no statement.
        CHECK(post.author.get() == &user);
        ++posts;
      }
    }
    CHECK(posts == 300);
    CHECK(db.statements() - before == 101);  // 1 + one per user: the N+1 lazy loading costs
    for (User& user : users) CHECK(user.posts.size() == 3);
    CHECK(db.statements() - before == 101);  // loaded collections are read again for free
  }
}

TEST_CASE("a many-to-one whose target is not held loads it with one SELECT by key") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      ormc::Session writer(db.engine());
      User& alice = writer.add(User{.username = "alice"});
      writer.add(Post{.title = "a", .author = alice});
      writer.add(Post{.title = "b", .author = alice});
      writer.commit();
    }
    ormc::Session session(db.engine());
    auto posts = session.query<Post>().order_by(rel::post::id).all();
    const auto before = db.statements();
    User* author = posts[0].get().author.get();
    REQUIRE(author != nullptr);
    CHECK(author->username == "alice");
    CHECK(db.statements() - before == 1);
    CHECK(posts[1].get().author.get() == author);  // from the identity map
    CHECK(db.statements() - before == 1);
    CHECK(author->posts.size() == 2);  // the loaded posts, not copies
    CHECK(&author->posts[0] == &posts[0].get());
  }
}

TEST_CASE("many-to-many: association rows are inserted and deleted as collections change") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    Post& post = session.add(Post{.title = "p", .author = alice});
    Tag& cpp = session.add(Tag{.name = "c++"});
    Tag& sql = session.add(Tag{.name = "sql"});
    post.tags.push_back(cpp);
    sql.posts.push_back(post);  // from the other side
    CHECK(post.tags.size() == 2);
    CHECK(cpp.posts.contains(post));
    session.commit();
    CHECK(scalar(session, "SELECT count(*) FROM post_tags WHERE post_id = $", post.id) == 2);

    post.tags.erase(cpp);
    CHECK_FALSE(cpp.posts.contains(post));
    post.tags.push_back(cpp);  // put back before the flush: no row written at all
    post.tags.erase(sql);
    session.commit();
    CHECK(scalar(session, "SELECT count(*) FROM post_tags WHERE post_id = $", post.id) == 1);
    CHECK(scalar(session, "SELECT tag_id FROM post_tags WHERE post_id = $", post.id) == cpp.id);

    // Loaded lazily from either side in a new session.
    ormc::Session reader(db.engine());
    Post* loaded = reader.get<Post>(post.id);
    REQUIRE(loaded != nullptr);
    REQUIRE(loaded->tags.size() == 1);
    CHECK(loaded->tags[0].name == "c++");
    CHECK(loaded->tags[0].posts.contains(*loaded));
  }
}

TEST_CASE("delete_orphan: a comment taken out of its post's collection is deleted at flush") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    Post& post = session.add(Post{.title = "p", .author = alice});
    Comment& keep = session.add(Comment{.body = "keep", .post = post});
    Comment& drop = session.add(Comment{.body = "drop", .post = post});
    session.commit();
    CHECK(post.comments.erase(drop));
    CHECK(drop.post.get() == nullptr);
    session.commit();
    CHECK(session.state(drop) == ormc::ObjectState::detached);
    CHECK(scalar(session, "SELECT count(*) FROM comments WHERE post_id = $", post.id) == 1);
    CHECK(scalar(session, "SELECT count(*) FROM comments WHERE id = $", keep.id) == 1);

    // Moved to another post before the flush, it is no orphan.
    Post& second = session.add(Post{.title = "q", .author = alice});
    post.comments.erase(keep);
    second.comments.push_back(keep);
    session.commit();
    CHECK(session.state(keep) == ormc::ObjectState::persistent);
    CHECK(scalar(session, "SELECT post_id FROM comments WHERE id = $", keep.id) == second.id);
  }
}

TEST_CASE("a collection that loses a row whose key is NOT NULL, without delete_orphan, refuses") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    Post& post = session.add(Post{.title = "p", .author = alice});
    session.commit();
    alice.posts.erase(post);
    CHECK(post.author.get() == nullptr);
    CHECK_THROWS_WITH_AS(session.flush(), doctest::Contains("Post.author was emptied"),
                         ormc::InvalidRequestError);
    session.rollback();
    CHECK(scalar(session, "SELECT author_id FROM posts WHERE id = $", post.id) == alice.id);
    // The rollback forgot what was loaded: the relation reads the database again.
    CHECK(post.author.get() == &alice);
    CHECK(alice.posts.contains(post));
  }
}

TEST_CASE("one-to-many without a back relation: the parent's flush writes the children's key") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    Note& a = session.add(Note{.text = "a"});
    Note& b = session.add(Note{.text = "b"});
    alice.notes.push_back(a);
    alice.notes.push_back(b);
    session.commit();
    CHECK(a.user_id == alice.id);
    CHECK(scalar(session, "SELECT count(*) FROM notes WHERE user_id = $", alice.id) == 2);
    alice.notes.erase(a);  // nullable: its key becomes NULL
    session.commit();
    CHECK_FALSE(a.user_id.has_value());
    CHECK(scalar(session, "SELECT count(*) FROM notes WHERE user_id = $", alice.id) == 1);

    ormc::Session reader(db.engine());
    User* loaded = reader.get<User>(alice.id);
    REQUIRE(loaded != nullptr);
    REQUIRE(loaded->notes.size() == 1);
    CHECK(loaded->notes[0].text == "b");
  }
}

TEST_CASE("one-to-one: both sides follow, the key is the profile's, an old profile is orphaned") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    Profile& first = session.add(Profile{.bio = "first"});
    alice.profile = first;
    CHECK(first.user.get() == &alice);
    session.commit();
    CHECK(first.user_id == alice.id);

    Profile& second = session.add(Profile{.bio = "second"});
    alice.profile = second;  // cascade(delete_orphan): the first profile goes
    CHECK(first.user.get() == nullptr);
    CHECK(second.user.get() == &alice);
    session.commit();
    CHECK(scalar(session, "SELECT count(*) FROM profiles") == 1);
    CHECK(scalar(session, "SELECT user_id FROM profiles WHERE id = $", second.id) == alice.id);

    // From the side that holds the key, the other side follows too.
    User& bob = session.add(User{.username = "bob"});
    second.user = bob;
    CHECK(bob.profile.get() == &second);
    CHECK(alice.profile.get() == nullptr);
    session.commit();
    CHECK(scalar(session, "SELECT user_id FROM profiles WHERE id = $", second.id) == bob.id);
  }
}

TEST_CASE("self-reference: a manager is inserted before her reports, whatever the add order") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    Employee& intern = session.add(Employee{.name = "intern"});
    Employee& lead = session.add(Employee{.name = "lead"});
    Employee& boss = session.add(Employee{.name = "boss"});
    intern.manager = lead;
    lead.manager = boss;
    CHECK(boss.reports.contains(lead));
    session.commit();
    CHECK(lead.manager_id == boss.id);
    CHECK(intern.manager_id == lead.id);
    CHECK_FALSE(boss.manager_id.has_value());
    CHECK(scalar(session, "SELECT manager_id FROM employees WHERE id = $", intern.id) == lead.id);

    ormc::Session reader(db.engine());
    Employee* loaded = reader.get<Employee>(boss.id);
    REQUIRE(loaded != nullptr);
    REQUIRE(loaded->reports.size() == 1);
    REQUIRE(loaded->reports[0].reports.size() == 1);
    CHECK(loaded->reports[0].reports[0].name == "intern");
    CHECK(loaded->reports[0].reports[0].manager->manager.get() == loaded);
  }
}

TEST_CASE("a cycle of new rows through a nullable key is broken by a second UPDATE") {
  // More cases in writes_test.cpp (post_update).
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    Employee& a = session.add(Employee{.name = "a"});
    Employee& b = session.add(Employee{.name = "b"});
    a.manager = b;
    b.manager = a;
    session.flush();
    CHECK(scalar(session, "SELECT manager_id FROM employees WHERE id = $", a.id) == b.id);
    CHECK(scalar(session, "SELECT manager_id FROM employees WHERE id = $", b.id) == a.id);
  }
}

TEST_CASE("copies and closed sessions: loaded relations read, unloaded ones are detached") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    std::int64_t post_id = 0;
    {
      ormc::Session writer(db.engine());
      User& alice = writer.add(User{.username = "alice"});
      post_id = writer.add(Post{.title = "t", .author = alice}).id;
      writer.commit();
      post_id = alice.posts[0].id;
    }
    ormc::Session session(db.engine());
    Post* post = session.get<Post>(post_id);
    REQUIRE(post != nullptr);
    const Post copy = *post;  // a plain value: its unloaded relations cannot load
    CHECK_THROWS_AS((void)copy.author.get(), ormc::DetachedInstanceError);
    User* author = post->author.get();
    const Post loaded_copy = *post;
    CHECK(loaded_copy.author.get() == author);  // what was loaded stays readable
    session.close();
    CHECK_THROWS_WITH_AS((void)post->tags.size(), doctest::Contains("Post.tags"),
                         ormc::DetachedInstanceError);
  }
}

TEST_CASE("a related object the session does not hold is refused when assigned") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    Post& post = session.add(Post{.title = "p"});
    User stranger{.username = "stranger"};
    CHECK_THROWS_WITH_AS(post.author = stranger, doctest::Contains("add() it first"),
                         ormc::InvalidRequestError);
    CHECK_FALSE(post.author.loaded());  // the refusal changed nothing
    User& alice = session.add(User{.username = "alice"});
    Post loose{.title = "loose"};
    CHECK_THROWS_AS(alice.posts.push_back(loose), ormc::InvalidRequestError);
    CHECK(alice.posts.empty());
    // Refused by add() too, which then takes nothing in.
    const std::size_t held = session.size();
    CHECK_THROWS_WITH_AS(session.add(Post{.title = "q", .author = stranger}),
                         doctest::Contains("Post.author"), ormc::InvalidRequestError);
    CHECK(session.size() == held);
  }
}

TEST_CASE("a copy given to add() is a new object related as the copy says") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    const Post draft{.title = "draft", .author = alice};  // a value, kept by the caller
    Post& first = session.add(draft);
    Post& second = session.add(draft);
    CHECK(alice.posts.size() == 2);
    session.commit();
    CHECK(first.author_id == alice.id);
    CHECK(second.author_id == alice.id);
    CHECK(scalar(session, "SELECT count(*) FROM posts WHERE author_id = $", alice.id) == 2);
  }
}

TEST_CASE("rollback to a savepoint forgets relation changes made inside it") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    User& bob = session.add(User{.username = "bob"});
    Post& post = session.add(Post{.title = "p", .author = alice});
    session.commit();
    {
      ormc::SessionSavepoint savepoint = session.begin_nested();
      post.author = bob;
      session.flush();
      CHECK(scalar(session, "SELECT author_id FROM posts WHERE id = $", post.id) == bob.id);
      savepoint.rollback();
    }
    CHECK(post.author_id == alice.id);
    CHECK(post.author.get() == &alice);
    CHECK(alice.posts.contains(post));
    CHECK_FALSE(bob.posts.contains(post));
  }
}

namespace {

//! 100 users with 3 posts each, every post with 2 comments, committed.
void fill_users_posts_comments(ormc::Engine& engine) {
  ormc::Session writer(engine);
  for (int u = 0; u < 100; ++u) {
    User& user = writer.add(User{.username = "user" + std::to_string(u)});
    for (int p = 0; p < 3; ++p) {
      Post& post = writer.add(Post{.title = "p" + std::to_string(p), .author = user});
      for (int c = 0; c < 2; ++c) writer.add(Comment{.body = "c", .post = post});
    }
  }
  writer.commit();
}

}  // namespace

TEST_CASE("selectin: 100 users with their posts in 2 statements, 3 levels in 3") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    fill_users_posts_comments(db.engine());
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users = session.query<User>()
                       .order_by(rel::user::id)
                       .load(ormc::selectin(rel::user::posts))
                       .all();
      CHECK(db.statements() - before == 2);
      std::size_t posts = 0;
      for (User& user : users) {
        CHECK(user.posts.loaded());
        for (Post& post : user.posts) {
          CHECK(post.author.get() == &user);
          ++posts;
        }
      }
      CHECK(posts == 300);
      CHECK(db.statements() - before == 2);  // nothing more: all loaded, authors held
    }
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users =
          session.query<User>()
              .load(ormc::selectin(rel::user::posts).then(ormc::selectin(rel::post::comments)))
              .all();
      CHECK(db.statements() - before == 3);
      std::size_t comments = 0;
      for (User& user : users) {
        for (Post& post : user.posts) {
          for (Comment& comment : post.comments) {
            CHECK(comment.post.get() == &post);
            ++comments;
          }
        }
      }
      CHECK(comments == 600);
      CHECK(db.statements() - before == 3);
    }
    {
      // From the many side: the authors of every post in one statement.
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto posts = session.query<Post>().load(ormc::selectin(rel::post::author)).all();
      CHECK(db.statements() - before == 2);
      for (Post& post : posts) {
        REQUIRE(post.author.get() != nullptr);
        CHECK(post.author->id == post.author_id);
      }
      CHECK(db.statements() - before == 2);
    }
  }
}

TEST_CASE("selectin over a many-to-many and a self-reference, more parents than one IN list") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      ormc::Session writer(db.engine());
      User& author = writer.add(User{.username = "a"});
      std::vector<Tag*> tags;
      for (int t = 0; t < 3; ++t) tags.push_back(&writer.add(Tag{.name = "t" + std::to_string(t)}));
      for (int p = 0; p < 1200; ++p) {
        Post& post = writer.add(Post{.title = "p", .author = author});
        post.tags.push_back(*tags[static_cast<std::size_t>(p % 3)]);
        if (p % 2 == 0) post.tags.push_back(*tags[static_cast<std::size_t>((p + 1) % 3)]);
      }
      Employee& boss = writer.add(Employee{.name = "boss"});
      for (int e = 0; e < 4; ++e) writer.add(Employee{.name = "e", .manager = boss});
      writer.commit();
    }
    ormc::Session session(db.engine());
    const auto before = db.statements();
    auto posts =
        session.query<Post>().order_by(rel::post::id).load(ormc::selectin(rel::post::tags)).all();
    // 1200 parents: one array parameter on PostgreSQL, three IN lists of 500 on SQLite.
    const std::uint64_t expected = backend.postgresql() ? 2 : 4;
    CHECK(db.statements() - before == expected);
    std::size_t links = 0;
    for (Post& post : posts) links += post.tags.size();
    CHECK(links == 1800);
    CHECK(db.statements() - before == expected);
    CHECK(scalar(session, "SELECT count(*) FROM post_tags") == 1800);

    auto employees = session.query<Employee>()
                         .where(rel::employee::manager_id.is_null())
                         .load(ormc::selectin(rel::employee::reports))
                         .all();
    REQUIRE(employees.size() == 1);
    CHECK(employees[0].get().reports.size() == 4);
  }
}

TEST_CASE("raise and noload: an unloaded relation throws naming the fix, or reads empty") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    fill_users_posts_comments(db.engine());
    ormc::Session session(db.engine());
    auto users = session.query<User>().load(ormc::raise(rel::user::posts)).limit(2).all();
    REQUIRE(users.size() == 2);
    CHECK_THROWS_WITH_AS((void)users[0].get().posts.size(),
                         doctest::Contains("User.posts is not loaded"), ormc::InvalidRequestError);
    // raise_on_sql: the held author reads; an author not held would need SQL and throws.
    auto all_posts = session.query<Post>().load(ormc::raise_on_sql(rel::post::author)).all();
    REQUIRE(all_posts.size() == 300);
    std::size_t held = 0;
    std::size_t refused = 0;
    for (Post& post : all_posts) {
      try {
        if (post.author.get() != nullptr) ++held;
      } catch (const ormc::InvalidRequestError& error) {
        CHECK(std::string(error.what()).find("raise_on_sql") != std::string::npos);
        ++refused;
      }
    }
    CHECK(held == 6);  // the two users the first query took: 3 posts each
    CHECK(refused == 294);
    auto posts = session.query<Post>().load(ormc::noload(rel::post::comments)).limit(1).all();
    REQUIRE(posts.size() == 1);
    const auto before = db.statements();
    CHECK(posts[0].get().comments.empty());
    CHECK(db.statements() == before);
  }
}

TEST_CASE("remove() cascades: delete down a cascade(delete) collection, NULL keys elsewhere") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    std::int64_t post_id = 0;
    std::int64_t alice_id = 0;
    {
      ormc::Session writer(db.engine());
      User& alice = writer.add(User{.username = "alice"});
      Post& post = writer.add(Post{.title = "p", .author = alice});
      writer.add(Comment{.body = "a", .post = post});
      writer.add(Comment{.body = "b", .post = post});
      Tag& tag = writer.add(Tag{.name = "t"});
      post.tags.push_back(tag);
      writer.add(Note{.text = "n"}).user_id = std::nullopt;
      alice.notes.push_back(writer.add(Note{.text = "mine"}));
      writer.commit();
      post_id = post.id;
      alice_id = alice.id;
    }
    ormc::Session session(db.engine());
    // Post.comments has cascade(all, delete_orphan): the comments go with the post (loaded
    // first); its post_tags rows go before it.
    Post* post = session.get<Post>(post_id);
    REQUIRE(post != nullptr);
    session.remove(*post);
    session.commit();
    CHECK(scalar(session, "SELECT count(*) FROM comments") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM post_tags") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM tags") == 1);
    // User.notes has no cascade and a nullable key: the notes stay, their key NULL.
    User* alice = session.get<User>(alice_id);
    REQUIRE(alice != nullptr);
    session.remove(*alice);
    session.commit();
    CHECK(scalar(session, "SELECT count(*) FROM users") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM notes") == 2);
    CHECK(scalar(session, "SELECT count(*) FROM notes WHERE user_id IS NULL") == 2);
  }
}

TEST_CASE("remove() of a parent whose children's key is NOT NULL, without cascade, is refused") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    User& alice = session.add(User{.username = "alice"});
    session.add(Post{.title = "p", .author = alice});
    session.commit();
    // User.posts has no cascade(delete) and posts.author_id is NOT NULL: the database
    // refuses the DELETE (its foreign key), and nothing is lost.
    session.remove(alice);
    CHECK_THROWS_AS(session.commit(), ormc::IntegrityError);
    session.rollback();
    CHECK(scalar(session, "SELECT count(*) FROM posts") == 1);
    CHECK(scalar(session, "SELECT count(*) FROM users") == 1);
  }
}

TEST_CASE("the schema's load(selectin) loads with every query; an option overrides it") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      ormc::Session writer(db.engine());
      for (int f = 0; f < 20; ++f) {
        rel::Folder& folder = writer.add(rel::Folder{.name = "f" + std::to_string(f)});
        for (int i = 0; i < 5; ++i) writer.add(rel::File{.name = "x", .folder = folder});
      }
      writer.commit();
    }
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto folders = session.query<rel::Folder>().all();
      CHECK(db.statements() - before == 2);
      std::size_t files = 0;
      for (rel::Folder& folder : folders) {
        CHECK(folder.files.loaded());
        files += folder.files.size();
      }
      CHECK(files == 100);
      CHECK(db.statements() - before == 2);
    }
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto folders = session.query<rel::Folder>().load(ormc::lazy(rel::folder::files)).all();
      CHECK(db.statements() - before == 1);
      CHECK_FALSE(folders[0].get().files.loaded());
    }
  }
}

TEST_CASE("joined: users with their posts, and posts with their authors, in one statement") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    fill_users_posts_comments(db.engine());
    {
      ormc::Session writer(db.engine());
      writer.add(User{.username = "no posts"});  // a LEFT JOIN keeps her, with no posts
      writer.commit();
    }
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users =
          session.query<User>().order_by(rel::user::id).load(ormc::joined(rel::user::posts)).all();
      CHECK(db.statements() - before == 1);
      REQUIRE(users.size() == 101);  // each user once, whatever her number of posts
      CHECK(users[0].get().username == "user0");
      CHECK(users[100].get().username == "no posts");
      CHECK(users[100].get().posts.loaded());
      CHECK(users[100].get().posts.empty());
      std::size_t posts = 0;
      for (User& user : users) {
        for (Post& post : user.posts) {
          CHECK(post.author.get() == &user);
          ++posts;
        }
      }
      CHECK(posts == 300);
      CHECK(db.statements() - before == 1);
    }
    {
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto posts = session.query<Post>()
                       .load(ormc::joined(rel::post::author), ormc::joined(rel::post::tags))
                       .all();
      CHECK(db.statements() - before == 1);
      REQUIRE(posts.size() == 300);
      for (Post& post : posts) {
        REQUIRE(post.author.get() != nullptr);
        CHECK(post.author->id == post.author_id);
        CHECK(post.tags.empty());
      }
      CHECK(db.statements() - before == 1);
    }
    {
      // With LIMIT, the limited query is wrapped and the joins follow it, so that the limit
      // counts users, not rows: still one statement.
      ormc::Session session(db.engine());
      const auto before = db.statements();
      auto users = session.query<User>()
                       .order_by(rel::user::id)
                       .limit(5)
                       .load(ormc::joined(rel::user::posts), ormc::joined(rel::user::profile))
                       .all();
      CHECK(db.statements() - before == 1);
      REQUIRE(users.size() == 5);
      for (User& user : users) CHECK(user.posts.size() == 3);
      User* first = session.query<User>()
                        .order_by(rel::user::id)
                        .load(ormc::joined(rel::user::posts))
                        .first();
      REQUIRE(first != nullptr);
      CHECK(first->posts.size() == 3);
    }
  }
}

TEST_CASE("the schema's load(joined) joins the relation in every query of its model") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      ormc::Session writer(db.engine());
      rel::Folder& folder = writer.add(rel::Folder{.name = "f"});
      for (int i = 0; i < 4; ++i) {
        rel::File& file = writer.add(rel::File{.name = "x", .folder = folder});
        writer.add(rel::Label{.text = "l" + std::to_string(i), .file = file});
      }
      writer.commit();
    }
    ormc::Session session(db.engine());
    const auto before = db.statements();
    auto labels = session.query<rel::Label>().all();
    CHECK(db.statements() - before == 1);  // the files came in the same statement
    REQUIRE(labels.size() == 4);
    for (rel::Label& label : labels) {
      REQUIRE(label.file.loaded());
      CHECK(label.file->id == label.file_id);
    }
    CHECK(db.statements() - before == 1);
  }
}
