check --color=never --werror tests/golden/warnings/werror.orm
