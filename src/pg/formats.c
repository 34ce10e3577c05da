/*
 * pg/formats.c
 *		SQL face of the value formats (core/formats.c): is_valid_bsn,
 *		parse_date, is_gemeente, is_aanbieder, is_productcategorie and
 *		is_productcode.  The rules are the core's, shared with the iJw
 *		parser (pg/ijw.c); these only unwrap the text datum.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "pg/pg.h"

PG_FUNCTION_INFO_V1(jn_is_valid_bsn);
PG_FUNCTION_INFO_V1(jn_parse_date);
PG_FUNCTION_INFO_V1(jn_is_gemeente);
PG_FUNCTION_INFO_V1(jn_is_aanbieder);
PG_FUNCTION_INFO_V1(jn_is_productcategorie);
PG_FUNCTION_INFO_V1(jn_is_productcode);

/* not STRICT in SQL (as its SQL-language version was): NULL gives NULL */
Datum
jn_is_valid_bsn(PG_FUNCTION_ARGS)
{
	text	   *t;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TEXT_PP(0);
	PG_RETURN_BOOL(jn_bsn_valid(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

/* the date in value, surrounding spaces allowed (btrim), or NULL */
Datum
jn_parse_date(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	int			y,
				m,
				d;

	while (len > 0 && s[0] == ' ')
	{
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (!jn_iso_date(s, len, &y, &m, &d))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(date2j(y, m, d) - POSTGRES_EPOCH_JDATE);
}

static bool
arg_digits(FunctionCallInfo fcinfo, size_t n)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	return jn_digits(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), n);
}

Datum
jn_is_gemeente(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(arg_digits(fcinfo, 4));
}

Datum
jn_is_aanbieder(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(arg_digits(fcinfo, 8));
}

Datum
jn_is_productcategorie(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(arg_digits(fcinfo, 2));
}

Datum
jn_is_productcode(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(jn_productcode(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}
