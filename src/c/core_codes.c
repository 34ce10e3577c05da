/*
 * core_codes.c
 *		The iJw code lists jeugdnorm knows, in one table each (pure C).
 *
 * WJ756 eenheid and WJ757 frequentie, as DEFINITIONS.md section 5 lists
 * them.  Everything that needs a code (canonical_unit, canonical_volume,
 * allocated_volume, the SQL listings, the CHECK helpers) reads these tables,
 * so a code is added in exactly one place.
 */
#include <string.h>

#include "jeugdnorm.h"

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
