// Refusing a value at bind time: the message names the parameter and, read from the SQL
// (only on this failure path), the column the value was meant for.
#include "values/refused_value.hpp"

#include <cctype>
#include <vector>

#include "detail/driver_error.hpp"

namespace ormc::detail {
namespace {

struct Token {
  enum class Kind { name, placeholder, other } kind;
  std::string text;  // a name unquoted, a placeholder's number, other tokens as written
};

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// A rough SQL lexer: enough to see names, placeholders, operators and parentheses.
std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t at = 0;
  while (at < sql.size()) {
    const char c = sql[at];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++at;
    } else if (c == '\'' || c == '"') {  // a string literal (skipped) or a quoted name
      std::string text;
      for (++at; at < sql.size(); ++at) {
        if (sql[at] == c) {
          if (at + 1 < sql.size() && sql[at + 1] == c) {
            text += c;
            ++at;
            continue;
          }
          break;
        }
        text += sql[at];
      }
      ++at;
      tokens.push_back(
          {c == '"' ? Token::Kind::name : Token::Kind::other, c == '"' ? text : std::string("'")});
    } else if ((c == '?' || c == '$') && at + 1 < sql.size() &&
               std::isdigit(static_cast<unsigned char>(sql[at + 1])) != 0) {
      const std::size_t start = ++at;
      while (at < sql.size() && std::isdigit(static_cast<unsigned char>(sql[at])) != 0) ++at;
      tokens.push_back({Token::Kind::placeholder, std::string(sql.substr(start, at - start))});
    } else if (is_name_char(c)) {
      const std::size_t start = at;
      while (at < sql.size() && is_name_char(sql[at])) ++at;
      tokens.push_back({Token::Kind::name, std::string(sql.substr(start, at - start))});
    } else if ((c == '<' || c == '>' || c == '!') && at + 1 < sql.size() &&
               (sql[at + 1] == '=' || sql[at + 1] == '>')) {
      tokens.push_back({Token::Kind::other, std::string(sql.substr(at, 2))});
      at += 2;
    } else {
      tokens.push_back({Token::Kind::other, std::string(1, c)});
      ++at;
    }
  }
  return tokens;
}

bool is_operator(const Token& token) {
  return token.kind == Token::Kind::other &&
         (token.text == "=" || token.text == "<" || token.text == ">" || token.text == "<=" ||
          token.text == ">=" || token.text == "<>" || token.text == "!=");
}

bool is_keyword(const Token& token, std::string_view word) {
  if (token.kind != Token::Kind::name || token.text.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(token.text[i])) != word[i]) return false;
  }
  return true;
}

// The names of INSERT INTO t (a, b, ...), empty when the SQL is not such an insert.
std::vector<std::string> insert_columns(const std::vector<Token>& tokens) {
  std::vector<std::string> columns;
  for (std::size_t i = 0; i + 3 < tokens.size(); ++i) {
    if (!is_keyword(tokens[i], "INTO")) continue;
    std::size_t at = i + 2;
    while (at + 1 < tokens.size() && tokens[at].text == ".") at += 2;  // schema.table
    if (at >= tokens.size() || tokens[at].text != "(") return {};
    for (++at; at < tokens.size() && tokens[at].text != ")"; ++at) {
      if (tokens[at].kind == Token::Kind::name) columns.push_back(tokens[at].text);
    }
    return columns;
  }
  return columns;
}

}  // namespace

std::string parameter_column(std::string_view sql, int index) {
  const std::vector<Token> tokens = tokenize(sql);
  const std::string number = std::to_string(index);
  std::size_t at = 0;
  while (at < tokens.size() &&
         !(tokens[at].kind == Token::Kind::placeholder && tokens[at].text == number)) {
    ++at;
  }
  if (at == tokens.size()) return {};
  // "col" = ?N (an assignment in SET, a comparison in WHERE).
  if (at >= 2 && is_operator(tokens[at - 1]) && tokens[at - 2].kind == Token::Kind::name) {
    return tokens[at - 2].text;
  }
  // INSERT ... VALUES (?1, ?2), (?3, ?4): the place inside its parentheses.
  std::size_t place = 0;
  std::size_t open = at;
  while (open > 0) {
    --open;
    if (tokens[open].text == "(") break;
    if (tokens[open].text == ")") return {};
    if (tokens[open].text == ",") ++place;
  }
  if (open == 0 || tokens[open].text != "(") return {};
  if (!is_keyword(tokens[open - 1], "VALUES") && tokens[open - 1].text != ",") return {};
  const std::vector<std::string> columns = insert_columns(tokens);
  return place < columns.size() ? columns[place] : std::string();
}

void refuse_value(std::string_view backend, std::string_view sql, int index,
                  const std::string& problem) {
  std::string message = "cannot bind parameter " + std::to_string(index);
  if (const std::string column = parameter_column(sql, index); !column.empty()) {
    message += " (column \"" + column + "\")";
  }
  message += ": " + problem;
  DriverError error;
  error.kind = ErrorClass::data;
  error.info.backend = std::string(backend);
  error.info.driver_message = std::move(message);
  error.info.sql = std::string(sql);
  throw_database_error(std::move(error));
}

}  // namespace ormc::detail
