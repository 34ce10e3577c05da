/*
 * pg/group_state.h
 *		The transition state of the per-group aggregates care_path
 *		(pg/care_path.c) and follow_up_agg (pg/follow_up.c): the rows of one
 *		group as care-path rows (core/path.h: start, end, label) plus two
 *		int parameters that must be the same on every row of the group
 *		(care_path: max_gap; follow_up_agg: extension_days, recidive_days).
 *
 * Both aggregates hash-group their input and sort inside each group, so
 * they share the growth, combine, serialise and deserialise code.  The rows
 * and labels start inside the state chunk: most groups have 1 or 2 rows,
 * and in a hash aggregate every group's state is live at once, so a group
 * costs one 128-byte chunk instead of three (state, rows, labels).  The
 * aggregates' SSPACE in src/sql (144 = the chunk and its allocator header)
 * tells the planner about this size.
 */
#ifndef JN_PG_GROUP_STATE_H
#define JN_PG_GROUP_STATE_H

#include "access/htup.h"
#include "utils/array.h"

#include "pg/pg.h"

#define JN_GS_INLINE_ROWS	2
#define JN_GS_INLINE_LABEL	23

typedef struct JnGroupState
{
	jn_path_row *rows;			/* inline_rows or a separate chunk */
	char	   *labels;			/* inline_labels or a separate chunk */
	int64		nrows;
	int64		rows_cap;
	int64		label_used;
	int64		label_cap;
	int32		param[2];		/* the group's parameters */
	jn_path_row inline_rows[JN_GS_INLINE_ROWS];
	bool		sorted;			/* rows known to be in contract order */
	char		inline_labels[JN_GS_INLINE_LABEL];
} JnGroupState;

/* What an aggregate tells the shared code about itself. */
typedef struct JnGroupKind
{
	const char *name;			/* "care_path": for messages */
	uint32		magic;			/* of its serialised form */
	/* validate a deserialised state's parameters (false: corrupt) */
	bool		(*params_valid) (const int32 *param);
	/* raise the error for rows of one group with different parameters */
	void		(*params_differ) (const int32 *a, const int32 *b);
} JnGroupKind;

extern JnGroupState *group_state_new(MemoryContext cxt, const int32 *param,
								   int64 rows_cap, int64 label_cap);
/* Append one row; label may be NULL.  Keeps the sorted flag up to date. */
extern void group_state_append(JnGroupState *s, int32 start, int32 end,
							   const char *label, int32 label_len);
/* Append one row whose label is argument argno of the aggregate call (text,
 * may be NULL): what care_path and follow_up_agg both do per row. */
extern void group_state_append_arg(JnGroupState *s, FunctionCallInfo fcinfo, int argno,
								   int32 start, int32 end);
/* The state of this row: a new one, or s after the parameter check. */
extern JnGroupState *group_state_for_row(FunctionCallInfo fcinfo,
									   const JnGroupKind *kind,
									   MemoryContext aggcxt,
									   const int32 *param);

/* The support functions' bodies. */
extern Datum group_state_combine(FunctionCallInfo fcinfo, const JnGroupKind *kind);
extern Datum group_state_serialize(FunctionCallInfo fcinfo, const JnGroupKind *kind);
extern Datum group_state_deserialize(FunctionCallInfo fcinfo, const JnGroupKind *kind);

/*
 * The rows in contract order, without changing the state (the final
 * functions are READ_ONLY): s->rows when they arrived sorted, else a sorted
 * palloc'd copy, which the caller frees.
 */
extern jn_path_row *group_state_sorted_rows(const JnGroupState *s);

#endif							/* JN_PG_GROUP_STATE_H */
