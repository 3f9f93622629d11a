// `npm run export:moyens -- --semestre=AAAA-Sn [--dossier=CHEMIN] [--redeposer]` : les moyens et les coûts d'un semestre
// (annexe 2 §4), tels qu'un responsable les a enregistrés sur /espace-conseiller/moyens, écrits en CSV avec leur
// manifeste et déposés sur le point d'échange de France compétences quand TRANSMISSION_URL est configurée (voir README,
// « Transmission à France compétences »). N'affiche que des noms de fichiers et des nombres d'octets.
import { ligneDeCommande } from './ligne-de-commande.ts';
import { fermerDependances, ouvrirDependances } from '../construire.ts';
import { ERREURS_MOYENS } from '../moyens/erreurs.ts';
import { deposerMoyens, libelleSemestre, lireSemestre } from '../moyens/service.ts';
import { decrireCible } from '../transmission/cible.ts';

const AIDE = `Moyens et coûts d'un semestre (annexe 2 §4) : fichier CSV, manifeste et dépôt FTPS

  npm run export:moyens -- --semestre=AAAA-Sn [--dossier=CHEMIN] [--redeposer]

  --semestre   AAAA-S1 (janvier à juin) ou AAAA-S2 (juillet à décembre)
  --dossier    dossier de destination ; par défaut EXPORT_DIR (./data/exports)
  --redeposer  dépose à nouveau la version déjà déposée (une correction se fait sur /espace-conseiller/moyens)

Le relevé est celui qu'un responsable a enregistré sur /espace-conseiller/moyens. Sans TRANSMISSION_URL, les fichiers
sont écrits sans être déposés.
Codes de sortie : 0 réussi, 1 relevé absent ou échec du dépôt, 2 paramètre invalide.`;

const ligne = ligneDeCommande(AIDE, { semestre: { type: 'string' }, dossier: { type: 'string' }, redeposer: { type: 'boolean' } });
// Déclaré avec son type : TypeScript sait alors qu'un refus ne revient pas.
const refuser: (message: string) => never = ligne.refuser;
const arguments_ = ligne.options;
const lu = lireSemestre(arguments_.semestre ?? '');
if (!lu.ok) refuser(ERREURS_MOYENS.SEMESTRE_INVALIDE.message);
const env = ligne.environnement();
if (arguments_.dossier?.trim() === '') refuser('Le dossier de destination (--dossier) ne peut pas être vide.');

try {
  const deps = await ouvrirDependances(env);
  const { cible } = deps.transmission;
  const dossier = arguments_.dossier ?? deps.transmission.dossier;
  const r = await deposerMoyens(deps, { semestre: lu.semestre, dossier, cible, redeposer: arguments_.redeposer, acteur: 'systeme' });
  await fermerDependances(deps);
  const libelle = libelleSemestre(lu.semestre);
  if (!r.ok) {
    process.stderr.write(`${r.message ?? ERREURS_MOYENS[r.erreur].message}\n`);
    process.exit(1);
  }
  if (r.etat === 'deja-depose')
    console.log(
      `Les moyens du ${libelle} (version ${r.version}) sont déjà déposés : rien à faire (--redeposer pour les déposer à nouveau).`,
    );
  else {
    console.log(
      r.etat === 'depose'
        ? `Moyens du ${libelle} (version ${r.version}) écrits dans ${dossier} et déposés sur ${decrireCible(cible!)} :`
        : `Moyens du ${libelle} (version ${r.version}) écrits dans ${dossier} (TRANSMISSION_URL absente : rien n’est déposé) :`,
    );
    for (const f of r.fichiers) console.log(`  ${f.nom} (${f.octets} octets)`);
  }
} catch (erreur) {
  process.stderr.write(`Export des moyens du ${lu.semestre} impossible : ${(erreur as Error).message}\n`);
  process.exit(1);
}
