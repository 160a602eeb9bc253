// Scratch database files and the lost-connection hook of the pool tests.
#include "pool_support.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <system_error>

#include "sqlite/sqlite_connection.hpp"

namespace pool_test {
namespace {

struct Scratch {
  std::string path;
  Scratch() {
    const auto dir =
        std::filesystem::temp_directory_path() / ("ormc-pool-tests-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    path = dir.string();
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

}  // namespace

const std::string& scratch_directory() {
  static const Scratch scratch;
  return scratch.path;
}

std::string fresh_url(std::string_view query) {
  static std::atomic<int> serial{0};
  std::string url = "sqlite:///" + scratch_directory() + "/db" + std::to_string(++serial) + ".db";
  if (!query.empty()) {
    url += '?';
    url += query;
  }
  return url;
}

void simulate_disconnect(ormc::Connection& conn) {
  dynamic_cast<ormc::sqlite::SqliteConnection&>(conn.driver()).simulate_disconnect();
}

const void* driver_of(const ormc::Connection& conn) { return &conn.driver(); }

}  // namespace pool_test
