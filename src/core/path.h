/*
 * core/path.h
 *		Care-path building (core/path.c): the contract order, a stable merge
 *		sort, and the merge of sorted allocations into paths with collapsed
 *		labels.  The SQL face is src/pg/care_path.c.
 */
#ifndef JN_CORE_PATH_H
#define JN_CORE_PATH_H

#include "core/core.h"

/* Separator between the labels of a path, and its length. */
#define JN_PATH_SEP		" > "
#define JN_PATH_SEP_LEN	3

typedef struct jn_path_row
{
	int32_t		start;
	int32_t		end;			/* JN_DATE_OPEN when open */
	int64_t		label_off;		/* into the label buffer */
	int32_t		label_len;		/* -1 = NULL label */
} jn_path_row;

typedef struct jn_path
{
	int32_t		start;
	int32_t		end;			/* JN_DATE_OPEN when open */
	int64_t		allocations;
	int64_t		label_off;		/* into the output label buffer */
	int64_t		label_len;		/* -1 = NULL label */
} jn_path;

/* Contract order: start, end (open last), label NULLS LAST, bytewise. */
extern int	jn_path_row_cmp(const jn_path_row *a, const jn_path_row *b,
							const char *labels);
extern bool jn_path_rows_sorted(const jn_path_row *rows, size_t n,
								const char *labels);
/* Stable merge sort; tmp must hold n rows. */
extern void jn_path_sort(jn_path_row *rows, size_t n, const char *labels,
						 jn_path_row *tmp);
/* Bytes the merged labels may need at most. */
extern size_t jn_path_label_capacity(const jn_path_row *rows, size_t n);

/*
 * Merge sorted rows into paths.  paths must hold n entries, out_labels
 * jn_path_label_capacity() bytes.  Returns the number of paths.
 */
extern size_t jn_path_merge(const jn_path_row *rows, size_t n,
							const char *labels, int32_t max_gap,
							jn_path *paths, char *out_labels);

#endif							/* JN_CORE_PATH_H */
