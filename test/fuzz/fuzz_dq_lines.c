/*
 * fuzz_dq_lines.c
 *		libFuzzer target for core/dq_lines.c: up to 64 claim lines of one
 *		allocation key built from the input (dates in a small range so
 *		groups and copies collide, texts from a tiny alphabet or NULL,
 *		numbers as small integers behind the opaque pointer), sorted by
 *		jn_dq_sort.  Checks: the order is a permutation; it is sorted under
 *		a naive comparator written out here; equal lines (naive equality)
 *		are adjacent, smallest declaratie_id first, and jn_dq_same_line
 *		agrees with naive equality; the flags of jn_dq_line_flags equal
 *		their definitions against a random allocation and contracts.
 */
#include "fuzz_common.h"
#include "core/dq_lines.h"

#define MAXN 64

static const char *const alphabet[] = {"A", "B", "AB", "", "45A12"};

static int
int_cmp(const void *a, const void *b, void *arg)
{
	int64_t		x = *(const int64_t *) a;
	int64_t		y = *(const int64_t *) b;

	(void) arg;
	return (x > y) - (x < y);
}

static jn_dq_text
rd_text(reader *r)
{
	uint8_t		k = rd_u8(r) % 6;
	jn_dq_text	t;

	if (k == 5)
	{
		t.p = NULL;
		t.len = 0;
		t.null = true;
	}
	else
	{
		t.p = alphabet[k];
		t.len = (uint32_t) strlen(alphabet[k]);
		t.null = false;
	}
	return t;
}

static int
naive_text(const jn_dq_text *a, const jn_dq_text *b)
{
	size_t		n;
	int			c;

	if (a->null != b->null)
		return a->null ? -1 : 1;
	if (a->null)
		return 0;
	n = a->len < b->len ? a->len : b->len;
	c = n ? memcmp(a->p, b->p, n) : 0;
	if (c)
		return c < 0 ? -1 : 1;
	return (a->len > b->len) - (a->len < b->len);
}

static int
naive_num(const void *a, const void *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return int_cmp(a, b, NULL);
}

static int
naive_cols(const jn_dq_line *a, const jn_dq_line *b)
{
	int			c;

	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if ((c = naive_text(&a->client_id, &b->client_id)))
		return c;
	if ((c = naive_text(&a->aanbieder, &b->aanbieder)))
		return c;
	if ((c = naive_text(&a->productcategorie, &b->productcategorie)))
		return c;
	if ((c = naive_text(&a->productcode, &b->productcode)))
		return c;
	if ((c = naive_text(&a->eenheid, &b->eenheid)))
		return c;
	if ((c = naive_num(a->volume, b->volume)))
		return c;
	return naive_num(a->bedrag, b->bedrag);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader		r = {data, size};
	jn_dq_line	lines[MAXN];
	int64_t		vol[MAXN],
				bed[MAXN];
	uint32_t	order[MAXN],
				scratch[MAXN];
	bool		seen[MAXN] = {false};
	size_t		n = rd_u8(&r) % (MAXN + 1);
	jn_dq_alloc a;
	jn_dq_contract k[4];
	static const char *const units[] = {"uur", "etmaal", "euro", "x"};
	static const char *const codes[] = {"01", "04", "14", "16", "82", "83", "84", "99"};

	for (size_t i = 0; i < n; i++)
	{
		jn_dq_line *l = &lines[i];
		uint8_t		nulls = rd_u8(&r);

		l->id = (int64_t) (rd_u8(&r) % 8) * 1000 + (int64_t) i;	/* unique */
		l->begin = rd_u8(&r) % 4;
		l->end = l->begin + rd_u8(&r) % 3;
		l->client_id = rd_text(&r);
		l->aanbieder = rd_text(&r);
		l->productcategorie = rd_text(&r);
		l->productcode = rd_text(&r);
		{
			uint8_t		e = rd_u8(&r) % 9;

			l->eenheid.null = e == 8;
			l->eenheid.p = e == 8 ? NULL : codes[e];
			l->eenheid.len = e == 8 ? 0 : 2;
		}
		vol[i] = rd_u8(&r) % 3;
		bed[i] = (int64_t) (rd_u8(&r) % 3) - 1;
		l->volume = (nulls & 1) ? NULL : &vol[i];
		l->bedrag = (nulls & 2) ? NULL : &bed[i];
		order[i] = (uint32_t) i;
	}

	jn_dq_sort(lines, order, scratch, n, int_cmp, NULL);
	for (size_t i = 0; i < n; i++)
	{
		CHECK(order[i] < n && !seen[order[i]]);
		seen[order[i]] = true;
	}
	for (size_t i = 1; i < n; i++)
	{
		const jn_dq_line *p = &lines[order[i - 1]];
		const jn_dq_line *q = &lines[order[i]];
		int			c = naive_cols(p, q);

		CHECK(c < 0 || (c == 0 && p->id < q->id));
		CHECK(jn_dq_same_line(p, q, int_cmp, NULL) == (c == 0));
	}
	/* equal lines are adjacent: no equal pair with a different line between */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 2; j < n; j++)
			if (naive_cols(&lines[order[i]], &lines[order[j]]) == 0)
				CHECK(naive_cols(&lines[order[i]], &lines[order[j - 1]]) == 0);

	/* flags */
	a.kept = rd_u8(&r) & 1;
	a.start_null = (rd_u8(&r) % 5) == 0;
	a.start = rd_u8(&r) % 4;
	a.end_open = rd_u8(&r) & 1;
	a.end = a.start + rd_u8(&r) % 3;
	{
		uint8_t		u = rd_u8(&r) % 5;

		a.unit.null = u == 4;
		a.unit.p = u == 4 ? NULL : units[u];
		a.unit.len = u == 4 ? 0 : (uint32_t) strlen(units[u]);
	}
	a.budget = rd_u8(&r) & 1;
	a.peildatum_null = (rd_u8(&r) % 4) == 0;
	a.peildatum = rd_u8(&r) % 6;
	a.n_contracts = rd_u8(&r) % 5;
	for (size_t i = 0; i < a.n_contracts; i++)
	{
		jn_dq_text	t = rd_text(&r);

		if (t.null)
		{
			t.p = "A";
			t.len = 1;
			t.null = false;
		}
		k[i].productcode = t;
		k[i].from = rd_u8(&r) % 4;
		k[i].to = (rd_u8(&r) & 1) ? JN_DATE_POS_INF : k[i].from + rd_u8(&r) % 3;
	}
	a.contracts = k;
	for (size_t i = 0; i < n; i++)
	{
		const jn_dq_line *l = &lines[i];
		jn_dq_flags f;
		const jn_eenheid *e = l->eenheid.null ? NULL : jn_lookup_eenheid(l->eenheid.p, l->eenheid.len);
		const char *unit = e ? e->canonical_unit : NULL;
		bool		same = unit && !a.unit.null && strlen(unit) == a.unit.len
			&& memcmp(unit, a.unit.p, a.unit.len) == 0;
		bool		nga = true;

		for (size_t c = 0; c < a.n_contracts; c++)
			if (!l->productcode.null && naive_text(&l->productcode, &k[c].productcode) == 0
				&& k[c].from <= l->begin && l->begin <= k[c].to)
				nga = false;
		jn_dq_line_flags(&a, l, &f);
		CHECK(f.unit == unit);
		CHECK(f.outside_period == ((!a.start_null && l->begin < a.start) || (!a.end_open && l->end > a.end)));
		CHECK(f.same_family == same);
		CHECK(f.in_family == (a.budget ? (unit && strcmp(unit, "euro") == 0) : same));
		CHECK(f.after_peildatum == (!a.peildatum_null && l->end > a.peildatum));
		CHECK(f.nga == nga);
	}
	return 0;
}
