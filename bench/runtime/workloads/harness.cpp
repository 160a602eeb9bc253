// The alternating runner and the markdown table (harness.hpp).
#include "harness.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <optional>
#include <stdexcept>

namespace wl_bench {

std::vector<PathResult> measure(const Workload& workload, int repetitions) {
  std::vector<std::vector<Outcome>> runs(workload.paths.size());
  std::optional<Outcome> reference;  // the first run's: every other must agree with it
  std::size_t reference_path = 0;
  for (int rep = 0; rep < repetitions; ++rep) {
    for (std::size_t k = 0; k < workload.paths.size(); ++k) {
      const std::size_t i = rep % 2 == 0 ? k : workload.paths.size() - 1 - k;
      runs[i].push_back(workload.paths[i].run());
      const Outcome& outcome = runs[i].back();
      if (!reference) {
        reference = outcome;
        reference_path = i;
        continue;
      }
      if (outcome.rows != reference->rows || outcome.checksum != reference->checksum) {
        char message[512];
        std::snprintf(message, sizeof message,
                      "%s: \"%s\" gave %" PRId64 " rows, checksum %016" PRIx64
                      "; \"%s\" gave %" PRId64 " rows, checksum %016" PRIx64,
                      workload.name.c_str(), workload.paths[i].label.c_str(), outcome.rows,
                      outcome.checksum, workload.paths[reference_path].label.c_str(),
                      reference->rows, reference->checksum);
        throw std::runtime_error(message);
      }
    }
  }
  std::vector<PathResult> results;
  for (std::vector<Outcome>& path_runs : runs) {
    std::sort(path_runs.begin(), path_runs.end(),
              [](const Outcome& a, const Outcome& b) { return a.seconds < b.seconds; });
    const std::size_t n = path_runs.size();
    const Outcome& middle = path_runs[n / 2];
    PathResult r;
    r.median_seconds =
        n % 2 == 1 ? middle.seconds : (path_runs[n / 2 - 1].seconds + middle.seconds) / 2;
    r.min_seconds = path_runs.front().seconds;
    r.statements = middle.statements;
    r.rows = middle.rows;
    results.push_back(r);
  }
  return results;
}

std::vector<std::string> table_header(const std::string& driver) {
  return {"| workload | ORM path | ORM ms | raw " + driver +
              " path | raw ms | ORM / raw | ORM / raw on minimums | statements ORM / raw |",
          "|---|---|---:|---|---:|---:|---:|---:|"};
}

void add_rows(const Workload& workload, const std::vector<PathResult>& results,
              std::vector<std::string>& table) {
  for (const Comparison& c : workload.comparisons) {
    const PathResult& orm = results[c.orm];
    const PathResult& raw = results[c.raw];
    char line[768];
    std::snprintf(line, sizeof line,
                  "| %s | %s | %.1f | %s | %.1f | %.2f | %.2f | %" PRIu64 " / %" PRIu64 " |",
                  workload.name.c_str(), workload.paths[c.orm].label.c_str(),
                  orm.median_seconds * 1000, workload.paths[c.raw].label.c_str(),
                  raw.median_seconds * 1000, orm.median_seconds / raw.median_seconds,
                  orm.min_seconds / raw.min_seconds, orm.statements, raw.statements);
    table.emplace_back(line);
  }
}

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  throw std::runtime_error("no VmHWM in /proc/self/status");
}

}  // namespace wl_bench
