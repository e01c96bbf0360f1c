<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CameraView</name>
    <message>
        <source>Camera preview</source>
        <translation>Aperçu de la caméra</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Pas de caméra</translation>
    </message>
    <message>
        <source>Hold the card&apos;s code to the camera</source>
        <translation>Présentez le code de la carte à la caméra</translation>
    </message>
    <message>
        <source>A code is in view but cannot be read: tilt the phone away from the light and hold it still</source>
        <translation>Un code est visible mais illisible : inclinez le téléphone hors de la lumière et tenez-le immobile</translation>
    </message>
</context>
<context>
    <name>CardLifeDialog</name>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Sans nom</translation>
    </message>
    <message>
        <source>Reason (needed for an adjustment)</source>
        <translation>Motif (obligatoire pour une correction)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Points </source>
        <translation>Points </translation>
    </message>
    <message>
        <source>Stamps </source>
        <translation>Tampons </translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <source>Replace lost card</source>
        <translation>Remplacer la carte perdue</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Corriger</translation>
    </message>
    <message>
        <source>The customer&apos;s other card number</source>
        <translation>Numéro de l&apos;autre carte du client</translation>
    </message>
    <message>
        <source>Merge into this card</source>
        <translation>Fusionner dans cette carte</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Fermer  (Échap)</translation>
    </message>
    <message>
        <source>Type the other card&apos;s number (12 digits)</source>
        <translation>Saisissez le numéro de l&apos;autre carte (12 chiffres)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <source>The card on show</source>
        <translation>La carte affichée</translation>
    </message>
    <message>
        <source>Scan a card, or type its number</source>
        <translation>Scannez une carte ou tapez son numéro</translation>
    </message>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>New to this terminal (provisional)</source>
        <translation>Nouvelle sur ce terminal (provisoire)</translation>
    </message>
    <message>
        <source>QR code only</source>
        <translation>QR code uniquement</translation>
    </message>
    <message>
        <source>Customer without a name</source>
        <translation>Client sans nom</translation>
    </message>
    <message>
        <source>{stamp_count} of {target} stamps</source>
        <translation>{stamp_count} tampons sur {target}</translation>
    </message>
    <message>
        <source> · {to_go} to go for {stamp_reward}</source>
        <translation> · encore {to_go} pour {stamp_reward}</translation>
    </message>
    <message>
        <source>★ {reward} ready</source>
        <translation>★ {reward} prêt</translation>
    </message>
    <message>
        <source>★ Can take: {names}</source>
        <translation>★ Disponible&#xa0;: {names}</translation>
    </message>
    <message numerus="yes">
        <source>{points} expire on {date}</source>
        <translation>
            <numerusform>{points} expire le {date}</numerusform>
            <numerusform>{points} expirent le {date}</numerusform>
        </translation>
    </message>
    <message>
        <source>This card is no longer active</source>
        <translation>Cette carte n&apos;est plus active</translation>
    </message>
    <message>
        <source>Stamps given here until the server confirms the card; no rewards yet</source>
        <translation>Tampons donnés ici jusqu&apos;à ce que le serveur confirme la carte&#xa0;; pas encore de récompense</translation>
    </message>
    <message>
        <source>{changes} not yet confirmed by the server</source>
        <translation>{changes} en attente de confirmation du serveur</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Card number, e.g. 1234-5678-9012</source>
        <translation>Numéro de carte, p. ex. 1234-5678-9012</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <source>Ready: scan a card</source>
        <translation>Prêt&#xa0;: scannez une carte</translation>
    </message>
    <message>
        <source>The outcome of the last scan or action</source>
        <translation>Le résultat du dernier scan ou de la dernière action</translation>
    </message>
    <message>
        <source>Undo  Ctrl+Z</source>
        <translation>Annuler  Ctrl+Z</translation>
    </message>
    <message>
        <source>End of day  F8</source>
        <translation>Clôture  F8</translation>
    </message>
    <message>
        <source>Settings  F10</source>
        <translation>Réglages  F10</translation>
    </message>
    <message>
        <source>Lock  Ctrl+L</source>
        <translation>Verrouiller  Ctrl+L</translation>
    </message>
    <message>
        <source>⚠  Not on this terminal yet, and the server cannot be reached: Stamp gives a provisional stamp the server will confirm</source>
        <translation>⚠  Pas encore sur ce terminal, et le serveur est injoignable&#xa0;: Tamponner donne un tampon provisoire que le serveur confirmera</translation>
    </message>
    <message>
        <source>Earn points</source>
        <translation>Cumuler des points</translation>
    </message>
    <message>
        <source>Purchase amount ({currency})</source>
        <translation>Montant de l&apos;achat ({currency})</translation>
    </message>
    <message>
        <source>Add points</source>
        <translation>Ajouter les points</translation>
    </message>
    <message>
        <source>Void / return</source>
        <translation>Annulation / retour</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Tamponner</translation>
    </message>
    <message>
        <source>Redeem reward</source>
        <translation>Donner la récompense</translation>
    </message>
    <message>
        <source>Points reward</source>
        <translation>Récompense en points</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Numéro de carte</translation>
    </message>
    <message>
        <source>Type the card&apos;s number and press Enter</source>
        <translation>Tapez le numéro de la carte puis appuyez sur Entrée</translation>
    </message>
    <message>
        <source>Find the card</source>
        <translation>Trouver la carte</translation>
    </message>
    <message>
        <source>Looks up the number typed beside it</source>
        <translation>Cherche le numéro tapé à côté</translation>
    </message>
    <message>
        <source>Customer  F7</source>
        <translation>Client  F7</translation>
    </message>
    <message>
        <source>Find a customer</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <source>By phone, e-mail or name; F7</source>
        <translation>Par téléphone, e-mail ou nom&#xa0;; F7</translation>
    </message>
    <message>
        <source>Card…  F9</source>
        <translation>Carte…  F9</translation>
    </message>
    <message>
        <source>The card&apos;s life</source>
        <translation>Gestion de la carte</translation>
    </message>
    <message>
        <source>Deactivate, replace or adjust the card on screen; F9; needs a manager&apos;s PIN</source>
        <translation>Désactiver, remplacer ou corriger la carte affichée&#xa0;; F9&#xa0;; PIN d&apos;un responsable requis</translation>
    </message>
    <message>
        <source>Undo the last action</source>
        <translation>Annuler la dernière action</translation>
    </message>
    <message>
        <source>Shortcut Ctrl+Z</source>
        <translation>Raccourci Ctrl+Z</translation>
    </message>
    <message>
        <source>Shortcut {key}</source>
        <translation>Raccourci {key}</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>Clôture de la journée</translation>
    </message>
    <message>
        <source>Shortcut F8; needs a manager&apos;s PIN</source>
        <translation>Raccourci F8&#xa0;; PIN d&apos;un responsable requis</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Shortcut F10; needs a manager&apos;s PIN</source>
        <translation>Raccourci F10&#xa0;; PIN d&apos;un responsable requis</translation>
    </message>
    <message>
        <source>Lock the terminal</source>
        <translation>Verrouiller le terminal</translation>
    </message>
    <message>
        <source>Shortcut Ctrl+L</source>
        <translation>Raccourci Ctrl+L</translation>
    </message>
    <message>
        <source>✓  {customer} found</source>
        <translation>✓  Carte de {customer} trouvée</translation>
    </message>
    <message>
        <source>✓  Card found</source>
        <translation>✓  Carte trouvée</translation>
    </message>
    <message>
        <source>Receipt reference (optional)</source>
        <translation>Référence du ticket (facultatif)</translation>
    </message>
    <message>
        <source>Points to take back for the returned purchase</source>
        <translation>Points à reprendre pour l&apos;achat rendu</translation>
    </message>
    <message>
        <source>Take points back</source>
        <translation>Reprendre les points</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Scan the card first, then press Card… (F9)</source>
        <translation>Scannez d&apos;abord la carte, puis appuyez sur Carte… (F9)</translation>
    </message>
    <message>
        <source>✓  Card {format_card_number} created</source>
        <translation>✓  Carte {format_card_number} créée</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>↶  Undone: the last action was taken back</source>
        <translation>↶  Annulé&#xa0;: la dernière action a été reprise</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n opération</numerusform>
            <numerusform>%n opérations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stamps</source>
        <translation>
            <numerusform>%n tampon</numerusform>
            <numerusform>%n tampons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pages</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n modification</numerusform>
            <numerusform>%n modifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points taken back · balance {points_balance}</source>
        <translation>
            <numerusform>%n point retiré · solde {points_balance}</numerusform>
            <numerusform>%n points retirés · solde {points_balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points short</source>
        <translation>
            <numerusform>il manque %n point</numerusform>
            <numerusform>il manque %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n points could be taken back: the balance is now 0.</source>
        <translation>
            <numerusform>Seul %n point a pu être repris&#xa0;: le solde est maintenant de 0.</numerusform>
            <numerusform>Seuls %n points ont pu être repris&#xa0;: le solde est maintenant de 0.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The return asked for %n points.</source>
        <translation>
            <numerusform>Le retour portait sur %n point.</numerusform>
            <numerusform>Le retour portait sur %n points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n points for {money} · balance {points_balance}</source>
        <translation>
            <numerusform>+%n point pour {money} · solde {points_balance}</numerusform>
            <numerusform>+%n points pour {money} · solde {points_balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reward given: {name} (%n points)</source>
        <translation>
            <numerusform>Récompense remise&#xa0;: {name} (%n point)</numerusform>
            <numerusform>Récompense remise&#xa0;: {name} (%n points)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>%n en attente de synchronisation</numerusform>
            <numerusform>%n en attente de synchronisation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; entries are not yet confirmed by the server.</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; opération n’est pas encore confirmée par le serveur.</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; opérations ne sont pas encore confirmées par le serveur.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndOfDayDialog</name>
    <message>
        <source>End of day</source>
        <translation>Clôture de la journée</translation>
    </message>
    <message>
        <source>Syncing with the server…</source>
        <translation>Synchronisation avec le serveur…</translation>
    </message>
    <message>
        <source>The day&apos;s report</source>
        <translation>Le rapport de la journée</translation>
    </message>
    <message>
        <source>Paper size of the PDF</source>
        <translation>Format de papier du PDF</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Fermer  (Échap)</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <source>Standalone terminal: no server to sync with. Preparing the report…</source>
        <translation>Terminal autonome&#xa0;: pas de serveur avec lequel se synchroniser. Préparation du rapport…</translation>
    </message>
    <message>
        <source>Syncing: {phase}…</source>
        <translation>Synchronisation&#xa0;: {phase}…</translation>
    </message>
    <message>
        <source>The server does not answer; the report counts unconfirmed entries.</source>
        <translation>Le serveur ne répond pas&#xa0;; le rapport compte des opérations non confirmées.</translation>
    </message>
    <message>
        <source>Standalone terminal: nothing to sync.</source>
        <translation>Terminal autonome&#xa0;: rien à synchroniser.</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>Synchronisé.</translation>
    </message>
    <message>
        <source>Not synced: see the note in the report.</source>
        <translation>Non synchronisé&#xa0;: voir la note dans le rapport.</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>Le rapport n&apos;a pas pu être établi.</translation>
    </message>
    <message>
        <source>End of day {day} · {terminal} ({store})</source>
        <translation>Clôture du {day} · {terminal} ({store})</translation>
    </message>
    <message>
        <source>{counted} written to {path}</source>
        <translation>Écrit dans {path}&#xa0;: {counted}</translation>
    </message>
    <message>
        <source>Report saved to {path} ({counted})</source>
        <translation>Rapport enregistré dans {path} ({counted})</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Envoyé à l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <source>Could not save: {for_people}</source>
        <translation>Enregistrement impossible&#xa0;: {for_people}</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Customer name (optional)</source>
        <translation>Nom du client (facultatif)</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>Téléphone (facultatif)</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>E-mail (facultatif)</translation>
    </message>
    <message>
        <source>The customer agrees to be contacted</source>
        <translation>Le client accepte d&apos;être contacté</translation>
    </message>
    <message>
        <source>Create card</source>
        <translation>Créer la carte</translation>
    </message>
    <message>
        <source>No loyalty program on this terminal yet: sync first.</source>
        <translation>Aucun programme de fidélité sur ce terminal pour l&apos;instant&#xa0;: synchronisez d&apos;abord.</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Annuler  (Échap)</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone and e-mail, to find them without their card</source>
        <translation>Téléphone et e-mail, pour retrouver le client sans sa carte</translation>
    </message>
    <message>
        <source>stamps</source>
        <translation>tampons</translation>
    </message>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>stamps and points</source>
        <translation>tampons et points</translation>
    </message>
    <message>
        <source>Card created</source>
        <translation>Carte créée</translation>
    </message>
    <message>
        <source>The customer scans this code to add the card to their phone&apos;s wallet.</source>
        <translation>Le client scanne ce code pour ajouter la carte au portefeuille de son téléphone.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Création…</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Sans nom</translation>
    </message>
    <message>
        <source>This code is the card: the customer shows it at the counter.</source>
        <translation>Ce code est la carte&#xa0;: le client le présente en caisse.</translation>
    </message>
</context>
<context>
    <name>FindCustomerDialog</name>
    <message>
        <source>Find a customer</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <source>Phone, e-mail or name</source>
        <translation>Téléphone, e-mail ou nom</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Annuler  (Échap)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Sans nom</translation>
    </message>
    <message numerus="yes">
        <source>%n found: confirm with the customer, then pick the card</source>
        <translation>
            <numerusform>%n résultat&#xa0;: vérifiez avec le client, puis choisissez la carte</numerusform>
            <numerusform>%n résultats&#xa0;: vérifiez avec le client, puis choisissez la carte</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody found</source>
        <translation>Aucun client trouvé</translation>
    </message>
    <message>
        <source>{found} (offline: this terminal&apos;s customers only)</source>
        <translation>{found} (hors ligne&#xa0;: clients de ce terminal uniquement)</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <source>Welcome to the loyalty terminal</source>
        <translation>Bienvenue sur le terminal de fidélité</translation>
    </message>
    <message>
        <source>This terminal has no database yet. Pair it with your loyalty server using the one-time code from the back office, or try it with a demo shop.</source>
        <translation>Ce terminal n&apos;a pas encore de base de données. Associez-le à votre serveur de fidélité avec le code à usage unique du back-office, ou essayez-le avec une boutique de démonstration.</translation>
    </message>
    <message>
        <source>https://loyalty.example.com</source>
        <translation>https://fidelite.example.com</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>Code à usage unique</translation>
    </message>
    <message>
        <source>Pair with the server</source>
        <translation>Associer au serveur</translation>
    </message>
    <message>
        <source>Pair with a server</source>
        <translation>Associer à un serveur</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Terminal name</source>
        <translation>Nom du terminal</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Essayer la démo</translation>
    </message>
    <message>
        <source>A coffee shop with a stamp card and a bakery with points, two staff (Alex, PIN 1234, cashier; Sam, PIN 9999, manager) and a demo camera showing customers&apos; cards.</source>
        <translation>Un café avec une carte à tampons et une boulangerie à points, deux employés (Alex, PIN 1234, caisse&#xa0;; Sam, PIN 9999, responsable) et une caméra de démonstration qui montre des cartes de clients.</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>Base de données&#xa0;: {db}</translation>
    </message>
    <message>
        <source>Creating the demo shop…</source>
        <translation>Création de la boutique de démonstration…</translation>
    </message>
    <message>
        <source>Type the server address and the one-time code.</source>
        <translation>Tapez l&apos;adresse du serveur et le code à usage unique.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Association…</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Backspace</source>
        <translation>Retour arrière</translation>
    </message>
    <message>
        <source>Decimal point</source>
        <translation>Virgule décimale</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loyalty terminal</source>
        <translation>Terminal de fidélité</translation>
    </message>
    <message>
        <source>Locked after a while without activity.</source>
        <translation>Verrouillé après un moment d&apos;inactivité.</translation>
    </message>
    <message>
        <source>NOT SET UP</source>
        <translation>NON CONFIGURÉ</translation>
    </message>
    <message>
        <source>No camera: scan with the handheld scanner or type the number</source>
        <translation>Pas de caméra&#xa0;: scannez avec la douchette ou tapez le numéro</translation>
    </message>
    <message>
        <source>The end of day needs a manager&apos;s PIN.</source>
        <translation>La clôture de la journée demande le PIN d&apos;un responsable.</translation>
    </message>
    <message>
        <source>Settings need a manager&apos;s PIN.</source>
        <translation>Les réglages demandent le PIN d&apos;un responsable.</translation>
    </message>
    <message>
        <source>Changing a card needs a manager&apos;s PIN.</source>
        <translation>Modifier une carte demande le PIN d&apos;un responsable.</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>PIN du responsable</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Annuler  (Échap)</translation>
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
        <translation>Annuler  (Échap)</translation>
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
        <translation>Votre PIN d&apos;employé&#xa0;; Entrée pour se connecter</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Who is at the counter?</source>
        <translation>Qui est à la caisse&#x202f;?</translation>
    </message>
    <message>
        <source>No manager on this terminal yet.</source>
        <translation>Pas encore de responsable sur ce terminal.</translation>
    </message>
    <message>
        <source>No staff on this terminal yet: sync with the server first.</source>
        <translation>Pas encore d&apos;employés sur ce terminal&#xa0;: synchronisez d&apos;abord avec le serveur.</translation>
    </message>
    <message>
        <source>Tap your name first.</source>
        <translation>Touchez d&apos;abord votre nom.</translation>
    </message>
    <message>
        <source>Type your PIN.</source>
        <translation>Tapez votre PIN.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return a purchase</source>
        <translation>Retour d&apos;un achat</translation>
    </message>
    <message>
        <source>, {amount} left</source>
        <translation>, reste {amount}</translation>
    </message>
    <message>
        <source>Amount returned, e.g. {example} (empty: all of it)</source>
        <translation>Montant rendu, p. ex. {example} (vide&#xa0;: tout)</translation>
    </message>
    <message>
        <source>Amount returned</source>
        <translation>Montant rendu</translation>
    </message>
    <message>
        <source>Not listed? The purchase&apos;s receipt reference</source>
        <translation>Absent de la liste ? La référence du ticket de l&apos;achat</translation>
    </message>
    <message>
        <source>Receipt reference</source>
        <translation>Référence du ticket</translation>
    </message>
    <message>
        <source>A purchase at another counter is found by its receipt only while the server answers.</source>
        <translation>Un achat fait à une autre caisse n&apos;est retrouvé par sa référence de ticket que tant que le serveur répond.</translation>
    </message>
    <message>
        <source>Take points back</source>
        <translation>Reprendre les points</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Annuler  (Échap)</translation>
    </message>
    <message>
        <source>Points by hand</source>
        <translation>Points à la main</translation>
    </message>
    <message>
        <source>The purchase, from this card&apos;s history at this terminal</source>
        <translation>L&apos;achat, dans l&apos;historique de cette carte sur ce terminal</translation>
    </message>
    <message>
        <source>No purchase of this card at this terminal: type its receipt reference, or take points back by hand</source>
        <translation>Aucun achat de cette carte à ce terminal : tapez la référence du ticket, ou reprenez les points à la main</translation>
    </message>
    <message>
        <source>Pick the purchase that came back</source>
        <translation>Choisissez l&apos;achat rendu</translation>
    </message>
    <message>
        <source>A receipt reference is up to {count} letters, digits, spaces and . / _ # -</source>
        <translation>Une référence de ticket compte jusqu&apos;à {count} lettres, chiffres, espaces et . / _ # -</translation>
    </message>
</context>
<context>
    <name>RewardDialog</name>
    <message>
        <source>Redeem a reward</source>
        <translation>Utiliser une récompense</translation>
    </message>
    <message>
        <source>{points_balance} points on the card</source>
        <translation>{points_balance} points sur la carte</translation>
    </message>
    <message>
        <source>{name}  ·  {points_cost} points{short}</source>
        <translation>{name}  ·  {points_cost} points{short}</translation>
    </message>
    <message>
        <source>This program has no rewards to redeem.</source>
        <translation>Ce programme n&apos;a aucune récompense à utiliser.</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Annuler  (Échap)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Caisse</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Annuler  (Échap)</translation>
    </message>
    <message>
        <source>Stamp automatically when a stamp card is scanned</source>
        <translation>Tamponner automatiquement quand une carte à tampons est scannée</translation>
    </message>
    <message>
        <source>Sounds for success and refusal</source>
        <translation>Sons pour les réussites et les refus</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Lock when idle after</source>
        <translation>Verrouiller après une inactivité de</translation>
    </message>
    <message>
        <source>As the computer is set</source>
        <translation>Comme sur l&apos;ordinateur</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Fichier journal</translation>
    </message>
    <message>
        <source>not written (the window was started without its log)</source>
        <translation>non écrit (la fenêtre a été lancée sans son journal)</translation>
    </message>
    <message>
        <source>Demo video (no camera needed)</source>
        <translation>Vidéo de démonstration (sans caméra)</translation>
    </message>
    <message>
        <source>Video file or stream URL…</source>
        <translation>Fichier vidéo ou URL de flux…</translation>
    </message>
    <message>
        <source>No camera (handheld scanner or typing only)</source>
        <translation>Pas de caméra (douchette ou saisie uniquement)</translation>
    </message>
    <message>
        <source>/path/to/video.mp4 or rtsp://…</source>
        <translation>/chemin/vers/video.mp4 ou rtsp://…</translation>
    </message>
    <message>
        <source>Video file or stream URL</source>
        <translation>Fichier vidéo ou URL de flux</translation>
    </message>
    <message>
        <source>Press Test and show a card to the camera.</source>
        <translation>Appuyez sur Tester et présentez une carte à la caméra.</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>Décodeur</translation>
    </message>
    <message>
        <source>Paired with {url}</source>
        <translation>Associé à {url}</translation>
    </message>
    <message>
        <source>Not paired: this terminal works standalone.</source>
        <translation>Non associé&#xa0;: ce terminal fonctionne en autonome.</translation>
    </message>
    <message>
        <source>https://loyalty.example.com</source>
        <translation>https://fidelite.example.com</translation>
    </message>
    <message>
        <source>One-time code from the server</source>
        <translation>Code à usage unique du serveur</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>Associer</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Code d&apos;association</translation>
    </message>
    <message>
        <source>No camera chosen.</source>
        <translation>Aucune caméra choisie.</translation>
    </message>
    <message>
        <source>Testing… show a card to the camera.</source>
        <translation>Test en cours… présentez une carte à la caméra.</translation>
    </message>
    <message>
        <source>Read a card ({latency:.0f} ms)</source>
        <translation>Carte lue ({latency:.0f} ms)</translation>
    </message>
    <message>
        <source>Read: {message}</source>
        <translation>Lu&#xa0;: {message}</translation>
    </message>
    <message>
        <source>Type the server address and the pairing code.</source>
        <translation>Tapez l&apos;adresse du serveur et le code d&apos;association.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Association…</translation>
    </message>
    <message>
        <source>Paired.</source>
        <translation>Associé.</translation>
    </message>
    <message>
        <source>Paired. The terminal syncs in the background from now on.</source>
        <translation>Associé. Le terminal se synchronise désormais en arrière-plan.</translation>
    </message>
    <message>
        <source>Pairing failed. {for_people}.</source>
        <translation>L&apos;association a échoué. {for_people}.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
</context>
<context>
    <name>StampRow</name>
    <message>
        <source>{filled} of {target} stamps</source>
        <translation>{filled} tampons sur {target}</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Connection to the loyalty server</source>
        <translation>Connexion au serveur de fidélité</translation>
    </message>
    <message>
        <source>What waits to sync</source>
        <translation>Ce qui attend la synchronisation</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>Who is signed in</source>
        <translation>Qui est connecté</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Connecté&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
</context>
<context>
    <name>camera_words</name>
    <message>
        <source>Camera {index}</source>
        <translation>Caméra {index}</translation>
    </message>
    <message>
        <source>Video file {name}</source>
        <translation>Fichier vidéo {name}</translation>
    </message>
    <message>
        <source>Stream {url}</source>
        <translation>Flux {url}</translation>
    </message>
    <message>
        <source>Opening {source}…</source>
        <translation>Ouverture&#xa0;: {source}…</translation>
    </message>
    <message>
        <source>{source} is unplugged or used by another program; trying again in {seconds} s</source>
        <translation>{source} est débranchée ou utilisée par un autre programme&#xa0;; nouvel essai dans {seconds} s</translation>
    </message>
    <message>
        <source>{source} cannot be opened; trying again in {seconds} s</source>
        <translation>Impossible d’ouvrir {source}&#xa0;; nouvel essai dans {seconds} s</translation>
    </message>
    <message>
        <source>{source} cannot be reached; trying again in {seconds} s</source>
        <translation>{source} est injoignable&#xa0;; nouvel essai dans {seconds} s</translation>
    </message>
    <message>
        <source>{source} running at {width}×{height}, {fps} fps</source>
        <translation>{source} en marche&#xa0;: {width}×{height}, {fps} im/s</translation>
    </message>
    <message>
        <source>{source} stopped sending pictures; reconnecting</source>
        <translation>{source} n’envoie plus d’images&#xa0;; reconnexion en cours</translation>
    </message>
    <message>
        <source>{source} has ended</source>
        <translation>{source}&#xa0;: terminé</translation>
    </message>
    <message>
        <source>{source} is not started</source>
        <translation>{source}&#xa0;: pas encore lancé</translation>
    </message>
    <message>
        <source>{source} is stopped</source>
        <translation>{source}&#xa0;: à l’arrêt</translation>
    </message>
    <message>
        <source>No camera was found. Plug one in and choose it in Settings, or scan with the handheld scanner.</source>
        <translation>Aucune caméra trouvée. Branchez-en une et choisissez-la dans les Réglages, ou scannez avec la douchette.</translation>
    </message>
    <message>
        <source>This computer does not let the terminal use the camera. A manager can allow it in the computer&apos;s settings; meanwhile scan with the handheld scanner.</source>
        <translation>Cet ordinateur n&apos;autorise pas le terminal à utiliser la caméra. Un responsable peut l&apos;autoriser dans les réglages de l&apos;ordinateur&#xa0;; en attendant, scannez avec la douchette.</translation>
    </message>
    <message>
        <source>The camera is in use by another program. Close that program, or scan with the handheld scanner.</source>
        <translation>La caméra est utilisée par un autre programme. Fermez ce programme, ou scannez avec la douchette.</translation>
    </message>
    <message>
        <source>The camera software is missing on this computer: the terminal must be reinstalled. Meanwhile scan with the handheld scanner.</source>
        <translation>Le logiciel de la caméra manque sur cet ordinateur&#xa0;: il faut réinstaller le terminal. En attendant, scannez avec la douchette.</translation>
    </message>
    <message>
        <source>The decoder chosen in Settings cannot run on this computer. Choose “auto” as the decoder in Settings, on the Camera tab.</source>
        <translation>Le décodeur choisi dans les Réglages ne peut pas fonctionner sur cet ordinateur. Choisissez le décodeur «&#xa0;auto&#xa0;» dans les Réglages, onglet Caméra.</translation>
    </message>
    <message>
        <source>The camera cannot start (the details are in the log). Scan with the handheld scanner or type the number, and tell a manager.</source>
        <translation>La caméra ne peut pas démarrer (détails dans le journal). Scannez avec la douchette ou saisissez le numéro, et prévenez un responsable.</translation>
    </message>
    <message>
        <source>The demo video cannot be made: the disk is full. Free some space, or choose a camera in Settings.</source>
        <translation>La vidéo de démonstration ne peut pas être créée&#xa0;: le disque est plein. Libérez de la place, ou choisissez une caméra dans les Réglages.</translation>
    </message>
    <message>
        <source>The demo video cannot be made: the terminal may not write its file on this computer. Choose a camera in Settings, or scan with the handheld scanner.</source>
        <translation>La vidéo de démonstration ne peut pas être créée&#xa0;: le terminal n&apos;a pas le droit d&apos;écrire son fichier sur cet ordinateur. Choisissez une caméra dans les Réglages, ou scannez avec la douchette.</translation>
    </message>
    <message>
        <source>The demo video cannot be made (the details are in the log). Choose a camera in Settings, or scan with the handheld scanner.</source>
        <translation>La vidéo de démonstration ne peut pas être créée (détails dans le journal). Choisissez une caméra dans les Réglages, ou scannez avec la douchette.</translation>
    </message>
</context>
<context>
    <name>error_words</name>
    <message>
        <source>The server cannot be reached: check the address and the network, then try again</source>
        <translation>Le serveur est injoignable&#xa0;: vérifiez l&apos;adresse et le réseau, puis réessayez</translation>
    </message>
    <message>
        <source>The server refused: the pairing code is wrong, used or expired, or this terminal was revoked</source>
        <translation>Le serveur a refusé&#xa0;: le code d&apos;association est erroné, déjà utilisé ou expiré, ou ce terminal a été révoqué</translation>
    </message>
    <message>
        <source>Another sync of this terminal is running: try again in a moment</source>
        <translation>Une autre synchronisation de ce terminal est en cours&#xa0;: réessayez dans un instant</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood: ask for the terminal to be updated</source>
        <translation>La réponse du serveur n&apos;a pas été comprise&#xa0;: faites mettre à jour le terminal</translation>
    </message>
    <message>
        <source>This customer already has card {number}.</source>
        <translation>Ce client a déjà la carte {number}.</translation>
    </message>
    <message>
        <source>“{url}” is not a server address (http://… or https://…)</source>
        <translation>«&#xa0;{url}&#xa0;» n&apos;est pas une adresse de serveur (http://… ou https://…)</translation>
    </message>
    <message>
        <source>There is no card {number} on this terminal.</source>
        <translation>Il n&apos;y a pas de carte {number} sur ce terminal.</translation>
    </message>
    <message>
        <source>That card is no longer on this terminal.</source>
        <translation>Cette carte n’est plus sur ce terminal.</translation>
    </message>
    <message>
        <source>This terminal&apos;s database cannot be used just now, so nothing was saved: tell a manager (the details are in the log)</source>
        <translation>La base de données de ce terminal est inutilisable pour le moment, rien n&apos;a donc été enregistré&#xa0;: prévenez un responsable (détails dans le journal)</translation>
    </message>
    <message>
        <source>the system refused</source>
        <translation>le système a refusé</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>Le fichier n&apos;a pas pu être écrit&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Something went wrong here; it is in the log. Try again, or lock and sign in again</source>
        <translation>Un problème est survenu ici&#xa0;; il figure dans le journal. Réessayez, ou verrouillez et reconnectez-vous</translation>
    </message>
    <message>
        <source>There is no journal entry {seq} on this terminal.</source>
        <translation>Il n’y a pas d’opération {seq} sur ce terminal.</translation>
    </message>
    <message>
        <source>The loyalty program {program} is not on this terminal: sync with the server, then try again.</source>
        <translation>Le programme de fidélité {program} n’est pas sur ce terminal&#xa0;: synchronisez avec le serveur, puis réessayez.</translation>
    </message>
    <message>
        <source>The cards were not merged, nothing changed: {reason}</source>
        <translation>Les cartes n’ont pas été fusionnées, rien n’a changé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>This terminal has no loyalty program yet: sync with the server first.</source>
        <translation>Ce terminal n’a pas encore de programme de fidélité&#xa0;: synchronisez d’abord avec le serveur.</translation>
    </message>
    <message>
        <source>Choose a loyalty program: {programs}</source>
        <translation>Choisissez un programme de fidélité&#xa0;: {programs}</translation>
    </message>
    <message>
        <source>There is no loyalty program {program} here; the programs here: {programs}</source>
        <translation>Il n’y a pas de programme de fidélité {program} ici&#xa0;; programmes disponibles&#xa0;: {programs}</translation>
    </message>
    <message>
        <source>This terminal belongs to {mine}, the pairing code to {theirs}: pair it with a new terminal database.</source>
        <translation>Ce terminal appartient à {mine}, le code d&apos;association à {theirs}&#xa0;: associez-le à une nouvelle base de données de terminal.</translation>
    </message>
    <message>
        <source>{path} is already a terminal database; nothing changed.</source>
        <translation>{path} est déjà une base de données de terminal&#xa0;; rien n’a changé.</translation>
    </message>
    <message>
        <source>The built-in demo server could not be prepared ({command}): {detail}</source>
        <translation>Le serveur de démonstration intégré n’a pas pu être préparé ({command})&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>The demo server in {folder} holds other demo cards than this version shows: remove that folder to start the demo afresh.</source>
        <translation>Le serveur de démonstration dans {folder} contient d’autres cartes de démonstration que celles de cette version&#xa0;: supprimez ce dossier pour recommencer la démonstration.</translation>
    </message>
    <message>
        <source>The built-in demo server stopped as it started ({detail}); the details are in {log}</source>
        <translation>Le serveur de démonstration intégré s’est arrêté au démarrage ({detail})&#xa0;; les détails sont dans {log}</translation>
    </message>
    <message>
        <source>The built-in demo server did not start within {seconds} s; the details are in {log}</source>
        <translation>Le serveur de démonstration intégré n’a pas démarré en {seconds} s&#xa0;; les détails sont dans {log}</translation>
    </message>
    <message>
        <source>The demo terminal {db} is paired with another server than the one in {folder}: remove {db} to pair it afresh.</source>
        <translation>Le terminal de démonstration {db} est associé à un autre serveur que celui de {folder}&#xa0;: supprimez {db} pour l&apos;associer de nouveau.</translation>
    </message>
    <message>
        <source>Offline - the server cannot be reached; stamps are saved here and will sync</source>
        <translation>Hors ligne – le serveur est injoignable&#xa0;; les tampons sont enregistrés ici et seront synchronisés</translation>
    </message>
    <message>
        <source>Sync stopped - the server refused this terminal; a manager must pair it again (Settings, Server)</source>
        <translation>Synchronisation arrêtée – le serveur a refusé ce terminal&#xa0;; un responsable doit l&apos;associer de nouveau (Réglages, Serveur)</translation>
    </message>
    <message>
        <source>Sync stopped - the server and this terminal do not understand each other; stamps are saved here; ask for the terminal to be updated</source>
        <translation>Synchronisation arrêtée – le serveur et ce terminal ne se comprennent pas&#xa0;; les tampons sont enregistrés ici&#xa0;; faites mettre à jour le terminal</translation>
    </message>
    <message>
        <source>Type the amount, like {example}</source>
        <translation>Saisissez le montant, p. ex. {example}</translation>
    </message>
    <message>
        <source>“{typed}” has too many decimals: type it like {example}</source>
        <translation>«&#xa0;{typed}&#xa0;» a trop de décimales&#xa0;: tapez-le comme {example}</translation>
    </message>
    <message>
        <source>The amount must be more than zero</source>
        <translation>Le montant doit être supérieur à zéro</translation>
    </message>
    <message>
        <source>The amount is over the limit of {limit}</source>
        <translation>Le montant dépasse la limite de {limit}</translation>
    </message>
    <message>
        <source>“{typed}” is not an amount: type it like {example}</source>
        <translation>«&#xa0;{typed}&#xa0;» n&apos;est pas un montant&#xa0;: tapez-le comme {example}</translation>
    </message>
    <message>
        <source>“{typed}” is not a phone number (6 to 20 digits)</source>
        <translation>«&#xa0;{typed}&#xa0;» n&apos;est pas un numéro de téléphone (6 à 20 chiffres)</translation>
    </message>
    <message>
        <source>“{typed}” is not an e-mail address</source>
        <translation>«&#xa0;{typed}&#xa0;» n&apos;est pas une adresse e-mail</translation>
    </message>
    <message>
        <source>Type a phone number, an e-mail address or a name</source>
        <translation>Saisissez un numéro de téléphone, une adresse e-mail ou un nom</translation>
    </message>
    <message>
        <source>{name} is locked out for {minutes} more</source>
        <translation>{name} reste bloqué encore {minutes}</translation>
    </message>
    <message>
        <source>{name} is not a manager: a manager&apos;s PIN is needed</source>
        <translation>{name} n&apos;est pas responsable&#xa0;: le PIN d&apos;un responsable est nécessaire</translation>
    </message>
    <message>
        <source>wrong PIN; {name} is now locked out for {minutes}</source>
        <translation>PIN erroné&#xa0;; {name} est maintenant bloqué pendant {minutes}</translation>
    </message>
    <message>
        <source>unknown staff member or wrong PIN</source>
        <translation>Employé inconnu ou PIN erroné</translation>
    </message>
</context>
<context>
    <name>keypad</name>
    <message>
        <source>type a whole number of points, more than zero</source>
        <translation>tapez un nombre entier de points, supérieur à zéro</translation>
    </message>
</context>
<context>
    <name>outcome_text</name>
    <message>
        <source>Provisional stamp added: the server adds it to the card at the next sync</source>
        <translation>Tampon provisoire ajouté&#xa0;: le serveur l&apos;inscrira sur la carte à la prochaine synchronisation</translation>
    </message>
    <message>
        <source>Stamp added: {stamp_count} of {stamps_target}</source>
        <translation>Tampon ajouté&#xa0;: {stamp_count} sur {stamps_target}</translation>
    </message>
    <message>
        <source> · {reward} is ready!</source>
        <translation> · {reward} est prêt&#x202f;!</translation>
    </message>
    <message>
        <source>Reward given: {stamp_reward}</source>
        <translation>Récompense remise&#xa0;: {stamp_reward}</translation>
    </message>
    <message>
        <source>Card deactivated: it works nowhere until a manager reactivates it</source>
        <translation>Carte désactivée&#xa0;: elle ne fonctionne nulle part tant qu&apos;un responsable ne l&apos;a pas réactivée</translation>
    </message>
    <message>
        <source>Card active again</source>
        <translation>Carte de nouveau active</translation>
    </message>
    <message>
        <source>New card {number}: balances carried; the old card now says it was replaced</source>
        <translation>Nouvelle carte {number}&#xa0;: soldes repris&#xa0;; l&apos;ancienne carte est désormais marquée comme remplacée</translation>
    </message>
    <message>
        <source>Adjusted · balance {points}, {stamps}</source>
        <translation>Corrigé · solde {points}, {stamps}</translation>
    </message>
    <message>
        <source>Cards merged: this card now has {points} and {stamps}; the other one is no longer active</source>
        <translation>Cartes fusionnées&#xa0;: cette carte a maintenant {points} et {stamps}&#xa0;; l&apos;autre n&apos;est plus active</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
</context>
<context>
    <name>report_document</name>
    <message>
        <source>Entries</source>
        <translation>Opérations</translation>
    </message>
    <message>
        <source>Stamps asked</source>
        <translation>Tampons demandés</translation>
    </message>
    <message>
        <source>Points asked</source>
        <translation>Points demandés</translation>
    </message>
    <message>
        <source>Stamps applied</source>
        <translation>Tampons appliqués</translation>
    </message>
    <message>
        <source>Points applied</source>
        <translation>Points appliqués</translation>
    </message>
    <message>
        <source>Standalone terminal: the report is this terminal&apos;s own journal.</source>
        <translation>Terminal autonome&#xa0;: le rapport est le journal propre à ce terminal.</translation>
    </message>
    <message>
        <source>Synced with the server just now.</source>
        <translation>Synchronisé avec le serveur à l&apos;instant.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The sync did not complete&lt;/b&gt;: figures include entries the server has not confirmed yet.</source>
        <translation>&lt;b&gt;La synchronisation n&apos;a pas abouti&lt;/b&gt;&#xa0;: les chiffres comprennent des opérations que le serveur n&apos;a pas encore confirmées.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>End of day {day}</source>
        <translation>Clôture du {day}</translation>
    </message>
    <message>
        <source>{terminal} · closed by {manager}</source>
        <translation>{terminal} · clôturé par {manager}</translation>
    </message>
    <message>
        <source>By type</source>
        <translation>Par type</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>By staff</source>
        <translation>Par employé</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Employé</translation>
    </message>
    <message>
        <source>Asked: by this terminal. Applied: by the server, in the entries it answered.</source>
        <translation>Demandé&#xa0;: par ce terminal. Appliqué&#xa0;: par le serveur, dans les opérations auxquelles il a répondu.</translation>
    </message>
    <message>
        <source>No entries today.</source>
        <translation>Aucune opération aujourd&apos;hui.</translation>
    </message>
    <message>
        <source>Server answers</source>
        <translation>Réponses du serveur</translation>
    </message>
    <message>
        <source>Refused or changed by the server</source>
        <translation>Refusé ou modifié par le serveur</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Asked → applied</source>
        <translation>Demandé → appliqué</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Nothing was refused or changed by the server.</source>
        <translation>Le serveur n&apos;a rien refusé ni modifié.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Page {page} sur {pages}</translation>
    </message>
</context>
<context>
    <name>status_bar</name>
    <message>
        <source>not paired with a server · {journal} in this terminal&apos;s journal</source>
        <translation>non associé à un serveur · {journal} dans le journal de ce terminal</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>rien en attente</translation>
    </message>
    <message>
        <source>last sync </source>
        <translation>dernière synchro </translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>jamais synchronisé</translation>
    </message>
    <message>
        <source>the server revoked this terminal: a manager must pair it again</source>
        <translation>le serveur a révoqué ce terminal&#xa0;: un responsable doit le réassocier</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>New cards</source>
        <translation>Nouvelles cartes</translation>
    </message>
    <message>
        <source>Stamps</source>
        <translation>Tampons</translation>
    </message>
    <message>
        <source>Stamp rewards</source>
        <translation>Récompenses à tampons</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Points cumulés</translation>
    </message>
    <message>
        <source>Points rewards</source>
        <translation>Récompenses en points</translation>
    </message>
    <message>
        <source>Voids / returns</source>
        <translation>Annulations / retours</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Points expirés</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>en attente d&apos;envoi</translation>
    </message>
    <message>
        <source>sent, no answer yet</source>
        <translation>envoyé, pas encore de réponse</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>accepté</translation>
    </message>
    <message>
        <source>already on the server</source>
        <translation>déjà sur le serveur</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>changed by the server</source>
        <translation>modifié par le serveur</translation>
    </message>
    <message>
        <source>ONLINE</source>
        <translation>EN LIGNE</translation>
    </message>
    <message>
        <source>SYNCING</source>
        <translation>SYNCHRO</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>HORS LIGNE</translation>
    </message>
    <message>
        <source>SYNC ERROR</source>
        <translation>ERREUR DE SYNCHRO</translation>
    </message>
    <message>
        <source>REVOKED</source>
        <translation>RÉVOQUÉ</translation>
    </message>
    <message>
        <source>STANDALONE</source>
        <translation>AUTONOME</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>caisse</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>responsable</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>{stamps:+d} stamps</source>
        <translation>{stamps:+d} tampons</translation>
    </message>
    <message>
        <source>{points:+d} points</source>
        <translation>{points:+d} points</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>no entries</source>
        <translation>aucune opération</translation>
    </message>
    <message>
        <source>{entries} {status}</source>
        <translation>{entries}&#xa0;: {status}</translation>
    </message>
    <message>
        <source>The card is no longer active.</source>
        <translation>La carte n&apos;est plus active.</translation>
    </message>
    <message>
        <source>The server does not know this card.</source>
        <translation>Le serveur ne connaît pas cette carte.</translation>
    </message>
    <message>
        <source>The card&apos;s program does not collect this.</source>
        <translation>Le programme de la carte ne cumule pas cela.</translation>
    </message>
    <message>
        <source>This card only works at the store it was made in.</source>
        <translation>Cette carte ne fonctionne que dans le magasin où elle a été créée.</translation>
    </message>
    <message>
        <source>Stamped too soon after the card&apos;s last stamp.</source>
        <translation>Tampon trop tôt après le dernier tampon de la carte.</translation>
    </message>
    <message>
        <source>The card&apos;s daily stamp limit was already reached.</source>
        <translation>La limite quotidienne de tampons de la carte était déjà atteinte.</translation>
    </message>
    <message>
        <source>Not enough stamps on the card for the reward.</source>
        <translation>Pas assez de tampons sur la carte pour la récompense.</translation>
    </message>
    <message>
        <source>Not enough points on the card for the reward.</source>
        <translation>Pas assez de points sur la carte pour la récompense.</translation>
    </message>
    <message>
        <source>The program has no such reward.</source>
        <translation>Le programme n&apos;a pas cette récompense.</translation>
    </message>
    <message>
        <source>The amount is outside what the program allows.</source>
        <translation>Le montant sort de ce que le programme permet.</translation>
    </message>
    <message>
        <source>There were no points to expire.</source>
        <translation>Il n&apos;y avait pas de points à faire expirer.</translation>
    </message>
    <message>
        <source>Over the limit for a terminal that is offline.</source>
        <translation>Au-delà de la limite pour un terminal hors ligne.</translation>
    </message>
    <message>
        <source>The customer already has a card.</source>
        <translation>Le client a déjà une carte.</translation>
    </message>
    <message>
        <source>The entry could not be undone.</source>
        <translation>L&apos;opération n&apos;a pas pu être annulée.</translation>
    </message>
    <message>
        <source>The terminal&apos;s clock was too far from the server&apos;s.</source>
        <translation>L&apos;horloge du terminal était trop éloignée de celle du serveur.</translation>
    </message>
    <message>
        <source>This card is active already.</source>
        <translation>Cette carte est déjà active.</translation>
    </message>
    <message>
        <source>That purchase is not on this card.</source>
        <translation>Cet achat n&apos;est pas sur cette carte.</translation>
    </message>
    <message>
        <source>That purchase has nothing left to return.</source>
        <translation>Il ne reste rien à rendre sur cet achat.</translation>
    </message>
    <message>
        <source>These cards belong to two different customers.</source>
        <translation>Ces cartes appartiennent à deux clients différents.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>aucun motif donné</translation>
    </message>
    <message>
        <source>Stamped recently: next stamp in {minutes}.</source>
        <translation>Tampon récent&#xa0;: prochain tampon dans {minutes}.</translation>
    </message>
    <message>
        <source>Daily limit of {cap} reached ({today} given today).</source>
        <translation>Limite quotidienne de {cap} atteinte ({today} donnés aujourd&apos;hui).</translation>
    </message>
    <message>
        <source>Not enough stamps: {count} of {target}, {missing} to go.</source>
        <translation>Pas assez de tampons&#xa0;: {count} sur {target}, encore {missing}.</translation>
    </message>
    <message>
        <source>{reward} costs {cost}; the card has {balance}.</source>
        <translation>{reward} coûte {cost}&#xa0;; la carte en a {balance}.</translation>
    </message>
    <message>
        <source>{program} does not collect stamps.</source>
        <translation>{program} ne cumule pas de tampons.</translation>
    </message>
    <message>
        <source>{program} does not collect points.</source>
        <translation>{program} ne cumule pas de points.</translation>
    </message>
    <message>
        <source>That purchase was returned in full already.</source>
        <translation>Cet achat a déjà été entièrement rendu.</translation>
    </message>
    <message>
        <source>That return takes back no points.</source>
        <translation>Ce retour ne reprend aucun point.</translation>
    </message>
    <message>
        <source>At most {left} of that purchase can come back (bought {bought}).</source>
        <translation>Au plus {left} de cet achat peuvent être rendus (acheté&#xa0;: {bought}).</translation>
    </message>
    <message>
        <source>No purchase of this card has receipt {receipt}, here or on the server.</source>
        <translation>Aucun achat de cette carte n&apos;a la référence de ticket {receipt}, ni ici ni sur le serveur.</translation>
    </message>
    <message>
        <source>Server not reached: only this terminal&apos;s own purchases are found by receipt. Try again, or pick from the list.</source>
        <translation>Serveur injoignable : par la référence du ticket, seuls les achats de ce terminal sont retrouvés. Réessayez, ou choisissez dans la liste.</translation>
    </message>
    <message>
        <source>No purchase here has receipt {receipt}, and this terminal has no server to ask.</source>
        <translation>Aucun achat ici n&apos;a la référence de ticket {receipt}, et ce terminal n&apos;a pas de serveur à interroger.</translation>
    </message>
    <message>
        <source>A card cannot be merged into itself.</source>
        <translation>Une carte ne peut pas être fusionnée avec elle-même.</translation>
    </message>
    <message>
        <source>That merge gives nothing to take.</source>
        <translation>Cette fusion n&apos;apporte rien à reprendre.</translation>
    </message>
    <message>
        <source>Only cards of one program can merge.</source>
        <translation>Seules les cartes d&apos;un même programme peuvent fusionner.</translation>
    </message>
    <message>
        <source>The card that stays is not active.</source>
        <translation>La carte conservée n&apos;est pas active.</translation>
    </message>
    <message>
        <source>This card is already inactive.</source>
        <translation>Cette carte est déjà désactivée.</translation>
    </message>
    <message>
        <source>The reason is too long (at most {max} characters).</source>
        <translation>Le motif est trop long ({max} caractères au plus).</translation>
    </message>
    <message>
        <source>An adjustment needs a reason (at most {max} characters).</source>
        <translation>Une correction demande un motif ({max} caractères au plus).</translation>
    </message>
    <message>
        <source>A new card needs a new number and code.</source>
        <translation>Une nouvelle carte demande un nouveau numéro et un nouveau code.</translation>
    </message>
    <message>
        <source>An adjustment changes points or stamps.</source>
        <translation>Une correction doit modifier des points ou des tampons.</translation>
    </message>
    <message>
        <source>That adjustment is too large.</source>
        <translation>Cette correction est trop importante.</translation>
    </message>
    <message>
        <source>The card has {balance}; it cannot lose {lose}.</source>
        <translation>La carte a {balance}&#xa0;; elle ne peut pas perdre {lose}.</translation>
    </message>
    <message>
        <source>Never synced with the server yet: redemptions wait for the first sync.</source>
        <translation>Jamais synchronisé avec le serveur&#xa0;: les récompenses attendent la première synchronisation.</translation>
    </message>
    <message>
        <source>Not synced for too long: redemptions are stopped until the terminal syncs.</source>
        <translation>Pas synchronisé depuis trop longtemps&#xa0;: les récompenses sont bloquées jusqu&apos;à la synchronisation.</translation>
    </message>
    <message>
        <source>Not synced for {hours}: redemptions stop at {stop}.</source>
        <translation>Pas synchronisé depuis {hours}&#xa0;: les récompenses s&apos;arrêtent au bout de {stop}.</translation>
    </message>
    <message>
        <source>The terminal clock jumped; using the last trusted time instead.</source>
        <translation>L&apos;horloge du terminal a sauté&#xa0;; la dernière heure fiable est utilisée.</translation>
    </message>
    <message>
        <source>The terminal clock is off by {minutes}; using the server&apos;s time.</source>
        <translation>L&apos;horloge du terminal est décalée de {minutes}&#xa0;; l&apos;heure du serveur est utilisée.</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>envoi</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>réception</translation>
    </message>
    <message>
        <source>✗  This card is not a card of this shop (the server does not know it)</source>
        <translation>✗  Cette carte n&apos;est pas une carte de cette boutique (le serveur ne la connaît pas)</translation>
    </message>
    <message>
        <source>✗  No card {number} on this terminal</source>
        <translation>✗  Aucune carte {number} sur ce terminal</translation>
    </message>
    <message>
        <source>✗  This card is not known on this terminal (yet)</source>
        <translation>✗  Cette carte n&apos;est pas (encore) connue sur ce terminal</translation>
    </message>
    <message>
        <source>The code was empty; please scan again</source>
        <translation>Le code était vide&#xa0;; veuillez scanner de nouveau</translation>
    </message>
    <message>
        <source>This code holds far too much data to be a loyalty card</source>
        <translation>Ce code contient beaucoup trop de données pour une carte de fidélité</translation>
    </message>
    <message>
        <source>This code holds binary data, not a loyalty card</source>
        <translation>Ce code contient des données binaires, pas une carte de fidélité</translation>
    </message>
    <message>
        <source>This code contains unreadable characters</source>
        <translation>Ce code contient des caractères illisibles</translation>
    </message>
    <message>
        <source>This is a Wi-Fi code, not a loyalty card</source>
        <translation>C&apos;est un code Wi-Fi, pas une carte de fidélité</translation>
    </message>
    <message>
        <source>This is a contact card, not a loyalty card</source>
        <translation>C&apos;est une fiche de contact, pas une carte de fidélité</translation>
    </message>
    <message>
        <source>This is an e-mail code, not a loyalty card</source>
        <translation>C&apos;est un code d&apos;e-mail, pas une carte de fidélité</translation>
    </message>
    <message>
        <source>This is a phone or text-message code, not a loyalty card</source>
        <translation>C&apos;est un code de téléphone ou de SMS, pas une carte de fidélité</translation>
    </message>
    <message>
        <source>This link is not secure (https), so it is not accepted</source>
        <translation>Ce lien n&apos;est pas sécurisé (https), il n&apos;est donc pas accepté</translation>
    </message>
    <message>
        <source>This link is not a loyalty card of this shop</source>
        <translation>Ce lien n&apos;est pas une carte de fidélité de cette boutique</translation>
    </message>
    <message>
        <source>This link is from this shop but names no card</source>
        <translation>Ce lien vient de cette boutique mais ne désigne aucune carte</translation>
    </message>
    <message>
        <source>This code is not a loyalty card of this shop</source>
        <translation>Ce code n&apos;est pas une carte de fidélité de cette boutique</translation>
    </message>
</context>
</TS>
