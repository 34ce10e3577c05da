/*
 * codes.c
 *		SQL face of the iJw code lists (core_codes.c): listings, membership
 *		tests for CHECK constraints, canonical unit and volume.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "jeugdnorm.h"

PG_FUNCTION_INFO_V1(jn_eenheid_codes);
PG_FUNCTION_INFO_V1(jn_frequentie_codes);
PG_FUNCTION_INFO_V1(jn_is_eenheid);
PG_FUNCTION_INFO_V1(jn_is_frequentie);
PG_FUNCTION_INFO_V1(jn_canonical_unit);
PG_FUNCTION_INFO_V1(jn_canonical_volume);

const jn_eenheid *
jn_eenheid_or_error(text *code)
{
	const jn_eenheid *e = jn_lookup_eenheid(VARDATA_ANY(code),
											VARSIZE_ANY_EXHDR(code));

	if (e == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown eenheid code \"%s\"", text_to_cstring(code)),
				 errhint("Known WJ756 codes: 01, 04, 14, 16, 82, 83, 84 (see jeugdnorm.eenheid_codes()).")));
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
				 errhint("Known WJ757 codes: 1, 2, 4, 6 (see jeugdnorm.frequentie_codes()).")));
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
