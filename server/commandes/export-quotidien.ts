// `npm run export:quotidien -- [--date=AAAA-MM-JJ] [--dossier=CHEMIN] [--redeposer]` : les fichiers de l'annexe 2 d'un
// jour, déposés sur le point d'échange de France compétences quand TRANSMISSION_URL est configurée (voir README,
// « Transmission à France compétences »). N'affiche que des nombres et des noms de fichiers, jamais de donnée
// personnelle ni le mot de passe.
import { ligneDeCommande } from './ligne-de-commande.ts';
import { fermerDependances, fichiersDepuisEnvironnement, ouvrirDependances } from '../construire.ts';
import { hierAParis, lireDateExport } from '../export/date.ts';
import { DEFINITIONS } from '../export/quotidien.ts';
import { decrireCible, lireCible } from '../transmission/cible.ts';
import { exporterEtDeposer } from '../transmission/service.ts';

const AIDE = `Export quotidien des données de l'annexe 2 (bénéficiaires, UO, réclamations, livrables signés) et dépôt FTPS

  npm run export:quotidien -- [--date=AAAA-MM-JJ] [--dossier=CHEMIN] [--redeposer]

  --date       jour exporté (heure de Paris) ; par défaut la veille
  --dossier    dossier de destination ; par défaut EXPORT_DIR (./data/exports)
  --redeposer  dépose à nouveau un jour déjà déposé avec succès

Sans TRANSMISSION_URL, les fichiers sont écrits sans être déposés.
Codes de sortie : 0 réussi, 1 échec de l'export ou du dépôt (les fichiers écrits restent), 2 paramètre invalide.`;

const ligne = ligneDeCommande(AIDE, { date: { type: 'string' }, dossier: { type: 'string' }, redeposer: { type: 'boolean' } });
// Déclaré avec son type : TypeScript sait alors qu'un refus ne revient pas.
const refuser: (message: string) => never = ligne.refuser;
const arguments_ = ligne.options;
const env = ligne.environnement();
const maintenant = new Date();
const lu = lireDateExport(arguments_.date ?? hierAParis(maintenant), maintenant);
if (!lu.ok) refuser(lu.message);
const dossier = arguments_.dossier ?? fichiersDepuisEnvironnement(env).dossierExports;
if (dossier.trim() === '') refuser('Le dossier de destination (--dossier) ne peut pas être vide.');

const debut = performance.now();
try {
  const cible = env.TRANSMISSION_URL ? lireCible(env.TRANSMISSION_URL, env.TRANSMISSION_CA) : undefined;
  const deps = await ouvrirDependances(env);
  // Le découpage administratif se lit d'un JSON de plusieurs dizaines de Mo : ses temporaires sont rendus avant l'export,
  // qui ajouterait sinon ses propres tampons par-dessus (mémoire de pointe à 1 000 000 lignes : 207 → 196 Mo, `npm run bench -- --suite=export`).
  // `gc` n'existe qu'avec --expose-gc (script export:quotidien de package.json).
  globalThis.gc?.();
  const r = await exporterEtDeposer(deps, { date: lu.date, dossier, cible, redeposer: arguments_.redeposer });
  await fermerDependances(deps);
  if (!r.ok) {
    process.stderr.write(`${r.message}\n`);
    process.exit(1);
  }
  if (r.etat === 'deja-depose') {
    console.log(`Le ${lu.date} a déjà été déposé avec succès : rien à faire (--redeposer pour le déposer à nouveau).`);
  } else {
    const duree = ((performance.now() - debut) / 1000).toFixed(1);
    console.log(
      r.etat === 'depose'
        ? `Export du ${lu.date} écrit dans ${dossier} et déposé sur ${decrireCible(cible!)} en ${duree} s (${r.tentatives} connexion(s)) :`
        : `Export du ${lu.date} écrit dans ${dossier} en ${duree} s (TRANSMISSION_URL absente : rien n’est déposé) :`,
    );
    for (const t of r.manifeste.tables) {
      console.log(
        `  ${t.table === 'livrables' ? 'Livrables signés (PDF)' : DEFINITIONS[t.table].libelle} : ${t.enregistrements} enregistrement(s)`,
      );
      for (const f of t.fichiers) console.log(`    ${f.nom} (${f.octets} octets)`);
    }
  }
} catch (erreur) {
  process.stderr.write(`Export du ${lu.date} impossible : ${(erreur as Error).message}\n`);
  process.exit(1);
}
