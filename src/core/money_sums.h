/*
 * core/money_sums.h
 *		The date and share arithmetic of money_claim_sums_agg
 *		(src/pg/money_sums.c): the year windows of [R10] from window_start
 *		and peildatum, the windows a claim line overlaps, and
 *		overlap_share() as an exact decimal (mantissa and scale) equal to
 *		the numeric that jeugdnorm.overlap_share() returns, so the SQL face
 *		can sum bedrag x share in 128-bit integers instead of numerics.
 */
#ifndef JN_CORE_MONEY_SUMS_H
#define JN_CORE_MONEY_SUMS_H

#include "core/core.h"

typedef __int128 jn_i128;

/* Calendar year of a finite date. */
extern int32_t jn_date_year(int32_t d);

/* The date of (year, month, day) (proleptic Gregorian, valid input). */
extern int32_t jn_date_ymd(int32_t year, int32_t month, int32_t day);

/*
 * The year windows of [R10] (60_money.sql, year_windows): one per calendar
 * year from year(window_start) to year(peildatum), the year intersected
 * with [window_start, peildatum].  window_start <= peildatum, both finite.
 */
typedef struct jn_money_windows
{
	int32_t		window_start;
	int32_t		peildatum;
	int32_t		first_year;
	int32_t		last_year;
} jn_money_windows;

extern void jn_money_windows_init(jn_money_windows *w, int32_t window_start,
								  int32_t peildatum);

/* The window of year y (first_year <= y <= last_year). */
extern void jn_money_window(const jn_money_windows *w, int32_t y,
							int32_t *start, int32_t *end);

/*
 * The years whose windows [b, e] overlaps (b <= e, finite): *first..*last;
 * false when it overlaps none.  The windows are consecutive and disjoint,
 * so the overlapped ones are a run.
 */
extern bool jn_money_line_years(const jn_money_windows *w, int32_t b, int32_t e,
								int32_t *first, int32_t *last);

/*
 * overlap_share num / den (0 <= num <= den, den >= 1) as the numeric
 * jeugdnorm.overlap_share() returns: 1 (scale 0) when num = den, 0 (scale
 * 0) when num = 0, else num / den rounded half up to the scale numeric
 * division picks for two integers (select_div_scale: 16 significant
 * digits, at least), trailing zeros trimmed.  *mant x 10^-*scale is that
 * value exactly; *mant < 10^*scale.  den < 2^33 (two valid dates).
 */
extern void jn_money_share(int64_t num, int64_t den, jn_i128 *mant, int *scale);

/* 10^k for 0 <= k <= 38. */
extern jn_i128 jn_i128_pow10(int k);

#endif							/* JN_CORE_MONEY_SUMS_H */
