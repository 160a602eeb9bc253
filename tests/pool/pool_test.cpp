// The pool's semantics on SQLite file databases: QueuePool limits, TimeoutError, recycle,
// pre-ping, reset on return, broken and invalidated connections, NullPool, the :memory: singleton,
// URL options, events and counters.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "pool_support.hpp"

using namespace std::chrono_literals;
using pool_test::fresh_url;

namespace {

struct Recorded {
  ormc::PoolEventKind kind;
  std::uint64_t id;
  std::string reason;
};

// Records the engine's pool events (single-threaded tests).
struct EventLog {
  std::vector<Recorded> events;
  void attach(ormc::Engine& engine) {
    engine.on_pool_event([this](const ormc::PoolEvent& e) {
      events.push_back({e.kind, e.connection_id, std::string(e.reason)});
    });
  }
  [[nodiscard]] std::size_t count(ormc::PoolEventKind kind, std::string_view reason = {}) const {
    std::size_t n = 0;
    for (const auto& e : events) {
      if (e.kind == kind && (reason.empty() || e.reason == reason)) ++n;
    }
    return n;
  }
};

std::int64_t count_rows(ormc::Connection& conn) {
  return conn.prepare("SELECT count(*) FROM t").query().scalar<std::int64_t>();
}

}  // namespace

TEST_CASE("a file database gets a QueuePool by default, :memory: the singleton") {
  auto file = ormc::Engine::connect(fresh_url());
  const auto stats = file.stats().pool;
  CHECK(stats.pool_class == ormc::PoolClass::queue);
  CHECK(stats.size == 5);
  CHECK(stats.open == 1);  // the connection Engine::connect checked the database with
  CHECK(stats.idle == 1);
  CHECK(stats.checked_out == 0);

  auto memory = ormc::Engine::connect("sqlite://:memory:");
  CHECK(memory.stats().pool.pool_class == ormc::PoolClass::singleton);
  {
    auto conn = memory.connect();
    CHECK(memory.stats().pool.checked_out == 1);
  }
  CHECK(memory.stats().pool.checked_out == 0);
}

TEST_CASE("connections are reused: one handle with its statement cache") {
  auto engine = ormc::Engine::connect(fresh_url());
  const void* first = nullptr;
  {
    auto conn = engine.connect();
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    CHECK(count_rows(conn) == 0);
    first = pool_test::driver_of(conn);
  }
  engine.reset_stats();
  for (int i = 0; i < 10; ++i) {
    auto conn = engine.connect();
    CHECK(pool_test::driver_of(conn) == first);
    CHECK(count_rows(conn) == 0);
  }
  const auto stats = engine.stats();
  CHECK(stats.connections_opened == 0);
  CHECK(stats.prepares == 0);  // every SELECT came from the pooled handle's cache
  CHECK(stats.cache_hits == 10);
  CHECK(stats.pool.checkouts == 10);
}

TEST_CASE("pool_size + max_overflow bound the connections, overflow ones close on return") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=2&max_overflow=1&pool_timeout=0.05"));
  EventLog log;
  log.attach(engine);
  std::vector<ormc::Connection> held;
  for (int i = 0; i < 3; ++i) held.push_back(engine.connect());
  auto stats = engine.stats().pool;
  CHECK(stats.open == 3);
  CHECK(stats.checked_out == 3);
  CHECK(stats.overflow == 1);
  CHECK(stats.idle == 0);

  const auto started = std::chrono::steady_clock::now();
  std::string message;
  try {
    (void)engine.connect();
    FAIL("a fourth connection was handed out");
  } catch (const ormc::TimeoutError& e) {
    message = e.what();
  }
  CHECK(std::chrono::steady_clock::now() - started >= 50ms);
  INFO(message);
  CHECK(message.find("QueuePool limit of size 2 overflow 1 reached") != std::string::npos);
  CHECK(message.find("pool_timeout 0.050 s") != std::string::npos);
  CHECK(message.find("size 2, checked out 3, overflow 1/1, idle 0, waiting 1") !=
        std::string::npos);
  stats = engine.stats().pool;
  CHECK(stats.timeouts == 1);
  CHECK(stats.waits == 1);
  CHECK(stats.waiting == 0);

  held.clear();
  stats = engine.stats().pool;
  CHECK(stats.open == 2);  // pool_size kept; the overflow connection was closed
  CHECK(stats.idle == 2);
  CHECK(stats.checked_out == 0);
  CHECK(stats.overflow == 0);
  CHECK(log.count(ormc::PoolEventKind::close, "overflow") == 1);
  CHECK(log.count(ormc::PoolEventKind::checkin) == 3);
}

TEST_CASE("TimeoutError is an Error, not a DatabaseError") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=1&max_overflow=0&pool_timeout=0"));
  auto held = engine.connect();
  CHECK_THROWS_AS((void)engine.connect(), ormc::TimeoutError);
  bool database_error = false;
  try {
    (void)engine.connect();
  } catch (const ormc::DatabaseError&) {
    database_error = true;
  } catch (const ormc::Error&) {
  }
  CHECK_FALSE(database_error);
  CHECK(engine.stats().pool.timeouts == 2);
}

TEST_CASE("a waiting checkout gets the connection another thread returns") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=1&max_overflow=0&pool_timeout=10"));
  auto held = std::make_optional(engine.connect());
  const void* handle = pool_test::driver_of(*held);
  std::atomic<bool> done{false};
  const void* got = nullptr;
  std::thread other([&] {
    auto conn = engine.connect();
    got = pool_test::driver_of(conn);
    done = true;
  });
  while (engine.stats().pool.waiting == 0) std::this_thread::sleep_for(1ms);
  CHECK_FALSE(done.load());
  held.reset();
  other.join();
  CHECK(done.load());
  CHECK(got == handle);
  const auto stats = engine.stats().pool;
  CHECK(stats.waits == 1);
  CHECK(stats.timeouts == 0);
  CHECK(stats.open == 1);
}

TEST_CASE("pool_recycle replaces connections older than it at checkout") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=1&pool_recycle=0.2"));
  EventLog log;
  log.attach(engine);
  engine.reset_stats();
  { auto conn = engine.connect(); }  // young enough: reused
  CHECK(engine.stats().connections_opened == 0);
  std::this_thread::sleep_for(300ms);
  {
    auto conn = engine.connect();
    conn.execute("SELECT 1");
  }
  const auto stats = engine.stats();
  CHECK(stats.connections_opened == 1);
  CHECK(stats.pool.recycled == 1);
  CHECK(stats.pool.open == 1);
  CHECK(log.count(ormc::PoolEventKind::close, "recycled") == 1);
  CHECK(log.count(ormc::PoolEventKind::connect) == 1);
}

TEST_CASE("pre_ping replaces a dead connection transparently") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=1&pool_pre_ping=true"));
  EventLog log;
  log.attach(engine);
  {
    auto conn = engine.connect();
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    conn.execute("INSERT INTO t VALUES (1)");
    pool_test::simulate_disconnect(conn);  // dies while idle in the pool, unnoticed
  }
  CHECK(engine.stats().pool.idle == 1);
  engine.reset_stats();
  {
    auto conn = engine.connect();  // the ping fails; a new connection is opened
    CHECK(count_rows(conn) == 1);
  }
  const auto stats = engine.stats();
  CHECK(stats.pool.ping_failures == 1);
  CHECK(stats.connections_opened == 1);
  CHECK(stats.pool.open == 1);
  CHECK(log.count(ormc::PoolEventKind::close, "ping failed") == 1);
}

TEST_CASE("a connection that broke in use is never handed out again") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=1"));  // no pre-ping
  {
    auto conn = engine.connect();
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  }
  EventLog log;
  log.attach(engine);
  const void* dead = nullptr;
  {
    auto conn = engine.connect();
    dead = pool_test::driver_of(conn);
    pool_test::simulate_disconnect(conn);
    CHECK_THROWS_AS(conn.execute("INSERT INTO t VALUES (1)"), ormc::OperationalError);
  }
  CHECK(engine.stats().pool.invalidated == 1);
  CHECK(engine.stats().pool.open == 0);
  CHECK(log.count(ormc::PoolEventKind::close, "broken") == 1);
  auto conn = engine.connect();
  CHECK(count_rows(conn) == 0);
  CHECK(engine.stats().pool.open == 1);
  (void)dead;
}

TEST_CASE("invalidate() closes a connection instead of returning it, without a ROLLBACK") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=2"));
  {
    auto conn = engine.connect();
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  }
  EventLog log;
  log.attach(engine);
  engine.reset_stats();
  std::vector<std::string> sql;
  engine.on_statement([&](const ormc::LogRecord& record) { sql.emplace_back(record.sql); });
  {
    auto conn = engine.connect();
    conn.begin();
    conn.execute("INSERT INTO t VALUES (1)");
    conn.invalidate();  // a live connection: closing it (not a ROLLBACK) ends its transaction
    CHECK(conn.closed());
    CHECK_THROWS_AS(conn.execute("SELECT 1"), ormc::InvalidRequestError);
    conn.invalidate();  // again: nothing
  }
  CHECK(std::find(sql.begin(), sql.end(), "ROLLBACK") == sql.end());
  CHECK(log.count(ormc::PoolEventKind::close, "invalidated") == 1);
  CHECK(log.count(ormc::PoolEventKind::checkin) == 1);
  ormc::PoolStats pool = engine.stats().pool;
  CHECK(pool.invalidated == 1);
  CHECK(pool.open == 0);
  CHECK(pool.checked_out == 0);
  {
    auto conn = engine.connect();  // a new connection, which never saw the insert
    CHECK(count_rows(conn) == 0);
  }
  pool = engine.stats().pool;
  CHECK(pool.open == 1);
  CHECK(pool.idle == 1);
  CHECK(engine.stats().connections_opened == 1);

  // A lost connection invalidated: reported as broken, as when it is simply returned.
  {
    auto conn = engine.connect();
    pool_test::simulate_disconnect(conn);
    CHECK_THROWS_AS(conn.execute("SELECT 1"), ormc::OperationalError);
    conn.invalidate();
  }
  CHECK(log.count(ormc::PoolEventKind::close, "broken") == 1);
  CHECK(engine.stats().pool.invalidated == 2);
  CHECK(engine.stats().pool.open == 0);
}

TEST_CASE("reset on return rolls back what a connection left open") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=1"));
  {
    auto conn = engine.connect();
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  }
  {
    auto conn = engine.connect();
    conn.execute("BEGIN");  // by hand: the Connection does not own it, the pool resets it
    conn.execute("INSERT INTO t VALUES (1)");
    CHECK(conn.in_transaction());
  }
  {
    auto conn = engine.connect();
    CHECK_FALSE(conn.in_transaction());
    CHECK(count_rows(conn) == 0);
    conn.begin(ormc::TransactionOptions{.read_only = true});
    (void)count_rows(conn);
    conn.execute("COMMIT");  // by hand: PRAGMA query_only stays on until the reset
  }
  {
    auto conn = engine.connect();
    conn.execute("INSERT INTO t VALUES (2)");  // writable again
    CHECK(count_rows(conn) == 1);
  }
  CHECK(engine.stats().pool.open == 1);
}

TEST_CASE("dispose closes idle connections now and checked-out ones when they return") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=3"));
  EventLog log;
  log.attach(engine);
  std::optional<ormc::Connection> kept(engine.connect());
  {
    auto a = engine.connect();
    auto b = engine.connect();
  }
  CHECK(engine.stats().pool.open == 3);
  CHECK(engine.stats().pool.idle == 2);
  engine.dispose();
  auto stats = engine.stats().pool;
  CHECK(stats.open == 1);  // the one still checked out
  CHECK(stats.idle == 0);
  CHECK(log.count(ormc::PoolEventKind::close, "disposed") == 2);
  kept->execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");  // still works while held
  kept.reset();
  CHECK(log.count(ormc::PoolEventKind::close, "disposed") == 3);
  stats = engine.stats().pool;
  CHECK(stats.open == 0);
  CHECK(stats.checked_out == 0);
  const std::size_t connects = log.count(ormc::PoolEventKind::connect);
  {
    auto fresh = engine.connect();  // a new connection, of the same database
    CHECK(log.count(ormc::PoolEventKind::connect) == connects + 1);
    CHECK(count_rows(fresh) == 0);
  }
  CHECK(engine.stats().pool.idle == 1);  // connections opened after dispose() are pooled

  // :memory: keeps its one connection: it is the database.
  auto memory = ormc::Engine::connect("sqlite://:memory:");
  memory.connect().execute("CREATE TABLE kept (id INTEGER)");
  memory.dispose();
  CHECK_NOTHROW(memory.connect().execute("INSERT INTO kept VALUES (1)"));
}

TEST_CASE("NullPool opens a connection per checkout and closes it on return") {
  auto engine = ormc::Engine::connect(fresh_url("poolclass=null"));
  EventLog log;
  log.attach(engine);
  engine.reset_stats();
  CHECK(engine.stats().pool.pool_class == ormc::PoolClass::null);
  CHECK(engine.stats().pool.open == 0);
  {
    auto a = engine.connect();
    auto b = engine.connect();
    CHECK(engine.stats().pool.open == 2);
    CHECK(engine.stats().pool.checked_out == 2);
  }
  const auto stats = engine.stats();
  CHECK(stats.connections_opened == 2);
  CHECK(stats.pool.open == 0);
  CHECK(stats.pool.idle == 0);
  CHECK(stats.pool.overflow == 0);
  CHECK(log.count(ormc::PoolEventKind::close, "null pool") == 2);
}

TEST_CASE("a connection that cannot be opened gives its slot back") {
  const auto dir = std::filesystem::path(pool_test::scratch_directory()) / "gone";
  std::filesystem::create_directories(dir);
  auto engine = ormc::Engine::connect("sqlite:///" + (dir / "x.db").string() +
                                      "?pool_size=1&max_overflow=1&pool_timeout=0");
  auto held = engine.connect();
  std::filesystem::remove_all(dir);
  CHECK_THROWS_AS((void)engine.connect(), ormc::OperationalError);
  const auto stats = engine.stats().pool;
  CHECK(stats.open == 1);
  CHECK(stats.checked_out == 1);
}

TEST_CASE("options from the URL, over those from code") {
  ormc::EngineOptions options;
  options.pool.pool_size = 7;
  options.pool.pre_ping = true;
  auto engine = ormc::Engine::connect(
      fresh_url("pool_size=5&max_overflow=10&pool_timeout=30&pool_recycle=3600&pool_pre_ping="
                "false&poolclass=queue"),
      options);
  const auto& pool = engine.options().pool;
  CHECK(pool.pool_class == ormc::PoolClass::queue);
  CHECK(pool.pool_size == 5);
  CHECK(pool.max_overflow == 10);
  CHECK(pool.pool_timeout == 30s);
  CHECK(pool.pool_recycle == 3600s);
  CHECK_FALSE(pool.pre_ping);

  auto fractional = ormc::Engine::connect(fresh_url("pool_timeout=0.25&pool_recycle=-1"));
  CHECK(fractional.options().pool.pool_timeout == 250ms);
  CHECK(fractional.options().pool.pool_recycle.count() < 0);
  auto unlimited = ormc::Engine::connect(fresh_url("max_overflow=-1"));
  CHECK(unlimited.options().pool.max_overflow == -1);

  auto code = ormc::Engine::connect(fresh_url(), options);  // from code only
  CHECK(code.options().pool.pool_size == 7);
  CHECK(code.stats().pool.size == 7);
}

TEST_CASE("bad pool options are ArgumentErrors") {
  using doctest::Contains;
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect(fresh_url("pool_size=-1")),
                       Contains("pool_size=-1"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect(fresh_url("max_overflow=-2")),
                       Contains("max_overflow=-2"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect(fresh_url("pool_timeout=soon")),
                       Contains("a number of seconds"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect(fresh_url("pool_timeout=-1")),
                       Contains("pool_timeout=-1"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect(fresh_url("poolclass=static")),
                       Contains("queue, null or singleton"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect(fresh_url("pool_pre_ping=maybe")),
                       Contains("pool_pre_ping=maybe"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect(fresh_url("poolclass=singleton")),
                       Contains("sqlite://:memory: only"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect("sqlite://:memory:?poolclass=queue"),
                       Contains("cannot serve a :memory: database"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect(fresh_url("pool_sise=3")), Contains("pool_size"),
                       ormc::ArgumentError);  // the known list
  CHECK_NOTHROW((void)ormc::Engine::connect("sqlite://:memory:?poolclass=singleton"));
}

TEST_CASE("events in order, and listeners removed") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=1&max_overflow=1"));
  EventLog log;
  log.attach(engine);
  {
    auto a = engine.connect();  // the idle connection 1
    auto b = engine.connect();  // overflow: connection 2 opened
  }
  using K = ormc::PoolEventKind;
  REQUIRE(log.events.size() == 6);
  CHECK((log.events[0].kind == K::checkout && log.events[0].id == 1));
  CHECK((log.events[1].kind == K::connect && log.events[1].id == 2));
  CHECK((log.events[2].kind == K::checkout && log.events[2].id == 2));
  CHECK((log.events[3].kind == K::checkin && log.events[3].id == 2));  // b goes first: kept
  CHECK((log.events[4].kind == K::checkin && log.events[4].id == 1));
  CHECK((log.events[5].kind == K::close && log.events[5].id == 1));  // the pool is full
  CHECK(log.events[5].reason == "overflow");
  CHECK(ormc::to_string(K::checkin) == "checkin");

  int calls = 0;
  const ormc::ListenerId id = engine.on_pool_event([&](const ormc::PoolEvent&) { ++calls; });
  { auto conn = engine.connect(); }
  CHECK(calls == 2);
  engine.remove_listener(id);
  { auto conn = engine.connect(); }
  CHECK(calls == 2);
}

TEST_CASE("counters, and reset_stats zeroes them but not the state") {
  auto engine = ormc::Engine::connect(fresh_url("pool_size=2&max_overflow=0&pool_timeout=0"));
  auto a = engine.connect();
  auto b = engine.connect();
  CHECK_THROWS_AS((void)engine.connect(), ormc::TimeoutError);
  auto stats = engine.stats().pool;
  CHECK(stats.checkouts == 3);  // Engine::connect's check included
  CHECK(stats.timeouts == 1);
  engine.reset_stats();
  stats = engine.stats().pool;
  CHECK(stats.checkouts == 0);
  CHECK(stats.timeouts == 0);
  CHECK(stats.waits == 0);
  CHECK(stats.checked_out == 2);
  CHECK(stats.open == 2);
}
