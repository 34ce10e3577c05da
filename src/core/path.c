/*
 * core/path.c
 *		Care-path building (pure C): the contract order, a stable merge sort,
 *		and the merge of sorted allocations into paths with collapsed labels.
 *		The SQL face is src/pg/care_path.c; follow_up_agg (src/pg/follow_up.c)
 *		sorts its groups with the same jn_path_sort.
 *
 * Labels live in one caller-owned byte buffer; rows refer to them by offset
 * and length (-1 = NULL), so a group of 100,000 rows needs two allocations,
 * not 100,000.  Nothing here allocates: the caller hands in every buffer
 * (palloc in the server, malloc in the fuzz harness).
 */
#include <string.h>

#include "core/path.h"

/*
 * Contract order (DEFINITIONS.md 3): ingangsdatum, einddatum NULLS LAST
 * (JN_DATE_OPEN is the largest int32), label NULLS LAST, labels compared
 * bytewise like COLLATE "C" (memcmp, then the shorter first), so the order
 * never depends on the locale.
 */
int
jn_path_row_cmp(const jn_path_row *a, const jn_path_row *b, const char *labels)
{
	size_t		m;
	int			c;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if (a->label_len < 0 || b->label_len < 0)
	{
		if (a->label_len < 0 && b->label_len < 0)
			return 0;
		return a->label_len < 0 ? 1 : -1;
	}
	m = (size_t) (a->label_len < b->label_len ? a->label_len : b->label_len);
	if (m > 0)
	{
		c = memcmp(labels + a->label_off, labels + b->label_off, m);
		if (c != 0)
			return c < 0 ? -1 : 1;
	}
	if (a->label_len != b->label_len)
		return a->label_len < b->label_len ? -1 : 1;
	return 0;
}

bool
jn_path_rows_sorted(const jn_path_row *rows, size_t n, const char *labels)
{
	for (size_t i = 1; i < n; i++)
		if (jn_path_row_cmp(&rows[i - 1], &rows[i], labels) > 0)
			return false;
	return true;
}

/* Insertion sort of rows[lo, hi): the base case of the merge sort. */
static void
insertion_sort(jn_path_row *rows, size_t lo, size_t hi, const char *labels)
{
	for (size_t i = lo + 1; i < hi; i++)
	{
		jn_path_row x = rows[i];
		size_t		j = i;

		while (j > lo && jn_path_row_cmp(&rows[j - 1], &x, labels) > 0)
		{
			rows[j] = rows[j - 1];
			j--;
		}
		rows[j] = x;
	}
}

#define JN_RUN 16

/*
 * Bottom-up stable merge sort: insertion-sorted runs of JN_RUN rows, then
 * merges that alternate between rows and tmp.  O(n log n) worst case, no
 * recursion (a 100,000-row group cannot blow the stack), and already-sorted
 * runs merge in one comparison each.
 */
void
jn_path_sort(jn_path_row *rows, size_t n, const char *labels, jn_path_row *tmp)
{
	jn_path_row *src = rows;
	jn_path_row *dst = tmp;

	if (n < 2)
		return;
	for (size_t lo = 0; lo < n; lo += JN_RUN)
		insertion_sort(rows, lo, lo + JN_RUN < n ? lo + JN_RUN : n, labels);

	for (size_t width = JN_RUN; width < n; width *= 2)
	{
		for (size_t lo = 0; lo < n; lo += 2 * width)
		{
			size_t		mid = lo + width < n ? lo + width : n;
			size_t		hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t		i = lo,
						j = mid,
						k = lo;

			/* already in order: copy the block as it is */
			if (mid == hi || jn_path_row_cmp(&src[mid - 1], &src[mid], labels) <= 0)
			{
				memcpy(&dst[lo], &src[lo], (hi - lo) * sizeof(jn_path_row));
				continue;
			}
			while (i < mid && j < hi)
			{
				/* <= keeps equal rows in input order: stable */
				if (jn_path_row_cmp(&src[i], &src[j], labels) <= 0)
					dst[k++] = src[i++];
				else
					dst[k++] = src[j++];
			}
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		{
			jn_path_row *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != rows)
		memcpy(rows, src, n * sizeof(jn_path_row));
}

size_t
jn_path_label_capacity(const jn_path_row *rows, size_t n)
{
	size_t		cap = 0;

	for (size_t i = 0; i < n; i++)
		if (rows[i].label_len > 0)
			cap += (size_t) rows[i].label_len;
	return cap + JN_PATH_SEP_LEN * n;
}

/*
 * Merge sorted rows into paths.  A row starts a new path when the running
 * maximum end of the current path is not open and the row starts more than
 * max_gap days after it (gap = start - running max end, in int64).  An open
 * row makes the running maximum open, so every later row joins.
 *
 * Label: the non-NULL labels in row order, a label equal to the previous
 * non-NULL label of the path skipped, joined by " > "; NULL (label_len -1)
 * when the path has no non-NULL label.
 */
size_t
jn_path_merge(const jn_path_row *rows, size_t n, const char *labels,
			  int32_t max_gap, jn_path *paths, char *out_labels)
{
	size_t		np = 0;
	size_t		used = 0;
	jn_path    *p = NULL;
	int32_t		run_max = 0;
	const char *last = NULL;
	int32_t		last_len = 0;

	for (size_t i = 0; i < n; i++)
	{
		const jn_path_row *r = &rows[i];

		if (p == NULL ||
			(run_max != JN_DATE_OPEN &&
			 (int64_t) r->start - (int64_t) run_max > (int64_t) max_gap))
		{
			p = &paths[np++];
			p->start = r->start;
			p->allocations = 0;
			p->label_off = (int64_t) used;
			p->label_len = -1;
			run_max = r->end;
			last = NULL;
		}
		else if (r->end > run_max)
			run_max = r->end;
		p->end = run_max;
		p->allocations++;

		if (r->label_len >= 0)
		{
			const char *lab = labels + r->label_off;

			if (last != NULL && last_len == r->label_len &&
				(last_len == 0 || memcmp(last, lab, (size_t) last_len) == 0))
				continue;		/* consecutive equal label: collapsed */
			if (p->label_len < 0)
				p->label_len = 0;
			else
			{
				memcpy(out_labels + used, JN_PATH_SEP, JN_PATH_SEP_LEN);
				used += JN_PATH_SEP_LEN;
				p->label_len += JN_PATH_SEP_LEN;
			}
			if (r->label_len > 0)
				memcpy(out_labels + used, lab, (size_t) r->label_len);
			used += (size_t) r->label_len;
			p->label_len += r->label_len;
			last = lab;
			last_len = r->label_len;
		}
	}
	return np;
}
