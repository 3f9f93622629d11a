// `npm run export:quotidien -- [--date=AAAA-MM-JJ] [--dossier=CHEMIN]` : les fichiers de l'annexe 2 d'un jour (voir README,
// « Export quotidien »). N'affiche que des nombres et des noms de fichiers, jamais de donnée personnelle.
import { parseArgs } from 'node:util';
import { dependancesDepuisEnvironnement, fichiersDepuisEnvironnement } from '../construire.ts';
import { lireEnvironnement } from '../env.ts';
import { hierAParis, lireDateExport } from '../export/date.ts';
import { DEFINITIONS, exporterJour } from '../export/quotidien.ts';

const AIDE = `Export quotidien des données de l'annexe 2 (bénéficiaires, UO 0, réclamations)

  npm run export:quotidien -- [--date=AAAA-MM-JJ] [--dossier=CHEMIN]

  --date     jour exporté (heure de Paris) ; par défaut la veille
  --dossier  dossier de destination ; par défaut EXPORT_DIR (./data/exports)

Codes de sortie : 0 réussi, 1 échec de l'export (aucun fichier laissé), 2 paramètre invalide.`;

function refuser(message: string): never {
  process.stderr.write(`${message}\n\n${AIDE}\n`);
  process.exit(2);
}

function lireArguments() {
  try {
    return parseArgs({ options: { date: { type: 'string' }, dossier: { type: 'string' }, aide: { type: 'boolean' } } }).values;
  } catch {
    return refuser('Option non reconnue : les options permises sont --date, --dossier et --aide.');
  }
}
const arguments_ = lireArguments();
if (arguments_.aide) {
  console.log(AIDE);
  process.exit(0);
}
const env = lireEnvironnement();
const maintenant = new Date();
const lu = lireDateExport(arguments_.date ?? hierAParis(maintenant), maintenant);
if (!lu.ok) refuser(lu.message);
const dossier = arguments_.dossier ?? fichiersDepuisEnvironnement(env).dossierExports;
if (dossier.trim() === '') refuser('Le dossier de destination (--dossier) ne peut pas être vide.');

const debut = performance.now();
try {
  const deps = dependancesDepuisEnvironnement(env);
  const manifeste = exporterJour(deps.db, { date: lu.date, dossier, deploiement: deps.deploiement });
  deps.db.$client.close();
  console.log(`Export du ${lu.date} écrit dans ${dossier} en ${((performance.now() - debut) / 1000).toFixed(1)} s :`);
  for (const t of manifeste.tables) {
    console.log(`  ${DEFINITIONS[t.table].libelle} : ${t.enregistrements} enregistrement(s)`);
    for (const f of t.fichiers) console.log(`    ${f.nom} (${f.octets} octets)`);
  }
} catch (erreur) {
  process.stderr.write(`Export du ${lu.date} impossible : ${(erreur as Error).message}\nAucun fichier de ce jour n’a été laissé.\n`);
  process.exit(1);
}
