/*
 * ijw.c
 *		Raw iJw 3.2 XML messages in (DEFINITIONS.md section 11): the parser
 *		behind jeugdnorm.load_ijw() (src/sql/27_ijw.sql).
 *
 * jeugdnorm.ijw_parse(max_bytes, batch_bytes, loadable) reads the next
 * unprocessed messages of jeugdnorm.ijw_bericht (status IS NULL) in
 * bericht_id order, about batch_bytes of them, and returns, set-based, one
 * row per element of a message to load (a JW301 ToegewezenProduct, a JW307
 * StopProduct, a JW315 AangevraagdProduct, a JW319 Antwoord, a JW323
 * Prestatie, with all its problems or none) and one row per message (soort
 * 'bericht': its kind, header, fault, a keyed hash of its content, the
 * earlier message of the same content, its counts).  Every check is made
 * in this one pass, so that load_ijw() only inserts and updates, with one
 * statement per batch.  The text to keep of each message stays here, for
 * jeugdnorm.ijw_kept_text() in that statement's UPDATE, and so do the claim
 * lines that load (most rows of a batch), for
 * jeugdnorm_internal.ijw_claims() in that statement's declaratie insert.
 *
 * Decisions:
 *  * libxml2's SAX2 interface (streaming, no tree), namespace-aware: an
 *    element is matched by its namespace URI (the message's own namespace
 *    or the iJw basisschema namespace) and its local name, never by the
 *    prefix.  The message kind is the root's namespace; the header's
 *    BerichtCode must be the one of that namespace.
 *  * Hostile input is harmless: a message with a DOCTYPE is refused at the
 *    DOCTYPE (so no entity is ever declared: no billion laughs, no external
 *    entity, XXE impossible), XML_PARSE_NONET, no DTD loading, no entity
 *    substitution, libxml2's default (non-huge) limits kept; our own bounds
 *    on nesting depth (ijw_max_depth), on the text of one element
 *    (ijw_max_text) and on the size of a message (max_bytes, checked before
 *    the text is even read from TOAST).  Text is parsed as UTF-8 whatever
 *    the XML declaration says (the database already holds it as text);
 *    invalid UTF-8 is refused.  libxml2's error messages go to our handler
 *    only (never to the server log).
 *  * No BSN leaves this file: the function pseudonymises (HMAC-SHA256 under
 *    the region's key, byte for byte jeugdnorm.pseudonymise()) and returns
 *    only client_id; the text to keep has every Bsn value replaced by its
 *    pseudonym (every digit run in the text equal to a Bsn value, so a BSN
 *    in a comment or CDATA goes too); when some Bsn value cannot be found
 *    literally (written with character references, split by a comment) the
 *    text is not kept at all.  The content of the personal elements (Naam,
 *    Contactgegevens, Relaties, ...: is_personal) is left out of the kept
 *    text, found by the parser's byte offsets and checked against the
 *    text ('>' ending the start tag, '</' starting the end tag); where a
 *    check fails, no text is kept.  A message that does not parse keeps its text
 *    with every run of exactly 9 digits masked.  The function is SECURITY
 *    DEFINER (it reads the key, as pseudonymise() does) and, like
 *    pseudonymise(), not executable by PUBLIC.
 *  * The content hash (idempotence, [X1]) is the HMAC-SHA256 of the message
 *    as received under the same key: equal content gives an equal hash, and
 *    without the key the hash says nothing about a BSN in it.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "access/heaptoast.h"
#include "access/toast_compression.h"
#include "access/toast_internals.h"
#include "catalog/pg_type.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/array.h"
#include "utils/tuplestore.h"

#include "pg/pg.h"

#ifdef USE_OPENSSL
/* SHA256_Init & co: deprecated in OpenSSL 3, kept for exactly this use */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#endif

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#define IJW_NS_PREFIX	"http://www.istandaarden.nl/ijw/3_2/"
#define IJW_NS_BASIS	"http://www.istandaarden.nl/ijw/3_2/basisschema/schema"

static const int ijw_max_depth = 24;	/* iJw trees are at most ~9 deep */
static const int ijw_max_text = 16384;	/* bytes of one element's text; iJw's longest is 1000 characters */

/* ---- output columns -------------------------------------------------------- */

enum
{
	C_BERICHT_ID, C_SOORT, C_VOLGNR, C_PAD, C_BERICHTCODE, C_BERICHTTYPE,
	C_AFZENDER, C_ONTVANGER, C_IDENTIFICATIE, C_DAGTEKENING, C_FOUT,
	C_INHOUD_HASH, C_CLIENT_ID, C_BSN_FOUT, C_GEBOORTEDATUM, C_DATUMGEBRUIK,
	C_POSTCODE,
	/* record fields (F_ below index from here) */
	C_TOEWIJZINGNUMMER, C_REFERENTIE, C_VORIG_REFERENTIE, C_CATEGORIE, C_CODE,
	C_TOEWIJZINGSDATUM, C_TOEWIJZINGSTIJD, C_INGANGSDATUM, C_EINDDATUM,
	C_BEGINDATUM, C_REDEN, C_VOLUME, C_EENHEID, C_FREQUENTIE, C_BUDGET,
	C_VERWIJZER, C_ANTWOORD, C_BEDRAG, C_DEBET_CREDIT,
	C_PROBLEEM,					/* problems of the element (not a field) */
	C_GEMEENTE,					/* element rows: the gemeente it belongs to */
	C_AANBIEDER,				/* element rows: the aanbieder */
	C_DUBBEL,					/* bericht row: earlier message of the same content (bigint) */
	C_N_GOOD,					/* bericht row: elements loaded (integer) */
	C_N_BAD,					/* bericht row: elements refused (integer) */
	N_COLS
};

#define F_FIRST C_TOEWIJZINGNUMMER
#define N_FIELDS (C_PROBLEEM - F_FIRST)

/* pseudo fields outside the record */
enum
{
	H_BERICHTCODE, H_AFZENDER, H_ONTVANGER, H_IDENTIFICATIE, H_DAGTEKENING,
	N_HEADER
};
enum
{
	K_BSN, K_GEBOORTEDATUM, K_DATUMGEBRUIK, K_POSTCODE, N_CLIENT
};

/*
 * A path below an anchor, compiled (compile_paths) from its text
 * "m:Omvang/b:Volume": per step the namespace class and the element name's
 * number (name_id), so that matching compares small integers, not strings.
 */
#define PATH_MAX_STEPS 6

typedef struct CompiledPath
{
	int			n;				/* steps */
	char		ns[PATH_MAX_STEPS];
	int16		id[PATH_MAX_STEPS];
} CompiledPath;

typedef struct FieldPat
{
	const char *rel;			/* path below its anchor: "m:Omvang/b:Volume" */
	int			target;			/* column (record) or H_/K_ index */
	bool		mandatory;
	const char *name;			/* for the reason text */
	CompiledPath path;			/* rel, compiled */
} FieldPat;

static FieldPat header_fields[] = {
	{"m:BerichtCode", H_BERICHTCODE, true, "BerichtCode"},
	{"m:Afzender", H_AFZENDER, true, "Afzender"},
	{"m:Ontvanger", H_ONTVANGER, true, "Ontvanger"},
	{"m:BerichtIdentificatie/b:Identificatie", H_IDENTIFICATIE, true, "BerichtIdentificatie/Identificatie"},
	{"m:BerichtIdentificatie/b:Dagtekening", H_DAGTEKENING, true, "BerichtIdentificatie/Dagtekening"},
	{NULL, 0, false, NULL}
};

static FieldPat client_fields_301[] = {
	{"m:Bsn", K_BSN, true, "Bsn"},
	{"m:Geboortedatum/b:Datum", K_GEBOORTEDATUM, true, "Geboortedatum/Datum"},
	{"m:Geboortedatum/b:DatumGebruik", K_DATUMGEBRUIK, false, "Geboortedatum/DatumGebruik"},
	{"m:Contactgegevens/m:Contact/m:Adres/b:Postcode", K_POSTCODE, false, "Postcode"},
	{NULL, 0, false, NULL}
};

static FieldPat client_fields_bsn[] = {
	{"m:Bsn", K_BSN, true, "Bsn"},
	{NULL, 0, false, NULL}
};

static FieldPat client_fields_315[] = {
	{"m:Bsn", K_BSN, true, "Bsn"},
	{"m:Geboortedatum/b:Datum", K_GEBOORTEDATUM, true, "Geboortedatum/Datum"},
	{"m:Geboortedatum/b:DatumGebruik", K_DATUMGEBRUIK, false, "Geboortedatum/DatumGebruik"},
	{NULL, 0, false, NULL}
};

static FieldPat rec_301[] = {
	{"m:ToewijzingNummer", C_TOEWIJZINGNUMMER, true, "ToewijzingNummer"},
	{"m:ReferentieAanbieder", C_REFERENTIE, false, "ReferentieAanbieder"},
	{"m:Product/b:Categorie", C_CATEGORIE, false, "Product/Categorie"},
	{"m:Product/b:Code", C_CODE, false, "Product/Code"},
	{"m:Toewijzingsdatum", C_TOEWIJZINGSDATUM, true, "Toewijzingsdatum"},
	{"m:Toewijzingstijd", C_TOEWIJZINGSTIJD, true, "Toewijzingstijd"},
	{"m:Ingangsdatum", C_INGANGSDATUM, true, "Ingangsdatum"},
	{"m:Einddatum", C_EINDDATUM, false, "Einddatum"},
	{"m:RedenWijziging", C_REDEN, false, "RedenWijziging"},
	{"m:Omvang/b:Volume", C_VOLUME, false, "Omvang/Volume"},
	{"m:Omvang/b:Eenheid", C_EENHEID, false, "Omvang/Eenheid"},
	{"m:Omvang/b:Frequentie", C_FREQUENTIE, false, "Omvang/Frequentie"},
	{"m:Budget", C_BUDGET, false, "Budget"},
	{NULL, 0, false, NULL}
};

static FieldPat rec_307[] = {
	{"m:ToewijzingNummer", C_TOEWIJZINGNUMMER, false, "ToewijzingNummer"},
	{"m:Product/b:Categorie", C_CATEGORIE, false, "Product/Categorie"},
	{"m:Product/b:Code", C_CODE, false, "Product/Code"},
	{"m:Begindatum", C_BEGINDATUM, true, "Begindatum"},
	{"m:RedenBeeindiging", C_REDEN, true, "RedenBeeindiging"},
	{"m:Einddatum", C_EINDDATUM, true, "Einddatum"},
	{NULL, 0, false, NULL}
};

static FieldPat rec_315[] = {
	{"m:ReferentieAanbieder", C_REFERENTIE, true, "ReferentieAanbieder"},
	{"m:Product/b:Categorie", C_CATEGORIE, false, "Product/Categorie"},
	{"m:Product/b:Code", C_CODE, false, "Product/Code"},
	{"m:ToewijzingIngangsdatum", C_INGANGSDATUM, true, "ToewijzingIngangsdatum"},
	{"m:ToewijzingEinddatum", C_EINDDATUM, false, "ToewijzingEinddatum"},
	{"m:Omvang/b:Volume", C_VOLUME, false, "Omvang/Volume"},
	{"m:Omvang/b:Eenheid", C_EENHEID, false, "Omvang/Eenheid"},
	{"m:Omvang/b:Frequentie", C_FREQUENTIE, false, "Omvang/Frequentie"},
	{"m:Budget", C_BUDGET, false, "Budget"},
	{"m:Verwijzer/b:Type", C_VERWIJZER, true, "Verwijzer/Type"},
	{NULL, 0, false, NULL}
};

static FieldPat rec_319[] = {
	{"m:ReferentieAanbieder", C_REFERENTIE, true, "ReferentieAanbieder"},
	{"m:VerzoekAntwoord", C_ANTWOORD, true, "VerzoekAntwoord"},
	{"m:RedenAfwijzingVerzoek", C_REDEN, false, "RedenAfwijzingVerzoek"},
	{NULL, 0, false, NULL}
};

static FieldPat rec_323[] = {
	{"m:ProductReferentie/b:ReferentieNummer", C_REFERENTIE, true, "ProductReferentie/ReferentieNummer"},
	{"m:ProductReferentie/b:VorigReferentieNummer", C_VORIG_REFERENTIE, false, "ProductReferentie/VorigReferentieNummer"},
	{"m:ToewijzingNummer", C_TOEWIJZINGNUMMER, true, "ToewijzingNummer"},
	{"m:ProductCategorie", C_CATEGORIE, true, "ProductCategorie"},
	{"m:ProductCode", C_CODE, true, "ProductCode"},
	{"m:ProductPeriode/b:Begindatum", C_BEGINDATUM, true, "ProductPeriode/Begindatum"},
	{"m:ProductPeriode/b:Einddatum", C_EINDDATUM, true, "ProductPeriode/Einddatum"},
	{"m:GeleverdVolume", C_VOLUME, true, "GeleverdVolume"},
	{"m:Eenheid", C_EENHEID, true, "Eenheid"},
	{"m:IngediendBedrag/b:Bedrag", C_BEDRAG, true, "IngediendBedrag/Bedrag"},
	{"m:IngediendBedrag/b:DebetCredit", C_DEBET_CREDIT, true, "IngediendBedrag/DebetCredit"},
	{NULL, 0, false, NULL}
};

typedef struct MsgKind
{
	const char *ns;				/* "jw301" */
	const char *code;			/* "436" */
	const char *type;			/* "JW301" */
	const char *client;			/* anchor of the client block, or NULL */
	FieldPat   *client_fields;
	const char *record;			/* anchor of a record, or NULL (no rows) */
	const char *record_name;	/* its local name, for paths */
	const char *soort;			/* soort of its rows */
	FieldPat   *record_fields;
	CompiledPath client_path;	/* client, compiled */
	CompiledPath record_path;	/* record, compiled */
} MsgKind;

static MsgKind kinds[] = {
	{"jw301", "436", "JW301", "m:Client", client_fields_301,
	 "m:Client/m:ToegewezenProducten/m:ToegewezenProduct", "ToegewezenProduct", "toewijzing", rec_301},
	{"jw302", "437", "JW302", NULL, NULL, NULL, NULL, NULL, NULL},
	{"jw305", "438", "JW305", "m:Client", client_fields_bsn, NULL, NULL, NULL, NULL},
	{"jw306", "439", "JW306", NULL, NULL, NULL, NULL, NULL, NULL},
	{"jw307", "440", "JW307", "m:Client", client_fields_bsn,
	 "m:Client/m:StopProducten/m:StopProduct", "StopProduct", "stop", rec_307},
	{"jw308", "441", "JW308", NULL, NULL, NULL, NULL, NULL, NULL},
	{"jw315", "446", "JW315", "m:Client", client_fields_315,
	 "m:Client/m:AangevraagdeProducten/m:AangevraagdProduct", "AangevraagdProduct", "verzoek", rec_315},
	{"jw316", "447", "JW316", NULL, NULL, NULL, NULL, NULL, NULL},
	{"jw317", "486", "JW317", NULL, NULL, NULL, NULL, NULL, NULL},
	{"jw318", "487", "JW318", NULL, NULL, NULL, NULL, NULL, NULL},
	{"jw319", "488", "JW319", NULL, NULL, "m:Antwoord", "Antwoord", "antwoord", rec_319},
	{"jw320", "489", "JW320", NULL, NULL, NULL, NULL, NULL, NULL},
	{"jw323", "490", "JW323", "m:Declaratie/m:Clienten/m:Client", client_fields_bsn,
	 "m:Declaratie/m:Clienten/m:Client/m:Prestaties/m:Prestatie", "Prestatie", "prestatie", rec_323},
	{"jw325", "491", "JW325", NULL, NULL, NULL, NULL, NULL, NULL},
	{NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}
};

/* ---- parse state ------------------------------------------------------------ */

#define BSN_KEYLEN 32			/* values this long or longer: linear search */
#define BSN_LINEAR 16			/* up to this many values: linear search */

typedef struct BsnKey
{
	char		key[BSN_KEYLEN];	/* hash key: the value (dynahash entry) */
	int			idx;			/* index into ParseState.bsns */
} BsnKey;

typedef struct BsnSeen
{
	char	   *value;			/* raw value (never returned) */
	size_t		len;			/* its strlen */
	char	   *replacement;	/* pseudonym, or '*' x length */
	int			elements;		/* Bsn elements with this value */
	int			replaced;		/* digit runs replaced in the text */
} BsnSeen;

typedef struct PendingRow
{
	char	   *v[N_COLS];
	int			volgnr;
} PendingRow;

typedef struct ParseState
{
	xmlParserCtxtPtr ctxt;
	const MsgKind *kind;
	char	   *error;			/* first reason the message is refused */
	int			depth;			/* depth of the current element, root = 0 */
	char		nscls[32];		/* per depth: 'm' message ns, 'b' basis, 'x' other */
	const char *names[32];		/* per depth: local name (libxml2 dict) */
	int16		ids[32];		/* per depth: its number (name_id), 0: other */
	int			client_depth;	/* depth of the client anchor, -1 outside */
	int			record_depth;	/* depth of the current record, -1 outside */
	int			header_depth;
	int			field_target;	/* where the current text goes, -1: nowhere */
	char		field_area;		/* 'h' header, 'k' client, 'r' record */
	bool		field_is_bsn;	/* current element is a Bsn (any position) */
	const FieldPat *field_pat;
	StringInfoData text;
	int			text_len;		/* bytes of text in the current element, any element */
	char	   *header[N_HEADER];
	char	   *client[N_CLIENT];
	char	   *client_id;
	char	   *bsn_fout;
	char	   *rec[N_FIELDS];
	int			n_clients;
	int			n_records;		/* records in the message */
	int			n_rec_in_client;
	bool		omvang_seen;
	PendingRow *rows;
	int			n_rows;			/* rows: rows_buf */
	BsnSeen    *bsns;
	HTAB	   *bsn_hash;		/* value -> index, values shorter than BSN_KEYLEN;
								 * only above BSN_LINEAR values (a hash table
								 * per message costs more than a short scan) */
	uint32		bsn_lengths;	/* bit n: some value of length n (< 32) */
	bool		bsn_long;		/* some value of BSN_KEYLEN or more */
	int			n_bsns;
	int			max_bsns;
	/* personal elements whose content the kept text leaves out */
	const char *data;			/* the message as parsed (UTF-8) */
	size_t		data_len;
	int			personal_depth; /* depth of the open personal element, -1 none */
	long		personal_start; /* offset of its content, -1: empty element */
	long	   *cut;			/* pairs [start, end) of content to leave out */
	int			n_cut;
	int			max_cut;
	bool		cut_failed;		/* an offset did not check out: keep no text */
	/* the namespace URIs seen (libxml2 interns them: compare the pointer first) */
	const char *uri_m;
	const char *uri_b;
} ParseState;

/*
 * The message being parsed.  The callbacks use this, not libxml2's user
 * data pointer (a backend parses one message at a time).
 */
static struct ParseState *cur_state = NULL;

/*
 * Where the problems of an element are written (emit_record,
 * element_problem): one buffer for the call, copied out only when there
 * is a problem, instead of a new 1 KB buffer per element that a message
 * of thousands of elements would hold until its end.
 */
static StringInfoData problem_buf;

/*
 * The kept text of the message being parsed, before kept_store() (mask_text):
 * one buffer for the transaction (kept_begin: in kept_cxt), so that the next
 * batch of the same load writes into the same pages instead of fresh ones
 * (a page touched for the first time costs a page fault: for a message of
 * megabytes, thousands).
 */
static StringInfoData kept_buf;

/*
 * The element rows of the message being parsed (ParseState.rows): one array
 * for the call, used again by each message (its rows are returned before
 * the next message), so that a message of thousands of elements does not
 * grow, copy and fault in a new array of its own.
 */
static PendingRow *rows_buf = NULL;
static int	rows_buf_max = 0;

static void
st_error(ParseState *st, const char *fmt,...) pg_attribute_printf(2, 3);

static void
st_error(ParseState *st, const char *fmt,...)
{
	va_list		ap;
	StringInfoData buf;

	if (st->error != NULL)
		return;
	initStringInfo(&buf);
	for (;;)
	{
		int			needed;

		va_start(ap, fmt);
		needed = appendStringInfoVA(&buf, fmt, ap);
		va_end(ap);
		if (needed == 0)
			break;
		enlargeStringInfo(&buf, needed);
	}
	st->error = buf.data;
	if (st->ctxt != NULL)
		xmlStopParser(st->ctxt);
}

/* ---- hashing ------------------------------------------------------------------- */

/*
 * HMAC-SHA256 under the region's key, byte for byte jeugdnorm.pseudonymise():
 * SHA256(opad || SHA256(ipad || data)).  The pads are the same for every
 * hash of a call (the content hash of each message and the pseudonym of
 * each Bsn value), so the SHA-256 states after the two pads are computed
 * once (hmac_prepare) and each hash copies them: with OpenSSL's SHA256_CTX
 * a copy of a small struct, where pg_cryptohash_init() costs an EVP
 * initialisation with a provider lookup per hash -- two per Bsn value and
 * two per message, more than the hash of a short value itself.  Without
 * OpenSSL: PostgreSQL's cryptohash, one context for the whole call.
 */
#ifdef USE_OPENSSL
static SHA256_CTX hmac_inner_state;	/* after ipad */
static SHA256_CTX hmac_outer_state;	/* after opad */
#else
static pg_cryptohash_ctx *sha_ctx = NULL;	/* released by the resource owner */
static uint8 hmac_ipad[64];
static uint8 hmac_opad[64];

static void
sha256_of(const uint8 *a, size_t alen, const uint8 *b, size_t blen, uint8 *out)
{
	if (pg_cryptohash_init(sha_ctx) < 0 ||
		pg_cryptohash_update(sha_ctx, a, alen) < 0 ||
		pg_cryptohash_update(sha_ctx, b, blen) < 0 ||
		pg_cryptohash_final(sha_ctx, out, PG_SHA256_DIGEST_LENGTH) < 0)
		elog(ERROR, "ijw: could not compute SHA-256");
}
#endif

/* the pads of this call's key */
static void
hmac_prepare(const uint8 *ipad, const uint8 *opad)
{
#ifdef USE_OPENSSL
	if (SHA256_Init(&hmac_inner_state) != 1 ||
		SHA256_Update(&hmac_inner_state, ipad, 64) != 1 ||
		SHA256_Init(&hmac_outer_state) != 1 ||
		SHA256_Update(&hmac_outer_state, opad, 64) != 1)
		elog(ERROR, "ijw: could not compute SHA-256");
#else
	memcpy(hmac_ipad, ipad, 64);
	memcpy(hmac_opad, opad, 64);
	sha_ctx = pg_cryptohash_create(PG_SHA256);
	if (sha_ctx == NULL)
		elog(ERROR, "ijw_parse: out of memory");
#endif
}

/* the end of a call (also on error) */
static void
hmac_finish(void)
{
#ifdef USE_OPENSSL
	explicit_bzero(&hmac_inner_state, sizeof(hmac_inner_state));
	explicit_bzero(&hmac_outer_state, sizeof(hmac_outer_state));
#else
	if (sha_ctx != NULL)
		pg_cryptohash_free(sha_ctx);
	sha_ctx = NULL;
	explicit_bzero(hmac_ipad, sizeof(hmac_ipad));
	explicit_bzero(hmac_opad, sizeof(hmac_opad));
#endif
}

/* HMAC-SHA256 of data under the prepared key, as 64 hex digits */
static void
hmac_hex(const char *data, size_t len, char *out)
{
	uint8		inner[PG_SHA256_DIGEST_LENGTH];
	uint8		outer[PG_SHA256_DIGEST_LENGTH];
	static const char hex[] = "0123456789abcdef";

#ifdef USE_OPENSSL
	SHA256_CTX	c = hmac_inner_state;

	if (SHA256_Update(&c, data, len) != 1 || SHA256_Final(inner, &c) != 1)
		elog(ERROR, "ijw: could not compute SHA-256");
	c = hmac_outer_state;
	if (SHA256_Update(&c, inner, sizeof(inner)) != 1 || SHA256_Final(outer, &c) != 1)
		elog(ERROR, "ijw: could not compute SHA-256");
	explicit_bzero(&c, sizeof(c));
#else
	sha256_of(hmac_ipad, 64, (const uint8 *) data, len, inner);
	sha256_of(hmac_opad, 64, inner, sizeof(inner), outer);
#endif
	for (int i = 0; i < PG_SHA256_DIGEST_LENGTH; i++)
	{
		out[2 * i] = hex[outer[i] >> 4];
		out[2 * i + 1] = hex[outer[i] & 15];
	}
	out[2 * PG_SHA256_DIGEST_LENGTH] = '\0';
}

/* the elfproef: core/formats.c, shared with jeugdnorm.is_valid_bsn() */
static bool
bsn_valid(const char *s)
{
	return jn_bsn_valid(s, strlen(s));
}

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* index of value (len bytes at s) among the Bsn values seen, or -1 */
static int
bsn_find(ParseState *st, const char *s, size_t len)
{
	if (len < BSN_KEYLEN)
	{
		if ((st->bsn_lengths & ((uint32) 1 << len)) == 0)
			return -1;
		if (st->bsn_hash != NULL)
		{
			char		key[BSN_KEYLEN];
			BsnKey	   *e;

			memset(key, 0, sizeof(key));
			memcpy(key, s, len);
			e = hash_search(st->bsn_hash, key, HASH_FIND, NULL);
			return e ? e->idx : -1;
		}
	}
	else if (!st->bsn_long)
		return -1;
	for (int i = 0; i < st->n_bsns; i++)
		if (st->bsns[i].len == len && memcmp(st->bsns[i].value, s, len) == 0)
			return i;
	return -1;
}

/* enter value number idx into the hash table */
static void
bsn_hash_enter(ParseState *st, int idx)
{
	char		key[BSN_KEYLEN];
	BsnKey	   *e;

	memset(key, 0, sizeof(key));
	memcpy(key, st->bsns[idx].value, st->bsns[idx].len);
	e = hash_search(st->bsn_hash, key, HASH_ENTER, NULL);
	e->idx = idx;
}

/* a Bsn element's value: pseudonymise (or mark invalid), remember for masking */
static char *
bsn_seen(ParseState *st, const char *value, char **fout)
{
	BsnSeen    *b = NULL;
	int			found = bsn_find(st, value, strlen(value));

	if (found >= 0)
		b = &st->bsns[found];
	if (b == NULL)
	{
		if (st->n_bsns == st->max_bsns)
		{
			st->max_bsns = st->max_bsns ? st->max_bsns * 2 : 8;
			st->bsns = st->bsns ? repalloc(st->bsns, st->max_bsns * sizeof(BsnSeen))
				: palloc(st->max_bsns * sizeof(BsnSeen));
		}
		b = &st->bsns[st->n_bsns++];
		b->value = pstrdup(value);
		b->len = strlen(value);
		if (b->len < BSN_KEYLEN)
			st->bsn_lengths |= (uint32) 1 << b->len;
		else
			st->bsn_long = true;
		if (st->bsn_hash == NULL && st->n_bsns > BSN_LINEAR)
		{
			HASHCTL		ctl;

			ctl.keysize = BSN_KEYLEN;
			ctl.entrysize = sizeof(BsnKey);
			ctl.hcxt = CurrentMemoryContext;
			st->bsn_hash = hash_create("ijw bsn", 256, &ctl,
									   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
			for (int k = 0; k < st->n_bsns; k++)
				if (st->bsns[k].len < BSN_KEYLEN)
					bsn_hash_enter(st, k);
		}
		else if (st->bsn_hash != NULL && b->len < BSN_KEYLEN)
			bsn_hash_enter(st, st->n_bsns - 1);
		b->elements = 0;
		b->replaced = 0;
		if (bsn_valid(value))
		{
			b->replacement = palloc(2 * PG_SHA256_DIGEST_LENGTH + 1);
			hmac_hex(value, strlen(value), b->replacement);
		}
		else
		{
			size_t		n = strlen(value);

			b->replacement = palloc(n + 1);
			memset(b->replacement, '*', n);
			b->replacement[n] = '\0';
		}
	}
	b->elements++;
	if (bsn_valid(value))
	{
		*fout = NULL;
		return b->replacement;
	}
	*fout = all_digits(value) && strlen(value) == 9
		? "bsn fails the elfproef"
		: psprintf("bsn fails the elfproef (%d characters, expected 9 digits)",
				   (int) pg_mbstrlen(value));
	return NULL;
}

/* ---- path matching --------------------------------------------------------- */

/*
 * Element names as small numbers: every local name a path or a rule below
 * speaks of gets a number (1..), any other name 0.  on_start looks the
 * name up once per element (a hash of the string, one strcmp); the paths
 * are compiled once per backend, so that matching an element against a
 * message kind's patterns compares integers, not strings.  A lookup of the
 * string, not of libxml2's interned pointer: no assumption about the
 * lifetime of libxml2's dictionary.
 */
#define NAME_SLOTS 512			/* power of two, well above twice the names */
#define MAX_NAMES 128

static const char *known_names[MAX_NAMES];	/* by number; [0] unused */
static bool known_personal[MAX_NAMES];
static int	n_known = 1;
static int16 name_slots[NAME_SLOTS];	/* open addressing: number, 0 = empty */
static bool paths_compiled = false;
static int16 id_bericht, id_header, id_omvang, id_bsn;

static uint32
name_hash(const char *s)
{
	uint32		h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char) *s) * 16777619u;
	return h;
}

/* the number of an element name, 0 when no rule speaks of it */
static int16
name_id(const char *name)
{
	uint32		h = name_hash(name) & (NAME_SLOTS - 1);

	for (;;)
	{
		int16		id = name_slots[h];

		if (id == 0)
			return 0;
		if (strcmp(known_names[id], name) == 0)
			return id;
		h = (h + 1) & (NAME_SLOTS - 1);
	}
}

/*
 * The number of an element's name as libxml2 passes it: libxml2 interns
 * every element name in its parser's dictionary (the same string, the same
 * pointer, for as long as the dictionary lives), so a small cache by
 * pointer saves the hash and the strcmp of name_id for all but the first
 * occurrence of each name.  The cache is emptied whenever the dictionary
 * may have changed: a new parser (name_cache_clear) or another dictionary
 * pointer.
 */
#define NAME_CACHE 256			/* power of two */

typedef struct NameCacheEntry
{
	const xmlChar *p;
	int16		id;
} NameCacheEntry;

static NameCacheEntry name_cache[NAME_CACHE];
static const void *name_cache_dict = NULL;
static int	name_cache_used = 0;

static void
name_cache_clear(void)
{
	memset(name_cache, 0, sizeof(name_cache));
	name_cache_dict = NULL;
	name_cache_used = 0;
}

static inline int16
element_id(xmlParserCtxtPtr ctxt, const xmlChar *name)
{
	uint32		h;
	int16		id;

	if ((const void *) ctxt->dict != name_cache_dict)
	{
		name_cache_clear();
		name_cache_dict = ctxt->dict;
	}
	h = ((uint32) ((uintptr_t) name >> 3) * 2654435761u) >> 24;
	for (;;)
	{
		NameCacheEntry *e = &name_cache[h & (NAME_CACHE - 1)];

		if (e->p == name)
			return e->id;
		if (e->p == NULL)
			break;
		h++;
	}
	id = name_id((const char *) name);
	/* at most half full: a miss ends at an empty slot soon */
	if (name_cache_used < NAME_CACHE / 2)
	{
		name_cache[h & (NAME_CACHE - 1)].p = name;
		name_cache[h & (NAME_CACHE - 1)].id = id;
		name_cache_used++;
	}
	return id;
}

/* the number of a name, entered when new (compile_paths only) */
static int16
name_enter(const char *name, size_t len)
{
	char	   *copy = MemoryContextStrdup(TopMemoryContext, pnstrdup(name, len));
	int16		id = name_id(copy);
	uint32		h;

	if (id != 0)
		return id;
	if (n_known >= MAX_NAMES)
		elog(ERROR, "ijw: too many element names");
	id = (int16) n_known++;
	known_names[id] = copy;
	h = name_hash(copy) & (NAME_SLOTS - 1);
	while (name_slots[h] != 0)
		h = (h + 1) & (NAME_SLOTS - 1);
	name_slots[h] = id;
	return id;
}

/* "m:Omvang/b:Volume" -> steps ('m', Omvang), ('b', Volume) */
static void
compile_path(const char *rel, CompiledPath *c)
{
	const char *p = rel;

	c->n = 0;
	while (*p)
	{
		const char *e;

		if (c->n >= PATH_MAX_STEPS || p[0] == '\0' || p[1] != ':')
			elog(ERROR, "ijw: bad path %s", rel);
		c->ns[c->n] = p[0];
		p += 2;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		c->id[c->n] = name_enter(p, e - p);
		c->n++;
		p = *e ? e + 1 : e;
	}
}

static void
compile_fields(FieldPat *pats)
{
	if (pats == NULL)
		return;
	for (; pats->rel != NULL; pats++)
		compile_path(pats->rel, &pats->path);
}

/*
 * Elements whose content is personal data the warehouse never keeps
 * (DEFINITIONS.md section 11: names, addresses, relations and every other
 * personal element): the kept text has them empty.  Matched by local name in
 * any namespace (leaving out too much is safe).
 */
static const char *const personal_names[] = {
	"Naam", "Contactgegevens", "Relaties", "Communicatie", "Commentaar",
	"Adres", "Telefoon", "Emailadres", NULL
};

/* once per backend: number the names, compile every path */
static void
compile_paths(void)
{
	if (paths_compiled)
		return;
	memset(name_slots, 0, sizeof(name_slots));
	n_known = 1;
	compile_fields(header_fields);
	for (MsgKind *k = kinds; k->ns; k++)
	{
		if (k->client)
			compile_path(k->client, &k->client_path);
		if (k->record)
			compile_path(k->record, &k->record_path);
		compile_fields(k->client_fields);
		compile_fields(k->record_fields);
	}
	id_bericht = name_enter("Bericht", 7);
	id_header = name_enter("Header", 6);
	id_omvang = name_enter("Omvang", 6);
	id_bsn = name_enter("Bsn", 3);
	for (const char *const *p = personal_names; *p; p++)
		known_personal[name_enter(*p, strlen(*p))] = true;
	paths_compiled = true;
}

/* does the element stack from depth from+1 to the current depth spell c? */
static inline bool
path_matches(ParseState *st, int from, const CompiledPath *c)
{
	if (st->depth - from != c->n)
		return false;
	for (int i = 0; i < c->n; i++)
	{
		int			d = from + 1 + i;

		if (st->ids[d] != c->id[i] || st->nscls[d] != c->ns[i])
			return false;
	}
	return true;
}

static const FieldPat *
find_field(ParseState *st, int from, const FieldPat *pats)
{
	if (pats == NULL)
		return NULL;
	for (; pats->rel != NULL; pats++)
		if (path_matches(st, from, &pats->path))
			return pats;
	return NULL;
}

static char *
trimmed(const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	return pnstrdup(s, e - s);
}

static const char *
field_name(const FieldPat *pats, int target)
{
	for (; pats->rel != NULL; pats++)
		if (pats->target == target)
			return pats->name;
	return "?";
}

static char *
record_path(ParseState *st)
{
	const MsgKind *k = st->kind;

	if (strcmp(k->type, "JW323") == 0)
		return psprintf("/Bericht/Declaratie/Clienten/Client[%d]/Prestaties/Prestatie[%d]",
						st->n_clients, st->n_rec_in_client);
	if (strcmp(k->type, "JW319") == 0)
		return pstrdup("/Bericht/Antwoord");
	return psprintf("/Bericht/Client/%s/%s[%d]",
					strcmp(k->type, "JW301") == 0 ? "ToegewezenProducten" :
					strcmp(k->type, "JW307") == 0 ? "StopProducten" : "AangevraagdeProducten",
					k->record_name, st->n_rec_in_client);
}

/* the parser's byte offset in the document (no encoding conversion) */
static long
parse_offset(ParseState *st)
{
	xmlParserInputPtr in = st->ctxt ? st->ctxt->input : NULL;

	if (in == NULL || in->base == NULL || in->cur == NULL)
		return -1;
	return (long) in->consumed + (long) (in->cur - in->base);
}

/* ---- SAX callbacks ------------------------------------------------------------- */

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		 const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
		 int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	ParseState *st = cur_state;
	const char *name = (const char *) localname;
	const char *uri = (const char *) URI;
	int			d;

	if (st->error)
		return;
	d = ++st->depth;
	if (d >= ijw_max_depth)
	{
		st_error(st, "elements nested deeper than %d levels", ijw_max_depth);
		return;
	}
	if (st->field_target >= 0 || st->field_is_bsn)
	{
		st_error(st, "element %s inside the simple element %s",
				 name, st->names[d - 1]);
		return;
	}
	st->names[d] = name;
	st->ids[d] = element_id(st->ctxt, localname);
	if (d == 0)
	{
		/* the root: Bericht in one of the message namespaces */
		st->kind = NULL;
		if (uri != NULL && strncmp(uri, IJW_NS_PREFIX, strlen(IJW_NS_PREFIX)) == 0)
		{
			/* the rest of the URI is "<ns>/schema" */
			const char *rest = uri + strlen(IJW_NS_PREFIX);

			for (const MsgKind *k = kinds; k->ns; k++)
			{
				size_t		n = strlen(k->ns);

				if (strncmp(rest, k->ns, n) == 0 && strcmp(rest + n, "/schema") == 0)
					st->kind = k;
			}
		}
		if (st->kind == NULL)
		{
			st_error(st, "unknown message namespace %s%.200s%s",
					 uri ? "'" : "", uri ? uri : "(none)", uri ? "'" : "");
			return;
		}
		if (st->ids[0] != id_bericht)
		{
			st_error(st, "root element is %.100s, not Bericht", name);
			return;
		}
		st->nscls[0] = 'm';
		return;
	}
	if (uri == NULL)
		st->nscls[d] = 'x';
	else if (uri == st->uri_m)
		st->nscls[d] = 'm';
	else if (uri == st->uri_b)
		st->nscls[d] = 'b';
	else if (strcmp(uri, IJW_NS_BASIS) == 0)
	{
		st->nscls[d] = 'b';
		st->uri_b = uri;
	}
	else if (strncmp(uri, IJW_NS_PREFIX, strlen(IJW_NS_PREFIX)) == 0 &&
			 strncmp(uri + strlen(IJW_NS_PREFIX), st->kind->ns, 5) == 0 &&
			 strcmp(uri + strlen(IJW_NS_PREFIX) + 5, "/schema") == 0)
	{
		st->nscls[d] = 'm';
		st->uri_m = uri;
	}
	else
		st->nscls[d] = 'x';

	st->field_target = -1;
	st->field_is_bsn = (st->ids[d] == id_bsn);
	resetStringInfo(&st->text);
	st->text_len = 0;

	if (st->personal_depth < 0 && known_personal[st->ids[d]])
	{
		/* the start tag's '>' is the current position ('/' when empty) */
		long		off = parse_offset(st);

		st->personal_depth = d;
		st->personal_start = -1;
		if (off >= 0 && (size_t) off < st->data_len && st->data[off] == '>')
			st->personal_start = off + 1;
		else if (!(off >= 0 && (size_t) off + 1 < st->data_len &&
				   st->data[off] == '/' && st->data[off + 1] == '>'))
			st->cut_failed = true;
	}

	if (d == 1 && st->nscls[1] == 'm' && st->ids[1] == id_header)
	{
		st->header_depth = 1;
		return;
	}
	if (st->header_depth >= 0 && d > st->header_depth)
	{
		const FieldPat *f = find_field(st, st->header_depth, header_fields);

		if (f)
		{
			st->field_target = f->target;
			st->field_area = 'h';
			st->field_pat = f;
		}
		return;
	}
	if (st->kind->client && st->client_depth < 0 && path_matches(st, 0, &st->kind->client_path))
	{
		st->client_depth = d;
		st->n_clients++;
		st->n_rec_in_client = 0;
		memset(st->client, 0, sizeof(st->client));
		st->client_id = NULL;
		st->bsn_fout = NULL;
		return;
	}
	if (st->kind->record && st->record_depth < 0 && path_matches(st, 0, &st->kind->record_path))
	{
		st->record_depth = d;
		st->n_records++;
		st->n_rec_in_client++;
		st->omvang_seen = false;
		memset(st->rec, 0, sizeof(st->rec));
		return;
	}
	if (st->record_depth >= 0)
	{
		const FieldPat *f = find_field(st, st->record_depth, st->kind->record_fields);

		if (f)
		{
			st->field_target = f->target;
			st->field_area = 'r';
			st->field_pat = f;
		}
		else if (st->ids[d] == id_omvang && d == st->record_depth + 1)
			st->omvang_seen = true;
		return;
	}
	if (st->client_depth >= 0)
	{
		const FieldPat *f = find_field(st, st->client_depth, st->kind->client_fields);

		if (f)
		{
			st->field_target = f->target;
			st->field_area = 'k';
			st->field_pat = f;
		}
		return;
	}
}

static void
on_chars(void *ctx, const xmlChar *ch, int len)
{
	ParseState *st = cur_state;

	if (st->error)
		return;
	st->text_len += len;
	if (st->text_len > ijw_max_text)
	{
		st_error(st, "the text of element %s is longer than %d bytes",
				 st->depth >= 0 ? st->names[st->depth] : "(none)", ijw_max_text);
		return;
	}
	if (st->field_target < 0 && !st->field_is_bsn)
		return;
	appendBinaryStringInfo(&st->text, (const char *) ch, len);
}

/* ---- value checks (so that SQL only casts) ------------------------------------ */

/*
 * strict ISO date YYYY-MM-DD, a real calendar day, year 1..9999:
 * core/formats.c, shared with jeugdnorm.parse_date()
 */
static bool
valid_date(const char *v)
{
	return jn_iso_date(v, strlen(v), NULL, NULL, NULL);
}

/* hh:mm:ss[.f{1,6}], no time zone */
static bool
valid_time(const char *v)
{
	size_t		n = strlen(v);

	if (n < 8 || v[2] != ':' || v[5] != ':')
		return false;
	for (int i = 0; i < 8; i++)
		if (i != 2 && i != 5 && (v[i] < '0' || v[i] > '9'))
			return false;
	if ((v[0] - '0') * 10 + (v[1] - '0') > 23 || v[3] > '5' || v[6] > '5')
		return false;
	if (n == 8)
		return true;
	if (v[8] != '.' || n > 15 || n == 9)
		return false;
	for (size_t i = 9; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	return true;
}

/* an iJw integer (optional '+', at most 18 digits): canonical text or NULL */
static char *
canonical_integer(const char *v)
{
	const char *p = v;

	if (*p == '+')
		p++;
	if (*p == '\0' || strlen(p) > 18)
		return NULL;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return NULL;
	while (*p == '0' && p[1] != '\0')
		p++;
	return (char *) p;
}

static void
add_problem(StringInfo buf, const char *fmt,...) pg_attribute_printf(2, 3);

static void
add_problem(StringInfo buf, const char *fmt,...)
{
	va_list		ap;

	if (buf->len > 0)
		appendStringInfoString(buf, "; ");
	for (;;)
	{
		int			needed;

		va_start(ap, fmt);
		needed = appendStringInfoVA(buf, fmt, ap);
		va_end(ap);
		if (needed == 0)
			break;
		enlargeStringInfo(buf, needed);
	}
}

/* check one value slot; a bad value becomes NULL and a problem */
static void
check_date(StringInfo buf, char **slot, const char *element)
{
	if (*slot != NULL && !valid_date(*slot))
	{
		add_problem(buf, "%s '%.40s' is not a date (YYYY-MM-DD)", element, *slot);
		*slot = NULL;
	}
}

static void
check_integer(StringInfo buf, char **slot, const char *element)
{
	if (*slot != NULL)
	{
		char	   *c = canonical_integer(*slot);

		if (c == NULL)
			add_problem(buf, "%s '%.40s' is not an integer", element, *slot);
		*slot = c;
	}
}

static void
emit_record(ParseState *st)
{
	StringInfo	prob = &problem_buf;
	bool		verzoek;
	char	   *gd;
	const MsgKind *k = st->kind;
	PendingRow *r;

	for (const FieldPat *f = k->record_fields; f->rel; f++)
		if (f->mandatory && st->rec[f->target - F_FIRST] == NULL)
		{
			st_error(st, "%s lacks %s", record_path(st), f->name);
			return;
		}
	if (st->omvang_seen)
	{
		static const int om[] = {C_VOLUME, C_EENHEID, C_FREQUENTIE};

		for (int i = 0; i < 3; i++)
			if (st->rec[om[i] - F_FIRST] == NULL)
			{
				st_error(st, "%s lacks %s", record_path(st),
						 field_name(k->record_fields, om[i]));
				return;
			}
	}
	if (k->client_fields)
		for (const FieldPat *f = k->client_fields; f->rel; f++)
			if (f->mandatory && st->client[f->target] == NULL)
			{
				st_error(st, "%s lacks %s (it must come before the products)",
						 k->client + 2, f->name);
				return;
			}
	if (st->n_rows == rows_buf_max)
	{
		rows_buf_max *= 2;
		rows_buf = repalloc_huge(rows_buf, rows_buf_max * sizeof(PendingRow));
	}
	st->rows = rows_buf;
	r = &st->rows[st->n_rows++];
	memset(r->v, 0, sizeof(r->v));
	r->volgnr = st->n_records;
	r->v[C_SOORT] = (char *) k->soort;
	r->v[C_PAD] = record_path(st);
	r->v[C_CLIENT_ID] = st->client_id;
	r->v[C_BSN_FOUT] = st->bsn_fout;
	r->v[C_DATUMGEBRUIK] = st->client[K_DATUMGEBRUIK];
	r->v[C_POSTCODE] = st->client[K_POSTCODE];
	for (int i = 0; i < N_FIELDS; i++)
		r->v[F_FIRST + i] = st->rec[i];

	/* values: dates, times and integers checked here, so SQL only casts */
	resetStringInfo(prob);
	verzoek = (strcmp(k->soort, "verzoek") == 0);
	gd = st->client[K_GEBOORTEDATUM];
	if (gd != NULL && st->client[K_DATUMGEBRUIK] != NULL &&
		strcmp(st->client[K_DATUMGEBRUIK], "3") == 0)
		gd = NULL;				/* date unknown ([X2]): NULL, whatever is written */
	else
		check_date(prob, &gd, "Geboortedatum/Datum");
	r->v[C_GEBOORTEDATUM] = gd;
	check_integer(prob, &r->v[C_TOEWIJZINGNUMMER], "ToewijzingNummer");
	check_date(prob, &r->v[C_TOEWIJZINGSDATUM], "Toewijzingsdatum");
	if (r->v[C_TOEWIJZINGSTIJD] != NULL && !valid_time(r->v[C_TOEWIJZINGSTIJD]))
	{
		add_problem(prob, "Toewijzingstijd '%.40s' is not a time (hh:mm:ss)", r->v[C_TOEWIJZINGSTIJD]);
		r->v[C_TOEWIJZINGSTIJD] = NULL;
	}
	check_date(prob, &r->v[C_INGANGSDATUM], verzoek ? "ToewijzingIngangsdatum" : "Ingangsdatum");
	check_date(prob, &r->v[C_EINDDATUM], verzoek ? "ToewijzingEinddatum" : "Einddatum");
	check_date(prob, &r->v[C_BEGINDATUM], "Begindatum");
	check_integer(prob, &r->v[C_VOLUME], "Volume");
	check_integer(prob, &r->v[C_BUDGET], "Budget");
	check_integer(prob, &r->v[C_BEDRAG], "Bedrag");
	r->v[C_PROBLEEM] = prob->len > 0 ? pstrdup(prob->data) : NULL;
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
	ParseState *st = cur_state;
	int			d = st->depth;

	if (st->error)
		return;
	st->text_len = 0;
	if (d == st->personal_depth)
	{
		if (st->personal_start >= 0)
		{
			/* the end tag ends at the current position: find its '<' */
			long		off = parse_offset(st);
			long		k = off - 1;

			while (k > st->personal_start && st->data[k] != '<')
				k--;
			if (off < 0 || (size_t) off > st->data_len || k < st->personal_start ||
				st->data[k] != '<' || st->data[k + 1] != '/')
				st->cut_failed = true;
			else
			{
				if (st->n_cut + 2 > st->max_cut)
				{
					st->max_cut = st->max_cut ? st->max_cut * 2 : 16;
					st->cut = st->cut ? repalloc(st->cut, st->max_cut * sizeof(long))
						: palloc(st->max_cut * sizeof(long));
				}
				st->cut[st->n_cut++] = st->personal_start;
				st->cut[st->n_cut++] = k;
			}
		}
		st->personal_depth = -1;
	}
	if (st->field_target >= 0 || st->field_is_bsn)
	{
		char	   *v = trimmed(st->text.data);
		char	  **slot = NULL;

		if (st->field_target >= 0)
		{
			if (st->field_area == 'h')
				slot = &st->header[st->field_target];
			else if (st->field_area == 'k')
				slot = &st->client[st->field_target];
			else
				slot = &st->rec[st->field_target - F_FIRST];
			if (*slot != NULL && st->field_area == 'k' && st->field_target == K_POSTCODE)
				slot = NULL;	/* several contacts: the first postcode counts */
			else if (*slot != NULL)
			{
				st_error(st, "element %s occurs twice", st->field_pat->name);
				return;
			}
		}
		if (st->field_is_bsn)
		{
			char	   *fout = NULL;
			char	   *pseudo = bsn_seen(st, v, &fout);

			/* inside a personal element (a parent's Bsn): left out anyway */
			if (st->personal_depth >= 0 && st->personal_depth < d)
				st->bsns[bsn_find(st, v, strlen(v))].elements--;

			if (slot != NULL && st->field_area == 'k')
			{
				st->client_id = pseudo;
				st->bsn_fout = fout;
				*slot = "";		/* present; the value itself is not kept */
			}
		}
		else if (slot != NULL)
			*slot = v;
		st->field_target = -1;
		st->field_is_bsn = false;
	}
	else if (d == st->record_depth)
	{
		emit_record(st);
		st->record_depth = -1;
	}
	else if (d == st->client_depth)
	{
		st->client_depth = -1;
		st->client_id = NULL;
	}
	else if (d == st->header_depth)
		st->header_depth = -2;	/* done: a second Header is not a header */
	st->depth--;
}

static void
on_dtd(void *ctx, const xmlChar *name, const xmlChar *ExternalID, const xmlChar *SystemID)
{
	st_error(cur_state, "a DOCTYPE (DTD) is not allowed in an iJw message");
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *name)
{
	return NULL;
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
			   const xmlChar *systemId, xmlChar *content)
{
	st_error(cur_state, "an entity declaration is not allowed in an iJw message");
}

static void
on_serror(void *ctx, xmlErrorPtr err)
{
	ParseState *st = cur_state;

	if (err == NULL || err->level < XML_ERR_ERROR || st->error)
		return;
	/* libxml2's message names elements and entities, never text content */
	{
		char	   *msg = pstrdup(err->message ? err->message : "unknown error");
		size_t		n = strlen(msg);

		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		if (n > 300)
			msg[300] = '\0';
		st_error(st, "not well-formed XML (line %d): %s", err->line, msg);
	}
}

static void
on_warning(void *ctx, const char *msg,...)
{
}

/* ---- masking ------------------------------------------------------------------- */

/*
 * The text to keep: every maximal digit run equal to a Bsn value replaced
 * (valid: the pseudonym; invalid: stars).  mask9: every run of exactly 9
 * digits becomes '*********' (a message that did not parse).  Returns NULL
 * when some Bsn value was not found literally as often as it occurred.
 */
/* the masking of one stretch [from, to) of the message */
static void
mask_stretch(StringInfo out, const char *s, size_t from, size_t to, ParseState *st,
			 bool mask9)
{
	size_t		i = from;
	size_t		copied = from;	/* s[from .. copied) is in out already */

	while (i < to)
	{
		size_t		j;
		const char *rep = NULL;
		int			b;

		/*
		 * The next digit run [i, j); replacements are rare: copy lazily.
		 * Eight bytes at a time while none of them is a digit: with every
		 * byte xor '0', a digit is a byte below 10, and "some byte below
		 * 10" is exact (no false negative) in this test.
		 */
		while (i + 8 <= to)
		{
			uint64		w;

			memcpy(&w, s + i, 8);
			w ^= UINT64CONST(0x3030303030303030);
			if (((w - UINT64CONST(0x0A0A0A0A0A0A0A0A)) & ~w & UINT64CONST(0x8080808080808080)) != 0)
				break;
			i += 8;
		}
		while (i < to && (unsigned char) (s[i] - '0') > 9)
			i++;
		if (i >= to)
			break;
		j = i;
		while (j < to && (unsigned char) (s[j] - '0') <= 9)
			j++;
		/* no Bsn value of this length: not one (bsn_find's first test, inline) */
		b = (j - i < BSN_KEYLEN && (st->bsn_lengths & ((uint32) 1 << (j - i))) == 0)
			? -1 : bsn_find(st, s + i, j - i);
		if (b >= 0)
		{
			rep = st->bsns[b].replacement;
			st->bsns[b].replaced++;
		}
		else if (mask9 && j - i == 9)
			rep = "*********";
		if (rep != NULL)
		{
			appendBinaryStringInfo(out, s + copied, i - copied);
			appendStringInfoString(out, rep);
			copied = j;
		}
		i = j;
	}
	appendBinaryStringInfo(out, s + copied, to - copied);
}

/*
 * mask_stretch for a message of a few Bsn values (MASK_FEW or fewer, no
 * mask9): the same replacements, found by searching each value (find_bytes)
 * instead of looking at every digit run: an occurrence of a value (all
 * digits) is a maximal digit run of the stretch exactly when neither
 * neighbour inside the stretch is a digit, and two values never claim the
 * same run.  A value that is empty or not all digits is never a digit run.
 * Returns false (nothing appended, nothing counted) when there are more
 * than MASK_HITS occurrences: the caller scans instead.
 */
#define MASK_FEW 4
#define MASK_HITS 64

/* memmem where the C library has it (glibc's is fast for short needles) */
static inline const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t len)
{
#if defined(__GLIBC__) || defined(__APPLE__) || defined(__FreeBSD__)
	return memmem(hay, n, needle, len);
#else
	const char *end = hay + n;

	while (hay != NULL && (size_t) (end - hay) >= len)
	{
		hay = memchr(hay, needle[0], end - hay - len + 1);
		if (hay == NULL || memcmp(hay, needle, len) == 0)
			return hay;
		hay++;
	}
	return NULL;
#endif
}

static bool
mask_stretch_few(StringInfo out, const char *s, size_t from, size_t to, ParseState *st)
{
	size_t		pos[MASK_HITS];
	int			who[MASK_HITS];
	int			n = 0;
	size_t		copied = from;

	for (int b = 0; b < st->n_bsns; b++)
	{
		const char *v = st->bsns[b].value;
		size_t		len = st->bsns[b].len;
		const char *p = s + from;
		const char *q;
		bool		digits = len > 0;

		for (size_t k = 0; k < len && digits; k++)
			digits = (unsigned char) (v[k] - '0') <= 9;
		if (!digits)
			continue;
		while ((size_t) (s + to - p) >= len &&
			   (q = find_bytes(p, s + to - p, v, len)) != NULL)
		{
			size_t		i = q - s;
			size_t		j = i + len;

			if ((i == from || (unsigned char) (s[i - 1] - '0') > 9) &&
				(j == to || (unsigned char) (s[j] - '0') > 9))
			{
				int			k;

				if (n == MASK_HITS)
					return false;
				/* in text order (insertion; a handful of hits) */
				for (k = n; k > 0 && pos[k - 1] > i; k--)
				{
					pos[k] = pos[k - 1];
					who[k] = who[k - 1];
				}
				pos[k] = i;
				who[k] = b;
				n++;
				p = q + len;
			}
			else
				p = q + 1;
		}
	}
	for (int k = 0; k < n; k++)
	{
		BsnSeen    *b = &st->bsns[who[k]];

		appendBinaryStringInfo(out, s + copied, pos[k] - copied);
		appendStringInfoString(out, b->replacement);
		b->replaced++;
		copied = pos[k] + b->len;
	}
	appendBinaryStringInfo(out, s + copied, to - copied);
	return true;
}

/*
 * The text to keep, as a text datum: every maximal digit run equal to a Bsn
 * value replaced (valid: the pseudonym; invalid: stars), the content of the
 * personal elements left out.  mask9 (a message that did not parse): every
 * run of exactly 9 digits becomes '*********' and nothing is left out.
 * Returns NULL when the text cannot be kept safely: some Bsn value was not
 * found literally as often as it occurred, or an offset did not check out.
 */
static text *
mask_text(const char *s, size_t len, ParseState *st, bool mask9)
{
	StringInfo	out = &kept_buf;
	size_t		pos = 0;
	text	   *result;

	if (!mask9 && st->cut_failed)
		return NULL;
	/*
	 * Room for the varlena header in front and the usual growth, in one
	 * buffer for the call (used again by each message, so that a large
	 * message does not take fresh pages): kept_store() copies the result,
	 * compressed, to the kept texts.
	 */
	resetStringInfo(out);
	enlargeStringInfo(out, (int) Min(len + len / 8 + VARHDRSZ + 64, MaxAllocSize / 2));
	out->len = VARHDRSZ;
	if (!mask9)
		for (int c = 0; c + 1 < st->n_cut; c += 2)
		{
			size_t		from = (size_t) st->cut[c];
			size_t		to = (size_t) st->cut[c + 1];

			if (from < pos || to < from || to > len)
				return NULL;
			if (st->n_bsns > MASK_FEW || !mask_stretch_few(out, s, pos, from, st))
				mask_stretch(out, s, pos, from, st, false);
			pos = to;
		}
	if (mask9 || st->n_bsns > MASK_FEW || !mask_stretch_few(out, s, pos, len, st))
		mask_stretch(out, s, pos, len, st, mask9);
	if (!mask9)
		for (int k = 0; k < st->n_bsns; k++)
			if (st->bsns[k].replaced < st->bsns[k].elements)
				return NULL;
	result = (text *) out->data;
	SET_VARSIZE(result, out->len);
	return result;
}

/* ---- the whole problem of an element, the message's header checks ------------ */

/* the code formats: core/formats.c, shared with jeugdnorm.is_gemeente() and the others */
static bool
digits_n(const char *v, size_t n)
{
	return jn_digits(v, strlen(v), n);
}

static bool
productcode_ok(const char *v)
{
	return jn_productcode(v, strlen(v));
}

/* format('%L', left(v, 40)) */
static char *
quoted40(const char *v)
{
	size_t		n = strlen(v);

	return quote_literal_cstr(pnstrdup(v, pg_mbcharcliplen(v, (int) n, 40)));
}

static bool
in_codes(const jn_code *list, size_t n, const char *v)
{
	return jn_lookup_code(list, n, v, strlen(v)) != NULL;
}

/* The gemeenten the caller may load (NULL: all): load_ijw's third argument. */
typedef struct Loadable
{
	bool		all;
	int			n;
	char	  **values;			/* NULL elements kept as NULL */
} Loadable;

/*
 * Everything wrong with one element, in one text, or NULL: what
 * load_ijw()'s check of an element said, in its order (the Bsn, the access,
 * the values C checked while parsing, then the codes and formats), so that
 * SQL only inserts.  Each text is the one the SQL check wrote (format() with
 * %L of the first 40 characters).
 */
static char *
element_problem(char **v, const Loadable *ld)
{
	StringInfo	b = &problem_buf;
	const char *soort = v[C_SOORT];
	bool		stop = strcmp(soort, "stop") == 0;
	bool		toewijzing = strcmp(soort, "toewijzing") == 0;
	bool		antwoord = strcmp(soort, "antwoord") == 0;
	bool		verzoek = strcmp(soort, "verzoek") == 0;
	bool		prestatie = strcmp(soort, "prestatie") == 0;

	resetStringInfo(b);
	if (v[C_BSN_FOUT])
		add_problem(b, "%s", v[C_BSN_FOUT]);
	if (!ld->all && v[C_GEMEENTE] != NULL)
	{
		/* NOT gemeente = ANY (loadable): NULL (no problem) when a NULL is there */
		bool		found = false;
		bool		has_null = false;

		for (int i = 0; i < ld->n && !found; i++)
		{
			if (ld->values[i] == NULL)
				has_null = true;
			else if (strcmp(ld->values[i], v[C_GEMEENTE]) == 0)
				found = true;
		}
		if (!found && !has_null)
			add_problem(b, "no access to gemeente %s (jeugdnorm.access)", v[C_GEMEENTE]);
	}
	if (v[C_PROBLEEM])
		add_problem(b, "%s", v[C_PROBLEEM]);
	if (stop && v[C_TOEWIJZINGNUMMER] == NULL && v[C_PROBLEEM] == NULL)
		add_problem(b, "StopProduct without ToewijzingNummer: it cannot be linked to an allocation");
	if (v[C_CATEGORIE] && !digits_n(v[C_CATEGORIE], 2))
		add_problem(b, "productcategorie %s is not 2 digits", quoted40(v[C_CATEGORIE]));
	if (v[C_CODE] && !productcode_ok(v[C_CODE]))
		add_problem(b, "productcode %s is not 5 letters or digits", quoted40(v[C_CODE]));
	if (v[C_EENHEID] && jn_lookup_eenheid(v[C_EENHEID], strlen(v[C_EENHEID])) == NULL)
		add_problem(b, "unknown eenheid code %s", quoted40(v[C_EENHEID]));
	if (v[C_FREQUENTIE] && jn_lookup_frequentie(v[C_FREQUENTIE], strlen(v[C_FREQUENTIE])) == NULL)
		add_problem(b, "unknown frequentie code %s", quoted40(v[C_FREQUENTIE]));
	if (v[C_DEBET_CREDIT] && strcmp(v[C_DEBET_CREDIT], "C") != 0 && strcmp(v[C_DEBET_CREDIT], "D") != 0)
		add_problem(b, "DebetCredit %s is not C or D", quoted40(v[C_DEBET_CREDIT]));
	if (!stop && v[C_EINDDATUM] != NULL)
	{
		/* checked YYYY-MM-DD dates (years 1..9999): text order is date order */
		const char *from = v[C_INGANGSDATUM] ? v[C_INGANGSDATUM] : v[C_BEGINDATUM];

		if (from != NULL && strcmp(v[C_EINDDATUM], from) < 0)
			add_problem(b, "Einddatum %s is before %s %s", v[C_EINDDATUM],
						v[C_INGANGSDATUM] ? "Ingangsdatum" : "Begindatum", from);
	}
	if (toewijzing && v[C_REDEN] && !digits_n(v[C_REDEN], 2))
		add_problem(b, "RedenWijziging %s is not 2 digits", quoted40(v[C_REDEN]));
	if (stop && v[C_REDEN] && !in_codes(jn_redenen_beeindiging, jn_n_redenen_beeindiging, v[C_REDEN]))
		add_problem(b, "unknown RedenBeeindiging code %s (JZ588)", quoted40(v[C_REDEN]));
	if (antwoord && v[C_ANTWOORD] && strcmp(v[C_ANTWOORD], "1") != 0 && strcmp(v[C_ANTWOORD], "2") != 0)
		add_problem(b, "VerzoekAntwoord %s is not 1 or 2 (WJ760)", quoted40(v[C_ANTWOORD]));
	if (antwoord && v[C_REDEN] && !in_codes(jn_redenen_afwijzing, jn_n_redenen_afwijzing, v[C_REDEN]))
		add_problem(b, "unknown RedenAfwijzingVerzoek code %s (WJ759)", quoted40(v[C_REDEN]));
	if (verzoek && v[C_VERWIJZER] && !in_codes(jn_verwijzers, jn_n_verwijzers, v[C_VERWIJZER]))
		add_problem(b, "unknown Verwijzer/Type code %s (COD327)", quoted40(v[C_VERWIJZER]));
	if ((verzoek || antwoord) && v[C_REFERENTIE] &&
		pg_mbstrlen(v[C_REFERENTIE]) > 36)
		add_problem(b, "ReferentieAanbieder is longer than 36 characters");
	if (prestatie && v[C_REFERENTIE] && pg_mbstrlen(v[C_REFERENTIE]) > 20)
		add_problem(b, "ReferentieNummer is longer than 20 characters");
	return b->len > 0 ? pstrdup(b->data) : NULL;
}

/*
 * The header's sender and receiver: a gemeente and an AGB code, the way
 * round of the message kind; NULL when fine.
 */
static char *
header_problem(ParseState *st)
{
	const char *t = st->kind->type;
	bool		from_gemeente = strcmp(t, "JW301") == 0 || strcmp(t, "JW319") == 0;
	bool		from_aanbieder = strcmp(t, "JW305") == 0 || strcmp(t, "JW307") == 0 ||
		strcmp(t, "JW315") == 0 || strcmp(t, "JW323") == 0;
	const char *afz = st->header[H_AFZENDER];
	const char *ont = st->header[H_ONTVANGER];
	StringInfoData b;

	if (!from_gemeente && !from_aanbieder)
		return NULL;
	initStringInfo(&b);
	if (from_gemeente)
	{
		if (!digits_n(afz, 4))
			add_problem(&b, "Header/Afzender %s is not a gemeente code (4 digits)", quoted40(afz));
		if (!digits_n(ont, 8))
			add_problem(&b, "Header/Ontvanger %s is not an AGB code (8 digits)", quoted40(ont));
	}
	else
	{
		if (!digits_n(afz, 8))
			add_problem(&b, "Header/Afzender %s is not an AGB code (8 digits)", quoted40(afz));
		if (!digits_n(ont, 4))
			add_problem(&b, "Header/Ontvanger %s is not a gemeente code (4 digits)", quoted40(ont));
	}
	return b.len > 0 ? b.data : NULL;
}

/* ---- the SRF ---------------------------------------------------------------------- */

static xmlSAXHandler ijw_sax;

static void
init_sax(void)
{
	memset(&ijw_sax, 0, sizeof(ijw_sax));
	ijw_sax.initialized = XML_SAX2_MAGIC;
	ijw_sax.startElementNs = on_start;
	ijw_sax.endElementNs = on_end;
	ijw_sax.characters = on_chars;
	ijw_sax.cdataBlock = on_chars;
	ijw_sax.internalSubset = on_dtd;
	ijw_sax.externalSubset = on_dtd;
	ijw_sax.entityDecl = on_entity_decl;
	ijw_sax.getEntity = on_get_entity;
	ijw_sax.getParameterEntity = on_get_entity;
	ijw_sax.serror = on_serror;
	ijw_sax.warning = on_warning;
	ijw_sax.error = on_warning;
	ijw_sax.fatalError = on_warning;
}

/*
 * One output row.  dubbel: 0 = NULL; n_good, n_bad: -1 = NULL.  The text
 * datums are made in row_cxt, emptied after each row: the tuplestore keeps
 * its own copy, and a message of thousands of elements would otherwise hold
 * them all (fresh pages) until its end.
 */
static MemoryContext row_cxt = NULL;

/*
 * The columns of type date: every value in them was checked (check_date,
 * the header's Dagtekening) before a row is made, so SQL neither parses
 * nor casts them (date_in for every date of every claim line was a few
 * per cent of a load).
 */
static bool
is_date_column(int c)
{
	return c == C_DAGTEKENING || c == C_GEBOORTEDATUM || c == C_TOEWIJZINGSDATUM ||
		c == C_INGANGSDATUM || c == C_EINDDATUM || c == C_BEGINDATUM;
}

static Datum
date_datum(const char *v)
{
	int			y,
				m,
				d;

	if (!jn_iso_date(v, strlen(v), &y, &m, &d))
		elog(ERROR, "ijw_parse: unchecked date value");	/* cannot happen */
	return DateADTGetDatum(date2j(y, m, d) - POSTGRES_EPOCH_JDATE);
}

/* a checked iJw integer (canonical_integer: at most 18 digits) */
static int64
checked_int64(const char *v)
{
	int64		r = 0;

	if (v == NULL || *v == '\0')
		elog(ERROR, "ijw_parse: unchecked integer value");	/* cannot happen */
	for (; *v; v++)
	{
		if (*v < '0' || *v > '9')
			elog(ERROR, "ijw_parse: unchecked integer value");
		r = r * 10 + (*v - '0');
	}
	return r;
}

/*
 * A claim line's volume and bedrag as numeric, computed as load_ijw()'s
 * declaratie insert computed them from the texts ([X5]): volume as written
 * (Eenheid '83': / 100, two decimals), bedrag / 100 (two decimals), both
 * negative when DebetCredit is 'C' -- the same values with the same scale
 * as sign * (volume::numeric [* 0.01]) and sign * (bedrag::numeric * 0.01),
 * without a numeric_in and two multiplications per line.
 */
static Datum
line_volume(char **v)
{
	int64		sign = strcmp(v[C_DEBET_CREDIT], "C") == 0 ? -1 : 1;

	return NumericGetDatum(int64_div_fast_to_numeric(sign * checked_int64(v[C_VOLUME]),
													 strcmp(v[C_EENHEID], "83") == 0 ? 2 : 0));
}

static Datum
line_bedrag(char **v)
{
	int64		sign = strcmp(v[C_DEBET_CREDIT], "C") == 0 ? -1 : 1;

	return NumericGetDatum(int64_div_fast_to_numeric(sign * checked_int64(v[C_BEDRAG]), 2));
}

static void
put_row(Tuplestorestate *ts, TupleDesc td, int64 bericht_id, int volgnr, char **v,
		int64 dubbel, int n_good, int n_bad)
{
	Datum		values[N_COLS];
	bool		nulls[N_COLS];
	MemoryContext old = MemoryContextSwitchTo(row_cxt);

	for (int i = 0; i < C_DUBBEL; i++)
	{
		nulls[i] = (v[i] == NULL);
		values[i] = nulls[i] ? (Datum) 0
			: is_date_column(i) ? date_datum(v[i]) : CStringGetTextDatum(v[i]);
	}
	values[C_BERICHT_ID] = Int64GetDatum(bericht_id);
	nulls[C_BERICHT_ID] = false;
	values[C_VOLGNR] = Int32GetDatum(volgnr);
	nulls[C_VOLGNR] = false;
	values[C_DUBBEL] = Int64GetDatum(dubbel);
	nulls[C_DUBBEL] = (dubbel == 0);
	values[C_N_GOOD] = Int32GetDatum(n_good);
	nulls[C_N_GOOD] = (n_good < 0);
	values[C_N_BAD] = Int32GetDatum(n_bad);
	nulls[C_N_BAD] = (n_bad < 0);
	tuplestore_putvalues(ts, td, values, nulls);
	MemoryContextSwitchTo(old);
	MemoryContextReset(row_cxt);
}

static void
parse_one(ParseState *st, xmlParserCtxtPtr ctxt, const char *data, size_t len)
{
	int			options = XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOWARNING;

	st->ctxt = ctxt;
	cur_state = st;
	/* xmlCtxtReadMemory resets the context but keeps our SAX handler */
	/* no encoding: with XML_PARSE_IGNORE_ENC the text is read as the UTF-8 it is */
	(void) xmlCtxtReadMemory(ctxt, data, (int) len, NULL, NULL, options);
	if (st->error == NULL && !ctxt->wellFormed)
		st_error(st, "not well-formed XML");
	if (st->error == NULL && st->kind == NULL)
		st_error(st, "no root element");
	st->ctxt = NULL;
	cur_state = NULL;
}

/* ---- the kept texts --------------------------------------------------------------- */

/*
 * The text to keep of each message of the last ijw_parse() call of this
 * transaction, by bericht_id, for load_ijw()'s UPDATE of the message
 * (jeugdnorm.ijw_kept_text): the texts do not travel through the parse's
 * rows, which load_ijw() materialises and reads several times (the texts
 * are most of the bytes of a batch).  A child of TopTransactionContext,
 * emptied by the next call; the callback forgets it when the transaction
 * ends.
 *
 * A batch holds all its kept texts until its UPDATE, so their memory is
 * fresh memory, and a first touch of a page costs a page fault (on a
 * virtual machine, microseconds each: as much as the parse of a small
 * message).  So they are held as the UPDATE would store them: a text the
 * heap would compress (longer than TOAST_TUPLE_THRESHOLD) is compressed
 * here already, with the column's method (the same bytes as the heap's
 * compression; the heap stores an already compressed value as it is), and
 * the texts are packed one after another in large slabs rather than in
 * power-of-two chunks: a third of the pages for a message of a few KB.
 */
typedef struct KeptEntry
{
	int64		bericht_id;
	text	   *tekst;
} KeptEntry;

#define KEPT_SLAB (1024 * 1024)

static MemoryContext kept_cxt = NULL;	/* the kept texts of this transaction */
static MemoryContext kept_big_cxt = NULL;	/* its child: texts of their own block */
/*
 * The texts by bericht_id, in the parse's order, which is bericht_id order:
 * the UPDATE asks for them in that order too, so a lookup is usually the
 * entry after the last one found (kept_next), else a binary search.
 */
static KeptEntry *kept_entries = NULL;
static int	kept_n = 0;
static int	kept_max = 0;
static int	kept_next = 0;
static char **kept_slabs = NULL;	/* the slabs, used again by the next call */
static int	kept_n_slabs = 0;
static int	kept_max_slabs = 0;
static int	kept_cur_slab = -1;	/* the slab being filled, -1: none yet */
static char *kept_slab = NULL;	/* its free space */
static Size kept_slab_left = 0;
static char kept_cmethod = InvalidCompressionMethod;	/* of ijw_bericht.bericht */

static void
kept_forget(void *arg)
{
	kept_cxt = NULL;
	kept_big_cxt = NULL;
	kept_entries = NULL;
	kept_n = 0;
	kept_max = 0;
	kept_next = 0;
	kept_slabs = NULL;
	kept_n_slabs = 0;
	kept_max_slabs = 0;
	kept_cur_slab = -1;
	kept_slab = NULL;
	kept_slab_left = 0;
	kept_buf.data = NULL;
}

/*
 * A new set of kept texts (the previous call's are not read any more).  In
 * the same transaction (load_ijw()'s next batch) the slabs are used again:
 * freed and allocated anew they would be fresh pages again.
 */
static void
kept_begin(char cmethod)
{
	if (kept_cxt == NULL)
	{
		MemoryContextCallback *cb;

		kept_cxt = AllocSetContextCreate(TopTransactionContext, "ijw kept texts",
										 ALLOCSET_DEFAULT_SIZES);
		cb = MemoryContextAlloc(kept_cxt, sizeof(MemoryContextCallback));
		cb->func = kept_forget;
		cb->arg = NULL;
		MemoryContextRegisterResetCallback(kept_cxt, cb);
		kept_big_cxt = AllocSetContextCreate(kept_cxt, "ijw kept texts (large)",
											 ALLOCSET_DEFAULT_SIZES);
		kept_buf.data = NULL;
	}
	if (kept_buf.data == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(kept_cxt);

		initStringInfo(&kept_buf);
		MemoryContextSwitchTo(old);
	}
	else
		MemoryContextReset(kept_big_cxt);
	kept_n = 0;
	kept_next = 0;
	kept_cur_slab = -1;
	kept_slab = NULL;
	kept_slab_left = 0;
	kept_cmethod = CompressionMethodIsValid(cmethod) ? cmethod : (char) default_toast_compression;
}

/* n bytes (int-aligned, as a varlena wants) in the kept texts' memory */
static void *
kept_alloc(Size n)
{
	void	   *p;

	n = INTALIGN(n);
	if (n > KEPT_SLAB / 4)
		return MemoryContextAlloc(kept_big_cxt, n);	/* a block of its own */
	if (n > kept_slab_left)
	{
		/* the next slab: one of an earlier call, or a new one */
		kept_cur_slab++;
		if (kept_cur_slab == kept_n_slabs)
		{
			if (kept_n_slabs == kept_max_slabs)
			{
				kept_max_slabs = kept_max_slabs ? kept_max_slabs * 2 : 16;
				kept_slabs = kept_slabs
					? repalloc(kept_slabs, kept_max_slabs * sizeof(char *))
					: MemoryContextAlloc(kept_cxt, kept_max_slabs * sizeof(char *));
			}
			kept_slabs[kept_n_slabs++] = MemoryContextAlloc(kept_cxt, KEPT_SLAB);
		}
		kept_slab = kept_slabs[kept_cur_slab];
		kept_slab_left = KEPT_SLAB;
	}
	p = kept_slab;
	kept_slab += n;
	kept_slab_left -= n;
	return p;
}

static text *
kept_cstring(const char *s)
{
	size_t		n = strlen(s);
	text	   *t = kept_alloc(VARHDRSZ + n);

	SET_VARSIZE(t, VARHDRSZ + n);
	memcpy(VARDATA(t), s, n);
	return t;
}

/*
 * A copy of t (in the current, short-lived context) among the kept texts:
 * compressed when the heap would compress it, see above.
 */
static text *
kept_store(text *t)
{
	struct varlena *v = (struct varlena *) t;
	text	   *copy;

	if (VARSIZE(t) > TOAST_TUPLE_THRESHOLD)
	{
		Datum		c = toast_compress_datum(PointerGetDatum(t), kept_cmethod);

		if (DatumGetPointer(c) != NULL)
			v = (struct varlena *) DatumGetPointer(c);
	}
	copy = kept_alloc(VARSIZE(v));
	memcpy(copy, v, VARSIZE(v));
	return copy;
}

/* the next message's text; the messages come in ascending bericht_id */
static void
kept_put(int64 bericht_id, text *tekst)
{
	if (kept_n > 0 && kept_entries[kept_n - 1].bericht_id >= bericht_id)
		elog(ERROR, "ijw_parse: messages out of bericht_id order");
	if (kept_n == kept_max)
	{
		kept_max = kept_max ? kept_max * 2 : 1024;
		kept_entries = kept_entries
			? repalloc_huge(kept_entries, kept_max * sizeof(KeptEntry))
			: MemoryContextAllocHuge(kept_cxt, kept_max * sizeof(KeptEntry));
	}
	kept_entries[kept_n].bericht_id = bericht_id;
	kept_entries[kept_n].tekst = tekst;
	kept_n++;
}

static KeptEntry *
kept_find(int64 bericht_id)
{
	int			lo = 0,
				hi = kept_n - 1;

	if (kept_next < kept_n && kept_entries[kept_next].bericht_id == bericht_id)
		return &kept_entries[kept_next++];
	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (kept_entries[mid].bericht_id == bericht_id)
		{
			kept_next = mid + 1;
			return &kept_entries[mid];
		}
		if (kept_entries[mid].bericht_id < bericht_id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

PG_FUNCTION_INFO_V1(jn_ijw_kept_text);

/*
 * jeugdnorm.ijw_kept_text(bericht_id): the text to keep of a message parsed
 * by ijw_parse() in this transaction (pseudonyms, no BSN, personal elements
 * left out); NULL for a NULL message.  Only load_ijw() calls it, in the
 * statement that called ijw_parse().
 */
Datum
jn_ijw_kept_text(PG_FUNCTION_ARGS)
{
	int64		bericht_id = PG_GETARG_INT64(0);
	KeptEntry  *e = kept_cxt ? kept_find(bericht_id) : NULL;

	if (e == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("no kept text of jeugdnorm.ijw_bericht " INT64_FORMAT " in this transaction", bericht_id),
				 errhint("jeugdnorm.ijw_kept_text() is internal to load_ijw(): ijw_parse() in the same statement sets it.")));
	if (e->tekst == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(e->tekst);
}

/* a message of the current fetch, read before any is parsed */
typedef struct MsgIn
{
	int64		id;
	bool		isnull;
	bool		too_big;
	Size		rawsize;
	char	   *data;			/* UTF-8 text (too_big, isnull: NULL) */
	size_t		len;
	char		hash[2 * PG_SHA256_DIGEST_LENGTH + 1];	/* "" when not read */
	int64		eerder;			/* a 'verwerkt' message of the same content, 0: none */
} MsgIn;

/* the first message without a fault of each content in this call */
typedef struct SeenHash
{
	char		hash[2 * PG_SHA256_DIGEST_LENGTH + 1];
	int64		first;
} SeenHash;

#define IJW_FETCH 64

/*
 * The content hashes are hex SHA-256 values: their first eight digits are
 * as good a hash as any (dynahash then compares the whole key, memcmp)
 */
static uint32
seen_hash_fn(const void *key, Size keysize)
{
	const char *k = key;
	uint32		h = 0;

	for (int i = 0; i < 8 && k[i] != '\0'; i++)
		h = (h << 4) | (uint32) (k[i] <= '9' ? k[i] - '0' : (k[i] | 0x20) - 'a' + 10);
	return h;
}

/* ---- the claim lines that load --------------------------------------------------- */

/*
 * A claim line that loads (a JW323 Prestatie without a problem) is read by
 * one statement only, load_ijw()'s declaratie insert, and is most of the
 * rows of a batch.  So it does not go through ijw_parse()'s own result,
 * which load_ijw() materialises in a CTE (a second copy) and scans three
 * times: ijw_parse() puts it, in the declaratie insert's own columns, into
 * a tuplestore of its own, and jeugdnorm_internal.ijw_claims() in the same
 * statement hands that tuplestore over as its result (the function scan
 * reads it and frees it).  The tuplestore lives in the statement's memory;
 * a callback forgets it when that memory goes (end of the statement or an
 * error), so ijw_claims() can only ever see the one of its own statement.
 */
enum
{
	D_GEMEENTE, D_TOEWIJZINGNUMMER, D_CLIENT_ID, D_AANBIEDER, D_CATEGORIE, D_CODE,
	D_BEGINDATUM, D_EINDDATUM, D_VOLUME, D_EENHEID, D_BEDRAG, D_REFERENTIE,
	D_VORIG_REFERENTIE, N_DCOLS
};

static Tuplestorestate *claims_ts = NULL;
static TupleDesc claims_desc = NULL;
static MemoryContext claims_cxt = NULL;	/* the statement's memory they live in */

/* arg: the context going away (a callback per context, allocated in it) */
static void
claims_forget(void *arg)
{
	if (claims_cxt == (MemoryContext) arg)
	{
		claims_ts = NULL;
		claims_desc = NULL;
		claims_cxt = NULL;
	}
}

/* a new, empty store in the statement's memory (per_query) */
static void
claims_begin(MemoryContext per_query)
{
	MemoryContext old = MemoryContextSwitchTo(per_query);
	TupleDesc	td = CreateTemplateTupleDesc(N_DCOLS);
	static const char *const names[N_DCOLS] = {
		"gemeente", "toewijzingnummer", "client_id", "aanbieder", "productcategorie",
		"productcode", "begindatum", "einddatum", "volume", "eenheid", "bedrag",
		"referentienummer", "vorig_referentienummer"
	};

	for (int i = 0; i < N_DCOLS; i++)
		TupleDescInitEntry(td, (AttrNumber) (i + 1), names[i],
						   (i == D_BEGINDATUM || i == D_EINDDATUM) ? DATEOID
						   : (i == D_VOLUME || i == D_BEDRAG) ? NUMERICOID : TEXTOID,
						   -1, 0);
	claims_desc = BlessTupleDesc(td);
	claims_ts = tuplestore_begin_heap(false, false, work_mem);
	if (claims_cxt != per_query)
	{
		MemoryContextCallback *cb = palloc(sizeof(MemoryContextCallback));

		cb->func = claims_forget;
		cb->arg = per_query;
		MemoryContextRegisterResetCallback(per_query, cb);
	}
	claims_cxt = per_query;
	MemoryContextSwitchTo(old);
}

/* one claim line that loads (v: the parse's columns; put_row's rules) */
static void
claims_put(char **v)
{
	static const int from[N_DCOLS] = {
		C_GEMEENTE, C_TOEWIJZINGNUMMER, C_CLIENT_ID, C_AANBIEDER, C_CATEGORIE, C_CODE,
		C_BEGINDATUM, C_EINDDATUM, -1, C_EENHEID, -1, C_REFERENTIE, C_VORIG_REFERENTIE
	};
	Datum		values[N_DCOLS];
	bool		nulls[N_DCOLS];
	MemoryContext old = MemoryContextSwitchTo(row_cxt);

	for (int i = 0; i < N_DCOLS; i++)
	{
		const char *x;

		if (i == D_VOLUME)
		{
			values[i] = line_volume(v);
			nulls[i] = false;
			continue;
		}
		if (i == D_BEDRAG)
		{
			values[i] = line_bedrag(v);
			nulls[i] = false;
			continue;
		}
		x = v[from[i]];
		nulls[i] = (x == NULL);
		values[i] = nulls[i] ? (Datum) 0
			: is_date_column(from[i]) ? date_datum(x) : CStringGetTextDatum(x);
	}
	tuplestore_putvalues(claims_ts, claims_desc, values, nulls);
	MemoryContextSwitchTo(old);
	MemoryContextReset(row_cxt);
}

PG_FUNCTION_INFO_V1(jn_ijw_claims);

/*
 * jeugdnorm_internal.ijw_claims(after bigint): the claim lines that load
 * of the ijw_parse() call of the same statement, in the parse's order, in
 * the columns of load_ijw()'s declaratie insert.  "after" is only there to
 * make the statement run ijw_parse() first (load_ijw() passes a count of
 * its rows); the lines are handed over once.
 */
Datum
jn_ijw_claims(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0 || rsinfo->expectedDesc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("ijw_claims: called in a context that cannot take a set")));
	if (claims_ts == NULL || claims_cxt != rsinfo->econtext->ecxt_per_query_memory)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("ijw_claims: no claim lines of an ijw_parse() call in this statement"),
				 errhint("jeugdnorm_internal.ijw_claims() is internal to load_ijw(): ijw_parse() in the same statement sets them.")));
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = claims_ts;	/* the function scan frees it */
	rsinfo->setDesc = claims_desc;
	claims_ts = NULL;			/* handed over once */
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(jn_ijw_parse);

/*
 * jeugdnorm.ijw_parse(max_bytes, batch_bytes, loadable text[]): see the
 * header of this file.  Besides the parse, every check of load_ijw() is
 * made here, in one pass: the message's header (Afzender, Ontvanger), its
 * content hash against the messages already 'verwerkt' (one query per
 * fetch of IJW_FETCH messages) and those before it in this call, and
 * every element's problems (probleem), counted per message (n_good,
 * n_bad).  Element rows come only for messages to load (no fault, not a
 * duplicate); the SQL around it only inserts and updates.
 */
Datum
jn_ijw_parse(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		max_bytes;
	int64		batch_bytes;
	volatile int64 taken = 0;	/* bytes of the messages of this batch so far */
	volatile bool batch_full = false;
	MemoryContext per_msg;
	MemoryContext per_fetch;
	MemoryContext oldcxt;
	uint8		ipad[64];
	uint8		opad[64];
	Portal		portal;
	SPIPlanPtr	dup_plan;
	HTAB	   *seen;
	HASHCTL		hctl;
	Loadable	ld;
	xmlParserCtxtPtr volatile ctxt = NULL;
	volatile int in_ctxt = 0;
	char		cmethod;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ijw_parse: max_bytes and batch_bytes must not be NULL")));
	max_bytes = PG_GETARG_INT64(0);
	batch_bytes = PG_GETARG_INT64(1);

	memset(&ld, 0, sizeof(ld));
	ld.all = PG_ARGISNULL(2);
	if (!ld.all)
	{
		ArrayType  *a = PG_GETARG_ARRAYTYPE_P(2);
		Datum	   *elems;
		bool	   *enulls;

		deconstruct_array(a, TEXTOID, -1, false, TYPALIGN_INT, &elems, &enulls, &ld.n);
		ld.values = palloc0(sizeof(char *) * Max(ld.n, 1));
		for (int i = 0; i < ld.n; i++)
			ld.values[i] = enulls[i] ? NULL : TextDatumGetCString(elems[i]);
	}

	InitMaterializedSRF(fcinfo, 0);
	claims_begin(rsinfo->econtext->ecxt_per_query_memory);
	if (rsinfo->setDesc->natts != N_COLS)
		elog(ERROR, "ijw_parse: result has %d columns, expected %d",
			 rsinfo->setDesc->natts, N_COLS);

	per_msg = AllocSetContextCreate(CurrentMemoryContext, "ijw message",
									ALLOCSET_DEFAULT_SIZES);
	per_fetch = AllocSetContextCreate(CurrentMemoryContext, "ijw fetch",
									  ALLOCSET_DEFAULT_SIZES);
	row_cxt = AllocSetContextCreate(CurrentMemoryContext, "ijw row",
									ALLOCSET_SMALL_SIZES);
	initStringInfo(&problem_buf);
	rows_buf_max = 256;
	rows_buf = palloc(rows_buf_max * sizeof(PendingRow));
	memset(&hctl, 0, sizeof(hctl));
	hctl.keysize = 2 * PG_SHA256_DIGEST_LENGTH + 1;
	hctl.entrysize = sizeof(SeenHash);
	hctl.hcxt = CurrentMemoryContext;
	hctl.hash = seen_hash_fn;
	seen = hash_create("ijw content", 1024, &hctl, HASH_ELEM | HASH_FUNCTION | HASH_CONTEXT);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "ijw_parse: SPI_connect failed");
	if (SPI_execute("SELECT k.inner_pad, k.outer_pad FROM jeugdnorm.pseudonym_key k",
					true, 1) != SPI_OK_SELECT)
		elog(ERROR, "ijw_parse: could not read the pseudonym key");
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("no pseudonym key is set"),
				 errdetail("load_ijw() pseudonymises every Bsn and hashes every message with the region's key."),
				 errhint("An administrator sets the region's key once with jeugdnorm.set_pseudonym_key(key).")));
	for (int c = 0; c < 2; c++)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, c + 1, &isnull);
		bytea	   *b;

		if (isnull)
			elog(ERROR, "ijw_parse: pseudonym key pad is NULL");
		b = DatumGetByteaPP(d);
		if (VARSIZE_ANY_EXHDR(b) != 64)
			elog(ERROR, "ijw_parse: pseudonym key pad is not 64 bytes");
		memcpy(c == 0 ? ipad : opad, VARDATA_ANY(b), 64);
	}
	SPI_freetuptable(SPI_tuptable);

	/* the compression method of the column the kept texts go to */
	if (SPI_execute("SELECT a.attcompression FROM pg_catalog.pg_attribute a"
					" WHERE a.attrelid = 'jeugdnorm.ijw_bericht'::pg_catalog.regclass"
					" AND a.attname = 'bericht'", true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "ijw_parse: could not read the compression of jeugdnorm.ijw_bericht.bericht");
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		cmethod = isnull ? InvalidCompressionMethod : DatumGetChar(d);
	}
	SPI_freetuptable(SPI_tuptable);

	{
		Oid			argtypes[1] = {TEXTARRAYOID};

		dup_plan = SPI_prepare("SELECT b.inhoud_hash, min(b.bericht_id) FROM jeugdnorm.ijw_bericht b"
							   " WHERE b.status = 'verwerkt' AND b.inhoud_hash = ANY ($1)"
							   " GROUP BY b.inhoud_hash", 1, argtypes);
		if (dup_plan == NULL)
			elog(ERROR, "ijw_parse: SPI_prepare failed");
	}

	portal = SPI_cursor_open_with_args(NULL,
									   "SELECT b.bericht_id, b.bericht FROM jeugdnorm.ijw_bericht b"
									   " WHERE b.status IS NULL ORDER BY b.bericht_id",
									   0, NULL, NULL, NULL, true, 0);

	kept_begin(cmethod);
	xmlInitParser();
	init_sax();
	compile_paths();
	hmac_prepare(ipad, opad);

	PG_TRY();
	{
		MsgIn		msgs[IJW_FETCH];

		for (;;)
		{
			SPITupleTable *tt;
			uint64		nt;
			int			n_use = 0;
			int			n_hashed = 0;
			Datum		hashes[IJW_FETCH];

			if (batch_full)
				break;
			SPI_cursor_fetch(portal, true, IJW_FETCH);
			if (SPI_processed == 0)
				break;
			tt = SPI_tuptable;
			nt = SPI_processed;
			MemoryContextReset(per_fetch);
			oldcxt = MemoryContextSwitchTo(per_fetch);

			/* 1. read the messages of the fetch that fit the batch, hash them */
			for (uint64 t = 0; t < nt; t++)
			{
				HeapTuple	tup = tt->vals[t];
				bool		isnull;
				Datum		txt;
				MsgIn	   *mi = &msgs[n_use];

				memset(mi, 0, sizeof(*mi));
				mi->id = DatumGetInt64(SPI_getbinval(tup, tt->tupdesc, 1, &isnull));
				txt = SPI_getbinval(tup, tt->tupdesc, 2, &isnull);
				mi->isnull = isnull;
				mi->rawsize = isnull ? 0 : toast_raw_datum_size(txt) - VARHDRSZ;
				/* a batch: at least one message, then up to batch_bytes */
				if (taken > 0 && taken + (int64) Min(mi->rawsize, (Size) max_bytes) > batch_bytes)
				{
					batch_full = true;
					break;
				}
				taken += (int64) Min(mi->rawsize, (Size) max_bytes) + 1;
				n_use++;
				if (isnull)
					continue;
				if ((int64) mi->rawsize > max_bytes)
				{
					mi->too_big = true;
					continue;
				}
				{
					text	   *tx = DatumGetTextPP(txt);

					mi->data = VARDATA_ANY(tx);
					mi->len = VARSIZE_ANY_EXHDR(tx);
					if (GetDatabaseEncoding() != PG_UTF8)
					{
						mi->data = (char *) pg_server_to_any(mi->data, (int) mi->len, PG_UTF8);
						mi->len = strlen(mi->data);
					}
					hmac_hex(mi->data, mi->len, mi->hash);
					hashes[n_hashed++] = CStringGetTextDatum(mi->hash);
				}
			}

			/* 2. which of them has the content of a message already 'verwerkt' */
			if (n_hashed > 0)
			{
				Datum		arg = PointerGetDatum(construct_array(hashes, n_hashed, TEXTOID,
																  -1, false, TYPALIGN_INT));

				if (SPI_execute_plan(dup_plan, &arg, NULL, true, 0) != SPI_OK_SELECT)
					elog(ERROR, "ijw_parse: could not look up the content hashes");
				for (uint64 r = 0; r < SPI_processed; r++)
				{
					bool		hnull,
								inull;
					Datum		h = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &hnull);
					Datum		e = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &inull);
					char	   *hs;

					if (hnull || inull)
						continue;
					hs = TextDatumGetCString(h);
					for (int m = 0; m < n_use; m++)
						if (strcmp(msgs[m].hash, hs) == 0)
							msgs[m].eerder = DatumGetInt64(e);
				}
				SPI_freetuptable(SPI_tuptable);
			}
			MemoryContextSwitchTo(oldcxt);

			/* 3. parse, check and return them in order */
			for (int t = 0; t < n_use; t++)
			{
				MsgIn	   *mi = &msgs[t];
				ParseState	st;
				char	   *bv[N_COLS];
				text	   *kept_text = NULL;
				char	   *fout;
				int64		dubbel = 0;
				int			n_good = -1;
				int			n_bad = -1;

				CHECK_FOR_INTERRUPTS();
				oldcxt = MemoryContextSwitchTo(per_msg);
				memset(&st, 0, sizeof(st));
				memset(bv, 0, sizeof(bv));
				st.depth = -1;
				st.client_depth = -1;
				st.record_depth = -1;
				st.header_depth = -1;
				st.field_target = -1;
				st.personal_depth = -1;
				initStringInfo(&st.text);
				bv[C_SOORT] = "bericht";

				if (mi->isnull)
					st_error(&st, "bericht is NULL");
				else if (mi->too_big)
				{
					st_error(&st, "the message is %zu bytes, above the limit of " INT64_FORMAT " bytes", (size_t) mi->rawsize, max_bytes);
					kept_text = kept_cstring(psprintf("<!-- jeugdnorm: message of %zu bytes not kept (above the limit of " INT64_FORMAT " bytes) -->",
													  (size_t) mi->rawsize, max_bytes));
				}
				else
				{
					char	   *data = mi->data;
					size_t		len = mi->len;
					text	   *kept;

					/* text in a UTF-8 database is valid UTF-8 already */
					if (GetDatabaseEncoding() != PG_UTF8 &&
						!pg_verify_mbstr(PG_UTF8, data, (int) len, true))
						st_error(&st, "the message is not valid UTF-8");
					else if (len == 0)
						st_error(&st, "the message is empty");
					else
					{
						if (ctxt == NULL)
						{
							ctxt = xmlNewParserCtxt();
							if (ctxt == NULL)
								elog(ERROR, "ijw_parse: could not create an XML parser");
							name_cache_clear();
							memcpy(ctxt->sax, &ijw_sax, sizeof(xmlSAXHandler));
							in_ctxt = 0;
						}
						st.data = data;
						st.data_len = len;
						parse_one(&st, ctxt, data, len);
						in_ctxt++;
						/* a fresh parser after a failure and now and then */
						if (st.error != NULL || in_ctxt >= 10000)
						{
							xmlFreeParserCtxt(ctxt);
							ctxt = NULL;
						}
					}
					if (st.error == NULL && st.header[H_BERICHTCODE] == NULL)
						st_error(&st, "Header lacks BerichtCode");
					if (st.error == NULL && strcmp(st.header[H_BERICHTCODE], st.kind->code) != 0)
						st_error(&st, "BerichtCode '%.10s' does not match the namespace of %s (expected %s)",
								 st.header[H_BERICHTCODE], st.kind->type, st.kind->code);
					if (st.error == NULL)
						for (const FieldPat *f = header_fields; f->rel; f++)
							if (f->mandatory && st.header[f->target] == NULL)
							{
								st_error(&st, "Header lacks %s", f->name);
								break;
							}
					if (st.error == NULL && !valid_date(st.header[H_DAGTEKENING]))
						st_error(&st, "Header/BerichtIdentificatie/Dagtekening '%.40s' is not a date (YYYY-MM-DD)",
								 st.header[H_DAGTEKENING]);
					kept = mask_text(data, len, &st, st.error != NULL);
					if (kept == NULL)
						kept_text = kept_cstring("<!-- jeugdnorm: the text of this message is not kept: a Bsn value or a personal element in it could not be left out safely -->");
					else
						kept_text = kept_store(kept);
					bv[C_INHOUD_HASH] = mi->hash;
				}

				/* the message's fault: the parse's, or its sender and receiver */
				fout = st.error;
				if (fout == NULL)
					fout = header_problem(&st);
				bv[C_FOUT] = fout;
				if (st.kind)
					bv[C_BERICHTTYPE] = (char *) st.kind->type;
				if (st.error == NULL)
					bv[C_BERICHTCODE] = st.header[H_BERICHTCODE];
				else if (st.kind && st.header[H_BERICHTCODE] &&
						 strlen(st.header[H_BERICHTCODE]) <= 3)
					bv[C_BERICHTCODE] = st.header[H_BERICHTCODE];

				if (fout == NULL)
				{
					/* the same content twice loads once ([X1]) */
					if (mi->eerder != 0)
						dubbel = mi->eerder;
					else
					{
						bool		found;
						SeenHash   *sh = hash_search(seen, mi->hash, HASH_ENTER, &found);

						if (found)
							dubbel = sh->first;
						else
							sh->first = mi->id;
					}
					n_good = 0;
					n_bad = 0;
				}
				if (fout == NULL && dubbel == 0)
				{
					bool		to_gemeente = st.kind->record != NULL &&
						(strcmp(st.kind->soort, "toewijzing") == 0 ||
						 strcmp(st.kind->soort, "antwoord") == 0);
					bool		is_claims = st.kind->record != NULL &&
						strcmp(st.kind->soort, "prestatie") == 0;

					for (int r = 0; r < st.n_rows; r++)
					{
						PendingRow *pr = &st.rows[r];

						pr->v[C_BERICHTCODE] = st.header[H_BERICHTCODE];
						pr->v[C_BERICHTTYPE] = (char *) st.kind->type;
						pr->v[C_AFZENDER] = st.header[H_AFZENDER];
						pr->v[C_ONTVANGER] = st.header[H_ONTVANGER];
						pr->v[C_IDENTIFICATIE] = st.header[H_IDENTIFICATIE];
						pr->v[C_DAGTEKENING] = st.header[H_DAGTEKENING];
						pr->v[C_GEMEENTE] = to_gemeente ? st.header[H_AFZENDER] : st.header[H_ONTVANGER];
						pr->v[C_AANBIEDER] = to_gemeente ? st.header[H_ONTVANGER] : st.header[H_AFZENDER];
						pr->v[C_PROBLEEM] = element_problem(pr->v, &ld);
						if (pr->v[C_PROBLEEM] == NULL)
							n_good++;
						else
							n_bad++;
						/*
						 * A claim line that loads is read by load_ijw()'s
						 * declaratie insert only: into the claims store, in
						 * that insert's columns (ijw_claims())
						 */
						if (pr->v[C_PROBLEEM] == NULL && is_claims)
							claims_put(pr->v);
						else
							put_row(rsinfo->setResult, rsinfo->setDesc, mi->id, pr->volgnr, pr->v,
									0, -1, -1);
					}
				}
				/* the header's other fields: only on element rows (UPDATE does not take them) */
				kept_put(mi->id, kept_text);
				put_row(rsinfo->setResult, rsinfo->setDesc, mi->id, 0, bv,
						dubbel, n_good, n_bad);
				MemoryContextSwitchTo(oldcxt);
				MemoryContextReset(per_msg);
			}
			SPI_freetuptable(tt);
		}
	}
	PG_FINALLY();
	{
		cur_state = NULL;
		if (ctxt != NULL)
			xmlFreeParserCtxt(ctxt);
		hmac_finish();
	}
	PG_END_TRY();

	SPI_cursor_close(portal);
	SPI_finish();
	MemoryContextDelete(per_msg);
	MemoryContextDelete(per_fetch);
	MemoryContextDelete(row_cxt);
	row_cxt = NULL;
	return (Datum) 0;
}
