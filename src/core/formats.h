/*
 * core/formats.h
 *		The formats of single input values (core/formats.c): a BSN with its
 *		elfproef, a strict ISO date, and the code formats of gemeente, AGB
 *		code, productcategorie and productcode.  One place for each rule:
 *		the SQL faces (src/pg/formats.c: is_valid_bsn, parse_date,
 *		is_gemeente, ...) and the iJw parser (src/pg/ijw.c) both call these.
 */
#ifndef JN_CORE_FORMATS_H
#define JN_CORE_FORMATS_H

#include "core/core.h"

/*
 * A burgerservicenummer: exactly 9 ASCII digits, not all zeros, passing the
 * elfproef (9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11).
 */
extern bool jn_bsn_valid(const char *s, size_t len);

/*
 * A strict ISO date: exactly YYYY-MM-DD (ASCII digits, no spaces), year
 * 1..9999, a real calendar day (2023-02-29 is not).  y, m, d get the parts
 * when it is one (any of them may be NULL).
 */
extern bool jn_iso_date(const char *s, size_t len, int *y, int *m, int *d);

/* Exactly n ASCII digits: gemeente (4), AGB code (8), productcategorie (2). */
extern bool jn_digits(const char *s, size_t len, size_t n);

/* An iJw productcode: exactly 5 ASCII letters or digits. */
extern bool jn_productcode(const char *s, size_t len);

#endif							/* JN_CORE_FORMATS_H */
