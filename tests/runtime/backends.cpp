// Test backends: fresh databases per test, placeholders per dialect.
#include "backends.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <system_error>

namespace rt_test {
namespace {

struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    path = std::filesystem::temp_directory_path() /
           ("ormc_runtime_tests_" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
};

}  // namespace

const std::string& scratch_directory() {
  static const ScratchDirectory directory;
  static const std::string path = directory.path.string();
  return path;
}

const std::vector<Backend>& backends() {
  static const std::vector<Backend> list = {
      {"sqlite-memory", ormc::DialectKind::sqlite},
      {"sqlite-file", ormc::DialectKind::sqlite},
  };
  return list;
}

std::string fresh_url(const Backend& backend, std::string_view query) {
  static std::atomic<int> counter{0};
  std::string url;
  if (backend.name == "sqlite-memory") {
    url = "sqlite://:memory:";
  } else {
    url = "sqlite:///" + scratch_directory() + "/db" + std::to_string(++counter) + ".db";
  }
  if (!query.empty()) url += "?" + std::string(query);
  return url;
}

ormc::Engine fresh_engine(const Backend& backend, ormc::EngineOptions options) {
  return ormc::Engine::connect(fresh_url(backend), std::move(options));
}

std::string placeholders(const ormc::Dialect& dialect, std::string_view sql) {
  std::string out;
  std::size_t n = 0;
  for (const char c : sql) {
    if (c == '$') {
      dialect.append_placeholder(out, ++n);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace rt_test
