// The blog demo: creates the blog schema on SQLite, fills it through a Session, and runs
// the SQLAlchemy guides' queries (filters, LIKE, IN, BETWEEN, ordering, pagination,
// counts, grouped aggregates, raw SQL), printing what each returns.
//
//   blog_demo [DATABASE_URL]        default: sqlite:///blog_demo.db (recreated every run)
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "blog.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"

namespace {

using blog::Comment;
using blog::Post;
using blog::Role;
using blog::Tag;
using blog::User;
namespace user = blog::user;
namespace post = blog::post;

void heading(const std::string& text) { std::cout << "\n== " << text << "\n"; }

void print_user(const User& u) {
  std::cout << "  #" << u.id << " " << u.username << " <" << u.email << ">"
            << "  age " << (u.age ? std::to_string(*u.age) : std::string("-")) << "  "
            << blog::to_string(u.role) << "  balance " << u.balance.str() << "\n";
}

void seed(ormc::Session& session) {
  struct Person {
    const char* name;
    int age;
    Role role;
    const char* balance;
  };
  const std::vector<Person> people = {
      {"alice", 31, Role::admin, "120.50"}, {"bob", 25, Role::editor, "15.00"},
      {"carol", 42, Role::reader, "0"},     {"dave", 19, Role::reader, "7.25"},
      {"erin", 35, Role::editor, "300.00"}, {"anna", 28, Role::reader, "42.00"},
  };
  std::vector<User*> users;
  for (const Person& p : people) {
    users.push_back(&session.add(User{.username = p.name,
                                      .email = std::string(p.name) + "@example.com",
                                      .age = p.age,
                                      .role = p.role,
                                      .balance = ormc::Decimal(p.balance)}));
  }

  // Relations instead of foreign keys: the flush writes users first, then their posts with
  // the new ids, then comments, then the post_tags rows.
  const std::vector<std::pair<std::size_t, const char*>> titles = {
      {0, "SQLAlchemy Tips"}, {0, "Sessions explained"},    {1, "Editing guide"},
      {4, "Async SQL"},       {4, "Pagination done right"}, {5, "A first post"},
  };
  std::vector<Post*> posts;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    posts.push_back(&session.add(Post{.title = titles[i].second,
                                      .content = "...",
                                      .published = i % 2 == 0,
                                      .views = static_cast<std::int32_t>(10 * (i + 1)),
                                      .author = *users[titles[i].first]}));
  }
  session.add(Comment{.body = "Great!", .post = *posts[0], .author = *users[1]});
  session.add(Comment{.body = "Thanks", .post = *posts[0], .author = *users[2]});
  session.add(Comment{.body = "Anonymous", .post = *posts[3]});
  Tag& python = session.add(Tag{.name = "python"});
  Tag& sql = session.add(Tag{.name = "sql"});
  posts[0]->tags.push_back(python);
  posts[0]->tags.push_back(sql);
  sql.posts.push_back(*posts[3]);  // either side of a many-to-many
  session.commit();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string url = argc > 1 ? argv[1] : "sqlite:///blog_demo.db";
    auto engine = ormc::Engine::connect(url);
    blog::schema.drop_all(engine);
    blog::schema.create_all(engine);
    std::cout << "Created the blog schema on " << url << "\n";

    ormc::Session session(engine);
    seed(session);
    std::cout << "Inserted " << session.query<User>().count() << " users, "
              << session.query<Post>().count() << " posts, " << session.query<Comment>().count()
              << " comments, " << session.query<Tag>().count() << " tags\n";

    heading("users older than 25, oldest first");
    for (User& u : session.query<User>().where(user::age > 25).order_by(user::age.desc()).all()) {
      print_user(u);
    }

    heading("usernames LIKE 'a%'");
    for (User& u : session.query<User>().where(user::username.like("a%")).all()) print_user(u);

    heading("role IN (admin, editor)");
    for (User& u : session.query<User>().where(user::role.in_({Role::admin, Role::editor})).all()) {
      print_user(u);
    }

    heading("age BETWEEN 20 AND 30");
    for (User& u : session.query<User>().where(user::age.between(20, 30)).all()) print_user(u);

    heading("page 2 of users by name, 2 per page");
    for (User& u : session.query<User>().order_by(user::username).limit(2).offset(2).all()) {
      print_user(u);
    }

    heading("a runtime-composed filter: active readers with a balance");
    ormc::Condition<User> filter = user::is_active == true;
    filter = filter && (user::role == Role::reader);
    filter = filter && (user::balance > ormc::Decimal("0"));
    for (User& u : session.query<User>().where(filter).all()) print_user(u);

    heading("identity map: get() of a loaded key does no query");
    User& alice = session.query<User>().where(user::username == "alice").one();
    auto before = engine.stats().statements;
    User* again = session.get<User>(alice.id);
    std::cout << "  same object: " << (again == &alice ? "yes" : "no")
              << ", statements issued: " << engine.stats().statements - before << "\n";

    heading("dirty tracking: change one column, commit");
    alice.age = 32;
    session.commit();
    std::cout << "  alice is now " << *session.get<User>(alice.id)->age << "\n";

    heading("relations: each user's posts in one more statement (selectin), tags lazily");
    for (User& u : session.query<User>()
                       .order_by(user::username)
                       .load(ormc::selectin(blog::user::posts))
                       .all()) {
      if (u.posts.empty()) continue;
      std::cout << "  " << u.username << ":";
      for (Post& p : u.posts) {
        std::cout << " \"" << p.title << "\"";
        for (Tag& t : p.tags) std::cout << " #" << t.name;
      }
      std::cout << "\n";
    }
    Post& tips = session.query<Post>().where(post::title == "SQLAlchemy Tips").one();
    std::cout << "  \"" << tips.title << "\" by " << tips.author->username << ", "
              << tips.comments.size() << " comments\n";

    ormc::Connection& conn = session.connection();
    heading("users per role, with their average age (GROUP BY)");
    auto per_role = ormc::select(user::role, ormc::count(user::id), ormc::avg(user::age))
                        .group_by(user::role)
                        .order_by(user::role)
                        .all(conn);
    for (const auto& [role, count, average] : per_role) {
      std::printf("  %-7s %lld users, average age %.1f\n",
                  std::string(blog::to_string(role)).c_str(), static_cast<long long>(count),
                  average.value_or(0.0));
    }

    heading("published posts and their views (Core select of columns)");
    auto published = ormc::select(post::title, post::views)
                         .where(post::published == true)
                         .order_by(post::views.desc())
                         .all(conn);
    for (const auto& [title, views] : published)
      std::cout << "  " << title << " (" << views << ")\n";

    heading("raw SQL with named binds: posts per author with at least :min posts");
    auto rows = conn.query<std::tuple<std::string, std::int64_t>>(
        "SELECT u.username, count(p.id) FROM users u JOIN posts p ON p.author_id = u.id "
        "GROUP BY u.username HAVING count(p.id) >= :min ORDER BY u.username",
        {{"min", std::int64_t{2}}});
    for (const auto& [name, posts] : rows) std::cout << "  " << name << ": " << posts << " posts\n";

    session.commit();
    std::cout << "\nDone.\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "blog_demo: " << error.what() << "\n";
    return 1;
  }
}
