// Helpers of the PostgreSQL fault tests (fault_support.hpp).
#include "fault_support.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <doctest/doctest.h>

#include "support/test_backends.hpp"

namespace fault_test {

using ormc_test::environment_variable;
using ormc_test::under_ci;

//! A shell command that restarts the server, or nullopt when there is none.
std::optional<std::string> restart_command() {
  if (const char* command = environment_variable("ORMC_TEST_PG_RESTART")) {
    return std::string(command);
  }
  // pg_virtualenv makes the cluster "regress" of $PGVERSION and marks it as its own; its
  // configuration lives under PG_CLUSTER_CONF_ROOT (pg_virtualenv -t, or not root), else
  // /etc/postgresql. Restarting a cluster it did not make could hit a real one: never.
  const char* version = environment_variable("PGVERSION");
  if (version == nullptr) return std::nullopt;
  const char* root = environment_variable("PG_CLUSTER_CONF_ROOT");
  const std::filesystem::path marker = std::filesystem::path(root ? root : "/etc/postgresql") /
                                       version / "regress" / ".by_pg_virtualenv";
  std::error_code error;
  if (!std::filesystem::exists(marker, error)) return std::nullopt;
  // stop + start, not `restart`: restart decides whether to stop from the external pid file
  // /var/run/postgresql/<version>-regress.pid, which every pg_virtualenv cluster of that
  // version shares (another one running at the same time overwrites or removes it); stop and
  // start check the cluster's own postmaster.pid. --skip-systemctl-redirect: as root,
  // pg_ctlcluster would otherwise hand the cluster to systemd.
  const std::string cluster =
      "pg_ctlcluster --skip-systemctl-redirect " + std::string(version) + " regress ";
  return cluster + "stop -m fast && " + cluster + "start";
}

bool restart_available(std::string_view what) {
  if (restart_command()) return true;
  std::cerr << "POSTGRESQL RESTART TEST SKIPPED (" << what
            << "): no way to restart the server (set ORMC_TEST_PG_RESTART to a shell command, "
               "or run under pg_virtualenv)"
            << (under_ci() ? "; CI=true: failing it" : "") << '\n';
  CHECK_MESSAGE(!under_ci(), "CI=true: the restart test must run");
  return false;
}

void restart_server() {
  const auto command = restart_command();
  REQUIRE(command);
  const int status = std::system(command->c_str());
  REQUIRE_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 0),
                  "restart command failed: " << *command);
}

std::int64_t backend_pid(ormc::Connection& conn) {
  return conn.query<std::int64_t>("SELECT pg_backend_pid()").at(0);
}

//! Ends the backend `pid` from another session and waits (up to 5 s) until it is gone.
void terminate_backend(ormc::Engine& admin, std::int64_t pid) {
  auto conn = admin.connect();
  REQUIRE(
      conn.prepare("SELECT pg_terminate_backend($1, 5000)").bind(1, pid).query().scalar<bool>());
}

void check_pool_at_rest(const ormc::Engine& engine) {
  const ormc::PoolStats pool = engine.stats().pool;
  CHECK(pool.checked_out == 0);
  CHECK(pool.waiting == 0);
  CHECK(pool.open == pool.idle);
}

}  // namespace fault_test
