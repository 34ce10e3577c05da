/*
 * pg/care_path.c
 *		The care_path aggregate: transition, combine, serialise/deserialise
 *		and final functions around the pure-C core in core/path.c.
 *
 * State (internal): a growable array of (start, end, label offset/length)
 * and one growable label byte buffer, both in the aggregate memory context
 * and both starting inside the state chunk (small groups: one chunk), plus
 * max_gap and whether the rows are known to be in contract order.
 * Rows may arrive in any order; the final function sorts (skipped when the
 * rows arrived sorted, which the transition function tracks for free) and
 * merges.  Combine concatenates, so parallel workers can split a group's
 * rows any way and the result is the same.
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
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "pg/pg.h"

PG_FUNCTION_INFO_V1(jn_care_path_trans);
PG_FUNCTION_INFO_V1(jn_care_path_combine);
PG_FUNCTION_INFO_V1(jn_care_path_serialize);
PG_FUNCTION_INFO_V1(jn_care_path_deserialize);
PG_FUNCTION_INFO_V1(jn_care_path_final);

#define JN_DEFAULT_MAX_GAP	90

/* Serialised form: magic, version, then the fields below (network order). */
#define JN_CP_MAGIC		0x4A4E4350	/* "JNCP" */
#define JN_CP_VERSION	1
/* header: magic, version, max_gap (int32 each), nrows, label bytes (int64) */
#define JN_CP_HEADER	(3 * 4 + 2 * 8)
/* per row: start, end, label_len (int32 each) */
#define JN_CP_ROW		(3 * 4)

/*
 * Room inside the state itself for the first rows and label bytes: most
 * groups (client, aanbieder, product) have 1 or 2 allocations, and in a
 * hash aggregate every group's state is live at once, so a group costs one
 * 128-byte chunk instead of three (state, rows, labels).  Larger groups
 * move to separate growable arrays.  The aggregates' SSPACE in
 * src/sql/10_core.sql tells the planner about this size.
 */
#define JN_CP_INLINE_ROWS	2
#define JN_CP_INLINE_LABEL	24

typedef struct CarePathState
{
	jn_path_row *rows;			/* inline_rows or a separate chunk */
	char	   *labels;			/* inline_labels or a separate chunk */
	int64		nrows;
	int64		rows_cap;
	int64		label_used;
	int64		label_cap;
	int32		max_gap;
	bool		sorted;			/* rows known to be in contract order */
	jn_path_row inline_rows[JN_CP_INLINE_ROWS];
	char		inline_labels[JN_CP_INLINE_LABEL];
} CarePathState;

/* Cached per final-function call site: the care_path composite type. */
typedef struct CarePathType
{
	Oid			elemtype;
	TupleDesc	tupdesc;
	int16		typlen;
	bool		typbyval;
	char		typalign;
} CarePathType;

static CarePathState *
state_new(MemoryContext cxt, int32 max_gap, int64 rows_cap, int64 label_cap)
{
	CarePathState *s = MemoryContextAlloc(cxt, sizeof(CarePathState));

	s->nrows = 0;
	s->label_used = 0;
	s->max_gap = max_gap;
	s->sorted = true;
	if (rows_cap <= JN_CP_INLINE_ROWS)
	{
		s->rows = s->inline_rows;
		s->rows_cap = JN_CP_INLINE_ROWS;
	}
	else
	{
		s->rows = MemoryContextAllocHuge(cxt, rows_cap * sizeof(jn_path_row));
		s->rows_cap = rows_cap;
	}
	if (label_cap <= JN_CP_INLINE_LABEL)
	{
		s->labels = s->inline_labels;
		s->label_cap = JN_CP_INLINE_LABEL;
	}
	else
	{
		s->labels = MemoryContextAllocHuge(cxt, label_cap);
		s->label_cap = label_cap;
	}
	return s;
}

/*
 * Grow (doubling) so that extra rows and label bytes fit.  The first growth
 * out of the inline room copies into a new chunk in the state's context.
 */
static void
state_reserve(CarePathState *s, int64 extra_rows, int64 extra_bytes)
{
	if (s->nrows + extra_rows > s->rows_cap)
	{
		int64		cap = s->rows_cap;

		while (cap < s->nrows + extra_rows)
			cap *= 2;
		if (s->rows == s->inline_rows)
		{
			jn_path_row *r = MemoryContextAllocHuge(GetMemoryChunkContext(s),
													cap * sizeof(jn_path_row));

			memcpy(r, s->inline_rows, s->nrows * sizeof(jn_path_row));
			s->rows = r;
		}
		else
			s->rows = repalloc_huge(s->rows, cap * sizeof(jn_path_row));
		s->rows_cap = cap;
	}
	if (s->label_used + extra_bytes > s->label_cap)
	{
		int64		cap = s->label_cap;

		while (cap < s->label_used + extra_bytes)
			cap *= 2;
		if (s->labels == s->inline_labels)
		{
			char	   *l = MemoryContextAllocHuge(GetMemoryChunkContext(s), cap);

			memcpy(l, s->inline_labels, s->label_used);
			s->labels = l;
		}
		else
			s->labels = repalloc_huge(s->labels, cap);
		s->label_cap = cap;
	}
}

/* Append one row; label may be NULL.  Keeps the sorted flag up to date. */
static void
state_append(CarePathState *s, int32 start, int32 end,
			 const char *label, int32 label_len)
{
	jn_path_row *r;

	state_reserve(s, 1, label_len > 0 ? label_len : 0);
	r = &s->rows[s->nrows];
	r->start = start;
	r->end = end;
	r->label_len = label != NULL ? label_len : -1;
	r->label_off = s->label_used;
	if (label != NULL && label_len > 0)
	{
		memcpy(s->labels + s->label_used, label, label_len);
		s->label_used += label_len;
	}
	if (s->sorted && s->nrows > 0 &&
		jn_path_row_cmp(&s->rows[s->nrows - 1], r, s->labels) > 0)
		s->sorted = false;
	s->nrows++;
}

static void
check_same_max_gap(int32 a, int32 b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_gap must be the same for every row of a group"),
				 errdetail("The group has rows with max_gap %d and %d.", a, b)));
}

/*
 * care_path_trans(state, ingangsdatum, einddatum, label [, max_gap])
 */
Datum
jn_care_path_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	CarePathState *s;
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

	if (PG_ARGISNULL(0))
		s = state_new(aggcxt, max_gap, 0, 0);
	else
	{
		s = (CarePathState *) PG_GETARG_POINTER(0);
		check_same_max_gap(s->max_gap, max_gap);
	}

	if (PG_ARGISNULL(3))
		state_append(s, start, end, NULL, 0);
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(3);

		state_append(s, start, end, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	}
	PG_RETURN_POINTER(s);
}

/* Append all rows of src to dst (labels re-based). */
static void
state_concat(CarePathState *dst, const CarePathState *src)
{
	int64		base = dst->label_used;
	int64		first = dst->nrows;

	if (src->nrows == 0)
		return;
	state_reserve(dst, src->nrows, src->label_used);
	memcpy(dst->labels + base, src->labels, src->label_used);
	dst->label_used += src->label_used;
	for (int64 i = 0; i < src->nrows; i++)
	{
		jn_path_row *r = &dst->rows[first + i];

		*r = src->rows[i];
		r->label_off += base;
	}
	dst->sorted = dst->sorted && src->sorted &&
		(first == 0 ||
		 jn_path_row_cmp(&dst->rows[first - 1], &dst->rows[first], dst->labels) <= 0);
	dst->nrows += src->nrows;
}

/*
 * care_path_combine(state1, state2): not STRICT (an internal-state combine
 * function may not be); a NULL side is a group part without rows.  The
 * result lives in the aggregate context: state2 may be a deserialised
 * state in a short-lived context, so it is copied, never adopted.
 */
Datum
jn_care_path_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	CarePathState *s1;
	CarePathState *s2;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "care_path_combine called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	s2 = (CarePathState *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		s1 = state_new(aggcxt, s2->max_gap, s2->nrows, s2->label_used);
		state_concat(s1, s2);
		PG_RETURN_POINTER(s1);
	}
	s1 = (CarePathState *) PG_GETARG_POINTER(0);
	check_same_max_gap(s1->max_gap, s2->max_gap);
	state_concat(s1, s2);
	PG_RETURN_POINTER(s1);
}

/*
 * care_path_serialize(internal) -> bytea.  Version 1 layout, network byte
 * order: magic "JNCP", version 1, max_gap, nrows (int64), label bytes
 * (int64); per row start, end (JN_DATE_OPEN = open), label_len (-1 NULL);
 * then the non-NULL labels' bytes in row order.
 */
Datum
jn_care_path_serialize(PG_FUNCTION_ARGS)
{
	CarePathState *s;
	StringInfoData buf;
	int64		label_bytes = 0;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "care_path_serialize called in non-aggregate context");
	s = (CarePathState *) PG_GETARG_POINTER(0);
	for (int64 i = 0; i < s->nrows; i++)
		if (s->rows[i].label_len > 0)
			label_bytes += s->rows[i].label_len;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, JN_CP_MAGIC);
	pq_sendint32(&buf, JN_CP_VERSION);
	pq_sendint32(&buf, s->max_gap);
	pq_sendint64(&buf, s->nrows);
	pq_sendint64(&buf, label_bytes);
	for (int64 i = 0; i < s->nrows; i++)
	{
		pq_sendint32(&buf, s->rows[i].start);
		pq_sendint32(&buf, s->rows[i].end);
		pq_sendint32(&buf, s->rows[i].label_len);
	}
	for (int64 i = 0; i < s->nrows; i++)
		if (s->rows[i].label_len > 0)
			pq_sendbytes(&buf, s->labels + s->rows[i].label_off,
						 s->rows[i].label_len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
corrupt(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialised care_path state"),
			 errdetail_internal("%s.", what)));
}

static int32
read_int32(const char **p)
{
	uint32		v;

	memcpy(&v, *p, 4);
	*p += 4;
	return (int32) pg_ntoh32(v);
}

static int64
read_int64(const char **p)
{
	uint64		v;

	memcpy(&v, *p, 8);
	*p += 8;
	return (int64) pg_ntoh64(v);
}

/*
 * care_path_deserialize(bytea, internal) -> internal.  Every length is
 * checked against the input before it is used, and every row is validated
 * as the transition function would, so a corrupt or hostile bytea gives an
 * error, never a crash or an out-of-bounds read.
 */
Datum
jn_care_path_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b;
	const char *p;
	const char *lab;
	int64		len;
	int32		max_gap;
	int64		nrows;
	int64		label_bytes;
	int64		label_seen = 0;
	CarePathState *s;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "care_path_deserialize called in non-aggregate context");
	b = PG_GETARG_BYTEA_PP(0);
	p = VARDATA_ANY(b);
	len = VARSIZE_ANY_EXHDR(b);

	if (len < JN_CP_HEADER)
		corrupt("Too short");
	if ((uint32) read_int32(&p) != JN_CP_MAGIC)
		corrupt("Bad magic number");
	if (read_int32(&p) != JN_CP_VERSION)
		corrupt("Unsupported version");
	max_gap = read_int32(&p);
	nrows = read_int64(&p);
	label_bytes = read_int64(&p);
	if (max_gap < 0)
		corrupt("Negative max_gap");
	if (nrows < 0 || label_bytes < 0 ||
		nrows > (len - JN_CP_HEADER) / JN_CP_ROW ||
		label_bytes != len - JN_CP_HEADER - nrows * JN_CP_ROW)
		corrupt("Length mismatch");

	s = state_new(CurrentMemoryContext, max_gap, nrows, label_bytes);
	lab = p + nrows * JN_CP_ROW;
	for (int64 i = 0; i < nrows; i++)
	{
		int32		start = read_int32(&p);
		int32		end = read_int32(&p);
		int32		label_len = read_int32(&p);

		if (jn_check_allocation(start, end == JN_DATE_OPEN, end) != JN_OK)
			corrupt("Invalid dates");
		if (label_len < -1 || label_len > label_bytes - label_seen)
			corrupt("Invalid label length");
		if (label_len >= 0)
		{
			state_append(s, start, end, lab + label_seen, label_len);
			label_seen += label_len;
		}
		else
			state_append(s, start, end, NULL, 0);
	}
	if (label_seen != label_bytes)
		corrupt("Label bytes left over");
	PG_RETURN_POINTER(s);
}

/* Look up (once per call site) the composite type care_path. */
static CarePathType *
care_path_type(FunctionCallInfo fcinfo)
{
	CarePathType *t = (CarePathType *) fcinfo->flinfo->fn_extra;

	if (t == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
		Oid			typ = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										  CStringGetDatum("care_path"),
										  ObjectIdGetDatum(nsp));

		if (!OidIsValid(typ))
			elog(ERROR, "type care_path not found in the schema of care_path_final");
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
	CarePathState *s;
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
	Size		nbytes;
	Size		total;
	char	   *ptr;
	ArrayType  *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "care_path_final called in non-aggregate context");
	s = (CarePathState *) PG_GETARG_POINTER(0);
	if (s->nrows == 0)
		PG_RETURN_NULL();
	t = care_path_type(fcinfo);
	td = t->tupdesc;

	rows = s->rows;
	if (!s->sorted)
	{
		/* sort a copy (and its merge buffer): the state stays as it is */
		rows = palloc_extended(2 * (Size) s->nrows * sizeof(jn_path_row),
							   MCXT_ALLOC_HUGE);
		memcpy(rows, s->rows, s->nrows * sizeof(jn_path_row));
		jn_path_sort(rows, s->nrows, s->labels, rows + s->nrows);
	}

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
	np = jn_path_merge(rows, s->nrows, s->labels, s->max_gap, paths, out);
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
	nbytes = 0;
	for (size_t i = 0; i < np; i++)
	{
		Datum		values[6];
		bool		nulls[6];

		path_values(&paths[i], i, out, txt, values, nulls);
		tuples[i] = heap_form_tuple(td, values, nulls);
		nbytes = att_align_nominal(nbytes + tuples[i]->t_len, t->typalign);
		if (!AllocSizeIsValid(ARR_OVERHEAD_NONULLS(1) + nbytes))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("array size exceeds the maximum allowed (%d)",
							(int) MaxAllocSize)));
	}

	/*
	 * The one-dimensional array without a null bitmap, laid out as
	 * construct_array would (each element a copy of the datum tuple, aligned
	 * to typalign), without its per-call generality.
	 */
	total = ARR_OVERHEAD_NONULLS(1) + nbytes;
	result = (ArrayType *) palloc0(total);
	SET_VARSIZE(result, total);
	result->ndim = 1;
	result->dataoffset = 0;
	result->elemtype = t->elemtype;
	ARR_DIMS(result)[0] = (int) np;
	ARR_LBOUND(result)[0] = 1;
	ptr = ARR_DATA_PTR(result);
	for (size_t i = 0; i < np; i++)
	{
		memcpy(ptr, tuples[i]->t_data, tuples[i]->t_len);
		ptr = (char *) att_align_nominal(ptr + tuples[i]->t_len, t->typalign);
		heap_freetuple(tuples[i]);
	}
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
