// Les propositions d'aiguillage et leurs contacts, tirés du contenu (content/operateurs/) : jamais inventés.
import type { Commune, Referentiel, Region } from '../territoires/referentiel.ts';
import { sitesParProximite, type Operateurs, type ServiceNational } from '../operateurs/charger.ts';
import type { Aiguillage, Contact, Proposition } from './schema.ts';

/** Ce dont la décision a besoin, tout en mémoire : elle reste une fonction pure. */
export interface ContexteDecision {
  operateurs: Operateurs;
  referentiel: Pick<Referentiel, 'commune' | 'departement' | 'region'>;
}

/** Une commune (ou seulement un département) et sa région. */
export interface Lieu {
  /** Absente quand la personne n'a dit que son département (« dans le 92 »). */
  commune?: Commune;
  /** Code du département. */
  departement: string;
  region: Region;
  /** D'où vient ce lieu : la résidence ou le travail de la personne. */
  role: 'residence' | 'travail';
}

/** La commune et sa région, si le code est connu. */
export function lieu(ctx: ContexteDecision, code: string | undefined, role: Lieu['role']): Lieu | undefined {
  const commune = code ? ctx.referentiel.commune(code) : undefined;
  const region = commune ? ctx.referentiel.region(commune.region) : undefined;
  return commune && region ? { commune, departement: commune.departement, region, role } : undefined;
}

/** Le département de résidence et sa région, si le code est connu (la personne n'a pas dit sa commune). */
export function lieuDuDepartement(ctx: ContexteDecision, code: string | undefined): Lieu | undefined {
  const departement = code ? ctx.referentiel.departement(code) : undefined;
  const region = departement ? ctx.referentiel.region(departement.region) : undefined;
  return departement && region ? { departement: departement.code, region, role: 'residence' } : undefined;
}

function contactNational(service: ServiceNational, type: Contact['type'] = 'national'): Contact {
  return { type, siteWeb: { url: service.siteWeb, libelle: service.libelleSite }, trouverUnSite: service.trouverUnSite };
}

/** Une proposition vers un service national ou vers l'employeur public. */
export function propositionNationale(
  ctx: ContexteDecision,
  operateur: Exclude<Aiguillage, 'operateur-regional' | 'hors-cep'>,
  raison: string,
): Proposition {
  const service = operateur === 'employeur-public' ? ctx.operateurs.autresPortes['employeur-public'] : ctx.operateurs.nationaux[operateur];
  return {
    operateur,
    nom: service.nom,
    raison,
    contact: contactNational(service, operateur === 'employeur-public' ? 'employeur' : 'national'),
  };
}

/** Une autre porte que le CEP (études, information sur ses droits). */
export function propositionHorsCep(ctx: ContexteDecision, porte: 'etudes' | 'information', raison: string): Proposition {
  const service = ctx.operateurs.autresPortes[porte];
  return { operateur: 'hors-cep', nom: service.nom, raison, contact: contactNational(service, 'autre') };
}

/** L'opérateur régional d'une région : celui de ce déploiement, ou celui qu'a désigné France compétences ailleurs. */
export function propositionRegionale(ctx: ContexteDecision, l: Lieu, raison: string): Proposition {
  const region = { code: l.region.code, nom: l.region.nom };
  const commune = l.commune?.code;
  const operateur = l.region.lot ? ctx.operateurs.regionaux.get(l.region.lot.numero) : undefined;
  if (operateur) {
    const contact: Contact = {
      type: 'regional',
      telephone: operateur.telephone,
      horaires: operateur.horaires,
      courriel: operateur.courriel,
      sites: sitesParProximite(operateur, l.departement).map(({ nom, adresse, horaires, telephone }) => ({
        nom,
        adresse,
        horaires,
        ...(telephone ? { telephone } : {}),
      })),
      rendezVous: true,
      ...(operateur.siteWeb ? { siteWeb: { url: operateur.siteWeb, libelle: 'Site de l’opérateur' } } : {}),
      ...(operateur.exemple ? { exemple: true } : {}),
    };
    return { operateur: 'operateur-regional', nom: operateur.nom, raison, contact, region, ...(commune ? { commune } : {}) };
  }
  const fc = ctx.operateurs.franceCompetences;
  return {
    operateur: 'operateur-regional',
    nom: `Opérateur régional – ${l.region.nom}`,
    raison,
    region,
    ...(commune ? { commune } : {}),
    contact: {
      type: 'regional-autre',
      siteWeb: { url: fc.siteWeb, libelle: fc.libelleSite },
      trouverUnSite: `La région ${l.region.nom} a son propre opérateur régional, désigné par France compétences : ce portail ne le gère pas. Ses coordonnées sont sur le site de France compétences.`,
    },
  };
}

/** L'opérateur régional quand on ne sait pas encore où la personne habite ni travaille. */
export function propositionRegionaleInconnue(ctx: ContexteDecision, raison: string): Proposition {
  const fc = ctx.operateurs.franceCompetences;
  const servis = [...ctx.operateurs.regionaux.values()].map((o) => o.nom);
  const ici = servis.length > 0 ? ` Ce portail est celui de l’opérateur régional ${servis.join(', ')}.` : '';
  return {
    operateur: 'operateur-regional',
    nom: 'L’opérateur régional de votre région',
    raison,
    contact: {
      type: 'regional-inconnu',
      siteWeb: { url: fc.siteWeb, libelle: fc.libelleSite },
      trouverUnSite: `Chaque région a son opérateur régional, désigné par France compétences. Indiquez votre commune pour savoir lequel vous accueille.${ici}`,
    },
  };
}
