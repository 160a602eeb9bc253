graph --format=mermaid schemas/chinook.orm
