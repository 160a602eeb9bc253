// The untyped half of strict and batched lazy loading: the modes from the environment,
// the results and eager loads a Session tracks, and the reports' text.
#include "ormc/session/load_tracker.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>

namespace ormc {

void stderr_load_report(const LoadReport& report) {
  std::string line = "[ormc] warning: " + report.message + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);  // one write: lines of threads do not mix
}

namespace detail {

namespace {

//! The environment variable's value, lower-cased; nullopt when unset or empty.
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read, never set
  if (value == nullptr || *value == '\0') return std::nullopt;
  std::string lowered;
  for (const char* c = value; *c != '\0'; ++c) {
    lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
  }
  return lowered;
}

bool is_true(const std::string& value) {
  return value == "1" || value == "true" || value == "on" || value == "yes";
}
bool is_false(const std::string& value) {
  return value == "0" || value == "false" || value == "off" || value == "no";
}

//! "/path/to/detector_test.cpp:57 (in test_body)", or what an operator's read leaves.
std::string call_site(const SourceLocation& where) {
  if (where.line() == 0) {
    return "a place ormc cannot name (the read went through operator->, operator*, operator "
           "bool or operator[], which cannot take a source location; read with get(), "
           "begin(), size() or empty() to see the line)";
  }
  std::string text = std::string(where.file_name()) + ":" + std::to_string(where.line());
  if (*where.function_name() != '\0') text += " (in " + std::string(where.function_name()) + ")";
  return text;
}

}  // namespace

StrictLoading LoadTracker::strict_mode(std::optional<StrictLoading> option) {
  if (option) return *option;
  const std::optional<std::string> value = environment("ORMC_STRICT_LOADING");
  if (!value || is_false(*value)) return StrictLoading::off;
  if (*value == "warn" || is_true(*value)) return StrictLoading::warn;
  if (*value == "raise") return StrictLoading::raise;
  throw ArgumentError("ORMC_STRICT_LOADING=" + *value +
                      ": expected warn, raise or off (or 1/true/on for warn, 0/false for off)");
}

bool LoadTracker::batch_switch(std::optional<bool> option) {
  if (option) return *option;
  const std::optional<std::string> value = environment("ORMC_BATCH_LAZY_LOADS");
  if (!value || is_false(*value)) return false;
  if (is_true(*value)) return true;
  throw ArgumentError("ORMC_BATCH_LAZY_LOADS=" + *value +
                      ": expected 1, true, on or yes (or 0, false, off, no)");
}

std::uint32_t LoadTracker::add_result(std::vector<void*> objects, std::vector<std::string> path) {
  if (results_.size() >= std::numeric_limits<std::uint32_t>::max()) return 0;
  results_.push_back({std::move(objects), std::move(path), {}});
  return static_cast<std::uint32_t>(results_.size());
}

void LoadTracker::raise(const LoadReport& report) { throw StrictLoadingError(report.message); }

void LoadTracker::deliver(const LoadReport& report) const {
  if (handler_) {
    handler_(report);
  } else {
    stderr_load_report(report);
  }
}

void LoadTracker::report_unused(Session& session) {
  // Taken out first: a handler that throws leaves nothing to report twice.
  std::vector<EagerLoad> loads = std::move(eager_);
  eager_.clear();
  results_.clear();
  if (!strict()) return;
  for (EagerLoad& load : loads) {
    bool read = false;
    for (void* object : load.objects) {
      if (load.read(session, object)) {
        read = true;
        break;
      }
    }
    if (read) continue;
    LoadReport report;
    report.kind = LoadReportKind::unused_eager_load;
    report.model = load.model;
    report.relation = load.relation;
    report.objects = load.objects.size();
    report.fix = "drop " + load.option + " from the query's .load(...)";
    report.message = "unused eager load: " + load.model + "." + load.relation +
                     " was loaded eagerly (" + load.option + ", or the schema's load(...)) for " +
                     std::to_string(load.objects.size()) + " " + load.model +
                     (load.objects.size() == 1 ? "" : " objects") +
                     " of one query, and none of them read it before the objects left the "
                     "session; " +
                     report.fix + " (or the schema's load(...)) to save its statement";
    deliver(report);
  }
}

void describe_n_plus_one(LoadReport& report, std::string_view descriptor,
                         const std::vector<std::string>& path) {
  // The loading path as options nest: selectin(a).then(selectin(b).then(selectin(c))).
  std::string option = "ormc::selectin(" + std::string(descriptor) + ")";
  for (auto at = path.rbegin(); at != path.rend(); ++at) {
    option = "ormc::selectin(" + *at + ").then(" + option + ")";
  }
  report.fix = ".load(" + option + ")";
  const std::string read_by = path.empty() ? "one query" : "one load of " + path.back();
  report.message = "N+1 lazy load of " + report.model + "." + report.relation + " at " +
                   call_site(report.where) + ": this " + report.model + " is one of " +
                   std::to_string(report.objects) + " read by " + read_by +
                   " that each need it, one SELECT per " + report.model +
                   "; load them together with " + report.fix +
                   " (SQLAlchemy: selectinload), or turn on SessionOptions::batch_lazy_loads";
}

}  // namespace detail
}  // namespace ormc
