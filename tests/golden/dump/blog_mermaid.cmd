graph --format=mermaid schemas/blog.orm
