// create_all / drop_all: the generated DDL of the engine's dialect, in one transaction.
#include "ormc/schema.hpp"

#include "ormc/engine.hpp"
#include "ormc/transaction.hpp"

namespace ormc {
namespace {

void run_all(Engine& engine, std::span<const std::string_view> statements) {
  Connection connection = engine.connect();
  Transaction transaction(connection);
  for (const std::string_view sql : statements) connection.execute(sql);
  transaction.commit();
}

}  // namespace

void Schema::create_all(Engine& engine) const {
  run_all(engine,
          engine.dialect().kind() == DialectKind::sqlite ? sqlite_create : postgresql_create);
}

void Schema::drop_all(Engine& engine) const {
  run_all(engine, engine.dialect().kind() == DialectKind::sqlite ? sqlite_drop : postgresql_drop);
}

}  // namespace ormc
