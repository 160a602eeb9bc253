// Runs the paths of one workload alternately, several times, checks that they all wrote or
// read the same data, and prints medians, ORM/raw ratios and statement counts as a
// markdown table for docs/perf.md.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "workload.hpp"

namespace wl_bench {

//! One way to run a workload (an ORM path or a raw driver's): a timed run that also
//! reports the rows and checksum of what it did (checked outside the timing).
struct Path {
  std::string label;  //!< for the table: "Session add() x N + commit()", "raw per-row INSERT"
  std::function<Outcome()> run;
};

//! One line of the table: an ORM path against a raw path of the same workload.
struct Comparison {
  std::size_t orm;
  std::size_t raw;
};

struct Workload {
  std::string name;  //!< "W1 insert 100000 users, one transaction"
  std::vector<Path> paths;
  std::vector<Comparison> comparisons;
};

//! The medians of one path's runs.
struct PathResult {
  double median_seconds = 0;
  double min_seconds = 0;
  std::uint64_t statements = 0;  //!< of the median run
  std::int64_t rows = 0;
};

//! Runs every path `repetitions` times, in order on even repetitions and in reverse on odd
//! ones, so that no path always runs after the same neighbour. Throws when two runs of the
//! workload disagree on the rows or the checksum.
std::vector<PathResult> measure(const Workload& workload, int repetitions);

//! Appends the workload's lines (one per comparison) to a markdown table.
void add_rows(const Workload& workload, const std::vector<PathResult>& results,
              std::vector<std::string>& table);

//! The table's header lines, naming the raw driver ("sqlite3", "libpq").
std::vector<std::string> table_header(const std::string& driver);

//! The peak resident set of this process (VmHWM) in KiB. Not getrusage's ru_maxrss: Linux
//! carries the high-water mark of the forked parent's memory across exec into the child's
//! ru_maxrss, so a child re-executed from the big benchmark process would report at least
//! the parent's size. VmHWM belongs to the address space, which exec replaces.
long peak_rss_kib();

}  // namespace wl_bench
