generate --stdout schemas/shop.orm
