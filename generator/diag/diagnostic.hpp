// Diagnostics: what went wrong in a schema, where, and the related places.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "diag/source.hpp"

namespace ormc {

enum class Severity { error, warning, note };

//! Every diagnostic ormc can emit; see diag/codes.def for codes and summaries.
enum class DiagCode {
#define X(id, code, severity, summary) id,
#include "diag/codes.def"
#undef X
};

struct DiagCodeInfo {
  DiagCode id;
  std::string_view code;  //!< "E201"
  Severity severity;
  std::string_view summary;
};

[[nodiscard]] const DiagCodeInfo& info(DiagCode code);
[[nodiscard]] const std::vector<DiagCodeInfo>& all_diag_codes();

struct DiagnosticNote {
  SourceSpan span;
  std::string message;
};

struct Diagnostic {
  DiagCode code{};
  Severity severity = Severity::error;
  SourceSpan span;
  std::string message;
  std::vector<DiagnosticNote> notes;
  //! Replacement text for the span, shown under the caret ("did you mean" fix-its).
  std::optional<std::string> fixit;
};

//! Builder used by the checker: report(code, span, message).note(span, text).fixit(text).
class DiagnosticBuilder {
 public:
  explicit DiagnosticBuilder(Diagnostic* diagnostic) : diagnostic_(diagnostic) {}
  DiagnosticBuilder& note(SourceSpan span, std::string message);
  DiagnosticBuilder& fixit(std::string replacement);

 private:
  Diagnostic* diagnostic_;  // null once the error limit has been reached: everything is dropped
};

//! Collects a run's diagnostics. Warnings become errors under --werror; past the error
//! limit further diagnostics are counted but not kept.
class DiagnosticEngine {
 public:
  struct Options {
    bool warnings_as_errors = false;
    std::size_t error_limit = 50;  //!< 0 = no limit
  };

  DiagnosticEngine() = default;
  explicit DiagnosticEngine(Options options) : options_(options) {}

  DiagnosticBuilder report(DiagCode code, SourceSpan span, std::string message);

  [[nodiscard]] const std::deque<Diagnostic>& diagnostics() const { return diagnostics_; }
  [[nodiscard]] std::size_t error_count() const { return errors_; }
  [[nodiscard]] std::size_t warning_count() const { return warnings_; }
  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  //! True once the error limit was hit; the renderer says so after the kept diagnostics.
  [[nodiscard]] bool limit_reached() const { return dropped_ > 0; }

 private:
  Options options_;
  std::unordered_set<std::string> seen_;  //!< identical reports (shared imports) count once
  std::deque<Diagnostic> diagnostics_;    // a deque: builders keep pointers into it
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace ormc
