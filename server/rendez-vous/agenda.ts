import { z } from 'zod';
import { enTransaction } from '../../db/transaction.ts';
import { ajouterJours, estDateCivile, instantPlusJours, lundiDe, type DateCivile } from '../calendrier/dates.ts';
import { dateLocale, fuseauDuTerritoire, instantLocal } from '../calendrier/fuseaux.ts';
import { estJourOuvre } from '../calendrier/jours-ouvres.ts';
import { territoireDuDepartement, territoireDuLot, type TerritoireCalendrier } from '../calendrier/territoire.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import type { Site } from '../deploiement/schema.ts';
import { delaiDUneDemande } from './echeance.ts';
import { evaluerHorairesElargis, type SemaineHoraires } from './horaires-elargis.ts';
import { depotRendezVous, type Creneau } from './repository.ts';
import { MODALITES } from './schema.ts';

type Deps = Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant'>;

const heure = (quoi: string) =>
  z
    .string({ error: `Indiquez l’heure ${quoi} (HH:MM).` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `L’heure ${quoi} doit être au format HH:MM, par exemple 08:30.`);

/** Une plage de disponibilité à publier, découpée en créneaux de `duree` minutes, répétée chaque semaine. */
export const schemaPublication = z
  .object({
    modalite: z.enum(MODALITES, { error: 'Choisissez la modalité : présentiel, téléphone ou visio.' }),
    /** Site de la configuration, obligatoire en présentiel. */
    site: z.string().max(40).optional(),
    /** Lot, pour un rendez-vous à distance quand le déploiement en sert plusieurs. */
    lot: z.coerce.number().int().min(1).max(18).optional(),
    date: z.string({ error: 'Indiquez la date (AAAA-MM-JJ).' }).refine(estDateCivile, 'La date doit exister et être au format AAAA-MM-JJ.'),
    de: heure('de début'),
    a: heure('de fin'),
    duree: z.coerce
      .number({ error: 'Choisissez une durée.' })
      .int()
      .refine((d) => [30, 45, 60, 90].includes(d), 'La durée doit être de 30, 45, 60 ou 90 minutes.'),
    semaines: z.coerce
      .number({ error: 'Indiquez un nombre de semaines entre 1 et 12.' })
      .int('Le nombre de semaines doit être entier.')
      .min(1, 'Au moins une semaine.')
      .max(12, 'Douze semaines au plus.'),
  })
  .superRefine((p, ctx) => {
    if (p.a <= p.de) ctx.addIssue({ code: 'custom', path: ['a'], message: 'L’heure de fin doit suivre l’heure de début.' });
    if (p.modalite === 'presentiel' && !p.site)
      ctx.addIssue({ code: 'custom', path: ['site'], message: 'Choisissez le site du rendez-vous en présentiel.' });
  });
export type Publication = z.infer<typeof schemaPublication>;

/** Le lot d'un site, par sa commune. */
export function lotDuSite(deps: Pick<Dependances, 'referentiel'>, site: Site): number | undefined {
  const commune = deps.referentiel.commune(site.commune);
  return commune ? deps.referentiel.region(commune.region)?.lot?.numero : undefined;
}

function territoireDuSite(deps: Pick<Dependances, 'referentiel'>, site: Site): TerritoireCalendrier {
  return territoireDuDepartement(deps.referentiel.commune(site.commune)?.departement ?? '');
}

/**
 * Vérifie au démarrage que chaque site de la configuration est dans une commune d'un lot servi.
 * @throws Error en français, qui nomme le site.
 */
export function verifierSites(deps: Pick<Dependances, 'deploiement' | 'referentiel'>) {
  for (const site of deps.deploiement.sites) {
    const lot = lotDuSite(deps, site);
    if (!lot || !deps.deploiement.lots.includes(lot)) {
      throw new Error(
        `Configuration de déploiement : le site « ${site.id} » (commune ${site.commune}) n’est dans aucun lot servi (${deps.deploiement.lots.join(', ')}).`,
      );
    }
  }
}

/** Les créneaux [début, fin[ d'une plage, en instants UTC. */
export function decouperPlage(date: DateCivile, de: string, a: string, duree: number, fuseau: string): { debut: string; fin: string }[] {
  const minutes = (h: string) => Number(h.slice(0, 2)) * 60 + Number(h.slice(3));
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const resultat = [];
  for (let m = minutes(de); m + duree <= minutes(a); m += duree) {
    resultat.push({
      debut: instantLocal(date, hhmm(m), fuseau).toISOString(),
      fin: instantLocal(date, hhmm(m + duree), fuseau).toISOString(),
    });
  }
  return resultat;
}

export type ResultatPublication =
  | { ok: true; publies: number; ignores: { feries: number; passes: number; chevauchements: number } }
  | { ok: false; erreur: 'SITE_INCONNU' | 'LOT_NON_SERVI' | 'RIEN_A_PUBLIER' };

/** Publie des créneaux dans l'agenda du conseiller (créé au premier usage), en sautant jours fériés, passé et chevauchements. */
export async function publierCreneaux(
  deps: Deps,
  conseiller: Pick<ConseillerConnecte, 'id' | 'nomAffiche'>,
  p: Publication,
): Promise<ResultatPublication> {
  const site = p.modalite === 'presentiel' ? deps.deploiement.sites.find((s) => s.id === p.site) : undefined;
  if (p.modalite === 'presentiel' && !site) return { ok: false, erreur: 'SITE_INCONNU' };
  const lot = site ? lotDuSite(deps, site) : (p.lot ?? (deps.deploiement.lots.length === 1 ? deps.deploiement.lots[0] : undefined));
  if (!lot || !deps.deploiement.lots.includes(lot)) return { ok: false, erreur: 'LOT_NON_SERVI' };
  const territoire = site ? territoireDuSite(deps, site) : territoireDuLot(lot);
  const fuseau = fuseauDuTerritoire(territoire);
  const instant = deps.maintenant().toISOString();
  const ignores = { feries: 0, passes: 0, chevauchements: 0 };
  return enTransaction(deps.db, async (tx) => {
    const d = depotRendezVous(tx);
    const agenda = (await d.agendaDuCompte(conseiller.id)) ?? (await d.creerAgenda({ compteId: conseiller.id, libelle: conseiller.nomAffiche }));
    const lignes = [];
    for (let s = 0; s < p.semaines; s++) {
      const jour = ajouterJours(p.date, 7 * s);
      const plage = decouperPlage(jour, p.de, p.a, p.duree, fuseau);
      if (!estJourOuvre(jour, territoire)) {
        ignores.feries += plage.length;
        continue;
      }
      for (const c of plage) {
        if (c.debut <= instant) ignores.passes += 1;
        else if ((await d.chevauchements(agenda.id, c.debut, c.fin)).length > 0) ignores.chevauchements += 1;
        else lignes.push({ agendaId: agenda.id, lot, site: site?.id ?? null, modalite: p.modalite, debut: c.debut, fin: c.fin });
      }
    }
    if (lignes.length === 0) return { ok: false as const, erreur: 'RIEN_A_PUBLIER' as const };
    await d.insererCreneaux(lignes);
    await journaliserAction(tx, {
      acteur: acteurCompte(conseiller.id),
      action: 'agenda.publication',
      details: { modalite: p.modalite, site: site?.id, lot, date: p.date, semaines: p.semaines, publies: lignes.length, ...ignores },
    });
    return { ok: true as const, publies: lignes.length, ignores };
  });
}

/** Retire un créneau encore libre : le sien, ou n'importe lequel pour un responsable. */
export function retirerCreneau(
  deps: Pick<Dependances, 'db'>,
  conseiller: Pick<ConseillerConnecte, 'id' | 'role'>,
  creneauId: number,
): Promise<boolean> {
  return enTransaction(deps.db, async (tx) => {
    const d = depotRendezVous(tx);
    const agendaId = conseiller.role === 'manager' ? undefined : (await d.agendaDuCompte(conseiller.id))?.id;
    if (conseiller.role !== 'manager' && agendaId === undefined) return false;
    const retire = await d.retirerCreneau(creneauId, agendaId);
    if (retire) await journaliserAction(tx, { acteur: acteurCompte(conseiller.id), action: 'agenda.retrait', cible: `creneau:${creneauId}` });
    return retire;
  });
}

/** Les créneaux publiés à venir (les siens, ou tous pour un responsable), sur `jours` jours. */
export async function creneauxAVenir(
  deps: Pick<Dependances, 'db' | 'maintenant'>,
  conseiller: Pick<ConseillerConnecte, 'id' | 'role'>,
  jours = 42,
) {
  const maintenant = deps.maintenant();
  const d = depotRendezVous(deps.db);
  const agendaId = conseiller.role === 'manager' ? undefined : (await d.agendaDuCompte(conseiller.id))?.id;
  if (conseiller.role !== 'manager' && agendaId === undefined) return [];
  return d.creneauxPublies({
    du: maintenant.toISOString(),
    au: instantPlusJours(maintenant, jours).toISOString(),
    agendaId,
  });
}

/** Ce qu'un responsable doit voir : semaines de site sans horaires élargis suffisants, lots dont le premier créneau libre dépasse 30 jours ouvrés. */
export interface AlertesAgenda {
  horaires: { site: Site; semaines: SemaineHoraires[] }[];
  delais: { lot: number; limite: DateCivile; prochainLibre?: Creneau; depasse: boolean }[];
}

export async function alertesAgenda(deps: Deps, semaines = 6): Promise<AlertesAgenda> {
  const maintenant = deps.maintenant();
  const d = depotRendezVous(deps.db);
  const horaires: AlertesAgenda['horaires'] = [];
  for (const site of deps.deploiement.sites) {
    const fuseau = fuseauDuTerritoire(territoireDuSite(deps, site));
    const premierLundi = lundiDe(dateLocale(maintenant, fuseau));
    const lundis = Array.from({ length: semaines }, (_, i) => ajouterJours(premierLundi, 7 * i));
    const du = instantLocal(premierLundi, '00:00', fuseau).toISOString();
    const au = instantLocal(ajouterJours(premierLundi, 7 * semaines), '00:00', fuseau).toISOString();
    const publies = (await d.creneauxPublies({ du, au }))
      .filter((r) => r.creneau.site === site.id && r.creneau.modalite === 'presentiel')
      .map((r) => r.creneau);
    horaires.push({ site, semaines: evaluerHorairesElargis(publies, fuseau, lundis) });
  }
  const delais: AlertesAgenda['delais'] = [];
  for (const lot of deps.deploiement.lots) {
    const territoire = territoireDuLot(lot);
    const limite = delaiDUneDemande(maintenant, territoire).echeance;
    const prochainLibre = await d.premierCreneauLibre(lot, maintenant.toISOString());
    const jourProchain = prochainLibre ? dateLocale(new Date(prochainLibre.debut), fuseauDuTerritoire(territoire)) : undefined;
    delais.push({ lot, limite, ...(prochainLibre ? { prochainLibre } : {}), depasse: !jourProchain || jourProchain > limite });
  }
  return { horaires, delais };
}
