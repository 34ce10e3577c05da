/*
 * pg/dq_lines.c
 *		SQL face of the per-line data-quality signals (core/dq_lines.c),
 *		read by jeugdnorm_internal.mv_data_quality_rows (68_data_quality.sql):
 *
 *		dq_lines_agg(declaratie_id, client_id, aanbieder, productcategorie,
 *					 productcode, begindatum, einddatum, volume, eenheid,
 *					 bedrag) -> bytea
 *			aggregate: the claim lines of a group (one allocation key), packed
 *			as they are (an internal format, read only by dq_key_lines);
 *
 *		dq_key_lines(lines, kept, ingangsdatum, einddatum, unit, budget,
 *					 contract_codes, contract_from, contract_to,
 *					 drop_net_zero, peildatum)
 *			-> (claim_lines, amount, claimed_60, flagged)
 *			the facts of the key's lines against its allocation: the number
 *			and money of the counted lines, the claimed volume x 60 in the
 *			family, and the lines that raise a line signal (outside the
 *			period, other unit family, net-zero group, copy, after the
 *			peildatum, NGA) as jeugdnorm_internal.data_quality_line[].
 *
 * Why two steps: the lines are grouped without any join (one hash
 * aggregate over the claim lines, one C call per line), and the allocation,
 * the settings and the contracts are joined per key (one row per
 * allocation), not per line.  Every per-line rule of the old SQL pass is
 * here, with the same three-valued outcomes (see 68_data_quality.sql).
 *
 * Numbers are the server's: sums by numeric_add (the same value and display
 * scale as sum()), equality and sign by numeric_cmp.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/typcache.h"

#include "core/codes.h"
#include "core/dq_lines.h"

PG_FUNCTION_INFO_V1(jn_dq_lines_trans);
PG_FUNCTION_INFO_V1(jn_dq_lines_final);
PG_FUNCTION_INFO_V1(jn_dq_lines_combine);
PG_FUNCTION_INFO_V1(jn_dq_lines_serialize);
PG_FUNCTION_INFO_V1(jn_dq_lines_deserialize);
PG_FUNCTION_INFO_V1(jn_dq_key_lines);

/*
 * The packed format (a bytea; native byte order, never stored on disk:
 * mv_data_quality_rows does not keep it).  After the varlena header:
 *		uint32 magic, uint32 number of lines, then per line
 *		int64 declaratie_id, int32 begindatum, int32 einddatum, and seven
 *		fields (client_id, aanbieder, productcategorie, productcode, eenheid,
 *		volume, bedrag), each a uint32 length (JN_DQ_NULL for NULL) and its
 *		bytes: a text's data bytes; a number as a whole numeric varlena (4-byte
 *		header), started on a 4-byte boundary of the payload; the line then
 *		padded with zero bytes to a 4-byte boundary of the payload, so that
 *		the lines of two states concatenate as they are (the combine
 *		function: parallel aggregation).
 *
 * The order of the lines in the packed value is of no consequence:
 * dq_key_lines sorts them by every column and declaratie_id (the primary
 * key of jeugdnorm.declaratie, so a total order of the lines), and its sums
 * are exact (numeric_add: the same value and display scale in any order).
 * So a parallel plan (partial states combined in any order) returns the
 * same rows as a serial one.
 */
#define JN_DQ_MAGIC		0x4a4e4451	/* "JNDQ" */
#define JN_DQ_NULL		0xFFFFFFFFu
#define JN_DQ_NFIELDS	7
#define JN_DQ_NTEXT		5

typedef struct DqLinesState
{
	char	   *buf;			/* from VARHDRSZ + 8 on: the lines */
	uint32		len;
	uint32		cap;
	uint32		n;
} DqLinesState;

static void
state_reserve(DqLinesState *st, uint32 more)
{
	if ((uint64) st->len + more + 4 > (uint64) MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("dq_lines_agg: the claim lines of one allocation key exceed 1 GB")));
	if (st->len + more + 4 > st->cap)
	{
		uint32		cap = st->cap;

		while (st->len + more + 4 > cap)
			cap = cap < MaxAllocSize / 2 ? cap * 2 : MaxAllocSize;
		st->buf = repalloc(st->buf, cap);
		st->cap = cap;
	}
}

static void
put_u32(DqLinesState *st, uint32 v)
{
	memcpy(st->buf + st->len, &v, sizeof(v));
	st->len += sizeof(v);
}

static void
put_text(DqLinesState *st, FunctionCallInfo fcinfo, int argno)
{
	text	   *t;
	uint32		n;

	if (PG_ARGISNULL(argno))
	{
		state_reserve(st, 4);
		put_u32(st, JN_DQ_NULL);
		return;
	}
	t = PG_GETARG_TEXT_PP(argno);
	n = VARSIZE_ANY_EXHDR(t);
	state_reserve(st, 4 + n);
	put_u32(st, n);
	memcpy(st->buf + st->len, VARDATA_ANY(t), n);
	st->len += n;
}

/* A numeric as a whole 4-byte-header varlena, 4-aligned in the payload. */
static void
put_numeric(DqLinesState *st, FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v;
	uint32		n;

	if (PG_ARGISNULL(argno))
	{
		state_reserve(st, 4);
		put_u32(st, JN_DQ_NULL);
		return;
	}
	v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(argno));
	n = VARSIZE_ANY_EXHDR(v);
	state_reserve(st, 4 + 3 + VARHDRSZ + n);
	put_u32(st, VARHDRSZ + n);
	while ((st->len - VARHDRSZ) % 4 != 0)
		st->buf[st->len++] = 0;
	SET_VARSIZE(st->buf + st->len, VARHDRSZ + n);
	memcpy(st->buf + st->len + VARHDRSZ, VARDATA_ANY(v), n);
	st->len += VARHDRSZ + n;
}

Datum
jn_dq_lines_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	MemoryContext old;
	DqLinesState *st;
	int64		id;
	int32		b,
				e;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "dq_lines_agg transition called in a non-aggregate context");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(6) || PG_ARGISNULL(7))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("dq_lines_agg: declaratie_id, begindatum and einddatum must not be NULL")));
	if (PG_ARGISNULL(0))
	{
		old = MemoryContextSwitchTo(aggcontext);
		st = palloc(sizeof(DqLinesState));
		st->cap = 256;
		st->buf = palloc(st->cap);
		st->len = VARHDRSZ + 8;
		st->n = 0;
		MemoryContextSwitchTo(old);
	}
	else
		st = (DqLinesState *) PG_GETARG_POINTER(0);

	id = PG_GETARG_INT64(1);
	b = PG_GETARG_DATEADT(6);
	e = PG_GETARG_DATEADT(7);
	state_reserve(st, 16);
	memcpy(st->buf + st->len, &id, 8);
	memcpy(st->buf + st->len + 8, &b, 4);
	memcpy(st->buf + st->len + 12, &e, 4);
	st->len += 16;
	put_text(st, fcinfo, 2);	/* client_id */
	put_text(st, fcinfo, 3);	/* aanbieder */
	put_text(st, fcinfo, 4);	/* productcategorie */
	put_text(st, fcinfo, 5);	/* productcode */
	put_text(st, fcinfo, 9);	/* eenheid */
	put_numeric(st, fcinfo, 8); /* volume */
	put_numeric(st, fcinfo, 10);	/* bedrag */
	state_reserve(st, 3);
	while ((st->len - VARHDRSZ) % 4 != 0)
		st->buf[st->len++] = 0;
	if (st->n == PG_UINT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("dq_lines_agg: too many claim lines in one group")));
	st->n++;
	PG_RETURN_POINTER(st);
}

static void
bad_lines(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("the packed claim lines are not a value of dq_lines_agg")));
}

/* Reads one field at *pos of payload p (len bytes); returns its length. */
static uint32
get_field(const char *p, uint32 len, uint32 *pos, bool numeric, const char **data)
{
	uint32		n;

	if (len - *pos < 4)
		bad_lines();
	memcpy(&n, p + *pos, 4);
	*pos += 4;
	if (n == JN_DQ_NULL)
	{
		*data = NULL;
		return 0;
	}
	if (numeric)
	{
		while (*pos % 4 != 0)
			(*pos)++;
		if (*pos > len || n < VARHDRSZ + sizeof(uint16) || len - *pos < n
			|| !VARATT_IS_4B_U(p + *pos) || VARSIZE(p + *pos) != n)
			bad_lines();
	}
	else if (len - *pos < n)
		bad_lines();
	*data = p + *pos;
	*pos += n;
	return n;
}

/* The packed lines as one bytea (magic and count filled in). */
static bytea *
state_pack(const DqLinesState *st)
{
	bytea	   *result;
	uint32		magic = JN_DQ_MAGIC;

	result = palloc(st->len);
	memcpy(result, st->buf, st->len);
	SET_VARSIZE(result, st->len);
	memcpy(VARDATA(result), &magic, 4);
	memcpy(VARDATA(result) + 4, &st->n, 4);
	return result;
}

/*
 * Checks that payload p (len bytes, 4-aligned) holds magic, n and n whole
 * lines, nothing more; returns n.  bad_lines() when not.
 */
static uint32
check_lines(const char *p, uint32 len)
{
	uint32		magic,
				n,
				pos = 8;

	if (len < 8)
		bad_lines();
	memcpy(&magic, p, 4);
	memcpy(&n, p + 4, 4);
	if (magic != JN_DQ_MAGIC || n > len / 44)
		bad_lines();
	for (uint32 i = 0; i < n; i++)
	{
		const char *d;

		if (len - pos < 16)
			bad_lines();
		pos += 16;
		for (int f = 0; f < JN_DQ_NFIELDS; f++)
			(void) get_field(p, len, &pos, f >= JN_DQ_NTEXT, &d);
		while (pos % 4 != 0)
		{
			if (pos >= len || p[pos] != 0)
				bad_lines();
			pos++;
		}
	}
	if (pos != len)
		bad_lines();
	return n;
}

Datum
jn_dq_lines_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P(state_pack((DqLinesState *) PG_GETARG_POINTER(0)));
}

/*
 * combine(internal, internal) -> internal: the lines of the second state
 * appended to the first (in the aggregate's context).  Every line ends on
 * a 4-byte boundary of the payload, so the bytes concatenate as they are.
 */
Datum
jn_dq_lines_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	DqLinesState *s1;
	DqLinesState *s2;
	uint32		more;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "dq_lines_agg combine function called in a non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	s2 = (DqLinesState *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		/* a copy in the aggregate's context (s2 may live in a shorter one) */
		MemoryContext old = MemoryContextSwitchTo(aggcontext);

		s1 = palloc(sizeof(DqLinesState));
		s1->cap = Max(s2->len, 256);
		s1->buf = palloc(s1->cap);
		memcpy(s1->buf, s2->buf, s2->len);
		s1->len = s2->len;
		s1->n = s2->n;
		MemoryContextSwitchTo(old);
		PG_RETURN_POINTER(s1);
	}
	s1 = (DqLinesState *) PG_GETARG_POINTER(0);
	Assert((s1->len - VARHDRSZ) % 4 == 0 && (s2->len - VARHDRSZ) % 4 == 0);
	if ((uint64) s1->n + s2->n > PG_UINT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("dq_lines_agg: too many claim lines in one group")));
	more = s2->len - (VARHDRSZ + 8);
	state_reserve(s1, more);
	memcpy(s1->buf + s1->len, s2->buf + VARHDRSZ + 8, more);
	s1->len += more;
	s1->n += s2->n;
	PG_RETURN_POINTER(s1);
}

/* serialize(internal) -> bytea: the packed lines (as the final function). */
Datum
jn_dq_lines_serialize(PG_FUNCTION_ARGS)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "dq_lines_agg serialise function called in a non-aggregate context");
	PG_RETURN_BYTEA_P(state_pack((DqLinesState *) PG_GETARG_POINTER(0)));
}

/*
 * deserialize(bytea, internal) -> internal: a state holding the packed
 * lines, checked line by line (malformed input is an error).
 */
Datum
jn_dq_lines_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b;
	DqLinesState *st;
	uint32		len;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "dq_lines_agg deserialise function called in a non-aggregate context");
	b = PG_GETARG_BYTEA_PP(0);
	len = VARSIZE_ANY_EXHDR(b);
	st = palloc(sizeof(DqLinesState));
	st->cap = Max(VARHDRSZ + len, 256);
	st->buf = palloc(st->cap);	/* 4-aligned: palloc's alignment */
	memcpy(st->buf + VARHDRSZ, VARDATA_ANY(b), len);
	st->len = VARHDRSZ + len;
	st->n = check_lines(st->buf + VARHDRSZ, len);
	PG_RETURN_POINTER(st);
}

/* ---- dq_key_lines -------------------------------------------------------- */

typedef struct DqKeyCache
{
	MemoryContext work;			/* reset per call */
	TupleDesc	result_desc;	/* (claim_lines, amount, claimed_60, flagged) */
	TupleDesc	line_desc;		/* jeugdnorm_internal.data_quality_line */
	Oid			line_type;
	int16		line_typlen;
	bool		line_typbyval;
	char		line_typalign;
	Datum		zero;			/* numeric 0 */
	Datum		sixty;			/* numeric 60 */
	Datum		factor_num[16]; /* per eenheid code (core/codes.c) */
	Datum		factor_den[16];
} DqKeyCache;

static int
dq_num_cmp(const void *a, const void *b, void *arg)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, PointerGetDatum(a),
											 PointerGetDatum(b)));
}

static void
set_text(jn_dq_text *t, const char *data, uint32 n)
{
	t->p = data;
	t->len = n;
	t->null = data == NULL;
}

static Datum
text_datum(const jn_dq_text *t)
{
	return PointerGetDatum(cstring_to_text_with_len(t->p, t->len));
}

Datum
jn_dq_key_lines(PG_FUNCTION_ARGS)
{
	DqKeyCache *c = (DqKeyCache *) fcinfo->flinfo->fn_extra;
	Datum		values[4];
	bool		nulls[4] = {false, true, true, true};
	HeapTuple	tuple;

	if (c == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	desc;
		Oid			arr;

		c = palloc0(sizeof(DqKeyCache));
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "dq_key_lines: return type must be a row type");
		c->result_desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		arr = TupleDescAttr(c->result_desc, 3)->atttypid;
		c->line_type = get_element_type(arr);
		if (c->line_type == InvalidOid)
			elog(ERROR, "dq_key_lines: flagged must be an array of a row type");
		c->line_desc = BlessTupleDesc(lookup_rowtype_tupdesc_copy(c->line_type, -1));
		if (c->line_desc->natts != 12)
			elog(ERROR, "dq_key_lines: jeugdnorm_internal.data_quality_line must have 12 columns");
		get_typlenbyvalalign(c->line_type, &c->line_typlen, &c->line_typbyval, &c->line_typalign);
		c->zero = NumericGetDatum(int64_to_numeric(0));
		c->sixty = NumericGetDatum(int64_to_numeric(60));
		if (jn_n_eenheden > 16)
			elog(ERROR, "dq_key_lines: more than 16 eenheid codes");
		for (size_t i = 0; i < jn_n_eenheden; i++)
		{
			c->factor_num[i] = NumericGetDatum(int64_to_numeric(jn_eenheden[i].factor_num));
			c->factor_den[i] = NumericGetDatum(int64_to_numeric(jn_eenheden[i].factor_den));
		}
		c->work = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "dq_key_lines",
										ALLOCSET_DEFAULT_SIZES);
		fcinfo->flinfo->fn_extra = c;
		MemoryContextSwitchTo(old);
	}
	values[0] = Int64GetDatum(0);

	if (!PG_ARGISNULL(0))
	{
		bytea	   *blob;
		const char *p;
		uint32		len;
		uint32		pos = 8;
		uint32		n,
					magic;
		jn_dq_line *lines;
		jn_dq_flags *flags;
		uint32	   *order,
				   *scratch;
		jn_dq_alloc a;
		bool		drop_net_zero = !PG_ARGISNULL(9) && PG_GETARG_BOOL(9);
		int64		claim_lines = 0;
		Datum		amount = (Datum) 0;
		bool		amount_null = true;
		Datum		claimed = (Datum) 0;
		bool		claimed_null = true;
		Datum		family_sum[16];
		bool		family_null[16];
		Datum	   *flagged;
		int			nflagged = 0;
		MemoryContext old;

		MemoryContextReset(c->work);
		old = MemoryContextSwitchTo(c->work);
		blob = PG_GETARG_BYTEA_P(0);
		p = VARDATA(blob);
		len = VARSIZE(blob) - VARHDRSZ;

		if (len < 8)
			bad_lines();
		if (((uintptr_t) p) % 4 != 0)
		{
			char	   *copy = palloc(len);

			memcpy(copy, p, len);
			p = copy;
		}
		memcpy(&magic, p, 4);
		memcpy(&n, p + 4, 4);
		if (magic != JN_DQ_MAGIC || n > len / 44)
			bad_lines();

		lines = palloc(sizeof(jn_dq_line) * (n + 1));
		flags = palloc(sizeof(jn_dq_flags) * (n + 1));
		order = palloc(sizeof(uint32) * (n + 1));
		scratch = palloc(sizeof(uint32) * (n + 1));
		for (uint32 i = 0; i < n; i++)
		{
			jn_dq_line *l = &lines[i];
			const char *d;
			uint32		fl;

			if (len - pos < 16)
				bad_lines();
			memcpy(&l->id, p + pos, 8);
			memcpy(&l->begin, p + pos + 8, 4);
			memcpy(&l->end, p + pos + 12, 4);
			pos += 16;
			fl = get_field(p, len, &pos, false, &d);
			set_text(&l->client_id, d, fl);
			fl = get_field(p, len, &pos, false, &d);
			set_text(&l->aanbieder, d, fl);
			fl = get_field(p, len, &pos, false, &d);
			set_text(&l->productcategorie, d, fl);
			fl = get_field(p, len, &pos, false, &d);
			set_text(&l->productcode, d, fl);
			fl = get_field(p, len, &pos, false, &d);
			set_text(&l->eenheid, d, fl);
			(void) get_field(p, len, &pos, true, &d);
			l->volume = d;
			(void) get_field(p, len, &pos, true, &d);
			l->bedrag = d;
			while (pos % 4 != 0)
			{
				if (pos >= len || p[pos] != 0)
					bad_lines();
				pos++;
			}
			order[i] = i;
		}
		if (pos != len)
			bad_lines();

		/* the allocation */
		a.kept = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
		a.start_null = PG_ARGISNULL(2);
		a.start = a.start_null ? 0 : PG_GETARG_DATEADT(2);
		a.end_open = PG_ARGISNULL(3);
		a.end = a.end_open ? 0 : PG_GETARG_DATEADT(3);
		if (PG_ARGISNULL(4))
			set_text(&a.unit, NULL, 0);
		else
		{
			text	   *u = PG_GETARG_TEXT_PP(4);

			set_text(&a.unit, VARDATA_ANY(u), VARSIZE_ANY_EXHDR(u));
		}
		a.budget = !PG_ARGISNULL(5) && PG_GETARG_BOOL(5);
		a.peildatum_null = PG_ARGISNULL(10);
		a.peildatum = a.peildatum_null ? 0 : PG_GETARG_DATEADT(10);
		a.contracts = NULL;
		a.n_contracts = 0;
		if (!PG_ARGISNULL(6) && !PG_ARGISNULL(7) && !PG_ARGISNULL(8))
		{
			Datum	   *cd,
					   *fd,
					   *td;
			bool	   *cn,
					   *fn,
					   *tn;
			int			nc,
						nf,
						nt;
			jn_dq_contract *k;

			deconstruct_array(PG_GETARG_ARRAYTYPE_P(6), TEXTOID, -1, false, TYPALIGN_INT, &cd, &cn, &nc);
			deconstruct_array(PG_GETARG_ARRAYTYPE_P(7), DATEOID, 4, true, TYPALIGN_INT, &fd, &fn, &nf);
			deconstruct_array(PG_GETARG_ARRAYTYPE_P(8), DATEOID, 4, true, TYPALIGN_INT, &td, &tn, &nt);
			if (nc != nf || nc != nt)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("dq_key_lines: contract_codes, contract_from and contract_to differ in length")));
			k = palloc(sizeof(jn_dq_contract) * (nc + 1));
			for (int i = 0; i < nc; i++)
			{
				text	   *t;

				/* a NULL code or geldig_van matches no claim line */
				if (cn[i] || fn[i])
					continue;
				t = DatumGetTextPP(cd[i]);
				set_text(&k[a.n_contracts].productcode, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
				k[a.n_contracts].from = DatumGetDateADT(fd[i]);
				k[a.n_contracts].to = tn[i] ? JN_DATE_POS_INF : DatumGetDateADT(td[i]);
				a.n_contracts++;
			}
			a.contracts = k;
		}

		for (int i = 0; i < 16; i++)
			family_null[i] = true;
		Assert(jn_n_eenheden <= 16);

		jn_dq_sort(lines, order, scratch, n, dq_num_cmp, NULL);
		flagged = palloc(sizeof(Datum) * (n + 1));

		/* per [R12] group (a run of equal dates in the sorted order) */
		for (uint32 g = 0; g < n;)
		{
			uint32		h = g;
			bool		credit = false;
			bool		net_zero = false;
			uint32		first = g;	/* first line equal to the current one */

			while (h < n && lines[order[h]].begin == lines[order[g]].begin
				   && lines[order[h]].end == lines[order[g]].end)
			{
				const jn_dq_line *l = &lines[order[h]];

				if (l->bedrag != NULL && !credit
					&& dq_num_cmp(l->bedrag, DatumGetPointer(c->zero), NULL) <= 0)
					credit = true;
				h++;
			}
			if (credit)
			{
				Datum		net = (Datum) 0;
				bool		net_null = true;

				for (uint32 i = g; i < h; i++)
				{
					const jn_dq_line *l = &lines[order[i]];

					if (l->bedrag == NULL)
						continue;
					net = net_null ? PointerGetDatum(l->bedrag)
						: DirectFunctionCall2(numeric_add, net, PointerGetDatum(l->bedrag));
					net_null = false;
				}
				net_zero = !net_null && dq_num_cmp(DatumGetPointer(net), DatumGetPointer(c->zero), NULL) == 0;
			}

			for (uint32 i = g; i < h; i++)
			{
				const jn_dq_line *l = &lines[order[i]];
				jn_dq_flags *f = &flags[order[i]];
				bool		dropped = drop_net_zero && net_zero;
				bool		kept = a.kept && !dropped;
				bool		counted = !a.kept || !dropped;
				bool		nz = a.kept && net_zero;
				bool		copy = false;

				if (i > g && jn_dq_same_line(&lines[order[first]], l, dq_num_cmp, NULL))
					copy = true;
				else
					first = i;

				jn_dq_line_flags(&a, l, f);
				if (counted)
				{
					claim_lines++;
					if (l->bedrag != NULL)
					{
						amount = amount_null ? PointerGetDatum(l->bedrag)
							: DirectFunctionCall2(numeric_add, amount, PointerGetDatum(l->bedrag));
						amount_null = false;
					}
				}
				if (kept && f->in_family && l->volume != NULL && f->unit != NULL)
				{
					const jn_eenheid *e = jn_lookup_eenheid(l->eenheid.p, l->eenheid.len);
					int			ei = (int) (e - jn_eenheden);

					if (e->factor_den != 1)
					{
						/* canonical_volume(volume * 60, eenheid), exactly */
						Datum		t = DirectFunctionCall2(numeric_mul, PointerGetDatum(l->volume), c->sixty);

						if (e->factor_num != 1)
							t = DirectFunctionCall2(numeric_mul, t, c->factor_num[ei]);
						t = DirectFunctionCall2(numeric_div, t, c->factor_den[ei]);
						t = DirectFunctionCall1(numeric_trim_scale, t);
						claimed = claimed_null ? t : DirectFunctionCall2(numeric_add, claimed, t);
						claimed_null = false;
					}
					else
					{
						/* summed per code; x 60 x factor once at the end */
						family_sum[ei] = family_null[ei] ? PointerGetDatum(l->volume)
							: DirectFunctionCall2(numeric_add, family_sum[ei], PointerGetDatum(l->volume));
						family_null[ei] = false;
					}
				}

				if (nz || copy || f->after_peildatum
					|| (kept && (f->outside_period || !f->same_family || f->nga)))
				{
					Datum		v[12];
					bool		vn[12] = {false};
					HeapTuple	t;

					v[0] = Int64GetDatum(l->id);
					v[1] = DateADTGetDatum(l->begin);
					v[2] = DateADTGetDatum(l->end);
					if (l->productcode.null)
						vn[3] = true;
					else
						v[3] = text_datum(&l->productcode);
					if (l->bedrag == NULL)
						vn[4] = true;
					else
						v[4] = PointerGetDatum(l->bedrag);
					if (f->unit == NULL)
						vn[5] = true;
					else
						v[5] = CStringGetTextDatum(f->unit);
					if (nz)
						v[6] = Int64GetDatum((int64) (h - g));
					else
						vn[6] = true;
					v[7] = BoolGetDatum(kept && f->outside_period);
					v[8] = BoolGetDatum(kept && !f->same_family);
					v[9] = BoolGetDatum(f->after_peildatum);
					v[10] = BoolGetDatum(kept && f->nga);
					if (copy)
						v[11] = Int64GetDatum(lines[order[first]].id);
					else
						vn[11] = true;
					t = heap_form_tuple(c->line_desc, v, vn);
					flagged[nflagged++] = HeapTupleGetDatum(t);
				}
			}
			g = h;
		}

		/* claimed x 60: the codes summed per code */
		for (size_t ei = 0; ei < jn_n_eenheden; ei++)
		{
			Datum		t;

			if (family_null[ei])
				continue;
			t = DirectFunctionCall2(numeric_mul, family_sum[ei], c->sixty);
			if (jn_eenheden[ei].factor_num != 1)
				t = DirectFunctionCall2(numeric_mul, t, c->factor_num[ei]);
			claimed = claimed_null ? t : DirectFunctionCall2(numeric_add, claimed, t);
			claimed_null = false;
		}

		MemoryContextSwitchTo(old);
		values[0] = Int64GetDatum(claim_lines);
		if (!amount_null)
		{
			values[1] = datumCopy(amount, false, -1);
			nulls[1] = false;
		}
		if (!claimed_null)
		{
			values[2] = datumCopy(claimed, false, -1);
			nulls[2] = false;
		}
		if (nflagged > 0)
		{
			values[3] = PointerGetDatum(construct_array(flagged, nflagged, c->line_type,
														c->line_typlen, c->line_typbyval,
														c->line_typalign));
			nulls[3] = false;
		}
	}

	tuple = heap_form_tuple(c->result_desc, values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(tuple));
}
