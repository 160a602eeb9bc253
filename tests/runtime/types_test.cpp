// Decimal and Uuid: parsing, canonical text, numeric comparison.
#include "ormc/types.hpp"

#include <stdexcept>
#include <string>

#include <doctest/doctest.h>

#include "ormc/bind.hpp"
#include "runtime_model.hpp"

using ormc::Decimal;

TEST_CASE("decimal: canonical text keeps the scale and drops what does not matter") {
  CHECK(Decimal("12.50").str() == "12.50");
  CHECK(Decimal("+007.5").str() == "7.5");
  CHECK(Decimal("-0.00").str() == "0.00");
  CHECK(Decimal("-12").str() == "-12");
  CHECK(Decimal("12345678901234567890.123456789").str() == "12345678901234567890.123456789");
  CHECK(Decimal(std::int64_t{-42}).str() == "-42");
  CHECK(Decimal().str() == "0");
}

TEST_CASE("decimal: malformed text is rejected") {
  for (const char* bad : {"", "-", ".5", "5.", "1e5", "1,5", "12.3.4", " 1", "abc", "+-1"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(Decimal{bad}, std::invalid_argument);
  }
}

TEST_CASE("decimal: compares numerically") {
  CHECK(Decimal("1.0") == Decimal("1.00"));
  CHECK(Decimal("0") == Decimal("-0.0"));
  CHECK(Decimal("2") > Decimal("1.999999999999999999999"));
  CHECK(Decimal("-2") < Decimal("-1.5"));
  CHECK(Decimal("10") > Decimal("9.99"));
  CHECK(Decimal("-10") < Decimal("-9.99"));
  CHECK(Decimal("0.001") > Decimal("0"));
  CHECK(Decimal("-0.001") < Decimal("0"));
  CHECK(Decimal("99999999999999999999") < Decimal("100000000000000000000"));
  CHECK(Decimal("12.5").to_double() == 12.5);
}

TEST_CASE("uuid: parse and print") {
  const auto u = ormc::Uuid::parse("123E4567-E89B-12D3-A456-426614174000");
  REQUIRE(u.has_value());
  CHECK(u->str() == "123e4567-e89b-12d3-a456-426614174000");
  CHECK(ormc::Uuid::parse("{123e4567-e89b-12d3-a456-426614174000}") == u);
  CHECK(ormc::Uuid::parse("123e4567e89b12d3a456426614174000") == u);
  CHECK_FALSE(ormc::Uuid::parse("123e4567-e89b-12d3-a456-42661417400").has_value());
  CHECK_FALSE(ormc::Uuid::parse("123e4567-e89b-12d3-a456_426614174000").has_value());
  CHECK_FALSE(ormc::Uuid::parse("g23e4567-e89b-12d3-a456-426614174000").has_value());
}

TEST_CASE("to_value: enums by name, optionals, narrow integers") {
  CHECK(std::get<std::string>(ormc::to_value(rt::Role::editor)) == "editor");
  CHECK(std::holds_alternative<std::monostate>(ormc::to_value(std::optional<int>())));
  CHECK(std::get<std::int64_t>(ormc::to_value(std::int16_t{-3})) == -3);
  CHECK(std::get<double>(ormc::to_value(1.5f)) == 1.5);
  CHECK(ormc::enum_name(rt::Role::admin) == "admin");
  CHECK(ormc::enum_from_name<rt::Role>("reader") == rt::Role::reader);
  CHECK_FALSE(ormc::enum_from_name<rt::Role>("Reader").has_value());
}
