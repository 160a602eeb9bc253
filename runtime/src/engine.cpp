// Engine: from a URL to a usable database, and the engine's counters and events.
#include "ormc/engine.hpp"

#include "detail/engine_state.hpp"
#include "detail/url_options.hpp"
#include "ormc/error.hpp"
#include "pool/pool.hpp"
#include "postgres/pg_conninfo.hpp"
#include "postgres/pg_source.hpp"
#include "sqlite/sqlite_isolation.hpp"
#include "sqlite/sqlite_source.hpp"

namespace ormc {
namespace {

// The pool of options.pool.pool_class over `factory`: automatic is a QueuePool unless
// the driver's handles must stay on the thread that opened them.
std::unique_ptr<detail::ConnectionSource> make_pool(detail::EngineState& state,
                                                    pool::Factory factory,
                                                    bool handles_may_change_threads) {
  const PoolClass pool_class = state.options.pool.pool_class;
  if (pool_class == PoolClass::singleton) {
    throw ArgumentError("engine URL '" + state.url.str() +
                        "': poolclass=singleton is for sqlite://:memory: only; use queue "
                        "or null");
  }
  if (pool_class == PoolClass::null ||
      (pool_class == PoolClass::automatic && !handles_may_change_threads)) {
    return pool::make_null_pool(state, std::move(factory));
  }
  return pool::make_queue_pool(state, std::move(factory));
}

std::unique_ptr<detail::ConnectionSource> make_sqlite_source(detail::EngineState& state) {
  if (state.url.is_memory()) {
    const PoolClass pool_class = state.options.pool.pool_class;
    if (pool_class != PoolClass::automatic && pool_class != PoolClass::singleton) {
      throw ArgumentError("engine URL '" + state.url.str() +
                          "': poolclass=" + std::string(to_string(pool_class)) +
                          " cannot serve a :memory: database, which lives in one connection "
                          "(every new connection would see its own empty database); leave "
                          "poolclass unset or use singleton");
    }
    return sqlite::make_memory_source(state);
  }
  return make_pool(state, sqlite::connection_factory(state), sqlite::handles_may_change_threads());
}

}  // namespace

Engine::Engine(std::shared_ptr<detail::EngineState> state) : state_(std::move(state)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Engine Engine::connect(std::string_view url_text, EngineOptions options) {
  // As libpq does: a URL has a scheme (backend://...); anything else is a keyword/value
  // conninfo string (host=/run/postgresql dbname=app), a PostgreSQL engine.
  Url url = url_text.find("://") != std::string_view::npos ? Url::parse(url_text)
                                                           : postgres::parse_conninfo(url_text);
  detail::apply_url_options(url, options);
  if (url.backend == "postgresql") {
    auto state = std::make_shared<detail::EngineState>(std::move(url), std::move(options),
                                                       postgresql_dialect());
    state->source = make_pool(*state, postgres::connection_factory(*state), true);
    // Fail now, not at the first query, when the server cannot be reached.
    state->source->release(state->source->acquire());
    return Engine(std::move(state));
  }
  sqlite::check_isolation(options.isolation_level,
                          "engine URL '" + url.str() + "': isolation_level ");
  auto state =
      std::make_shared<detail::EngineState>(std::move(url), std::move(options), sqlite_dialect());
  state->source = make_sqlite_source(*state);
  // Fail now, not at the first query, when the database cannot be used: open it and read
  // its schema (a file that is not a database fails here).
  detail::DriverConnection* driver = state->source->acquire();
  auto error = driver->exec("PRAGMA schema_version");
  state->source->release(driver);
  if (error) detail::throw_database_error(std::move(*error));
  return Engine(std::move(state));
}

Connection Engine::connect() { return {state_, state_->source->acquire()}; }

void Engine::dispose() { state_->source->dispose(); }

const Dialect& Engine::dialect() const { return state_->dialect; }
const Url& Engine::url() const { return state_->url; }
const EngineOptions& Engine::options() const { return state_->options; }
EngineStats Engine::stats() const { return state_->stats(); }
void Engine::reset_stats() { state_->reset_stats(); }

ListenerId Engine::on_statement(std::function<void(const LogRecord&)> listener) {
  return state_->add_listener(std::move(listener));
}

ListenerId Engine::on_pool_event(PoolListener listener) {
  return state_->add_pool_listener(std::move(listener));
}

void Engine::remove_listener(ListenerId id) { state_->remove_listener(id); }

}  // namespace ormc
