/*
 * pg/money_sums.c
 *		money_claim_sums_agg: the kept claim lines of one (allocation, own
 *		product codes, NGA) summed per year window in one transition, for
 *		jeugdnorm_internal.mv_money_claim_sums (62_money_capacity.sql).
 *
 * One group's lines in any order; the result is one element of
 * jeugdnorm_internal.money_claim_sum per year window the lines overlap
 * (year order), plus one with year NULL for the lines that overlap no
 * window.  Each element holds exactly what the SQL formulation it replaces
 * computed with ten aggregates over the lines joined to year_windows (the
 * test test/view_money_claim_sums_agg.sql keeps that formulation and
 * compares):
 *
 *   cost            sum(bedrag x overlap_share(line, year window))
 *   cost_prev_rest  sum(bedrag x overlap_share(line, R')) on the row of
 *                   year(peildatum) - 1, lines overlapping R'
 *   claim_lines     count(*)
 *   lines_once      count(*) of the lines whose first overlapped window this
 *                   is (greatest(begindatum, window_start) inside it); all on
 *                   the year NULL element
 *   bedrag_once     sum(bedrag) of those
 *   first_day, last_day   min(begindatum), max(einddatum)
 *   days            range_agg of [greatest(begindatum, window_start),
 *                   least(einddatum, peildatum)] (NULL on the year NULL row)
 *   claimed_w       sum(bedrag x overlap_share(line, W)) of the lines_once
 *                   lines overlapping W
 *
 * Exactness.  sum(numeric) is exact and its scale is the largest scale of
 * its (non-NULL) terms; bedrag x share is exact with scale(bedrag) +
 * scale(share); overlap_share() is num / den rounded as numeric division
 * rounds and trimmed.  Here each term is the same integer mantissa at the
 * same scale (core/money_sums.c jn_money_share for the share; bedrag read
 * from its stored digits), summed in a 128-bit integer at the largest scale
 * seen, and turned into a numeric of that scale at the end: the same value
 * and the same scale.  A term that does not fit (a bedrag of more than 18
 * digits, a scale above 38, an overflow of the product or the sum) is
 * computed and summed with the server's numeric functions instead, exactly
 * as before, and the two parts are added at the end (numeric addition keeps
 * the larger scale): so the result never depends on the fast path fitting.
 *
 * With a tenth argument (volume numeric; the ten-argument form returns
 * money_claim_sum_v, one more field): volume_once, the sum of the non-NULL
 * volumes of the group's lines on the first element only (NULL elsewhere,
 * and when there are none), summed exactly as bedrag_once (scale: the
 * largest of the terms, as sum(numeric)).  mv_money_claim_sums passes the
 * line's canonical volume when it is in its care path's unit family;
 * until then a separate sum(canonical_volume) FILTER (...) per group did
 * that, whose numeric state cost more than the rest of the group's sums
 * (bench/RESULTS.md, "Money steps of the full refresh").
 *
 * Parallel aggregation (COMBINEFUNC, SERIALFUNC, DESERIALFUNC): two
 * partial states of one group combine into the state of all their lines,
 * whatever the split and the order.  Every field is order-independent:
 * the counts add; first_day/last_day are a min and a max; the day ranges
 * are concatenated (the final function sorts and merges them); the slots
 * are matched by year (and sorted by the final function); and each sum
 * is exact in both of its parts, the 128-bit part at the largest scale of
 * its terms and the numeric part a sum(numeric) of the others (its scale
 * the largest of theirs), so the result, the two parts added with
 * numeric_add, has the exact value and the largest scale of all the terms
 * however they were split between the parts.  Combining a 128-bit part
 * that does not fit moves it to the numeric part.  The window dates must
 * be the same in both states (the transition's check).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/multirangetypes.h"
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "core/money_sums.h"
#include "pg/pg.h"

PG_FUNCTION_INFO_V1(jn_money_claim_sums_trans);
PG_FUNCTION_INFO_V1(jn_money_claim_sums_final);
PG_FUNCTION_INFO_V1(jn_money_claim_sums_combine);
PG_FUNCTION_INFO_V1(jn_money_claim_sums_serialize);
PG_FUNCTION_INFO_V1(jn_money_claim_sums_deserialize);

/* pg/dates.c */
extern Datum jn_overlap_share_sql(PG_FUNCTION_ARGS);

/* An exact sum of numeric terms: a 128-bit part and a numeric part. */
typedef struct MoneyAcc
{
	bool		has_i;			/* i128 part holds at least one term */
	int			scale;			/* scale of v: the largest term scale */
	char		v[sizeof(jn_i128)];	/* a jn_i128 (memcpy: palloc aligns to 8 only) */
	Datum		big;			/* numeric part (terms that did not fit), or 0 */
} MoneyAcc;

typedef struct MoneySlot
{
	bool		no_year;		/* the lines overlapping no window */
	int32		year;
	int64		claim_lines;
	int64		lines_once;
	int32		first_day;
	int32		last_day;
	MoneyAcc	cost;
	MoneyAcc	cost_prev_rest;
	MoneyAcc	bedrag_once;
	MoneyAcc	claimed_w;
	int32		nranges;
	int32		maxranges;
	int32	   *ranges;			/* pairs lo, hi (inclusive) */
} MoneySlot;

typedef struct MoneyState
{
	MemoryContext cxt;
	jn_money_windows win;
	int32		rest_prev_start;
	int32		rest_prev_end;
	int32		w_start;
	int32		w_end;
	int32		peil_year;
	int			nslots;
	int			maxslots;
	MoneySlot  *slots;
	MoneyAcc	volume;			/* the ten-argument form's volumes */
} MoneyState;

/* A bedrag as mantissa and scale, when it fits in 18 digits. */
typedef struct MoneyBedrag
{
	bool		isnull;
	bool		fits;
	jn_i128		mant;
	int			scale;
	Datum		num;
} MoneyBedrag;

#define MONEY_I128_MAXSCALE 38

static inline uint16
read_u16(const char *p)
{
	uint16		v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * The stored form of a numeric (numeric.c, NumericShort / NumericLong; the
 * on-disk format): a 2-byte header (short: sign, dscale, weight in it; long:
 * sign and dscale, then a 2-byte weight), then base-10000 digits.  Reads
 * the value as mant x 10^-scale with scale its dscale; false when it is
 * special (NaN, infinity) or has more than 18 significant digits.
 */
static bool
numeric_read(Datum d, jn_i128 *mant, int *scale)
{
	struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d));
	const char *p = VARDATA_ANY(v);
	int			len = VARSIZE_ANY_EXHDR(v);
	uint16		h;
	bool		neg;
	int			dscale,
				weight,
				ndigits,
				e,
				i;
	jn_i128		m = 0;

	if (len < 2)
		return false;
	h = read_u16(p);
	if ((h & 0xC000) == 0x8000)
	{							/* short */
		neg = (h & 0x2000) != 0;
		dscale = (h & 0x1F80) >> 7;
		weight = (h & 0x0040) ? (int) (h & 0x003F) - 64 : (int) (h & 0x003F);
		p += 2;
		len -= 2;
	}
	else if ((h & 0xC000) == 0xC000)
		return false;			/* NaN, +/-infinity */
	else
	{
		int16		w;

		if (len < 4)
			return false;
		neg = (h & 0xC000) == 0x4000;
		dscale = h & 0x3FFF;
		memcpy(&w, p + 2, sizeof(w));
		weight = w;
		p += 4;
		len -= 4;
	}
	ndigits = len / 2;
	if (dscale > MONEY_I128_MAXSCALE || ndigits > 10)
		return false;
	for (i = 0; i < ndigits; i++)
		m = m * 10000 + read_u16(p + 2 * i);
	/* value = m x 10^(4 (weight - ndigits + 1)); mantissa at dscale */
	e = ndigits == 0 ? 0 : 4 * (weight - ndigits + 1) + dscale;
	if (e > 0)
	{
		if (e > 18)
			return false;
		m *= jn_i128_pow10(e);
	}
	else if (e < 0)
	{
		jn_i128		p10;

		if (e < -MONEY_I128_MAXSCALE)
			return false;
		p10 = jn_i128_pow10(-e);
		if (m % p10 != 0)
			return false;		/* digits below dscale: never stored */
		m /= p10;
	}
	if (m >= jn_i128_pow10(18))
		return false;
	*mant = neg ? -m : m;
	*scale = dscale;
	return true;
}

/* A numeric of scale `scale` with value v x 10^-scale. */
static Datum
i128_numeric(jn_i128 v, int scale)
{
	char		digits[48];
	char		buf[96];
	int			n = 0,
				k = 0;
	bool		neg = v < 0;
	unsigned __int128 u = neg ? -(unsigned __int128) v : (unsigned __int128) v;

	do
	{
		digits[n++] = '0' + (int) (u % 10);
		u /= 10;
	} while (u != 0);
	while (n <= scale)
		digits[n++] = '0';
	if (neg)
		buf[k++] = '-';
	while (n > 0)
	{
		if (n == scale)
			buf[k++] = '.';
		buf[k++] = digits[--n];
	}
	buf[k] = '\0';
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static inline jn_i128
acc_get(const MoneyAcc *a)
{
	jn_i128		v;

	memcpy(&v, a->v, sizeof(v));
	return v;
}

static inline void
acc_set(MoneyAcc *a, jn_i128 v)
{
	memcpy(a->v, &v, sizeof(v));
}

/* Add v x 10^-scale to the 128-bit part; false (nothing changed) if it does not fit. */
static bool
acc_add_i128(MoneyAcc *a, jn_i128 v, int scale)
{
	jn_i128		cur,
				sum;
	int			s;

	if (scale > MONEY_I128_MAXSCALE)
		return false;
	if (!a->has_i)
	{
		acc_set(a, v);
		a->scale = scale;
		a->has_i = true;
		return true;
	}
	cur = acc_get(a);
	s = a->scale;
	if (scale > s)
	{
		if (__builtin_mul_overflow(cur, jn_i128_pow10(scale - s), &cur))
			return false;
		s = scale;
	}
	else if (scale < s)
	{
		if (__builtin_mul_overflow(v, jn_i128_pow10(s - scale), &v))
			return false;
	}
	if (__builtin_add_overflow(cur, v, &sum))
		return false;
	acc_set(a, sum);
	a->scale = s;
	return true;
}

/* Add a numeric term to the numeric part (in the state's context). */
static void
acc_add_numeric(MoneyState *st, MoneyAcc *a, Datum term)
{
	MemoryContext old = MemoryContextSwitchTo(st->cxt);

	if (a->big == (Datum) 0)
		a->big = datumCopy(term, false, -1);
	else
		a->big = DirectFunctionCall2(numeric_add, a->big, term);
	MemoryContextSwitchTo(old);
}

/*
 * sum += bedrag x overlap_share(b, e, ws, we), the share being num / den of
 * the caller (0 < num <= den).  ws/we only for the numeric path.
 */
static void
acc_add_share(MoneyState *st, MoneyAcc *a, const MoneyBedrag *bd,
			  int32 b, int32 e, int32 ws, int32 we, int64 num, int64 den)
{
	jn_i128		smant,
				prod;
	int			sscale;
	Datum		share;

	if (bd->isnull)
		return;
	if (bd->fits)
	{
		jn_money_share(num, den, &smant, &sscale);
		if (!__builtin_mul_overflow(bd->mant, smant, &prod) &&
			acc_add_i128(a, prod, bd->scale + sscale))
			return;
	}
	share = DirectFunctionCall4(jn_overlap_share_sql, DateADTGetDatum(b),
								DateADTGetDatum(e), DateADTGetDatum(ws),
								DateADTGetDatum(we));
	acc_add_numeric(st, a, DirectFunctionCall2(numeric_mul, bd->num, share));
}

/* sum += bedrag */
static void
acc_add_bedrag(MoneyState *st, MoneyAcc *a, const MoneyBedrag *bd)
{
	if (bd->isnull)
		return;
	if (bd->fits && acc_add_i128(a, bd->mant, bd->scale))
		return;
	acc_add_numeric(st, a, bd->num);
}

/* The sum as a numeric; NULL (false) when it has no terms. */
static bool
acc_result(const MoneyAcc *a, Datum *result)
{
	if (!a->has_i && a->big == (Datum) 0)
		return false;
	if (!a->has_i)
		*result = a->big;
	else if (a->big == (Datum) 0)
		*result = i128_numeric(acc_get(a), a->scale);
	else
		*result = DirectFunctionCall2(numeric_add, i128_numeric(acc_get(a), a->scale), a->big);
	return true;
}

static MoneySlot *
get_slot(MoneyState *st, bool no_year, int32 year)
{
	int			i;
	MoneySlot  *s;

	for (i = 0; i < st->nslots; i++)
	{
		s = &st->slots[i];
		if (s->no_year == no_year && (no_year || s->year == year))
			return s;
	}
	if (st->nslots == st->maxslots)
	{
		st->maxslots *= 2;
		st->slots = repalloc(st->slots, sizeof(MoneySlot) * st->maxslots);
	}
	s = &st->slots[st->nslots++];
	memset(s, 0, sizeof(MoneySlot));
	s->no_year = no_year;
	s->year = year;
	s->first_day = PG_INT32_MAX;
	s->last_day = PG_INT32_MIN;
	return s;
}

static void
slot_line(MoneySlot *s, int32 b, int32 e)
{
	s->claim_lines++;
	if (b < s->first_day)
		s->first_day = b;
	if (e > s->last_day)
		s->last_day = e;
}

static void
slot_range(MoneyState *st, MoneySlot *s, int32 lo, int32 hi)
{
	if (s->nranges > 0)
	{
		int32	   *last = &s->ranges[2 * (s->nranges - 1)];

		/* lines in date order: merge into the last range at once */
		if (lo >= last[0] && (int64) lo <= (int64) last[1] + 1)
		{
			if (hi > last[1])
				last[1] = hi;
			return;
		}
	}
	if (s->nranges == s->maxranges)
	{
		if (s->maxranges == 0)
		{
			s->maxranges = 4;
			s->ranges = MemoryContextAlloc(st->cxt, sizeof(int32) * 2 * s->maxranges);
		}
		else
		{
			s->maxranges *= 2;
			s->ranges = repalloc(s->ranges, sizeof(int32) * 2 * s->maxranges);
		}
	}
	s->ranges[2 * s->nranges] = lo;
	s->ranges[2 * s->nranges + 1] = hi;
	s->nranges++;
}

static MoneyState *state_new(MemoryContext cxt, const int32 p[6]);

static int32
date_arg(FunctionCallInfo fcinfo, int i, const char *name)
{
	if (PG_ARGISNULL(i))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("money_claim_sums_agg: %s must not be NULL", name)));
	return PG_GETARG_DATEADT(i);
}

/*
 * money_claim_sums_agg(begindatum, einddatum, bedrag, window_start,
 * peildatum, rest_prev_start, rest_prev_end, w_start, w_end): arguments 1-9
 * of the transition function (0 is the state).  The six dates after bedrag
 * are forecast_dates' and must be the same on every row of a group.
 */
Datum
jn_money_claim_sums_trans(PG_FUNCTION_ARGS)
{
	static const char *const pname[6] = {"window_start", "peildatum",
		"rest_prev_start", "rest_prev_end", "w_start", "w_end"};
	MemoryContext aggcxt;
	MoneyState *st;
	int32		b,
				e,
				p[6],
				yfirst,
				ylast,
				y,
				cb,
				ce;
	MoneyBedrag bd;
	MoneySlot  *s;
	int			i;
	jn_status	rc;
	int64		num,
				den;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "money_claim_sums_agg called in non-aggregate context");

	b = date_arg(fcinfo, 1, "begindatum");
	e = date_arg(fcinfo, 2, "einddatum");
	for (i = 0; i < 6; i++)
		p[i] = date_arg(fcinfo, 4 + i, pname[i]);

	if (PG_ARGISNULL(0))
	{
		if (p[1] < p[0])
		{
			JnErrorValues v = {.start_name = "begindatum", .start = b,
				.end_name = "einddatum", .end = e,
			.has_window = true, .window_start = p[0], .window_end = p[1]};

			jn_report(JN_ERR_WINDOW, &v);
		}
		st = state_new(aggcxt, p);
	}
	else
	{
		st = (MoneyState *) PG_GETARG_POINTER(0);
		if (p[0] != st->win.window_start || p[1] != st->win.peildatum ||
			p[2] != st->rest_prev_start || p[3] != st->rest_prev_end ||
			p[4] != st->w_start || p[5] != st->w_end)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("money_claim_sums_agg: the window dates must be the same on every row of a group")));
	}

	/* the checks of overlap_share() */
	rc = jn_overlap_share(b, e, p[0], p[1], &num, &den);
	if (rc != JN_OK)
	{
		JnErrorValues v = {.start_name = "begindatum", .start = b,
			.end_name = "einddatum", .end = e,
		.has_window = true, .window_start = p[0], .window_end = p[1]};

		jn_report(rc, &v);
	}
	den = jn_days_inclusive(b, e);

	bd.isnull = PG_ARGISNULL(3);
	bd.fits = false;
	bd.num = bd.isnull ? (Datum) 0 : PG_GETARG_DATUM(3);
	if (!bd.isnull)
		bd.fits = numeric_read(bd.num, &bd.mant, &bd.scale);

	/* the ten-argument form: the line's volume (NULL: not summed) */
	if (PG_NARGS() > 10 && !PG_ARGISNULL(10))
	{
		MoneyBedrag vol;

		vol.isnull = false;
		vol.num = PG_GETARG_DATUM(10);
		vol.fits = numeric_read(vol.num, &vol.mant, &vol.scale);
		acc_add_bedrag(st, &st->volume, &vol);
	}

	if (!jn_money_line_years(&st->win, b, e, &yfirst, &ylast))
	{
		s = get_slot(st, true, 0);
		slot_line(s, b, e);
		s->lines_once++;
		acc_add_bedrag(st, &s->bedrag_once, &bd);
		PG_RETURN_POINTER(st);
	}
	cb = b > st->win.window_start ? b : st->win.window_start;
	ce = e < st->win.peildatum ? e : st->win.peildatum;
	for (y = yfirst; y <= ylast; y++)
	{
		int32		ws,
					we;
		bool		once;

		jn_money_window(&st->win, y, &ws, &we);
		s = get_slot(st, false, y);
		slot_line(s, b, e);
		acc_add_share(st, &s->cost, &bd, b, e, ws, we,
					  jn_overlap_days(b, e, ws, we), den);
		once = (b >= ws) || (ws == st->win.window_start);
		if (once)
		{
			s->lines_once++;
			acc_add_bedrag(st, &s->bedrag_once, &bd);
		}
		slot_range(st, s, cb, ce);
		if (y == st->peil_year - 1 &&
			st->rest_prev_start <= st->rest_prev_end &&
			b <= st->rest_prev_end && e >= st->rest_prev_start)
			acc_add_share(st, &s->cost_prev_rest, &bd, b, e,
						  st->rest_prev_start, st->rest_prev_end,
						  jn_overlap_days(b, e, st->rest_prev_start, st->rest_prev_end), den);
		if (once && b <= st->w_end && e >= st->w_start)
			acc_add_share(st, &s->claimed_w, &bd, b, e, st->w_start, st->w_end,
						  jn_overlap_days(b, e, st->w_start, st->w_end), den);
	}
	PG_RETURN_POINTER(st);
}

/* ---- parallel aggregation: combine, serialise, deserialise ---- */

/* a new, empty state with these window dates, in cxt */
static MoneyState *
state_new(MemoryContext cxt, const int32 p[6])
{
	MoneyState *st = MemoryContextAllocZero(cxt, sizeof(MoneyState));

	st->cxt = cxt;
	jn_money_windows_init(&st->win, p[0], p[1]);
	st->rest_prev_start = p[2];
	st->rest_prev_end = p[3];
	st->w_start = p[4];
	st->w_end = p[5];
	st->peil_year = jn_date_year(p[1]);
	st->maxslots = 2;
	st->slots = MemoryContextAlloc(cxt, sizeof(MoneySlot) * st->maxslots);
	return st;
}

static void
state_dates(const MoneyState *st, int32 p[6])
{
	p[0] = st->win.window_start;
	p[1] = st->win.peildatum;
	p[2] = st->rest_prev_start;
	p[3] = st->rest_prev_end;
	p[4] = st->w_start;
	p[5] = st->w_end;
}

/* a += b (exact; b's 128-bit part goes to a's numeric part if it does not fit) */
static void
acc_merge(MoneyState *st, MoneyAcc *a, const MoneyAcc *b)
{
	if (b->has_i && !acc_add_i128(a, acc_get(b), b->scale))
		acc_add_numeric(st, a, i128_numeric(acc_get(b), b->scale));
	if (b->big != (Datum) 0)
		acc_add_numeric(st, a, b->big);
}

/* st += src (src is not changed; everything is copied into st's context) */
static void
state_merge(MoneyState *st, const MoneyState *src)
{
	int			i;

	acc_merge(st, &st->volume, &src->volume);
	for (i = 0; i < src->nslots; i++)
	{
		const MoneySlot *f = &src->slots[i];
		MoneySlot  *s = get_slot(st, f->no_year, f->year);
		int			j;

		s->claim_lines += f->claim_lines;
		s->lines_once += f->lines_once;
		if (f->first_day < s->first_day)
			s->first_day = f->first_day;
		if (f->last_day > s->last_day)
			s->last_day = f->last_day;
		acc_merge(st, &s->cost, &f->cost);
		acc_merge(st, &s->cost_prev_rest, &f->cost_prev_rest);
		acc_merge(st, &s->bedrag_once, &f->bedrag_once);
		acc_merge(st, &s->claimed_w, &f->claimed_w);
		for (j = 0; j < f->nranges; j++)
			slot_range(st, s, f->ranges[2 * j], f->ranges[2 * j + 1]);
	}
}

/* Not STRICT (internal state); the result lives in the aggregate context. */
Datum
jn_money_claim_sums_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MoneyState *st;
	MoneyState *src;
	int32		p[6],
				q[6];

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "money_claim_sums_combine called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	src = (MoneyState *) PG_GETARG_POINTER(1);
	state_dates(src, q);
	if (PG_ARGISNULL(0))
		st = state_new(aggcxt, q);
	else
	{
		st = (MoneyState *) PG_GETARG_POINTER(0);
		state_dates(st, p);
		if (memcmp(p, q, sizeof(p)) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("money_claim_sums_agg: the window dates must be the same on every row of a group")));
	}
	state_merge(st, src);
	PG_RETURN_POINTER(st);
}

#define JN_MS_MAGIC 0x4A4E4D53	/* "JNMS" */
#define JN_MS_VERSION 1

/* flags byte, then (has_i) scale and the 128 bits high/low, (big) a numeric_send with its length */
static void
send_acc(StringInfo buf, const MoneyAcc *a)
{
	pq_sendbyte(buf, (a->has_i ? 1 : 0) | (a->big != (Datum) 0 ? 2 : 0));
	if (a->has_i)
	{
		unsigned __int128 u = (unsigned __int128) acc_get(a);

		pq_sendint32(buf, a->scale);
		pq_sendint64(buf, (int64) (uint64) (u >> 64));
		pq_sendint64(buf, (int64) (uint64) u);
	}
	if (a->big != (Datum) 0)
	{
		bytea	   *b = DatumGetByteaPP(DirectFunctionCall1(numeric_send, a->big));

		pq_sendint32(buf, VARSIZE_ANY_EXHDR(b));
		pq_sendbytes(buf, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	}
}

/*
 * Version 1 layout: magic "JNMS", version, the six window dates, volume,
 * the number of slots, then per slot: no_year (byte), year, claim_lines,
 * lines_once, first_day, last_day, cost, cost_prev_rest, bedrag_once,
 * claimed_w, the number of ranges and the ranges (lo, hi).
 */
Datum
jn_money_claim_sums_serialize(PG_FUNCTION_ARGS)
{
	MoneyState *st;
	StringInfoData buf;
	int32		p[6];
	int			i,
				j;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "money_claim_sums_serialize called in non-aggregate context");
	st = (MoneyState *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, JN_MS_MAGIC);
	pq_sendint32(&buf, JN_MS_VERSION);
	state_dates(st, p);
	for (i = 0; i < 6; i++)
		pq_sendint32(&buf, p[i]);
	send_acc(&buf, &st->volume);
	pq_sendint32(&buf, st->nslots);
	for (i = 0; i < st->nslots; i++)
	{
		const MoneySlot *s = &st->slots[i];

		pq_sendbyte(&buf, s->no_year ? 1 : 0);
		pq_sendint32(&buf, s->year);
		pq_sendint64(&buf, s->claim_lines);
		pq_sendint64(&buf, s->lines_once);
		pq_sendint32(&buf, s->first_day);
		pq_sendint32(&buf, s->last_day);
		send_acc(&buf, &s->cost);
		send_acc(&buf, &s->cost_prev_rest);
		send_acc(&buf, &s->bedrag_once);
		send_acc(&buf, &s->claimed_w);
		pq_sendint32(&buf, s->nranges);
		for (j = 0; j < 2 * s->nranges; j++)
			pq_sendint32(&buf, s->ranges[j]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
ms_corrupt(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialised money_claim_sums_agg state"),
			 errdetail_internal("%s.", what)));
}

static void
need(StringInfo buf, int n)
{
	if (n < 0 || buf->len - buf->cursor < n)
		ms_corrupt("Too short");
}

static void
recv_acc(StringInfo buf, MoneyState *st, MoneyAcc *a)
{
	int			flags;

	need(buf, 1);
	flags = pq_getmsgbyte(buf);
	if (flags & ~3)
		ms_corrupt("Bad sum flags");
	memset(a, 0, sizeof(MoneyAcc));
	if (flags & 1)
	{
		uint64		hi,
					lo;

		need(buf, 20);
		a->has_i = true;
		a->scale = pq_getmsgint(buf, 4);
		if (a->scale < 0 || a->scale > MONEY_I128_MAXSCALE)
			ms_corrupt("Bad scale");
		hi = (uint64) pq_getmsgint64(buf);
		lo = (uint64) pq_getmsgint64(buf);
		acc_set(a, (jn_i128) (((unsigned __int128) hi << 64) | lo));
	}
	if (flags & 2)
	{
		int32		len;
		StringInfoData sub;

		need(buf, 4);
		len = pq_getmsgint(buf, 4);
		need(buf, len);
		/* numeric_recv reads a StringInfo; give it exactly this numeric */
		sub.data = buf->data + buf->cursor;
		sub.len = len;
		sub.maxlen = len;
		sub.cursor = 0;
		a->big = DirectFunctionCall3(numeric_recv, PointerGetDatum(&sub),
									 ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
		if (sub.cursor != len)
			ms_corrupt("Numeric length mismatch");
		buf->cursor += len;
	}
}

Datum
jn_money_claim_sums_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b;
	StringInfoData buf;
	MoneyState *st;
	int32		p[6];
	int			i,
				j,
				nslots;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "money_claim_sums_deserialize called in non-aggregate context");
	b = PG_GETARG_BYTEA_PP(0);
	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	need(&buf, 8 + 6 * 4);
	if ((uint32) pq_getmsgint(&buf, 4) != JN_MS_MAGIC)
		ms_corrupt("Bad magic number");
	if (pq_getmsgint(&buf, 4) != JN_MS_VERSION)
		ms_corrupt("Unsupported version");
	for (i = 0; i < 6; i++)
		p[i] = pq_getmsgint(&buf, 4);
	if (p[1] < p[0])
		ms_corrupt("Bad window");
	st = state_new(CurrentMemoryContext, p);
	recv_acc(&buf, st, &st->volume);
	need(&buf, 4);
	nslots = pq_getmsgint(&buf, 4);
	/* a slot takes at least 37 bytes */
	if (nslots < 0 || nslots > (buf.len - buf.cursor) / 37)
		ms_corrupt("Bad slot count");
	for (i = 0; i < nslots; i++)
	{
		bool		no_year;
		int32		year;
		MoneySlot  *s;
		int			nranges;

		need(&buf, 5);
		no_year = pq_getmsgbyte(&buf) != 0;
		year = pq_getmsgint(&buf, 4);
		s = get_slot(st, no_year, year);
		if (s->claim_lines != 0)
			ms_corrupt("Duplicate slot");
		need(&buf, 24);
		s->claim_lines = pq_getmsgint64(&buf);
		s->lines_once = pq_getmsgint64(&buf);
		s->first_day = pq_getmsgint(&buf, 4);
		s->last_day = pq_getmsgint(&buf, 4);
		if (s->claim_lines <= 0 || s->lines_once < 0 || s->lines_once > s->claim_lines)
			ms_corrupt("Bad line counts");
		recv_acc(&buf, st, &s->cost);
		recv_acc(&buf, st, &s->cost_prev_rest);
		recv_acc(&buf, st, &s->bedrag_once);
		recv_acc(&buf, st, &s->claimed_w);
		need(&buf, 4);
		nranges = pq_getmsgint(&buf, 4);
		if (nranges < 0 || nranges > (buf.len - buf.cursor) / 8)
			ms_corrupt("Bad range count");
		for (j = 0; j < nranges; j++)
		{
			int32		lo = pq_getmsgint(&buf, 4);
			int32		hi = pq_getmsgint(&buf, 4);

			if (lo > hi)
				ms_corrupt("Bad range");
			slot_range(st, s, lo, hi);
		}
	}
	if (buf.cursor != buf.len)
		ms_corrupt("Trailing bytes");
	PG_RETURN_POINTER(st);
}

static int
cmp_range(const void *a, const void *b)
{
	int32		x = ((const int32 *) a)[0];
	int32		y = ((const int32 *) b)[0];

	return (x > y) - (x < y);
}

static int
cmp_slot(const void *a, const void *b)
{
	const MoneySlot *x = a;
	const MoneySlot *y = b;

	if (x->no_year != y->no_year)
		return x->no_year ? 1 : -1;
	return (x->year > y->year) - (x->year < y->year);
}

/* Per call site (fn_extra): the element type and the range types. */
typedef struct MoneyFinalCache
{
	Oid			elemtype;
	int16		elemlen;
	bool		elembyval;
	char		elemalign;
	TupleDesc	tupdesc;
	TypeCacheEntry *rangetyp;
} MoneyFinalCache;

#define MONEY_NATTS 10			/* money_claim_sum; money_claim_sum_v has volume_once too */

/* the slot's days as a datemultirange (sorted and merged here; make_multirange merges too) */
static Datum
slot_days(MoneyFinalCache *c, MoneySlot *s)
{
	RangeType **ranges = palloc(sizeof(RangeType *) * s->nranges);
	int			n = 0,
				i;

	if (s->nranges > 1)
		qsort(s->ranges, s->nranges, 2 * sizeof(int32), cmp_range);
	for (i = 0; i < s->nranges; i++)
	{
		int32		lo = s->ranges[2 * i];
		int32		hi = s->ranges[2 * i + 1];
		RangeBound	lower,
					upper;

		while (i + 1 < s->nranges && (int64) s->ranges[2 * (i + 1)] <= (int64) hi + 1)
		{
			i++;
			if (s->ranges[2 * i + 1] > hi)
				hi = s->ranges[2 * i + 1];
		}
		lower.val = DateADTGetDatum(lo);
		lower.infinite = false;
		lower.inclusive = true;
		lower.lower = true;
		upper.val = DateADTGetDatum(hi);
		upper.infinite = false;
		upper.inclusive = true;
		upper.lower = false;
		ranges[n++] = make_range(c->rangetyp, &lower, &upper, false);
	}
	return MultirangeTypePGetDatum(make_multirange(DATEMULTIRANGEOID, c->rangetyp, n, ranges));
}

Datum
jn_money_claim_sums_final(PG_FUNCTION_ARGS)
{
	MoneyState *st;
	MoneyFinalCache *c = (MoneyFinalCache *) fcinfo->flinfo->fn_extra;
	Datum	   *elems;
	int			i;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "money_claim_sums_agg called in non-aggregate context");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (MoneyState *) PG_GETARG_POINTER(0);

	if (c == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		Oid			arraytype = get_func_rettype(fcinfo->flinfo->fn_oid);

		c = palloc0(sizeof(MoneyFinalCache));
		c->elemtype = get_element_type(arraytype);
		if (!OidIsValid(c->elemtype))
			elog(ERROR, "money_claim_sums_agg must return an array");
		get_typlenbyvalalign(c->elemtype, &c->elemlen, &c->elembyval, &c->elemalign);
		c->tupdesc = lookup_rowtype_tupdesc_copy(c->elemtype, -1);
		if (c->tupdesc->natts != MONEY_NATTS && c->tupdesc->natts != MONEY_NATTS + 1)
			elog(ERROR, "money_claim_sum must have %d or %d attributes", MONEY_NATTS, MONEY_NATTS + 1);
		BlessTupleDesc(c->tupdesc);
		c->rangetyp = lookup_type_cache(DATERANGEOID, TYPECACHE_RANGE_INFO);
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = c;
	}

	/* slots in year order, the year NULL one last (FINALFUNC_MODIFY = READ_WRITE) */
	qsort(st->slots, st->nslots, sizeof(MoneySlot), cmp_slot);
	elems = palloc(sizeof(Datum) * st->nslots);
	for (i = 0; i < st->nslots; i++)
	{
		MoneySlot  *s = &st->slots[i];
		Datum		v[MONEY_NATTS + 1];
		bool		n[MONEY_NATTS + 1];

		memset(n, 0, sizeof(n));
		v[0] = Int32GetDatum(s->year);
		n[0] = s->no_year;
		n[1] = !acc_result(&s->cost, &v[1]);
		n[2] = !acc_result(&s->cost_prev_rest, &v[2]);
		v[3] = Int64GetDatum(s->claim_lines);
		v[4] = Int64GetDatum(s->lines_once);
		n[5] = !acc_result(&s->bedrag_once, &v[5]);
		v[6] = DateADTGetDatum(s->first_day);
		v[7] = DateADTGetDatum(s->last_day);
		if (s->no_year || s->nranges == 0)
			n[8] = true;
		else
			v[8] = slot_days(c, s);
		n[9] = !acc_result(&s->claimed_w, &v[9]);
		/* volume_once: on the first element only */
		n[10] = i > 0 || !acc_result(&st->volume, &v[10]);
		elems[i] = HeapTupleGetDatum(heap_form_tuple(c->tupdesc, v, n));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, st->nslots, c->elemtype,
										  c->elemlen, c->elembyval, c->elemalign));
}
