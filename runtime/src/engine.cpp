// Engine: from a URL to a usable database, and the engine's counters and events.
#include "ormc/engine.hpp"

#include "detail/engine_state.hpp"
#include "detail/url_options.hpp"
#include "ormc/error.hpp"
#include "sqlite/sqlite_source.hpp"

namespace ormc {

Engine::Engine(std::shared_ptr<detail::EngineState> state) : state_(std::move(state)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Engine Engine::connect(std::string_view url_text, EngineOptions options) {
  Url url = Url::parse(url_text);
  detail::apply_url_options(url, options);
  if (url.backend != "sqlite") {
    throw ArgumentError("engine URL '" + url.str() + "': the " + url.backend +
                        " backend is not built into this ormc runtime yet");
  }
  auto state =
      std::make_shared<detail::EngineState>(std::move(url), std::move(options), sqlite_dialect());
  state->source = sqlite::make_source(*state);
  // Fail now, not at the first query, when the database cannot be used: open it and read
  // its schema (a file that is not a database fails here).
  detail::DriverConnection* driver = state->source->acquire();
  auto error = driver->exec("PRAGMA schema_version");
  state->source->release(driver);
  if (error) detail::throw_database_error(std::move(*error));
  return Engine(std::move(state));
}

Connection Engine::connect() { return Connection(state_, state_->source->acquire()); }

const Dialect& Engine::dialect() const { return state_->dialect; }
const Url& Engine::url() const { return state_->url; }
const EngineOptions& Engine::options() const { return state_->options; }
EngineStats Engine::stats() const { return state_->stats(); }
void Engine::reset_stats() { state_->reset_stats(); }

ListenerId Engine::on_statement(std::function<void(const LogRecord&)> listener) {
  return state_->add_listener(std::move(listener));
}

void Engine::remove_listener(ListenerId id) { state_->remove_listener(id); }

}  // namespace ormc
