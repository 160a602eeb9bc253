generate --stdout schemas/chinook.orm
