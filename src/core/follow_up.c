/*
 * core/follow_up.c
 *		The follow-up classification (pure C): one step per row, in the
 *		contract order, against the running maximum einddatum of the earlier
 *		rows (not the previous row: a nested allocation must not hide the
 *		longer one around it).  The SQL face is src/pg/follow_up.c: the
 *		follow_up() window function steps row by row; the follow_up_agg()
 *		aggregate sorts a group (core/path.c) and classifies it at once
 *		with jn_follow_classify.
 */
#include "core/dates.h"
#include "core/follow_up.h"

const char *const jn_follow_names[] = {"eerste", "verlenging", "recidive", "nieuw"};

jn_status
jn_follow_step(jn_follow_state *st, int32_t start, int32_t end,
			   int32_t extension_days, int32_t recidive_days,
			   jn_follow_class *cls, bool *gap_null, int64_t *gap)
{
	jn_status	s = jn_check_bounds(extension_days, recidive_days);

	if (s != JN_OK)
		return s;
	if (end == JN_DATE_POS_INF)
		end = JN_DATE_OPEN;
	s = jn_check_allocation(start, end == JN_DATE_OPEN, end);
	if (s != JN_OK)
		return s;

	if (!st->has_prev)
	{
		*cls = JN_FU_EERSTE;
		*gap_null = true;
		*gap = 0;
		st->has_prev = true;
		st->max_end = end;
	}
	else
	{
		/* (start, end) must not sort before the previous row */
		if (start < st->prev_start ||
			(start == st->prev_start && end < st->prev_end))
			return JN_ERR_UNSORTED;

		if (st->max_end == JN_DATE_OPEN)
		{
			*cls = JN_FU_VERLENGING;
			*gap_null = true;
			*gap = 0;
		}
		else
		{
			int64_t		g = (int64_t) start - st->max_end;

			*gap_null = false;
			*gap = g;
			if (g <= extension_days)
				*cls = JN_FU_VERLENGING;
			else if (g <= recidive_days)
				*cls = JN_FU_RECIDIVE;
			else
				*cls = JN_FU_NIEUW;
		}
		if (end > st->max_end)
			st->max_end = end;
	}
	st->prev_start = start;
	st->prev_end = end;
	return JN_OK;
}

jn_status
jn_follow_classify(const jn_path_row *rows, size_t n, int32_t extension_days,
				   int32_t recidive_days, jn_follow_result *out)
{
	jn_follow_state st = {0};
	jn_status	s = jn_check_bounds(extension_days, recidive_days);

	if (s != JN_OK)
		return s;
	for (size_t i = 0; i < n; i++)
	{
		s = jn_follow_step(&st, rows[i].start, rows[i].end, extension_days,
						   recidive_days, &out[i].cls, &out[i].gap_null,
						   &out[i].gap);
		if (s != JN_OK)
			return s;
	}
	return JN_OK;
}
