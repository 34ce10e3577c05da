/*
 * core/formats.c
 *		The formats of single input values, in pure C (core/formats.h).
 *
 * Each rule is written once here.  Its SQL face (src/pg/formats.c) serves
 * the CHECK constraints and the CSV loaders; the iJw parser (src/pg/ijw.c)
 * calls the same functions on the values of a message.  Counted strings
 * (text datums are not NUL-terminated); ASCII only: a non-ASCII byte is
 * never a digit or a letter here.
 */
#include "core/formats.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
jn_bsn_valid(const char *s, size_t len)
{
	int			sum = 0;
	bool		nonzero = false;

	if (len != 9)
		return false;
	for (int i = 0; i < 9; i++)
	{
		if (!is_digit(s[i]))
			return false;
		if (s[i] != '0')
			nonzero = true;
		sum += (i < 8 ? (9 - i) : -1) * (s[i] - '0');
	}
	return nonzero && sum % 11 == 0;
}

bool
jn_iso_date(const char *s, size_t len, int *y, int *m, int *d)
{
	int			yy,
				mm,
				dd,
				dim;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return false;
	yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	mm = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (yy < 1 || mm < 1 || mm > 12 || dd < 1)
		return false;
	dim = (mm == 2) ? ((yy % 4 == 0 && (yy % 100 != 0 || yy % 400 == 0)) ? 29 : 28)
		: (mm == 4 || mm == 6 || mm == 9 || mm == 11) ? 30 : 31;
	if (dd > dim)
		return false;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return true;
}

bool
jn_digits(const char *s, size_t len, size_t n)
{
	if (len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

bool
jn_productcode(const char *s, size_t len)
{
	if (len != 5)
		return false;
	for (size_t i = 0; i < 5; i++)
		if (!(is_digit(s[i]) || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
			return false;
	return true;
}
