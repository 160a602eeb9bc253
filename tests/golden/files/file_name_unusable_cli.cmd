check --color=never tests/golden/files/special/quote".orm
