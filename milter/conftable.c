/*
 * NAME
 *	conftable - the settings table
 * DESCRIPTION
 *	Every configuration key with its default, documentation, type and
 *	bounds.  The defaults are parsed by conf.c like a file, so they pass
 *	the same checks as the administrator's values.
 * SEE ALSO
 *	support-milter.conf(5), conf/support-milter.conf
 */
#include <stddef.h>

#include "conftable.h"

#define OFF(f)	offsetof(struct conf, f)

const struct key conf_table[] = {
	{{"support_addresses", "[ \"support@example.com\" ]",
	  "support addresses; domain case-insensitive, local part case-insensitive, subaddresses count"},
	 T_ADDRESSES, OFF(support_addresses), 0, 0, 0},
	{{"recipient_delimiter", "\"+\"",
	  "characters that start a subaddress (support+acme@); \"\" for none"},
	 T_STRING, OFF(recipient_delimiter), 0, 0, 0},
	{{"socket", "\"unix:/run/support-milter/support-milter.sock\"",
	  "where the milter listens: unix:/path, local:/path, inet:PORT@HOST, inet6:PORT@HOST"},
	 T_SOCKET, OFF(socket), 0, 0, 0},
	{{"socket_mode", "\"0660\"",
	  "octal mode of a unix socket"},
	 T_MODE, OFF(socket_mode), 0, 0777, 0},
	{{"socket_group", "\"\"",
	  "group of a unix socket (e.g. postfix); \"\" keeps the daemon's group"},
	 T_STRING, OFF(socket_group), 0, 0, 0},
	{{"database", "\"/var/lib/support-milter\"",
	  "directory of the LMDB database"},
	 T_PATH, OFF(database), 0, 0, 0},
	{{"database_size", "\"1G\"",
	  "LMDB map size: the most the database can grow to"},
	 T_SIZE, OFF(database_size), 1 << 20, (size_t)1 << 40, 0},
	{{"spool_directory", "\"/var/tmp\"",
	  "private directory for messages larger than spill_size"},
	 T_PATH, OFF(spool_directory), 0, 0, 0},
	{{"spill_size", "\"1M\"",
	  "bytes of a message kept in memory before it spills to spool_directory"},
	 T_SIZE, OFF(spill_size), 4096, (size_t)1 << 30, 0},
	{{"max_message_size", "\"50M\"",
	  "larger messages pass unmodified, with a log line"},
	 T_SIZE, OFF(max_message_size), 1024, (size_t)1 << 40, 0},
	{{"syslog_facility", "\"mail\"",
	  "syslog facility: mail, daemon, user or local0 to local7"},
	 T_FACILITY, OFF(syslog_facility), 0, 0, 0},
	{{"user", "\"\"",
	  "when started as root, the user to run as after opening the socket and pid_file; \"\" keeps the starting user"},
	 T_STRING, OFF(user), 0, 0, 0},
	{{"pid_file", "\"\"",
	  "file holding the daemon's process ID while it runs; \"\" for none"},
	 T_OPT_PATH, OFF(pid_file), 0, 0, 0},
	{{"stop_timeout", "60",
	  "seconds messages in progress get to finish after SIGTERM"},
	 T_NUMBER, OFF(stop_timeout), 0, 3600, 0},
	{{"header_name", "\"X-Support-Milter\"",
	  "header that shows the decision to the ticket system; incoming copies are removed"},
	 T_HEADER_NAME, OFF(header_name), 0, 0, 0},
	{{"cc_only_action", "\"reject\"",
	  "support address only in Cc: reject, warn or accept"},
	 T_POLICY, OFF(cc_only_action), 0, 0,
	 P(POLICY_REJECT) | P(POLICY_WARN) | P(POLICY_ACCEPT)},
	{{"bcc_action", "\"warn\"",
	  "support address in neither To nor Cc (Bcc, redirects): reject, warn or accept"},
	 T_POLICY, OFF(bcc_action), 0, 0,
	 P(POLICY_REJECT) | P(POLICY_WARN) | P(POLICY_ACCEPT)},
	{{"multi_recipient_action", "\"warn\"",
	  "instead of a reject when the mail has other recipients: remove (the support recipient) or warn"},
	 T_POLICY, OFF(multi_recipient_action), 0, 0,
	 P(POLICY_REMOVE) | P(POLICY_WARN)},
	{{"guidance_reply",
	  "[ \"Your message to ${support_address} was not accepted.\","
	  " \"Our support procedure needs ${support_address} in the To field\","
	  " \"of your message, not only in Cc or Bcc.\","
	  " \"Please send your message again with ${support_address} in To.\","
	  " \"When you reply to a ticket, keep \\\"Ticket [<No>]\\\" in the Subject\","
	  " \"so that your reply is added to the existing ticket.\" ]",
	  "lines of the 550 5.7.1 reply; ${support_address} is the address written to"},
	 T_GUIDANCE, OFF(guidance_reply), 0, 0, 0},
	{{"on_failure", "\"tempfail\"",
	  "when a message cannot be handled (database error): tempfail or accept"},
	 T_FAILURE, OFF(on_failure), 0, 0, 0},
	{{"trusted_networks", "[ \"127.0.0.0/8\", \"::1\" ]",
	  "clients whose mail from the support address teaches us ticket threads (CIDR, IPv6, !exclusion)"},
	 T_LIST, OFF(trusted_networks), 0, 0, 0},
	{{"ticket_allocate", "false",
	  "number new tickets here (true) or leave them to the ticket system (false)"},
	 T_BOOL, OFF(ticket_allocate), 0, 0, 0},
	{{"ticket_first_number", "1",
	  "the first number ticket_allocate gives out"},
	 T_NUMBER, OFF(ticket_first), 1, (size_t)1 << 50, 0},
	{{"ticket_word", "\"Ticket\"",
	  "the word of the ticket token in the Subject"},
	 T_STRING, OFF(ticket_word), 0, 0, 0},
	{{"ticket_brackets", "\"[]\"",
	  "the two characters around the ticket number"},
	 T_STRING, OFF(ticket_brackets), 0, 0, 0},
	{{"ticket_header_name", "\"X-Support-Ticket\"",
	  "header that gives the ticket system the ticket and how it was found"},
	 T_HEADER_NAME, OFF(ticket_header_name), 0, 0, 0},
	{{"subject_prefixes",
	  "[ \"Re\", \"Fw\", \"Fwd\", \"AW\", \"WG\", \"Antw\", "
	  " \"Antwort\", \"SV\", \"VS\", \"VL\", \"Vá\", \"R\", "
	  " \"RIF\", \"I\", \"RES\", \"RESP\", \"RV\", \"ENC\", "
	  " \"REENV\", \"TRANSF\", \"Odp\", \"PD\", \"YNT\", "
	  " \"Yan\", \"İLT\", \"ΑΠ\", \"ΣΧΕΤ\", \"ΠΡΘ\", \"השב\", "
	  " \"Ответ\", \"Пересл\", \"Одг\", \"Odg\", \"回复\", "
	  " \"答复\", \"转发\", \"回覆\", \"轉寄\", \"返信\", \"転送\" ]",
	  "reply and forward prefixes removed from the front of a Subject (case-insensitive; counters and the fullwidth colon allowed)"},
	 T_LIST, OFF(subject_prefixes), 0, 0, 0},
	{{"subject_gateway_tags",
	  "[ \"[EXTERNAL]\", \"*EXTERNAL*\", \"[EXT]\", \"[SPAM]\", \"[Suspicious]\" ]",
	  "tags that mail gateways add, removed wherever they stand in a Subject"},
	 T_LIST, OFF(subject_gateway_tags), 0, 0, 0},
	{{"clean_bodies", "true",
	  "cut quoted history, signatures and their images from mail to support"},
	 T_BOOL, OFF(clean_bodies), 0, 0, 0},
	{{"reply_markers", "[ \"Please reply above this line\" ]",
	  "lines above which customers write; everything from a marker on is history"},
	 T_LIST, OFF(reply_markers), 0, 0, 0},
	{{"disclaimer_patterns",
	  "[ \"This e-mail and any attachments\", \"This email and any attachments\","
	  " \"This message is confidential\", \"CONFIDENTIALITY NOTICE\","
	  " \"Diese E-Mail enthält vertrauliche\" ]",
	  "text that starts a legal disclaimer at the end of a message"},
	 T_LIST, OFF(disclaimer_patterns), 0, 0, 0},
	{{"small_image_bytes", "\"4K\"",
	  "inline images smaller than this are logos or icons and go"},
	 T_SIZE, OFF(small_image_bytes), 0, (size_t)1 << 30, 0},
	{{"small_image_pixels", "64",
	  "inline images at most this many pixels wide and high go"},
	 T_NUMBER, OFF(small_image_pixels), 0, 100000, 0},
	{{"recurring_image_count", "3",
	  "an inline image seen in this many earlier messages of the sender domain is a logo and goes; 0: off"},
	 T_NUMBER, OFF(recurring_image_count), 0, 1000000, 0},
	{{"learned_signature_count", "2",
	  "a trailing text block seen in this many earlier messages of the sender is a signature and goes; 0: off"},
	 T_NUMBER, OFF(learned_signature_count), 0, 1000000, 0},
	{{"archive_originals", "false",
	  "keep the original of every message whose body was replaced under DATABASE/archive"},
	 T_BOOL, OFF(archive_originals), 0, 0, 0},
	{{"clean_note", "false",
	  "append a line naming what was removed to the kept text (and HTML)"},
	 T_BOOL, OFF(clean_note), 0, 0, 0},
	{{"clean_header_name", "\"X-Support-Cleaned\"",
	  "header that tells the ticket system what cleaning removed"},
	 T_HEADER_NAME, OFF(clean_header_name), 0, 0, 0},
	{{NULL, NULL, NULL}, 0, 0, 0, 0, 0}
};

const struct conf_key *
conf_keys(void)
{
	static struct conf_key rows[sizeof(conf_table) / sizeof(conf_table[0])];

	/* rows is written once with the same constant data by any caller */
	for (size_t i = 0; i < sizeof(conf_table) / sizeof(conf_table[0]); i++)
		rows[i] = conf_table[i].pub;
	return rows;
}
