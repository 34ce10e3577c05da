/*
 * core/dates.c
 *		Gap and overlap arithmetic on DateADT day numbers (pure C): the
 *		checks of an allocation's dates, is_extension, recidive,
 *		allocated_volume and overlap_share.  The SQL face is src/pg/dates.c.
 *
 * All differences are int64: two valid dates can be almost 2^31 days apart,
 * so an int32 subtraction could overflow.  Infinite dates: '-infinity' is
 * never accepted; '+infinity' is accepted only as an end date, where it
 * means the same as NULL (open).
 */
#include "core/dates.h"

static inline bool
is_infinite(int32_t d)
{
	return d == JN_DATE_NEG_INF || d == JN_DATE_POS_INF;
}

int64_t
jn_overlap_days(int32_t s1, int32_t e1, int32_t s2, int32_t e2)
{
	int32_t		lo = s1 > s2 ? s1 : s2;
	int32_t		hi = e1 < e2 ? e1 : e2;

	if (hi < lo)
		return 0;
	return jn_days_inclusive(lo, hi);
}

jn_status
jn_check_allocation(int32_t start, bool end_open, int32_t end)
{
	if (is_infinite(start))
		return JN_ERR_INFINITE_START;
	if (end_open || end == JN_DATE_POS_INF)
		return JN_OK;
	if (end == JN_DATE_NEG_INF)
		return JN_ERR_INFINITE_END;
	if (end < start)
		return JN_ERR_END_BEFORE_START;
	return JN_OK;
}

jn_status
jn_check_bounds(int32_t min_gap, int32_t max_gap)
{
	if (min_gap < 0 || max_gap < 0)
		return JN_ERR_NEGATIVE_BOUND;
	if (min_gap > max_gap)
		return JN_ERR_MIN_GT_MAX;
	return JN_OK;
}

jn_status
jn_is_extension(bool prev_open, int32_t prev_end, int32_t next_start,
				int32_t max_gap, bool *result)
{
	if (max_gap < 0)
		return JN_ERR_NEGATIVE_BOUND;
	if (is_infinite(next_start))
		return JN_ERR_INFINITE_START;
	if (!prev_open && prev_end == JN_DATE_NEG_INF)
		return JN_ERR_INFINITE_END;
	if (prev_open || prev_end == JN_DATE_POS_INF)
		*result = true;			/* an open earlier allocation overlaps */
	else
		*result = (int64_t) next_start - prev_end <= max_gap;
	return JN_OK;
}

jn_status
jn_recidive(bool prev_open, int32_t prev_end, int32_t next_start,
			int32_t min_gap, int32_t max_gap, bool *result)
{
	jn_status	st = jn_check_bounds(min_gap, max_gap);
	int64_t		gap;

	if (st != JN_OK)
		return st;
	if (is_infinite(next_start))
		return JN_ERR_INFINITE_START;
	if (!prev_open && prev_end == JN_DATE_NEG_INF)
		return JN_ERR_INFINITE_END;
	if (prev_open || prev_end == JN_DATE_POS_INF)
	{
		*result = false;		/* overlap: gap <= 0, never a recidive */
		return JN_OK;
	}
	gap = (int64_t) next_start - prev_end;
	*result = gap > min_gap && gap <= max_gap;
	return JN_OK;
}

jn_status
jn_allocated_volume_plan(int32_t ingangsdatum, bool eind_open,
						 int32_t einddatum, jn_freq_kind freq,
						 int32_t window_start, int32_t window_end,
						 jn_alloc_plan *plan)
{
	jn_status	st = jn_check_allocation(ingangsdatum, eind_open, einddatum);
	int32_t		end;
	int64_t		days;

	if (st != JN_OK)
		return st;
	if (is_infinite(window_start) || is_infinite(window_end))
		return JN_ERR_INFINITE_START;
	if (window_end < window_start)
		return JN_ERR_WINDOW;

	eind_open = eind_open || einddatum == JN_DATE_POS_INF;
	/* an open allocation counts until the window end */
	end = eind_open ? window_end : einddatum;
	days = jn_overlap_days(ingangsdatum, end, window_start, window_end);

	plan->is_null = false;
	plan->mul = days;
	plan->div = 1;
	if (days == 0)
		return JN_OK;			/* nothing in the window: 0, even for an
								 * open 'totaal' */
	switch (freq)
	{
		case JN_FREQ_DAG:
			break;
		case JN_FREQ_WEEK:
			plan->div = 7;
			break;
		case JN_FREQ_MAAND:
			/* volume * days * 12 / 365.25, kept in integers */
			plan->mul = days * 1200;
			plan->div = 36525;
			break;
		case JN_FREQ_TOTAAL:
			if (eind_open)
				plan->is_null = true;	/* cannot be spread over days */
			else
				plan->div = jn_days_inclusive(ingangsdatum, einddatum);
			break;
	}
	return JN_OK;
}

jn_status
jn_overlap_share(int32_t begindatum, int32_t einddatum,
				 int32_t window_start, int32_t window_end,
				 int64_t *num, int64_t *den)
{
	if (is_infinite(begindatum) || is_infinite(window_start) ||
		is_infinite(window_end))
		return JN_ERR_INFINITE_START;
	if (is_infinite(einddatum))
		return JN_ERR_INFINITE_END;
	if (einddatum < begindatum)
		return JN_ERR_END_BEFORE_START;
	if (window_end < window_start)
		return JN_ERR_WINDOW;
	*num = jn_overlap_days(begindatum, einddatum, window_start, window_end);
	*den = jn_days_inclusive(begindatum, einddatum);
	return JN_OK;
}
