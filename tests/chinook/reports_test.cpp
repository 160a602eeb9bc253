// Reports on the Chinook dataset written with ormc's typed SQL: joins of several tables,
// outer joins, the Employee self-join, subqueries, CTEs (the reporting tree is recursive),
// set operations. Each runs on every backend over a copy of the dataset and is checked
// against the same question asked in raw SQL on the same connection, row for row.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "chinook.orm.hpp"
#include "chinook_data.hpp"
#include "ormc/engine.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"
#include "support/test_backends.hpp"

namespace {

using namespace chinook;

//! The typed rows must equal the raw SQL's, read into the same row type.
template <typename Rows>
void same_as_raw(ormc::Connection& conn, const Rows& typed, const char* raw) {
  using Row = typename Rows::value_type;
  const std::vector<Row> expected = conn.query<Row>(raw);
  INFO("raw SQL: " << raw);
  CHECK(typed.size() == expected.size());
  CHECK(typed == expected);
}

constexpr auto manager = ormc::alias<Employee, "manager">;

//! Report 17's rows: one member per selected item, in order.
struct AlbumSize {
  std::string title;
  std::int64_t tracks = 0;
  std::optional<std::int32_t> longest;
};

void run_reports(ormc::Connection& conn) {
  {
    INFO("report "
         << "1. tracks with album and artist: a three-table join");
    auto rows = ormc::select(track::Name, album::Title, artist::Name)
                    .select_from<Track>()
                    .join<Album>(album::AlbumId == track::AlbumId)
                    .join<Artist>(artist::ArtistId == album::ArtistId)
                    .where(artist::Name == "AC/DC")
                    .order_by(track::TrackId)
                    .all(conn);
    CHECK(rows.size() == 18);
    same_as_raw(conn, rows,
                R"(SELECT t."Name", al."Title", ar."Name" FROM "Track" t JOIN "Album" al ON )"
                R"(al."AlbumId" = t."AlbumId" JOIN "Artist" ar ON ar."ArtistId" = al."ArtistId" )"
                R"(WHERE ar."Name" = 'AC/DC' ORDER BY t."TrackId")");
  }
  {
    INFO("report "
         << "2. albums per artist, artists without albums kept: LEFT JOIN + COUNT");
    auto n = ormc::count(album::AlbumId).as("albums");
    auto rows = ormc::select(artist::ArtistId, artist::Name, n)
                    .select_from<Artist>()
                    .left_join<Album>(album::ArtistId == artist::ArtistId)
                    .group_by(artist::ArtistId, artist::Name)
                    .order_by(n.desc(), artist::ArtistId)
                    .all(conn);
    CHECK(rows.size() == 275);
    same_as_raw(
        conn, rows,
        R"(SELECT ar."ArtistId", ar."Name", COUNT(al."AlbumId") AS albums FROM "Artist" ar )"
        R"(LEFT JOIN "Album" al ON al."ArtistId" = ar."ArtistId" GROUP BY ar."ArtistId", )"
        R"(ar."Name" ORDER BY albums DESC, ar."ArtistId")");
  }
  {
    INFO("report "
         << "3. artists without albums: the optional side of a LEFT JOIN");
    auto rows = ormc::select(artist::Name, album::Title)
                    .select_from<Artist>()
                    .left_join<Album>(album::ArtistId == artist::ArtistId)
                    .where(album::AlbumId.is_null())
                    .order_by(artist::ArtistId)
                    .all(conn);
    static_assert(
        std::is_same_v<decltype(rows)::value_type,
                       std::tuple<std::optional<std::string>, std::optional<std::string>>>);
    CHECK(rows.size() == 71);
    for (const auto& [artist_name, title] : rows) CHECK(!title.has_value());
    same_as_raw(
        conn, rows,
        R"(SELECT ar."Name", al."Title" FROM "Artist" ar LEFT JOIN "Album" al ON )"
        R"(al."ArtistId" = ar."ArtistId" WHERE al."AlbumId" IS NULL ORDER BY ar."ArtistId")");
  }
  {
    INFO("report "
         << "4. employees and their managers: the self-join through an alias");
    auto rows = ormc::select(employee::FirstName, employee::LastName, manager(employee::FirstName))
                    .select_from<Employee>()
                    .left_join(manager, manager(employee::EmployeeId) == employee::ReportsTo)
                    .order_by(employee::EmployeeId)
                    .all(conn);
    REQUIRE(rows.size() == 8);
    CHECK(std::get<2>(rows[0]) == std::nullopt);  // Andrew Adams reports to no one
    same_as_raw(conn, rows,
                R"(SELECT e."FirstName", e."LastName", m."FirstName" FROM "Employee" e LEFT JOIN )"
                R"("Employee" m ON m."EmployeeId" = e."ReportsTo" ORDER BY e."EmployeeId")");
  }
  {
    INFO("report "
         << "5. revenue per genre: four tables, grouped, exact decimals");
    auto revenue = ormc::sum(invoice_line::UnitPrice * invoice_line::Quantity).as("revenue");
    auto rows = ormc::select(genre::Name, revenue)
                    .select_from<InvoiceLine>()
                    .join<Track>(track::TrackId == invoice_line::TrackId)
                    .join<Genre>(genre::GenreId == track::GenreId)
                    .group_by(genre::GenreId, genre::Name)
                    .order_by(revenue.desc(), genre::Name)
                    .all(conn);
    REQUIRE(!rows.empty());
    CHECK(std::get<0>(rows[0]) == "Rock");
    REQUIRE(std::get<1>(rows[0]).has_value());
    CHECK(std::get<1>(rows[0])->str() == "826.65");
    ormc::Decimal total;
    for (const auto& row : rows) total = total + *std::get<1>(row);
    CHECK(total.str() == "2328.60");
  }
  {
    INFO("report "
         << "6. tracks longer than the average: a scalar subquery");
    auto rows = ormc::select(track::TrackId)
                    .where(track::Milliseconds > ormc::select(ormc::avg(track::Milliseconds)))
                    .order_by(track::TrackId)
                    .all(conn);
    CHECK(rows.size() > 400);
    same_as_raw(
        conn, rows,
        R"(SELECT "TrackId" FROM "Track" WHERE "Milliseconds" > (SELECT AVG("Milliseconds") )"
        R"(FROM "Track") ORDER BY "TrackId")");
  }
  {
    INFO("report "
         << "7. customers who bought Jazz: EXISTS over a correlated join");
    auto rows =
        ormc::select(customer::CustomerId, customer::LastName)
            .where(ormc::exists(
                ormc::select(invoice::InvoiceId)
                    .correlate<Customer>()
                    .join<InvoiceLine>(invoice_line::InvoiceId == invoice::InvoiceId)
                    .join<Track>(track::TrackId == invoice_line::TrackId)
                    .join<Genre>(genre::GenreId == track::GenreId)
                    .where(invoice::CustomerId == customer::CustomerId && genre::Name == "Jazz")))
            .order_by(customer::CustomerId)
            .all(conn);
    CHECK(!rows.empty());
    same_as_raw(
        conn, rows,
        R"(SELECT c."CustomerId", c."LastName" FROM "Customer" c WHERE EXISTS (SELECT 1 FROM )"
        R"("Invoice" i JOIN "InvoiceLine" il ON il."InvoiceId" = i."InvoiceId" JOIN "Track" t )"
        R"(ON t."TrackId" = il."TrackId" JOIN "Genre" g ON g."GenreId" = t."GenreId" WHERE )"
        R"(i."CustomerId" = c."CustomerId" AND g."Name" = 'Jazz') ORDER BY c."CustomerId")");
  }
  {
    INFO("report "
         << "8. tracks never sold: NOT IN a subquery");
    auto rows = ormc::select(track::TrackId)
                    .where(track::TrackId.not_in(ormc::select(invoice_line::TrackId)))
                    .order_by(track::TrackId)
                    .all(conn);
    CHECK(rows.size() == 1519);
    same_as_raw(conn, rows,
                R"(SELECT "TrackId" FROM "Track" WHERE "TrackId" NOT IN (SELECT "TrackId" FROM )"
                R"("InvoiceLine") ORDER BY "TrackId")");
  }
  {
    INFO("report "
         << "9. customers above their country's average spend: a derived table");
    auto spent = ormc::select(invoice::CustomerId, ormc::sum(invoice::Total).as("spent"))
                     .group_by(invoice::CustomerId)
                     .subquery<"spent">();
    auto rows = ormc::select(customer::CustomerId, spent.col<1>())
                    .select_from<Customer>()
                    .join(spent, spent.col<0>() == customer::CustomerId)
                    .where(spent.col<1>() > 45)
                    .order_by(customer::CustomerId)
                    .all(conn);
    CHECK(!rows.empty());
    for (const auto& [id, total] : rows) CHECK(*total > ormc::Decimal("45"));
    auto raw = conn.query<std::tuple<std::int32_t>>(
        R"(SELECT c."CustomerId" FROM "Customer" c JOIN (SELECT "CustomerId", SUM("Total") AS spent )"
        R"(FROM "Invoice" GROUP BY "CustomerId") s ON s."CustomerId" = c."CustomerId" WHERE )"
        R"(s.spent > 45 ORDER BY c."CustomerId")");
    REQUIRE(raw.size() == rows.size());
    for (std::size_t i = 0; i < raw.size(); ++i) CHECK(std::get<0>(raw[i]) == std::get<0>(rows[i]));
  }
  {
    INFO("report "
         << "10. the reporting tree: a recursive CTE with each employee's depth");
    auto tree = ormc::recursive_cte<"tree">(
        ormc::select(employee::EmployeeId, employee::FirstName, ormc::literal(0).as("depth"))
            .where(employee::ReportsTo.is_null()));
    tree = tree.union_all(ormc::select(employee::EmployeeId, employee::FirstName, tree.col<2>() + 1)
                              .select_from<Employee>()
                              .join(tree, employee::ReportsTo == tree.col<0>()));
    auto rows = ormc::select(tree.col<1>(), tree.col<2>())
                    .select_from(tree)
                    .order_by(tree.col<2>(), tree.col<0>())
                    .all(conn);
    REQUIRE(rows.size() == 8);
    CHECK(rows[0] == std::tuple<std::string, std::int64_t>{"Andrew", 0});
    CHECK(std::get<1>(rows[7]) == 2);
    same_as_raw(
        conn, rows,
        R"(WITH RECURSIVE tree(id, name, depth) AS (SELECT "EmployeeId", "FirstName", 0 FROM )"
        R"("Employee" WHERE "ReportsTo" IS NULL UNION ALL SELECT e."EmployeeId", )"
        R"(e."FirstName", tree.depth + 1 FROM "Employee" e JOIN tree ON e."ReportsTo" = tree.id) )"
        R"(SELECT name, depth FROM tree ORDER BY depth, id)");
  }
  {
    INFO("report "
         << "11. a CTE of big invoices joined to customers");
    auto big = ormc::select(invoice::InvoiceId, invoice::CustomerId)
                   .where(invoice::Total >= 20)
                   .cte<"big">();
    auto rows = ormc::select(customer::LastName, ormc::count(big.col<0>()).as("n"))
                    .select_from(big)
                    .join<Customer>(customer::CustomerId == big.col<1>())
                    .group_by(customer::LastName)
                    .order_by(customer::LastName)
                    .all(conn);
    CHECK(!rows.empty());
    same_as_raw(
        conn, rows,
        R"(WITH big AS (SELECT "InvoiceId", "CustomerId" FROM "Invoice" WHERE "Total" >= 20) )"
        R"(SELECT c."LastName", COUNT(big."InvoiceId") AS n FROM big JOIN "Customer" c ON )"
        R"(c."CustomerId" = big."CustomerId" GROUP BY c."LastName" ORDER BY c."LastName")");
  }
  {
    INFO("report "
         << "12. cities of customers and employees: UNION, ordered on the whole");
    auto rows = ormc::union_(ormc::select(customer::City), ormc::select(employee::City))
                    .order_by(customer::City)
                    .all(conn);
    CHECK(rows.size() > 50);
    same_as_raw(conn, rows,
                R"(SELECT "City" FROM "Customer" UNION SELECT "City" FROM "Employee" ORDER BY 1)");
  }
  {
    INFO("report "
         << "13. countries with customers but no employee: EXCEPT; with both: INTERSECT");
    auto only = ormc::except_(ormc::select(customer::Country), ormc::select(employee::Country))
                    .order_by(customer::Country)
                    .all(conn);
    same_as_raw(
        conn, only,
        R"(SELECT "Country" FROM "Customer" EXCEPT SELECT "Country" FROM "Employee" ORDER BY 1)");
    auto both =
        ormc::intersect(ormc::select(customer::Country), ormc::select(employee::Country)).all(conn);
    REQUIRE(both.size() == 1);
    CHECK(std::get<0>(both[0]) == "Canada");
  }
  {
    INFO("report "
         << "14. playlists with their track counts: many-to-many through PlaylistTrack");
    auto n = ormc::count(playlist_track::TrackId).as("tracks");
    auto rows = ormc::select(playlist::Name, n)
                    .select_from<Playlist>()
                    .left_join<PlaylistTrack>(playlist_track::PlaylistId == playlist::PlaylistId)
                    .group_by(playlist::PlaylistId, playlist::Name)
                    .order_by(n.desc(), playlist::Name)
                    .all(conn);
    CHECK(rows.size() == 18);
    same_as_raw(
        conn, rows,
        R"(SELECT p."Name", COUNT(pt."TrackId") AS tracks FROM "Playlist" p LEFT JOIN )"
        R"("PlaylistTrack" pt ON pt."PlaylistId" = p."PlaylistId" GROUP BY p."PlaylistId", )"
        R"(p."Name" ORDER BY tracks DESC, p."Name")");
  }
  {
    INFO("report "
         << "15. every support rep's customers and sales: three tables, HAVING on a label");
    auto sales = ormc::sum(invoice::Total).as("sales");
    auto rows = ormc::select(employee::LastName, ormc::count_distinct(customer::CustomerId), sales)
                    .select_from<Employee>()
                    .join<Customer>(customer::SupportRepId == employee::EmployeeId)
                    .join<Invoice>(invoice::CustomerId == customer::CustomerId)
                    .group_by(employee::EmployeeId, employee::LastName)
                    .having(ormc::count(invoice::InvoiceId) > 10)
                    .order_by(employee::LastName)
                    .all(conn);
    REQUIRE(rows.size() == 3);
    ormc::Decimal total;
    for (const auto& row : rows) total = total + *std::get<2>(row);
    CHECK(total.str() == "2328.60");
  }
  {
    INFO("report "
         << "16. per-customer invoice counts in the select list: a correlated scalar subquery");
    auto rows =
        ormc::select(customer::CustomerId, ormc::select(ormc::count(invoice::InvoiceId))
                                               .correlate<Customer>()
                                               .where(invoice::CustomerId == customer::CustomerId)
                                               .as("invoices"))
            .order_by(customer::CustomerId)
            .limit(10)
            .all(conn);
    REQUIRE(rows.size() == 10);
    for (const auto& row : rows) CHECK(std::get<1>(row) == 7);
  }
  {
    INFO("report 18. the 3 longest tracks of every album: row_number() in a derived table");
    auto rn = ormc::row_number()
                  .over(ormc::partition_by(track::AlbumId)
                            .order_by(track::Milliseconds.desc(), track::TrackId))
                  .as("rn");
    auto ranked =
        ormc::select(track::AlbumId, track::TrackId, track::Milliseconds, rn).subquery<"ranked">();
    auto rows = ormc::select(ranked.col<0>(), ranked.col<1>(), ranked.col<3>())
                    .select_from(ranked)
                    .where(ranked.col<3>() <= 3)
                    .order_by(ranked.col<0>(), ranked.col<3>())
                    .all(conn);
    CHECK(rows.size() > 800);
    same_as_raw(
        conn, rows,
        R"(SELECT "AlbumId", "TrackId", rn FROM (SELECT "AlbumId", "TrackId", ROW_NUMBER() )"
        R"(OVER (PARTITION BY "AlbumId" ORDER BY "Milliseconds" DESC, "TrackId") AS rn FROM )"
        R"("Track") AS ranked WHERE rn <= 3 ORDER BY "AlbumId", rn)");
  }
  {
    INFO("report 19. genres ranked by their number of tracks: rank() over an aggregate");
    auto n = ormc::count(track::TrackId).as("n");
    auto place =
        ormc::rank().over(ormc::window().order_by(ormc::count(track::TrackId).desc())).as("place");
    auto rows = ormc::select(genre::Name, n, place)
                    .select_from<Genre>()
                    .join<Track>(track::GenreId == genre::GenreId)
                    .group_by(genre::GenreId, genre::Name)
                    .order_by(place, genre::Name)
                    .all(conn);
    REQUIRE(rows.size() == 25);
    CHECK(std::get<0>(rows[0]) == "Rock");
    CHECK(std::get<2>(rows[0]) == 1);
    same_as_raw(
        conn, rows,
        R"(SELECT g."Name", COUNT(t."TrackId") AS n, RANK() OVER (ORDER BY COUNT(t."TrackId") )"
        R"(DESC) AS place FROM "Genre" g JOIN "Track" t ON t."GenreId" = g."GenreId" GROUP BY )"
        R"(g."GenreId", g."Name" ORDER BY place, g."Name")");
  }
  {
    INFO("report 20. every customer's running total over their invoices: sum().over() of decimals");
    auto running = ormc::sum(invoice::Total)
                       .over(ormc::partition_by(invoice::CustomerId)
                                 .order_by(invoice::InvoiceDate, invoice::InvoiceId))
                       .as("running");
    auto rows = ormc::select(invoice::CustomerId, invoice::InvoiceId, running)
                    .order_by(invoice::CustomerId, invoice::InvoiceDate, invoice::InvoiceId)
                    .all(conn);
    REQUIRE(rows.size() == 412);
    // The last running total of each customer is their whole spend, exactly.
    std::map<std::int32_t, ormc::Decimal> last;
    for (const auto& [customer, id, total] : rows) last[customer] = *total;
    ormc::Decimal all;
    for (const auto& [customer, total] : last) all = all + total;
    CHECK(all.str() == "2328.60");
    CHECK(last.at(6).str() == "49.62");
  }
  {
    INFO("report 21. dense_rank of customers by spend within their country");
    auto spend = ormc::sum(invoice::Total);
    auto place =
        ormc::dense_rank()
            .over(ormc::partition_by(customer::Country).order_by(ormc::sum(invoice::Total).desc()))
            .as("place");
    auto rows = ormc::select(customer::Country, customer::CustomerId, spend, place)
                    .select_from<Customer>()
                    .join<Invoice>(invoice::CustomerId == customer::CustomerId)
                    .group_by(customer::Country, customer::CustomerId)
                    .order_by(customer::Country, place, customer::CustomerId)
                    .all(conn);
    REQUIRE(rows.size() == 59);
    std::size_t firsts = 0;
    for (const auto& row : rows)
      if (std::get<3>(row) == 1) ++firsts;
    CHECK(firsts >= 24);  // at least one first place per country
    // The oracle, in C++ over the exact sums: within a country, sorted by spend descending,
    // the rank rises by one at each new amount. (Raw SQL on SQLite would sum REALs, whose
    // rounding can order equal spends differently.)
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& [country, id, total, rank] = rows[i];
      const auto& [prev_country, prev_id, prev_total, prev_place] = rows[i - 1];
      if (country != prev_country) {
        CHECK(rank == 1);
      } else if (*total == *prev_total) {
        CHECK(rank == prev_place);
      } else {
        CHECK(*total < *prev_total);
        CHECK(rank == prev_place + 1);
      }
    }
  }
  {
    INFO("report 22. tracks by length band: CASE with branches of one type, grouped");
    auto band = ormc::case_when(track::Milliseconds < 180000, "short")
                    .when(track::Milliseconds < 360000, "medium")
                    .else_("long")
                    .as("band");
    auto rows =
        ormc::select(band, ormc::count(track::TrackId)).group_by(band).order_by(band).all(conn);
    REQUIRE(rows.size() == 3);
    std::int64_t total = 0;
    for (const auto& row : rows) total += std::get<1>(row);
    CHECK(total == 3503);
    same_as_raw(conn, rows,
                R"(SELECT CASE WHEN "Milliseconds" < 180000 THEN 'short' WHEN "Milliseconds" < )"
                R"(360000 THEN 'medium' ELSE 'long' END AS band, COUNT("TrackId") FROM "Track" )"
                R"(GROUP BY band ORDER BY band)");
  }
  {
    INFO("report 23. invoices and sales per year: year() of a timestamp, exact sums");
    auto y = ormc::year(invoice::InvoiceDate).as("y");
    auto rows = ormc::select(y, ormc::count(invoice::InvoiceId), ormc::sum(invoice::Total))
                    .group_by(y)
                    .order_by(y)
                    .all(conn);
    REQUIRE(rows.size() == 5);
    CHECK(std::get<0>(rows[0]) == 2021);
    ormc::Decimal all;
    std::int64_t invoices = 0;
    for (const auto& [year, count, total] : rows) {
      invoices += count;
      all = all + *total;
    }
    CHECK(invoices == 412);
    CHECK(all.str() == "2328.60");
  }
  {
    INFO("report 24. composers: coalesce of a nullable column, upper, length, grouped by a label");
    // A label selected at the top: GROUP BY and ORDER BY name it, so that the value it
    // binds ('unknown') is bound once (PostgreSQL cannot tell $1 from $2).
    auto who = ormc::coalesce(track::Composer, "unknown").as("who");
    auto rows = ormc::select(who, ormc::upper(track::Name), ormc::length(track::Name))
                    .where(track::AlbumId == 1 || track::AlbumId == 6)
                    .order_by(who, track::TrackId)
                    .all(conn);
    REQUIRE(rows.size() == 23);
    same_as_raw(
        conn, rows,
        R"(SELECT COALESCE("Composer", 'unknown') AS who, upper("Name"), length("Name") FROM )"
        R"("Track" WHERE "AlbumId" = 1 OR "AlbumId" = 6 ORDER BY who, "TrackId")");
    auto per = ormc::select(who, ormc::count(track::TrackId))
                   .where(track::AlbumId == 1 || track::AlbumId == 6)
                   .group_by(who)
                   .order_by(who)
                   .all(conn);
    same_as_raw(
        conn, per,
        R"(SELECT COALESCE("Composer", 'unknown') AS who, COUNT("TrackId") FROM "Track" WHERE )"
        R"("AlbumId" = 1 OR "AlbumId" = 6 GROUP BY who ORDER BY who)");
  }
  {
    INFO("report 25. customer initials and email domains: substr, replace, concat");
    auto initials = ormc::concat(ormc::substr(customer::FirstName, 1, 1),
                                 ormc::substr(customer::LastName, 1, 1));
    auto rows =
        ormc::select(customer::CustomerId, initials, ormc::replace(customer::Email, "@", " at "))
            .where(customer::CustomerId <= 5)
            .order_by(customer::CustomerId)
            .all(conn);
    REQUIRE(rows.size() == 5);
    CHECK(std::get<1>(rows[0]) == "LG");  // Luís Gonçalves
    same_as_raw(conn, rows,
                R"(SELECT "CustomerId", substr("FirstName", 1, 1) || substr("LastName", 1, 1), )"
                R"(replace("Email", '@', ' at ') FROM "Customer" WHERE "CustomerId" <= 5 ORDER BY )"
                R"("CustomerId")");
  }
  {
    INFO("report 26. average track length per genre in whole seconds: round and cast");
    auto seconds = ormc::round(ormc::avg(track::Milliseconds) / 1000.0).as("seconds");
    auto rows = ormc::select(genre::Name, seconds)
                    .select_from<Genre>()
                    .join<Track>(track::GenreId == genre::GenreId)
                    .group_by(genre::GenreId, genre::Name)
                    .order_by(genre::GenreId)
                    .all(conn);
    REQUIRE(rows.size() == 25);
    CHECK(std::get<1>(rows[0]) == 284.0);  // Rock: 283.910... s
  }
  {
    INFO("report 27. tracks on no playlist: NOT EXISTS, correlated");
    auto rows = ormc::select(track::TrackId)
                    .where(ormc::not_exists(ormc::select(playlist_track::PlaylistId)
                                                .correlate<Track>()
                                                .where(playlist_track::TrackId == track::TrackId)))
                    .order_by(track::TrackId)
                    .all(conn);
    same_as_raw(
        conn, rows,
        R"(SELECT t."TrackId" FROM "Track" t WHERE NOT EXISTS (SELECT 1 FROM "PlaylistTrack" pt )"
        R"(WHERE pt."TrackId" = t."TrackId") ORDER BY t."TrackId")");
  }
  {
    INFO("report 28. artists of more than one genre: a 4-table join, HAVING count_distinct");
    auto genres = ormc::count_distinct(track::GenreId).as("genres");
    auto rows = ormc::select(artist::Name, genres)
                    .select_from<Artist>()
                    .join<Album>(album::ArtistId == artist::ArtistId)
                    .join<Track>(track::AlbumId == album::AlbumId)
                    .group_by(artist::ArtistId, artist::Name)
                    .having(ormc::count_distinct(track::GenreId) > 1)
                    .order_by(genres.desc(), artist::Name)
                    .all(conn);
    CHECK(!rows.empty());
    same_as_raw(
        conn, rows,
        R"(SELECT ar."Name", COUNT(DISTINCT t."GenreId") AS genres FROM "Artist" ar JOIN "Album" )"
        R"(al ON al."ArtistId" = ar."ArtistId" JOIN "Track" t ON t."AlbumId" = al."AlbumId" )"
        R"(GROUP BY ar."ArtistId", ar."Name" HAVING COUNT(DISTINCT t."GenreId") > 1 ORDER BY )"
        R"(genres DESC, ar."Name")");
  }
  {
    INFO(
        "report 29. media types and genres of the best-selling tracks: UNION ALL of labelled "
        "selects, LIMIT on the whole");
    auto best = ormc::union_all(
        ormc::select(media_type::Name.as("name"),
                     ormc::count(invoice_line::InvoiceLineId).as("sold"))
            .select_from<InvoiceLine>()
            .join<Track>(track::TrackId == invoice_line::TrackId)
            .join<MediaType>(media_type::MediaTypeId == track::MediaTypeId)
            .group_by(media_type::Name),
        ormc::select(genre::Name.as("name"), ormc::count(invoice_line::InvoiceLineId).as("sold"))
            .select_from<InvoiceLine>()
            .join<Track>(track::TrackId == invoice_line::TrackId)
            .join<Genre>(genre::GenreId == track::GenreId)
            .group_by(genre::Name));
    auto sold = ormc::count(invoice_line::InvoiceLineId).as("sold");
    auto rows =
        std::move(best).order_by(sold.desc(), media_type::Name.as("name")).limit(4).all(conn);
    REQUIRE(rows.size() == 4);
    CHECK(std::get<1>(rows[0]) == 1976);  // MPEG audio file
  }
  {
    INFO(
        "report 30. each employee's customer count beside their manager's name, via the schema's "
        "relations");
    auto rows = ormc::select(employee::LastName, manager(employee::LastName),
                             ormc::count(customer::CustomerId))
                    .select_from<Employee>()
                    .join(employee::manager, manager)
                    .join(employee::customers)
                    .group_by(employee::EmployeeId, employee::LastName, manager(employee::LastName))
                    .order_by(employee::EmployeeId)
                    .all(conn);
    same_as_raw(
        conn, rows,
        R"(SELECT e."LastName", m."LastName", COUNT(c."CustomerId") FROM "Employee" e LEFT )"
        R"(JOIN "Employee" m ON e."ReportsTo" = m."EmployeeId" LEFT JOIN "Customer" c ON )"
        R"(e."EmployeeId" = c."SupportRepId" GROUP BY e."EmployeeId", e."LastName", )"
        R"(m."LastName" ORDER BY e."EmployeeId")");
  }
  {
    INFO("report 31. playlists of each AC/DC track: many-to-many in one join");
    auto rows = ormc::select(track::Name, playlist::Name)
                    .select_from<Track>()
                    .inner_join(track::playlists)
                    .join(track::album)
                    .where(album::ArtistId == 1)
                    .order_by(track::TrackId, playlist::PlaylistId)
                    .all(conn);
    CHECK(!rows.empty());
    same_as_raw(
        conn, rows,
        R"(SELECT t."Name", p."Name" FROM "Track" t JOIN "PlaylistTrack" pt ON t."TrackId" = )"
        R"(pt."TrackId" JOIN "Playlist" p ON pt."PlaylistId" = p."PlaylistId" LEFT JOIN )"
        R"("Album" al ON t."AlbumId" = al."AlbumId" WHERE al."ArtistId" = 1 ORDER BY )"
        R"(t."TrackId", p."PlaylistId")");
  }
  {
    INFO("report 17. album sizes into the caller's own struct: into<Row>()");
    auto rows =
        ormc::select(album::Title, ormc::count(track::TrackId), ormc::max(track::Milliseconds))
            .select_from<Album>()
            .join<Track>(track::AlbumId == album::AlbumId)
            .group_by(album::AlbumId, album::Title)
            .order_by(album::AlbumId)
            .into<AlbumSize>()
            .all(conn);
    REQUIRE(rows.size() == 347);
    CHECK(rows[0].title == "For Those About To Rock We Salute You");
    CHECK(rows[0].tracks == 10);
    auto raw = conn.query<std::tuple<std::string, std::int64_t>>(
        R"(SELECT al."Title", COUNT(t."TrackId") FROM "Album" al JOIN "Track" t ON t."AlbumId" = )"
        R"(al."AlbumId" GROUP BY al."AlbumId", al."Title" ORDER BY al."AlbumId")");
    REQUIRE(raw.size() == rows.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      CHECK(rows[i].title == std::get<0>(raw[i]));
      CHECK(rows[i].tracks == std::get<1>(raw[i]));
    }
  }
}

}  // namespace

TEST_CASE("Chinook reports: typed SQL answers as the raw SQL does, on every backend") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    chinook_test::copy_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    run_reports(conn);
  }
}

// Raw SQL with named binds filling objects the Session tracks (SQLAlchemy's from_statement):
// the same objects get() returns, changes written back by commit().
TEST_CASE("Session::from_statement: raw SQL into tracked objects, on every backend") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    chinook_test::copy_all(db.engine());
    ormc::Session session(db.engine());
    Track* first = session.get<Track>(1);
    REQUIRE(first != nullptr);
    std::vector<std::reference_wrapper<Track>> tracks = session.from_statement<Track>(
        R"(SELECT * FROM "Track" WHERE "AlbumId" = :album AND "Milliseconds" > :ms ORDER BY "TrackId")",
        {{"album", 1}, {"ms", 0}});
    REQUIRE(tracks.size() == 10);
    CHECK(&tracks[0].get() == first);  // the identity map's object, not a copy
    // Columns in another order, and extra ones, map by name.
    std::vector<std::reference_wrapper<Album>> albums = session.from_statement<Album>(
        R"(SELECT "Title", 1 AS extra, "ArtistId", "AlbumId" FROM "Album" WHERE "AlbumId" = :id)",
        {{"id", 2}});
    REQUIRE(albums.size() == 1);
    CHECK(albums[0].get().Title == "Balls to the Wall");
    albums[0].get().Title = "Balls to the Wall (remastered)";
    session.commit();
    ormc::Connection conn = db.engine().connect();
    CHECK(std::get<0>(ormc::select(album::Title).where(album::AlbumId == 2).one(conn)) ==
          "Balls to the Wall (remastered)");
  }
}
