/*
 * core/dq_lines.h
 *		The per-line data-quality signals of one allocation key (DEFINITIONS
 *		[S5]; core/dq_lines.c): the claim lines of one (gemeente,
 *		toewijzingnummer) sorted so that equal lines lie together, their
 *		[R12] groups (gemeente, toewijzingnummer, begindatum, einddatum), the
 *		copies among them (claims_duplicate), and the flags of each line
 *		against its allocation: outside the allocation period, another unit
 *		family, in the family (claimed volume), a day after the peildatum,
 *		NGA ([R11]).  The SQL face is src/pg/dq_lines.c (the aggregate
 *		dq_lines_agg and the function dq_key_lines, read by
 *		jeugdnorm_internal.mv_data_quality_rows).
 *
 * Numbers (volume, bedrag) stay the face's: the core sees them as opaque
 * pointers (NULL = SQL NULL) and compares them only through the callback
 * it is given, so "equal" is the server's numeric equality (1.0 = 1.00).
 */
#ifndef JN_CORE_DQ_LINES_H
#define JN_CORE_DQ_LINES_H

#include "core/core.h"

/* A text column: bytes (not NUL-terminated) and length; null = SQL NULL. */
typedef struct jn_dq_text
{
	const char *p;
	uint32_t	len;
	bool		null;
} jn_dq_text;

/* One claim line as stored (the columns that make two lines equal). */
typedef struct jn_dq_line
{
	int64_t		id;				/* declaratie_id */
	int32_t		begin;			/* begindatum (finite) */
	int32_t		end;			/* einddatum (finite) */
	jn_dq_text	client_id;
	jn_dq_text	aanbieder;
	jn_dq_text	productcategorie;
	jn_dq_text	productcode;
	jn_dq_text	eenheid;		/* the code as stored */
	const void *volume;			/* opaque number; NULL = SQL NULL */
	const void *bedrag;
} jn_dq_line;

/* Compares two non-NULL numbers: <0, 0, >0 (the face's numeric order). */
typedef int (*jn_dq_num_cmp) (const void *a, const void *b, void *arg);

/*
 * Sort order[0..n) (indexes into lines) by (begindatum, einddatum,
 * client_id, aanbieder, productcategorie, productcode, eenheid, volume,
 * bedrag, declaratie_id), NULL first, texts bytewise.  Lines equal in all
 * their columns are then adjacent, smallest declaratie_id first, and the
 * lines of one [R12] group (equal dates) form one run.  scratch holds n
 * indexes.  Stable merge sort: O(n log n), the number callback only on
 * ties of everything before it.
 */
extern void jn_dq_sort(const jn_dq_line *lines, uint32_t *order, uint32_t *scratch,
					   size_t n, jn_dq_num_cmp cmp, void *arg);

/* Two lines equal in every column but declaratie_id ("a copy"). */
extern bool jn_dq_same_line(const jn_dq_line *a, const jn_dq_line *b,
							jn_dq_num_cmp cmp, void *arg);

/* A contract period of (gemeente, the allocation's aanbieder, productcode). */
typedef struct jn_dq_contract
{
	jn_dq_text	productcode;	/* never null (such rows match nothing) */
	int32_t		from;			/* geldig_van */
	int32_t		to;				/* coalesce(geldig_tot, +infinity) */
} jn_dq_contract;

/* The allocation of a key, as the line flags need it. */
typedef struct jn_dq_alloc
{
	bool		kept;			/* a kept allocation (cleaned layer) */
	bool		start_null;
	int32_t		start;			/* ingangsdatum */
	bool		end_open;		/* einddatum NULL: open */
	int32_t		end;
	jn_dq_text	unit;			/* canonical unit of its eenheid */
	bool		budget;			/* budget IS NOT NULL: family 'euro' */
	bool		peildatum_null;
	int32_t		peildatum;
	const jn_dq_contract *contracts;
	size_t		n_contracts;
} jn_dq_alloc;

/* The flags of a line against its allocation (before the net-zero rule). */
typedef struct jn_dq_flags
{
	const char *unit;			/* canonical unit of the line's eenheid; NULL
								 * when NULL or unknown */
	bool		outside_period; /* begin < start or end > einddatum */
	bool		same_family;	/* unit = the allocation's unit (false when
								 * either is unknown) */
	bool		in_family;		/* counted in the claimed volume: budget ?
								 * unit 'euro' : same_family */
	bool		after_peildatum;	/* einddatum > peildatum */
	bool		nga;			/* no contract valid on begindatum */
} jn_dq_flags;

extern void jn_dq_line_flags(const jn_dq_alloc *a, const jn_dq_line *l,
							 jn_dq_flags *f);

#endif							/* JN_CORE_DQ_LINES_H */
