// Recursive CTEs over a category tree (category_tree.orm: a table that references itself):
// walked down from the roots with each category's depth and path, up from a leaf to its
// root, and below one category; each walk is checked against the rows the same question in
// raw SQL gives on the same connection, and against the tree written out, on every backend.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "category_tree.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/query.hpp"
#include "support/test_backends.hpp"

using namespace treedb;

namespace {

//   1 Electronics            6 Books
//   ├── 2 Computers          └── 7 Fiction
//   │   ├── 3 Laptops            └── 8 Science fiction
//   │   └── 4 Tablets        9 Garden (no children)
//   └── 5 Phones
void fill(ormc::Connection& conn) {
  const std::vector<Category> tree{
      {.id = 1, .parent_id = std::nullopt, .name = "Electronics"},
      {.id = 2, .parent_id = 1, .name = "Computers"},
      {.id = 3, .parent_id = 2, .name = "Laptops"},
      {.id = 4, .parent_id = 2, .name = "Tablets"},
      {.id = 5, .parent_id = 1, .name = "Phones"},
      {.id = 6, .parent_id = std::nullopt, .name = "Books"},
      {.id = 7, .parent_id = 6, .name = "Fiction"},
      {.id = 8, .parent_id = 7, .name = "Science fiction"},
      {.id = 9, .parent_id = std::nullopt, .name = "Garden"},
  };
  ormc::insert<Category>().values(tree).execute(conn);
}

//! The typed rows must equal the raw SQL's, read into the same row type.
template <typename Rows>
void same_as_raw(ormc::Connection& conn, const Rows& typed, const char* raw) {
  using Row = typename Rows::value_type;
  const std::vector<Row> expected = conn.query<Row>(raw);
  INFO("raw SQL: " << raw);
  CHECK(typed.size() == expected.size());
  CHECK(typed == expected);
}

}  // namespace

TEST_CASE("a recursive CTE walks a category tree from its roots, with depth and path") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    fill(conn);

    // The anchor's path is cast to text: PostgreSQL wants a recursive column to have one
    // type, and name || ' / ' || ... is text where name is varchar(40).
    auto tree = ormc::recursive_cte<"tree">(
        ormc::select(category::id, category::name, ormc::literal(0).as("depth"),
                     ormc::cast<std::string>(category::name).as("path"))
            .where(category::parent_id.is_null()));
    tree = tree.union_all(ormc::select(category::id, category::name, tree.col<2>() + 1,
                                       ormc::concat(tree.col<3>(), " / ", category::name))
                              .select_from<Category>()
                              .join(tree, category::parent_id == tree.col<0>()));
    auto rows = ormc::select(tree.col<0>(), tree.col<2>(), tree.col<3>())
                    .select_from(tree)
                    .order_by(tree.col<0>())
                    .all(conn);
    using Row = std::tuple<std::int64_t, std::int64_t, std::string>;
    const std::vector<Row> expected{
        {1, 0, "Electronics"},
        {2, 1, "Electronics / Computers"},
        {3, 2, "Electronics / Computers / Laptops"},
        {4, 2, "Electronics / Computers / Tablets"},
        {5, 1, "Electronics / Phones"},
        {6, 0, "Books"},
        {7, 1, "Books / Fiction"},
        {8, 2, "Books / Fiction / Science fiction"},
        {9, 0, "Garden"},
    };
    CHECK(rows == expected);
    same_as_raw(
        conn, rows,
        R"(WITH RECURSIVE t(id, name, depth, path) AS (SELECT id, name, 0, CAST(name AS TEXT) )"
        R"(FROM categories WHERE parent_id IS NULL UNION ALL SELECT c.id, c.name, t.depth + 1, )"
        R"(t.path || ' / ' || c.name FROM categories c JOIN t ON c.parent_id = t.id) )"
        R"(SELECT id, depth, path FROM t ORDER BY id)");

    // The deepest categories, and how many categories each level has.
    auto deepest_query =
        ormc::select(tree.col<3>())
            .select_from(tree)
            .where(tree.col<2>() == ormc::select(ormc::max(tree.col<2>())).select_from(tree))
            .order_by(tree.col<3>());
    // The subquery reads the statement's "tree" rather than walk the tree again.
    const std::string sql = deepest_query.render(conn.dialect()).sql;
    CHECK(sql.find("WITH RECURSIVE") == 0);
    CHECK(sql.find("WITH", 1) == std::string::npos);
    auto deepest = deepest_query.scalars(conn);
    CHECK(deepest == std::vector<std::string>{"Books / Fiction / Science fiction",
                                              "Electronics / Computers / Laptops",
                                              "Electronics / Computers / Tablets"});
    auto n = ormc::count_all().as("n");
    auto levels = ormc::select(tree.col<2>(), n)
                      .select_from(tree)
                      .group_by(tree.col<2>())
                      .order_by(tree.col<2>())
                      .all(conn);
    CHECK(levels == std::vector<std::tuple<std::int64_t, std::int64_t>>{{0, 3}, {1, 3}, {2, 3}});
    same_as_raw(
        conn, levels,
        R"(WITH RECURSIVE t(id, depth) AS (SELECT id, 0 FROM categories WHERE parent_id IS )"
        R"(NULL UNION ALL SELECT c.id, t.depth + 1 FROM categories c JOIN t ON c.parent_id = )"
        R"(t.id) SELECT depth, COUNT(*) FROM t GROUP BY depth ORDER BY depth)");
  }
}

TEST_CASE("a recursive CTE walks a category tree up to its root, and below one category") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    fill(conn);

    // Up: from Science fiction (8) through its parents; the step counts the distance.
    auto up = ormc::recursive_cte<"up">(
        ormc::select(category::id, category::parent_id, category::name, ormc::literal(0).as("step"))
            .where(category::id == 8));
    up = up.union_all(
        ormc::select(category::id, category::parent_id, category::name, up.col<3>() + 1)
            .select_from<Category>()
            .join(up, category::id == up.col<1>()));
    auto ancestors =
        ormc::select(up.col<2>(), up.col<3>()).select_from(up).order_by(up.col<3>()).all(conn);
    CHECK(ancestors == std::vector<std::tuple<std::string, std::int64_t>>{
                           {"Science fiction", 0}, {"Fiction", 1}, {"Books", 2}});
    same_as_raw(conn, ancestors,
                R"(WITH RECURSIVE up(id, parent_id, name, step) AS (SELECT id, parent_id, name, )"
                R"(0 FROM categories WHERE id = 8 UNION ALL SELECT c.id, c.parent_id, c.name, )"
                R"(up.step + 1 FROM categories c JOIN up ON c.id = up.parent_id) SELECT name, )"
                R"(step FROM up ORDER BY step)");

    // Down from Electronics (1): its subtree, each category with the name of its parent
    // (a LEFT JOIN of the CTE's rows to the table, the root having none in the subtree).
    auto below = ormc::recursive_cte<"below">(
        ormc::select(category::id, category::parent_id).where(category::id == 1));
    below = below.union_(ormc::select(category::id, category::parent_id)
                             .select_from<Category>()
                             .join(below, category::parent_id == below.col<0>()));
    constexpr auto parent = ormc::alias<Category, "parent">;
    auto subtree =
        ormc::select(category::name, parent(category::name))
            .select_from(below)
            .join<Category>(category::id == below.col<0>())
            .left_join(parent, parent(category::id) == below.col<1>() && below.col<0>() != 1)
            .order_by(category::id)
            .all(conn);
    CHECK(subtree == std::vector<std::tuple<std::string, std::optional<std::string>>>{
                         {"Electronics", std::nullopt},
                         {"Computers", "Electronics"},
                         {"Laptops", "Computers"},
                         {"Tablets", "Computers"},
                         {"Phones", "Electronics"}});
    same_as_raw(conn, subtree,
                R"(WITH RECURSIVE b(id, parent_id) AS (SELECT id, parent_id FROM categories )"
                R"(WHERE id = 1 UNION SELECT c.id, c.parent_id FROM categories c JOIN b ON )"
                R"(c.parent_id = b.id) SELECT c.name, p.name FROM b JOIN categories c ON c.id = )"
                R"(b.id LEFT JOIN categories p ON p.id = b.parent_id AND b.id <> 1 ORDER BY c.id)");
  }
}
