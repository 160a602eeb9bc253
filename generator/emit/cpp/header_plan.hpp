// Which headers `ormc generate` writes for a schema and what each holds: one per .orm file
// that declares something, including the headers of the files it imports, and carrying the
// `schema` object (tables and DDL) of that file and everything it imports.
#pragma once

#include <string>
#include <vector>

#include "diag/source.hpp"
#include "model/schema.hpp"

namespace ormc::cpp {

//! A file of the compilation and the files it imports directly.
struct SourceFileInfo {
  FileId id = no_file;
  std::string path;
  std::vector<FileId> imports;
};

struct HeaderSpec {
  FileId file = no_file;
  std::string source_name;    //!< "blog.orm"
  std::string header_name;    //!< "blog.orm.hpp"
  std::string cpp_name;       //!< "blog.orm.cpp": what the header declares, defined
  std::string cpp_namespace;  //!< of every declaration of the file
  //! Header names of every file it imports, directly or not, deepest first.
  std::vector<std::string> includes;
  std::vector<model::EnumId> enums;  //!< declared in the file, in order
  std::vector<model::ModelId> models;
  //! For each of `models`, its place in the schema's dependency order.
  std::vector<int> dependency_ranks;
  //! What `schema_object` covers: the file and its imports, tables in dependency order.
  std::vector<model::ModelId> schema_tables;
  std::vector<model::EnumId> schema_enums;
  //! `schema`, or `<stem>_schema` when several headers share the namespace (or a
  //! declaration already generates the name `schema` there).
  std::string schema_object;
};

struct HeaderPlan {
  std::vector<HeaderSpec> headers;
  //! Why no header can be written, one line each ("file:line:col: error: ..." where known).
  std::vector<std::string> errors;
};

//! Plans the headers of `schema`, whose files are `files`. A declaration may only use
//! enums and tables of its own file and the files it imports (a header can only see what it
//! includes); anything else is an error.
[[nodiscard]] HeaderPlan plan_headers(const model::Schema& schema,
                                      const std::vector<SourceFileInfo>& files);

}  // namespace ormc::cpp
