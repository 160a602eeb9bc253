// Faults on a real PostgreSQL server, through the connection pool: the server restarted
// and a backend terminated in the middle of a transaction, the pool exhausted, a statement
// timeout, and many threads sharing a small pool. Each case checks that nothing committed
// is lost, nothing uncommitted is half-written, and the pool never hands a dead connection
// out again. The Session's recovery from the same faults: session_fault_test.cpp.
//
// The server and the schema of each case: ormc_test::postgres_backend() and TestDatabase
// (without a server the cases do nothing but print the skip line; under CI=true they
// fail). Restarting the server needs a command: ORMC_TEST_PG_RESTART (run with /bin/sh),
// else inside `pg_virtualenv` the cluster it made (`pg_ctlcluster $PGVERSION regress stop
// -m fast`, then `start`). Without one the restart case is skipped with one loud line, and
// fails when CI=true. ctest runs these cases alone (RUN_SERIAL): a restart would break any
// other test using the server.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <libpq-fe.h>

#include "fault_support.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/transaction.hpp"
#include "postgres/pg_connection.hpp"
#include "support/test_backends.hpp"

using fault_test::backend_pid;
using fault_test::check_pool_at_rest;
using fault_test::PoolEventLog;
using fault_test::terminate_backend;

namespace {

using Clock = std::chrono::steady_clock;

//! An engine (with `url_options` added to its URL) working in a schema of its own, dropped
//! at the end, holding the table fault_rows; `admin` works in the default schema, for the
//! faults made from outside.
struct FaultDatabase {
  ormc_test::TestDatabase database;
  ormc::Engine& engine;
  ormc::Engine admin;

  FaultDatabase(const ormc_test::Backend& backend, std::string_view url_options)
      : database(backend, {}, url_options),
        engine(database.engine()),
        admin(ormc::Engine::connect(*backend.url)) {
    auto conn = engine.connect();
    conn.execute("CREATE TABLE fault_rows (id bigint PRIMARY KEY, note text NOT NULL)");
  }

  //! The ids in fault_rows, read on a connection of its own (not the pool's).
  [[nodiscard]] std::vector<std::int64_t> ids() const {
    auto conn = ormc::Engine::connect(*database.backend().url).connect();
    return conn.query<std::int64_t>("SELECT id FROM " + database.schema() +
                                    ".fault_rows ORDER BY id");
  }
};

void insert_row(ormc::Connection& conn, std::int64_t id) {
  (void)conn.prepare("INSERT INTO fault_rows (id, note) VALUES ($1, $2)")
      .bind(1, id)
      .bind(2, std::string("row ") + std::to_string(id))
      .execute();
}

//! The shared body of the restart and terminate cases: `kill` ends the server side of a
//! transaction that wrote rows 2..11 (and of the idle pooled connection), then the pool
//! must discard both and hand out working connections, and only row 1 (committed before)
//! may exist.
template <typename Kill>
void check_transaction_lost(FaultDatabase& db, bool statement_first, Kill kill) {
  ormc::Engine& engine = db.engine;
  {
    auto conn = engine.connect();
    insert_row(conn, 1);  // committed before the fault: must survive it
  }
  PoolEventLog log(engine);
  engine.reset_stats();

  auto victim = engine.connect();
  auto idle = engine.connect();  // a second pooled connection, idle during the fault
  const std::int64_t victim_pid = backend_pid(victim);
  const std::int64_t idle_pid = backend_pid(idle);
  idle.close();

  std::optional<ormc::Transaction> tx;
  tx.emplace(victim);
  for (std::int64_t id = 2; id <= 11; ++id) insert_row(victim, id);

  kill(victim_pid, idle_pid);

  // The transaction's next statement (or its COMMIT) finds the connection gone.
  std::string message;
  try {
    if (statement_first) {
      insert_row(victim, 12);
    } else {
      tx->commit();
    }
    FAIL("the transaction's connection survived the fault");
  } catch (const ormc::OperationalError& e) {
    message = e.what();
  }
  INFO("error: " << message);
  CHECK(message.find("OperationalError") != std::string::npos);
  CHECK(message.find("connection to the PostgreSQL server was lost") != std::string::npos);
  if (statement_first) {
    // The server ended the transaction with the session: committing it now must fail
    // with the lost connection, not report "no transaction is open" nor succeed.
    try {
      tx->commit();
      FAIL("commit() succeeded on a lost connection");
    } catch (const ormc::OperationalError& e) {
      CHECK(std::string(e.what()).find("connection to the PostgreSQL server was lost") !=
            std::string::npos);
    }
  }
  tx.reset();
  // A failed COMMIT leaves the transaction for the caller to end; rolling back a lost one
  // cannot fail (catch, roll back, retry must work).
  CHECK(victim.in_transaction());
  CHECK_NOTHROW(victim.rollback());
  CHECK_FALSE(victim.in_transaction());
  victim.close();  // back to the pool: broken, so closed and never handed out again
  // Discarded at its return already, not left idle for a later checkout to notice.
  CHECK(engine.stats().pool.invalidated == 1);
  CHECK(engine.stats().pool.open == 1);  // the idle one only
  CHECK(log.closed("broken").size() == 1);

  CHECK(db.ids() == std::vector<std::int64_t>{1});

  // pre_ping: the idle connection is dead too; the checkout replaces it transparently.
  {
    auto conn = engine.connect();
    CHECK(backend_pid(conn) != idle_pid);
    insert_row(conn, 13);
    CHECK(conn.query<std::int64_t>("SELECT count(*) FROM fault_rows").at(0) == 2);
  }
  {
    auto conn = engine.connect();
    CHECK(conn.query<std::int64_t>("SELECT 1").at(0) == 1);
  }
  CHECK(db.ids() == std::vector<std::int64_t>{1, 13});

  const ormc::PoolStats pool = engine.stats().pool;
  CHECK(pool.invalidated == 1);    // the victim, discarded on return
  CHECK(pool.ping_failures == 1);  // the idle one, found dead at checkout
  check_pool_at_rest(engine);
  const auto broken = log.closed("broken");
  const auto ping_failed = log.closed("ping failed");
  REQUIRE(broken.size() == 1);
  REQUIRE(ping_failed.size() == 1);
  CHECK(broken.front() != ping_failed.front());
  CHECK_FALSE(log.checked_out_after_close(broken.front()));
  CHECK_FALSE(log.checked_out_after_close(ping_failed.front()));
}

}  // namespace

TEST_CASE("fault: a PostgreSQL server is configured (else: skipped loudly, failed under CI)") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();  // prints the skip line
  if (backend == nullptr) return;
  CHECK_MESSAGE(backend->url.has_value(),
                "CI=true: the PostgreSQL fault tests must run against a server");
}

TEST_CASE("fault: server restarted mid-transaction - OperationalError, rows gone, pre_ping") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr || !fault_test::restart_available("server restarted mid-transaction")) {
    return;
  }
  for (const bool statement_first : {false, true}) {
    CAPTURE(statement_first);
    FaultDatabase db(*backend, "pool_size=2&max_overflow=0&pool_pre_ping=true");
    check_transaction_lost(db, statement_first,
                           [&](std::int64_t, std::int64_t) { fault_test::restart_server(); });
  }
}

TEST_CASE("fault: backend terminated mid-transaction - OperationalError, rows gone, pre_ping") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  for (const bool statement_first : {false, true}) {
    CAPTURE(statement_first);
    FaultDatabase db(*backend, "pool_size=2&max_overflow=0&pool_pre_ping=true");
    check_transaction_lost(db, statement_first,
                           [&](std::int64_t victim_pid, std::int64_t idle_pid) {
                             terminate_backend(db.admin, victim_pid);
                             terminate_backend(db.admin, idle_pid);
                           });
  }
}

TEST_CASE("fault: without pre_ping a terminated idle connection fails once, then is replaced") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  FaultDatabase db(*backend, "pool_size=1&max_overflow=0");
  PoolEventLog log(db.engine);
  db.engine.reset_stats();
  std::int64_t pid = 0;
  {
    auto conn = db.engine.connect();
    pid = backend_pid(conn);
  }
  terminate_backend(db.admin, pid);
  {
    auto conn = db.engine.connect();  // the dead one: nothing checks it at checkout
    CHECK_THROWS_AS(insert_row(conn, 1), ormc::OperationalError);
  }
  CHECK(db.engine.stats().pool.invalidated == 1);  // discarded when it came back
  CHECK(db.engine.stats().pool.open == 0);
  {
    auto conn = db.engine.connect();
    CHECK(backend_pid(conn) != pid);
    insert_row(conn, 2);
  }
  CHECK(db.ids() == std::vector<std::int64_t>{2});
  CHECK(db.engine.stats().pool.invalidated == 1);
  CHECK(db.engine.stats().pool.ping_failures == 0);
  check_pool_at_rest(db.engine);
  const auto broken = log.closed("broken");
  REQUIRE(broken.size() == 1);
  CHECK_FALSE(log.checked_out_after_close(broken.front()));
}

TEST_CASE("fault: N idle connections killed by a restart fail N uses without pre_ping, 0 with") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr || !fault_test::restart_available("N idle connections")) return;
  constexpr int idle = 3;
  for (const bool pre_ping : {false, true}) {
    CAPTURE(pre_ping);
    FaultDatabase db(*backend, pre_ping ? "pool_size=4&max_overflow=0&pool_pre_ping=true"
                                        : "pool_size=4&max_overflow=0");
    ormc::Engine& engine = db.engine;
    {
      std::vector<ormc::Connection> held;
      for (int i = 0; i < idle; ++i) {
        held.push_back(engine.connect());
        (void)backend_pid(held.back());
      }
    }
    REQUIRE(engine.stats().pool.idle == idle);
    fault_test::restart_server();
    PoolEventLog log(engine);
    engine.reset_stats();

    // Each dead connection fails the one use that meets it (and is discarded then); the
    // uses after it get new connections. Every other use runs in a transaction.
    std::int64_t next_id = 1;
    std::vector<std::int64_t> written;
    auto use = [&] {
      const std::int64_t id = next_id++;
      auto conn = engine.connect();
      if (id % 2 == 0) {
        ormc::Transaction tx(conn);
        insert_row(conn, id);
        tx.commit();
      } else {
        insert_row(conn, id);
      }
      written.push_back(id);
    };
    int failures = 0;
    for (int attempt = 0; attempt < 2 * idle + 2 && written.empty(); ++attempt) {
      try {
        use();
      } catch (const ormc::OperationalError& e) {
        INFO("error: " << e.what());
        CHECK(std::string(e.what()).find("connection to the PostgreSQL server was lost") !=
              std::string::npos);
        ++failures;
      }
    }
    CHECK(failures == (pre_ping ? 0 : idle));
    for (int i = 0; i < idle; ++i) CHECK_NOTHROW(use());  // and no failure after the first success
    CHECK(db.ids() == written);

    const ormc::PoolStats pool = engine.stats().pool;
    CHECK(pool.invalidated == (pre_ping ? 0 : idle));
    CHECK(pool.ping_failures == (pre_ping ? idle : 0));
    check_pool_at_rest(engine);
    const auto closed = log.closed(pre_ping ? "ping failed" : "broken");
    CHECK(closed.size() == idle);
    for (const std::uint64_t id : closed) CHECK_FALSE(log.checked_out_after_close(id));
  }
}

TEST_CASE("fault: a connection left in pipeline mode is broken, closed, never reused") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  FaultDatabase db(*backend, "pool_size=1&max_overflow=0");
  PoolEventLog log(db.engine);
  db.engine.reset_stats();
  {
    auto conn = db.engine.connect();
    auto& driver = dynamic_cast<ormc::postgres::PgConnection&>(conn.driver());
    CHECK_FALSE(driver.broken());
    // As a pipeline that libpq could not leave would: every synchronous command (BEGIN,
    // ROLLBACK, a prepared statement) is refused from now on.
    REQUIRE(PQenterPipelineMode(driver.native()) == 1);
    CHECK(driver.broken());
  }
  CHECK(log.closed("broken").size() == 1);
  CHECK(db.engine.stats().pool.invalidated == 1);
  CHECK(db.engine.stats().pool.open == 0);
  {
    auto conn = db.engine.connect();  // a new one: the pool had nothing else to give
    insert_row(conn, 1);
  }
  CHECK(db.ids() == std::vector<std::int64_t>{1});
  CHECK_FALSE(log.checked_out_after_close(log.closed("broken").front()));
}

TEST_CASE("fault: dispose after backends were killed - no statement fails, without pre_ping") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  FaultDatabase db(*backend, "pool_size=2&max_overflow=0");
  PoolEventLog log(db.engine);
  std::vector<std::int64_t> pids;
  {
    auto first = db.engine.connect();
    auto second = db.engine.connect();
    pids = {backend_pid(first), backend_pid(second)};
  }
  for (const std::int64_t pid : pids) terminate_backend(db.admin, pid);
  db.engine.dispose();  // what an application does when it learns of a failover
  CHECK(log.closed("disposed").size() == 2);
  CHECK(db.engine.stats().pool.open == 0);
  {
    auto conn = db.engine.connect();
    CHECK(std::find(pids.begin(), pids.end(), backend_pid(conn)) == pids.end());
    insert_row(conn, 1);
  }
  CHECK(db.ids() == std::vector<std::int64_t>{1});
  CHECK(db.engine.stats().pool.invalidated == 0);
  check_pool_at_rest(db.engine);
}

TEST_CASE("fault: pool exhausted - TimeoutError naming the pool state, then checkout works") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  FaultDatabase db(*backend, "pool_size=2&max_overflow=1&pool_timeout=1");
  ormc::Engine& engine = db.engine;
  engine.reset_stats();
  constexpr auto timeout = std::chrono::milliseconds(1000);

  std::vector<ormc::Connection> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(engine.connect());
    CHECK(held.back().query<std::int64_t>("SELECT 1").at(0) == 1);
  }
  // A transaction in flight on a held connection is not disturbed by the timeout.
  held[0].begin();
  insert_row(held[0], 1);

  const auto started = Clock::now();
  std::string message;
  try {
    (void)engine.connect();
    FAIL("a fourth connection was checked out of a pool of 2 + 1 overflow");
  } catch (const ormc::TimeoutError& e) {
    message = e.what();
  }
  const auto waited = Clock::now() - started;
  INFO("error: " << message);
  CHECK(waited >= timeout - std::chrono::milliseconds(20));
  CHECK(message.find("QueuePool limit of size 2 overflow 1 reached") != std::string::npos);
  CHECK(message.find("pool_timeout 1.000 s") != std::string::npos);
  CHECK(message.find("checked out 3, overflow 1/1, idle 0") != std::string::npos);
  ormc::PoolStats pool = engine.stats().pool;
  CHECK(pool.timeouts == 1);
  CHECK(pool.checked_out == 3);
  CHECK(pool.open == 3);
  CHECK(pool.overflow == 1);
  CHECK(pool.waiting == 0);

  held[0].commit();
  CHECK(db.ids() == std::vector<std::int64_t>{1});

  // A checkout waiting when a connection comes back gets it: the connection is returned as
  // soon as the checkout is seen waiting, well within pool_timeout.
  std::thread returner([&] {
    const auto give_up = Clock::now() + std::chrono::seconds(5);
    while (engine.stats().pool.waiting == 0 && Clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    held.pop_back();
  });
  {
    auto conn = engine.connect();
    insert_row(conn, 2);
  }
  returner.join();
  CHECK(db.ids() == std::vector<std::int64_t>{1, 2});
  pool = engine.stats().pool;
  CHECK(pool.timeouts == 1);
  CHECK(pool.waits == 2);
  CHECK(pool.invalidated == 0);
  held.clear();
  check_pool_at_rest(engine);
  CHECK(engine.stats().pool.open == 2);  // the overflow connection was closed on return
}

TEST_CASE("fault: statement_timeout - OperationalError, and the same connection is reused") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  FaultDatabase db(*backend, "statement_timeout=100&pool_size=1&max_overflow=0");
  ormc::Engine& engine = db.engine;
  PoolEventLog log(engine);
  engine.reset_stats();

  std::uint64_t first = 0;
  std::int64_t pid = 0;
  {
    auto conn = engine.connect();
    first = log.last_checkout();
    pid = backend_pid(conn);
    const auto started = Clock::now();
    try {
      (void)conn.query<std::int64_t>("SELECT 1 FROM pg_sleep(5)");
      FAIL("pg_sleep(5) outlived a statement_timeout of 100 ms");
    } catch (const ormc::OperationalError& e) {
      const std::string message = e.what();
      INFO("error: " << message);
      CHECK(e.info().sqlstate == "57014");
      CHECK(e.info().code_name == "query_canceled");
      CHECK(message.find("statement timeout") != std::string::npos);
      CHECK(message.find("pg_sleep(5)") != std::string::npos);  // the SQL is named
    }
    CHECK(Clock::now() - started < std::chrono::seconds(4));
    // The connection survives the cancel: the next statement runs on it.
    CHECK(conn.query<std::int64_t>("SELECT 2").at(0) == 2);

    // Inside a transaction the timeout aborts it: nothing it wrote is committed.
    conn.begin();
    insert_row(conn, 1);
    CHECK_THROWS_AS((void)conn.query<std::int64_t>("SELECT 1 FROM pg_sleep(5)"),
                    ormc::OperationalError);
    CHECK_THROWS_AS(conn.commit(), ormc::OperationalError);
    CHECK_FALSE(conn.in_transaction());
    CHECK(db.ids().empty());
  }
  {
    auto conn = engine.connect();
    CHECK(log.last_checkout() == first);  // checked back in, handed out again
    CHECK(backend_pid(conn) == pid);
    CHECK(conn.query<std::string>("SHOW statement_timeout").at(0) == "100ms");
    insert_row(conn, 2);
  }
  CHECK(db.ids() == std::vector<std::int64_t>{2});
  const ormc::PoolStats pool = engine.stats().pool;
  CHECK(pool.invalidated == 0);
  CHECK(pool.open == 1);
  CHECK(log.closed("broken").empty());
  CHECK(log.closed("reset failed").empty());
  check_pool_at_rest(engine);
}

TEST_CASE("fault: 8 threads x 300 checkouts on pool_size=4 max_overflow=4 - no deadlock or loss") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  FaultDatabase db(*backend, "pool_size=4&max_overflow=4&pool_timeout=60");
  ormc::Engine& engine = db.engine;
  engine.reset_stats();
  constexpr int threads = 8;
  constexpr int per_thread = 300;

  std::atomic<int> failures{0};
  std::mutex first_error_mutex;
  std::string first_error;
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        const std::int64_t id = std::int64_t{t} * per_thread + i + 1;
        try {
          auto conn = engine.connect();
          if (i % 3 == 0) {
            // Every third in a transaction with a read, the rest in autocommit.
            ormc::Transaction tx(conn);
            insert_row(conn, id);
            if (conn.query<std::int64_t>("SELECT count(*) FROM fault_rows WHERE id = " +
                                         std::to_string(id))
                    .at(0) != 1) {
              throw std::runtime_error("row " + std::to_string(id) + " not visible to its writer");
            }
            tx.commit();
          } else {
            insert_row(conn, id);
          }
        } catch (const std::exception& e) {
          if (failures.fetch_add(1) == 0) {
            const std::lock_guard lock(first_error_mutex);
            first_error = e.what();
          }
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  INFO("first error: " << first_error);
  CHECK(failures.load() == 0);

  const auto ids = db.ids();
  CHECK(ids.size() == static_cast<std::size_t>(threads * per_thread));
  const std::set<std::int64_t> unique(ids.begin(), ids.end());
  CHECK(unique.size() == ids.size());
  if (!ids.empty()) {
    CHECK(ids.front() == 1);
    CHECK(ids.back() == threads * per_thread);
  }

  const ormc::PoolStats pool = engine.stats().pool;
  CHECK(pool.checkouts == static_cast<std::uint64_t>(threads * per_thread));
  CHECK(pool.timeouts == 0);
  CHECK(pool.invalidated == 0);
  CHECK(pool.open <= 4);  // overflow connections closed when they came back
  CHECK(pool.open >= 1);
  check_pool_at_rest(engine);
}
