// JSON output: strings escaped per RFC 8259, non-ASCII passed through as UTF-8.
#include "support/json_writer.hpp"

#include <cassert>

namespace ormc {

void JsonWriter::write_string(std::ostream& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out << '"';
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default:
        if (byte < 0x20) {
          out << "\\u00" << hex[byte >> 4] << hex[byte & 0xF];
        } else {
          out << c;
        }
    }
  }
  out << '"';
}

void JsonWriter::newline() {
  out_ << '\n';
  for (std::size_t i = 0; i < levels_.size(); ++i) out_ << "  ";
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  assert(!levels_.back().is_object && "object members need a key");
  if (!levels_.back().empty) out_ << ',';
  levels_.back().empty = false;
  newline();
}

void JsonWriter::key(std::string_view name) {
  assert(!levels_.empty() && levels_.back().is_object && !after_key_);
  if (!levels_.back().empty) out_ << ',';
  levels_.back().empty = false;
  newline();
  write_string(out_, name);
  out_ << ": ";
  after_key_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  out_ << '{';
  levels_.push_back({true});
}

void JsonWriter::end_object() {
  assert(!levels_.empty() && levels_.back().is_object);
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  out_ << '}';
  if (levels_.empty()) out_ << '\n';
}

void JsonWriter::begin_array() {
  before_value();
  out_ << '[';
  levels_.push_back({false});
}

void JsonWriter::end_array() {
  assert(!levels_.empty() && !levels_.back().is_object);
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  out_ << ']';
  if (levels_.empty()) out_ << '\n';
}

void JsonWriter::value(std::string_view text) {
  before_value();
  write_string(out_, text);
}

void JsonWriter::value(bool flag) {
  before_value();
  out_ << (flag ? "true" : "false");
}

void JsonWriter::value(std::int64_t number) {
  before_value();
  out_ << number;
}

void JsonWriter::value(std::uint64_t number) {
  before_value();
  out_ << number;
}

void JsonWriter::null() {
  before_value();
  out_ << "null";
}

}  // namespace ormc
