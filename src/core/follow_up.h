/*
 * core/follow_up.h
 *		The follow-up classification (core/follow_up.c), DEFINITIONS.md 3
 *		and [R2]: 'eerste' / 'verlenging' / 'recidive' / 'nieuw' and the gap
 *		of each allocation of a (client_id, product) against the running
 *		maximum einddatum of the earlier ones.  One step per row
 *		(jn_follow_step), shared by the follow_up() window function and the
 *		follow_up_agg() aggregate (src/pg/follow_up.c), so both give the same
 *		classes by construction.
 */
#ifndef JN_CORE_FOLLOW_UP_H
#define JN_CORE_FOLLOW_UP_H

#include "core/core.h"
#include "core/path.h"

typedef enum jn_follow_class
{
	JN_FU_EERSTE,
	JN_FU_VERLENGING,
	JN_FU_RECIDIVE,
	JN_FU_NIEUW
} jn_follow_class;

#define JN_FU_NCLASS	4

typedef struct jn_follow_state
{
	bool		has_prev;
	int32_t		prev_start;		/* previous row, for the order check */
	int32_t		prev_end;		/* JN_DATE_OPEN when open */
	int32_t		max_end;		/* running maximum end; JN_DATE_OPEN = open */
} jn_follow_state;

/* The class names, indexed by jn_follow_class. */
extern const char *const jn_follow_names[];

/*
 * Classify the next row (start, end) against the earlier rows in st and
 * fold it in.  *gap_null is true when there is no gap (eerste, or an open
 * earlier allocation).  JN_ERR_UNSORTED when (start, end) sorts before the
 * previous row.
 */
extern jn_status jn_follow_step(jn_follow_state *st, int32_t start,
								int32_t end, int32_t extension_days,
								int32_t recidive_days, jn_follow_class *cls,
								bool *gap_null, int64_t *gap);

/* The class and gap of one row, as follow_up_agg returns them. */
typedef struct jn_follow_result
{
	jn_follow_class cls;
	bool		gap_null;
	int64_t		gap;
} jn_follow_result;

/*
 * A whole group at once (follow_up_agg): rows are care-path rows
 * (core/path.h) whose label is the toewijzingnummer, already in contract
 * order (jn_path_sort: ingangsdatum, einddatum NULLS LAST, toewijzingnummer
 * NULLS LAST bytewise).  out[i] is the class of rows[i].  The bounds are
 * checked once, before any row.
 */
extern jn_status jn_follow_classify(const jn_path_row *rows, size_t n,
									int32_t extension_days,
									int32_t recidive_days,
									jn_follow_result *out);

#endif							/* JN_CORE_FOLLOW_UP_H */
