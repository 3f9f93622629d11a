import type { BaseDeDonnees } from '../../db/client.ts';
import { enTransaction } from '../../db/transaction.ts';
import { z } from 'zod';
import type { dossiers } from '../../db/schema/parcours.ts';
// eslint-disable-next-line no-restricted-syntax -- une constante (l'adresse absente), pas une table
import { SANS_COURRIEL } from '../../db/schema/rendez-vous.ts';
import { journaliserAction } from '../conseiller/audit.ts';
import { MODES_GUICHET } from '../orientation/vocabulaire.ts';
import { numeroDossier, prefixeDossier } from '../rendez-vous/numero-dossier.ts';
import { depotRendezVous, depotReservation } from '../rendez-vous/repository.ts';
import { echec } from './erreurs.ts';
import { depotParcours, type Dossier } from './repository.ts';
import { aujourdHuiA, lire, nomActeur, type Acteur, type Deps } from './service.ts';

/**
 * Ouvre le dossier de parcours d'une demande de rendez-vous : l'identité est reprise de la demande, jamais redemandée.
 * Sans effet si le dossier existe déjà (il est rendu tel quel).
 */
export async function ouvrirDossierDepuisDemande(deps: Deps, acteur: Acteur, reference: string) {
  const demande = await depotRendezVous(deps.db).demandeParReference(reference);
  if (!demande || !deps.deploiement.lots.includes(demande.lot)) return echec('DEMANDE_INCONNUE');
  const existant = await depotParcours(deps.db).dossierParDemande(demande.id);
  if (existant) return { ok: true as const, dossier: existant };
  if (demande.statut === 'annulee' || demande.statut === 'reorientee') return echec('DEMANDE_SANS_PREMIER_ECHANGE');
  const dossier = await creerDossier(deps, acteur, { depuis: 'demande' }, () => ({
    identifiant: demande.reference,
    demandeId: demande.id,
    lot: demande.lot,
    commune: demande.commune,
    nom: demande.nom,
    prenom: demande.prenom,
    // Une demande sans adresse électronique (accueil, téléphone) garde `''` ; le dossier dit « aucune » par `null`.
    email: demande.email === SANS_COURRIEL ? null : demande.email,
    telephone: demande.telephone,
    statut: demande.situation,
    // « Dites-le nous une fois » : le métier que la personne a gardé en demandant son rendez-vous (annexe 2).
    ...(demande.metier
      ? {
          donnees: JSON.stringify({ libelleProfession: demande.metier }),
          donneesSaisiesPar: JSON.stringify({ libelleProfession: 'beneficiaire' }),
        }
      : {}),
  }));
  return { ok: true as const, dossier };
}

/** Crée un dossier et l'inscrit au journal d'audit, dans une transaction (`valeurs` y est appelé : numéro compris). */
async function creerDossier(
  deps: Deps,
  acteur: Acteur,
  details: { depuis: 'demande' | 'accueil'; sansCourriel?: true },
  /** Les valeurs du dossier, calculées dans la transaction (le numéro de dossier est pris par `tx`). */
  valeurs: (tx: BaseDeDonnees) => Omit<typeof dossiers.$inferInsert, 'creeLe' | 'modifieLe'> | Promise<Omit<typeof dossiers.$inferInsert, 'creeLe' | 'modifieLe'>>,
): Promise<Dossier> {
  const instant = deps.maintenant().toISOString();
  return enTransaction(deps.db, async (tx) => {
    const cree = await depotParcours(tx).insererDossier({ ...(await valeurs(tx)), creeLe: instant, modifieLe: instant });
    await journaliserAction(tx, {
      acteur: nomActeur(acteur),
      action: 'parcours.dossier',
      cible: cree.identifiant,
      details,
      horodatage: instant,
    });
    return cree;
  });
}

/** L'identité d'une personne reçue sans demande en ligne (téléphone, accueil). */
export const schemaIdentite = z
  .object({
    nom: z.string({ error: 'Indiquez le nom.' }).trim().min(1, 'Indiquez le nom.').max(100, 'Le nom tient en 100 caractères au plus.'),
    prenom: z
      .string({ error: 'Indiquez le prénom.' })
      .trim()
      .min(1, 'Indiquez le prénom.')
      .max(100, 'Le prénom tient en 100 caractères au plus.'),
    /** Absente seulement si le conseiller coche `sansCourriel`. */
    email: z.email({ error: 'Indiquez une adresse électronique valide, par exemple nom@exemple.fr.' }).max(200).optional(),
    /**
     * Le conseiller dit, explicitement, que la personne n'a pas d'adresse électronique : le dossier s'ouvre avec une
     * adresse nulle (livrables signés sur papier, aucun courriel, pas d'espace en ligne). Sans cette case, une adresse
     * oubliée est une erreur, pas un dossier sans courriel.
     */
    sansCourriel: z.boolean().default(false),
    telephone: z
      .string()
      .trim()
      .regex(/^[0-9 +().-]{6,25}$/, 'Le numéro de téléphone n’est pas valide.')
      .optional(),
    commune: z
      .string({ error: 'Indiquez la commune de résidence.' })
      .regex(/^[0-9][0-9AB][0-9]{3}$/, 'La commune est un code INSEE de 5 caractères.'),
    /** Statut au regard de l'emploi (situations de l'orientation). */
    statut: z
      .string({ error: 'Indiquez la situation de la personne.' })
      .min(2, 'Indiquez la situation de la personne.')
      .max(40, 'Choisissez la situation de la personne dans la liste.'),
    /** Annexe 2, mode de contact de l'UO 0 : comment la personne s'est adressée au conseiller. */
    modeContact: z.enum(MODES_GUICHET, {
      error: 'Indiquez comment la personne a pris contact : à l’accueil, par téléphone ou par courriel.',
    }),
  })
  .superRefine((v, ctx) => {
    if (!v.sansCourriel && v.email === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Indiquez l’adresse électronique, ou cochez « La personne n’a pas d’adresse électronique ».',
      });
    if (v.sansCourriel && v.email !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Vous avez coché « La personne n’a pas d’adresse électronique » : effacez l’adresse, ou décochez la case.',
      });
    if (v.sansCourriel && v.modeContact === 'courriel')
      ctx.addIssue({
        code: 'custom',
        path: ['modeContact'],
        message: 'Sans adresse électronique, la personne n’a pas pu écrire par courriel : choisissez l’accueil ou le téléphone.',
      });
  });
/** Ce qu'un conseiller saisit pour ouvrir un dossier sans demande (avant validation). */
export type SaisieIdentite = z.input<typeof schemaIdentite>;

/**
 * Ouvre un dossier pour une personne reçue sans demande en ligne : un numéro d'UO 0 lui est donné. Avec `sansCourriel`,
 * l'adresse est nulle : rien n'est mis dans la boîte d'envoi, ni maintenant ni à la signature (papier).
 */
export async function ouvrirDossier(deps: Deps, acteur: Acteur, saisie: unknown) {
  const lu = lire(schemaIdentite, saisie);
  if (!lu.ok) return lu;
  const { sansCourriel, email, telephone, ...identite } = lu.valeur;
  const commune = deps.referentiel.commune(identite.commune);
  const lot = commune ? deps.referentiel.region(commune.region)?.lot?.numero : undefined;
  if (!commune || !lot || !deps.deploiement.lots.includes(lot))
    return echec('SAISIE_INVALIDE', [{ champ: 'commune', message: 'Cette commune n’est pas dans un lot servi par ce portail.' }]);
  const prefixe = prefixeDossier(deps.deploiement.editeur.identifiant, aujourdHuiA(deps, commune.code), '00');
  const dossier = await creerDossier(deps, acteur, { depuis: 'accueil', ...(sansCourriel ? { sansCourriel: true as const } : {}) }, async (tx) => ({
    ...identite,
    email: sansCourriel ? null : (email ?? null),
    telephone: telephone ?? null,
    identifiant: numeroDossier(prefixe, await depotReservation(tx).prochainNumero(prefixe)),
    lot,
    commune: commune.code,
  }));
  return { ok: true as const, dossier };
}
