import type { ConseillerConnecte } from '../conseiller/service.ts';
import { echecDe, erreursDeZod, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
import { ajouterJours, dateUtc } from '../calendrier/dates.ts';
import { LOTS } from '../territoires/lots.ts';
import { alertesAgenda, creneauxAVenir, publierCreneaux, retirerCreneau, schemaPublication } from './agenda.ts';
import { ERREURS_RENDEZ_VOUS } from './erreurs.ts';

/** Ce que la personne a saisi pour publier des créneaux, pour réafficher le formulaire. */
export type SaisiePublication = Record<'modalite' | 'site' | 'lot' | 'date' | 'de' | 'a' | 'duree' | 'semaines', string>;

/** Ce que montre `/espace-conseiller/agenda`, ou la page où aller après une action réussie. */
export interface VueAgenda {
  redirection?: string;
  echec?: Echec;
  message?: string;
  saisie: SaisiePublication;
  /** Pour un responsable : semaines sans assez d'horaires élargis, délais dépassés. */
  alertes?: Awaited<ReturnType<typeof alertesAgenda>>;
  publies: Awaited<ReturnType<typeof creneauxAVenir>>;
}

type Deps = Parameters<typeof publierCreneaux>[0];

/** La page de l'agenda : publier ou retirer des créneaux, voir les siens (tous pour un responsable) et les alertes. */
export async function pageAgenda(
  deps: Deps,
  conseiller: ConseillerConnecte,
  parametres: URLSearchParams,
  passage: Passage | undefined,
): Promise<VueAgenda> {
  const demain = ajouterJours(dateUtc(deps.maintenant()), 1);
  let saisie: SaisiePublication = { modalite: '', site: '', lot: '', date: demain, de: '09:00', a: '12:00', duree: '60', semaines: '1' };
  let echec: Echec | undefined;
  if (passage) {
    const champs = champsRecus(passage);
    if (!passage.ok) echec = passage;
    else if (champs.get('action') === 'retirer') {
      if (await retirerCreneau(deps, conseiller, Number(champTexte(champs, 'creneau', 12))))
        return vide(saisie, '/espace-conseiller/agenda?retire=1');
      echec = echecDe(ERREURS_RENDEZ_VOUS, { erreur: 'CRENEAU_NON_RETIRABLE' });
    } else {
      saisie = Object.fromEntries(Object.keys(saisie).map((k) => [k, champTexte(champs, k, 40)])) as SaisiePublication;
      const lu = schemaPublication.safeParse({ ...saisie, site: saisie.site || undefined, lot: saisie.lot || undefined });
      const r = lu.success ? await publierCreneaux(deps, conseiller, lu.data) : undefined;
      if (r?.ok) {
        const ignores = r.ignores.feries + r.ignores.passes + r.ignores.chevauchements;
        return vide(saisie, `/espace-conseiller/agenda?publies=${r.publies}&ignores=${ignores}`);
      }
      echec = echecDe(ERREURS_RENDEZ_VOUS, r ?? { erreur: 'SAISIE_INVALIDE', erreurs: lu.success ? [] : erreursDeZod(lu.error) });
    }
  }
  const message = messageDe(parametres);
  return {
    saisie,
    publies: await creneauxAVenir(deps, conseiller, 14),
    ...(echec ? { echec } : {}),
    ...(message ? { message } : {}),
    ...(conseiller.role === 'manager' ? { alertes: await alertesAgenda(deps) } : {}),
  };
}

const vide = (saisie: SaisiePublication, redirection: string): VueAgenda => ({ redirection, saisie, publies: [] });

/** La confirmation de la dernière action, lue dans l'adresse après redirection. */
function messageDe(q: URLSearchParams): string | undefined {
  if (q.get('retire')) return 'Créneau retiré.';
  const publies = Number(q.get('publies'));
  if (!Number.isSafeInteger(publies) || publies <= 0) return undefined;
  const ignores = Number(q.get('ignores'));
  return `${publies} créneau(x) publié(s)${Number.isSafeInteger(ignores) && ignores > 0 ? `, ${ignores} ignoré(s) (jour férié, heure passée ou chevauchement)` : ''}.`;
}

/** Le nom d'un lot (« Île-de-France »). */
export const nomLot = (n: number) => LOTS.find((l) => l.numero === n)?.nom ?? `lot ${n}`;

/** Au-delà, le tableau des créneaux devient illisible : on montre les premiers. */
export const MAX_LIGNES = 60;
