/*
 * core/money_sums.c
 *		Year windows, the windows of a claim line and overlap_share as an
 *		exact decimal, for money_claim_sums_agg.  See core/money_sums.h.
 *
 * Dates are days since 2000-01-01 (core/core.h).  The civil-date
 * conversions are H. Hinnant's days_from_civil / civil_from_days on days
 * since 1970-01-01 (10957 days before 2000-01-01).
 */
#include "core/money_sums.h"

#define JN_EPOCH_SHIFT 10957	/* 2000-01-01 - 1970-01-01 in days */

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int32_t
jn_date_year(int32_t d)
{
	int64_t		z = (int64_t) d + JN_EPOCH_SHIFT + 719468;
	int64_t		era = floor_div(z, 146097);
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		y = yoe + era * 400;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int64_t		m = mp < 10 ? mp + 3 : mp - 9;

	return (int32_t) (m <= 2 ? y + 1 : y);
}

int32_t
jn_date_ymd(int32_t year, int32_t month, int32_t day)
{
	int64_t		y = (int64_t) year - (month <= 2 ? 1 : 0);
	int64_t		era = floor_div(y, 400);
	int64_t		yoe = y - era * 400;
	int64_t		mp = month > 2 ? month - 3 : month + 9;
	int64_t		doy = (153 * mp + 2) / 5 + day - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t) (era * 146097 + doe - 719468 - JN_EPOCH_SHIFT);
}

void
jn_money_windows_init(jn_money_windows *w, int32_t window_start, int32_t peildatum)
{
	w->window_start = window_start;
	w->peildatum = peildatum;
	w->first_year = jn_date_year(window_start);
	w->last_year = jn_date_year(peildatum);
}

void
jn_money_window(const jn_money_windows *w, int32_t y, int32_t *start, int32_t *end)
{
	int32_t		jan1 = jn_date_ymd(y, 1, 1);
	int32_t		dec31 = jn_date_ymd(y, 12, 31);

	*start = jan1 > w->window_start ? jan1 : w->window_start;
	*end = dec31 < w->peildatum ? dec31 : w->peildatum;
}

bool
jn_money_line_years(const jn_money_windows *w, int32_t b, int32_t e,
					int32_t *first, int32_t *last)
{
	int32_t		yb,
				ye;

	/* the windows cover exactly [window_start, peildatum] */
	if (e < w->window_start || b > w->peildatum || w->window_start > w->peildatum)
		return false;
	yb = jn_date_year(b > w->window_start ? b : w->window_start);
	ye = jn_date_year(e < w->peildatum ? e : w->peildatum);
	*first = yb;
	*last = ye;
	return true;
}

static jn_i128 pow10_table[39];
static bool pow10_ready = false;

jn_i128
jn_i128_pow10(int k)
{
	if (!pow10_ready)
	{
		jn_i128		p = 1;
		int			i;

		for (i = 0; i <= 38; i++)
		{
			pow10_table[i] = p;
			if (i < 38)
				p *= 10;
		}
		pow10_ready = true;
	}
	return pow10_table[k];
}

/* weight (base 10000) and first base-10000 digit of x >= 1 */
static void
nbase_weight(int64_t x, int *weight, int64_t *first)
{
	int			w = 0;

	while (x >= 10000)
	{
		x /= 10000;
		w++;
	}
	*weight = w;
	*first = x;
}

void
jn_money_share(int64_t num, int64_t den, jn_i128 *mant, int *scale)
{
	int			w1,
				w2,
				qweight,
				rscale;
	int64_t		f1,
				f2;
	jn_i128		n,
				q,
				r;

	if (num == den)
	{
		*mant = 1;
		*scale = 0;
		return;
	}
	if (num == 0)
	{
		*mant = 0;
		*scale = 0;
		return;
	}
	/* the division scale of numeric.c (its select_div_scale) for two integers (dscale 0) */
	nbase_weight(num, &w1, &f1);
	nbase_weight(den, &w2, &f2);
	qweight = w1 - w2;
	if (f1 <= f2)
		qweight--;
	rscale = 16 - qweight * 4;
	if (rscale < 0)
		rscale = 0;
	/* num < den < 2^33: qweight >= -3, rscale <= 28, num x 10^28 < 2^127 */
	n = (jn_i128) num * jn_i128_pow10(rscale);
	q = n / den;
	r = n % den;
	if (2 * r >= den)			/* round half up (away from zero) */
		q++;
	/* numeric_trim_scale() */
	while (rscale > 0 && q % 10 == 0)
	{
		q /= 10;
		rscale--;
	}
	*mant = q;
	*scale = rscale;
}
