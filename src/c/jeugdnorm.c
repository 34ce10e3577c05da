/*
 * jeugdnorm.c
 *		Module magic.  Every SQL-callable function lives in the file of its
 *		concept (codes.c, dates.c, care_path.c, follow_up.c, verzilvering.c).
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
