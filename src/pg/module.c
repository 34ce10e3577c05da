/*
 * pg/module.c
 *		Module magic.  Every SQL-callable function lives in the SQL face of
 *		its concept: pg/codes.c, pg/dates.c, pg/care_path.c, pg/follow_up.c,
 *		pg/verzilvering.c; each wraps the pure-C core of the same name in
 *		src/core/.
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
