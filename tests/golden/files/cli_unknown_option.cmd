check --color=never --wrror tests/golden/files/cli_unknown_option.orm
