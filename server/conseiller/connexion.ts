import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage, type ReglesPorte } from '../http/porte.ts';
import { retourSur } from './cookie.ts';
import { ERREURS_CONSEILLER } from './erreurs.ts';
import { seConnecter } from './service.ts';

/** La porte du formulaire de connexion : limite par adresse, un petit formulaire. */
export const REGLES_CONNEXION: ReglesPorte = { limite: 'connexion', corps: { formulaire: 4 * 1024 } };

/** Ce que montre la page de connexion, ou la session ouverte et où aller. */
export interface VueConnexion {
  identifiant: string;
  /** L'adresse de retour après connexion (toujours dans l'espace conseiller). */
  retour: string;
  echec?: Echec;
  /** Le jeton de la session ouverte, à poser en cookie avant de rediriger vers `retour`. */
  jeton?: string;
}

/**
 * La page `/espace-conseiller/connexion` : sans envoi, le formulaire ; avec, la connexion depuis l'adresse du client.
 * @param passage le passage de la porte (`REGLES_CONNEXION`), pour un envoi.
 */
export async function pageConnexion(
  deps: Pick<Dependances, 'db' | 'maintenant'>,
  requete: { passage?: Passage; adresse?: string; retour: string | null },
): Promise<VueConnexion> {
  const { passage } = requete;
  if (!passage) return { identifiant: '', retour: retourSur(requete.retour) };
  const champs = champsRecus(passage);
  const texte = (nom: string, max: number) => champTexte(champs, nom, max);
  const identifiant = texte('identifiant', 120);
  const retour = retourSur(champs.get('retour') ?? requete.retour);
  if (!passage.ok) return { identifiant, retour, echec: passage };
  const motDePasse = texte('motDePasse', 200);
  if (!identifiant || !motDePasse) return { identifiant, retour, echec: echecDe(ERREURS_CONSEILLER, { erreur: 'SAISIE_INCOMPLETE' }) };
  const resultat = await seConnecter(deps, identifiant, motDePasse, requete.adresse);
  if (!resultat.ok) return { identifiant, retour, echec: echecDe(ERREURS_CONSEILLER, resultat) };
  return { identifiant, retour, jeton: resultat.jeton };
}
