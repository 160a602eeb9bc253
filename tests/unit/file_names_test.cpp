// file_names_test.cpp — which source paths can become generated headers and depfile entries.
#include "support/file_names.hpp"

#include <doctest/doctest.h>

namespace ormc {

TEST_CASE("generated_header_name replaces the .orm suffix, or adds it") {
  CHECK(generated_header_name("blog.orm") == "blog.orm.hpp");
  CHECK(generated_header_name("blog") == "blog.orm.hpp");
  CHECK(generated_header_name("blog.schema") == "blog.schema.orm.hpp");
}

TEST_CASE("unusable_path_reason refuses what breaks an #include line or a depfile") {
  CHECK(unusable_path_reason("schemas/blog.orm").empty());
  CHECK(unusable_path_reason("my schemas/#1 $x/bob's blog.orm").empty());
  CHECK(unusable_path_reason("schémas/日本.orm").empty());
  CHECK(unusable_path_reason("dir\\with\\backslashes/blog.orm").empty());  // only the name counts
  CHECK(unusable_path_reason("a/quote\".orm").find("'\"'") != std::string::npos);
  CHECK(unusable_path_reason("a/back\\slash.orm").find("'\\'") != std::string::npos);
  CHECK(unusable_path_reason("new\nline/blog.orm").find("<0A>") != std::string::npos);
  CHECK(unusable_path_reason("tab\t.orm").find("<09>") != std::string::npos);
  CHECK(unusable_path_reason("latin1-\xE9.orm") == "its path is not valid UTF-8");
}

TEST_CASE("printable_path shows control bytes and invalid UTF-8 as <XX>") {
  CHECK(printable_path("a\nb\xE9.orm") == "a<0A>b<E9>.orm");
  CHECK(printable_path("日本.orm") == "日本.orm");
}

TEST_CASE("fold_case lowers ASCII letters only") {
  CHECK(fold_case("Case.ORM.hpp") == "case.orm.hpp");
  CHECK(fold_case("Éa") == "Éa");
}

}  // namespace ormc
