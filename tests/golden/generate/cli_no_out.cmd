generate schemas/blog.orm
