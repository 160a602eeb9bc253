check --color=never tests/golden/files/two_files.orm tests/golden/files/two_files_b.orm
