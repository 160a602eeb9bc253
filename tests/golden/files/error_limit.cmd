check --color=never --error-limit=2 tests/golden/files/error_limit.orm
