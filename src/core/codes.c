/*
 * core/codes.c
 *		The iJw code lists jeugdnorm knows, in one table each (pure C).
 *
 * WJ756 eenheid and WJ757 frequentie, as DEFINITIONS.md section 5 lists
 * them; COD327 verwijzer, JZ588 reden beeindiging (with the CBS classes of
 * [S1]) and WJ759 reden afwijzing from section 9.  Everything that needs a
 * code (canonical_unit, canonical_volume, allocated_volume, the SQL
 * listings, the CHECK helpers, the hints of the unknown-code errors) reads
 * these tables, so a code is added in exactly one place.  The SQL face is
 * src/pg/codes.c.
 */
#include <string.h>

#include "core/codes.h"

/*
 * Canonical unit and factor: time units become hours (minute / 60, hour,
 * dagdeel = 4 hours); etmaal, stuks and euro stay as they are.
 */
const jn_eenheid jn_eenheden[] = {
	{"01", "minuut", "uur", 1, 60},
	{"04", "uur", "uur", 1, 1},
	{"14", "etmaal", "etmaal", 1, 1},
	{"16", "dagdeel (4 uur)", "uur", 4, 1},
	{"82", "stuks (output)", "stuks", 1, 1},
	{"83", "euro's", "euro", 1, 1},
	{"84", "stuks (inspanning)", "stuks", 1, 1},
};
const size_t jn_n_eenheden = sizeof(jn_eenheden) / sizeof(jn_eenheden[0]);

const jn_frequentie jn_frequenties[] = {
	{"1", "per dag", JN_FREQ_DAG},
	{"2", "per week", JN_FREQ_WEEK},
	{"4", "per maand", JN_FREQ_MAAND},
	{"6", "totaal binnen geldigheidsduur toewijzing", JN_FREQ_TOTAAL},
};
const size_t jn_n_frequenties = sizeof(jn_frequenties) / sizeof(jn_frequenties[0]);

/* Exact byte comparison of a counted string with a NUL-terminated code. */
static bool
code_equals(const char *code, size_t len, const char *known)
{
	size_t		klen = strlen(known);

	return len == klen && memcmp(code, known, len) == 0;
}

const jn_eenheid *
jn_lookup_eenheid(const char *code, size_t len)
{
	for (size_t i = 0; i < jn_n_eenheden; i++)
		if (code_equals(code, len, jn_eenheden[i].code))
			return &jn_eenheden[i];
	return NULL;
}

const jn_frequentie *
jn_lookup_frequentie(const char *code, size_t len)
{
	for (size_t i = 0; i < jn_n_frequenties; i++)
		if (code_equals(code, len, jn_frequenties[i].code))
			return &jn_frequenties[i];
	return NULL;
}

/* COD327 verwijzer (referrer), section 9; the names are the [S1] labels. */
const jn_code jn_verwijzers[] = {
	{"01", "gemeente", NULL},
	{"02", "huisarts", NULL},
	{"03", "jeugdarts", NULL},
	{"04", "gecertificeerde instelling", NULL},
	{"05", "medisch specialist", NULL},
	{"06", "zelfverwijzer/geen verwijzer", NULL},
	{"08", "rechter, officier van justitie of JJI", NULL},
};
const size_t jn_n_verwijzers = sizeof(jn_verwijzers) / sizeof(jn_verwijzers[0]);

/*
 * CBS classes of the ending reasons ([S1]), in the contract's order, each
 * with its codes as the contract writes them.  'onbekend' holds the NULL
 * reason (and, by [R13], any code outside the list).
 */
#define JN_VOLGENS_PLAN "volgens plan"
#define JN_IN_OVEREENSTEMMING "voortijdig, in overeenstemming"
#define JN_DOOR_CLIENT "voortijdig, eenzijdig door de cli\u00ebnt"
#define JN_DOOR_AANBIEDER "voortijdig, eenzijdig door de aanbieder"
#define JN_EXTERN "voortijdig, externe omstandigheden"
#define JN_OVERIG "overig"

const jn_reason_class jn_reason_classes[] = {
	{JN_VOLGENS_PLAN, "31"},
	{JN_IN_OVEREENSTEMMING, "34"},
	{JN_DOOR_CLIENT, "32"},
	{JN_DOOR_AANBIEDER, "33"},
	{JN_EXTERN, "35,02"},
	{JN_OVERIG, "20,36,37,38,39"},
	{"onbekend", NULL},
};
const size_t jn_n_reason_classes = sizeof(jn_reason_classes) / sizeof(jn_reason_classes[0]);

/* JZ588 reden beeindiging (JW307), with the CBS class of each code. */
const jn_code jn_redenen_beeindiging[] = {
	{"02", "overlijden", JN_EXTERN},
	{"20", "tijdelijk be\u00ebindigd", JN_OVERIG},
	{"31", "volgens plan", JN_VOLGENS_PLAN},
	{"32", "voortijdig, eenzijdig door de cli\u00ebnt", JN_DOOR_CLIENT},
	{"33", "voortijdig, eenzijdig door de aanbieder", JN_DOOR_AANBIEDER},
	{"34", "voortijdig, in overeenstemming", JN_IN_OVEREENSTEMMING},
	{"35", "voortijdig, externe omstandigheden", JN_EXTERN},
	{"36", "door de gemeente", JN_OVERIG},
	{"37", "wijzigingsverzoek", JN_OVERIG},
	{"38", "overstap naar andere aanbieder", JN_OVERIG},
	{"39", "uitstroom naar ander domein", JN_OVERIG},
};
const size_t jn_n_redenen_beeindiging = sizeof(jn_redenen_beeindiging) / sizeof(jn_redenen_beeindiging[0]);

/*
 * WJ759 reden afwijzing: the contract fixes the codes (one digit, '1' ..
 * '9'), not their texts, so no names are listed here.
 */
const jn_code jn_redenen_afwijzing[] = {
	{"1", NULL, NULL}, {"2", NULL, NULL}, {"3", NULL, NULL},
	{"4", NULL, NULL}, {"5", NULL, NULL}, {"6", NULL, NULL},
	{"7", NULL, NULL}, {"8", NULL, NULL}, {"9", NULL, NULL},
};
const size_t jn_n_redenen_afwijzing = sizeof(jn_redenen_afwijzing) / sizeof(jn_redenen_afwijzing[0]);

const jn_code *
jn_lookup_code(const jn_code *list, size_t n, const char *code, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (code_equals(code, len, list[i].code))
			return &list[i];
	return NULL;
}
