/**
 * Réponses déjà sérialisées, gardées par clé (la chaîne de requête exacte) tant que `version()` ne change pas : une
 * nouvelle version (un import d'organismes, par exemple) les oublie toutes. `taille` au plus, les plus anciennes
 * partent d'abord. Seules les réponses calculées (texte) sont gardées ; un refus (réponse d'erreur) ne l'est pas.
 */
export function reponsesGardees(version: () => number | Promise<number>, taille: number) {
  const reponses = new Map<string, string>();
  let versionGardee: number | undefined;
  // La version et le calcul peuvent venir de la base (PostgreSQL : asynchrone).
  return async <Refus>(cle: string, calculer: () => string | Refus | Promise<string | Refus>): Promise<string | Refus> => {
    const v = await version();
    if (v !== versionGardee) {
      reponses.clear();
      versionGardee = v;
    }
    const gardee = reponses.get(cle);
    if (gardee !== undefined) return gardee;
    const calculee = await calculer();
    if (typeof calculee !== 'string') return calculee;
    if (reponses.size >= taille) reponses.delete(reponses.keys().next().value!);
    reponses.set(cle, calculee);
    return calculee;
  };
}
