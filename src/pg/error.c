/*
 * pg/error.c
 *		The one mapping of a core status (core/core.h, jn_status) to an
 *		ereport: SQLSTATE, message in PostgreSQL's style (lower-case primary
 *		message without the routine's name, the offending values in the
 *		detail, a hint where one helps), and the date format of messages.
 *
 * SQLSTATEs: 22008 datetime_field_overflow for infinite dates where a real
 * date is needed; 22007 invalid_datetime_format for an end before its start
 * (what the contract names); 22023 invalid_parameter_value for window and
 * gap-bound problems; 22000 data_exception for rows out of order; 22003
 * numeric_value_out_of_range for a result that does not fit.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "pg/pg.h"

/*
 * A date for messages, always ISO (YYYY-MM-DD, "BC" suffix before year 1)
 * whatever DateStyle says, so a message is unambiguous and stable.
 */
char *
jn_date_str(int32 d)
{
	int			year,
				month,
				day;

	if (d == JN_DATE_NEG_INF)
		return pstrdup("-infinity");
	if (d == JN_DATE_POS_INF)
		return pstrdup("infinity");
	j2date((int) d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	if (year <= 0)
		return psprintf("%04d-%02d-%02d BC", 1 - year, month, day);
	return psprintf("%04d-%02d-%02d", year, month, day);
}

char *
jn_end_str(int32 d)
{
	return d == JN_DATE_OPEN ? pstrdup("NULL") : jn_date_str(d);
}

static bool
infinite(int32 d)
{
	return d == JN_DATE_NEG_INF || d == JN_DATE_POS_INF;
}

void
jn_report(jn_status st, const JnErrorValues *v)
{
	const char *name;
	int32		d;

	switch (st)
	{
		case JN_OK:
			return;
		case JN_ERR_INFINITE_START:
			/* the first infinite one of start, window_start, window_end */
			name = v->start_name;
			d = v->start;
			if (!infinite(d) && v->has_window)
			{
				name = infinite(v->window_start) ? "window_start" : "window_end";
				d = infinite(v->window_start) ? v->window_start : v->window_end;
			}
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
					 errmsg("%s must be a finite date", name),
					 errdetail("The %s is %s.", name, jn_date_str(d)),
					 errhint("Only an end date may be infinity, which reads as an open end.")));
			break;
		case JN_ERR_INFINITE_END:
			if (v->end == JN_DATE_NEG_INF)
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
						 errmsg("%s must not be -infinity", v->end_name),
						 errdetail("The %s is -infinity.", v->end_name),
						 errhint("An end date is a finite date, or NULL or infinity for an open end.")));
			else
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
						 errmsg("%s must be a finite date", v->end_name),
						 errdetail("The %s is %s.", v->end_name, jn_date_str(v->end))));
			break;
		case JN_ERR_END_BEFORE_START:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
					 errmsg("%s is before %s", v->end_name, v->start_name),
					 errdetail("The %s is %s and the %s is %s.",
							   v->end_name, jn_date_str(v->end),
							   v->start_name, jn_date_str(v->start))));
			break;
		case JN_ERR_WINDOW:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_end is before window_start"),
					 errdetail("The window_end is %s and the window_start is %s.",
							   jn_date_str(v->window_end),
							   jn_date_str(v->window_start))));
			break;
		case JN_ERR_NEGATIVE_BOUND:
			name = v->hi_name;
			d = v->hi;
			if (v->lo_name != NULL && v->lo < 0)
			{
				name = v->lo_name;
				d = v->lo;
			}
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not be negative", name),
					 errdetail("The %s is %d.", name, (int) d)));
			break;
		case JN_ERR_MIN_GT_MAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not be less than %s", v->hi_name, v->lo_name),
					 errdetail("The %s is %d and the %s is %d.",
							   v->hi_name, (int) v->hi, v->lo_name, (int) v->lo)));
			break;
		case JN_ERR_UNSORTED:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("rows are not in the order ingangsdatum, einddatum NULLS LAST"),
					 errdetail("Row (%s, %s) comes after row (%s, %s).",
							   jn_date_str(v->start), jn_end_str(v->end),
							   jn_date_str(v->prev_start), jn_end_str(v->prev_end)),
					 v->order_hint ? errhint("%s", v->order_hint) : 0));
			break;
		case JN_ERR_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s is out of range", v->what),
					 errdetail("The value is " INT64_FORMAT ".", v->value)));
			break;
	}
	elog(ERROR, "unexpected core status %d", (int) st);
}
