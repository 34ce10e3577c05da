/*
 * pg/group_state.c
 *		The transition state shared by care_path and follow_up_agg (see
 *		pg/group_state.h): growth, append, combine, serialise, deserialise,
 *		and the sorted view of the rows the final functions read.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "port/pg_bswap.h"
#include "access/htup_details.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg/group_state.h"

StaticAssertDecl(sizeof(JnGroupState) == 128,
				 "JnGroupState must fill one 128-byte chunk (SSPACE 144)");

/* Serialised form, version 2, network byte order. */
#define JN_GS_VERSION	2
/* header: magic, version, param[0], param[1] (int32 each), nrows, label bytes (int64) */
#define JN_GS_HEADER	(4 * 4 + 2 * 8)
/* per row: start, end, label_len (int32 each) */
#define JN_GS_ROW		(3 * 4)

JnGroupState *
group_state_new(MemoryContext cxt, const int32 *param, int64 rows_cap,
				int64 label_cap)
{
	JnGroupState *s = MemoryContextAlloc(cxt, sizeof(JnGroupState));

	s->nrows = 0;
	s->label_used = 0;
	s->param[0] = param[0];
	s->param[1] = param[1];
	s->sorted = true;
	if (rows_cap <= JN_GS_INLINE_ROWS)
	{
		s->rows = s->inline_rows;
		s->rows_cap = JN_GS_INLINE_ROWS;
	}
	else
	{
		s->rows = MemoryContextAllocHuge(cxt, rows_cap * sizeof(jn_path_row));
		s->rows_cap = rows_cap;
	}
	if (label_cap <= JN_GS_INLINE_LABEL)
	{
		s->labels = s->inline_labels;
		s->label_cap = JN_GS_INLINE_LABEL;
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
reserve(JnGroupState *s, int64 extra_rows, int64 extra_bytes)
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

void
group_state_append_arg(JnGroupState *s, FunctionCallInfo fcinfo, int argno,
					   int32 start, int32 end)
{
	if (PG_ARGISNULL(argno))
		group_state_append(s, start, end, NULL, 0);
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(argno);

		group_state_append(s, start, end, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	}
}

void
group_state_append(JnGroupState *s, int32 start, int32 end,
				   const char *label, int32 label_len)
{
	jn_path_row *r;

	reserve(s, 1, label_len > 0 ? label_len : 0);
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

JnGroupState *
group_state_for_row(FunctionCallInfo fcinfo, const JnGroupKind *kind,
					MemoryContext aggcxt, const int32 *param)
{
	JnGroupState *s;

	if (PG_ARGISNULL(0))
		return group_state_new(aggcxt, param, 0, 0);
	s = (JnGroupState *) PG_GETARG_POINTER(0);
	if (s->param[0] != param[0] || s->param[1] != param[1])
		kind->params_differ(s->param, param);
	return s;
}

/* Append all rows of src to dst (labels re-based). */
static void
concat(JnGroupState *dst, const JnGroupState *src)
{
	int64		base = dst->label_used;
	int64		first = dst->nrows;

	if (src->nrows == 0)
		return;
	reserve(dst, src->nrows, src->label_used);
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
 * combine(state1, state2): not STRICT (an internal-state combine function
 * may not be); a NULL side is a group part without rows.  The result lives
 * in the aggregate context: state2 may be a deserialised state in a
 * short-lived context, so it is copied, never adopted.
 */
Datum
group_state_combine(FunctionCallInfo fcinfo, const JnGroupKind *kind)
{
	MemoryContext aggcxt;
	JnGroupState *s1;
	JnGroupState *s2;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s combine function called in non-aggregate context", kind->name);
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	s2 = (JnGroupState *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		s1 = group_state_new(aggcxt, s2->param, s2->nrows, s2->label_used);
		concat(s1, s2);
		PG_RETURN_POINTER(s1);
	}
	s1 = (JnGroupState *) PG_GETARG_POINTER(0);
	if (s1->param[0] != s2->param[0] || s1->param[1] != s2->param[1])
		kind->params_differ(s1->param, s2->param);
	concat(s1, s2);
	PG_RETURN_POINTER(s1);
}

/*
 * serialize(internal) -> bytea.  Version 2 layout, network byte order:
 * magic (one per aggregate), version 2, param[0], param[1], nrows (int64),
 * label bytes (int64); per row start, end (JN_DATE_OPEN = open), label_len
 * (-1 NULL); then the non-NULL labels' bytes in row order.
 */
Datum
group_state_serialize(FunctionCallInfo fcinfo, const JnGroupKind *kind)
{
	JnGroupState *s;
	StringInfoData buf;
	int64		label_bytes = 0;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s serialise function called in non-aggregate context", kind->name);
	s = (JnGroupState *) PG_GETARG_POINTER(0);
	for (int64 i = 0; i < s->nrows; i++)
		if (s->rows[i].label_len > 0)
			label_bytes += s->rows[i].label_len;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, kind->magic);
	pq_sendint32(&buf, JN_GS_VERSION);
	pq_sendint32(&buf, s->param[0]);
	pq_sendint32(&buf, s->param[1]);
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
corrupt(const JnGroupKind *kind, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialised %s state", kind->name),
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
 * deserialize(bytea, internal) -> internal.  Every length is checked
 * against the input before it is used, and every row is validated as the
 * transition function would, so a corrupt or hostile bytea gives an error,
 * never a crash or an out-of-bounds read.
 */
Datum
group_state_deserialize(FunctionCallInfo fcinfo, const JnGroupKind *kind)
{
	bytea	   *b;
	const char *p;
	const char *lab;
	int64		len;
	int32		param[2];
	int64		nrows;
	int64		label_bytes;
	int64		label_seen = 0;
	JnGroupState *s;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s deserialise function called in non-aggregate context", kind->name);
	b = PG_GETARG_BYTEA_PP(0);
	p = VARDATA_ANY(b);
	len = VARSIZE_ANY_EXHDR(b);

	if (len < JN_GS_HEADER)
		corrupt(kind, "Too short");
	if ((uint32) read_int32(&p) != kind->magic)
		corrupt(kind, "Bad magic number");
	if (read_int32(&p) != JN_GS_VERSION)
		corrupt(kind, "Unsupported version");
	param[0] = read_int32(&p);
	param[1] = read_int32(&p);
	nrows = read_int64(&p);
	label_bytes = read_int64(&p);
	if (!kind->params_valid(param))
		corrupt(kind, "Invalid parameters");
	if (nrows < 0 || label_bytes < 0 ||
		nrows > (len - JN_GS_HEADER) / JN_GS_ROW ||
		label_bytes != len - JN_GS_HEADER - nrows * JN_GS_ROW)
		corrupt(kind, "Length mismatch");

	s = group_state_new(CurrentMemoryContext, param, nrows, label_bytes);
	lab = p + nrows * JN_GS_ROW;
	for (int64 i = 0; i < nrows; i++)
	{
		int32		start = read_int32(&p);
		int32		end = read_int32(&p);
		int32		label_len = read_int32(&p);

		if (jn_check_allocation(start, end == JN_DATE_OPEN, end) != JN_OK)
			corrupt(kind, "Invalid dates");
		if (label_len < -1 || label_len > label_bytes - label_seen)
			corrupt(kind, "Invalid label length");
		if (label_len >= 0)
		{
			group_state_append(s, start, end, lab + label_seen, label_len);
			label_seen += label_len;
		}
		else
			group_state_append(s, start, end, NULL, 0);
	}
	if (label_seen != label_bytes)
		corrupt(kind, "Label bytes left over");
	PG_RETURN_POINTER(s);
}

jn_path_row *
group_state_sorted_rows(const JnGroupState *s)
{
	jn_path_row *rows;

	if (s->sorted)
		return s->rows;
	/* the copy and the merge sort's buffer in one chunk */
	rows = palloc_extended(2 * (Size) s->nrows * sizeof(jn_path_row),
						   MCXT_ALLOC_HUGE);
	memcpy(rows, s->rows, s->nrows * sizeof(jn_path_row));
	jn_path_sort(rows, s->nrows, s->labels, rows + s->nrows);
	return rows;
}
