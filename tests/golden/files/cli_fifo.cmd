check --color=never tests/golden/files/special/fifo.orm
