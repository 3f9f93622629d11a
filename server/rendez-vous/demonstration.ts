import { ajouterJours, jourDeLaSemaine, type DateCivile } from '../calendrier/dates.ts';
import { dateLocale, fuseauDuTerritoire } from '../calendrier/fuseaux.ts';
import { estJourOuvre } from '../calendrier/jours-ouvres.ts';
import { territoireDuDepartement, territoireDuLot, type TerritoireCalendrier } from '../calendrier/territoire.ts';
import type { Dependances } from '../dependances.ts';
import { decouperPlage, lotDuSite, verifierSites } from './agenda.ts';
import { depotRendezVous } from './repository.ts';
import { enTransaction } from '../../db/transaction.ts';
import { sousVerrouConsultatif, VERROUS } from '../../db/verrou.ts';
import type { Modalite } from './schema.ts';

/** Une plage type d'une semaine de démonstration : jours (1 = lundi … 5 = vendredi), heures locales, durée. */
interface PlageType {
  jours: number[];
  de: string;
  a: string;
  duree: number;
}

/** Semaine type d'un site : journée classique, et horaires élargis le mardi et le jeudi (seed 002 §3.3). */
const SEMAINE_SITE: PlageType[] = [
  { jours: [1, 2, 3, 4, 5], de: '09:30', a: '11:30', duree: 60 },
  { jours: [1, 2, 3, 4, 5], de: '14:00', a: '17:00', duree: 60 },
  { jours: [2, 4], de: '08:00', a: '09:30', duree: 45 },
  { jours: [2, 4], de: '12:15', a: '13:45', duree: 45 },
  { jours: [2, 4], de: '17:30', a: '19:30', duree: 60 },
];
const SEMAINE_DISTANCE: Record<Exclude<Modalite, 'presentiel'>, PlageType[]> = {
  telephone: [
    { jours: [1, 2, 3, 4, 5], de: '09:00', a: '10:00', duree: 30 },
    { jours: [1, 3, 5], de: '12:30', a: '13:30', duree: 30 },
    { jours: [2, 4], de: '17:30', a: '19:00', duree: 30 },
  ],
  visio: [
    { jours: [1, 3, 5], de: '10:30', a: '12:00', duree: 45 },
    { jours: [3], de: '18:00', a: '19:30', duree: 45 },
  ],
};

/** Nombre de jours couverts par la démonstration, à partir de demain. */
export const HORIZON_DEMONSTRATION_JOURS = 42;

function creneauxDePlages(plages: PlageType[], depuis: DateCivile, territoire: TerritoireCalendrier) {
  const fuseau = fuseauDuTerritoire(territoire);
  const resultat: { debut: string; fin: string }[] = [];
  for (let i = 1; i <= HORIZON_DEMONSTRATION_JOURS; i++) {
    const jour = ajouterJours(depuis, i);
    if (!estJourOuvre(jour, territoire)) continue;
    for (const p of plages) if (p.jours.includes(jourDeLaSemaine(jour))) resultat.push(...decouperPlage(jour, p.de, p.a, p.duree, fuseau));
  }
  return resultat;
}

/**
 * Publie, pour la démonstration, des créneaux réalistes sur les six semaines qui suivent aujourd'hui : jours ouvrés
 * seulement (fériés du territoire sautés), heures de Paris (ou du fuseau du lot) enregistrées en instants UTC.
 * Ne fait rien si la configuration n'est pas de démonstration ou si des créneaux existent déjà (idempotent).
 * @returns le nombre de créneaux publiés.
 */
export async function publierCreneauxDeDemonstration(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant' | 'journal'>,
): Promise<number> {
  if (!deps.deploiement.demonstration) return 0;
  const publies = await enTransaction(
    deps.db,
    async (tx) => {
      const d = depotRendezVous(tx);
      if ((await d.nombreDeCreneaux()) > 0) return 0;
      let total = 0;
      for (const site of deps.deploiement.sites) {
        const lot = lotDuSite(deps, site)!;
        const territoire = territoireDuDepartement(deps.referentiel.commune(site.commune)!.departement);
        const agenda = await d.creerAgenda({ compteId: null, libelle: `Démonstration – ${site.nom}` });
        const lignes = creneauxDePlages(SEMAINE_SITE, dateLocale(deps.maintenant(), fuseauDuTerritoire(territoire)), territoire);
        await d.insererCreneaux(lignes.map((c) => ({ ...c, agendaId: agenda.id, lot, site: site.id, modalite: 'presentiel' as const })));
        total += lignes.length;
      }
      for (const lot of deps.deploiement.lots) {
        const territoire = territoireDuLot(lot);
        for (const [modalite, plages] of Object.entries(SEMAINE_DISTANCE) as [Modalite, PlageType[]][]) {
          const agenda = await d.creerAgenda({ compteId: null, libelle: `Démonstration – ${modalite} – lot ${lot}` });
          const lignes = creneauxDePlages(plages, dateLocale(deps.maintenant(), fuseauDuTerritoire(territoire)), territoire);
          await d.insererCreneaux(lignes.map((c) => ({ ...c, agendaId: agenda.id, lot, site: null, modalite })));
          total += lignes.length;
        }
      }
      return total;
    },
  );
  if (publies > 0) deps.journal.info('rendez-vous.demonstration', { creneaux: publies });
  return publies;
}

/** À appeler au démarrage du serveur : vérifie les sites de la configuration, puis publie les créneaux de démonstration. */
export async function preparerRendezVous(deps: Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant' | 'journal'>): Promise<void> {
  verifierSites(deps);
  // Deux instances qui démarrent ensemble sur PostgreSQL : la seconde attend la première, puis trouve les créneaux publiés.
  await sousVerrouConsultatif(deps.db, VERROUS.demonstration, () => publierCreneauxDeDemonstration(deps));
}
