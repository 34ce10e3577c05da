/*
 * pg/follow_up.c
 *		SQL face of the follow-up classification (core/follow_up.c): the
 *		follow_up() window function and the follow_up_agg() aggregate.  Both
 *		run the same core step, jn_follow_step, so they give the same classes.
 *
 * The window function:
 *		follow_up(ingangsdatum, einddatum, extension_days, recidive_days)
 *		window function: 'eerste' / 'verlenging' / 'recidive' / 'nieuw' and
 *		the gap, against the running maximum einddatum of the earlier rows
 *		of the partition (not lag(): a nested allocation must not hide the
 *		longer one around it).
 *
 * One pass: the partition-local memory keeps the running state (core/follow_up.c,
 * jn_follow_step) and the position of the next row expected.  The executor
 * calls a window function once per row, in partition order (as it does for
 * row_number()); we move the mark forward (every JN_FU_MARK_EVERY rows), so
 * the WindowAgg can drop the rows before it from its buffer and memory does
 * not grow with the partition.  A call for any other row than the next one
 * would need rows already dropped, so it is an internal error.  The frame is
 * ignored: the classification is a property of the partition and its order.
 *
 * Per row cost is kept close to row_number()'s:
 *	- extension_days / recidive_days are read once per call site when they
 *	  are constants or external parameters (get_fn_expr_arg_stable), else
 *	  once per row as before;
 *	- the result composite is not formed per row: the eight possible shapes
 *	  (4 classes x gap NULL or not) are formed once with heap_form_tuple,
 *	  and a row's result is a copy of its template with the gap patched in
 *	  (the int4 gap is the last attribute, so it sits in the last 4 bytes).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "windowapi.h"

#include "pg/composite.h"
#include "pg/group_state.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

PG_FUNCTION_INFO_V1(jn_follow_up);

/*
 * Move the mark (let the WindowAgg drop earlier rows) every this many rows
 * (a power of 2): it bounds the buffer by 256 rows per partition, and most
 * partitions (one client, one product) have 1 or 2 rows, for which a
 * per-row mark only adds tuplestore work.
 */
#define JN_FU_MARK_EVERY	256

typedef struct FollowUpLocal
{
	int64		next_pos;		/* position the state is ready for */
	jn_follow_state st;
} FollowUpLocal;

/* Per call site (fn_extra, in fn_mcxt): result templates and stable bounds. */
typedef struct FollowUpCache
{
	TupleDesc	tupdesc;
	bool		ext_stable;		/* bound is a Const or external Param */
	bool		rec_stable;
	bool		bounds_read;	/* ext / rec below hold the stable values */
	int32		ext;
	int32		rec;
	/* templates [class][gap_null]: whole composite datums */
	HeapTupleHeader tmpl[JN_FU_NCLASS][2];
	uint32		tmpl_len[JN_FU_NCLASS][2];
} FollowUpCache;

/* Read (ingangsdatum, einddatum) of the current row; errors on a NULL ingangsdatum. */
static void
read_row(WindowObject winobj, int32 *start, int32 *end)
{
	bool		isnull;
	Datum		d;

	d = WinGetFuncArgCurrent(winobj, 0, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ingangsdatum must not be NULL")));
	*start = DatumGetDateADT(d);

	d = WinGetFuncArgCurrent(winobj, 1, &isnull);
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
				 errmsg("%s must not be NULL", name)));
	return DatumGetInt32(d);
}

/* One step with the errors raised here, where both rows are known. */
static void
step(jn_follow_state *st, int32 start, int32 end, int32 ext, int32 rec,
	 jn_follow_class *cls, bool *gap_null, int64 *gap)
{
	int32		prev_start = st->prev_start;
	int32		prev_end = st->prev_end;
	jn_status	s = jn_follow_step(st, start, end, ext, rec, cls, gap_null, gap);

	if (s != JN_OK)
	{
		JnErrorValues v = {
			.start_name = "ingangsdatum", .start = start,
			.end_name = "einddatum", .end = end,
			.lo_name = "extension_days", .lo = ext,
			.hi_name = "recidive_days", .hi = rec,
			.prev_start = prev_start, .prev_end = prev_end,
			.order_hint = "Use OVER (PARTITION BY ... ORDER BY ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente)."
		};

		jn_report(s, &v);
	}
}

static FollowUpCache *
get_cache(FunctionCallInfo fcinfo)
{
	FollowUpCache *c = (FollowUpCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	td;

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type of follow_up must be a row type");
		c = palloc0(sizeof(FollowUpCache));
		c->tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
		if (c->tupdesc->natts != 2 ||
			TupleDescAttr(c->tupdesc, 1)->atttypid != INT4OID)
			elog(ERROR, "return type of follow_up must be (text, int4)");
		c->ext_stable = PG_NARGS() <= 2 ||
			get_fn_expr_arg_stable(fcinfo->flinfo, 2);
		c->rec_stable = PG_NARGS() <= 3 ||
			get_fn_expr_arg_stable(fcinfo->flinfo, 3);
		fcinfo->flinfo->fn_extra = c;
		MemoryContextSwitchTo(old);
	}
	return c;
}

/* The template of (cls, gap NULL or not), formed on first use. */
static HeapTupleHeader
get_template(FunctionCallInfo fcinfo, FollowUpCache *c,
			 jn_follow_class cls, bool gap_null, uint32 *len)
{
	HeapTupleHeader t = c->tmpl[cls][gap_null];

	if (t == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		Datum		values[2];
		bool		nulls[2] = {false, gap_null};
		HeapTuple	tup;
		int32		probe = 0x5A5A5A5A;

		values[0] = CStringGetTextDatum(jn_follow_names[cls]);
		values[1] = Int32GetDatum(probe);
		tup = heap_form_tuple(c->tupdesc, values, nulls);
		/* the gap must be the last 4 bytes, where we patch it */
		if (!gap_null &&
			memcmp((char *) tup->t_data + tup->t_len - sizeof(int32),
				   &probe, sizeof(int32)) != 0)
			elog(ERROR, "unexpected layout of the follow_up result tuple");
		c->tmpl[cls][gap_null] = t = tup->t_data;
		c->tmpl_len[cls][gap_null] = tup->t_len;
		MemoryContextSwitchTo(old);
	}
	*len = c->tmpl_len[cls][gap_null];
	return t;
}

Datum
jn_follow_up(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	FollowUpCache *c = get_cache(fcinfo);
	FollowUpLocal *loc;
	int64		cur = WinGetCurrentPosition(winobj);
	int32		ext;
	int32		rec;
	int32		start;
	int32		end;
	jn_follow_class cls;
	bool		gap_null;
	int64		gap;
	HeapTupleHeader tmpl;
	uint32		len;
	char	   *res;

	/* the bounds, as before read before the row (same error order) */
	if (c->bounds_read)
	{
		ext = c->ext;
		rec = c->rec;
	}
	else
	{
		ext = read_bound(winobj, PG_NARGS(), 2, 90, "extension_days");
		rec = read_bound(winobj, PG_NARGS(), 3, 365, "recidive_days");
		if (c->ext_stable && c->rec_stable)
		{
			c->ext = ext;
			c->rec = rec;
			c->bounds_read = true;
		}
	}

	/* zeroed at each partition start, so next_pos 0 = first row */
	loc = (FollowUpLocal *) WinGetPartitionLocalMemory(winobj, sizeof(FollowUpLocal));
	if (loc->next_pos != cur)
		elog(ERROR, "follow_up called for row " INT64_FORMAT ", expected row " INT64_FORMAT,
			 cur, loc->next_pos);
	read_row(winobj, &start, &end);
	step(&loc->st, start, end, ext, rec, &cls, &gap_null, &gap);
	loc->next_pos = cur + 1;
	/* every JN_FU_MARK_EVERY rows: trimming per row costs more than it saves */
	if ((cur & (JN_FU_MARK_EVERY - 1)) == JN_FU_MARK_EVERY - 1)
		WinSetMarkPosition(winobj, cur);

	if (!gap_null && (gap < PG_INT32_MIN || gap > PG_INT32_MAX))
	{
		JnErrorValues v = {.what = "gap_days", .value = gap};

		jn_report(JN_ERR_OVERFLOW, &v);
	}

	tmpl = get_template(fcinfo, c, cls, gap_null, &len);
	res = palloc(len);
	memcpy(res, tmpl, len);
	if (!gap_null)
	{
		int32		g = (int32) gap;

		memcpy(res + len - sizeof(int32), &g, sizeof(int32));
	}
	PG_RETURN_DATUM(PointerGetDatum(res));
}

/* ---------------------------------------------------------------------
 * follow_up_agg(toewijzingnummer, ingangsdatum, einddatum
 *				 [, extension_days [, recidive_days]]) -> follow_up_row[]
 *
 * The same classes as the window function, per group of a GROUP BY
 * (client_id, product): the rows are collected in any order (the state is
 * care_path's, pg/group_state.c, with the toewijzingnummer as the label and
 * the bounds as the parameters), sorted inside the group in the contract
 * order (ingangsdatum, einddatum NULLS LAST, toewijzingnummer NULLS LAST
 * bytewise, as COLLATE "C"), classified, and returned as an array of
 * (toewijzingnummer, follow_up, gap_days) in that order.  So a query needs
 * a hash aggregate and a sort of each small group, not the global sort a
 * window function needs.
 * ---------------------------------------------------------------------
 */
PG_FUNCTION_INFO_V1(jn_follow_up_agg_trans);
PG_FUNCTION_INFO_V1(jn_follow_up_agg_combine);
PG_FUNCTION_INFO_V1(jn_follow_up_agg_serialize);
PG_FUNCTION_INFO_V1(jn_follow_up_agg_deserialize);
PG_FUNCTION_INFO_V1(jn_follow_up_agg_final);

/* Magic of the serialised state (pg/group_state.c): "JNFU" */
#define JN_FU_MAGIC		0x4A4E4655

static void
fu_params_differ(const int32 *a, const int32 *b)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("extension_days and recidive_days must be the same for every row of a group"),
			 errdetail("The group has rows with (extension_days, recidive_days) (%d, %d) and (%d, %d).",
					   a[0], a[1], b[0], b[1])));
}

static bool
fu_params_valid(const int32 *param)
{
	return jn_check_bounds(param[0], param[1]) == JN_OK;
}

static const JnGroupKind fu_kind = {
	.name = "follow_up_agg",
	.magic = JN_FU_MAGIC,
	.params_valid = fu_params_valid,
	.params_differ = fu_params_differ
};

static int32
agg_bound(FunctionCallInfo fcinfo, int argno, int32 dflt, const char *name)
{
	if (PG_NARGS() <= argno)
		return dflt;
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", name)));
	return PG_GETARG_INT32(argno);
}

/* follow_up_agg_trans(state, toewijzingnummer, ingangsdatum, einddatum [, ext [, rec]]) */
Datum
jn_follow_up_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	JnGroupState *s;
	int32		param[2];
	int32		start;
	int32		end;
	bool		end_open;
	jn_status	st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "follow_up_agg_trans called in non-aggregate context");

	/* the same checks, in the same order, as the window function */
	param[0] = agg_bound(fcinfo, 4, 90, "extension_days");
	param[1] = agg_bound(fcinfo, 5, 365, "recidive_days");
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ingangsdatum must not be NULL")));
	start = PG_GETARG_DATEADT(2);
	end_open = PG_ARGISNULL(3) || PG_GETARG_DATEADT(3) == JN_DATE_POS_INF;
	end = end_open ? JN_DATE_OPEN : PG_GETARG_DATEADT(3);
	st = jn_check_bounds(param[0], param[1]);
	if (st == JN_OK)
		st = jn_check_allocation(start, end_open, end);
	if (st != JN_OK)
	{
		JnErrorValues v = {
			.start_name = "ingangsdatum", .start = start,
			.end_name = "einddatum", .end = end,
			.lo_name = "extension_days", .lo = param[0],
			.hi_name = "recidive_days", .hi = param[1]
		};

		jn_report(st, &v);
	}

	s = group_state_for_row(fcinfo, &fu_kind, aggcxt, param);
	group_state_append_arg(s, fcinfo, 1, start, end);
	PG_RETURN_POINTER(s);
}

Datum
jn_follow_up_agg_combine(PG_FUNCTION_ARGS)
{
	return group_state_combine(fcinfo, &fu_kind);
}

Datum
jn_follow_up_agg_serialize(PG_FUNCTION_ARGS)
{
	return group_state_serialize(fcinfo, &fu_kind);
}

Datum
jn_follow_up_agg_deserialize(PG_FUNCTION_ARGS)
{
	return group_state_deserialize(fcinfo, &fu_kind);
}

/* Per call site (fn_extra): the element type follow_up_row and its writer. */
static JnRowType *
agg_type(FunctionCallInfo fcinfo)
{
	JnRowType  *t = (JnRowType *) fcinfo->flinfo->fn_extra;

	if (t == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		Oid			elem = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
		/* follow_up_agg_final fills exactly (text, text, int4) */
		static const JnAttKind kinds[3] = {JN_ATT_TEXT, JN_ATT_TEXT, JN_ATT_INT4};

		if (!OidIsValid(elem))
			elog(ERROR, "follow_up_agg_final must return an array");
		t = palloc(sizeof(JnRowType));
		jn_row_type_init(t, elem, 3, kinds);
		fcinfo->flinfo->fn_extra = t;
		MemoryContextSwitchTo(old);
	}
	return t;
}

/* Groups up to this many rows keep their work arrays on the stack. */
#define JN_FU_STACK_ROWS	16

/*
 * follow_up_agg_final(internal) -> follow_up_row[]: sort (a copy, unless
 * the rows arrived sorted; the state is never modified: READ_ONLY),
 * classify, build the array in contract order (pg/composite.c: one
 * allocation for the whole array).
 */
Datum
jn_follow_up_agg_final(PG_FUNCTION_ARGS)
{
	JnGroupState *s;
	JnRowType  *t;
	jn_path_row *rows;
	jn_follow_result *res;
	jn_follow_result res_stack[JN_FU_STACK_ROWS];
	JnField    *fields;
	JnField		fields_stack[JN_FU_STACK_ROWS * 3];
	size_t		n;
	jn_status	st;
	ArrayType  *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "follow_up_agg_final called in non-aggregate context");
	s = (JnGroupState *) PG_GETARG_POINTER(0);
	if (s->nrows == 0)
		PG_RETURN_NULL();
	t = agg_type(fcinfo);
	n = (size_t) s->nrows;

	rows = group_state_sorted_rows(s);
	res = n <= JN_FU_STACK_ROWS ? res_stack :
		palloc_extended(n * sizeof(jn_follow_result), MCXT_ALLOC_HUGE);
	st = jn_follow_classify(rows, n, s->param[0], s->param[1], res);
	if (st != JN_OK)
	{
		/* the rows were checked one by one and are sorted: cannot happen */
		JnErrorValues v = {
			.lo_name = "extension_days", .lo = s->param[0],
			.hi_name = "recidive_days", .hi = s->param[1]
		};

		jn_report(st, &v);
	}

	fields = n <= JN_FU_STACK_ROWS ? fields_stack :
		palloc_extended(n * 3 * sizeof(JnField), MCXT_ALLOC_HUGE);
	for (size_t i = 0; i < n; i++)
	{
		JnField    *f = &fields[i * 3];
		const char *name = jn_follow_names[res[i].cls];

		f[0].isnull = rows[i].label_len < 0;
		f[0].ptr = s->labels + rows[i].label_off;
		f[0].len = rows[i].label_len;
		f[1].isnull = false;
		f[1].ptr = name;
		f[1].len = (int32) strlen(name);
		f[2].isnull = res[i].gap_null;
		if (!res[i].gap_null)
		{
			if (res[i].gap < PG_INT32_MIN || res[i].gap > PG_INT32_MAX)
			{
				JnErrorValues v = {.what = "gap_days", .value = res[i].gap};

				jn_report(JN_ERR_OVERFLOW, &v);
			}
			f[2].i = (int32) res[i].gap;
		}
	}
	result = jn_row_array(t, fields, n);

	if (fields != fields_stack)
		pfree(fields);
	if (res != res_stack)
		pfree(res);
	if (rows != s->rows)
		pfree(rows);
	PG_RETURN_ARRAYTYPE_P(result);
}
