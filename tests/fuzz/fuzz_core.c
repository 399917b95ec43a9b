/*
 * fuzz_core - the whole core on raw message bytes: parse, decide against a
 * real LMDB store, and render the decision as --test does (text and JSON).
 *
 * The first input byte picks the envelope (sender, recipients, client,
 * AUTH) and the second the configuration (rules, cleaning, archiving,
 * failure actions, a small max_message_size); the rest is the message.
 * The store and the configurations live in one scratch directory made at
 * start-up; the store is made anew every STORE_RENEW inputs so its map
 * never fills.  Run with -max_len=1048576 (docs/robustness.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <libxml/parser.h>

#include "conf.h"
#include "fuzzlib.h"
#include "core.h"
#include "report.h"
#include "spool.h"
#include "store.h"

#define STORE_RENEW	2000
#define NCONF		4

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* What each configuration adds to the common settings. */
static const char *const conf_extra[NCONF] = {
	"",
	"cc_only_action = \"warn\"; bcc_action = \"reject\";\n"
	"ticket_allocate = true; clean_note = true;\n"
	"exempt_senders = [ \"partner.example\" ];\n"
	"subject_gateway_tags = [ \"[EXTERNAL]\" ];\n",
	"clean_bodies = false; on_unparseable = \"tempfail\";\n"
	"multi_recipient_action = \"remove\"; ticket_word = \"Case\";\n"
	"ticket_brackets = \"()\";\n",
	"max_message_size = \"2K\"; on_oversize = \"reject\";\n"
	"archive_originals = true; recurring_image_count = 1;\n"
	"learned_signature_count = 1; small_image_pixels = 1;\n",
};

static const char *const senders[] = {
	"<cust@customer.example>", "<>", "<MAILER-DAEMON@mx.example>",
	"<support@example.com>",
};

static const char *const rcpt_sets[][3] = {
	{ "<support@example.com>" },
	{ "<support+acme@example.com>", "<alice@customer.example>" },
	{ "<alice@customer.example>" },
	{ "<help@example.org>", "<support@example.com>", "<bob@x.example>" },
};

static char *dir;
static struct conf *confs[NCONF];
static struct store *st;
static unsigned long runs;

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_core: %s: %s\n", what, why);
	exit(1);
}

static void
store_renew(void)
{
	char	err[STORE_ERRLEN];
	char	*db = g_build_filename(dir, "db", NULL);
	char	*cmd;

	store_close(st);
	cmd = g_strdup_printf("rm -rf '%s'", db);
	if (system(cmd) != 0 || g_mkdir(db, 0700) < 0)
		die(db, "cannot make it anew");
	if (store_open(db, 256u << 20, STORE_WRITE, &st, err) < 0)
		die(db, err);
	g_free(cmd);
	g_free(db);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	GError	*gerr = NULL;

	(void)argc;
	(void)argv;
	g_mime_init();
	xmlInitParser();
	if ((dir = g_dir_make_tmp("fuzz_core.XXXXXX", &gerr)) == NULL)
		die("tmpdir", gerr->message);
	for (int i = 0; i < NCONF; i++) {
		char	*text = g_strdup_printf(
		    "support_addresses = [ \"support@example.com\", "
		    "\"help@example.org\" ];\n"
		    "socket = \"unix:%s/sock\";\ndatabase = \"%s/db\";\n"
		    "spool_directory = \"%s\";\nspill_size = \"64K\";\n%s",
		    dir, dir, dir, conf_extra[i]);

		confs[i] = fuzzlib_conf("fuzz_core", text);
		g_free(text);
	}
	store_renew();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t	env_sel = size > 0 ? data[0] : 0;
	uint8_t	conf_sel = size > 1 ? data[1] : 0;
	const struct conf *c = confs[conf_sel % NCONF];
	const char *const *rcpts = rcpt_sets[(env_sel >> 2) % 4];
	size_t	nrcpts = 0;
	struct envelope env = {
		"FUZZ", senders[env_sel % 4], rcpts, 0,
		env_sel & 0x10 ? "192.0.2.1" : "127.0.0.1",
		env_sel & 0x20 ? "agent" : NULL, 1795600000 + (time_t)runs
	};
	struct spool *sp = spool_new(c->spool_directory, &(struct spool_limits){
	    .spill = c->spill_size, .memory = c->spool_memory, .max = SIZE_MAX,
	    .line = MESSAGE_LINE_MAX }, NULL);
	struct message msg;
	struct decision d;
	GByteArray *text = g_byte_array_new();
	GString	*json = g_string_new(NULL);

	if (++runs % STORE_RENEW == 0)
		store_renew();
	while (nrcpts < 3 && rcpts[nrcpts])
		nrcpts++;
	env.nrcpts = nrcpts;
	if (size > 2 && spool_write(sp, data + 2, size - 2) < 0)
		die("spool", "write failed");
	message_from_spool(sp, c->max_message_size, &msg);
	decision_init(&d);
	(void)core_decide(&env, &msg, c, st, &d);
	(void)report_text(&msg, &d, text);
	(void)report_json(&env, &msg, &d, json);
	decision_release(&d);
	message_release(&msg);
	spool_free(sp);
	g_byte_array_unref(text);
	(void)g_string_free(json, TRUE);
	return 0;
}
