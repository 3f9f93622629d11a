// `npm run export:indicateurs -- --mois=AAAA-MM [--dossier=CHEMIN] [--redeposer]` : les indicateurs du §4.3 d'un mois, en
// CSV, déposés sur le point d'échange de France compétences quand TRANSMISSION_URL est configurée (voir README,
// « Transmission à France compétences »). Le serveur le fait seul le jour prévu (PLANIFICATION) et reprend lui-même, les
// jours suivants, un mois en échec ou manqué ; la commande sert à un mois plus ancien ou à un redépôt. N'affiche que le
// nom du fichier.
import { ligneDeCommande } from './ligne-de-commande.ts';
import { fermerDependances, ouvrirDependances } from '../construire.ts';
import { decrireCible } from '../transmission/cible.ts';
import { deposerIndicateurs } from '../transmission/indicateurs.ts';

const AIDE = `Indicateurs d'un mois (cahier des charges §4.3) : fichier CSV et dépôt FTPS

  npm run export:indicateurs -- --mois=AAAA-MM [--dossier=CHEMIN] [--redeposer]

  --mois       le mois, par exemple 2026-11
  --dossier    dossier de destination ; par défaut EXPORT_DIR (./data/exports)
  --redeposer  dépose à nouveau un mois déjà déposé avec succès

Sans TRANSMISSION_URL, le fichier est écrit sans être déposé.
Codes de sortie : 0 réussi, 1 échec du dépôt (le fichier écrit reste), 2 paramètre invalide.`;

const ligne = ligneDeCommande(AIDE, { mois: { type: 'string' }, dossier: { type: 'string' }, redeposer: { type: 'boolean' } });
// Déclaré avec son type : TypeScript sait alors qu'un refus ne revient pas.
const refuser: (message: string) => never = ligne.refuser;
const arguments_ = ligne.options;
const mois = arguments_.mois ?? '';
if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(mois)) refuser(`Le mois « ${mois.slice(0, 20)} » n’existe pas : écrivez --mois=AAAA-MM.`);
if (arguments_.dossier?.trim() === '') refuser('Le dossier de destination (--dossier) ne peut pas être vide.');
const env = ligne.environnement();

try {
  const deps = await ouvrirDependances(env);
  const { cible } = deps.transmission;
  const dossier = arguments_.dossier ?? deps.transmission.dossier;
  const r = await deposerIndicateurs(deps, { mois, dossier, cible, redeposer: arguments_.redeposer });
  await fermerDependances(deps);
  if (!r.ok) {
    process.stderr.write(`${r.message}\n`);
    process.exit(1);
  }
  if (r.etat === 'deja-depose') console.log(`Les indicateurs de ${mois} sont déjà déposés : rien à faire (--redeposer pour les déposer à nouveau).`);
  else
    console.log(
      r.etat === 'depose'
        ? `Indicateurs de ${mois} écrits dans ${dossier} (${r.fichier}) et déposés sur ${decrireCible(cible!)}.`
        : `Indicateurs de ${mois} écrits dans ${dossier} (${r.fichier}) ; TRANSMISSION_URL absente : rien n’est déposé.`,
    );
} catch (erreur) {
  process.stderr.write(`Export des indicateurs de ${mois} impossible : ${(erreur as Error).message}\n`);
  process.exit(1);
}
