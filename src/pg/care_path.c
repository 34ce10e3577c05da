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

#include "pg/composite.h"
#include "pg/group_state.h"

PG_FUNCTION_INFO_V1(jn_care_path_trans);
PG_FUNCTION_INFO_V1(jn_care_path_combine);
PG_FUNCTION_INFO_V1(jn_care_path_serialize);
PG_FUNCTION_INFO_V1(jn_care_path_deserialize);
PG_FUNCTION_INFO_V1(jn_care_path_final);

#define JN_DEFAULT_MAX_GAP	90

/* Magic of the serialised state (pg/group_state.c): "JNCP" */
#define JN_CP_MAGIC		0x4A4E4350

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
 * Look up (once per call site) the composite type care_path and its writer:
 * the element type of care_path_final's declared result (care_path[]), as
 * follow_up.c does for follow_up_row.  Not by name in the function's schema:
 * since 0.3.0 the support functions live in jeugdnorm_internal and the type
 * in jeugdnorm.
 */
static JnRowType *
care_path_type(FunctionCallInfo fcinfo)
{
	JnRowType  *t = (JnRowType *) fcinfo->flinfo->fn_extra;

	if (t == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		Oid			typ = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
		/* care_path_final fills exactly these 6 fields */
		static const JnAttKind kinds[6] = {
			JN_ATT_INT4, JN_ATT_INT4, JN_ATT_INT4, JN_ATT_INT4, JN_ATT_TEXT, JN_ATT_INT4
		};

		if (!OidIsValid(typ))
			elog(ERROR, "care_path_final must return an array of care_path");
		t = palloc(sizeof(JnRowType));
		jn_row_type_init(t, typ, 6, kinds);
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
 * One path as the fields of a care_path row (path_no, start, einde,
 * allocations, path, days); the label points into out.
 */
static void
path_fields(const jn_path *p, size_t i, const char *out, JnField *f)
{
	if (p->allocations > PG_INT32_MAX)
		overflow("allocations of a care path", p->allocations);
	f[0].isnull = false;
	f[0].i = (int32) (i + 1);
	f[1].isnull = false;
	f[1].i = p->start;
	f[3].isnull = false;
	f[3].i = (int32) p->allocations;
	if (p->end == JN_DATE_OPEN)
		f[2].isnull = f[5].isnull = true;
	else
	{
		int64		days = jn_days_inclusive(p->start, p->end);

		if (days > PG_INT32_MAX)
			overflow("days of a care path", days);
		f[2].isnull = f[5].isnull = false;
		f[2].i = p->end;
		f[5].i = (int32) days;
	}
	if (p->label_len > (int64) (MaxAllocSize - VARHDRSZ))
		overflow("length of a care path label", p->label_len);
	f[4].isnull = p->label_len < 0;
	f[4].ptr = out + p->label_off;
	f[4].len = (int32) p->label_len;
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
 * paths, merged labels and fields in stack buffers, and the array is
 * formed in one allocation (pg/composite.c).
 */
Datum
jn_care_path_final(PG_FUNCTION_ARGS)
{
	JnGroupState *s;
	JnRowType  *t;
	jn_path_row *rows;
	jn_path    *paths;
	jn_path		paths_stack[JN_CP_STACK_ROWS];
	char	   *out;
	char		out_stack[JN_CP_STACK_LABEL];
	size_t		out_cap;
	size_t		np;
	JnField    *fields;
	JnField		fields_stack[JN_CP_STACK_ROWS * 6];
	ArrayType  *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "care_path_final called in non-aggregate context");
	s = (JnGroupState *) PG_GETARG_POINTER(0);
	if (s->nrows == 0)
		PG_RETURN_NULL();
	t = care_path_type(fcinfo);

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

	fields = np <= JN_CP_STACK_ROWS ? fields_stack :
		palloc_extended(np * 6 * sizeof(JnField), MCXT_ALLOC_HUGE);
	for (size_t i = 0; i < np; i++)
		path_fields(&paths[i], i, out, &fields[i * 6]);
	result = jn_row_array(t, fields, np);

	if (fields != fields_stack)
		pfree(fields);
	if (out != out_stack)
		pfree(out);
	if (paths != paths_stack)
		pfree(paths);
	if (rows != s->rows)
		pfree(rows);
	PG_RETURN_ARRAYTYPE_P(result);
}
