/*
 * steering_codes.c
 *		SQL face of the section-9 code lists (core_codes.c): COD327
 *		verwijzer, JZ588 reden beeindiging with its CBS classes, WJ759
 *		reden afwijzing.  Listings for the views and membership tests for
 *		the CHECK constraints, so that no code is written in SQL.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "jeugdnorm.h"

PG_FUNCTION_INFO_V1(jn_verwijzer_codes);
PG_FUNCTION_INFO_V1(jn_reden_beeindiging_codes);
PG_FUNCTION_INFO_V1(jn_reden_beeindiging_classes);
PG_FUNCTION_INFO_V1(jn_is_verwijzer);
PG_FUNCTION_INFO_V1(jn_is_reden_beeindiging);
PG_FUNCTION_INFO_V1(jn_is_reden_afwijzing);

/*
 * The names are UTF-8 in the C source ('cliënt'); a database in another
 * encoding gets them converted (an error if the character does not exist
 * there, never mis-encoded bytes).
 */
static Datum
utf8_text_datum(const char *s)
{
	char	   *conv = pg_any_to_server(s, strlen(s), PG_UTF8);

	return PointerGetDatum(cstring_to_text(conv));
}

/* Rows (code, omschrijving[, class]) of a code list. */
static Datum
list_codes(FunctionCallInfo fcinfo, const jn_code *list, size_t n, bool with_class)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = utf8_text_datum(list[i].code);
		values[1] = utf8_text_datum(list[i].omschrijving);
		if (with_class)
			values[2] = utf8_text_datum(list[i].klass);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

Datum
jn_verwijzer_codes(PG_FUNCTION_ARGS)
{
	return list_codes(fcinfo, jn_verwijzers, jn_n_verwijzers, false);
}

Datum
jn_reden_beeindiging_codes(PG_FUNCTION_ARGS)
{
	return list_codes(fcinfo, jn_redenen_beeindiging, jn_n_redenen_beeindiging, true);
}

/* (reason, reason_code, ordinal): the CBS classes in the contract's order. */
Datum
jn_reden_beeindiging_classes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < jn_n_reason_classes; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = utf8_text_datum(jn_reason_classes[i].reason);
		if (jn_reason_classes[i].codes == NULL)
			nulls[1] = true;
		else
			values[1] = utf8_text_datum(jn_reason_classes[i].codes);
		values[2] = Int32GetDatum((int32) i + 1);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

static bool
in_list(text *code, const jn_code *list, size_t n)
{
	return jn_lookup_code(list, n, VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code)) != NULL;
}

Datum
jn_is_verwijzer(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(in_list(PG_GETARG_TEXT_PP(0), jn_verwijzers, jn_n_verwijzers));
}

Datum
jn_is_reden_beeindiging(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(in_list(PG_GETARG_TEXT_PP(0), jn_redenen_beeindiging,
						   jn_n_redenen_beeindiging));
}

Datum
jn_is_reden_afwijzing(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(in_list(PG_GETARG_TEXT_PP(0), jn_redenen_afwijzing,
						   jn_n_redenen_afwijzing));
}
