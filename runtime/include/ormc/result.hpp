// Result: the rows of an executed query, read one at a time (next/row) or all at once into
// typed rows: scalars, std::tuples, or models.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "ormc/hydrate.hpp"
#include "ormc/model.hpp"
#include "ormc/row.hpp"
#include "ormc/statement.hpp"

namespace ormc {

namespace detail {

[[noreturn]] void throw_column_count(std::string_view sql, int actual, int expected,
                                     std::string_view target);

//! How one result row becomes a T: a column type from column 0, a tuple from columns
//! 0..n-1, a model by column name (or position, see map_model_columns).
template <typename T>
struct RowDecoder {
  template <typename Reader>
  void prepare(const Reader& reader, std::string_view sql) {
    if (reader.column_count() != 1) {
      throw_column_count(sql, reader.column_count(), 1, column_type_name<T>());
    }
  }
  template <typename Reader>
  void read(const Reader& reader, T& out) const {
    read_column(reader, 0, out);
  }
};

template <typename... Ts>
struct RowDecoder<std::tuple<Ts...>> {
  template <typename Reader>
  void prepare(const Reader& reader, std::string_view sql) {
    if (reader.column_count() != static_cast<int>(sizeof...(Ts))) {
      throw_column_count(sql, reader.column_count(), static_cast<int>(sizeof...(Ts)), "std::tuple");
    }
  }
  template <typename Reader>
  void read(const Reader& reader, std::tuple<Ts...>& out) const {
    read_tuple(reader, out);
  }
};

template <Model M>
struct RowDecoder<M> {
  ColumnMap<M> map{};
  template <typename Reader>
  void prepare(const Reader& reader, std::string_view /*sql*/) {
    map = map_model_columns<M>(reader);
  }
  template <typename Reader>
  void read(const Reader& reader, M& out) const {
    read_model(reader, out, map);
  }
};

}  // namespace detail

//! Made by Statement::query(); move-only; not thread-safe. The statement runs when
//! query() is called; when the rows are exhausted, close() is called, or the Result is
//! destroyed, the execution is logged and counted and the statement is reset for reuse.
class Result {
 public:
  Result(Result&& other) noexcept;
  Result& operator=(Result&& other) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result();

  //! Moves to the next row (the first on the first call); false when there are no more.
  bool next();
  //! The current row; valid after next() returned true, until the next call to next().
  [[nodiscard]] const Row& row() const { return row_; }
  [[nodiscard]] int column_count() const { return row_.column_count(); }
  [[nodiscard]] std::string_view column_name(int column) const { return row_.column_name(column); }
  [[nodiscard]] std::int64_t rows_read() const { return rows_read_; }
  [[nodiscard]] std::string_view sql() const;
  //! Finishes early; the remaining rows are not read.
  void close() noexcept;

  //! Every remaining row as T: a column type (one column), a std::tuple (as many columns
  //! as elements), or a model (by column name, or by position when names do not match).
  template <typename T>
  [[nodiscard]] std::vector<T> all() {
    std::vector<T> rows;
    if (!next()) return rows;
    // PostgreSQL hands over the whole result at once: one allocation instead of a vector
    // that grows and moves every row it holds, about twenty times for 100,000 rows.
    if (const std::int64_t held = rows_held(); held > 0)
      rows.reserve(static_cast<std::size_t>(held));
    row_.visit([&](const auto& reader) {
      detail::RowDecoder<T> decoder;
      decoder.prepare(reader, sql());
      do {
        if constexpr (std::is_same_v<T, bool>) {  // vector<bool> has no bool& to read into
          bool value = false;
          decoder.read(reader, value);
          rows.push_back(value);
        } else {
          decoder.read(reader, rows.emplace_back());
        }
      } while (next());
    });
    return rows;
  }

  //! Calls f(T&&) for every remaining row, without collecting them.
  template <typename T, typename F>
  void for_each(F&& f) {
    if (!next()) return;
    row_.visit([&](const auto& reader) {
      detail::RowDecoder<T> decoder;
      decoder.prepare(reader, sql());
      do {
        T value{};
        decoder.read(reader, value);
        f(std::move(value));
      } while (next());
    });
  }

  //! The next row, or nullopt; closes the result.
  template <typename T>
  [[nodiscard]] std::optional<T> first() {
    std::optional<T> value;
    if (next()) value = read_current<T>();
    close();
    return value;
  }

  //! Exactly one row: NoResultFound when there is none, MultipleResultsFound for more.
  template <typename T>
  [[nodiscard]] T one() {
    if (!next()) throw_no_result();
    T value = read_current<T>();
    if (next()) throw_multiple_results();
    close();
    return value;
  }

  //! At most one row: nullopt when none, MultipleResultsFound for more.
  template <typename T>
  [[nodiscard]] std::optional<T> one_or_none() {
    std::optional<T> value;
    if (next()) value = read_current<T>();
    if (value && next()) throw_multiple_results();
    close();
    return value;
  }

  //! The first column of the first row (SELECT count(*) ...); NoResultFound for no row.
  template <ColumnType T>
  [[nodiscard]] T scalar() {
    if (!next()) throw_no_result();
    T value = row_.get<T>(0);
    close();
    return value;
  }

 private:
  friend class Statement;
  Result(Statement* borrowed, Statement&& owned);

  template <typename T>
  T read_current() {
    T value{};
    row_.visit([&](const auto& reader) {
      detail::RowDecoder<T> decoder;
      decoder.prepare(reader, sql());
      decoder.read(reader, value);
    });
    return value;
  }
  //! The rows from the current one on when the driver holds them all (PostgreSQL), else -1.
  [[nodiscard]] std::int64_t rows_held() const;
  [[noreturn]] void throw_no_result();
  [[noreturn]] void throw_multiple_results();

  Statement owned_;            //!< set when the Result took its statement along
  Statement* stmt_ = nullptr;  //!< &owned_ or the borrowed statement
  Row row_;
  std::chrono::steady_clock::time_point started_{};
  std::int64_t rows_read_ = 0;
  bool has_row_ = false;  //!< what the first step found, shown by the first next()
  bool first_ = true;
  bool active_ = false;  //!< executing: not yet exhausted, closed or failed
};

}  // namespace ormc
