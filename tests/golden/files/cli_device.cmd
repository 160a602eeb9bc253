generate --stdout --color=never /dev/null
