// The workloads' data and checksums (workload.hpp).
#include "workload.hpp"

#include <cmath>
#include <functional>
#include <numeric>
#include <random>

namespace wl_bench {

namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}

std::uint64_t text_hash(const std::string& s) { return std::hash<std::string>{}(s); }

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void put_digits(char* out, std::int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

std::int64_t digits(const char* p, int n) {
  std::int64_t v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (p[i] - '0');
  return v;
}

}  // namespace

std::vector<User> make_users(std::int64_t n) {
  const auto base = std::chrono::sys_days(std::chrono::year(2024) / 1 / 1);
  std::vector<User> users;
  users.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    users.push_back(User{
        .username = "user" + std::to_string(i),
        .email = "user" + std::to_string(i) + "@example.com",
        .age = static_cast<std::int32_t>(18 + i % 60),
        .is_active = i % 3 != 0,
        .created_at = ormc::Timestamp(base + std::chrono::microseconds(i * 1234567LL + i % 1000))});
  }
  return users;
}

std::vector<std::int64_t> shuffled_ids(std::int64_t n) {
  std::vector<std::int64_t> ids(static_cast<std::size_t>(n));
  std::iota(ids.begin(), ids.end(), std::int64_t{1});
  std::shuffle(ids.begin(), ids.end(), std::mt19937_64(42));
  return ids;
}

std::uint64_t checksum_without_age(const User& user) {
  std::uint64_t h = mix(0, static_cast<std::uint64_t>(user.id));
  h = mix(h, text_hash(user.username));
  h = mix(h, text_hash(user.email));
  h = mix(h, user.is_active ? 1 : 2);
  return mix(h, static_cast<std::uint64_t>(user.created_at.time_since_epoch().count()));
}

std::uint64_t checksum(const User& user) {
  return mix(checksum_without_age(user), static_cast<std::uint64_t>(user.age));
}

std::uint64_t group_checksum(std::int32_t age, std::int64_t count, double avg_id) {
  // avg(id) comes back as a double on one path and as numeric text on the other: compare
  // it to a thousandth.
  return mix(mix(static_cast<std::uint64_t>(age), static_cast<std::uint64_t>(count)),
             static_cast<std::uint64_t>(std::llround(avg_id * 1000)));
}

void format_timestamp(ormc::Timestamp t, char* out) {
  const std::int64_t micros = t.time_since_epoch().count();
  std::int64_t days = micros / 86'400'000'000LL;
  std::int64_t rest = micros % 86'400'000'000LL;
  if (rest < 0) {
    rest += 86'400'000'000LL;
    --days;
  }
  const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(days))};
  put_digits(out, static_cast<int>(ymd.year()), 4);
  out[4] = '-';
  put_digits(out + 5, static_cast<unsigned>(ymd.month()), 2);
  out[7] = '-';
  put_digits(out + 8, static_cast<unsigned>(ymd.day()), 2);
  out[10] = ' ';
  const std::int64_t seconds = rest / 1'000'000;
  put_digits(out + 11, seconds / 3600, 2);
  out[13] = ':';
  put_digits(out + 14, seconds / 60 % 60, 2);
  out[16] = ':';
  put_digits(out + 17, seconds % 60, 2);
  out[19] = '.';
  put_digits(out + 20, rest % 1'000'000, 6);
}

ormc::Timestamp parse_timestamp(const char* text, std::size_t length) {
  const std::int64_t days =
      days_from_civil(digits(text, 4), static_cast<unsigned>(digits(text + 5, 2)),
                      static_cast<unsigned>(digits(text + 8, 2)));
  std::int64_t micros = (((days * 24 + digits(text + 11, 2)) * 60 + digits(text + 14, 2)) * 60 +
                         digits(text + 17, 2)) *
                        1'000'000;
  if (length > 19 && text[19] == '.') {
    std::int64_t scale = 100000;
    for (std::size_t i = 20; i < length && text[i] >= '0' && text[i] <= '9'; ++i, scale /= 10) {
      micros += (text[i] - '0') * scale;
    }
  }
  return ormc::Timestamp(std::chrono::microseconds(micros));
}

const char* const fill_posts_sql =
    "INSERT INTO posts (author_id, title, content, published) "
    "SELECT id, 'post ' || id, 'content of a post', age % 3 <> 0 FROM users ORDER BY id";
const char* const fill_comments_sql =
    "INSERT INTO comments (post_id, author_id, body) "
    "SELECT id, (id * 7) % (SELECT count(*) FROM users) + 1, 'comment on ' || title "
    "FROM posts ORDER BY id";

std::string w4_fill_posts_sql(std::int64_t users) {
  return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
         std::to_string(w4_posts_per_user) +
         ") INSERT INTO posts (author_id, title, content, published) "
         "SELECT users.id, 'post ' || users.id || '.' || n.i, 'content of post ' || n.i, "
         "(users.id + n.i) % 3 <> 0 FROM users CROSS JOIN n WHERE users.id <= " +
         std::to_string(users) + " ORDER BY users.id, n.i";
}

std::uint64_t post_checksum(std::int64_t owner_id, std::int64_t id, std::int64_t author_id,
                            const std::string& title, const std::string& content, bool published) {
  std::uint64_t h = mix(static_cast<std::uint64_t>(owner_id), static_cast<std::uint64_t>(id));
  h = mix(h, static_cast<std::uint64_t>(author_id));
  h = mix(h, text_hash(title));
  h = mix(h, text_hash(content));
  return mix(h, published ? 1 : 2);
}

std::uint64_t join_checksum(std::int64_t comment_id, const std::string& body,
                            const std::string& title, const std::string& username,
                            std::int32_t age) {
  std::uint64_t h = mix(0, static_cast<std::uint64_t>(comment_id));
  h = mix(h, text_hash(body));
  h = mix(h, text_hash(title));
  h = mix(h, text_hash(username));
  return mix(h, static_cast<std::uint64_t>(age));
}

std::uint64_t window_checksum(std::int64_t id, std::int64_t row_number, std::int64_t running) {
  return mix(mix(static_cast<std::uint64_t>(id), static_cast<std::uint64_t>(row_number)),
             static_cast<std::uint64_t>(running));
}

}  // namespace wl_bench
