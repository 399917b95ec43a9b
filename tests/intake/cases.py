"""cases.py - the labelled new requests of the intake measurement.

Each case: name, Subject, body (the customer's text), parts (images and
files sent with it: "shot" a pasted screenshot, inline; "attached-shot" a
screenshot as an attachment; "logo" a small signature logo, which cleaning
removes; "pdf" a PDF log), html (send the text as HTML only), and the
labels: the checklist items the mail gives, as a reader of the text would
judge them (process-number, screenshots, product-version, steps,
affected-users, first-occurred, integration-changes, server-changes,
server-access), and the severity the customer states (5: none).

The labels were written from the text, before the patterns were run on it.
"""

CASES = [
 dict(name="en-portal-down", subject="Severity 1 - Portal down for everyone",
  body="""Hi support,

since 07:30 this morning nobody can log in to the Portal, all 140 users get
"HTTP Error 503. The service is unavailable." We are on XMPro Portal version
4.1.3. Our IT department applied Windows updates to the app server last night,
that is the only change we know of. Remote access via VPN is arranged, please
call me and I will give you the details.

Regards,
Mark Ellison
""", parts=["attached-shot"],
  items="screenshots product-version affected-users first-occurred server-changes server-access", severity=1),

 dict(name="en-export-csv", subject="CSV export missing columns",
  body="""Hello,

when I export the asset list to CSV the columns "Site" and "Owner" are empty.
Steps to reproduce:
1. Open App "Asset Register"
2. Filter on Site = Perth
3. Click Export > CSV

Version is 4.2.0. It only happens for me, my colleague Jane gets full files.

Thanks
Priya
""", parts=[],
  items="product-version steps affected-users", severity=5),

 dict(name="en-process-stuck", subject="Process 20415 stuck at approval",
  body="""Good morning,

Process No 20415 has been sitting in the "Manager approval" step since Monday
and the approver never received the task. Other processes of the same type
are going through fine. I attach a screenshot of the process history.

Regards
Tom
""", parts=["shot"],
  items="process-number screenshots first-occurred", severity=5),

 dict(name="en-vague", subject="Problem with the system",
  body="""Hi,

the system is not working properly again. Can someone have a look please?

Thanks,
Andrew
""", parts=["logo"],
  items="", severity=5),

 dict(name="en-datastream-sap", subject="Sev 2: Data stream stopped after SAP upgrade",
  body="""Hello Support,

Our "Plant Maintenance Sync" data stream stopped writing work orders. It
started after our SAP team upgraded the SAP PM system to S/4HANA on the
weekend, so the interface has probably changed. Nothing was changed on the
XMPro servers. Data Stream Designer 4.3.1.

The error in the agent log is attached.

Kind regards,
Helmut Bauer
""", parts=["pdf"],
  items="product-version first-occurred integration-changes server-changes", severity=2),

 dict(name="en-slow-dashboard", subject="Dashboard very slow",
  body="""Hi team,

The Operations dashboard takes about 40 seconds to load for everyone at the
Newcastle site. It used to load in 3 seconds. We first noticed it on the 12th
after the SQL Server was moved to a new virtual machine by our hosting
provider.

Can you advise what to check?

Lisa
""", parts=[],
  items="affected-users first-occurred server-changes", severity=5),

 dict(name="en-question-license", subject="[S4] Question about licence renewal",
  body="""Hi,

just a quick question: our licence expires next month. Do we need to
request a new licence key from you or is it renewed automatically?

Thanks
Karen
""", parts=[],
  items="", severity=4),

 dict(name="en-login-one-user", subject="User cannot log in",
  body="""Hello,

one of our users, j.smith, cannot log in since yesterday. He gets "Invalid
username or password" although he reset the password twice. Only he is
affected, everyone else can log in. Screenshot attached.

Regards,
Ben
""", parts=["attached-shot"],
  items="screenshots affected-users first-occurred", severity=5),

 dict(name="en-full-report", subject="Severity: 2 - Recommendation engine not triggering",
  body="""Hi Support,

Severity: 2

Product: XMPro App Designer, version 4.2.3 (build 1187)
Process number: 3310

What happens: the recommendation "Pump vibration high" is no longer created
when the vibration value goes above 7 mm/s.

Steps to replicate:
1. Open the Recommendation Manager
2. Open rule "Pump vibration high"
3. Click "Test rule" with value 8.2 - the test passes
4. Wait for live data above 7 - no recommendation is created

Affected: all reliability engineers (about 12 people).
First occurred: Tuesday 17 November around 14:00.
Integrations: the OSIsoft PI historian was patched by our OT team on 16 November.
Server environment: no changes.
Access: our IT department has prepared a TeamViewer session for you, just
tell us when.

Screenshots attached.

Thanks
Rachel Moore
""", parts=["shot", "attached-shot"],
  items="process-number screenshots product-version steps affected-users first-occurred integration-changes server-changes server-access", severity=2),

 dict(name="en-html-outlook", subject="Error when saving form", html=True,
  body="""Hi,

When I click Save on the "Incident report" form I get the error below.

Object reference not set to an instance of an object.

We are using version 4.1.7. This happens to all users in the safety team.

Thanks,
Grace
""", parts=["shot"],
  items="screenshots product-version steps affected-users", severity=5),

 dict(name="en-certificate", subject="SSL warning on the portal",
  body="""Hi,

Since this morning users see a certificate warning when they open the portal.
We replaced the SSL certificate on the web server on Friday because the old one
expired. Could this be related?

Regards
Daniel
""", parts=[],
  items="first-occurred server-changes", severity=5),

 dict(name="en-email-notifications", subject="No email notifications",
  body="""Hello,

We stopped receiving email notifications from the workflow. Our Exchange
server was migrated to Exchange Online two weeks ago and the SMTP settings
were updated by IT. Is there something we need to change in the XMPro
configuration too?

Best regards,
Olga
""", parts=[],
  items="integration-changes", severity=5),

 dict(name="en-mobile-app", subject="Mobile app crashes on iPad",
  body="""Hi support,

The XMPro mobile app (v3.4) crashes on our iPads right after login. Steps:
open the app, enter credentials, tap Sign in - the app closes. Happens on all
6 iPads in the warehouse. The iPads got iPadOS 17 last week.

Thanks
Marco
""", parts=[],
  items="product-version steps affected-users", severity=5),

 dict(name="en-upgrade-advice", subject="Upgrade from 4.0 to 4.3",
  body="""Hi,

we are planning to upgrade from 4.0.2 to 4.3 next quarter. Is there an
upgrade guide and do we need to upgrade the stream host agents at the same
time?

Regards
Simon
""", parts=[],
  items="product-version", severity=5),

 dict(name="en-report-blank", subject="Report shows no data",
  body="""Hello,

The monthly downtime report is blank for October. September is fine. I
did not change anything in the report. Process ID 4471 is the one that
generates it.

Regards,
Fiona
""", parts=["logo"],
  items="process-number", severity=5),

 dict(name="en-timeout-remote", subject="Timeouts in the stream host",
  body="""Hi,

The stream host on our edge gateway logs timeouts every few minutes
connecting to the MQTT broker. Nothing has changed in the broker
configuration. We can give you remote access to the gateway via AnyDesk if
that helps.

Regards,
Jonas
""", parts=["pdf"],
  items="integration-changes server-access", severity=5),

 dict(name="en-sev1-data-loss", subject="URGENT data loss",
  body="""Sev 1

Hi, after the restart of the application server this morning all form
submissions from yesterday are gone from the database. Everyone in finance is
affected. We need help immediately. I can arrange remote desktop access to
the server right away.

Steve
""", parts=[],
  items="affected-users first-occurred server-access", severity=1),

 dict(name="en-thanks-new", subject="Access for new colleague",
  body="""Hi,

could you please create a portal login for our new colleague Anna Lee
(anna.lee@customer.example)? She will need the same role as me.

Thanks
Mike
""", parts=[],
  items="", severity=5),

 dict(name="en-api-change", subject="REST connector returns 401",
  body="""Hello support,

Our REST connector to the ERP returns 401 Unauthorized since the ERP vendor
changed the API authentication to OAuth on 3 November. What we did: opened the
connector settings, entered the new client id and secret, clicked Test - still
401. Designer version 4.2.2.

Thanks
Nadia
""", parts=["attached-shot"],
  items="screenshots product-version steps first-occurred integration-changes", severity=5),

 dict(name="en-steps-bullets", subject="Chart widget wrong totals",
  body="""Hi,

The bar chart widget sums the values twice when a filter is applied.

- open the Production Overview page
- choose Line 3 in the filter
- compare the total with the table below: it is exactly double

Not sure since when, we only noticed it today. Only the production
planners use this page.

Cheers,
Liam
""", parts=["shot"],
  items="screenshots steps affected-users first-occurred", severity=5),

 dict(name="en-server-moved", subject="After server migration the app does not start",
  body="""Hi,

We migrated XMPro to a new Windows Server 2022 machine over the weekend
(same SQL database). Since then the App Designer shows a blank page after
login for all users. XMPro 4.3.0. Please advise - our IT team can provide
RDP access to the new server.

Regards
Hannah
""", parts=[],
  items="product-version affected-users first-occurred server-changes server-access", severity=5),

 dict(name="en-two-problems", subject="Two issues",
  body="""Hello,

1) The site picker on the start page is empty.
2) The export to PDF of the inspection form cuts off the last page.

Both started after last Thursday's update of the browser to Chrome 120.
These problems affect several users at our Brisbane office.

Many thanks,
Chloe
""", parts=[],
  items="affected-users first-occurred", severity=5),

 dict(name="en-sev3", subject="Typo in the menu (Severity 3)",
  body="""Hi,

small thing: the menu entry "Recomendations" is misspelled on the portal
home page. Version 4.3.1.

Thanks
Paul
""", parts=[],
  items="product-version", severity=3),

 dict(name="en-integration-none", subject="Work orders duplicated",
  body="""Hello,

Each work order from our CMMS is created twice in the Maintenance app.
The CMMS integration has not been changed in months and the servers are the
same as before. It started on Friday 20 November. Process 88120 is an example.

Regards,
Erik
""", parts=[],
  items="process-number first-occurred integration-changes server-changes", severity=5),

 dict(name="en-html-only-screens", subject="Strange layout", html=True,
  body="""Hi team,

The layout of the Asset Health page is broken, see the screenshot. I tried
in Edge and Chrome, same result.

Thanks
Zoe
""", parts=["shot"],
  items="screenshots", severity=5),

 dict(name="en-plain-logo-only", subject="Dropdown values missing",
  body="""Hi,

The dropdown "Failure mode" on the Inspection form has no values any more.
Yesterday it still had 14 values. We did not change the list.

Kind regards
Ivan Petrov
Maintenance Lead
""", parts=["logo"],
  items="first-occurred", severity=5),

 dict(name="de-portal-langsam", subject="Portal sehr langsam",
  body="""Hallo Support-Team,

seit Montag ist das Portal extrem langsam, das Öffnen einer Seite dauert
über 30 Sekunden. Betroffen sind alle Benutzer am Standort Hamburg. Wir
nutzen Version 4.2.1. Am Server wurde nichts geändert.

Viele Grüße
Katrin Vogel
""", parts=[],
  items="product-version affected-users first-occurred server-changes", severity=5),

 dict(name="de-prozess-haengt", subject="Prozess 17202 hängt",
  body="""Guten Tag,

der Prozess 17202 hängt seit gestern im Schritt "Freigabe Einkauf". Im
Anhang ein Screenshot der Prozesshistorie.

Mit freundlichen Grüßen
Jürgen Kunde
""", parts=["attached-shot"],
  items="process-number screenshots first-occurred", severity=5),

 dict(name="de-schweregrad1", subject="Schweregrad 1: Kein Zugriff auf Daten",
  body="""Hallo,

seit heute 6 Uhr kann niemand mehr auf die Anlagendaten zugreifen, alle
Dashboards zeigen "Keine Verbindung zur Datenquelle". Gestern Abend hat
unsere IT die Firewall-Regeln im Rechenzentrum geändert. Fernwartung über
TeamViewer ist vorbereitet, bitte melden Sie sich.

Gruß
Stefan Maier
""", parts=[],
  items="affected-users first-occurred server-changes server-access", severity=1),

 dict(name="de-export", subject="Excel-Export fehlerhaft",
  body="""Hallo,

wenn ich im Auftragsbericht auf "Export nach Excel" klicke, fehlen in der
Datei alle Umlaute (ä wird zu ?). Das betrifft nur mich, die Kollegen haben
das Problem nicht. App Designer 4.2.0.

Danke
Sabine
""", parts=[],
  items="product-version steps affected-users", severity=5),

 dict(name="de-sap-schnittstelle", subject="Schnittstelle zu SAP liefert keine Daten",
  body="""Sehr geehrte Damen und Herren,

die Schnittstelle zu SAP liefert seit dem 18.11. keine Aufträge mehr. An
der SAP-Seite wurde am Wochenende ein Update eingespielt. Auf unseren
Servern wurde nichts geändert. Die Version ist 4.3.0.

Schritte zum Nachstellen:
1. Data Stream "SAP Aufträge" öffnen
2. Auf "Start" klicken
3. Im Log erscheint "Timeout"

Mit freundlichen Grüßen
Thomas Weber
""", parts=["pdf"],
  items="product-version steps first-occurred integration-changes server-changes", severity=5),

 dict(name="de-vage", subject="Fehler",
  body="""Hallo,

es kommt wieder der Fehler. Bitte um Rückruf.

Gruß
Ralf
""", parts=["logo"],
  items="", severity=5),

 dict(name="de-html-formular", subject="Formular speichert nicht", html=True,
  body="""Hallo zusammen,

nachdem ich das Formular "Schichtbuch" ausgefüllt habe und auf Speichern
klicke, passiert nichts. Kein Fehler, keine Meldung. Es tritt bei mehreren
Kollegen in der Frühschicht auf, zum ersten Mal heute Morgen.

Screenshot anbei.

Viele Grüße
Anja
""", parts=["shot"],
  items="screenshots steps affected-users first-occurred", severity=5),

 dict(name="de-sev2-vollstaendig", subject="Sev 2 - Empfehlungen werden nicht erzeugt",
  body="""Hallo Support,

Schweregrad: 2

Produkt und Version: XMPro App Designer 4.2.3
Prozessnummer: 5521

Seit Dienstag werden keine Empfehlungen für die Pumpenüberwachung mehr
erzeugt. Betroffen sind alle Instandhalter (ca. 20 Personen).

Schritte zum Reproduzieren:
1. Regel "Pumpe Vibration hoch" öffnen
2. Testwert 9 eingeben
3. Test ausführen - es wird keine Empfehlung erzeugt

Änderungen an angebundenen Systemen: keine.
Änderungen an der Serverumgebung: am Montag wurde .NET 8 installiert.
Zugang: Ein VPN-Zugang für Sie ist eingerichtet.

Screenshots im Anhang.

Viele Grüße
Markus Schneider
""", parts=["attached-shot", "attached-shot"],
  items="process-number screenshots product-version steps affected-users first-occurred integration-changes server-changes server-access", severity=2),

 dict(name="de-lizenzfrage", subject="Frage zur Lizenz",
  body="""Guten Tag,

wir möchten fünf weitere Benutzerlizenzen kaufen. An wen kann ich mich
wenden?

Freundliche Grüße
Petra Hoffmann
""", parts=[],
  items="", severity=5),

 dict(name="de-dashboard-leer", subject="Dashboard leer nach Update",
  body="""Hallo,

nach dem Update auf Version 4.3.1 am Wochenende ist das Dashboard
"Energieverbrauch" leer. Andere Dashboards funktionieren. Es betrifft nur
diesen einen Bericht, aber alle Nutzer sehen ihn leer.

Gruß
Lukas
""", parts=["shot"],
  items="screenshots product-version affected-users first-occurred", severity=5),

 dict(name="de-zertifikat", subject="Zertifikatsfehler",
  body="""Hallo,

seit Freitag erhalten wir beim Aufruf des Portals eine Zertifikatswarnung.
Unsere IT hat am Freitag das Zertifikat auf dem Webserver erneuert.

Viele Grüße
Monika
""", parts=[],
  items="first-occurred server-changes", severity=5),

 dict(name="de-benutzer-gesperrt", subject="Benutzer gesperrt",
  body="""Hallo,

der Benutzer m.klein ist gesperrt und kann sich nicht anmelden. Könnten Sie
ihn bitte entsperren?

Danke
Frank
""", parts=[],
  items="", severity=5),

 dict(name="de-mobile", subject="Mobile App stürzt ab",
  body="""Hallo Support,

die mobile App stürzt auf allen Android-Geräten der Instandhaltung ab, sobald
man ein Foto anhängen will. Seit dem Update der Geräte auf Android 14 letzte
Woche. Version der App: 3.4.2.

Vielen Dank
Oliver
""", parts=[],
  items="product-version steps affected-users first-occurred", severity=5),

 dict(name="de-server-umzug", subject="Nach Serverumzug keine Verbindung",
  body="""Guten Morgen,

wir sind am Wochenende mit der Datenbank auf einen neuen SQL-Server
umgezogen. Seitdem kann der Stream Host keine Verbindung mehr aufbauen. Ein
Remote-Zugriff auf den Server kann jederzeit über unsere IT-Abteilung
eingerichtet werden.

Gruß
Tobias Wolf
""", parts=["pdf"],
  items="first-occurred server-changes server-access", severity=5),

 dict(name="de-s3-kleinigkeit", subject="[S3] Falsche Übersetzung",
  body="""Hallo,

im Menü steht "Empfehlungs-Verwalter" statt "Empfehlungsverwaltung". Nicht
dringend.

Gruß
Claudia
""", parts=[],
  items="", severity=3),

 dict(name="de-schritte-prosa", subject="Filter wird zurückgesetzt",
  body="""Hallo,

ich wähle im Bericht "Stillstände" den Filter "Linie 2", wechsle dann auf
die Registerkarte "Details" und wieder zurück - der Filter ist dann wieder
auf "Alle". Das passiert bei mir und zwei Kollegen. Wir haben den Bericht
nicht verändert.

Viele Grüße
Heike
""", parts=[],
  items="steps affected-users", severity=5),

 dict(name="de-html-version", subject="Fehlermeldung beim Import", html=True,
  body="""Guten Tag,

beim Import der Stammdaten (Excel-Datei) erscheint die Meldung
"Spalte Anlagennummer fehlt", obwohl die Spalte vorhanden ist.
Wir haben heute auf Version 4.3.2 aktualisiert, vorher ging der Import.

Mit freundlichen Grüßen
Dr. Bernd Schulz
""", parts=["attached-shot"],
  items="screenshots product-version first-occurred", severity=5),

 dict(name="de-integration-aenderung", subject="Daten aus dem Historian fehlen",
  body="""Hallo,

seit dem 10.11. fehlen im Dashboard die Werte aus dem Historian. Unser
OT-Team hat an dem Tag den OSIsoft PI Server auf eine neue Version
aktualisiert. Betroffen sind alle Dashboards mit Live-Daten.

Gruß
Nils
""", parts=[],
  items="first-occurred integration-changes", severity=5),

 dict(name="de-kontakt", subject="Ansprechpartner geändert",
  body="""Hallo,

bitte tragen Sie ab sofort Frau Lena Roth als unsere Ansprechpartnerin für
den Support ein.

Danke und Gruß
Werner
""", parts=[],
  items="", severity=5),

 dict(name="en-long-prose", subject="Workflow emails go to wrong approver",
  body="""Dear support,

I hope you are well. We have an issue with the capital expenditure workflow
that I would like to report. For about two weeks, the approval emails for
requests over 50k are sent to the previous finance director instead of the
new one, even though we updated the role assignment in the user manager as
described in the documentation. I checked the role membership twice and it
looks correct. Could it be that the workflow caches the approver somewhere?

This affects every request over the threshold, so the finance team is
blocked. Happy to do a call.

Best regards,
Eleanor
""", parts=[],
  items="affected-users first-occurred", severity=5),
]
