// The collation and SQL functions that make decimals exact on SQLite, registered on every
// connection the runtime opens (docs/decimals.md). Public so that a program opening an ormc
// database with the sqlite3 C API itself can register them too.
#pragma once

struct sqlite3;

namespace ormc::sqlite {

//! Registers on `db`:
//! - the collation ormc_decimal, which orders decimal text by its numeric value ("1.5" and
//!   "1.50" are equal), for the `TEXT COLLATE ormc_decimal` columns of the generated DDL;
//! - ormc_dec_add, ormc_dec_sub, ormc_dec_mul, ormc_dec_div, ormc_dec_neg: exact arithmetic
//!   on decimal text with PostgreSQL's result scales;
//! - ormc_dec_cmp(a, b): -1, 0 or 1; ormc_dec_fit(x, p, s): x rounded to s digits (ties away
//!   from zero) as a numeric(p, s) column would store it, an error past p - s integer digits;
//! - ormc_dec_round(x [, digits]) (half away from zero, as PostgreSQL's round(numeric, int)),
//!   ormc_dec_abs(x), ormc_dec(x) (x as canonical decimal text: CAST(x AS numeric));
//! - the aggregates ormc_dec_sum and ormc_dec_avg, which are window functions too.
//! Arguments may be decimal text, integers, or REALs (read at 15 significant digits, as the
//! NUMERIC columns of older ormc databases hold them). Errors are SQLITE_MISMATCH (DataError).
//! Returns SQLITE_OK, or the code of the registration SQLite refused.
int register_decimal_functions(sqlite3* db);

}  // namespace ormc::sqlite
