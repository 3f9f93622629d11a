// L'aiguillage (UO0) : de la situation d'une personne au service qui peut la conseiller.
// Sources : seed 002 §1.2.4 (public de l'opérateur régional, services ciblés à signaler), §2.1.1 (UO0 pour tout
// actif), annexe 1 §3.2.1 (continuité, jamais de double accompagnement). Fonction pure : tout est en mémoire.
import {
  lieu,
  lieuDuDepartement,
  propositionHorsCep,
  propositionNationale,
  propositionRegionale,
  propositionRegionaleInconnue,
  type ContexteDecision,
  type Lieu,
} from './contacts.ts';
import { champsManquants, SITUATION_COURTE } from './questions.ts';
import type { Decision, ProfilPartiel, Proposition } from './schema.ts';
import { AGE_JEUNE_MAX, AGE_JEUNE_MIN, type OperateurCep } from './vocabulaire.ts';

export type { ContexteDecision } from './contacts.ts';

const NOMS_SUIVI: Record<OperateurCep, string> = {
  'france-travail': 'France Travail',
  apec: 'l’Apec',
  'mission-locale': 'une Mission locale',
  'cap-emploi': 'Cap emploi',
  'operateur-regional': 'l’opérateur régional',
};

const estJeune = (p: ProfilPartiel) => p.age !== undefined && p.age >= AGE_JEUNE_MIN && p.age <= AGE_JEUNE_MAX;
const CHOIX = ' Vous pouvez aussi choisir ce service : le choix vous appartient.';

/** Ce que l'on sait des lieux de la personne : résidence et travail, et les régions qui ont un opérateur régional. */
interface Lieux {
  residence?: Lieu;
  travail?: Lieu;
  /** Régions distinctes, résidence d'abord. */
  connus: Lieu[];
}

function lieux(ctx: ContexteDecision, p: ProfilPartiel): Lieux {
  const residence = lieu(ctx, p.communeResidence, 'residence') ?? lieuDuDepartement(ctx, p.departementResidence);
  const travail = lieu(ctx, p.communeTravail, 'travail');
  const connus = [residence, travail].filter((l): l is Lieu => l !== undefined);
  return { residence, travail, connus: connus.filter((l, i) => connus.findIndex((m) => m.region.code === l.region.code) === i) };
}

/** Les opérateurs régionaux valables (un par région connue qui a un lot), ou celui « de votre région » si on ne sait pas. */
function regionales(ctx: ContexteDecision, l: Lieux, raison: string): Proposition[] {
  if (l.connus.length === 0) return [propositionRegionaleInconnue(ctx, raison)];
  return l.connus
    .filter((x) => x.region.lot !== undefined)
    .map((x) => {
      const ou = x.role === 'residence' ? 'où vous habitez' : 'où vous travaillez';
      return propositionRegionale(ctx, x, `${raison} Il vous accueille en ${x.region.nom}, ${ou}.`);
    });
}

/** Les services ciblés qui correspondent (seed 002 §1.2.4) : handicap, cadres, jeunes — dans cet ordre. */
function ciblees(ctx: ContexteDecision, p: ProfilPartiel, cadreCompte: boolean): Proposition[] {
  const liste: Proposition[] = [];
  if (p.handicap) {
    liste.push(
      propositionNationale(
        ctx,
        'cap-emploi',
        'Vous avez une reconnaissance de handicap ou un handicap : Cap emploi vous propose un accompagnement adapté, pour trouver un emploi ou garder le vôtre.',
      ),
    );
  }
  if (p.cadre && cadreCompte) {
    const etes = p.situation === 'demandeur_emploi' ? 'Vous étiez cadre' : 'Vous êtes cadre';
    liste.push(propositionNationale(ctx, 'apec', `${etes} : l’Apec propose un conseil réservé aux cadres.`));
  }
  if (estJeune(p)) {
    liste.push(
      propositionNationale(
        ctx,
        'mission-locale',
        `Vous avez ${p.age} ans : les Missions locales accompagnent les jeunes de ${AGE_JEUNE_MIN} à ${AGE_JEUNE_MAX} ans.`,
      ),
    );
  }
  return liste;
}

/** Aucun opérateur régional dans les lieux connus : des collectivités d'outre-mer hors des 18 lots. */
function horsLot(l: Lieux): string | undefined {
  if (l.connus.length === 0 || l.connus.some((x) => x.region.lot)) return undefined;
  return l.connus.map((x) => x.region.nom).join(' et ');
}

/** Actifs occupés du privé (salariés, indépendants, étudiants et retraités qui travaillent). */
function actifOccupe(ctx: ContexteDecision, p: ProfilPartiel, l: Lieux): Omit<Decision, 'region' | 'precisions'> {
  const qui =
    p.situation === 'salarie_prive' || p.situation === 'independant' ? `Vous êtes ${SITUATION_COURTE[p.situation]}` : 'Vous travaillez';
  const raison = `${qui} : l’opérateur régional du conseil en évolution professionnelle vous conseille, gratuitement et en toute confidentialité.`;
  const cibles = ciblees(ctx, p, p.situation === 'salarie_prive' || p.situation === 'retraite');
  const regions = regionales(ctx, l, raison);
  if (cibles.length > 0) {
    return {
      cep: true,
      recommandation: cibles[0]!,
      alternatives: [...cibles.slice(1), ...regions.map((r) => ({ ...r, raison: r.raison + CHOIX }))],
    };
  }
  const aucun = horsLot(l);
  if (aucun || regions.length === 0) {
    const raisonFt = `Il n’y a pas d’opérateur régional du conseil en évolution professionnelle à ${aucun ?? 'l’endroit indiqué'} : France Travail peut vous conseiller.`;
    return { cep: true, recommandation: propositionNationale(ctx, 'france-travail', raisonFt), alternatives: [] };
  }
  return { cep: true, recommandation: regions[0]!, alternatives: regions.slice(1) };
}

/** Personnes qui cherchent un emploi (avec ou sans activité réduite). */
function chercheurEmploi(ctx: ContexteDecision, p: ProfilPartiel, l: Lieux): Omit<Decision, 'region' | 'precisions'> {
  const travailUnPeu = p.enEmploi === true;
  const ft = propositionNationale(
    ctx,
    'france-travail',
    travailUnPeu
      ? 'Vous cherchez un emploi tout en travaillant un peu : France Travail vous accompagne dans votre recherche et votre projet professionnel.'
      : 'Vous cherchez un emploi : France Travail vous accompagne dans votre recherche et votre projet professionnel.',
  );
  const cibles = ciblees(ctx, p, p.situation === 'demandeur_emploi');
  const alternatives = [...cibles.slice(1), ...(cibles.length > 0 ? [{ ...ft, raison: ft.raison + CHOIX }] : [])];
  if (travailUnPeu) {
    const raison = 'Vous travaillez un peu : l’opérateur régional du conseil en évolution professionnelle peut aussi vous conseiller.';
    alternatives.push(...regionales(ctx, l, raison));
  }
  return { cep: true, recommandation: cibles[0] ?? ft, alternatives };
}

/** Déjà accompagné par un opérateur du CEP : on continue avec lui, jamais de second accompagnement. */
function continuite(ctx: ContexteDecision, suivi: OperateurCep, l: Lieux): Omit<Decision, 'region' | 'precisions'> {
  const raison = `Vous êtes déjà accompagné par ${NOMS_SUIVI[suivi]} : continuez avec votre conseiller, même si votre situation a changé. On ne peut pas être accompagné par deux services à la fois ; si vous souhaitez changer, parlez-en d’abord avec lui.`;
  if (suivi !== 'operateur-regional') return { cep: true, recommandation: propositionNationale(ctx, suivi, raison), alternatives: [] };
  const regions = regionales(ctx, l, raison);
  return { cep: true, recommandation: regions[0] ?? propositionRegionaleInconnue(ctx, raison), alternatives: [] };
}

/** Élèves, étudiants, retraités, personnes sans activité qui ne travaillent pas et ne cherchent pas d'emploi. */
function horsCep(ctx: ContexteDecision, p: ProfilPartiel): Omit<Decision, 'region' | 'precisions'> {
  const reprise = propositionNationale(ctx, 'france-travail', 'Si vous décidez de chercher un emploi, France Travail vous accompagnera.');
  if (p.situation === 'etudiant') {
    const raison =
      'Le conseil en évolution professionnelle s’adresse aux personnes qui travaillent ou cherchent un emploi. Pendant vos études, c’est le service d’orientation de votre établissement qui vous aide à choisir votre voie.';
    return { cep: false, recommandation: propositionHorsCep(ctx, 'etudes', raison), alternatives: [reprise] };
  }
  const qui =
    p.situation === 'retraite'
      ? 'Vous êtes retraité et ne cherchez pas d’emploi'
      : 'Vous n’avez pas d’activité professionnelle et ne cherchez pas d’emploi';
  const raison = `${qui} : le conseil en évolution professionnelle ne s’adresse pas à votre situation. Service-Public.fr explique vos droits si vous envisagez de reprendre une activité.`;
  return { cep: false, recommandation: propositionHorsCep(ctx, 'information', raison), alternatives: [reprise] };
}

/** Étudiant ou retraité dont on ne sait pas encore s'il travaille ou cherche un emploi : chaque cas, au conditionnel. */
function etudesOuRetraiteIncertain(ctx: ContexteDecision, p: ProfilPartiel, l: Lieux): Omit<Decision, 'region' | 'precisions'> {
  const base = horsCep(ctx, p);
  const siTravail = regionales(
    ctx,
    l,
    'Si vous avez un emploi, même à temps partiel, l’opérateur régional du conseil en évolution professionnelle peut vous conseiller.',
  );
  const siRecherche = estJeune(p)
    ? propositionNationale(
        ctx,
        'mission-locale',
        `Si vous cherchez un emploi : les Missions locales accompagnent les jeunes de ${AGE_JEUNE_MIN} à ${AGE_JEUNE_MAX} ans.`,
      )
    : propositionNationale(ctx, 'france-travail', 'Si vous cherchez un emploi, France Travail vous accompagne.');
  const recherchePossible = p.rechercheEmploi !== false;
  const travailPossible = p.enEmploi !== false;
  return {
    ...base,
    alternatives: [...(travailPossible ? siTravail : []), ...(recherchePossible ? [siRecherche] : [])],
  };
}

function orienter(ctx: ContexteDecision, p: ProfilPartiel, l: Lieux): Omit<Decision, 'region' | 'precisions'> {
  if (p.accompagnementEnCours && p.accompagnementEnCours !== 'aucun') return continuite(ctx, p.accompagnementEnCours, l);
  switch (p.situation) {
    case undefined:
      return {
        cep: true,
        recommandation:
          regionales(
            ctx,
            l,
            'Quelle que soit votre situation, l’opérateur régional peut vous accueillir et vous orienter vers le service qui vous correspond.',
          )[0] ?? propositionRegionaleInconnue(ctx, ''),
        alternatives: ciblees(ctx, p, true),
      };
    case 'agent_public':
      return {
        cep: true,
        recommandation: propositionNationale(
          ctx,
          'employeur-public',
          'Vous êtes agent public : votre conseil en évolution professionnelle passe par votre employeur. L’opérateur régional, lui, n’accompagne pas les agents publics.',
        ),
        alternatives: ciblees(ctx, p, false),
      };
    case 'salarie_prive':
    case 'independant':
      return actifOccupe(ctx, p, l);
    case 'demandeur_emploi':
      return chercheurEmploi(ctx, p, l);
    case 'sans_activite':
      return p.rechercheEmploi === false ? horsCep(ctx, p) : chercheurEmploi(ctx, p, l);
    case 'etudiant':
    case 'retraite':
      if (p.enEmploi === true) return actifOccupe(ctx, p, l);
      if (p.rechercheEmploi === true) return chercheurEmploi(ctx, p, l);
      if (p.enEmploi === false && p.rechercheEmploi === false) return horsCep(ctx, p);
      return etudesOuRetraiteIncertain(ctx, p, l);
  }
}

/**
 * Décide de l'aiguillage d'une personne : le service recommandé, les autres choix valables (la personne choisit),
 * une raison en français simple pour chacun, et ce qui préciserait la réponse s'il manque des informations.
 * @example decider({ situation: 'salarie_prive', age: 23 }, ctx).recommandation.operateur === 'mission-locale'
 */
export function decider(p: ProfilPartiel, ctx: ContexteDecision): Decision {
  const l = lieux(ctx, p);
  const { cep, recommandation, alternatives } = orienter(ctx, p, l);
  const principal = l.residence ?? l.travail;
  const vues = new Set([cle(recommandation)]);
  return {
    cep,
    recommandation,
    // Une même proposition n'apparaît qu'une fois (un jeune cadre handicapé a trois services ciblés, pas six).
    alternatives: alternatives.filter((a) => !vues.has(cle(a)) && vues.add(cle(a))),
    ...(principal
      ? {
          region: {
            code: principal.region.code,
            nom: principal.region.nom,
            ...(principal.region.lot ? { lot: principal.region.lot.numero } : {}),
          },
        }
      : {}),
    precisions: champsManquants(p),
  };
}

const cle = (p: Proposition) => `${p.operateur}:${p.region?.code ?? ''}`;
