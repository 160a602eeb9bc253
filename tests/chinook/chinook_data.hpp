// The Chinook dataset for the tests: the dataset's own SQLite script loaded into an
// in-memory database (source()), and copy_all(), which copies it table by table with Core
// bulk inserts into the tables chinook::schema creates on another engine.
#pragma once

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "chinook.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/query.hpp"

namespace chinook_test {

using namespace chinook;

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "the Chinook dataset is missing: "
                                 << path << " (CI keeps ../shared beside the repository)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

//! The dataset as its authors ship it, in an in-memory SQLite database.
inline ormc::Engine& source() {
  static ormc::Engine engine = [] {
    ormc::Engine e = ormc::Engine::connect("sqlite://:memory:");
    ormc::Connection conn = e.connect();
    conn.begin();
    conn.execute(read_file(std::string(ORMC_CHINOOK_DIR) + "/Chinook_Sqlite.sql"));
    conn.commit();
    return e;
  }();
  return engine;
}

//! Every row of M, in primary-key order.
template <ormc::Model M, typename Key>
std::vector<M> rows(ormc::Engine& engine, const Key& key) {
  ormc::Connection conn = engine.connect();
  return ormc::select<M>().order_by(key.asc()).all(conn);
}

template <ormc::Model M>
bool same_row(const M& a, const M& b) {
  bool same = true;
  ormc::for_each_column<M>(
      [&](const auto& column) { same = same && column.of(a) == column.of(b); });
  return same;
}

//! Copies M's rows from the source with one Core bulk insert; returns how many.
template <ormc::Model M, typename Key>
std::size_t copy(ormc::Engine& target, const Key& key) {
  std::vector<M> all = rows<M>(source(), key);
  ormc::Connection conn = target.connect();
  ormc::insert<M>().values(all).execute(conn);
  return all.size();
}

//! Compares M's whole table on `target` with the source, row by row and column by column.
template <ormc::Model M, typename Key>
void check_same_table(ormc::Engine& target, const Key& key) {
  const std::vector<M> expected = rows<M>(source(), key);
  const std::vector<M> actual = rows<M>(target, key);
  INFO("table " << ormc::model_traits<M>::table_name);
  REQUIRE(actual.size() == expected.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (!same_row(actual[i], expected[i])) ++differing;
  }
  CHECK(differing == 0);
}

inline void copy_all(ormc::Engine& target) {
  chinook::schema.create_all(target);
  // Parents first: the foreign keys are enforced on both backends.
  CHECK(copy<Artist>(target, artist::ArtistId) == 275);
  CHECK(copy<Genre>(target, genre::GenreId) == 25);
  CHECK(copy<MediaType>(target, media_type::MediaTypeId) == 5);
  CHECK(copy<Playlist>(target, playlist::PlaylistId) == 18);
  CHECK(copy<Album>(target, album::AlbumId) == 347);
  CHECK(copy<Track>(target, track::TrackId) == 3503);
  CHECK(copy<PlaylistTrack>(target, playlist_track::TrackId) == 8715);
  CHECK(copy<Employee>(target, employee::EmployeeId) == 8);
  CHECK(copy<Customer>(target, customer::CustomerId) == 59);
  CHECK(copy<Invoice>(target, invoice::InvoiceId) == 412);
  CHECK(copy<InvoiceLine>(target, invoice_line::InvoiceLineId) == 2240);
}

}  // namespace chinook_test
