generate --stdout tests/golden/generate/all_types.orm
