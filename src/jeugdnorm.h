/*
 * jeugdnorm.h
 *		Shared declarations of the jeugdnorm C core.
 *
 * The header has two parts.
 *
 * 1. The pure-C cores (core_*.c): code lists, date/gap/overlap arithmetic,
 *    care-path sort + merge + label collapse, the follow-up step.  They use
 *    only the C library: no palloc, no ereport, no PostgreSQL headers.  They
 *    report problems as a jn_status and leave it to the fmgr wrappers
 *    (codes.c, dates.c, care_path.c, follow_up.c) to raise the ereport with
 *    the offending values.  That keeps them testable outside the server
 *    (test/fuzz builds them with libFuzzer and the sanitizers).
 *
 * 2. Helpers for the fmgr wrappers, only visible when postgres.h was
 *    included first (POSTGRES_H is its include guard).
 *
 * Dates are PostgreSQL DateADT values: int32 days since 2000-01-01, with
 * INT32_MIN = '-infinity' and INT32_MAX = '+infinity'.  In the cores an open
 * end (SQL NULL einddatum, or '+infinity') is JN_DATE_OPEN, which is the same
 * value as '+infinity', so "NULLS LAST" ordering falls out of plain integer
 * comparison.  Every difference of two dates is computed in int64: the span
 * of valid dates is close to 2^31 days.
 */
#ifndef JEUGDNORM_H
#define JEUGDNORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JN_DATE_NEG_INF		INT32_MIN
#define JN_DATE_POS_INF		INT32_MAX
#define JN_DATE_OPEN		INT32_MAX

/* Result of a pure-C core; the wrappers map each to an SQLSTATE. */
typedef enum jn_status
{
	JN_OK = 0,
	JN_ERR_INFINITE_START,		/* -infinity / +infinity where a real date is
								 * needed (22008) */
	JN_ERR_INFINITE_END,		/* '-infinity' as an end date (22008) */
	JN_ERR_END_BEFORE_START,	/* einddatum < ingangsdatum (22007) */
	JN_ERR_WINDOW,				/* window_end < window_start (22023) */
	JN_ERR_NEGATIVE_BOUND,		/* a gap bound < 0 (22023) */
	JN_ERR_MIN_GT_MAX,			/* min_gap > max_gap (22023) */
	JN_ERR_UNSORTED,			/* window partition not in contract order
								 * (22000) */
	JN_ERR_OVERFLOW				/* a result does not fit its type (22003) */
} jn_status;

/* ---------------------------------------------------------------------
 * Code lists (core_codes.c): iJw WJ756 eenheid and WJ757 frequentie.
 * ---------------------------------------------------------------------
 */
typedef enum jn_freq_kind
{
	JN_FREQ_DAG = 1,			/* '1' per dag */
	JN_FREQ_WEEK = 2,			/* '2' per week */
	JN_FREQ_MAAND = 4,			/* '4' per maand */
	JN_FREQ_TOTAAL = 6			/* '6' totaal binnen geldigheidsduur */
} jn_freq_kind;

typedef struct jn_eenheid
{
	const char *code;			/* '01', '04', ... */
	const char *omschrijving;
	const char *canonical_unit; /* 'uur', 'etmaal', 'stuks', 'euro' */
	int			factor_num;		/* canonical = volume * num / den */
	int			factor_den;
} jn_eenheid;

typedef struct jn_frequentie
{
	const char *code;
	const char *omschrijving;
	jn_freq_kind kind;
} jn_frequentie;

extern const jn_eenheid jn_eenheden[];
extern const size_t jn_n_eenheden;
extern const jn_frequentie jn_frequenties[];
extern const size_t jn_n_frequenties;

/*
 * Look a code up by its bytes (not NUL-terminated; text datums are not).
 * Exact match only: no trimming, no leading-zero folding ('1' is not '01').
 * NULL when unknown.
 */
extern const jn_eenheid *jn_lookup_eenheid(const char *code, size_t len);
extern const jn_frequentie *jn_lookup_frequentie(const char *code, size_t len);

/*
 * Code lists of DEFINITIONS.md section 9 (core_codes.c): COD327 verwijzer,
 * JZ588 reden beeindiging (with its CBS class), WJ759 reden afwijzing.
 * A code and its name; klass is the CBS class label for JZ588, NULL for
 * the others.  The CBS classes themselves, in the contract's order, with
 * the codes they hold as the contract writes them ('35,02'), are
 * jn_reason_classes.
 */
typedef struct jn_code
{
	const char *code;
	const char *omschrijving;
	const char *klass;
} jn_code;

typedef struct jn_reason_class
{
	const char *reason;			/* 'volgens plan', ... */
	const char *codes;			/* '31', '35,02', ...; NULL for 'onbekend' */
} jn_reason_class;

extern const jn_code jn_verwijzers[];
extern const size_t jn_n_verwijzers;
extern const jn_code jn_redenen_beeindiging[];
extern const size_t jn_n_redenen_beeindiging;
extern const jn_code jn_redenen_afwijzing[];
extern const size_t jn_n_redenen_afwijzing;
extern const jn_reason_class jn_reason_classes[];
extern const size_t jn_n_reason_classes;

/* Exact match of a counted string in a code list; NULL when unknown. */
extern const jn_code *jn_lookup_code(const jn_code *list, size_t n,
									 const char *code, size_t len);

/* ---------------------------------------------------------------------
 * Date arithmetic (core_dates.c).
 * ---------------------------------------------------------------------
 */

/* Days of [a, b] inclusive, b >= a, both finite. */
static inline int64_t
jn_days_inclusive(int32_t a, int32_t b)
{
	return (int64_t) b - (int64_t) a + 1;
}

/* Days of [s1, e1] inside [s2, e2], all finite, inclusive; 0 if disjoint. */
extern int64_t jn_overlap_days(int32_t s1, int32_t e1, int32_t s2, int32_t e2);

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
 * or NULL (open 'totaal' overlapping the window).  The wrapper does the
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

/* Check one allocation row (start finite, end open or >= start). */
extern jn_status jn_check_allocation(int32_t start, bool end_open,
									 int32_t end);

/* ---------------------------------------------------------------------
 * Care paths (core_path.c).
 * ---------------------------------------------------------------------
 */
typedef struct jn_path_row
{
	int32_t		start;
	int32_t		end;			/* JN_DATE_OPEN when open */
	int64_t		label_off;		/* into the label buffer */
	int32_t		label_len;		/* -1 = NULL label */
} jn_path_row;

typedef struct jn_path
{
	int32_t		start;
	int32_t		end;			/* JN_DATE_OPEN when open */
	int64_t		allocations;
	int64_t		label_off;		/* into the output label buffer */
	int64_t		label_len;		/* -1 = NULL label */
} jn_path;

/* Contract order: start, end (open last), label NULLS LAST, bytewise. */
extern int	jn_path_row_cmp(const jn_path_row *a, const jn_path_row *b,
							const char *labels);
extern bool jn_path_rows_sorted(const jn_path_row *rows, size_t n,
								const char *labels);
/* Stable merge sort; tmp must hold n rows. */
extern void jn_path_sort(jn_path_row *rows, size_t n, const char *labels,
						 jn_path_row *tmp);
/* Bytes the merged labels may need at most. */
extern size_t jn_path_label_capacity(const jn_path_row *rows, size_t n);

/*
 * Merge sorted rows into paths.  paths must hold n entries, out_labels
 * jn_path_label_capacity() bytes.  Returns the number of paths.
 */
extern size_t jn_path_merge(const jn_path_row *rows, size_t n,
							const char *labels, int32_t max_gap,
							jn_path *paths, char *out_labels);

/* ---------------------------------------------------------------------
 * Follow-up (core_dates.c): one step of the window function.
 * ---------------------------------------------------------------------
 */
typedef enum jn_follow_class
{
	JN_FU_EERSTE,
	JN_FU_VERLENGING,
	JN_FU_RECIDIVE,
	JN_FU_NIEUW
} jn_follow_class;

typedef struct jn_follow_state
{
	bool		has_prev;
	int32_t		prev_start;		/* previous row, for the order check */
	int32_t		prev_end;		/* JN_DATE_OPEN when open */
	int32_t		max_end;		/* running maximum end; JN_DATE_OPEN = open */
} jn_follow_state;

extern const char *const jn_follow_names[];

/*
 * Classify the next row (start, end) against the earlier rows in st and
 * fold it in.  *gap_null is true when there is no gap (eerste, or an open
 * earlier allocation).  JN_ERR_UNSORTED when (start, end) sorts before the
 * previous row.
 */
extern jn_status jn_follow_step(jn_follow_state *st, int32_t start,
								int32_t end, int32_t extension_days,
								int32_t recidive_days, jn_follow_class *cls,
								bool *gap_null, int64_t *gap);

/* Bound checks shared by follow_up and recidive. */
extern jn_status jn_check_bounds(int32_t min_gap, int32_t max_gap);

/* ---------------------------------------------------------------------
 * fmgr-side helpers (util.c, codes.c), only with postgres.h.
 * ---------------------------------------------------------------------
 */
#ifdef POSTGRES_H
#include "utils/date.h"

extern char *jn_date_str(int32_t d);
extern Datum jn_int64_numeric(int64_t v);
extern void jn_raise(jn_status st, const char *func, int32_t a, int32_t b);
extern const jn_eenheid *jn_eenheid_or_error(text *code);
extern const jn_frequentie *jn_frequentie_or_error(text *code);
#endif

#endif							/* JEUGDNORM_H */
