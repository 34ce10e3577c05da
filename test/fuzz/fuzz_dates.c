/*
 * fuzz_dates.c
 *		libFuzzer target: gap, overlap, allocated-volume and follow-up
 *		arithmetic on arbitrary int32 dates and bounds (infinities and the
 *		int32 edges included), checked against independent int64 formulas.
 */
#include "fuzz_common.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int32_t
rd_bound(reader *r)
{
	uint8_t		k = rd_u8(r);
	uint32_t	raw = rd_u32(r);

	if (k % 4 == 0)
		return (int32_t) raw;
	return (int32_t) (raw % 400) - (k % 16 == 1 ? 5 : 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader		r = {data, size};
	int32_t		a = rd_date(&r),
				b = rd_date(&r),
				ws = rd_date(&r),
				we = rd_date(&r);
	int32_t		lo = rd_bound(&r),
				hi = rd_bound(&r);
	bool		open = rd_u8(&r) & 1;
	bool		ext = false,
				rec = false;
	jn_status	s1,
				s2;
	jn_alloc_plan plan;
	int64_t		num,
				den;

	/* is_extension / recidive: prev_end a, next_start b */
	s1 = jn_is_extension(open, a, b, hi, &ext);
	s2 = jn_recidive(open, a, b, lo, hi, &rec);
	if (s1 == JN_OK)
	{
		bool		prev_open = open || a == JN_DATE_POS_INF;

		CHECK(hi >= 0);
		CHECK(ext == (prev_open || (int64_t) b - a <= hi));
	}
	if (s2 == JN_OK)
	{
		CHECK(lo >= 0 && lo <= hi);
		if (open || a == JN_DATE_POS_INF)
			CHECK(!rec);
		else
			CHECK(rec == ((int64_t) b - a > lo && (int64_t) b - a <= hi));
		/* a recidive is never within the lower bound */
		if (rec)
		{
			bool		within = true;

			CHECK(jn_is_extension(open, a, b, lo, &within) == JN_OK);
			CHECK(!within);
		}
	}

	/* allocated_volume plan: allocation [a, b] (or open), window [ws, we] */
	for (int fk = 0; fk < 4; fk++)
	{
		static const jn_freq_kind kinds[] = {JN_FREQ_DAG, JN_FREQ_WEEK, JN_FREQ_MAAND, JN_FREQ_TOTAAL};
		jn_status	s = jn_allocated_volume_plan(a, open, b, kinds[fk], ws, we, &plan);

		if (s != JN_OK)
			continue;
		CHECK(a != JN_DATE_NEG_INF && a != JN_DATE_POS_INF);
		CHECK(we >= ws);
		CHECK(plan.mul >= 0 && plan.div >= 1);
		if (plan.is_null)
			CHECK(kinds[fk] == JN_FREQ_TOTAAL && (open || b == JN_DATE_POS_INF));
		else
		{
			int64_t		end = (open || b == JN_DATE_POS_INF) ? we : b;
			int64_t		l = a > ws ? a : ws;
			int64_t		h = end < we ? end : we;
			int64_t		days = h >= l ? h - l + 1 : 0;

			if (days == 0)
				CHECK(plan.mul == 0);
			else if (kinds[fk] == JN_FREQ_MAAND)
				CHECK(plan.mul == days * 1200 && plan.div == 36525);
			else
				CHECK(plan.mul == days);
			if (kinds[fk] == JN_FREQ_TOTAAL && days > 0)
				CHECK(plan.div == (int64_t) b - a + 1 && plan.mul <= plan.div);
		}
	}

	/* overlap_share */
	if (jn_overlap_share(a, b, ws, we, &num, &den) == JN_OK)
	{
		CHECK(den >= 1 && num >= 0 && num <= den);
		CHECK(num <= (int64_t) we - ws + 1);
	}

	/*
	 * follow-up over the remaining bytes as a sequence of rows; the rows the
	 * step accepts are kept, and at the end the whole-group classifier
	 * (follow_up_agg's core) must give the same classes, also for the rows
	 * reversed and sorted again by jn_path_sort
	 */
	{
		jn_follow_state st;
		int64_t		run_max = 0;
		bool		run_open = false;
		bool		first = true;
		jn_path_row kept[256];
		jn_follow_result want[256];
		jn_follow_result got[256];
		jn_path_row tmp[256];
		size_t		nkept = 0;

		memset(&st, 0, sizeof(st));
		while (r.left > 0)
		{
			int32_t		s = rd_date(&r);
			uint8_t		k = rd_u8(&r);
			uint8_t		len = rd_u8(&r);
			int64_t		e64 = (k % 7 == 1) ? (int64_t) s - 1 - len : (int64_t) s + len;
			int32_t		e = (k % 5 == 0) ? JN_DATE_OPEN :
				(int32_t) (e64 > INT32_MAX ? INT32_MAX : e64 < INT32_MIN ? INT32_MIN : e64);
			jn_follow_class cls;
			bool		gap_null;
			int64_t		gap;
			jn_follow_state before = st;
			jn_status	fs = jn_follow_step(&st, s, e, lo, hi, &cls, &gap_null, &gap);

			if (fs != JN_OK)
			{
				/* an error leaves the state as it was */
				CHECK(memcmp(&before, &st, sizeof(st)) == 0);
				continue;
			}
			if (first)
				CHECK(cls == JN_FU_EERSTE && gap_null);
			else if (run_open)
				CHECK(cls == JN_FU_VERLENGING && gap_null);
			else
			{
				CHECK(!gap_null && gap == (int64_t) s - run_max);
				CHECK(cls == (gap <= lo ? JN_FU_VERLENGING : gap <= hi ? JN_FU_RECIDIVE : JN_FU_NIEUW));
			}
			if (e == JN_DATE_OPEN || e == JN_DATE_POS_INF)
				run_open = true;
			else if (first || e > run_max)
				run_max = e;
			first = false;
			if (nkept < 256)
			{
				kept[nkept].start = s;
				kept[nkept].end = e == JN_DATE_POS_INF ? JN_DATE_OPEN : e;
				kept[nkept].label_off = 0;
				kept[nkept].label_len = -1;
				want[nkept].cls = cls;
				want[nkept].gap_null = gap_null;
				want[nkept].gap = gap;
				nkept++;
			}
		}
		if (nkept > 0)
		{
			CHECK(jn_follow_classify(kept, nkept, lo, hi, got) == JN_OK);
			for (size_t i = 0; i < nkept; i++)
				CHECK(got[i].cls == want[i].cls && got[i].gap_null == want[i].gap_null &&
					  (got[i].gap_null || got[i].gap == want[i].gap));
			/* reversed, then sorted: the same rows in the same order */
			for (size_t i = 0; i < nkept / 2; i++)
			{
				jn_path_row t = kept[i];

				kept[i] = kept[nkept - 1 - i];
				kept[nkept - 1 - i] = t;
			}
			jn_path_sort(kept, nkept, "", tmp);
			CHECK(jn_follow_classify(kept, nkept, lo, hi, got) == JN_OK);
			for (size_t i = 0; i < nkept; i++)
				CHECK(got[i].cls == want[i].cls && got[i].gap_null == want[i].gap_null &&
					  (got[i].gap_null || got[i].gap == want[i].gap));
		}
	}
	return 0;
}
