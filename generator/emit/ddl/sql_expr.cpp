// Schema expressions as SQL text, with the parentheses precedence needs.
#include "emit/ddl/sql_expr.hpp"

#include <cassert>
#include <optional>

#include "emit/ddl/ddl_common.hpp"

namespace ormc::ddl {
namespace {

using model::Expr;
using model::ExprKind;

// Binding strength, loosest first. Every predicate shares one level and never takes another
// predicate as a bare operand: SQLite ranks `=` below `<` while PostgreSQL ranks them alike.
enum Level : int {
  or_level = 1,
  and_level,
  not_level,
  predicate,
  additive,
  multiplicative,
  unary,
  primary
};

struct Rendered {
  std::string text;
  int level = primary;
};

class SqlExprRenderer {
 public:
  SqlExprRenderer(const model::Model& model, const model::Schema& schema, SqlExprStyle style)
      : model_(model), schema_(schema), style_(style) {}

  Rendered render(const Expr& expr) const {
    Rendered bare = render_bare(expr);
    if (!expr.parenthesized) return bare;
    return {"(" + bare.text + ")", primary};
  }

 private:
  // The operand as text, parenthesised unless it binds tighter than `min_level` requires.
  std::string operand(const Expr& expr, int min_level) const {
    Rendered rendered = render(expr);
    if (rendered.level < min_level) return "(" + rendered.text + ")";
    return rendered.text;
  }

  std::string list(const std::vector<Expr>& operands, std::size_t from) const {
    std::string out;
    for (std::size_t i = from; i < operands.size(); ++i) {
      if (i > from) out += ", ";
      out += render(operands[i]).text;
    }
    return out;
  }

  static int binary_level(const std::string& op) {
    if (op == "or") return or_level;
    if (op == "and") return and_level;
    if (op == "+" || op == "-") return additive;
    if (op == "*" || op == "/" || op == "%") return multiplicative;
    return predicate;
  }

  static std::string sql_operator(const std::string& op) {
    if (op == "or") return "OR";
    if (op == "and") return "AND";
    if (op == "!=") return "<>";
    return op;
  }

  // Whether the expression's value is a decimal: a decimal column, or arithmetic on one.
  bool is_decimal(const Expr& expr) const {
    switch (expr.kind) {
      case ExprKind::column:
        return model_.columns.at(expr.column).type.kind == model::TypeKind::decimal;
      case ExprKind::unary: return expr.text == "-" && is_decimal(expr.operands[0]);
      case ExprKind::binary:
        return binary_level(expr.text) >= additive &&
               (is_decimal(expr.operands[0]) || is_decimal(expr.operands[1]));
      default: return false;
    }
  }

  // An operand beside a decimal on SQLite: a decimal literal as text, exact where a REAL
  // would keep 15 digits (the collation and ormc's functions read the text).
  std::string decimal_operand(const Expr& expr) const {
    if (expr.kind == ExprKind::decimal && expr.text.find_first_of("eE") == std::string::npos) {
      return quote_string(expr.text);
    }
    return operand(expr, predicate + 1);
  }

  // What SQLite compares exactly beside a decimal column, by that column's collation: a
  // number literal (given the column's TEXT affinity) or another decimal column.
  bool compares_by_collation(const Expr& expr) const {
    if (expr.kind == ExprKind::integer || expr.kind == ExprKind::decimal) return true;
    if (expr.kind == ExprKind::unary && expr.text == "-") {
      const ExprKind inner = expr.operands[0].kind;
      return inner == ExprKind::integer || inner == ExprKind::decimal;
    }
    return expr.kind == ExprKind::column && is_decimal(expr);
  }

  // SQLite: decimal columns hold text, so arithmetic on decimals calls ormc's exact
  // functions; a comparison with a computed decimal compares through ormc_dec_cmp (a
  // column beside a literal or another decimal column is compared by the column's
  // ormc_decimal collation as it is).
  std::optional<Rendered> render_decimal_binary(const Expr& expr) const {
    if (!style_.decimal_functions) return std::nullopt;
    const Expr& left = expr.operands[0];
    const Expr& right = expr.operands[1];
    if (!is_decimal(left) && !is_decimal(right)) return std::nullopt;
    const std::string& op = expr.text;
    const char* function = op == "+"   ? "ormc_dec_add("
                           : op == "-" ? "ormc_dec_sub("
                           : op == "*" ? "ormc_dec_mul("
                           : op == "/" ? "ormc_dec_div("
                                       : nullptr;
    if (function != nullptr) {
      return Rendered{function + decimal_operand(left) + ", " + decimal_operand(right) + ")",
                      primary};
    }
    if (binary_level(op) != predicate) return std::nullopt;
    if (compares_by_collation(left) && compares_by_collation(right)) {
      return Rendered{decimal_operand(left) + " " + sql_operator(op) + " " + decimal_operand(right),
                      predicate};
    }
    return Rendered{"ormc_dec_cmp(" + decimal_operand(left) + ", " + decimal_operand(right) + ") " +
                        sql_operator(op) + " 0",
                    predicate};
  }

  Rendered render_binary(const Expr& expr) const {
    assert(expr.operands.size() == 2);
    if (auto decimal = render_decimal_binary(expr)) return *decimal;
    int level = binary_level(expr.text);
    // AND and OR are associative; the arithmetic operators associate to the left, so a right
    // operand of the same level needs parentheses (a - (b - c)); predicates never chain.
    bool associative = level == or_level || level == and_level;
    int left_min = level == predicate ? predicate + 1 : level;
    int right_min = associative ? level : level + 1;
    return {operand(expr.operands[0], left_min) + " " + sql_operator(expr.text) + " " +
                operand(expr.operands[1], right_min),
            level};
  }

  Rendered render_unary(const Expr& expr) const {
    assert(expr.operands.size() == 1);
    if (expr.text == "not") return {"NOT " + operand(expr.operands[0], not_level), not_level};
    if (style_.decimal_functions && expr.text == "-" && is_decimal(expr.operands[0])) {
      return {"ormc_dec_neg(" + render(expr.operands[0]).text + ")", primary};
    }
    std::string inner = operand(expr.operands[0], unary);
    // "- -1" must not become "--1", which SQL reads as a comment.
    if (inner.front() == '-' || inner.front() == '+') inner = "(" + inner + ")";
    return {expr.text + inner, unary};
  }

  Rendered render_bare(const Expr& expr) const {
    const auto& operands = expr.operands;
    const int predicate_operand = predicate + 1;
    switch (expr.kind) {
      case ExprKind::integer:
      case ExprKind::decimal:
        // A negative literal reads like a unary minus and is treated as one.
        return {expr.text, expr.text.starts_with('-') ? int{unary} : int{primary}};
      case ExprKind::string: return {quote_string(expr.text), primary};
      case ExprKind::boolean: {
        bool value = expr.text == "true";
        if (style_.booleans_as_integers) return {value ? "1" : "0", primary};
        return {value ? "TRUE" : "FALSE", primary};
      }
      case ExprKind::null: return {"NULL", primary};
      case ExprKind::now: return {"CURRENT_TIMESTAMP", primary};
      case ExprKind::column:
        assert(expr.column < model_.columns.size());
        return {quote_identifier(model_.columns[expr.column].sql_name), primary};
      case ExprKind::enum_value: {
        const model::Enum& enumeration = schema_.enums.at(expr.enum_id);
        return {quote_string(enumeration.values.at(expr.value_index).name), primary};
      }
      case ExprKind::call: return {expr.text + "(" + list(operands, 0) + ")", primary};
      case ExprKind::unary: return render_unary(expr);
      case ExprKind::binary: return render_binary(expr);
      case ExprKind::is_null:
        assert(operands.size() == 1);
        return {
            operand(operands[0], predicate_operand) + (expr.negated ? " IS NOT NULL" : " IS NULL"),
            predicate};
      case ExprKind::in_list:
        assert(!operands.empty());
        return {operand(operands[0], predicate_operand) + (expr.negated ? " NOT IN (" : " IN (") +
                    list(operands, 1) + ")",
                predicate};
      case ExprKind::between:
        assert(operands.size() == 3);
        return {operand(operands[0], predicate_operand) +
                    (expr.negated ? " NOT BETWEEN " : " BETWEEN ") +
                    operand(operands[1], predicate_operand) + " AND " +
                    operand(operands[2], predicate_operand),
                predicate};
      case ExprKind::like:
        assert(operands.size() == 2);
        return {operand(operands[0], predicate_operand) + (expr.negated ? " NOT LIKE " : " LIKE ") +
                    operand(operands[1], predicate_operand),
                predicate};
    }
    return {"NULL", primary};
  }

  const model::Model& model_;
  const model::Schema& schema_;
  SqlExprStyle style_;
};

}  // namespace

std::string render_sql_expr(const model::Expr& expr, const model::Model& model,
                            const model::Schema& schema, SqlExprStyle style) {
  return SqlExprRenderer(model, schema, style).render(expr).text;
}

}  // namespace ormc::ddl
