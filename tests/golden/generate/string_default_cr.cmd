generate --stdout tests/golden/generate/string_default_cr.orm
