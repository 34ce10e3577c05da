/*
 * pg/capture.c
 *		jn_capture_keys(): the change-capture trigger of incremental
 *		refresh (97_incremental.sql, doc/incremental-refresh.md).
 *
 * A statement-level AFTER INSERT / UPDATE / DELETE trigger with transition
 * tables (REFERENCING NEW TABLE and/or OLD TABLE).  Its arguments name the
 * key columns to note (text columns of the table, e.g. client_id, or
 * gemeente and toewijzingnummer); jeugdnorm_internal.refresh_pending has
 * a text[] column of each name.  Per statement it writes one row:
 *
 *   (source = the table's name, <key col> = the distinct key tuples of the
 *    old and new rows, as parallel arrays)
 *
 * or, when the statement touched a large part of the table (at least
 * JN_CAPTURE_FULL_MIN rows and more than JN_CAPTURE_FULL_FRACTION of the
 * rows the table holds after it), one row asking for a full recompute
 * (full_recompute = true), without reading the rows at all: refreshing
 * that many clients one by one costs more than recomputing everything,
 * and a full recompute covers every change.  So does a statement with
 * more than JN_CAPTURE_MAX_DISTINCT distinct keys (memory).  A statement
 * that touched no row writes nothing.
 *
 * Why C (measured in bench/RESULTS.md, "Change capture"): the plpgsql
 * trigger it replaces ran INSERT ... SELECT DISTINCT over the transition
 * table, i.e. a HashAggregate through the executor plus one heap insert
 * per distinct key into refresh_pending, and compiled and planned that on
 * the first statement of every session.  Here each transition row costs
 * one hash probe on its key bytes, and the keys are written as one row of
 * arrays; the row count for the full-recompute rule is
 * tuplestore_tuple_count(), no scan.  What stays is PostgreSQL's own cost
 * of filling the transition tables.
 *
 * NULL key values are kept (as NULL array elements): a change of an
 * allocation without client_id must still reach refresh(), which then
 * recomputes fully.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "common/hashfn.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "storage/bufmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(jn_capture_keys);

/* at most this many key columns */
#define JN_CAPTURE_MAX_KEYS 4

/*
 * A statement touching at least JN_CAPTURE_FULL_MIN rows and more than
 * this fraction of the table's rows (estimated after the statement) asks
 * for a full recompute instead of noting its keys.
 */
#define JN_CAPTURE_FULL_MIN 10000
#define JN_CAPTURE_FULL_FRACTION 0.2

/*
 * More distinct keys than this in one statement (their hash table would
 * take some 150 MB) also ask for a full recompute: at national scale that
 * is a fifth of all allocations.
 */
#define JN_CAPTURE_MAX_DISTINCT 2000000

/* a key tuple, serialised: per column a null flag, then length and bytes */
typedef struct CaptureKey
{
	const char *data;
	Size		len;
} CaptureKey;

typedef struct CaptureEntry
{
	CaptureKey	key;			/* first: dynahash compares keysize bytes */
} CaptureEntry;

static uint32
capture_key_hash(const void *key, Size keysize)
{
	const CaptureKey *k = (const CaptureKey *) key;

	return hash_bytes((const unsigned char *) k->data, (int) k->len);
}

static int
capture_key_match(const void *key1, const void *key2, Size keysize)
{
	const CaptureKey *a = (const CaptureKey *) key1;
	const CaptureKey *b = (const CaptureKey *) key2;

	if (a->len != b->len)
		return 1;
	return memcmp(a->data, b->data, a->len);
}

/* the key of a new entry is copied into the table's memory context */
static MemoryContext capture_key_cxt = NULL;

static void *
capture_key_copy(void *dest, const void *src, Size keysize)
{
	CaptureKey *d = (CaptureKey *) dest;
	const CaptureKey *s = (const CaptureKey *) src;
	char	   *copy = MemoryContextAlloc(capture_key_cxt, s->len > 0 ? s->len : 1);

	memcpy(copy, s->data, s->len);
	d->data = copy;
	d->len = s->len;
	return dest;
}

typedef struct CaptureState
{
	int			nkeys;
	AttrNumber	attnums[JN_CAPTURE_MAX_KEYS];
	HTAB	   *seen;
	StringInfoData buf;
	/* the distinct key tuples, column by column */
	Datum	   *values[JN_CAPTURE_MAX_KEYS];
	bool	   *nulls[JN_CAPTURE_MAX_KEYS];
	int			n;
	int			cap;
	bool		overflow;		/* more than JN_CAPTURE_MAX_DISTINCT keys */
} CaptureState;

/* Adds the key tuples of every row of a transition table not seen yet. */
static void
capture_scan(CaptureState *st, Tuplestorestate *ts, TupleDesc tupdesc)
{
	TupleTableSlot *slot;
	int			ptr;
	MemoryContext rowcxt;

	slot = MakeSingleTupleTableSlot(tupdesc, &TTSOpsMinimalTuple);
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "jn_capture_keys row",
								   ALLOCSET_SMALL_SIZES);
	/* a read pointer of our own: other triggers read the same store */
	ptr = tuplestore_alloc_read_pointer(ts, EXEC_FLAG_REWIND);
	tuplestore_select_read_pointer(ts, ptr);
	tuplestore_rescan(ts);
	while (tuplestore_gettupleslot(ts, true, false, slot))
	{
		MemoryContext old;
		Datum		vals[JN_CAPTURE_MAX_KEYS];
		bool		isnull[JN_CAPTURE_MAX_KEYS];
		CaptureKey	key;
		bool		found;
		int			i;

		MemoryContextReset(rowcxt);
		old = MemoryContextSwitchTo(rowcxt);
		resetStringInfo(&st->buf);
		for (i = 0; i < st->nkeys; i++)
		{
			vals[i] = slot_getattr(slot, st->attnums[i], &isnull[i]);
			if (isnull[i])
				appendStringInfoChar(&st->buf, 'N');
			else
			{
				struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(vals[i]));
				uint32		len = VARSIZE_ANY_EXHDR(v);

				vals[i] = PointerGetDatum(v);
				appendStringInfoChar(&st->buf, 'V');
				appendBinaryStringInfo(&st->buf, (char *) &len, sizeof(len));
				appendBinaryStringInfo(&st->buf, VARDATA_ANY(v), len);
			}
		}
		MemoryContextSwitchTo(old);

		key.data = st->buf.data;
		key.len = st->buf.len;
		(void) hash_search(st->seen, &key, HASH_ENTER, &found);
		if (found)
			continue;
		if (st->n >= JN_CAPTURE_MAX_DISTINCT)
		{
			st->overflow = true;
			break;
		}

		if (st->n == st->cap)
		{
			st->cap *= 2;
			for (i = 0; i < st->nkeys; i++)
			{
				st->values[i] = repalloc_huge(st->values[i], sizeof(Datum) * st->cap);
				st->nulls[i] = repalloc_huge(st->nulls[i], sizeof(bool) * st->cap);
			}
		}
		for (i = 0; i < st->nkeys; i++)
		{
			st->nulls[i][st->n] = isnull[i];
			if (isnull[i])
				st->values[i][st->n] = (Datum) 0;
			else
				st->values[i][st->n] =
					PointerGetDatum(cstring_to_text_with_len(VARDATA_ANY(DatumGetPointer(vals[i])),
															 VARSIZE_ANY_EXHDR(DatumGetPointer(vals[i]))));
		}
		st->n++;
	}
	tuplestore_select_read_pointer(ts, 0);
	MemoryContextDelete(rowcxt);
	ExecDropSingleTupleTableSlot(slot);
}

/* The rows the table holds now, estimated as the planner does. */
static double
capture_table_rows(Relation rel)
{
	BlockNumber pages = RelationGetNumberOfBlocks(rel);
	double		density;

	if (rel->rd_rel->relpages > 0 && rel->rd_rel->reltuples >= 0)
		density = rel->rd_rel->reltuples / rel->rd_rel->relpages;
	else
		density = (double) BLCKSZ / 128.0;	/* unknown: a guess, rows of ~100 bytes */
	return density * pages;
}

Datum
jn_capture_keys(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	Relation	rel;
	TupleDesc	tupdesc;
	const char *source;
	int64		nrows = 0;
	CaptureState st;
	MemoryContext cxt;
	MemoryContext old;
	StringInfoData sql;
	Oid			argtypes[JN_CAPTURE_MAX_KEYS + 1];
	Datum		args[JN_CAPTURE_MAX_KEYS + 1];
	char		argnulls[JN_CAPTURE_MAX_KEYS + 1];
	HASHCTL		hctl;
	int			nargs;
	int			i;
	int			ret;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("jn_capture_keys: not called as a trigger")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("jn_capture_keys: must be an AFTER INSERT, UPDATE or DELETE trigger FOR EACH STATEMENT")));
	if (trigdata->tg_oldtable == NULL && trigdata->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("jn_capture_keys: trigger \"%s\" has no transition table",
						trigdata->tg_trigger->tgname),
				 errhint("Create it with REFERENCING NEW TABLE AS ... and/or OLD TABLE AS ....")));

	trigger = trigdata->tg_trigger;
	rel = trigdata->tg_relation;
	tupdesc = RelationGetDescr(rel);
	source = RelationGetRelationName(rel);
	if (trigger->tgnargs < 1 || trigger->tgnargs > JN_CAPTURE_MAX_KEYS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("jn_capture_keys: trigger \"%s\" has %d arguments, expected 1 to %d key column names",
						trigger->tgname, trigger->tgnargs, JN_CAPTURE_MAX_KEYS)));

	memset(&st, 0, sizeof(st));
	st.nkeys = trigger->tgnargs;
	for (i = 0; i < st.nkeys; i++)
	{
		int			attno = SPI_fnumber(tupdesc, trigger->tgargs[i]);

		if (attno <= 0 || TupleDescAttr(tupdesc, attno - 1)->atttypid != TEXTOID)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("jn_capture_keys: \"%s\" is not a text column of %s",
							trigger->tgargs[i], source)));
		st.attnums[i] = (AttrNumber) attno;
	}

	/* rows touched: an UPDATE has as many old rows as new ones */
	if (trigdata->tg_oldtable)
		nrows = tuplestore_tuple_count(trigdata->tg_oldtable);
	if (trigdata->tg_newtable)
		nrows = Max(nrows, tuplestore_tuple_count(trigdata->tg_newtable));
	if (nrows == 0)
		return PointerGetDatum(NULL);

	cxt = AllocSetContextCreate(CurrentMemoryContext, "jn_capture_keys",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	initStringInfo(&sql);

	argtypes[0] = TEXTOID;
	args[0] = CStringGetTextDatum(source);
	argnulls[0] = ' ';
	if (!(nrows >= JN_CAPTURE_FULL_MIN &&
		  (double) nrows > JN_CAPTURE_FULL_FRACTION * capture_table_rows(rel)))
	{
		memset(&hctl, 0, sizeof(hctl));
		hctl.keysize = sizeof(CaptureKey);
		hctl.entrysize = sizeof(CaptureEntry);
		hctl.hash = capture_key_hash;
		hctl.match = capture_key_match;
		hctl.keycopy = capture_key_copy;
		hctl.hcxt = cxt;
		capture_key_cxt = cxt;
		st.seen = hash_create("jn_capture_keys", Min(nrows, 1 << 20), &hctl,
							  HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_KEYCOPY | HASH_CONTEXT);
		initStringInfo(&st.buf);
		st.cap = 64;
		for (i = 0; i < st.nkeys; i++)
		{
			st.values[i] = palloc(sizeof(Datum) * st.cap);
			st.nulls[i] = palloc(sizeof(bool) * st.cap);
		}
		if (trigdata->tg_oldtable)
			capture_scan(&st, trigdata->tg_oldtable, tupdesc);
		if (trigdata->tg_newtable && !st.overflow)
			capture_scan(&st, trigdata->tg_newtable, tupdesc);
		capture_key_cxt = NULL;
	}

	if (st.seen == NULL || st.overflow)
	{
		appendStringInfoString(&sql,
							   "INSERT INTO jeugdnorm_internal.refresh_pending (source, full_recompute) VALUES ($1, true)");
		nargs = 1;
	}
	else
	{
		appendStringInfoString(&sql, "INSERT INTO jeugdnorm_internal.refresh_pending (source");
		for (i = 0; i < st.nkeys; i++)
			appendStringInfo(&sql, ", %s", quote_identifier(trigger->tgargs[i]));
		appendStringInfoString(&sql, ") VALUES ($1");
		for (i = 0; i < st.nkeys; i++)
			appendStringInfo(&sql, ", $%d", i + 2);
		appendStringInfoChar(&sql, ')');
		nargs = st.nkeys + 1;
		for (i = 0; i < st.nkeys; i++)
		{
			int			dims[1];
			int			lbs[1];

			dims[0] = st.n;
			lbs[0] = 1;
			argtypes[i + 1] = TEXTARRAYOID;
			args[i + 1] = PointerGetDatum(construct_md_array(st.values[i], st.nulls[i], 1, dims, lbs,
															 TEXTOID, -1, false, TYPALIGN_INT));
			argnulls[i + 1] = ' ';
		}
	}

	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "jn_capture_keys: SPI_connect failed: %s", SPI_result_code_string(ret));
	ret = SPI_execute_with_args(sql.data, nargs, argtypes, args, argnulls, false, 0);
	if (ret != SPI_OK_INSERT)
		elog(ERROR, "jn_capture_keys: insert into refresh_pending failed: %s", SPI_result_code_string(ret));
	SPI_finish();

	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);
	return PointerGetDatum(NULL);
}
