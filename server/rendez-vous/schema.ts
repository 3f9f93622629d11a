import { z } from 'zod';
import { estDateCivile } from '../calendrier/dates.ts';
// eslint-disable-next-line no-restricted-syntax -- des constantes du schéma (les mêmes sur les deux moteurs), pas des tables
import { MODALITES } from '../../db/schema/rendez-vous.ts';
import { schemaProfil } from '../orientation/schema.ts';
import { schemaCodeCommune } from '../territoires/schema.ts';
import { SITUATIONS } from './eligibilite.ts';

/**
 * Les réponses de l'orientation que la décision lit (mêmes noms, mêmes règles que `POST /api/orientation`) : toutes
 * facultatives. `enEmploi` dit qu'un étudiant, un retraité ou une personne qui cherche un emploi travaille.
 */
export const CHAMPS_ORIENTATION = ['enEmploi', 'rechercheEmploi', 'handicap', 'cadre', 'accompagnementEnCours', 'age'] as const;
const champsOrientation = schemaProfil.pick({
  enEmploi: true,
  rechercheEmploi: true,
  handicap: true,
  cadre: true,
  accompagnementEnCours: true,
  age: true,
}).shape;

export { MODALITES };
export type Modalite = (typeof MODALITES)[number];

/** Motifs de sollicitation (annexe 2, « motif de sollicitation », exemples de la table de référence). */
export const MOTIFS = ['faire-le-point', 'competences', 'projet-professionnel', 'autre'] as const;
export type Motif = (typeof MOTIFS)[number];

export const LIBELLES_MOTIF: Record<Motif, string> = {
  'faire-le-point': 'Faire le point sur ma situation professionnelle',
  competences: 'Faire reconnaître ou développer mes compétences',
  'projet-professionnel': 'Construire ou réaliser un projet professionnel (changer de métier, me former, créer une activité…)',
  autre: 'Autre chose',
};

export const LIBELLES_MODALITE: Record<Modalite, string> = {
  presentiel: 'En face à face, dans un de nos sites',
  telephone: 'Par téléphone',
  visio: 'En visioconférence',
};

/** Besoins d'accessibilité que la personne peut signaler pour que l'échange se passe bien. */
export const BESOINS = ['lsf', 'sous-titrage', 'falc', 'plain-pied', 'boucle-magnetique', 'accompagnant', 'autre'] as const;
export type Besoin = (typeof BESOINS)[number];

export const LIBELLES_BESOIN: Record<Besoin, string> = {
  lsf: 'Un interprète en langue des signes française (LSF)',
  'sous-titrage': 'Une transcription écrite ou un sous-titrage en direct',
  falc: 'Des explications en français facile à lire et à comprendre',
  'plain-pied': 'Un accès sans marche (fauteuil roulant, poussette, difficulté à marcher)',
  'boucle-magnetique': 'Une boucle magnétique (appareil auditif)',
  accompagnant: 'Venir avec une personne qui m’accompagne',
  autre: 'Un autre besoin',
};

const texteNom = (quoi: string) =>
  z
    .string({ error: `Indiquez votre ${quoi}.` })
    .trim()
    .min(1, `Indiquez votre ${quoi}.`)
    .max(100, `Votre ${quoi} est trop long : 100 caractères au plus.`)
    .regex(/^\p{L}[\p{L}\p{M}'’ .-]*$/u, `Votre ${quoi} ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.`);

/**
 * Un numéro écrit comme les gens l'écrivent, sous une seule forme : national à 10 chiffres pour la France métropolitaine
 * (`0612345678`, qu'il soit écrit `06.12…`, `+33 6 …`, `+33 (0)6 …` ou `0033 6 …`), E.164 pour les autres indicatifs
 * (`+262692123456`). Voir docs/decisions/2026-12-06-telephone-et-courriel-facultatif.md.
 */
export function normaliserTelephone(brut: string): string {
  let t = brut.replace(/[\s.()/-]/g, '');
  if (t.startsWith('00')) t = `+${t.slice(2)}`;
  if (/^\+330?[1-9]\d{8}$/.test(t)) t = `0${t.slice(-9)}`;
  return t;
}

/** Téléphone français ou international ; espaces, points, tirets et indicatif `+33` / `0033` acceptés puis normalisés. */
export const schemaTelephone = z
  .string({ error: 'Le numéro de téléphone doit être du texte, par exemple 06 12 34 56 78.' })
  .trim()
  .transform(normaliserTelephone)
  .refine(
    (t) => /^(?:0[1-9]\d{8}|\+[1-9]\d{7,14})$/.test(t),
    'Le numéro de téléphone doit avoir 10 chiffres (par exemple 06 12 34 56 78) ou commencer par + et l’indicatif du pays.',
  );

/**
 * Règles qui lient plusieurs champs : un créneau ou un rappel (pas les deux), un téléphone pour être appelé.
 * Le formulaire les vérifie aussi quand d'autres champs sont faux, pour tout signaler d'un coup.
 */
export function erreursDeCoherence(d: {
  creneauId?: unknown;
  rappel?: unknown;
  modalite?: unknown;
  telephone?: unknown;
  email?: unknown;
}): { champ: string; message: string }[] {
  const erreurs = [];
  if (!d.email && !d.telephone)
    erreurs.push({
      champ: 'email',
      message: 'Indiquez votre adresse électronique, ou un numéro de téléphone si vous n’en avez pas : il faut pouvoir vous joindre.',
    });
  if (d.creneauId === undefined && d.rappel !== true)
    erreurs.push({ champ: 'creneauId', message: 'Choisissez un créneau, ou demandez à être rappelé si aucun ne vous convient.' });
  if (d.creneauId !== undefined && d.rappel === true)
    erreurs.push({ champ: 'rappel', message: 'Choisissez soit un créneau, soit d’être rappelé, pas les deux.' });
  if ((d.rappel === true || d.modalite === 'telephone') && !d.telephone)
    erreurs.push({ champ: 'telephone', message: 'Indiquez un numéro de téléphone pour que le conseiller puisse vous appeler.' });
  return erreurs;
}

/** Corps de `POST /api/rendez-vous`. */
export const schemaDemandeRendezVous = z
  .object({
    /** Nom de naissance ou nom d'usage. */
    nom: texteNom('nom'),
    prenom: texteNom('prénom'),
    /** Adresse électronique : la confirmation et le lien privé y sont envoyés. Facultative quand un téléphone est donné. */
    email: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z
        .string({ error: 'Indiquez votre adresse électronique, par exemple nom@exemple.fr.' })
        .trim()
        .max(254, 'L’adresse électronique est trop longue.')
        .pipe(z.email({ error: 'L’adresse électronique n’est pas valide : vérifiez-la, par exemple nom@exemple.fr.' }))
        .optional(),
    ),
    /** Obligatoire pour un rendez-vous par téléphone ou une demande de rappel. */
    telephone: z.preprocess((v) => (v === '' || v === null ? undefined : v), schemaTelephone.optional()),
    /** Code INSEE de la commune où la personne habite ou travaille. */
    commune: schemaCodeCommune,
    situation: z.enum(SITUATIONS, { error: 'Choisissez votre situation dans la liste.' }),
    ...champsOrientation,
    motif: z.enum(MOTIFS, { error: 'Choisissez la raison de votre demande.' }),
    modalite: z.enum(MODALITES, {
      error: 'Choisissez comment vous souhaitez échanger : en face à face, par téléphone ou en visioconférence.',
    }),
    /** Le créneau choisi dans `GET /api/creneaux`. */
    creneauId: z.number({ error: 'Le créneau choisi n’est pas valide : choisissez-en un dans la liste.' }).int().positive().optional(),
    /** Vrai : aucun créneau ne convient, la personne demande à être rappelée. */
    rappel: z.boolean({ error: 'Le champ rappel doit valoir true ou false.' }).optional(),
    besoinsAccessibilite: z
      .object({
        codes: z
          .array(z.enum(BESOINS, { error: 'Ce besoin d’accessibilité n’est pas dans la liste.' }))
          .max(BESOINS.length)
          .default([]),
        precision: z.string().trim().max(300, 'Précisez votre besoin en 300 caractères au plus.').optional(),
      })
      .optional(),
    /**
     * Le métier que l'assistant a compris (`profil.metier` de `POST /api/orientation/comprendre`), gardé avec l'accord de
     * la personne pour le « libellé de la profession » de l'annexe 2 : repris dans son dossier, jamais redemandé.
     */
    metier: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z
        .string({ error: 'Le métier doit être du texte.' })
        .trim()
        .min(2, 'Le métier est trop court.')
        .max(120, 'Le métier tient en 120 caractères au plus.')
        .optional(),
    ),
    /** Son code ROME (une lettre et quatre chiffres), s'il est connu. */
    codeRome: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z
        .string({ error: 'Le code ROME doit être du texte.' })
        .regex(/^[A-N]\d{4}$/, 'Le code ROME s’écrit une lettre et quatre chiffres, par exemple M1607.')
        .optional(),
    ),
    /** `orientation` quand la personne arrive de l'assistant d'orientation. */
    origine: z.enum(['en-ligne', 'orientation']).default('en-ligne'),
    consentement: z.literal(true, {
      error: 'Cochez la case pour accepter que nous utilisions ces informations pour organiser votre rendez-vous.',
    }),
  })
  .superRefine((d, ctx) => {
    for (const e of erreursDeCoherence(d)) ctx.addIssue({ code: 'custom', path: [e.champ], message: e.message });
  });
export type DemandeRendezVous = z.infer<typeof schemaDemandeRendezVous>;

/** Paramètres de `GET /api/creneaux`. */
export const schemaRequeteCreneaux = z.object({
  /** Code INSEE : seuls les créneaux du lot de cette commune. */
  commune: schemaCodeCommune.optional(),
  modalite: z.enum(MODALITES, { error: 'La modalité doit valoir presentiel, telephone ou visio.' }).optional(),
  /** Premier jour (local) des créneaux, AAAA-MM-JJ ; aujourd'hui par défaut. */
  depuis: z
    .string()
    .refine(estDateCivile, 'La date « depuis » doit exister et être au format AAAA-MM-JJ, par exemple 2026-11-23.')
    .optional(),
  /** Nombre de créneaux, de 1 à 200 ; 50 par défaut. */
  limite: z.coerce
    .number({ error: 'La limite doit être un nombre entre 1 et 200.' })
    .int('La limite doit être un nombre entier entre 1 et 200.')
    .min(1, 'La limite doit être un nombre entre 1 et 200.')
    .max(200, 'La limite doit être un nombre entre 1 et 200.')
    .default(50),
});
