/*
 * fuzz_common.h
 *		Helpers for the libFuzzer targets of the pure-C cores: a byte
 *		reader and a check that aborts (so libFuzzer and the sanitizer driver
 *		report it with the input that broke it).
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/core.h"
#include "core/dates.h"
#include "core/follow_up.h"
#include "core/path.h"

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

typedef struct reader
{
	const uint8_t *p;
	size_t		left;
} reader;

static inline uint32_t
rd_u32(reader *r)
{
	uint32_t	v = 0;

	for (int i = 0; i < 4; i++)
	{
		v = (v << 8) | (r->left ? *r->p : 0);
		if (r->left)
		{
			r->p++;
			r->left--;
		}
	}
	return v;
}

static inline uint8_t
rd_u8(reader *r)
{
	uint8_t		v = r->left ? *r->p : 0;

	if (r->left)
	{
		r->p++;
		r->left--;
	}
	return v;
}

/*
 * A date: mostly small (so gaps hit the 90/365 bounds and rows collide),
 * sometimes one of the int32 edges (infinities and their neighbours),
 * sometimes any int32.
 */
static inline int32_t
rd_date(reader *r)
{
	uint8_t		kind = rd_u8(r);
	uint32_t	raw = rd_u32(r);
	static const int32_t edges[] = {
		INT32_MIN, INT32_MIN + 1, INT32_MAX, INT32_MAX - 1, 0, -1, 1,
		-2451545, 2145031948	/* first / last valid PostgreSQL date */
	};

	switch (kind % 8)
	{
		case 0:
			return edges[raw % (sizeof(edges) / sizeof(edges[0]))];
		case 1:
			return (int32_t) raw;
		default:
			return (int32_t) (raw % 1200);
	}
}

#endif
