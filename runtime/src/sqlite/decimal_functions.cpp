// ormc's decimal collation, scalar functions and aggregates for SQLite: decimal text in,
// decimal text out, computed exactly by the digit engine (../decimal_digits.hpp).
#include "ormc/sqlite/decimal_functions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "decimal_digits.hpp"

namespace ormc::sqlite {
namespace {

using detail::ScaledDecimal;

int collate_decimal(void* /*unused*/, int size_a, const void* a, int size_b, const void* b) {
  const std::string_view x(static_cast<const char*>(a), static_cast<std::size_t>(size_a));
  const std::string_view y(static_cast<const char*>(b), static_cast<std::size_t>(size_b));
  if (const auto c = detail::compare_text(x, y)) return *c;
  // A text that is no decimal (written by raw SQL) sorts after every decimal, and such texts
  // among themselves as BINARY would: the order stays total, so indexes stay consistent.
  const bool x_decimal = detail::parse_scaled(x).has_value();
  const bool y_decimal = detail::parse_scaled(y).has_value();
  if (x_decimal != y_decimal) return x_decimal ? -1 : 1;
  const int c = x.compare(y);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

void fail(sqlite3_context* context, const std::string& message) {
  sqlite3_result_error(context, message.c_str(), static_cast<int>(message.size()));
  sqlite3_result_error_code(context, SQLITE_MISMATCH);
}

const char* function_name(sqlite3_context* context) {
  return static_cast<const char*>(sqlite3_user_data(context));
}

// A REAL as the decimal text SQLite itself would print for it (15 significant digits):
// the value an older database's NUMERIC column meant when it stored 0.99 as a double.
std::optional<ScaledDecimal> from_real(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  return detail::parse_scaled(detail::real_to_text(value));
}

// The argument as a decimal; nullopt for NULL (`null` set) or after reporting an error.
std::optional<ScaledDecimal> argument(sqlite3_context* context, sqlite3_value* value, bool& null) {
  null = false;
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: null = true; return std::nullopt;
    case SQLITE_INTEGER: return detail::parse_scaled(std::to_string(sqlite3_value_int64(value)));
    case SQLITE_FLOAT: {
      auto decimal = from_real(sqlite3_value_double(value));
      if (!decimal)
        fail(context, std::string(function_name(context)) + ": a non-finite REAL is not a decimal");
      return decimal;
    }
    case SQLITE_TEXT: {
      const std::string_view text(reinterpret_cast<const char*>(sqlite3_value_text(value)),
                                  static_cast<std::size_t>(sqlite3_value_bytes(value)));
      auto decimal = detail::parse_scaled(text);
      if (!decimal) {
        fail(context, std::string(function_name(context)) + ": '" +
                          std::string(text.substr(0, 100)) + "' is not a decimal");
      }
      return decimal;
    }
    default:
      fail(context, std::string(function_name(context)) + ": a BLOB is not a decimal");
      return std::nullopt;
  }
}

void result(sqlite3_context* context, const ScaledDecimal& value) {
  const std::string text = detail::to_text(value);
  sqlite3_result_text(context, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

enum class Binary { add, subtract, multiply, divide, compare };

template <Binary op>
void binary(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  bool null_a = false;
  bool null_b = false;
  const auto a = argument(context, argv[0], null_a);
  if (!a && !null_a) return;
  const auto b = argument(context, argv[1], null_b);
  if (!b && !null_b) return;
  if (null_a || null_b) {
    sqlite3_result_null(context);
    return;
  }
  if constexpr (op == Binary::add) {
    result(context, detail::add(*a, *b));
  } else if constexpr (op == Binary::subtract) {
    result(context, detail::subtract(*a, *b));
  } else if constexpr (op == Binary::multiply) {
    result(context, detail::multiply(*a, *b));
  } else if constexpr (op == Binary::divide) {
    if (b->is_zero()) {
      fail(context, "division by zero");
      return;
    }
    result(context, detail::divide(*a, *b, detail::division_scale(*a, *b), RoundingMode::half_up));
  } else {
    sqlite3_result_int(context, detail::compare(*a, *b));
  }
}

void negate(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  bool null = false;
  auto a = argument(context, argv[0], null);
  if (!a) {
    if (null) sqlite3_result_null(context);
    return;
  }
  a->negative = !a->negative && !a->is_zero();
  result(context, *a);
}

void absolute(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  bool null = false;
  auto a = argument(context, argv[0], null);
  if (!a) {
    if (null) sqlite3_result_null(context);
    return;
  }
  a->negative = false;
  result(context, *a);
}

// ormc_dec(x): x (an INTEGER, a REAL, decimal text) as canonical decimal text: CAST(x AS
// numeric). A REAL is read at 15 significant digits, as PostgreSQL converts a float8.
void convert(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  bool null = false;
  const auto a = argument(context, argv[0], null);
  if (!a) {
    if (null) sqlite3_result_null(context);
    return;
  }
  result(context, *a);
}

// ormc_dec_round(x [, digits]): PostgreSQL's round(numeric, int): half away from zero, to
// exactly `digits` fraction digits; negative digits round left of the point (scale 0).
void round_decimal(sqlite3_context* context, int argc, sqlite3_value** argv) {
  bool null = false;
  const auto a = argument(context, argv[0], null);
  if (!a) {
    if (null) sqlite3_result_null(context);
    return;
  }
  if (argc == 2 && sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const std::int64_t digits = argc == 2 ? sqlite3_value_int64(argv[1]) : 0;
  constexpr std::int64_t limit = 1000;
  if (digits < -limit || digits > limit) {
    fail(context,
         "ormc_dec_round: " + std::to_string(digits) + " digits is out of range (-1000 to 1000)");
    return;
  }
  if (digits >= 0) {
    result(context, detail::round_to(*a, static_cast<int>(digits), RoundingMode::half_up));
    return;
  }
  // Round x / 10^k to an integer, then multiply it back by 10^k.
  const int k = static_cast<int>(-digits);
  ScaledDecimal shifted = *a;
  shifted.scale += k;
  ScaledDecimal rounded = detail::round_to(shifted, 0, RoundingMode::half_up);
  if (!rounded.is_zero()) rounded.digits.append(static_cast<std::size_t>(k), '0');
  result(context, rounded);
}

// ormc_dec_fit(x, p, s): what PostgreSQL does when it stores x in a numeric(p, s) column.
void fit(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  bool null = false;
  const auto a = argument(context, argv[0], null);
  if (!a) {
    if (null) sqlite3_result_null(context);
    return;
  }
  const int precision = sqlite3_value_int(argv[1]);
  const int scale = sqlite3_value_int(argv[2]);
  const ScaledDecimal stored = detail::round_to(*a, scale, RoundingMode::half_up);
  const int integer_digits =
      stored.is_zero() ? 0 : std::max(0, static_cast<int>(stored.digits.size()) - scale);
  if (integer_digits > precision - scale) {
    fail(context, "numeric field overflow: " + detail::to_text(*a) + " does not fit numeric(" +
                      std::to_string(precision) + ", " + std::to_string(scale) + ")");
    return;
  }
  result(context, stored);
}

// The state of ormc_dec_sum / ormc_dec_avg, owned through a pointer in SQLite's aggregate
// context (which is plain zeroed memory) and deleted by the final call. As window functions
// values also leave the frame (xInverse): the result has the largest scale of the values
// still in it, as PostgreSQL's sum and avg over the frame have, so the scale of every value
// present is counted.
struct SumState {
  ScaledDecimal sum;
  std::int64_t count = 0;
  std::map<int, std::int64_t> scales;  //!< scale -> how many values in the frame have it
};

SumState* state(sqlite3_context* context, bool create) {
  // The size of a pointer: the aggregate context holds a pointer to the state, not the state.
  // NOLINTBEGIN(bugprone-sizeof-expression)
  auto** slot =
      static_cast<SumState**>(sqlite3_aggregate_context(context, create ? sizeof(SumState*) : 0));
  // NOLINTEND(bugprone-sizeof-expression)
  if (slot == nullptr) return nullptr;
  if (*slot == nullptr && create) *slot = new SumState;
  return *slot;
}

void sum_step(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  bool null = false;
  const auto value = argument(context, argv[0], null);
  if (!value) return;  // NULLs are skipped, as SUM skips them; errors are reported
  SumState* s = state(context, true);
  if (s == nullptr) {
    sqlite3_result_error_nomem(context);
    return;
  }
  s->sum = s->count == 0 ? *value : detail::add(s->sum, *value);
  ++s->count;
  ++s->scales[value->scale];
}

// A value leaves the window's frame: the step it undoes had the same argument.
void sum_inverse(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  bool null = false;
  const auto value = argument(context, argv[0], null);
  if (!value) return;
  SumState* s = state(context, false);
  if (s == nullptr || s->count == 0) return;  // not stepped: cannot happen for SQLite
  s->sum = detail::subtract(s->sum, *value);
  --s->count;
  const auto at = s->scales.find(value->scale);
  if (at != s->scales.end() && --at->second == 0) s->scales.erase(at);
}

template <bool average>
void sum_result(sqlite3_context* context, const SumState* s) {
  if (s == nullptr || s->count == 0) {
    sqlite3_result_null(context);  // SUM and AVG of no rows are NULL
    return;
  }
  // Exact: every value in the frame has at most this scale, so only zeros are dropped.
  const int scale = s->scales.empty() ? s->sum.scale : std::prev(s->scales.end())->first;
  const ScaledDecimal sum = detail::round_to(s->sum, scale, RoundingMode::half_up);
  if constexpr (average) {
    const ScaledDecimal count = *detail::parse_scaled(std::to_string(s->count));
    result(context,
           detail::divide(sum, count, detail::division_scale(sum, count), RoundingMode::half_up));
  } else {
    result(context, sum);
  }
}

template <bool average>
void sum_value(sqlite3_context* context) {
  sum_result<average>(context, state(context, false));
}

template <bool average>
void sum_final(sqlite3_context* context) {
  SumState* s = state(context, false);
  sum_result<average>(context, s);
  delete s;
}

}  // namespace

int register_decimal_functions(sqlite3* db) {
  constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  using Scalar = void (*)(sqlite3_context*, int, sqlite3_value**);
  struct Function {
    const char* name;
    int arguments;
    Scalar call;
  };
  static constexpr Function scalars[] = {
      {"ormc_dec_add", 2, binary<Binary::add>},
      {"ormc_dec_sub", 2, binary<Binary::subtract>},
      {"ormc_dec_mul", 2, binary<Binary::multiply>},
      {"ormc_dec_div", 2, binary<Binary::divide>},
      {"ormc_dec_cmp", 2, binary<Binary::compare>},
      {"ormc_dec_neg", 1, negate},
      {"ormc_dec_fit", 3, fit},
      {"ormc_dec_abs", 1, absolute},
      {"ormc_dec", 1, convert},
      {"ormc_dec_round", 1, round_decimal},
      {"ormc_dec_round", 2, round_decimal},
  };
  int rc = sqlite3_create_collation_v2(db, "ormc_decimal", SQLITE_UTF8, nullptr, collate_decimal,
                                       nullptr);
  for (const Function& f : scalars) {
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_create_function_v2(db, f.name, f.arguments, flags, const_cast<char*>(f.name),
                                    f.call, nullptr, nullptr, nullptr);
  }
  // Aggregates and window functions alike (SQLite refuses a plain aggregate in OVER).
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_window_function(db, "ormc_dec_sum", 1, flags,
                                        const_cast<char*>("ormc_dec_sum"), sum_step,
                                        sum_final<false>, sum_value<false>, sum_inverse, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_window_function(db, "ormc_dec_avg", 1, flags,
                                        const_cast<char*>("ormc_dec_avg"), sum_step,
                                        sum_final<true>, sum_value<true>, sum_inverse, nullptr);
  }
  return rc;
}

}  // namespace ormc::sqlite
