// How a Statement remembers its bound values for logs and error messages without copying
// them: a pointer and a formatter for values that outlive execution, text for temporaries.
#pragma once

#include <string>

#include "ormc/bind.hpp"
#include "ormc/value.hpp"

namespace ormc::detail {

struct ParamSlot {
  const void* object = nullptr;                  //!< the bound lvalue, when `format` is set
  std::string (*format)(const void*) = nullptr;  //!< formats *object on demand
  std::string text;                              //!< the formatted value of a temporary
  bool bound = false;

  template <typename T>
  void remember(const T& value, bool stable) {
    bound = true;
    if (stable) {
      object = &value;
      format = [](const void* p) { return to_log_string(to_value(*static_cast<const T*>(p))); };
    } else {
      object = nullptr;
      format = nullptr;
      text = to_log_string(to_value(value));
    }
  }
  [[nodiscard]] std::string str() const {
    if (!bound) return "<unbound>";
    return format != nullptr ? format(object) : text;
  }
};

}  // namespace ormc::detail
