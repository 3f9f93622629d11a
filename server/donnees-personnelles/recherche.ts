import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Executeur } from '../../db/client.ts';
import { courrielsDeLaPersonne, type CourrielSortant } from '../courriel/repository.ts';
import { identitesDeLaPersonne, type IdentiteOrientation } from '../orientation-guichet/repository.ts';
import { depotDonneesParcours, type ParcoursPersonne } from '../parcours/donnees-personnelles.ts';
import { normaliserNumero } from '../reclamations/numero.ts';
import { depotReclamations, type EvenementReclamation, type PieceReclamation, type Reclamation } from '../reclamations/repository.ts';
import { lireNumero } from '../rendez-vous/numero-dossier.ts';
import { depotRendezVous, type Creneau, type Demande } from '../rendez-vous/repository.ts';

const vide = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * Ce qui désigne une personne dans une demande d'accès ou d'effacement : son adresse, et/ou un numéro, et/ou son nom et
 * sa date de naissance (ce qu'un conseiller a pu taper lors d'une orientation au guichet, sans adresse ni numéro).
 */
export const schemaCritere = z
  .object({
    /** Adresse électronique, comparée sans tenir compte de la casse. @example 'lea.martin@exemple.fr' */
    email: z.preprocess(
      vide,
      z
        .string()
        .trim()
        .max(254, 'Adresse trop longue.')
        .pipe(z.email({ error: 'Adresse électronique invalide : elle doit ressembler à nom@exemple.fr.' }))
        .optional(),
    ),
    /** Numéro de dossier (14 chiffres, espaces permis) ou de réclamation (`R-2026-K7M4QX`). */
    reference: z.preprocess(
      vide,
      z
        .string()
        .max(40, 'Numéro trop long.')
        .transform((saisi, ctx) => {
          const numero = lireNumero(saisi) ?? normaliserNumero(saisi);
          if (!numero)
            ctx.addIssue({
              code: 'custom',
              message: 'Numéro non reconnu : un numéro de dossier a 14 chiffres (01 26 11 00 000001), un numéro de réclamation ressemble à R-2026-K7M4QX.',
            });
          return numero ?? '';
        })
        .optional(),
    ),
    /** Nom de famille, comparé sans casse ni accents ; seulement avec la date de naissance. @example 'Benali' */
    nom: z.preprocess(vide, z.string().trim().max(100, 'Nom trop long.').optional()),
    /** Date de naissance, AAAA-MM-JJ ; seulement avec le nom. @example '2004-03-17' */
    dateNaissance: z.preprocess(
      vide,
      z.iso.date({ error: 'Date de naissance au format AAAA-MM-JJ, par exemple 2004-03-17.' }).optional(),
    ),
  })
  .refine((c) => (c.nom === undefined) === (c.dateNaissance === undefined), {
    path: ['dateNaissance'],
    message: 'Le nom et la date de naissance vont ensemble : indiquez les deux, ou aucun.',
  })
  .refine((c) => c.email !== undefined || c.reference !== undefined || c.nom !== undefined, {
    path: ['email'],
    message: 'Indiquez l’adresse électronique de la personne, un numéro de dossier ou de réclamation, ou son nom et sa date de naissance.',
  });
export type Critere = z.infer<typeof schemaCritere>;

/** Les champs de recherche d'un formulaire, tels que saisis (bornés), à valider par `schemaCritere`. */
export function saisieDuFormulaire(f: Pick<FormData, 'get'>): { email: string; reference: string; nom: string; dateNaissance: string } {
  const champ = (nom: string, max: number) => {
    const v = f.get(nom);
    return typeof v === 'string' ? v.slice(0, max) : '';
  };
  return { email: champ('email', 254), reference: champ('reference', 40), nom: champ('nom', 100), dateNaissance: champ('dateNaissance', 10) };
}

/** Ce que le portail détient sur une personne (identités déjà effacées exclues). */
export interface DonneesPersonne {
  demandes: { demande: Demande; creneau: Creneau | undefined }[];
  reclamations: { reclamation: Reclamation; evenements: EvenementReclamation[]; pieces: PieceReclamation[] }[];
  courriels: CourrielSortant[];
  /** Les identités tapées par un conseiller lors d'une orientation au guichet (cherchées par nom et date de naissance). */
  orientations: IdentiteOrientation[];
  /** Les dossiers du parcours (UO 1, 2.1, 2.2) : UO, interactions, livrables. */
  parcours: ParcoursPersonne[];
}

/**
 * Cherche les demandes, réclamations, dossiers du parcours et courriels d'une personne : même adresse électronique
 * (exacte, sans la casse) ou numéro donné ; les dossiers du parcours aussi par nom et date de naissance, et ceux de ses
 * demandes (et inversement : la demande d'un dossier trouvé, même si l'adresse a changé depuis) ; les courriels sont ceux
 * envoyés à cette adresse ou liés à un dossier trouvé ; les identités des orientations au guichet, par nom et date de
 * naissance.
 */
export async function donneesDeLaPersonne(db: Executeur, critere: Critere): Promise<DonneesPersonne> {
  // Sans critère, aucune condition ne filtrerait : on ne rend jamais toute la base.
  const parNom = critere.nom !== undefined && critere.dateNaissance !== undefined;
  const orientations = parNom ? await identitesDeLaPersonne(db, { nom: critere.nom!, dateNaissance: critere.dateNaissance! }) : [];
  const parCoordonnees = critere.email !== undefined || critere.reference !== undefined;
  const depotDemandes = depotRendezVous(db);
  const demandesTrouvees = parCoordonnees ? await depotDemandes.demandesDeLaPersonne(critere) : [];
  const depotParcours = depotDonneesParcours(db);
  const dossiers = await depotParcours.dossiersDeLaPersonne(critere, demandesTrouvees.map((x) => x.demande.id));
  const lesDemandes = [...demandesTrouvees];
  for (const d of dossiers) {
    if (d.demandeId !== null && !lesDemandes.some((x) => x.demande.id === d.demandeId))
      lesDemandes.push(...(await depotDemandes.demandesDeLaPersonne({ reference: d.identifiant })));
  }
  const parcours: ParcoursPersonne[] = [];
  for (const d of dossiers) parcours.push(await depotParcours.parcoursDe(d));
  const depot = depotReclamations(db);
  const lesReclamations = [];
  for (const r of parCoordonnees ? await depot.deLaPersonne(critere) : [])
    lesReclamations.push({ reclamation: r, evenements: await depot.evenements(r.id), pieces: await depot.pieces(r.id) });
  const references = referencesTrouvees({ demandes: lesDemandes, reclamations: lesReclamations, parcours });
  const emails = [...new Set([critere.email, ...dossiers.map((d) => d.email)].filter((e) => typeof e === 'string').map((e) => e.toLowerCase()))];
  const courriels = references.length || emails.length ? await courrielsDesAdresses(db, emails, references) : [];
  return { demandes: lesDemandes.sort((a, b) => a.demande.id - b.demande.id), reclamations: lesReclamations, courriels, orientations, parcours };
}

/** Les courriels envoyés à l'une de ces adresses ou liés à l'un de ces numéros, sans doublon, dans l'ordre. */
async function courrielsDesAdresses(db: Executeur, emails: string[], references: string[]): Promise<CourrielSortant[]> {
  const lots: CourrielSortant[][] = [];
  for (const email of emails.length ? emails : [undefined]) lots.push(await courrielsDeLaPersonne(db, { ...(email ? { email } : {}), references }));
  return [...new Map(lots.flat().map((c) => [c.id, c])).values()].sort((a, b) => a.id - b.id);
}

/**
 * Les numéros des dossiers et réclamations trouvés, ceux des dossiers du parcours et de leurs UO, et
 * `orientation:<id>` des orientations au guichet (cible des lignes d'audit : jamais l'adresse ni le nom).
 */
export function referencesTrouvees(
  d: Pick<DonneesPersonne, 'demandes' | 'reclamations'> & Partial<Pick<DonneesPersonne, 'orientations' | 'parcours'>>,
): string[] {
  return [
    ...new Set([
      ...d.demandes.map((x) => x.demande.reference),
      ...d.reclamations.map((x) => x.reclamation.numero),
      ...(d.parcours ?? []).flatMap((p) => [p.dossier.identifiant, ...p.uos.map((u) => u.uo.numero)]),
      ...(d.orientations ?? []).map((o) => `orientation:${o.orientationId}`),
    ]),
  ];
}

export const rienTrouve = (d: DonneesPersonne) =>
  d.demandes.length + d.reclamations.length + d.courriels.length + d.orientations.length + d.parcours.length === 0;

/**
 * Empreinte de l'ensemble trouvé : le récapitulatif la porte, l'effacement la vérifie. Si quelque chose a changé
 * entre les deux (un nouveau courriel, une nouvelle demande), l'effacement est refusé et le récapitulatif est à revoir.
 */
export function empreinteDesDonnees(d: DonneesPersonne): string {
  const ids = [
    ...d.demandes.map((x) => `d${x.demande.id}`),
    ...d.reclamations.map((x) => `r${x.reclamation.id}`),
    ...d.courriels.map((c) => `c${c.id}`),
    ...d.orientations.map((o) => `o${o.orientationId}`),
    // Une UO, une interaction ou un livrable ajouté depuis le récapitulatif change aussi l'empreinte.
    ...d.parcours.flatMap((p) => [
      `p${p.dossier.id}`,
      ...p.uos.flatMap((u) => [`u${u.uo.id}`, ...u.interactions.map((i) => `i${i.id}`), ...(u.livrable ? [`l${u.livrable.id}v${u.livrable.version}`] : [])]),
    ]),
  ];
  return createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32);
}
