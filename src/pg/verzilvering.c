/*
 * pg/verzilvering.c
 *		The verzilvering(claimed numeric, allocated numeric) aggregate:
 *		sum(claimed) / sum(allocated) in numeric, parallel safe.
 *
 * [R1]: NULL inputs are skipped one by one; the result is NULL when no
 * claimed input was non-NULL, when no allocated input was non-NULL, or when
 * sum(allocated) is 0.  The division is numeric_div, so the result equals
 * SQL's sum(claimed) / sum(allocated) to the last digit.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "pg/pg.h"

PG_FUNCTION_INFO_V1(jn_verzilvering_trans);
PG_FUNCTION_INFO_V1(jn_verzilvering_combine);
PG_FUNCTION_INFO_V1(jn_verzilvering_serialize);
PG_FUNCTION_INFO_V1(jn_verzilvering_deserialize);
PG_FUNCTION_INFO_V1(jn_verzilvering_final);

#define JN_VZ_MAGIC		0x4A4E565A	/* "JNVZ" */
#define JN_VZ_VERSION	1

typedef struct VzState
{
	Numeric		claimed;		/* valid when n_claimed > 0 */
	Numeric		allocated;		/* valid when n_allocated > 0 */
	int64		n_claimed;
	int64		n_allocated;
} VzState;

/*
 * *sum += v, with the new sum in cxt and the old one freed, so a group of
 * any size keeps two numerics in the aggregate context.
 */
static void
add_into(MemoryContext cxt, Numeric *sum, int64 *n, Datum v, int64 nv)
{
	Numeric		result;
	MemoryContext old;

	if (nv == 0)
		return;
	if (*n == 0)
		result = DatumGetNumeric(v);
	else
		result = DatumGetNumeric(DirectFunctionCall2(numeric_add,
													 NumericGetDatum(*sum), v));
	old = MemoryContextSwitchTo(cxt);
	result = DatumGetNumericCopy(NumericGetDatum(result));
	MemoryContextSwitchTo(old);
	if (*n > 0)
		pfree(*sum);
	*sum = result;
	*n += nv;
}

static VzState *
vz_new(MemoryContext cxt)
{
	return MemoryContextAllocZero(cxt, sizeof(VzState));
}

Datum
jn_verzilvering_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	VzState    *s;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "verzilvering_trans called in non-aggregate context");
	s = PG_ARGISNULL(0) ? vz_new(aggcxt) : (VzState *) PG_GETARG_POINTER(0);
	if (!PG_ARGISNULL(1))
		add_into(aggcxt, &s->claimed, &s->n_claimed, PG_GETARG_DATUM(1), 1);
	if (!PG_ARGISNULL(2))
		add_into(aggcxt, &s->allocated, &s->n_allocated, PG_GETARG_DATUM(2), 1);
	PG_RETURN_POINTER(s);
}

/* Not STRICT (internal state); the result lives in the aggregate context. */
Datum
jn_verzilvering_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	VzState    *s1;
	VzState    *s2;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "verzilvering_combine called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	s2 = (VzState *) PG_GETARG_POINTER(1);
	s1 = PG_ARGISNULL(0) ? vz_new(aggcxt) : (VzState *) PG_GETARG_POINTER(0);
	add_into(aggcxt, &s1->claimed, &s1->n_claimed,
			 NumericGetDatum(s2->claimed), s2->n_claimed);
	add_into(aggcxt, &s1->allocated, &s1->n_allocated,
			 NumericGetDatum(s2->allocated), s2->n_allocated);
	PG_RETURN_POINTER(s1);
}

static void
send_sum(StringInfo buf, Numeric sum, int64 n)
{
	pq_sendint64(buf, n);
	if (n > 0)
	{
		bytea	   *b = DatumGetByteaPP(DirectFunctionCall1(numeric_send,
															NumericGetDatum(sum)));

		pq_sendint32(buf, VARSIZE_ANY_EXHDR(b));
		pq_sendbytes(buf, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	}
}

/*
 * Version 1 layout: magic "JNVZ", version, then for claimed and allocated:
 * count (int64) and, when the count is > 0, the numeric in its binary send
 * format prefixed by its length (int32).
 */
Datum
jn_verzilvering_serialize(PG_FUNCTION_ARGS)
{
	VzState    *s;
	StringInfoData buf;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "verzilvering_serialize called in non-aggregate context");
	s = (VzState *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, JN_VZ_MAGIC);
	pq_sendint32(&buf, JN_VZ_VERSION);
	send_sum(&buf, s->claimed, s->n_claimed);
	send_sum(&buf, s->allocated, s->n_allocated);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
vz_corrupt(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialised verzilvering state"),
			 errdetail_internal("%s.", what)));
}

/* Read one (count, numeric) pair; every length checked before use. */
static void
recv_sum(StringInfo buf, Numeric *sum, int64 *n)
{
	int32		len;
	StringInfoData sub;

	if (buf->len - buf->cursor < 8)
		vz_corrupt("Too short");
	*n = pq_getmsgint64(buf);
	if (*n < 0)
		vz_corrupt("Negative count");
	if (*n == 0)
		return;
	if (buf->len - buf->cursor < 4)
		vz_corrupt("Too short");
	len = pq_getmsgint(buf, 4);
	if (len < 0 || len > buf->len - buf->cursor)
		vz_corrupt("Bad numeric length");
	/* numeric_recv reads a StringInfo; give it exactly this numeric */
	sub.data = buf->data + buf->cursor;
	sub.len = len;
	sub.maxlen = len;
	sub.cursor = 0;
	*sum = DatumGetNumeric(DirectFunctionCall3(numeric_recv,
											   PointerGetDatum(&sub),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
	if (sub.cursor != len)
		vz_corrupt("Numeric length mismatch");
	buf->cursor += len;
}

Datum
jn_verzilvering_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b;
	StringInfoData buf;
	VzState    *s;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "verzilvering_deserialize called in non-aggregate context");
	b = PG_GETARG_BYTEA_PP(0);
	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (buf.len < 8)
		vz_corrupt("Too short");
	if ((uint32) pq_getmsgint(&buf, 4) != JN_VZ_MAGIC)
		vz_corrupt("Bad magic number");
	if (pq_getmsgint(&buf, 4) != JN_VZ_VERSION)
		vz_corrupt("Unsupported version");
	s = vz_new(CurrentMemoryContext);
	recv_sum(&buf, &s->claimed, &s->n_claimed);
	recv_sum(&buf, &s->allocated, &s->n_allocated);
	if (buf.cursor != buf.len)
		vz_corrupt("Trailing bytes");
	PG_RETURN_POINTER(s);
}

Datum
jn_verzilvering_final(PG_FUNCTION_ARGS)
{
	VzState    *s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = (VzState *) PG_GETARG_POINTER(0);
	if (s->n_claimed == 0 || s->n_allocated == 0 ||
		DatumGetBool(DirectFunctionCall2(numeric_eq,
										 NumericGetDatum(s->allocated),
										 jn_int64_numeric(0))))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_div,
										NumericGetDatum(s->claimed),
										NumericGetDatum(s->allocated)));
}
