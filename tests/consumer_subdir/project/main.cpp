// Uses the runtime built by add_subdirectory (runtime only, without PostgreSQL) and the
// pre-generated shop header: a Session round trip on SQLite, and the refusal of PostgreSQL.
#include <iostream>
#include <string>

#include "ormc/config.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/session.hpp"
#include "shop.orm.hpp"

static_assert(ORMC_WITH_POSTGRESQL == 0, "this consumer builds ormc without PostgreSQL");

int main() {
  auto engine = ormc::Engine::connect("sqlite://:memory:");
  shop::schema.create_all(engine);
  ormc::Session session(engine);
  session.add(shop::Product{.name = "pen", .price = ormc::Decimal("1.50")});
  session.add(shop::Product{.name = "book", .price = ormc::Decimal("12.00")});
  session.commit();
  auto cheap =
      session.query<shop::Product>().where(shop::product::price < ormc::Decimal("5")).all();
  if (cheap.size() != 1 || cheap.front().get().name != "pen") {
    std::cerr << "subdir consumer: unexpected query result\n";
    return 1;
  }
  std::cout << "subdir consumer: " << cheap.front().get().name << " costs "
            << cheap.front().get().price.str() << "\n";

  for (const char* url :
       {"postgresql://localhost/app", "postgresql://localhost/app?sslmode=require"}) {
    try {
      auto pg = ormc::Engine::connect(url);
      std::cerr << "subdir consumer: " << url << " connected without PostgreSQL support\n";
      return 1;
    } catch (const ormc::ArgumentError& e) {
      std::cout << "subdir consumer: " << url << " refused: " << e.what() << "\n";
    }
  }
  return 0;
}
