// Planning the generated headers: names, includes, the reach of each `schema` object, and
// the checks that make every header compile on its own.
#include "emit/cpp/header_plan.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "check/names.hpp"

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
    for (const SourceFileInfo& file : files_) {
      if (declares_something(file.id)) plan_.headers.push_back(header_for(file));
    }
    check_file_names();
    check_generated_names();
    check_uses();
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

  // The file and everything it imports, transitively.
  std::set<FileId> closure(FileId root) const {
    std::set<FileId> seen;
    std::vector<FileId> pending = {root};
    while (!pending.empty()) {
      FileId id = pending.back();
      pending.pop_back();
      if (!seen.insert(id).second) continue;
      auto it = info_.find(id);
      if (it != info_.end()) {
        pending.insert(pending.end(), it->second->imports.begin(), it->second->imports.end());
      }
    }
    return seen;
  }

  // The headers to include for the imports of `id`; a file that declares nothing has no
  // header, so its own imports stand in for it.
  void collect_includes(FileId id, std::vector<std::string>& out, std::set<FileId>& seen) const {
    auto it = info_.find(id);
    if (it == info_.end()) return;
    for (FileId imported : it->second->imports) {
      if (!seen.insert(imported).second) continue;
      if (declares_something(imported)) {
        std::string header = stem(file_name(info_.at(imported)->path)) + ".orm.hpp";
        if (std::find(out.begin(), out.end(), header) == out.end()) out.push_back(header);
      } else {
        collect_includes(imported, out, seen);
      }
    }
  }

  HeaderSpec header_for(const SourceFileInfo& file) {
    HeaderSpec spec;
    spec.file = file.id;
    spec.source_name = file_name(file.path);
    spec.header_name = stem(spec.source_name) + ".orm.hpp";
    const Declared& declared = declared_.at(file.id);
    spec.enums = declared.enums;
    spec.models = declared.models;
    spec.cpp_namespace = declared.models.empty()
                             ? schema_.enums[declared.enums.front()].cpp_namespace
                             : schema_.models[declared.models.front()].cpp_namespace;
    std::set<FileId> seen = {file.id};
    collect_includes(file.id, spec.includes, seen);
    std::set<FileId> reach = closure(file.id);
    for (model::ModelId id : schema_.dependency_order()) {
      if (reach.count(schema_.models[id].file) != 0) spec.schema_tables.push_back(id);
    }
    for (model::EnumId id = 0; id < schema_.enums.size(); ++id) {
      if (reach.count(schema_.enums[id].file) != 0) spec.schema_enums.push_back(id);
    }
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

  void check_file_names() {
    std::map<std::string, const HeaderSpec*> by_name;
    for (const HeaderSpec& header : plan_.headers) {
      auto [it, fresh] = by_name.try_emplace(header.header_name, &header);
      if (fresh) continue;
      plan_.errors.push_back("ormc generate: error: '" + info_.at(header.file)->path + "' and '" +
                             info_.at(it->second->file)->path + "' would both generate '" +
                             header.header_name + "'; rename one of them");
    }
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
  void check_uses() {
    for (const HeaderSpec& header : plan_.headers) {
      std::set<FileId> reach = closure(header.file);
      for (model::ModelId id : header.models) {
        const model::Model& model = schema_.models[id];
        for (const model::Column& column : model.columns) {
          if (column.type.kind != model::TypeKind::enumeration) continue;
          const model::Enum& used = schema_.enums[column.type.enum_id];
          if (reach.count(used.file) == 0) {
            report_use(
                header, column.span,
                "column '" + model.name + "." + column.name + "' uses enum '" + used.name + "'",
                used.file);
          }
        }
        for (const model::ForeignKey& key : model.foreign_keys) {
          const model::Model& target = schema_.models[key.target];
          if (reach.count(target.file) == 0) {
            report_use(header, key.span,
                       "foreign key '" + key.name + "' references '" + target.name + "'",
                       target.file);
          }
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
      bool shared = headers_in[header.cpp_namespace] > 1 ||
                    taken.count(header.cpp_namespace + "::schema") != 0;
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
  HeaderPlan plan_;
};

}  // namespace

HeaderPlan plan_headers(const model::Schema& schema, const std::vector<SourceFileInfo>& files) {
  return Planner(schema, files).run();
}

}  // namespace ormc::cpp
