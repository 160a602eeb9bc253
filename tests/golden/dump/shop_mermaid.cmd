graph --format=mermaid schemas/shop.orm
