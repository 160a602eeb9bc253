check --color=never --error-limit=0 tests/golden/files/error_limit_zero.orm
