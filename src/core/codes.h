/*
 * core/codes.h
 *		The iJw code lists jeugdnorm knows (core/codes.c): WJ756 eenheid,
 *		WJ757 frequentie (DEFINITIONS.md section 5), and the section-9 lists
 *		COD327 verwijzer, JZ588 reden beeindiging with its CBS classes, WJ759
 *		reden afwijzing.  The one place a code is written.
 */
#ifndef JN_CORE_CODES_H
#define JN_CORE_CODES_H

#include "core/core.h"

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
 * Code lists of DEFINITIONS.md section 9: COD327 verwijzer, JZ588 reden
 * beeindiging (with its CBS class), WJ759 reden afwijzing.  A code and its
 * name; klass is the CBS class label for JZ588, NULL for the others.  The
 * CBS classes themselves, in the contract's order, with the codes they hold
 * as the contract writes them ('35,02'), are jn_reason_classes.
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

#endif							/* JN_CORE_CODES_H */
