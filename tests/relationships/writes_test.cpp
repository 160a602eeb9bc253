// Relationship writes on every backend (tests/relationships/writes.orm): rows that name
// each other, inserted and deleted with a second UPDATE (post_update); deletes that leave
// related rows to the database's on_delete (passive deletes), and what a delete does
// without one; composite foreign keys, many-to-one and many-to-many, lazy and selectin.
// Each write is checked against the database with raw SQL in the session's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/expr.hpp"
#include "ormc/session.hpp"
#include "support/test_backends.hpp"
#include "writes.orm.hpp"

namespace {

using wr::Author;
using wr::Book;
using wr::Draft;
using wr::Forum;
using wr::Label;
using wr::Office;
using wr::Person;
using wr::Pin;
using wr::Playlist;
using wr::Region;
using wr::Thread;
using wr::Topic;
using wr::Track;
using wr::Watcher;

//! A database with the schema, and the SQL the engine runs, statement by statement.
struct Db {
  explicit Db(const ormc_test::Backend& backend) : database(backend) {
    wr::schema.create_all(database.engine());
    listener = engine().on_statement([this](const ormc::LogRecord& record) {
      if (recording) sql.emplace_back(record.sql);
    });
  }
  ~Db() { engine().remove_listener(listener); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ormc::Engine& engine() { return database.engine(); }
  [[nodiscard]] std::uint64_t statements() { return engine().stats().statements; }
  //! Starts recording the SQL run from now on.
  void record() {
    sql.clear();
    recording = true;
  }
  //! How many recorded statements start with `verb` and name `table`.
  [[nodiscard]] std::size_t count(std::string_view verb, std::string_view table) const {
    std::size_t n = 0;
    for (const std::string& text : sql) {
      if (text.starts_with(verb) &&
          (text.find("\"" + std::string(table) + "\"") != std::string::npos ||
           text.find(" " + std::string(table) + " ") != std::string::npos)) {
        ++n;
      }
    }
    return n;
  }

  ormc_test::TestDatabase database;
  ormc::ListenerId listener = 0;
  bool recording = false;
  std::vector<std::string> sql;
};

//! One integer the session's own transaction reads with `sql` ('$' placeholders).
std::int64_t scalar(ormc::Session& session, std::string_view sql, std::int64_t arg = 0) {
  ormc::Connection& conn = session.connection();
  ormc::Statement statement = conn.prepare(ormc_test::placeholders(conn.dialect(), sql));
  if (sql.find('$') != std::string_view::npos) statement.bind(1, arg);
  return statement.query().scalar<std::int64_t>();
}

//! Whether the column read by `sql` ('$' placeholder) is NULL.
bool is_null(ormc::Session& session, std::string_view sql, std::int64_t arg) {
  ormc::Connection& conn = session.connection();
  ormc::Statement statement = conn.prepare(ormc_test::placeholders(conn.dialect(), sql));
  statement.bind(1, arg);
  return !statement.query().scalar<std::optional<std::int64_t>>().has_value();
}

}  // namespace

// ---- post_update: rows that name each other ----

TEST_CASE("post_update: a new author and her new favorite book, one flush") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    Author& ada = session.add(Author{.name = "ada"});
    Book& book = session.add(Book{.title = "notes", .author = ada});
    ada.favorite_book = book;
    db.record();
    session.flush();
    // The author goes in without the key (it may be NULL), the book with hers, and one
    // UPDATE writes the author's key once the book has its id.
    CHECK(db.count("INSERT", "authors") == 1);
    CHECK(db.count("INSERT", "books") == 1);
    CHECK(db.count("UPDATE", "authors") == 1);
    CHECK(db.count("UPDATE", "books") == 0);
    CHECK(ada.favorite_book_id == book.id);
    CHECK(scalar(session, "SELECT favorite_book_id FROM authors WHERE id = $", ada.id) == book.id);
    CHECK(scalar(session, "SELECT author_id FROM books WHERE id = $", book.id) == ada.id);
    session.commit();
    CHECK(ada.favorite_book.get() == &book);
    CHECK(ada.books.contains(book));
  }
}

TEST_CASE("post_update: a held author takes a new book as favorite, one UPDATE") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    Author& ada = session.add(Author{.name = "ada"});
    Book& first = session.add(Book{.title = "first", .author = ada});
    ada.favorite_book = first;
    session.commit();
    Book& second = session.add(Book{.title = "second", .author = ada});
    ada.favorite_book = second;
    ada.name = "ada l.";
    db.record();
    session.flush();
    // The name goes with the first UPDATE, the new key (the old one kept till then) with
    // the second: never NULL in between.
    CHECK(db.count("UPDATE", "authors") == 2);
    for (const std::string& text : db.sql) CHECK(text.find("NULL") == std::string::npos);
    CHECK(scalar(session, "SELECT favorite_book_id FROM authors WHERE id = $", ada.id) ==
          second.id);
    session.commit();
  }
}

TEST_CASE("post_update: two new people partnered with each other") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    Person& ann = session.add(Person{.name = "ann"});
    Person& bob = session.add(Person{.name = "bob"});
    ann.partner = bob;
    bob.partner = ann;
    db.record();
    session.flush();
    CHECK(db.count("INSERT", "people") == 2);
    CHECK(db.count("UPDATE", "people") == 1);
    CHECK(scalar(session, "SELECT partner_id FROM people WHERE id = $", ann.id) == bob.id);
    CHECK(scalar(session, "SELECT partner_id FROM people WHERE id = $", bob.id) == ann.id);
    CHECK(ann.partner_of.contains(bob));
    CHECK(bob.partner_of.contains(ann));
    session.commit();
  }
}

TEST_CASE("a chain of new rows of one model: each INSERT has the key the previous returned") {
  // On PostgreSQL the INSERTs of one batch are pipelined with RETURNING: a row that needs
  // the key of an earlier row of the same flush must be in a later batch. The flush writes
  // the chain in rounds (each round the rows whose targets are in), one batch each.
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    std::vector<Person*> chain;
    for (int i = 0; i < 12; ++i) {
      Person& person = session.add(Person{.name = "p" + std::to_string(i)});
      if (!chain.empty()) person.partner = *chain.back();
      chain.push_back(&person);
    }
    // And a cycle closing the chain: the first names the last (post_update).
    chain.front()->partner = *chain.back();
    session.flush();
    for (std::size_t i = 0; i < chain.size(); ++i) {
      const Person& named = i == 0 ? *chain.back() : *chain[i - 1];
      CHECK(scalar(session, "SELECT partner_id FROM people WHERE id = $", chain[i]->id) ==
            named.id);
    }
    CHECK(scalar(session, "SELECT count(DISTINCT partner_id) FROM people") == 12);
    session.commit();
  }
}

TEST_CASE("a cycle whose keys are all NOT NULL is refused, naming the fix") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    wr::Hen& hen = session.add(wr::Hen{});
    wr::Egg& egg = session.add(wr::Egg{.hen = hen});
    hen.egg = egg;
    CHECK_THROWS_WITH_AS(session.flush(), doctest::Contains("depend on each other"),
                         ormc::InvalidRequestError);
    session.rollback();
    CHECK(scalar(session, "SELECT count(*) FROM hens") == 0);
  }
}

TEST_CASE("deleting rows that name each other: their keys go NULL before the DELETEs") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    Author& ada = session.add(Author{.name = "ada"});
    Book& book = session.add(Book{.title = "notes", .author = ada});
    ada.favorite_book = book;
    Person& ann = session.add(Person{.name = "ann"});
    Person& bob = session.add(Person{.name = "bob"});
    ann.partner = bob;
    bob.partner = ann;
    session.commit();
    const std::int64_t ada_id = ada.id;

    session.remove(book);
    session.remove(ada);
    session.remove(ann);
    session.remove(bob);
    db.record();
    session.flush();
    CHECK(db.count("UPDATE", "authors") == 1);  // favorite_book_id = NULL, then the DELETEs
    CHECK(db.count("DELETE", "books") == 1);
    CHECK(db.count("DELETE", "authors") == 1);
    CHECK(scalar(session, "SELECT count(*) FROM authors WHERE id = $", ada_id) == 0);
    CHECK(scalar(session, "SELECT count(*) FROM books") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM people") == 0);
    session.commit();
  }
}

TEST_CASE("post_update takes part in savepoints: rolled back, nothing is left") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    ormc::Session session(db.engine());
    Author& kept = session.add(Author{.name = "kept"});
    Book& kept_book = session.add(Book{.title = "kept", .author = kept});
    kept.favorite_book = kept_book;
    session.commit();
    {
      ormc::SessionSavepoint savepoint = session.begin_nested();
      Author& ada = session.add(Author{.name = "ada"});
      Book& book = session.add(Book{.title = "notes", .author = ada});
      ada.favorite_book = book;
      session.remove(kept_book);
      session.remove(kept);
      session.flush();
      CHECK(scalar(session, "SELECT count(*) FROM authors") == 1);
      CHECK(scalar(session, "SELECT favorite_book_id FROM authors WHERE id = $", ada.id) ==
            book.id);
      savepoint.rollback();
      CHECK(session.state(ada) == ormc::ObjectState::transient);
    }
    CHECK(session.state(kept) == ormc::ObjectState::persistent);
    CHECK(kept.favorite_book.get() == &kept_book);
    CHECK(scalar(session, "SELECT count(*) FROM authors") == 1);
    CHECK(scalar(session, "SELECT favorite_book_id FROM authors WHERE id = $", kept.id) ==
          kept_book.id);
    session.commit();
    CHECK(scalar(session, "SELECT count(*) FROM books") == 1);
  }
}

// ---- Passive deletes: the database's on_delete ----

namespace {

//! A forum with 3 threads, 2 watchers, 2 drafts and 2 topics, committed; returns its id.
std::int64_t fill_forum(ormc::Engine& engine, bool with_pin = false) {
  ormc::Session writer(engine);
  Forum& forum = writer.add(Forum{.name = "general"});
  for (int i = 0; i < 3; ++i) writer.add(Thread{.title = "t", .forum = forum});
  for (int i = 0; i < 2; ++i) writer.add(Watcher{.name = "w", .forum = forum});
  for (int i = 0; i < 2; ++i) writer.add(Draft{.body = "d", .forum = forum});
  for (int i = 0; i < 2; ++i) forum.tags.push_back(writer.add(Topic{.name = "x"}));
  if (with_pin) writer.add(Pin{.note = "read me", .forum = forum});
  writer.commit();
  return forum.id;
}

}  // namespace

TEST_CASE("passive deletes: unloaded children are left to on_delete, not read") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    const std::int64_t forum_id = fill_forum(db.engine());
    ormc::Session session(db.engine());
    Forum* forum = session.get<Forum>(forum_id);
    REQUIRE(forum != nullptr);
    db.record();
    session.remove(*forum);
    session.flush();
    // threads (on_delete cascade), watchers (set_null) and the topic rows (cascade) are
    // not read; drafts and pins (no action) are, to set or check their keys.
    CHECK(db.count("SELECT", "threads") == 0);
    CHECK(db.count("SELECT", "watchers") == 0);
    CHECK(db.count("SELECT", "topics") == 0);
    CHECK(db.count("SELECT", "drafts") == 1);
    CHECK(db.count("SELECT", "pins") == 1);
    CHECK(db.count("DELETE", "threads") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM forums") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM threads") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM watchers WHERE forum_id IS NULL") == 2);
    CHECK(scalar(session, "SELECT count(*) FROM drafts WHERE forum_id IS NULL") == 2);
    CHECK(scalar(session, "SELECT count(*) FROM \"ForumTopic\"") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM topics") == 2);
    session.commit();
  }
}

TEST_CASE("passive deletes: loaded children are deleted or get NULL keys in memory") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    const std::int64_t forum_id = fill_forum(db.engine());
    ormc::Session session(db.engine());
    Forum* forum = session.get<Forum>(forum_id);
    REQUIRE(forum != nullptr);
    REQUIRE(forum->threads.size() == 3);
    REQUIRE(forum->watchers.size() == 2);
    Thread& thread = forum->threads[0];
    Watcher& watcher = forum->watchers[0];
    session.remove(*forum);
    CHECK(session.state(thread) == ormc::ObjectState::deleted);
    CHECK_FALSE(watcher.forum_id.has_value());  // NULL at once, as the database will set it
    CHECK(watcher.forum.get() == nullptr);
    session.flush();
    CHECK(scalar(session, "SELECT count(*) FROM threads") == 0);
    CHECK(scalar(session, "SELECT count(*) FROM watchers WHERE forum_id IS NULL") == 2);
    session.commit();
    CHECK(session.state(thread) == ormc::ObjectState::detached);
    CHECK(session.state(watcher) == ormc::ObjectState::persistent);
  }
}

TEST_CASE("passive deletes take part in savepoints") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    const std::int64_t forum_id = fill_forum(db.engine());
    ormc::Session session(db.engine());
    Forum* forum = session.get<Forum>(forum_id);
    REQUIRE(forum != nullptr);
    {
      ormc::SessionSavepoint savepoint = session.begin_nested();
      session.remove(*forum);
      session.flush();
      CHECK(scalar(session, "SELECT count(*) FROM threads") == 0);
      CHECK(scalar(session, "SELECT count(*) FROM watchers WHERE forum_id IS NULL") == 2);
      savepoint.rollback();
    }
    CHECK(session.state(*forum) == ormc::ObjectState::persistent);
    CHECK(scalar(session, "SELECT count(*) FROM threads") == 3);
    CHECK(scalar(session, "SELECT count(*) FROM watchers WHERE forum_id = $", forum_id) == 2);
    CHECK(forum->threads.size() == 3);
    CHECK(forum->tags.size() == 2);
    session.commit();
  }
}

TEST_CASE("without cascade: NOT NULL children refuse the delete, loaded or not") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    const std::int64_t forum_id = fill_forum(db.engine(), true);
    for (const bool load : {false, true}) {
      CAPTURE(load);
      ormc::Session session(db.engine());
      Forum* forum = session.get<Forum>(forum_id);
      REQUIRE(forum != nullptr);
      if (load) REQUIRE(forum->pins.size() == 1);
      session.remove(*forum);
      CHECK_THROWS_AS(session.flush(), ormc::IntegrityError);
      session.rollback();
      CHECK(scalar(session, "SELECT count(*) FROM forums") == 1);
      CHECK(scalar(session, "SELECT count(*) FROM pins WHERE forum_id = $", forum_id) == 1);
      CHECK(scalar(session, "SELECT count(*) FROM threads") == 3);
      CHECK(scalar(session, "SELECT count(*) FROM drafts WHERE forum_id = $", forum_id) == 2);
    }
  }
}

TEST_CASE("without cascade: nullable children get NULL keys, loaded or not") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    const std::int64_t forum_id = fill_forum(db.engine());
    ormc::Session session(db.engine());
    Forum* forum = session.get<Forum>(forum_id);
    REQUIRE(forum != nullptr);
    Draft& loaded = forum->drafts[0];
    session.remove(*forum);
    CHECK_FALSE(loaded.forum_id.has_value());
    session.commit();
    CHECK(scalar(session, "SELECT count(*) FROM drafts WHERE forum_id IS NULL") == 2);
    CHECK(is_null(session, "SELECT forum_id FROM drafts WHERE id = $", loaded.id));
  }
}

// ---- Composite foreign keys ----

TEST_CASE("composite foreign key: a many-to-one writes both columns, lazy loads by both") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    std::int64_t office_id = 0;
    {
      ormc::Session session(db.engine());
      Region& fr = session.add(Region{.country = "fr", .code = "idf", .name = "Paris"});
      session.add(Region{.country = "fr", .code = "occ", .name = "Toulouse"});
      Office& office = session.add(Office{.name = "hq", .region = fr});
      CHECK(fr.offices.contains(office));
      session.flush();
      office_id = office.id;
      CHECK(office.region_country == "fr");
      CHECK(office.region_code == "idf");
      CHECK(scalar(session,
                   "SELECT count(*) FROM offices WHERE region_country = 'fr' AND region_code = "
                   "'idf' AND id = $",
                   office_id) == 1);
      session.commit();
    }
    ormc::Session session(db.engine());
    Office* office = session.get<Office>(office_id);
    REQUIRE(office != nullptr);
    const auto before = db.statements();
    Region* region = office->region.get();
    REQUIRE(region != nullptr);
    CHECK(region->name == "Paris");
    CHECK(db.statements() - before == 1);
    CHECK(region->offices.size() == 1);
    CHECK(db.statements() - before == 2);
    // Moving the office writes both columns again.
    Region* occ = session.get<Region>(std::string("fr"), std::string("occ"));
    REQUIRE(occ != nullptr);
    office->region = *occ;
    session.flush();
    CHECK(scalar(session, "SELECT count(*) FROM offices WHERE region_code = 'occ'") == 1);
    office->region = nullptr;
    session.commit();
    CHECK(scalar(session,
                 "SELECT count(*) FROM offices WHERE region_country IS NULL AND "
                 "region_code IS NULL") == 1);
  }
}

TEST_CASE("composite keys by selectin: row values (a, b) IN ((?, ?), ...), 500 per statement") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    constexpr int regions = 600;  // two statements of row values
    {
      ormc::Session writer(db.engine());
      for (int i = 0; i < regions; ++i) {
        Region& region = writer.add(
            Region{.country = i % 2 == 0 ? "fr" : "de", .code = std::to_string(i), .name = "r"});
        writer.add(Office{.name = "o" + std::to_string(i), .region = region});
        if (i % 3 == 0) writer.add(Office{.name = "extra", .region = region});
      }
      writer.commit();
    }
    ormc::Session session(db.engine());
    db.record();
    const auto before = db.statements();
    auto loaded = session.query<Region>().load(ormc::selectin(wr::region::offices)).all();
    REQUIRE(loaded.size() == regions);
    CHECK(db.statements() - before == 3);  // the regions, then 600 keys in 2 statements
    CHECK(db.count("SELECT", "offices") == 2);
    bool row_values = false;
    for (const std::string& text : db.sql) {
      if (text.find("offices") != std::string::npos && text.find(") IN ((") != std::string::npos)
        row_values = true;
    }
    CHECK(row_values);
    std::size_t offices = 0;
    for (Region& region : loaded) {
      offices += region.offices.size();
      for (Office& office : region.offices) CHECK(office.region_code == region.code);
    }
    CHECK(offices == regions + regions / 3);
    CHECK(db.statements() - before == 3);  // read again for free

    // The other way: the offices' regions, all held already: no statement.
    auto all_offices = session.query<Office>().load(ormc::selectin(wr::office::region)).all();
    CHECK(db.statements() - before == 4);
    for (Office& office : all_offices) CHECK(office.region.get() != nullptr);
    CHECK(db.statements() - before == 4);
  }
}

TEST_CASE("many-to-many through an association with a composite key (Chinook's PlaylistTrack)") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    std::int32_t rock_id = 0;
    {
      ormc::Session session(db.engine());
      Playlist& rock = session.add(Playlist{.Name = "rock"});
      Playlist& jazz = session.add(Playlist{.Name = "jazz"});
      Track& one = session.add(Track{.Name = "one"});
      Track& two = session.add(Track{.Name = "two"});
      rock.tracks.push_back(one);
      rock.tracks.push_back(two);
      jazz.tracks.push_back(two);
      CHECK(two.playlists.contains(jazz));
      session.flush();
      rock_id = rock.PlaylistId;
      CHECK(scalar(session, "SELECT count(*) FROM \"PlaylistTrack\"") == 3);
      CHECK(scalar(session, "SELECT count(*) FROM \"PlaylistTrack\" WHERE \"PlaylistId\" = $",
                   rock.PlaylistId) == 2);
      rock.tracks.erase(one);
      session.commit();
      CHECK(scalar(session, "SELECT count(*) FROM \"PlaylistTrack\"") == 2);
      CHECK(scalar(session, "SELECT \"TrackId\" FROM \"PlaylistTrack\" WHERE \"PlaylistId\" = $",
                   rock.PlaylistId) == two.TrackId);
    }
    ormc::Session session(db.engine());
    // Lazy, then selectin from the other side.
    Playlist* rock = session.get<Playlist>(rock_id);
    REQUIRE(rock != nullptr);
    REQUIRE(rock->tracks.size() == 1);
    CHECK(rock->tracks[0].Name == "two");
    const auto before = db.statements();
    auto tracks = session.query<Track>().load(ormc::selectin(wr::track::playlists)).all();
    CHECK(db.statements() - before == 2);
    for (Track& track : tracks) CHECK(track.playlists.size() == (track.Name == "two" ? 2U : 0U));
    CHECK(db.statements() - before == 2);
  }
}

TEST_CASE("many-to-many whose association names one side by a composite foreign key") {
  FOR_EACH_BACKEND(backend) {
    Db db(backend);
    {
      ormc::Session session(db.engine());
      Region& idf = session.add(Region{.country = "fr", .code = "idf", .name = "Paris"});
      Region& bay = session.add(Region{.country = "de", .code = "by", .name = "Munich"});
      Label& big = session.add(Label{.text = "big"});
      Label& old = session.add(Label{.text = "old"});
      idf.labels.push_back(big);
      idf.labels.push_back(old);
      bay.labels.push_back(big);
      session.flush();
      CHECK(scalar(session,
                   "SELECT count(*) FROM \"RegionLabel\" WHERE country = 'fr' AND "
                   "code = 'idf'") == 2);
      idf.labels.erase(big);
      session.commit();
      CHECK(scalar(session, "SELECT count(*) FROM \"RegionLabel\"") == 2);
      CHECK(scalar(session, "SELECT label_id FROM \"RegionLabel\" WHERE code = 'idf'") == old.id);
    }
    ormc::Session session(db.engine());
    const auto before = db.statements();
    auto regions = session.query<Region>().load(ormc::selectin(wr::region::labels)).all();
    CHECK(db.statements() - before == 2);
    for (Region& region : regions) {
      REQUIRE(region.labels.size() == 1);
      CHECK(region.labels[0].text == (region.code == "idf" ? "old" : "big"));
    }
    auto labels = session.query<Label>().load(ormc::selectin(wr::label::regions)).all();
    CHECK(db.statements() - before == 4);
    for (Label& label : labels) CHECK(label.regions.size() == 1);
    // Lazy, in a fresh session.
    ormc::Session other(db.engine());
    Region* bay = other.get<Region>(std::string("de"), std::string("by"));
    REQUIRE(bay != nullptr);
    REQUIRE(bay->labels.size() == 1);
    CHECK(bay->labels[0].text == "big");
  }
}
