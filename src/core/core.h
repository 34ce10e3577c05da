/*
 * core/core.h
 *		What every pure-C core of jeugdnorm shares: the date representation
 *		and the status a core reports instead of raising an error.
 *
 * The cores (src/core) use only the C library: no palloc, no ereport,
 * no PostgreSQL headers.  They report a problem as a jn_status and leave it
 * to the SQL faces (src/pg) to raise it, through the one mapping in
 * src/pg/error.c (jn_report), with the offending values.  That keeps them
 * testable outside the server: test/fuzz builds them with libFuzzer and the
 * sanitizers.
 *
 * Dates are PostgreSQL DateADT values: int32 days since 2000-01-01, with
 * INT32_MIN = '-infinity' and INT32_MAX = '+infinity'.  In the cores an open
 * end (SQL NULL einddatum, or '+infinity') is JN_DATE_OPEN, which is the same
 * value as '+infinity', so "NULLS LAST" ordering falls out of plain integer
 * comparison.  Every difference of two dates is computed in int64: the span
 * of valid dates is close to 2^31 days.
 */
#ifndef JN_CORE_H
#define JN_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JN_DATE_NEG_INF		INT32_MIN
#define JN_DATE_POS_INF		INT32_MAX
#define JN_DATE_OPEN		INT32_MAX

/* Result of a pure-C core; jn_report() maps each to an SQLSTATE. */
typedef enum jn_status
{
	JN_OK = 0,
	JN_ERR_INFINITE_START,		/* -infinity / +infinity where a real date is
								 * needed (22008) */
	JN_ERR_INFINITE_END,		/* '-infinity' as an end date (22008) */
	JN_ERR_END_BEFORE_START,	/* einddatum < ingangsdatum (22007) */
	JN_ERR_WINDOW,				/* window_end < window_start (22023) */
	JN_ERR_NEGATIVE_BOUND,		/* a gap bound < 0 (22023) */
	JN_ERR_MIN_GT_MAX,			/* min_gap > max_gap (22023) */
	JN_ERR_UNSORTED,			/* window partition not in contract order
								 * (22000) */
	JN_ERR_OVERFLOW				/* a result does not fit its type (22003) */
} jn_status;

/* Days of [a, b] inclusive, b >= a, both finite. */
static inline int64_t
jn_days_inclusive(int32_t a, int32_t b)
{
	return (int64_t) b - (int64_t) a + 1;
}

#endif							/* JN_CORE_H */
