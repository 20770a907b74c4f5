<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="fr_FR">
<context>
    <name>Access</name>
    <message>
        <location filename="../../medios/services/access.py" line="+57"/>
        <source>Cet utilisateur n&apos;est plus actif : il ne peut plus rien consulter ni modifier.</source>
        <translation>This user is no longer active: they can no longer see or change anything.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cette intervention est celle d&apos;un autre médiateur : seuls ses médiateurs et la coordination peuvent la consulter ou la modifier.</source>
        <translation>This intervention belongs to another mediator: only its mediators and the coordination can see or change it.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Un médiateur saisit ses propres interventions : ajoutez-vous parmi les médiateurs de la fiche (la coordination peut saisir pour un autre).</source>
        <translation>A mediator records their own interventions: add yourself among the record&apos;s mediators (the coordination can record for someone else).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Un médiateur ne voit dans le journal que ses propres interventions.</source>
        <translation>A mediator sees only their own interventions in the journal.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>seule l&apos;administration gère les utilisateurs.</source>
        <translation>only the administration manages the users.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>seule l&apos;administration modifie les paramètres de la structure (dispositifs, sites, partenaires, territoires).</source>
        <translation>only the administration changes the structure&apos;s settings (dispositifs, sites, partners, territories).</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../medios/ui/login.py" line="+204"/>
        <source>Compte de connexion</source>
        <translation>Sign-in account</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{pseudonym} se connecte avec cet identifiant et ce mot de passe (au moins {n} caractères). Quand plusieurs utilisateurs ont un compte, Médios demande qui est là au démarrage.</source>
        <translation>{pseudonym} signs in with this login and this password (at least {n} characters). When several users have an account, Médios asks who is there at start.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Identifiant</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mot de passe, à nouveau</source>
        <translation>Password, again</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Identifiant :</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mot de passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>À &amp;nouveau :</source>
        <translation>A&amp;gain:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retirer le compte</source>
        <translation>Remove the account</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Les deux mots de passe saisis diffèrent.</source>
        <translation>The two passwords typed differ.</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <location filename="../../medios/services/accounts.py" line="+91"/>
        <source>Le mot de passe doit compter au moins {n} caractères.</source>
        <translation>The password must have at least {n} characters.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Identifiant de 2 à 64 caractères : lettres minuscules sans accent, chiffres, « . », « _ » ou « - », en commençant par une lettre ou un chiffre.</source>
        <translation>Login of 2 to 64 characters: unaccented lowercase letters, digits, “.”, “_” or “-”, starting with a letter or a digit.</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+38"/>
        <source>seule l&apos;administration donne ou retire les comptes.</source>
        <translation>only the administration gives or removes accounts.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>L&apos;identifiant « {login} » est déjà pris.</source>
        <translation>The login “{login}” is already taken.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Le mot de passe actuel n&apos;est pas le bon.</source>
        <translation>The current password is not the right one.</translation>
    </message>
    <message>
        <location line="+45"/>
        <location filename="../../medios/ui/screenshots.py" line="+190"/>
        <source>Identifiant ou mot de passe incorrect.</source>
        <translation>Wrong login or password.</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../medios/services/actions.py" line="+88"/>
        <source>la répartition compte {total} personnes pour {participants} participants.</source>
        <translation>the breakdown counts {total} people for {participants} participants.</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Action collective introuvable ou supprimée.</source>
        <translation>Collective action not found or deleted.</translation>
    </message>
</context>
<context>
    <name>ActionsPage</name>
    <message>
        <location filename="../../medios/ui/pages/actions.py" line="+45"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thème</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registre</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Médiateurs</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Actions collectives</source>
        <translation>Collective actions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Liste des actions collectives</source>
        <translation>List of collective actions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aucune action collective enregistrée. Remplissez la fiche à droite puis Ctrl+S.</source>
        <translation>No collective action recorded yet. Fill in the form on the right, then press Ctrl+S.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nouvelle action</source>
        <translation>New action</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action collective enregistrée.</source>
        <translation>Collective action saved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nouvelle action collective</source>
        <translation>New collective action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action du {date}</source>
        <translation>Action of {date}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date :</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Heure :</source>
        <translation>Time:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heure de début</source>
        <translation>Start time</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Durée :</source>
        <translation>Duration:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Durée en minutes</source>
        <translation>Duration in minutes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Registre :</source>
        <translation>Register:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thème :</source>
        <translation>Theme:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Intitulé :</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>facultatif, sans nom de personne</source>
        <translation>optional, no person&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intitulé (facultatif)</source>
        <translation>Title (optional)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Participants :</source>
        <translation>Participants:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Répartition :</source>
        <translation>Breakdown:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Répartition des participants</source>
        <translation>Breakdown of the participants</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Co-organisateurs :</source>
        <translation>Co-organisers:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partenaires co-organisateurs</source>
        <translation>Co-organising partners</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lieu :</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Site :</source>
        <translation>Site:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commune :</source>
        <translation>Municipality:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code INSEE, ex. 75056</source>
        <translation>INSEE code, e.g. 75056</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commune (code INSEE)</source>
        <translation>Municipality (INSEE code)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>QPV :</source>
        <translation>QPV:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QN…, HORS_QPV, ou vide</source>
        <translation>QN…, HORS_QPV, or empty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QPV (facultatif)</source>
        <translation>QPV (optional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dispositif :</source>
        <translation>Scheme:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Médiateur(s) :</source>
        <translation>Mediator(s):</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>choisissez une valeur dans la liste.</source>
        <translation>choose a value from the list.</translation>
    </message>
</context>
<context>
    <name>Activities</name>
    <message>
        <location filename="../../medios/services/activity_common.py" line="+45"/>
        <source>au moins un médiateur est obligatoire.</source>
        <translation>at least one mediator is required.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>un même médiateur est indiqué deux fois.</source>
        <translation>the same mediator is given twice.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n médiateur(s) inconnu(s) ou supprimé(s).</source>
        <translation>
            <numerusform>%n unknown or deleted mediator.</numerusform>
            <numerusform>%n unknown or deleted mediators.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>enregistrement introuvable ou supprimé.</source>
        <translation>record not found or deleted.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>entier positif ou nul attendu, reçu {value}.</source>
        <translation>a whole number of zero or more expected, got {value}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{value} : {max} au plus.</source>
        <translation>{value}: {max} at most.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>code « {code} » inconnu dans le vocabulaire {vocab} ({version}).</source>
        <translation>code “{code}” unknown in vocabulary {vocab} ({version}).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>« {code} » figure deux fois.</source>
        <translation>“{code}” is given twice.</translation>
    </message>
</context>
<context>
    <name>ActivityForms</name>
    <message>
        <location filename="../../medios/ui/activity_forms.py" line="+82"/>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{h} h {m:02d}</source>
        <translation>{h} h {m:02d}</translation>
    </message>
    <message>
        <location line="+102"/>
        <location line="+37"/>
        <source>Public</source>
        <translation>Public</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+37"/>
        <source>Âge</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+37"/>
        <source>Sexe</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+37"/>
        <source>Nombre</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Ajouter une ligne</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ajoute une ligne de public à la répartition</source>
        <translation>Adds a public row to the breakdown</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{field}, ligne {n} de la répartition</source>
        <translation>{field}, row {n} of the breakdown</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Total réparti : {n}</source>
        <translation>Total broken down: {n}</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>Commencer une nouvelle fiche (Ctrl+Maj+N)</source>
        <translation>Start a new record (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Afficher les plus anciennes</source>
        <translation>Show older ones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ajoute à la liste les fiches plus anciennes</source>
        <translation>Adds older records to the list</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enregistrer la fiche (Ctrl+S)</source>
        <translation>Save the record (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuler la saisie en cours (Échap)</source>
        <translation>Cancel the current entry (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supprimer cette fiche (elle reste dans l&apos;historique)</source>
        <translation>Delete this record (it stays in the history)</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>Abandonner la saisie en cours ?</source>
        <translation>Discard the current entry?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ce que vous avez tapé dans cette fiche ne sera pas enregistré.</source>
        <translation>What you typed in this record will not be saved.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>La fiche n&apos;est pas enregistrée : corrigez les champs signalés.</source>
        <translation>The record is not saved: correct the fields shown.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Supprimer cette fiche ?</source>
        <translation>Delete this record?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elle disparaîtra des listes et des rapports.</source>
        <translation>It will disappear from lists and reports.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fiche supprimée.</source>
        <translation>Record deleted.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Une fiche non enregistrée a été retrouvée (%1). La reprendre ?</source>
        <translation>An unsaved record was found (%1). Resume it?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Non : elle sera supprimée.</source>
        <translation>No: it will be deleted.</translation>
    </message>
</context>
<context>
    <name>Amendments</name>
    <message>
        <location filename="../../medios/services/amendments.py" line="+63"/>
        <source>Correction dans Médios (motif non indiqué)</source>
        <translation>Correction in Médios (no reason given)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../medios/app.py" line="+107"/>
        <source>La base de données « {path} » ne peut pas être ouverte.</source>
        <translation>The database “{path}” cannot be opened.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Médios met à jour la base de données pour cette version. Une copie de sauvegarde est faite d&apos;abord ; sur une grande base, cela peut prendre plusieurs minutes. Ne fermez pas l&apos;application.</source>
        <translation>Médios is updating the database for this version. A backup copy is made first; on a large database this may take several minutes. Do not close the application.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mise à jour de la base de données</source>
        <translation>Updating the database</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Temps écoulé : {seconds} s</source>
        <translation>Time elapsed: {seconds} s</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Les données de démonstration n&apos;ont pas été créées.</source>
        <translation>The demonstration data was not created.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Médios doit s&apos;arrêter : la base de données n&apos;est plus utilisable.</source>
        <translation>Médios has to stop: the database can no longer be used.</translation>
    </message>
    <message>
        <location filename="../../medios/ui/pages/backups.py" line="+492"/>
        <source>La sauvegarde n&apos;a pas été restaurée.</source>
        <translation>The backup was not restored.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L&apos;ancienne base est gardée : {path}.</source>
        <translation>The former database is kept: {path}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sauvegarde restaurée ({n} interventions).</source>
        <translation>Backup restored ({n} interventions).</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <location filename="../../medios/services/audit.py" line="+221"/>
        <source>les lignes {first} à {last} ont été supprimées</source>
        <translation>lines {first} to {last} have been removed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cette ligne a été modifiée, ou une ligne a été déplacée ici</source>
        <translation>this line has been changed, or a line has been moved here</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>seules la coordination et l&apos;administration exportent le journal.</source>
        <translation>only coordinators and administrators export the log.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>seules la coordination et l&apos;administration consultent le journal.</source>
        <translation>only the coordination and the administration read the log.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../medios/ui/audit.py" line="+47"/>
        <location line="+58"/>
        <source>Journal d&apos;audit</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Qui a fait quoi, et quand : chaque ligne porte l&apos;empreinte de la précédente, de sorte qu&apos;une ligne modifiée, déplacée ou supprimée se voit. Les auteurs sont nommés par leur pseudonyme ; le journal ne contient ni nom ni observation.</source>
        <translation>Who did what, and when: each line carries the hash of the one before, so that an edited, moved or deleted line shows. Authors are named by their pseudonym; the log holds no name and no note.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+12"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Toutes les actions</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>N°</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date (UTC)</source>
        <translation>Date (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auteur</source>
        <translation>Author</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poste</source>
        <translation>Computer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fiche</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modifications</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lignes du journal d&apos;audit</source>
        <translation>Lines of the audit log</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lignes plus anciennes</source>
        <translation>Older lines</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vérifier la chaîne</source>
        <translation>Check the chain</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporter en CSV…</source>
        <translation>Export as CSV…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Action :</source>
        <translation>Action:</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Journal intact : {n} ligne(s), chaînées de la première à la dernière. Empreinte de la dernière ligne : {head}.</source>
        <translation>Log intact: {n} line(s), chained from the first to the last. Hash of the last line: {head}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Journal altéré : la chaîne casse à la ligne n° {line} ({reason}).</source>
        <translation>Log altered: the chain breaks at line no. {line} ({reason}).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exporter le journal d&apos;audit</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>le journal</source>
        <translation>the log</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Le journal n&apos;a pas été exporté.</source>
        <translation>The log was not exported.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Journal exporté : {path} ({n} ligne(s)).</source>
        <translation>Log exported: {path} ({n} line(s)).</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <location filename="../../medios/db/backup.py" line="+64"/>
        <source>sauvegarde introuvable : {path}.</source>
        <translation>backup not found: {path}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>« {path} » est chiffrée avec une clé que ce poste n&apos;a pas : saisissez la clé de secours de la base dont elle vient.</source>
        <translation>“{path}” is encrypted with a key this computer does not have: enter the recovery key of the database it comes from.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>« {path} » est endommagée : {detail}.</source>
        <translation>“{path}” is damaged: {detail}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>« {path} » n&apos;est pas une base Médios lisible : {reason}.</source>
        <translation>“{path}” is not a readable Médios database: {reason}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>« {path} » n&apos;est pas une base Médios.</source>
        <translation>“{path}” is not a Médios database.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>« {path} » existe déjà : choisissez un autre nom.</source>
        <translation>“{path}” already exists: choose another name.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>la sauvegarde n&apos;a pas pu être écrite dans « {path} » : {reason}.</source>
        <translation>the backup could not be written to “{path}”: {reason}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>la base ne se copie pas : {reason}.</source>
        <translation>the database cannot be copied: {reason}.</translation>
    </message>
    <message>
        <location filename="../../medios/services/backups.py" line="+67"/>
        <source>aucune base à sauvegarder : {path}.</source>
        <translation>no database to back up: {path}.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>le dossier de sauvegarde « {path} » n&apos;est pas accessible (clé USB retirée ?).</source>
        <translation>the backup folder “{path}” cannot be reached (USB key removed?).</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location filename="../../medios/ui/pages/backups.py" line="+9"/>
        <source>Chiffrement</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Chiffrement de la base et de ses sauvegardes…</source>
        <translation>Encrypting the database and its backups…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>La base n&apos;a pas été chiffrée : elle reste telle qu&apos;elle était.</source>
        <translation>The database was not encrypted: it stays as it was.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Base chiffrée ({n} sauvegarde(s) chiffrée(s) aussi).</source>
        <translation>Database encrypted ({n} backup(s) encrypted too).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Le fichier en clair a été écrasé puis supprimé. Sur un disque SSD, des copies peuvent subsister dans ses blocs libres : chiffrez aussi le disque de l&apos;ordinateur.</source>
        <translation>The clear file was overwritten, then deleted. On an SSD, copies may remain in its free blocks: encrypt the computer&apos;s disk as well.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Chiffrement de la base avec une nouvelle clé…</source>
        <translation>Encrypting the database with a new key…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>La clé n&apos;a pas été changée : la base garde la précédente.</source>
        <translation>The key was not changed: the database keeps the previous one.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nouvelle clé en place.</source>
        <translation>New key in place.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&apos;ancienne clé de secours n&apos;ouvre plus la base. Une sauvegarde sous la nouvelle clé vient d&apos;être faite ; les précédentes gardent l&apos;ancienne clé, que ce poste connaît encore.</source>
        <translation>The old recovery key no longer opens the database. A backup under the new key has just been made; the earlier ones keep the old key, which this computer still knows.</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <location line="-529"/>
        <location line="+339"/>
        <source>Sauvegardes</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location line="-335"/>
        <source>Médios sauvegarde la base quand vous fermez la fenêtre, au plus une fois par jour, et garde la dernière sauvegarde de chacun des 7 derniers jours, des 4 dernières semaines et des 12 derniers mois. Chaque sauvegarde est vérifiée avant d&apos;être gardée.</source>
        <translation>Médios backs up the database when you close the window, at most once a day, and keeps the latest backup of each of the last 7 days, 4 weeks and 12 months. Each backup is checked before it is kept.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taille</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dossier</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sauvegardes de la base</source>
        <translation>Backups of the database</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sauvegarder maintenant</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copier aussi dans un dossier…</source>
        <translation>Also copy to a folder…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Un second dossier pour les sauvegardes automatiques, une clé USB par exemple</source>
        <translation>A second folder for the automatic backups, a USB key for instance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ne plus copier ailleurs</source>
        <translation>Stop copying elsewhere</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restaurer la sauvegarde choisie…</source>
        <translation>Restore the chosen backup…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Médios ferme la base, la garde de côté, met la sauvegarde à sa place et la rouvre</source>
        <translation>Médios closes the database, keeps it aside, puts the backup in its place and opens it again</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Chiffrement de la base</source>
        <translation>Database encryption</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chiffrer la base…</source>
        <translation>Encrypt the database…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Médios ferme la base, en écrit une copie chiffrée vérifiée, la met à sa place et la rouvre</source>
        <translation>Médios closes the database, writes a verified encrypted copy, puts it in its place and opens it again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changer la clé…</source>
        <translation>Change the key…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Après la perte d&apos;un ordinateur ou d&apos;une clé de secours : une nouvelle clé et sa clé de secours</source>
        <translation>After losing a computer or a recovery key: a new key and its recovery key</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phrase secrète…</source>
        <translation>Passphrase…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La phrase qui ouvre la base sur un ordinateur sans trousseau système</source>
        <translation>The phrase that opens the database on a computer without a system keyring</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>La base n&apos;est pas chiffrée : qui prend l&apos;ordinateur ou copie le fichier lit les interventions. Chiffrez-la.</source>
        <translation>The database is not encrypted: whoever takes the computer or copies the file reads the interventions. Encrypt it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>La base est chiffrée (SQLCipher, clé aléatoire de 256 bits).</source>
        <translation>The database is encrypted (SQLCipher, random 256-bit key).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sa clé est gardée dans le trousseau du système ({name}).</source>
        <translation>Its key is kept in the system keyring ({name}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Aucun trousseau système sur ce poste : la phrase secrète est demandée.</source>
        <translation>No system keyring on this computer: the passphrase is asked for.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Une phrase secrète l&apos;ouvre aussi.</source>
        <translation>A passphrase opens it too.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aucune phrase secrète n&apos;est définie.</source>
        <translation>No passphrase is set.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Les clés de la base sont gérées par l&apos;administration.</source>
        <translation>The database&apos;s keys are managed by the administration.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chiffrer la base ?</source>
        <translation>Encrypt the database?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Médios ferme la base, en écrit une copie chiffrée qu&apos;il vérifie, la met à la place de la base en clair (écrasée puis supprimée), chiffre les sauvegardes du dossier de données, puis rouvre la base. Une clé de secours vous sera ensuite montrée : imprimez-la.</source>
        <translation>Médios closes the database, writes an encrypted copy that it checks, puts it in place of the clear database (overwritten, then deleted), encrypts the backups of the data folder, then opens the database again. A recovery key will then be shown to you: print it.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Changer la clé de la base ?</source>
        <translation>Change the database key?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Médios ferme la base, la chiffre avec une nouvelle clé, puis la rouvre. L&apos;ancienne clé de secours n&apos;ouvrira plus la base, seulement les sauvegardes déjà faites ; une nouvelle clé de secours vous sera montrée.</source>
        <translation>Médios closes the database, encrypts it with a new key, then opens it again. The old recovery key will no longer open the database, only the backups already made; a new recovery key will be shown to you.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>La nouvelle clé sera protégée par une nouvelle phrase secrète (au moins {n} caractères) : l&apos;ancienne n&apos;ouvrira plus la base.</source>
        <translation>The new key will be protected by a new passphrase (at least {n} characters): the old one will no longer open the database.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cette phrase secrète ouvrira la base sur tout ordinateur sans trousseau système ; elle remplace la précédente. Choisissez une phrase de plusieurs mots (au moins {n} caractères).</source>
        <translation>This passphrase will open the database on any computer without a system keyring; it replaces the previous one. Choose a phrase of several words (at least {n} characters).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>La phrase secrète n&apos;a pas été changée.</source>
        <translation>The passphrase was not changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phrase secrète enregistrée.</source>
        <translation>Passphrase saved.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conservation des observations libres</source>
        <translation>Retention of free-text notes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> mois</source>
        <translation> months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Durée de conservation des observations, en mois</source>
        <translation>Retention period of the notes, in months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appliquer</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Purger maintenant…</source>
        <translation>Purge now…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retire les observations échues, et leurs traces du fichier ; le journal n&apos;en garde que le nombre</source>
        <translation>Removes the notes past their period, and their traces from the file; the log keeps only their number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gardées après leur saisie :</source>
        <translation>Kept after they are entered:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{n} observation(s) saisie(s) avant le {date} seraient retirées par une purge.</source>
        <translation>{n} note(s) entered before {date} would be removed by a purge.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Aucune observation saisie avant le {date} : rien à purger.</source>
        <translation>No note entered before {date}: nothing to purge.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>La durée n&apos;a pas été changée.</source>
        <translation>The period was not changed.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Purger les observations échues ?</source>
        <translation>Purge the notes past their period?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} observation(s) seront effacées de la base, sans retour possible ; les fiches restent. Les sauvegardes plus anciennes les gardent jusqu&apos;à leur rotation.</source>
        <translation>{n} note(s) will be erased from the database, with no way back; the records stay. Older backups keep them until their rotation.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Conservation</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purge des observations et réécriture du fichier…</source>
        <translation>Purging the notes and rewriting the file…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>La purge n&apos;a pas été faite.</source>
        <translation>The purge was not done.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} observation(s) retirée(s).</source>
        <translation>{n} note(s) removed.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Dossier des sauvegardes : {folder}</source>
        <translation>Backup folder: {folder}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copiées aussi dans : {folder}</source>
        <translation>Also copied to: {folder}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dossier de données</source>
        <translation>data folder</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Sauvegarde annulée : rien n&apos;a été écrit.</source>
        <translation>Backup cancelled: nothing was written.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La sauvegarde n&apos;a pas été faite.</source>
        <translation>The backup was not made.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sauvegarde de la base…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sauvegarde écrite et vérifiée.</source>
        <translation>Backup written and checked.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} ({n} interventions, {size}).</source>
        <translation>{path} ({n} interventions, {size}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dossier supplémentaire des sauvegardes</source>
        <translation>Additional backup folder</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Restaurer cette sauvegarde ?</source>
        <translation>Restore this backup?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La base actuelle sera fermée et gardée de côté, puis remplacée par la sauvegarde du {name} ({n} interventions). Ce qui a été saisi depuis cette sauvegarde n&apos;y sera pas.</source>
        <translation>The current database will be closed and kept aside, then replaced by the backup {name} ({n} interventions). What was entered since this backup will not be in it.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choisissez d&apos;abord une sauvegarde dans la liste.</source>
        <translation>Choose a backup in the list first.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cette sauvegarde ne peut pas être restaurée.</source>
        <translation>This backup cannot be restored.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../medios/ui/login.py" line="+29"/>
        <source>Changer mon mot de passe</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mot de passe actuel</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nouveau mot de passe</source>
        <translation>New password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nouveau mot de passe, à nouveau</source>
        <translation>New password, again</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mot de passe &amp;actuel :</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Nouveau mot de passe :</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>À &amp;nouveau :</source>
        <translation>A&amp;gain:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Les deux mots de passe saisis diffèrent.</source>
        <translation>The two passwords typed differ.</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../medios/cli.py" line="+154"/>
        <source>Médios : saisie et bilans de l&apos;activité de médiation sociale.</source>
        <translation>Médios: recording and reporting of social mediation activity.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes de sortie : 0 réussite, 1 problème de stockage (disque plein, base verrouillée, endommagée ou introuvable), 2 erreur de saisie, 3 erreur inattendue (détail dans le journal), 4 import partiel (--skip-invalid a écarté des lignes), 130 interrompu (Ctrl+C : rien n&apos;a été enregistré).</source>
        <translation>Exit codes: 0 success, 1 storage problem (disk full, database locked, damaged or missing), 2 input error, 3 unexpected error (details in the log), 4 partial import (--skip-invalid left lines out), 130 interrupted (Ctrl+C: nothing was saved).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>afficher la version et quitter</source>
        <translation>show program&apos;s version number and exit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>base de données à utiliser (sinon MEDIOS_DB, sinon le dossier de données)</source>
        <translation>database to use (otherwise MEDIOS_DB, otherwise the data folder)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>remplir une base vide avec des données fictives avant d&apos;ouvrir la fenêtre</source>
        <translation>fill an empty database with fictitious data before opening the window</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>COMMANDE</source>
        <translation>COMMAND</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>créer la base et enregistrer la structure</source>
        <translation>create the database and register the organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+62"/>
        <source>nom de la structure</source>
        <translation>name of the organisation</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>premier utilisateur (coordinateur)</source>
        <translation>first user (coordinator)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calendrier des jours fériés (METROPOLE, ALSACE_MOSELLE, GUADELOUPE…)</source>
        <translation>public holiday calendar (METROPOLE, ALSACE_MOSELLE, GUADELOUPE…)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>remplir la base avec une activité fictive réaliste</source>
        <translation>fill the database with realistic fictitious activity</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nombre de mois (défaut 12)</source>
        <translation>number of months (default 12)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nombre de médiateurs (défaut 6)</source>
        <translation>number of mediators (default 6)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>graine du tirage (défaut 1)</source>
        <translation>random seed (default 1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>importer des interventions au format JSONL v1</source>
        <translation>import interventions in the JSONL v1 format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tout ou rien : une ligne invalide et rien n&apos;est importé (code 2). Avec --skip-invalid, les lignes valides sont importées et le code de sortie est 4 si des lignes ont été écartées.</source>
        <translation>All or nothing: one invalid line and nothing is imported (code 2). With --skip-invalid, the valid lines are imported and the exit code is 4 if lines were left out.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>fichier à importer</source>
        <translation>file to import</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>importer les lignes valides et lister les autres</source>
        <translation>import the valid lines and list the others</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>exporter les interventions au format JSONL v1</source>
        <translation>export the interventions in the JSONL v1 format</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>fichier à écrire (« - » : la sortie standard)</source>
        <translation>file to write (“-”: standard output)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>lister les dispositifs</source>
        <translation>list the programmes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ajouter un dispositif</source>
        <translation>add a programme</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+39"/>
        <location line="+2"/>
        <source>nom du dispositif</source>
        <translation>name of the programme</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>domaine principal (HABITAT, NUIT, SCOLAIRE…)</source>
        <translation>main domain (HABITAT, NUIT, SCOLAIRE…)</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>AAAA-MM-JJ</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>date de début (défaut : aujourd&apos;hui)</source>
        <translation>start date (default: today)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>lister les pseudonymes et rôles (jamais les noms)</source>
        <translation>list pseudonyms and roles (never names)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>changer le pseudonyme d&apos;un médiateur</source>
        <translation>change a mediator&apos;s pseudonym</translation>
    </message>
    <message>
        <location line="-166"/>
        <location line="+52"/>
        <location line="+6"/>
        <location line="+372"/>
        <location line="+5"/>
        <location line="+9"/>
        <location line="+46"/>
        <location line="+16"/>
        <source>PSEUDONYME</source>
        <translation>PSEUDONYM</translation>
    </message>
    <message>
        <location line="-339"/>
        <source>pseudonyme actuel</source>
        <translation>current pseudonym</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NOUVEAU</source>
        <translation>NEW</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nouveau pseudonyme (MED-…)</source>
        <translation>new pseudonym (MED-…)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>lister les territoires</source>
        <translation>list the territories</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>COMMUNE, QPV, EPCI, DEPARTEMENT ou REGION</source>
        <translation>COMMUNE, QPV, EPCI, DEPARTEMENT or REGION</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>nombre entier attendu : « {value} »</source>
        <translation>whole number expected: “{value}”</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+375"/>
        <location line="+81"/>
        <source>FICHIER</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="-455"/>
        <source>FICHIER.jsonl</source>
        <translation>FILE.jsonl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NOM</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LIBELLÉ</source>
        <translation>LABEL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NIVEAU</source>
        <translation>LEVEL</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>fichier qui contient la phrase secrète (ou la clé de secours) de la base chiffrée, sinon MEDIOS_PASSPHRASE, sinon le trousseau du système, sinon elle est demandée</source>
        <translation>file holding the passphrase (or the recovery key) of the encrypted database; otherwise MEDIOS_PASSPHRASE, otherwise the system keyring, otherwise it is asked for</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>FICHIER.pdf</source>
        <translation>FILE.pdf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>écrire aussi la clé de secours dans une page PDF à imprimer</source>
        <translation>also write the recovery key to a PDF page to print</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>CODES</source>
        <translation>CODES</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>afficher ou corriger la structure</source>
        <translation>show or correct the structure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>afficher la structure</source>
        <translation>show the structure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>corriger la structure (seules les options données changent)</source>
        <translation>correct the structure (only the options given change)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calendrier des jours fériés (METROPOLE, ALSACE_MOSELLE…)</source>
        <translation>public holiday calendar (METROPOLE, ALSACE_MOSELLE…)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>observations libres (on, off) ; la personne peut demander à lire ce texte : restez factuel, sans santé, origine, religion ni infraction</source>
        <translation>free-text notes (on, off); the person may ask to read this text: keep to the facts, no health, origin, religion or offence</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>numéro SIRET (14 chiffres ; « - » l&apos;efface)</source>
        <translation>SIRET number (14 digits; &quot;-&quot; clears it)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>statut juridique (ASSOCIATION, COLLECTIVITE, GIP…)</source>
        <translation>legal status (ASSOCIATION, COLLECTIVITE, GIP…)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>identifiant donné par l&apos;observatoire (« - » l&apos;efface)</source>
        <translation>identifier given by the observatory (“-” clears it)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>réseaux, codes RESEAU séparés par des virgules (« - » les efface)</source>
        <translation>networks, RESEAU codes separated by commas (“-” clears them)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>date de certification AFNOR (« - » l&apos;efface)</source>
        <translation>AFNOR certification date (“-” clears it)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>code INSEE de la commune du siège (« - » l&apos;efface)</source>
        <translation>INSEE code of the head office municipality (“-” clears it)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lister, ajouter, corriger ou retirer les dispositifs de la structure</source>
        <translation>list, add, correct or retire the structure&apos;s programmes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lister les dispositifs retirés</source>
        <translation>list the retired schemes</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>corriger ou renommer un dispositif</source>
        <translation>correct or rename a programme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nom actuel du dispositif</source>
        <translation>current name of the programme</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+149"/>
        <location line="+32"/>
        <source>nouveau nom</source>
        <translation>new name</translation>
    </message>
    <message>
        <location line="-180"/>
        <source>domaine principal</source>
        <translation>main domain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date de début</source>
        <translation>start date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date de fin (« - » l&apos;efface)</source>
        <translation>end date (&quot;-&quot; clears it)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date de fin</source>
        <translation>end date</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>financements, codes FINANCEMENT séparés par des virgules</source>
        <translation>funding, FINANCEMENT codes separated by commas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>territoires couverts, codes de la liste des territoires séparés par des virgules</source>
        <translation>territories covered, codes of the territory list separated by commas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plages couvertes, codes PLAGE séparés par des virgules</source>
        <translation>time bands covered, PLAGE codes separated by commas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>commanditaire, nom d&apos;un partenaire de l&apos;annuaire (option répétable)</source>
        <translation>commissioner, name of a partner in the directory (repeatable option)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retirer un dispositif (ses fiches le gardent)</source>
        <translation>retire a programme (its records keep it)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rétablir un dispositif retiré</source>
        <translation>restore a retired scheme</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lister, ajouter, corriger ou retirer les utilisateurs (médiateurs)</source>
        <translation>list, add, correct or retire the users (mediators)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lister les utilisateurs retirés</source>
        <translation>list the retired users</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ajouter un utilisateur (son pseudonyme est attribué)</source>
        <translation>add a user (a pseudonym is assigned)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nom (reste sur cet ordinateur)</source>
        <translation>name (stays on this computer)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>MEDIATEUR (défaut), COORDINATEUR ou ADMIN</source>
        <translation>MEDIATEUR (default), COORDINATEUR or ADMIN</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>corriger le nom ou le rôle d&apos;un utilisateur</source>
        <translation>correct a user&apos;s name or role</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <location line="+2"/>
        <source>pseudonyme de l&apos;utilisateur</source>
        <translation>the user&apos;s pseudonym</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>nom</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MEDIATEUR, COORDINATEUR ou ADMIN</source>
        <translation>MEDIATEUR, COORDINATEUR or ADMIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contrat (CDI, CDD, ADULTE_RELAIS…)</source>
        <translation>contract (CDI, CDD, ADULTE_RELAIS…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quotité en pour cent, de 10 à 100</source>
        <translation>working time in percent, from 10 to 100</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HEURES</source>
        <translation>HOURS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>heures par semaine (35, 24,5 ou 24h30 ; défaut : 35 h × quotité)</source>
        <translation>hours per week (35, 24.5 or 24h30; default: 35 h × working time)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>codes QUALIF séparés par des virgules</source>
        <translation>QUALIF codes separated by commas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date d&apos;entrée</source>
        <translation>start date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date de sortie</source>
        <translation>leaving date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retirer un utilisateur (ses fiches le gardent ; pseudonyme jamais réutilisé)</source>
        <translation>retire a user (their records keep them; the pseudonym is never reused)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rétablir un utilisateur retiré</source>
        <translation>restore a retired user</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lister, ajouter, importer, corriger ou retirer les territoires</source>
        <translation>list, add, import, correct or retire the territories</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>lister les territoires retirés</source>
        <translation>list the retired territories</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ajouter un territoire</source>
        <translation>add a territory</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>code officiel (INSEE, QPV, SIREN…)</source>
        <translation>official code (INSEE, QPV, SIREN…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nom du territoire</source>
        <translation>name of the territory</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <location line="+6"/>
        <location line="+22"/>
        <source>MILLÉSIME</source>
        <translation>VINTAGE</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>millésime du code (défaut : l&apos;année en cours)</source>
        <translation>vintage of the code (default: the current year)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>territoire de rattachement (commune d&apos;un QPV…)</source>
        <translation>parent territory (commune of a QPV…)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>corriger le libellé ou le rattachement d&apos;un territoire</source>
        <translation>correct a territory&apos;s label or parent</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <location line="+6"/>
        <source>code du territoire</source>
        <translation>code of the territory</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>nouveau libellé</source>
        <translation>new label</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rattachement (« - » l&apos;efface)</source>
        <translation>parent (&quot;-&quot; clears it)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>millésime (défaut : le plus récent)</source>
        <translation>vintage (default: the latest)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>retirer un territoire de la liste</source>
        <translation>retire a territory from the list</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>rétablir un territoire retiré</source>
        <translation>restore a retired territory</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>importer une liste de territoires (CSV ; tout ou rien)</source>
        <translation>import a list of territories (CSV; all or nothing)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colonnes : code ; libellé ; millésime ; rattachement, ou une ligne d&apos;en-tête (niveau, code, libellé, millésime, rattachement, ou les noms des fichiers officiels COG et QPV). Séparateur « ; », tabulation ou « , ». Une ligne invalide et rien n&apos;est ajouté.</source>
        <translation>Columns: code; label; vintage; parent, or a header line (niveau, code, libellé, millésime, rattachement, or the names used by the official COG and QPV files). Separator &quot;;&quot;, tab or &quot;,&quot;. One invalid line and nothing is added.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>fichier CSV (UTF-8)</source>
        <translation>CSV file (UTF-8)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>niveau quand le fichier ne le dit pas</source>
        <translation>level when the file does not give it</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>millésime quand le fichier ne le dit pas (défaut : l&apos;année en cours)</source>
        <translation>vintage when the file does not give it (default: the current year)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>afficher ce qui serait ajouté, sans rien écrire</source>
        <translation>show what would be added, without writing anything</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lister, ajouter, corriger ou retirer les sites</source>
        <translation>list, add, correct or retire the sites</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lister les sites (identifiant, type de lieu, commune, QPV)</source>
        <translation>list the sites (identifier, type of place, commune, QPV)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lister les sites retirés</source>
        <translation>list the retired sites</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ajouter un site</source>
        <translation>add a site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nom du site</source>
        <translation>name of the site</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>type de lieu (HAB_PC, SCOL_ABORDS…)</source>
        <translation>type of place (HAB_PC, SCOL_ABORDS…)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <location line="+38"/>
        <source>code INSEE de la commune</source>
        <translation>INSEE code of the commune</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>code QPV ou HORS_QPV</source>
        <translation>QPV code or HORS_QPV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>corriger ou renommer un site</source>
        <translation>correct or rename a site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nom actuel ou identifiant du site</source>
        <translation>current name or identifier of the site</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>type de lieu</source>
        <translation>type of place</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>code QPV ou HORS_QPV (« - » l&apos;efface)</source>
        <translation>QPV code or HORS_QPV (&quot;-&quot; clears it)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>code UAI d&apos;un établissement scolaire (« - » l&apos;efface)</source>
        <translation>UAI code of a school (“-” clears it)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>éducation prioritaire : REP, REP_PLUS, HORS_EP</source>
        <translation>priority education: REP, REP_PLUS, HORS_EP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bailleur, nom d&apos;un partenaire de l&apos;annuaire</source>
        <translation>landlord, name of a partner in the directory</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retirer un site (ses fiches le gardent)</source>
        <translation>retire a site (its records keep it)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>nom ou identifiant du site</source>
        <translation>name or identifier of the site</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>rétablir un site retiré</source>
        <translation>restore a retired site</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lister, ajouter, corriger ou retirer les partenaires</source>
        <translation>list, add, correct or retire the partners</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lister l&apos;annuaire (organisme, type, commune ; jamais les contacts)</source>
        <translation>list the directory (organisation, type, commune; never the contacts)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lister les partenaires retirés</source>
        <translation>list the retired partners</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ajouter un partenaire</source>
        <translation>add a partner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>corriger ou renommer un partenaire</source>
        <translation>correct or rename a partner</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+15"/>
        <location line="+2"/>
        <source>nom de l&apos;organisme</source>
        <translation>name of the organisation</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>type de partenaire (BAILLEUR, CCAS, POLICE_MUNICIPALE…)</source>
        <translation>partner type (BAILLEUR, CCAS, POLICE_MUNICIPALE…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>personne à contacter</source>
        <translation>contact person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NUMÉRO</source>
        <translation>NUMBER</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>téléphone</source>
        <translation>phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ADRESSE</source>
        <translation>ADDRESS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>adresse e-mail</source>
        <translation>e-mail address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retirer un partenaire de l&apos;annuaire</source>
        <translation>retire a partner from the directory</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rétablir un partenaire retiré</source>
        <translation>restore a retired partner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>écrire le bilan d&apos;un mois ou d&apos;une période (Excel ou PDF)</source>
        <translation>write the report of a month or a period (Excel or PDF)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>AAAA-MM</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>un mois (2026-10)</source>
        <translation>a month (2026-10)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+48"/>
        <source>PÉRIODE</source>
        <translation>PERIOD</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>un trimestre (2026-T1), une année (2026) ou une plage de mois (2025-04:2026-03)</source>
        <translation>a quarter (2026-Q1), a year (2026) or a range of months (2025-04:2026-03)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limiter à un dispositif (son nom)</source>
        <translation>restrict to a dispositif (its name)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>limiter à une commune (code INSEE)</source>
        <translation>restrict to a commune (INSEE code)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limiter à un QPV (ou HORS_QPV)</source>
        <translation>restrict to a QPV (or HORS_QPV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>xlsx ou pdf</source>
        <translation>xlsx or pdf</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+46"/>
        <source>fichier à écrire</source>
        <translation>file to write</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>clôturer ou rouvrir un mois, voir son état et ses modifications après clôture</source>
        <translation>close or reopen a month, see its state and its amendments after closing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>pseudonyme de la coordinatrice ou du coordinateur qui agit (MED-…)</source>
        <translation>pseudonym of the coordinator acting (MED-…)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>état d&apos;un mois, ou de tous les mois clôturés</source>
        <translation>state of a month, or of every closed month</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mois (défaut : tous les mois clôturés)</source>
        <translation>month (default: every closed month)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>clôturer un mois terminé : ses chiffres sont figés</source>
        <translation>close a finished month: its figures are frozen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mois à clôturer</source>
        <translation>month to close</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rouvrir un mois clôturé (action enregistrée)</source>
        <translation>reopen a closed month (the action is logged)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mois à rouvrir</source>
        <translation>month to reopen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>MOTIF</source>
        <translation>REASON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pourquoi (200 caractères au plus)</source>
        <translation>why (200 characters at most)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lister les modifications après clôture d&apos;un mois</source>
        <translation>list the amendments of a month after its closing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mois</source>
        <translation>month</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fichier anonymisé pour l&apos;Observatoire : exporter, contrôler, historique</source>
        <translation>anonymised file for the Observatory: export, check, history</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>écrire le fichier d&apos;un mois, d&apos;un trimestre ou d&apos;une année</source>
        <translation>write the file of a month, a quarter or a year</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>un mois (2026-10), un trimestre (2026-Q3) ou une année (2026)</source>
        <translation>a month (2026-10), a quarter (2026-Q3) or a year (2026)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+29"/>
        <source>FICHIER.zip</source>
        <translation>FILE.zip</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>seuil de secret (défaut 11, jamais moins de 5)</source>
        <translation>confidentiality threshold (default 11, never below 5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>exporter même si des mois de la période ne sont pas clôturés (le fichier le dit)</source>
        <translation>export even if months of the period are not closed (the file says so)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>EMPREINTE</source>
        <translation>FINGERPRINT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fichier corrigé : début de l&apos;empreinte SHA-256 du fichier qu&apos;il remplace (voir history)</source>
        <translation>corrected file: start of the SHA-256 fingerprint of the file it replaces (see history)</translation>
    </message>
    <message>
        <location line="-343"/>
        <location line="+347"/>
        <source>pseudonyme de la coordination qui exporte</source>
        <translation>pseudonym of the coordinator who exports</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>montrer ce qui serait publié et masqué (et pourquoi) sans rien écrire</source>
        <translation>show what would be published and masked (and why) without writing anything</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contrôler un fichier ou un ensemble de fichiers</source>
        <translation>check one file or a set of files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fichiers</source>
        <translation>files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lister les fichiers déjà envoyés</source>
        <translation>list the files already sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sauvegarder la base (copie vérifiée)</source>
        <translation>back up the database (a checked copy)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>fichier de sauvegarde (par défaut : une sauvegarde automatique du dossier de données)</source>
        <translation>backup file (by default: an automatic backup in the data folder)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>remplacer la base par une sauvegarde vérifiée</source>
        <translation>replace the database by a checked backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SAUVEGARDE</source>
        <translation>BACKUP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>fichier de sauvegarde</source>
        <translation>backup file</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>remplacer sans demander (la base actuelle est gardée de côté)</source>
        <translation>replace without asking (the current database is kept aside)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>conservation des observations libres</source>
        <translation>retention of free-text notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>la durée de conservation et ce qu&apos;une purge retirerait</source>
        <translation>the retention period and what a purge would remove</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changer la durée de conservation (en mois)</source>
        <translation>change the retention period (in months)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MOIS</source>
        <translation>MONTHS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>de 1 à 120</source>
        <translation>from 1 to 120</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>qui fait le changement</source>
        <translation>who makes the change</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retirer les observations échues, et leurs traces du fichier</source>
        <translation>remove the notes past their period, and their traces from the file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>purger sans demander</source>
        <translation>purge without asking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>qui purge</source>
        <translation>who purges</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vérifier le journal des modifications</source>
        <translation>verify the log of changes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>vérifier que le journal n&apos;a été ni modifié, ni réordonné, ni amputé</source>
        <translation>verify that the log has been neither changed, reordered nor cut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exporter le journal en CSV (coordination)</source>
        <translation>export the log as CSV (coordinators)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FICHIER.csv</source>
        <translation>FILE.csv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>qui exporte</source>
        <translation>who exports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contrôler l&apos;intégrité du fichier de la base</source>
        <translation>check the integrity of the database file</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>contrôle complet même sur un gros fichier</source>
        <translation>full check even on a large file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contrôle rapide (quick_check)</source>
        <translation>quick check (quick_check)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>chiffrer une base en clair, et ses sauvegardes (administration)</source>
        <translation>encrypt a clear database and its backups (administration)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>qui chiffre</source>
        <translation>who encrypts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>écrire une copie en clair de la base, sur demande expresse (administration)</source>
        <translation>write a clear copy of the database, on explicit request (administration)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>la copie à écrire</source>
        <translation>the copy to write</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>qui demande la copie</source>
        <translation>who asks for the copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>la clé de chiffrement de la base (administration)</source>
        <translation>the database&apos;s encryption key (administration)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>d&apos;où vient la clé, ce qui ouvre la base</source>
        <translation>where the key comes from, what opens the database</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>changer la clé (portable perdu, clé de secours exposée) : nouvelle clé de secours</source>
        <translation>change the key (lost laptop, exposed recovery key): new recovery key</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>qui change la clé</source>
        <translation>who changes the key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>définir ou changer la phrase secrète</source>
        <translation>set or change the passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>qui change la phrase</source>
        <translation>who changes the passphrase</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>fichier qui contient la nouvelle phrase secrète (sinon MEDIOS_NEW_PASSPHRASE, sinon demandée)</source>
        <translation>file holding the new passphrase (otherwise MEDIOS_NEW_PASSPHRASE, otherwise asked for)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>ouvrir la fenêtre (comme sans commande)</source>
        <translation>open the window (same as no command)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--db (ou MEDIOS_DB) attend un fichier de base de données, pas une adresse : « {value} ».</source>
        <translation>--db (or MEDIOS_DB) expects a database file, not an address: “{value}”.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>pas du texte UTF-8</source>
        <translation>not UTF-8 text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>impossible de lire le fichier de phrase secrète « {name} » ({reason}).</source>
        <translation>cannot read the passphrase file “{name}” ({reason}).</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Phrase secrète ou clé de secours : </source>
        <translation>Passphrase or recovery key: </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{reason} Donnez-la par la variable {env} ou par --{option} (jamais sur la ligne de commande).</source>
        <translation>{reason} Give it through the {env} variable or --{option} (never on the command line).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nouvelle phrase secrète : </source>
        <translation>New passphrase: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>La même, une seconde fois : </source>
        <translation>The same, once more: </translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Base chiffrée ; sa clé est gardée dans le trousseau du système de ce poste.</source>
        <translation>Database encrypted; its key is kept in this computer&apos;s system keyring.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Base chiffrée ; sans trousseau système sur ce poste, sa phrase secrète sera demandée à chaque ouverture.</source>
        <translation>Database encrypted; with no system keyring on this computer, its passphrase will be asked for at each opening.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clé de secours (recopiez-la ou imprimez-la, rangez-la dans le coffre : elle ne sera plus affichée) :</source>
        <translation>Recovery key (copy or print it and keep it in the safe: it will not be shown again):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>la clé de secours</source>
        <translation>the recovery key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clé de secours écrite dans {path} : imprimez-la, puis supprimez ce fichier.</source>
        <translation>Recovery key written to {path}: print it, then delete this file.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{n} sauvegarde(s) en clair du dossier de données chiffrée(s) à leur tour. Celles d&apos;un second dossier (clé USB) se chiffrent depuis la fenêtre, page Sauvegardes, ou sont remplacées par la rotation.</source>
        <translation>{n} clear backup(s) of the data folder encrypted as well. Those of a second folder (USB key) are encrypted from the window, Backups page, or replaced by the rotation.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Le fichier en clair a été écrasé puis supprimé. Sur un disque SSD, des copies peuvent subsister dans ses blocs libres : chiffrez aussi le disque de l&apos;ordinateur.</source>
        <translation>The clear file was overwritten, then deleted. On an SSD, copies may remain in its free blocks: encrypt the computer&apos;s disk as well.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copie en clair écrite : {path}. Elle n&apos;est pas chiffrée : quiconque obtient ce fichier lit tout. Supprimez-la dès qu&apos;elle a servi.</source>
        <translation>Clear copy written: {path}. It is not encrypted: anyone who gets this file reads everything. Delete it as soon as it has served.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Phrase secrète enregistrée : elle ouvre la base sur tout poste sans trousseau.</source>
        <translation>Passphrase saved: it opens the database on any computer without a keyring.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nouvelle clé en place ; l&apos;ancienne clé de secours n&apos;ouvre plus la base.</source>
        <translation>New key in place; the old recovery key no longer opens the database.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Les sauvegardes déjà faites gardent l&apos;ancienne clé : ce poste les ouvre encore, et l&apos;ancienne clé de secours aussi. Faites une sauvegarde maintenant (medios backup).</source>
        <translation>Backups already made keep the old key: this computer still opens them, and so does the old recovery key. Make a backup now (medios backup).</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Base en clair (non chiffrée) : {path}. Chiffrez-la avec « medios encrypt ».</source>
        <translation>Clear (unencrypted) database: {path}. Encrypt it with “medios encrypt”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Base chiffrée (SQLCipher, clé aléatoire de 256 bits) : {path}.</source>
        <translation>Encrypted database (SQLCipher, random 256-bit key): {path}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trousseau du système : {name}.</source>
        <translation>System keyring: {name}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trousseau du système : aucun sur ce poste (la phrase secrète est demandée).</source>
        <translation>System keyring: none on this computer (the passphrase is asked for).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fichier de clé : absent (seule la clé de secours ouvre la base ailleurs).</source>
        <translation>Key file: missing (only the recovery key opens the database elsewhere).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identifiant de la base : {base}.</source>
        <translation>Database identifier: {base}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phrase secrète : définie.</source>
        <translation>Passphrase: set.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phrase secrète : aucune (« medios key passphrase » pour en définir une).</source>
        <translation>Passphrase: none (“medios key passphrase” to set one).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clés précédentes gardées pour les anciennes sauvegardes : {n}.</source>
        <translation>Earlier keys kept for older backups: {n}.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sauvegarde écrite et vérifiée : {path} ({n} interventions, {size} Mo).</source>
        <translation>Backup written and checked: {path} ({n} interventions, {size} MB).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} sauvegarde(s) automatique(s) plus ancienne(s) retirée(s) (on garde 7 jours, 4 semaines, 12 mois).</source>
        <translation>{n} older automatic backup(s) removed (7 days, 4 weeks and 12 months are kept).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sauvegarde vérifiée : {path} ({n} interventions, révision {revision}).</source>
        <translation>Backup checked: {path} ({n} interventions, revision {revision}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rien n&apos;a été remplacé. Fermez la fenêtre de Médios, puis relancez avec --yes pour remplacer {path} (la base actuelle sera gardée de côté).</source>
        <translation>Nothing was replaced. Close the Médios window, then run again with --yes to replace {path} (the current database will be kept aside).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Base restaurée : {path}.</source>
        <translation>Database restored: {path}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L&apos;ancienne base est gardée : {path}.</source>
        <translation>The former database is kept: {path}.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Observations conservées {months} mois après leur saisie.</source>
        <translation>Notes kept {months} months after they were entered.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Aucune observation saisie avant le {date} : rien à purger.</source>
        <translation>No note entered before {date}: nothing to purge.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} observation(s) saisie(s) avant le {date} (la plus ancienne le {oldest}) seraient retirées.</source>
        <translation>{n} note(s) entered before {date} (the oldest on {oldest}) would be removed.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rien n&apos;a été retiré : relancez avec --yes pour purger.</source>
        <translation>Nothing was removed: run again with --yes to purge.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} observation(s) retirée(s) ; le fichier a été réécrit sans leurs traces.</source>
        <translation>{n} note(s) removed; the file was rewritten without their traces.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>le journal</source>
        <translation>the log</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Journal exporté : {path} ({n} ligne(s)).</source>
        <translation>Log exported: {path} ({n} line(s)).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Journal intact : {n} ligne(s), chaînées de la première à la dernière (n° {last}).</source>
        <translation>Log intact: {n} line(s), chained from the first to the last (no. {last}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Empreinte de la dernière ligne : {head} (notez-la : si des lignes sont retirées à la fin, elle changera).</source>
        <translation>Hash of the last line: {head} (note it down: if lines are removed at the end, it will change).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Journal altéré : la chaîne casse à la ligne n° {line} ({reason}).</source>
        <translation>Log altered: the chain breaks at line no. {line} ({reason}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Les {n} ligne(s) d&apos;avant sont intactes (dernière : n° {last}, empreinte {head}).</source>
        <translation>The {n} line(s) before are intact (last: no. {last}, hash {head}).</translation>
    </message>
    <message>
        <location line="-329"/>
        <location line="+54"/>
        <location line="+292"/>
        <source>aucune base à cet endroit : {path}.</source>
        <translation>no database at this place: {path}.</translation>
    </message>
    <message>
        <location line="-624"/>
        <source>les comptes (identifiant et mot de passe) des utilisateurs</source>
        <translation>the users&apos; accounts (login and password)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>les comptes : pseudonyme, rôle, identifiant (jamais les noms)</source>
        <translation>the accounts: pseudonym, role, login (never the names)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>donner un compte, ou changer son identifiant ou son mot de passe</source>
        <translation>give an account, or change its login or password</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>IDENTIFIANT</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>l&apos;identifiant de connexion</source>
        <translation>the sign-in login</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>l&apos;administration qui donne le compte</source>
        <translation>the administrator who gives the account</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>fichier qui contient le mot de passe (sinon MEDIOS_NEW_PASSWORD, sinon demandé)</source>
        <translation>file holding the password (otherwise MEDIOS_NEW_PASSWORD, otherwise asked for)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>retirer le compte d&apos;un utilisateur (il garde ses fiches)</source>
        <translation>remove a user&apos;s account (they keep their records)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>l&apos;administration qui retire le compte</source>
        <translation>the administrator who removes the account</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Il faut un mot de passe pour ce compte : donnez-le par la variable {env} ou par --{option} (jamais sur la ligne de commande).</source>
        <translation>This account needs a password: give it through the {env} variable or --{option} (never on the command line).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nouveau mot de passe : </source>
        <translation>New password: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Le même, une seconde fois : </source>
        <translation>The same, once more: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>rien n&apos;a été saisi : rien n&apos;a été changé.</source>
        <translation>nothing was typed: nothing was changed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>les deux saisies diffèrent : rien n&apos;a été changé.</source>
        <translation>the two entries differ: nothing was changed.</translation>
    </message>
    <message>
        <location line="+220"/>
        <source>Aucun compte : la fenêtre s&apos;ouvre sans demander qui est là.</source>
        <translation>No account: the window opens without asking who is there.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compte de {pseudonym} retiré ; ses fiches le gardent.</source>
        <translation>Account of {pseudonym} removed; their records keep them.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Compte de {pseudonym} enregistré : identifiant « {login} ».</source>
        <translation>Account of {pseudonym} saved: login “{login}”.</translation>
    </message>
    <message>
        <location line="+221"/>
        <source>contrôle complet</source>
        <translation>full check</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>contrôle rapide</source>
        <translation>quick check</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Base intègre : {path} ({kind}, {seconds} s).</source>
        <translation>Database intact: {path} ({kind}, {seconds} s).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Base endommagée : {path} ({kind}) : {n} problème(s).</source>
        <translation>Database damaged: {path} ({kind}): {n} problem(s).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  Si c&apos;est une base chiffrée dont le fichier de clé « {key_file} » a été perdu, sa clé de secours l&apos;ouvre : donnez-la par MEDIOS_PASSPHRASE ou saisissez-la quand elle est demandée.</source>
        <translation>  If this is an encrypted database whose key file “{key_file}” was lost, its recovery key opens it: give it through MEDIOS_PASSPHRASE or type it when asked.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  {n} référence(s) vers des lignes absentes.</source>
        <translation>  {n} reference(s) to missing rows.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>N&apos;y saisissez plus rien : gardez une copie de ce fichier (avec ses fichiers -wal et -shm) et reprenez la dernière bonne sauvegarde (les copies faites avant chaque mise à jour de la base sont dans {folder}).</source>
        <translation>Do not enter anything more in it: keep a copy of this file (with its -wal and -shm files) and go back to the latest good backup (the copies made before each update of the database are in {folder}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Structure « {name} » enregistrée dans {path} (référentiel {version}).</source>
        <translation>Organisation “{name}” registered in {path} (reference lists {version}).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--months : entre 1 et 600 mois.</source>
        <translation>--months: between 1 and 600 months.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--mediators : entre 1 et 500 médiateurs.</source>
        <translation>--mediators: between 1 and 500 mediators.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  mois {done}/{total}…</source>
        <translation>  month {done}/{total}…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Données de démonstration, de {first} à {last} : interventions : {interventions} ; tournées et permanences : {presences} ; actions collectives : {actions} ; réunions : {meetings} ; médiateurs : {mediators}.</source>
        <translation>Demonstration data, {first} to {last}: interventions: {interventions}; patrols and drop-ins: {presences}; collective actions: {actions}; meetings: {meetings}; mediators: {mediators}.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>« {path} » est un dossier : indiquez un nom de fichier, par exemple {example}.</source>
        <translation>“{path}” is a folder: give a file name, for example {example}.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{option} : date AAAA-MM-JJ attendue.</source>
        <translation>{option}: a YYYY-MM-DD date is expected.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{option} : nombre entier attendu.</source>
        <translation>{option}: whole number expected.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--weekly-hours : un nombre d&apos;heures attendu (35, 24,5 ou 24h30).</source>
        <translation>--weekly-hours: a number of hours expected (35, 24.5 or 24h30).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Structure « {name} » enregistrée.</source>
        <translation>Structure &quot;{name}&quot; saved.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Observations libres activées. La personne peut demander à lire ce texte : restez factuel, sans santé, origine, religion ni infraction.</source>
        <translation>Free-text notes enabled. The person may ask to read this text: keep to the facts, no health, origin, religion or offence.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nom : {value}</source>
        <translation>Name: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statut juridique : {value}</source>
        <translation>Legal status: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SIRET : {value}</source>
        <translation>SIRET: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jours fériés : {value}</source>
        <translation>Public holidays: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Observations libres : {value}</source>
        <translation>Free-text notes: {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identifiant observatoire : {value}</source>
        <translation>Observatory identifier: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Réseaux : {value}</source>
        <translation>Networks: {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certification AFNOR : {value}</source>
        <translation>AFNOR certification: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commune du siège : {value}</source>
        <translation>Head office municipality: {value}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Dispositif « {name} » rétabli.</source>
        <translation>Scheme “{name}” restored.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dispositif « {name} » retiré ; ses fiches le gardent.</source>
        <translation>Programme &quot;{name}&quot; retired; its records keep it.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dispositif « {name} » enregistré.</source>
        <translation>Programme &quot;{name}&quot; saved.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>--territories : {codes} absent(s) de la liste des territoires.</source>
        <translation>--territories: {codes} not in the territory list.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Le médiateur {old} s&apos;appelle désormais {new} ; ses interventions le suivent.</source>
        <translation>Mediator {old} is now called {new}; their interventions follow.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Utilisateur {pseudonym} rétabli.</source>
        <translation>User {pseudonym} restored.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Utilisateur ajouté : {pseudonym} ({role}).</source>
        <translation>User added: {pseudonym} ({role}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Utilisateur {pseudonym} retiré ; ses fiches le gardent.</source>
        <translation>User {pseudonym} retired; their records keep them.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Utilisateur {pseudonym} enregistré ({role}).</source>
        <translation>User {pseudonym} saved ({role}).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Aucun territoire ajouté : corrigez le fichier.</source>
        <translation>No territory added: correct the file.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} territoires seraient ajoutés (rien n&apos;a été écrit).</source>
        <translation>{n} territories would be added (nothing was written).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} territoires ajoutés.</source>
        <translation>{n} territories added.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Territoire {level} {code} rétabli dans la liste.</source>
        <translation>Territory {level} {code} restored to the list.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Territoire {level} {code} retiré de la liste.</source>
        <translation>Territory {level} {code} retired from the list.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Territoire {level} {code} « {label} » enregistré.</source>
        <translation>Territory {level} {code} &quot;{label}&quot; saved.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Site {id} rétabli.</source>
        <translation>Site {id} restored.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Site ajouté : {id}.</source>
        <translation>Site added: {id}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Site {id} retiré ; ses fiches le gardent.</source>
        <translation>Site {id} retired; its records keep it.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Site {id} enregistré.</source>
        <translation>Site {id} saved.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Partenaire « {name} » rétabli dans l&apos;annuaire.</source>
        <translation>Partner “{name}” restored to the directory.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Partenaire « {name} » ajouté.</source>
        <translation>Partner &quot;{name}&quot; added.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partenaire « {name} » retiré de l&apos;annuaire ; ses fiches le gardent.</source>
        <translation>Partner &quot;{name}&quot; retired from the directory; its records keep it.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Partenaire « {name} » enregistré.</source>
        <translation>Partner &quot;{name}&quot; saved.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{month}	ouvert</source>
        <translation>{month}	open</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{month}	rouvert (v{version}, motif : {reason})	{count} modification(s) après clôture</source>
        <translation>{month}	reopened (v{version}, reason: {reason})	{count} amendment(s) after closing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{month}	clôturé (v{version}) le {at} UTC par {by}	{since} modification(s) depuis la clôture</source>
        <translation>{month}	closed (v{version}) on {at} UTC by {by}	{since} amendment(s) since closing</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Aucun mois clôturé.</source>
        <translation>No closed month.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Aucune modification après clôture pour {month}.</source>
        <translation>No amendment after closing for {month}.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>-o : le fichier doit finir par .{fmt} (format choisi).</source>
        <translation>-o: the file name must end with .{fmt} (the format chosen).</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+72"/>
        <source>À vérifier : {text}</source>
        <translation>To check: {text}</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>{title} ({scope}) écrit dans {path}.</source>
        <translation>{title} ({scope}) written to {path}.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Aucun fichier envoyé à l&apos;Observatoire.</source>
        <translation>No file sent to the Observatory.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{masked} masquées sur {cells}</source>
        <translation>{masked} masked out of {cells}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>seuil {n}</source>
        <translation>threshold {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>corrige un fichier précédent</source>
        <translation>corrects an earlier file</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>-o : le fichier Observatoire doit finir par .zip.</source>
        <translation>-o: the Observatory file must end in .zip.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--replaces : aucun fichier unique du registre n&apos;a une empreinte commençant par « {prefix} » (8 caractères au moins).</source>
        <translation>--replaces: no single file of the register has a fingerprint starting with “{prefix}” (8 characters at least).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(option --confirm-open-months)</source>
        <translation>(option --confirm-open-months)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{masked} cellules masquées sur {cells} ; audit avec les {n} fichier(s) déjà envoyés : {verdict}</source>
        <translation>{masked} cells masked out of {cells}; audit with the {n} file(s) already sent: {verdict}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fichier Observatoire {period} écrit dans {path} (SHA-256 {sha}).</source>
        <translation>Observatory file {period} written to {path} (SHA-256 {sha}).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{masked} cellules masquées sur {cells} ; rien n&apos;a été écrit.</source>
        <translation>{masked} cells masked out of {cells}; nothing was written.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Erreur : impossible d&apos;utiliser le fichier « {name} » ({reason}).</source>
        <translation>Error: cannot use the file “{name}” ({reason}).</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Erreur inattendue ({kind}). Le détail est dans le journal : {log}</source>
        <translation>Unexpected error ({kind}). The details are in the log: {log}</translation>
    </message>
    <message>
        <location line="-788"/>
        <source>Base : {path}, {size} Mo, générée en {seconds} s.</source>
        <translation>Database: {path}, {size} MB, generated in {seconds} s.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+297"/>
        <source>Fichier introuvable : {path}</source>
        <translation>File not found: {path}</translation>
    </message>
    <message>
        <location line="-263"/>
        <source>la sortie standard</source>
        <translation>standard output</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} interventions exportées dans {path}.</source>
        <translation>{n} interventions exported to {path}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce fichier contient les heures des interventions et les pseudonymes des médiateurs : conservez-le comme la base elle-même. Les observations libres et les noms n&apos;y figurent pas.</source>
        <translation>This file contains the times of the interventions and the mediators&apos; pseudonyms: keep it as safe as the database itself. Free-text notes and names are not included.</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Dispositif « {name} » ajouté.</source>
        <translation>Programme “{name}” added.</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Territoire {level} {code} « {label} » ajouté.</source>
        <translation>Territory {level} {code} “{label}” added.</translation>
    </message>
    <message>
        <location filename="../../medios/__main__.py" line="+92"/>
        <location line="+17"/>
        <location filename="../../medios/app.py" line="+39"/>
        <location filename="../../medios/cli.py" line="+401"/>
        <source>Interrompu : rien n&apos;a été enregistré.</source>
        <translation>Interrupted: nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../medios/cli.py" line="+41"/>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+19"/>
        <source>Erreur : {message}</source>
        <translation>Error: {message}</translation>
    </message>
    <message>
        <location filename="../../medios/__main__.py" line="-58"/>
        <source>Journal impossible à écrire ({path} : {reason}) : Médios continue sans journal.</source>
        <translation>Cannot write the log ({path}: {reason}): Médios goes on without a log.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Aucun écran disponible : la fenêtre de Médios ne peut pas s&apos;ouvrir. Lancez-la depuis une session graphique, ou utilisez une commande (medios --help).</source>
        <translation>No display available: the Médios window cannot open. Start it from a graphical session, or use a command (medios --help).</translation>
    </message>
</context>
<context>
    <name>Closure</name>
    <message>
        <location filename="../../medios/services/closure.py" line="+103"/>
        <source>mois attendu sous la forme AAAA-MM (par exemple 2026-10).</source>
        <translation>month expected as YYYY-MM (for example 2026-10).</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>Les chiffres figés du mois {month} ont été modifiés hors de Médios : rouvrez puis clôturez de nouveau ce mois.</source>
        <translation>The frozen figures of {month} were changed outside Médios: reopen this month, then close it again.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>seuls la coordination et l&apos;administration peuvent clôturer ou rouvrir un mois.</source>
        <translation>only coordinators and administrators may close or reopen a month.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>le mois {month} n&apos;est pas terminé : il pourra être clôturé à partir du {day}.</source>
        <translation>{month} is not over: it can be closed from {day}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>le mois {month} est déjà clôturé (version {version}).</source>
        <translation>{month} is already closed (version {version}).</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>indiquez pourquoi le mois est rouvert (200 caractères au plus).</source>
        <translation>say why the month is reopened (200 characters at most).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>200 caractères au plus ({n} saisis).</source>
        <translation>200 characters at most ({n} typed).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>le mois {month} n&apos;est pas clôturé : rien à rouvrir.</source>
        <translation>{month} is not closed: nothing to reopen.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../medios/ui/crash.py" line="+91"/>
        <source>Médios — erreur inattendue</source>
        <translation>Médios — unexpected error</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Médios a rencontré une erreur inattendue. Vos données enregistrées ne sont pas perdues.
Copiez le rapport ci-dessous et transmettez-le à la personne qui assure le support de votre structure. Il ne contient ni noms ni observations.</source>
        <translation>Médios ran into an unexpected error. The data you saved is not lost.
Copy the report below and send it to the person who provides support for your organisation. It contains no names and no notes.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copier</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copié</source>
        <translation>Copied</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>L&apos;opération n&apos;a pas pu aboutir.</source>
        <translation>The operation could not be completed.</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../medios/ui/demo.py" line="+157"/>
        <source>Données de démonstration créées : {interventions} interventions de {first} à {last}.</source>
        <translation>Demonstration data created: {interventions} interventions from {first} to {last}.</translation>
    </message>
    <message>
        <location filename="../../medios/demo/run.py" line="+114"/>
        <source>cette base contient la structure « {name} », créée avec « medios init » : des médiateurs et dispositifs fictifs s&apos;y mêleraient pour de bon. Les données de démonstration vont dans une base à part, par exemple : medios --db demo.db demo. Rien n&apos;a été écrit.</source>
        <translation>this database holds the structure “{name}”, created with “medios init”: fictional mediators and dispositifs would mix with it for good. Demonstration data goes in a database of its own, for example: medios --db demo.db demo. Nothing was written.</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>la base contient déjà %n intervention(s) : les données de démonstration sont réservées à une base vide. Rien n&apos;a été écrit.</source>
        <translation>
            <numerusform>the database already holds %n intervention: demonstration data is only for an empty database. Nothing was written.</numerusform>
            <numerusform>the database already holds %n interventions: demonstration data is only for an empty database. Nothing was written.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>au moins un mois est nécessaire.</source>
        <translation>at least one month is needed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>la période ne peut pas commencer avant l&apos;an 2000.</source>
        <translation>the period cannot start before the year 2000.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>au moins un médiateur est nécessaire.</source>
        <translation>at least one mediator is needed.</translation>
    </message>
</context>
<context>
    <name>DemoRunner</name>
    <message>
        <location filename="../../medios/ui/demo.py" line="-62"/>
        <source>Données de démonstration</source>
        <translation>Demonstration data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Création de {months} mois d&apos;activité fictive…</source>
        <translation>Creating {months} months of fictitious activity…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Mois {done} sur {total}…</source>
        <translation>Month {done} of {total}…</translation>
    </message>
</context>
<context>
    <name>Directory</name>
    <message>
        <location filename="../../medios/services/directory.py" line="+165"/>
        <source>un site actif porte déjà ce nom : renommez-le avant de rétablir celui-ci.</source>
        <translation>a live site already has this name: rename it before restoring this one.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>aucun site retiré ne s&apos;appelle « {name} ».</source>
        <translation>no retired site is called “{name}”.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>le nom de l&apos;organisme est obligatoire.</source>
        <translation>the name of the organisation is required.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>numéro de téléphone attendu (chiffres).</source>
        <translation>a phone number is expected (digits).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>adresse e-mail attendue (nom@domaine.fr).</source>
        <translation>an e-mail address is expected (name@domain.fr).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>un partenaire porte déjà ce nom.</source>
        <translation>a partner already has this name.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>un partenaire actif porte déjà ce nom : renommez-le avant de rétablir celui-ci.</source>
        <translation>a live partner already has this name: rename it before restoring this one.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>aucun partenaire retiré ne s&apos;appelle « {name} ».</source>
        <translation>no retired partner is called “{name}”.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>aucun partenaire actif ne s&apos;appelle « {name} ».</source>
        <translation>no active partner is called &quot;{name}&quot;.</translation>
    </message>
</context>
<context>
    <name>Encryption</name>
    <message>
        <location filename="../../medios/services/encryption.py" line="+94"/>
        <source>La base est ouverte dans un autre programme Médios : fermez-le puis réessayez.</source>
        <translation>The database is open in another Médios program: close it, then try again.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>« {path} » existe déjà : choisissez un autre nom.</source>
        <translation>“{path}” already exists: choose another name.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>la copie ne compte pas les mêmes lignes que la base.</source>
        <translation>the copy does not hold the same rows as the database.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>seule l&apos;administration gère les clés de la base.</source>
        <translation>only the administration manages the database&apos;s keys.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Base de données introuvable : {path}.</source>
        <translation>Database not found: {path}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cette base est déjà chiffrée.</source>
        <translation>This database is already encrypted.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Choisissez la phrase secrète de la nouvelle clé (au moins {n} caractères).</source>
        <translation>Choose the passphrase of the new key (at least {n} characters).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cette base n&apos;est pas chiffrée : chiffrez-la avec « medios encrypt ».</source>
        <translation>This database is not encrypted: encrypt it with “medios encrypt”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>La base est verrouillée : sa clé n&apos;a pas été donnée.</source>
        <translation>The database is locked: its key was not given.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>La copie n&apos;a pas pu être écrite dans « {path} » : {reason}.</source>
        <translation>The copy could not be written to “{path}”: {reason}.</translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <location filename="../../medios/ui/pages/entry.py" line="+121"/>
        <location line="+511"/>
        <location line="+150"/>
        <source>Nouvelle intervention</source>
        <translation>New intervention</translation>
    </message>
    <message>
        <location line="-650"/>
        <source>Registre</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tapez une partie du code ou du libellé (« conf », « veille »…).</source>
        <translation>Type part of the code or label (&quot;conf&quot;, &quot;veille&quot;…).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sous-registre</source>
        <translation>Sub-register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facultatif ; seulement pour les registres qui en ont.</source>
        <translation>Optional; only for registers that have some.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>« esc » trouve « Parties communes (hall, escalier…) ».</source>
        <translation>&quot;esc&quot; finds &quot;Parties communes (hall, escalier…)&quot; (common parts).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Durée en minutes</source>
        <translation>Duration in minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Durée en minutes (1 à 720) ; Alt+1 à Alt+6 : 5, 10, 15, 30, 45 ou 60 min.</source>
        <translation>Duration in minutes (1 to 720); Alt+1 to Alt+6: 5, 10, 15, 30, 45 or 60 min.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 minutes (%2)</source>
        <translation>%1 minutes (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issue</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>« apa » trouve « Situation apaisée ».</source>
        <translation>&quot;apa&quot; finds &quot;Situation apaisée&quot; (defused).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L&apos;intervention</source>
        <translation>The intervention</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Registre</source>
        <translation>&amp;Register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sous-re&amp;gistre</source>
        <translation>Sub-re&amp;gister</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lieu</source>
        <translation>P&amp;lace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;urée (min)</source>
        <translation>D&amp;uration (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issue</source>
        <translation>&amp;Outcome</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Publics concernés</source>
        <translation>People concerned</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Partenaires mobilisés</source>
        <translation>Partners involved</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signalement technique</source>
        <translation>Technical report</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type de signalement</source>
        <translation>Type of report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Le défaut constaté.</source>
        <translation>The defect found.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Destinataire du signalement</source>
        <translation>Recipient of the report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>À qui le signalement est transmis.</source>
        <translation>Who the report is sent to.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signalement traité</source>
        <translation>Report dealt with</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Oui, non ou inconnu.</source>
        <translation>Yes, no or unknown.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T&amp;ype</source>
        <translation>T&amp;ype</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destinataire</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Traité</source>
        <translation>Dealt with</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Origine</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qui a demandé l&apos;intervention.</source>
        <translation>Who asked for the intervention.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modalité</source>
        <translation>Modality</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Face-à-face, groupe, entre parties, à distance.</source>
        <translation>One-to-one, group, parties together, remote.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Niveau de tension</source>
        <translation>Tension level</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 faible, 2 conflit, 3 danger.</source>
        <translation>1 low, 2 conflict, 3 danger.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Domaine</source>
        <translation>Domain</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pré-rempli par le dispositif.</source>
        <translation>Pre-filled from the programme.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accord de la personne</source>
        <translation>Person&apos;s consent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demandé pour une orientation vers un partenaire.</source>
        <translation>Asked when referring to a partner.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Détails</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Motifs</source>
        <translation>R&amp;easons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origi&amp;ne</source>
        <translation>Origi&amp;n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mo&amp;dalité</source>
        <translation>Mo&amp;dality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ten&amp;sion</source>
        <translation>Ten&amp;sion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Domain&amp;e</source>
        <translation>Do&amp;main</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ccord</source>
        <translation>&amp;Consent</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date de l&apos;intervention (aujourd&apos;hui par défaut).</source>
        <translation>Date of the intervention (today by default).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Heure de début</source>
        <translation>Start time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heure de début (maintenant par défaut).</source>
        <translation>Start time (now by default).</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <source>Dispositif</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Le dernier utilisé est repris.</source>
        <translation>The last one used is kept.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commune (code INSEE)</source>
        <translation>Municipality (INSEE code)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Une commune de la liste des territoires, ou son code INSEE à 5 caractères.</source>
        <translation>A municipality from the territory list, or its 5-character INSEE code.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quartier prioritaire (QPV)</source>
        <translation>Priority neighbourhood (QPV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>« — » : non renseigné ; « Hors QPV » ; ou un code QN suivi de 6 caractères.</source>
        <translation>&quot;—&quot;: not given; &quot;Hors QPV&quot; (outside any QPV); or a code QN followed by 6 characters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Un site nommé pré-remplit le lieu, la commune et le QPV.</source>
        <translation>A named site pre-fills the place, municipality and QPV.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quand et où</source>
        <translation>When and where</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Da&amp;te</source>
        <translation>D&amp;ate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Heure</source>
        <translation>&amp;Hour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;QPV</source>
        <translation>&amp;QPV</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suite d&apos;une situation</source>
        <translation>Follow-up of a situation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tapez une date (jj/mm), un registre, un lieu ou une commune pour trouver la première intervention.</source>
        <translation>Type a date (dd/mm), a register, a place or a municipality to find the first intervention.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Suite et observations</source>
        <translation>Follow-up and notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suite de</source>
        <translation>Follow-up of</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Observations</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Texte libre, %1 caractères au plus.</source>
        <translation>Free text, at most %1 characters.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>O&amp;bservations</source>
        <translation>No&amp;tes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enregistrer et nouvelle</source>
        <translation>Save and new</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enregistrer l&apos;intervention</source>
        <translation>Save the intervention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enregistrer et saisir la suivante</source>
        <translation>Save and enter the next one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abandonner cette saisie</source>
        <translation>Discard this entry</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Hors QPV</source>
        <translation>Outside any QPV</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>Intervention liée (plus ancienne)</source>
        <translation>Linked intervention (older)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Une saisie est en cours. L&apos;abandonner ?</source>
        <translation>An entry is in progress. Discard it?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Non : vous la retrouvez telle quelle.</source>
        <translation>No: you get it back as it is.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saisie reprise : enregistrez-la (Ctrl+S) ou annulez-la (Échap) avant d&apos;en commencer une autre.</source>
        <translation>Entry resumed: save it (Ctrl+S) or cancel it (Esc) before starting another one.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Pendant une tournée ou permanence</source>
        <translation>During a patrol or drop-in</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+86"/>
        <source>Modifier l&apos;intervention</source>
        <translation>Edit the intervention</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+9"/>
        <location line="+7"/>
        <location line="+46"/>
        <source>valeur obligatoire.</source>
        <translation>required value.</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>« %1 » ne correspond à aucun choix de la liste.</source>
        <translation>&quot;%1&quot; matches no choice of the list.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>aucun médiateur n&apos;est enregistré dans la structure.</source>
        <translation>no mediator is registered in the structure.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>L&apos;intervention n&apos;est pas enregistrée : corrigez les champs en rouge.</source>
        <translation>The intervention is not saved: correct the fields in red.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Intervention modifiée.</source>
        <translation>Intervention updated.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Intervention enregistrée.</source>
        <translation>Intervention saved.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Abandonner cette saisie ?</source>
        <translation>Discard this entry?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ce qui a été tapé sera perdu.</source>
        <translation>What was typed will be lost.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Une saisie non enregistrée a été retrouvée (%1). La reprendre ?</source>
        <translation>An unsaved entry was found (%1). Resume it?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Non : elle sera supprimée.</source>
        <translation>No: it will be deleted.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../medios/services/interchange/exporter.py" line="+316"/>
        <source>seules la coordination et l&apos;administration exportent les interventions.</source>
        <translation>only the coordination and the administration export the interventions.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>« {path} » est la base de données elle-même : choisissez un autre nom de fichier, rien n&apos;a été écrit.</source>
        <translation>“{path}” is the database itself: choose another file name; nothing was written.</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../../medios/services/errors.py" line="+12"/>
        <source>Identifiant</source>
        <translation>Identifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heure de début</source>
        <translation>Start time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Durée (min)</source>
        <translation>Duration (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Médiateur(s)</source>
        <translation>Mediator(s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dispositif</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QPV</source>
        <translation>Priority neighbourhood (QPV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registre</source>
        <translation>Intervention register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sous-registre</source>
        <translation>Sub-register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Domaine</source>
        <translation>Field of intervention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Motif(s)</source>
        <translation>Reason(s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origine</source>
        <translation>Origin of the request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modalité</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niveau de tension</source>
        <translation>Tension level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publics concernés</source>
        <translation>People involved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partenaires mobilisés</source>
        <translation>Partners involved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accord de la personne</source>
        <translation>Person&apos;s consent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suite de</source>
        <translation>Follow-up of</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pendant la présence</source>
        <translation>During the presence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Observations</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heure de fin</source>
        <translation>End time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type de présence</source>
        <translation>Presence type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts informels</source>
        <translation>Informal contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thème</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intitulé</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type de réunion</source>
        <translation>Meeting type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Objet</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Structure</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pseudonyme</source>
        <translation>Pseudonym</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendrier des jours fériés</source>
        <translation>Public holiday calendar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statut juridique</source>
        <translation>Legal status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nombre de mois</source>
        <translation>Number of months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niveau</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Libellé</source>
        <translation>Label</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Millésime</source>
        <translation>Vintage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Territoire de rattachement</source>
        <translation>Parent territory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fin de validité</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fichier de sortie</source>
        <translation>Output file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SIRET</source>
        <translation>SIRET</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fin</source>
        <translation>End</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partenaire</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type de partenaire</source>
        <translation>Partner type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifiant observatoire</source>
        <translation>Observatory identifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Réseaux</source>
        <translation>Networks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certification AFNOR</source>
        <translation>AFNOR certification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commune du siège</source>
        <translation>Head office municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Financements</source>
        <translation>Funding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Territoires</source>
        <translation>Territories</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plages couvertes</source>
        <translation>Time bands covered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commanditaires</source>
        <translation>Commissioners</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code UAI</source>
        <translation>UAI code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Éducation prioritaire</source>
        <translation>Priority education</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bailleur</source>
        <translation>Landlord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contrat</source>
        <translation>Contract</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quotité</source>
        <translation>Working time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heures hebdomadaires</source>
        <translation>Weekly hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qualifications</source>
        <translation>Qualifications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Début</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Périmètre</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{label} (ligne {n})</source>
        <translation>{label} (line {n})</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../../medios/files.py" line="+46"/>
        <source>dossier ou fichier introuvable</source>
        <translation>folder or file not found</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>accès refusé</source>
        <translation>access denied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>c&apos;est un dossier</source>
        <translation>it is a folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>un élément du chemin n&apos;est pas un dossier</source>
        <translation>part of the path is not a folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>un élément du chemin existe déjà et n&apos;est pas un dossier</source>
        <translation>part of the path already exists and is not a folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disque plein</source>
        <translation>disk full</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>support en lecture seule</source>
        <translation>read-only medium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>erreur d&apos;entrée-sortie sur le support</source>
        <translation>input/output error on the medium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fichier trop grand</source>
        <translation>file too large</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>« {path} » est un dossier : indiquez un nom de fichier.</source>
        <translation>“{path}” is a folder: give a file name.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>« {path} » n&apos;est pas un fichier ordinaire : choisissez un autre nom.</source>
        <translation>“{path}” is not a regular file: choose another name.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../ui/first_run.ui" line="+12"/>
        <location line="+21"/>
        <source>Bienvenue dans Médios</source>
        <translation>Welcome to Médios</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Médios enregistre l&apos;activité de votre structure sur cet ordinateur. Pour commencer, indiquez le nom de la structure.</source>
        <translation>Médios records your organisation&apos;s activity on this computer. To begin, enter the name of the organisation.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Prénom et nom (facultatif)</source>
        <translation>First and last name (optional)</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>&amp;Nom de la structure :</source>
        <translation>Organisation &amp;name:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Premier utilisateur :</source>
        <translation>&amp;First user:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cette personne coordonne et administre Médios (utilisateurs, comptes, paramètres, clés). Vous pourrez ajouter l&apos;équipe ensuite.</source>
        <translation>This person coordinates and administers Médios (users, accounts, settings, keys). You can add the team afterwards.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Calendrier des jours fériés :</source>
        <translation>Public &amp;holiday calendar:</translation>
    </message>
    <message>
        <location filename="../../medios/ui/first_run.py" line="+53"/>
        <source>Créer la structure</source>
        <translation>Create the organisation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quitter</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Le nom de la structure est obligatoire.</source>
        <translation>The name of the organisation is required.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>La structure n&apos;a pas pu être enregistrée.</source>
        <translation>The organisation could not be saved.</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <location filename="../../medios/services/follow_ups.py" line="+126"/>
        <source>une intervention ne peut pas être la suite d&apos;elle-même.</source>
        <translation>an intervention cannot be a follow-up of itself.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>intervention d&apos;origine introuvable ou supprimée.</source>
        <translation>original intervention not found or deleted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>l&apos;intervention d&apos;origine est elle-même une suite : indiquez la première de la situation.</source>
        <translation>the original intervention is itself a follow-up: give the first one of the situation.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>la suite ne peut pas commencer avant l&apos;intervention d&apos;origine ({when}).</source>
        <translation>a follow-up cannot start before the original intervention ({when}).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>d&apos;autres interventions suivent celle-ci : elle reste la première de sa situation.</source>
        <translation>other interventions follow this one: it stays the first of its situation.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>une suite de cette intervention commence avant elle ({when}) : elle reste la première.</source>
        <translation>a follow-up of this intervention starts before it ({when}): it stays the first.</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message numerus="yes">
        <location filename="../../medios/services/interchange/report.py" line="+231"/>
        <source>Aucune intervention importée : %n ligne(s) en erreur. Corrigez le fichier ou relancez avec --skip-invalid.</source>
        <translation>
            <numerusform>No intervention imported: %n line has an error. Correct the file or run again with --skip-invalid.</numerusform>
            <numerusform>No intervention imported: %n lines have errors. Correct the file or run again with --skip-invalid.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../medios/services/interchange/format.py" line="+97"/>
        <source>Ligne {line} : {message}</source>
        <translation>Line {line}: {message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ligne {line}, champ « {field} » : {message}</source>
        <translation>Line {line}, field “{field}”: {message}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../medios/services/interchange/report.py" line="-175"/>
        <location line="+144"/>
        <source>{first} et {count} autre(s)</source>
        <translation>
            <numerusform>{first} and {count} other</numerusform>
            <numerusform>{first} and {count} others</numerusform>
        </translation>
    </message>
    <message>
        <location line="-139"/>
        <source>{first} et {last}</source>
        <translation>{first} and {last}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lignes {lines} : {message}</source>
        <translation>Lines {lines}: {message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lignes {lines}, champ « {field} » : {message}</source>
        <translation>Lines {lines}, field “{field}”: {message}</translation>
    </message>
    <message numerus="yes">
        <location line="+146"/>
        <source>… et {count} autre(s) erreur(s).</source>
        <translation>
            <numerusform>… and {count} other error.</numerusform>
            <numerusform>… and {count} other errors.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+113"/>
        <source>%n ligne(s) lue(s). Interventions créées : {created} ; mises à jour : {updated} ; inchangées : {unchanged}.</source>
        <translation>
            <numerusform>%n line read. Interventions created: {created}; updated: {updated}; unchanged: {unchanged}.</numerusform>
            <numerusform>%n lines read. Interventions created: {created}; updated: {updated}; unchanged: {unchanged}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Le fichier ne contient aucune intervention (fichier vide ou lignes vides).</source>
        <translation>The file holds no intervention (empty file or blank lines).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n ligne(s) ignorée(s) : intervention supprimée dans cette base.</source>
        <translation>
            <numerusform>%n line skipped: the intervention was deleted in this database.</numerusform>
            <numerusform>%n lines skipped: the intervention was deleted in this database.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n ligne(s) ignorée(s), plus ancienne(s) que la base : l&apos;intervention y a été modifiée depuis.</source>
        <translation>
            <numerusform>%n line skipped, older than the database: the intervention was changed there since.</numerusform>
            <numerusform>%n lines skipped, older than the database: the interventions were changed there since.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Médiateurs créés (sans identifiant de connexion) : {names}.</source>
        <translation>Mediators created (without a login): {names}.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n site(s) créé(s).</source>
        <translation>
            <numerusform>%n site created.</numerusform>
            <numerusform>%n sites created.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Territoires ajoutés à la liste de la structure : {codes}.</source>
        <translation>Territories added to the organisation&apos;s list: {codes}.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n observation(s) libre(s) ignorée(s) : les observations sont désactivées pour cette structure.</source>
        <translation>
            <numerusform>%n free-text note ignored: notes are disabled for this organisation.</numerusform>
            <numerusform>%n free-text notes ignored: notes are disabled for this organisation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n lien(s) vers une tournée ou permanence absente de cette base ignoré(s) (le format v1 ne les transporte pas).</source>
        <translation>
            <numerusform>%n link to a patrol or drop-in missing from this database ignored (format v1 does not carry them).</numerusform>
            <numerusform>%n links to patrols or drop-ins missing from this database ignored (format v1 does not carry them).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n lien(s) « suite de » vers une intervention supprimée dans cette base ignoré(s).</source>
        <translation>
            <numerusform>%n “follow-up of” link to an intervention deleted in this database ignored.</numerusform>
            <numerusform>%n “follow-up of” links to interventions deleted in this database ignored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Mois clôturés {months} : %n ligne(s) importée(s) et enregistrée(s) comme modification(s) après clôture ; les chiffres figés de ces mois ne changent pas.</source>
        <translation>
            <numerusform>Closed months {months}: %n line imported and recorded as an amendment after closing; the frozen figures of these months do not change.</numerusform>
            <numerusform>Closed months {months}: %n lines imported and recorded as amendments after closing; the frozen figures of these months do not change.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n ligne(s) en erreur non importée(s) :</source>
        <translation>
            <numerusform>%n line with errors not imported:</numerusform>
            <numerusform>%n lines with errors not imported:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../medios/services/interchange/format.py" line="+151"/>
        <location line="+7"/>
        <location line="+59"/>
        <location line="+96"/>
        <location line="+21"/>
        <source>valeur obligatoire.</source>
        <translation>value required.</translation>
    </message>
    <message>
        <location line="-180"/>
        <source>texte attendu, reçu {value}.</source>
        <translation>text expected, got {value}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>nombre entier attendu, reçu {value}.</source>
        <translation>whole number expected, got {value}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>identifiant UUID invalide : {value}.</source>
        <translation>invalid UUID identifier: {value}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} éléments : {max} au plus.</source>
        <translation>{count} items: {max} at most.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+24"/>
        <source>liste de textes attendue.</source>
        <translation>list of texts expected.</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>liste d&apos;objets attendue.</source>
        <translation>list of objects expected.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>objet {{&quot;id&quot;: UUID, &quot;pseudonym&quot;: texte}} attendu, reçu {value}.</source>
        <translation>object {{&quot;id&quot;: UUID, &quot;pseudonym&quot;: text}} expected, got {value}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>liste de pseudonymes ou d&apos;objets {&quot;id&quot;: UUID, &quot;pseudonym&quot;: texte} attendue.</source>
        <translation>list of pseudonyms or of {&quot;id&quot;: UUID, &quot;pseudonym&quot;: text} objects expected.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>identifiant de poste (texte de 64 caractères au plus) attendu.</source>
        <translation>device identifier (text of at most 64 characters) expected.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>horodatage UTC AAAA-MM-JJTHH:MM:SS[.ffffff]Z attendu, reçu {value}.</source>
        <translation>UTC timestamp YYYY-MM-DDTHH:MM:SS[.ffffff]Z expected, got {value}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>clé inconnue. Clés du format v1 : {keys}.</source>
        <translation>unknown key. Keys of the v1 format: {keys}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>et {count} autres clés inconnues.</source>
        <translation>and {count} more unknown keys.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>la date « {value} » n&apos;existe pas.</source>
        <translation>the date “{value}” does not exist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>date AAAA-MM-JJ attendue, reçu « {value} ».</source>
        <translation>date YYYY-MM-DD expected, got “{value}”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>heure HH:MM attendue, reçu « {value} ».</source>
        <translation>time HH:MM expected, got “{value}”.</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>au moins un médiateur est obligatoire.</source>
        <translation>at least one mediator is required.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>nom de médiateur vide.</source>
        <translation>empty mediator name.</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>1, 2 ou 3 attendu, reçu {value}.</source>
        <translation>1, 2 or 3 expected, got {value}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>type, age et sex doivent être des codes (texte).</source>
        <translation>type, age and sex must be codes (text).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>type et role obligatoires (codes).</source>
        <translation>type and role are required (codes).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>texte attendu.</source>
        <translation>text expected.</translation>
    </message>
    <message>
        <location line="+351"/>
        <source>« {value} » : valeur invalide en JSON (écrivez un nombre ou null).</source>
        <translation>“{value}”: not a valid JSON value (write a number or null).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>nombre hors limites : {value}.</source>
        <translation>number out of range: {value}.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>une archive ZIP (un classeur Excel ou LibreOffice ?)</source>
        <translation>a ZIP archive (an Excel or LibreOffice workbook?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>une base de données SQLite (une base Médios ?)</source>
        <translation>a SQLite database (a Médios database?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>un document PDF</source>
        <translation>a PDF document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>une archive gzip</source>
        <translation>a gzip archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>un document Office (.xls, .doc)</source>
        <translation>an Office document (.xls, .doc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>un texte UTF-16 ou UTF-32 : enregistrez-le en UTF-8</source>
        <translation>UTF-16 or UTF-32 text: save it as UTF-8</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>valeur attendue</source>
        <translation>value expected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>virgule attendue</source>
        <translation>comma expected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deux-points attendu après la clé</source>
        <translation>colon expected after the key</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>clé entre guillemets droits attendue</source>
        <translation>key in straight double quotes expected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>texte sans guillemet fermant</source>
        <translation>text without a closing quote</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>caractère de contrôle dans un texte (écrivez \t ou \n)</source>
        <translation>control character in a text (write \t or \n)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>séquence \uXXXX invalide</source>
        <translation>invalid \uXXXX sequence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>barre oblique inverse \ suivie d&apos;un caractère non permis</source>
        <translation>backslash \ followed by a character that is not allowed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>texte en trop après l&apos;objet (un seul objet par ligne)</source>
        <translation>extra text after the object (one object per line)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marque d&apos;ordre des octets (BOM) inattendue</source>
        <translation>unexpected byte order mark (BOM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>virgule en trop avant la fin</source>
        <translation>extra comma before the end</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>syntaxe incorrecte</source>
        <translation>incorrect syntax</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>octet nul : ce n&apos;est pas du texte (fichier binaire ?).</source>
        <translation>null byte: this is not text (a binary file?).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>listes ou objets imbriqués trop profondément : ce n&apos;est pas une ligne d&apos;intervention.</source>
        <translation>lists or objects nested too deeply: this is not an intervention line.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>nombre entier de plus de {max} chiffres.</source>
        <translation>integer of more than {max} digits.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>séquence \uD800 à \uDFFF isolée : ce n&apos;est pas un caractère Unicode.</source>
        <translation>lone \uD800 to \uDFFF sequence: this is not a Unicode character.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>la clé « {key} » figure deux fois dans un même objet.</source>
        <translation>the key “{key}” appears twice in one object.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>ce fichier est {what}, pas un fichier JSON Lines : il n&apos;a pas été lu.</source>
        <translation>this file is {what}, not a JSON Lines file: it was not read.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ligne trop longue ({size} octets ; {max} au plus) : elle n&apos;a pas été lue.</source>
        <translation>line too long ({size} bytes; {max} at most): it was not read.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>texte non UTF-8 : enregistrez le fichier en UTF-8.</source>
        <translation>text is not UTF-8: save the file as UTF-8.</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>JSON invalide ({detail}, colonne {col}).</source>
        <translation>invalid JSON ({detail}, column {col}).</translation>
    </message>
    <message>
        <location line="+186"/>
        <source>un objet JSON {…} est attendu par ligne.</source>
        <translation>one JSON object {…} is expected per line.</translation>
    </message>
    <message>
        <location filename="../../medios/services/interchange/importer.py" line="+169"/>
        <location line="+35"/>
        <source>le médiateur {name} a été supprimé de cette base.</source>
        <translation>mediator {name} was deleted from this database.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>plus de {max} médiateurs inconnus dans ce fichier : vérifiez qu&apos;il s&apos;agit du bon fichier.</source>
        <translation>more than {max} unknown mediators in this file: check that it is the right file.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>le médiateur {theirs} du fichier est enregistré dans cette base sous {ours}.</source>
        <translation>mediator {theirs} of the file is recorded in this database as {ours}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>le médiateur {id} porte ici le pseudonyme {theirs}, ailleurs dans le fichier {ours}.</source>
        <translation>mediator {id} has the pseudonym {theirs} here and {ours} elsewhere in the file.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>pseudonyme « {name} » invalide : « MED- » suivi de lettres ou de chiffres attendu.</source>
        <translation>invalid pseudonym “{name}”: “MED-” followed by letters or digits expected.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>conflit : le pseudonyme {name} désigne dans cette base un autre médiateur (identifiant différent). Rien n&apos;est fusionné : renommez l&apos;un des deux (medios mediator rename {name} MED-…), puis relancez l&apos;import.</source>
        <translation>conflict: the pseudonym {name} names another mediator in this database (a different identifier). Nothing is merged: rename one of them (medios mediator rename {name} MED-…), then run the import again.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>un même médiateur est indiqué deux fois.</source>
        <translation>the same mediator is given twice.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>aucun</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dispositif « {name} » inconnu. Dispositifs enregistrés : {known}.</source>
        <translation>unknown programme “{name}”. Registered programmes: {known}.</translation>
    </message>
    <message>
        <location line="+257"/>
        <source>identifiant déjà présent à la ligne {other}.</source>
        <translation>identifier already used on line {other}.</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>Le fichier a changé pendant l&apos;import : rien n&apos;a été importé. Relancez l&apos;import.</source>
        <translation>The file changed during the import: nothing was imported. Run the import again.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>version datée du {when} (UTC), dans le futur : l&apos;horloge du poste qui a écrit ce fichier est fausse. Corrigez-la, puis exportez de nouveau.</source>
        <translation>version dated {when} (UTC), in the future: the clock of the laptop that wrote this file is wrong. Correct it, then export again.</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Import du fichier {name}</source>
        <translation>Import of the file {name}</translation>
    </message>
</context>
<context>
    <name>Interventions</name>
    <message>
        <location filename="../../medios/services/interventions.py" line="+82"/>
        <source>au moins un médiateur est obligatoire.</source>
        <translation>at least one mediator is required.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>un même médiateur est indiqué deux fois.</source>
        <translation>the same mediator is given twice.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n médiateur(s) inconnu(s) ou supprimé(s).</source>
        <translation>
            <numerusform>%n mediator unknown or deleted.</numerusform>
            <numerusform>%n mediators unknown or deleted.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+42"/>
        <source>partenaire introuvable dans l&apos;annuaire, ou retiré.</source>
        <translation>partner not found in the directory, or retired.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ce partenaire de l&apos;annuaire n&apos;est pas du type {type}.</source>
        <translation>this directory partner is not of type {type}.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>un signalement technique va avec le registre Veille technique (VTEC).</source>
        <translation>a technical report goes with the register Technical watch (VTEC).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>la date de traitement précède celle de l&apos;envoi.</source>
        <translation>the date it was dealt with precedes the date it was sent.</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>identifiant déjà utilisé.</source>
        <translation>identifier already in use.</translation>
    </message>
    <message numerus="yes">
        <location line="+112"/>
        <source>%n intervention(s) sont la suite de celle-ci : supprimez-les ou rattachez-les à une autre avant de la supprimer.</source>
        <translation>
            <numerusform>%n intervention is a follow-up of this one: delete it or link it to another one before deleting this one.</numerusform>
            <numerusform>%n interventions are follow-ups of this one: delete them or link them to another one before deleting this one.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Intervention introuvable.</source>
        <translation>Intervention not found.</translation>
    </message>
    <message>
        <location line="-369"/>
        <source>enregistrement introuvable ou supprimé.</source>
        <translation>record not found or deleted.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>les observations libres sont désactivées pour cette structure.</source>
        <translation>free-text notes are disabled for this organisation.</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Intervention introuvable ou supprimée.</source>
        <translation>Intervention not found or deleted.</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location filename="../../medios/ui/pages/journal.py" line="+506"/>
        <source>Cliquer pour trier du plus récent au plus ancien, ou l&apos;inverse</source>
        <translation>Click to sort from newest to oldest, or the other way round</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cliquer pour trier de A à Z, puis de Z à A (les plus récentes d&apos;abord pour chaque valeur)</source>
        <translation>Click to sort from A to Z, then from Z to A (newest first within each value)</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Journal des interventions</source>
        <translation>Intervention journal</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Du</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Au</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commune, site, partenaire, observations…</source>
        <translation>Commune, site, partner, notes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+92"/>
        <source>Rechercher</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>Cherche dans la commune, le site, les partenaires et les observations (si activées) (Ctrl+F)</source>
        <translation>Searches the commune, the site, the partners and the notes (if enabled) (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registre</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Domaine</source>
        <translation>Domain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Territoire</source>
        <translation>Territory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dispositif</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Médiateur</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effacer les filtres</source>
        <translation>Clear the filters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Montrer toutes les interventions</source>
        <translation>Show every intervention</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Du</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;u</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rechercher</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;gistre</source>
        <translation>Intervention re&amp;gister</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;omaine</source>
        <translation>D&amp;omain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lieu</source>
        <translation>P&amp;lace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issue</source>
        <translation>&amp;Outcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Territoire</source>
        <translation>&amp;Territory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dis&amp;positif</source>
        <translation>&amp;Programme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Médiateur</source>
        <translation>&amp;Mediator</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Interventions</source>
        <translation>Interventions</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Détail de l&apos;intervention</source>
        <translation>Intervention detail</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ouvrir l&apos;intervention dans la saisie</source>
        <translation>Open the intervention in the entry page</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Dupliquer</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copier l&apos;intervention à la date du jour et l&apos;ouvrir</source>
        <translation>Copy the intervention, dated today, and open it</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Supprimer les interventions choisies</source>
        <translation>Delete the selected interventions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annuler la suppression</source>
        <translation>Undo the deletion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plus récentes</source>
        <translation>Newest</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Plus anciennes</source>
        <translation>Oldest</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aller aux interventions les plus anciennes</source>
        <translation>Go to the oldest interventions</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remettre les interventions supprimées</source>
        <translation>Bring the deleted interventions back</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>« — » : pas de limite</source>
        <translation>“—”: no limit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tapez une partie du code ou du libellé ; « — » : tous</source>
        <translation>Type part of the code or label; “—”: all</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+269"/>
        <source>Hors QPV</source>
        <translation>Outside any QPV</translation>
    </message>
    <message>
        <location line="-214"/>
        <source>Recherche…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+47"/>
        <source>Comptage…</source>
        <translation>Counting…</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%Ln intervention(s)</source>
        <translation>
            <numerusform>%Ln intervention</numerusform>
            <numerusform>%Ln interventions</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Comptage impossible</source>
        <translation>Count failed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Le journal ne peut pas être lu.</source>
        <translation>The journal cannot be read.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Ce tri n&apos;est pas proposé : triez sur la date, le registre, le domaine, le lieu, la commune, le dispositif ou l&apos;issue, ou filtrez.</source>
        <translation>This column does not sort: sort on the date, registre, domain, place, commune, programme or outcome, or filter.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Aucune intervention choisie.</source>
        <translation>No intervention selected.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cette intervention a été supprimée.</source>
        <translation>This intervention has been deleted.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>%n intervention(s) supprimée(s).</source>
        <translation>
            <numerusform>%n intervention deleted.</numerusform>
            <numerusform>%n interventions deleted.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Certaines interventions n&apos;ont pas été supprimées.</source>
        <translation>Some interventions were not deleted.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n intervention(s) remise(s).</source>
        <translation>
            <numerusform>%n intervention restored.</numerusform>
            <numerusform>%n interventions restored.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>L&apos;intervention ne peut pas être dupliquée.</source>
        <translation>The intervention cannot be duplicated.</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <location filename="../../medios/services/keys.py" line="+327"/>
        <source>Le fichier de clé « {path} » est endommagé. La clé de secours imprimée à la création de la base l&apos;ouvre quand même.</source>
        <translation>The key file “{path}” is damaged. The recovery key printed when the database was created still opens it.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Aucun trousseau système n&apos;est disponible sur ce poste : choisissez une phrase secrète (au moins {n} caractères) ; elle sera demandée à chaque ouverture.</source>
        <translation>No system keyring is available on this computer: choose a passphrase (at least {n} characters); it will be asked for at each opening.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>La phrase secrète doit compter au moins {n} caractères.</source>
        <translation>The passphrase must have at least {n} characters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choisissez une phrase secrète qui ne ressemble pas à une clé de secours.</source>
        <translation>Choose a passphrase that does not look like a recovery key.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>« {path} » existe déjà.</source>
        <translation>“{path}” already exists.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Ce fichier n&apos;est pas une base Médios lisible, ou c&apos;est une base chiffrée dont le fichier de clé « {path} » manque : sa clé de secours l&apos;ouvre.</source>
        <translation>This file is not a readable Médios database, or it is an encrypted database whose key file “{path}” is missing: its recovery key opens it.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Cette base est chiffrée : donnez sa phrase secrète (MEDIOS_PASSPHRASE ou --passphrase-file) ou sa clé de secours.</source>
        <translation>This database is encrypted: give its passphrase (MEDIOS_PASSPHRASE or --passphrase-file) or its recovery key.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>La clé de cette base n&apos;est pas dans le trousseau de ce poste : saisissez la clé de secours imprimée à la création de la base.</source>
        <translation>This database&apos;s key is not in this computer&apos;s keyring: enter the recovery key printed when the database was created.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cette clé de secours n&apos;est pas celle de cette base.</source>
        <translation>This recovery key is not this database&apos;s.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>La phrase secrète est juste mais la base ne s&apos;ouvre pas avec sa clé : saisissez la clé de secours.</source>
        <translation>The passphrase is right but the database does not open with its key: enter the recovery key.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saisissez la phrase secrète ou la clé de secours.</source>
        <translation>Enter the passphrase or the recovery key.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cette clé de secours est mal recopiée : vérifiez chaque groupe de cinq caractères.</source>
        <translation>This recovery key is mistyped: check each group of five characters.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Aucune phrase secrète n&apos;a été définie pour cette base : saisissez sa clé de secours.</source>
        <translation>No passphrase was set for this database: enter its recovery key.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../medios/ui/screenshots.py" line="-23"/>
        <source>Phrase secrète incorrecte. Sans elle, la clé de secours imprimée à la création ouvre la base.</source>
        <translation>Wrong passphrase. Without it, the recovery key printed at creation opens the database.</translation>
    </message>
    <message>
        <location filename="../../medios/ui/keys.py" line="+269"/>
        <source>La base reste verrouillée.</source>
        <translation>The database stays locked.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../medios/ui/login.py" line="-248"/>
        <source>Médios verrouillé</source>
        <translation>Médios locked</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connexion</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>La fenêtre s&apos;est verrouillée après un moment sans activité ; ce qui était saisi est gardé. Saisissez le mot de passe de {pseudonym} pour reprendre.</source>
        <translation>The window locked after a while without activity; what was typed is kept. Enter the password of {pseudonym} to resume.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Plusieurs personnes utilisent Médios sur cet ordinateur ({structure}) : qui êtes-vous ?</source>
        <translation>Several people use Médios on this computer ({structure}): who are you?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plusieurs personnes utilisent Médios sur cet ordinateur : qui êtes-vous ?</source>
        <translation>Several people use Médios on this computer: who are you?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identifiant</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Identifiant :</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mot de passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Déverrouiller</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Se connecter</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changer d&apos;utilisateur</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quitter</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ce n&apos;est pas le compte verrouillé.</source>
        <translation>This is not the locked account.</translation>
    </message>
</context>
<context>
    <name>Logo</name>
    <message>
        <location filename="../../medios/services/logo.py" line="+61"/>
        <source>le fichier est vide.</source>
        <translation>the file is empty.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>image trop lourde ({size} Ko) : 1 024 Ko au plus.</source>
        <translation>image too large ({size} KB): 1,024 KB at most.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ce fichier n&apos;est pas une image PNG ou JPEG.</source>
        <translation>this file is not a PNG or JPEG image.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>image illisible ou endommagée : choisissez un autre fichier.</source>
        <translation>unreadable or damaged image: choose another file.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>le fichier « {name} » ne peut pas être lu ({reason}).</source>
        <translation>the file “{name}” cannot be read ({reason}).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../medios/ui/main_window.py" line="+276"/>
        <source>Médios</source>
        <translation>Médios</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>La base de données est endommagée.</source>
        <translation>The database is damaged.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Le contrôle de {path} a trouvé {n} problème(s). N&apos;y saisissez plus rien : fermez Médios, gardez une copie du fichier, puis restaurez la dernière bonne sauvegarde (page « Sauvegardes », Ctrl+9, ou medios restore ; les sauvegardes sont dans {folder}).

{details}</source>
        <translation>The check of {path} found {n} problem(s). Do not enter anything more: close Médios, keep a copy of the file, then restore the latest good backup (page “Backups”, Ctrl+9, or medios restore; the backups are in {folder}).

{details}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Purger les observations échues ?</source>
        <translation>Purge the notes past due?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} observation(s) saisie(s) avant le {date} ont dépassé leur durée de conservation ({months} mois). Elles seront effacées de la base, sans retour possible ; les fiches restent. Vous pouvez aussi le faire plus tard, page « Sauvegardes ».</source>
        <translation>{n} note(s) entered before {date} are past their retention time ({months} months). They will be erased from the database, with no way back; the records stay. You can also do it later, on the Backups page.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Conservation</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purge des observations et réécriture du fichier…</source>
        <translation>Purging the notes and rewriting the file…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>La purge n&apos;a pas été faite.</source>
        <translation>The purge was not done.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} observation(s) retirée(s).</source>
        <translation>{n} note(s) removed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ouverture de la base…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Importer des interventions…</source>
        <translation>&amp;Import interventions…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Importer un fichier d&apos;échange JSON Lines ({shortcut})</source>
        <translation>Import a JSON Lines interchange file ({shortcut})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Exporter les interventions…</source>
        <translation>&amp;Export interventions…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporter les interventions dans un fichier JSON Lines ({shortcut})</source>
        <translation>Export the interventions to a JSON Lines file ({shortcut})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Aller à</source>
        <translation>&amp;Go to</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Outils</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Préférences…</source>
        <translation>&amp;Preferences…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Journal d&apos;audit…</source>
        <translation>&amp;Audit log…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qui a fait quoi, et quand (coordination)</source>
        <translation>Who did what, and when (coordination)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>À &amp;propos de Médios</source>
        <translation>&amp;About Médios</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Navigation entre les pages</source>
        <translation>Navigation between pages</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Vue d&apos;ensemble de la base de données</source>
        <translation>Overview of the database</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Médiateurs</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dispositifs</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interventions</source>
        <translation>Interventions</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Structure</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nom :</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendrier des jours fériés :</source>
        <translation>Public holiday calendar:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version du référentiel :</source>
        <translation>Reference lists version:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stockage</source>
        <translation>Storage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Base de données :</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossier de données :</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Les informations affichées n&apos;ont pas pu être mises à jour.</source>
        <translation>The information shown could not be updated.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Médios — {structure}</source>
        <translation>Médios — {structure}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Référentiel {version}</source>
        <translation>Référentiel {version}</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+3"/>
        <source>(en mémoire)</source>
        <translation>(in memory)</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>Utilisateur : {user}</source>
        <translation>User: {user}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aucun utilisateur</source>
        <translation>No user</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{month} {year} : mois clôturé (v{version})</source>
        <translation>{month} {year}: month closed (v{version})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{month} {year} : mois rouvert</source>
        <translation>{month} {year}: month reopened</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{month} {year} : mois ouvert</source>
        <translation>{month} {year}: month open</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>À propos de Médios</source>
        <translation>About Médios</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saisie hors ligne et bilans de l&apos;activité de médiation sociale.</source>
        <translation>Offline recording and reporting of social mediation activity.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version du référentiel : {version}</source>
        <translation>Reference lists version: {version}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dossier de données : {path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logiciel libre sous licence GPL 3 ou ultérieure.</source>
        <translation>Free software under the GPL, version 3 or later.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Sauvegarde</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sauvegarde automatique de la base…</source>
        <translation>Automatic backup of the database…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>La sauvegarde automatique n&apos;a pas été faite entièrement.</source>
        <translation>The automatic backup was not fully made.</translation>
    </message>
</context>
<context>
    <name>Meetings</name>
    <message>
        <location filename="../../medios/services/meetings.py" line="+141"/>
        <source>Réunion introuvable ou supprimée.</source>
        <translation>Meeting not found or deleted.</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <location filename="../../medios/ui/pages/meetings.py" line="+40"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Durée</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Objet</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Médiateurs</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Réunions partenariales</source>
        <translation>Partner meetings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Liste des réunions partenariales</source>
        <translation>List of partner meetings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aucune réunion enregistrée. Remplissez la fiche à droite puis Ctrl+S.</source>
        <translation>No meeting recorded yet. Fill in the form on the right, then press Ctrl+S.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nouvelle réunion</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Réunion enregistrée.</source>
        <translation>Meeting saved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nouvelle réunion partenariale</source>
        <translation>New partner meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Réunion du {date}</source>
        <translation>Meeting of {date}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Entre professionnels. Une réunion avec des habitants est une action collective (Concertation).</source>
        <translation>Between professionals. A meeting with residents is a collective action (Consultation).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date :</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Durée :</source>
        <translation>Duration:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Durée en minutes</source>
        <translation>Duration in minutes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type de réunion :</source>
        <translation>Meeting type:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Objet :</source>
        <translation>Subject:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>facultatif, sans nom de personne</source>
        <translation>optional, no person&apos;s name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Objet (facultatif)</source>
        <translation>Subject (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Partenaires présents :</source>
        <translation>Partners present:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partenaires présents</source>
        <translation>Partners present</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dispositif :</source>
        <translation>Scheme:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Médiateur(s) :</source>
        <translation>Mediator(s):</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>choisissez un type dans la liste.</source>
        <translation>choose a type from the list.</translation>
    </message>
</context>
<context>
    <name>MessageBox</name>
    <message>
        <location filename="../../medios/ui/msgbox.py" line="+16"/>
        <source>Médios</source>
        <translation>Médios</translation>
    </message>
</context>
<context>
    <name>Migration</name>
    <message>
        <location filename="../../medios/db/migrate.py" line="+144"/>
        <source>Cette base a été créée par une version plus récente de Médios (révision {revision}). Installez la dernière version de l&apos;application : la base n&apos;a pas été modifiée.</source>
        <translation>This database was created by a newer version of Médios (revision {revision}). Install the latest version of the application: the database has not been changed.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Ce fichier contient une base de données qui n&apos;est pas une base Médios : choisissez un autre fichier.</source>
        <translation>This file holds a database that is not a Médios database: choose another file.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>La base est ouverte dans un autre programme Médios : fermez-le, puis relancez pour la mettre à jour.</source>
        <translation>The database is open in another Médios program: close it, then start again to update it.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>La mise à jour de la base de données a échoué ; elle n&apos;a pas été modifiée. Une copie avait été faite :{where}. Signalez ce problème avec le journal de Médios.</source>
        <translation>The database update failed; the database was not changed. A copy had been made:{where}. Please report this problem with the Médios log.</translation>
    </message>
</context>
<context>
    <name>MotifsEditor</name>
    <message>
        <location filename="../../medios/ui/entry/lists.py" line="+49"/>
        <source>Ajouter un motif</source>
        <translation>Add a reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tapez une partie du motif puis Tab ou Entrée pour l&apos;ajouter à la liste.</source>
        <translation>Type part of the reason, then Tab or Enter to add it to the list.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Motifs choisis</source>
        <translation>Chosen reasons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suppr : retirer le motif sélectionné.</source>
        <translation>Del: remove the selected reason.</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <location filename="../../medios/ui/keys.py" line="-183"/>
        <source>Phrase secrète de la base</source>
        <translation>Database passphrase</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>La base sera chiffrée. Aucun trousseau système n&apos;est disponible sur ce poste : sa clé sera protégée par une phrase secrète, demandée à chaque ouverture. Choisissez une phrase de plusieurs mots (au moins {n} caractères) et retenez-la.</source>
        <translation>The database will be encrypted. No system keyring is available on this computer: its key will be protected by a passphrase, asked for at each opening. Choose a phrase of several words (at least {n} characters) and remember it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Phrase secrète</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phrase secrète, à nouveau</source>
        <translation>Passphrase, again</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Phrase secrète :</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>À nouveau :</source>
        <translation>Again:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Les deux saisies diffèrent.</source>
        <translation>The two entries differ.</translation>
    </message>
</context>
<context>
    <name>Observatory</name>
    <message>
        <location filename="../../medios/services/observatory/model.py" line="+37"/>
        <source>seuil {threshold} refusé : {minimum} au moins.</source>
        <translation>threshold {threshold} refused: at least {minimum}.</translation>
    </message>
    <message>
        <location filename="../../medios/services/observatory/exporter.py" line="+647"/>
        <location filename="../../medios/services/observatory/ledger.py" line="+98"/>
        <source>seuls la coordination et l&apos;administration peuvent exporter vers l&apos;Observatoire.</source>
        <translation>only coordinators and administrators may export to the Observatory.</translation>
    </message>
    <message>
        <location line="-562"/>
        <source>période « {text} » non comprise : écrivez un mois (2026-10), un trimestre (2026-Q3) ou une année (2026).</source>
        <translation>period “{text}” not understood: write a month (2026-10), a quarter (2026-Q3) or a year (2026).</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>aucune intervention sur la période.</source>
        <translation>no intervention in the period.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>« {field} » non renseigné pour {share} des interventions ({n}).</source>
        <translation>“{field}” not filled in for {share} of the interventions ({n}).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>mois non clôturés : {months} (l&apos;export demande une confirmation et le fichier le dira).</source>
        <translation>months not closed: {months} (the export asks for a confirmation and the file will say so).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>médiateurs sans aucun temps saisi sur la période : {names}.</source>
        <translation>mediators with no time recorded in the period: {names}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>identifiant Observatoire absent : renseignez-le dans les Paramètres de la structure avant d&apos;exporter.</source>
        <translation>Observatory identifier missing: fill it in the organisation&apos;s Settings before exporting.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>réseau</source>
        <translation>network</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>commune du siège</source>
        <translation>head-office municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>statut juridique</source>
        <translation>legal status</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>profil de la structure incomplet : {fields}.</source>
        <translation>organisation profile incomplete: {fields}.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>À vérifier : {text}</source>
        <translation>To check: {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>réussi</source>
        <translation>passed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>échoué</source>
        <translation>failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test CNIL « {name} » : {status} ({detail})</source>
        <translation>CNIL test “{name}”: {status} ({detail})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>minutes d&apos;une cellule de comptage masquée</source>
        <translation>minutes of a masked count cell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>moins de {threshold} : trop peu pour être publié</source>
        <translation>fewer than {threshold}: too few to be published</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>masquée pour qu&apos;on ne puisse pas retrouver une autre cellule masquée</source>
        <translation>masked so that another masked cell cannot be worked out</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>individualisation : isoler une personne</source>
        <translation>individualisation: singling out a person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>corrélation : relier des données sur une même personne</source>
        <translation>correlation: linking data about the same person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inférence : déduire une information sur une personne</source>
        <translation>inference: deducing information about a person</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>chaque nombre publié vaut 0 ou au moins {threshold}</source>
        <translation>every published number is 0 or at least {threshold}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} nombre(s) publié(s) entre 1 et {high}</source>
        <translation>{n} number(s) published between 1 and {high}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>aucun identifiant, nom, date ni texte libre : des codes du référentiel, le mois, la commune ou le QPV au plus fin</source>
        <translation>no identifier, name, date or free text: codes of the reference lists, the month, the municipality or the QPV at finest</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} cellule(s) portent une clé qui n&apos;est pas un code</source>
        <translation>{n} cell(s) carry a key that is not a code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} cellule(s) masquée(s) recalculables</source>
        <translation>{n} masked cell(s) can be worked out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>motifs sensibles publiés trop finement : {n} cellule(s)</source>
        <translation>sensitive reasons published too finely: {n} cell(s)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>aucune cellule masquée ne peut être approchée à moins de {threshold} près, fichiers déjà envoyés compris ; motifs sensibles au trimestre ou à l&apos;année seulement</source>
        <translation>no masked cell can be narrowed to less than {threshold}, files already sent included; sensitive reasons by quarter or year only</translation>
    </message>
    <message>
        <location line="+228"/>
        <source>fichiers déjà envoyés dont les données ont changé depuis : {files}. Le nouveau fichier est protégé avec eux ; exportez-en aussi une version corrigée.</source>
        <translation>files already sent whose data have changed since: {files}. The new file is protected together with them; export a corrected version of them too.</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>export refusé : le test « {test} » de la CNIL échoue ({detail}).</source>
        <translation>export refused: the CNIL test “{test}” fails ({detail}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>export refusé : {reason}</source>
        <translation>export refused: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>la période compte des mois non clôturés : confirmez l&apos;export ou clôturez-les d&apos;abord.</source>
        <translation>the period has months not closed: confirm the export or close them first.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../medios/services/observatory/ledger.py" line="+3"/>
        <source>le fichier remplacé n&apos;est pas dans le registre des exports.</source>
        <translation>the replaced file is not in the export register.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>version du référentiel inconnue : « {version} ».</source>
        <translation>unknown reference lists version: “{version}”.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cellule {id} : période « {period} » différente de celle du fichier.</source>
        <translation>cell {id}: period “{period}” differs from the file&apos;s.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cellule {id} : indicateur inconnu « {code} ».</source>
        <translation>cell {id}: unknown indicator “{code}”.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cellule {id} : code « {code} » absent du référentiel {version}.</source>
        <translation>cell {id}: code “{code}” not in reference lists {version}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cellule {id} en double.</source>
        <translation>cell {id} appears twice.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>additivite.json ne déclare pas les équations du format pour ces cellules.</source>
        <translation>additivite.json does not declare the format&apos;s equations for these cells.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>équation fausse : {total} ne vaut pas la somme de ses parties.</source>
        <translation>wrong equation: {total} is not the sum of its parts.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>impossible de lire « {path} » : {reason}.</source>
        <translation>cannot read “{path}”: {reason}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>« {path} » est trop gros pour un fichier Observatoire.</source>
        <translation>“{path}” is too big for an Observatory file.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ces fichiers viennent de structures différentes ({ids}).</source>
        <translation>these files come from different organisations ({ids}).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Contrôle réussi : {masked} cellules masquées sur {cells}.</source>
        <translation>Check passed: {masked} cells masked out of {cells}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contrôle échoué : {n} cellule(s) à risque.</source>
        <translation>Check failed: {n} cell(s) at risk.</translation>
    </message>
</context>
<context>
    <name>ObservatoryPage</name>
    <message>
        <location filename="../../medios/ui/pages/observatory.py" line="+60"/>
        <source>Export pour l&apos;observatoire</source>
        <translation>Export for the observatory</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Le fichier envoyé à l&apos;observatoire national ne contient que des chiffres agrégés : les petits effectifs, et ceux qu&apos;on pourrait recalculer avec les fichiers déjà envoyés, sont masqués. Préparez l&apos;aperçu, vérifiez-le, puis écrivez le fichier.</source>
        <translation>The file sent to the national observatory holds aggregate figures only: small counts, and those that could be worked out with the files already sent, are masked. Prepare the preview, check it, then write the file.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>2026-10, 2026-Q4 ou 2026</source>
        <translation>2026-10, 2026-Q4 or 2026</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Période de l&apos;export</source>
        <translation>Export period</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seuil de secret</source>
        <translation>Confidentiality threshold</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Période :</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Seuil :</source>
        <translation>&amp;Threshold:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Préparer l&apos;aperçu</source>
        <translation>Prepare the preview</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Écrire le fichier…</source>
        <translation>Write the file…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Points à vérifier et tests de la CNIL</source>
        <translation>Points to check and CNIL tests</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cellule masquée</source>
        <translation>Masked cell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pourquoi</source>
        <translation>Why</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cellules masquées et raison</source>
        <translation>Masked cells and reason</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Envoyé le</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Masquées</source>
        <translation>Masked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empreinte SHA-256</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+23"/>
        <source>Fichiers déjà envoyés</source>
        <translation>Files already sent</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Exporter un fichier corrigé…</source>
        <translation>Export a corrected file…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refait le fichier de la ligne choisie, qui le remplace pour l&apos;observatoire</source>
        <translation>Makes the file of the chosen row again, replacing it for the observatory</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Préparation de l&apos;export de {period}…</source>
        <translation>Preparing the export of {period}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{period} : {masked} cellules masquées sur {cells}, contrôlé avec {n} fichier(s) déjà envoyé(s).</source>
        <translation>{period}: {masked} cells masked out of {cells}, checked with {n} file(s) already sent.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Enregistrer le fichier de l&apos;observatoire</source>
        <translation>Save the observatory file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive ZIP (*.zip)</source>
        <translation>ZIP archive (*.zip)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+56"/>
        <source>Médios</source>
        <translation>Médios</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Des mois de la période ne sont pas clôturés ({months}). Exporter quand même ? Le fichier le dira.</source>
        <translation>Months of the period are not closed ({months}). Export anyway? The file will say so.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Écriture de {name}…</source>
        <translation>Writing {name}…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choisissez d&apos;abord dans la liste le fichier à corriger.</source>
        <translation>First choose in the list the file to correct.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fichier écrit : {name}</source>
        <translation>File written: {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ouvrir le dossier</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export observatoire</source>
        <translation>Observatory export</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export annulé : aucun fichier n&apos;a été écrit.</source>
        <translation>Export cancelled: no file was written.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>L&apos;export n&apos;a pas été fait.</source>
        <translation>The export was not made.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{masked} sur {cells}</source>
        <translation>{masked} of {cells}</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../medios/ui/pages/__init__.py" line="+55"/>
        <source>Accueil</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saisie</source>
        <translation>New entry</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tournées</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Actions collectives</source>
        <translation>Group activities</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Réunions partenariales</source>
        <translation>Partner meetings</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rapports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export observatoire</source>
        <translation>Observatory export</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paramètres</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sauvegardes</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>Cette page arrive avec une prochaine version de Médios. Rien n&apos;y est encore proposé.</source>
        <translation>This page comes with a future version of Médios. Nothing is offered here yet.</translation>
    </message>
</context>
<context>
    <name>PartnersEditor</name>
    <message>
        <location filename="../../medios/ui/entry/lists.py" line="+64"/>
        <source>Partenaire %1</source>
        <translation>Partner %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Un partenaire de l&apos;annuaire de la structure, ou seulement son type.</source>
        <translation>A partner from the structure&apos;s directory, or only its type.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rôle du partenaire %1</source>
        <translation>Role of partner %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personne orientée, partenaire alerté ou intervention conjointe.</source>
        <translation>Person referred, partner alerted or joint intervention.</translation>
    </message>
</context>
<context>
    <name>Pickers</name>
    <message>
        <location filename="../../medios/ui/pickers.py" line="+123"/>
        <source>{code} — motif sensible : à n&apos;utiliser qu&apos;avec précaution</source>
        <translation>{code} — sensitive reason: use with care</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../medios/ui/preferences_store.py" line="+92"/>
        <source>Le fichier des préférences « {path} » ne peut pas être enregistré : vérifiez les droits du dossier.</source>
        <translation>The preferences file “{path}” cannot be saved: check the folder&apos;s permissions.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../ui/preferences.ui" line="+12"/>
        <source>Préférences</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&amp;Contraste élevé (texte blanc sur fond noir)</source>
        <translation>&amp;High contrast (white text on black)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contraste élevé</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Les changements s&apos;appliqueront au prochain démarrage de Médios.</source>
        <translation>The changes will apply the next time Médios starts.</translation>
    </message>
    <message>
        <location filename="../../medios/ui/preferences.py" line="+38"/>
        <source>Langue du système</source>
        <translation>System language</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Les préférences n&apos;ont pas été enregistrées.</source>
        <translation>The preferences were not saved.</translation>
    </message>
    <message>
        <location filename="../ui/preferences.ui" line="-26"/>
        <source>&amp;Langue de l&apos;interface :</source>
        <translation>Interface &amp;language:</translation>
    </message>
</context>
<context>
    <name>Presence</name>
    <message>
        <location filename="../../medios/services/presence.py" line="+88"/>
        <source>le bloc dure {hours} h {minutes:02d} : 14 h au plus.</source>
        <translation>the block lasts {hours} h {minutes:02d}: 14 h at most.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>la fin est égale au début : indiquez l&apos;heure de fin.</source>
        <translation>the end equals the start: enter the end time.</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Tournée ou permanence introuvable ou supprimée.</source>
        <translation>Patrol or drop-in not found or deleted.</translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>%n intervention(s) ont été faites pendant ce bloc : supprimez-les ou détachez-les avant de le supprimer.</source>
        <translation>
            <numerusform>%n intervention was made during this block: delete or detach it before deleting the block.</numerusform>
            <numerusform>%n interventions were made during this block: delete or detach them before deleting the block.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PresencePage</name>
    <message>
        <location filename="../../medios/ui/pages/presence.py" line="+48"/>
        <location line="+97"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>Horaires</source>
        <translation>Times</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Médiateurs</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interv.</source>
        <translation>Interv.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tournées et permanences</source>
        <translation>Patrols and drop-ins</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Liste des tournées et permanences</source>
        <translation>List of patrols and drop-ins</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aucune tournée enregistrée. Remplissez la fiche à droite puis Ctrl+S.</source>
        <translation>No patrol recorded yet. Fill in the form on the right, then press Ctrl+S.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nouvelle tournée</source>
        <translation>New patrol</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tournée enregistrée.</source>
        <translation>Patrol saved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nouvelle tournée ou permanence</source>
        <translation>New patrol or drop-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tournée du {date}</source>
        <translation>Patrol of {date}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date :</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Début :</source>
        <translation>Start:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heure de début</source>
        <translation>Start time</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fin :</source>
        <translation>End:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heure de fin</source>
        <translation>End time</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Durée :</source>
        <translation>Duration:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type de présence :</source>
        <translation>Presence type:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Site :</source>
        <translation>Site:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commune :</source>
        <translation>Municipality:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code INSEE, ex. 75056</source>
        <translation>INSEE code, e.g. 75056</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commune (code INSEE)</source>
        <translation>Municipality (INSEE code)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>QPV :</source>
        <translation>QPV:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QN…, HORS_QPV, ou vide</source>
        <translation>QN…, HORS_QPV, or empty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QPV (facultatif)</source>
        <translation>QPV (optional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dispositif :</source>
        <translation>Scheme:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Médiateur(s) :</source>
        <translation>Mediator(s):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Salutations et brefs échanges sans suite ; le reste est une intervention.</source>
        <translation>Greetings and brief exchanges leading to nothing; anything else is an intervention.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contacts informels :</source>
        <translation>Informal contacts:</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+17"/>
        <source>Interventions faites pendant cette tournée</source>
        <translation>Interventions made during this patrol</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Durée</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registre</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Entrée ou double-clic : ouvrir l&apos;intervention</source>
        <translation>Enter or double-click: open the intervention</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saisir une intervention pendant cette tournée</source>
        <translation>Record an intervention during this patrol</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ouvre la saisie d&apos;une intervention rattachée à ce bloc (Alt+I)</source>
        <translation>Opens the entry of an intervention linked to this block (Alt+I)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>indiquez une fin différente du début</source>
        <translation>enter an end different from the start</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{duration}, fin le lendemain</source>
        <translation>{duration}, ends the next day</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>choisissez un type dans la liste.</source>
        <translation>choose a type from the list.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Enregistrez d&apos;abord la tournée ; les interventions faites pendant s&apos;y rattachent.</source>
        <translation>Save the patrol first; the interventions made during it are linked to it.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Aucune intervention rattachée pour l&apos;instant.</source>
        <translation>No linked intervention yet.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n intervention(s) rattachée(s).</source>
        <translation>
            <numerusform>%n linked intervention.</numerusform>
            <numerusform>%n linked interventions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublicsEditor</name>
    <message>
        <location filename="../../medios/ui/entry/publics.py" line="+183"/>
        <source>Type de public</source>
        <translation>Type of public</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Le type de public des nombres de la grille ; « Non renseigné » si on ne sait pas.</source>
        <translation>The type of public of the grid&apos;s counts; &quot;Non renseigné&quot; (not given) if unknown.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nombre de personnes par tranche d&apos;âge et sexe</source>
        <translation>Number of people by age band and sex</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flèches : changer de case ; chiffres : nombre de personnes ; Suppr : vider ; Tab : sortir.</source>
        <translation>Arrows: move between cells; digits: number of people; Del: clear; Tab: leave.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Total des publics</source>
        <translation>Total of the people concerned</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type de &amp;public</source>
        <translation>Type of &amp;public</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>Total : %n contact(s)</source>
        <translation>
            <numerusform>Total: %n contact</numerusform>
            <numerusform>Total: %n contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <location filename="../../medios/services/records.py" line="+31"/>
        <source>Cet élément n&apos;existe pas ou a été retiré.</source>
        <translation>This item does not exist or has been retired.</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Cet élément n&apos;existe pas ou n&apos;est pas retiré.</source>
        <translation>This item does not exist or is not retired.</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../medios/export/recovery.py" line="+26"/>
        <source>Clé de secours de la base Médios</source>
        <translation>Médios database recovery key</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Structure : </source>
        <translation>Structure: </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Base {base} · clé créée le {date}</source>
        <translation>Database {base} · key created on {date}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Ce que cette clé ouvre</source>
        <translation>What this key opens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cette clé ouvre la base de la structure et chacune de ses sauvegardes, sur n&apos;importe quel ordinateur, sans trousseau ni phrase secrète. Quiconque la détient peut lire les interventions.</source>
        <translation>This key opens the structure&apos;s database and each of its backups, on any computer, without keyring or passphrase. Whoever holds it can read the interventions.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quand s&apos;en servir</source>
        <translation>When to use it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quand Médios demande la phrase secrète et qu&apos;elle est perdue, ou sur un nouvel ordinateur : saisissez cette clé à la place (majuscules, tirets et espaces sont facultatifs).</source>
        <translation>When Médios asks for the passphrase and it is lost, or on a new computer: type this key instead (capitals, dashes and spaces are optional).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Comment la garder</source>
        <translation>How to keep it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rangez cette feuille dans le coffre de la structure. Ne la photographiez pas, ne l&apos;envoyez pas par courriel, ne la gardez pas avec l&apos;ordinateur. Si elle est perdue ou a pu être lue, l&apos;administration change la clé (« medios key rekey ») : une nouvelle feuille remplace celle-ci.</source>
        <translation>Keep this sheet in the structure&apos;s safe. Do not photograph it, do not e-mail it, do not keep it with the computer. If it is lost or may have been read, the administration changes the key (“medios key rekey”): a new sheet replaces this one.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../medios/ui/keys.py" line="+18"/>
        <location line="+19"/>
        <source>Clé de secours</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Clé de secours de la base</source>
        <translation>Database recovery key</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cette clé ouvre la base et chacune de ses sauvegardes, sur n&apos;importe quel ordinateur, quand la phrase secrète ou le trousseau font défaut. Elle ne sera plus affichée : imprimez-la ou recopiez-la, et rangez-la dans le coffre de la structure, loin de l&apos;ordinateur.</source>
        <translation>This key opens the database and each of its backups, on any computer, when the passphrase or the keyring is missing. It will not be shown again: print or copy it, and keep it in the structure&apos;s safe, away from the computer.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>La clé de la base est gardée dans le trousseau du système de ce poste.</source>
        <translation>The database key is kept in this computer&apos;s system keyring.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sur ce poste, la phrase secrète que vous avez choisie sera demandée à chaque ouverture.</source>
        <translation>On this computer, the passphrase you chose will be asked for at each opening.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enregistrer en PDF pour l&apos;imprimer…</source>
        <translation>Save as PDF to print…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>J&apos;ai imprimé ou recopié la clé de secours</source>
        <translation>I have printed or copied the recovery key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Enregistrer la clé de secours</source>
        <translation>Save the recovery key</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>la clé de secours</source>
        <translation>the recovery key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La clé de secours n&apos;a pas été enregistrée.</source>
        <translation>The recovery key was not saved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clé de secours enregistrée.</source>
        <translation>Recovery key saved.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} : imprimez-la, puis supprimez ce fichier.</source>
        <translation>{path}: print it, then delete this file.</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../medios/services/reports.py" line="+58"/>
        <source>période « {text} » non reconnue : écrivez un mois (2026-10), un trimestre (2026-T1), une année (2026) ou une plage de mois (2025-04:2026-03).</source>
        <translation>period “{text}” not understood: write a month (2026-10), a quarter (2026-Q1), a year (2026) or a range of months (2025-04:2026-03).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>les rapports comptent des mois entiers : la période commence un 1er du mois et finit le dernier jour d&apos;un mois ({day} ne convient pas).</source>
        <translation>reports count whole months: the period starts on the 1st of a month and ends on the last day of a month ({day} does not fit).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>la période finit avant de commencer.</source>
        <translation>the period ends before it starts.</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>un seul périmètre à la fois : dispositif, commune ou QPV.</source>
        <translation>one scope at a time: dispositif, commune or QPV.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>aucun dispositif ne s&apos;appelle « {name} ».</source>
        <translation>no dispositif is called “{name}”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>« {code} » n&apos;est pas dans la liste des territoires de la structure.</source>
        <translation>“{code}” is not in the structure&apos;s list of territories.</translation>
    </message>
    <message>
        <location line="+439"/>
        <source>format « {fmt} » inconnu : xlsx ou pdf.</source>
        <translation>unknown format “{fmt}”: xlsx or pdf.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../medios/ui/pages/reports.py" line="+113"/>
        <source>Rapports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choisissez la période et le périmètre : les chiffres clés s&apos;affichent aussitôt. Générez ensuite le classeur Excel ou le PDF à remettre aux financeurs.</source>
        <translation>Choose the period and the scope: the key figures show at once. Then write the Excel workbook or the PDF to hand to the funders.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trimestre</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Année</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Période libre</source>
        <translation>Custom period</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type de période</source>
        <translation>Kind of period</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mois du rapport</source>
        <translation>Month of the report</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Année du rapport</source>
        <translation>Year of the report</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T{n}</source>
        <translation>Q{n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trimestre du rapport</source>
        <translation>Quarter of the report</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Premier mois de la période</source>
        <translation>First month of the period</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dernier mois de la période</source>
        <translation>Last month of the period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>à</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Périmètre du rapport</source>
        <translation>Scope of the report</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Période :</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>P&amp;érimètre :</source>
        <translation>S&amp;cope:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clôture du mois</source>
        <translation>Month closing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clôturer le mois…</source>
        <translation>&amp;Close the month…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rouvrir le mois…</source>
        <translation>&amp;Reopen the month…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Indicateur</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valeur</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mois précédent</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Écart</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cumul annuel</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chiffres clés</source>
        <translation>Key figures</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Avertissements sur la qualité des données</source>
        <translation>Data-quality warnings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Générer le classeur E&amp;xcel…</source>
        <translation>Write the E&amp;xcel workbook…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Générer le P&amp;DF…</source>
        <translation>Write the P&amp;DF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Un classeur : couverture, une feuille par section, graphiques, données.</source>
        <translation>A workbook: cover, one sheet per section, charts, data.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quelques pages A4 à remettre aux financeurs.</source>
        <translation>A few A4 pages to hand to the funders.</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Calcul des chiffres…</source>
        <translation>Computing the figures…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{title} — {scope}</source>
        <translation>{title} — {scope}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>À vérifier avant d&apos;envoyer :</source>
        <translation>To check before sending:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aucun avertissement sur la qualité des données.</source>
        <translation>No data-quality warning.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Les chiffres n&apos;ont pas pu être calculés : {reason}</source>
        <translation>The figures could not be computed: {reason}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{month} : mois clôturé le {at} par {by} (v{version}) ; {n} modification(s) depuis.</source>
        <translation>{month}: closed on {at} by {by} (v{version}); {n} amendment(s) since.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{month} : mois rouvert (motif : {reason}) ; les chiffres sont recalculés.</source>
        <translation>{month}: reopened (reason: {reason}); the figures are computed again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{month} : mois ouvert.</source>
        <translation>{month}: open month.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Réservé à la coordination.</source>
        <translation>For coordinators only.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Clôturer {month} ?</source>
        <translation>Close {month}?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Les chiffres du mois seront figés : les rapports de ce mois ne changeront plus. Les corrections restent possibles et seront enregistrées comme modifications après clôture.</source>
        <translation>The month&apos;s figures will be frozen: its reports will no longer change. Corrections remain possible and will be recorded as amendments after closing.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Le mois n&apos;a pas été clôturé.</source>
        <translation>The month was not closed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{month} clôturé.</source>
        <translation>{month} closed.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Le mois n&apos;a pas été rouvert.</source>
        <translation>The month was not reopened.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rouvrir {month}</source>
        <translation>Reopen {month}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pourquoi rouvrir ce mois ? (obligatoire, enregistré, 200 caractères au plus)</source>
        <translation>Why reopen this month? (required, logged, 200 characters at most)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rouvrir</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Motif de réouverture</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Classeur Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Document PDF (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enregistrer le rapport</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rapport</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Écriture de {name}…</source>
        <translation>Writing {name}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rapport annulé : aucun fichier n&apos;a été écrit.</source>
        <translation>Report cancelled: no file was written.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Le rapport n&apos;a pas été écrit.</source>
        <translation>The report was not written.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Médios</source>
        <translation>Médios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rapport écrit : {name}</source>
        <translation>Report written: {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ouvrir le fichier</source>
        <translation>Open the file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ouvrir le dossier</source>
        <translation>Open the folder</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <location filename="../../medios/services/retention.py" line="+59"/>
        <source>la durée de conservation va de {low} à {high} mois.</source>
        <translation>the retention period goes from {low} to {high} months.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>seules la coordination et l&apos;administration fixent la conservation.</source>
        <translation>only coordinators and administrators set the retention.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>seules la coordination et l&apos;administration purgent les observations.</source>
        <translation>only coordinators and administrators purge the notes.</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <location filename="../../medios/services/rules.py" line="+102"/>
        <location line="+16"/>
        <source>valeur obligatoire.</source>
        <translation>value required.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>code « {code} » inconnu dans le vocabulaire {vocab} ({version}). Codes autorisés : {allowed}.</source>
        <translation>code “{code}” unknown in the vocabulary {vocab} ({version}). Allowed codes: {allowed}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>code INSEE « {code} » invalide : 5 chiffres attendus (2A ou 2B pour la Corse).</source>
        <translation>invalid INSEE code “{code}”: 5 digits expected (2A or 2B for Corsica).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>code QPV « {code} » invalide : « QN » suivi de 6 caractères attendu (ou HORS_QPV).</source>
        <translation>invalid QPV code “{code}”: “QN” followed by 6 characters expected (or HORS_QPV).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>texte illisible (octet non UTF-8, souvent un accent) : retapez-le.</source>
        <translation>unreadable text (a byte that is not UTF-8, often an accent): type it again.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>la date {date} est dans le futur.</source>
        <translation>the date {date} is in the future.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>date antérieure au 01/01/2000 : vérifiez l&apos;année.</source>
        <translation>date before 01/01/2000: check the year.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>entier entre {low} et {high} minutes attendu, reçu {value}.</source>
        <translation>whole number between {low} and {high} minutes expected, got {value}.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>entier supérieur ou égal à 1 attendu, reçu {value}.</source>
        <translation>whole number of at least 1 expected, got {value}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{value} personnes : {max} au plus par ligne.</source>
        <translation>{value} people: at most {max} per row.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>la combinaison {type} / {age} / {sex} figure deux fois : additionnez les nombres.</source>
        <translation>the combination {type} / {age} / {sex} appears twice: add the numbers together.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>le partenaire {type} avec le rôle {role} figure deux fois.</source>
        <translation>the partner {type} with the role {role} appears twice.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>aucun sous-registre</source>
        <translation>no sub-register</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>« {sub} » n&apos;est pas un sous-registre de « {registre} ». Valeurs autorisées pour {registre} : {allowed}.</source>
        <translation>“{sub}” is not a sub-register of “{registre}”. Allowed values for {registre}: {allowed}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>un même motif est indiqué deux fois.</source>
        <translation>the same reason is given twice.</translation>
    </message>
    <message>
        <location filename="../../medios/services/interchange/importer.py" line="-743"/>
        <location line="+101"/>
        <location filename="../../medios/services/rules.py" line="-121"/>
        <source>{n} caractères : {max} au plus.</source>
        <translation>{n} characters: {max} at most.</translation>
    </message>
    <message>
        <location filename="../../medios/services/rules.py" line="+135"/>
        <source>Le texte semble contenir un numéro de téléphone.</source>
        <translation>The text seems to contain a phone number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Le texte semble contenir une adresse e-mail.</source>
        <translation>The text seems to contain an e-mail address.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Le texte semble contenir un numéro de sécurité sociale.</source>
        <translation>The text seems to contain a social security number.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>La personne peut demander à lire ce texte : restez factuel, sans santé, origine, religion ni infraction.</source>
        <translation>The person may ask to read this text: stay factual, with nothing about health, origin, religion or offences.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../medios/ui/pages/settings.py" line="+39"/>
        <source>Sections des paramètres</source>
        <translation>Settings sections</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../medios/ui/settings/sections.py" line="+110"/>
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Utilisateurs</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../medios/ui/settings/sections.py" line="+395"/>
        <source>Utilisateur courant</source>
        <translation>Current user</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../medios/ui/settings/sections.py" line="+125"/>
        <source>Dispositifs</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../medios/ui/settings/territories.py" line="+80"/>
        <source>Territoires</source>
        <translation>Territories</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../medios/ui/settings/sections.py" line="+109"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../medios/ui/settings/sections.py" line="+105"/>
        <source>Partenaires</source>
        <translation>Partners</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../medios/ui/settings/sections.py" line="+66"/>
        <source>Langue</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{title} (Ctrl+Tab : section suivante)</source>
        <translation>{title} (Ctrl+Tab: next section)</translation>
    </message>
    <message>
        <location filename="../../medios/ui/settings/base.py" line="+223"/>
        <source>Nou&amp;veau</source>
        <translation>Ne&amp;w</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vider le formulaire pour ajouter un élément</source>
        <translation>Clear the form to add an item</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../medios/ui/settings/sections.py" line="-717"/>
        <location line="+734"/>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enregistrer ce formulaire</source>
        <translation>Save this form</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ret&amp;irer…</source>
        <translation>Ret&amp;ire…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retirer l&apos;élément choisi : il n&apos;est plus proposé, son historique est gardé</source>
        <translation>Retire the chosen item: it is no longer offered, its history is kept</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rétabl&amp;ir</source>
        <translation>Rest&amp;ore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rétablir l&apos;élément retiré choisi : il est de nouveau proposé</source>
        <translation>Restore the chosen retired item: it is offered again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Afficher les éléments retirés</source>
        <translation>Show retired items</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lister les éléments retirés pour en rétablir un</source>
        <translation>List the retired items to restore one</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Élément retiré : rétablissez-le pour le corriger</source>
        <translation>Retired item: restore it to correct it</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+55"/>
        <location line="+26"/>
        <source>Correction de l&apos;élément choisi</source>
        <translation>Correcting the chosen item</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Choisissez un élément retiré à rétablir</source>
        <translation>Choose a retired item to restore</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nouvel élément</source>
        <translation>New item</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+8"/>
        <source>L&apos;élément n&apos;a pas été enregistré.</source>
        <translation>The item was not saved.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enregistré.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>L&apos;élément n&apos;a pas été rétabli.</source>
        <translation>The item was not restored.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rétabli.</source>
        <translation>Restored.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Il ne sera plus proposé à la saisie ; les fiches qui le citent le gardent et son historique est conservé.</source>
        <translation>It will no longer be offered for entry; the records that name it keep it and its history is kept.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>L&apos;élément n&apos;a pas été retiré.</source>
        <translation>The item was not retired.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Retiré.</source>
        <translation>Retired.</translation>
    </message>
    <message>
        <location filename="../../medios/ui/settings/sections.py" line="-877"/>
        <source>La personne peut demander à lire ce texte : restez factuel, sans santé, origine, religion ni infraction. Les observations ne sont jamais imprimées ni exportées.</source>
        <translation>The person may ask to read this text: keep to the facts, no health, origin, religion or offence. Notes are never printed or exported.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>La structure employeuse, une par installation. Le SIRET n&apos;est jamais exporté.</source>
        <translation>The employing structure, one per installation. The SIRET is never exported.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Permettre les observations libres dans les fiches</source>
        <translation>Allow free-text notes in the records</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Nom de la structure :</source>
        <translation>&amp;Name of the structure:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statut j&amp;uridique :</source>
        <translation>Legal stat&amp;us:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;SIRET :</source>
        <translation>&amp;SIRET:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>14 chiffres, facultatif.</source>
        <translation>14 digits, optional.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Jours fériés :</source>
        <translation>Public &amp;holidays:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sert à dater les dimanches et jours fériés des fiches.</source>
        <translation>Used to mark the Sundays and public holidays of the records.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Identifiant o&amp;bservatoire :</source>
        <translation>O&amp;bservatory identifier:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Donné par l&apos;observatoire, nécessaire pour lui exporter les bilans ; facultatif.</source>
        <translation>Given by the observatory, needed to export reports to it; optional.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Réseaux :</source>
        <translation>&amp;Networks:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certification &amp;AFNOR :</source>
        <translation>&amp;AFNOR certification:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>« — » : pas de certification.</source>
        <translation>“—”: no certification.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Commune du siège (code INSEE) :</source>
        <translation>Head office &amp;municipality (INSEE code):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Observations :</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aperçu du logo</source>
        <translation>Logo preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choisir une &amp;image…</source>
        <translation>Choose an &amp;image…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retirer le lo&amp;go</source>
        <translation>Remove the lo&amp;go</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Logo des bilans :</source>
        <translation>&amp;Logo of the reports:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PNG ou JPEG, 1 Mo au plus ; imprimé en haut des bilans PDF et Excel. Enregistré aussitôt.</source>
        <translation>PNG or JPEG, 1 MB at most; printed at the top of the PDF and Excel reports. Saved at once.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enregistrer la structure</source>
        <translation>Save the structure</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>La structure n&apos;a pas pu être lue.</source>
        <translation>The structure could not be read.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Aucun logo</source>
        <translation>No logo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Logo des bilans</source>
        <translation>Logo of the reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images PNG ou JPEG (*.png *.jpg *.jpeg)</source>
        <translation>PNG or JPEG images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Le logo n&apos;a pas été enregistré.</source>
        <translation>The logo was not saved.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logo enregistré.</source>
        <translation>Logo saved.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Le logo n&apos;a pas été retiré.</source>
        <translation>The logo was not removed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logo retiré.</source>
        <translation>Logo removed.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>La structure n&apos;a pas été enregistrée.</source>
        <translation>The structure was not saved.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Structure enregistrée.</source>
        <translation>Structure saved.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Retirer l&apos;utilisateur « {name} » ?</source>
        <translation>Retire the user &quot;{name}&quot;?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Utilisateurs et médiateurs</source>
        <translation>Users and mediators</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Nom :</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rôle :</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Pseudonyme :</source>
        <translation>&amp;Pseudonym:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attribué à la création (MED-…) ; modifiable pour régler un conflit entre deux postes.</source>
        <translation>Assigned on creation (MED-…); may be changed to settle a conflict between two computers.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Contrat :</source>
        <translation>&amp;Contract:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quotité :</source>
        <translation>&amp;Working time:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>De 10 à 100 % (ETP) ; « — » : non renseignée.</source>
        <translation>From 10 to 100 % (FTE); “—”: not given.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Heures par semaine :</source>
        <translation>&amp;Hours per week:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>« — » : 35 h × quotité (24,5 h pour 70 %).</source>
        <translation>“—”: 35 h × working time (24.5 h for 70 %).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Qualificati&amp;ons :</source>
        <translation>Qualificati&amp;ons:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>En&amp;trée :</source>
        <translation>S&amp;tarted on:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Sortie :</source>
        <translation>&amp;Left on:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>« — » : toujours en poste.</source>
        <translation>“—”: still in post.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>— ({hours} h par défaut)</source>
        <translation>— ({hours} h by default)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>attribué à l&apos;enregistrement</source>
        <translation>assigned when saved</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Le nom reste sur cet ordinateur ; les bilans et fichiers d&apos;échange ne montrent que le pseudonyme. L&apos;administration donne à chacun un compte de connexion (identifiant et mot de passe).</source>
        <translation>The name stays on this computer; reports and exchange files only show the pseudonym. The administration gives each user a sign-in account (login and password).</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Compte de &amp;connexion…</source>
        <translation>Sign-in &amp;account…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identifiant et mot de passe de cet utilisateur (administration)</source>
        <translation>This user&apos;s login and password (administration)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compte de connexion</source>
        <translation>Sign-in account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compte</source>
        <translation>Account</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compte :</source>
        <translation>Account:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>identifiant « {login} »</source>
        <translation>login “{login}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pas de compte</source>
        <translation>no account</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Compte de {pseudonym} enregistré.</source>
        <translation>Account of {pseudonym} saved.</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Choisissez qui utilise cet ordinateur : ses fiches portent son pseudonyme. Quand plusieurs utilisateurs ont un compte (identifiant et mot de passe), Médios demande qui est là au démarrage.</source>
        <translation>Choose who uses this computer: their records carry their pseudonym. When several users have an account (login and password), Médios asks who is there at start.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Utilisateur :</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Utiliser ce &amp;poste sous ce nom</source>
        <translation>Use this com&amp;puter as this user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choisir l&apos;utilisateur courant</source>
        <translation>Choose the current user</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Changer mon &amp;mot de passe…</source>
        <translation>Change my &amp;password…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changer mon mot de passe</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Utilisateur &amp;actuel :</source>
        <translation>Current us&amp;er:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Après ce temps sans activité, la fenêtre se verrouille et demande le mot de passe ; ce qui était saisi est gardé (quand l&apos;utilisateur s&apos;est connecté par son compte)</source>
        <translation>After this time without activity, the window locks and asks for the password; what was typed is kept (when the user signed in with their account)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Verrouiller après :</source>
        <translation>&amp;Lock after:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Les utilisateurs n&apos;ont pas pu être lus.</source>
        <translation>The users could not be read.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Aucun utilisateur</source>
        <translation>No user</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Mot de passe changé.</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ajoutez d&apos;abord un utilisateur (section « Utilisateurs »).</source>
        <translation>Add a user first (&quot;Users&quot; section).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Utilisateur courant : {user}</source>
        <translation>Current user: {user}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Retirer le dispositif « {name} » ?</source>
        <translation>Retire the programme &quot;{name}&quot;?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>« Médiation habitat bailleur X », « correspondants de nuit »… Le domaine pré-remplit les fiches.</source>
        <translation>&quot;Housing mediation for landlord X&quot;, &quot;night wardens&quot;… The domain pre-fills the records.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../medios/ui/settings/territories.py" line="+20"/>
        <source>&amp;Libellé :</source>
        <translation>&amp;Label:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Domaine principal :</source>
        <translation>Main &amp;domain:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dé&amp;but :</source>
        <translation>&amp;Begins:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fin :</source>
        <translation>&amp;Ends:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>« — » : pas de fin prévue.</source>
        <translation>&quot;—&quot;: no planned end.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fina&amp;ncements :</source>
        <translation>Fu&amp;nding:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Territoires :</source>
        <translation>&amp;Territories:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ceux de la liste de la section « Territoires ».</source>
        <translation>Those of the list in the “Territories” section.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Plages couvertes :</source>
        <translation>&amp;Time bands covered:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Commanditaires :</source>
        <translation>&amp;Commissioners:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Des partenaires de l&apos;annuaire.</source>
        <translation>Partners from the directory.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Retirer le site « {name} » ?</source>
        <translation>Retire the site &quot;{name}&quot;?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lieux nommés (« Résidence Les Tilleuls », « Collège Pasteur ») qui pré-remplissent les fiches.</source>
        <translation>Named places (&quot;Résidence Les Tilleuls&quot;, &quot;Collège Pasteur&quot;) that pre-fill the records.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>QN09301M, HORS_QPV ou vide</source>
        <translation>QN09301M, HORS_QPV or empty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Nom du site :</source>
        <translation>&amp;Name of the site:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Type de lieu :</source>
        <translation>&amp;Type of place:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+105"/>
        <source>&amp;Commune (code INSEE) :</source>
        <translation>&amp;Commune (INSEE code):</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>&amp;QPV :</source>
        <translation>&amp;QPV:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Code &amp;UAI :</source>
        <translation>&amp;UAI code:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Établissements scolaires : 7 chiffres et une lettre.</source>
        <translation>Schools: 7 digits and a letter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>É&amp;ducation prioritaire :</source>
        <translation>Priority e&amp;ducation:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Bailleur :</source>
        <translation>&amp;Landlord:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sites d&apos;habitat : un partenaire de l&apos;annuaire.</source>
        <translation>Housing sites: a partner from the directory.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Retirer « {name} » de l&apos;annuaire ?</source>
        <translation>Retire &quot;{name}&quot; from the directory?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>L&apos;annuaire des organismes vers qui l&apos;on oriente ou que l&apos;on alerte. Les contacts restent sur ce poste.</source>
        <translation>The directory of the organisations people are referred to or that are alerted. Contacts stay on this computer.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Organisme :</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Type :</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co&amp;ntact :</source>
        <translation>Co&amp;ntact:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Télé&amp;phone :</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-&amp;mail :</source>
        <translation>E-&amp;mail:</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Le français est la langue de Médios ; l&apos;anglais est complet.</source>
        <translation>French is the language of Médios; the English translation is complete.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Langue du système</source>
        <translation>System language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Langue de la fenêtre :</source>
        <translation>&amp;Language of the window:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>La nouvelle langue s&apos;appliquera au prochain démarrage de Médios.</source>
        <translation>The new language will apply the next time Médios starts.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enregistrer la langue</source>
        <translation>Save the language</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Langue enregistrée : elle s&apos;appliquera au prochain démarrage.</source>
        <translation>Language saved: it will apply at the next start.</translation>
    </message>
    <message>
        <location filename="../../medios/ui/settings/territories.py" line="-29"/>
        <source>Retirer le territoire « {name} » de la liste ?</source>
        <translation>Retire the territory &quot;{name}&quot; from the list?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Les communes, QPV, EPCI… où la structure intervient, avec leurs codes officiels. Aucune liste nationale n&apos;est fournie : saisissez-les, collez-les ou importez le fichier CSV officiel (COG, QPV).</source>
        <translation>The communes, QPV, EPCI… where the structure works, with their official codes. No national list is shipped: type them, paste them or import the official CSV file (COG, QPV).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Niveau :</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;ode :</source>
        <translation>C&amp;ode:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Niveau, code et millésime ne se corrigent pas.</source>
        <translation>Level, code and vintage cannot be corrected.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Millésime :</source>
        <translation>&amp;Vintage:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ratt&amp;achement :</source>
        <translation>P&amp;arent:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Par exemple la commune d&apos;un QPV.</source>
        <translation>For example the commune of a QPV.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Coller une liste ou importer un fichier CSV</source>
        <translation>Paste a list or import a CSV file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Liste de territoires à coller</source>
        <translation>List of territories to paste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>93066;Saint-Denis
93001;Aubervilliers
(ou « code libellé » par ligne)</source>
        <translation>93066;Saint-Denis
93001;Aubervilliers
(or &quot;code label&quot; per line)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Niveau par défaut des lignes</source>
        <translation>Default level of the lines</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Millésime par défaut des lignes</source>
        <translation>Default vintage of the lines</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ouvrir un &amp;fichier CSV…</source>
        <translation>Open a CSV &amp;file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lire un fichier CSV (UTF-8) dans la zone de texte</source>
        <translation>Read a CSV file (UTF-8) into the text box</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A&amp;perçu</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vérifier les lignes sans rien enregistrer</source>
        <translation>Check the lines without saving anything</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A&amp;jouter ces territoires</source>
        <translation>Add t&amp;hese territories</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ajouter toutes les lignes, ou aucune si l&apos;une est refusée</source>
        <translation>Add every line, or none if one is refused</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lecture en cours</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Aperçu des territoires</source>
        <translation>Preview of the territories</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ligne</source>
        <translation>Line</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niveau</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Libellé</source>
        <translation>Label</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Millésime</source>
        <translation>Vintage</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Une ligne par territoire : code ; libellé ; millésime ; rattachement (séparateur « ; », tabulation ou « , »), ou une ligne d&apos;en-tête (niveau, code, libellé…, ou celle des fichiers officiels).</source>
        <translation>One line per territory: code; label; vintage; parent (separator &quot;;&quot;, tab or &quot;,&quot;), or a header line (niveau, code, libellé…, or that of the official files).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Niveau par défau&amp;t :</source>
        <translation>Defaul&amp;t level:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Millésime par &amp;défaut :</source>
        <translation>&amp;Default vintage:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Importer des territoires</source>
        <translation>Import territories</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Le fichier n&apos;a pas pu être lu.</source>
        <translation>The file could not be read.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>… et {n} autres erreurs.</source>
        <translation>… and {n} more errors.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} lignes lues ; rien ne sera ajouté tant qu&apos;une ligne est refusée.</source>
        <translation>{n} lines read; nothing will be added while a line is refused.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} territoires prêts à être ajoutés.</source>
        <translation>{n} territories ready to be added.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Aucun territoire n&apos;a été ajouté.</source>
        <translation>No territory was added.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Les territoires n&apos;ont pas été ajoutés.</source>
        <translation>The territories were not added.</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+2"/>
        <source>{n} territoires ajoutés.</source>
        <translation>{n} territories added.</translation>
    </message>
</context>
<context>
    <name>StorageError</name>
    <message>
        <location filename="../../medios/db/engine.py" line="+72"/>
        <source>La base de données est occupée par un autre programme Médios. Fermez-le puis réessayez.</source>
        <translation>The database is in use by another Médios window. Close it, then try again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Le disque est plein : libérez de la place puis réessayez.</source>
        <translation>The disk is full: free some space, then try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erreur d&apos;écriture sur le disque : vérifiez le support (clé USB retirée ?) puis réessayez.</source>
        <translation>Disk write error: check the drive (USB stick removed?), then try again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>La base de données est en lecture seule : vérifiez les droits du dossier.</source>
        <translation>The database is read-only: check the folder&apos;s permissions.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Impossible d&apos;ouvrir la base de données : vérifiez que le dossier existe et est accessible.</source>
        <translation>Cannot open the database: check that the folder exists and is accessible.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ce fichier n&apos;est pas une base Médios lisible (fichier endommagé ou clé de chiffrement incorrecte).</source>
        <translation>This file is not a readable Médios database (damaged file or wrong encryption key).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cette base est chiffrée et sa clé n&apos;est pas disponible : déverrouillez-la avec la phrase secrète ou la clé de secours.</source>
        <translation>This database is encrypted and its key is not available: unlock it with the passphrase or the recovery key.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>La base de données est endommagée : restaurez la dernière sauvegarde.</source>
        <translation>The database is damaged: restore the latest backup.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accès à la base de données refusé : vérifiez les droits du fichier et du dossier.</source>
        <translation>Access to the database denied: check the permissions of the file and its folder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Le serveur de base de données ne répond pas : vérifiez la connexion puis réessayez.</source>
        <translation>The database server does not answer: check the connection, then try again.</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Base de données introuvable : {path}. Créez-la avec « medios init ».</source>
        <translation>Database not found: {path}. Create it with “medios init”.</translation>
    </message>
</context>
<context>
    <name>Structure</name>
    <message>
        <location filename="../../medios/services/overview.py" line="+64"/>
        <location filename="../../medios/services/structure.py" line="+120"/>
        <source>Aucune structure n&apos;est encore enregistrée : lancez « medios init --structure NOM ».</source>
        <translation>No organisation is registered yet: run “medios init --structure NAME”.</translation>
    </message>
    <message>
        <location filename="../../medios/services/structure.py" line="+43"/>
        <source>valeur obligatoire.</source>
        <translation>value required.</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>le nom de la structure est obligatoire.</source>
        <translation>the name of the organisation is required.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>quotité entre 10 et 100 % attendue.</source>
        <translation>working time between 10 and 100 % expected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>entre 1 h et 48 h par semaine attendues.</source>
        <translation>between 1 h and 48 h a week expected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>la sortie précède l&apos;entrée.</source>
        <translation>the leaving date is before the start date.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>une structure est déjà enregistrée dans cette base.</source>
        <translation>an organisation is already registered in this database.</translation>
    </message>
    <message>
        <location line="+63"/>
        <location line="+517"/>
        <source>« {name} » : « MED- » suivi de 2 à 28 lettres ou chiffres attendu.</source>
        <translation>“{name}”: “MED-” followed by 2 to 28 letters or digits expected.</translation>
    </message>
    <message>
        <location line="-503"/>
        <location line="+462"/>
        <source>aucun médiateur actif ne porte le pseudonyme {name}.</source>
        <translation>no active mediator has the pseudonym {name}.</translation>
    </message>
    <message>
        <location line="-453"/>
        <location line="+503"/>
        <source>le pseudonyme {name} est déjà pris (ou l&apos;a été : il n&apos;est jamais réutilisé).</source>
        <translation>the pseudonym {name} is taken (or was: pseudonyms are never reused).</translation>
    </message>
    <message>
        <location line="-405"/>
        <source>territoire absent de la liste (ou retiré).</source>
        <translation>territory not in the list (or retired).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>commanditaire absent de l&apos;annuaire (ou retiré).</source>
        <translation>commissioner not in the directory (or retired).</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+446"/>
        <source>le libellé du dispositif est obligatoire.</source>
        <translation>the name of the programme is required.</translation>
    </message>
    <message>
        <location line="-441"/>
        <location line="+446"/>
        <source>la fin précède le début.</source>
        <translation>the end is before the start.</translation>
    </message>
    <message>
        <location line="-438"/>
        <location line="+451"/>
        <source>un dispositif porte déjà ce nom.</source>
        <translation>a programme already has this name.</translation>
    </message>
    <message>
        <location line="-359"/>
        <source>code UAI réservé aux établissements scolaires.</source>
        <translation>a UAI code is for schools only.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>code UAI « {code} » invalide : 7 chiffres et une lettre attendus.</source>
        <translation>invalid UAI code “{code}”: 7 digits and a letter expected.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>éducation prioritaire réservée aux établissements scolaires.</source>
        <translation>priority education is for schools only.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>bailleur réservé aux sites d&apos;habitat.</source>
        <translation>a landlord is for housing sites only.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>bailleur absent de l&apos;annuaire (ou retiré).</source>
        <translation>landlord not in the directory (or retired).</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>identifiant observatoire invalide : 3 à 64 lettres, chiffres, « - », « _ » ou « . ».</source>
        <translation>invalid observatory identifier: 3 to 64 letters, digits, “-”, “_” or “.”.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>la date de certification est dans le futur.</source>
        <translation>the certification date is in the future.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>14 chiffres attendus (espaces permis).</source>
        <translation>14 digits expected (spaces allowed).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>numéro SIRET invalide (clé de contrôle) : vérifiez-le.</source>
        <translation>invalid SIRET number (check digit): check it.</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>aucun médiateur retiré ne porte le pseudonyme {name}.</source>
        <translation>no retired mediator has the pseudonym {name}.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>aucun dispositif actif ne s&apos;appelle « {name} ».</source>
        <translation>no active programme is called &quot;{name}&quot;.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>un dispositif actif porte déjà ce nom : renommez-le avant de rétablir celui-ci.</source>
        <translation>a live scheme already has this name: rename it before restoring this one.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>aucun dispositif retiré ne s&apos;appelle « {name} ».</source>
        <translation>no retired scheme is called “{name}”.</translation>
    </message>
    <message>
        <location filename="../../medios/services/directory.py" line="-277"/>
        <location filename="../../medios/services/structure.py" line="-469"/>
        <source>le nom du site est obligatoire.</source>
        <translation>the name of the site is required.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../medios/services/structure.py" line="+12"/>
        <source>un site porte déjà ce nom.</source>
        <translation>a site already has this name.</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>aucun site actif ne s&apos;appelle « {name} ».</source>
        <translation>no active site is called &quot;{name}&quot;.</translation>
    </message>
</context>
<context>
    <name>Territories</name>
    <message>
        <location filename="../../medios/services/territories.py" line="+50"/>
        <source>code INSEE à 5 caractères (2A ou 2B pour la Corse)</source>
        <translation>a 5-character INSEE code (2A or 2B for Corsica)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>« QN » suivi de 6 caractères</source>
        <translation>“QN” followed by 6 characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>numéro SIREN à 9 chiffres</source>
        <translation>a 9-digit SIREN number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 caractères (01 à 95, 2A, 2B) ou 971 à 976</source>
        <translation>2 characters (01 to 95, 2A, 2B) or 971 to 976</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code à 2 chiffres</source>
        <translation>a 2-digit code</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>« {code} » invalide pour le niveau {level} : {hint} attendu.</source>
        <translation>“{code}” is not valid for level {level}: {hint} expected.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>le libellé est obligatoire.</source>
        <translation>the label is required.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>le millésime est obligatoire (ex. 2024).</source>
        <translation>the vintage is required (e.g. 2024).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>la fin de validité précède son début.</source>
        <translation>the end of validity is before its start.</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+336"/>
        <source>ce territoire figure déjà dans la liste.</source>
        <translation>this territory is already in the list.</translation>
    </message>
    <message>
        <location line="-331"/>
        <location line="+333"/>
        <source>ce territoire a été supprimé de la liste pour ce millésime : indiquez un autre millésime.</source>
        <translation>this territory was deleted from the list for this vintage: enter another vintage.</translation>
    </message>
    <message>
        <location line="-203"/>
        <source>aucun territoire retiré {level} {code}.</source>
        <translation>no retired territory {level} {code}.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>le territoire {level} {code} ne figure pas dans la liste.</source>
        <translation>territory {level} {code} is not in the list.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Ligne {line}, {field} : {message}</source>
        <translation>Line {line}, {field}: {message}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>plus de {n} lignes : découpez le fichier.</source>
        <translation>more than {n} lines: split the file.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{code} figure déjà ligne {line}.</source>
        <translation>{code} is already on line {line}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>aucun territoire à ajouter.</source>
        <translation>no territory to add.</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <location filename="../../medios/ui/transfer.py" line="+70"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Annulation en cours…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{path} : {reason}.</source>
        <translation>{path}: {reason}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Importer des interventions</source>
        <translation>Import interventions</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <source>Fichiers d&apos;échange JSON Lines ({pattern});;Tous les fichiers (*)</source>
        <translation>JSON Lines interchange files ({pattern});;All files (*)</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Import des interventions</source>
        <translation>Importing interventions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import de {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import annulé : rien n&apos;a été importé.</source>
        <translation>Import cancelled: nothing was imported.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rien n&apos;a été importé : aucune ligne de ce fichier n&apos;est valide.</source>
        <translation>Nothing was imported: no line of this file is valid.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Aucune intervention importée : %n ligne(s) en erreur. Importer quand même les lignes sans erreur ?</source>
        <translation>
            <numerusform>No intervention imported: %n line with errors. Import the lines without errors anyway?</numerusform>
            <numerusform>No intervention imported: %n lines with errors. Import the lines without errors anyway?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>L&apos;import a échoué : rien n&apos;a été importé.</source>
        <translation>The import failed: nothing was imported.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import terminé.</source>
        <translation>Import finished.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporter les interventions</source>
        <translation>Export interventions</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export des interventions</source>
        <translation>Exporting interventions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export vers {name}…</source>
        <translation>Exporting to {name}…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export annulé : aucun fichier n&apos;a été écrit.</source>
        <translation>Export cancelled: no file was written.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>L&apos;export a échoué : aucun fichier n&apos;a été écrit.</source>
        <translation>The export failed: no file was written.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n intervention(s) exportée(s) dans {path}.</source>
        <translation>
            <numerusform>%n intervention exported to {path}.</numerusform>
            <numerusform>%n interventions exported to {path}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ce fichier contient les heures des interventions et les pseudonymes des médiateurs : conservez-le comme la base elle-même. Les observations libres et les noms n&apos;y figurent pas.</source>
        <translation>This file holds the times of the interventions and the mediators&apos; pseudonyms: keep it as safe as the database itself. Free-text notes and names are not in it.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../medios/ui/keys.py" line="-186"/>
        <source>Base chiffrée</source>
        <translation>Encrypted database</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>La base « {name} » est chiffrée et sa clé n&apos;est pas dans le trousseau de ce poste. Saisissez sa phrase secrète, ou la clé de secours imprimée à sa création.</source>
        <translation>The database “{name}” is encrypted and its key is not in this computer&apos;s keyring. Enter its passphrase, or the recovery key printed at its creation.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Phrase secrète ou clé de secours</source>
        <translation>Passphrase or recovery key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Afficher ce qui est saisi</source>
        <translation>Show what is typed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Phrase secrète ou clé de secours :</source>
        <translation>Passphrase or recovery key:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Déverrouiller</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quitter</source>
        <translation>Quit</translation>
    </message>
</context>
</TS>
