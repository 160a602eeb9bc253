check --color=never tests/golden/files/does_not_exist.orm
