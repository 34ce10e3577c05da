/*
 * pg/care_path.c
 *		The care_path aggregate: transition and final functions around the
 *		pure-C core in core/path.c; the state, combine, serialise and
 *		deserialise are shared with follow_up_agg (pg/group_state.c).
 *
 * Rows may arrive in any order; the final function sorts (a copy; skipped
 * when the rows arrived sorted, which the transition function tracks for
 * free) and merges.  Combine concatenates, so parallel workers can split a
 * group's rows any way and the result is the same.  The state's param[0]
 * is max_gap (param[1] unused, 0).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "port/pg_bswap.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "pg/group_state.h"

PG_FUNCTION_INFO_V1(jn_care_path_trans);
PG_FUNCTION_INFO_V1(jn_care_path_combine);
PG_FUNCTION_INFO_V1(jn_care_path_serialize);
PG_FUNCTION_INFO_V1(jn_care_path_deserialize);
PG_FUNCTION_INFO_V1(jn_care_path_final);

#define JN_DEFAULT_MAX_GAP	90

/* Magic of the serialised state (pg/group_state.c): "JNCP" */
#define JN_CP_MAGIC		0x4A4E4350

/* Cached per final-function call site: the care_path composite type. */
typedef struct CarePathType
{
	Oid			elemtype;
	TupleDesc	tupdesc;
	int16		typlen;
	bool		typbyval;
	char		typalign;
} CarePathType;

static void
params_differ(const int32 *a, const int32 *b)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("max_gap must be the same for every row of a group"),
			 errdetail("The group has rows with max_gap %d and %d.", a[0], b[0])));
}

static bool
params_valid(const int32 *param)
{
	return param[0] >= 0 && param[1] == 0;
}

static const JnGroupKind kind = {
	.name = "care_path",
	.magic = JN_CP_MAGIC,
	.params_valid = params_valid,
	.params_differ = params_differ
};

/*
 * care_path_trans(state, ingangsdatum, einddatum, label [, max_gap])
 */
Datum
jn_care_path_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	JnGroupState *s;
	int32		max_gap = JN_DEFAULT_MAX_GAP;
	int32		start;
	int32		end;
	bool		end_open;
	jn_status	st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "care_path_trans called in non-aggregate context");

	if (PG_NARGS() > 4)
	{
		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("max_gap must not be NULL")));
		max_gap = PG_GETARG_INT32(4);
		if (max_gap < 0)
		{
			JnErrorValues v = {.hi_name = "max_gap", .hi = max_gap};

			jn_report(JN_ERR_NEGATIVE_BOUND, &v);
		}
	}
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ingangsdatum must not be NULL"),
				 errdetail("An allocation always has a start date; a NULL einddatum means open.")));
	start = PG_GETARG_DATEADT(1);
	end_open = PG_ARGISNULL(2);
	end = end_open ? JN_DATE_OPEN : PG_GETARG_DATEADT(2);
	st = jn_check_allocation(start, end_open, end);
	if (st != JN_OK)
	{
		JnErrorValues v = {
			.start_name = "ingangsdatum", .start = start,
			.end_name = "einddatum", .end = end
		};

		jn_report(st, &v);
	}

	s = group_state_for_row(fcinfo, &kind, aggcxt, (int32[2]) {max_gap, 0});
	group_state_append_arg(s, fcinfo, 3, start, end);
	PG_RETURN_POINTER(s);
}

Datum
jn_care_path_combine(PG_FUNCTION_ARGS)
{
	return group_state_combine(fcinfo, &kind);
}

Datum
jn_care_path_serialize(PG_FUNCTION_ARGS)
{
	return group_state_serialize(fcinfo, &kind);
}

Datum
jn_care_path_deserialize(PG_FUNCTION_ARGS)
{
	return group_state_deserialize(fcinfo, &kind);
}

/*
 * Look up (once per call site) the composite type care_path: the element
 * type of care_path_final's declared result (care_path[]), as follow_up.c
 * does for follow_up_row.  Not by name in the function's schema: since
 * 0.3.0 the support functions live in jeugdnorm_internal and the type in
 * jeugdnorm.
 */
static CarePathType *
care_path_type(FunctionCallInfo fcinfo)
{
	CarePathType *t = (CarePathType *) fcinfo->flinfo->fn_extra;

	if (t == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		Oid			typ = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));

		if (!OidIsValid(typ))
			elog(ERROR, "care_path_final must return an array of care_path");
		t = palloc(sizeof(CarePathType));
		t->elemtype = typ;
		t->tupdesc = BlessTupleDesc(lookup_rowtype_tupdesc_copy(typ, -1));
		/* care_path_final fills exactly these 6 fields */
		if (t->tupdesc->natts != 6)
			elog(ERROR, "type care_path must have 6 attributes, has %d",
				 t->tupdesc->natts);
		get_typlenbyvalalign(typ, &t->typlen, &t->typbyval, &t->typalign);
		fcinfo->flinfo->fn_extra = t;
		MemoryContextSwitchTo(old);
	}
	return t;
}

static void
overflow(const char *what, int64 value)
{
	JnErrorValues v = {.what = what, .value = value};

	jn_report(JN_ERR_OVERFLOW, &v);
}

/* Paths and merged labels of groups up to this many rows live on the stack. */
#define JN_CP_STACK_ROWS	16
#define JN_CP_STACK_LABEL	512

/*
 * One path as the values / nulls of a care_path row.  The label becomes a
 * text datum in txt (room for VARHDRSZ + label_len, int-aligned).
 */
static void
path_values(const jn_path *p, size_t i, const char *out, char *txt,
			Datum *values, bool *nulls)
{
	if (p->allocations > PG_INT32_MAX)
		overflow("allocations of a care path", p->allocations);
	values[0] = Int32GetDatum((int32) (i + 1));
	nulls[0] = false;
	values[1] = DateADTGetDatum(p->start);
	nulls[1] = false;
	values[3] = Int32GetDatum((int32) p->allocations);
	nulls[3] = false;
	if (p->end == JN_DATE_OPEN)
	{
		values[2] = values[5] = (Datum) 0;
		nulls[2] = nulls[5] = true;
	}
	else
	{
		int64		days = jn_days_inclusive(p->start, p->end);

		if (days > PG_INT32_MAX)
			overflow("days of a care path", days);
		values[2] = DateADTGetDatum(p->end);
		values[5] = Int32GetDatum((int32) days);
		nulls[2] = nulls[5] = false;
	}
	if (p->label_len < 0)
	{
		values[4] = (Datum) 0;
		nulls[4] = true;
	}
	else
	{
		SET_VARSIZE(txt, VARHDRSZ + p->label_len);
		memcpy(VARDATA(txt), out + p->label_off, p->label_len);
		values[4] = PointerGetDatum(txt);
		nulls[4] = false;
	}
}

/*
 * care_path_final(internal) -> care_path[]: sort (unless already sorted),
 * merge, build the array.  The state is never modified: unsorted rows are
 * sorted in a copy.  So the aggregate is FINALFUNC_MODIFY = READ_ONLY, as
 * it is declared (10_core.sql), which it must be to run as a window
 * aggregate (40_paths.sql does): the WindowAgg calls the final function
 * once per row and goes on adding rows to the same state in a growing
 * frame.  The copy costs one memcpy of the rows next to the sort itself,
 * and only for groups whose rows arrived out of order.
 *
 * Per group it allocates only what must outlive it: small groups keep the
 * paths, merged labels and element list in stack buffers, and the label
 * text datum is built in one reused buffer (no cstring_to_text per path).
 * The tuples are still formed by heap_form_tuple: this server stamps a row
 * type version into composite datums, which only its own code may write.
 */
Datum
jn_care_path_final(PG_FUNCTION_ARGS)
{
	JnGroupState *s;
	CarePathType *t;
	TupleDesc	td;
	jn_path_row *rows;
	jn_path    *paths;
	jn_path		paths_stack[JN_CP_STACK_ROWS];
	char	   *out;
	char		out_stack[JN_CP_STACK_LABEL];
	size_t		out_cap;
	size_t		np;
	int64		max_label = 0;
	char	   *txt;
	union
	{
		int32		align;		/* a varlena header must be int-aligned */
		char		buf[JN_CP_STACK_LABEL];
	}			txt_stack;
	HeapTuple  *tuples;
	HeapTuple	tuples_stack[JN_CP_STACK_ROWS];
	ArrayType  *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "care_path_final called in non-aggregate context");
	s = (JnGroupState *) PG_GETARG_POINTER(0);
	if (s->nrows == 0)
		PG_RETURN_NULL();
	t = care_path_type(fcinfo);
	td = t->tupdesc;

	rows = group_state_sorted_rows(s);

	paths = s->nrows <= JN_CP_STACK_ROWS ? paths_stack :
		palloc_extended(s->nrows * sizeof(jn_path), MCXT_ALLOC_HUGE);
	/*
	 * jn_path_label_capacity() without its pass over the rows: the state's
	 * label buffer holds exactly the bytes of the non-NULL labels, so the
	 * merged labels need at most those plus a separator per row.
	 */
	out_cap = (size_t) s->label_used + JN_PATH_SEP_LEN * (size_t) s->nrows + 1;
	out = out_cap <= JN_CP_STACK_LABEL ? out_stack :
		palloc_extended(out_cap, MCXT_ALLOC_HUGE);
	np = jn_path_merge(rows, s->nrows, s->labels, s->param[0], paths, out);
	if (np > MaxArraySize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many care paths in one group"),
				 errdetail("The group has %zu paths; an array holds at most %d.",
						   np, (int) MaxArraySize)));

	/* one text buffer, big enough for the longest label */
	for (size_t i = 0; i < np; i++)
		if (paths[i].label_len > max_label)
			max_label = paths[i].label_len;
	if (max_label > MaxAllocSize - VARHDRSZ)
		overflow("length of a care path label", max_label);
	txt = VARHDRSZ + max_label <= sizeof(txt_stack.buf) ? txt_stack.buf :
		palloc(VARHDRSZ + max_label);

	tuples = np <= JN_CP_STACK_ROWS ? tuples_stack :
		palloc_extended(np * sizeof(HeapTuple), MCXT_ALLOC_HUGE);
	for (size_t i = 0; i < np; i++)
	{
		Datum		values[6];
		bool		nulls[6];

		path_values(&paths[i], i, out, txt, values, nulls);
		tuples[i] = heap_form_tuple(td, values, nulls);
	}
	result = jn_tuple_array(tuples, np, t->elemtype, t->typalign);
	if (tuples != tuples_stack)
		pfree(tuples);

	if (txt != txt_stack.buf)
		pfree(txt);
	if (out != out_stack)
		pfree(out);
	if (paths != paths_stack)
		pfree(paths);
	if (rows != s->rows)
		pfree(rows);
	PG_RETURN_ARRAYTYPE_P(result);
}
