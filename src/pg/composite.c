/*
 * pg/composite.c
 *		Arrays of small composite datums formed in one buffer (see
 *		pg/composite.h): the result of care_path and follow_up_agg.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"

#include "pg/composite.h"

/* A text field fits a 1-byte varlena header (heap_fill_tuple's rule). */
static inline bool
text_short(int32 len)
{
	return (Size) len + VARHDRSZ_SHORT <= VARATT_SHORT_MAX;
}

/* Bytes of one element (header, bitmap, data); *hasnull: any NULL field. */
static Size
row_len(const JnRowType *t, const JnField *f, bool *hasnull)
{
	Size		data = 0;
	bool		nulls = false;

	for (int a = 0; a < t->natts; a++)
	{
		if (f[a].isnull)
		{
			nulls = true;
			continue;
		}
		if (t->kind[a] == JN_ATT_INT4)
			data = INTALIGN(data) + sizeof(int32);
		else if (text_short(f[a].len))
			data += VARHDRSZ_SHORT + f[a].len;
		else
			data = INTALIGN(data) + VARHDRSZ + f[a].len;
	}
	*hasnull = nulls;
	return MAXALIGN(SizeofHeapTupleHeader + (nulls ? BITMAPLEN(t->natts) : 0)) + data;
}

/* Write one element of len bytes at dst (zeroed, MAXALIGNed). */
static void
row_write(const JnRowType *t, const JnField *f, char *dst, Size len, bool hasnull)
{
	HeapTupleHeader td = (HeapTupleHeader) dst;
	uint8		hoff = MAXALIGN(SizeofHeapTupleHeader +
								(hasnull ? BITMAPLEN(t->natts) : 0));
	char	   *data = dst + hoff;
	Size		off = 0;
	uint16		infomask = 0;

	memcpy(dst, t->header, SizeofHeapTupleHeader);
	HeapTupleHeaderSetDatumLength(td, len);
	td->t_hoff = hoff;
	if (hasnull)
		infomask |= HEAP_HASNULL;
	for (int a = 0; a < t->natts; a++)
	{
		if (f[a].isnull)
			continue;
		if (hasnull)
			td->t_bits[a >> 3] |= (bits8) (1 << (a & 7));
		if (t->kind[a] == JN_ATT_INT4)
		{
			int32		v = f[a].i;

			off = INTALIGN(off);
			memcpy(data + off, &v, sizeof(int32));
			off += sizeof(int32);
			continue;
		}
		infomask |= HEAP_HASVARWIDTH;
		if (text_short(f[a].len))
		{
			SET_VARSIZE_SHORT(data + off, VARHDRSZ_SHORT + f[a].len);
			if (f[a].len > 0)
				memcpy(data + off + VARHDRSZ_SHORT, f[a].ptr, f[a].len);
			off += VARHDRSZ_SHORT + f[a].len;
		}
		else
		{
			off = INTALIGN(off);
			SET_VARSIZE(data + off, VARHDRSZ + f[a].len);
			memcpy(data + off + VARHDRSZ, f[a].ptr, f[a].len);
			off += VARHDRSZ + f[a].len;
		}
	}
	td->t_infomask = (td->t_infomask & ~(HEAP_HASNULL | HEAP_HASVARWIDTH | HEAP_HASEXTERNAL)) |
		infomask;
	Assert(hoff + off == len);
}

/* The same element formed by heap_form_tuple (the reference, and the fallback). */
static HeapTuple
row_form(const JnRowType *t, const JnField *f)
{
	Datum		values[JN_ROW_MAXATTS];
	bool		nulls[JN_ROW_MAXATTS];

	for (int a = 0; a < t->natts; a++)
	{
		nulls[a] = f[a].isnull;
		if (f[a].isnull)
			values[a] = (Datum) 0;
		else if (t->kind[a] == JN_ATT_INT4)
			values[a] = Int32GetDatum(f[a].i);
		else
			values[a] = PointerGetDatum(cstring_to_text_with_len(f[a].ptr, f[a].len));
	}
	return heap_form_tuple(t->tupdesc, values, nulls);
}

/* Does the writer give heap_form_tuple's bytes for these fields? */
static bool
row_matches(const JnRowType *t, const JnField *f)
{
	HeapTuple	ref = row_form(t, f);
	bool		hasnull;
	Size		len = row_len(t, f, &hasnull);
	char	   *mine;
	bool		same;

	if (len != ref->t_len)
		return false;
	mine = palloc0(len);
	row_write(t, f, mine, len, hasnull);
	same = memcmp(mine, ref->t_data, len) == 0;
	pfree(mine);
	heap_freetuple(ref);
	return same;
}

void
jn_row_type_init(JnRowType *t, Oid elemtype, int natts, const JnAttKind *kinds)
{
	int16		typlen;
	bool		typbyval;
	JnField		f[JN_ROW_MAXATTS];
	char		long_text[300];
	HeapTuple	tmpl;

	Assert(natts <= JN_ROW_MAXATTS);
	t->elemtype = elemtype;
	t->tupdesc = BlessTupleDesc(lookup_rowtype_tupdesc_copy(elemtype, -1));
	t->natts = natts;
	if (t->tupdesc->natts != natts)
		elog(ERROR, "type %s must have %d attributes, has %d",
			 format_type_be(elemtype), natts, t->tupdesc->natts);
	for (int a = 0; a < natts; a++)
	{
		Form_pg_attribute att = TupleDescAttr(t->tupdesc, a);
		bool		ok;

		t->kind[a] = kinds[a];
		if (kinds[a] == JN_ATT_INT4)
			ok = (att->atttypid == INT4OID || att->atttypid == DATEOID) &&
				att->attlen == 4 && att->attbyval && att->attalign == TYPALIGN_INT;
		else
			ok = att->atttypid == TEXTOID && att->attlen == -1 &&
				att->attalign == TYPALIGN_INT && att->attstorage != TYPSTORAGE_PLAIN;
		if (!ok || att->attisdropped)
			elog(ERROR, "attribute %d of type %s is not of the expected type",
				 a + 1, format_type_be(elemtype));
	}
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &t->typalign);

	/* the header of a datum of this type, as the server forms it */
	for (int a = 0; a < natts; a++)
	{
		f[a].isnull = false;
		f[a].i = 0;
		f[a].ptr = "";
		f[a].len = 0;
	}
	tmpl = row_form(t, f);
	memcpy(t->header, tmpl->t_data, SizeofHeapTupleHeader);
	heap_freetuple(tmpl);

	/* samples: no NULL / short text; every other field NULL / long text */
	memset(long_text, 'x', sizeof(long_text));
	t->fast = true;
	for (int s = 0; s < 4 && t->fast; s++)
	{
		for (int a = 0; a < natts; a++)
		{
			f[a].isnull = (s == 1 && a % 2 == 0) || (s == 2 && a % 2 == 1);
			f[a].i = 0x01020304 + a;
			f[a].ptr = s >= 2 ? long_text : "ab";
			f[a].len = s >= 2 ? (int32) sizeof(long_text) - a : 2 + a;
		}
		t->fast = row_matches(t, f);
	}
	if (!t->fast)
		elog(DEBUG1, "jeugdnorm: composite type %s is formed by heap_form_tuple",
			 format_type_be(elemtype));
}

static void
too_big(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("array size exceeds the maximum allowed (%d)",
					(int) MaxAllocSize)));
}

ArrayType *
jn_row_array(const JnRowType *t, const JnField *fields, size_t n)
{
	Size		nbytes = 0;
	Size		total;
	ArrayType  *result;
	char	   *ptr;
	HeapTuple  *tuples = NULL;

	if (n > MaxArraySize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("array size exceeds the maximum allowed (%d)",
						(int) MaxArraySize)));
	if (!t->fast)
		tuples = palloc_extended(Max(n, 1) * sizeof(HeapTuple), MCXT_ALLOC_HUGE);
	for (size_t i = 0; i < n; i++)
	{
		Size		len;

		if (t->fast)
		{
			bool		hasnull;

			len = row_len(t, fields + i * t->natts, &hasnull);
		}
		else
		{
			tuples[i] = row_form(t, fields + i * t->natts);
			len = tuples[i]->t_len;
		}
		nbytes = att_align_nominal(nbytes + len, t->typalign);
		if (!AllocSizeIsValid(ARR_OVERHEAD_NONULLS(1) + nbytes))
			too_big();
	}
	total = ARR_OVERHEAD_NONULLS(1) + nbytes;
	result = (ArrayType *) palloc0(total);
	SET_VARSIZE(result, total);
	result->ndim = 1;
	result->dataoffset = 0;
	result->elemtype = t->elemtype;
	ARR_DIMS(result)[0] = (int) n;
	ARR_LBOUND(result)[0] = 1;
	ptr = ARR_DATA_PTR(result);
	for (size_t i = 0; i < n; i++)
	{
		Size		len;

		if (t->fast)
		{
			const JnField *f = fields + i * t->natts;
			bool		hasnull;

			len = row_len(t, f, &hasnull);
			row_write(t, f, ptr, len, hasnull);
		}
		else
		{
			len = tuples[i]->t_len;
			memcpy(ptr, tuples[i]->t_data, len);
			heap_freetuple(tuples[i]);
		}
		ptr = (char *) att_align_nominal(ptr + len, t->typalign);
	}
	if (tuples != NULL)
		pfree(tuples);
	return result;
}
