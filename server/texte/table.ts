/**
 * La valeur d'une table pour une clé venue du dehors (saisie, paramètre d'adresse, champ de formulaire), seulement si
 * la table la porte elle-même : jamais une propriété héritée d'`Object.prototype` (`constructor`, `toString`,
 * `__proto__`…), qu'une lecture `table[cle]` ou un test `cle in table` rendraient.
 * Pour une table propre à un module, préférer une `Map`.
 * @example valeurPropre({ apec: 'l’Apec' }, 'constructor') === undefined
 */
export function valeurPropre<V>(table: Readonly<Record<string, V>>, cle: string): V | undefined {
  return Object.hasOwn(table, cle) ? table[cle] : undefined;
}

/**
 * Vrai si la clé est une de celles que la table porte elle-même (voir `valeurPropre`).
 * @example estCleDe({ repondre: 'Réponse envoyée.' }, 'toString') === false
 */
export function estCleDe<T extends object>(table: T, cle: string): cle is Extract<keyof T, string> {
  return Object.hasOwn(table, cle);
}
