// Uses the generated header and the installed runtime: create, insert, query.
#include <iostream>

#include "ormc/engine.hpp"
#include "ormc/session.hpp"
#include "shop.orm.hpp"

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
    std::cerr << "consumer: unexpected query result\n";
    return 1;
  }
  std::cout << "consumer: " << cheap.front().get().name << " costs "
            << cheap.front().get().price.str() << "\n";
  return 0;
}
