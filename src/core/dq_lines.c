/*
 * core/dq_lines.c
 *		The per-line data-quality work of one allocation key (pure C): the
 *		sort that puts equal lines and [R12] groups together, the equality
 *		of two lines, and the flags of a line against its allocation.  See
 *		core/dq_lines.h; the SQL face is src/pg/dq_lines.c.
 */
#include <string.h>

#include "core/codes.h"
#include "core/dq_lines.h"

/* NULL first, then bytewise, a shorter prefix first. */
static int
text_cmp(const jn_dq_text *a, const jn_dq_text *b)
{
	uint32_t	n;
	int			c;

	if (a->null || b->null)
		return (int) !a->null - (int) !b->null;
	n = a->len < b->len ? a->len : b->len;
	c = n > 0 ? memcmp(a->p, b->p, n) : 0;
	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

static int
num_cmp(const void *a, const void *b, jn_dq_num_cmp cmp, void *arg)
{
	if (a == NULL || b == NULL)
		return (int) (a != NULL) - (int) (b != NULL);
	return cmp(a, b, arg);
}

/* Every column but declaratie_id. */
static int
line_cmp_columns(const jn_dq_line *a, const jn_dq_line *b, jn_dq_num_cmp cmp, void *arg)
{
	int			c;

	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if ((c = text_cmp(&a->client_id, &b->client_id)) != 0)
		return c;
	if ((c = text_cmp(&a->aanbieder, &b->aanbieder)) != 0)
		return c;
	if ((c = text_cmp(&a->productcategorie, &b->productcategorie)) != 0)
		return c;
	if ((c = text_cmp(&a->productcode, &b->productcode)) != 0)
		return c;
	if ((c = text_cmp(&a->eenheid, &b->eenheid)) != 0)
		return c;
	if ((c = num_cmp(a->volume, b->volume, cmp, arg)) != 0)
		return c;
	return num_cmp(a->bedrag, b->bedrag, cmp, arg);
}

static int
line_cmp(const jn_dq_line *a, const jn_dq_line *b, jn_dq_num_cmp cmp, void *arg)
{
	int			c = line_cmp_columns(a, b, cmp, arg);

	if (c != 0)
		return c;
	return (a->id > b->id) - (a->id < b->id);
}

bool
jn_dq_same_line(const jn_dq_line *a, const jn_dq_line *b, jn_dq_num_cmp cmp, void *arg)
{
	return line_cmp_columns(a, b, cmp, arg) == 0;
}

void
jn_dq_sort(const jn_dq_line *lines, uint32_t *order, uint32_t *scratch,
		   size_t n, jn_dq_num_cmp cmp, void *arg)
{
	uint32_t   *src = order;
	uint32_t   *dst = scratch;

	/* runs of 8 by insertion sort (most keys hold a few lines in order) */
	for (size_t lo = 0; lo < n; lo += 8)
	{
		size_t		hi = lo + 8 < n ? lo + 8 : n;

		for (size_t i = lo + 1; i < hi; i++)
		{
			uint32_t	x = order[i];
			size_t		j = i;

			while (j > lo && line_cmp(&lines[order[j - 1]], &lines[x], cmp, arg) > 0)
			{
				order[j] = order[j - 1];
				j--;
			}
			order[j] = x;
		}
	}
	/* bottom-up merges */
	for (size_t w = 8; w < n; w *= 2)
	{
		for (size_t lo = 0; lo < n; lo += 2 * w)
		{
			size_t		mid = lo + w < n ? lo + w : n;
			size_t		hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t		i = lo,
						j = mid,
						k = lo;

			/* already in order: copy */
			if (mid < hi && line_cmp(&lines[src[mid - 1]], &lines[src[mid]], cmp, arg) <= 0)
				i = j = hi;
			while (i < mid && j < hi)
			{
				if (line_cmp(&lines[src[j]], &lines[src[i]], cmp, arg) < 0)
					dst[k++] = src[j++];
				else
					dst[k++] = src[i++];
			}
			if (i == hi)
			{
				memcpy(dst + lo, src + lo, (hi - lo) * sizeof(uint32_t));
				continue;
			}
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		{
			uint32_t   *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != order)
		memcpy(order, src, n * sizeof(uint32_t));
}

static bool
text_eq(const jn_dq_text *a, const char *s, size_t len)
{
	return !a->null && a->len == len && (len == 0 || memcmp(a->p, s, len) == 0);
}

void
jn_dq_line_flags(const jn_dq_alloc *a, const jn_dq_line *l, jn_dq_flags *f)
{
	const jn_eenheid *e = NULL;

	if (!l->eenheid.null)
		e = jn_lookup_eenheid(l->eenheid.p, l->eenheid.len);
	f->unit = e != NULL ? e->canonical_unit : NULL;
	/* coalesce(begin < start OR end > einddatum, false) */
	f->outside_period = (!a->start_null && l->begin < a->start)
		|| (!a->end_open && l->end > a->end);
	/* coalesce(unit = allocation unit, false) */
	f->same_family = f->unit != NULL && text_eq(&a->unit, f->unit, strlen(f->unit));
	if (a->budget)
		f->in_family = f->unit != NULL && strcmp(f->unit, "euro") == 0;
	else
		f->in_family = f->same_family;
	f->after_peildatum = !a->peildatum_null && l->end > a->peildatum;
	/* NOT coalesce(valid @> begindatum, false) */
	f->nga = true;
	if (!l->productcode.null)
	{
		for (size_t i = 0; i < a->n_contracts; i++)
		{
			const jn_dq_contract *c = &a->contracts[i];

			if (c->from <= l->begin && l->begin <= c->to
				&& text_eq(&l->productcode, c->productcode.p, c->productcode.len))
			{
				f->nga = false;
				break;
			}
		}
	}
}
