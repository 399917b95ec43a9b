# support-milter - a milter that keeps customer-support mail clean and threaded.
#
#   make            build build/support-milter
#   make run        install missing packages, build, run on conf/ in the foreground
#   make check      install missing packages, build, run every test
#   make demo       show what it does to example mails in a private Postfix
#   make bench      throughput, latency and memory against a no-op milter
#   make fuzz       fuzz each libFuzzer target FUZZ_SECONDS (tests/fuzz)
#   make install    install under $(DESTDIR)$(PREFIX)
#   make deb        build the Debian package into build/deb/ (packaging/debian)

VERSION		= 0.1.0

PREFIX		?= /usr/local
SBINDIR		?= $(PREFIX)/sbin
SYSCONFDIR	?= /etc
MANDIR		?= $(PREFIX)/share/man
DOCDIR		?= $(PREFIX)/share/doc/support-milter
LOCALSTATEDIR	?= /var
SPOOLDIR	?= /var/tmp
SOCKET_GROUP	?=

CC		?= cc
PKG_CONFIG	?= pkg-config
PKGS		= milter gmime-3.0 lmdb libconfig libxml-2.0
TEST_PKGS	= cmocka

# Project flags stay apart from CFLAGS so a packager's flags cannot drop them.
WARN		= -Wall -Wextra -Wshadow -Wpointer-arith -Wmissing-prototypes \
		  -Wstrict-prototypes -Wformat=2
WERROR		?= -Werror
CFLAGS		?= -O2 -g
PKG_CFLAGS	= $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	= $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lpthread
MILTER_PKG	= $(shell $(PKG_CONFIG) --modversion milter 2>/dev/null)
ALL_CPPFLAGS	= -D_GNU_SOURCE -DVERSION='"$(VERSION)"' \
		  -DMILTER_PKG_VERSION='"$(MILTER_PKG)"' -Iinclude $(CPPFLAGS)
ALL_CFLAGS	= -std=c11 $(WARN) $(WERROR) $(PKG_CFLAGS) $(CFLAGS)

B		?= build
SAN_FLAGS	= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
		  -fno-sanitize-recover=all
# libFuzzer: clang, the library instrumented, the targets linked with it.
FUZZ_CC		?= clang
FUZZ_FLAGS	= -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
		  -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_SECONDS	?= 60

# The modules that know nothing of the daemon; tests link them directly.
LIB_SRCS	= \
	milter/address.c \
	milter/archive.c \
	milter/checklist.c \
	milter/conf.c \
	milter/conftable.c \
	milter/confreload.c \
	milter/core.c \
	milter/decision.c \
	milter/htmlclean.c \
	milter/htmlcut.c \
	milter/htmlparse.c \
	milter/htmltext.c \
	milter/imagesize.c \
	milter/intake.c \
	milter/message.c \
	milter/mimeclean.c \
	milter/msgid.c \
	milter/netlist.c \
	milter/policy.c \
	milter/render.c \
	milter/report.c \
	milter/rfc2047.c \
	milter/severity.c \
	milter/spillstream.c \
	milter/spool.c \
	milter/stats.c \
	milter/store.c \
	milter/storeadmin.c \
	milter/subject.c \
	milter/textclean.c \
	milter/textlearn.c \
	milter/textlines.c \
	milter/textsig.c \
	milter/thread.c \
	milter/utf8.c \
	milter/worktime.c

DAEMON_SRCS	= \
	milter/daemon.c \
	milter/log.c \
	milter/main.c \
	milter/milter.c \
	milter/perms.c \
	milter/statsfile.c

# The database tool: the library modules, none of the daemon's.
DB_SRCS		= \
	milter/dbtool.c \
	milter/dbverify.c

FUZZ_TARGETS	= \
	tests/fuzz/fuzz_address.c \
	tests/fuzz/fuzz_conf.c \
	tests/fuzz/fuzz_core.c \
	tests/fuzz/fuzz_html.c \
	tests/fuzz/fuzz_subject.c

UNIT_TESTS	= \
	tests/unit/test_address.c \
	tests/unit/test_conf.c \
	tests/unit/test_core.c \
	tests/unit/test_htmlclean.c \
	tests/unit/test_imagesize.c \
	tests/unit/test_intake.c \
	tests/unit/test_learn.c \
	tests/unit/test_mimeclean.c \
	tests/unit/test_msgid.c \
	tests/unit/test_netlist.c \
	tests/unit/test_rfc2047.c \
	tests/unit/test_spool.c \
	tests/unit/test_stats.c \
	tests/unit/test_store.c \
	tests/unit/test_subject.c \
	tests/unit/test_textclean.c \
	tests/unit/test_utf8.c \
	tests/unit/test_worktime.c

LIB_OBJS	= $(LIB_SRCS:%.c=$(B)/%.o)
DAEMON_OBJS	= $(DAEMON_SRCS:%.c=$(B)/%.o)
DB_OBJS		= $(DB_SRCS:%.c=$(B)/%.o)
UNIT_BINS	= $(UNIT_TESTS:%.c=$(B)/%)
BIN		= $(B)/support-milter
# The load generator and the no-op baseline of `make bench` (docs/performance.md).
BENCH_BINS	= $(B)/tests/bench/milterload $(B)/tests/bench/noop-milter
DB_BIN		= $(B)/support-milter-db

.PHONY: all deps test-deps run check demo unit corpus valgrind asan asan-build e2e lint \
	eval eval-html eval-intake fuzz fuzz-build fuzz-merge adversarial \
	install uninstall deb clean bench

all: $(BIN) $(DB_BIN)

$(BIN): $(LIB_OBJS) $(DAEMON_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(DB_BIN): $(LIB_OBJS) $(DB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/unit/%: tests/unit/%.c tests/unit/testlib.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) \
	    $$($(PKG_CONFIG) --cflags $(TEST_PKGS)) $(LDFLAGS) -o $@ $< \
	    tests/unit/testlib.c $(LIB_OBJS) $(PKG_LIBS) \
	    $$($(PKG_CONFIG) --libs $(TEST_PKGS))

$(B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzzlib.c $(LIB_OBJS)
	$(CC) $(ALL_CPPFLAGS) -Itests/fuzz $(ALL_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined $(LDFLAGS) -o $@ $< \
	    tests/fuzz/fuzzlib.c $(LIB_OBJS) $(PKG_LIBS)

deps:
	@packaging/install-deps.sh build

test-deps:
	@packaging/install-deps.sh test

# The in-tree configuration keeps its socket and database under var/.
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p var
	$(BIN) -f -c conf/support-milter.conf

check: test-deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS) $(BENCH_BINS) lint
	@$(MAKE) --no-print-directory asan-build
	@$(MAKE) --no-print-directory fuzz-build
	@tests/run-all.sh

# The same sources with AddressSanitizer and UBSan, in a build directory of
# their own; tests/run-all.sh runs the unit tests and the corpus there.
asan-build:
	@$(MAKE) --no-print-directory B=build/asan CFLAGS="$(SAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" build/asan/support-milter \
	    build/asan/support-milter-db \
	    $(UNIT_TESTS:%.c=build/asan/%)

asan: asan-build
	@tests/run-all.sh asan

# The fuzz targets (tests/fuzz) in build/fuzz, every object built by clang.
fuzz-build:
	@$(MAKE) --no-print-directory B=build/fuzz CC=$(FUZZ_CC) \
	    CFLAGS="$(FUZZ_FLAGS)" \
	    $(FUZZ_TARGETS:tests/fuzz/%.c=build/fuzz/%)

fuzz: test-deps
	@$(MAKE) --no-print-directory fuzz-build
	@tests/fuzz/run.sh fuzz $(FUZZ_SECONDS)

# What `make fuzz` found, minimised into the saved corpus (review, commit).
fuzz-merge: fuzz-build
	@tests/fuzz/run.sh merge

adversarial: $(BIN)
	@tests/run-all.sh adversarial

unit: $(UNIT_BINS)
	@tests/run-all.sh unit

corpus: $(BIN)
	@tests/run-all.sh corpus

e2e: $(BIN)
	@tests/run-all.sh e2e

# A private Postfix on 127.0.0.1 and the example mails of docs/examples/.
demo: test-deps
	@$(MAKE) --no-print-directory all
	@bash docs/examples/demo.sh

valgrind: $(BIN) $(UNIT_BINS)
	@tests/run-all.sh valgrind

# The plain-text cutter's accuracy on the public fixtures in tests/eval/data.
eval: $(B)/tests/eval/textclean_cli
	python3 tests/eval/eval.py --cli $(B)/tests/eval/textclean_cli

$(B)/tests/eval/textclean_cli: tests/eval/textclean_cli.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) \
	    $(PKG_LIBS)

# The HTML cleaner on the talon fixtures (docs/cleaning-html.md).
eval-html: $(B)/tests/eval/htmlclean_cli
	python3 tests/eval/eval_html.py $(B)/tests/eval/htmlclean_cli

$(B)/tests/eval/htmlclean_cli: tests/eval/htmlclean_cli.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) \
	    $(PKG_LIBS)

# The details checklist's precision and recall per item (docs/intake.md).
eval-intake: $(BIN)
	python3 tests/intake/eval.py --bin $(BIN)

$(B)/tests/bench/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $$($(PKG_CONFIG) --libs milter) -lpthread

bench: all $(BENCH_BINS)
	@tests/bench/bench.sh

# Functions that overflow or are not thread-safe have no place here, and
# the daemon runs no external command (docs/security.md).
lint:
	@! grep -nE '\<(sprintf|vsprintf|strcpy|strcat|strncpy|strtok|atoi|gets)\(' \
	    milter/*.c include/*.h || { echo "lint: banned function"; exit 1; }
	@! grep -nE '\<(system|popen|exec[lv]p?e?|execvpe|posix_spawnp?|g_spawn_[a-z_]+)\(' \
	    milter/*.c include/*.h || { echo "lint: external command"; exit 1; }

install: $(BIN) $(DB_BIN)
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(SYSCONFDIR)/support-milter \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(DOCDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(SBINDIR)/support-milter
	install -m 0755 $(DB_BIN) $(DESTDIR)$(SBINDIR)/support-milter-db
	install -m 0644 docs/support-milter.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 docs/support-milter-db.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 docs/support-milter.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	sed -e 's|^socket = .*|socket = "unix:/run/support-milter/support-milter.sock";|' \
	    -e 's|^database = .*|database = "$(LOCALSTATEDIR)/lib/support-milter";|' \
	    -e 's|^spool_directory = .*|spool_directory = "$(SPOOLDIR)";|' \
	    -e 's|^socket_group = .*|socket_group = "$(SOCKET_GROUP)";|' \
	    -e 's|^pid_file = .*|pid_file = "";|' \
	    -e '/^# This is the in-tree/,/^# \/var\/lib\/support-milter\.$$/d' \
	    conf/support-milter.conf > $(DESTDIR)$(DOCDIR)/support-milter.conf.example
	test -e $(DESTDIR)$(SYSCONFDIR)/support-milter/support-milter.conf || \
	    install -m 0640 $(DESTDIR)$(DOCDIR)/support-milter.conf.example \
	    $(DESTDIR)$(SYSCONFDIR)/support-milter/support-milter.conf

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/support-milter \
	    $(DESTDIR)$(SBINDIR)/support-milter-db \
	    $(DESTDIR)$(MANDIR)/man8/support-milter.8 \
	    $(DESTDIR)$(MANDIR)/man8/support-milter-db.8 \
	    $(DESTDIR)$(MANDIR)/man5/support-milter.conf.5
	rm -rf $(DESTDIR)$(DOCDIR)

# The package is built from a copy of the sources, so that the source tree
# keeps no debian/ directory and no build products of dpkg-buildpackage.
DEB_TREE	= build/deb/support-milter-$(VERSION)
deb:
	@packaging/install-deps.sh deb
	rm -rf build/deb && mkdir -p $(DEB_TREE)
	cp -R Makefile README.md conf docs include milter $(DEB_TREE)/
	cp -RL packaging/debian $(DEB_TREE)/debian
	cd $(DEB_TREE) && dpkg-buildpackage -us -uc -b
	@ls build/deb/*.deb

clean:
	rm -rf $(B) var

-include $(LIB_OBJS:.o=.d) $(DAEMON_OBJS:.o=.d) $(DB_OBJS:.o=.d)
