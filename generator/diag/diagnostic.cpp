// The diagnostic code table and the collecting engine.
#include "diag/diagnostic.hpp"

namespace ormc {

const std::vector<DiagCodeInfo>& all_diag_codes() {
  static const std::vector<DiagCodeInfo> table = {
#define X(id, code, severity, summary) {DiagCode::id, code, Severity::severity, summary},
#include "diag/codes.def"
#undef X
  };
  return table;
}

const DiagCodeInfo& info(DiagCode code) {
  return all_diag_codes().at(static_cast<std::size_t>(code));
}

DiagnosticBuilder& DiagnosticBuilder::note(SourceSpan span, std::string message) {
  if (diagnostic_ != nullptr) diagnostic_->notes.push_back({span, std::move(message)});
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::fixit(std::string replacement) {
  if (diagnostic_ != nullptr) diagnostic_->fixit = std::move(replacement);
  return *this;
}

DiagnosticBuilder DiagnosticEngine::report(DiagCode code, SourceSpan span, std::string message) {
  // The same file imported by several schemas is checked with each: say things once.
  std::string key = std::to_string(static_cast<int>(code)) + ':' + std::to_string(span.file) + ':' +
                    std::to_string(span.begin.line) + ':' + std::to_string(span.begin.column) +
                    ':' + message;
  if (!seen_.insert(std::move(key)).second) return DiagnosticBuilder(nullptr);
  Severity severity = info(code).severity;
  if (severity == Severity::warning && options_.warnings_as_errors) severity = Severity::error;
  if (severity == Severity::error) {
    if (options_.error_limit != 0 && errors_ >= options_.error_limit) {
      ++errors_;
      ++dropped_;
      return DiagnosticBuilder(nullptr);
    }
    ++errors_;
  } else {
    ++warnings_;
  }
  diagnostics_.push_back(Diagnostic{code, severity, span, std::move(message), {}, std::nullopt});
  return DiagnosticBuilder(&diagnostics_.back());
}

}  // namespace ormc
