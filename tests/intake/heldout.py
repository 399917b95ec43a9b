"""heldout.py - labelled new requests written after the patterns were tuned.

The same form as cases.py.  These cases were written and labelled before
the patterns were run on them, and the patterns were not changed for
them afterwards: their figures estimate how the checklist does on mail
it was not tuned on.
"""

HELDOUT = [
 dict(name="ho-en-alarm-flood", subject="Alarm flood in the control room",
  body="""Hi there,

the control room is getting hundreds of duplicate alarms from the compressor
station since about 2am. The operators on night shift are all affected and
have muted the panel. We are on release 4.2.2. Our OPC UA server was
reconfigured by the vendor yesterday afternoon.

Call me on my mobile if you need anything.
Greg
""", parts=["attached-shot"],
  items="screenshots product-version affected-users first-occurred integration-changes", severity=5),

 dict(name="ho-en-sev2-forms", subject="Forms not loading (sev 2)",
  body="""Hello,

None of the inspection forms load on the tablets; a spinner shows forever.
On desktop PCs they load fine. To reproduce: log in on a tablet, tap
Inspections, tap any form.

Thanks,
Ruth
""", parts=[],
  items="steps affected-users", severity=2),

 dict(name="ho-en-password-reset", subject="Password reset emails",
  body="""Hi,

Password reset emails are not arriving for anybody in our company. I
checked the spam folder. We did not touch the mail relay. Could you check
on your side?

Regards
Andre
""", parts=[],
  items="affected-users integration-changes", severity=5),

 dict(name="ho-en-db-growth", subject="Database growing fast",
  body="""Hi,

Our XMPro database grew from 20 GB to 180 GB within a month. Is there a
cleanup job we should run? We're on 4.1.9. The DBA moved the database to a
new storage array in October.

Thanks
Victor
""", parts=[],
  items="product-version server-changes", severity=5),

 dict(name="ho-en-process-error", subject="Error in workflow",
  body="""Hi support,

Process #58812 failed with "Activity 'Send to SAP' failed: timeout". I
restarted it twice with the same result. Every other instance today went
through. Screenshot of the error below.

Thanks
Ines
""", parts=["shot"],
  items="process-number screenshots steps", severity=5),

 dict(name="ho-en-question", subject="Training materials",
  body="""Hello,

Do you have training videos for new App Designer users? We have three new
starters next month.

Regards
Paula
""", parts=["logo"],
  items="", severity=5),

 dict(name="ho-en-remote-ready", subject="[S1] Stream host down",
  body="""[S1]

The stream host service will not start on PRODAPP02 - it stops right after
starting with event ID 7031. All data streams are down, so no live data for
anyone. Started 45 minutes ago, nothing was deployed today. TeamViewer ID
and password will be sent by our IT team, access is set up.

Dave
""", parts=["pdf"],
  items="affected-users first-occurred server-changes server-access", severity=1),

 dict(name="ho-de-bericht", subject="Bericht zeigt falsche Summen",
  body="""Hallo,

im Bericht "Monatsverbrauch" stimmen die Summen nicht, der Januar wird
doppelt gezählt. Ich habe den Bericht heute zum ersten Mal mit dem neuen
Geschäftsjahr geöffnet. Version 4.3.1.

Viele Grüße
Ulrike
""", parts=["attached-shot"],
  items="screenshots product-version first-occurred", severity=5),

 dict(name="ho-de-sev1", subject="Sev 1 - Produktion steht",
  body="""Guten Morgen,

seit 5:40 Uhr werden keine Aufträge mehr an die Linien übertragen, die
Produktion steht. Alle Schichtleiter sind betroffen. Heute Nacht wurde
das MES auf eine neue Version gehoben. Bitte sofort melden, ein
Fernzugriff für Sie ist freigegeben.

Gruß
Holger
""", parts=[],
  items="affected-users first-occurred integration-changes server-access", severity=1),

 dict(name="ho-de-anmeldung", subject="Anmeldung mit Windows-Konto",
  body="""Hallo,

seit der Umstellung auf Single Sign-On am 2.11. müssen sich einige
Kollegen immer wieder neu anmelden. Andere haben das Problem nicht. Unser
Azure AD wurde dafür neu konfiguriert.

Danke
Esra
""", parts=[],
  items="affected-users first-occurred integration-changes", severity=5),

 dict(name="ho-de-frage", subject="Frage zu Berechtigungen",
  body="""Hallo,

kann man einer Rolle nur Lesezugriff auf einzelne Apps geben? Wenn ja,
wo stelle ich das ein?

Grüße
Jan
""", parts=[],
  items="", severity=5),

 dict(name="ho-de-schritte", subject="Druck der Checkliste schneidet ab", html=True,
  body="""Hallo Support,

1. App "Wartung" öffnen
2. Checkliste "Pumpe P-101" auswählen
3. Drucken wählen

Die zweite Seite fehlt im PDF. Passiert nur bei mir im Browser Firefox.
Prozessnummer 9914.

Viele Grüße
Sven
""", parts=["shot"],
  items="process-number screenshots steps affected-users", severity=5),

 dict(name="ho-de-server", subject="Speicherplatz voll",
  body="""Hallo,

auf dem Applikationsserver ist das Laufwerk D: voll, die Logdateien von
XMPro belegen 90 GB. Können wir die alten Logs löschen? Am Server selbst
haben wir nichts verändert.

Gruß
Achim
""", parts=[],
  items="server-changes", severity=5),

 dict(name="ho-en-html-everything", subject="Severity 3 - calendar widget shows UTC", html=True,
  body="""Hi,

Severity 3.

The calendar widget shows all times in UTC instead of Perth time.
Product: Portal 4.2.4.
Steps to replicate: open any app with a calendar, create an event at 10:00,
it shows 02:00.
Affects all our users in Western Australia.
First seen last Monday.
Integrations and servers: no changes on our side.
Remote access can be arranged through our IT department if needed.

Thanks
Megan
""", parts=["shot"],
  items="screenshots product-version steps affected-users first-occurred integration-changes server-changes server-access", severity=3),
 dict(name="ho-en-kpi-wrong", subject="KPI tile shows wrong OEE",
  body="""Hi,

The OEE tile on the plant overview shows 142 %, which is impossible. The
underlying data stream (Process 7730) looks right when I open it. It has
been like this since the weekend. I'm on App Designer 4.2.5.

Cheers
Tim
""", parts=["shot"],
  items="process-number screenshots product-version first-occurred", severity=5),

 dict(name="ho-en-sso", subject="Severity 2 - SSO loop",
  body="""Severity 2

Users get stuck in a login loop with Azure AD SSO - the page keeps
redirecting. About half of our 300 users are affected, the others can log in.
Our identity team rotated the SAML signing certificate in Azure AD on
Tuesday. No change on the XMPro server itself.

Best
Laura
""", parts=[],
  items="affected-users integration-changes server-changes", severity=2),

 dict(name="ho-en-feature", subject="Feature request: dark mode",
  body="""Hello,

several of our operators asked whether the portal could get a dark mode for
the night shift. Is this on your roadmap?

Regards
Sam
""", parts=[],
  items="", severity=5),

 dict(name="ho-en-slow-save", subject="Saving takes minutes",
  body="""Hi,

Saving a large form (about 200 fields) takes 2-3 minutes. Steps: open the
"Annual inspection" form, fill in the fields, press Submit. I am the only
one who uses this form so I can't say if others see it. Screenshot of the
browser network tab attached.

Thanks
Rob
""", parts=["attached-shot"],
  items="screenshots steps affected-users", severity=5),

 dict(name="ho-en-after-patch", subject="Connector error after Windows patch",
  body="""Good afternoon,

After last night's Windows patching on the integration server, the SQL
connector throws "A network-related or instance-specific error". It worked
until yesterday evening. XMPro 4.3.1, connector version 2.8.

Our IT team can set up a remote session whenever suits you.

Kind regards
Amelia
""", parts=["pdf"],
  items="product-version first-occurred server-changes server-access", severity=5),

 dict(name="ho-en-vague-urgent", subject="URGENT!!!",
  body="""Please call me asap, nothing works!!

Sent from my iPhone
""", parts=[],
  items="", severity=5),

 dict(name="ho-de-lizenz-fehler", subject="Lizenzfehler beim Start",
  body="""Hallo,

beim Start des Designers kommt die Meldung "Lizenz ungültig". Wir haben
gestern den Server neu gestartet, sonst wurde nichts geändert. Betroffen
sind alle 15 Anwender. Version 4.2.3.

Gruß
Dieter
""", parts=["attached-shot"],
  items="screenshots product-version affected-users server-changes", severity=5),

 dict(name="ho-de-wartung", subject="Wartungsauftrag wird doppelt angelegt",
  body="""Hallo Support,

jeder Wartungsauftrag aus dem Prozess 4410 wird zweimal im SAP angelegt. Das
fällt uns seit ungefähr zwei Wochen auf. Ob sich auf SAP-Seite etwas
geändert hat, kläre ich gerade mit unserer SAP-Abteilung.

Viele Grüße
Birgit
""", parts=[],
  items="process-number first-occurred", severity=5),

 dict(name="ho-de-schweregrad4", subject="Schweregrad 4: Frage zum Update",
  body="""Hallo,

wir möchten von 4.1.8 auf die aktuelle Version aktualisieren. Müssen dabei
die Agents auf den Edge-Geräten ebenfalls aktualisiert werden?

Danke
Kai
""", parts=[],
  items="product-version", severity=4),

 dict(name="ho-de-html-drucken", subject="Drucken geht nicht", html=True,
  body="""Hallo,

seit heute Morgen kann ich keine Berichte mehr drucken. Ich öffne den
Bericht, klicke auf Drucken und es erscheint ein leeres Fenster. Bei meiner
Kollegin funktioniert es.

Danke
Lea
""", parts=["logo"],
  items="steps affected-users first-occurred", severity=5),

 dict(name="ho-de-zugang", subject="Dashboard lädt nicht",
  body="""Guten Tag,

das Dashboard "Energie" lädt seit Mittwoch nicht mehr, es dreht sich nur der
Ladekreis. Den Zugang per VPN für Ihre Techniker haben wir bereits
eingerichtet, die Zugangsdaten schicke ich separat.

Mit freundlichen Grüßen
Gerd Braun
""", parts=["shot"],
  items="screenshots first-occurred server-access", severity=5),

 dict(name="ho-en-who", subject="Missing tasks in inbox",
  body="""Hi,

Three planners in the Perth office don't see their tasks in the task inbox
any more; everyone else does. Nothing changed on the server or the
integrations that we know of.

Regards
Hugo
""", parts=[],
  items="affected-users integration-changes server-changes", severity=5),
]
