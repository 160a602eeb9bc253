// Resolved expressions printed back as .orm text.
#include "emit/expr_text.hpp"

#include <cassert>

namespace ormc {
namespace {

class ExprPrinter {
 public:
  ExprPrinter(const model::Model& model, const model::Schema& schema)
      : model_(model), schema_(schema) {}

  void print(const model::Expr& expr) {
    if (expr.parenthesized) out_ += '(';
    print_bare(expr);
    if (expr.parenthesized) out_ += ')';
  }

  std::string take() { return std::move(out_); }

 private:
  void print_list(const std::vector<model::Expr>& operands, std::size_t from) {
    for (std::size_t i = from; i < operands.size(); ++i) {
      if (i > from) out_ += ", ";
      print(operands[i]);
    }
  }

  void print_bare(const model::Expr& expr) {
    using model::ExprKind;
    const auto& operands = expr.operands;
    switch (expr.kind) {
      case ExprKind::integer:
      case ExprKind::decimal:
      case ExprKind::boolean: out_ += expr.text; return;
      case ExprKind::string: out_ += quote_schema_string(expr.text); return;
      case ExprKind::null: out_ += "null"; return;
      case ExprKind::now: out_ += "now"; return;
      case ExprKind::column:
        assert(expr.column < model_.columns.size());
        out_ += model_.columns[expr.column].name;
        return;
      case ExprKind::enum_value: {
        assert(expr.enum_id < schema_.enums.size());
        const model::Enum& enumeration = schema_.enums[expr.enum_id];
        assert(expr.value_index < enumeration.values.size());
        out_ += enumeration.name;
        out_ += '.';
        out_ += enumeration.values[expr.value_index].name;
        return;
      }
      case ExprKind::call:
        out_ += expr.text;
        out_ += '(';
        print_list(operands, 0);
        out_ += ')';
        return;
      case ExprKind::unary:
        assert(operands.size() == 1);
        out_ += expr.text;
        if (expr.text == "not") out_ += ' ';
        print(operands[0]);
        return;
      case ExprKind::binary:
        assert(operands.size() == 2);
        print(operands[0]);
        out_ += ' ';
        out_ += expr.text;
        out_ += ' ';
        print(operands[1]);
        return;
      case ExprKind::is_null:
        assert(operands.size() == 1);
        print(operands[0]);
        out_ += expr.negated ? " is not null" : " is null";
        return;
      case ExprKind::in_list:
        assert(!operands.empty());
        print(operands[0]);
        out_ += expr.negated ? " not in (" : " in (";
        print_list(operands, 1);
        out_ += ')';
        return;
      case ExprKind::between:
        assert(operands.size() == 3);
        print(operands[0]);
        out_ += expr.negated ? " not between " : " between ";
        print(operands[1]);
        out_ += " and ";
        print(operands[2]);
        return;
      case ExprKind::like:
        assert(operands.size() == 2);
        print(operands[0]);
        out_ += expr.negated ? " not like " : " like ";
        print(operands[1]);
        return;
    }
  }

  const model::Model& model_;
  const model::Schema& schema_;
  std::string out_;
};

}  // namespace

std::string expr_to_schema_text(const model::Expr& expr, const model::Model& model,
                                const model::Schema& schema) {
  ExprPrinter printer(model, schema);
  printer.print(expr);
  return printer.take();
}

}  // namespace ormc
