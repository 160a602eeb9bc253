generate --stdout tests/golden/generate/cross_file_use.orm tests/golden/generate/cross_file_enum.orm
