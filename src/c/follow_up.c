/*
 * follow_up.c
 *		The follow_up(ingangsdatum, einddatum, extension_days, recidive_days)
 *		window function: 'eerste' / 'verlenging' / 'recidive' / 'nieuw' and
 *		the gap, against the running maximum einddatum of the earlier rows
 *		of the partition (not lag(): a nested allocation must not hide the
 *		longer one around it).
 *
 * One pass: the partition-local memory keeps the position of the next row
 * expected and the running state (core_dates.c, jn_follow_step).  When the
 * executor asks for any other row (it does not today, but nothing promises
 * it), the state is rebuilt from the partition start, so the answer never
 * depends on the call order.  The frame is ignored: the classification is
 * a property of the partition and its order.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "windowapi.h"

#include "jeugdnorm.h"

PG_FUNCTION_INFO_V1(jn_follow_up);

typedef struct FollowUpLocal
{
	bool		valid;
	int64		next_pos;		/* position the state is ready for */
	jn_follow_state st;
} FollowUpLocal;

/* Read (ingangsdatum, einddatum) of a row; errors on a NULL ingangsdatum. */
static void
read_row(WindowObject winobj, int64 pos, bool current, int32 *start, int32 *end)
{
	bool		isnull;
	bool		isout;
	Datum		d;

	if (current)
		d = WinGetFuncArgCurrent(winobj, 0, &isnull);
	else
		d = WinGetFuncArgInPartition(winobj, 0, (int) pos, WINDOW_SEEK_HEAD,
									 false, &isnull, &isout);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("follow_up: ingangsdatum must not be NULL")));
	*start = DatumGetDateADT(d);

	if (current)
		d = WinGetFuncArgCurrent(winobj, 1, &isnull);
	else
		d = WinGetFuncArgInPartition(winobj, 1, (int) pos, WINDOW_SEEK_HEAD,
									 false, &isnull, &isout);
	*end = isnull ? JN_DATE_OPEN : DatumGetDateADT(d);
}

static int32
read_bound(WindowObject winobj, int nargs, int argno, int32 dflt, const char *name)
{
	bool		isnull;
	Datum		d;

	if (nargs <= argno)
		return dflt;
	d = WinGetFuncArgCurrent(winobj, argno, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("follow_up: %s must not be NULL", name)));
	return DatumGetInt32(d);
}

static const char *
end_str(int32 end)
{
	return end == JN_DATE_OPEN ? "NULL" : jn_date_str(end);
}

/* One step with the errors raised here, where both rows are known. */
static void
step(jn_follow_state *st, int32 start, int32 end, int32 ext, int32 rec,
	 jn_follow_class *cls, bool *gap_null, int64 *gap)
{
	jn_status	s = jn_follow_step(st, start, end, ext, rec, cls, gap_null, gap);

	switch (s)
	{
		case JN_OK:
			return;
		case JN_ERR_UNSORTED:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("follow_up: the window must be ORDER BY ingangsdatum, einddatum NULLS LAST"),
					 errdetail("Row (%s, %s) comes after row (%s, %s).",
							   jn_date_str(start), end_str(end),
							   jn_date_str(st->prev_start), end_str(st->prev_end)),
					 errhint("Use OVER (PARTITION BY ... ORDER BY ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente).")));
			break;
		case JN_ERR_NEGATIVE_BOUND:
			jn_raise(s, "follow_up", ext < 0 ? ext : rec, 0);
			break;
		case JN_ERR_MIN_GT_MAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("follow_up: recidive_days %d is less than extension_days %d",
							rec, ext)));
			break;
		case JN_ERR_INFINITE_START:
			jn_raise(s, "follow_up", start, 0);
			break;
		case JN_ERR_INFINITE_END:
			jn_raise(s, "follow_up", end, 0);
			break;
		default:
			jn_raise(s, "follow_up", start, end);
			break;
	}
}

Datum
jn_follow_up(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	FollowUpLocal *loc;
	int64		cur = WinGetCurrentPosition(winobj);
	int32		ext = read_bound(winobj, PG_NARGS(), 2, 90, "extension_days");
	int32		rec = read_bound(winobj, PG_NARGS(), 3, 365, "recidive_days");
	int32		start;
	int32		end;
	jn_follow_class cls;
	bool		gap_null;
	int64		gap;
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	td;

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "follow_up: return type must be a row type");
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
		fcinfo->flinfo->fn_extra = tupdesc;
		MemoryContextSwitchTo(old);
	}

	loc = (FollowUpLocal *) WinGetPartitionLocalMemory(winobj, sizeof(FollowUpLocal));
	if (!loc->valid || loc->next_pos != cur)
	{
		/* rebuild from the partition start */
		memset(&loc->st, 0, sizeof(loc->st));
		for (int64 i = 0; i < cur; i++)
		{
			int32		s,
						e;

			read_row(winobj, i, false, &s, &e);
			step(&loc->st, s, e, ext, rec, &cls, &gap_null, &gap);
		}
	}
	read_row(winobj, cur, true, &start, &end);
	step(&loc->st, start, end, ext, rec, &cls, &gap_null, &gap);
	loc->valid = true;
	loc->next_pos = cur + 1;

	values[0] = CStringGetTextDatum(jn_follow_names[cls]);
	if (gap_null)
		nulls[1] = true;
	else
	{
		if (gap < PG_INT32_MIN || gap > PG_INT32_MAX)
			jn_raise(JN_ERR_OVERFLOW, "follow_up", 0, 0);
		values[1] = Int32GetDatum((int32) gap);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
