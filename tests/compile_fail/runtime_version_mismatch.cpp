// Compiled by runtime_version_mismatch.cmake against the real runtime (it must compile) and
// against other_runtime/ (it must stop with the generated header's version #error).
#include "blog.orm.hpp"

int main() { return blog::User{}.is_active ? 0 : 1; }
