/*
 * NAME
 *	conf - load and check the support-milter configuration
 * SYNOPSIS
 *	#include "conf.h"
 * DESCRIPTION
 *	The settings live in one table: name, type, default, bounds and a
 *	line of documentation.  conf_load() first applies every default by
 *	parsing the table's default text with libconfig, then the file, so
 *	defaults and file values go through the same checks.
 *
 *	Sizes are integers (bytes) or strings with a K, M or G suffix.  Modes
 *	are octal strings ("0660") because libconfig has no octal integers.
 * DIAGNOSTICS
 *	"FILE:LINE: message" for the first bad key or value; libconfig's own
 *	syntax errors use the same form.
 * SEE ALSO
 *	support-milter.conf(5), conf/support-milter.conf
 */
#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>

#include <glib.h>

#include "conf.h"
#include "conftable.h"
#include "intake.h"
#include "netlist.h"
#include "severity.h"
#include "subject.h"
#include "textclean.h"
#include "worktime.h"

#define GUIDANCE_MAX_LINES	32
#define GUIDANCE_MAX_LINE	980	/* after '%' doubling, libmilter's limit */
#define GUIDANCE_VAR		"${support_address}"
#define LIST_MAX		256	/* entries of a plain list */


static const char *const policy_names[] = {
	[POLICY_ACCEPT] = "accept",
	[POLICY_WARN] = "warn",
	[POLICY_REJECT] = "reject",
	[POLICY_REMOVE] = "remove",
};

static const char *const failure_names[] = {
	[FAILURE_ACCEPT] = "accept",
	[FAILURE_TEMPFAIL] = "tempfail",
	[FAILURE_REJECT] = "reject",
	[FAILURE_QUARANTINE] = "quarantine",
};

static const char *const failure_class_names[] = {
	[FAIL_INTERNAL] = "internal-error",
	[FAIL_STORE] = "store-error",
	[FAIL_OVERSIZE] = "oversize",
	[FAIL_UNPARSEABLE] = "unparseable",
};

static const struct {
	const char *name;
	int	facility;
} facilities[] = {
	{"mail", LOG_MAIL}, {"daemon", LOG_DAEMON}, {"user", LOG_USER},
	{"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1}, {"local2", LOG_LOCAL2},
	{"local3", LOG_LOCAL3}, {"local4", LOG_LOCAL4}, {"local5", LOG_LOCAL5},
	{"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7},
};

/* Where an error is reported and what relative paths are relative to. */
struct loader {
	const char *file;	/* name shown in messages */
	char	*dir;		/* directory of the file */
	char	*err;
};

const char *
conf_policy_name(enum conf_policy p)
{
	return policy_names[p];
}

const char *
conf_failure_name(enum conf_failure f)
{
	return failure_names[f];
}

const char *
conf_failure_class_name(enum conf_failure_class f)
{
	return failure_class_names[f];
}

/* fail - format "FILE:LINE: message" into the loader's buffer. */
static int
fail(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

static int
fail(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
{
	va_list	ap;
	char	msg[CONF_ERRLEN];
	int	line = s ? config_setting_source_line(s) : 0;

	va_start(ap, fmt);
	(void)g_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		(void)g_snprintf(ld->err, CONF_ERRLEN, "%s:%d: %s", ld->file,
		    line, msg);
	else
		(void)g_snprintf(ld->err, CONF_ERRLEN, "%s: %s", ld->file, msg);
	return -1;
}

/* resolve - make a relative path relative to the configuration file. */
static char *
resolve(const struct loader *ld, const char *path)
{
	return g_canonicalize_filename(path, ld->dir);
}

/* get_string - the value of a string setting, or an error. */
static const char *
get_string(struct loader *ld, const config_setting_t *s)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		(void)fail(ld, s, "%s: expected a string",
		    config_setting_name(s));
		return NULL;
	}
	return config_setting_get_string(s);
}

/* parse_size - an integer, or a string with an optional K/M/G suffix. */
static int
parse_size(struct loader *ld, const config_setting_t *s, const struct key *k,
    size_t *out)
{
	long long v;
	const char *name = k->pub.name;

	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		v = config_setting_get_int64(s);
		break;
	case CONFIG_TYPE_STRING: {
		const char *str = config_setting_get_string(s);
		char	*end;

		errno = 0;
		v = strtoll(str, &end, 10);
		if (errno != 0 || end == str)
			return fail(ld, s, "%s: bad size \"%s\"", name, str);
		switch (g_ascii_toupper(*end)) {
		case 'G': v *= 1024;	/* FALLTHROUGH */
		case 'M': v *= 1024;	/* FALLTHROUGH */
		case 'K': v *= 1024; end++; break;
		default: break;
		}
		if (*end != '\0')
			return fail(ld, s, "%s: bad size \"%s\"", name, str);
		break;
	}
	default:
		return fail(ld, s, "%s: expected a size", name);
	}
	if (v < 0 || (unsigned long long)v < k->min ||
	    (unsigned long long)v > k->max)
		return fail(ld, s, "%s: %lld is out of range %zu..%zu",
		    name, v, k->min, k->max);
	*out = (size_t)v;
	return 0;
}

/* parse_mode - an octal permission string such as "0660". */
static int
parse_mode(struct loader *ld, const config_setting_t *s, mode_t *out)
{
	const char *str = get_string(ld, s);
	char	*end;
	unsigned long v;

	if (str == NULL)
		return -1;
	v = strtoul(str, &end, 8);
	if (*str == '\0' || *end != '\0' || v > 0777)
		return fail(ld, s, "%s: bad octal mode \"%s\"",
		    config_setting_name(s), str);
	/* any local user could then speak the milter protocol to us */
	if (v & S_IWOTH)
		return fail(ld, s, "%s: \"%s\" lets every local user connect; "
		    "refusing a world-writable socket (use socket_group)",
		    config_setting_name(s), str);
	*out = (mode_t)v;
	return 0;
}

/* parse_word - one of a list of words; returns its index or -1. */
static int
parse_word(struct loader *ld, const config_setting_t *s,
    const char *const *words, size_t n, unsigned allowed)
{
	const char *str = get_string(ld, s);
	GString	*choices;

	if (str == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (words[i] && (allowed & P(i)) && strcmp(str, words[i]) == 0)
			return (int)i;
	choices = g_string_new(NULL);
	for (size_t i = 0; i < n; i++)
		if (words[i] && (allowed & P(i)))
			g_string_append_printf(choices, "%s%s",
			    choices->len ? ", " : "", words[i]);
	(void)fail(ld, s, "%s: \"%s\" is not one of %s",
	    config_setting_name(s), str, choices->str);
	(void)g_string_free(choices, TRUE);
	return -1;
}

/* parse_facility - a syslog facility name. */
static int
parse_facility(struct loader *ld, const config_setting_t *s, int *out)
{
	const char *str = get_string(ld, s);

	if (str == NULL)
		return -1;
	for (size_t i = 0; i < G_N_ELEMENTS(facilities); i++)
		if (strcmp(str, facilities[i].name) == 0) {
			*out = facilities[i].facility;
			return 0;
		}
	return fail(ld, s, "syslog_facility: unknown facility \"%s\"", str);
}

/* parse_strings - a list of strings (non-empty unless empty_ok), copied. */
static char **
parse_strings(struct loader *ld, const config_setting_t *s, size_t max,
    bool empty_ok)
{
	int	n = config_setting_length(s);
	char	**v;

	if ((config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST) || (n == 0 && !empty_ok)) {
		(void)fail(ld, s, "%s: expected a list of strings",
		    config_setting_name(s));
		return NULL;
	}
	if ((size_t)n > max) {
		(void)fail(ld, s, "%s: more than %zu entries",
		    config_setting_name(s), max);
		return NULL;
	}
	v = g_new0(char *, (size_t)n + 1);
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			(void)fail(ld, e, "%s: entry %d is not a string",
			    config_setting_name(s), i + 1);
			g_strfreev(v);
			return NULL;
		}
		v[i] = g_strdup(config_setting_get_string(e));
	}
	return v;
}

/* check_address - a plain addr-spec: local@domain, no spaces or brackets. */
static int
check_address(const char *a)
{
	const char *at = strrchr(a, '@');

	if (at == NULL || at == a || at[1] == '\0')
		return -1;
	for (const char *p = a; *p; p++)
		if (!g_ascii_isgraph(*p) || strchr("<>,;\"\\", *p))
			return -1;
	return 0;
}

static int
parse_addresses(struct loader *ld, const config_setting_t *s, char ***out)
{
	char	**v = parse_strings(ld, s, 64, false);

	if (v == NULL)
		return -1;
	for (char **a = v; *a; a++) {
		if (check_address(*a) < 0) {
			(void)fail(ld, s, "support_addresses: \"%s\" is not an "
			    "address of the form local@domain", *a);
			g_strfreev(v);
			return -1;
		}
		for (char *p = *a; *p; p++)
			*p = g_ascii_tolower(*p);
	}
	*out = v;
	return 0;
}

/* guidance_width - a line's length in a reply: '%' doubled, the
 * variables expanded. */
static size_t
guidance_width(const char *line, size_t addr_len, size_t list_len)
{
	size_t	w = 0;

	for (const char *p = line; *p;) {
		if (strncmp(p, GUIDANCE_VAR, sizeof(GUIDANCE_VAR) - 1) == 0) {
			w += addr_len;
			p += sizeof(GUIDANCE_VAR) - 1;
			continue;
		}
		if (strncmp(p, INTAKE_VAR, sizeof(INTAKE_VAR) - 1) == 0) {
			w += list_len;
			p += sizeof(INTAKE_VAR) - 1;
			continue;
		}
		w += *p == '%' ? 2 : 1;
		p++;
	}
	return w;
}

/* checklist_width - the longest sentence ${checklist} stands for. */
static size_t
checklist_width(void)
{
	size_t	w = 0;

	for (int i = 0; i < CHECK_ITEMS; i++)
		w = MAX(w, strlen(checklist_sentence((enum checklist_item)i)));
	return w;
}

/* known_vars - every ${ in line starts a variable we expand. */
static bool
known_vars(const char *line)
{
	for (const char *p = strstr(line, "${"); p; p = strstr(p + 2, "${"))
		if (!g_str_has_prefix(p, GUIDANCE_VAR) &&
		    !g_str_has_prefix(p, INTAKE_VAR))
			return false;
	return true;
}

/*
 * check_guidance - the reply template must fit libmilter's limits with the
 * longest support address in it, and with every checklist line a
 * ${checklist} line can become, and hold nothing an MTA would refuse.
 */
static int
check_guidance(struct loader *ld, config_t *cf, const struct conf *c)
{
	const config_setting_t *s = config_lookup(cf, "guidance_reply");
	size_t	addr_len = 0, lines = 0;

	for (char **a = c->support_addresses; *a; a++)
		addr_len = MAX(addr_len, strlen(*a));
	for (char **l = c->guidance_reply; *l; l++) {
		const char *bad = NULL;
		bool	list = strstr(*l, INTAKE_VAR) != NULL;

		for (const char *p = *l; *p && bad == NULL; p++)
			if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
				bad = "a character that is not printable ASCII";
		if (bad == NULL && !known_vars(*l))
			bad = "an unknown ${...} variable";
		if (bad == NULL && guidance_width(*l, addr_len,
		    list ? checklist_width() : 0) > GUIDANCE_MAX_LINE)
			bad = "more than 980 characters";
		if (bad)
			return fail(ld, s, "guidance_reply: line %td has %s",
			    l - c->guidance_reply + 1, bad);
		lines += list ? CHECK_ITEMS : 1;
	}
	if (lines > GUIDANCE_MAX_LINES)
		return fail(ld, s, "guidance_reply: more than %d lines when "
		    "${checklist} names every detail", GUIDANCE_MAX_LINES);
	return 0;
}

static int
parse_header_name(struct loader *ld, const config_setting_t *s, char **out)
{
	const char *str = get_string(ld, s);

	if (str == NULL)
		return -1;
	if (*str == '\0' || strlen(str) > 64)
		return fail(ld, s, "header_name: bad header name \"%s\"", str);
	for (const char *p = str; *p; p++)
		if (!g_ascii_isgraph(*p) || *p == ':')
			return fail(ld, s, "header_name: bad header name \"%s\"",
			    str);
	*out = g_strdup(str);
	return 0;
}

/* parse_socket - check the scheme; resolve a relative unix path. */
static int
parse_socket(struct loader *ld, const config_setting_t *s, char **out)
{
	const char *str = get_string(ld, s);
	const char *path = NULL;

	if (str == NULL)
		return -1;
	if (g_str_has_prefix(str, "unix:"))
		path = str + 5;
	else if (g_str_has_prefix(str, "local:"))
		path = str + 6;
	else if (g_str_has_prefix(str, "inet:") || g_str_has_prefix(str, "inet6:")) {
		const char *colon = strchr(str, ':') + 1;
		char	*end;
		unsigned long port = strtoul(colon, &end, 10);

		if (end == colon || port == 0 || port > 65535 ||
		    (*end != '\0' && *end != '@'))
			return fail(ld, s, "socket: bad port in \"%s\"", str);
		*out = g_strdup(str);
		return 0;
	} else
		return fail(ld, s, "socket: \"%s\" is not unix:PATH, "
		    "inet:PORT@HOST or inet6:PORT@HOST", str);
	if (*path == '\0')
		return fail(ld, s, "socket: empty path in \"%s\"", str);
	path = resolve(ld, path);
	*out = g_strconcat("unix:", path, NULL);
	g_free((char *)path);
	return 0;
}

/* free_value - release what apply() stored for k in c. */
static void
free_value(const struct key *k, struct conf *c)
{
	void	*field = (char *)c + k->off;

	switch (k->type) {
	case T_STRING: case T_PATH: case T_OPT_PATH: case T_SOCKET:
	case T_HEADER_NAME:
		g_free(*(char **)field);
		break;
	case T_ADDRESSES: case T_GUIDANCE: case T_LIST:
		g_strfreev(*(char ***)field);
		break;
	case T_SIZE: case T_MODE: case T_FACILITY: case T_POLICY:
	case T_FAILURE: case T_BOOL: case T_NUMBER:
		break;
	}
}

/* apply - check one setting and store it in c, freeing any earlier value. */
static int
apply(struct loader *ld, const struct key *k, const config_setting_t *s,
    struct conf *c)
{
	void	*field = (char *)c + k->off;
	const char *str;
	int	w;

	switch (k->type) {
	case T_STRING:
	case T_PATH:
	case T_OPT_PATH:
		if ((str = get_string(ld, s)) == NULL)
			return -1;
		if (k->type == T_PATH && *str == '\0')
			return fail(ld, s, "%s: empty path", k->pub.name);
		free_value(k, c);
		*(char **)field = k->type == T_STRING || *str == '\0' ?
		    g_strdup(str) : resolve(ld, str);
		return 0;
	case T_SOCKET:
		free_value(k, c);
		*(char **)field = NULL;
		return parse_socket(ld, s, field);
	case T_HEADER_NAME:
		free_value(k, c);
		*(char **)field = NULL;
		return parse_header_name(ld, s, field);
	case T_ADDRESSES:
		free_value(k, c);
		*(char ***)field = NULL;
		return parse_addresses(ld, s, field);
	case T_GUIDANCE:
		/* checked in conf_load, once the addresses are known */
		free_value(k, c);
		*(char ***)field = parse_strings(ld, s, GUIDANCE_MAX_LINES, false);
		return *(char ***)field ? 0 : -1;
	case T_LIST:
		free_value(k, c);
		*(char ***)field = parse_strings(ld, s, LIST_MAX, true);
		return *(char ***)field ? 0 : -1;
	case T_BOOL:
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			return fail(ld, s, "%s: expected true or false", k->pub.name);
		*(bool *)field = config_setting_get_bool(s);
		return 0;
	case T_NUMBER:
		if (config_setting_type(s) != CONFIG_TYPE_INT &&
		    config_setting_type(s) != CONFIG_TYPE_INT64)
			return fail(ld, s, "%s: expected a number", k->pub.name);
		return parse_size(ld, s, k, field);
	case T_SIZE:
		return parse_size(ld, s, k, field);
	case T_MODE:
		return parse_mode(ld, s, field);
	case T_FACILITY:
		return parse_facility(ld, s, field);
	case T_POLICY:
		if ((w = parse_word(ld, s, policy_names,
		    G_N_ELEMENTS(policy_names), k->allowed)) < 0)
			return -1;
		*(enum conf_policy *)field = (enum conf_policy)w;
		return 0;
	case T_FAILURE:
		if ((w = parse_word(ld, s, failure_names,
		    G_N_ELEMENTS(failure_names), ~0u)) < 0)
			return -1;
		*(enum conf_failure *)field = (enum conf_failure)w;
		return 0;
	}
	return fail(ld, s, "%s: internal error: unknown type", k->pub.name);
}

/* apply_all - apply every top-level setting of cf; unknown keys are errors. */
static int
apply_all(struct loader *ld, config_t *cf, struct conf *c)
{
	config_setting_t *root = config_root_setting(cf);
	int	n = config_setting_length(root);

	for (int i = 0; i < n; i++) {
		config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(s);
		const struct key *k;

		for (k = conf_table; k->pub.name; k++)
			if (strcmp(k->pub.name, name) == 0)
				break;
		if (k->pub.name == NULL)
			return fail(ld, s, "unknown setting \"%s\"", name);
		if (apply(ld, k, s, c) < 0)
			return -1;
	}
	return 0;
}

/* load_defaults - the table's defaults, parsed like a file. */
static int
load_defaults(struct conf *c, char *err)
{
	GString	*text = g_string_new(NULL);
	struct loader ld = { "(defaults)", NULL, err };
	config_t cf;
	int	rc;

	for (const struct key *k = conf_table; k->pub.name; k++)
		g_string_append_printf(text, "%s = %s;\n", k->pub.name, k->pub.def);
	config_init(&cf);
	if (config_read_string(&cf, text->str) != CONFIG_TRUE)
		rc = fail(&ld, NULL, "line %d: %s", config_error_line(&cf),
		    config_error_text(&cf));
	else
		rc = apply_all(&ld, &cf, c);
	config_destroy(&cf);
	(void)g_string_free(text, TRUE);
	return rc;
}

/* setting_of - the first of names set in the file, for a line number. */
static const config_setting_t *
setting_of(config_t *cf, const char *const *names)
{
	const config_setting_t *s = NULL;

	for (; *names && s == NULL; names++)
		s = config_lookup(cf, *names);
	return s;
}

/* build_intake - the severity words, working time and checklist rules. */
static int
build_intake(struct loader *ld, config_t *cf, struct conf *c)
{
	static const char *const sev_keys[] = { "severity_words", NULL };
	static const char *const time_keys[] = { "response_targets",
	    "working_hours", "working_days", "time_zone", NULL };
	const char *keys[CHECK_ITEMS] = { NULL };
	const char *const *pats[CHECK_ITEMS] = { NULL };
	char	e[CONF_ERRLEN];

	c->severity_rules = severity_rules_new(
	    (const char *const *)c->severity_words, e, sizeof(e));
	if (c->severity_rules == NULL)
		return fail(ld, setting_of(cf, sev_keys), "%s", e);
	c->worktime = worktime_new((const char *const *)c->response_targets,
	    c->working_hours, (const char *const *)c->working_days,
	    c->time_zone, e, sizeof(e));
	if (c->worktime == NULL)
		return fail(ld, setting_of(cf, time_keys), "%s", e);
	for (const struct key *k = conf_table; k->pub.name; k++)
		for (int i = 0; i < CHECK_ITEMS; i++)
			if (k->off == offsetof(struct conf, checklist_patterns[i])) {
				keys[i] = k->pub.name;
				pats[i] = (const char *const *)c->checklist_patterns[i];
			}
	c->checklist_rules = checklist_rules_new(pats, keys, e, sizeof(e));
	if (c->checklist_rules == NULL) {
		/* the message starts with the key: its line is the one shown */
		char	*key = g_strndup(e, strcspn(e, ":"));
		const char *const failed[] = { key, NULL };
		int	rc = fail(ld, setting_of(cf, failed), "%s", e);

		g_free(key);
		return rc;
	}
	return 0;
}

/*
 * build - what the settings compile to, once per configuration: nothing of
 * it is built again per message.
 */
static int
build(struct loader *ld, config_t *cf, struct conf *c)
{
	static const char *const net_keys[] = { "trusted_networks", NULL };
	static const char *const subject_keys[] = { "ticket_word",
	    "ticket_brackets", "subject_prefixes", "subject_gateway_tags", NULL };
	static const char *const clean_keys[] = { "reply_markers",
	    "disclaimer_patterns", NULL };
	char	e[CONF_ERRLEN];

	c->trusted = netlist_new((const char *const *)c->trusted_networks, e,
	    sizeof(e));
	if (c->trusted == NULL)
		return fail(ld, setting_of(cf, net_keys), "trusted_networks: %s", e);
	c->subject_rules = subject_rules_new(
	    (const char *const *)c->subject_prefixes,
	    (const char *const *)c->subject_gateway_tags, c->ticket_word,
	    c->ticket_brackets, e, sizeof(e));
	if (c->subject_rules == NULL)
		return fail(ld, setting_of(cf, subject_keys), "%s", e);
	c->textclean_rules = textclean_rules_new(
	    (const char *const *)c->reply_markers,
	    (const char *const *)c->disclaimer_patterns, e, sizeof(e));
	if (c->textclean_rules == NULL)
		return fail(ld, setting_of(cf, clean_keys), "%s", e);
	return build_intake(ld, cf, c);
}

/* load_file - parse FILE over the defaults already in c. */
static int
load_file(const char *file, struct conf *c, char *err)
{
	char	*abs = g_canonicalize_filename(file, NULL);
	struct loader ld = { file, g_path_get_dirname(abs), err };
	config_t cf;
	int	rc;

	config_init(&cf);
	if (config_read_file(&cf, file) != CONFIG_TRUE) {
		if (config_error_type(&cf) == CONFIG_ERR_FILE_IO)
			rc = fail(&ld, NULL, "cannot read: %s", g_strerror(errno));
		else
			(void)g_snprintf(err, CONF_ERRLEN, "%s:%d: %s", file,
			    config_error_line(&cf), config_error_text(&cf));
		rc = -1;
	} else
		rc = apply_all(&ld, &cf, c);
	if (rc == 0)
		rc = check_guidance(&ld, &cf, c);
	if (rc == 0)
		rc = build(&ld, &cf, c);
	config_destroy(&cf);
	g_free(ld.dir);
	g_free(abs);
	return rc;
}

int
conf_load(const char *file, struct conf **out, char err[CONF_ERRLEN])
{
	struct conf *c = g_new0(struct conf, 1);

	c->path = g_strdup(file);
	c->refs = 1;
	if (load_defaults(c, err) < 0 || load_file(file, c, err) < 0) {
		conf_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

int
conf_override(struct conf *c, const char *key, const char *value)
{
	char	**field, *path;

	if (strcmp(key, "socket") == 0)
		field = &c->socket;
	else if (strcmp(key, "database") == 0)
		field = &c->database;
	else if (strcmp(key, "pid_file") == 0)
		field = &c->pid_file;
	else if (strcmp(key, "user") == 0)
		field = &c->user;
	else
		return -1;
	g_free(*field);
	/* relative paths on the command line are relative to the caller */
	if (field == &c->user || *value == '\0')
		*field = g_strdup(value);
	else if (field != &c->socket)
		*field = g_canonicalize_filename(value, NULL);
	else if (g_str_has_prefix(value, "unix:") || g_str_has_prefix(value, "local:")) {
		path = g_canonicalize_filename(strchr(value, ':') + 1, NULL);
		*field = g_strconcat("unix:", path, NULL);
		g_free(path);
	} else
		*field = g_strdup(value);
	return 0;
}

struct conf *
conf_ref(struct conf *c)
{
	g_atomic_int_inc(&c->refs);
	return c;
}

void
conf_free(struct conf *c)
{
	if (c == NULL || !g_atomic_int_dec_and_test(&c->refs))
		return;
	for (const struct key *k = conf_table; k->pub.name; k++)
		free_value(k, c);
	g_free(c->path);
	severity_rules_free(c->severity_rules);
	worktime_free(c->worktime);
	checklist_rules_free(c->checklist_rules);
	netlist_free(c->trusted);
	subject_rules_free(c->subject_rules);
	textclean_rules_free(c->textclean_rules);
	g_free(c);
}
