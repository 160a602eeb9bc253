check --color=never --error-limit=many tests/golden/files/cli_bad_error_limit.orm
