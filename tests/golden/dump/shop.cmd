dump --json schemas/shop.orm
