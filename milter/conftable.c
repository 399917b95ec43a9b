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
	{{"spill_size", "\"2M\"",
	  "bytes of a message kept in memory before it spills to spool_directory"},
	 T_SIZE, OFF(spill_size), 4096, (size_t)1 << 30, 0},
	{{"spool_memory", "\"16M\"",
	  "bytes of all messages together kept in memory; a message that "
	  "would go beyond spills even below spill_size"},
	 T_SIZE, OFF(spool_memory), 4096, (size_t)1 << 40, 0},
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
	{{"on_store_error", "\"tempfail\"",
	  "support mail whose decision the database cannot record: tempfail, accept, reject or quarantine"},
	 T_FAILURE, OFF(on_failure[FAIL_STORE]), 0, 0, 0},
	{{"on_internal_error", "\"tempfail\"",
	  "support mail that cannot be taken in or changed (spool, the MTA refusing a change): tempfail, accept, reject or quarantine"},
	 T_FAILURE, OFF(on_failure[FAIL_INTERNAL]), 0, 0, 0},
	{{"on_oversize", "\"accept\"",
	  "support mail above max_message_size: accept (unmodified), tempfail, reject or quarantine"},
	 T_FAILURE, OFF(on_failure[FAIL_OVERSIZE]), 0, 0, 0},
	{{"on_unparseable", "\"accept\"",
	  "support mail whose MIME cannot be parsed: accept (unmodified), tempfail, reject or quarantine"},
	 T_FAILURE, OFF(on_failure[FAIL_UNPARSEABLE]), 0, 0, 0},
	{{"exempt_senders", "[ ]",
	  "envelope senders whose mail the recipient rule never rejects: user@domain, @domain, or domain (and its subdomains)"},
	 T_LIST, OFF(exempt_senders), 0, 0, 0},
	{{"stats_file", "\"\"",
	  "file rewritten with the counters in Prometheus text format (node_exporter textfile collector); \"\" for none"},
	 T_OPT_PATH, OFF(stats_file), 0, 0, 0},
	{{"stats_interval", "60",
	  "seconds between rewrites of stats_file"},
	 T_NUMBER, OFF(stats_interval), 1, 86400, 0},
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
	{{"severity_header_name", "\"X-Support-Severity\"",
	  "header with the severity the customer states, 1-5 (5: none stated); incoming copies are removed"},
	 T_HEADER_NAME, OFF(severity_header_name), 0, 0, 0},
	{{"response_due_header_name", "\"X-Support-Response-Due\"",
	  "header with the date a response is due for the stated severity; incoming copies are removed"},
	 T_HEADER_NAME, OFF(response_due_header_name), 0, 0, 0},
	{{"checklist_header_name", "\"X-Support-Checklist\"",
	  "header naming the details a new request lacks; incoming copies are removed"},
	 T_HEADER_NAME, OFF(checklist_header_name), 0, 0, 0},
	{{"severity_words", "[ \"Severity\", \"Sev\", \"Schweregrad\" ]",
	  "words before a stated severity 1-5 (\"Severity 2\", \"Sev: 1\"); \"[S1]\" is always recognised"},
	 T_LIST, OFF(severity_words), 0, 0, 0},
	{{"severity_lines", "10",
	  "non-blank lines at the top of the kept text read for a stated severity (the Subject always is)"},
	 T_NUMBER, OFF(severity_lines), 0, 1000, 0},
	{{"response_targets", "[ \"2h\", \"1d\", \"3d\", \"\" ]",
	  "response target per severity from 1: NUMBERh working hours, NUMBERd working days, \"\" none"},
	 T_LIST, OFF(response_targets), 0, 0, 0},
	{{"working_hours", "\"09:00-17:00\"",
	  "working hours of a working day, HH:MM-HH:MM in time_zone"},
	 T_STRING, OFF(working_hours), 0, 0, 0},
	{{"working_days", "[ \"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\" ]",
	  "working days: Mon, Tue, Wed, Thu, Fri, Sat, Sun"},
	 T_LIST, OFF(working_days), 0, 0, 0},
	{{"time_zone", "\"UTC\"",
	  "time zone of the working hours, a TZ database name such as Europe/Berlin"},
	 T_STRING, OFF(time_zone), 0, 0, 0},
	{{"checklist_process_number",
	  "[ "
	  "\"\\\\b(?:process|prozess|workflow)\\\\s*(?:no\\\\.?|nr\\\\.?|number|nummer|id|#)\\\\s*[:#]?\\\\s*[A-Z]{0,4}-?\\\\d+\", "
	  "\"\\\\bprozessnummer\\\\s*[:#]?\\\\s*\\\\d+\", "
	  "\"\\\\b(?:process|prozess)\\\\s+#?\\\\d{2,}\\\\b\" ]",
	  "patterns (PCRE, case-insensitive) that find the process number in a new request"},
	 T_LIST, OFF(checklist_patterns[CHECK_PROCESS]), 0, 0, 0},
	{{"checklist_product_version",
	  "[ "
	  "\"\\\\b(?:version|vers\\\\.|ver\\\\.|release|build|v)\\\\s*[:=]?\\\\s*\\\\d+(?:\\\\.\\\\d+)+\", "
	  "\"\\\\b(?:version|release|build)\\\\s*(?:is\\\\s+|ist\\\\s+|der\\\\s+\\\\w+\\\\s*|of\\\\s+the\\\\s+\\\\w+\\\\s*)?[:=]?\\\\s*v?\\\\d+\\\\b\", "
	  "\"\\\\b(?:upgrad\\\\w*|updat\\\\w*|aktualisier\\\\w*|migrat\\\\w*)\\\\b[^.!?]{0,30}\\\\b(?:from|to|auf|von)\\\\s+v?\\\\d+\\\\.\\\\d+\", "
	  "\"\\\\bversionsnummer\\\\s*[:=]?\\\\s*\\\\d\", "
	  "\"(?-i:\\\\b[A-Z][A-Za-z]{2,})\\\\s+v?\\\\d{1,2}\\\\.\\\\d{1,3}(?:\\\\.\\\\d{1,3})?(?!\\\\.?\\\\d)(?!\\\\s*(?:Uhr|h\\\\b|am\\\\b|pm\\\\b|%))\" ]",
	  "patterns (PCRE, case-insensitive) that find the product name and version in a new request"},
	 T_LIST, OFF(checklist_patterns[CHECK_VERSION]), 0, 0, 0},
	{{"checklist_steps",
	  "[ "
	  "\"\\\\bsteps?\\\\s+to\\\\s+(?:reproduce|replicate)\", "
	  "\"\\\\b(?:to\\\\s+reproduce|reproduction\\\\s+steps|repro\\\\s+steps|what\\\\s+(?:I|we)\\\\s+did)\\\\b\", "
	  "\"\\\\bsteps\\\\s*:\", "
	  "\"^\\\\s*[-*\\\\x{2022}]\\\\s+(?:open|click|choose|select|go|enter|press|type|start|run|navigate|log|add|save|öffne|klicke|wähle|gehe|gib|starte|speichere)\\\\b\", "
	  "\"\\\\b(?:I|we)\\\\s+(?:open|click|select|choose|enter|press|go\\\\s+to|start)\\\\b\", "
	  "\"\\\\b(?:ich|wir)\\\\s+(?:wähle|wählen|klicke|klicken|öffne|öffnen|gehe|gehen|wechsle|wechseln|starte|starten|drücke|drücken|gebe|geben)\\\\b\", "
	  "\"^\\\\s*(?:\\\\d{1,2}[.)]|step\\\\s+\\\\d+:?)\\\\s+\\\\S\", "
	  "\"\\\\b(?:when|after|once)\\\\s+(?:I|we|the\\\\s+user|a\\\\s+user|users)\\\\s+(?:click|open|press|select|run|start|save|submit|try|tried|clicked|opened|pressed|selected|ran|started|saved|submitted|enter|entered|upload|uploaded|import|imported|log\\\\s+in|logged\\\\s+in)\", "
	  "\"\\\\b(?:I|we)\\\\s+(?:clicked|opened|pressed|selected|ran|started|saved|submitted|entered|uploaded|imported|tried\\\\s+to)\\\\b\", "
	  "\"\\\\bSchritte\\\\s+zu[mr]?\\\\s+(?:Reproduktion|Reproduzieren|Nachstellen)\", "
	  "\"\\\\b(?:zum\\\\s+Nachstellen|so\\\\s+(?:reproduzieren|nachstellen))\", "
	  "\"\\\\b(?:wenn|nachdem|sobald)\\\\s+(?:ich|wir|der\\\\s+Benutzer|ein\\\\s+Benutzer|man)\\\\b[^.!?]{0,60}(?:klick|öffne|starte|speicher|auswähl|wähle|ausführ|importier|hochlad|lade|gebe|einlogg|anmeld|anhäng|hinzufüg|eingeb|drück|tipp|wechsl)\", "
	  "\"\\\\b(?:ich|wir)\\\\s+(?:habe|haben)\\\\b[^.!?]{0,60}(?:geklickt|geöffnet|gestartet|gespeichert|ausgewählt|ausgeführt|importiert|hochgeladen|eingegeben)\" ]",
	  "patterns (PCRE, case-insensitive) that find the steps to replicate the issue in a new request"},
	 T_LIST, OFF(checklist_patterns[CHECK_STEPS]), 0, 0, 0},
	{{"checklist_affected_users",
	  "[ "
	  "\"\\\\b(?:all|every|only|just|several|some|many|multiple|most|few|two|three|\\\\d+)\\\\s+(?:of\\\\s+(?:our|the|my)\\\\s+)?(?:[\\\\w-]+\\\\s+){0,2}(?:users?|colleagues|people|staff|employees|operators|engineers|accounts|planners|technicians|devices|iPads|tablets|phones|PCs|clients)\\\\b\", "
	  "\"\\\\b(?:happens|occurs)\\\\s+(?:only\\\\s+)?(?:for|to)\\\\s+(?:me|us|everyone|everybody|all)\\\\b\", "
	  "\"\\\\b(?:nobody|no\\\\s+one|niemand)\\\\s+(?:can|could|is\\\\s+able|kann|konnte)\\\\b|\\\\b(?:can|kann|konnte)\\\\s+(?:nobody|no\\\\s+one|niemand)\\\\b\", "
	  "\"\\\\b(?:everyone|everybody|nobody\\\\s+else|no\\\\s+one\\\\s+else|only\\\\s+me|just\\\\s+me|only\\\\s+I|only\\\\s+one\\\\s+(?:user|person))\\\\b\", "
	  "\"\\\\b(?:affects|affecting|affected)\\\\b[^.!?]{0,40}\\\\b(?:users?|everyone|all|only|team|department|site|people|colleagues)\", "
	  "\"\\\\b(?:alle|allen|nur|mehrere|mehreren|einige|einigen|viele|vielen|zwei|drei|\\\\d+)\\\\s+(?:unserer\\\\s+|der\\\\s+|meiner\\\\s+)?(?:[\\\\w-]+\\\\s+)?[\\\\w-]*(?:Benutzer|Nutzer|Anwender|Kolleg|Mitarbeite|User\\\\b|Personen|Geräte)\", "
	  "\"\\\\bbetrifft\\\\s+(?:nur|alle|mehrere|jeden|uns|mich)\\\\b\", "
	  "\"\\\\b(?:niemand\\\\s+sonst|nur\\\\s+ich|nur\\\\s+bei\\\\s+mir|bei\\\\s+allen|jeder\\\\s+Benutzer|jeden\\\\s+Benutzer)\\\\b\", "
	  "\"\\\\bbetroffen\\\\s+(?:sind|ist)\\\\s+(?:alle|nur|mehrere|\\\\d+)\\\\s+(?:[\\\\w-]+\\\\s+)?(?:Benutzer|Nutzer|Anwender|Kolleg|Mitarbeite|User\\\\b|Personen|Instandhalter|Planer|Techniker)\", "
	  "\"\\\\b(?:sind|ist|bin)\\\\s+(?:alle|nur|mehrere|wir|ich)\\\\b[^.!?]{0,30}betroffen\" ]",
	  "patterns (PCRE, case-insensitive) that find who is affected in a new request"},
	 T_LIST, OFF(checklist_patterns[CHECK_AFFECTED]), 0, 0, 0},
	{{"checklist_first_occurred",
	  "[ "
	  "\"\\\\bsince\\\\s+(?:yesterday|today|this\\\\s+morning|last|the\\\\s+(?:update|upgrade|weekend|migration|patch|restart|reboot)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\\\\d|january|february|march|april|may|june|july|august|september|october|november|december|this\\\\s+week)\", "
	  "\"\\\\b(?:first\\\\s+(?:occurred|noticed|appeared|happened|seen|saw|observed|reported)|(?:started|began)\\\\s+(?:to|happening|occurring|yesterday|today|this|last|on|at|around|after|about|when|in)|(?:noticed|appeared|happened|occurred)\\\\s+(?:first\\\\s+)?(?:yesterday|today|this\\\\s+morning|last|on\\\\s+\\\\w+day|at\\\\s+\\\\d))\", "
	  "\"\\\\b(?:for\\\\s+(?:about\\\\s+|around\\\\s+|over\\\\s+)?(?:the\\\\s+(?:last|past)\\\\s+)?(?:\\\\d+|a|one|two|three|four|a\\\\s+few|few|several)\\\\s+(?:hours|days|weeks|months)|\\\\d+\\\\s+(?:hours|days|weeks)\\\\s+ago)\\\\b\", "
	  "\"\\\\b(?:since|after|as\\\\s+of|noticed|appeared|happened|occurred|started|began)\\\\b[^.!?]{0,60}\\\\b(?:this\\\\s+morning|yesterday|last\\\\s+night|today|(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend|\\\\d{1,2}(?:st|nd|rd|th)?\\\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\\\w*)\\\\b\", "
	  "\"\\\\b(?:since\\\\s+then|seitdem|seither|after\\\\s+the\\\\s+(?:update|upgrade|migration|restart|reboot)|nach\\\\s+(?:dem|der)\\\\s+(?:Update|Upgrade|Umstellung|Umzug|Neustart|Migration))\\\\b\", "
	  "\"\\\\b(?:vorher|davor)\\\\s+(?:ging|lief|funktionierte|klappte)|\\\\b(?:worked|was\\\\s+working)\\\\s+(?:fine\\\\s+)?(?:until|before)\\\\b\", "
	  "\"\\\\bseit\\\\s+(?:gestern|heute|vorgestern|letzte|dem|der|(?:Mon|Diens|Donners|Frei|Sams|Sonn)tag|Mittwoch|\\\\d|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|dieser|diese|kurzem|einige)\", "
	  "\"\\\\b(?:zum\\\\s+ersten\\\\s+Mal|erstmals|erstmalig|zuerst\\\\s+(?:aufgetreten|bemerkt|gesehen))\" ]",
	  "patterns (PCRE, case-insensitive) that find when it first occurred in a new request"},
	 T_LIST, OFF(checklist_patterns[CHECK_FIRST]), 0, 0, 0},
	{{"checklist_integration_changes",
	  "[ "
	  "\"\\\\b(?:integrat\\\\w*|connected|interfac\\\\w*|upstream|downstream|ERP|SAP|CRM|Salesforce|SharePoint|Dynamics|historian|OSIsoft|MES|SCADA|MQTT|broker|OPC|third[- ]party|external\\\\s+system|source\\\\s+system|API)\\\\b[^.!?]{0,80}\\\\b(?:chang\\\\w*|updat\\\\w*|upgrad\\\\w*|migrat\\\\w*|replac\\\\w*|modif\\\\w*|patch\\\\w*|install\\\\w*|moved|rebuilt)\", "
	  "\"\\\\b(?:chang\\\\w*|updat\\\\w*|upgrad\\\\w*|migrat\\\\w*|replac\\\\w*|modif\\\\w*|patch\\\\w*|install\\\\w*|moved|rebuilt)\\\\b[^.!?]{0,60}\\\\b(?:integrat\\\\w*|connected\\\\s+system|interfac\\\\w*|ERP|SAP|CRM|Salesforce|SharePoint|Dynamics|historian|OSIsoft|MES|SCADA|third[- ]party|external\\\\s+system|source\\\\s+system|API)\\\\b\", "
	  "\"\\\\b(?:Schnittstelle|angebunden|angeschlossen|Integration|Umsystem|Fremdsystem|Drittsystem|ERP|SAP|CRM|SharePoint|API|Historian|OSIsoft|MES|MQTT|Broker|OPC)[^.!?]{0,80}(?:geändert|aktualisiert|umgestellt|Update|Upgrade|migriert|Änderung|ersetzt|gepatcht)\", "
	  "\"(?:Änderung|Update|Umstellung)[^.!?]{0,60}(?:Schnittstelle|Umsystem|Integration|ERP|SAP|CRM|Fremdsystem|angebunden)\" ]",
	  "patterns (PCRE, case-insensitive) that find changes to integrated systems in a new request"},
	 T_LIST, OFF(checklist_patterns[CHECK_INTEGRATION]), 0, 0, 0},
	{{"checklist_server_changes",
	  "[ "
	  "\"\\\\b(?:server|servers|environment|infrastructure|VM|virtual\\\\s+machine|IIS|SQL\\\\s+Server|Windows|operating\\\\s+system|OS|firewall|certificate|proxy|network|domain\\\\s+controller|Azure|AWS|Docker|Kubernetes)\\\\b[^.!?]{0,80}\\\\b(?:chang\\\\w*|updat\\\\w*|upgrad\\\\w*|migrat\\\\w*|replac\\\\w*|modif\\\\w*|patch\\\\w*|install\\\\w*|moved|rebuilt)\", "
	  "\"\\\\b(?:chang\\\\w*|updat\\\\w*|upgrad\\\\w*|migrat\\\\w*|replac\\\\w*|modif\\\\w*|patch\\\\w*|install\\\\w*|moved|rebuilt)\\\\b[^.!?]{0,60}\\\\b(?:server|servers|environment|infrastructure|VM|IIS|SQL\\\\s+Server|Windows|operating\\\\s+system|firewall|certificate|proxy|network)\\\\b\", "
	  "\"\\\\b(?:Server|Umgebung|Infrastruktur|Betriebssystem|Windows|Firewall|Zertifikat|Netzwerk|Proxy|SQL[- ]Server|IIS|VM)[^.!?]{0,80}(?:geändert|aktualisiert|umgezogen|gepatcht|installiert|migriert|Update|Upgrade|Patch|Änderung|erneuert|ersetzt|neu\\\\s+aufgesetzt)\", "
	  "\"(?:Änderung|Update|Patch|Umzug|Migration)[^.!?]{0,60}(?:Server|Umgebung|Infrastruktur|Betriebssystem|Windows|Firewall|Netzwerk)\" ]",
	  "patterns (PCRE, case-insensitive) that find changes to the server environment in a new request"},
	 T_LIST, OFF(checklist_patterns[CHECK_SERVER]), 0, 0, 0},
	{{"checklist_server_access",
	  "[ "
	  "\"\\\\b(?:remote\\\\s+(?:access|session|desktop|support)|server\\\\s+access|access\\\\s+to\\\\s+(?:the\\\\s+|our\\\\s+)?(?:server|servers|machine|VM|system)|RDP|VPN|TeamViewer|AnyDesk)\\\\b[^.!?]{0,80}\\\\b(?:arranged|available|set\\\\s+up|ready|granted|prepared|provided|organi[sz]ed|possible|open|enabled)\", "
	  "\"\\\\b(?:can|could|will|would|are\\\\s+able\\\\s+to)\\\\s+(?:give|grant|provide|arrange|set\\\\s+up|organi[sz]e|offer)\\\\s+(?:you\\\\s+)?(?:[\\\\w-]+\\\\s+){0,2}(?:access|session)\", "
	  "\"\\\\bIT\\\\s+(?:department|team|dept\\\\.?)\\\\b[^.!?]{0,80}\\\\b(?:access|VPN|account|credentials)\", "
	  "\"\\\\b(?:access|VPN|account|credentials)\\\\b[^.!?]{0,80}\\\\bIT\\\\s+(?:department|team)\", "
	  "\"(?:Fernzugriff|Fernwartung|Remotezugriff|Remote-Zugriff|Zugang|Zugriff|VPN|TeamViewer|AnyDesk|RDP)[^.!?]{0,80}(?:eingerichtet|vorbereitet|bereit|organisiert|freigegeben|möglich|verfügbar|abgestimmt|gewähren|einrichten)\", "
	  "\"(?:IT-Abteilung|unsere\\\\s+IT|IT-Team)[^.!?]{0,80}(?:Zugang|Zugriff|VPN|Fernwartung|freigeben|einrichten)\" ]",
	  "patterns (PCRE, case-insensitive) that find server access arranged in a new request"},
	 T_LIST, OFF(checklist_patterns[CHECK_ACCESS]), 0, 0, 0},
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
