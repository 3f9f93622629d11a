import type { DateCivile } from '../calendrier/dates.ts';
import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, type CorpsRecu, type Passage, type ReglesPorte } from '../http/porte.ts';
import { ERREURS_RECLAMATIONS } from './erreurs.ts';
import { mediateurSansReponseDes } from './mediateur.ts';
import { dossierTemporaire, PIECES_MAX, TAILLE_ENVOI_MAX, TAILLE_PIECE_MAX } from './pieces.ts';
import { CHAMP_PIEGE, deposerReclamation, type RecuReclamation, type ResultatDepot } from './service.ts';

/** Taille maximale d'un corps JSON (une réclamation sans pièce jointe). */
export const TAILLE_JSON_MAX = 64 * 1024;

/**
 * La porte d'un dépôt de réclamation, pour l'API comme pour la page : limite par adresse, JSON (64 Kio) ou
 * `multipart/form-data` avec au plus 3 pièces jointes du champ `pieces` (15,5 Mo en tout), champ piège.
 */
export function reglesDepot(deps: Pick<Dependances, 'dossierPiecesJointes'>): ReglesPorte {
  return {
    limite: 'reclamation',
    piege: CHAMP_PIEGE,
    corps: {
      json: TAILLE_JSON_MAX,
      fichiers: {
        champs: ['pieces'],
        nombre: PIECES_MAX,
        tailleFichier: TAILLE_PIECE_MAX,
        tailleTotale: TAILLE_ENVOI_MAX,
        dossier: dossierTemporaire(deps.dossierPiecesJointes),
      },
      messageTropGros:
        'Votre envoi est trop volumineux : la description fait 5 000 caractères au plus, et vous pouvez joindre 3 fichiers de 5 Mo au plus chacun. Réduisez vos fichiers ou regroupez-les dans un PDF.',
    },
  };
}

/** Enregistre la réclamation reçue par la porte (JSON, ou formulaire avec pièces jointes). */
export function recevoirReclamation(deps: Parameters<typeof deposerReclamation>[0], corps: CorpsRecu | undefined): Promise<ResultatDepot> {
  if (corps?.type !== 'formulaire') return deposerReclamation(deps, { donnees: corps?.valeur ?? {} });
  const { consentement, ...champs } = champsTexte(corps.champs);
  const donnees = { ...champs, consentement: consentement === 'on' || consentement === 'true' ? true : consentement };
  return deposerReclamation(deps, { donnees, fichiers: corps.fichiers, tropDeFichiers: corps.tropDeFichiers });
}

/** Ce que montre la page `/reclamation` : le reçu, ou le formulaire (réaffiché tel que reçu) et ses erreurs. */
export interface VueDepot {
  /** Le reçu, et le premier jour où le médiateur peut être saisi sans réponse (`mediateurSansReponseDes`). */
  recu?: RecuReclamation & { mediateurSansReponseDes: DateCivile };
  /** Les champs texte reçus (le premier de chaque nom). */
  saisie: Record<string, string>;
  echec?: Echec;
}

/** La page `/reclamation` : sans envoi, le formulaire vide ; avec, le dépôt (même cas d'usage que l'API). */
export async function pageDepot(deps: Parameters<typeof deposerReclamation>[0], passage: Passage | undefined): Promise<VueDepot> {
  if (!passage) return { saisie: {} };
  const saisie = champsTexte(champsRecus(passage));
  if (!passage.ok) return { saisie, echec: passage };
  const resultat = await recevoirReclamation(deps, passage.corps);
  if (!resultat.ok) return { saisie, echec: echecDe(ERREURS_RECLAMATIONS, resultat) };
  return { recu: { ...resultat.recu, mediateurSansReponseDes: mediateurSansReponseDes(resultat.recu) }, saisie };
}

/** Les champs texte d'un formulaire, le premier de chaque nom. */
function champsTexte(champs: FormData): Record<string, string> {
  const texte: Record<string, string> = {};
  for (const [nom, valeur] of champs) if (typeof valeur === 'string' && !Object.hasOwn(texte, nom)) texte[nom] = valeur;
  return texte;
}
