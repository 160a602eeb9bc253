// A small streaming JSON writer with stable two-space indentation, for dump and diagnostics.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

namespace ormc {

//! Writes one JSON document. Calls must nest correctly (begin/end pairs, key before each
//! object member); that is a programming error otherwise, caught by asserts.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(bool flag);
  void value(std::int64_t number);
  void value(std::uint64_t number);
  void value(int number) { value(static_cast<std::int64_t>(number)); }
  void value(unsigned number) { value(static_cast<std::uint64_t>(number)); }
  void null();

  //! Shorthand for key(name) followed by value(v).
  template <typename T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

  static void write_string(std::ostream& out, std::string_view text);

 private:
  void before_value();
  void newline();

  struct Level {
    bool is_object;
    bool empty = true;
  };
  std::ostream& out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace ormc
