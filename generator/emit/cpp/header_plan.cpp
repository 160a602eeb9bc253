// Planning the generated headers: names, includes, the reach of each `schema` object, and
// the checks that make every header compile on its own.
#include "emit/cpp/header_plan.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "support/file_names.hpp"
#include "support/identifier_case.hpp"

namespace ormc::cpp {
namespace {

class Planner {
 public:
  Planner(const model::Schema& schema, const std::vector<SourceFileInfo>& files)
      : schema_(schema), files_(files) {}

  HeaderPlan run() {
    for (const SourceFileInfo& file : files_) info_[file.id] = &file;
    for (model::EnumId id = 0; id < schema_.enums.size(); ++id) {
      declared_[schema_.enums[id].file].enums.push_back(id);
    }
    for (model::ModelId id = 0; id < schema_.models.size(); ++id) {
      declared_[schema_.models[id].file].models.push_back(id);
    }
    dependency_order_ = schema_.dependency_order();
    rank_.resize(schema_.models.size());
    for (std::size_t i = 0; i < dependency_order_.size(); ++i) {
      rank_[dependency_order_[i]] = static_cast<int>(i);
    }
    for (const SourceFileInfo& file : files_) {
      if (declares_something(file.id)) plan_.headers.push_back(header_for(file));
    }
    check_generated_names();
    name_schema_objects();
    return std::move(plan_);
  }

 private:
  struct Declared {
    std::vector<model::EnumId> enums;
    std::vector<model::ModelId> models;
  };

  bool declares_something(FileId id) const {
    auto it = declared_.find(id);
    return it != declared_.end() && (!it->second.enums.empty() || !it->second.models.empty());
  }

  static std::string file_name(const std::string& path) {
    return std::filesystem::path(path).filename().string();
  }

  static std::string stem(const std::string& name) {
    return name.ends_with(".orm") ? name.substr(0, name.size() - 4) : name;
  }

  // The file and everything it imports, transitively, imports before importers (the file
  // itself last). Iterative, and linear in what it visits, however long an import chain is.
  std::vector<FileId> closure(FileId root) {
    ++visit_;
    std::vector<FileId> order;
    std::vector<std::pair<FileId, std::size_t>> stack;  // a file and its next import
    auto enter = [&](FileId id) {
      if (id >= visited_.size()) visited_.resize(id + 1, 0);
      if (visited_[id] == visit_) return;
      visited_[id] = visit_;
      stack.emplace_back(id, 0);
    };
    enter(root);
    while (!stack.empty()) {
      auto& [id, next] = stack.back();
      auto it = info_.find(id);
      if (it != info_.end() && next < it->second->imports.size()) {
        enter(it->second->imports[next++]);
        continue;
      }
      order.push_back(id);
      stack.pop_back();
    }
    return order;
  }

  // A header includes the headers of its whole import closure, deepest first, not only those
  // of its direct imports: with #pragma once, each of them is then opened directly by the
  // header compiled first, and including it does not nest, so a chain of imports of any
  // length stays within the compiler's include depth (g++: 200). A file that declares
  // nothing has no header; what it imports is in the closure all the same.
  HeaderSpec header_for(const SourceFileInfo& file) {
    HeaderSpec spec;
    spec.file = file.id;
    spec.source_name = file_name(file.path);
    spec.header_name = generated_header_name(spec.source_name);
    spec.cpp_name = generated_source_name(spec.source_name);
    const Declared& declared = declared_.at(file.id);
    spec.enums = declared.enums;
    spec.models = declared.models;
    for (model::ModelId id : spec.models) spec.dependency_ranks.push_back(rank_[id]);
    spec.cpp_namespace = declared.models.empty()
                             ? schema_.enums[declared.enums.front()].cpp_namespace
                             : schema_.models[declared.models.front()].cpp_namespace;
    std::vector<FileId> reach = closure(file.id);
    std::set<std::string> included;
    for (FileId id : reach) {
      if (id == file.id || !declares_something(id)) continue;
      std::string header = generated_header_name(file_name(info_.at(id)->path));
      if (included.insert(header).second) spec.includes.push_back(header);
    }
    // `visited_` marks exactly `reach` until the next closure().
    auto reaches = [&](FileId id) { return id < visited_.size() && visited_[id] == visit_; };
    for (model::ModelId id : dependency_order_) {
      if (reaches(schema_.models[id].file)) spec.schema_tables.push_back(id);
    }
    for (model::EnumId id = 0; id < schema_.enums.size(); ++id) {
      if (reaches(schema_.enums[id].file)) spec.schema_enums.push_back(id);
    }
    check_uses(spec, reaches);
    return spec;
  }

  std::string location(SourceSpan span) const {
    auto it = info_.find(span.file);
    if (it == info_.end()) return "ormc generate: error: ";
    std::string out = it->second->path;
    if (span.has_position()) {
      out += ":" + std::to_string(span.begin.line) + ":" + std::to_string(span.begin.column);
    }
    return out + ": error: ";
  }

  // The checker keeps generated C++ names apart within each namespace; this repeats it for
  // the schema as generated (with --namespace, several namespaces may have become one).
  void check_generated_names() {
    std::map<std::string, std::string> owners;  // "ns::name" -> what generates it
    auto claim = [&](const std::string& space, const std::string& name, const std::string& what,
                     SourceSpan span) {
      auto [it, fresh] = owners.try_emplace(space + "::" + name, what);
      if (!fresh) {
        plan_.errors.push_back(location(span) + what + " would be generated as C++ name '" + space +
                               "::" + name + "', already used by " + it->second);
      }
    };
    for (const model::Enum& enumeration : schema_.enums) {
      claim(enumeration.cpp_namespace, enumeration.name, "enum '" + enumeration.name + "'",
            enumeration.span);
    }
    for (const model::Model& model : schema_.models) {
      claim(model.cpp_namespace, model.cpp_struct, "the struct of '" + model.name + "'",
            model.span);
      claim(model.cpp_namespace, model.cpp_columns, "the column namespace of '" + model.name + "'",
            model.span);
    }
  }

  // A header includes only the headers of its file's imports, so what its declarations use
  // must come from there; the language itself lets any file of a schema use any name.
  template <typename Reaches>
  void check_uses(const HeaderSpec& header, const Reaches& reaches) {
    for (model::ModelId id : header.models) {
      const model::Model& model = schema_.models[id];
      for (const model::Column& column : model.columns) {
        if (column.type.kind != model::TypeKind::enumeration) continue;
        const model::Enum& used = schema_.enums[column.type.enum_id];
        if (!reaches(used.file)) {
          report_use(
              header, column.span,
              "column '" + model.name + "." + column.name + "' uses enum '" + used.name + "'",
              used.file);
        }
      }
      for (const model::ForeignKey& key : model.foreign_keys) {
        const model::Model& target = schema_.models[key.target];
        if (!reaches(target.file)) {
          report_use(header, key.span,
                     "foreign key '" + key.name + "' references '" + target.name + "'",
                     target.file);
        }
      }
    }
  }

  void report_use(const HeaderSpec& header, SourceSpan span, const std::string& use,
                  FileId declared_in) {
    const std::string& user = info_.at(header.file)->path;
    const std::string& other = info_.at(declared_in)->path;
    std::string import = std::filesystem::path(other)
                             .lexically_relative(std::filesystem::path(user).parent_path())
                             .generic_string();
    plan_.errors.push_back(location(span) + use + ", declared in '" + other +
                           "', which this file does not import; its generated header " +
                           header.header_name + " could not see it: add `import \"" + import +
                           "\";`");
  }

  // `schema` unless that name is ambiguous in the namespace.
  void name_schema_objects() {
    std::map<std::string, int> headers_in;
    std::set<std::string> taken;  // "ns::name" of every generated name that could clash
    for (const HeaderSpec& header : plan_.headers) ++headers_in[header.cpp_namespace];
    for (const model::Model& model : schema_.models) {
      taken.insert(model.cpp_namespace + "::" + model.cpp_struct);
      taken.insert(model.cpp_namespace + "::" + model.cpp_columns);
    }
    for (const model::Enum& enumeration : schema_.enums) {
      taken.insert(enumeration.cpp_namespace + "::" + enumeration.name);
    }
    for (HeaderSpec& header : plan_.headers) {
      bool shared =
          headers_in[header.cpp_namespace] > 1 || taken.contains(header.cpp_namespace + "::schema");
      header.schema_object = shared ? identifier(stem(header.source_name)) + "_schema" : "schema";
    }
  }

  static std::string identifier(std::string text) {
    for (char& c : text) {
      bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!word) c = '_';
    }
    if (text.empty() || (text[0] >= '0' && text[0] <= '9')) text.insert(0, "schema_");
    return snake_case(text);
  }

  const model::Schema& schema_;
  const std::vector<SourceFileInfo>& files_;
  std::map<FileId, const SourceFileInfo*> info_;
  std::map<FileId, Declared> declared_;
  std::vector<model::ModelId> dependency_order_;
  std::vector<int> rank_;               //!< by ModelId: its index in dependency_order_
  std::vector<std::uint32_t> visited_;  //!< by FileId: == visit_ when in the last closure()
  std::uint32_t visit_ = 0;
  HeaderPlan plan_;
};

}  // namespace

HeaderPlan plan_headers(const model::Schema& schema, const std::vector<SourceFileInfo>& files) {
  return Planner(schema, files).run();
}

}  // namespace ormc::cpp
