/*
 * pg/composite.h
 *		The result arrays of the per-group aggregates (care_path,
 *		follow_up_agg): one-dimensional arrays of a composite type whose
 *		fields are int4 / date or text, formed in one buffer.
 *
 * heap_form_tuple per element, then a copy of every tuple into the array
 * (construct_array or the like), costs a palloc0, a pass over a generic
 * tuple descriptor and a copy per element; in a query that aggregates
 * 100,000 small groups it was a visible share of the whole.  Here the
 * caller describes each element as fields (an int32, or the bytes of a
 * text), the array is sized exactly and allocated once (zeroed), and each
 * element is written in place: the header copied from a tuple that
 * heap_form_tuple formed once per call site (so the server's stamps on a
 * composite datum, its type and row type version, are its own), then the
 * null bitmap and the fields laid out as heap_fill_tuple lays them out
 * (int4 aligned to 4; text with a 1-byte header when it fits in one, else
 * aligned to 4 with a 4-byte header).
 *
 * At set-up the writer forms sample rows both ways (with and without NULLs,
 * short and long text) and compares the bytes with heap_form_tuple's; if
 * they differ in anything (a server that lays tuples out otherwise), every
 * element of that call site is formed by heap_form_tuple instead, so the
 * result never depends on this file agreeing with the server.
 */
#ifndef JN_PG_COMPOSITE_H
#define JN_PG_COMPOSITE_H

#include "access/htup_details.h"
#include "access/tupdesc.h"
#include "utils/array.h"

#define JN_ROW_MAXATTS	8

typedef enum JnAttKind
{
	JN_ATT_INT4,				/* int4 or date: 4 bytes by value, align 4 */
	JN_ATT_TEXT					/* text: varlena, align 4, packable */
} JnAttKind;

/* One field of an element: an int32 (int4, date) or the bytes of a text. */
typedef struct JnField
{
	bool		isnull;
	int32		i;				/* JN_ATT_INT4 */
	int32		len;			/* JN_ATT_TEXT: byte length */
	const char *ptr;			/* JN_ATT_TEXT: the bytes (no varlena header) */
} JnField;

/* Per call site (fn_extra, in fn_mcxt): the element type and the writer. */
typedef struct JnRowType
{
	Oid			elemtype;
	char		typalign;
	TupleDesc	tupdesc;		/* blessed copy */
	int			natts;
	JnAttKind	kind[JN_ROW_MAXATTS];
	char		header[SizeofHeapTupleHeader];	/* heap_form_tuple's */
	bool		fast;			/* the writer matched heap_form_tuple at set-up */
} JnRowType;

/*
 * Set up (in the current memory context) for composite type elemtype,
 * which must have natts attributes of the given kinds: elog(ERROR)
 * otherwise.
 */
extern void jn_row_type_init(JnRowType *t, Oid elemtype, int natts,
							 const JnAttKind *kinds);

/*
 * The array of n elements, fields[i * natts + a] being attribute a of
 * element i.  ERROR 54000 when it would exceed the array limits.
 */
extern ArrayType *jn_row_array(const JnRowType *t, const JnField *fields, size_t n);

#endif							/* JN_PG_COMPOSITE_H */
