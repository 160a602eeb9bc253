dump --json schemas/chinook.orm
