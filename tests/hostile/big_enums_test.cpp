// The largest enum ormc accepts goes through the runtime: the Session inserts it, a select
// reads it back, on every backend. (The 400-column model is not used through the Session
// here: with g++ 12 -O3 such a translation unit took over 18 minutes and 2 GB to compile;
// the Session-core issue replaces the tuple of columns that causes it.)
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "big_enums.orm.hpp"
#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"
#include "support/test_backends.hpp"

TEST_CASE("enums of 256, 257 and 4096 values round-trip through the Session") {
  using namespace hostile::big_enums;
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    schema.create_all(db.engine());
    {
      ormc::Session session(db.engine());
      Holder holder;  // defaults: v255, v256, v4095
      session.add(std::move(holder));
      Holder other;
      other.byte = Byte::v0;
      other.largest = Largest::v2048;
      session.add(std::move(other));
      session.commit();
    }
    ormc::Connection conn = db.engine().connect();
    std::vector<Holder> rows = ormc::select<Holder>().order_by(holder::id).all(conn);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].byte == Byte::v255);
    CHECK(rows[0].wider == Wider::v256);
    CHECK(rows[0].largest == Largest::v4095);
    CHECK(rows[1].byte == Byte::v0);
    CHECK(rows[1].largest == Largest::v2048);
  }
}
