<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CameraView</name>
    <message>
        <source>Camera preview</source>
        <translation>Kameravorschau</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Keine Kamera</translation>
    </message>
    <message>
        <source>Hold the card&apos;s code to the camera</source>
        <translation>Code der Karte vor die Kamera halten</translation>
    </message>
    <message>
        <source>A code is in view but cannot be read: tilt the phone away from the light and hold it still</source>
        <translation>Ein Code ist zu sehen, aber nicht zu lesen: das Telefon aus dem Licht neigen und ruhig halten</translation>
    </message>
</context>
<context>
    <name>CardLifeDialog</name>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Ohne Namen</translation>
    </message>
    <message>
        <source>Reason (needed for an adjustment)</source>
        <translation>Grund (für eine Korrektur nötig)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Points </source>
        <translation>Punkte </translation>
    </message>
    <message>
        <source>Stamps </source>
        <translation>Stempel </translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Replace lost card</source>
        <translation>Verlorene Karte ersetzen</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Korrigieren</translation>
    </message>
    <message>
        <source>The customer&apos;s other card number</source>
        <translation>Nummer der anderen Karte des Kunden</translation>
    </message>
    <message>
        <source>Merge into this card</source>
        <translation>In diese Karte übernehmen</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Schließen  (Esc)</translation>
    </message>
    <message>
        <source>Type the other card&apos;s number (12 digits)</source>
        <translation>Nummer der anderen Karte eingeben (12 Ziffern)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <source>The card on show</source>
        <translation>Die angezeigte Karte</translation>
    </message>
    <message>
        <source>Scan a card, or type its number</source>
        <translation>Karte scannen oder Nummer eingeben</translation>
    </message>
    <message>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>New to this terminal (provisional)</source>
        <translation>Neu an diesem Terminal (vorläufig)</translation>
    </message>
    <message>
        <source>QR code only</source>
        <translation>Nur QR-Code</translation>
    </message>
    <message>
        <source>Customer without a name</source>
        <translation>Kunde ohne Namen</translation>
    </message>
    <message>
        <source>{stamp_count} of {target} stamps</source>
        <translation>{stamp_count} von {target} Stempeln</translation>
    </message>
    <message>
        <source> · {to_go} to go for {stamp_reward}</source>
        <translation> · noch {to_go} bis {stamp_reward}</translation>
    </message>
    <message>
        <source>★ {reward} ready</source>
        <translation>★ {reward} bereit</translation>
    </message>
    <message>
        <source>★ Can take: {names}</source>
        <translation>★ Einlösbar: {names}</translation>
    </message>
    <message numerus="yes">
        <source>{points} expire on {date}</source>
        <translation>
            <numerusform>{points} verfällt am {date}</numerusform>
            <numerusform>{points} verfallen am {date}</numerusform>
        </translation>
    </message>
    <message>
        <source>This card is no longer active</source>
        <translation>Diese Karte ist nicht mehr aktiv</translation>
    </message>
    <message>
        <source>Stamps given here until the server confirms the card; no rewards yet</source>
        <translation>Stempel werden hier vergeben, bis der Server die Karte bestätigt; noch keine Prämien</translation>
    </message>
    <message>
        <source>{changes} not yet confirmed by the server</source>
        <translation>{changes} vom Server noch nicht bestätigt</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Card number, e.g. 1234-5678-9012</source>
        <translation>Kartennummer, z. B. 1234-5678-9012</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Ready: scan a card</source>
        <translation>Bereit: Karte scannen</translation>
    </message>
    <message>
        <source>The outcome of the last scan or action</source>
        <translation>Das Ergebnis des letzten Scans oder Vorgangs</translation>
    </message>
    <message>
        <source>Undo  Ctrl+Z</source>
        <translation>Rückgängig  Strg+Z</translation>
    </message>
    <message>
        <source>End of day  F8</source>
        <translation>Tagesabschluss  F8</translation>
    </message>
    <message>
        <source>Settings  F10</source>
        <translation>Einstellungen  F10</translation>
    </message>
    <message>
        <source>Lock  Ctrl+L</source>
        <translation>Sperren  Strg+L</translation>
    </message>
    <message>
        <source>⚠  Not on this terminal yet, and the server cannot be reached: Stamp gives a provisional stamp the server will confirm</source>
        <translation>⚠  Noch nicht an diesem Terminal, und der Server ist nicht erreichbar: „Stempeln“ vergibt einen vorläufigen Stempel, den der Server bestätigt</translation>
    </message>
    <message>
        <source>Earn points</source>
        <translation>Punkte sammeln</translation>
    </message>
    <message>
        <source>Purchase amount ({currency})</source>
        <translation>Einkaufsbetrag ({currency})</translation>
    </message>
    <message>
        <source>Add points</source>
        <translation>Punkte gutschreiben</translation>
    </message>
    <message>
        <source>Void / return</source>
        <translation>Storno / Rückgabe</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Stempeln</translation>
    </message>
    <message>
        <source>Redeem reward</source>
        <translation>Prämie einlösen</translation>
    </message>
    <message>
        <source>Points reward</source>
        <translation>Punkteprämie</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neukunde</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Kartennummer</translation>
    </message>
    <message>
        <source>Type the card&apos;s number and press Enter</source>
        <translation>Kartennummer eingeben und Eingabetaste drücken</translation>
    </message>
    <message>
        <source>Find the card</source>
        <translation>Karte suchen</translation>
    </message>
    <message>
        <source>Looks up the number typed beside it</source>
        <translation>Sucht die daneben eingegebene Nummer</translation>
    </message>
    <message>
        <source>Customer  F7</source>
        <translation>Kunde  F7</translation>
    </message>
    <message>
        <source>Find a customer</source>
        <translation>Kunden suchen</translation>
    </message>
    <message>
        <source>By phone, e-mail or name; F7</source>
        <translation>Nach Telefon, E-Mail oder Name; F7</translation>
    </message>
    <message>
        <source>Card…  F9</source>
        <translation>Karte…  F9</translation>
    </message>
    <message>
        <source>The card&apos;s life</source>
        <translation>Kartenverwaltung</translation>
    </message>
    <message>
        <source>Deactivate, replace or adjust the card on screen; F9; needs a manager&apos;s PIN</source>
        <translation>Angezeigte Karte sperren, ersetzen oder korrigieren; F9; PIN der Leitung nötig</translation>
    </message>
    <message>
        <source>Undo the last action</source>
        <translation>Letzten Vorgang rückgängig machen</translation>
    </message>
    <message>
        <source>Shortcut Ctrl+Z</source>
        <translation>Tastenkürzel Strg+Z</translation>
    </message>
    <message>
        <source>Shortcut {key}</source>
        <translation>Taste {key}</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>Tagesabschluss</translation>
    </message>
    <message>
        <source>Shortcut F8; needs a manager&apos;s PIN</source>
        <translation>Taste F8; PIN der Leitung nötig</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Shortcut F10; needs a manager&apos;s PIN</source>
        <translation>Taste F10; PIN der Leitung nötig</translation>
    </message>
    <message>
        <source>Lock the terminal</source>
        <translation>Terminal sperren</translation>
    </message>
    <message>
        <source>Shortcut Ctrl+L</source>
        <translation>Tastenkürzel Strg+L</translation>
    </message>
    <message>
        <source>✓  {customer} found</source>
        <translation>✓  Karte von {customer} gefunden</translation>
    </message>
    <message>
        <source>✓  Card found</source>
        <translation>✓  Karte gefunden</translation>
    </message>
    <message>
        <source>Receipt reference (optional)</source>
        <translation>Belegnummer (optional)</translation>
    </message>
    <message>
        <source>Points to take back for the returned purchase</source>
        <translation>Zurückzunehmende Punkte für den zurückgegebenen Einkauf</translation>
    </message>
    <message>
        <source>Take points back</source>
        <translation>Punkte zurücknehmen</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Scan the card first, then press Card… (F9)</source>
        <translation>Erst die Karte scannen, dann Karte… (F9) drücken</translation>
    </message>
    <message>
        <source>✓  Card {format_card_number} created</source>
        <translation>✓  Karte {format_card_number} angelegt</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>Wird rückgängig gemacht …</translation>
    </message>
    <message>
        <source>↶  Undone: the last action was taken back</source>
        <translation>↶  Rückgängig: Der letzte Vorgang wurde zurückgenommen</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Buchung</numerusform>
            <numerusform>%n Buchungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points</source>
        <translation>
            <numerusform>%n Punkt</numerusform>
            <numerusform>%n Punkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stamps</source>
        <translation>
            <numerusform>%n Stempel</numerusform>
            <numerusform>%n Stempel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pages</source>
        <translation>
            <numerusform>%n Seite</numerusform>
            <numerusform>%n Seiten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n Änderung</numerusform>
            <numerusform>%n Änderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points taken back · balance {points_balance}</source>
        <translation>
            <numerusform>%n Punkt zurückgenommen · Stand {points_balance}</numerusform>
            <numerusform>%n Punkte zurückgenommen · Stand {points_balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points short</source>
        <translation>
            <numerusform>es fehlt %n Punkt</numerusform>
            <numerusform>es fehlen %n Punkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n points could be taken back: the balance is now 0.</source>
        <translation>
            <numerusform>Nur %n Punkt konnte zurückgenommen werden: Der Stand ist jetzt 0.</numerusform>
            <numerusform>Nur %n Punkte konnten zurückgenommen werden: Der Stand ist jetzt 0.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The return asked for %n points.</source>
        <translation>
            <numerusform>Zurückzunehmen war %n Punkt.</numerusform>
            <numerusform>Zurückzunehmen waren %n Punkte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n points for {money} · balance {points_balance}</source>
        <translation>
            <numerusform>+%n Punkt für {money} · Stand {points_balance}</numerusform>
            <numerusform>+%n Punkte für {money} · Stand {points_balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reward given: {name} (%n points)</source>
        <translation>
            <numerusform>Prämie ausgegeben: {name} (%n Punkt)</numerusform>
            <numerusform>Prämie ausgegeben: {name} (%n Punkte)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>%n wartet auf Abgleich</numerusform>
            <numerusform>%n warten auf Abgleich</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; entries are not yet confirmed by the server.</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; Buchung ist vom Server noch nicht bestätigt.</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; Buchungen sind vom Server noch nicht bestätigt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndOfDayDialog</name>
    <message>
        <source>End of day</source>
        <translation>Tagesabschluss</translation>
    </message>
    <message>
        <source>Syncing with the server…</source>
        <translation>Abgleich mit dem Server …</translation>
    </message>
    <message>
        <source>The day&apos;s report</source>
        <translation>Der Tagesbericht</translation>
    </message>
    <message>
        <source>Paper size of the PDF</source>
        <translation>Papierformat des PDF</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>PDF exportieren</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken …</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Schließen  (Esc)</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <source>Standalone terminal: no server to sync with. Preparing the report…</source>
        <translation>Eigenständiges Terminal: kein Server zum Abgleichen. Bericht wird erstellt …</translation>
    </message>
    <message>
        <source>Syncing: {phase}…</source>
        <translation>Abgleich: {phase} …</translation>
    </message>
    <message>
        <source>The server does not answer; the report counts unconfirmed entries.</source>
        <translation>Der Server antwortet nicht; der Bericht zählt unbestätigte Buchungen mit.</translation>
    </message>
    <message>
        <source>Standalone terminal: nothing to sync.</source>
        <translation>Eigenständiges Terminal: nichts abzugleichen.</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>Abgeglichen.</translation>
    </message>
    <message>
        <source>Not synced: see the note in the report.</source>
        <translation>Nicht abgeglichen: siehe Hinweis im Bericht.</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>Der Bericht konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>End of day {day} · {terminal} ({store})</source>
        <translation>Tagesabschluss {day} · {terminal} ({store})</translation>
    </message>
    <message>
        <source>{counted} written to {path}</source>
        <translation>In {path} geschrieben: {counted}</translation>
    </message>
    <message>
        <source>Report saved to {path} ({counted})</source>
        <translation>Bericht gespeichert unter {path} ({counted})</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>An den Drucker gesendet.</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>Could not save: {for_people}</source>
        <translation>Speichern nicht möglich: {for_people}</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>New customer</source>
        <translation>Neukunde</translation>
    </message>
    <message>
        <source>Customer name (optional)</source>
        <translation>Name des Kunden (optional)</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>Telefon (optional)</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>E-Mail (optional)</translation>
    </message>
    <message>
        <source>The customer agrees to be contacted</source>
        <translation>Kunde ist mit Kontaktaufnahme einverstanden</translation>
    </message>
    <message>
        <source>Create card</source>
        <translation>Karte anlegen</translation>
    </message>
    <message>
        <source>No loyalty program on this terminal yet: sync first.</source>
        <translation>Noch kein Treueprogramm auf diesem Terminal: zuerst abgleichen.</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Abbrechen  (Esc)</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone and e-mail, to find them without their card</source>
        <translation>Telefon und E-Mail, um den Kunden auch ohne Karte zu finden</translation>
    </message>
    <message>
        <source>stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>stamps and points</source>
        <translation>Stempel und Punkte</translation>
    </message>
    <message>
        <source>Card created</source>
        <translation>Karte angelegt</translation>
    </message>
    <message>
        <source>The customer scans this code to add the card to their phone&apos;s wallet.</source>
        <translation>Der Kunde scannt diesen Code, um die Karte in die Wallet seines Handys zu legen.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird angelegt …</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Ohne Namen</translation>
    </message>
    <message>
        <source>This code is the card: the customer shows it at the counter.</source>
        <translation>Dieser Code ist die Karte: Der Kunde zeigt ihn an der Kasse vor.</translation>
    </message>
</context>
<context>
    <name>FindCustomerDialog</name>
    <message>
        <source>Find a customer</source>
        <translation>Kunden suchen</translation>
    </message>
    <message>
        <source>Phone, e-mail or name</source>
        <translation>Telefon, E-Mail oder Name</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Abbrechen  (Esc)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft …</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Ohne Namen</translation>
    </message>
    <message numerus="yes">
        <source>%n found: confirm with the customer, then pick the card</source>
        <translation>
            <numerusform>%n Treffer: mit dem Kunden abgleichen, dann die Karte wählen</numerusform>
            <numerusform>%n Treffer: mit dem Kunden abgleichen, dann die Karte wählen</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody found</source>
        <translation>Niemand gefunden</translation>
    </message>
    <message>
        <source>{found} (offline: this terminal&apos;s customers only)</source>
        <translation>{found} (offline: nur Kunden dieses Terminals)</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <source>Welcome to the loyalty terminal</source>
        <translation>Willkommen am Treue-Terminal</translation>
    </message>
    <message>
        <source>This terminal has no database yet. Pair it with your loyalty server using the one-time code from the back office, or try it with a demo shop.</source>
        <translation>Dieses Terminal hat noch keine Datenbank. Koppeln Sie es mit dem Einmalcode aus dem Büro mit Ihrem Treueserver, oder probieren Sie es mit einem Demo-Geschäft aus.</translation>
    </message>
    <message>
        <source>https://loyalty.example.com</source>
        <translation>https://treue.example.com</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>Einmalcode</translation>
    </message>
    <message>
        <source>Pair with the server</source>
        <translation>Mit dem Server koppeln</translation>
    </message>
    <message>
        <source>Pair with a server</source>
        <translation>Mit einem Server koppeln</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Terminal name</source>
        <translation>Name des Terminals</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <source>A coffee shop with a stamp card and a bakery with points, two staff (Alex, PIN 1234, cashier; Sam, PIN 9999, manager) and a demo camera showing customers&apos; cards.</source>
        <translation>Ein Café mit Stempelkarte und eine Bäckerei mit Punkten, zwei Mitarbeitende (Alex, PIN 1234, Kasse; Sam, PIN 9999, Leitung) und eine Demo-Kamera, die Kundenkarten zeigt.</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>Datenbank: {db}</translation>
    </message>
    <message>
        <source>Creating the demo shop…</source>
        <translation>Demo-Geschäft wird angelegt …</translation>
    </message>
    <message>
        <source>Type the server address and the one-time code.</source>
        <translation>Bitte Serveradresse und Einmalcode eingeben.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Wird gekoppelt …</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Backspace</source>
        <translation>Rücktaste</translation>
    </message>
    <message>
        <source>Decimal point</source>
        <translation>Dezimalkomma</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loyalty terminal</source>
        <translation>Treue-Terminal</translation>
    </message>
    <message>
        <source>Locked after a while without activity.</source>
        <translation>Nach einer Weile ohne Aktivität gesperrt.</translation>
    </message>
    <message>
        <source>NOT SET UP</source>
        <translation>NICHT EINGERICHTET</translation>
    </message>
    <message>
        <source>No camera: scan with the handheld scanner or type the number</source>
        <translation>Keine Kamera: mit dem Handscanner scannen oder die Nummer eingeben</translation>
    </message>
    <message>
        <source>The end of day needs a manager&apos;s PIN.</source>
        <translation>Für den Tagesabschluss ist die PIN der Leitung nötig.</translation>
    </message>
    <message>
        <source>Settings need a manager&apos;s PIN.</source>
        <translation>Für die Einstellungen ist die PIN der Leitung nötig.</translation>
    </message>
    <message>
        <source>Changing a card needs a manager&apos;s PIN.</source>
        <translation>Für Änderungen an einer Karte ist die PIN der Leitung nötig.</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>PIN der Leitung</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Abbrechen  (Esc)</translation>
    </message>
</context>
<context>
    <name>NumberDialog</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Abbrechen  (Esc)</translation>
    </message>
</context>
<context>
    <name>PinForm</name>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Your staff PIN; Enter signs in</source>
        <translation>Ihre Mitarbeiter-PIN; Eingabe meldet an</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <source>Who is at the counter?</source>
        <translation>Wer steht an der Kasse?</translation>
    </message>
    <message>
        <source>No manager on this terminal yet.</source>
        <translation>Noch keine Leitung an diesem Terminal.</translation>
    </message>
    <message>
        <source>No staff on this terminal yet: sync with the server first.</source>
        <translation>Noch keine Mitarbeitenden an diesem Terminal: zuerst mit dem Server abgleichen.</translation>
    </message>
    <message>
        <source>Tap your name first.</source>
        <translation>Bitte zuerst auf Ihren Namen tippen.</translation>
    </message>
    <message>
        <source>Type your PIN.</source>
        <translation>Bitte PIN eingeben.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return a purchase</source>
        <translation>Einkauf zurücknehmen</translation>
    </message>
    <message>
        <source>, {amount} left</source>
        <translation>, noch {amount}</translation>
    </message>
    <message>
        <source>Amount returned, e.g. {example} (empty: all of it)</source>
        <translation>Rückgabebetrag, z. B. {example} (leer: alles)</translation>
    </message>
    <message>
        <source>Amount returned</source>
        <translation>Rückgabebetrag</translation>
    </message>
    <message>
        <source>Not listed? The purchase&apos;s receipt reference</source>
        <translation>Nicht in der Liste? Die Belegnummer des Einkaufs</translation>
    </message>
    <message>
        <source>Receipt reference</source>
        <translation>Belegnummer</translation>
    </message>
    <message>
        <source>A purchase at another counter is found by its receipt only while the server answers.</source>
        <translation>Ein Einkauf an einer anderen Kasse wird über seine Belegnummer nur gefunden, solange der Server antwortet.</translation>
    </message>
    <message>
        <source>Take points back</source>
        <translation>Punkte zurücknehmen</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Abbrechen  (Esc)</translation>
    </message>
    <message>
        <source>Points by hand</source>
        <translation>Punkte von Hand</translation>
    </message>
    <message>
        <source>The purchase, from this card&apos;s history at this terminal</source>
        <translation>Der Einkauf, aus dem Verlauf dieser Karte an diesem Terminal</translation>
    </message>
    <message>
        <source>No purchase of this card at this terminal: type its receipt reference, or take points back by hand</source>
        <translation>Kein Einkauf dieser Karte an dieser Kasse: Belegnummer eingeben oder Punkte von Hand zurücknehmen</translation>
    </message>
    <message>
        <source>Pick the purchase that came back</source>
        <translation>Zurückgegebenen Einkauf wählen</translation>
    </message>
    <message>
        <source>A receipt reference is up to {count} letters, digits, spaces and . / _ # -</source>
        <translation>Eine Belegnummer hat bis zu {count} Buchstaben, Ziffern, Leerzeichen und . / _ # -</translation>
    </message>
</context>
<context>
    <name>RewardDialog</name>
    <message>
        <source>Redeem a reward</source>
        <translation>Prämie einlösen</translation>
    </message>
    <message>
        <source>{points_balance} points on the card</source>
        <translation>{points_balance} Punkte auf der Karte</translation>
    </message>
    <message>
        <source>{name}  ·  {points_cost} points{short}</source>
        <translation>{name}  ·  {points_cost} Punkte{short}</translation>
    </message>
    <message>
        <source>This program has no rewards to redeem.</source>
        <translation>Dieses Programm hat keine Prämien zum Einlösen.</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Abbrechen  (Esc)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Abbrechen  (Esc)</translation>
    </message>
    <message>
        <source>Stamp automatically when a stamp card is scanned</source>
        <translation>Automatisch stempeln, wenn eine Stempelkarte gescannt wird</translation>
    </message>
    <message>
        <source>Sounds for success and refusal</source>
        <translation>Töne bei Erfolg und Ablehnung</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Lock when idle after</source>
        <translation>Sperren bei Untätigkeit nach</translation>
    </message>
    <message>
        <source>As the computer is set</source>
        <translation>Wie am Computer eingestellt</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
    <message>
        <source>not written (the window was started without its log)</source>
        <translation>nicht geschrieben (das Fenster wurde ohne Protokoll gestartet)</translation>
    </message>
    <message>
        <source>Demo video (no camera needed)</source>
        <translation>Demo-Video (keine Kamera nötig)</translation>
    </message>
    <message>
        <source>Video file or stream URL…</source>
        <translation>Videodatei oder Stream-URL …</translation>
    </message>
    <message>
        <source>No camera (handheld scanner or typing only)</source>
        <translation>Keine Kamera (nur Handscanner oder Eingabe)</translation>
    </message>
    <message>
        <source>/path/to/video.mp4 or rtsp://…</source>
        <translation>/pfad/zum/video.mp4 oder rtsp://…</translation>
    </message>
    <message>
        <source>Video file or stream URL</source>
        <translation>Videodatei oder Stream-URL</translation>
    </message>
    <message>
        <source>Press Test and show a card to the camera.</source>
        <translation>Auf „Testen“ tippen und eine Karte vor die Kamera halten.</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>Decoder</translation>
    </message>
    <message>
        <source>Paired with {url}</source>
        <translation>Gekoppelt mit {url}</translation>
    </message>
    <message>
        <source>Not paired: this terminal works standalone.</source>
        <translation>Nicht gekoppelt: Dieses Terminal arbeitet eigenständig.</translation>
    </message>
    <message>
        <source>https://loyalty.example.com</source>
        <translation>https://treue.example.com</translation>
    </message>
    <message>
        <source>One-time code from the server</source>
        <translation>Einmalcode vom Server</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>Koppeln</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Kopplungscode</translation>
    </message>
    <message>
        <source>No camera chosen.</source>
        <translation>Keine Kamera gewählt.</translation>
    </message>
    <message>
        <source>Testing… show a card to the camera.</source>
        <translation>Test läuft … eine Karte vor die Kamera halten.</translation>
    </message>
    <message>
        <source>Read a card ({latency:.0f} ms)</source>
        <translation>Karte gelesen ({latency:.0f} ms)</translation>
    </message>
    <message>
        <source>Read: {message}</source>
        <translation>Gelesen: {message}</translation>
    </message>
    <message>
        <source>Type the server address and the pairing code.</source>
        <translation>Bitte Serveradresse und Kopplungscode eingeben.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Wird gekoppelt …</translation>
    </message>
    <message>
        <source>Paired.</source>
        <translation>Gekoppelt.</translation>
    </message>
    <message>
        <source>Paired. The terminal syncs in the background from now on.</source>
        <translation>Gekoppelt. Das Terminal gleicht ab jetzt im Hintergrund ab.</translation>
    </message>
    <message>
        <source>Pairing failed. {for_people}.</source>
        <translation>Koppeln fehlgeschlagen. {for_people}.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
</context>
<context>
    <name>StampRow</name>
    <message>
        <source>{filled} of {target} stamps</source>
        <translation>{filled} von {target} Stempeln</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Connection to the loyalty server</source>
        <translation>Verbindung zum Treueserver</translation>
    </message>
    <message>
        <source>What waits to sync</source>
        <translation>Was auf den Abgleich wartet</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Who is signed in</source>
        <translation>Wer angemeldet ist</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Angemeldet: {name}</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
</context>
<context>
    <name>camera_words</name>
    <message>
        <source>Camera {index}</source>
        <translation>Kamera {index}</translation>
    </message>
    <message>
        <source>Video file {name}</source>
        <translation>Videodatei {name}</translation>
    </message>
    <message>
        <source>Stream {url}</source>
        <translation>Stream {url}</translation>
    </message>
    <message>
        <source>Opening {source}…</source>
        <translation>{source} wird geöffnet…</translation>
    </message>
    <message>
        <source>{source} is unplugged or used by another program; trying again in {seconds} s</source>
        <translation>{source} ist nicht angeschlossen oder wird von einem anderen Programm benutzt; neuer Versuch in {seconds} s</translation>
    </message>
    <message>
        <source>{source} cannot be opened; trying again in {seconds} s</source>
        <translation>{source} lässt sich nicht öffnen; neuer Versuch in {seconds} s</translation>
    </message>
    <message>
        <source>{source} cannot be reached; trying again in {seconds} s</source>
        <translation>{source} ist nicht erreichbar; neuer Versuch in {seconds} s</translation>
    </message>
    <message>
        <source>{source} running at {width}×{height}, {fps} fps</source>
        <translation>{source} läuft mit {width}×{height}, {fps} Bilder/s</translation>
    </message>
    <message>
        <source>{source} stopped sending pictures; reconnecting</source>
        <translation>{source} liefert keine Bilder mehr; Verbindung wird neu aufgebaut</translation>
    </message>
    <message>
        <source>{source} has ended</source>
        <translation>{source} ist zu Ende</translation>
    </message>
    <message>
        <source>{source} is not started</source>
        <translation>{source} ist nicht gestartet</translation>
    </message>
    <message>
        <source>{source} is stopped</source>
        <translation>{source} ist angehalten</translation>
    </message>
    <message>
        <source>No camera was found. Plug one in and choose it in Settings, or scan with the handheld scanner.</source>
        <translation>Keine Kamera gefunden. Bitte eine anschließen und in den Einstellungen wählen oder mit dem Handscanner scannen.</translation>
    </message>
    <message>
        <source>This computer does not let the terminal use the camera. A manager can allow it in the computer&apos;s settings; meanwhile scan with the handheld scanner.</source>
        <translation>Dieser Computer lässt das Terminal die Kamera nicht nutzen. Die Leitung kann es in den Einstellungen des Computers erlauben; bis dahin mit dem Handscanner scannen.</translation>
    </message>
    <message>
        <source>The camera is in use by another program. Close that program, or scan with the handheld scanner.</source>
        <translation>Die Kamera wird von einem anderen Programm benutzt. Bitte dieses Programm schließen oder mit dem Handscanner scannen.</translation>
    </message>
    <message>
        <source>The camera software is missing on this computer: the terminal must be reinstalled. Meanwhile scan with the handheld scanner.</source>
        <translation>Auf diesem Computer fehlt die Kamera-Software: Das Terminal muss neu installiert werden. Bis dahin mit dem Handscanner scannen.</translation>
    </message>
    <message>
        <source>The decoder chosen in Settings cannot run on this computer. Choose “auto” as the decoder in Settings, on the Camera tab.</source>
        <translation>Der in den Einstellungen gewählte Decoder läuft auf diesem Computer nicht. Bitte in den Einstellungen auf der Registerkarte Kamera den Decoder „auto“ wählen.</translation>
    </message>
    <message>
        <source>The camera cannot start (the details are in the log). Scan with the handheld scanner or type the number, and tell a manager.</source>
        <translation>Die Kamera kann nicht starten (Details im Protokoll). Bitte mit dem Handscanner scannen oder die Nummer eingeben und die Leitung informieren.</translation>
    </message>
    <message>
        <source>The demo video cannot be made: the disk is full. Free some space, or choose a camera in Settings.</source>
        <translation>Das Demo-Video kann nicht erstellt werden: Der Datenträger ist voll. Bitte Platz schaffen oder in den Einstellungen eine Kamera wählen.</translation>
    </message>
    <message>
        <source>The demo video cannot be made: the terminal may not write its file on this computer. Choose a camera in Settings, or scan with the handheld scanner.</source>
        <translation>Das Demo-Video kann nicht erstellt werden: Das Terminal darf seine Datei auf diesem Computer nicht schreiben. Bitte in den Einstellungen eine Kamera wählen oder mit dem Handscanner scannen.</translation>
    </message>
    <message>
        <source>The demo video cannot be made (the details are in the log). Choose a camera in Settings, or scan with the handheld scanner.</source>
        <translation>Das Demo-Video kann nicht erstellt werden (Details im Protokoll). Bitte in den Einstellungen eine Kamera wählen oder mit dem Handscanner scannen.</translation>
    </message>
</context>
<context>
    <name>error_words</name>
    <message>
        <source>The server cannot be reached: check the address and the network, then try again</source>
        <translation>Der Server ist nicht erreichbar: Adresse und Netzwerk prüfen, dann erneut versuchen</translation>
    </message>
    <message>
        <source>The server refused: the pairing code is wrong, used or expired, or this terminal was revoked</source>
        <translation>Der Server hat abgelehnt: Der Kopplungscode ist falsch, schon benutzt oder abgelaufen, oder dieses Terminal wurde gesperrt</translation>
    </message>
    <message>
        <source>Another sync of this terminal is running: try again in a moment</source>
        <translation>Auf diesem Terminal läuft schon ein Abgleich: bitte gleich noch einmal versuchen</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood: ask for the terminal to be updated</source>
        <translation>Die Antwort des Servers war nicht verständlich: Bitte das Terminal aktualisieren lassen</translation>
    </message>
    <message>
        <source>This customer already has card {number}.</source>
        <translation>Dieser Kunde hat schon die Karte {number}.</translation>
    </message>
    <message>
        <source>“{url}” is not a server address (http://… or https://…)</source>
        <translation>„{url}“ ist keine Serveradresse (http://… oder https://…)</translation>
    </message>
    <message>
        <source>There is no card {number} on this terminal.</source>
        <translation>Auf diesem Terminal gibt es keine Karte {number}.</translation>
    </message>
    <message>
        <source>That card is no longer on this terminal.</source>
        <translation>Diese Karte ist nicht mehr auf diesem Terminal.</translation>
    </message>
    <message>
        <source>This terminal&apos;s database cannot be used just now, so nothing was saved: tell a manager (the details are in the log)</source>
        <translation>Die Datenbank dieses Terminals ist gerade nicht nutzbar, daher wurde nichts gespeichert: bitte die Leitung informieren (Details im Protokoll)</translation>
    </message>
    <message>
        <source>the system refused</source>
        <translation>das System hat abgelehnt</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>Die Datei konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <source>Something went wrong here; it is in the log. Try again, or lock and sign in again</source>
        <translation>Hier ist etwas schiefgegangen; es steht im Protokoll. Bitte erneut versuchen oder sperren und neu anmelden</translation>
    </message>
    <message>
        <source>There is no journal entry {seq} on this terminal.</source>
        <translation>Auf diesem Terminal gibt es keine Buchung {seq}.</translation>
    </message>
    <message>
        <source>The loyalty program {program} is not on this terminal: sync with the server, then try again.</source>
        <translation>Das Treueprogramm {program} ist nicht auf diesem Terminal: mit dem Server abgleichen und erneut versuchen.</translation>
    </message>
    <message>
        <source>The cards were not merged, nothing changed: {reason}</source>
        <translation>Die Karten wurden nicht zusammengelegt, nichts wurde geändert: {reason}</translation>
    </message>
    <message>
        <source>This terminal has no loyalty program yet: sync with the server first.</source>
        <translation>Dieses Terminal hat noch kein Treueprogramm: zuerst mit dem Server abgleichen.</translation>
    </message>
    <message>
        <source>Choose a loyalty program: {programs}</source>
        <translation>Bitte ein Treueprogramm wählen: {programs}</translation>
    </message>
    <message>
        <source>There is no loyalty program {program} here; the programs here: {programs}</source>
        <translation>Hier gibt es kein Treueprogramm {program}; vorhanden sind: {programs}</translation>
    </message>
    <message>
        <source>This terminal belongs to {mine}, the pairing code to {theirs}: pair it with a new terminal database.</source>
        <translation>Dieses Terminal gehört zu {mine}, der Kopplungscode zu {theirs}: mit einer neuen Terminal-Datenbank koppeln.</translation>
    </message>
    <message>
        <source>{path} is already a terminal database; nothing changed.</source>
        <translation>{path} ist bereits eine Terminal-Datenbank; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The built-in demo server could not be prepared ({command}): {detail}</source>
        <translation>Der eingebaute Demo-Server konnte nicht vorbereitet werden ({command}): {detail}</translation>
    </message>
    <message>
        <source>The demo server in {folder} holds other demo cards than this version shows: remove that folder to start the demo afresh.</source>
        <translation>Der Demo-Server in {folder} enthält andere Demokarten, als diese Version zeigt: den Ordner löschen, um die Demo neu zu beginnen.</translation>
    </message>
    <message>
        <source>The built-in demo server stopped as it started ({detail}); the details are in {log}</source>
        <translation>Der eingebaute Demo-Server hat sich beim Start beendet ({detail}); Einzelheiten stehen in {log}</translation>
    </message>
    <message>
        <source>The built-in demo server did not start within {seconds} s; the details are in {log}</source>
        <translation>Der eingebaute Demo-Server ist nicht innerhalb von {seconds} s gestartet; Einzelheiten stehen in {log}</translation>
    </message>
    <message>
        <source>The demo terminal {db} is paired with another server than the one in {folder}: remove {db} to pair it afresh.</source>
        <translation>Das Demo-Terminal {db} ist mit einem anderen Server gekoppelt als dem in {folder}: {db} löschen, um es neu zu koppeln.</translation>
    </message>
    <message>
        <source>Offline - the server cannot be reached; stamps are saved here and will sync</source>
        <translation>Offline – der Server ist nicht erreichbar; Stempel werden hier gespeichert und später abgeglichen</translation>
    </message>
    <message>
        <source>Sync stopped - the server refused this terminal; a manager must pair it again (Settings, Server)</source>
        <translation>Abgleich gestoppt – der Server hat dieses Terminal abgewiesen; die Leitung muss es neu koppeln (Einstellungen, Server)</translation>
    </message>
    <message>
        <source>Sync stopped - the server and this terminal do not understand each other; stamps are saved here; ask for the terminal to be updated</source>
        <translation>Abgleich gestoppt – Server und Terminal verstehen einander nicht; Stempel werden hier gespeichert; bitte das Terminal aktualisieren lassen</translation>
    </message>
    <message>
        <source>Type the amount, like {example}</source>
        <translation>Betrag eingeben, z. B. {example}</translation>
    </message>
    <message>
        <source>“{typed}” has too many decimals: type it like {example}</source>
        <translation>„{typed}“ hat zu viele Nachkommastellen: wie {example} eingeben</translation>
    </message>
    <message>
        <source>The amount must be more than zero</source>
        <translation>Der Betrag muss größer als null sein</translation>
    </message>
    <message>
        <source>The amount is over the limit of {limit}</source>
        <translation>Der Betrag liegt über der Grenze von {limit}</translation>
    </message>
    <message>
        <source>“{typed}” is not an amount: type it like {example}</source>
        <translation>„{typed}“ ist kein Betrag: wie {example} eingeben</translation>
    </message>
    <message>
        <source>“{typed}” is not a phone number (6 to 20 digits)</source>
        <translation>„{typed}“ ist keine Telefonnummer (6 bis 20 Ziffern)</translation>
    </message>
    <message>
        <source>“{typed}” is not an e-mail address</source>
        <translation>„{typed}“ ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Type a phone number, an e-mail address or a name</source>
        <translation>Telefonnummer, E-Mail-Adresse oder Namen eingeben</translation>
    </message>
    <message>
        <source>{name} is locked out for {minutes} more</source>
        <translation>{name} ist noch {minutes} gesperrt</translation>
    </message>
    <message>
        <source>{name} is not a manager: a manager&apos;s PIN is needed</source>
        <translation>{name} gehört nicht zur Leitung: die PIN der Leitung ist nötig</translation>
    </message>
    <message>
        <source>wrong PIN; {name} is now locked out for {minutes}</source>
        <translation>Falsche PIN; {name} ist jetzt für {minutes} gesperrt</translation>
    </message>
    <message>
        <source>unknown staff member or wrong PIN</source>
        <translation>Unbekannte Person oder falsche PIN</translation>
    </message>
</context>
<context>
    <name>keypad</name>
    <message>
        <source>type a whole number of points, more than zero</source>
        <translation>eine ganze Zahl von Punkten eingeben, größer als null</translation>
    </message>
</context>
<context>
    <name>outcome_text</name>
    <message>
        <source>Provisional stamp added: the server adds it to the card at the next sync</source>
        <translation>Vorläufiger Stempel vergeben: Der Server bucht ihn beim nächsten Abgleich auf die Karte</translation>
    </message>
    <message>
        <source>Stamp added: {stamp_count} of {stamps_target}</source>
        <translation>Stempel vergeben: {stamp_count} von {stamps_target}</translation>
    </message>
    <message>
        <source> · {reward} is ready!</source>
        <translation> · {reward} ist bereit!</translation>
    </message>
    <message>
        <source>Reward given: {stamp_reward}</source>
        <translation>Prämie ausgegeben: {stamp_reward}</translation>
    </message>
    <message>
        <source>Card deactivated: it works nowhere until a manager reactivates it</source>
        <translation>Karte gesperrt: Sie gilt nirgends, bis die Leitung sie entsperrt</translation>
    </message>
    <message>
        <source>Card active again</source>
        <translation>Karte wieder aktiv</translation>
    </message>
    <message>
        <source>New card {number}: balances carried; the old card now says it was replaced</source>
        <translation>Neue Karte {number}: Guthaben übernommen; die alte Karte gilt jetzt als ersetzt</translation>
    </message>
    <message>
        <source>Adjusted · balance {points}, {stamps}</source>
        <translation>Korrigiert · Stand {points}, {stamps}</translation>
    </message>
    <message>
        <source>Cards merged: this card now has {points} and {stamps}; the other one is no longer active</source>
        <translation>Karten zusammengeführt: Diese Karte hat jetzt {points} und {stamps}; die andere ist nicht mehr aktiv</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
</context>
<context>
    <name>report_document</name>
    <message>
        <source>Entries</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <source>Stamps asked</source>
        <translation>Stempel angefragt</translation>
    </message>
    <message>
        <source>Points asked</source>
        <translation>Punkte angefragt</translation>
    </message>
    <message>
        <source>Stamps applied</source>
        <translation>Stempel gebucht</translation>
    </message>
    <message>
        <source>Points applied</source>
        <translation>Punkte gebucht</translation>
    </message>
    <message>
        <source>Standalone terminal: the report is this terminal&apos;s own journal.</source>
        <translation>Eigenständiges Terminal: Der Bericht ist das eigene Journal dieses Terminals.</translation>
    </message>
    <message>
        <source>Synced with the server just now.</source>
        <translation>Soeben mit dem Server abgeglichen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The sync did not complete&lt;/b&gt;: figures include entries the server has not confirmed yet.</source>
        <translation>&lt;b&gt;Der Abgleich wurde nicht abgeschlossen&lt;/b&gt;: Die Zahlen enthalten Buchungen, die der Server noch nicht bestätigt hat.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>End of day {day}</source>
        <translation>Tagesabschluss {day}</translation>
    </message>
    <message>
        <source>{terminal} · closed by {manager}</source>
        <translation>{terminal} · abgeschlossen von {manager}</translation>
    </message>
    <message>
        <source>By type</source>
        <translation>Nach Art</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>By staff</source>
        <translation>Nach Mitarbeitenden</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Asked: by this terminal. Applied: by the server, in the entries it answered.</source>
        <translation>Angefragt: von diesem Terminal. Gebucht: vom Server, in den Buchungen, die er beantwortet hat.</translation>
    </message>
    <message>
        <source>No entries today.</source>
        <translation>Heute keine Buchungen.</translation>
    </message>
    <message>
        <source>Server answers</source>
        <translation>Antworten des Servers</translation>
    </message>
    <message>
        <source>Refused or changed by the server</source>
        <translation>Vom Server abgelehnt oder geändert</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Asked → applied</source>
        <translation>Angefragt → gebucht</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Nothing was refused or changed by the server.</source>
        <translation>Der Server hat nichts abgelehnt oder geändert.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Seite {page} von {pages}</translation>
    </message>
</context>
<context>
    <name>status_bar</name>
    <message>
        <source>not paired with a server · {journal} in this terminal&apos;s journal</source>
        <translation>nicht mit einem Server gekoppelt · {journal} im Journal dieses Terminals</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>nichts offen</translation>
    </message>
    <message>
        <source>last sync </source>
        <translation>letzter Abgleich </translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nie abgeglichen</translation>
    </message>
    <message>
        <source>the server revoked this terminal: a manager must pair it again</source>
        <translation>der Server hat dieses Terminal gesperrt: die Leitung muss es neu koppeln</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>New cards</source>
        <translation>Neue Karten</translation>
    </message>
    <message>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <source>Stamp rewards</source>
        <translation>Stempelprämien</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Gesammelte Punkte</translation>
    </message>
    <message>
        <source>Points rewards</source>
        <translation>Punkteprämien</translation>
    </message>
    <message>
        <source>Voids / returns</source>
        <translation>Stornos / Rückgaben</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Verfallene Punkte</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>wartet auf Versand</translation>
    </message>
    <message>
        <source>sent, no answer yet</source>
        <translation>gesendet, noch keine Antwort</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>already on the server</source>
        <translation>schon auf dem Server</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>changed by the server</source>
        <translation>vom Server geändert</translation>
    </message>
    <message>
        <source>ONLINE</source>
        <translation>ONLINE</translation>
    </message>
    <message>
        <source>SYNCING</source>
        <translation>ABGLEICH</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>OFFLINE</translation>
    </message>
    <message>
        <source>SYNC ERROR</source>
        <translation>ABGLEICHFEHLER</translation>
    </message>
    <message>
        <source>REVOKED</source>
        <translation>GESPERRT</translation>
    </message>
    <message>
        <source>STANDALONE</source>
        <translation>EIGENSTÄNDIG</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>{stamps:+d} stamps</source>
        <translation>{stamps:+d} Stempel</translation>
    </message>
    <message>
        <source>{points:+d} points</source>
        <translation>{points:+d} Punkte</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>no entries</source>
        <translation>keine Buchungen</translation>
    </message>
    <message>
        <source>{entries} {status}</source>
        <translation>{entries} {status}</translation>
    </message>
    <message>
        <source>The card is no longer active.</source>
        <translation>Die Karte ist nicht mehr aktiv.</translation>
    </message>
    <message>
        <source>The server does not know this card.</source>
        <translation>Der Server kennt diese Karte nicht.</translation>
    </message>
    <message>
        <source>The card&apos;s program does not collect this.</source>
        <translation>Das Programm der Karte sammelt so etwas nicht.</translation>
    </message>
    <message>
        <source>This card only works at the store it was made in.</source>
        <translation>Diese Karte gilt nur in der Filiale, in der sie ausgestellt wurde.</translation>
    </message>
    <message>
        <source>Stamped too soon after the card&apos;s last stamp.</source>
        <translation>Zu kurz nach dem letzten Stempel der Karte gestempelt.</translation>
    </message>
    <message>
        <source>The card&apos;s daily stamp limit was already reached.</source>
        <translation>Das Tageslimit an Stempeln für die Karte war schon erreicht.</translation>
    </message>
    <message>
        <source>Not enough stamps on the card for the reward.</source>
        <translation>Nicht genug Stempel auf der Karte für die Prämie.</translation>
    </message>
    <message>
        <source>Not enough points on the card for the reward.</source>
        <translation>Nicht genug Punkte auf der Karte für die Prämie.</translation>
    </message>
    <message>
        <source>The program has no such reward.</source>
        <translation>Das Programm hat keine solche Prämie.</translation>
    </message>
    <message>
        <source>The amount is outside what the program allows.</source>
        <translation>Der Betrag liegt außerhalb dessen, was das Programm erlaubt.</translation>
    </message>
    <message>
        <source>There were no points to expire.</source>
        <translation>Es gab keine Punkte, die verfallen konnten.</translation>
    </message>
    <message>
        <source>Over the limit for a terminal that is offline.</source>
        <translation>Über dem Limit für ein Terminal ohne Verbindung.</translation>
    </message>
    <message>
        <source>The customer already has a card.</source>
        <translation>Der Kunde hat schon eine Karte.</translation>
    </message>
    <message>
        <source>The entry could not be undone.</source>
        <translation>Die Buchung konnte nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>The terminal&apos;s clock was too far from the server&apos;s.</source>
        <translation>Die Uhr des Terminals wich zu weit von der des Servers ab.</translation>
    </message>
    <message>
        <source>This card is active already.</source>
        <translation>Diese Karte ist bereits aktiv.</translation>
    </message>
    <message>
        <source>That purchase is not on this card.</source>
        <translation>Dieser Einkauf gehört nicht zu dieser Karte.</translation>
    </message>
    <message>
        <source>That purchase has nothing left to return.</source>
        <translation>Von diesem Einkauf ist nichts mehr zurückzugeben.</translation>
    </message>
    <message>
        <source>These cards belong to two different customers.</source>
        <translation>Diese Karten gehören zwei verschiedenen Kunden.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>Stamped recently: next stamp in {minutes}.</source>
        <translation>Gerade erst gestempelt: nächster Stempel in {minutes}.</translation>
    </message>
    <message>
        <source>Daily limit of {cap} reached ({today} given today).</source>
        <translation>Tageslimit von {cap} erreicht (heute {today} vergeben).</translation>
    </message>
    <message>
        <source>Not enough stamps: {count} of {target}, {missing} to go.</source>
        <translation>Nicht genug Stempel: {count} von {target}, noch {missing}.</translation>
    </message>
    <message>
        <source>{reward} costs {cost}; the card has {balance}.</source>
        <translation>{reward} kostet {cost}; auf der Karte sind {balance}.</translation>
    </message>
    <message>
        <source>{program} does not collect stamps.</source>
        <translation>{program} sammelt keine Stempel.</translation>
    </message>
    <message>
        <source>{program} does not collect points.</source>
        <translation>{program} sammelt keine Punkte.</translation>
    </message>
    <message>
        <source>That purchase was returned in full already.</source>
        <translation>Dieser Einkauf wurde schon vollständig zurückgegeben.</translation>
    </message>
    <message>
        <source>That return takes back no points.</source>
        <translation>Diese Rückgabe nimmt keine Punkte zurück.</translation>
    </message>
    <message>
        <source>At most {left} of that purchase can come back (bought {bought}).</source>
        <translation>Von diesem Einkauf können höchstens {left} zurückgegeben werden (gekauft: {bought}).</translation>
    </message>
    <message>
        <source>No purchase of this card has receipt {receipt}, here or on the server.</source>
        <translation>Kein Einkauf dieser Karte hat die Belegnummer {receipt}, weder hier noch auf dem Server.</translation>
    </message>
    <message>
        <source>Server not reached: only this terminal&apos;s own purchases are found by receipt. Try again, or pick from the list.</source>
        <translation>Server nicht erreicht: Über die Belegnummer werden nur die eigenen Einkäufe dieses Terminals gefunden. Später erneut versuchen oder aus der Liste wählen.</translation>
    </message>
    <message>
        <source>No purchase here has receipt {receipt}, and this terminal has no server to ask.</source>
        <translation>Kein Einkauf hier hat die Belegnummer {receipt}, und dieses Terminal hat keinen Server, den es fragen könnte.</translation>
    </message>
    <message>
        <source>A card cannot be merged into itself.</source>
        <translation>Eine Karte kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
    <message>
        <source>That merge gives nothing to take.</source>
        <translation>Bei dieser Zusammenführung gibt es nichts zu übernehmen.</translation>
    </message>
    <message>
        <source>Only cards of one program can merge.</source>
        <translation>Nur Karten desselben Programms lassen sich zusammenführen.</translation>
    </message>
    <message>
        <source>The card that stays is not active.</source>
        <translation>Die Karte, die bleibt, ist nicht aktiv.</translation>
    </message>
    <message>
        <source>This card is already inactive.</source>
        <translation>Diese Karte ist bereits gesperrt.</translation>
    </message>
    <message>
        <source>The reason is too long (at most {max} characters).</source>
        <translation>Der Grund ist zu lang (höchstens {max} Zeichen).</translation>
    </message>
    <message>
        <source>An adjustment needs a reason (at most {max} characters).</source>
        <translation>Eine Korrektur braucht einen Grund (höchstens {max} Zeichen).</translation>
    </message>
    <message>
        <source>A new card needs a new number and code.</source>
        <translation>Eine neue Karte braucht eine neue Nummer und einen neuen Code.</translation>
    </message>
    <message>
        <source>An adjustment changes points or stamps.</source>
        <translation>Eine Korrektur muss Punkte oder Stempel ändern.</translation>
    </message>
    <message>
        <source>That adjustment is too large.</source>
        <translation>Diese Korrektur ist zu groß.</translation>
    </message>
    <message>
        <source>The card has {balance}; it cannot lose {lose}.</source>
        <translation>Die Karte hat nur {balance}: zu wenig, um {lose} abzuziehen.</translation>
    </message>
    <message>
        <source>Never synced with the server yet: redemptions wait for the first sync.</source>
        <translation>Noch nie mit dem Server abgeglichen: Einlösungen erst nach dem ersten Abgleich.</translation>
    </message>
    <message>
        <source>Not synced for too long: redemptions are stopped until the terminal syncs.</source>
        <translation>Zu lange nicht abgeglichen: Einlösungen sind gesperrt, bis das Terminal abgleicht.</translation>
    </message>
    <message>
        <source>Not synced for {hours}: redemptions stop at {stop}.</source>
        <translation>Seit {hours} nicht abgeglichen: Einlösungen stoppen nach {stop}.</translation>
    </message>
    <message>
        <source>The terminal clock jumped; using the last trusted time instead.</source>
        <translation>Die Uhr des Terminals ist gesprungen; es gilt die letzte verlässliche Zeit.</translation>
    </message>
    <message>
        <source>The terminal clock is off by {minutes}; using the server&apos;s time.</source>
        <translation>Die Uhr des Terminals geht um {minutes} falsch; es gilt die Zeit des Servers.</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>sende</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>empfange</translation>
    </message>
    <message>
        <source>✗  This card is not a card of this shop (the server does not know it)</source>
        <translation>✗  Diese Karte gehört nicht zu diesem Geschäft (der Server kennt sie nicht)</translation>
    </message>
    <message>
        <source>✗  No card {number} on this terminal</source>
        <translation>✗  Keine Karte {number} an diesem Terminal</translation>
    </message>
    <message>
        <source>✗  This card is not known on this terminal (yet)</source>
        <translation>✗  Diese Karte ist an diesem Terminal (noch) nicht bekannt</translation>
    </message>
    <message>
        <source>The code was empty; please scan again</source>
        <translation>Der Code war leer; bitte noch einmal scannen</translation>
    </message>
    <message>
        <source>This code holds far too much data to be a loyalty card</source>
        <translation>Dieser Code enthält viel zu viele Daten für eine Treuekarte</translation>
    </message>
    <message>
        <source>This code holds binary data, not a loyalty card</source>
        <translation>Dieser Code enthält Binärdaten, keine Treuekarte</translation>
    </message>
    <message>
        <source>This code contains unreadable characters</source>
        <translation>Dieser Code enthält unlesbare Zeichen</translation>
    </message>
    <message>
        <source>This is a Wi-Fi code, not a loyalty card</source>
        <translation>Das ist ein WLAN-Code, keine Treuekarte</translation>
    </message>
    <message>
        <source>This is a contact card, not a loyalty card</source>
        <translation>Das ist eine Visitenkarte, keine Treuekarte</translation>
    </message>
    <message>
        <source>This is an e-mail code, not a loyalty card</source>
        <translation>Das ist ein E-Mail-Code, keine Treuekarte</translation>
    </message>
    <message>
        <source>This is a phone or text-message code, not a loyalty card</source>
        <translation>Das ist ein Telefon- oder SMS-Code, keine Treuekarte</translation>
    </message>
    <message>
        <source>This link is not secure (https), so it is not accepted</source>
        <translation>Dieser Link ist nicht sicher (https) und wird daher nicht angenommen</translation>
    </message>
    <message>
        <source>This link is not a loyalty card of this shop</source>
        <translation>Dieser Link ist keine Treuekarte dieses Geschäfts</translation>
    </message>
    <message>
        <source>This link is from this shop but names no card</source>
        <translation>Dieser Link ist von diesem Geschäft, nennt aber keine Karte</translation>
    </message>
    <message>
        <source>This code is not a loyalty card of this shop</source>
        <translation>Dieser Code ist keine Treuekarte dieses Geschäfts</translation>
    </message>
</context>
</TS>
