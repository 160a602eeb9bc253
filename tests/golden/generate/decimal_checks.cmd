generate --stdout tests/golden/generate/decimal_checks.orm
