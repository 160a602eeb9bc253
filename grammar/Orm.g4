// Orm.g4 — the grammar of ormc's schema language (.orm files).
//
// The grammar is deliberately permissive about *meaning*: types, attribute names and
// their arguments are parsed generically (a name with an optional argument list), and
// generator/check decides what they mean. That way a misspelt attribute gets
// "unknown attribute 'uniqe'; did you mean 'unique'?" instead of a parser error.
// Keywords are contextual: every keyword is also accepted wherever a name is expected,
// so a column may be called `index`, `type` or `order`.
grammar Orm;

// ---------------------------------------------------------------- file structure

file
    : declaration* EOF
    ;

declaration
    : namespaceDecl
    | importDecl
    | enumDecl
    | modelDecl
    | tableDecl
    ;

namespaceDecl
    : NAMESPACE qualifiedName ';'
    ;

qualifiedName
    : name ('::' name)*
    ;

importDecl
    : IMPORT STRING ';'
    ;

enumDecl
    : ENUM name attribute* '{' (enumValue (',' enumValue)* ','?)? '}'
    ;

enumValue
    : name
    ;

modelDecl
    : MODEL name attribute* '{' member* '}'
    ;

// A plain table (an association table, usually): columns and constraints, no relations.
tableDecl
    : TABLE name attribute* '{' member* '}'
    ;

// ---------------------------------------------------------------- members

member
    : tableNameDecl
    | primaryKeyDecl
    | uniqueDecl
    | indexDecl
    | checkDecl
    | foreignKeyDecl
    | relationDecl
    | columnDecl
    ;

// `table users;` — the SQL table name of a model (defaults to the model name in snake_case).
tableNameDecl
    : TABLE (name | STRING) ';'
    ;

// `primary(a, b);` — a composite primary key.
primaryKeyDecl
    : PRIMARY '(' nameList ')' ';'
    ;

// `unique name? (a, b) where(...)?;` — a composite unique constraint.
uniqueDecl
    : UNIQUE name? '(' indexColumn (',' indexColumn)* ')' attribute* ';'
    ;

// `index name? (a, b desc) unique? where(expr)?;`
indexDecl
    : INDEX name? '(' indexColumn (',' indexColumn)* ')' attribute* ';'
    ;

indexColumn
    : name (ASC | DESC)?
    ;

// `check name? (expr);`
checkDecl
    : CHECK name? '(' expr ')' ';'
    ;

// `foreign_key name? (a, b) references(T.x, T.y) on_delete(cascade);`
foreignKeyDecl
    : FOREIGN_KEY name? '(' nameList ')' attribute* ';'
    ;

// `posts -> Post[] back(author);`
relationDecl
    : name '->' name cardinality? attribute* ';'
    ;

cardinality
    : '[' ']'
    | '?'
    ;

// `age int32? check(age >= 0);`
columnDecl
    : name typeRef nullable='?'? attribute* ';'
    ;

typeRef
    : name ('(' typeArg (',' typeArg)* ')')?
    ;

typeArg
    : INTEGER
    ;

attribute
    : name ('(' (expr (',' expr)*)? ')')?
    ;

nameList
    : name (',' name)*
    ;

// ---------------------------------------------------------------- expressions
// Used by check(...), index where(...), default(...) and attribute arguments.
// Precedence, loosest first: or, and, not, comparison/predicates, + -, * / %, unary.

expr
    : orExpr
    ;

orExpr
    : andExpr (OR andExpr)*
    ;

andExpr
    : notExpr ((AND | '&&') notExpr)*
    ;

notExpr
    : (NOT | '!') notExpr
    | predicate
    ;

predicate
    : additive (
          compareOp additive
        | IS NOT? NULL_
        | NOT? IN '(' expr (',' expr)* ')'
        | NOT? BETWEEN additive AND additive
        | NOT? LIKE additive
      )?
    ;

compareOp
    : '=' | '==' | '!=' | '<>' | '<' | '<=' | '>' | '>='
    ;

additive
    : multiplicative (('+' | '-') multiplicative)*
    ;

multiplicative
    : unary (('*' | '/' | '%') unary)*
    ;

unary
    : ('-' | '+') unary
    | primary
    ;

primary
    : literal
    | name '(' (expr (',' expr)*)? ')'
    | name ('.' name)*
    | '(' expr ')'
    ;

literal
    : INTEGER
    | DECIMAL
    | STRING
    | TRUE
    | FALSE
    | NULL_
    ;

// Every keyword doubles as a name: keywords are contextual.
name
    : IDENT
    | NAMESPACE | IMPORT | ENUM | MODEL | TABLE | PRIMARY | UNIQUE | INDEX | CHECK
    | FOREIGN_KEY | ASC | DESC | AND | OR | NOT | IS | IN | BETWEEN | LIKE
    | TRUE | FALSE | NULL_
    ;

// ---------------------------------------------------------------- lexer

NAMESPACE   : 'namespace';
IMPORT      : 'import';
ENUM        : 'enum';
MODEL       : 'model';
TABLE       : 'table';
PRIMARY     : 'primary';
UNIQUE      : 'unique';
INDEX       : 'index';
CHECK       : 'check';
FOREIGN_KEY : 'foreign_key';
ASC         : 'asc';
DESC        : 'desc';
AND         : 'and';
OR          : 'or';
NOT         : 'not';
IS          : 'is';
IN          : 'in';
BETWEEN     : 'between';
LIKE        : 'like';
TRUE        : 'true';
FALSE       : 'false';
NULL_       : 'null';

// Identifiers accept any Unicode letter so that a non-ASCII name reaches the checker,
// which explains why it is refused, instead of failing here as "unexpected character".
IDENT
    : [\p{Alpha}_] [\p{Alpha}\p{Nd}_]*
    ;

DECIMAL
    : [0-9]+ '.' [0-9]+ ([eE] [+-]? [0-9]+)?
    | [0-9]+ [eE] [+-]? [0-9]+
    ;

INTEGER
    : [0-9]+
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
    ;

// A string that reaches the end of its line without a closing quote; the parser
// reports it as "unterminated string" at its start.
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* ('\\')?
    ;

DOC_COMMENT
    : '///' ~[\r\n]* -> channel(2)
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> channel(2)
    ;

BLOCK_COMMENT_START
    : '/*'
    ;

WS
    : [ \t\r\n\f]+ -> skip
    ;

// Anything else is one bad character; the parser turns it into a diagnostic.
BAD_CHAR
    : .
    ;
