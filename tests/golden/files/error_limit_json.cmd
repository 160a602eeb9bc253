check --color=never --diagnostics-format=json --error-limit=2 tests/golden/files/error_limit_json.orm
