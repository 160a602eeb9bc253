// The machinery of the value round-trip suite: one table of tests/values/values.orm, every
// way ormc writes a value into it and every way it reads one back, and the two outcomes a
// value may have: it comes back exactly (bit for bit for floats), or its write fails with
// a DataError naming the column, and nothing is stored.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"
#include "support/test_backends.hpp"

namespace values_test {

//! Every way ormc writes a column value.
enum class WritePath { core_insert, core_update, upsert, raw_sql, session_add, session_dirty };
inline constexpr std::array write_paths = {WritePath::core_insert, WritePath::core_update,
                                           WritePath::upsert,      WritePath::raw_sql,
                                           WritePath::session_add, WritePath::session_dirty};
[[nodiscard]] const char* path_name(WritePath path);

//! Every way ormc reads a column value.
inline constexpr std::array read_paths = {"Core select into a model", "Core select into a tuple",
                                          "Session get", "Session query", "raw SQL"};

//! Whether two values are the same value: bit for bit for floats (-0.0 is not 0.0).
template <typename T>
[[nodiscard]] bool same(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::memcmp(&a, &b, sizeof(T)) == 0;
  } else if constexpr (ormc::is_optional<T>::value) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  } else {
    return a == b;
  }
}

//! How a value reads in a failure message.
template <typename T>
[[nodiscard]] std::string show(const T& value) {
  std::string text = ormc::to_log_string(ormc::to_value(value));
  if (text.size() > 120) text = text.substr(0, 120) + "...";
  return text;
}

//! A value that must come back: as written, or as the backend is documented to give it.
template <typename T>
struct Kept {
  Kept(std::string name_, T value_, std::optional<T> on_sqlite_ = {},
       std::optional<T> on_postgresql_ = {})
      : name(std::move(name_)),
        value(std::move(value_)),
        on_sqlite(std::move(on_sqlite_)),
        on_postgresql(std::move(on_postgresql_)) {}

  std::string name;
  T value;
  std::optional<T> on_sqlite;      //!< what SQLite gives back, when not `value`
  std::optional<T> on_postgresql;  //!< what PostgreSQL gives back, when not `value`
};

//! A value every write path must refuse with a DataError whose message holds `message`.
template <typename T>
struct Refused {
  std::string name;
  T value;
  std::string message;
};

//! One table of values.orm: model M with columns id, v (NOT NULL) and n (nullable).
template <ormc::Model M, typename IdColumn, typename VColumn, typename NColumn>
class ValueTable {
 public:
  using T = std::remove_cvref_t<decltype(std::declval<VColumn>().of(std::declval<M&>()))>;

  ValueTable(ormc_test::TestDatabase& db, IdColumn id, VColumn v, NColumn n, T baseline)
      : db_(db), conn_(db.engine().connect()), id_(id), v_(v), n_(n), baseline_(baseline) {}

  [[nodiscard]] ormc::Connection& conn() { return conn_; }

  //! Writes `value` into column v of row `key` through `path`.
  void write(WritePath path, std::int64_t key, const T& value) {
    switch (path) {
      case WritePath::core_insert: ormc::insert<M>().values(row(key, value)).execute(conn_); break;
      case WritePath::core_update:
        ormc::insert<M>().values(row(key, baseline_)).execute(conn_);
        ormc::update<M>().set(v_, value).where(id_ == key).execute(conn_);
        break;
      case WritePath::upsert:
        ormc::insert<M>().values(row(key, baseline_)).execute(conn_);
        ormc::insert<M>().values(row(key, value)).on_conflict(id_).do_update(v_).execute(conn_);
        break;
      case WritePath::raw_sql:
        conn_.execute_raw("INSERT INTO " + table() + " (id, v) VALUES (:id, :v)",
                          {{"id", key}, {"v", ormc::to_value(value)}});
        break;
      case WritePath::session_add: {
        ormc::Session session(db_.engine());
        session.add(row(key, value));
        session.commit();
        break;
      }
      case WritePath::session_dirty: {
        ormc::insert<M>().values(row(key, baseline_)).execute(conn_);
        ormc::Session session(db_.engine());
        M* object = session.get<M>(key);
        REQUIRE(object != nullptr);
        v_.of(*object) = value;
        session.commit();
        break;
      }
    }
  }

  //! Column v of row `key` through every read path, in the order of read_paths.
  std::vector<T> read(std::int64_t key) {
    std::vector<T> out;
    out.push_back(v_.of(ormc::select<M>().where(id_ == key).one(conn_)));
    out.push_back(std::get<0>(ormc::select(v_, id_).where(id_ == key).one(conn_)));
    {
      ormc::Session session(db_.engine());
      M* object = session.get<M>(key);
      REQUIRE(object != nullptr);
      out.push_back(v_.of(*object));
      ormc::Session other(db_.engine());
      auto found = other.query<M>().where(id_ == key).all();
      REQUIRE(found.size() == 1);
      out.push_back(v_.of(found[0].get()));
    }
    const std::vector<T> raw =
        conn_.query<T>("SELECT v FROM " + table() + " WHERE id = :id", {{"id", key}});
    REQUIRE(raw.size() == 1);
    out.push_back(raw[0]);
    return out;
  }

  //! Each value through every write path, read back through every read path.
  void check_kept(const std::vector<Kept<T>>& values) {
    std::int64_t key = next_key();
    for (const Kept<T>& kept : values) {
      const T expected = expected_value(kept);
      for (const WritePath path : write_paths) {
        ++key;
        CAPTURE(kept.name);
        CAPTURE(path_name(path));
        write(path, key, kept.value);
        const std::vector<T> got = read(key);
        for (std::size_t i = 0; i < got.size(); ++i) {
          CHECK_MESSAGE(same(got[i], expected), read_paths[i] << " gave " << show(got[i])
                                                              << ", expected " << show(expected));
        }
      }
    }
  }

  //! Each value refused by every write path, with nothing stored.
  void check_refused(const std::vector<Refused<T>>& values) {
    std::int64_t key = next_key();
    for (const Refused<T>& refused : values) {
      for (const WritePath path : write_paths) {
        ++key;
        CAPTURE(refused.name);
        CAPTURE(path_name(path));
        std::string message;
        try {
          write(path, key, refused.value);
        } catch (const ormc::DataError& error) {
          message = error.what();
        }
        CHECK_MESSAGE(
            message.find(refused.message) != std::string::npos,
            "expected a DataError holding '" << refused.message << "', got '" << message << "'");
        CHECK_MESSAGE(message.find("(column \"v\")") != std::string::npos,
                      "the error does not name the column: " << message);
        // Nothing stored: no row, or the row as it was before.
        const auto stored =
            conn_.query<T>("SELECT v FROM " + table() + " WHERE id = :id", {{"id", key}});
        const bool before = path == WritePath::core_update || path == WritePath::upsert ||
                            path == WritePath::session_dirty;
        CHECK(stored.size() == (before ? 1U : 0U));
        if (before && stored.size() == 1) CHECK(same(stored[0], baseline_));
      }
    }
  }

  //! NULL and a value through the nullable column n, on the insert and update paths.
  void check_nullable(const T& value) {
    std::int64_t key = next_key();
    for (const std::optional<T>& written : {std::optional<T>{}, std::optional<T>{value}}) {
      ++key;
      CAPTURE(written.has_value());
      M object = row(key, baseline_);
      n_.of(object) = written;
      ormc::insert<M>().values(object).execute(conn_);
      CHECK(same(n_.of(ormc::select<M>().where(id_ == key).one(conn_)), written));
      // Core update to the other state and back.
      const std::optional<T> other = written ? std::optional<T>{} : std::optional<T>{value};
      for (const std::optional<T>& next : {other, written}) {
        ormc::update<M>().set(n_, next).where(id_ == key).execute(conn_);
        CHECK(same(std::get<0>(ormc::select(n_).where(id_ == key).one(conn_)), next));
      }
      ++key;
      {
        ormc::Session session(db_.engine());
        M added = row(key, baseline_);
        n_.of(added) = written;
        session.add(std::move(added));
        session.commit();
      }
      ormc::Session session(db_.engine());
      CHECK(same(n_.of(*session.get<M>(key)), written));
      const auto raw = conn_.query<std::optional<T>>("SELECT n FROM " + table() + " WHERE id = :id",
                                                     {{"id", key}});
      REQUIRE(raw.size() == 1);
      CHECK(same(raw[0], written));
    }
  }

 private:
  M row(std::int64_t key, const T& value) const {
    M object{};
    id_.of(object) = key;
    v_.of(object) = value;
    return object;
  }

  T expected_value(const Kept<T>& kept) const {
    const auto& override = db_.postgresql() ? kept.on_postgresql : kept.on_sqlite;
    return override ? *override : kept.value;
  }

  // Each check uses keys of its own, so that rows of one never meet another's.
  std::int64_t next_key() { return 100000 * ++checks_; }

  static std::string table() { return std::string(ormc::model_traits<M>::table_name); }

  ormc_test::TestDatabase& db_;
  ormc::Connection conn_;
  IdColumn id_;
  VColumn v_;
  NColumn n_;
  T baseline_;
  std::int64_t checks_ = 0;
};

//! A ValueTable of model M, its table created.
template <ormc::Model M, typename IdColumn, typename VColumn, typename NColumn, typename T>
ValueTable<M, IdColumn, VColumn, NColumn> value_table(ormc_test::TestDatabase& db, IdColumn id,
                                                      VColumn v, NColumn n, T baseline) {
  return ValueTable<M, IdColumn, VColumn, NColumn>(db, id, v, n, baseline);
}

}  // namespace values_test
