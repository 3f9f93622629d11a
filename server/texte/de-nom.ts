/**
 * Le « type de nom en clair » du Code officiel géographique de l'Insee (TNCC), que `@etalab/decoupage-administratif`
 * publie pour chaque région et chaque département (`typeLiaison`) : il dit quel article porte le nom et donc comment
 * l'écrire après « de ». 0 : pas d'article, consonne ; 1 : pas d'article, voyelle ou h muet ; 2 : le ; 3 : la ;
 * 4 : les ; 5 : l' ; 6 : aux ; 7 : las ; 8 : los.
 */
const CHARNIERES = new Map<number, string>([
  [0, 'de '],
  [1, 'd’'],
  [2, 'du '],
  [3, 'de la '],
  [4, 'des '],
  [5, 'de l’'],
  [6, 'des '],
  [7, 'de las '],
  [8, 'de los '],
]);

/** Première lettre voyelle (accents compris) ou h : on élide « de » par prudence quand l'Insee ne dit rien. */
const VOYELLE_INITIALE = /^[aeiouyhàâäéèêëîïôöùûüœæ]/i;

/**
 * « de » suivi d'un nom de territoire, avec l'article et l'élision du français, d'après le type de nom de l'Insee.
 * Sans type connu : « d’ » devant une voyelle ou un h, « de » sinon, et le nom tel quel (un nom qui porte déjà son
 * article, comme « La Réunion », le garde).
 * @example deNom({ nom: 'Île-de-France', typeLiaison: 1 }) === 'd’Île-de-France'
 * @example deNom({ nom: 'Rhône', typeLiaison: 2 }) === 'du Rhône'
 * @example deNom({ nom: 'Nouvelle-Aquitaine', typeLiaison: 3 }) === 'de la Nouvelle-Aquitaine'
 */
export function deNom(territoire: { nom: string; typeLiaison?: number | undefined }): string {
  const { nom, typeLiaison } = territoire;
  const charniere = typeLiaison === undefined ? undefined : CHARNIERES.get(typeLiaison);
  return `${charniere ?? (VOYELLE_INITIALE.test(nom) ? 'd’' : 'de ')}${nom}`;
}
