dump --json schemas/blog.orm
