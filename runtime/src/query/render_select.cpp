// SELECT statements as SQL text (see ormc/query/select.hpp): plain and compound selects,
// their FROM clause with joins and derived tables, WITH, and the clauses one dialect has
// and the other refuses.
#include <string>

#include "ormc/error.hpp"
#include "ormc/query/select.hpp"

namespace ormc::detail {
namespace {

const char* join_keyword(JoinKind kind) {
  switch (kind) {
    case JoinKind::from: return "";
    case JoinKind::inner: return " JOIN ";
    case JoinKind::left: return " LEFT JOIN ";
    case JoinKind::right: return " RIGHT JOIN ";
    case JoinKind::full: return " FULL JOIN ";
    case JoinKind::cross: return " CROSS JOIN ";
  }
  return "";
}

const char* set_keyword(SetOperator op) {
  switch (op) {
    case SetOperator::union_distinct: return " UNION ";
    case SetOperator::union_all: return " UNION ALL ";
    case SetOperator::intersect: return " INTERSECT ";
    case SetOperator::except: return " EXCEPT ";
  }
  return "";
}

void refuse_on_sqlite(const SqlWriter& w, const char* what, const char* instead) {
  if (w.dialect().kind() != DialectKind::sqlite) return;
  throw InvalidRequestError(std::string("ormc: SQLite has no ") + what + "; " + instead);
}

void write_from_item(SqlWriter& w, const FromItem& item) {
  w.text(join_keyword(item.kind));
  if (item.kind == JoinKind::right || item.kind == JoinKind::full) {
    if (!w.dialect().supports_right_and_full_join()) {
      throw InvalidRequestError(
          std::string("ormc: RIGHT and FULL OUTER JOIN need SQLite 3.39 or later; this program "
                      "runs SQLite ") +
          std::string(w.dialect().library_version()) +
          ": swap the sides of a RIGHT JOIN into a LEFT JOIN (a FULL JOIN has no such rewrite: "
          "write it as a LEFT JOIN UNION ALL the other side's unmatched rows)");
    }
  }
  if (item.derived) {
    w.text("(");
    const std::vector<std::string_view> names = output_names(*item.derived);
    write_select(w, *item.derived, &names);
    w.text(") AS ").identifier(item.name);
  } else {
    w.identifier(item.table);
    if (item.name != item.table) w.text(" AS ").identifier(item.name);
  }
  if (!item.on.empty()) w.text(" ON ").expression(item.on);
}

//! WITH for the tables no enclosing statement defines: a subquery (or a later table of the
//! same WITH) reads a table defined around it, in scope there, rather than compute it again.
//! Each is in scope from the end of its definition to the end of the statement (the caller
//! forgets them then).
void write_with(SqlWriter& w, const std::vector<CommonTable>& with) {
  bool any = false;
  bool recursive = false;
  for (const CommonTable& table : with) {
    if (w.defines(table.select.get())) continue;
    any = true;
    recursive = recursive || table.recursive;
  }
  if (!any) return;
  w.text(recursive ? "WITH RECURSIVE " : "WITH ");
  bool first = true;
  for (const CommonTable& table : with) {
    if (w.defines(table.select.get())) continue;
    if (!first) w.text(", ");
    first = false;
    w.identifier(table.name).text("(").identifier_list(table.columns).text(") AS (");
    write_select(w, *table.select);
    w.text(")");
    w.define(table.select.get());
  }
  w.text(" ");
}

//! The select list, each item named as a derived table's column must be.
void write_columns(SqlWriter& w, const SelectData& select,
                   const std::vector<std::string_view>* names) {
  if (names == nullptr) {
    w.select_list(select.columns);
    return;
  }
  const ExprData& columns = select.columns;
  std::size_t pos = 0;
  for (std::size_t i = 0; pos < columns.nodes.size(); ++i) {
    if (i != 0) w.text(", ");
    // A column is named after itself; everything else (a label too) says AS.
    const Node& n = columns.nodes[pos];
    const bool named = n.op == Op::column && n.name == (*names)[i];
    pos = w.expression_at(columns, pos);
    if (!named) w.text(" AS ").identifier((*names)[i]);
  }
}

//! One member of a compound select: SQLite allows neither parentheses nor ORDER BY, LIMIT
//! or WITH in a member, so such a member is read from as a derived table.
void write_member(SqlWriter& w, const SelectData& member, std::size_t index) {
  const bool plain = member.order_by.empty() && !member.limit && !member.offset &&
                     member.with.empty() && member.parts.empty();
  if (plain) {
    write_select(w, member);
    return;
  }
  w.text("SELECT * FROM (");
  write_select(w, member);
  w.text(") AS ").identifier("ormc_" + std::to_string(index + 1));
}

//! Whether the trees at a[i] and b[j] are the same expression (columns, operators, values).
bool same_tree(const ExprData& a, std::size_t i, const ExprData& b, std::size_t j) {
  std::size_t end = i;
  skip_tree(a, end);
  for (; i < end; ++i, ++j) {
    if (j >= b.nodes.size()) return false;
    const Node& x = a.nodes[i];
    const Node& y = b.nodes[j];
    if (x.op != y.op || x.operands != y.operands || x.table != y.table || x.name != y.name)
      return false;
    if (x.op == Op::value && !(a.values[x.value_index] == b.values[y.value_index])) return false;
  }
  return true;
}

//! The 1-based position in `list` (a select list) of the tree at data.nodes[pos], 0 when
//! the list has no such item.
std::size_t position_in(const ExprData& list, const ExprData& data, std::size_t pos) {
  for (std::size_t at = 0, i = 1; at < list.nodes.size(); skip_tree(list, at), ++i) {
    if (same_tree(data, pos, list, at)) return i;
  }
  return 0;
}

//! The ORDER BY of a compound select: a label by its name, an expression of the first
//! member's select list by its position (the only forms both databases accept there).
void write_compound_order(SqlWriter& w, const SelectData& select) {
  const ExprData& order = select.order_by;
  const ExprData& first = select.parts.front().select->columns;
  w.text(" ORDER BY ");
  std::size_t pos = 0;
  while (pos < order.nodes.size()) {
    if (pos != 0) w.text(", ");
    const Node& n = order.nodes[pos];
    const bool ordered = n.op == Op::asc || n.op == Op::desc;
    const Node& item = order.nodes[ordered ? pos + 1 : pos];
    if (item.op == Op::label) {
      w.identifier(item.name);
    } else if (const std::size_t position = position_in(first, order, ordered ? pos + 1 : pos);
               position != 0) {
      w.text(std::to_string(position));
    } else {
      pos = w.expression_at(order, pos);  // not in the select list: the database will say so
      continue;
    }
    if (ordered) w.text(n.op == Op::asc ? " ASC" : " DESC");
    skip_tree(order, pos);
  }
}

//! GROUP BY: a label of the select list by its position there. An expression that binds
//! values (a CASE of string literals) written again would bind them again, and PostgreSQL
//! cannot tell $1 from $6: "must appear in the GROUP BY clause".
void write_group_by(SqlWriter& w, const SelectData& select) {
  const ExprData& group = select.group_by;
  w.text(" GROUP BY ");
  std::size_t pos = 0;
  for (bool first = true; pos < group.nodes.size(); first = false) {
    if (!first) w.text(", ");
    const std::size_t position =
        group.nodes[pos].op == Op::label ? position_in(select.columns, group, pos) : 0;
    if (position == 0) {
      pos = w.expression_at(group, pos);
    } else {
      w.text(std::to_string(position));
      skip_tree(group, pos);
    }
  }
}

void write_tail(SqlWriter& w, const SelectData& select) {
  if (!select.order_by.empty()) {
    if (select.parts.empty())
      w.text(" ORDER BY ").order_list(select.order_by, select.columns);
    else
      write_compound_order(w, select);
  }
  if (select.limit) {
    w.text(" LIMIT ").bind(*select.limit);
  } else if (select.offset && w.dialect().kind() == DialectKind::sqlite) {
    w.text(" LIMIT -1");  // SQLite has no OFFSET without LIMIT; -1 is "no limit"
  }
  if (select.offset) w.text(" OFFSET ").bind(*select.offset);
  if (select.lock != LockStrength::none) {
    refuse_on_sqlite(w, "FOR UPDATE or FOR SHARE",
                     "a write transaction locks the whole database there (begin it with "
                     "IsolationLevel::serializable, BEGIN IMMEDIATE)");
    w.text(select.lock == LockStrength::update ? " FOR UPDATE" : " FOR SHARE");
    if (select.lock_wait == LockWait::nowait) w.text(" NOWAIT");
    if (select.lock_wait == LockWait::skip_locked) w.text(" SKIP LOCKED");
  }
}

//! The statement without the bookkeeping of the tables it defines (write_select()).
void write_statement(SqlWriter& w, const SelectData& select,
                     const std::vector<std::string_view>* names) {
  if (!select.with.empty()) write_with(w, select.with);
  if (!select.parts.empty()) {
    for (std::size_t i = 0; i < select.parts.size(); ++i) {
      if (i != 0) w.text(set_keyword(select.parts[i].op));
      if (i == 0 && names != nullptr) {
        // The first member names the compound's columns.
        w.text("SELECT * FROM (");
        write_select(w, *select.parts[0].select, names);
        w.text(") AS ").identifier("ormc_1");
      } else {
        write_member(w, *select.parts[i].select, i);
      }
    }
    write_tail(w, select);
    return;
  }
  w.text("SELECT ");
  if (!select.distinct_on.empty()) {
    refuse_on_sqlite(w, "DISTINCT ON",
                     "select the first row of each group with row_number() in a subquery");
    w.text("DISTINCT ON (").expression_list(select.distinct_on).text(") ");
  } else if (select.distinct) {
    w.text("DISTINCT ");
  }
  write_columns(w, select, names);
  if (!select.from.empty()) {
    w.text(" FROM ");
    for (const FromItem& item : select.from) write_from_item(w, item);
  }
  if (!select.where.empty()) w.text(" WHERE ").expression(select.where);
  if (!select.group_by.empty()) write_group_by(w, select);
  if (!select.having.empty()) w.text(" HAVING ").expression(select.having);
  write_tail(w, select);
}

}  // namespace

void write_select(SqlWriter& w, const SelectData& select,
                  const std::vector<std::string_view>* names) {
  // The tables this statement defines are in scope until its end, in its subqueries too.
  const std::size_t defined = w.defined_count();
  write_statement(w, select, names);
  w.forget_defined(defined);
}

RenderedStatement render_select(const SelectData& select, const Dialect& dialect) {
  SqlWriter w(dialect);
  write_select(w, select);
  return std::move(w).finish();
}

std::vector<std::string_view> output_names(const SelectData& select) {
  if (!select.parts.empty()) return output_names(*select.parts.front().select);
  // Names for items without one of their own; a statement has few columns.
  static constexpr std::string_view generated[] = {
      "c1",  "c2",  "c3",  "c4",  "c5",  "c6",  "c7",  "c8",  "c9",  "c10", "c11",
      "c12", "c13", "c14", "c15", "c16", "c17", "c18", "c19", "c20", "c21", "c22",
      "c23", "c24", "c25", "c26", "c27", "c28", "c29", "c30", "c31", "c32"};
  std::vector<std::string_view> names;
  const ExprData& columns = select.columns;
  std::size_t pos = 0;
  while (pos < columns.nodes.size()) {
    const Node& n = columns.nodes[pos];
    names.push_back(n.op == Op::label || n.op == Op::column ? n.name : std::string_view());
    skip_tree(columns, pos);
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    bool repeated = false;
    for (std::size_t j = 0; j < names.size(); ++j)
      repeated = repeated || (j != i && names[j] == names[i]);
    if (names[i].empty() || repeated) {
      if (i >= std::size(generated)) {
        throw InvalidRequestError(
            "ormc: a derived table or CTE reads at most 32 unnamed "
            "columns: label the others with .as(\"name\")");
      }
      names[i] = generated[i];
    }
  }
  return names;
}

}  // namespace ormc::detail
