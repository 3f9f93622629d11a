// Gestion des comptes de l'espace conseiller : `npm run compte -- <commande> [options]`.
// Le mot de passe est lu sur l'entrée standard (jamais en argument : il finirait dans l'historique du shell).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fermerDependances, ouvrirDependances } from '../construire.ts';
import { lireEnvironnement } from '../env.ts';
import { valeurPropre } from '../texte/table.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import { MESSAGES_REFUS, type RaisonRefus } from '../conseiller/politique-mot-de-passe.ts';
import { activerCompte, changerMotDePasse, creerCompte } from '../conseiller/service.ts';

const AIDE = `Comptes de l'espace conseiller

  npm run compte -- creer --identifiant ADRESSE --nom "Prénom Nom" --role conseiller|manager
  npm run compte -- mot-de-passe --identifiant ADRESSE
  npm run compte -- desactiver --identifiant ADRESSE
  npm run compte -- activer --identifiant ADRESSE
  npm run compte -- lister

Le mot de passe est demandé au clavier, ou lu sur la première ligne de l'entrée standard. Il compte 12 caractères
au moins et n'est pas facile à deviner : ni un caractère répété, ni une suite (abcd, 1234, azerty), ni l'identifiant
ou le nom, ni un mot de passe courant. Une phrase de quatre ou cinq mots sans lien entre eux convient :
  printf '%s\\n' "$MOT_DE_PASSE" | npm run compte -- creer --identifiant a@exemple.fr --nom "A B" --role manager
La base utilisée est celle de DATABASE_URL.`;

const MESSAGES: Record<string, string> = {
  IDENTIFIANT_INVALIDE: 'Identifiant invalide : 3 à 120 caractères parmi lettres, chiffres et . _ @ + -.',
  IDENTIFIANT_PRIS: 'Un compte porte déjà cet identifiant.',
  NOM_VIDE: 'Indiquez le nom affiché (--nom).',
  COMPTE_INCONNU: 'Aucun compte ne porte cet identifiant.',
};

async function lireMotDePasse(): Promise<string> {
  const lecteur = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: !!process.stdin.isTTY });
  if (process.stdin.isTTY) process.stderr.write('Mot de passe (12 caractères au moins, difficile à deviner) : ');
  const ligne = await new Promise<string>((resoudre) => lecteur.once('line', resoudre).once('close', () => resoudre('')));
  lecteur.close();
  return ligne.replace(/\r$/, '');
}

function echouer(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function principal() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { identifiant: { type: 'string' }, nom: { type: 'string' }, role: { type: 'string' }, aide: { type: 'boolean' } },
  });
  const commande = positionals[0];
  if (!commande || values.aide) {
    console.log(AIDE);
    return;
  }
  const deps = await ouvrirDependances(lireEnvironnement());
  const { db } = deps;
  try {
    if (commande === 'lister') {
      for (const c of await depotConseillers(db).listerComptes()) console.log(`${c.identifiant}\t${c.role}\t${c.actif ? 'actif' : 'désactivé'}\t${c.nomAffiche}`);
      return;
    }
    const identifiant = values.identifiant ?? echouer('Indiquez --identifiant.');
    let resultat: { ok: true } | { ok: false; erreur: string; raison?: RaisonRefus };
    if (commande === 'creer') {
      const role = values.role;
      if (role !== 'conseiller' && role !== 'manager') echouer('Indiquez --role conseiller ou --role manager.');
      resultat = await creerCompte(deps, { identifiant, nomAffiche: values.nom ?? '', role: role, motDePasse: await lireMotDePasse() });
    } else if (commande === 'mot-de-passe') {
      resultat = await changerMotDePasse(deps, identifiant, await lireMotDePasse());
    } else if (commande === 'desactiver' || commande === 'activer') {
      resultat = await activerCompte(deps, identifiant, commande === 'activer');
    } else {
      echouer(`Commande inconnue : ${commande}.\n\n${AIDE}`);
    }
    if (!resultat.ok) echouer(resultat.raison ? MESSAGES_REFUS[resultat.raison] : (valeurPropre(MESSAGES, resultat.erreur) ?? resultat.erreur));
    console.log(`Fait : ${commande} ${identifiant}.`);
  } finally {
    await fermerDependances(deps);
  }
}

principal().catch((erreur: unknown) =>
  echouer(
    // Une autre commande écrit dans la base depuis plus de 5 s (busy_timeout) : rien n'a été écrit par celle-ci.
    (erreur as { code?: string }).code === 'SQLITE_BUSY'
      ? 'La base est occupée par une autre commande : rien n’a été enregistré. Réessayez dans un instant.'
      : `Erreur : ${(erreur as Error).message}`,
  ),
);
