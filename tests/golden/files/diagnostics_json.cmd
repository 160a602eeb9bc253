check --color=never --diagnostics-format=json tests/golden/files/diagnostics_json.orm
