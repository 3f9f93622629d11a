import { enTransaction } from '../../db/transaction.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Dependances } from '../dependances.ts';
import { acteurCompte, journaliserAction } from './audit.ts';
import { EMPREINTE_FACTICE, hacherMotDePasse, verifierMotDePasse } from './mot-de-passe.ts';
import { refusDuMotDePasse, type RaisonRefus } from './politique-mot-de-passe.ts';
import { depotConseillers, type Compte } from './repository.ts';
import { connexionSuspendue, noterEchec, noterSucces } from './verrous.ts';

/** Durée de vie maximale d'une session. */
export const DUREE_SESSION_MS = 10 * 60 * 60 * 1000;
/** Une session inutilisée pendant ce délai est fermée. */
export const INACTIVITE_MAX_MS = 60 * 60 * 1000;

export type Role = Compte['role'];
/** Ce que les pages savent du compte connecté (jamais l'empreinte du mot de passe). */
export interface ConseillerConnecte {
  id: number;
  identifiant: string;
  nomAffiche: string;
  role: Role;
  jetonCsrf: string;
}

const empreinteJeton = (jeton: string) => createHash('sha256').update(jeton).digest('base64url');
const iso = (d: Date) => d.toISOString();

/**
 * Vrai si l'erreur vient de l'index unique des identifiants (deux créations simultanées) : sur SQLite, le code et la
 * colonne ; sur PostgreSQL, l'erreur du pilote (que Drizzle enveloppe) porte le code 23505 et le nom de la contrainte.
 */
function estIdentifiantPris(erreur: unknown): boolean {
  const { code, message } = erreur as { code?: string; message?: string };
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return String(message).includes('comptes.identifiant');
  const cause = (erreur as { cause?: { code?: string; constraint?: string } }).cause;
  return cause?.code === '23505' && cause.constraint === 'comptes_identifiant_unique';
}

/** Crée un compte (commande `npm run compte`). */
export async function creerCompte(
  deps: Pick<Dependances, 'db'>,
  demande: { identifiant: string; nomAffiche: string; role: Role; motDePasse: string },
): Promise<
  | { ok: true; compte: Compte }
  | { ok: false; erreur: 'IDENTIFIANT_INVALIDE' | 'IDENTIFIANT_PRIS' | 'NOM_VIDE' }
  | { ok: false; erreur: 'MOT_DE_PASSE_REFUSE'; raison: RaisonRefus }
> {
  const identifiant = demande.identifiant.trim().toLowerCase();
  if (!/^[a-z0-9._@+-]{3,120}$/.test(identifiant)) return { ok: false, erreur: 'IDENTIFIANT_INVALIDE' };
  if (demande.nomAffiche.trim().length < 2) return { ok: false, erreur: 'NOM_VIDE' };
  const refus = await refusDuMotDePasse(demande.motDePasse, { identifiant, nomAffiche: demande.nomAffiche });
  if (refus) return { ok: false, erreur: 'MOT_DE_PASSE_REFUSE', raison: refus };
  const depot = depotConseillers(deps.db);
  if (await depot.compteParIdentifiant(identifiant)) return { ok: false, erreur: 'IDENTIFIANT_PRIS' };
  const motDePasse = await hacherMotDePasse(demande.motDePasse);
  // Pendant le calcul de l'empreinte, une autre création (ou une autre commande lancée en même temps) a pu prendre
  // l'identifiant : on le revérifie dans la transaction, et l'index unique tranche entre deux processus.
  try {
    const compte = await enTransaction(deps.db, async (tx) => {
      const depotTx = depotConseillers(tx);
      if (await depotTx.compteParIdentifiant(identifiant)) return undefined;
      const cree = await depotTx.creerCompte({ identifiant, nomAffiche: demande.nomAffiche.trim(), role: demande.role, motDePasse });
      await journaliserAction(tx, {
        acteur: 'systeme',
        action: 'compte.creation',
        cible: acteurCompte(cree.id),
        details: { role: demande.role },
      });
      return cree;
    });
    return compte ? { ok: true, compte } : { ok: false, erreur: 'IDENTIFIANT_PRIS' };
  } catch (erreur) {
    if (estIdentifiantPris(erreur)) return { ok: false, erreur: 'IDENTIFIANT_PRIS' };
    throw erreur;
  }
}

/** Change le mot de passe d'un compte et ferme ses sessions ouvertes. */
export async function changerMotDePasse(deps: Pick<Dependances, 'db'>, identifiant: string, motDePasse: string) {
  const depot = depotConseillers(deps.db);
  const compte = await depot.compteParIdentifiant(identifiant.trim().toLowerCase());
  if (!compte) return { ok: false as const, erreur: 'COMPTE_INCONNU' as const };
  const refus = await refusDuMotDePasse(motDePasse, compte);
  if (refus) return { ok: false as const, erreur: 'MOT_DE_PASSE_REFUSE' as const, raison: refus };
  const empreinte = await hacherMotDePasse(motDePasse);
  await enTransaction(deps.db, async (tx) => {
    const d = depotConseillers(tx);
    await d.modifierCompte(compte.id, { motDePasse: empreinte, echecsConsecutifs: 0, verrouilleJusqua: null });
    await d.supprimerSessionsDuCompte(compte.id);
    await journaliserAction(tx, { acteur: 'systeme', action: 'compte.mot-de-passe', cible: acteurCompte(compte.id) });
  });
  return { ok: true as const };
}

/** Active ou désactive un compte ; la désactivation ferme ses sessions. */
export async function activerCompte(deps: Pick<Dependances, 'db'>, identifiant: string, actif: boolean) {
  const depot = depotConseillers(deps.db);
  const compte = await depot.compteParIdentifiant(identifiant.trim().toLowerCase());
  if (!compte) return { ok: false as const, erreur: 'COMPTE_INCONNU' as const };
  await enTransaction(deps.db, async (tx) => {
    const d = depotConseillers(tx);
    await d.modifierCompte(compte.id, { actif });
    if (!actif) await d.supprimerSessionsDuCompte(compte.id);
    await journaliserAction(tx, {
      acteur: 'systeme',
      action: actif ? 'compte.activation' : 'compte.desactivation',
      cible: acteurCompte(compte.id),
    });
  });
  return { ok: true as const };
}

/**
 * Vérifie identifiant et mot de passe, ouvre une session. Après 5 erreurs consécutives depuis une même adresse, cette
 * adresse (et elle seule) ne peut plus essayer ce compte pendant 15 minutes (`verrous.ts`) : personne ne peut bloquer le
 * compte d'un conseiller depuis ailleurs. Un identifiant inconnu, un compte inactif ou suspendu pour cette adresse et un
 * mauvais mot de passe répondent la même chose à l'écran ; le journal d'audit garde la différence.
 * @param adresse l'adresse du client (`server/http/adresse.ts`), jamais enregistrée.
 */
export async function seConnecter(
  deps: Pick<Dependances, 'db' | 'maintenant'>,
  identifiantSaisi: string,
  motDePasse: string,
  adresse = 'inconnue',
): Promise<{ ok: true; jeton: string; compte: Compte } | { ok: false; erreur: 'IDENTIFIANTS_INCORRECTS' }> {
  const maintenant = deps.maintenant();
  const depot = depotConseillers(deps.db);
  const compte = await depot.compteParIdentifiant(identifiantSaisi.trim().toLowerCase());
  const valide = await verifierMotDePasse(motDePasse, compte?.motDePasse ?? EMPREINTE_FACTICE);
  if (!compte) return { ok: false, erreur: 'IDENTIFIANTS_INCORRECTS' };
  const suspendue = connexionSuspendue(deps, compte.id, adresse);
  if (!compte.actif || suspendue || !valide) {
    const echecs = valide || suspendue ? compte.echecsConsecutifs : compte.echecsConsecutifs + 1;
    const depuisAdresse = valide || suspendue ? undefined : noterEchec(deps, compte.id, adresse);
    await enTransaction(deps.db, async (tx) => {
      await depotConseillers(tx).modifierCompte(compte.id, { echecsConsecutifs: echecs });
      const motif = !compte.actif ? 'inactif' : suspendue ? 'verrouille' : 'mot-de-passe';
      await journaliserAction(tx, {
        acteur: acteurCompte(compte.id),
        action: 'connexion.echec',
        details: { motif, echecs, ...(depuisAdresse ? { depuisAdresse } : {}) },
        horodatage: iso(maintenant),
      });
    });
    return { ok: false, erreur: 'IDENTIFIANTS_INCORRECTS' };
  }
  noterSucces(deps, compte.id, adresse);
  const jeton = randomBytes(32).toString('base64url');
  await enTransaction(deps.db, async (tx) => {
    const d = depotConseillers(tx);
    await d.modifierCompte(compte.id, { echecsConsecutifs: 0, verrouilleJusqua: null });
    await d.purgerSessionsExpirees(iso(maintenant));
    await d.creerSession({
      empreinte: empreinteJeton(jeton),
      compteId: compte.id,
      jetonCsrf: randomBytes(24).toString('base64url'),
      creeLe: iso(maintenant),
      dernierAcces: iso(maintenant),
      expireLe: iso(new Date(maintenant.getTime() + DUREE_SESSION_MS)),
    });
    await journaliserAction(tx, { acteur: acteurCompte(compte.id), action: 'connexion', horodatage: iso(maintenant) });
  });
  return { ok: true, jeton, compte };
}

/** Le conseiller d'un jeton de session valide (non expiré, pas inactif depuis plus d'une heure, compte actif). */
export async function lireSession(deps: Pick<Dependances, 'db' | 'maintenant'>, jeton: string): Promise<ConseillerConnecte | undefined> {
  const maintenant = deps.maintenant();
  const depot = depotConseillers(deps.db);
  const trouve = await depot.sessionParEmpreinte(empreinteJeton(jeton));
  if (!trouve) return undefined;
  const { session, compte } = trouve;
  const inactiveDepuis = maintenant.getTime() - Date.parse(session.dernierAcces);
  if (session.expireLe <= iso(maintenant) || inactiveDepuis > INACTIVITE_MAX_MS || !compte.actif) {
    await depot.supprimerSession(session.empreinte);
    return undefined;
  }
  // On n'écrit le dernier accès qu'une fois par minute au plus.
  if (inactiveDepuis > 60_000) await depot.toucherSession(session.empreinte, iso(maintenant));
  return { id: compte.id, identifiant: compte.identifiant, nomAffiche: compte.nomAffiche, role: compte.role, jetonCsrf: session.jetonCsrf };
}

/** Ferme la session (déconnexion). */
export async function fermerSession(deps: Pick<Dependances, 'db' | 'maintenant'>, jeton: string, compteId: number) {
  await enTransaction(deps.db, async (tx) => {
    await depotConseillers(tx).supprimerSession(empreinteJeton(jeton));
    await journaliserAction(tx, { acteur: acteurCompte(compteId), action: 'deconnexion', horodatage: iso(deps.maintenant()) });
  });
}

/** Vrai si le jeton anti-CSRF reçu est celui de la session (comparaison à temps constant). */
export function jetonCsrfValide(conseiller: ConseillerConnecte, recu: unknown): boolean {
  if (typeof recu !== 'string') return false;
  const a = Buffer.from(conseiller.jetonCsrf);
  const b = Buffer.from(recu);
  return a.length === b.length && timingSafeEqual(a, b);
}
