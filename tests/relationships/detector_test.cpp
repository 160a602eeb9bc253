// Strict loading (the N+1 detector) and batched lazy loading, on every backend: a lazy
// load in a loop over a multi-row result is reported with the call site and the option
// that fixes it (warn: through SessionOptions::on_load_report; raise: StrictLoadingError
// before any SQL), silent once the option is there and for single-object results; eager
// loads nobody read are reported when the session closes; batched lazy loading reads 100
// users' posts in 2 statements, each user's posts checked against raw SQL.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
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
using rel::Post;
using rel::User;

struct Db {
  explicit Db(const ormc_test::Backend& backend) : database(backend) {
    rel::schema.create_all(database.engine());
  }
  ormc::Engine& engine() { return database.engine(); }
  [[nodiscard]] std::uint64_t statements() { return engine().stats().statements; }
  ormc_test::TestDatabase database;
};

//! Session options with strict loading as `mode`.
ormc::SessionOptions strict(ormc::StrictLoading mode) {
  ormc::SessionOptions options;
  options.strict_loading = mode;
  return options;
}

//! `users` users, user u with u % 4 posts (some none), post p of a user with p + 1 comments.
void seed(ormc::Engine& engine, int users) {
  ormc::Session writer(engine, strict(ormc::StrictLoading::off));
  for (int u = 0; u < users; ++u) {
    User& user = writer.add(User{.username = "user" + std::to_string(u)});
    for (int p = 0; p < u % 4; ++p) {
      Post& post = writer.add(Post{.title = "p" + std::to_string(p), .author = user});
      for (int c = 0; c <= p; ++c) writer.add(Comment{.body = "c", .post = post});
    }
  }
  writer.commit();
}

//! The integers one column of `sql` returns in the session's transaction ('$': `arg`).
std::vector<std::int64_t> column(ormc::Session& session, std::string_view sql, std::int64_t arg) {
  ormc::Connection& conn = session.connection();
  ormc::Statement statement = conn.prepare(ormc_test::placeholders(conn.dialect(), sql));
  statement.bind(1, arg);
  ormc::Result result = statement.query();
  std::vector<std::int64_t> out;
  while (result.next()) out.push_back(result.row().get<std::int64_t>(0));
  return out;
}

//! Session options that collect the detector's reports into `reports`.
ormc::SessionOptions collecting(std::vector<ormc::LoadReport>& reports,
                                ormc::StrictLoading mode = ormc::StrictLoading::warn) {
  ormc::SessionOptions options;
  options.strict_loading = mode;
  options.on_load_report = [&reports](const ormc::LoadReport& report) {
    reports.push_back(report);
  };
  return options;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

//! "detector_test.cpp:<line>": how a report names a line of this file.
std::string here(int line) { return "detector_test.cpp:" + std::to_string(line); }

//! Sets an environment variable for one scope.
struct ScopedEnvironment {
  ScopedEnvironment(const char* variable, const char* value) : name(variable) {
    ::setenv(name, value, 1);  // NOLINT(concurrency-mt-unsafe): tests run one at a time
  }
  ~ScopedEnvironment() { ::unsetenv(name); }  // NOLINT(concurrency-mt-unsafe)
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;
  const char* name;
};

}  // namespace

TEST_CASE(
    "strict warn: a lazy load in a loop over a query's result is reported once, naming "
    "the call site and the fix") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine(), 8);
    std::vector<ormc::LoadReport> reports;
    ormc::Session session(db.engine(), collecting(reports));
    const auto before = db.statements();
    auto users = session.query<User>().order_by(rel::user::id).all();
    std::size_t posts = 0;
    const int line = __LINE__ + 1;
    for (User& user : users) posts += user.posts.size();
    CHECK(posts == 12);
    // Warn mode changes nothing: still one statement per user.
    CHECK(db.statements() - before == 1 + 8);
    REQUIRE(reports.size() == 1);  // once for the result and relation, not once per user
    const ormc::LoadReport& report = reports[0];
    CHECK(report.kind == ormc::LoadReportKind::n_plus_one);
    CHECK(report.model == "User");
    CHECK(report.relation == "posts");
    CHECK(report.objects == 8);
    CHECK(report.where.line() == static_cast<unsigned>(line));
    CHECK(contains(report.where.file_name(), "detector_test.cpp"));
    CHECK(report.fix == ".load(ormc::selectin(rel::user::posts))");
    INFO(report.message);
    CHECK(contains(report.message, here(line)));
    CHECK(contains(report.message, "User.posts"));
    CHECK(contains(report.message, ".load(ormc::selectin(rel::user::posts))"));

    // The many-to-one back to a held user costs nothing: not an N+1.
    for (User& user : users) {
      for (Post& post : user.posts) CHECK(post.author.get() == &user);
    }
    CHECK(reports.size() == 1);
  }
}

TEST_CASE(
    "strict raise: the N+1 lazy load throws StrictLoadingError before its SQL, naming the "
    "call site and the fix") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine(), 5);
    ormc::Session session(db.engine(), strict(ormc::StrictLoading::raise));
    auto users = session.query<User>().order_by(rel::user::id).all();
    const auto before = db.statements();
    int line = 0;
    std::string message;
    try {
      line = __LINE__ + 1;
      (void)users[1].get().posts.empty();
      FAIL("no StrictLoadingError");
    } catch (const ormc::StrictLoadingError& error) {
      message = error.what();
    }
    INFO(message);
    CHECK(contains(message, here(line)));
    CHECK(contains(message, "User.posts"));
    CHECK(contains(message, ".load(ormc::selectin(rel::user::posts))"));
    CHECK(db.statements() == before);  // refused before any SQL
    CHECK_FALSE(users[1].get().posts.loaded());
    // It is an InvalidRequestError, as ormc::raise's refusal.
    CHECK_THROWS_AS((void)users[2].get().posts.size(), ormc::InvalidRequestError);
  }
}

TEST_CASE(
    "strict raise is silent with the fix, for a single-object result, and for "
    "many-to-ones the session holds") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine(), 6);
    std::vector<ormc::LoadReport> reports;
    ormc::Session session(db.engine(), collecting(reports, ormc::StrictLoading::raise));
    const auto before = db.statements();
    auto users =
        session.query<User>().load(ormc::selectin(rel::user::posts)).order_by(rel::user::id).all();
    std::size_t posts = 0;
    for (User& user : users) {
      for (Post& post : user.posts) {
        CHECK(post.author.get() == &user);  // held: no SQL, no report
        ++posts;
      }
    }
    CHECK(posts == 7);
    CHECK(db.statements() - before == 2);

    // One object per result: its lazy load is no N+1.
    User* last = session.query<User>().order_by(rel::user::id.desc()).first();
    REQUIRE(last != nullptr);
    User* one = session.get<User>(last->id);
    REQUIRE(one == last);
    session.expunge_all();  // forget what the first query loaded
    User* again = session.query<User>().where(rel::user::username == "user3").first();
    REQUIRE(again != nullptr);
    CHECK(again->posts.size() == 3);
    for (Post& post : again->posts) CHECK(post.author.get() == again);
    CHECK(reports.empty());
  }
}

TEST_CASE("the objects of an eager load are siblings too: the fix names the path") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine(), 8);
    std::vector<ormc::LoadReport> reports;
    ormc::Session session(db.engine(), collecting(reports));
    auto users =
        session.query<User>().load(ormc::selectin(rel::user::posts)).order_by(rel::user::id).all();
    std::size_t comments = 0;
    const int line = __LINE__ + 3;
    for (User& user : users) {
      for (Post& post : user.posts) {
        for (Comment& comment : post.comments) {
          CHECK(comment.post_id == post.id);
          ++comments;
        }
      }
    }
    CHECK(comments == 2 * (1 + 3 + 6));
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].model == "Post");
    CHECK(reports[0].relation == "comments");
    CHECK(reports[0].objects == 12);
    CHECK(reports[0].where.line() == static_cast<unsigned>(line));
    CHECK(reports[0].fix ==
          ".load(ormc::selectin(rel::user::posts).then(ormc::selectin(rel::post::comments)))");
  }
}

TEST_CASE("ORMC_STRICT_LOADING turns strict loading on for sessions that do not say") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine(), 4);
    ScopedEnvironment raise_all("ORMC_STRICT_LOADING", "raise");
    {
      ormc::Session session(db.engine());
      auto users = session.query<User>().all();
      CHECK_THROWS_AS((void)users[0].get().posts.size(), ormc::StrictLoadingError);
    }
    {
      // A session that says off stays off.
      ormc::Session session(db.engine(), strict(ormc::StrictLoading::off));
      auto users = session.query<User>().all();
      for (User& user : users) (void)user.posts.size();
    }
    ScopedEnvironment wrong("ORMC_STRICT_LOADING", "loud");
    CHECK_THROWS_AS((void)ormc::Session(db.engine()), ormc::ArgumentError);
  }
}

TEST_CASE("strict loading reports eager loads nobody read when the session closes") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine(), 6);
    std::vector<ormc::LoadReport> reports;
    {
      ormc::Session session(db.engine(), collecting(reports));
      auto users = session.query<User>().load(ormc::selectin(rel::user::posts)).all();
      auto posts = session.query<Post>().load(ormc::joined(rel::post::comments)).all();
      CHECK(users.size() == 6);
      CHECK(posts.size() == 7);
      session.close();
    }
    REQUIRE(reports.size() == 2);
    CHECK(reports[0].kind == ormc::LoadReportKind::unused_eager_load);
    CHECK(reports[0].model == "User");
    CHECK(reports[0].relation == "posts");
    CHECK(reports[0].objects == 6);
    CHECK(contains(reports[0].message, "ormc::selectin(rel::user::posts)"));
    CHECK(reports[1].kind == ormc::LoadReportKind::unused_eager_load);
    CHECK(reports[1].model == "Post");
    CHECK(reports[1].relation == "comments");
    CHECK(contains(reports[1].fix, "ormc::joined(rel::post::comments)"));

    // One read of one object's relation uses the load: nothing to report.
    reports.clear();
    {
      ormc::Session session(db.engine(), collecting(reports));
      auto users = session.query<User>().load(ormc::selectin(rel::user::posts)).all();
      (void)users[3].get().posts.size();
    }
    CHECK(reports.empty());

    // Off: nothing is watched, nothing reported.
    {
      ormc::SessionOptions options = collecting(reports, ormc::StrictLoading::off);
      ormc::Session session(db.engine(), options);
      auto users = session.query<User>().load(ormc::selectin(rel::user::posts)).all();
    }
    CHECK(reports.empty());
  }
}

TEST_CASE("batched lazy loading: 100 users' posts in 2 statements, their comments in one more") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine(), 100);
    std::vector<ormc::LoadReport> reports;
    ormc::SessionOptions options = collecting(reports, ormc::StrictLoading::raise);
    options.batch_lazy_loads = true;
    ormc::Session session(db.engine(), options);
    const auto before = db.statements();
    auto users = session.query<User>().order_by(rel::user::id).all();
    CHECK(users.size() == 100);
    std::vector<std::vector<std::int64_t>> loaded;
    for (User& user : users) {
      std::vector<std::int64_t> ids;
      for (Post& post : user.posts) {
        CHECK(post.author.get() == &user);
        ids.push_back(post.id);
      }
      loaded.push_back(ids);
    }
    CHECK(db.statements() - before == 2);
    std::size_t comments = 0;
    for (User& user : users) {
      for (Post& post : user.posts) comments += post.comments.size();
    }
    CHECK(comments == 25 * (1 + 3 + 6));
    CHECK(db.statements() - before == 3);
    CHECK(reports.empty());  // batched loads are no N+1, even in raise mode

    for (std::size_t i = 0; i < users.size(); ++i) {
      User& user = users[i];
      CHECK(loaded[i] ==
            column(session, "SELECT id FROM posts WHERE author_id = $ ORDER BY id", user.id));
      for (Post& post : user.posts) {
        std::vector<std::int64_t> ids;
        for (Comment& comment : post.comments) ids.push_back(comment.id);
        CHECK(ids ==
              column(session, "SELECT id FROM comments WHERE post_id = $ ORDER BY id", post.id));
      }
    }
  }
}

TEST_CASE("batched lazy loading: a many-to-one reads the authors the session lacks at once") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    seed(db.engine(), 12);
    ormc::SessionOptions options;
    options.batch_lazy_loads = true;
    ormc::Session session(db.engine(), options);
    const auto before = db.statements();
    auto posts = session.query<Post>().order_by(rel::post::id).all();
    CHECK(posts.size() == 18);
    for (Post& post : posts) {
      User* author = post.author.get();
      REQUIRE(author != nullptr);
      CHECK(author->id == post.author_id);
    }
    CHECK(db.statements() - before == 2);
    // The 9 authors read together are siblings in turn: one's posts load all 9's.
    User* single = session.query<User>().where(rel::user::username == "user5").first();
    REQUIRE(single != nullptr);
    CHECK(db.statements() - before == 3);
    CHECK(single->posts.size() == 1);
    CHECK(db.statements() - before == 4);
    for (Post& post : posts) CHECK(post.author.get()->posts.loaded());
    CHECK(db.statements() - before == 4);
  }
}
