graph --format=dot schemas/blog.orm
