// A Session through faults on a real PostgreSQL server: its backend killed in the middle of
// a pipelined flush, killed while idle in a transaction, and the server restarted (in a
// transaction and between two), each with and without pool_pre_ping. The session's commit
// raises OperationalError, every use is refused until rollback(), rollback() invalidates the
// lost connection and puts the objects back, and then the same Session works on a live
// connection (not one of the pool's idle connections the same restart killed); committed
// rows survive, uncommitted ones do not exist, and the pool never hands a dead connection
// out again. docs/session.md says what the objects become.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "fault_support.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/expr.hpp"
#include "ormc/session.hpp"
#include "session_fixture.hpp"
#include "support/test_backends.hpp"
#include "test_model.hpp"

using fault_test::backend_pid;
using fault_test::PoolEventLog;
using testdb::User;

namespace {

namespace user = testdb::user;

User named(std::string_view name) {
  return User{.username = std::string(name), .email = std::string(name) + "@example.com"};
}

//! testdb's tables on the server, an engine with or without pre-ping, and a trigger through
//! which the server kills the backend that inserts the user "victim" (a kill in the middle
//! of whatever runs the INSERT: a pipeline, for a flush of many users).
struct SessionFaultDatabase {
  session_test::Fixture fixture;
  ormc::Engine& engine;
  ormc::Engine admin;

  SessionFaultDatabase(const ormc_test::Backend& backend, bool pre_ping)
      : fixture(backend, pre_ping ? "pool_size=4&max_overflow=0&pool_pre_ping=true"
                                  : "pool_size=4&max_overflow=0"),
        engine(fixture.engine),
        admin(ormc::Engine::connect(*backend.url)) {
    engine.connect().execute(R"(
CREATE FUNCTION kill_victim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.username = 'victim' THEN
    PERFORM pg_terminate_backend(pg_backend_pid());
    PERFORM pg_sleep(5);  -- the termination interrupts it
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER kill_victim BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION kill_victim();
)");
  }

  //! The usernames in the database, read on a connection of its own (not the pool's).
  [[nodiscard]] std::vector<std::string> usernames() const {
    auto conn = ormc::Engine::connect(*fixture.database.backend().url).connect();
    return conn.query<std::string>("SELECT username FROM " + fixture.database.schema() +
                                   ".users ORDER BY username");
  }
};

enum class Fault { mid_flush, idle_in_transaction, restart };

std::string_view to_string(Fault fault) {
  switch (fault) {
    case Fault::mid_flush: return "backend killed mid-flush (pipeline)";
    case Fault::idle_in_transaction: return "backend killed idle in transaction";
    case Fault::restart: return "server restarted in a transaction";
  }
  return {};
}

//! The shared body: `fault` ends the session's transaction, which holds an update, a delete
//! and an insert flushed, an insert pending (and, for mid_flush, 300 inserts whose flush the
//! kill interrupts); alice and dave were committed before.
void check_session_recovers(const ormc_test::Backend& backend, bool pre_ping, Fault fault) {
  CAPTURE(to_string(fault));
  CAPTURE(pre_ping);
  SessionFaultDatabase db(backend, pre_ping);
  PoolEventLog log(db.engine);
  ormc::Session session(db.engine);
  User& a = session.add(session_test::alice());
  User& d = session.add(named("dave"));
  session.commit();
  const std::int64_t pid = backend_pid(session.connection());
  {
    // Two more connections idle in the pool: a restart kills them too, a kill does not.
    auto first = db.engine.connect();
    auto second = db.engine.connect();
    (void)backend_pid(first);
    (void)backend_pid(second);
  }
  REQUIRE(db.engine.stats().pool.idle == 2);
  db.engine.reset_stats();

  a.age = 99;                           // dirty, flushed
  session.remove(d);                    // deleted, flushed
  User& b = session.add(named("bob"));  // inserted by this flush
  session.flush();
  User& c = session.add(named("carol"));  // pending
  std::vector<std::reference_wrapper<User>> batch;
  switch (fault) {
    case Fault::mid_flush:
      // 300 objects of one model go out as one pipelined batch; the 150th INSERT kills its
      // backend, with the statements after it sent and unanswered.
      for (int i = 0; i < 300; ++i) {
        batch.emplace_back(session.add(named(i == 150 ? "victim" : "batch" + std::to_string(i))));
      }
      break;
    case Fault::idle_in_transaction: fault_test::terminate_backend(db.admin, pid); break;
    case Fault::restart: fault_test::restart_server(); break;
  }

  std::string message;
  try {
    session.commit();
    FAIL("commit() succeeded after the session's connection was lost");
  } catch (const ormc::OperationalError& e) {
    message = e.what();
  }
  INFO("error: " << message);
  CHECK(message.find("connection to the PostgreSQL server was lost") != std::string::npos);
  // Until rollback() every use is refused (SQLAlchemy: "Can't reconnect until invalid
  // transaction is rolled back"), rather than failing on the dead connection.
  CHECK_THROWS_WITH_AS((void)session.query<User>().count(), doctest::Contains("call rollback()"),
                       ormc::InvalidRequestError);
  CHECK_THROWS_AS(session.commit(), ormc::InvalidRequestError);
  CHECK_NOTHROW(session.rollback());
  CHECK(log.closed("broken").size() == 1);  // invalidated at rollback(), not kept
  CHECK(db.engine.stats().pool.invalidated == 1);

  // What the database holds: the committed values; what the lost transaction wrote is gone.
  CHECK(session.state(a) == ormc::ObjectState::persistent);
  CHECK(a.age == 30);
  CHECK(session.state(d) == ormc::ObjectState::persistent);
  CHECK(session.state(b) == ormc::ObjectState::transient);
  CHECK(session.state(c) == ormc::ObjectState::transient);
  for (const User& object : batch) CHECK(session.state(object) == ormc::ObjectState::transient);

  // The same Session works again, on another connection: after a restart the idle ones are
  // dead too, and the session does not take one of them (pre-ping: the pool replaces the
  // first it hands out; without: the session pings what it gets, and drops both).
  CHECK(session.query<User>().count() == 2);
  CHECK(session.get<User>(d.id) == &d);
  CHECK(backend_pid(session.connection()) != pid);
  session.add(named("erin"));
  a.age = 31;
  session.commit();
  CHECK(session.query<User>().where(user::username == "alice").one().age == 31);
  session.close();
  CHECK(db.usernames() == std::vector<std::string>{"alice", "dave", "erin"});

  const bool restarted = fault == Fault::restart;
  const ormc::PoolStats pool = db.engine.stats().pool;
  const std::size_t broken_expected = restarted && !pre_ping ? 3 : 1;
  CHECK(pool.invalidated == broken_expected);
  CHECK(pool.ping_failures == (restarted && pre_ping ? 1 : 0));
  fault_test::check_pool_at_rest(db.engine);
  const auto broken = log.closed("broken");
  CHECK(broken.size() == broken_expected);
  for (const std::uint64_t id : broken) CHECK_FALSE(log.checked_out_after_close(id));
  for (const std::uint64_t id : log.closed("ping failed")) {
    CHECK_FALSE(log.checked_out_after_close(id));
  }
}

}  // namespace

TEST_CASE("session fault: backend killed in the middle of a pipelined flush - recovers") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  for (const bool pre_ping : {false, true})
    check_session_recovers(*backend, pre_ping, Fault::mid_flush);
}

TEST_CASE("session fault: backend killed while idle in a transaction - recovers") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  for (const bool pre_ping : {false, true}) {
    check_session_recovers(*backend, pre_ping, Fault::idle_in_transaction);
  }
}

TEST_CASE("session fault: server restarted in a transaction - recovers") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr || !fault_test::restart_available("session, restart in a transaction")) {
    return;
  }
  for (const bool pre_ping : {false, true})
    check_session_recovers(*backend, pre_ping, Fault::restart);
}

TEST_CASE(
    "session fault: server restarted between transactions - one failure, none with pre_ping") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr ||
      !fault_test::restart_available("session, restart between transactions")) {
    return;
  }
  for (const bool pre_ping : {false, true}) {
    CAPTURE(pre_ping);
    SessionFaultDatabase db(*backend, pre_ping);
    PoolEventLog log(db.engine);
    ormc::Session session(db.engine);
    User& a = session.add(session_test::alice());
    session.commit();
    const std::int64_t pid = backend_pid(session.connection());
    session.commit();  // the session keeps its connection for its next transaction
    fault_test::restart_server();
    db.engine.reset_stats();

    // Without pre-ping the next BEGIN meets the dead connection: one OperationalError (no
    // transaction was open, nothing is lost), and the use after it takes a new connection.
    // With pre-ping the session pings the connection it kept as it begins the transaction,
    // and replaces it unseen.
    int failures = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
      try {
        session.add(named("user" + std::to_string(attempt)));
        session.commit();
        break;
      } catch (const ormc::OperationalError& e) {
        INFO("error: " << e.what());
        CHECK(std::string(e.what()).find("connection to the PostgreSQL server was lost") !=
              std::string::npos);
        ++failures;
        session.rollback();
      }
    }
    CHECK(failures == (pre_ping ? 0 : 1));
    CHECK(session.state(a) == ormc::ObjectState::persistent);
    CHECK(backend_pid(session.connection()) != pid);
    session.close();
    CHECK(db.usernames() == std::vector<std::string>{"alice", pre_ping ? "user0" : "user1"});
    CHECK(db.engine.stats().pool.invalidated == 1);
    const auto broken = log.closed("broken");
    REQUIRE(broken.size() == 1);
    CHECK_FALSE(log.checked_out_after_close(broken.front()));
    fault_test::check_pool_at_rest(db.engine);
  }
}
