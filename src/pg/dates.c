/*
 * pg/dates.c
 *		SQL face of the date scalars: is_extension, recidive,
 *		allocated_volume, overlap_share.  The arithmetic is in core/dates.c;
 *		this file maps SQL NULLs ([R1]) and hands errors to jn_report().
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

#include "pg/pg.h"

PG_FUNCTION_INFO_V1(jn_is_extension_sql);
PG_FUNCTION_INFO_V1(jn_recidive_sql);
PG_FUNCTION_INFO_V1(jn_allocated_volume_sql);
PG_FUNCTION_INFO_V1(jn_overlap_share_sql);

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
	{
		JnErrorValues v = {
			.start_name = "next_start", .start = PG_GETARG_DATEADT(1),
			.end_name = "prev_end", .end = prev_end,
			.hi_name = "max_gap", .hi = PG_GETARG_INT32(2)
		};

		jn_report(st, &v);
	}
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
	{
		JnErrorValues v = {
			.start_name = "next_start", .start = PG_GETARG_DATEADT(1),
			.end_name = "prev_end", .end = prev_end,
			.lo_name = "min_gap", .lo = PG_GETARG_INT32(2),
			.hi_name = "max_gap", .hi = PG_GETARG_INT32(3)
		};

		jn_report(st, &v);
	}
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
	if (st != JN_OK)
	{
		JnErrorValues v = {
			.start_name = "ingangsdatum", .start = d[0],
			.end_name = "einddatum", .end = d[1],
			.has_window = true, .window_start = d[2], .window_end = d[3]
		};

		jn_report(st, &v);
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

	if (st != JN_OK)
	{
		JnErrorValues v = {
			.start_name = "begindatum", .start = d[0],
			.end_name = "einddatum", .end = d[1],
			.has_window = true, .window_start = d[2], .window_end = d[3]
		};

		jn_report(st, &v);
	}
	if (num == den)
		PG_RETURN_DATUM(jn_int64_numeric(1));
	if (num == 0)
		PG_RETURN_DATUM(jn_int64_numeric(0));
	result = DirectFunctionCall2(numeric_div, jn_int64_numeric(num),
								 jn_int64_numeric(den));
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, result));
}
