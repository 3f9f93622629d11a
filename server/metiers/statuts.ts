// Le statut qu'un métier laisse supposer, famille ROME par famille ROME. Ce tableau est une décision, pas une
// donnée publiée : docs/decisions/2026-12-05-metier-et-statut.md dit comment il a été fait et ce qu'on demande.
import { normaliser } from '../texte/normaliser.ts';

/** Les statuts d'un actif en emploi (codes de `situation`), les seuls qu'un métier peut laisser supposer. */
export type StatutEnEmploi = 'salarie_prive' | 'independant' | 'agent_public';

const PRIVE: readonly StatutEnEmploi[] = ['salarie_prive'];
const PUBLIC: readonly StatutEnEmploi[] = ['agent_public'];
/** Salarié ou à son compte : artisans, commerçants, exploitants, artistes, conseil. */
const PRIVE_OU_COMPTE: readonly StatutEnEmploi[] = ['salarie_prive', 'independant'];
/** Établissement public ou privé : hôpital ou clinique, collectivité ou association. */
const PRIVE_OU_PUBLIC: readonly StatutEnEmploi[] = ['salarie_prive', 'agent_public'];
/** Les trois : professions de santé qui s'exercent aussi en libéral, enseignement artistique, sport. */
const TOUS: readonly StatutEnEmploi[] = ['salarie_prive', 'independant', 'agent_public'];

const groupes: [readonly StatutEnEmploi[], string][] = [
  [
    PUBLIC,
    // Défense, police, gendarmerie, pompiers, magistrature, administrations de contrôle, écoles, collèges, lycées.
    'K1401 K1404 K1405 K1501 K1502 K1503 K1504 K1505 K1701 K1702 K1703 K1704 K1705 K1706 K1707 K1904 K2104 K2106 K2107 K2108 N2202',
  ],
  [
    PRIVE_OU_COMPTE,
    // Exploitations agricoles (pas les aides agricoles, salariées), soins aux animaux, artisanat d'art.
    'A1404 A1405 A1406 A1407 A1408 A1409 A1410 A1411 A1412 A1413 A1414 A1415 A1416 A1417 A1502 A1503 A1504 ' +
      'B1101 B1201 B1301 B1302 B1303 B1401 B1402 B1501 B1601 B1602 B1603 B1604 B1701 B1801 B1802 B1803 B1804 B1805 B1806 ' +
      // Métiers de bouche, coiffure, esthétique, retouche, antiquités.
      'D1101 D1102 D1103 D1104 D1105 D1201 D1202 D1207 D1208 ' +
      // Écriture, traduction, photographie ; architecture ; artisans du bâtiment.
      'E1102 E1108 E1201 F1101 F1102 F1501 F1503 F1602 F1603 F1606 F1607 F1608 F1609 F1610 F1611 F1612 F1613 F1703 ' +
      // Menuiserie, ébénisterie ; bien-être ; avocats ; formation ; conseil ; taxis et VTC ; artistes.
      'H2206 H2207 K1103 K1903 K2111 M1402 N4102 L1101 L1102 L1201 L1202 L1203 L1204',
  ],
  [
    PRIVE_OU_PUBLIC,
    // Soins à l'hôpital ou en clinique, travail social, animation, documentation, espaces verts des villes, propreté
    // urbaine, enseignement professionnel, orientation, direction d'établissement, développement local.
    'J1101 J1301 J1302 J1304 J1306 J1501 J1502 J1503 J1504 J1505 J1507 K1201 K1202 K1205 K1207 K1301 K1302 K1601 ' +
      'K1602 K1802 K2103 K2109 K2112 K2303 G1203 A1202',
  ],
  [
    TOUS,
    // Médecins, dentistes, sages-femmes, pharmaciens, biologistes, rééducation, infirmiers, psychologues,
    // jardiniers et paysagistes, enseignement artistique, éducateurs sportifs.
    'J1102 J1103 J1104 J1201 J1202 J1402 J1403 J1404 J1406 J1407 J1408 J1409 J1412 J1506 K1104 A1203 K2105 G1204',
  ],
];

const STATUTS = new Map<string, readonly StatutEnEmploi[]>();
for (const [statuts, codes] of groupes) for (const code of codes.split(' ')) STATUTS.set(code, statuts);

/**
 * Les statuts plausibles pour une famille ROME, le plus probable d'abord. Un seul : le métier dit le statut
 * (« caissière » : salariée du privé). Plusieurs : il faut le demander (« infirmière » : hôpital public, clinique ou
 * libéral). Par défaut, salarié du privé : c'est le cas de la plupart des familles.
 * @example statutsDuMetier('J1506') // ['salarie_prive', 'independant', 'agent_public']
 */
export function statutsDuMetier(codeRome: string): readonly StatutEnEmploi[] {
  return STATUTS.get(codeRome) ?? PRIVE;
}

/** Mots d'une appellation (normalisée) qui disent son statut mieux que sa famille (« Policier municipal »). */
const INDICES: [RegExp, readonly StatutEnEmploi[]][] = [
  [
    /\b(collectivite|territorial|territoriale|de l etat|fonction publique|militaire|municipal|municipale|penitentiaire|gendarmerie|police nationale|armee|ecoles maternelles)\b/,
    PUBLIC,
  ],
  [/\b(liberal|liberale)\b/, ['independant']],
  [/\bparticulier employeur\b/, PRIVE],
];

/**
 * Les statuts plausibles pour une appellation : ceux que son libellé dit, sinon ceux de sa famille.
 * @example statutsAppellation('Infirmier libéral / Infirmière libérale', 'J1506') // ['independant']
 */
export function statutsAppellation(libelle: string, codeRome: string): readonly StatutEnEmploi[] {
  const normal = normaliser(libelle);
  return INDICES.find(([motif]) => motif.test(normal))?.[1] ?? statutsDuMetier(codeRome);
}
