// ormc::Decimal's exact arithmetic, comparison and rounding against known answers: Python's
// decimal module for + - * and quantize (60-digit operands, carries, signs), PostgreSQL 15
// for / (its result scale: at least 16 significant digits, rounded half away from zero).
#include <array>
#include <string>

#include <doctest/doctest.h>

#include "ormc/error.hpp"
#include "ormc/types.hpp"

namespace {

using ormc::Decimal;
using ormc::RoundingMode;

// Both sides canonical: Python writes -0 as "-0", ormc has one zero.
std::string canonical(const char* text) { return Decimal(text).str(); }

void check_op(const char* a, const char* b, const char* sum, const char* difference,
              const char* product) {
  INFO(a << " and " << b);
  CHECK((Decimal(a) + Decimal(b)).str() == canonical(sum));
  CHECK((Decimal(a) - Decimal(b)).str() == canonical(difference));
  CHECK((Decimal(a) * Decimal(b)).str() == canonical(product));
  CHECK((Decimal(b) * Decimal(a)).str() == canonical(product));
}

// Expected per mode, in RoundingMode's order: half_even, half_up, half_down, down, up,
// floor, ceiling.
void check_round(const char* value, int scale, const std::array<const char*, 7>& expected) {
  constexpr std::array modes{
      RoundingMode::half_even, RoundingMode::half_up, RoundingMode::half_down, RoundingMode::down,
      RoundingMode::up,        RoundingMode::floor,   RoundingMode::ceiling};
  for (std::size_t i = 0; i < modes.size(); ++i) {
    INFO(value << " to " << scale << " digits, mode " << i);
    CHECK(Decimal(value).rounded(scale, modes[i]).str() == canonical(expected[i]));
  }
}

}  // namespace

#define CHECK_OP(a, b, sum, difference, product) check_op(a, b, sum, difference, product)
#define CHECK_ROUND(value, scale, ...) check_round(value, scale, __VA_ARGS__)

TEST_CASE("Decimal + - * are exact, with PostgreSQL's scales, on operands up to 60 digits") {
  CHECK_OP("123456789012345678901234567890.123456789012345678901234567890",
           "-987654321098765432109876543210.98765432109876543210987654321",
           "-864197532086419753208641975320.864197532086419753208641975320",
           "1111111110111111111011111111101.111111110111111111011111111100",
           "-121932631137021795226185032733866788594511507391563633592367."
           "36777929561194939744871208653362292333223746380111126352690");
  CHECK_OP("-987654321098765432109876543210.98765432109876543210987654321",
           "123456789012345678901234567890.123456789012345678901234567890",
           "-864197532086419753208641975320.864197532086419753208641975320",
           "-1111111110111111111011111111101.111111110111111111011111111100",
           "-121932631137021795226185032733866788594511507391563633592367."
           "36777929561194939744871208653362292333223746380111126352690");
  CHECK_OP("999999999999999999999999999999999999999999999999999999999999",
           "0.000000000000000000000000000000000000000000000000000000000001",
           "999999999999999999999999999999999999999999999999999999999999."
           "000000000000000000000000000000000000000000000000000000000001",
           "999999999999999999999999999999999999999999999999999999999998."
           "999999999999999999999999999999999999999999999999999999999999",
           "0.999999999999999999999999999999999999999999999999999999999999");
  CHECK_OP("999999999999999999999999999999999999999999999999999999999999",
           "999999999999999999999999999999999999999999999999999999999999",
           "1999999999999999999999999999999999999999999999999999999999998", "0",
           "999999999999999999999999999999999999999999999999999999999998000000000000000000000000000"
           "000000000000000000000000000000001");
  CHECK_OP("-0.5", "0.5", "0.0", "-1.0", "-0.25");
  CHECK_OP("1.50", "2.5", "4.00", "-1.00", "3.750");
  CHECK_OP("0.001", "-0.0001", "0.0009", "0.0011", "-0.0000001");
  CHECK_OP("99.99", "0.01", "100.00", "99.98", "0.9999");
  CHECK_OP("-99.99", "-0.01", "-100.00", "-99.98", "0.9999");
  CHECK_OP("5", "-5.00", "0.00", "10.00", "-25.00");
  CHECK((Decimal("0.1") + Decimal("0.2")).str() == "0.3");
  CHECK((Decimal(1) - Decimal("0.001")).str() == "0.999");
  CHECK((-Decimal("12.50")).str() == "-12.50");
  CHECK((-Decimal("0.00")).str() == "0.00");
  CHECK((Decimal("12.50") * 3).str() == "37.50");
}

TEST_CASE("Decimal::rounded() in every RoundingMode, as Python's quantize rounds") {
  CHECK_ROUND("2.345", 0, {"2", "2", "2", "2", "3", "2", "3"});
  CHECK_ROUND("2.345", 2, {"2.34", "2.35", "2.34", "2.34", "2.35", "2.34", "2.35"});
  CHECK_ROUND("2.355", 0, {"2", "2", "2", "2", "3", "2", "3"});
  CHECK_ROUND("2.355", 2, {"2.36", "2.36", "2.35", "2.35", "2.36", "2.35", "2.36"});
  CHECK_ROUND("-2.345", 0, {"-2", "-2", "-2", "-2", "-3", "-3", "-2"});
  CHECK_ROUND("-2.345", 2, {"-2.34", "-2.35", "-2.34", "-2.34", "-2.35", "-2.35", "-2.34"});
  CHECK_ROUND("-2.355", 0, {"-2", "-2", "-2", "-2", "-3", "-3", "-2"});
  CHECK_ROUND("-2.355", 2, {"-2.36", "-2.36", "-2.35", "-2.35", "-2.36", "-2.36", "-2.35"});
  CHECK_ROUND("2.3451", 0, {"2", "2", "2", "2", "3", "2", "3"});
  CHECK_ROUND("2.3451", 2, {"2.35", "2.35", "2.35", "2.34", "2.35", "2.34", "2.35"});
  CHECK_ROUND("-2.3449", 0, {"-2", "-2", "-2", "-2", "-3", "-3", "-2"});
  CHECK_ROUND("-2.3449", 2, {"-2.34", "-2.34", "-2.34", "-2.34", "-2.35", "-2.35", "-2.34"});
  CHECK_ROUND("0.005", 0, {"0", "0", "0", "0", "1", "0", "1"});
  CHECK_ROUND("0.005", 2, {"0.00", "0.01", "0.00", "0.00", "0.01", "0.00", "0.01"});
  CHECK_ROUND("-0.005", 0, {"-0", "-0", "-0", "-0", "-1", "-1", "-0"});
  CHECK_ROUND("-0.005", 2, {"-0.00", "-0.01", "-0.00", "-0.00", "-0.01", "-0.01", "-0.00"});
  CHECK_ROUND("9.995", 0, {"10", "10", "10", "9", "10", "9", "10"});
  CHECK_ROUND("9.995", 2, {"10.00", "10.00", "9.99", "9.99", "10.00", "9.99", "10.00"});
  CHECK_ROUND("-9.995", 0, {"-10", "-10", "-10", "-9", "-10", "-10", "-9"});
  CHECK_ROUND("-9.995", 2, {"-10.00", "-10.00", "-9.99", "-9.99", "-10.00", "-10.00", "-9.99"});
  CHECK_ROUND("123456789012345678901234567890.123456789012345678901234567895", 0,
              {"123456789012345678901234567890", "123456789012345678901234567890",
               "123456789012345678901234567890", "123456789012345678901234567890",
               "123456789012345678901234567891", "123456789012345678901234567890",
               "123456789012345678901234567891"});
  CHECK_ROUND("123456789012345678901234567890.123456789012345678901234567895", 2,
              {"123456789012345678901234567890.12", "123456789012345678901234567890.12",
               "123456789012345678901234567890.12", "123456789012345678901234567890.12",
               "123456789012345678901234567890.13", "123456789012345678901234567890.12",
               "123456789012345678901234567890.13"});
  CHECK_ROUND("0.0000001", 0, {"0", "0", "0", "0", "1", "0", "1"});
  CHECK_ROUND("0.0000001", 2, {"0.00", "0.00", "0.00", "0.00", "0.01", "0.00", "0.01"});
  CHECK(Decimal("1.5").rounded(3).str() == "1.500");  // more digits: padded, never changed
  CHECK(Decimal("-7").rounded(2).str() == "-7.00");
  CHECK_THROWS_AS((void)Decimal("1.5").rounded(-1), ormc::ArgumentError);
}

TEST_CASE("Decimal / gives PostgreSQL's digits; Decimal::divide a chosen scale") {
  struct Case {
    const char* a;
    const char* b;
    const char* quotient;  // SELECT (a::numeric / b)::text on PostgreSQL 15
  };
  constexpr Case cases[] = {
      {"1", "3", "0.33333333333333333333"},
      {"2", "3", "0.66666666666666666667"},
      {"10", "4", "2.5000000000000000"},
      {"1.00", "3", "0.33333333333333333333"},
      {"-7.5", "2", "-3.7500000000000000"},
      {"123456789012345678901234567890.0123456789", "7",
       "17636684144620811271604938270.0017636684"},
      {"1", "123456789", "0.0000000081000000737100006708"},
      {"0.0001", "3", "0.000033333333333333333333"},
      {"5", "0.0003", "16666.666666666667"},
      {"2328.60", "2240", "1.0395535714285714"},
      {"999999999999999999999999999999999999999999999999999999999999",
       "0.000000000000000000000000000000000000000000000000000000000001",
       "999999999999999999999999999999999999999999999999999999999999000000000000000000000000000"
       "000000000000000000000000000000000.00000000000000000000000000000000000000000000000000000"
       "0000000"},
      {"1", "9999", "0.00010001000100010001"},
      {"9999", "1", "9999.0000000000000000"},
      {"-1", "6", "-0.16666666666666666667"},
      {"0", "5", "0.00000000000000000000"},
      {"0.50", "0.25", "2.0000000000000000"},
      {"12345.6789", "10000", "1.23456789000000000000"},
      {"1", "10000", "0.000100000000000000000000"},
      {"10000", "9999", "1.0001000100010001"},
  };
  for (const Case& c : cases) {
    INFO(c.a << " / " << c.b);
    CHECK((Decimal(c.a) / Decimal(c.b)).str() == c.quotient);
  }
  CHECK(Decimal::divide(Decimal(2), Decimal(3), 4).str() == "0.6667");
  CHECK(Decimal::divide(Decimal(1), Decimal(8), 2).str() == "0.12");  // half_even: 0.125
  CHECK(Decimal::divide(Decimal(1), Decimal(8), 2, RoundingMode::half_up).str() == "0.13");
  CHECK(Decimal::divide(Decimal(-1), Decimal(8), 2, RoundingMode::floor).str() == "-0.13");
  CHECK_THROWS_AS((void)(Decimal("1.5") / Decimal("0.00")), ormc::ArgumentError);
}

TEST_CASE("Decimal compares by value; scale(), integer_digits() and fits()") {
  CHECK(Decimal("1.5") == Decimal("1.50"));
  CHECK(Decimal("-0") == Decimal("0.000"));
  CHECK(Decimal("-1.01") < Decimal("-1.001"));
  CHECK(Decimal("999999999999999999999999999999999999999999999999999999999999") >
        Decimal("999999999999999999999999999999999999999999999999999999999998.9"));
  CHECK(Decimal("12.50").scale() == 2);
  CHECK(Decimal("7").scale() == 0);
  CHECK(Decimal("0.05").integer_digits() == 0);
  CHECK(Decimal("-120.5").integer_digits() == 3);
  CHECK(Decimal("1.50").fits(2, 1));  // trailing zeros need no room
  CHECK(Decimal("99.99").fits(4, 2));
  CHECK_FALSE(Decimal("100").fits(4, 2));
  CHECK_FALSE(Decimal("1.123456789012").fits(40, 10));
  CHECK(Decimal("0.1").fits(1, 1));
  CHECK_FALSE(Decimal("1").fits(1, 1));
}
