import { dateCourte, dateLongue } from '../calendrier/formats.ts';
import { bilanDe, chargerGrille, type Bilan, type Critere, type Grille, type Preuve } from './grille.ts';

const GROUPES: Record<Critere['statut'], string> = {
  conforme: 'Conformes',
  'non-conforme': 'Non conformes',
  'non-applicable': 'Non applicables',
};

/** Une vérification citée par la grille, numérotée une fois (V1, V2…) pour que la page reste légère. */
export interface Verification {
  ref: string;
  /** « Test automatique » ou « Contrôle manuel du 06/12/2026 ». */
  sorte: string;
  texte: string;
  fichier?: string;
}

/** Ce que publie `/accessibilite`. */
export interface VueDeclaration {
  grille: Pick<Grille, 'date' | 'evaluation' | 'technologies' | 'environnement' | 'outils'>;
  /** La date de l'évaluation, en toutes lettres. */
  dateEnClair: string;
  bilan: Bilan;
  /** Le taux arrondi à l'unité inférieure, en français : « 53 % ». */
  tauxEnClair: string;
  thematiques: {
    numero: number;
    titre: string;
    /** « 5 conformes, 1 non conforme, 3 non applicables ». */
    resume: string;
    /** Les critères rangés par statut (« Conformes (4) »…), sans groupe vide. */
    groupes: { statut: string; criteres: { numero: string; intitule: string; refs: string[] }[] }[];
  }[];
  verifications: Verification[];
  /** Les non-conformités, par plan puis par constat (numéros des critères) : chaque texte une seule fois. */
  nonConformites: { plan: string; constats: { criteres: string[]; constat: string }[] }[];
  /** Les critères non applicables, regroupés par motif. */
  nonApplicables: { criteres: string[]; motif: string }[];
}

function resumer(criteres: readonly Critere[]): string {
  const n = (s: Critere['statut']) => criteres.filter((c) => c.statut === s).length;
  const parties = [
    [n('conforme'), 'conforme'],
    [n('non-conforme'), 'non conforme'],
    [n('non-applicable'), 'non applicable'],
  ] as const;
  return parties
    .filter(([nombre]) => nombre > 0)
    .map(([nombre, mot]) => (nombre > 1 ? `${nombre} ${mot.replace(/(\S+)$/, '$1s')}` : `1 ${mot}`))
    .join(', ');
}

function decrire(p: Preuve, ref: string): Verification {
  return p.sorte === 'test'
    ? { ref, sorte: 'Test automatique', texte: p.titre, fichier: p.fichier }
    : { ref, sorte: `Contrôle manuel du ${dateCourte(p.date)}`, texte: p.controle };
}

let vue: VueDeclaration | undefined;

/** La déclaration d'accessibilité, calculée une fois de `content/accessibilite/rgaa-4.1.2.json`. */
export function declarationAccessibilite(): VueDeclaration {
  if (vue) return vue;
  const grille = chargerGrille();
  const bilan = bilanDe(grille);
  const verifications = new Map<string, Verification>();
  const refDe = (p: Preuve) => {
    const cle = JSON.stringify(p);
    let v = verifications.get(cle);
    if (!v) verifications.set(cle, (v = decrire(p, `V${verifications.size + 1}`)));
    return v.ref;
  };
  const nonConformites = new Map<string, Map<string, string[]>>();
  const nonApplicables = new Map<string, { criteres: string[]; motif: string }>();
  for (const c of grille.thematiques.flatMap((t) => t.criteres)) {
    if (c.statut === 'non-conforme' && c.constat && c.plan) {
      const parConstat = nonConformites.get(c.plan) ?? new Map<string, string[]>();
      parConstat.set(c.constat, [...(parConstat.get(c.constat) ?? []), c.numero]);
      nonConformites.set(c.plan, parConstat);
    }
    if (c.statut === 'non-applicable' && c.motif) {
      const groupe = nonApplicables.get(c.motif) ?? { criteres: [], motif: c.motif };
      groupe.criteres.push(c.numero);
      nonApplicables.set(c.motif, groupe);
    }
  }
  vue = {
    grille,
    dateEnClair: dateLongue(grille.date),
    bilan,
    tauxEnClair: `${Math.floor(bilan.taux * 100)} %`,
    thematiques: grille.thematiques.map((t) => ({
      numero: t.numero,
      titre: t.titre,
      resume: resumer(t.criteres),
      groupes: (Object.keys(GROUPES) as Critere['statut'][])
        .map((statut) => {
          const criteres = t.criteres.filter((c) => c.statut === statut);
          return {
            statut: `${GROUPES[statut]} (${criteres.length})`,
            criteres: criteres.map((c) => ({ numero: c.numero, intitule: c.intitule, refs: c.preuves.map(refDe) })),
          };
        })
        .filter((g) => g.criteres.length > 0),
    })),
    verifications: [...verifications.values()],
    nonConformites: [...nonConformites].map(([plan, parConstat]) => ({
      plan,
      constats: [...parConstat].map(([constat, criteres]) => ({ constat, criteres })),
    })),
    nonApplicables: [...nonApplicables.values()],
  };
  return vue;
}

/** L'état de conformité, pour le lien du pied de page : « Accessibilité : partiellement conforme ». */
export const etatAccessibilite = () => declarationAccessibilite().bilan.etat;
