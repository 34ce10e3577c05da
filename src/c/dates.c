/*
 * dates.c
 *		SQL face of the date scalars: is_extension, recidive,
 *		allocated_volume, overlap_share.  The arithmetic is in core_dates.c;
 *		this file maps SQL NULLs ([R1]) and raises the errors.
 *
 * NULL semantics ([R1]): a NULL prev_end is an open earlier allocation
 * (is_extension true, recidive false); a NULL einddatum of allocated_volume
 * is an open allocation; any other NULL argument gives NULL.  Hence these
 * three are not STRICT and test their arguments themselves.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "jeugdnorm.h"

PG_FUNCTION_INFO_V1(jn_is_extension_sql);
PG_FUNCTION_INFO_V1(jn_recidive_sql);
PG_FUNCTION_INFO_V1(jn_allocated_volume_sql);
PG_FUNCTION_INFO_V1(jn_overlap_share_sql);

/* The first infinite value among n dates (for the 22008 message). */
static int32_t
first_infinite(int n, const int32_t *d)
{
	for (int i = 0; i < n; i++)
		if (DATE_NOT_FINITE(d[i]))
			return d[i];
	return d[0];
}

/* Bound errors name the bounds; date errors name the dates. */
static void
raise_gap(jn_status st, const char *func, int32_t prev_end, int32_t next_start,
		  int32_t min_gap, int32_t max_gap)
{
	switch (st)
	{
		case JN_ERR_NEGATIVE_BOUND:
			jn_raise(st, func, min_gap < 0 ? min_gap : max_gap, 0);
			break;
		case JN_ERR_MIN_GT_MAX:
			jn_raise(st, func, min_gap, max_gap);
			break;
		case JN_ERR_INFINITE_START:
			jn_raise(st, func, next_start, 0);
			break;
		default:
			jn_raise(st, func, prev_end, next_start);
			break;
	}
}

Datum
jn_is_extension_sql(PG_FUNCTION_ARGS)
{
	bool		prev_open = PG_ARGISNULL(0);
	int32_t		prev_end;
	bool		result = false;
	jn_status	st;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	prev_end = prev_open ? JN_DATE_OPEN : PG_GETARG_DATEADT(0);
	st = jn_is_extension(prev_open, prev_end, PG_GETARG_DATEADT(1),
						 PG_GETARG_INT32(2), &result);
	if (st != JN_OK)
		raise_gap(st, "is_extension", prev_end, PG_GETARG_DATEADT(1),
				  PG_GETARG_INT32(2), PG_GETARG_INT32(2));
	PG_RETURN_BOOL(result);
}

Datum
jn_recidive_sql(PG_FUNCTION_ARGS)
{
	bool		prev_open = PG_ARGISNULL(0);
	int32_t		prev_end;
	bool		result = false;
	jn_status	st;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	prev_end = prev_open ? JN_DATE_OPEN : PG_GETARG_DATEADT(0);
	st = jn_recidive(prev_open, prev_end, PG_GETARG_DATEADT(1),
					 PG_GETARG_INT32(2), PG_GETARG_INT32(3), &result);
	if (st != JN_OK)
		raise_gap(st, "recidive", prev_end, PG_GETARG_DATEADT(1),
				  PG_GETARG_INT32(2), PG_GETARG_INT32(3));
	PG_RETURN_BOOL(result);
}

/*
 * allocated_volume(ingangsdatum, einddatum, volume, frequentie,
 *					window_start, window_end)
 *
 * volume * mul / div in numeric: the product first, then one division, so
 * 10 per week over 14 days is exactly 20.  Trailing zeros of the quotient
 * are trimmed; an inexact quotient has numeric_div's precision (the same
 * value SQL's volume * days / 7 gives).
 */
Datum
jn_allocated_volume_sql(PG_FUNCTION_ARGS)
{
	const jn_frequentie *f;
	bool		eind_open = PG_ARGISNULL(1);
	int32_t		d[4];
	jn_alloc_plan plan;
	jn_status	st;
	Datum		result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3) ||
		PG_ARGISNULL(4) || PG_ARGISNULL(5))
		PG_RETURN_NULL();
	f = jn_frequentie_or_error(PG_GETARG_TEXT_PP(3));
	d[0] = PG_GETARG_DATEADT(0);
	d[1] = eind_open ? JN_DATE_OPEN : PG_GETARG_DATEADT(1);
	d[2] = PG_GETARG_DATEADT(4);
	d[3] = PG_GETARG_DATEADT(5);

	st = jn_allocated_volume_plan(d[0], eind_open, d[1], f->kind,
								  d[2], d[3], &plan);
	switch (st)
	{
		case JN_OK:
			break;
		case JN_ERR_INFINITE_START:
			jn_raise(st, "allocated_volume",
					 first_infinite(3, (int32_t[]) {d[0], d[2], d[3]}), 0);
			break;
		case JN_ERR_INFINITE_END:
			jn_raise(st, "allocated_volume", d[1], 0);
			break;
		case JN_ERR_WINDOW:
			jn_raise(st, "allocated_volume", d[2], d[3]);
			break;
		default:
			jn_raise(st, "allocated_volume", d[0], d[1]);
			break;
	}
	if (plan.is_null)
		PG_RETURN_NULL();

	result = DirectFunctionCall2(numeric_mul, PG_GETARG_DATUM(2),
								 jn_int64_numeric(plan.mul));
	if (plan.div != 1)
		result = DirectFunctionCall2(numeric_div, result,
									 jn_int64_numeric(plan.div));
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, result));
}

/*
 * overlap_share(begindatum, einddatum, window_start, window_end): days of
 * the period inside the window / days of the period, 0..1.  STRICT.
 */
Datum
jn_overlap_share_sql(PG_FUNCTION_ARGS)
{
	int32_t		d[4] = {PG_GETARG_DATEADT(0), PG_GETARG_DATEADT(1),
	PG_GETARG_DATEADT(2), PG_GETARG_DATEADT(3)};
	int64_t		num = 0,
				den = 1;
	jn_status	st = jn_overlap_share(d[0], d[1], d[2], d[3], &num, &den);
	Datum		result;

	switch (st)
	{
		case JN_OK:
			break;
		case JN_ERR_INFINITE_START:
			jn_raise(st, "overlap_share",
					 first_infinite(3, (int32_t[]) {d[0], d[2], d[3]}), 0);
			break;
		case JN_ERR_INFINITE_END:
			jn_raise(st, "overlap_share", d[1], 0);
			break;
		case JN_ERR_WINDOW:
			jn_raise(st, "overlap_share", d[2], d[3]);
			break;
		case JN_ERR_END_BEFORE_START:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
					 errmsg("overlap_share: einddatum %s is before begindatum %s",
							jn_date_str(d[1]), jn_date_str(d[0]))));
			break;
		default:
			jn_raise(st, "overlap_share", d[0], d[1]);
			break;
	}
	if (num == den)
		PG_RETURN_DATUM(jn_int64_numeric(1));
	if (num == 0)
		PG_RETURN_DATUM(jn_int64_numeric(0));
	result = DirectFunctionCall2(numeric_div, jn_int64_numeric(num),
								 jn_int64_numeric(den));
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, result));
}
