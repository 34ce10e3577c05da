/*
 * fuzz_codes.c
 *		libFuzzer target: code-list lookups on arbitrary bytes.
 */
#include "fuzz_common.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* copy so reads past size are caught by ASan */
	char	   *buf = malloc(size ? size : 1);
	const jn_eenheid *e;
	const jn_frequentie *f;

	memcpy(buf, data, size);
	e = jn_lookup_eenheid(buf, size);
	f = jn_lookup_frequentie(buf, size);
	if (e != NULL)
	{
		CHECK(strlen(e->code) == size && memcmp(e->code, buf, size) == 0);
		CHECK(e->factor_den >= 1 && e->factor_num >= 1);
		CHECK(strcmp(e->canonical_unit, "uur") == 0 || strcmp(e->canonical_unit, "etmaal") == 0 ||
			  strcmp(e->canonical_unit, "stuks") == 0 || strcmp(e->canonical_unit, "euro") == 0);
	}
	if (f != NULL)
		CHECK(strlen(f->code) == size && memcmp(f->code, buf, size) == 0);
	/* a code is never both */
	CHECK(e == NULL || f == NULL);
	free(buf);
	return 0;
}
