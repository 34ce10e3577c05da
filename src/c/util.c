/*
 * util.c
 *		Helpers shared by the fmgr wrappers: turning a jn_status from a
 *		pure-C core into an ereport with an SQLSTATE and the offending values.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/numeric.h"

#include "jeugdnorm.h"

/*
 * A date for messages, always ISO (YYYY-MM-DD, "BC" suffix before year 1)
 * whatever DateStyle says, so a message is unambiguous and stable.
 */
char *
jn_date_str(int32_t d)
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

Datum
jn_int64_numeric(int64_t v)
{
	return NumericGetDatum(int64_to_numeric(v));
}

/*
 * Raise the error for st.  a and b are the two values involved (dates or
 * bounds, depending on st); func names the SQL function for the message.
 * SQLSTATEs: 22008 datetime_field_overflow for infinite dates where a real
 * date is needed; 22007 invalid_datetime_format for einddatum before
 * ingangsdatum (what the contract names); 22023 invalid_parameter_value for
 * window and gap-bound problems; 22000 data_exception for an unsorted
 * window partition; 22003 numeric_value_out_of_range for overflow.
 */
void
jn_raise(jn_status st, const char *func, int32_t a, int32_t b)
{
	switch (st)
	{
		case JN_OK:
			return;
		case JN_ERR_INFINITE_START:
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
					 errmsg("%s: date %s must be finite", func, jn_date_str(a)),
					 errdetail("Only an end date may be +infinity (read as open).")));
			break;
		case JN_ERR_INFINITE_END:
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
					 errmsg("%s: end date %s is not allowed", func, jn_date_str(a)),
					 errdetail("An end date is a finite date, or NULL / +infinity for open.")));
			break;
		case JN_ERR_END_BEFORE_START:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
					 errmsg("%s: einddatum %s is before ingangsdatum %s",
							func, jn_date_str(b), jn_date_str(a))));
			break;
		case JN_ERR_WINDOW:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: window_end %s is before window_start %s",
							func, jn_date_str(b), jn_date_str(a))));
			break;
		case JN_ERR_NEGATIVE_BOUND:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: gap bound must not be negative, got %d",
							func, (int) a)));
			break;
		case JN_ERR_MIN_GT_MAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: lower gap bound %d is greater than upper gap bound %d",
							func, (int) a, (int) b)));
			break;
		case JN_ERR_UNSORTED:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s: rows are not ordered by ingangsdatum, einddatum NULLS LAST",
							func),
					 errdetail("Row with ingangsdatum %s comes after a row with ingangsdatum %s.",
							   jn_date_str(b), jn_date_str(a)),
					 errhint("Use OVER (PARTITION BY ... ORDER BY ingangsdatum, einddatum NULLS LAST, ...).")));
			break;
		case JN_ERR_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: result out of range", func)));
			break;
	}
	elog(ERROR, "%s: unexpected status %d", func, (int) st);
}
