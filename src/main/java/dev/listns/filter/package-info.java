/**
 * lsns's filter expressions ({@code -Q/--filter}): the language of util-linux's libsmartcols
 * ({@code scols-filter(5)}), parsed and evaluated by our own code, with no I/O.
 *
 * <p>The caller parses once with {@link dev.listns.filter.Filter#parse}, checks
 * {@link dev.listns.filter.Filter#columns()} against the columns it knows, and calls
 * {@link dev.listns.filter.Filter#matches} per row with a {@link dev.listns.filter.FilterInput} that
 * gives each needed column as a {@link dev.listns.filter.FilterValue}: text, an unsigned 64-bit
 * number, or absent. A malformed expression is a {@link dev.listns.filter.FilterSyntaxException} whose
 * message is the one line to print.
 *
 * <p>The language and its comparisons are described on {@link dev.listns.filter.Filter}; the lexer,
 * parser, comparison and regular expression classes each say where they follow libsmartcols and where
 * they differ from it, and why. The regular expressions are POSIX extended ones, run by a linear-time
 * engine of our own ({@link dev.listns.filter.PosixRegex}), because the values they are matched
 * against are written by whoever started a process.
 */
package dev.listns.filter;
