/*
 * pg/pg.h
 *		What the SQL faces (src/pg) share: the cores they wrap, dates and
 *		numbers for messages, and the one mapping of a core status to an
 *		ereport (pg/error.c).  Include postgres.h first.
 */
#ifndef JN_PG_H
#define JN_PG_H

#include "utils/numeric.h"

#include "core/codes.h"
#include "core/core.h"
#include "core/dates.h"
#include "core/follow_up.h"
#include "core/formats.h"
#include "core/path.h"

/* A date for messages: ISO whatever DateStyle says ("-infinity" too). */
extern char *jn_date_str(int32 d);

/* An einddatum for messages: "NULL" when open. */
extern char *jn_end_str(int32 d);

static inline Datum
jn_int64_numeric(int64 v)
{
	return NumericGetDatum(int64_to_numeric(v));
}

/*
 * The values a core error is about, by role, as the caller names them.
 * jn_report() picks the ones its status needs; the rest may stay zero.
 */
typedef struct JnErrorValues
{
	const char *start_name;		/* "ingangsdatum", "begindatum", "next_start" */
	int32		start;
	const char *end_name;		/* "einddatum", "prev_end" */
	int32		end;
	bool		has_window;		/* window_start / window_end are set */
	int32		window_start;
	int32		window_end;
	const char *lo_name;		/* lower gap bound; NULL when only one */
	int32		lo;
	const char *hi_name;		/* upper (or only) gap bound */
	int32		hi;
	int32		prev_start;		/* JN_ERR_UNSORTED: the row before */
	int32		prev_end;
	const char *order_hint;		/* JN_ERR_UNSORTED: the ORDER BY to use */
	const char *what;			/* JN_ERR_OVERFLOW: what is out of range */
	int64		value;
} JnErrorValues;

/*
 * Raise the error of a core status (never returns for a status other than
 * JN_OK).  The one place a jn_status becomes an SQLSTATE and a message.
 */
extern void jn_report(jn_status st, const JnErrorValues *v);

/* Code-list lookups that raise 22023 for an unknown code (pg/codes.c). */
extern const jn_eenheid *jn_eenheid_or_error(text *code);
extern const jn_frequentie *jn_frequentie_or_error(text *code);

#endif							/* JN_PG_H */
