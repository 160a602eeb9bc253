// The SQL of ormc's portable functions on each dialect (docs/queries.md, "Functions"):
// the same meaning on SQLite and PostgreSQL, decimals exact on both (on SQLite through
// ormc's decimal functions, sqlite/decimal_functions.cpp).
#include "query/render_functions.hpp"

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>

#include "ormc/expr/function_node.hpp"

namespace ormc::detail {
namespace {

// sql_writer.cpp's binding strength of a column or a call: operands rendered in this
// context get parentheses unless they are primary themselves.
constexpr int primary_context = 8;

constexpr std::string_view decimal_collation = " COLLATE ormc_decimal";

std::string_view postgres_type(SqlType type) {
  switch (type) {
    case SqlType::boolean: return "boolean";
    case SqlType::int32: return "integer";
    case SqlType::int64: return "bigint";
    case SqlType::real: return "double precision";
    case SqlType::decimal: return "numeric";
    case SqlType::text: return "text";
    case SqlType::date: return "date";
    case SqlType::time: return "time";
    case SqlType::timestamp: return "timestamp";
    case SqlType::none: break;
  }
  return {};
}

std::string_view aggregate_name(Op op) {
  switch (op) {
    case Op::count: return "COUNT";
    case Op::sum: return "SUM";
    case Op::avg: return "AVG";
    case Op::min: return "MIN";
    case Op::max: return "MAX";
    case Op::row_number: return "ROW_NUMBER";
    case Op::rank: return "RANK";
    case Op::dense_rank: return "DENSE_RANK";
    default: return {};
  }
}

}  // namespace

//! Renders one function node for SqlWriter, whose private members it uses (a friend).
class FunctionRenderer {
 public:
  FunctionRenderer(SqlWriter& writer, const ExprData& data)
      : w_(writer), data_(data), sqlite_(writer.dialect().kind() == DialectKind::sqlite) {}

  void render(std::size_t& pos);

 private:
  std::string& sql() { return w_.out_.sql; }
  //! The operand at pos. `decimal`: it stands where a Decimal goes, so SQLite binds an
  //! integer value there as decimal text (what the ormc_decimal collation compares).
  void operand(std::size_t& pos, bool decimal = false, int context = 0) {
    const bool outer = w_.decimal_text_;
    w_.decimal_text_ = decimal && sqlite_;
    w_.node(data_, pos, context, false);
    w_.decimal_text_ = outer;
  }
  //! On PostgreSQL a bound value as CAST($n AS type), where PostgreSQL could not infer its
  //! type (COALESCE, CASE, || of values alone); else operand().
  void typed_operand(std::size_t& pos, SqlType type, bool decimal = false) {
    const Node& n = data_.nodes[pos];
    if (sqlite_ || n.op != Op::value || type == SqlType::none) {
      operand(pos, decimal);
      return;
    }
    sql() += "CAST(";
    operand(pos, decimal);
    sql() += " AS ";
    sql() += postgres_type(type);
    sql() += ')';
  }
  //! An integer argument of a PostgreSQL function that takes `integer` (round's digits,
  //! substr's positions): bigint expressions and values are cast to it.
  void integer_operand(std::size_t& pos) {
    if (sqlite_) {
      operand(pos);
      return;
    }
    sql() += "CAST(";
    operand(pos);
    sql() += " AS integer)";
  }
  //! name(operand, operand, ...) of `count` operands.
  void call(std::string_view name, std::size_t& pos, std::uint32_t count, bool decimal = false) {
    sql() += name;
    sql() += '(';
    for (std::uint32_t i = 0; i < count; ++i) {
      if (i != 0) sql() += ", ";
      operand(pos, decimal);
    }
    sql() += ')';
  }
  void collate_if(bool decimal) {
    if (decimal && sqlite_) sql() += decimal_collation;
  }
  //! Renders the tree at pos without moving pos (for SQL that needs an operand twice).
  void again(std::size_t pos) { operand(pos); }

  void round(const Node& n, std::size_t& pos);
  void cast(const Node& n, std::size_t& pos);
  void extract(const Node& n, std::size_t& pos);
  void add_interval(const Node& n, std::size_t& pos);
  void case_when(const Node& n, std::size_t& pos);
  void window_over(const Node& n, std::size_t& pos);

  SqlWriter& w_;
  const ExprData& data_;
  bool sqlite_;
};

void FunctionRenderer::render(std::size_t& pos) {
  const Node& n = data_.nodes[pos++];
  const auto type = static_cast<SqlType>(n.precision);
  switch (n.op) {
    case Op::round: round(n, pos); break;
    case Op::abs:
      call(n.decimal && sqlite_ ? "ormc_dec_abs" : "abs", pos, 1, n.decimal);
      collate_if(n.decimal);
      break;
    case Op::coalesce:
    case Op::nullif:
      sql() += n.op == Op::coalesce ? "COALESCE(" : "NULLIF(";
      for (std::uint32_t i = 0; i < n.operands; ++i) {
        if (i != 0) sql() += ", ";
        typed_operand(pos, type, n.decimal);
      }
      sql() += ')';
      collate_if(n.decimal);
      break;
    case Op::lower: call("lower", pos, 1); break;
    case Op::upper: call("upper", pos, 1); break;
    case Op::length: call("length", pos, 1); break;
    case Op::trim: call(sqlite_ ? "trim" : "btrim", pos, 1); break;
    case Op::ltrim: call("ltrim", pos, 1); break;
    case Op::rtrim: call("rtrim", pos, 1); break;
    case Op::substr:
      sql() += "substr(";
      operand(pos);
      for (std::uint32_t i = 1; i < n.operands; ++i) {
        sql() += ", ";
        integer_operand(pos);
      }
      sql() += ')';
      break;
    case Op::replace: call("replace", pos, 3); break;
    case Op::concat:
      // || binds tighter than * on SQLite and looser than + on PostgreSQL: parenthesised.
      sql() += '(';
      for (std::uint32_t i = 0; i < n.operands; ++i) {
        if (i != 0) sql() += " || ";
        if (!sqlite_ && data_.nodes[pos].op == Op::value) {
          typed_operand(pos, SqlType::text);
        } else {
          operand(pos, false, primary_context);
        }
      }
      sql() += ')';
      break;
    case Op::cast: cast(n, pos); break;
    case Op::current_date: sql() += sqlite_ ? "date('now')" : "CURRENT_DATE"; break;
    case Op::current_timestamp:
      // PostgreSQL: the session's time zone is UTC (ormc sets it), so LOCALTIMESTAMP is UTC.
      sql() += sqlite_ ? "strftime('%Y-%m-%d %H:%M:%f', 'now')" : "LOCALTIMESTAMP";
      break;
    case Op::extract: extract(n, pos); break;
    case Op::add_days:
    case Op::add_seconds: add_interval(n, pos); break;
    case Op::days_between:
      if (sqlite_) {
        // julianday() of two dates differs by a whole number, exactly (both at noon).
        sql() += "CAST(julianday(";
        operand(pos);
        sql() += ") - julianday(";
        operand(pos);
        sql() += ") AS INTEGER)";
      } else {
        sql() += '(';
        operand(pos, false, primary_context);
        sql() += " - ";
        operand(pos, false, primary_context);
        sql() += ')';
      }
      break;
    case Op::case_when: case_when(n, pos); break;
    case Op::string_agg:
      sql() += sqlite_ ? "group_concat(" : "string_agg(";
      operand(pos);
      sql() += ", ";
      typed_operand(pos, SqlType::text);
      sql() += ')';
      break;
    case Op::row_number:
    case Op::rank:
    case Op::dense_rank:
      sql() += aggregate_name(n.op);
      sql() += "()";
      break;
    case Op::window_over: window_over(n, pos); break;
    default: assert(false && "render_function: not a function operator"); break;
  }
}

void FunctionRenderer::round(const Node& n, std::size_t& pos) {
  if (sqlite_) {
    // SQLite's round() of a REAL rounds half away from zero; of a decimal, ormc_dec_round.
    sql() += n.decimal ? "ormc_dec_round(" : "round(";
    operand(pos);
    if (n.operands == 2) {
      sql() += ", ";
      operand(pos);
    }
    sql() += ')';
    collate_if(n.decimal);
    return;
  }
  // PostgreSQL's round(double precision) rounds half to even; through numeric it rounds
  // half away from zero, as SQLite does.
  sql() += n.decimal ? "round(" : "CAST(round(CAST(";
  operand(pos);
  if (!n.decimal) sql() += " AS numeric)";
  if (n.operands == 2) {
    sql() += ", ";
    integer_operand(pos);
  }
  sql() += n.decimal ? ")" : ") AS double precision)";
}

void FunctionRenderer::cast(const Node& n, std::size_t& pos) {
  const auto to = static_cast<SqlType>(n.precision);
  const auto from = static_cast<SqlType>(n.scale);
  const bool number = from == SqlType::real || from == SqlType::decimal;
  switch (to) {
    case SqlType::int32:
    case SqlType::int64:
      if (sqlite_) {
        sql() += "CAST(";  // SQLite truncates a REAL or a decimal's text toward zero
        operand(pos);
        sql() += " AS INTEGER)";
      } else {
        // A boolean converts to integer only: CAST(CAST(x AS integer) AS bigint).
        const bool via_integer = from == SqlType::boolean && to == SqlType::int64;
        sql() += via_integer ? "CAST(CAST(" : "CAST(";
        if (number) sql() += "trunc(";  // PostgreSQL alone would round
        operand(pos);
        if (number) sql() += ')';
        if (via_integer) sql() += " AS integer)";
        sql() += " AS ";
        sql() += postgres_type(to);
        sql() += ')';
      }
      break;
    case SqlType::real:
      sql() += "CAST(";
      operand(pos);
      sql() += sqlite_ ? " AS REAL)" : " AS double precision)";
      break;
    case SqlType::text:
      sql() += "CAST(";
      operand(pos);
      sql() += sqlite_ ? " AS TEXT)" : " AS text)";
      break;
    case SqlType::decimal:
      if (sqlite_) {
        // Canonical decimal text, a REAL read at the 15 significant digits PostgreSQL's
        // float8-to-numeric conversion keeps too.
        call("ormc_dec", pos, 1);
        sql() += decimal_collation;
      } else {
        sql() += "CAST(";
        operand(pos);
        sql() += " AS numeric)";
      }
      break;
    case SqlType::boolean:
      if (from == SqlType::boolean) {
        operand(pos);
      } else {
        sql() += '(';
        operand(pos, false, primary_context);
        sql() += " <> 0)";
      }
      break;
    case SqlType::date:
      if (sqlite_) {
        call("date", pos, 1);
      } else {
        sql() += "CAST(";
        operand(pos);
        sql() += " AS date)";
      }
      break;
    case SqlType::timestamp:
      if (sqlite_) {
        if (from == SqlType::date) {
          call("datetime", pos, 1);  // 'YYYY-MM-DD 00:00:00'
        } else {
          operand(pos);  // a timestamp's or a text's ISO 8601 text, read as it is
        }
      } else {
        sql() += "CAST(";
        operand(pos);
        sql() += " AS timestamp)";
      }
      break;
    default: assert(false && "cast: no such target"); break;
  }
}

void FunctionRenderer::extract(const Node& n, std::size_t& pos) {
  const auto part = static_cast<DatePart>(n.scale);
  if (sqlite_) {
    static constexpr std::string_view formats[] = {"%Y", "%m", "%d", "%H", "%M", "%S"};
    sql() += "CAST(strftime('";
    sql() += formats[static_cast<int>(part)];
    sql() += "', ";
    operand(pos);
    sql() += ") AS INTEGER)";
    return;
  }
  static constexpr std::string_view fields[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
  // EXTRACT gives numeric (with the fraction of the second): whole seconds, as SQLite's %S.
  sql() += part == DatePart::second ? "CAST(FLOOR(EXTRACT(" : "CAST(EXTRACT(";
  sql() += fields[static_cast<int>(part)];
  sql() += " FROM ";
  operand(pos);
  sql() += part == DatePart::second ? ")) AS integer)" : ") AS integer)";
}

void FunctionRenderer::add_interval(const Node& n, std::size_t& pos) {
  const auto type = static_cast<SqlType>(n.precision);
  const bool days = n.op == Op::add_days;
  if (sqlite_) {
    const std::size_t x = pos;
    if (type == SqlType::date) {
      sql() += "date(";
      operand(pos);
    } else {
      // strftime's %f keeps milliseconds only: whole seconds, then x's own fraction.
      sql() += "(strftime('%Y-%m-%d %H:%M:%S', ";
      operand(pos);
    }
    sql() += ", ";
    operand(pos, false, primary_context);
    sql() += days ? " || ' days')" : " || ' seconds')";
    if (type != SqlType::date) {
      sql() += " || substr(";
      again(x);
      sql() += ", 20))";
    }
    return;
  }
  sql() += '(';
  operand(pos, false, primary_context);
  sql() += " + ";
  if (days && type == SqlType::date) {
    integer_operand(pos);  // date + integer is a date
  } else {
    sql() += "CAST(";
    operand(pos);
    sql() += days ? " AS integer) * INTERVAL '1 day'" : " AS bigint) * INTERVAL '1 second'";
  }
  sql() += ')';
}

void FunctionRenderer::case_when(const Node& n, std::size_t& pos) {
  const auto type = static_cast<SqlType>(n.precision);
  const bool has_else = n.scale != 0;
  const std::uint32_t branches = (n.operands - (has_else ? 1 : 0)) / 2;
  sql() += "CASE";
  for (std::uint32_t i = 0; i < branches; ++i) {
    sql() += " WHEN ";
    operand(pos);
    sql() += " THEN ";
    typed_operand(pos, type, n.decimal);
  }
  if (has_else) {
    sql() += " ELSE ";
    typed_operand(pos, type, n.decimal);
  }
  sql() += " END";
  collate_if(n.decimal);
}

void FunctionRenderer::window_over(const Node& n, std::size_t& pos) {
  const Node& function = data_.nodes[pos++];
  if (function.op == Op::count_star) {
    sql() += "COUNT(*)";
  } else if (function.decimal && sqlite_ && (function.op == Op::sum || function.op == Op::avg)) {
    // ormc's exact aggregates are window functions too (xValue / xInverse).
    sql() += function.op == Op::sum ? "ormc_dec_sum(" : "ormc_dec_avg(";
    operand(pos);
    sql() += ')';
  } else {
    sql() += aggregate_name(function.op);
    sql() += '(';
    if (function.operands == 1) operand(pos);
    sql() += ')';
  }
  const auto partitions = static_cast<std::uint32_t>(n.scale);
  const std::uint32_t orders = n.operands - 1 - partitions;
  sql() += " OVER (";
  for (std::uint32_t i = 0; i < partitions; ++i) {
    sql() += i == 0 ? "PARTITION BY " : ", ";
    operand(pos);
  }
  for (std::uint32_t i = 0; i < orders; ++i) {
    sql() += i == 0 ? (partitions == 0 ? "ORDER BY " : " ORDER BY ") : ", ";
    operand(pos);
  }
  if (n.value_index != 0) {
    // A number of the program's, not of its input: written as a literal, as both
    // databases want a constant here.
    if (partitions + orders != 0) sql() += ' ';
    sql() += "ROWS BETWEEN " + std::to_string(n.value_index - 1) + " PRECEDING AND CURRENT ROW";
  }
  sql() += ')';
  collate_if(n.decimal);
}

void render_function(SqlWriter& writer, const ExprData& data, std::size_t& pos) {
  FunctionRenderer(writer, data).render(pos);
}

}  // namespace ormc::detail
