import { z } from 'zod';
import { lireJsonValide } from '../deploiement/charger.ts';

/** Le fichier de la grille, lu par la page `/accessibilite` et par les tests. */
export const CHEMIN_GRILLE = 'content/accessibilite/rgaa-4.1.2.json';

/** Le RGAA 4.1.2 compte 106 critères en 13 thématiques. */
export const NOMBRE_CRITERES = 106;
export const NOMBRE_THEMATIQUES = 13;

const schemaDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'une date AAAA-MM-JJ');

/**
 * Ce qui établit le statut d'un critère : un test de la suite (fichier et titre, vérifiés par
 * `test/unit/accessibilite/grille.test.ts`), ou un contrôle manuel daté.
 */
const schemaPreuve = z.discriminatedUnion('sorte', [
  z.object({
    sorte: z.literal('test'),
    fichier: z.string().regex(/^test\/[\w/.-]+\.(test|spec)\.ts$/, 'un fichier de test/ en .test.ts ou .spec.ts'),
    titre: z.string().min(10),
  }),
  z.object({ sorte: z.literal('manuel'), controle: z.string().min(10), date: schemaDate }),
]);

const schemaCritere = z
  .object({
    numero: z.string().regex(/^\d{1,2}\.\d{1,2}$/),
    intitule: z.string().min(5),
    statut: z.enum(['conforme', 'non-conforme', 'non-applicable']),
    preuves: z.array(schemaPreuve).default([]),
    /** Pour un critère non applicable : pourquoi (ex. : aucune vidéo sur le site). */
    motif: z.string().min(10).optional(),
    /** Pour un critère non conforme : ce qui manque, et ce que nous ferons. */
    constat: z.string().min(10).optional(),
    plan: z.string().min(10).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.statut === 'conforme' && c.preuves.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['preuves'],
        message: `le critère ${c.numero} est déclaré conforme sans preuve (test ou contrôle manuel daté)`,
      });
    if (c.statut === 'non-conforme' && (!c.constat || !c.plan))
      ctx.addIssue({ code: 'custom', path: ['plan'], message: `le critère ${c.numero} est non conforme sans constat ni plan` });
    if (c.statut === 'non-applicable' && !c.motif)
      ctx.addIssue({ code: 'custom', path: ['motif'], message: `le critère ${c.numero} est non applicable sans motif` });
  });

const schemaThematique = z.object({ numero: z.number().int().min(1), titre: z.string().min(3), criteres: z.array(schemaCritere).min(1) });

/** La grille RGAA du portail : contexte de l'évaluation et statut de chaque critère. */
export const schemaGrille = z
  .object({
    referentiel: z.literal('RGAA 4.1.2'),
    /** Date de la dernière mise à jour de l'évaluation. */
    date: schemaDate,
    /** Qui a évalué, et comment (auto-évaluation, audit). */
    evaluation: z.string().min(10),
    technologies: z.array(z.string()).min(1),
    environnement: z.array(z.string()).min(1),
    outils: z.array(z.string()).min(1),
    thematiques: z.array(schemaThematique),
  })
  .superRefine((g, ctx) => {
    if (g.thematiques.length !== NOMBRE_THEMATIQUES)
      ctx.addIssue({
        code: 'custom',
        path: ['thematiques'],
        message: `${NOMBRE_THEMATIQUES} thématiques attendues, ${g.thematiques.length} trouvées`,
      });
    const numeros = g.thematiques.flatMap((t) => t.criteres.map((c) => c.numero));
    if (numeros.length !== NOMBRE_CRITERES || new Set(numeros).size !== NOMBRE_CRITERES)
      ctx.addIssue({
        code: 'custom',
        path: ['thematiques'],
        message: `${NOMBRE_CRITERES} critères distincts attendus, ${new Set(numeros).size} trouvés`,
      });
    g.thematiques.forEach((t, i) => {
      if (t.numero !== i + 1) ctx.addIssue({ code: 'custom', path: ['thematiques', i, 'numero'], message: `thématique ${i + 1} attendue` });
      t.criteres.forEach((c, j) => {
        if (c.numero !== `${t.numero}.${j + 1}`)
          ctx.addIssue({
            code: 'custom',
            path: ['thematiques', i, 'criteres', j, 'numero'],
            message: `critère ${t.numero}.${j + 1} attendu, ${c.numero} trouvé`,
          });
      });
    });
  });

export type Grille = z.infer<typeof schemaGrille>;
export type Critere = Grille['thematiques'][number]['criteres'][number];
export type Preuve = Critere['preuves'][number];

/**
 * Lit et valide la grille : un critère conforme sans preuve, non conforme sans plan, ou une grille incomplète arrête
 * la construction du site.
 * @throws Error en français qui nomme chaque critère fautif.
 */
export function chargerGrille(chemin = CHEMIN_GRILLE): Grille {
  return lireJsonValide(chemin, schemaGrille, 'Grille RGAA');
}

/** Le décompte des statuts et le taux de conformité au sens du RGAA. */
export interface Bilan {
  conformes: number;
  nonConformes: number;
  nonApplicables: number;
  /** Conformes / (conformes + non conformes), de 0 à 1 : la formule du RGAA, critère par critère. */
  taux: number;
  /** État de conformité du RGAA : totale à 100 %, partielle à 50 % ou plus, non conforme en dessous. */
  etat: 'totalement conforme' | 'partiellement conforme' | 'non conforme';
}

/** Calcule le taux de conformité de la grille et l'état qui s'en déduit. */
export function bilanDe(grille: Pick<Grille, 'thematiques'>): Bilan {
  const criteres = grille.thematiques.flatMap((t) => t.criteres);
  const compter = (statut: Critere['statut']) => criteres.filter((c) => c.statut === statut).length;
  const conformes = compter('conforme');
  const nonConformes = compter('non-conforme');
  const applicables = conformes + nonConformes;
  const taux = applicables === 0 ? 1 : conformes / applicables;
  const etat = taux === 1 ? 'totalement conforme' : taux >= 0.5 ? 'partiellement conforme' : 'non conforme';
  return { conformes, nonConformes, nonApplicables: compter('non-applicable'), taux, etat };
}
