/*
 * pg/codes.c
 *		SQL face of the iJw code lists (core/codes.c): listings, membership
 *		tests for CHECK constraints, canonical unit and volume, and the
 *		unknown-code errors, whose hints list the codes from the same tables.
 *		WJ756 eenheid and WJ757 frequentie (section 5); COD327 verwijzer,
 *		JZ588 reden beeindiging with its CBS classes and WJ759 reden
 *		afwijzing (section 9), so that no code is written in SQL.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "pg/pg.h"

PG_FUNCTION_INFO_V1(jn_eenheid_codes);
PG_FUNCTION_INFO_V1(jn_frequentie_codes);
PG_FUNCTION_INFO_V1(jn_is_eenheid);
PG_FUNCTION_INFO_V1(jn_is_frequentie);
PG_FUNCTION_INFO_V1(jn_canonical_unit);
PG_FUNCTION_INFO_V1(jn_canonical_volume);
PG_FUNCTION_INFO_V1(jn_verwijzer_codes);
PG_FUNCTION_INFO_V1(jn_reden_beeindiging_codes);
PG_FUNCTION_INFO_V1(jn_reden_beeindiging_classes);
PG_FUNCTION_INFO_V1(jn_is_verwijzer);
PG_FUNCTION_INFO_V1(jn_is_reden_beeindiging);
PG_FUNCTION_INFO_V1(jn_is_reden_afwijzing);

/*
 * The codes of a list as "01, 04, ...", read from the core's table: the
 * hint of an unknown-code error, so a code added to core/codes.c shows up
 * in the hint without touching this file.
 */
static char *
known_eenheden(void)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (size_t i = 0; i < jn_n_eenheden; i++)
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "", jn_eenheden[i].code);
	return buf.data;
}

static char *
known_frequenties(void)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (size_t i = 0; i < jn_n_frequenties; i++)
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "", jn_frequenties[i].code);
	return buf.data;
}

const jn_eenheid *
jn_eenheid_or_error(text *code)
{
	const jn_eenheid *e = jn_lookup_eenheid(VARDATA_ANY(code),
											VARSIZE_ANY_EXHDR(code));

	if (e == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown eenheid code \"%s\"", text_to_cstring(code)),
				 errhint("Known WJ756 codes: %s (see jeugdnorm.eenheid_codes()).",
						 known_eenheden())));
	return e;
}

const jn_frequentie *
jn_frequentie_or_error(text *code)
{
	const jn_frequentie *f = jn_lookup_frequentie(VARDATA_ANY(code),
												  VARSIZE_ANY_EXHDR(code));

	if (f == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown frequentie code \"%s\"", text_to_cstring(code)),
				 errhint("Known WJ757 codes: %s (see jeugdnorm.frequentie_codes()).",
						 known_frequenties())));
	return f;
}

/* The factor as SQL would compute it: num::numeric / den. */
static Datum
factor_numeric(const jn_eenheid *e)
{
	Datum		num = jn_int64_numeric(e->factor_num);

	if (e->factor_den == 1)
		return num;
	return DirectFunctionCall2(numeric_div, num,
							   jn_int64_numeric(e->factor_den));
}

Datum
jn_eenheid_codes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < jn_n_eenheden; i++)
	{
		const jn_eenheid *e = &jn_eenheden[i];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = CStringGetTextDatum(e->code);
		values[1] = CStringGetTextDatum(e->omschrijving);
		values[2] = CStringGetTextDatum(e->canonical_unit);
		values[3] = factor_numeric(e);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

Datum
jn_frequentie_codes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < jn_n_frequenties; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(jn_frequenties[i].code);
		values[1] = CStringGetTextDatum(jn_frequenties[i].omschrijving);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

Datum
jn_is_eenheid(PG_FUNCTION_ARGS)
{
	text	   *code = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(jn_lookup_eenheid(VARDATA_ANY(code),
									 VARSIZE_ANY_EXHDR(code)) != NULL);
}

Datum
jn_is_frequentie(PG_FUNCTION_ARGS)
{
	text	   *code = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(jn_lookup_frequentie(VARDATA_ANY(code),
										VARSIZE_ANY_EXHDR(code)) != NULL);
}

Datum
jn_canonical_unit(PG_FUNCTION_ARGS)
{
	const jn_eenheid *e = jn_eenheid_or_error(PG_GETARG_TEXT_PP(0));

	PG_RETURN_TEXT_P(cstring_to_text(e->canonical_unit));
}

/*
 * volume in the canonical unit.  Factor 1 returns the input unchanged (same
 * scale); dagdeel multiplies (exact); minutes divide by 60 with numeric
 * division, and trailing zeros of the quotient are trimmed (90 minutes is
 * 1.5, not 1.5000000000000000); an inexact quotient keeps numeric_div's
 * precision.
 */
Datum
jn_canonical_volume(PG_FUNCTION_ARGS)
{
	Datum		volume = PG_GETARG_DATUM(0);
	const jn_eenheid *e = jn_eenheid_or_error(PG_GETARG_TEXT_PP(1));
	Datum		result = volume;

	if (e->factor_num != 1)
		result = DirectFunctionCall2(numeric_mul, result,
									 jn_int64_numeric(e->factor_num));
	if (e->factor_den != 1)
	{
		result = DirectFunctionCall2(numeric_div, result,
									 jn_int64_numeric(e->factor_den));
		result = DirectFunctionCall1(numeric_trim_scale, result);
	}
	PG_RETURN_DATUM(result);
}

/* ---- section-9 code lists ---- */

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
