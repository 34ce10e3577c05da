/*
 * core/dates.h
 *		Gap and overlap arithmetic on day numbers (core/dates.c): the checks
 *		of an allocation's dates, is_extension, recidive, allocated_volume
 *		and overlap_share.
 */
#ifndef JN_CORE_DATES_H
#define JN_CORE_DATES_H

#include "core/codes.h"
#include "core/core.h"

/* Days of [s1, e1] inside [s2, e2], all finite, inclusive; 0 if disjoint. */
extern int64_t jn_overlap_days(int32_t s1, int32_t e1, int32_t s2, int32_t e2);

/* Check one allocation row (start finite, end open or >= start). */
extern jn_status jn_check_allocation(int32_t start, bool end_open,
									 int32_t end);

/* Gap bounds: both >= 0 and min_gap <= max_gap. */
extern jn_status jn_check_bounds(int32_t min_gap, int32_t max_gap);

/*
 * is_extension / recidive for a finite-or-open prev_end.  prev_open is true
 * for SQL NULL; prev_end '+infinity' is also read as open.
 */
extern jn_status jn_is_extension(bool prev_open, int32_t prev_end,
								 int32_t next_start, int32_t max_gap,
								 bool *result);
extern jn_status jn_recidive(bool prev_open, int32_t prev_end,
							 int32_t next_start, int32_t min_gap,
							 int32_t max_gap, bool *result);

/*
 * allocated_volume reduces to volume * mul / div (div == 1: no division),
 * or NULL (open 'totaal' overlapping the window).  The SQL face does the
 * numeric arithmetic so that the result is exact where it can be.
 */
typedef struct jn_alloc_plan
{
	bool		is_null;
	int64_t		mul;
	int64_t		div;
} jn_alloc_plan;

extern jn_status jn_allocated_volume_plan(int32_t ingangsdatum,
										  bool eind_open, int32_t einddatum,
										  jn_freq_kind freq,
										  int32_t window_start,
										  int32_t window_end,
										  jn_alloc_plan *plan);

/* overlap_share = num / den (den >= 1). */
extern jn_status jn_overlap_share(int32_t begindatum, int32_t einddatum,
								  int32_t window_start, int32_t window_end,
								  int64_t *num, int64_t *den);

#endif							/* JN_CORE_DATES_H */
