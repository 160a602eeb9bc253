// A recursive CTE whose member selects other types than its anchor.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

void build() {
  auto chain = ormc::recursive_cte<"chain">(ormc::select(user::id, user::username));
  chain = chain.union_all(ormc::select(user::id, user::email, user::age)
                              .select_from<User>()
                              .join(chain, user::id == chain.col<0>()));
}
