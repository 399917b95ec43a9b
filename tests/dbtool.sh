#!/usr/bin/env bash
# dbtool.sh - support-milter-db on a database that the dry run filled: a
# notification from support (ticket 4711) and the customer's reply that
# refers to it.  Checks lookup, ticket, dump, stats, verify (clean and
# with a bad record loaded by mdb_load), prune, backup and restore, and a
# backup while the daemon runs on the same database.
#
# It builds nothing: it runs build/support-milter and build/support-milter-db
# (or $SUPPORT_MILTER and $SUPPORT_MILTER_DB, e.g. the sanitizer build).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
milter=${SUPPORT_MILTER:-$top/build/support-milter}
db=${SUPPORT_MILTER_DB:-$top/build/support-milter-db}
d=$(mktemp -d)
daemon=
trap '[ -n "$daemon" ] && kill "$daemon" 2>/dev/null; rm -rf "$d"' EXIT
n=0
fails=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		fails=$((fails + 1))
		# what the last command printed, as TAP diagnostics
		[ -s "$d/out" ] && sed 's/^/# out: /' "$d/out" | head -n 20
		[ -s "$d/err" ] && sed 's/^/# err: /' "$d/err" | head -n 20
	fi
	return 0
}
# sdb ARGS... - run the tool on the scratch configuration; $rc, out, err.
sdb() {
	"$db" -c "$conf" "$@" >"$d/out" 2>"$d/err"
	rc=$?
}
# field NAME - the value of a "NAME VALUE" line of the last output.
field() {
	awk -v k="$1" '$1 == k { $1 = ""; sub(/^ +/, ""); print; exit }' "$d/out"
}
# dry MESSAGE NOW ARGS... - record a message through `support-milter --test`;
# $rc.
dry() {
	local msg=$1 at=$2
	shift 2
	"$milter" -c "$conf" --now "$at" --json --test "$d/$msg" "$@" \
	    >"$d/$msg.json" 2>"$d/$msg.err"
	rc=$?
}

conf=$d/test.conf
cat >"$conf" <<EOF
support_addresses = [ "support@example.com" ];
socket = "unix:$d/s.sock";
database = "$d/db";
spool_directory = "$d";
EOF
mkdir -p "$d/db"
now=$(date +%s)
tab=$(printf '\t')

cat >"$d/n1.eml" <<'EOF'
From: Support <support@example.com>
To: Customer <customer@customer.example>
Subject: Ticket [4711] Printer on fire
Message-ID: <n1@example.com>
Date: Mon, 6 May 2024 10:00:00 +0000

We have opened ticket 4711 for you.
EOF
cat >"$d/r1.eml" <<'EOF'
From: Customer <customer@customer.example>
To: support@example.com
Subject: Re: Printer on fire
Message-ID: <r1@customer.example>
In-Reply-To: <n1@example.com>
References: <n1@example.com>
Date: Mon, 6 May 2024 11:00:00 +0000

It is still burning.
EOF
cat >"$d/old.eml" <<'EOF'
From: Support <support@example.com>
To: Customer <customer@customer.example>
Subject: Ticket [4712] Long solved
Message-ID: <old1@example.com>
Date: Fri, 14 Jul 2017 02:40:00 +0000

Closed.
EOF

dry n1.eml "$now" --from support@example.com \
    --rcpt customer@customer.example --client 127.0.0.1
check "the notification from support is recorded" '[ $rc -eq 0 ]'
dry r1.eml "$now" --from customer@customer.example \
    --rcpt support@example.com --client 192.0.2.10
check "the reply is threaded to ticket 4711 by In-Reply-To" \
	'grep -q "\"ticket\":\"4711\"" "$d/r1.eml.json"'

# --- lookup -------------------------------------------------------------
sdb lookup n1@example.com
check "lookup prints the ticket on the first line" \
	'[ $rc -eq 0 ] && [ "$(head -n 1 "$d/out")" = 4711 ]'
check "lookup prints the record: direction out, ISO and unix time" \
	'[ "$(field direction)" = out ] && [ "$(field ticket)" = 4711 ] &&
	 [ "$(field time)" = "$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ) $now" ]'
sdb lookup '<n1@example.com>'
check "lookup takes the Message-ID with angle brackets" \
	'[ $rc -eq 0 ] && [ "$(head -n 1 "$d/out")" = 4711 ]'
sdb lookup $'<n1@\r\n example.com>'
check "lookup takes a folded Message-ID" \
	'[ $rc -eq 0 ] && [ "$(head -n 1 "$d/out")" = 4711 ]'
sdb lookup r1@customer.example
check "lookup finds the reply, direction in" \
	'[ $rc -eq 0 ] && [ "$(head -n 1 "$d/out")" = 4711 ] &&
	 [ "$(field direction)" = in ]'
sdb lookup nope@x
check "lookup of an unknown Message-ID exits 1 and says not found" \
	'[ $rc -eq 1 ] && [ ! -s "$d/out" ] && grep -q "nope@x: not found" "$d/err"'

# --- ticket -------------------------------------------------------------
sdb ticket 4711
check "ticket 4711 has count 2 and its subject" \
	'[ $rc -eq 0 ] && [ "$(field count)" = 2 ] &&
	 field subject | grep -q "Printer on fire"'
check "ticket 4711 lists both Message-IDs with their direction" \
	'grep -Eq "^message +n1@example.com out " "$d/out" &&
	 grep -Eq "^message +r1@customer.example in " "$d/out" &&
	 [ "$(field messages)" = 2 ]'
sdb ticket 99999
check "ticket of an unknown number exits 1" '[ $rc -eq 1 ]'

# --- dump ---------------------------------------------------------------
sdb dump
check "dump has TSV lines for decisions, msgids, tickets and ticket_msgs" \
	'[ $rc -eq 0 ] && grep -q "^decisions${tab}1${tab}t=$now qid=" "$d/out" &&
	 grep -q "^msgids${tab}n1@example.com${tab}4711\\\\t$now\\\\tout\$" "$d/out" &&
	 grep -q "^tickets${tab}4711${tab}" "$d/out" &&
	 grep -q "^ticket_msgs${tab}4711${tab}r1@customer.example\$" "$d/out"'
check "dump lines have exactly three tab-separated fields" \
	'[ -s "$d/out" ] && awk -F "\t" "NF != 3 { bad = 1 } END { exit bad }" "$d/out"'
sdb dump --json
check "dump --json prints one valid JSON object per line" \
	'[ $rc -eq 0 ] && [ -s "$d/out" ] && python3 -c "
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert all(set(r) == {\"table\", \"key\", \"value\"} for r in rows)
assert {\"table\": \"msgids\", \"key\": \"n1@example.com\",
        \"value\": \"4711\t$now\tout\"} in rows
" <"$d/out"'
sdb dump msgids
check "dump TABLE dumps that table only" \
	'[ $rc -eq 0 ] && [ "$(cut -f 1 "$d/out" | sort -u)" = msgids ] &&
	 [ "$(wc -l <"$d/out")" -eq 2 ]'
sdb dump nosuchtable
check "dump of an unknown table is a usage error (64)" '[ $rc -eq 64 ]'

# --- stats --------------------------------------------------------------
sdb stats
check "stats counts 2 msgids, 1 ticket, 2 ticket_msgs" \
	'[ $rc -eq 0 ] && [ "$(field msgids)" = 2 ] && [ "$(field tickets)" = 1 ] &&
	 [ "$(field ticket_msgs)" = 2 ] && [ "$(field used)" -gt 0 ] &&
	 [ "$(field max_size)" -ge "$(field map_size)" ]'
sdb stats --prometheus
check "stats --prometheus: entries per table with HELP and TYPE" \
	'[ $rc -eq 0 ] &&
	 grep -Fxq "support_milter_db_entries{table=\"msgids\"} 2" "$d/out" &&
	 grep -Fxq "# TYPE support_milter_db_entries gauge" "$d/out" &&
	 grep -q "^# HELP support_milter_db_used_bytes " "$d/out"'
check "stats --prometheus: every line is a comment or NAME{LABELS} VALUE" \
	'[ -s "$d/out" ] && ! grep -Ev "^(# (HELP|TYPE) support_milter_[a-z_]+ .+|support_milter_[a-z_]+(\{[a-z]+=\"[a-z_-]+\"\})? [0-9]+)\$" "$d/out"'
check "stats --prometheus: the counters of the recorded support mail" \
	'grep -Fxq "# TYPE support_milter_messages_total counter" "$d/out" &&
	 grep -Eq "^support_milter_messages_total\{kind=\"support\"\} [1-9][0-9]*\$" "$d/out"'

# --- verify -------------------------------------------------------------
sdb verify
check "verify of the dry run's database exits 0" \
	'[ $rc -eq 0 ] && grep -q "^verify: [0-9]* records checked, 0 problems\$" "$d/out"'

# --- usage, configuration and store errors -----------------------------
sdb
check "no command is a usage error (64)" '[ $rc -eq 64 ]'
sdb lookup
check "lookup without a Message-ID is a usage error (64)" '[ $rc -eq 64 ]'
sdb stats --json
check "an option of another command is a usage error (64)" '[ $rc -eq 64 ]'
sdb prune
check "prune without --older-than is a usage error (64)" '[ $rc -eq 64 ]'
"$db" -c "$d/missing.conf" stats >"$d/out" 2>"$d/err"
rc=$?
check "a missing configuration exits 78" '[ $rc -eq 78 ]'
sdb --db "$d/nodb" stats
check "a database that cannot be opened exits 69" '[ $rc -eq 69 ]'
sdb --help
check "--help prints the usage and exits 0" \
	'[ $rc -eq 0 ] && grep -q "^usage: support-milter-db" "$d/out"'

# --- backup and restore ------------------------------------------------
sdb backup "$d/backup.mdb"
check "backup writes FILE and prints its path and size" \
	'[ $rc -eq 0 ] && [ -s "$d/backup.mdb" ] &&
	 [ "$(cat "$d/out")" = "$d/backup.mdb $(stat -c %s "$d/backup.mdb") bytes" ]'
sdb backup "$d/backup.mdb"
check "a backup onto an existing FILE fails with 74" \
	'[ $rc -eq 74 ] && grep -q "exists" "$d/err"'
mkdir "$d/restored"
cp "$d/backup.mdb" "$d/restored/data.mdb"
sdb --db "$d/restored" verify
check "the restored backup verifies" '[ $rc -eq 0 ] && grep -q " 0 problems\$" "$d/out"'
sdb --db "$d/restored" lookup n1@example.com
check "the restored backup has the records" \
	'[ $rc -eq 0 ] && [ "$(head -n 1 "$d/out")" = 4711 ]'

# --- while the daemon runs ----------------------------------------------
"$milter" -f -c "$conf" -p "unix:$d/s.sock" >"$d/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 100); do
	[ -S "$d/s.sock" ] && break
	sleep 0.1
done
check "the daemon starts on the same database" '[ -S "$d/s.sock" ]'
sdb backup "$d/live.mdb"
check "backup while the daemon runs" '[ $rc -eq 0 ] && [ -s "$d/live.mdb" ]'
sdb lookup n1@example.com
check "lookup while the daemon runs" \
	'[ $rc -eq 0 ] && [ "$(head -n 1 "$d/out")" = 4711 ]'
dry old.eml 1500000000 --from support@example.com \
    --rcpt customer@customer.example --client 127.0.0.1
check "a dry run writes while the daemon runs (an old message, for prune)" \
	'[ $rc -eq 0 ]'
kill -TERM "$daemon"
for _ in $(seq 150); do
	kill -0 "$daemon" 2>/dev/null || break
	sleep 0.1
done
check "the daemon stops on SIGTERM" '! kill -0 "$daemon" 2>/dev/null'
wait "$daemon" 2>/dev/null
daemon=
mkdir "$d/live"
cp "$d/live.mdb" "$d/live/data.mdb"
sdb --db "$d/live" verify
check "the backup made while the daemon ran verifies" \
	'[ $rc -eq 0 ] && grep -q " 0 problems\$" "$d/out"'

# --- prune --------------------------------------------------------------
sdb lookup old1@example.com
check "the old message is recorded (ticket 4712)" \
	'[ $rc -eq 0 ] && [ "$(head -n 1 "$d/out")" = 4712 ]'
sdb stats
decisions=$(field decisions)
# archived originals (archive_originals): an old day and today
today=$(date -u +%Y/%m/%d)
mkdir -p "$d/db/archive/2000/01/01" "$d/db/archive/$today"
echo old >"$d/db/archive/2000/01/01/Q1-1.eml"
echo new >"$d/db/archive/$today/Q2-1.eml"
sdb prune --older-than 1
check "prune --older-than 1 removes the old decision, Message-ID and ticket" \
	'[ $rc -eq 0 ] && [ "$(field decisions)" = 1 ] && [ "$(field msgids)" = 1 ] &&
	 [ "$(field tickets)" = 1 ]'
check "prune removes the archived days before the cutoff, keeps today's" \
	'[ "$(field archive)" = 1 ] && [ ! -e "$d/db/archive/2000" ] &&
	 [ -f "$d/db/archive/$today/Q2-1.eml" ]'
sdb lookup old1@example.com
check "the pruned Message-ID is gone" '[ $rc -eq 1 ]'
sdb ticket 4712
check "the pruned ticket is gone with its message list" '[ $rc -eq 1 ]'
sdb lookup n1@example.com
check "prune keeps the new records" \
	'[ $rc -eq 0 ] && [ "$(head -n 1 "$d/out")" = 4711 ]'
sdb stats
check "prune removed one decision and kept the others" \
	'[ "$(field decisions)" -eq $((decisions - 1)) ] && [ "$(field msgids)" = 2 ] &&
	 [ "$(field ticket_msgs)" = 2 ]'
sdb verify
check "verify after prune exits 0" '[ $rc -eq 0 ] && grep -q " 0 problems\$" "$d/out"'

# --- a bad record --------------------------------------------------------
printf 'bad@x\nnotanumber\n' | mdb_load -T -s msgids "$d/db" 2>"$d/err"
rc=$?
check "mdb_load adds a bad msgids record" '[ $rc -eq 0 ]'
sdb verify
check "verify exits 1 and names the bad record" \
	'[ $rc -eq 1 ] && grep -q "^verify: msgids bad@x: " "$d/out" &&
	 grep -q "^verify: [0-9]* records checked, 1 problems\$" "$d/out"'

echo "1..$n"
[ $fails -eq 0 ]
