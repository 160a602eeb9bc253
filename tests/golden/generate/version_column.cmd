generate --stdout tests/golden/generate/version_column.orm
