generate --stdout schemas/blog.orm
