/*
 * fuzz_path.c
 *		libFuzzer target: care-path sort + merge + label collapse.
 *
 * Builds rows from the input (dates mostly in a small range so rows collide
 * and gaps straddle max_gap; labels from a small set with NULLs, bytewise
 * traps and an empty string), then checks:
 *   - the sort leaves the rows in contract order and is a permutation;
 *   - the merge accounts for every row, path boundaries obey max_gap
 *     against the running maximum, a path's end is the max of its rows;
 *   - each label equals a naive rebuild (NULLs skipped, consecutive
 *     duplicates dropped, " > ");
 *   - a shuffled copy gives byte-identical paths (order independence).
 */
#include "fuzz_common.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const labels_set[] = {"a", "b", "B", "ab", "", "a > b", "\xc3\xa9", "zz"};
#define NLABELS (sizeof(labels_set) / sizeof(labels_set[0]))
#define MAXROWS 512

typedef struct built
{
	jn_path    *paths;
	char	   *out;
	size_t		np;
} built;

static built
build(jn_path_row *rows, size_t n, const char *lab, int32_t max_gap)
{
	built		b;
	jn_path_row *tmp = malloc((n ? n : 1) * sizeof(jn_path_row));
	size_t		cap = jn_path_label_capacity(rows, n);

	jn_path_sort(rows, n, lab, tmp);
	free(tmp);
	CHECK(jn_path_rows_sorted(rows, n, lab));
	b.paths = malloc((n ? n : 1) * sizeof(jn_path));
	b.out = malloc(cap ? cap : 1);
	b.np = jn_path_merge(rows, n, lab, max_gap, b.paths, b.out);
	for (size_t i = 0; i < b.np; i++)
		if (b.paths[i].label_len >= 0)
			CHECK((size_t) (b.paths[i].label_off + b.paths[i].label_len) <= cap);
	return b;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader		r = {data, size};
	int32_t		max_gap = (int32_t) (rd_u32(&r) % 200);
	jn_path_row rows[MAXROWS];
	jn_path_row shuffled[MAXROWS];
	char		lab[MAXROWS * 8];
	size_t		used = 0;
	size_t		n = 0;
	built		b1,
				b2;

	if (rd_u8(&r) == 0xff)
		max_gap = INT32_MAX;

	while (r.left > 0 && n < MAXROWS)
	{
		int32_t		start = rd_date(&r);
		uint8_t		len = rd_u8(&r);
		uint8_t		l = rd_u8(&r);
		bool		open = (len == 0xff);
		int64_t		e64 = (int64_t) start + (len & 0x7f) - ((len & 0x80) ? 200 : 0);
		int32_t		end = open ? JN_DATE_OPEN :
			(int32_t) (e64 > INT32_MAX ? INT32_MAX : e64 < INT32_MIN ? INT32_MIN : e64);
		jn_status	st = jn_check_allocation(start, open, end);

		if (st != JN_OK)
		{
			/* rejected rows are the ones the SQL layer reports */
			CHECK(start == JN_DATE_NEG_INF || start == JN_DATE_POS_INF ||
				  end == JN_DATE_NEG_INF || end < start);
			continue;
		}
		if (end == JN_DATE_POS_INF)
			end = JN_DATE_OPEN;
		rows[n].start = start;
		rows[n].end = end;
		rows[n].label_off = (int64_t) used;
		if (l % (NLABELS + 2) >= NLABELS)
			rows[n].label_len = -1;
		else
		{
			const char *t = labels_set[l % (NLABELS + 2)];

			rows[n].label_len = (int32_t) strlen(t);
			memcpy(lab + used, t, strlen(t));
			used += strlen(t);
		}
		n++;
	}

	/* a shuffled copy, permuted by the input's own bytes */
	memcpy(shuffled, rows, n * sizeof(jn_path_row));
	for (size_t i = n; i > 1; i--)
	{
		size_t		j = (size_t) (data[(i * 7) % (size ? size : 1)] * 131 + i) % i;
		jn_path_row t = shuffled[i - 1];

		shuffled[i - 1] = shuffled[j];
		shuffled[j] = t;
	}

	b1 = build(rows, n, lab, max_gap);
	b2 = build(shuffled, n, lab, max_gap);

	/* permutation: same multiset, compared after both were sorted */
	for (size_t i = 0; i < n; i++)
		CHECK(jn_path_row_cmp(&rows[i], &shuffled[i], lab) == 0);

	/* merge invariants against the sorted rows */
	{
		size_t		ri = 0;
		int64_t		total = 0;

		CHECK(n == 0 ? b1.np == 0 : b1.np >= 1);
		for (size_t pi = 0; pi < b1.np; pi++)
		{
			jn_path    *p = &b1.paths[pi];
			int32_t		run = rows[ri].end;
			char		expect[MAXROWS * 12];
			size_t		elen = 0;
			bool		any = false;
			const char *last = NULL;
			int32_t		last_len = 0;

			CHECK(p->allocations >= 1);
			CHECK(p->start == rows[ri].start);
			for (int64_t k = 0; k < p->allocations; k++, ri++)
			{
				jn_path_row *x = &rows[ri];

				if (k > 0)
				{
					CHECK(run == JN_DATE_OPEN || (int64_t) x->start - run <= max_gap);
					if (x->end > run)
						run = x->end;
				}
				if (x->label_len >= 0)
				{
					const char *t = lab + x->label_off;

					if (last == NULL || last_len != x->label_len ||
						memcmp(last, t, (size_t) x->label_len) != 0)
					{
						if (any)
						{
							memcpy(expect + elen, " > ", 3);
							elen += 3;
						}
						memcpy(expect + elen, t, (size_t) x->label_len);
						elen += (size_t) x->label_len;
						any = true;
						last = t;
						last_len = x->label_len;
					}
				}
			}
			CHECK(p->end == run);
			if (pi + 1 < b1.np)
				CHECK(run != JN_DATE_OPEN && (int64_t) b1.paths[pi + 1].start - run > max_gap);
			if (!any)
				CHECK(p->label_len == -1);
			else
				CHECK(p->label_len == (int64_t) elen &&
					  memcmp(b1.out + p->label_off, expect, elen) == 0);
			total += p->allocations;
		}
		CHECK(total == (int64_t) n);
	}

	/* order independence: identical paths and labels */
	CHECK(b1.np == b2.np);
	for (size_t i = 0; i < b1.np; i++)
	{
		CHECK(b1.paths[i].start == b2.paths[i].start);
		CHECK(b1.paths[i].end == b2.paths[i].end);
		CHECK(b1.paths[i].allocations == b2.paths[i].allocations);
		CHECK(b1.paths[i].label_len == b2.paths[i].label_len);
		if (b1.paths[i].label_len > 0)
			CHECK(memcmp(b1.out + b1.paths[i].label_off, b2.out + b2.paths[i].label_off,
						 (size_t) b1.paths[i].label_len) == 0);
	}
	free(b1.paths);
	free(b1.out);
	free(b2.paths);
	free(b2.out);
	return 0;
}
