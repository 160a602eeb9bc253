// The control of the function snippets: the functions used right compile, warning-free.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto lowered = ormc::lower(user::username);
auto rounded = ormc::round(user::balance, 2);
auto label = ormc::case_when(user::is_active, user::age).else_(0);
auto text = ormc::cast<std::string>(user::age);
auto q = ormc::select(user::id, ormc::row_number().over(ormc::window().order_by(user::id)),
                      ormc::sum(user::balance).over(ormc::partition_by(user::role)),
                      ormc::coalesce(user::age, user::id), ormc::concat(user::username, "!"),
                      ormc::year(user::created_at), ormc::add_days(user::created_at, 1));
static_assert(std::is_same_v<decltype(q)::result_type,
                             std::tuple<std::int64_t, std::int64_t, std::optional<ormc::Decimal>,
                                        std::int64_t, std::string, std::int32_t, ormc::Timestamp>>);
// A window function may order the rows; the top N per group filter its label in a subquery.
auto rn = ormc::row_number().over(ormc::partition_by(user::role).order_by(user::id)).as("rn");
auto ranked = ormc::select(user::id, user::role, rn).order_by(rn, user::id).subquery<"ranked">();
auto top = ormc::select(ranked.col<0>()).select_from(ranked).where(ranked.col<2>() <= 3);
static_assert(std::is_same_v<decltype(top)::result_type, std::tuple<std::int64_t>>);
