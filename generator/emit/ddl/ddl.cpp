// generate_ddl: picks the dialect's emitter.
#include "emit/ddl/ddl.hpp"

#include "emit/ddl/ddl_common.hpp"

namespace ormc::ddl {

DdlStatements generate_ddl(const model::Schema& schema, const std::vector<model::ModelId>& tables,
                           const std::vector<model::EnumId>& enums, SqlDialect dialect) {
  std::unique_ptr<DdlEmitter> emitter =
      dialect == SqlDialect::sqlite ? make_sqlite_emitter(schema) : make_postgresql_emitter(schema);
  return emitter->emit(tables, enums);
}

}  // namespace ormc::ddl
