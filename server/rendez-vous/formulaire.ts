import type { ErreurChamp } from '../http/erreurs.ts';
import { erreursDeZod } from '../http/erreurs.ts';
import { champTexte } from '../http/porte.ts';
import type { Dependances } from '../dependances.ts';
import { libelleCommune, resoudreCommune, type CommuneResolue } from '../territoires/resoudre.ts';
import { afficherCreneau } from './creneau-lisible.ts';
import { dateLongue } from '../calendrier/formats.ts';
import type { CreneauLibre } from './repository.ts';
import { erreursDeCoherence, schemaDemandeRendezVous, type DemandeRendezVous } from './schema.ts';

/** Nom du champ piège à robots : caché aux personnes, un robot le remplit (vérifié par la porte, `server/http/porte.ts`). */
export const CHAMP_PIEGE = 'siteWeb';

/** Ce que la personne a saisi, pour réafficher le formulaire tel quel. */
export interface SaisieDemande {
  nom: string;
  prenom: string;
  email: string;
  telephone: string;
  commune: string;
  communeCode: string;
  situation: string;
  /** `oui`, `non` ou vide : la personne travaille (étudiant, retraité, personne qui cherche un emploi). */
  enEmploi: string;
  /** `aucun`, un opérateur du CEP ou vide. */
  accompagnementEnCours: string;
  /** Réponses de l'assistant que le formulaire ne redemande pas (`oui`, `non`, un âge) : reportées telles quelles. */
  rechercheEmploi: string;
  handicap: string;
  cadre: string;
  age: string;
  /** Le métier compris par l'assistant et son code ROME, repris seulement si la case « garder » reste cochée. */
  metier: string;
  codeRome: string;
  garderMetier: boolean;
  motif: string;
  modalite: string;
  creneau: string;
  besoins: string[];
  precision: string;
  consentement: boolean;
}

const texte = (f: FormData, nom: string, max = 300) => champTexte(f, nom, max);

/**
 * Lit le formulaire sans JavaScript de `/rendez-vous` et le valide avec le même schéma que l'API.
 * La commune est résolue à partir du code choisi dans la liste ou de la saisie libre.
 */
export function lireFormulaireDemande(
  f: FormData,
  deps: Pick<Dependances, 'referentiel' | 'communes'>,
  origine: 'en-ligne' | 'orientation',
): { saisie: SaisieDemande; resolution: CommuneResolue } & (
  { ok: true; demande: DemandeRendezVous } | { ok: false; erreurs: ErreurChamp[] }
) {
  const saisie: SaisieDemande = {
    nom: texte(f, 'nom', 100),
    prenom: texte(f, 'prenom', 100),
    email: texte(f, 'email', 254),
    telephone: texte(f, 'telephone', 30),
    commune: texte(f, 'commune', 100),
    // Le champ caché de l'île et, pour une commune ambiguë, les boutons radio portent le même nom : le premier rempli gagne.
    communeCode:
      f
        .getAll('communeCode')
        .find((c): c is string => typeof c === 'string' && c.trim() !== '')
        ?.slice(0, 5) ?? '',
    situation: texte(f, 'situation', 30),
    enEmploi: texte(f, 'enEmploi', 5),
    accompagnementEnCours: texte(f, 'accompagnementEnCours', 30),
    rechercheEmploi: texte(f, 'rechercheEmploi', 5),
    handicap: texte(f, 'handicap', 5),
    cadre: texte(f, 'cadre', 5),
    age: texte(f, 'age', 3),
    metier: texte(f, 'metier', 120),
    codeRome: texte(f, 'codeRome', 5),
    garderMetier: f.get('garderMetier') === 'oui',
    motif: texte(f, 'motif', 30),
    modalite: texte(f, 'modalite', 20),
    creneau: texte(f, 'creneau', 12),
    besoins: f
      .getAll('besoins')
      .filter((b): b is string => typeof b === 'string')
      .slice(0, 10),
    precision: texte(f, 'precision', 300),
    consentement: f.get('consentement') === 'oui',
  };
  const resolution = resoudreCommune({ code: saisie.communeCode, texte: saisie.commune }, deps.referentiel, deps.communes);
  const erreurs: ErreurChamp[] = [];
  if (resolution.statut === 'vide') erreurs.push({ champ: 'commune', message: 'Indiquez la commune où vous habitez ou travaillez.' });
  if (resolution.statut === 'inconnue')
    erreurs.push({
      champ: 'commune',
      message: `Nous ne trouvons pas de commune « ${saisie.commune} ». Vérifiez l’orthographe ou tapez le code postal.`,
    });
  if (resolution.statut === 'ambigue')
    erreurs.push({ champ: 'commune', message: 'Plusieurs communes correspondent : choisissez la vôtre dans la liste.' });
  if (resolution.statut === 'trouvee') saisie.commune = libelleCommune(resolution.commune);
  const brut = {
    nom: saisie.nom,
    prenom: saisie.prenom,
    email: saisie.email,
    telephone: saisie.telephone,
    commune: resolution.statut === 'trouvee' ? resolution.commune.code : '00000',
    situation: saisie.situation || undefined,
    ...reponsesOrientation(saisie),
    ...(saisie.garderMetier && saisie.metier ? { metier: saisie.metier, ...(saisie.codeRome ? { codeRome: saisie.codeRome } : {}) } : {}),
    motif: saisie.motif || undefined,
    modalite: saisie.modalite || undefined,
    ...(saisie.creneau === 'rappel' ? { rappel: true } : /^\d+$/.test(saisie.creneau) ? { creneauId: Number(saisie.creneau) } : {}),
    besoinsAccessibilite: { codes: saisie.besoins, ...(saisie.precision.trim() ? { precision: saisie.precision } : {}) },
    origine,
    consentement: saisie.consentement,
  };
  const resultat = schemaDemandeRendezVous.safeParse(brut);
  if (!resultat.success) {
    const deZod = erreursDeZod(resultat.error).filter((e) => e.champ !== 'commune');
    // zod ne vérifie les règles entre champs que si chaque champ est valide : on les ajoute pour tout dire d'un coup.
    const coherence = erreursDeCoherence({ ...brut, telephone: saisie.telephone.trim() || undefined }).filter(
      (c) => !deZod.some((e) => e.champ === c.champ),
    );
    erreurs.push(...deZod, ...coherence);
  }
  if (erreurs.length > 0 || !resultat.success) return { ok: false, saisie, resolution, erreurs: trierErreurs(erreurs) };
  return { ok: true, saisie, resolution, demande: resultat.data };
}

/** `oui` / `non` (formulaire) ou `true` / `false` (lien de l'assistant) en booléen ; autre chose : non répondu. */
export function ouiNon(v: string | null | undefined): boolean | undefined {
  if (v === 'oui' || v === 'true') return true;
  if (v === 'non' || v === 'false') return false;
  return undefined;
}

/** Les réponses de l'orientation saisies ou reportées, pour le schéma de l'API (une réponse vide n'est pas envoyée). */
function reponsesOrientation(s: SaisieDemande): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const champ of ['enEmploi', 'rechercheEmploi', 'handicap', 'cadre'] as const) {
    const v = ouiNon(s[champ]);
    if (v !== undefined) r[champ] = v;
  }
  if (s.accompagnementEnCours) r.accompagnementEnCours = s.accompagnementEnCours;
  if (/^\d{1,2}$/.test(s.age)) r.age = Number(s.age);
  return r;
}

/** L'ordre des champs dans la page, pour que le résumé des erreurs le suive. */
export const ORDRE_CHAMPS = [
  'creneauId',
  'rappel',
  'nom',
  'prenom',
  'email',
  'telephone',
  'commune',
  'situation',
  'enEmploi',
  'accompagnementEnCours',
  'motif',
  'besoinsAccessibilite',
  'consentement',
];
function trierErreurs(erreurs: ErreurChamp[]): ErreurChamp[] {
  const rang = (c: string) => {
    const i = ORDRE_CHAMPS.findIndex((o) => c === o || c.startsWith(`${o}.`));
    return i === -1 ? ORDRE_CHAMPS.length : i;
  };
  return [...erreurs].sort((a, b) => rang(a.champ) - rang(b.champ));
}

/** Un créneau tel que la liste l'affiche. */
export type CreneauAffiche = CreneauLibre & { debutLisible: string; finLisible: string; horsDelai: boolean };

/**
 * Les créneaux regroupés par jour local, pour une liste de boutons radio. Avec `finDuDelai` (instant ISO), ceux qui
 * commencent après le délai du premier échange sont marqués `horsDelai` (ils viennent après les autres : la liste suit le temps).
 */
export function creneauxParJour(
  creneaux: readonly CreneauLibre[],
  joursMax: number,
  finDuDelai?: string,
): { jour: string; texteJour: string; creneaux: CreneauAffiche[] }[] {
  const jours = new Map<string, { jour: string; texteJour: string; creneaux: CreneauAffiche[] }>();
  for (const c of creneaux) {
    const affiche = afficherCreneau(c);
    if (!jours.has(affiche.jour)) {
      if (jours.size === joursMax) break;
      jours.set(affiche.jour, { jour: affiche.jour, texteJour: dateLongue(affiche.jour), creneaux: [] });
    }
    const horsDelai = finDuDelai !== undefined && c.debut >= finDuDelai;
    jours.get(affiche.jour)!.creneaux.push({ ...c, debutLisible: affiche.debut, finLisible: affiche.fin, horsDelai });
  }
  return [...jours.values()];
}
